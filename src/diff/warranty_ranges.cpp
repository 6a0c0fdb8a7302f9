// The warranty end and services of one model and part: they depend on the facts only (through
// the period chosen), so each fact class is compared once, for purchases where the ends differ.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "diff/claim_context.hpp"
#include "diff/range_cover.hpp"
#include "diff/unit_compare.hpp"
#include "warrant/decide.hpp"

namespace warrant::diff {

namespace {

constexpr std::int32_t search_days = 1461;  // a four-year cycle: every shape of month arithmetic

// The date fact a period counts from, when both versions declare it as a date (a claim naming
// a fact of one version only is rejected by the other, so only its absence is compared).
std::string shared_start(const Side& side, const Side& other, Index fact) {
    if (fact == none) return "";
    const Fact& f = side.graph->facts[fact];
    const auto o = other.graph->find_fact(f.name);
    return o && other.graph->facts[*o].type == FactType::Date ? f.name : "";
}

}  // namespace

PeriodView period_view(const Side& side, const Side& other, const FactBits& facts, const FactValues& values) {
    Claim c;
    c.model = side.model;
    c.part = side.part;
    c.facts = facts;
    c.values = values;
    PeriodView v;
    const Index p = choose_period(*side.graph, c);
    if (p == none) return v;
    const Period& period = side.graph->periods[p];
    v.length = length_in(*side.graph, period.length);
    v.from = shared_start(side, other, period.start_fact);
    for (const Index s : period.services) v.services.push_back(side.graph->services[s].name);
    return v;
}

namespace {

std::string period_words(const PeriodView& v, CalendarNote calendars) {
    if (!v.length) return "none (no period)";
    if (!v.from.empty()) return fmt::format("`{}` (the purchase when not given) + {}", v.from, length_words(*v.length, calendars));
    return fmt::format("purchase + {}", length_words(*v.length, calendars));
}

// A claim on which the two periods end on different days, if there is one: bought on
// `purchased`, giving the date fact `from` on `from_day` when set.
struct EndsApart {
    Date purchased;
    std::string from;
    Date from_day;
};

std::optional<EndsApart> claim_where_ends_differ(const PeriodView& a, const PeriodView& b, Date reference) {
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return EndsApart{reference, "", {}};
    if (!a.length || (*a.length == *b.length && a.from == b.from)) return std::nullopt;
    if (a.from == b.from) {  // both count from the same start, whichever it is
        for (std::int32_t d = 0; d < search_days; ++d) {
            const Date p = add_days(reference, d);
            if (a.length->last_day(p) != b.length->last_day(p)) return EndsApart{p, "", {}};
        }
        return std::nullopt;
    }
    // Different starts: from the purchase in both when no date is given, else from the date in one.
    if (a.length->last_day(reference) != b.length->last_day(reference)) return EndsApart{reference, "", {}};
    for (const std::string& from : {a.from, b.from}) {
        if (from.empty()) continue;
        for (std::int32_t d = 1; d < search_days; ++d) {
            const Date given = add_days(reference, d);
            const Date start_a = a.from == from ? given : reference;
            const Date start_b = b.from == from ? given : reference;
            if (a.length->last_day(start_a) != b.length->last_day(start_b)) return EndsApart{reference, from, given};
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Date> purchase_where_ends_differ(const PeriodView& a, const PeriodView& b, Date reference) {
    const auto apart = claim_where_ends_differ(a, b, reference);
    return apart ? std::optional<Date>(apart->purchased) : std::nullopt;
}

// Whether the answers differ for every claim (else only for some: 12 months against 365 days
// differ only across a 29 February; periods from different starts agree when no date is given).
bool ends_always_differ(const PeriodView& a, const PeriodView& b, Date reference) {
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return true;
    if (a.from != b.from) return false;
    for (std::int32_t d = 0; d < search_days; ++d) {
        const Date p = add_days(reference, d);
        if (a.length->last_day(p) == b.length->last_day(p)) return false;
    }
    return true;
}

namespace {

// The date facts both versions declare and some condition asks whether a claim gives: a
// period's condition may, so whether the claim gives each is a dimension of the comparison.
std::vector<std::string> gated_dates(const Side& before, const Side& after) {
    std::vector<std::string> out;
    for (const Side* side : {&before, &after}) {
        const Side& other = side == &before ? after : before;
        for (const CondNode& n : side->graph->conditions) {
            if (n.kind != CondKind::DateGiven) continue;
            const std::string name = shared_start(*side, other, n.a);
            if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
        }
    }
    return out;
}

void give_dates(const Side& side, const std::vector<std::string>& dates, unsigned mask, Date on, FactValues& values) {
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const Fact& f = side.graph->facts[*side.graph->find_fact(dates[i])];
        values[f.slot] = (mask >> i) & 1u ? on.days : no_value;
    }
}

}  // namespace

namespace {

bool compares_dates(const RuleGraph& g, Index c) {
    if (c == none) return false;
    const CondNode& n = g.conditions[c];
    switch (n.kind) {
        case CondKind::DateCompare: return true;
        case CondKind::Not: return compares_dates(g, n.a);
        case CondKind::AnyOf:
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) {
                if (compares_dates(g, g.condition_children[n.a + i])) return true;
            }
            return false;
        default: return false;
    }
}

}  // namespace

std::string period_chosen_by_dates(const RuleGraph& g) {
    for (const Period& p : g.periods) {
        if (compares_dates(g, p.condition)) {
            return fmt::format("the period of `{}` is chosen by comparing a date (`{}`)", g.parts[p.part].name, condition_text(g, p.condition));
        }
    }
    return "";
}

void add_warranty_ranges(UnitResult& result, const FactSpace& facts, const Side& before, const Side& after,
                         const DiffQuery& base, const std::string& region, Date reference, CalendarNote calendars) {
    const std::vector<std::string> dates = gated_dates(before, after);
    if (dates.size() > 6) throw DiffLimit{"periods chosen by whether claims give more than 6 dates"};
    const unsigned masks = 1u << dates.size();
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));
    for (std::size_t i = 0; i < dates.size(); ++i) domains.push_back(2);  // each gated date: given or not
    // A point: the class's group values, then per gated date whether the claim gives it.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::vector<int>>> points_by_change;
    std::vector<PeriodView> views;
    std::map<std::pair<std::size_t, std::size_t>, EndsApart> first_claim;
    const auto view_index = [&](const PeriodView& v) {
        const auto it = std::find(views.begin(), views.end(), v);
        if (it != views.end()) return static_cast<std::size_t>(it - views.begin());
        views.push_back(v);
        return views.size() - 1;
    };
    // A period counted from a gated date the claim does not give counts from the purchase.
    const auto settle = [&](PeriodView v, unsigned mask) {
        const auto at = std::find(dates.begin(), dates.end(), v.from);
        if (at != dates.end() && !((mask >> (at - dates.begin())) & 1u)) v.from.clear();
        return v;
    };
    for (const FactClass& fc : facts.classes) {
        for (unsigned mask = 0; mask < masks; ++mask) {
            FactValues values_before = fc.counts_before, values_after = fc.counts_after;
            give_dates(before, dates, mask, reference, values_before);
            give_dates(after, dates, mask, reference, values_after);
            const std::size_t b = view_index(settle(period_view(before, after, fc.before, values_before), mask));
            const std::size_t a = view_index(settle(period_view(after, before, fc.after, values_after), mask));
            if (b == a) continue;
            const auto p = claim_where_ends_differ(views[b], views[a], reference);
            if (!p) continue;
            first_claim.emplace(std::make_pair(b, a), *p);
            std::vector<int> point(fc.values.begin(), fc.values.end());
            for (std::size_t i = 0; i < dates.size(); ++i) point.push_back(static_cast<int>((mask >> i) & 1u));
            points_by_change[{b, a}].push_back(std::move(point));
        }
    }
    const std::size_t groups = facts.groups.size();
    for (const auto& [change, points] : points_by_change) {
        const PeriodView& vb = views[change.first];
        const PeriodView& va = views[change.second];
        for (const auto& cube : merge_points(points, domains)) {
            const auto point = std::find_if(points.begin(), points.end(), [&](const auto& pt) { return in_cube(cube, pt); });
            std::size_t ci = 0;
            while (!std::equal(facts.classes[ci].values.begin(), facts.classes[ci].values.end(), point->begin())) ++ci;
            ClaimRange range;
            range.kind = ClaimRange::Kind::Until;
            range.region = region;
            range.facts = fact_conditions(facts, std::vector<int>(cube.begin(), cube.begin() + static_cast<std::ptrdiff_t>(groups)));
            for (std::size_t i = 0; i < dates.size(); ++i) {
                if (cube[groups + i] == any_value) continue;
                range.dates.push_back({DateTest{DateTest::Kind::HasDate, {}, {}, dates[i]}, cube[groups + i] == 1});
            }
            range.until_before = vb.length;
            range.until_after = va.length;
            range.until_from_before = vb.from;
            range.until_from_after = va.from;
            range.services_before = vb.services;
            range.services_after = va.services;
            const EndsApart& p = first_claim.at(change);
            range.until_purchases_apart = !ends_always_differ(vb, va, reference);
            if (!range.until_purchases_apart) {
                range.claims = "every claim";
            } else if (vb.from != va.from) {
                range.claims = fmt::format("claims on which the two periods end apart (such as one giving `{}` {})",
                                           p.from.empty() ? (vb.from.empty() ? va.from : vb.from) : p.from,
                                           p.from.empty() ? "or not" : "after the purchase");
            } else {
                range.claims = fmt::format("claims {} on a day the two periods end apart (such as {})",
                                           vb.from.empty() ? "bought" : fmt::format("bought (or giving `{}`)", vb.from),
                                           to_iso(p.purchased));
            }
            for (const DateLiteral& l : range.dates) range.claims += fmt::format(", `{}` {}", l.test.fact, l.value ? "given" : "not given");
            for (const FactCondition& f : range.facts) range.claims += ", " + f.words;
            range.before = "until " + period_words(vb, calendars);
            range.after = "until " + period_words(va, calendars);
            if (vb.services != va.services) {
                range.before += fmt::format(" via {}", vb.services.empty() ? "no service" : fmt::format("{}", fmt::join(vb.services, ", ")));
                range.after += fmt::format(" via {}", va.services.empty() ? "no service" : fmt::format("{}", fmt::join(va.services, ", ")));
            }
            // The witness gives each gated date its point says it gives, and the start date
            // that shows the ends apart.
            const Date claimed = p.from.empty() ? p.purchased : p.from_day;
            range.witness = witness_query(base, DateSample{p.purchased, claimed, std::nullopt}, PurchasePlace{}, facts.classes[ci]);
            for (std::size_t i = 0; i < dates.size(); ++i) {
                if ((*point)[groups + i] != 1 || dates[i] == p.from) continue;
                range.witness.facts.emplace_back(dates[i], FactValue(ValueKind::String, to_iso(p.purchased)));
            }
            if (!p.from.empty()) range.witness.facts.emplace_back(p.from, FactValue(ValueKind::String, to_iso(p.from_day)));
            add_verified(result, std::move(range), before, after);
        }
    }
}

}  // namespace warrant::diff
