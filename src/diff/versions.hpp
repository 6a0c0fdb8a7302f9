// Reading the two versions a diff compares: `.policy` files, folders of them, or `REV:PATH`,
// a file as git has it at a revision (`git show REV:PATH`, run in the current directory).
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::diff {

struct Version {
    std::string name;  // as given on the command line
    std::vector<std::shared_ptr<const RuleGraph>> graphs;
};

// Compiles every policy of the version. On any failure (no such file, git error, compile
// errors, two policies for one region) writes why to `err` and returns nullopt.
std::optional<Version> load_version(const std::string& spec, std::ostream& err);

}  // namespace warrant::diff
