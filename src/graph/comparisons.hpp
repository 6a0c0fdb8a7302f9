// A comparison turned round: its sides swapped, negated, or as the days on which it holds. The
// diff, the explanations and the wording all reason about `purchased >= 2024-03-01` this way.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant {

// `a c b` holds exactly when `b swapped(c) a` does.
inline Comparison swapped(Comparison c) {
    switch (c) {
        case Comparison::AtLeast: return Comparison::AtMost;
        case Comparison::AtMost: return Comparison::AtLeast;
        case Comparison::Above: return Comparison::Below;
        case Comparison::Below: return Comparison::Above;
        case Comparison::Equal: return Comparison::Equal;
    }
    return c;
}

// `not (a c b)` is `a negated(c) b`; none for `=`, whose negation is not one comparison.
inline std::optional<Comparison> negated(Comparison c) {
    switch (c) {
        case Comparison::AtLeast: return Comparison::Below;
        case Comparison::AtMost: return Comparison::Above;
        case Comparison::Above: return Comparison::AtMost;
        case Comparison::Below: return Comparison::AtLeast;
        case Comparison::Equal: return std::nullopt;
    }
    return std::nullopt;
}

// The days x on which `x c day` holds, [first, last]; INT32_MIN / INT32_MAX where unbounded.
struct DayRange {
    std::int32_t first = INT32_MIN, last = INT32_MAX;
    bool contains(std::int32_t x) const { return x >= first && x <= last; }
};
inline DayRange days_where(Comparison c, std::int32_t day) {
    switch (c) {
        case Comparison::AtLeast: return {day, INT32_MAX};
        case Comparison::AtMost: return {INT32_MIN, day};
        case Comparison::Above: return {day + 1, INT32_MAX};
        case Comparison::Below: return {INT32_MIN, day - 1};
        case Comparison::Equal: return {day, day};
    }
    return {};
}

// For a DateCompare of the purchase with a calendar date, either way round
// (`purchased >= 2024-03-01`, `2024-03-01 > purchased`): the purchase days it holds on.
// None for any other comparison.
inline std::optional<DayRange> purchase_days_where(const CondNode& n) {
    using Source = DateOperand::Source;
    if (n.kind != CondKind::DateCompare) return std::nullopt;
    const Comparison c = static_cast<Comparison>(n.c);
    if (n.left.source == Source::Purchased && n.right.source == Source::Fixed) return days_where(c, n.right.fixed.days);
    if (n.left.source == Source::Fixed && n.right.source == Source::Purchased) return days_where(swapped(c), n.left.fixed.days);
    return std::nullopt;
}

// The days d on which such a comparison (purchase_days_where) tells a purchase on d - 1 from
// one on d, added to `cuts`: none, one, or two for `=`.
inline void add_purchase_cuts(const CondNode& n, std::vector<std::int32_t>& cuts) {
    const auto days = purchase_days_where(n);
    if (!days) return;
    if (days->first != INT32_MIN) cuts.push_back(days->first);
    if (days->last != INT32_MAX) cuts.push_back(days->last + 1);
}

}  // namespace warrant
