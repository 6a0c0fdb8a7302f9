// Reasons: the clauses an answer cites. Two claims of one class of the claim space cite alike
// when what decides them cites alike: the rules, periods, lists and notices by their clauses, and
// the facts that count through `any exclusion` or `any requirement unmet` by theirs.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "diff/analysis.hpp"
#include "diff/clause_identity.hpp"
#include "diff/wording.hpp"
#include "warrant/decide.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::diff {

// Facts that may be grouped with others of their profile without losing a reason: a fact that
// cites one clause (by identity) in both versions, which nothing else cites, has the key "";
// the others are keyed by what they cite, so that only facts citing alike share a group.
FactClauseKeys fact_clause_keys(const RuleGraph& before, const RuleGraph& after, const ClauseIdentity& ids);

// What every model's decisions cite, by identity, in one version: the rules, facts and lists.
std::string shared_citations(const RuleGraph& g, const ClauseIdentity& ids, bool is_before);

// What one model and part cites besides, by identity, as a number from `ids`: the clauses of its
// periods (and where they count from) up to the first without a condition, and of its
// end-of-service notice; equal numbers exactly for equal citations. Made from a number per
// period and per notice, each made once.
class UnitCitations {
public:
    UnitCitations(const RuleGraph& g, const ClauseIdentity& clauses, bool is_before, TextIds& ids)
        : g_(g), clauses_(clauses), is_before_(is_before), ids_(ids), period_ids_(g.periods.size(), -1),
          notice_ids_(g.notices.size(), -1) {}
    int id(Index model, Index part);

private:
    const RuleGraph& g_;
    const ClauseIdentity& clauses_;
    bool is_before_ = false;
    TextIds& ids_;
    std::vector<int> period_ids_, notice_ids_;  // the numbers of their citations' texts, -1 until made
    std::vector<int> texts_;
};

// The identities of the clauses a decision cites, sorted: what reason ranges compare.
// `cited` is scratch space, reused to save an allocation each time.
std::vector<int> reason_of(const RuleGraph& g, const ClauseIdentity& ids, bool is_before, const Claim& claim,
                           const Decision& decision, std::vector<Index>& cited);

}  // namespace warrant::diff
