// Deciding a claim: pick the part's period, then try the rules in order.
#include "warrant/decide.hpp"

#include <algorithm>

namespace warrant {

std::optional<Date> last_covered_day(const RuleGraph& graph, Date from, Length length) {
    const Date end = length.unit == LengthUnit::Days
                         ? add_days(from, static_cast<std::int32_t>(length.count))
                         : add_months(from, static_cast<std::int32_t>(length.count), graph.calendar.months);
    return graph.calendar.last_day_covered ? end : add_days(end, -1);
}

namespace {

bool any_bits(const FactBits& bits, const FactBits& mask, bool invert) {
    for (std::size_t i = 0; i < bits.size(); ++i) {
        if (((invert ? ~bits[i] : bits[i]) & mask[i]) != 0) return true;
    }
    return false;
}

// Period conditions test facts only, so they need neither dates nor a decision.
bool period_applies(const RuleGraph& graph, const Period& period, const Claim& claim) {
    static const Decision no_decision{};
    return period.condition == none || holds(graph, period.condition, claim, no_decision);
}

}  // namespace

Index choose_period(const RuleGraph& graph, const Claim& claim) {
    const std::size_t slot = static_cast<std::size_t>(claim.model) * graph.parts.size() + claim.part;
    if (const Index fixed = graph.fixed_period[slot]; fixed != RuleGraph::choices_vary) return fixed;
    for (std::uint32_t i = graph.choice_begin[slot]; i < graph.choice_begin[slot + 1]; ++i) {
        const Index p = graph.period_choices[i];
        if (period_applies(graph, graph.periods[p], claim)) return p;
    }
    return none;
}

bool holds(const RuleGraph& graph, Index condition, const Claim& claim, const Decision& decision) {
    const CondNode& n = graph.conditions[condition];
    switch (n.kind) {
        case CondKind::AnyOf:
            for (Index i = 0; i < n.b; ++i) {
                if (holds(graph, graph.condition_children[n.a + i], claim, decision)) return true;
            }
            return false;
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) {
                if (!holds(graph, graph.condition_children[n.a + i], claim, decision)) return false;
            }
            return true;
        case CondKind::Not: return !holds(graph, n.a, claim, decision);
        case CondKind::PartIs: return (claim.part == n.a) != (n.c != 0);
        case CondKind::WithinWarranty:
            return decision.warranty_until && claim.claimed <= *decision.warranty_until;
        case CondKind::WithinAfter: {
            const std::optional<Date> anchor = window_anchor(graph, n, claim);
            const std::optional<Date> subject = window_subject(graph, n, claim);
            if (!anchor || !subject || *subject < *anchor) return false;
            const auto last = last_covered_day(graph, *anchor, window_length(n));
            return *subject <= *last;
        }
        case CondKind::AfterEndOfService: {
            const auto& eos = graph.models[claim.model].end_of_service;
            return eos && claim.claimed > *eos;
        }
        case CondKind::PurchasedOutside: return claim.outside_region;
        case CondKind::InList: return graph.list_membership[n.a][claim.model];
        case CondKind::InSeries: return graph.models[claim.model].series == n.a;
        case CondKind::AnyExclusion: return any_bits(claim.facts, graph.exclusion_mask, false);
        case CondKind::AnyUnmet: return any_bits(claim.facts, graph.requirement_mask, true);
        case CondKind::FactIs: return test_fact(claim.facts, n.a);
        case CondKind::CountCompare:
            return compare(claim.values[graph.facts[n.a].slot], static_cast<Comparison>(n.c), n.b);
        case CondKind::DateCompare: {
            const auto left = operand_date(graph, n.left, claim);
            const auto right = operand_date(graph, n.right, claim);
            return left && right && compare(left->days, static_cast<Comparison>(n.c), right->days);
        }
        case CondKind::DateGiven: return claim.values[graph.facts[n.a].slot] != no_value;
        case CondKind::ChoiceIn: {
            const std::int32_t v = claim.values[graph.facts[n.a].slot];
            return v >= 0 && ((n.b >> v) & 1u) != 0;
        }
    }
    return false;
}

std::optional<Date> least_end(const RuleGraph& graph, const Period& period, const Claim& claim) {
    std::optional<Date> anchor;
    switch (period.floor_anchor) {
        case Period::FloorAnchor::None: return std::nullopt;
        case Period::FloorAnchor::LastRepair: anchor = claim.last_repair; break;
        case Period::FloorAnchor::Fact: anchor = fact_date(claim, graph.facts[period.floor_fact]); break;
    }
    if (!anchor) return std::nullopt;
    return last_covered_day(graph, *anchor, period.floor_length);
}

Date warranty_start(const RuleGraph& graph, const Period& period, const Claim& claim, Index& start_fact) {
    start_fact = none;
    if (period.start_fact != none) {
        if (const auto d = fact_date(claim, graph.facts[period.start_fact])) {
            start_fact = period.start_fact;
            return *d;
        }
    }
    return claim.purchased;
}

namespace {

// Where the decision's period starts and ends for this claim: its length from the purchase or
// the date it counts from, then moved later by the days that extend it and to its least end.
void set_warranty(const RuleGraph& graph, const Period& period, const Claim& claim, Decision& decision) {
    decision.warranty_from = warranty_start(graph, period, claim, decision.warranty_start_fact);
    decision.warranty_until = last_covered_day(graph, decision.warranty_from, period.length);
    if (!decision.warranty_until) return;
    if (period.extension_fact != none) {
        const std::int32_t days = claim.values[graph.facts[period.extension_fact].slot];
        if (days > 0) {
            // A warranty ends by 9999-12-31 however many days extend it: its end is still a date
            // written YYYY-MM-DD (claims are dated up to 8999, periods last at most a thousand
            // years). Counts go up to 10^9, so the sum stays within 32 bits.
            static const Date last_day = *make_date(9999, 12, 31);
            const std::int32_t until = decision.warranty_until->days;
            decision.warranty_extension = days;
            decision.warranty_until = Date{std::min(until + days, std::max(last_day.days, until))};
        }
    }
    if (const auto least = least_end(graph, period, claim); least && *least > *decision.warranty_until) {
        decision.warranty_until = least;
        decision.warranty_floor = true;
    }
}

}  // namespace

Decision decide(const RuleGraph& graph, const Claim& claim) {
    Decision decision;
    decision.period = choose_period(graph, claim);
    if (decision.period != none) set_warranty(graph, graph.periods[decision.period], claim, decision);
    for (Index r = 0; r < graph.rules.size(); ++r) {
        const Rule& rule = graph.rules[r];
        if (rule.condition == none || holds(graph, rule.condition, claim, decision)) {
            decision.rule = r;
            decision.outcome = rule.outcome;
            break;
        }
    }
    return decision;
}

namespace {

// Collects the clauses of the true, non-negated atoms under `condition`.
void collect(const RuleGraph& g, Index condition, const Claim& claim, const Decision& decision,
             std::vector<Index>& out) {
    if (!holds(g, condition, claim, decision)) return;
    const CondNode& n = g.conditions[condition];
    const auto add = [&](Index clause) {
        if (clause != none && std::find(out.begin(), out.end(), clause) == out.end()) out.push_back(clause);
    };
    switch (n.kind) {
        case CondKind::AnyOf:
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) collect(g, g.condition_children[n.a + i], claim, decision, out);
            break;
        case CondKind::WithinWarranty:
            if (decision.period != none) add(g.periods[decision.period].clause);
            if (decision.warranty_start_fact != none) add(g.periods[decision.period].start_clause);
            if (decision.warranty_extension > 0) add(g.periods[decision.period].extension_clause);
            break;
        case CondKind::AfterEndOfService:
            add(g.notices[g.models[claim.model].end_of_service_notice].clause);
            break;
        case CondKind::InList: add(g.lists[n.a].clause); break;
        case CondKind::AnyExclusion:
        case CondKind::AnyUnmet:
            for (Index f = 0; f < g.facts.size(); ++f) {
                const Fact& fact = g.facts[f];
                const bool value = test_fact(claim.facts, f);
                if ((n.kind == CondKind::AnyExclusion && fact.role == FactRole::Exclusion && value) ||
                    (n.kind == CondKind::AnyUnmet && fact.role == FactRole::Requirement && !value)) {
                    add(fact.clause);
                }
            }
            break;
        case CondKind::FactIs:
        case CondKind::CountCompare:
        case CondKind::DateGiven:
        case CondKind::ChoiceIn: add(g.facts[n.a].clause); break;
        case CondKind::DateCompare:
            for (const DateOperand* o : {&n.left, &n.right}) {
                if (o->source == DateOperand::Source::Fact) add(g.facts[o->fact].clause);
            }
            break;
        case CondKind::WithinAfter:
            if (n.c == 2) add(g.facts[n.anchor_fact].clause);
            if (n.subject_fact != none) add(g.facts[n.subject_fact].clause);
            break;
        default: break;  // negations and plain tests cite only the rule's own clause
    }
}

}  // namespace

std::vector<Index> deciding_clauses(const RuleGraph& graph, const Claim& claim, const Decision& decision) {
    std::vector<Index> out;
    deciding_clauses(graph, claim, decision, out);
    return out;
}

void deciding_clauses(const RuleGraph& graph, const Claim& claim, const Decision& decision, std::vector<Index>& out) {
    out.clear();
    if (decision.rule == none) return;
    const Rule& rule = graph.rules[decision.rule];
    if (rule.clause != none) out.push_back(rule.clause);
    if (rule.condition != none) collect(graph, rule.condition, claim, decision, out);
}

const std::vector<Index>& decision_services(const RuleGraph& graph, const Decision& decision) {
    static const std::vector<Index> no_services;
    return decision.period == none ? no_services : graph.periods[decision.period].services;
}

}  // namespace warrant
