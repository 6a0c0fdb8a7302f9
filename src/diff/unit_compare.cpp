// One model and part: decide every (fact class, region of purchase, date cell) under both
// versions, then describe the differing ones as few exact ranges.
#include "diff/unit_compare.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "diff/claim_context.hpp"
#include "diff/range_cover.hpp"
#include "diff/range_words.hpp"
#include "diff/reasons.hpp"
#include "warrant/decide.hpp"

namespace warrant::diff {

namespace {

// Beyond this many (context, date cell) points, ranges are described group by group instead.
constexpr std::size_t joint_limit = 20000;

std::string outcome_name(const Side& side, const Decision& d) {
    return d.outcome == none ? "" : side.graph->outcomes[d.outcome].name;
}

// Whether a fact class's claims get the same warranty end and services from both versions.
struct EndsAlike {
    enum When : std::uint8_t { Always, Sometimes, Never } when = Always;
    std::size_t view_before = 0, view_after = 0;  // the periods, when they differ
};

// Claims answered alike that cite other clauses: the identities each version cites, and for
// fact classes whose periods differ, which periods (only purchases they end alike count).
struct ReasonTransition {
    std::vector<int> before, after;  // clause numbers (ClauseIdentity)
    bool ends_sometimes = false;
    std::size_t view_before = 0, view_after = 0;
    friend bool operator==(const ReasonTransition&, const ReasonTransition&) = default;
};

// A claim of date cell `key` bought on a day the two periods end alike: the cell's first claim
// or one with its dates shifted together by whole days, up to a four-year cycle either way.
// None when no such shift stays in the cell: its claims are then all answered differently.
std::optional<DateSample> sample_with_alike_ends(const DateSpace& ds, std::size_t k, const PeriodView& before, const PeriodView& after) {
    // Each period counts from its date fact when the claim gives it, else from the purchase.
    const auto alike = [&](const DateSample& s) {
        const auto end = [&](const PeriodView& v) {
            if (!v.length) return std::optional<Date>();
            Date start = s.purchased;
            const auto at = std::find(ds.date_facts.begin(), ds.date_facts.end(), v.from);
            if (at != ds.date_facts.end() && static_cast<std::size_t>(at - ds.date_facts.begin()) < s.dated.size()) {
                start = s.dated[static_cast<std::size_t>(at - ds.date_facts.begin())].value_or(s.purchased);
            }
            return std::optional<Date>(v.length->last_day(start));
        };
        return end(before) == end(after);
    };
    const DateSample& first = ds.witnesses[k];
    if (alike(first)) return first;
    for (std::int32_t shift = 1; shift <= 1461; ++shift) {
        for (const std::int32_t d : {shift, -shift}) {
            DateSample s{add_days(first.purchased, d), add_days(first.claimed, d), std::nullopt};
            if (first.last_repair) s.last_repair = add_days(*first.last_repair, d);
            for (const auto& given : first.dated) s.dated.push_back(given ? std::optional<Date>(add_days(*given, d)) : std::nullopt);
            if (alike(s) && ds.key_of(s) == ds.keys[k]) return s;
        }
    }
    return std::nullopt;
}

// The variables a date cover may drop, in that order: whether the claim gives a date fact, the
// tests from it and on it, whether there was a repair, the tests from the repair, the
// comparisons of dates, the end-of-service dates, then lengths from purchase, shortest first. The
// bounds left at the end are the ones that matter.
std::vector<Variable> date_variables(const DateSpace& ds, Date reference) {
    std::vector<int> order;
    for (const auto kind : {DateTest::Kind::HasDate, DateTest::Kind::WithinFromDate, DateTest::Kind::DateWithinFromPurchase,
                            DateTest::Kind::HasLastRepair, DateTest::Kind::WithinFromRepair, DateTest::Kind::Compares,
                            DateTest::Kind::OnOrBefore}) {
        for (std::size_t i = 0; i < ds.tests.size(); ++i) {
            if (ds.tests[i].kind == kind) order.push_back(static_cast<int>(i));
        }
    }
    std::vector<int> lengths;
    for (std::size_t i = 0; i < ds.tests.size(); ++i) {
        if (ds.tests[i].kind == DateTest::Kind::WithinFromPurchase) lengths.push_back(static_cast<int>(i));
    }
    std::stable_sort(lengths.begin(), lengths.end(), [&](int a, int b) {
        return ds.tests[a].length.last_day(reference) < ds.tests[b].length.last_day(reference);
    });
    order.insert(order.end(), lengths.begin(), lengths.end());
    std::vector<Variable> out;
    for (const int bit : order) out.push_back({0, std::uint64_t{1} << bit});
    return out;
}

// Describes the cells of each transition (1 .. count-1) of `table` as few exact cubes, calling
// emit(t, fact conditions, place, care_dates, value_dates, class, place index, date key) for each.
template <typename Emit>
void cover_cells(const FactSpace& facts, const Regions& regions, const DateSpace& ds, Date reference,
                 const std::vector<std::vector<int>>& table, std::size_t count, const Emit& emit) {
    const std::vector<PurchasePlace>& places = regions.places;
    const std::size_t np = places.size();
    const std::size_t keys = ds.keys.size();
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));
    const std::vector<Variable> date_order = date_variables(ds, reference);
    const Point all_dates{0, ds.tests.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << ds.tests.size()) - 1};
    if (table.size() * keys <= joint_limit) {
        // One cover over facts, region of purchase and dates together: facts that do not matter
        // on some dates drop out there.
        const ContextCode code(facts, !regions.old_region.empty());
        std::vector<Variable> order = code.variables();
        order.insert(order.end(), date_order.begin(), date_order.end());
        const Point all{code.all_bits(), all_dates.dates};
        for (std::size_t t = 1; t < count; ++t) {
            std::vector<Point> on, off;
            std::vector<std::pair<std::size_t, std::size_t>> on_at;  // (context, key), keys first: witnesses at the reference
            for (std::size_t k = 0; k < keys; ++k) {
                for (std::size_t c = 0; c < table.size(); ++c) {
                    const Point p{code.encode(facts.classes[c / np], places[c % np]), ds.keys[k]};
                    if (table[c][k] == static_cast<int>(t)) {
                        on.push_back(p);
                        on_at.emplace_back(c, k);
                    } else {
                        off.push_back(p);
                    }
                }
            }
            if (on.empty()) continue;
            for (const Cube& cube : cover_points(on, off, order, all)) {
                std::size_t i = 0;
                while (!cube.contains(on[i])) ++i;
                const auto [c, k] = on_at[i];
                emit(t, code.conditions(facts, cube), code.place(cube), cube.care_dates, cube.value_dates, c / np, c % np, k);
            }
        }
    } else {
        // Too many points for one cover: group the contexts that differ on the same dates in the
        // same ways, merge those exactly, and cover the dates of each group.
        std::map<std::vector<int>, std::vector<std::vector<int>>> contexts_by_pattern;
        for (std::size_t c = 0; c < table.size(); ++c) {
            if (std::all_of(table[c].begin(), table[c].end(), [](int t) { return t == 0; })) continue;
            std::vector<int> point(facts.classes[c / np].values.begin(), facts.classes[c / np].values.end());
            point.push_back(static_cast<int>(c % np));
            contexts_by_pattern[table[c]].push_back(std::move(point));
        }
        std::vector<int> context_domains = domains;
        context_domains.push_back(static_cast<int>(np));
        for (const auto& [pattern, points] : contexts_by_pattern) {
            const auto merged = merge_points(points, context_domains);
            for (std::size_t t = 1; t < count; ++t) {
                std::vector<Point> on, off;
                std::vector<std::size_t> on_key;
                for (std::size_t k = 0; k < keys; ++k) {
                    if (pattern[k] == static_cast<int>(t)) {
                        on.push_back({0, ds.keys[k]});
                        on_key.push_back(k);
                    } else {
                        off.push_back({0, ds.keys[k]});
                    }
                }
                if (on.empty()) continue;
                for (const Cube& dates : cover_points(on, off, date_order, all_dates)) {
                    std::size_t i = 0;
                    while (!dates.contains(on[i])) ++i;
                    for (const auto& cube : merged) {
                        const auto point = std::find_if(points.begin(), points.end(), [&](const auto& p) { return in_cube(cube, p); });
                        std::size_t ci = 0;
                        while (!std::equal(facts.classes[ci].values.begin(), facts.classes[ci].values.end(), point->begin())) ++ci;
                        PlaceCondition where;
                        if (cube.back() != any_value) {
                            const PurchasePlace& place = places[static_cast<std::size_t>(cube.back())];
                            where.outside_after = place.outside_after;
                            if (!regions.old_region.empty()) where.outside_before = place.outside_before;
                        }
                        emit(t, fact_conditions(facts, cube), where, dates.care_dates, dates.value_dates, ci,
                             static_cast<std::size_t>(point->back()), on_key[i]);
                    }
                }
            }
        }
    }

}

}  // namespace

namespace {

// Whether both versions answer `q` alike but cite other clauses.
bool reasons_differ(const DiffQuery& q, const Side& before, const Side& after, const ClauseIdentity& ids) {
    const DiffAnswer b = answer_query(*before.graph, q, false), a = answer_query(*after.graph, q, false);
    return b.error.empty() && b.same_answer(a) && identities_before(ids, b.clauses) != identities_after(a.clauses);
}

// A reason witness names as few true/false facts as the range allows: its clauses are what the
// report shows, and a claim with every exclusion holding cites every exclusion's clause.
void fewer_facts(ClaimRange& range, const Side& before, const Side& after, const ClauseIdentity& ids) {
    for (std::size_t i = range.witness.facts.size(); i-- > 0;) {
        if (range.witness.facts[i].second.kind != ValueKind::Bool) continue;
        DiffQuery q = range.witness;
        q.facts.erase(q.facts.begin() + static_cast<std::ptrdiff_t>(i));
        if (range.covers(q) && reasons_differ(q, before, after, ids)) range.witness = std::move(q);
    }
}

}  // namespace

void add_verified(UnitResult& result, ClaimRange range, const Side& before, const Side& after, const ClauseIdentity* ids) {
    if (range.kind == ClaimRange::Kind::Reason && ids) fewer_facts(range, before, after, *ids);
    const DiffAnswer lenient_before = answer_query(*before.graph, range.witness, false);
    const DiffAnswer lenient_after = answer_query(*after.graph, range.witness, false);
    bool shown = false;
    switch (range.kind) {
        case ClaimRange::Kind::Verdict:
            shown = lenient_before.verdict != lenient_after.verdict && lenient_before.error.empty() && lenient_after.error.empty();
            break;
        case ClaimRange::Kind::Reason: shown = ids && reasons_differ(range.witness, before, after, *ids); break;
        default:
            shown = lenient_before.warranty_until != lenient_after.warranty_until || lenient_before.services != lenient_after.services;
    }
    if (!shown) {
        ++result.unverified;
        return;
    }
    range.witness_before = answer_query(*before.graph, range.witness, true);
    range.witness_after = answer_query(*after.graph, range.witness, true);
    if (range.kind == ClaimRange::Kind::Reason) {
        range.clauses_before = lenient_before.clauses;
        range.clauses_after = lenient_after.clauses;
        const std::string verdict = lenient_before.verdict;
        range.before = fmt::format("{} per {}", verdict, range.clauses_before.empty() ? "no clause" : fmt::format("{}", fmt::join(range.clauses_before, ", ")));
        range.after = fmt::format("{} per {}", verdict, range.clauses_after.empty() ? "no clause" : fmt::format("{}", fmt::join(range.clauses_after, ", ")));
        result.reasons.push_back(std::move(range));
        return;
    }
    result.ranges.push_back(std::move(range));
}

DiffQuery witness_query(const DiffQuery& base, const DateSample& d, const PurchasePlace& place, const FactClass& fc,
                        const DateSpace* dates) {
    DiffQuery q = base;
    q.purchased = d.purchased;
    q.claimed = d.claimed;
    q.last_repair = d.last_repair;
    q.purchase_region = place.spelling;
    q.facts = fc.named;
    if (dates) dates->name_dates(d, q.facts);
    return q;
}

UnitResult compare_unit(const FactSpace& facts, const Side& before, const Side& after, const DiffQuery& base,
                        const Regions& regions, Date reference, CalendarNote calendars, const ClauseIdentity& ids, Compare what,
                        bool self_check) {
    UnitResult result;
    const std::vector<PurchasePlace>& places = regions.places;
    const std::size_t np = places.size();
    const DateSpace ds = build_date_space(before, after, reference, self_check);
    const std::size_t keys = ds.keys.size();
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));

    // Per fact class: whether its claims get the same warranty end and services from both
    // versions, so that a change of reason is the only change (never: no reason range there).
    std::vector<PeriodView> views;
    const auto view_index = [&](PeriodView v) {
        const auto it = std::find(views.begin(), views.end(), v);
        if (it != views.end()) return static_cast<std::size_t>(it - views.begin());
        views.push_back(std::move(v));
        return views.size() - 1;
    };
    // Per fact class and date key: the periods each version gives its claims. A key fixes what
    // chooses a period besides the facts: the stretch of the purchase (the cells are cut at the
    // stretches' ends) and which dates the claim gives (a period may be chosen by whether it
    // gives one, and counts from it only then). The ends then depend on the purchase day alone:
    // whether they agree on every day of the stretch, on none, or on some is found once per
    // pair of periods and stretch.
    const std::vector<PurchaseStretch> stretches = purchase_stretches(before, after);
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, EndsAlike::When> when_of;
    const auto settled = [&](PeriodView v, const DateSample& s) {
        const auto at = std::find(ds.date_facts.begin(), ds.date_facts.end(), v.from);
        const auto i = static_cast<std::size_t>(at - ds.date_facts.begin());
        if (!v.from.empty() && (at == ds.date_facts.end() || i >= s.dated.size() || !s.dated[i])) v.from.clear();
        return v;
    };
    const auto ends_of = [&](std::size_t ci, const DateSample& s) {
        const FactClass& fc = facts.classes[ci];
        FactValues values_before = fc.counts_before, values_after = fc.counts_after;
        ds.put_dates(s, *before.graph, values_before);
        ds.put_dates(s, *after.graph, values_after);
        EndsAlike e;
        e.view_before = view_index(settled(period_view(before, after, fc.before, values_before, s.purchased), s));
        e.view_after = view_index(settled(period_view(after, before, fc.after, values_after, s.purchased), s));
        const std::size_t si = stretch_of(stretches, s.purchased);
        const auto [it, fresh] = when_of.try_emplace(std::make_tuple(e.view_before, e.view_after, si), EndsAlike::Always);
        if (fresh) {
            const PeriodView &vb = views[e.view_before], &va = views[e.view_after];
            if (e.view_before != e.view_after && purchase_where_ends_differ(vb, va, stretches[si], reference)) {
                it->second = ends_always_differ(vb, va, stretches[si], reference) ? EndsAlike::Never : EndsAlike::Sometimes;
            }
        }
        e.when = it->second;
        return e;
    };
    std::vector<std::optional<EndsAlike>> ends(facts.classes.size() * keys);  // per (class, key), when asked

    // ---- every fact class, every place of purchase, every date cell ----------------------------
    // table[context][key]: the verdict transition (index into `transitions`, 0 when alike), where
    // context = fact class * places + place; reason_table likewise for claims answered alike
    // whose clauses differ.
    std::vector<std::pair<std::string, std::string>> transitions = {{}};
    std::vector<ReasonTransition> reason_transitions = {{}};
    std::vector<Index> cited;  // scratch for reason_of
    std::vector<std::vector<int>> table(facts.classes.size() * np, std::vector<int>(keys, 0));
    std::vector<std::vector<int>> reason_table(facts.classes.size() * np, std::vector<int>(keys, 0));
    // Per (date cell, periods before and after) whose ends differ on some purchases: a claim of
    // the cell on which they end alike, if any.
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::optional<DateSample>> alike_samples;
    const std::vector<std::string> anchors = floor_anchors(before, after);
    for (std::size_t ci = 0; ci < facts.classes.size(); ++ci) {
        const FactClass& fc = facts.classes[ci];
        if (claims_extended(fc, before, after)) continue;  // not compared (extended_claims): its cells stay alike
        for (std::size_t pi = 0; pi < np; ++pi) {
            const PurchasePlace& place = places[pi];
            std::vector<int>& row = table[ci * np + pi];
            for (std::size_t k = 0; k < keys; ++k) {
                if (gives_anchor(ds.witnesses[k], ds, anchors)) continue;  // not compared (floor_anchors)
                const Claim cb = sample_claim(before, ds, ds.witnesses[k], place.outside_before, fc.before, fc.counts_before);
                const Claim ca = sample_claim(after, ds, ds.witnesses[k], place.outside_after, fc.after, fc.counts_after);
                const Decision db = decide(*before.graph, cb), da = decide(*after.graph, ca);
                const std::string b = outcome_name(before, db), a = outcome_name(after, da);
                std::optional<EndsAlike>& known_ends = ends[ci * keys + k];
                if (!known_ends) known_ends = ends_of(ci, ds.witnesses[k]);
                const EndsAlike& alike_ends = *known_ends;
                bool reasons = what != Compare::Answers && a == b && alike_ends.when != EndsAlike::Never && !a.empty();
                if (reasons && alike_ends.when == EndsAlike::Sometimes) {
                    const auto at = std::make_tuple(k, alike_ends.view_before, alike_ends.view_after);
                    auto found = alike_samples.find(at);
                    if (found == alike_samples.end()) {
                        found = alike_samples.emplace(at, sample_with_alike_ends(ds, k, views[alike_ends.view_before], views[alike_ends.view_after])).first;
                    }
                    reasons = found->second.has_value();
                }
                std::vector<int> rb, ra;
                if (reasons) {
                    rb = reason_of(*before.graph, ids, true, cb, db, cited);
                    ra = reason_of(*after.graph, ids, false, ca, da, cited);
                }
                if (self_check) {
                    for (const DateSample& s : ds.samples[k]) {
                        const Claim sb = sample_claim(before, ds, s, place.outside_before, fc.before, fc.counts_before);
                        const Claim sa = sample_claim(after, ds, s, place.outside_after, fc.after, fc.counts_after);
                        const Decision sdb = decide(*before.graph, sb), sda = decide(*after.graph, sa);
                        if (outcome_name(before, sdb) != b || outcome_name(after, sda) != a || ds.key_of(s) != ds.keys[k]) {
                            ++result.inconsistent;
                        } else if (reasons && (reason_of(*before.graph, ids, true, sb, sdb, cited) != rb ||
                                               reason_of(*after.graph, ids, false, sa, sda, cited) != ra)) {
                            ++result.inconsistent;
                        }
                    }
                }
                if (a == b) {
                    if (!reasons || rb == ra) continue;
                    ReasonTransition t{std::move(rb), std::move(ra), alike_ends.when == EndsAlike::Sometimes, alike_ends.view_before,
                                       alike_ends.view_after};
                    if (!t.ends_sometimes) t.view_before = t.view_after = 0;
                    auto it = std::find(reason_transitions.begin(), reason_transitions.end(), t);
                    if (it == reason_transitions.end()) it = reason_transitions.insert(reason_transitions.end(), std::move(t));
                    reason_table[ci * np + pi][k] = static_cast<int>(it - reason_transitions.begin());
                    continue;
                }
                const auto t = std::make_pair(b, a);
                auto it = std::find(transitions.begin(), transitions.end(), t);
                if (it == transitions.end()) it = transitions.insert(transitions.end(), t);
                row[k] = static_cast<int>(it - transitions.begin());
            }
        }
    }
    // A range of `kind` for cells of one transition, with the conditions of a cube, its witness
    // from the cell (class ci, place pi, date key k).
    const auto range_of = [&](ClaimRange::Kind kind, const std::vector<FactCondition>& conditions, PlaceCondition where,
                              std::uint64_t care_dates, std::uint64_t value_dates, std::size_t ci, std::size_t pi, std::size_t k) {
        ClaimRange range;
        range.kind = kind;
        range.region = regions.region;
        range.old_region = regions.old_region;
        range.facts = conditions;
        range.outside_region = where.outside_after;
        range.outside_old_region = where.outside_before;
        range.dates = literals(ds, care_dates, value_dates);
        const ClaimWords words = claim_words(range, reference, calendars);
        range.claims = words.claims;
        range.days = words.days;
        range.witness = witness_query(base, ds.witnesses[k], places[pi], facts.classes[ci], &ds);
        return range;
    };
    const auto emit_verdict = [&](std::size_t t, const std::vector<FactCondition>& conditions, PlaceCondition where,
                                  std::uint64_t care_dates, std::uint64_t value_dates, std::size_t ci, std::size_t pi, std::size_t k) {
        ClaimRange range = range_of(ClaimRange::Kind::Verdict, conditions, where, care_dates, value_dates, ci, pi, k);
        range.before = transitions[t].first.empty() ? "no verdict" : transitions[t].first;
        range.after = transitions[t].second.empty() ? "no verdict" : transitions[t].second;
        add_verified(result, std::move(range), before, after, &ids);
    };
    const auto emit_reason = [&](std::size_t t, const std::vector<FactCondition>& conditions, PlaceCondition where,
                                 std::uint64_t care_dates, std::uint64_t value_dates, std::size_t ci, std::size_t pi, std::size_t k) {
        ClaimRange range = range_of(ClaimRange::Kind::Reason, conditions, where, care_dates, value_dates, ci, pi, k);
        const ReasonTransition& rt = reason_transitions[t];
        if (rt.ends_sometimes) {
            // Only purchases on which both periods end on the same day are answered alike.
            range.until_purchases_alike = true;
            range.until_before = views[rt.view_before].length;
            range.until_after = views[rt.view_after].length;
            range.until_from_before = views[rt.view_before].from;
            range.until_from_after = views[rt.view_after].from;
            range.claims += ", bought on a day the two periods end alike";
            const DateSample& alike = *alike_samples.at(std::make_tuple(k, rt.view_before, rt.view_after));
            range.witness.purchased = alike.purchased;
            range.witness.claimed = alike.claimed;
            range.witness.last_repair = alike.last_repair;
            std::erase_if(range.witness.facts, [&](const auto& f) {
                return std::find(ds.date_facts.begin(), ds.date_facts.end(), f.first) != ds.date_facts.end();
            });
            ds.name_dates(alike, range.witness.facts);
        }
        add_verified(result, std::move(range), before, after, &ids);
    };
    if (what != Compare::Reasons) cover_cells(facts, regions, ds, reference, table, transitions.size(), emit_verdict);
    if (what != Compare::Answers) cover_cells(facts, regions, ds, reference, reason_table, reason_transitions.size(), emit_reason);

    if (what != Compare::Reasons) add_warranty_ranges(result, facts, before, after, base, regions.region, reference, calendars);

    // The warranty end first: it concerns every claim of its facts, the verdicts only some dates.
    std::stable_partition(result.ranges.begin(), result.ranges.end(),
                          [](const ClaimRange& r) { return r.kind == ClaimRange::Kind::Until; });
    return result;
}

}  // namespace warrant::diff
