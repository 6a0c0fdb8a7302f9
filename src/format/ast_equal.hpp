// Equality of syntax trees ignoring spans: the formatter's proof that it changed only layout.
#pragma once

#include "parse/ast.hpp"

namespace warrant::format {

bool same_module(const ast::Module& a, const ast::Module& b);

}  // namespace warrant::format
