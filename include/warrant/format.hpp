// The formatter behind `warrant fmt`: policy text in, the same policy in the canonical layout
// out. It changes white space only, never a token, a comment or the order of anything.
//
// The layout, in short (src/format/printer.cpp has the details):
//   * statements start at column 1; where the writer broke a statement over several lines the
//     breaks are kept and the continuation lines indented 4 spaces (8 for a line that goes on
//     with a condition, `and ...`/`or ...`, or with an example's claim);
//   * one space between tokens, none before `,` or `)` nor after `(`;
//   * blocks: `{` ends the header line; inside, indented 4, each `model` of a series on its own
//     line, and list entries `"A", "B",` on the writer's lines, each wrapped at 100 display
//     columns (CJK characters count two); the closing `}` on its own line;
//   * runs of consecutive one-kind statements (not separated by a blank line) are aligned as
//     a table (src/format/columns.cpp has the columns), and so are trailing comments on
//     consecutive lines of similar length;
//   * own-line comments stay before what they precede, trailing comments at the end of their
//     line; runs of blank lines become one; the output is UTF-8 with LF line ends (a byte-order
//     mark and CR LF line ends are dropped) and ends with exactly one newline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

// Lists and end-of-service blocks wrap their entries at this many display columns.
inline constexpr std::size_t format_line_width = 100;

struct FormatResult {
    // The formatted text; empty unless ok().
    std::string text;
    // Why the file was not formatted: its input or syntax errors (a file that does not parse
    // is never touched). Warnings and name errors do not stop the formatter.
    std::vector<Diagnostic> diagnostics;
    // Set when the formatter's own safety net refused the result, and why: the formatted text
    // would not parse to the same syntax tree or would keep other comments (a bug in the
    // formatter), or an `# allow` comment would end up on another line than its warning. The
    // file must be left as it is.
    std::string internal_error;

    bool ok() const { return diagnostics.empty() && internal_error.empty(); }
    bool changed(std::string_view original) const { return ok() && text != original; }
};

// Formats one file's text. Never throws for bad input.
FormatResult format_source(const SourceFile& source);

}  // namespace warrant
