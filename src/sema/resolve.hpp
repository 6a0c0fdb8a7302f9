// Stage 2: syntax tree -> compiled rule graph. Resolves every name, lowers conditions into the
// graph's flat form, and validates what a single declaration cannot show by itself.
#pragma once

#include <memory>

#include "parse/ast.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// One entry of a period's `for` list, resolved: a model or a series, and where it was named.
struct PeriodTarget {
    Index index = none;
    bool is_series = false;
    SourceSpan span;
};

struct Resolution {
    std::unique_ptr<RuleGraph> graph;
    std::vector<std::vector<PeriodTarget>> period_targets;  // parallel to graph->periods
};

// Reports every problem it finds; the graph is meaningful only when no error was reported.
Resolution resolve(const ast::Module& module, Diagnostics& diagnostics);

// Cross-declaration checks on a resolved graph (conflicting periods, promises that outlive
// service, rules that can never decide). Run only when resolution reported no error.
void validate(const Resolution& resolution, Diagnostics& diagnostics);

}  // namespace warrant
