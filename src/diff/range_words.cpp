// The words of claim ranges.
#include "diff/range_words.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "graph/comparisons.hpp"

namespace warrant::diff {

namespace {

// The claims' days after a purchase on `reference` that the tests from purchase, the
// end-of-service dates and comparisons of the claim allow, or nullopt when none do.
std::optional<std::pair<std::int32_t, std::int32_t>> days_at(const std::vector<DateLiteral>& lits, Date reference) {
    std::int64_t lo = reference.days, hi = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> excluded;
    for (const DateLiteral& l : lits) {
        if (l.test.kind == DateTest::Kind::Compares) {
            // The purchase is the reference date; a comparison of the claim with it or with a
            // calendar date bounds the claim, one without the claim holds or not outright. A date
            // fact's comparisons are left to the words.
            const auto side = [&](const std::string& s) -> std::optional<std::int64_t> {
                if (s == "purchased") return reference.days;
                if (const auto d = parse_iso_date(s)) return d->days;
                return std::nullopt;
            };
            const bool left_claim = l.test.left == "claimed", right_claim = l.test.right == "claimed";
            const auto left = side(l.test.left), right = side(l.test.right);
            if ((!left && !left_claim) || (!right && !right_claim)) continue;
            if (left_claim == right_claim) {
                const bool holds = left_claim ? compare(0, l.test.comparison, 0) : compare(*left, l.test.comparison, *right);
                if (holds != l.value) return std::nullopt;
                continue;
            }
            // claimed OP x, with OP turned when the claim is on the right and negated when false.
            const std::int64_t x = left_claim ? *right : *left;
            Comparison op = l.test.comparison;
            if (right_claim) {
                op = op == Comparison::AtLeast ? Comparison::AtMost
                     : op == Comparison::AtMost ? Comparison::AtLeast
                     : op == Comparison::Above  ? Comparison::Below
                     : op == Comparison::Below  ? Comparison::Above
                                                : op;
            }
            if (!l.value) {
                if (op == Comparison::Equal) {  // any day but one: it trims only an end
                    excluded.push_back(x);
                    continue;
                }
                op = op == Comparison::AtLeast ? Comparison::Below
                     : op == Comparison::AtMost ? Comparison::Above
                     : op == Comparison::Above  ? Comparison::AtMost
                                                : Comparison::AtLeast;
            }
            switch (op) {
                case Comparison::AtLeast: lo = std::max(lo, x); break;
                case Comparison::Above: lo = std::max(lo, x + 1); break;
                case Comparison::AtMost: hi = std::min(hi, x); break;
                case Comparison::Below: hi = std::min(hi, x - 1); break;
                case Comparison::Equal: lo = std::max(lo, x), hi = std::min(hi, x); break;
            }
            continue;
        }
        Date bound;
        if (l.test.kind == DateTest::Kind::WithinFromPurchase) bound = l.test.length.last_day(reference);
        else if (l.test.kind == DateTest::Kind::OnOrBefore) bound = l.test.date;
        else continue;
        if (l.value) hi = std::min<std::int64_t>(hi, bound.days);
        else lo = std::max<std::int64_t>(lo, std::int64_t{bound.days} + 1);
    }
    std::sort(excluded.begin(), excluded.end());
    for (const std::int64_t x : excluded) lo += x == lo;
    for (auto x = excluded.rbegin(); x != excluded.rend(); ++x) hi -= *x == hi;
    if (lo > hi) return std::nullopt;
    const auto first = static_cast<std::int32_t>(lo - reference.days);
    const std::int32_t last = hi == std::numeric_limits<std::int64_t>::max() ? -1 : static_cast<std::int32_t>(hi - reference.days);
    return std::make_pair(first, last);
}

std::string days_words(const std::pair<std::int32_t, std::int32_t>& days) {
    if (days.second < 0) return fmt::format("claims from {} days after purchase", days.first);
    if (days.first == days.second) return fmt::format("claims {} days after purchase", days.first);
    return fmt::format("claims {}–{} days after purchase", days.first, days.second);
}

// A comparison as the policy writes it, or its opposite. When a side is a date fact, a claim
// that does not give it fails the comparison, so "not" is kept rather than the operator turned.
std::string comparison_words(const DateTest& t, bool holds) {
    const auto is_fact = [](const std::string& side) {
        return side != "purchased" && side != "claimed" && !(side.front() >= '0' && side.front() <= '9');
    };
    const auto quoted = [&](const std::string& side) { return is_fact(side) ? fmt::format("`{}`", side) : side; };
    if (holds) return fmt::format("{} {} {}", quoted(t.left), comparison_symbol(t.comparison), quoted(t.right));
    if (is_fact(t.left) || is_fact(t.right)) {
        return fmt::format("not {} {} {}", quoted(t.left), comparison_symbol(t.comparison), quoted(t.right));
    }
    const Comparison opposite = [&] {
        switch (t.comparison) {
            case Comparison::AtLeast: return Comparison::Below;
            case Comparison::AtMost: return Comparison::Above;
            case Comparison::Above: return Comparison::AtMost;
            case Comparison::Below: return Comparison::AtLeast;
            case Comparison::Equal: break;
        }
        return Comparison::Equal;
    }();
    if (t.comparison == Comparison::Equal) return fmt::format("{} not on {}", t.left, t.right);
    return fmt::format("{} {} {}", t.left, comparison_symbol(opposite), t.right);
}

}  // namespace

std::vector<DateLiteral> literals(const DateSpace& ds, std::uint64_t care, std::uint64_t value) {
    std::vector<DateLiteral> out;
    for (std::size_t i = 0; i < ds.tests.size(); ++i) {
        if ((care >> i) & 1u) out.push_back({ds.tests[i], static_cast<bool>((value >> i) & 1u)});
    }
    return out;
}

namespace {

// The first and last purchase day that comparisons of the purchase with fixed dates allow
// (none where nothing bounds it); none at all when a comparison is "not on" a day, which no
// pair of days states.
std::optional<std::pair<std::optional<std::int32_t>, std::optional<std::int32_t>>> purchase_bounds(const std::vector<DateLiteral>& lits) {
    std::optional<std::int32_t> first, last;
    for (const DateLiteral& l : lits) {
        if (l.test.kind != DateTest::Kind::Compares || l.test.left != "purchased") continue;
        const auto day = parse_iso_date(l.test.right);
        if (!day) continue;
        const std::optional<Comparison> op = l.value ? l.test.comparison : negated(l.test.comparison);
        if (!op) return std::nullopt;  // not `=`: purchases on both sides of a day
        const DayRange days = days_where(*op, day->days);
        if (days.first != INT32_MIN) first = first ? std::max(*first, days.first) : days.first;
        if (days.last != INT32_MAX) last = last ? std::min(*last, days.last) : days.last;
    }
    return std::make_pair(first, last);
}

}  // namespace

// "purchased 2024-03-01 to 2024-09-01" reads better than two comparisons: the span when the
// comparisons bound the purchase on both sides; otherwise each is worded as the policy writes it.
std::optional<std::pair<Date, Date>> purchase_span(const std::vector<DateLiteral>& lits) {
    const auto bounds = purchase_bounds(lits);
    if (!bounds || !bounds->first || !bounds->second || *bounds->first > *bounds->second) return std::nullopt;
    return std::make_pair(Date{*bounds->first}, Date{*bounds->second});
}

std::string purchase_span_words(const std::pair<Date, Date>& span) {
    if (span.first == span.second) return fmt::format("purchased on {}", to_iso(span.first));
    return fmt::format("purchased {} to {}", to_iso(span.first), to_iso(span.second));
}

std::string date_fact_words(const DateLiteral& l, CalendarNote calendars) {
    switch (l.test.kind) {
        case DateTest::Kind::HasDate: return fmt::format("`{}` {}", l.test.fact, l.value ? "given" : "not given");
        case DateTest::Kind::DateWithinFromPurchase: {
            const std::string length = length_words(l.test.length, calendars);
            return l.value ? fmt::format("`{}` within {} after purchase", l.test.fact, length)
                           : fmt::format("no `{}` within {} after purchase", l.test.fact, length);
        }
        default: return comparison_words(l.test, l.value);
    }
}

ClaimWords claim_words(const ClaimRange& range, Date reference, CalendarNote calendars) {
    const std::vector<DateLiteral>& lits = range.dates;
    std::vector<std::string> lower, upper, conditions;
    bool symbolic_needed = false;
    bool any_dates = false;
    const auto span = purchase_span(lits);
    bool span_worded = false;
    // A date fact in a window after the purchase and outside a shorter one ("no `registered_on`
    // within 30 days after purchase, `registered_on` within 45 days after purchase") is said as
    // one stretch: "`registered_on` more than 30 days and at most 45 days after purchase".
    std::vector<std::string> stretched;  // facts said that way
    for (const DateLiteral& l : lits) {
        if (l.test.kind != DateTest::Kind::DateWithinFromPurchase || !l.value) continue;
        if (std::find(stretched.begin(), stretched.end(), l.test.fact) != stretched.end()) continue;
        std::vector<std::string> bounds;
        for (const bool inside : {false, true}) {
            for (const DateLiteral& m : lits) {
                if (m.test.kind == DateTest::Kind::DateWithinFromPurchase && m.test.fact == l.test.fact && m.value == inside) {
                    bounds.push_back(fmt::format("{} {}", inside ? "at most" : "more than", length_words(m.test.length, calendars)));
                }
            }
        }
        conditions.push_back(fmt::format("`{}` {} after purchase", l.test.fact, fmt::join(bounds, " and ")));
        stretched.push_back(l.test.fact);
    }
    for (const DateLiteral& l : lits) {
        const std::string length = length_words(l.test.length, calendars);
        if (l.test.kind == DateTest::Kind::DateWithinFromPurchase &&
            std::find(stretched.begin(), stretched.end(), l.test.fact) != stretched.end()) {
            continue;
        }
        switch (l.test.kind) {
            case DateTest::Kind::WithinFromPurchase:
                any_dates = true;
                symbolic_needed |= l.test.length.length.unit == LengthUnit::Months || calendars.last_day;
                (l.value ? upper : lower).push_back(fmt::format("{} {}", l.value ? "at most" : "more than", length));
                break;
            case DateTest::Kind::OnOrBefore:
                any_dates = true;
                symbolic_needed = true;
                (l.value ? upper : lower).push_back(fmt::format("{} {}", l.value ? "on or before" : "after", to_iso(l.test.date)));
                break;
            case DateTest::Kind::HasLastRepair:
                conditions.push_back(l.value ? "with a last repair" : "with no last repair");
                break;
            case DateTest::Kind::WithinFromRepair:
                conditions.push_back(l.value ? fmt::format("within {} after the last repair", length)
                                             : fmt::format("no last repair within {} before", length));
                break;
            case DateTest::Kind::HasDate:
            case DateTest::Kind::DateWithinFromPurchase:
                conditions.push_back(date_fact_words(l, calendars));
                break;
            case DateTest::Kind::WithinFromDate:
                conditions.push_back(l.value ? fmt::format("within {} after `{}`", length, l.test.fact)
                                             : fmt::format("no `{}` within {} before", l.test.fact, length));
                break;
            case DateTest::Kind::Compares:
                if (span && l.test.left == "purchased" && parse_iso_date(l.test.right)) {
                    if (!span_worded) conditions.push_back(purchase_span_words(*span));
                    span_worded = true;
                    break;
                }
                conditions.push_back(comparison_words(l.test, l.value));
                break;
        }
    }
    ClaimWords out;
    if (any_dates) {
        out.days = days_at(lits, reference);
        std::vector<std::string> relative, absolute;
        for (const std::vector<std::string>* bounds : {&lower, &upper}) {
            for (const std::string& b : *bounds) (b.find("after ") == 0 || b.find("on or before ") == 0 ? absolute : relative).push_back(b);
        }
        std::vector<std::string> pieces;
        if (!relative.empty()) pieces.push_back(fmt::format("{} after purchase", fmt::join(relative, " and ")));
        if (!absolute.empty()) pieces.push_back(fmt::format("{}", fmt::join(absolute, " and ")));
        const std::string symbolic = fmt::format("{}", fmt::join(pieces, ", "));
        if (out.days) {
            out.claims = days_words(*out.days);
            if (symbolic_needed) out.claims += fmt::format(" ({})", symbolic);
        } else {
            // Said only when the range's purchases include the reference date; otherwise the
            // purchases the range names say why.
            const auto bounds = purchase_bounds(lits);
            const bool excluded = bounds && ((bounds->first && reference.days < *bounds->first) ||
                                             (bounds->second && reference.days > *bounds->second));
            out.claims = excluded ? fmt::format("claims {}", symbolic)
                                  : fmt::format("claims {} (none for a purchase on {})", symbolic, to_iso(reference));
        }
    } else {
        out.claims = "every claim";
    }
    if (range.old_region.empty()) {
        if (range.outside_region) conditions.push_back(*range.outside_region ? "bought outside the region" : "bought in the region");
    } else {
        // The versions' codes differ: each is named.
        if (range.outside_old_region) {
            conditions.push_back(fmt::format("bought {} {}", *range.outside_old_region ? "outside" : "in", range.old_region));
        }
        if (range.outside_region) {
            conditions.push_back(fmt::format("bought {} {}", *range.outside_region ? "outside" : "in", range.region));
        }
    }
    for (const FactCondition& f : range.facts) conditions.push_back(f.words);
    for (const std::string& c : conditions) out.claims += ", " + c;
    return out;
}

}  // namespace warrant::diff
