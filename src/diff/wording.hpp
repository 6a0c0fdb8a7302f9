// A graph's pieces as text with names instead of indices: for people, and as canonical forms
// that compare equal across two versions exactly when the pieces mean the same.
#pragma once

#include <unordered_map>
#include <string>
#include <vector>

#include "warrant/diff.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::diff {

std::string length_words(const Length& length);  // "24 months", "1 day"
// Which calendar conventions the two versions do not share, so lengths must say theirs.
struct CalendarNote {
    bool months = false;
    bool last_day = false;
};
// "24 months", with the conventions the versions do not share: "24 months (overflow)".
std::string length_words(const DiffLength& length, CalendarNote note);
// The periods a model may get for a part, in the order they are tried:
// "6 months when removable_battery, else 12 months"; "no period".
std::string choices_text(const RuleGraph& g, Index model, Index part, bool with_services);
// One period of that list: "6 months when removable_battery via walk_in".
std::string period_text(const RuleGraph& g, const Period& p, bool with_services);
// A hash of a list of numbers, for TextIds.
struct ListHash {
    std::size_t operator()(const std::vector<int>& v) const noexcept;
};

// Numbers for texts, and for lists of such numbers, shared by the two versions: equal texts (or
// lists), equal numbers; a text and a list never share one.
class TextIds {
public:
    int id(const std::string& text) { return number(texts_, text); }
    int id(const std::vector<int>& list) { return number(lists_, list); }

private:
    template <typename Table, typename Key>
    int number(Table& table, const Key& key) {
        const auto [it, fresh] = table.emplace(key, next_);
        if (fresh) ++next_;
        return it->second;
    }
    int next_ = 0;
    std::unordered_map<std::string, int> texts_;
    std::unordered_map<std::vector<int>, int, ListHash> lists_;
};

// choices_text (with services) of each model and part as a number from `ids`, equal exactly
// when the texts are: the list of its periods' numbers, each period's text made once (a
// catalogue has periods of its own for many models, most of them alike).
class ChoiceTexts {
public:
    ChoiceTexts(const RuleGraph& g, TextIds& ids) : g_(g), ids_(ids), period_ids_(g.periods.size(), -1) {}
    int id(Index model, Index part);

private:
    const RuleGraph& g_;
    TextIds& ids_;
    std::vector<int> period_ids_;  // per period: the number of its text, -1 until made
    std::vector<int> texts_;
};

// The clause ids those periods cite.
std::vector<std::string> choice_clauses(const RuleGraph& g, Index model, Index part);
std::string clause_id(const RuleGraph& g, Index clause);  // "" for none
std::string clause_text(const RuleGraph& g, Index clause);
// "A, B and C"; beyond `limit` names: "A, B, … and 97 more".
std::string name_list(const std::vector<std::string>& names, std::size_t limit = 8);

}  // namespace warrant::diff
