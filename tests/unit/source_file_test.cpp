// SourceFile::line_col in any order of asking, across files: the same as counting from the start.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "warrant/source.hpp"

using warrant::LineCol;
using warrant::SourceFile;

namespace {

LineCol counted(const std::string& text, std::uint32_t offset) {
    LineCol at{1, 1};
    for (std::uint32_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') at = {at.line + 1, 1};
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
    }
    return at;
}

}  // namespace

TEST_CASE("source file: positions asked in order, backwards, at random and across files") {
    std::mt19937 rng(3);
    std::string a, b;
    for (int line = 0; line < 300; ++line) {
        const std::size_t length = rng() % 12;
        for (std::size_t i = 0; i < length; ++i) a += rng() % 5 == 0 ? "保" : "x";
        a += '\n';
        b += std::string(rng() % 3, 'y') + "\n";
    }
    a += "no final newline";
    const SourceFile fa("a.policy", a), fb("b.policy", b);
    std::vector<std::uint32_t> offsets;
    for (std::uint32_t i = 0; i <= a.size(); ++i) offsets.push_back(i);
    const auto check_all = [&](bool interleaved) {
        for (const std::uint32_t offset : offsets) {
            INFO("offset " << offset);
            const LineCol got = fa.line_col(offset), want = counted(a, offset);
            CHECK(got.line == want.line);
            CHECK(got.column == want.column);
            if (!interleaved) continue;
            const std::uint32_t other = offset % static_cast<std::uint32_t>(b.size() + 1);
            const LineCol got_b = fb.line_col(other), want_b = counted(b, other);  // another file between
            CHECK(got_b.line == want_b.line);
            CHECK(got_b.column == want_b.column);
        }
    };
    for (const bool interleaved : {false, true}) {
        std::sort(offsets.begin(), offsets.end());
        check_all(interleaved);
        std::reverse(offsets.begin(), offsets.end());
        check_all(interleaved);
        std::shuffle(offsets.begin(), offsets.end(), rng);
        check_all(interleaved);
    }
}
