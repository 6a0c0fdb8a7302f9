// Equality of syntax trees ignoring spans: the formatter's proof that it changed only layout.
#pragma once

#include <vector>

#include "parse/ast.hpp"

namespace warrant::format {

bool same_module(const ast::Module& a, const ast::Module& b);

// The spans of every statement, kind by kind, and of every series' models: with same_module,
// what tells two parses of one text apart (the parser's halves are compared with a whole
// parse by a test and a fuzz target).
std::vector<SourceSpan> statement_spans(const ast::Module& module);

}  // namespace warrant::format
