// An example's claim: its items checked (each at most once, the required ones present), then
// resolved against the policy exactly as a query is, with errors placed at the item at fault.
#pragma once

#include <memory>
#include <optional>

#include "parse/ast.hpp"
#include "warrant/decide.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// nullopt after reporting E5002 (unknown name), E5003 (missing item), E5004 (item given
// twice) or E5005 (impossible or out-of-order date).
std::optional<Claim> example_claim(const std::shared_ptr<const RuleGraph>& graph, const ast::ExampleDecl& example,
                                   Diagnostics& diagnostics);

}  // namespace warrant
