// The checks a rule graph read from an image must pass before anything uses it: every
// reference between its tables in range, every condition a tree whose nodes come after their
// operands (as the compiler lowers them), values within the limits the compiler enforces.
// Together they are what deciding, explaining and answering a claim index by, so a graph that
// passes them cannot make those read outside a table, recurse without end or overflow a date.
#pragma once

#include <string>

#include "warrant/rule_graph.hpp"

namespace warrant::image {

// Conditions nest at most this deep: far deeper than the compiler's nesting limit lowers to,
// shallow enough that the recursive walks over a condition stay within a small stack.
inline constexpr std::size_t max_condition_nodes_deep = 1024;

// "" when `g` holds together; otherwise the first problem, in words ("rule 3 names outcome 9
// of 4"). Reads only the tables the image holds, not the ones rebuilt after it.
std::string check_graph(const RuleGraph& g);

}  // namespace warrant::image
