// The interpreter: decides a claim against a compiled rule graph. It knows dates, durations,
// facts, parts, models and rule order as the language defines them, and nothing of any
// particular policy. Deciding is const on the graph and allocation-free, so one compiled graph
// serves any number of threads without locks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "warrant/date.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// Claims are dated up to the year 8999, so that any period a policy may declare (at most a
// thousand years) still ends on a date written YYYY-MM-DD.
inline constexpr int last_claim_year = 8999;

// A claim with every name already resolved against one graph (see resolve_claim in query.hpp).
struct Claim {
    Index model = none;
    Index part = none;
    Date purchased;
    Date claimed;
    std::optional<Date> last_repair;
    bool outside_region = false;  // bought outside the policy's region
    FactBits facts{};             // start from RuleGraph::fact_defaults
    FactValues values{};          // counts, dates (days), choices (value index); start from
                                  // RuleGraph::value_defaults
};

struct Decision {
    Index rule = none;     // the first rule whose condition holds
    Index outcome = none;  // that rule's outcome
    Index period = none;   // the part's period for this model and these facts, if any
    std::optional<Date> warranty_until;  // the last covered day of that period
    Date warranty_from;                  // the day that period counts from
    Index warranty_start_fact = none;    // the date fact it counted from, none: the purchase
    std::int32_t warranty_extension = 0; // the days the period's extension added to its end
    bool warranty_floor = false;         // the end is the period's least end after a date, later
};

// The date the claim gives for a date fact, or nullopt.
inline std::optional<Date> fact_date(const Claim& claim, const Fact& fact) {
    const std::int32_t v = claim.values[fact.slot];
    if (v == no_value) return std::nullopt;
    return Date{v};
}

// One side of a date comparison (CondKind::DateCompare) read on a claim; empty when the claim
// does not give that date fact.
inline std::optional<Date> operand_date(const RuleGraph& graph, const DateOperand& o, const Claim& claim) {
    switch (o.source) {
        case DateOperand::Source::Purchased: return claim.purchased;
        case DateOperand::Source::Claimed: return claim.claimed;
        case DateOperand::Source::Fact: return fact_date(claim, graph.facts[o.fact]);
        case DateOperand::Source::Fixed: return o.fixed;
    }
    return std::nullopt;
}

// A window `SUBJECT within N days|months after ANCHOR` (CondKind::WithinAfter) read on a claim:
// its length, the date it counts from and the date it tests, each empty when the claim does not
// give it. One reading for the interpreter, its explanations and coverage.
inline Length window_length(const CondNode& n) { return {n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months}; }
inline std::optional<Date> window_anchor(const RuleGraph& graph, const CondNode& n, const Claim& claim) {
    if (n.c == 0) return claim.purchased;
    if (n.c == 1) return claim.last_repair;
    return fact_date(claim, graph.facts[n.anchor_fact]);
}
inline std::optional<Date> window_subject(const RuleGraph& graph, const CondNode& n, const Claim& claim) {
    if (n.subject_fact == none) return claim.claimed;
    return fact_date(claim, graph.facts[n.subject_fact]);
}

// The part's period for the claim's model and facts, and its last covered day.
Index choose_period(const RuleGraph& graph, const Claim& claim);
std::optional<Date> last_covered_day(const RuleGraph& graph, Date from, Length length);

// The day the period counts from for this claim: its start fact's date when the claim gives
// it (`start_fact` is set to that fact), else the purchase.
Date warranty_start(const RuleGraph& graph, const Period& period, const Claim& claim, Index& start_fact);
// The period's least end (`at least LENGTH after DATE`) for this claim, when it has one and
// the claim gives the date.
std::optional<Date> least_end(const RuleGraph& graph, const Period& period, const Claim& claim);

Decision decide(const RuleGraph& graph, const Claim& claim);

// Evaluates one condition node for the claim (`decision` supplies the warranty end).
bool holds(const RuleGraph& graph, Index condition, const Claim& claim, const Decision& decision);

// The clauses that decided: the rule's own, then those of what made its condition true
// (the period used, the exclusions that hold, the requirements unmet, the notice, the list).
std::vector<Index> deciding_clauses(const RuleGraph& graph, const Claim& claim, const Decision& decision);
// The same into `out`, replacing its contents: reusing one vector saves an allocation each time.
void deciding_clauses(const RuleGraph& graph, const Claim& claim, const Decision& decision, std::vector<Index>& out);

// The services of the part's period (how the claim is served), in declared order.
const std::vector<Index>& decision_services(const RuleGraph& graph, const Decision& decision);

}  // namespace warrant
