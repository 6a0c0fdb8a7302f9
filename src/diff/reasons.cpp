// Reasons compared by clause identity, and what makes two models or facts cite alike.
#include "diff/reasons.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace warrant::diff {

namespace {

const std::string& identity(const ClauseIdentity& ids, bool is_before, Index clause) {
    return is_before ? ids.of_before(clause) : ids.of_after(clause);
}

// How many times each clause is cited by the graph's rules, periods, lists, notices and facts.
std::vector<int> citation_counts(const RuleGraph& g) {
    std::vector<int> out(g.clauses.size(), 0);
    const auto cite = [&](Index c) {
        if (c != none) ++out[c];
    };
    for (const Rule& r : g.rules) cite(r.clause);
    for (const Period& p : g.periods) {
        cite(p.clause);
        cite(p.start_clause);
    }
    for (const auto& l : g.lists) cite(l.clause);
    for (const auto& n : g.notices) cite(n.clause);
    for (const Fact& f : g.facts) cite(f.clause);
    return out;
}

}  // namespace

FactClauseKeys fact_clause_keys(const RuleGraph& before, const RuleGraph& after, const ClauseIdentity& ids) {
    const std::vector<int> counts_before = citation_counts(before), counts_after = citation_counts(after);
    FactClauseKeys out;
    const auto consider = [&](const std::string& name) {
        const auto b = before.find_fact(name), a = after.find_fact(name);
        const Index cb = b ? before.facts[*b].clause : none, ca = a ? after.facts[*a].clause : none;
        const std::string& ib = b ? ids.of_before(cb) : ids.of_after(ca);
        const std::string& ia = a ? ids.of_after(ca) : ids.of_before(cb);
        const bool alone = (cb == none || counts_before[cb] == 1) && (ca == none || counts_after[ca] == 1);
        if (ib == ia && alone) return;
        out[name] = fmt::format("{}|{}", ib, ia);
    };
    for (const Fact& f : after.facts) consider(f.name);
    for (const Fact& f : before.facts) {
        if (!after.find_fact(f.name)) consider(f.name);
    }
    return out;
}

std::string shared_citations(const RuleGraph& g, const ClauseIdentity& ids, bool is_before) {
    std::string out;
    for (const Rule& r : g.rules) out += identity(ids, is_before, r.clause) + ",";
    std::vector<std::string> named;
    for (const Fact& f : g.facts) named.push_back(f.name + "=" + identity(ids, is_before, f.clause));
    for (const auto& l : g.lists) named.push_back("list " + l.name + "=" + identity(ids, is_before, l.clause));
    std::sort(named.begin(), named.end());
    for (const auto& n : named) out += n + ";";
    return out;
}

namespace {

std::string period_citations(const ClauseIdentity& ids, bool is_before, const Period& p) {
    return identity(ids, is_before, p.clause) + "/" + identity(ids, is_before, p.start_clause) + ",";
}

std::string notice_citation(const RuleGraph& g, const ClauseIdentity& ids, bool is_before, Index notice) {
    return "|" + identity(ids, is_before, g.notices[notice].clause);
}

}  // namespace

int UnitCitations::id(Index model, Index part) {
    const std::size_t slot = static_cast<std::size_t>(model) * g_.parts.size() + part;
    // The pieces as numbers (a clause identity holds no '/', ',' or '|', so equal lists are
    // equal citations and the reverse).
    texts_.clear();
    for (std::uint32_t i = g_.choice_begin[slot]; i < g_.choice_begin[slot + 1]; ++i) {
        const Index p = g_.period_choices[i];
        if (period_ids_[p] < 0) period_ids_[p] = ids_.id(period_citations(clauses_, is_before_, g_.periods[p]));
        texts_.push_back(period_ids_[p]);
        if (g_.periods[p].condition == none) break;
    }
    if (const Index notice = g_.models[model].end_of_service_notice; notice != none) {
        if (notice_ids_[notice] < 0) notice_ids_[notice] = ids_.id(notice_citation(g_, clauses_, is_before_, notice));
        texts_.push_back(notice_ids_[notice]);
    }
    return ids_.id(texts_);
}

std::vector<int> reason_of(const RuleGraph& g, const ClauseIdentity& ids, bool is_before, const Claim& claim,
                           const Decision& decision, std::vector<Index>& cited) {
    deciding_clauses(g, claim, decision, cited);
    std::vector<int> out;
    out.reserve(cited.size());
    for (const Index c : cited) out.push_back(is_before ? ids.number_before(c) : ids.number_after(c));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace warrant::diff
