// The warranty end and services of one model and part: they depend on the facts only (through
// the period chosen), so each fact class is compared once, for purchases where the ends differ.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "diff/claim_context.hpp"
#include "diff/unit_compare.hpp"
#include "warrant/decide.hpp"

namespace warrant::diff {

namespace {

constexpr std::int32_t search_days = 1461;  // a four-year cycle: every shape of month arithmetic

std::string period_words(const PeriodView& v, CalendarNote calendars) {
    return v.length ? fmt::format("purchase + {}", length_words(*v.length, calendars)) : "none (no period)";
}

}  // namespace

PeriodView period_view(const Side& side, const FactBits& facts, const FactValues& values) {
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
    for (const Index s : period.services) v.services.push_back(side.graph->services[s].name);
    return v;
}

// A purchase date on which the two periods end on different days, if there is one.
std::optional<Date> purchase_where_ends_differ(const PeriodView& a, const PeriodView& b, Date reference) {
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return reference;
    if (!a.length || *a.length == *b.length) return std::nullopt;
    for (std::int32_t d = 0; d < search_days; ++d) {
        const Date p = add_days(reference, d);
        if (a.length->last_day(p) != b.length->last_day(p)) return p;
    }
    return std::nullopt;
}

// Whether the answers differ for every purchase date (else only for some: 12 months against
// 365 days differ only across a 29 February).
bool ends_always_differ(const PeriodView& a, const PeriodView& b, Date reference) {
    if (a.services != b.services || a.length.has_value() != b.length.has_value()) return true;
    for (std::int32_t d = 0; d < search_days; ++d) {
        const Date p = add_days(reference, d);
        if (a.length->last_day(p) == b.length->last_day(p)) return false;
    }
    return true;
}

void add_warranty_ranges(UnitResult& result, const FactSpace& facts, const Side& before, const Side& after,
                         const DiffQuery& base, const std::string& region, Date reference, CalendarNote calendars) {
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::vector<int>>> classes_by_change;
    std::vector<PeriodView> views;
    std::map<std::pair<std::size_t, std::size_t>, Date> first_purchase;
    const auto view_index = [&](const PeriodView& v) {
        const auto it = std::find(views.begin(), views.end(), v);
        if (it != views.end()) return static_cast<std::size_t>(it - views.begin());
        views.push_back(v);
        return views.size() - 1;
    };
    for (const FactClass& fc : facts.classes) {
        const std::size_t b = view_index(period_view(before, fc.before, fc.counts_before));
        const std::size_t a = view_index(period_view(after, fc.after, fc.counts_after));
        if (b == a) continue;
        const auto p = purchase_where_ends_differ(views[b], views[a], reference);
        if (!p) continue;
        first_purchase.emplace(std::make_pair(b, a), *p);
        classes_by_change[{b, a}].push_back(std::vector<int>(fc.values.begin(), fc.values.end()));
    }
    for (const auto& [change, points] : classes_by_change) {
        const PeriodView& vb = views[change.first];
        const PeriodView& va = views[change.second];
        for (const auto& cube : merge_points(points, domains)) {
            std::size_t ci = 0;
            for (; ci < facts.classes.size(); ++ci) {
                const auto& v = facts.classes[ci].values;
                if (in_cube(cube, std::vector<int>(v.begin(), v.end()))) break;
            }
            ClaimRange range;
            range.kind = ClaimRange::Kind::Until;
            range.region = region;
            range.facts = fact_conditions(facts, cube);
            range.until_before = vb.length;
            range.until_after = va.length;
            range.services_before = vb.services;
            range.services_after = va.services;
            const Date p = first_purchase.at(change);
            range.until_purchases_apart = !ends_always_differ(vb, va, reference);
            range.claims = !range.until_purchases_apart
                               ? "every claim"
                               : fmt::format("claims bought on a day the two periods end apart (such as {})", to_iso(p));
            for (const FactCondition& f : range.facts) range.claims += ", " + f.words;
            range.before = "until " + period_words(vb, calendars);
            range.after = "until " + period_words(va, calendars);
            if (vb.services != va.services) {
                range.before += fmt::format(" via {}", vb.services.empty() ? "no service" : fmt::format("{}", fmt::join(vb.services, ", ")));
                range.after += fmt::format(" via {}", va.services.empty() ? "no service" : fmt::format("{}", fmt::join(va.services, ", ")));
            }
            range.witness = witness_query(base, {p, p, std::nullopt}, PurchasePlace{}, facts.classes[ci]);
            add_verified(result, std::move(range), before, after);
        }
    }
}

}  // namespace warrant::diff
