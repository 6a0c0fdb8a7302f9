// The check families `lint()` runs, one file each. Each reports its own codes (W41xx, E40xx);
// docs/checks.md explains every code with a failing and a fixed example.
#pragma once

#include "lint/context.hpp"
#include "lint/name_tokens.hpp"

namespace warrant::checks {

// lookalike_names.cpp: W4101, names of different models a letter or two apart.
void check_lookalike_names(Context& cx, const DeclaredNames& names);
// name_style.cpp: W4102 brand casing, W4103 full-width characters, W4104 glued numbers.
void check_name_style(Context& cx, const DeclaredNames& names);
// names_run_together.cpp: W4105, a declared name that is two others written together.
void check_declared_names_run_together(Context& cx, const DeclaredNames& names);
// series_consistency.cpp: W4106 odd periods within a series, W4107 accessories outlasting
// the main unit (the first declared part).
void check_series_consistency(Context& cx);
// service_horizon.cpp: W4108, a model's own period running past its end of service.
void check_service_horizon(Context& cx);
// shadowed_rules.cpp: W4109, rules that earlier rules always pre-empt.
void check_shadowed_rules(Context& cx);
// dead_policy.cpp: W4110 outcomes, W4111 facts, W4112 models, W4114 clauses nothing uses;
// W4113 citations of empty clauses.
void check_dead_policy(Context& cx);
// dates.cpp: W4115 notices out of order, W4116 implausible dates.
void check_dates(Context& cx);
// typed_conditions.cpp: W4117 comparisons and choice tests the claim's constraints decide,
// W4118 choice values no test names, W4119 windows no claim can fall in or measured from
// their own date.
void check_typed_conditions(Context& cx);
// hidden_periods.cpp: W4120, conditional periods never chosen because those declared before
// them at their level hold whenever they do.
void check_hidden_periods(Context& cx);
// passed_over_periods.cpp: W4121, conditional periods some of their models never reach because
// a narrower plain period decides for them first.
void check_passed_over_periods(Context& cx);
// invariants.cpp: E4001 broken invariants, E4002 months compared with days, and the name
// errors (E2002, E2003, E2008, E2009, E3001) of the invariants' own references.
void check_invariants(Context& cx);

}  // namespace warrant::checks
