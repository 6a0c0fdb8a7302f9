// The files a served version is read from, and a cheap signature that changes when they do.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace warrant::serve {

// The `.policy` files named by `paths` (folders searched, sorted), or nullopt and why.
std::optional<std::vector<std::string>> policy_files(const std::vector<std::string>& paths, std::string& error);

// The names, sizes, modification times and inodes of those files: when it changes, a reload is due.
std::string files_signature(const std::vector<std::string>& paths);

}  // namespace warrant::serve
