// Bisection and order checks over dates.
#include "claims/date_search.hpp"

#include <algorithm>

namespace warrant::claims {

namespace {

int order(const DiffLength& x, const DiffLength& y, Date from) {
    const Date a = x.last_day(from), b = y.last_day(from);
    return a < b ? 0 : a == b ? 1 : 2;
}

}  // namespace

// Counts of days keep their distance; counts of months under one rule and one last-day
// convention end in the order of their counts (a later month always; a day spilled past a short
// month's end lands at most three days into the next month, before any day a longer count can
// end on there); and M months span 28M - 3 to 31M + 3 days, so a count of days well outside
// that span stays on its side.
bool order_fixed(const DiffLength& x, const DiffLength& y) {
    if (x.length.unit == LengthUnit::Days && y.length.unit == LengthUnit::Days) return true;
    if (x.length.unit == LengthUnit::Months && y.length.unit == LengthUnit::Months) {
        return x.months == y.months && x.last_day_covered == y.last_day_covered;
    }
    const std::int64_t days = x.length.unit == LengthUnit::Days ? x.length.count : y.length.count;
    const std::int64_t months = x.length.unit == LengthUnit::Months ? x.length.count : y.length.count;
    constexpr std::int64_t margin = 5;  // the month rule's three days, a last day excluded, and one to spare
    return days < 28 * months - margin || days > 31 * months + margin;
}

std::int32_t first_reaching(const DiffLength& length, Date target, std::int32_t lo, std::int32_t hi) {
    if (length.length.count == 0) return std::clamp(target.days, lo, hi + 1);
    std::int32_t a = lo, b = hi + 1;
    while (a < b) {
        const std::int32_t mid = a + (b - a) / 2;
        if (length.last_day(Date{mid}) >= target) b = mid;
        else a = mid + 1;
    }
    return a;
}

bool order_varies(const std::vector<DiffLength>& lengths, Date from) {
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        for (std::size_t j = i + 1; j < lengths.size(); ++j) {
            if (order_fixed(lengths[i], lengths[j])) continue;
            const int first = order(lengths[i], lengths[j], from);
            for (std::int32_t d = 1; d < cycle; ++d) {
                if (order(lengths[i], lengths[j], add_days(from, d)) != first) return true;
            }
        }
    }
    return false;
}


}  // namespace warrant::claims
