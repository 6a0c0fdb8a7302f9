// Stage 2b: checks for CI, run on a policy that compiled without errors. They report warnings
// about what a reviewer would miss (look-alike names, inconsistent series, dead rules...) and
// errors for the policy writer's own invariants.
#pragma once

#include <functional>

#include "parse/ast.hpp"
#include "sema/resolve.hpp"
#include "warrant/diagnostic.hpp"

namespace warrant {

// The checks that read the syntax tree run first; then `syntax_read` is called, after which
// `module` is not read again (the caller may let the tree go before the checks of the graph,
// which report most of a large catalogue's diagnostics, allocate them).
void lint(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics,
          const std::function<void()>& syntax_read = {});

// Only the checks that can report errors (the policy writer's invariants), for compilations
// that answer claims: they must stop on the same errors as `lint`, but need none of its advice.
void lint_errors(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics);

}  // namespace warrant
