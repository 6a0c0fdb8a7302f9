#include "reference/differential.hpp"

#include <memory>
#include <variant>

#include "parse/parser.hpp"
#include "reference/random_policy.hpp"
#include "warrant/compile.hpp"
#include "warrant/query.hpp"
#include "warrant/render.hpp"

namespace warrant::reference {

namespace {

std::string claim_text(const RandomClaim& c) {
    const Query& q = c.query;
    std::string out = "model \"" + q.model + "\" part " + q.part + " purchased " + day_to_text(q.purchased);
    if (!c.purchase_region.empty()) out += " purchased in " + c.purchase_region;
    if (q.last_repair) out += " last_repair " + day_to_text(*q.last_repair);
    out += " claimed " + day_to_text(q.claimed);
    for (std::size_t i = 0; i < q.facts.size(); ++i) {
        out += (i ? ", " : " facts ") + q.facts[i].first + " = " + (q.facts[i].second ? "true" : "false");
    }
    return out;
}

std::string answer_text(const std::string& verdict, const std::optional<std::string>& until, const std::string& rule) {
    return verdict + " until " + until.value_or("none") + " (rule " + rule + ")";
}

QueryInput to_query(const RandomClaim& c) {
    QueryInput q;
    q.model = c.query.model;
    q.part = c.query.part;
    q.purchased = day_to_text(c.query.purchased);
    q.claimed = day_to_text(c.query.claimed);
    if (c.query.last_repair) q.last_repair = day_to_text(*c.query.last_repair);
    if (!c.purchase_region.empty()) q.purchase_region = c.purchase_region;
    for (const auto& [name, value] : c.query.facts) q.facts.emplace_back(name, value);
    return q;
}

// The compiler's answer, in the reference's words.
std::string compiler_answer(const PolicySet& set, const RandomClaim& c) {
    auto resolved = resolve_claim(set, to_query(c));
    if (const auto* e = std::get_if<QueryError>(&resolved)) return "query error " + e->code + ": " + e->message;
    const auto& [graph, claim] = std::get<ResolvedClaim>(resolved);
    const Decision d = decide(*graph, claim);
    if (d.rule == none) return "no rule applies";
    return answer_text(graph->outcomes[d.outcome].name,
                       d.warranty_until ? std::optional<std::string>(to_iso(*d.warranty_until)) : std::nullopt,
                       graph->rules[d.rule].name);
}

std::string reference_answer(const ast::Module& module, const Query& q) {
    const auto a = decide(module, q);
    if (!a) return "unknown model or part";
    if (a->rule.empty()) return "no rule applies";
    return answer_text(a->verdict, a->warranty_until ? std::optional<std::string>(day_to_text(*a->warranty_until)) : std::nullopt,
                       a->rule);
}

}  // namespace

DifferentialRun run_differential(std::uint64_t seed, std::size_t policies, std::size_t claims_per_policy, std::size_t keep) {
    DifferentialRun run;
    const auto fail = [&](Disagreement d) {
        ++run.failures;
        if (run.first_failures.size() < keep) run.first_failures.push_back(std::move(d));
    };
    for (std::size_t i = 0; i < policies; ++i) {
        Random random(seed * 0x9E3779B97F4A7C15ull + i);
        const RandomPolicy policy = random_policy(random, static_cast<int>(i));
        ++run.policies;
        const auto source = std::make_shared<const SourceFile>("random.policy", policy.text);
        const CompileResult compiled = compile(source);
        Diagnostics ignored;
        const auto module = parse(*source, ignored);
        if (!compiled.ok() || !module) {
            std::string errors;
            const FileDiagnostics file{"random.policy", source.get(), compiled.diagnostics};
            for (const Diagnostic& d : compiled.diagnostics) {
                if (d.severity == Severity::Error) errors += render_text(d, file);
            }
            fail({seed, i, policy.text, "", "does not compile:\n" + errors, ""});
            continue;
        }
        PolicySet set;
        set.add(compiled.graph);
        for (std::size_t k = 0; k < claims_per_policy; ++k) {
            const RandomClaim claim = random_claim(random, policy);
            ++run.claims;
            const std::string expected = reference_answer(*module, claim.query);
            const std::string actual = compiler_answer(set, claim);
            if (expected != actual) fail({seed, i, policy.text, claim_text(claim), actual, expected});
        }
    }
    return run;
}

std::string describe(const Disagreement& d) {
    return "seed " + std::to_string(d.seed) + ", policy " + std::to_string(d.policy) + ":\n" + d.policy_text +
           "claim " + d.claim + "\n  compiler:  " + d.compiler + "\n  reference: " + d.reference + "\n";
}

}  // namespace warrant::reference
