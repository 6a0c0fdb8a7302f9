// An example's expectation (`expect OUTCOME until DATE by CLAUSES`), resolved against the
// policy, and its comparison with a decision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parse/ast.hpp"
#include "warrant/decide.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

struct Expectation {
    Index outcome = none;
    bool checks_until = false;       // `until` was written
    std::optional<Date> until;       // nullopt with checks_until: `until none`
    std::vector<Index> clauses;      // `by`: each must be among the deciding clauses
};

// nullopt after reporting an unknown outcome or clause (E5002) or an impossible date (E5005).
std::optional<Expectation> example_expectation(const RuleGraph& graph, const ast::ExampleDecl& example,
                                               Diagnostics& diagnostics);

// What differs between the expectation and the decision, one phrase each; empty when it holds.
std::vector<std::string> mismatches(const RuleGraph& graph, const Expectation& expected, const Claim& claim,
                                    const Decision& decision);

// "OUTCOME until 2026-01-01 by CLAUSE": the expectation as written, and the
// decision in the same words (with every deciding clause).
std::string describe(const RuleGraph& graph, const Expectation& expected);
std::string describe(const RuleGraph& graph, const Claim& claim, const Decision& decision);

}  // namespace warrant
