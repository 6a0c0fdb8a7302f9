// Source text and positions: the file buffer that owns a policy's text, and byte spans into it.
// Every later stage refers to text only through SourceSpan; line and column exist only for display.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warrant {

// A half-open byte range [begin, end) in one source file.
struct SourceSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// 1-based line and column; the column counts characters (code points), not bytes, so that
// positions in lines of Chinese text are where an editor shows them.
struct LineCol {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

class SourceFile {
public:
    // `name` is how the file is shown to users (as given on the command line).
    SourceFile(std::string name, std::string text);

    std::string_view name() const { return name_; }
    std::string_view text() const { return text_; }
    std::string_view slice(SourceSpan span) const;
    LineCol line_col(std::uint32_t offset) const;
    // The text of a 1-based line, without its line end.
    std::string_view line_text(std::uint32_t line) const;
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::string name_;
    std::string text_;
    std::vector<std::uint32_t> line_starts_;
};

}  // namespace warrant
