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
            const int first = order(lengths[i], lengths[j], from);
            for (std::int32_t d = 1; d < cycle; ++d) {
                if (order(lengths[i], lengths[j], add_days(from, d)) != first) return true;
            }
        }
    }
    return false;
}


}  // namespace warrant::claims
