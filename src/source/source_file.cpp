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
    // Reports ask for positions mostly in order, with notes that point back to a few lines
    // ("declared here"): the two lines found last (per thread, per file) are tried first, and
    // the line after the latest, before a binary search over every line.
    thread_local const SourceFile* last_file = nullptr;
    thread_local std::uint32_t recent[2] = {0, 0};  // recent[0] the latest
    const auto within = [&](std::uint32_t line) {
        return line >= 1 && line <= line_starts_.size() && line_starts_[line - 1] <= offset &&
               (line == line_starts_.size() || offset < line_starts_[line]);
    };
    if (last_file != this) recent[0] = recent[1] = 0;
    std::uint32_t line = 0;
    if (within(recent[0])) line = recent[0];
    else if (within(recent[0] + 1)) line = recent[0] + 1;
    else if (within(recent[1])) line = recent[1];
    else line = static_cast<std::uint32_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
    last_file = this;
    if (line != recent[0]) {
        recent[1] = recent[0];
        recent[0] = line;
    }
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
