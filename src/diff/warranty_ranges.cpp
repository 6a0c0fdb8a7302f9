// The warranty end and services of one model and part: they depend on the facts only (through
// the period chosen), so each fact class is compared once, for purchases where the ends differ.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "diff/claim_context.hpp"
#include "diff/range_cover.hpp"
#include "diff/range_words.hpp"
#include "diff/unit_compare.hpp"
#include "graph/comparisons.hpp"
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

PeriodView period_view(const Side& side, const Side& other, const FactBits& facts, const FactValues& values, Date purchased) {
    Claim c;
    c.model = side.model;
    c.part = side.part;
    c.purchased = c.claimed = purchased;
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

// Up to a four-year cycle of purchase days in `stretch`, around `reference` where it can.
struct PurchaseDays {
    Date first;
    std::int32_t count = 0;
};

PurchaseDays purchase_days(const PurchaseStretch& stretch, Date reference) {
    Date first = stretch.nearest(reference);
    if (stretch.last && stretch.last->days - first.days < search_days - 1) {
        first = Date{std::max(stretch.last->days - (search_days - 1), stretch.first ? stretch.first->days : stretch.last->days - (search_days - 1))};
    }
    const std::int32_t count = stretch.last ? std::min(search_days, stretch.last->days - first.days + 1) : search_days;
    return {first, count};
}

std::optional<EndsApart> claim_where_ends_differ(const PeriodView& a, const PeriodView& b, const PurchaseStretch& stretch, Date reference) {
    const PurchaseDays days = purchase_days(stretch, reference);
    const Date start = days.first;
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return EndsApart{stretch.nearest(reference), "", {}};
    if (!a.length || (*a.length == *b.length && a.from == b.from)) return std::nullopt;
    if (a.from == b.from) {  // both count from the same start, whichever it is
        for (std::int32_t d = 0; d < days.count; ++d) {
            const Date p = add_days(start, d);
            if (a.length->last_day(p) != b.length->last_day(p)) return EndsApart{p, "", {}};
        }
        return std::nullopt;
    }
    // Different starts: from the purchase in both when no date is given, else from the date in one.
    for (std::int32_t d = 0; d < days.count; ++d) {
        const Date p = add_days(start, d);
        if (a.length->last_day(p) != b.length->last_day(p)) return EndsApart{p, "", {}};
    }
    for (const std::string& from : {a.from, b.from}) {
        if (from.empty()) continue;
        for (std::int32_t d = 1; d < search_days; ++d) {
            const Date given = add_days(start, d);
            const Date start_a = a.from == from ? given : start;
            const Date start_b = b.from == from ? given : start;
            if (a.length->last_day(start_a) != b.length->last_day(start_b)) return EndsApart{start, from, given};
        }
    }
    return std::nullopt;
}

}  // namespace

Date PurchaseStretch::nearest(Date reference) const {
    if (first && reference < *first) return *first;
    if (last && reference > *last) return *last;
    return reference;
}

std::optional<Date> purchase_where_ends_differ(const PeriodView& a, const PeriodView& b, const PurchaseStretch& stretch,
                                               Date reference) {
    const auto apart = claim_where_ends_differ(a, b, stretch, reference);
    return apart ? std::optional<Date>(apart->purchased) : std::nullopt;
}

// Whether the answers differ for every claim (else only for some: 12 months against 365 days
// differ only across a 29 February; periods from different starts agree when no date is given).
bool ends_always_differ(const PeriodView& a, const PeriodView& b, const PurchaseStretch& stretch, Date reference) {
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return true;
    if (a.from != b.from) return false;
    // Lengths that end in one order from every day end apart on every day if on one.
    if (order_fixed(*a.length, *b.length)) return a.length->last_day(reference) != b.length->last_day(reference);
    const PurchaseDays days = purchase_days(stretch, reference);
    for (std::int32_t d = 0; d < days.count; ++d) {
        const Date p = add_days(days.first, d);
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

// Calls `visit` on each date comparison and each window (DateCompare, WithinAfter) of the
// condition tree at `c`.
template <typename Visit>
void for_each_date_test(const RuleGraph& g, Index c, Visit&& visit) {
    if (c == none) return;
    const CondNode& n = g.conditions[c];
    switch (n.kind) {
        case CondKind::DateCompare:
        case CondKind::WithinAfter: visit(n); break;
        case CondKind::Not: for_each_date_test(g, n.a, visit); break;
        case CondKind::AnyOf:
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) for_each_date_test(g, g.condition_children[n.a + i], visit);
            break;
        default: break;
    }
}

}  // namespace

std::string period_chosen_by_dates(const Side& side) {
    // Only the periods the unit may be given: another model's period decides nothing here.
    const RuleGraph& g = *side.graph;
    if (side.model == none || side.part == none) return "";
    const std::size_t slot = static_cast<std::size_t>(side.model) * g.parts.size() + side.part;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        const Period& p = g.periods[g.period_choices[i]];
        bool other = false;
        // The purchase against a calendar date is cut into stretches; any other date compared,
        // and a date the claim carries tested against a window, is not.
        for_each_date_test(g, p.condition, [&](const CondNode& n) {
            other = other || n.kind == CondKind::WithinAfter || !purchase_days_where(n);
        });
        if (other) {
            return fmt::format("the period of `{}` is chosen by comparing a date the claim carries (`{}`)",
                               g.parts[p.part].name, condition_text(g, p.condition));
        }
    }
    return "";
}

std::vector<PurchaseStretch> purchase_stretches(const Side& before, const Side& after) {
    // A cut at day d: purchases before d and from d on may be given different periods. Only the
    // periods the unit may be given count: a catalogue's other periods would cost a scan of
    // every period per unit, and cut its ranges where nothing changes.
    std::vector<std::int32_t> cuts;
    for (const Side* side : {&before, &after}) {
        const RuleGraph* g = side->graph;
        if (side->model == none || side->part == none) continue;
        const std::size_t slot = static_cast<std::size_t>(side->model) * g->parts.size() + side->part;
        for (std::uint32_t i = g->choice_begin[slot]; i < g->choice_begin[slot + 1]; ++i) {
            const Period& p = g->periods[g->period_choices[i]];
            for_each_date_test(*g, p.condition, [&](const CondNode& n) {
                if (n.kind == CondKind::DateCompare) add_purchase_cuts(n, cuts);
            });
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<PurchaseStretch> out(cuts.size() + 1);
    for (std::size_t i = 0; i < cuts.size(); ++i) {
        out[i].last = Date{cuts[i] - 1};
        out[i + 1].first = Date{cuts[i]};
    }
    return out;
}

std::size_t stretch_of(const std::vector<PurchaseStretch>& stretches, Date purchased) {
    std::size_t i = 0;
    while (i + 1 < stretches.size() && !stretches[i].contains(purchased)) ++i;
    return i;
}

void add_warranty_ranges(UnitResult& result, const FactSpace& facts, const Side& before, const Side& after,
                         const DiffQuery& base, const std::string& region, Date reference, CalendarNote calendars) {
    const std::vector<std::string> dates = gated_dates(before, after);
    if (dates.size() > 6) throw DiffLimit{"periods chosen by whether claims give more than 6 dates"};
    const unsigned masks = 1u << dates.size();
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));
    for (std::size_t i = 0; i < dates.size(); ++i) domains.push_back(2);  // each gated date: given or not
    const std::vector<PurchaseStretch> stretches = purchase_stretches(before, after);
    domains.push_back(static_cast<int>(stretches.size()));
    // A point: the class's group values, then per gated date whether the claim gives it, then
    // the purchase stretch.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::vector<int>>> points_by_change;
    std::vector<PeriodView> views;
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, EndsApart> first_claim;  // per change and stretch
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
        for (std::size_t si = 0; si < stretches.size(); ++si) {
            const Date bought = stretches[si].nearest(reference);
            for (unsigned mask = 0; mask < masks; ++mask) {
                FactValues values_before = fc.counts_before, values_after = fc.counts_after;
                give_dates(before, dates, mask, bought, values_before);
                give_dates(after, dates, mask, bought, values_after);
                const std::size_t b = view_index(settle(period_view(before, after, fc.before, values_before, bought), mask));
                const std::size_t a = view_index(settle(period_view(after, before, fc.after, values_after, bought), mask));
                if (b == a) continue;
                const auto p = claim_where_ends_differ(views[b], views[a], stretches[si], reference);
                if (!p) continue;
                first_claim.emplace(std::make_tuple(b, a, si), *p);
                std::vector<int> point(fc.values.begin(), fc.values.end());
                for (std::size_t i = 0; i < dates.size(); ++i) point.push_back(static_cast<int>((mask >> i) & 1u));
                point.push_back(static_cast<int>(si));
                points_by_change[{b, a}].push_back(std::move(point));
            }
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
            // The purchases of the cube's stretch (all of them when the cube spans every stretch).
            const int stretch_value = cube[groups + dates.size()];
            const PurchaseStretch stretch = stretch_value == any_value ? PurchaseStretch{} : stretches[static_cast<std::size_t>(stretch_value)];
            if (stretch.first) range.dates.push_back({DateTest{DateTest::Kind::Compares, {}, {}, {}, "purchased", to_iso(*stretch.first), Comparison::AtLeast}, true});
            if (stretch.last) range.dates.push_back({DateTest{DateTest::Kind::Compares, {}, {}, {}, "purchased", to_iso(*stretch.last), Comparison::AtMost}, true});
            const EndsApart& p = first_claim.at(std::make_tuple(change.first, change.second, static_cast<std::size_t>((*point)[groups + dates.size()])));
            range.until_purchases_apart = !ends_always_differ(vb, va, stretch, reference);
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
            for (const DateLiteral& l : range.dates) {
                if (l.test.kind == DateTest::Kind::HasDate) range.claims += fmt::format(", `{}` {}", l.test.fact, l.value ? "given" : "not given");
            }
            // Worded as the verdict ranges word comparisons of the purchase.
            if (stretch.first && stretch.last) range.claims += ", " + purchase_span_words({*stretch.first, *stretch.last});
            else if (stretch.first) range.claims += fmt::format(", purchased >= {}", to_iso(*stretch.first));
            else if (stretch.last) range.claims += fmt::format(", purchased <= {}", to_iso(*stretch.last));
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
