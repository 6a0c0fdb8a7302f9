// Pairing models across versions by the spellings queries may use.
#include "diff/model_pairs.hpp"

#include <algorithm>

namespace warrant::diff {

std::string spelling_of(const RuleGraph& g, Index model, const std::string& key) {
    const Model& m = g.models[model];
    if (normalize_model_name(m.name) == key) return m.name;
    for (const std::string& alias : m.aliases) {
        if (normalize_model_name(alias) == key) return alias;
    }
    return m.name;
}

std::string pair_label(const RuleGraph& before, const RuleGraph& after, const ModelPair& pair) {
    const std::string& was = before.models[pair.before].name;
    const std::string& now = after.models[pair.after].name;
    if (was == now) return now;
    const bool named = std::binary_search(pair.keys.begin(), pair.keys.end(), normalize_model_name(was)) ||
                       std::binary_search(pair.keys.begin(), pair.keys.end(), normalize_model_name(now));
    if (named) return now + " (was " + was + ")";
    return "`" + pair.spelling + "`: " + was + " → " + now;
}

ModelPairing pair_models(const RuleGraph& before, const RuleGraph& after) {
    ModelPairing out;
    struct Shared {
        Index before, after;
        const std::string* key;
    };
    std::vector<Shared> shared;
    shared.reserve(before.model_keys.size());
    std::vector<bool> paired_before(before.models.size(), false), paired_after(after.models.size(), false);
    std::vector<OneSidedSpelling> lone_before, lone_after;
    for (const auto& [key, b] : before.model_keys) {
        const auto it = after.model_keys.find(key);
        if (it == after.model_keys.end()) {
            lone_before.push_back({b, key, {}});
            continue;
        }
        shared.push_back({b, it->second, &key});
        paired_before[b] = true;
        paired_after[it->second] = true;
    }
    for (const auto& [key, a] : after.model_keys) {
        if (!before.model_keys.count(key)) lone_after.push_back({a, key, {}});
    }
    // Grouped by the pair of models, in the old version's order (hash order is not stable).
    std::sort(shared.begin(), shared.end(), [](const Shared& x, const Shared& y) {
        return x.before != y.before ? x.before < y.before : x.after != y.after ? x.after < y.after : *x.key < *y.key;
    });
    for (std::size_t i = 0; i < shared.size();) {
        ModelPair pair{shared[i].before, shared[i].after, {}, {}};
        for (; i < shared.size() && shared[i].before == pair.before && shared[i].after == pair.after; ++i) {
            pair.keys.push_back(*shared[i].key);
        }
        // Prefer the new name, then the old, so that witnesses read naturally.
        const std::string new_key = normalize_model_name(after.models[pair.after].name);
        const std::string old_key = normalize_model_name(before.models[pair.before].name);
        if (std::binary_search(pair.keys.begin(), pair.keys.end(), new_key)) pair.spelling = after.models[pair.after].name;
        else if (std::binary_search(pair.keys.begin(), pair.keys.end(), old_key)) pair.spelling = before.models[pair.before].name;
        else pair.spelling = spelling_of(after, pair.after, pair.keys.front());
        out.pairs.push_back(std::move(pair));
    }
    const auto by_model_then_key = [](const OneSidedSpelling& x, const OneSidedSpelling& y) {
        return x.model != y.model ? x.model < y.model : x.key < y.key;
    };
    std::sort(lone_before.begin(), lone_before.end(), by_model_then_key);
    std::sort(lone_after.begin(), lone_after.end(), by_model_then_key);
    for (auto& s : lone_before) {
        s.spelling = spelling_of(before, s.model, s.key);
        if (paired_before[s.model]) out.only_before.push_back(s);
    }
    for (auto& s : lone_after) {
        s.spelling = spelling_of(after, s.model, s.key);
        if (paired_after[s.model]) out.only_after.push_back(s);
    }
    for (Index m = 0; m < before.models.size(); ++m) {
        if (!paired_before[m]) out.removed.push_back(m);
    }
    for (Index m = 0; m < after.models.size(); ++m) {
        if (!paired_after[m]) out.added.push_back(m);
    }
    return out;
}

}  // namespace warrant::diff
