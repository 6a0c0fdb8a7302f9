// What changed between two versions, by meaning: models, periods, end-of-service dates, lists,
// facts, rules and vocabulary; and, apart, what changed only in wording (clause text, labels,
// identifiers). Declaration order, formatting, comments and clause ids are not changes.
#pragma once

#include <vector>

#include "diff/model_pairs.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// `choices_before` and `choices_after` number the period choices of each version alike.
std::vector<Change> describe_changes(const RuleGraph& before, const RuleGraph& after, const ModelPairing& pairing,
                                     ChoiceTexts& choices_before, ChoiceTexts& choices_after);

}  // namespace warrant::diff
