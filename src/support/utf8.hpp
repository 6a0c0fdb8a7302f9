// UTF-8 decoding and validation, for source checks, display widths and name normalisation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warrant::utf8 {

inline constexpr char32_t replacement = 0xFFFD;

// Decodes the code point at `i` and advances `i` past it; malformed input yields U+FFFD and
// advances one byte, so a loop over any bytes always terminates.
char32_t decode(std::string_view text, std::size_t& i);

// Appends the UTF-8 encoding of `c` (a valid code point) to `out`.
void append(std::string& out, char32_t c);

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t find_invalid(std::string_view text);

}  // namespace warrant::utf8
