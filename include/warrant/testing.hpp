// `warrant test`: the examples a policy ships with, run against it, and how much of the
// policy's decision space they reach.
//
// Examples are `example` statements in the policy itself or in its companion file,
// `NAME.examples` beside `NAME.policy` (which may hold nothing but examples). Each pins the
// answer one claim must get:
//   * `expect OUTCOME`: the verdict must be that outcome;
//   * `until DATE` / `until none` (optional): the part's last covered day must be that date,
//     or the part must have no period for the model;
//   * `by C1, C2` (optional): every clause listed must be among the deciding clauses (the
//     rule's own and those of what made its condition true). A subset, not the exact set:
//     an example names the clauses it is about, and stays true when the answer also cites
//     the period or a fact behind it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "warrant/decide.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/render.hpp"
#include "warrant/rule_graph.hpp"
#include "warrant/source.hpp"

namespace warrant {

// `NAME.examples` beside `NAME.policy`.
std::filesystem::path companion_examples(const std::filesystem::path& policy);

// One example, after it ran (or could not).
struct ExampleRun {
    std::string name;
    const SourceFile* file = nullptr;  // where it is written; kept alive by its PolicyTest
    SourceSpan span;                   // its name
    // Empty when it passed; otherwise why it is not valid (E5002..E5006) or how it fails (E5007).
    std::vector<Diagnostic> diagnostics;
    // Set when the claim resolved and was decided, whether or not the answer was the expected one.
    std::optional<Claim> claim;
    Decision decision;
    std::string expected;  // "OUTCOME until 2026-01-01 by CLAUSE", as the example says
    std::string actual;    // the same, as the policy answers (its every deciding clause)

    bool passed() const { return diagnostics.empty(); }
};

// A policy and its examples.
struct PolicyTest {
    std::string policy_file;    // display names
    std::string examples_file;  // empty when the policy has no companion file
    std::vector<std::shared_ptr<const SourceFile>> sources;
    // Errors that keep the examples from running (the policy does not compile, the examples
    // file cannot be read or parsed, or holds other statements), per file.
    std::vector<FileDiagnostics> blocking;
    std::shared_ptr<const RuleGraph> graph;  // null when the policy does not compile
    std::vector<ExampleRun> examples;        // in file order: the policy's, then the companion's

    bool runnable() const { return graph != nullptr && blocking.empty(); }
    std::size_t passed() const;
    std::size_t failed() const;
};

// Compiles the policy, reads its examples (its own and its companion's), and runs them.
PolicyTest test_policy(const std::filesystem::path& policy, const std::string& display_name);

// What the examples say about the policy: blocking errors, then each failing example with its
// diagnostics, expected and actual answers and the decision's explanation, then one line
// for the policy ("…: 12 examples, all pass").
std::string render_test(const PolicyTest& test);

// ---- coverage of the decision space ------------------------------------------------------
//
// What no example reaches, area by area. An example reaches
//   * a rule when that rule decides it, and the rule's outcome;
//   * a period when it is the period chosen for the example's model and part;
//   * its model and its part;
//   * an exclusion when it holds and the deciding rule tests it (`any exclusion` or by name);
//   * a requirement when it is unmet and the deciding rule tests it (`any requirement unmet`
//     or by name);
//   * an end-of-service notice when the deciding rule tests `claimed after end_of_service`
//     and the notice is the one that ends the model's service (its earliest).
// `warrant test --min-coverage P` holds the rules area to P percent: every rule is a decision
// the policy writer made on purpose, whereas most models of a long end-of-service list need
// no example of their own, so overall coverage would punish completeness of the model list.
struct CoverageArea {
    std::string name;                 // "rules", "outcomes", ...
    std::vector<std::string> items;   // every item, as people name it
    std::vector<bool> reached;        // parallel to items
    std::size_t reached_count() const;
    double percent() const;           // 100 when there is nothing to reach
};

struct Coverage {
    std::vector<CoverageArea> areas;  // rules first
    const CoverageArea& rules() const { return areas.front(); }
    // Every item of every area, counted alike.
    double overall_percent() const;
};

Coverage measure_coverage(const RuleGraph& graph, const std::vector<ExampleRun>& examples);

// A table of areas with their percentages and, for each, the items no example reaches.
std::string render_coverage(const Coverage& coverage, const std::string& policy_file);

}  // namespace warrant
