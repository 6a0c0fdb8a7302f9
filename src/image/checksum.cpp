// The image checksum: FNV-1a's constants, one step per 8-byte word rather than per byte. Each
// step (xor a word, multiply by an odd number) is a bijection of the state, so two inputs that
// differ in one word always end in different checksums.
#include <cstdint>
#include <string>

#include "image/byte_cursor.hpp"
#include "image/image.hpp"

namespace warrant::image {

namespace {

constexpr std::uint64_t fnv_basis = 14695981039346656037ull;
constexpr std::uint64_t fnv_prime = 1099511628211ull;

std::uint64_t feed(std::uint64_t h, std::string_view bytes) {
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) h = (h ^ load_u64(bytes.data() + i)) * fnv_prime;
    for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * fnv_prime;
    return (h ^ bytes.size()) * fnv_prime;  // the length too: a shorter input is another input
}

}  // namespace

std::uint64_t image_checksum(std::string_view header_start, std::string_view payload) {
    return feed(feed(fnv_basis, header_start), payload);
}

void reseal(std::string& image) {
    if (image.size() < header_size) return;
    const std::string_view bytes(image);
    const std::uint64_t sum = image_checksum(bytes.substr(0, checksum_offset), bytes.substr(header_size));
    for (int i = 0; i < 8; ++i) image[checksum_offset + i] = static_cast<char>((sum >> (8 * i)) & 0xFF);
}

}  // namespace warrant::image
