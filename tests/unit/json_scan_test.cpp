// Unit tests of src/support/json_scan.hpp: the wide scan for the end of a plain run agrees with
// a byte-by-byte scan at every length, start and position of the special byte, tails included.
#include <catch2/catch.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include "support/json_scan.hpp"

namespace {

std::size_t skip_plain_bytewise(std::string_view text, std::size_t from, bool stop_at_non_ascii) {
    std::size_t i = from;
    while (i < text.size() && !warrant::json::is_special(static_cast<unsigned char>(text[i]), stop_at_non_ascii)) ++i;
    return i;
}

}  // namespace

TEST_CASE("json scan: the end of a plain run, at every length, start and special byte", "[json]") {
    // Every byte value that is special in one mode or the other, and neighbours that are not.
    const std::string specials = std::string("\"\\\x00\x01\x1f\x80\xc3\xff", 8);
    const std::string plain = std::string(" !#[]~\x20\x7f", 8);
    for (const bool ascii : {true, false}) {
        for (std::size_t size = 0; size <= 40; ++size) {
            for (std::size_t from = 0; from <= size; ++from) {
                for (std::size_t at = from; at <= size; ++at) {  // `at == size`: no special byte
                    for (const char special : at < size ? specials : std::string(1, 'a')) {
                        std::string text(size, 'a');
                        for (std::size_t i = 0; i < size; ++i) text[i] = plain[i % plain.size()];
                        if (at < size) text[at] = special;
                        INFO("size " << size << ", from " << from << ", at " << at << ", byte "
                                     << int(static_cast<unsigned char>(special)) << ", ascii " << ascii);
                        REQUIRE(warrant::json::skip_plain(text, from, ascii) == skip_plain_bytewise(text, from, ascii));
                    }
                }
            }
        }
    }
}

TEST_CASE("json scan: random texts agree with the byte-by-byte scan", "[json]") {
    std::mt19937 random(20261207);
    for (int round = 0; round < 20000; ++round) {
        const std::size_t size = random() % 80;
        std::string text(size, ' ');
        const unsigned rare = 1 + random() % 40;  // how rarely a byte is drawn from all 256
        for (char& c : text) c = random() % rare == 0 ? static_cast<char>(random() % 256) : static_cast<char>('a' + random() % 26);
        const std::size_t from = size == 0 ? 0 : random() % (size + 1);
        for (const bool ascii : {true, false}) {
            INFO("round " << round);
            REQUIRE(warrant::json::skip_plain(text, from, ascii) == skip_plain_bytewise(text, from, ascii));
        }
    }
}
