// SourceFile: computes line starts once so that any offset maps to a line and column.
#include "warrant/source.hpp"

#include <algorithm>

namespace warrant {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
}

std::string_view SourceFile::slice(SourceSpan span) const {
    const auto begin = std::min<std::size_t>(span.begin, text_.size());
    const auto end = std::clamp<std::size_t>(span.end, begin, text_.size());
    return std::string_view(text_).substr(begin, end - begin);
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    std::uint32_t column = 1;
    for (std::uint32_t i = line_starts_[line - 1]; i < offset && i < text_.size(); ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // skip continuation bytes
    }
    return {line, column};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    const std::size_t begin = line_starts_[line - 1];
    std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;  // CRLF files show without the CR
    return std::string_view(text_).substr(begin, end - begin);
}

}  // namespace warrant
