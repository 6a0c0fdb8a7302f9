// Clauses by identity across two versions: a clause is the same clause in both when it keeps its
// id (whatever its wording), or when one id disappears and another appears with the very same
// text (a rename). Reasons are compared by identity, so renaming a clause changes no reason.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::diff {

class ClauseIdentity {
public:
    ClauseIdentity(const RuleGraph& before, const RuleGraph& after);
    // The identity of a clause of each version: the new version's id (an old clause renamed
    // takes the id it was renamed to). "" for none.
    const std::string& of_before(Index clause) const;
    const std::string& of_after(Index clause) const;
    // The same for an id of the old version as an answer cites it.
    std::string of_before_id(const std::string& id) const;
    // The same as numbers, equal exactly when the identities are (-1 for none): cheap to compare.
    int number_before(Index clause) const { return clause == none ? -1 : before_numbers_[clause]; }
    int number_after(Index clause) const { return clause == none ? -1 : static_cast<int>(clause); }
    // Clauses renamed: (old id, new id), in the order the new version declares them.
    const std::vector<std::pair<std::string, std::string>>& renames() const { return renames_; }

private:
    std::vector<std::string> before_, after_;
    std::vector<int> before_numbers_;  // the new version's index of the same clause, or past them
    std::vector<std::pair<std::string, std::string>> renames_;
};

// Sorted identities of the clauses an answer cites, so that order does not count.
std::vector<std::string> identities_before(const ClauseIdentity& ids, const std::vector<std::string>& cited);
std::vector<std::string> identities_after(const std::vector<std::string>& cited);

}  // namespace warrant::diff
