// Output lines of the formatter and the passes that finish them: aligning runs of table rows,
// aligning trailing comments, and printing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/columns.hpp"

namespace warrant::format {

struct Line {
    enum class Role : std::uint8_t {
        Row,           // the first line of a statement or series entry, cut into `cells`
        Continuation,  // a later line of a statement that has a Row: keeps its run going
        Comment,       // an own-line comment: keeps a run going
        Other,         // anything else ends a run
    };
    Role role = Role::Other;
    std::size_t indent = 0;
    std::string content;           // filled from `cells` by align_rows for rows
    std::string_view comment;      // the own-line comment, or the trailing comment
    bool blank_before = false;     // wanted; print() drops it where a blank line is not allowed
    bool opens_block = false;      // ends with `{`
    bool closes_block = false;     // is the closing `}`
    const Schema* schema = nullptr;                 // rows: their table
    std::vector<std::optional<std::string>> cells;  // rows: the text of each field present
};

// The lines as text. Blank lines are kept except at the start and next to braces; each run of
// rows (consecutive rows of one group, with only comments and continuation lines between them
// and no blank line) is aligned as a table; trailing comments on consecutive lines of similar
// length share a column, two spaces after the longest.
std::string print_lines(std::vector<Line> lines);

}  // namespace warrant::format
