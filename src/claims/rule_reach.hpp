// Which claims each rule of one policy decides, exactly: every class of claims (per model and
// part, fact class, place of purchase and combination of date boundaries) is decided once, and
// every rule whose condition holds there is noted. A rule that decides no claim is dead; the
// rules that decide where its condition holds shadow it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::claims {

struct RuleReach {
    bool decides = false;              // some claim is decided by this rule
    bool holds_somewhere = false;      // its condition holds for some claim
    std::vector<Index> pre_empted_by;  // earlier rules that decide claims where its condition holds, ascending
    Index covered_by = none;           // an earlier rule whose condition holds wherever this one's does
};

// nullopt when the policy is beyond what the exact analysis enumerates (too many fact classes
// or date boundaries for one model and part, or more than `max_classes` classes in all); the
// caller then falls back to an approximation. Also nullopt for a policy without models or parts
// (no claim exists to reach a rule). Rules after the first one without `when` are
// analysed too, but are always pre-empted.
std::optional<std::vector<RuleReach>> rule_reach(const RuleGraph& graph, std::size_t max_classes = 4'000'000);

}  // namespace warrant::claims
