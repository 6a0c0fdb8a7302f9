// Which model of one version is which of the other. Queries name models by spelling, so two
// models correspond when some spelling (name or alias, normalised) names both. A spelling
// that names a model in only one version is rejected by the other.
#pragma once

#include <string>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::diff {

struct ModelPair {
    Index before = none;
    Index after = none;
    std::vector<std::string> keys;  // normalised spellings that name both, sorted
    std::string spelling;           // one of them as written, for queries
};

struct OneSidedSpelling {
    Index model = none;
    std::string key;
    std::string spelling;  // as written
};

struct ModelPairing {
    std::vector<ModelPair> pairs;               // in the old version's model order
    std::vector<Index> removed, added;          // models no spelling of which the other version knows
    std::vector<OneSidedSpelling> only_before;  // spellings of paired models that only one version knows
    std::vector<OneSidedSpelling> only_after;
};

ModelPairing pair_models(const RuleGraph& before, const RuleGraph& after);

// How reports name a pair: the model's name when both versions use it; "Alpha II (was Alpha 2)"
// for a model renamed; "`A1`: Alpha 1 → Alpha II" for a spelling that now names another model.
std::string pair_label(const RuleGraph& before, const RuleGraph& after, const ModelPair& pair);

// The model's name or alias whose normalised form is `key`.
std::string spelling_of(const RuleGraph& g, Index model, const std::string& key);

}  // namespace warrant::diff
