// Tests that compare a claim's dates, and where their outcomes change.
#include "claims/date_comparisons.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "claims/date_search.hpp"

namespace warrant::claims {

DateComparisons::DateComparisons(const Side& before, const Side& after, DateSpace& space,
                                 std::vector<std::vector<DiffLength>> fact_lengths)
    : fact_lengths_(std::move(fact_lengths)), linked_(space.date_facts.size(), false) {
    add(before, space);
    add(after, space);
    for (const Test& t : tests_) {
        if (t.left.source == Operand::Source::Fact && t.right.source == Operand::Source::Fact) {
            linked_[t.left.fact] = true;
            linked_[t.right.fact] = true;
        }
    }
    linked_count_ = static_cast<std::size_t>(std::count(linked_.begin(), linked_.end(), true));
    if (linked_count_ > max_linked) {
        throw DiffLimit{fmt::format("{} date facts are compared with each other; the diff compares at most {} claim by claim",
                                    linked_count_, max_linked)};
    }
}

void DateComparisons::add(const Side& side, DateSpace& space) {
    const RuleGraph& g = *side.graph;
    // The index of a date fact in the space, or nullopt for one the other version does not
    // declare as a date: claims that give it are compared only by whether they are accepted.
    const auto fact_at = [&](Index f) -> std::optional<std::size_t> {
        const auto it = std::find(space.date_facts.begin(), space.date_facts.end(), g.facts[f].name);
        if (it == space.date_facts.end()) return std::nullopt;
        return static_cast<std::size_t>(it - space.date_facts.begin());
    };
    const auto place = [&](const DateTest& test, Test t) {
        const auto it = std::find(space.tests.begin(), space.tests.end(), test);
        t.bit = static_cast<std::size_t>(it - space.tests.begin());
        if (it != space.tests.end()) return;  // the other version makes the same test
        space.tests.push_back(test);
        tests_.push_back(t);
    };
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::DateCompare) {
            Test t;
            t.comparison = static_cast<Comparison>(n.c);
            bool constant = false;
            for (const auto& [from, to] : {std::pair{&n.left, &t.left}, std::pair{&n.right, &t.right}}) {
                switch (from->source) {
                    case DateOperand::Source::Purchased: to->source = Operand::Source::Purchased; break;
                    case DateOperand::Source::Claimed: to->source = Operand::Source::Claimed; break;
                    case DateOperand::Source::Fixed:
                        to->source = Operand::Source::Fixed;
                        to->fixed = from->fixed;
                        break;
                    case DateOperand::Source::Fact: {
                        const auto at = fact_at(from->fact);
                        if (!at) constant = true;
                        to->source = Operand::Source::Fact;
                        to->fact = at.value_or(0);
                        break;
                    }
                }
            }
            if (constant) continue;  // false for every claim both versions accept
            DateTest test{DateTest::Kind::Compares, {}, {}, {}};
            test.left = date_operand_text(g, n.left);
            test.right = date_operand_text(g, n.right);
            test.comparison = t.comparison;
            place(test, t);
        } else if (n.kind == CondKind::WithinAfter && n.subject_fact != none) {
            if (n.c != 0) continue;  // after the last repair or another date fact: declined before
            const auto at = fact_at(n.subject_fact);
            if (!at) continue;
            Test t;
            t.left = {Operand::Source::Fact, *at, {}};
            t.within = length_in(g, {n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months});
            if (!fact_lengths_[*at].empty()) composed_ = true;
            place(DateTest{DateTest::Kind::DateWithinFromPurchase, *t.within, {}, g.facts[n.subject_fact].name}, t);
        }
    }
}

namespace {

bool on_fact(const DateComparisons::Operand& o, std::size_t fact) {
    return o.source == DateComparisons::Operand::Source::Fact && o.fact == fact;
}

bool reads_fact(const DateComparisons::Test& t) {
    using Source = DateComparisons::Operand::Source;
    return t.left.source == Source::Fact || t.right.source == Source::Fact;
}

bool compares_facts(const DateComparisons::Test& t) {
    using Source = DateComparisons::Operand::Source;
    return t.left.source == Source::Fact && t.right.source == Source::Fact;
}

}  // namespace

std::vector<Date> DateComparisons::purchase_thresholds() const {
    std::vector<Date> out;
    for (const Test& t : tests_) {
        const bool bounds_purchase = t.left.source == Operand::Source::Purchased || t.left.source == Operand::Source::Fact;
        if (bounds_purchase && t.right.source == Operand::Source::Fixed) {
            out.push_back(t.right.fixed);
            out.push_back(add_days(t.right.fixed, 1));
        }
    }
    return out;
}

std::vector<Date> DateComparisons::claim_bounds() const {
    std::vector<Date> out;
    for (const Test& t : tests_) {
        if (t.right.source != Operand::Source::Fixed || t.left.source == Operand::Source::Purchased) continue;
        // Claims before the date, on it and after it reach other outcomes (a date fact falls on
        // or before the claim).
        const Date x = t.right.fixed;
        out.push_back(add_days(x, -1));
        out.push_back(x);
        if (t.left.source != Operand::Source::Fact) continue;
        // Claims that reach further past the date offer linked facts more days after it.
        const std::int32_t reach = linked(t.left.fact) ? stretch() : 0;
        for (std::int32_t d = 1; d <= reach; ++d) out.push_back(add_days(x, d));
        // A length counted from a date fact on either side of the date ends at these days.
        for (std::size_t f = 0; f < fact_lengths_.size(); ++f) {
            if (f != t.left.fact && !(linked(f) && linked(t.left.fact))) continue;
            for (const DiffLength& l : fact_lengths_[f]) {
                for (std::int32_t d = -1; d <= 1 + reach; ++d) out.push_back(l.last_day(add_days(x, d)));
            }
        }
    }
    return out;
}

std::vector<DiffLength> DateComparisons::purchase_lengths() const {
    std::vector<DiffLength> out;
    for (const Test& t : tests_) {
        if (t.within && std::find(out.begin(), out.end(), *t.within) == out.end()) out.push_back(*t.within);
    }
    return out;
}

void DateComparisons::claim_cuts(Date p, std::vector<std::int32_t>& out) const {
    // Where the tests on a date fact change outcome after the purchase: on the purchase day and
    // after it; on the last day of a length after the purchase and after it.
    const auto add_points = [&](std::size_t f, std::vector<Date>& points) {
        for (const Test& t : tests_) {
            if (!on_fact(t.left, f) && !(compares_facts(t) && on_fact(t.right, f))) continue;
            points.push_back(p);
            points.push_back(add_days(p, 1));
            if (t.within) {
                points.push_back(t.within->last_day(p));
                points.push_back(add_days(t.within->last_day(p), 1));
            }
        }
    };
    // Linked facts share their points: each may fall in the stretch after any of them, and a
    // stretch that a claim lets grow by a day offers them another order.
    std::vector<Date> linked_points;
    for (std::size_t f = 0; f < fact_lengths_.size(); ++f) {
        if (linked(f)) add_points(f, linked_points);
    }
    const std::size_t shared = linked_points.size();
    for (std::size_t i = 0; i < shared; ++i) {
        for (std::int32_t d = 1; d <= stretch(); ++d) linked_points.push_back(add_days(linked_points[i], d));
    }
    for (std::size_t f = 0; f < fact_lengths_.size(); ++f) {
        std::vector<Date> points;
        if (linked(f)) points = linked_points;
        else add_points(f, points);
        for (const Date x : points) {
            if (x > p) out.push_back(x.days);  // a claim on x is the first that can give that day
            for (const DiffLength& l : fact_lengths_[f]) {
                const Date last = l.last_day(x);
                if (last >= p && last < last_date) out.push_back(last.days + 1);
            }
        }
    }
}

bool DateComparisons::holds(const Test& t, const DateSample& s, std::optional<Date> on) {
    const auto value = [&](const Operand& o) -> std::optional<Date> {
        switch (o.source) {
            case Operand::Source::Purchased: return s.purchased;
            case Operand::Source::Claimed: return s.claimed;
            case Operand::Source::Fixed: return o.fixed;
            case Operand::Source::Fact: return on;
        }
        return std::nullopt;
    };
    const auto left = value(t.left);
    if (t.within) return left && *left >= s.purchased && *left <= t.within->last_day(s.purchased);
    const auto right = value(t.right);
    return left && right && compare(left->days, t.comparison, right->days);
}

std::uint64_t DateComparisons::plain_bits(const DateSample& s) const {
    std::uint64_t bits = 0;
    for (const Test& t : tests_) {
        if (!reads_fact(t) && holds(t, s, std::nullopt)) bits |= std::uint64_t{1} << t.bit;
    }
    return bits;
}

std::uint64_t DateComparisons::fact_bits(std::size_t fact, Date on, const DateSample& s) const {
    std::uint64_t bits = 0;
    for (const Test& t : tests_) {
        if (compares_facts(t)) continue;
        if ((on_fact(t.left, fact) || on_fact(t.right, fact)) && holds(t, s, on)) bits |= std::uint64_t{1} << t.bit;
    }
    return bits;
}

std::uint64_t DateComparisons::pair_bits(const DateSample& s) const {
    std::uint64_t bits = 0;
    for (const Test& t : tests_) {
        if (!compares_facts(t)) continue;
        const auto& left = s.dated[t.left.fact];
        const auto& right = s.dated[t.right.fact];
        if (left && right && compare(left->days, t.comparison, right->days)) bits |= std::uint64_t{1} << t.bit;
    }
    return bits;
}

void DateComparisons::fact_candidates(std::size_t fact, const DateSample& s, std::vector<std::int32_t>& out) const {
    const std::int32_t lo = s.purchased.days, hi = s.claimed.days;
    const auto around = [&](Date x) {
        for (std::int32_t d = x.days - 1; d <= x.days + 1; ++d) {
            if (d >= lo && d <= hi) out.push_back(d);
        }
    };
    bool any = false;
    for (const Test& t : tests_) {
        if (!on_fact(t.left, fact) && !(compares_facts(t) && on_fact(t.right, fact))) continue;
        any = true;
        if (t.right.source == Operand::Source::Fixed) around(t.right.fixed);
        if (t.within) around(t.within->last_day(s.purchased));
    }
    if (!any) return;
    around(s.purchased);
    around(s.claimed);
}

}  // namespace warrant::claims
