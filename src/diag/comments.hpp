// The comments of a policy, found by a tiny lexer that knows only what can hide a `#`:
// quoted strings (which never span lines) and their escapes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "warrant/source.hpp"

namespace warrant {

struct Comment {
    SourceSpan span;            // from `#` to the end of its line, the line end excluded
    std::uint32_t line = 0;     // 1-based
    bool own_line = false;      // nothing but white space before it on its line
};

struct CommentScan {
    std::vector<Comment> comments;          // in source order
    std::vector<bool> line_has_code;        // by 1-based line; index 0 unused
};

CommentScan scan_comments(std::string_view text);

}  // namespace warrant
