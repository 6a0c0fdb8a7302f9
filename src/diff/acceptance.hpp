// Queries only one version accepts: spellings of models, parts, facts and regions that the
// other version does not know. Each becomes a range with a witness that one version rejects.
#pragma once

#include <vector>

#include "diff/model_pairs.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// `base` supplies the region field and dates of witnesses.
std::vector<ClaimRange> acceptance_ranges(const RuleGraph& before, const RuleGraph& after, const ModelPairing& pairing,
                                          const DiffQuery& base, std::size_t& unverified);

}  // namespace warrant::diff
