#include "lint/lint.hpp"

#include "lint/checks.hpp"
#include "support/run_both.hpp"

namespace warrant {

void lint(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics,
          const std::function<void()>& syntax_read) {
    checks::Context cx(module, resolution, diagnostics);
    // Invariants first: they are the policy writer's own errors, the rest are advice.
    checks::check_invariants(cx);
    {
        const checks::DeclaredNames names = checks::declared_names(cx);
        checks::check_lookalike_names(cx, names);
        checks::check_name_style(cx, names);
        checks::check_declared_names_run_together(cx, names);
    }
    checks::check_dead_policy(cx);
    checks::check_typed_conditions(cx);
    checks::check_dates(cx);
    // The checks below read the graph only (and the context, which they do not change): the
    // series' on this thread and the others at the same time on a second one; their
    // diagnostics join in the order of running them one after the other.
    if (syntax_read) syntax_read();
    Diagnostics others;
    checks::Context others_cx(cx, others);
    run_both(
        [&] {
            checks::check_service_horizon(others_cx);
            checks::check_hidden_periods(others_cx);
            checks::check_passed_over_periods(others_cx);
            checks::check_shadowed_rules(others_cx);
        },
        [&] { checks::check_series_consistency(cx); });
    diagnostics.append(std::move(others));
}

void lint_errors(const ast::Module& module, const Resolution& resolution, Diagnostics& diagnostics) {
    if (module.invariants.empty()) return;  // the context's period table is not free on large catalogues
    checks::Context cx(module, resolution, diagnostics);
    checks::check_invariants(cx);
}

}  // namespace warrant
