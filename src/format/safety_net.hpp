// The formatter's safety net: evidence that formatted text means what the original meant.
#pragma once

#include <string>

#include "parse/ast.hpp"
#include "warrant/source.hpp"

namespace warrant::format {

// Empty when `formatted` parses to the same syntax tree as `original` (whose tree is
// `original_tree`), has the same tokens and comments in the same order (commas aside), and
// compiles to the same diagnostics, suppressions included. Otherwise what
// differs.
std::string check_same_meaning(const SourceFile& original, const ast::Module& original_tree, const std::string& formatted);

}  // namespace warrant::format
