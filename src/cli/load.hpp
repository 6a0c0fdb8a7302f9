// Finding and compiling the policy files named on the command line.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warrant/compile.hpp"
#include "warrant/query.hpp"

namespace warrant {

// Expands each path: a file as given, a folder to the files below it whose extension is one of
// `extensions` (sorted). Returns nullopt, after telling `err` (naming the path), when a path
// does not exist or is a folder with no such file: every command treats a wrong path alike.
std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths,
                                                     const std::vector<std::string_view>& extensions, std::ostream& err);
std::optional<std::vector<std::string>> expand_policy_paths(const std::vector<std::string>& paths, std::ostream& err);
// "warrant: no .policy files in FOLDER"
std::string no_files_message(const std::string& folder, const std::vector<std::string_view>& extensions);

// Where `warrant query` looks when given no paths: $WARRANT_POLICIES, else the bundled folder.
std::string bundled_policies();

// Compiles every file; prints diagnostics of failures to `err`. nullopt when any failed.
std::optional<PolicySet> load_policies(const std::vector<std::string>& paths, std::ostream& err);

// Reads the policies of an image `warrant build` wrote. nullopt, after one line to `err`
// naming the file and why, when it cannot be read or is not such an image (or a stale,
// truncated or corrupt one).
std::optional<PolicySet> load_image(const std::string& path, std::ostream& err);

}  // namespace warrant
