// A policy file as the formatter sees it: its statements, each a list of tokens that carry
// the comments written around them, and the comments after the last statement.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "format/lexer.hpp"
#include "parse/ast.hpp"

namespace warrant::format {

enum class StatementKind : std::uint8_t {
    Policy, Calendar, Clause, Part, Service, Outcome, Fact, Series, Period, List, EndOfService,
    Warranty, Rule, Invariant, Example,
};

struct Comment {
    std::string_view text;
    bool blank_before = false;  // a blank line separates it from what came before
};

// A token other than a comment, with the comments that belong to it.
struct Item {
    Token token;
    bool line_start = false;        // the token began a line in the source
    bool blank_before = false;      // a blank line right before it (after its leading comments)
    std::vector<Comment> leading;   // own-line comments just before it
    std::string_view trailing;      // the comment after it on the same line, or empty
};

struct Statement {
    StatementKind kind = StatementKind::Policy;
    std::vector<Item> items;
};

struct Document {
    std::vector<Statement> statements;
    std::vector<Comment> trailer;  // own-line comments after the last statement
};

// Groups `tokens` into the statements `module` was parsed from (by the statements' spans).
// nullopt when they do not line up, which would be a bug in the lexer.
std::optional<Document> build_document(const std::vector<Token>& tokens, const ast::Module& module);

}  // namespace warrant::format
