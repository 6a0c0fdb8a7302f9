// libFuzzer target: any bytes as a policy file. Compiling must never crash, hang or leak, and
// whatever compiles must decide claims and render its diagnostics.
#include <cstdint>
#include <memory>
#include <string>

#include "warrant/compile.hpp"
#include "warrant/decide.hpp"
#include "warrant/explain.hpp"
#include "warrant/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto source = std::make_shared<const warrant::SourceFile>(
        "fuzz.policy", std::string(reinterpret_cast<const char*>(data), size));
    const warrant::CompileResult result = warrant::compile(source);
    const warrant::FileDiagnostics file{result.file_name, result.source.get(), result.diagnostics};
    for (const auto& d : result.diagnostics) (void)warrant::render_text(d, file);
    (void)warrant::render_json({file});
    if (!result.ok() || result.graph->models.empty() || result.graph->parts.empty()) return 0;
    const warrant::RuleGraph& graph = *result.graph;
    // A few claims over every model and part, at dates around every boundary the policy uses.
    for (warrant::Index m = 0; m < graph.models.size() && m < 8; ++m) {
        for (warrant::Index p = 0; p < graph.parts.size(); ++p) {
            warrant::Claim claim;
            claim.model = m;
            claim.part = p;
            claim.purchased = *warrant::make_date(2024, 1, 31);
            claim.facts = graph.fact_defaults;
            for (int offset : {0, 14, 15, 365, 366, 731, 5000}) {
                claim.claimed = warrant::add_days(claim.purchased, offset);
                const warrant::Decision decision = warrant::decide(graph, claim);
                (void)warrant::deciding_clauses(graph, claim, decision);
                if (offset == 366) (void)warrant::render_explanation(graph, claim, decision);
            }
        }
    }
    return 0;
}
