// What every check family reads: the syntax tree, the resolved graph, and the periods each
// model gets, computed once. Checks report through `diags` and never change the graph.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parse/ast.hpp"
#include "sema/resolve.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::checks {

struct Context {
    Context(const ast::Module& module, const Resolution& resolution, Diagnostics& diags);
    // The same context reporting to `other`: for checks that run on another thread.
    Context(const Context& context, Diagnostics& other)
        : module(context.module), resolution(context.resolution), graph(context.graph), diags(other),
          default_period_(context.default_period_) {}

    const ast::Module& module;
    const Resolution& resolution;
    const RuleGraph& graph;
    Diagnostics& diags;

    // The period a model gets for a part when every fact has its default value (what a claim
    // that states no facts gets), or `none`. Invariants and series checks compare these.
    Index period_at_defaults(Index model, Index part) const {
        return default_period_[static_cast<std::size_t>(model) * graph.parts.size() + part];
    }

private:
    std::vector<Index> default_period_;  // models x parts
};

// "24 months", "1 day".
std::string describe(const Length& length);

// Compares two lengths: negative, zero or positive like <=>, or nullopt when a month count and a
// day count could fall either way (a month has 28 to 31 days).
std::optional<int> compare_lengths(const Length& a, const Length& b);

// A name as messages show it: "`Phone 13`".
std::string quoted(std::string_view name);

// "`a`, `b`, `c` and 4 more": at most `shown` names, for messages about many models.
std::string name_list(const std::vector<std::string>& names, std::size_t shown = 3);

}  // namespace warrant::checks
