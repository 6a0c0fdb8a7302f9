// The warranty end and services of one model and part: they depend on the facts and the dates a
// claim carries only through the period chosen, so each fact class is compared once per
// combination of those dates' tests, for purchases where the ends differ.
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

// The date fact that a test in a period's condition reads and the warranty ranges cut along,
// or none: a date fact against a calendar date (`fixed`) or the purchase, or in a window after
// the purchase.
Index period_tested_fact(const CondNode& n, bool& fixed) {
    using Source = DateOperand::Source;
    if (n.kind == CondKind::WithinAfter) {
        fixed = false;
        return n.subject_fact != none && n.c == 0 ? n.subject_fact : none;
    }
    if (n.kind != CondKind::DateCompare) return none;
    const auto fact_against = [&](const DateOperand& a, const DateOperand& b) -> Index {
        if (a.source != Source::Fact || (b.source != Source::Fixed && b.source != Source::Purchased)) return none;
        fixed = b.source == Source::Fixed;
        return a.fact;
    };
    const Index f = fact_against(n.left, n.right);
    return f != none ? f : fact_against(n.right, n.left);
}

// A date fact that decides which period a claim gets: whether the claim gives it (some
// condition asks) and how the tests of periods' conditions find it. Each is a dimension of the
// comparison: the claim does not give it (value 0), or gives it on a day where its tests come
// out as `outcomes[v - 1]` (value v).
struct DateDimension {
    std::string fact;  // both versions declare it a date
    struct Test {
        const Side* side;
        Index node;
        DateTest words;
    };
    std::vector<Test> tests;
    std::vector<std::uint64_t> outcomes;  // the combinations met so far, in the order met
    std::size_t value_of(std::uint64_t outcome) {
        const auto it = std::find(outcomes.begin(), outcomes.end(), outcome);
        if (it != outcomes.end()) return static_cast<std::size_t>(it - outcomes.begin()) + 1;
        outcomes.push_back(outcome);
        return outcomes.size();
    }
};

DateTest test_words(const RuleGraph& g, const CondNode& n) {
    if (n.kind == CondKind::WithinAfter) {
        return DateTest{DateTest::Kind::DateWithinFromPurchase, length_in(g, window_length(n)), {}, g.facts[n.subject_fact].name};
    }
    DateTest t{DateTest::Kind::Compares, {}, {}, {}};
    t.left = date_operand_text(g, n.left);
    t.right = date_operand_text(g, n.right);
    t.comparison = static_cast<Comparison>(n.c);
    return t;
}

// The periods the unit may be given, in order.
template <typename Visit>
void for_each_period(const Side& side, Visit&& visit) {
    const RuleGraph& g = *side.graph;
    const std::size_t slot = static_cast<std::size_t>(side.model) * g.parts.size() + side.part;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) visit(g.periods[g.period_choices[i]]);
}

// The dimensions of the unit's comparison: the date facts both versions declare that some
// condition asks whether a claim gives, and those the periods' conditions test. Throws
// DiffLimit for tests of one date whose outcomes can combine differently from one purchase day
// to the next (a calendar date and a window after the purchase; windows whose order changes).
std::vector<DateDimension> date_dimensions(const Side& before, const Side& after) {
    std::vector<DateDimension> out;
    const auto dimension = [&](const std::string& name) -> DateDimension& {
        for (DateDimension& d : out) {
            if (d.fact == name) return d;
        }
        return out.emplace_back(DateDimension{name, {}, {}});
    };
    for (const Side* side : {&before, &after}) {
        const Side& other = side == &before ? after : before;
        for (const CondNode& n : side->graph->conditions) {
            if (n.kind != CondKind::DateGiven) continue;
            if (const std::string name = shared_start(*side, other, n.a); !name.empty()) dimension(name);
        }
    }
    struct Kinds {
        bool fixed = false, relative = false;
        std::vector<DiffLength> windows;
    };
    std::map<std::string, Kinds> kinds;
    for (const Side* side : {&before, &after}) {
        const Side& other = side == &before ? after : before;
        const RuleGraph& g = *side->graph;
        for_each_period(*side, [&](const Period& p) {
            for_each_leaf(g, p.condition, [&](const CondNode& n) {
                bool fixed = false;
                const Index f = period_tested_fact(n, fixed);
                if (f == none) return;  // not a date fact's test, or the purchase against a calendar date
                const std::string name = shared_start(*side, other, f);
                if (name.empty()) return;  // a claim giving it is refused by the other version
                Kinds& k = kinds[name];
                (fixed ? k.fixed : k.relative) = true;
                if (n.kind == CondKind::WithinAfter) k.windows.push_back(length_in(g, window_length(n)));
                dimension(name).tests.push_back({side, static_cast<Index>(&n - g.conditions.data()), test_words(g, n)});
            });
        });
    }
    for (const auto& [name, k] : kinds) {
        bool order_varies = false;
        for (std::size_t i = 0; i < k.windows.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) order_varies |= !claims::order_fixed(k.windows[i], k.windows[j]);
        }
        if ((k.fixed && k.relative) || order_varies) {
            throw DiffLimit{fmt::format("the period is chosen by tests of `{}` whose outcomes combine differently from one purchase "
                                        "day to the next ({}): the diff does not cut claims along them yet",
                                        name, order_varies ? "windows whose lengths change order" : "a calendar date, and the purchase or a window after it")};
        }
    }
    if (out.size() > 6) throw DiffLimit{"periods chosen by more than 6 dates claims may give"};
    for (const DateDimension& d : out) {
        if (d.tests.size() > 64) throw DiffLimit{fmt::format("periods chosen by more than 64 tests of `{}`", d.fact)};
    }
    return out;
}

// For a claim bought on `purchased` that gives the dimension's date: the days it may give it on,
// one for each combination of its tests' outcomes, with that combination.
std::vector<std::pair<std::uint64_t, Date>> date_choices(const DateDimension& d, Date purchased) {
    std::vector<std::int32_t> days = {purchased.days};
    for (const DateDimension::Test& t : d.tests) {
        const RuleGraph& g = *t.side->graph;
        const CondNode& n = g.conditions[t.node];
        if (n.kind == CondKind::WithinAfter) {
            const std::int32_t last = last_covered_day(g, purchased, window_length(n))->days;
            days.insert(days.end(), {last, last + 1});
        } else {
            for (const DateOperand* o : {&n.left, &n.right}) {
                const std::int32_t at = o->source == DateOperand::Source::Fixed ? o->fixed.days : purchased.days;
                if (o->source != DateOperand::Source::Fact) days.insert(days.end(), {at - 1, at, at + 1});
            }
        }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    std::vector<std::pair<std::uint64_t, Date>> out;
    for (const std::int32_t day : days) {
        if (day < purchased.days) continue;  // a date a claim gives is not before its purchase
        std::uint64_t outcome = 0;
        for (std::size_t i = 0; i < d.tests.size(); ++i) {
            const RuleGraph& g = *d.tests[i].side->graph;
            Claim c;
            c.purchased = purchased;
            c.claimed = Date{day};
            c.values.fill(no_value);
            c.values[g.facts[*g.find_fact(d.fact)].slot] = day;
            if (holds(g, d.tests[i].node, c, Decision{})) outcome |= std::uint64_t{1} << i;
        }
        if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.first == outcome; })) out.emplace_back(outcome, Date{day});
    }
    return out;
}

void give_date(const Side& side, const std::string& fact, std::optional<Date> on, FactValues& values) {
    const Fact& f = side.graph->facts[*side.graph->find_fact(fact)];
    values[f.slot] = on ? on->days : no_value;
}

}  // namespace

bool claims_extended(const FactClass& fc, const Side& before, const Side& after) {
    bool extended = false;
    for (const Side* side : {&before, &after}) {
        const FactValues& values = side == &before ? fc.counts_before : fc.counts_after;
        for_each_period(*side, [&](const Period& p) {
            if (p.extension_fact != none) extended = extended || values[side->graph->facts[p.extension_fact].slot] > 0;
        });
    }
    return extended;
}

std::vector<FactCondition> extended_claims(const Side& before, const Side& after) {
    std::vector<FactCondition> out;
    for (const Side* side : {&before, &after}) {
        for_each_period(*side, [&](const Period& p) {
            if (p.extension_fact == none) return;
            const std::string& name = side->graph->facts[p.extension_fact].name;
            if (std::any_of(out.begin(), out.end(), [&](const FactCondition& f) { return f.facts[0] == name; })) return;
            // Not giving it is giving its default, where a version declares one above 0.
            bool default_extends = false;
            for (const Side* s : {&before, &after}) {
                if (const auto f = s->graph->find_fact(name); f && s->graph->facts[*f].type == FactType::Count) {
                    default_extends = default_extends || s->graph->facts[*f].default_number.value_or(0) > 0;
                }
            }
            FactCondition c;
            c.facts = {name};
            c.accepted = default_extends ? not_given : 0;
            c.values = ValueCondition{default_extends, {{1, static_cast<std::int32_t>(max_claim_count)}}, {}};
            c.words = fmt::format("`{}` is 1 or more{}", name, default_extends ? " or not given" : "");
            out.push_back(std::move(c));
        });
    }
    return out;
}

std::string extension_reason(const Side& before, const Side& after) {
    for (const Side* side : {&before, &after}) {
        std::string why;
        for_each_period(*side, [&](const Period& p) {
            if (p.extension_fact == none || !why.empty()) return;
            const RuleGraph& g = *side->graph;
            why = fmt::format("in the {} version, the period of `{}` is extended by the count `{}`: the diff compares the claims where "
                              "it is 0, not yet those it extends",
                              side == &before ? "old" : "new", g.parts[p.part].name, g.facts[p.extension_fact].name);
        });
        if (!why.empty()) return why;
    }
    return "";
}

std::vector<std::string> floor_anchors(const Side& before, const Side& after) {
    std::vector<std::string> out;
    for (const Side* side : {&before, &after}) {
        for_each_period(*side, [&](const Period& p) {
            if (p.floor_anchor == Period::FloorAnchor::None) return;
            std::string anchor = p.floor_anchor == Period::FloorAnchor::LastRepair ? "last_repair" : side->graph->facts[p.floor_fact].name;
            if (std::find(out.begin(), out.end(), anchor) == out.end()) out.push_back(std::move(anchor));
        });
    }
    return out;
}

bool gives_anchor(const DateSample& s, const DateSpace& ds, const std::vector<std::string>& anchors) {
    for (const std::string& anchor : anchors) {
        if (anchor == "last_repair") {
            if (s.last_repair) return true;
            continue;
        }
        const auto at = std::find(ds.date_facts.begin(), ds.date_facts.end(), anchor);
        const auto i = static_cast<std::size_t>(at - ds.date_facts.begin());
        if (at != ds.date_facts.end() && i < s.dated.size() && s.dated[i]) return true;
    }
    return false;
}

std::string floor_reason(const Side& before, const Side& after) {
    for (const Side* side : {&before, &after}) {
        std::string why;
        for_each_period(*side, [&](const Period& p) {
            if (p.floor_anchor == Period::FloorAnchor::None || !why.empty()) return;
            const RuleGraph& g = *side->graph;
            const Length& l = p.floor_length;
            const char* unit = l.unit == LengthUnit::Days ? (l.count == 1 ? "day" : "days") : (l.count == 1 ? "month" : "months");
            why = fmt::format("in the {} version, the period of `{}` ends no earlier than a length after a date (`at least {} {} after "
                              "{}`): the diff compares the claims that do not give the date, not yet those that do",
                              side == &before ? "old" : "new", g.parts[p.part].name, l.count, unit,
                              p.floor_anchor == Period::FloorAnchor::LastRepair ? "last_repair" : g.facts[p.floor_fact].name);
        });
        if (!why.empty()) return why;
    }
    return "";
}

std::string period_beyond_cuts(const Side& side) {
    // Only the periods the unit may be given: another model's period decides nothing here.
    const RuleGraph& g = *side.graph;
    if (side.model == none || side.part == none) return "";
    std::vector<Index> starts;  // the date facts the unit's periods count from
    for_each_period(side, [&](const Period& p) {
        if (p.start_fact != none) starts.push_back(p.start_fact);
    });
    std::string why;
    for_each_period(side, [&](const Period& p) {
        // The purchase against a calendar date is cut into stretches, and a date the claim
        // carries against a calendar date or the purchase, or in a window after the purchase,
        // into dimensions of its own; unless the period also counts from that date.
        bool cut = true;
        for_each_leaf(g, p.condition, [&](const CondNode& n) {
            if (n.kind != CondKind::DateCompare && n.kind != CondKind::WithinAfter) return;
            bool fixed = false;
            const Index f = period_tested_fact(n, fixed);
            cut = cut && (purchase_days_where(n) || (f != none && std::find(starts.begin(), starts.end(), f) == starts.end()));
        });
        if (!cut && why.empty()) {
            why = fmt::format("the period of `{}` is chosen by comparing a date the claim carries (`{}`)", g.parts[p.part].name,
                              condition_text(g, p.condition));
        }
    });
    return why;
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
            for_each_leaf(*g, p.condition, [&](const CondNode& n) {
                if (n.kind != CondKind::DateCompare) return;
                add_purchase_cuts(n, cuts);
                // A date the claim carries against a calendar date: a claim bought from the
                // day after it on can no longer give a date on its other side.
                bool fixed = false;
                if (period_tested_fact(n, fixed) != none && fixed) {
                    const Date at = n.left.source == DateOperand::Source::Fixed ? n.left.fixed : n.right.fixed;
                    cuts.insert(cuts.end(), {at.days, at.days + 1});
                }
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
    std::vector<DateDimension> dims = date_dimensions(before, after);
    const std::vector<PurchaseStretch> stretches = purchase_stretches(before, after);
    const std::vector<std::string> anchors = floor_anchors(before, after);
    // A point: the class's group values, then per date dimension its value (0: not given, v:
    // given with its tests' outcomes[v - 1]), then the purchase stretch.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::vector<int>>> points_by_change;
    std::vector<PeriodView> views;
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, EndsApart> first_claim;  // per change and stretch
    const auto view_index = [&](const PeriodView& v) {
        const auto it = std::find(views.begin(), views.end(), v);
        if (it != views.end()) return static_cast<std::size_t>(it - views.begin());
        views.push_back(v);
        return views.size() - 1;
    };
    // A period counted from a dimension's date the claim does not give counts from the purchase.
    const auto settle = [&](PeriodView v, const std::vector<int>& value) {
        for (std::size_t i = 0; i < dims.size(); ++i) {
            if (dims[i].fact == v.from && value[i] == 0) v.from.clear();
        }
        return v;
    };
    for (std::size_t si = 0; si < stretches.size(); ++si) {
        const Date bought = stretches[si].nearest(reference);
        // Per dimension, what a claim bought then may do: not give the date, or give it on a day
        // for each combination of its tests' outcomes. Within a stretch the same combinations
        // are open to every purchase day.
        std::vector<std::vector<std::pair<int, std::optional<Date>>>> options(dims.size());
        std::size_t combinations = 1;
        for (std::size_t i = 0; i < dims.size(); ++i) {
            options[i].emplace_back(0, std::nullopt);
            // A date a period ends no earlier than a length after: only claims without it are compared.
            if (std::find(anchors.begin(), anchors.end(), dims[i].fact) != anchors.end()) continue;
            for (const auto& [outcome, day] : date_choices(dims[i], bought)) {
                options[i].emplace_back(static_cast<int>(dims[i].value_of(outcome)), day);
            }
            combinations *= options[i].size();
        }
        if (combinations > 4096) throw DiffLimit{"periods chosen by more combinations of dates than the diff tries"};
        for (const FactClass& fc : facts.classes) {
            if (claims_extended(fc, before, after)) continue;  // not compared (extended_claims)
            for (std::size_t n = 0; n < combinations; ++n) {
                FactValues values_before = fc.counts_before, values_after = fc.counts_after;
                std::vector<int> value(dims.size());
                for (std::size_t i = 0, rest = n; i < dims.size(); rest /= options[i].size(), ++i) {
                    const auto& [v, day] = options[i][rest % options[i].size()];
                    value[i] = v;
                    give_date(before, dims[i].fact, day, values_before);
                    give_date(after, dims[i].fact, day, values_after);
                }
                const std::size_t b = view_index(settle(period_view(before, after, fc.before, values_before, bought), value));
                const std::size_t a = view_index(settle(period_view(after, before, fc.after, values_after, bought), value));
                if (b == a) continue;
                const auto p = claim_where_ends_differ(views[b], views[a], stretches[si], reference);
                if (!p) continue;
                first_claim.emplace(std::make_tuple(b, a, si), *p);
                std::vector<int> point(fc.values.begin(), fc.values.end());
                point.insert(point.end(), value.begin(), value.end());
                point.push_back(static_cast<int>(si));
                points_by_change[{b, a}].push_back(std::move(point));
            }
        }
    }
    std::vector<int> domains;
    for (const FactGroup& g : facts.groups) domains.push_back(static_cast<int>(g.accepted.size()));
    for (const DateDimension& d : dims) domains.push_back(static_cast<int>(d.outcomes.size()) + 1);
    domains.push_back(static_cast<int>(stretches.size()));
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
            std::vector<std::string> date_words;
            const auto add_literal = [&](const DateLiteral& l) {
                if (std::any_of(range.dates.begin(), range.dates.end(), [&](const DateLiteral& x) { return x.test == l.test; })) return;
                range.dates.push_back(l);
                date_words.push_back(date_fact_words(l, calendars));
            };
            for (std::size_t i = 0; i < dims.size(); ++i) {
                const int v = cube[groups + i];
                if (v == any_value) continue;
                // Given, unless a test that holds says so (a test of a date not given fails).
                const std::uint64_t outcome = v == 0 ? 0 : dims[i].outcomes[static_cast<std::size_t>(v) - 1];
                if (outcome == 0) add_literal({DateTest{DateTest::Kind::HasDate, {}, {}, dims[i].fact}, v != 0});
                if (v == 0) continue;
                for (std::size_t t = 0; t < dims[i].tests.size(); ++t) add_literal({dims[i].tests[t].words, ((outcome >> t) & 1u) != 0});
            }
            range.until_before = vb.length;
            range.until_after = va.length;
            range.until_from_before = vb.from;
            range.until_from_after = va.from;
            range.services_before = vb.services;
            range.services_after = va.services;
            // The purchases of the cube's stretch (all of them when the cube spans every stretch).
            const int stretch_value = cube[groups + dims.size()];
            const PurchaseStretch stretch = stretch_value == any_value ? PurchaseStretch{} : stretches[static_cast<std::size_t>(stretch_value)];
            if (stretch.first) range.dates.push_back({DateTest{DateTest::Kind::Compares, {}, {}, {}, "purchased", to_iso(*stretch.first), Comparison::AtLeast}, true});
            if (stretch.last) range.dates.push_back({DateTest{DateTest::Kind::Compares, {}, {}, {}, "purchased", to_iso(*stretch.last), Comparison::AtMost}, true});
            const EndsApart& p = first_claim.at(std::make_tuple(change.first, change.second, static_cast<std::size_t>((*point)[groups + dims.size()])));
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
            for (const std::string& w : date_words) range.claims += ", " + w;
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
            // The witness gives each date its point gives, on a day with the point's outcomes
            // for its purchase, and the start date that shows the ends apart.
            std::vector<std::pair<std::string, Date>> given;
            for (std::size_t i = 0; i < dims.size(); ++i) {
                const int v = (*point)[groups + i];
                if (v == 0 || dims[i].fact == p.from) continue;
                Date day = p.purchased;
                for (const auto& [outcome, on] : date_choices(dims[i], p.purchased)) {
                    if (outcome == dims[i].outcomes[static_cast<std::size_t>(v) - 1]) day = on;
                }
                given.emplace_back(dims[i].fact, day);
            }
            Date claimed = p.from.empty() ? p.purchased : p.from_day;
            for (const auto& [name, day] : given) claimed = std::max(claimed, day);
            range.witness = witness_query(base, DateSample{p.purchased, claimed, std::nullopt}, PurchasePlace{}, facts.classes[ci]);
            for (const auto& [name, day] : given) range.witness.facts.emplace_back(name, FactValue(ValueKind::String, to_iso(day)));
            if (!p.from.empty()) range.witness.facts.emplace_back(p.from, FactValue(ValueKind::String, to_iso(p.from_day)));
            add_verified(result, std::move(range), before, after);
        }
    }
}

}  // namespace warrant::diff
