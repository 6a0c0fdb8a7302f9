// Coverage of the decision space: which rules, outcomes, periods, exclusions, requirements,
// end-of-service notices, citable clauses, parts and models the examples reach (see warrant/testing.hpp).
#include <fmt/format.h>

#include "warrant/decide.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace {

// What a rule's condition tests, wherever in it: the atoms coverage credits.
struct Tested {
    bool any_exclusion = false;
    bool any_unmet = false;
    bool end_of_service = false;
    std::vector<bool> facts;
};

void collect(const RuleGraph& g, Index condition, Tested& out) {
    const CondNode& n = g.conditions[condition];
    switch (n.kind) {
        case CondKind::AnyOf:
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) collect(g, g.condition_children[n.a + i], out);
            break;
        case CondKind::Not: collect(g, n.a, out); break;
        case CondKind::AnyExclusion: out.any_exclusion = true; break;
        case CondKind::AnyUnmet: out.any_unmet = true; break;
        case CondKind::AfterEndOfService: out.end_of_service = true; break;
        default: for_each_fact_read(n, [&](Index f) { out.facts[f] = true; }); break;
    }
}

std::string length_words(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

std::string line_of(const RuleGraph& g, SourceSpan span) {
    return g.source ? fmt::format(" (line {})", g.source->line_col(span.begin).line) : std::string();
}

// The clauses an answer can cite (see deciding_clauses): each rule's own, and those of what its
// condition reads: periods (within warranty), notices, lists, exclusions, requirements, facts.
std::vector<bool> citable_clauses(const RuleGraph& g) {
    std::vector<bool> out(g.clauses.size(), false);
    const auto cite = [&](Index c) { if (c != none) out[c] = true; };
    const auto walk = [&](const auto& self, Index c) -> void {
        const CondNode& n = g.conditions[c];
        switch (n.kind) {
            case CondKind::AnyOf:
            case CondKind::AllOf:
                for (Index i = 0; i < n.b; ++i) self(self, g.condition_children[n.a + i]);
                break;
            case CondKind::Not: self(self, n.a); break;
            case CondKind::WithinWarranty:
                for (const Period& p : g.periods) cite(p.clause);
                break;
            case CondKind::AfterEndOfService:
                for (const EndOfServiceNotice& notice : g.notices) cite(notice.clause);
                break;
            case CondKind::InList: cite(g.lists[n.a].clause); break;
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet:
                for (const Fact& f : g.facts) {
                    if (f.role == (n.kind == CondKind::AnyExclusion ? FactRole::Exclusion : FactRole::Requirement)) cite(f.clause);
                }
                break;
            default: for_each_fact_read(n, [&](Index f) { cite(g.facts[f].clause); }); break;
        }
    };
    for (const Rule& r : g.rules) {
        cite(r.clause);
        if (r.condition != none) walk(walk, r.condition);
    }
    return out;
}

CoverageArea area(std::string name) { return CoverageArea{std::move(name), {}, {}}; }

void add(CoverageArea& a, std::string item) {
    a.items.push_back(std::move(item));
    a.reached.push_back(false);
}

}  // namespace

std::size_t CoverageArea::reached_count() const {
    std::size_t n = 0;
    for (const bool r : reached) n += r ? 1 : 0;
    return n;
}

double CoverageArea::percent() const {
    return items.empty() ? 100.0 : 100.0 * static_cast<double>(reached_count()) / static_cast<double>(items.size());
}

double Coverage::overall_percent() const {
    std::size_t total = 0, reached = 0;
    for (const CoverageArea& a : areas) {
        total += a.items.size();
        reached += a.reached_count();
    }
    return total == 0 ? 100.0 : 100.0 * static_cast<double>(reached) / static_cast<double>(total);
}

Coverage measure_coverage(const RuleGraph& g, const std::vector<ExampleRun>& examples) {
    CoverageArea rules = area("rules"), outcomes = area("outcomes"), periods = area("periods"),
                 exclusions = area("exclusions"), requirements = area("requirements"),
                 notices = area("end-of-service notices"), parts = area("parts"), models = area("models"),
                 clauses = area("clauses");
    // Clauses an answer can cite, mapped to their item in `clauses`.
    const std::vector<bool> citable = citable_clauses(g);
    std::vector<std::size_t> clause_item(g.clauses.size(), 0);
    for (Index c = 0; c < g.clauses.size(); ++c) {
        if (!citable[c]) continue;
        clause_item[c] = clauses.items.size();
        add(clauses, g.clauses[c].id);
    }
    for (const Rule& r : g.rules) add(rules, r.name);
    for (const Term& o : g.outcomes) add(outcomes, o.name);
    for (const Period& p : g.periods) {
        add(periods, fmt::format("{} {}{}{}", g.parts[p.part].name, length_words(p.length),
                                 p.clause == none ? "" : " per " + g.clauses[p.clause].id, line_of(g, p.span)));
    }
    // Exclusions and requirements are facts; these map a fact to its item in its area.
    std::vector<std::size_t> fact_item(g.facts.size(), 0);
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (fact.role == FactRole::Plain) continue;
        CoverageArea& a = fact.role == FactRole::Exclusion ? exclusions : requirements;
        fact_item[f] = a.items.size();
        add(a, fact.name);
    }
    for (const EndOfServiceNotice& n : g.notices) {
        add(notices, fmt::format("{}{}{}", to_iso(n.date), n.clause == none ? "" : " per " + g.clauses[n.clause].id,
                                 line_of(g, n.span)));
    }
    for (const Term& p : g.parts) add(parts, p.name);
    for (const Model& m : g.models) add(models, m.name);

    for (const ExampleRun& run : examples) {
        if (!run.claim) continue;
        const Claim& claim = *run.claim;
        const Decision& d = run.decision;
        models.reached[claim.model] = true;
        parts.reached[claim.part] = true;
        if (d.period != none) periods.reached[d.period] = true;
        if (d.rule == none) continue;
        rules.reached[d.rule] = true;
        for (const Index c : deciding_clauses(g, claim, d)) {
            if (citable[c]) clauses.reached[clause_item[c]] = true;
        }
        outcomes.reached[d.outcome] = true;
        const Rule& rule = g.rules[d.rule];
        if (rule.condition == none) continue;
        Tested tested;
        tested.facts.assign(g.facts.size(), false);
        collect(g, rule.condition, tested);
        for (Index f = 0; f < g.facts.size(); ++f) {
            const Fact& fact = g.facts[f];
            const bool value = test_fact(claim.facts, f);
            if (fact.role == FactRole::Exclusion && value && (tested.any_exclusion || tested.facts[f])) {
                exclusions.reached[fact_item[f]] = true;
            }
            if (fact.role == FactRole::Requirement && !value && (tested.any_unmet || tested.facts[f])) {
                requirements.reached[fact_item[f]] = true;
            }
        }
        const Model& model = g.models[claim.model];
        if (tested.end_of_service && model.end_of_service && claim.claimed > *model.end_of_service) {
            notices.reached[model.end_of_service_notice] = true;
        }
    }
    Coverage out;
    out.areas = {std::move(rules), std::move(outcomes), std::move(periods), std::move(exclusions),
                 std::move(requirements), std::move(notices), std::move(clauses), std::move(parts), std::move(models)};
    return out;
}

}  // namespace warrant
