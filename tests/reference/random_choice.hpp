// Random choices shared by the policy and claim generators: numbers, picks, the spellings
// of one name, and dates that favour month ends and leap days.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "reference/random_policy.hpp"

namespace warrant::reference {

inline int pick(Random& r, int low, int high) { return std::uniform_int_distribution<int>(low, high)(r); }
inline bool percent(Random& r, int p) { return pick(r, 0, 99) < p; }
template <typename T>
const T& one_of(Random& r, const std::vector<T>& items) { return items[static_cast<std::size_t>(pick(r, 0, static_cast<int>(items.size()) - 1))]; }

// The same model, spelt as the language allows: case, spaces, '-', '_', full-width forms.
inline std::string respell(Random& r, const std::string& s) {
    std::string out;
    const int style = pick(r, 0, 4);
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            out.push_back(c);
        } else if (style == 0) {
            out.push_back(static_cast<char>(std::tolower(u)));
        } else if (style == 1) {
            out.push_back(static_cast<char>(std::toupper(u)));
        } else if (style == 2) {
            if (c != ' ') out.push_back(c);
        } else if (style == 3) {
            if (c == ' ' && percent(r, 20)) {
                out += "\xE3\x80\x80";  // U+3000, the ideographic space
            } else {
                out.push_back(c == ' ' ? (percent(r, 50) ? '-' : '_') : c);
            }
        } else if (c == ' ' || percent(r, 50)) {
            out.push_back(c);
        } else {  // full-width form, U+FF01..U+FF5E
            const unsigned cp = u + 0xFEE0u;
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

inline Day random_day(Random& r, int first_year, int last_year) {
    Day d{pick(r, first_year, last_year), pick(r, 1, 12), 1};
    const int length = month_length(d.year, d.month);
    const int kind = pick(r, 0, 9);
    if (kind < 4) {
        d.day = length;  // month ends
    } else if (kind == 4) {
        while (!is_leap(d.year)) ++d.year;
        d.month = 2;
        d.day = 29;
    } else if (kind == 5) {
        d.day = std::min(length, pick(r, 29, 31));
    } else {
        d.day = pick(r, 1, 28);
    }
    return d;
}

}  // namespace warrant::reference
