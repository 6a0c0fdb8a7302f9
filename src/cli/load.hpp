// Finding and compiling the policy files named on the command line.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "warrant/compile.hpp"
#include "warrant/query.hpp"

namespace warrant {

// Expands each path: a `.policy` file as given, a folder to the `.policy` files below it
// (sorted). Returns nullopt, after telling `err`, when a path does not exist.
std::optional<std::vector<std::string>> expand_policy_paths(const std::vector<std::string>& paths, std::ostream& err);

// Where `warrant query` looks when given no paths: $WARRANT_POLICIES, else the bundled folder.
std::string bundled_policies();

// Compiles every file; prints diagnostics of failures to `err`. nullopt when any failed.
std::optional<PolicySet> load_policies(const std::vector<std::string>& paths, std::ostream& err);

}  // namespace warrant
