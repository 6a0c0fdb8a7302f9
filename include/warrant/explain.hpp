// Explaining a decision: each rule in order with why it applied or not, the clauses that
// decided, and what would have changed the answer.
#pragma once

#include <string>
#include <vector>

#include "warrant/decide.hpp"

namespace warrant {

struct RuleStep {
    Index rule = none;
    bool applies = false;
    std::string why;  // "the part is device and claimed 15 days after purchase, beyond 14 days"
};

struct Explanation {
    std::vector<RuleStep> steps;            // up to and including the deciding rule
    std::vector<std::string> alternatives;  // "without `FACT` this would be OUTCOME"
};

Explanation explain(const RuleGraph& graph, const Claim& claim, const Decision& decision);

// The explanation as text for a person at a service counter, citing the policy's clauses.
std::string render_explanation(const RuleGraph& graph, const Claim& claim, const Decision& decision);

}  // namespace warrant
