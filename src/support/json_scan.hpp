// Finding the bytes that end a plain run inside a JSON string, eight bytes at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace warrant::json {

// Whether a JSON string needs more than copying at this byte: '"', '\\', a control character,
// or (when `stop_at_non_ascii`) a byte of a multi-byte UTF-8 sequence.
constexpr bool is_special(unsigned char c, bool stop_at_non_ascii) {
    return c == '"' || c == '\\' || c < 0x20 || (stop_at_non_ascii && c >= 0x80);
}

namespace detail {

inline std::uint64_t load_word(const char* at) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    return word;
}

// The high bit of each special byte of `word` set (SWAR). The carry tricks can also flag a
// byte above a truly special one, never one below, so the lowest flag is always exact.
inline std::uint64_t special_bytes(std::uint64_t word, bool stop_at_non_ascii) {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const auto zero_bytes = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    std::uint64_t special = zero_bytes(word ^ (ones * '"')) | zero_bytes(word ^ (ones * '\\')) |
                            ((word - ones * 0x20) & ~word & high);  // bytes below 0x20
    if (stop_at_non_ascii) special |= word & high;
    return special;
}

}  // namespace detail

// The first special byte in text[from, end), or text.size(), eight bytes at a time.
inline std::size_t skip_plain(std::string_view text, std::size_t from, bool stop_at_non_ascii) {
    std::size_t i = from;
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= text.size(); i += 8) {
            if (const auto special = detail::special_bytes(detail::load_word(text.data() + i), stop_at_non_ascii)) {
                return i + static_cast<std::size_t>(std::countr_zero(special)) / 8;
            }
        }
        // The tail, as one more word ending at the end of the text. Its bytes before `i` lie
        // at or after `from`, so they are plain and cannot cause a false flag at or after `i`.
        if (i < text.size() && from + 8 <= text.size()) {
            const std::size_t start = text.size() - 8;
            const auto special = detail::special_bytes(detail::load_word(text.data() + start), stop_at_non_ascii) >>
                                 ((i - start) * 8);
            return special ? i + static_cast<std::size_t>(std::countr_zero(special)) / 8 : text.size();
        }
    }
    while (i < text.size() && !is_special(static_cast<unsigned char>(text[i]), stop_at_non_ascii)) ++i;
    return i;
}

}  // namespace warrant::json
