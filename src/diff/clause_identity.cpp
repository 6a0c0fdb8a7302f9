// Pairing the clauses of two versions: by id, then removed ids with added ids of the same text.
#include "diff/clause_identity.hpp"

#include <algorithm>
#include <set>

namespace warrant::diff {

namespace {
const std::string no_clause;
}

ClauseIdentity::ClauseIdentity(const RuleGraph& before, const RuleGraph& after) {
    std::set<std::string> old_ids, new_ids;
    for (const Clause& c : before.clauses) old_ids.insert(c.id);
    for (const Clause& c : after.clauses) new_ids.insert(c.id);
    std::vector<const Clause*> removed;
    for (const Clause& c : before.clauses) {
        if (!new_ids.count(c.id)) removed.push_back(&c);
    }
    for (const Clause& c : after.clauses) {
        if (old_ids.count(c.id)) continue;
        const auto same = std::find_if(removed.begin(), removed.end(), [&](const Clause* r) { return r->text == c.text; });
        if (same == removed.end()) continue;
        renames_.emplace_back((*same)->id, c.id);
        removed.erase(same);
    }
    for (const Clause& c : after.clauses) after_.push_back(c.id);
    for (const Clause& c : before.clauses) before_.push_back(of_before_id(c.id));
    // Numbers: a new clause's index; an old clause with no new one gets a number past them.
    int next = static_cast<int>(after.clauses.size());
    for (const std::string& identity : before_) {
        const auto at = std::find(after_.begin(), after_.end(), identity);
        before_numbers_.push_back(at != after_.end() ? static_cast<int>(at - after_.begin()) : next++);
    }
}

std::string ClauseIdentity::of_before_id(const std::string& id) const {
    for (const auto& [was, now] : renames_) {
        if (was == id) return now;
    }
    return id;
}

const std::string& ClauseIdentity::of_before(Index clause) const { return clause == none ? no_clause : before_[clause]; }
const std::string& ClauseIdentity::of_after(Index clause) const { return clause == none ? no_clause : after_[clause]; }

std::vector<std::string> identities_before(const ClauseIdentity& ids, const std::vector<std::string>& cited) {
    std::vector<std::string> out;
    for (const std::string& id : cited) out.push_back(ids.of_before_id(id));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> identities_after(const std::vector<std::string>& cited) {
    std::vector<std::string> out = cited;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace warrant::diff
