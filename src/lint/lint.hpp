// Stage 2b: checks for CI, run on a policy that compiled without errors. They report warnings
// about what a reviewer would miss (look-alike names, inconsistent series, dead rules...) and
// errors for the policy writer's own invariants.
#pragma once

#include "parse/ast.hpp"
#include "sema/resolve.hpp"
#include "warrant/diagnostic.hpp"

namespace warrant {

void lint(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics);

// Only the checks that can report errors (the policy writer's invariants), for compilations
// that answer claims: they must stop on the same errors as `lint`, but need none of its advice.
void lint_errors(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics);

}  // namespace warrant
