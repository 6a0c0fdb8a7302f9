// Helpers shared by the files that compare two versions declaration by declaration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diff/model_pairs.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// Changes that many models share ("24 → 30 months"), collected in the order first met.
class Grouped {
public:
    void add(const std::string& key, const std::string& model, const std::vector<std::string>& clauses) {
        auto [it, fresh] = index_.emplace(key, items_.size());
        if (fresh) items_.push_back({key, {}, {}});
        Item& item = items_[it->second];
        item.models.push_back(model);
        for (const auto& c : clauses) {
            if (std::find(item.clauses.begin(), item.clauses.end(), c) == item.clauses.end()) item.clauses.push_back(c);
        }
    }
    struct Item {
        std::string key;
        std::vector<std::string> models;
        std::vector<std::string> clauses;
    };
    const std::vector<Item>& items() const { return items_; }

private:
    std::map<std::string, std::size_t> index_;
    std::vector<Item> items_;
};


Change change(std::string kind, std::string text, bool wording = false);
const char* role_word(FactRole role);
std::string or_none(const std::optional<Date>& d);
// Whether any condition of the graph is of this kind.
bool reads(const RuleGraph& g, CondKind kind);

template <typename T>
const T* named(const std::vector<T>& items, const std::string& name) {
    for (const T& item : items) {
        if (item.name == name) return &item;
    }
    return nullptr;
}


// Models, periods per model and part, end-of-service dates, list memberships.
void model_changes(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, ChoiceTexts& choices_before,
                   ChoiceTexts& choices_after, std::vector<Change>& out);
// Facts (exclusions, requirements) and rules.
void fact_and_rule_changes(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out);

}  // namespace warrant::diff
