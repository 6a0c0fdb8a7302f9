// Declarations nothing uses: outcomes no rule decides (W4110), facts nothing reads (W4111),
// models nothing refers to (W4112), clauses nothing cites (W4114); and citations of clauses
// without text (W4113). Each is either text the policy forgot to encode or an encoding that
// lost its source, which a reviewer cannot tell apart without being told.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>

#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

// What the conditions of rules and periods read.
struct Uses {
    std::vector<bool> facts, series, lists;
    bool any_exclusion = false, any_unmet = false;
};

void collect(const RuleGraph& g, Index c, Uses& uses) {
    for_each_leaf(g, c, [&](const CondNode& n) {
        switch (n.kind) {
            case CondKind::InSeries: uses.series[n.a] = true; break;
            case CondKind::InList: uses.lists[n.a] = true; break;
            case CondKind::AnyExclusion: uses.any_exclusion = true; break;
            case CondKind::AnyUnmet: uses.any_unmet = true; break;
            default: for_each_fact_read(n, [&](Index f) { uses.facts[f] = true; }); break;
        }
    });
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

void unused_outcomes(Context& cx) {
    const RuleGraph& g = cx.graph;
    std::vector<bool> decided(g.outcomes.size(), false);
    for (const Rule& r : g.rules) if (r.outcome != none) decided[r.outcome] = true;
    for (Index o = 0; o < g.outcomes.size(); ++o) {
        if (decided[o]) continue;
        cx.diags.report(Code::UnusedOutcome, g.outcomes[o].span,
                        fmt::format("outcome `{}` is declared, but no rule decides it", g.outcomes[o].name))
            .hint = "add the rule that should decide it, or remove the outcome";
    }
}

void unread_facts(Context& cx, const Uses& uses) {
    const RuleGraph& g = cx.graph;
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (uses.facts[f]) continue;
        if (fact.role == FactRole::Exclusion && uses.any_exclusion) continue;
        if (fact.role == FactRole::Requirement && uses.any_unmet) continue;
        const char* kind = fact.role == FactRole::Exclusion ? "exclusion" : fact.role == FactRole::Requirement ? "requirement" : "fact";
        const char* test = fact.role == FactRole::Exclusion     ? " (or `any exclusion`)"
                           : fact.role == FactRole::Requirement ? " (or `any requirement unmet`)"
                                                                : "";
        cx.diags.report(Code::UnreadFact, fact.span,
                        fmt::format("{} `{}` is declared, but no rule or period reads it: setting it changes no answer", kind, fact.name))
            .hint = fmt::format("test `{}`{} in a rule's or period's `when`, or remove it; if the source mentions it only to say it changes nothing, suppress this warning with the reason",
                                fact.name, test);
    }
}

void unreferenced_models(Context& cx, const Uses& uses) {
    const RuleGraph& g = cx.graph;
    // A policy that tells no model apart (no model or series periods, lists, notices, or rules
    // about series) gives every model the general periods: nothing is missing from any of them.
    const bool differentiates = !g.lists.empty() || !g.notices.empty() ||
                                std::any_of(g.periods.begin(), g.periods.end(),
                                            [](const Period& p) { return p.scope != Period::Scope::General; }) ||
                                std::any_of(uses.series.begin(), uses.series.end(), [](bool used) { return used; });
    if (!differentiates) return;
    std::vector<bool> referred(g.models.size(), false);
    for (const ModelList& list : g.lists) for (const Index m : list.models) referred[m] = true;
    for (const EndOfServiceNotice& notice : g.notices) for (const Index m : notice.models) referred[m] = true;
    const auto whole_series = [&](Index s) { for (const Index m : g.series[s].models) referred[m] = true; };
    for (const auto& targets : cx.resolution.period_targets) {
        for (const PeriodTarget& t : targets) {
            if (t.is_series) whole_series(t.index); else referred[t.index] = true;
        }
    }
    for (Index s = 0; s < g.series.size(); ++s) if (uses.series[s]) whole_series(s);
    for (Index m = 0; m < g.models.size(); ++m) {
        if (referred[m]) continue;
        cx.diags.report(Code::UnreferencedModel, g.models[m].span,
                        fmt::format("model `{}` is declared, but no period, list, end-of-service notice or rule refers to it", g.models[m].name))
            .hint = "if the source names it, encode what it says of it (a period, a list, a notice); if it only gets the general periods, suppress this warning with the reason";
    }
}

void empty_citations(Context& cx) {
    const RuleGraph& g = cx.graph;
    // Rules and periods are in the graph in the order of their declarations.
    for (Index i = 0; i < g.rules.size() && i < cx.module.rules.size(); ++i) {
        const Index c = g.rules[i].clause;
        if (c == none || !blank(g.clauses[c].text)) continue;
        auto& d = cx.diags.report(Code::EmptyClauseText, cx.module.rules[i].clause.span,
                                  fmt::format("rule `{}` cites clause `{}`, whose text is empty", g.rules[i].name, g.clauses[c].id));
        d.notes.push_back({g.clauses[c].span, "the clause"});
        d.hint = fmt::format("quote the source's words in clause `{}`, or cite the clause that says what the rule does", g.clauses[c].id);
    }
    for (Index i = 0; i < g.periods.size() && i < cx.module.periods.size(); ++i) {
        const Index c = g.periods[i].clause;
        if (c == none || !blank(g.clauses[c].text)) continue;
        auto& d = cx.diags.report(Code::EmptyClauseText, cx.module.periods[i].clause.span,
                                  fmt::format("this period cites clause `{}`, whose text is empty", g.clauses[c].id));
        d.notes.push_back({g.clauses[c].span, "the clause"});
        d.hint = fmt::format("quote the source's words in clause `{}`, or cite the clause that gives the period", g.clauses[c].id);
    }
}

void uncited_clauses(Context& cx) {
    const RuleGraph& g = cx.graph;
    std::vector<bool> cited(g.clauses.size(), false);
    const auto cite = [&](Index c) { if (c != none) cited[c] = true; };
    for (const Rule& r : g.rules) cite(r.clause);
    for (const Period& p : g.periods) cite(p.clause);
    for (const Term& s : g.services) cite(s.clause);
    for (const Fact& f : g.facts) cite(f.clause);
    for (const ModelList& l : g.lists) cite(l.clause);
    for (const EndOfServiceNotice& n : g.notices) cite(n.clause);
    cite(g.warranty_start_clause);
    cite(g.warranty_extension_clause);
    // A section heading (`s4` above `s4.invoice`) is accounted for when one of its sub-clauses
    // is cited: the heading decides nothing by itself, its paragraphs do.
    std::unordered_set<std::string_view> cited_sections;  // every `a`, `a.b` above a cited `a.b.c`
    for (Index c = 0; c < g.clauses.size(); ++c) {
        if (!cited[c]) continue;
        const std::string_view id = g.clauses[c].id;
        for (std::size_t dot = id.find('.'); dot != std::string_view::npos; dot = id.find('.', dot + 1)) {
            cited_sections.insert(id.substr(0, dot));
        }
    }
    // Clauses are in the graph in the order of their declarations.
    for (Index c = 0; c < g.clauses.size() && c < cx.module.clauses.size(); ++c) {
        if (cited[c] || cited_sections.count(g.clauses[c].id) != 0) continue;
        cx.diags.report(Code::UncitedClause, cx.module.clauses[c].id.span,
                        fmt::format("clause `{}` is cited by no statement", g.clauses[c].id))
            .hint = fmt::format("encode what it says and cite it with `per {}`; if it needs no encoding (a heading, advice), suppress this warning with the reason",
                                g.clauses[c].id);
    }
}

}  // namespace

void check_dead_policy(Context& cx) {
    const RuleGraph& g = cx.graph;
    Uses uses;
    uses.facts.assign(g.facts.size(), false);
    uses.series.assign(g.series.size(), false);
    uses.lists.assign(g.lists.size(), false);
    for (const Rule& r : g.rules) collect(g, r.condition, uses);
    for (const Period& p : g.periods) {
        collect(g, p.condition, uses);
        if (p.start_fact != none) uses.facts[p.start_fact] = true;          // the period counts from it
        if (p.extension_fact != none) uses.facts[p.extension_fact] = true;  // and is extended by it
        if (p.floor_fact != none) uses.facts[p.floor_fact] = true;          // and ends no earlier than after it
    }
    // `warranty from D` is where the policy says its periods count from D: D is read there (and
    // `warranty extended by C` reads C, even before any period is declared).
    if (g.warranty_start_fact != none) uses.facts[g.warranty_start_fact] = true;
    if (g.warranty_extension_fact != none) uses.facts[g.warranty_extension_fact] = true;
    unused_outcomes(cx);
    unread_facts(cx, uses);
    unreferenced_models(cx, uses);
    empty_citations(cx);
    uncited_clauses(cx);
}

}  // namespace warrant::checks
