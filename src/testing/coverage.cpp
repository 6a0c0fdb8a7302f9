// Coverage of the decision space: which rules, outcomes, periods, exclusions, requirements,
// end-of-service notices, citable clauses, parts and models the examples reach, and the count
// boundaries, date sides, date comparison and window boundaries and choice values they give (see
// warrant/testing.hpp).
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "warrant/decide.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace {

// What a rule's condition tests, wherever in it: the atoms coverage credits.
struct Tested {
    bool any_exclusion = false;
    bool any_unmet = false;
    bool end_of_service = false;
    std::vector<bool> facts;
};

void collect(const RuleGraph& g, Index condition, Tested& out) {
    for_each_leaf(g, condition, [&](const CondNode& n) {
        switch (n.kind) {
            case CondKind::AnyExclusion: out.any_exclusion = true; break;
            case CondKind::AnyUnmet: out.any_unmet = true; break;
            case CondKind::AfterEndOfService: out.end_of_service = true; break;
            default: for_each_fact_read(n, [&](Index f) { out.facts[f] = true; }); break;
        }
    });
}

std::string length_words(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

std::string line_of(const RuleGraph& g, SourceSpan span) {
    return g.source ? fmt::format(" (line {})", g.source->line_col(span.begin).line) : std::string();
}

// The clauses an answer can cite (see deciding_clauses): each rule's own, and those of what its
// condition reads: periods (within warranty), notices, lists, exclusions, requirements, facts.
std::vector<bool> citable_clauses(const RuleGraph& g) {
    std::vector<bool> out(g.clauses.size(), false);
    const auto cite = [&](Index c) { if (c != none) out[c] = true; };
    const auto read = [&](const CondNode& n) {
        switch (n.kind) {
            case CondKind::WithinWarranty:
                for (const Period& p : g.periods) {
                    cite(p.clause);
                    if (p.start_fact != none) cite(p.start_clause);
                    if (p.extension_fact != none) cite(p.extension_clause);
                }
                break;
            case CondKind::AfterEndOfService:
                for (const EndOfServiceNotice& notice : g.notices) cite(notice.clause);
                break;
            case CondKind::InList: cite(g.lists[n.a].clause); break;
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet:
                for (const Fact& f : g.facts) {
                    if (f.role == (n.kind == CondKind::AnyExclusion ? FactRole::Exclusion : FactRole::Requirement)) cite(f.clause);
                }
                break;
            default: for_each_fact_read(n, [&](Index f) { cite(g.facts[f].clause); }); break;
        }
    };
    for (const Rule& r : g.rules) {
        cite(r.clause);
        for_each_leaf(g, r.condition, read);
    }
    return out;
}

CoverageArea area(std::string name) { return CoverageArea{std::move(name), {}, {}}; }

// A value of a count, date or choice that coverage asks an example to give: a count (the number),
// a date (1: the claim gives it, 0: it does not), a choice (the value's index).
using ValuePoint = std::pair<Index, std::int32_t>;

// The points a condition makes matter: one below, at and one above every number a count is
// compared with; both sides of every date fact it reads; every value of every choice it tests.
void value_points(const RuleGraph& g, Index condition, std::set<ValuePoint>& out) {
    for_each_leaf(g, condition, [&](const CondNode& n) {
        switch (n.kind) {
            case CondKind::CountCompare: {
                const auto at = static_cast<std::int32_t>(n.b);
                for (const std::int32_t v : {at - 1, at, at + 1}) {
                    if (v >= 0) out.insert({n.a, v});
                }
                return;
            }
            case CondKind::ChoiceIn:
                for (std::size_t v = 0; v < g.facts[n.a].choices.size(); ++v) out.insert({n.a, static_cast<std::int32_t>(v)});
                return;
            default:
                for_each_fact_read(n, [&](Index f) {
                    if (g.facts[f].type != FactType::Date) return;
                    out.insert({f, 0});
                    out.insert({f, 1});
                });
                return;
        }
    });
}

// Whether the claim gives the point's value.
bool gives(const RuleGraph& g, const Claim& claim, ValuePoint point) {
    const Fact& fact = g.facts[point.first];
    const std::int32_t v = claim.values[fact.slot];
    if (fact.type == FactType::Date) return (v != no_value) == (point.second == 1);
    return v == point.second;
}

// A boundary of a date comparison: the compared date one day before, on and one day after the
// date it is compared with (`offset` = left - right, in days).
struct DateBoundary {
    DateOperand left, right;
    std::int32_t offset = 0;
    auto key() const {
        return std::make_tuple(left.source, left.fact, left.fixed.days, right.source, right.fact, right.fixed.days, offset);
    }
    friend bool operator<(const DateBoundary& a, const DateBoundary& b) { return a.key() < b.key(); }
};

void date_boundaries(const RuleGraph& g, Index condition, std::set<DateBoundary>& out) {
    for_each_leaf(g, condition, [&](const CondNode& n) {
        if (n.kind != CondKind::DateCompare) return;
        for (const std::int32_t offset : {-1, 0, 1}) out.insert({n.left, n.right, offset});
    });
}

std::string operand_words(const RuleGraph& g, const DateOperand& o) {
    switch (o.source) {
        case DateOperand::Source::Purchased: return "purchased";
        case DateOperand::Source::Claimed: return "claimed";
        case DateOperand::Source::Fixed: return to_iso(o.fixed);
        case DateOperand::Source::Fact: return g.facts[o.fact].name;
    }
    return "";
}

// "purchased = 2024-02-29"; "DATE_FACT 1 day before OTHER_DATE_FACT".
std::string boundary_words(const RuleGraph& g, const DateBoundary& b) {
    const std::string left = operand_words(g, b.left);
    if (b.right.source == DateOperand::Source::Fixed) return fmt::format("{} = {}", left, to_iso(add_days(b.right.fixed, b.offset)));
    const std::string right = operand_words(g, b.right);
    if (b.offset == 0) return fmt::format("{} on {}", left, right);
    return fmt::format("{} 1 day {} {}", left, b.offset < 0 ? "before" : "after", right);
}

bool gives(const RuleGraph& g, const Claim& claim, const DateBoundary& b) {
    const auto l = operand_date(g, b.left, claim), r = operand_date(g, b.right, claim);
    return l && r && l->days - r->days == b.offset;
}

// A boundary of a window: the tested date one day before, on and one day after the window's
// last day (`end`), or, where the tested date can precede the anchor (a date fact against the
// last repair or another date fact), one day before and on the anchor (`!end`).
// `warranty`: `claimed within warranty`, whose last day is the answer's warranty_until; else
// `window` is the WithinAfter node (windows alike in every node field but the span are one).
struct WindowBoundary {
    bool warranty = false;
    CondNode window;
    bool end = true;
    std::int32_t offset = 0;
    auto key() const {
        return std::make_tuple(warranty, window.a, window.b, window.c, window.anchor_fact, window.subject_fact, end, offset);
    }
    friend bool operator<(const WindowBoundary& a, const WindowBoundary& b) { return a.key() < b.key(); }
};

void window_boundaries(const RuleGraph& g, Index condition, std::set<WindowBoundary>& out) {
    for_each_leaf(g, condition, [&](const CondNode& n) {
        if (n.kind == CondKind::WithinWarranty) {
            for (const std::int32_t offset : {-1, 0, 1}) out.insert({.warranty = true, .window = {}, .end = true, .offset = offset});
            return;
        }
        if (n.kind != CondKind::WithinAfter) return;
        WindowBoundary b{.window = n};
        b.window.anchor_fact = n.c == 2 ? n.anchor_fact : none;
        b.window.span = {};
        for (const std::int32_t offset : {-1, 0, 1}) {
            b.offset = offset;
            out.insert(b);
        }
        // Claims and date facts never precede the purchase, nor a claim the last repair.
        if (n.subject_fact != none && n.c != 0) {
            b.end = false;
            for (const std::int32_t offset : {-1, 0}) {
                b.offset = offset;
                out.insert(b);
            }
        }
    });
}

// "claimed on the last day of warranty"; "FACT 1 day after the last day of 15 days after
// last_repair"; "FACT 1 day before OTHER_FACT".
std::string boundary_words(const RuleGraph& g, const WindowBoundary& b) {
    const CondNode& w = b.window;
    const std::string subject = b.warranty || w.subject_fact == none ? "claimed" : g.facts[w.subject_fact].name;
    const std::string anchor = w.c == 0 ? "purchase" : w.c == 1 ? "last_repair" : g.facts[w.anchor_fact].name;
    const std::string at = b.offset == 0 ? "on" : fmt::format("1 day {}", b.offset < 0 ? "before" : "after");
    if (!b.end) return fmt::format("{} {} {}", subject, at, anchor);
    const std::string window = b.warranty ? "warranty" : fmt::format("{} after {}", length_words(window_length(w)), anchor);
    return fmt::format("{} {} the last day of {}", subject, at, window);
}

bool gives(const RuleGraph& g, const Claim& claim, const Decision& d, const WindowBoundary& b) {
    if (b.warranty) return d.warranty_until && claim.claimed.days - d.warranty_until->days == b.offset;
    const std::optional<Date> anchor = window_anchor(g, b.window, claim), subject = window_subject(g, b.window, claim);
    if (!anchor || !subject) return false;
    if (!b.end) return subject->days - anchor->days == b.offset;
    const auto last = last_covered_day(g, *anchor, window_length(b.window));
    return last && subject->days - last->days == b.offset;
}

void add(CoverageArea& a, std::string item) {
    a.items.push_back(std::move(item));
    a.reached.push_back(false);
}

// The boundaries of one kind that each rule's and each period's condition make matter, as one
// area of items, credited when an example that tried the condition gives them.
template <typename Boundary>
struct BoundaryArea {
    std::vector<std::set<Boundary>> of_rule, of_period;
    CoverageArea area;
    std::map<Boundary, std::size_t> item;

    template <typename Collect>
    BoundaryArea(const RuleGraph& g, std::string name, Collect collect)
        : of_rule(g.rules.size()), of_period(g.periods.size()), area{std::move(name), {}, {}} {
        for (Index r = 0; r < g.rules.size(); ++r) collect(g, g.rules[r].condition, of_rule[r]);
        for (Index p = 0; p < g.periods.size(); ++p) collect(g, g.periods[p].condition, of_period[p]);
        std::set<Boundary> all;
        for (const auto* list : {&of_rule, &of_period}) {
            for (const auto& b : *list) all.insert(b.begin(), b.end());
        }
        for (const Boundary& b : all) {
            item[b] = area.items.size();
            add(area, boundary_words(g, b));
        }
    }

    template <typename Gives>
    void reach(const std::set<Boundary>& boundaries, Gives gives) {
        for (const Boundary& b : boundaries) {
            if (gives(b)) area.reached[item.at(b)] = true;
        }
    }
};

}  // namespace

std::size_t CoverageArea::reached_count() const {
    std::size_t n = 0;
    for (const bool r : reached) n += r ? 1 : 0;
    return n;
}

double CoverageArea::percent() const {
    return items.empty() ? 100.0 : 100.0 * static_cast<double>(reached_count()) / static_cast<double>(items.size());
}

double Coverage::overall_percent() const {
    std::size_t total = 0, reached = 0;
    for (const CoverageArea& a : areas) {
        total += a.items.size();
        reached += a.reached_count();
    }
    return total == 0 ? 100.0 : 100.0 * static_cast<double>(reached) / static_cast<double>(total);
}

Coverage measure_coverage(const RuleGraph& g, const std::vector<ExampleRun>& examples) {
    CoverageArea rules = area("rules"), outcomes = area("outcomes"), periods = area("periods"),
                 exclusions = area("exclusions"), requirements = area("requirements"),
                 notices = area("end-of-service notices"), parts = area("parts"), models = area("models"),
                 clauses = area("clauses");
    // Clauses an answer can cite, mapped to their item in `clauses`.
    const std::vector<bool> citable = citable_clauses(g);
    std::vector<std::size_t> clause_item(g.clauses.size(), 0);
    for (Index c = 0; c < g.clauses.size(); ++c) {
        if (!citable[c]) continue;
        clause_item[c] = clauses.items.size();
        add(clauses, g.clauses[c].id);
    }
    for (const Rule& r : g.rules) add(rules, r.name);
    for (const Term& o : g.outcomes) add(outcomes, o.name);
    for (const Period& p : g.periods) {
        add(periods, fmt::format("{} {}{}{}", g.parts[p.part].name, length_words(p.length),
                                 p.clause == none ? "" : " per " + g.clauses[p.clause].id, line_of(g, p.span)));
    }
    // Exclusions and requirements are facts; these map a fact to its item in its area.
    std::vector<std::size_t> fact_item(g.facts.size(), 0);
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (fact.role == FactRole::Plain) continue;
        CoverageArea& a = fact.role == FactRole::Exclusion ? exclusions : requirements;
        fact_item[f] = a.items.size();
        add(a, fact.name);
    }
    for (const EndOfServiceNotice& n : g.notices) {
        add(notices, fmt::format("{}{}{}", to_iso(n.date), n.clause == none ? "" : " per " + g.clauses[n.clause].id,
                                 line_of(g, n.span)));
    }
    for (const Term& p : g.parts) add(parts, p.name);
    for (const Model& m : g.models) add(models, m.name);

    // Counts, dates and choices: the points each rule's and each period's condition, and each
    // period's start, make matter.
    std::vector<std::set<ValuePoint>> rule_points(g.rules.size()), period_points(g.periods.size());
    for (Index r = 0; r < g.rules.size(); ++r) {
        if (g.rules[r].condition != none) value_points(g, g.rules[r].condition, rule_points[r]);
    }
    for (Index p = 0; p < g.periods.size(); ++p) {
        if (g.periods[p].condition != none) value_points(g, g.periods[p].condition, period_points[p]);
    }
    std::set<ValuePoint> all_points;
    for (const auto& points : rule_points) all_points.insert(points.begin(), points.end());
    for (const auto& points : period_points) all_points.insert(points.begin(), points.end());
    for (const Period& p : g.periods) {
        if (p.start_fact != none) all_points.insert({{p.start_fact, 0}, {p.start_fact, 1}});
    }
    CoverageArea counts = area("count boundaries"), dates = area("dates given or not"), choices = area("choice values");
    // A period extended by a count: reached by an example it decides with some days added; a
    // period with a least end: by one whose end that least end sets.
    CoverageArea extended = area("extended periods"), least = area("least ends");
    std::vector<std::size_t> extended_item(g.periods.size(), 0), least_item(g.periods.size(), 0);
    for (Index p = 0; p < g.periods.size(); ++p) {
        const Period& period = g.periods[p];
        const std::string words = fmt::format("{} {}{}{}", g.parts[period.part].name, length_words(period.length),
                                              period_end_text(g, period), line_of(g, period.span));
        if (period.extension_fact != none) {
            extended_item[p] = extended.items.size();
            add(extended, words);
        }
        if (period.floor_anchor != Period::FloorAnchor::None) {
            least_item[p] = least.items.size();
            add(least, words);
        }
    }
    std::map<ValuePoint, std::pair<CoverageArea*, std::size_t>> point_item;
    for (const ValuePoint& point : all_points) {
        const Fact& fact = g.facts[point.first];
        CoverageArea& a = fact.type == FactType::Count ? counts : fact.type == FactType::Date ? dates : choices;
        point_item[point] = {&a, a.items.size()};
        if (fact.type == FactType::Count) add(a, fmt::format("{} = {}", fact.name, point.second));
        else if (fact.type == FactType::Date) add(a, fmt::format("{} {}", fact.name, point.second ? "given" : "not given"));
        else add(a, fmt::format("{} is {}", fact.name, fact.choices[static_cast<std::size_t>(point.second)]));
    }
    // Date comparisons and windows: the boundaries each rule and each period's condition make matter.
    BoundaryArea<DateBoundary> date_bounds(g, "date boundaries", date_boundaries);
    BoundaryArea<WindowBoundary> window_bounds(g, "window boundaries", window_boundaries);
    const auto reach = [&](const Claim& claim, const std::set<ValuePoint>& points) {
        for (const ValuePoint& point : points) {
            if (!gives(g, claim, point)) continue;
            const auto& [a, item] = point_item.at(point);
            a->reached[item] = true;
        }
    };

    for (const ExampleRun& run : examples) {
        if (!run.claim) continue;
        const Claim& claim = *run.claim;
        const Decision& d = run.decision;
        models.reached[claim.model] = true;
        parts.reached[claim.part] = true;
        if (d.period != none) periods.reached[d.period] = true;
        if (d.period != none && d.warranty_extension > 0) extended.reached[extended_item[d.period]] = true;
        if (d.period != none && d.warranty_floor) least.reached[least_item[d.period]] = true;
        // Every rule up to the deciding one was tried, so its condition read the claim's values.
        const Index tried = d.rule == none ? static_cast<Index>(g.rules.size()) : d.rule + 1;
        for (Index r = 0; r < tried; ++r) {
            reach(claim, rule_points[r]);
            date_bounds.reach(date_bounds.of_rule[r], [&](const DateBoundary& b) { return gives(g, claim, b); });
            window_bounds.reach(window_bounds.of_rule[r], [&](const WindowBoundary& b) { return gives(g, claim, d, b); });
        }
        // The periods tried, in the order the period is chosen, up to the one chosen.
        const std::size_t slot = static_cast<std::size_t>(claim.model) * g.parts.size() + claim.part;
        for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
            const Index p = g.period_choices[i];
            reach(claim, period_points[p]);
            date_bounds.reach(date_bounds.of_period[p], [&](const DateBoundary& b) { return gives(g, claim, b); });
            window_bounds.reach(window_bounds.of_period[p], [&](const WindowBoundary& b) { return gives(g, claim, d, b); });
            if (g.period_choices[i] == d.period) break;
        }
        if (d.period != none && g.periods[d.period].start_fact != none) {
            const Index f = g.periods[d.period].start_fact;
            reach(claim, {{f, 0}, {f, 1}});
        }
        if (d.rule == none) continue;
        rules.reached[d.rule] = true;
        for (const Index c : deciding_clauses(g, claim, d)) {
            if (citable[c]) clauses.reached[clause_item[c]] = true;
        }
        outcomes.reached[d.outcome] = true;
        const Rule& rule = g.rules[d.rule];
        const Index period_condition = d.period == none ? none : g.periods[d.period].condition;
        if (rule.condition == none && period_condition == none) continue;
        Tested tested;
        tested.facts.assign(g.facts.size(), false);
        if (rule.condition != none) collect(g, rule.condition, tested);
        // An exclusion or requirement that chose the period (`when not receipt`) is reached too.
        if (period_condition != none) {
            for_each_leaf(g, period_condition, [&](const CondNode& n) { for_each_fact_read(n, [&](Index f) { tested.facts[f] = true; }); });
        }
        for (Index f = 0; f < g.facts.size(); ++f) {
            const Fact& fact = g.facts[f];
            const bool value = test_fact(claim.facts, f);
            if (fact.role == FactRole::Exclusion && value && (tested.any_exclusion || tested.facts[f])) {
                exclusions.reached[fact_item[f]] = true;
            }
            if (fact.role == FactRole::Requirement && !value && (tested.any_unmet || tested.facts[f])) {
                requirements.reached[fact_item[f]] = true;
            }
        }
        const Model& model = g.models[claim.model];
        if (tested.end_of_service && model.end_of_service && claim.claimed > *model.end_of_service) {
            notices.reached[model.end_of_service_notice] = true;
        }
    }
    Coverage out;
    out.areas = {std::move(rules), std::move(outcomes), std::move(periods), std::move(exclusions),
                 std::move(requirements), std::move(notices), std::move(clauses), std::move(parts), std::move(models)};
    // Shown only for a policy that has them, so that other policies' reports stay as they were.
    for (CoverageArea* a : {&counts, &dates, &date_bounds.area, &window_bounds.area, &choices, &extended, &least}) {
        if (!a->items.empty()) out.areas.push_back(std::move(*a));
    }
    return out;
}

}  // namespace warrant
