// A line-by-line lexer: a `#` outside a quoted string starts a comment. Strings end at their
// closing quote or, unterminated, at the line end (the grammar lets no string span lines).
#include "diag/comments.hpp"

namespace warrant {

CommentScan scan_comments(std::string_view text) {
    CommentScan scan;
    scan.line_has_code.push_back(false);  // line 0 does not exist
    std::uint32_t line = 1;
    bool has_code = false;
    bool in_string = false;
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a BOM is not code
    const auto end_line = [&] {
        scan.line_has_code.push_back(has_code);
        ++line;
        has_code = false;
        in_string = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') {
            end_line();
            ++i;
        } else if (in_string) {
            if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                i += 2;
            } else {
                if (c == '"') in_string = false;
                ++i;
            }
        } else if (c == '#') {
            std::size_t stop = text.find('\n', i);
            if (stop == std::string_view::npos) stop = text.size();
            std::size_t content_end = stop;
            if (content_end > i && text[content_end - 1] == '\r') --content_end;
            scan.comments.push_back({SourceSpan{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(content_end)},
                                     line, !has_code});
            i = stop;
        } else {
            if (c == '"') in_string = true;
            if (c != ' ' && c != '\t' && c != '\r') has_code = true;
            ++i;
        }
    }
    scan.line_has_code.push_back(has_code);  // the last line, with or without a line end
    return scan;
}

}  // namespace warrant
