// Searching dates for the points where lengths counted from them cross a date or each other.
#pragma once

#include <cstdint>
#include <vector>

#include "warrant/diff.hpp"

namespace warrant::claims {

inline const Date first_date = *make_date(1, 1, 1);
// `warrant query` accepts claims dated up to 8999, so witnesses stay within that.
inline const Date last_date = *make_date(8999, 12, 31);

// Four years: every shape of month arithmetic (month lengths, a leap day or not) occurs in it.
inline constexpr std::int32_t cycle = 1461;
// `overflow` month arithmetic is not monotonic at month ends (Jan 31 + 1 month = Mar 3, Feb 1 +
// 1 month = Mar 1): around a threshold found by bisection, the dates this close are tried too.
inline constexpr std::int32_t fuzz = 5;

// The first date D in [lo, hi] with length.last_day(D) >= target (hi + 1 if none), by
// bisection: exact for `clamp` months and days, within a few days for `overflow`.
std::int32_t first_reaching(const DiffLength& length, Date target, std::int32_t lo, std::int32_t hi);

// Whether two lengths end in the same order (before, together or after) from every day, known
// without walking the calendar; false where only a walk can tell.
bool order_fixed(const DiffLength& x, const DiffLength& y);

// Whether two of the lengths can fall in either order (or together) depending on the date
// they are counted from, over a four-year cycle from `from`.
bool order_varies(const std::vector<DiffLength>& lengths, Date from);

}  // namespace warrant::claims
