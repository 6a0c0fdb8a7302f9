// Stage 1: policy text -> syntax tree. The only stage that knows PEGTL.
#pragma once

#include <cstddef>
#include <optional>

#include "parse/ast.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

// Parses every statement of `file`. A syntax error is reported and parsing resumes at the next
// line that starts a statement, so one run reports every syntax error; the tree is returned
// only when there were none. A text of `halves_from` bytes or more is parsed in two halves at
// once where the machine has two cores: the same tree and the same errors, in about half the time.
inline constexpr std::size_t parse_halves_from = 1u << 20;
std::optional<ast::Module> parse(const SourceFile& file, Diagnostics& diagnostics, std::size_t halves_from = parse_halves_from);

// How deeply conditions may nest (parentheses and `not`) before the parser refuses them.
inline constexpr int max_condition_depth = 64;

}  // namespace warrant
