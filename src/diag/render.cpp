// Diagnostic rendering: text for terminals and logs, JSON for tools (SARIF and GitHub
// annotations are in render_sarif.cpp and render_github.cpp).
#include "warrant/render.hpp"

#include <iterator>
#include <ostream>

#include <fmt/format.h>

#include "support/json_write.hpp"
#include "support/utf8.hpp"

namespace warrant {

namespace {

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The line as it may be shown on a terminal: control characters (a NUL byte, an escape) as
// their visible symbols (U+2400 + the byte), bytes that are not UTF-8 as U+FFFD. Each shows as
// one column, as the marker below counts them.
std::string printable(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size();) {
        const auto byte = static_cast<unsigned char>(line[i]);
        if (byte == '\t') {
            out.push_back('\t');
            ++i;
        } else if (byte < 0x20 || byte == 0x7F) {
            utf8::append(out, byte == 0x7F ? char32_t{0x2421} : char32_t{0x2400} + byte);
            ++i;
        } else if (byte < 0x80) {
            out.push_back(static_cast<char>(byte));
            ++i;
        } else {
            const std::size_t start = i;
            const char32_t c = utf8::decode(line, i);
            if (c == utf8::replacement && line.substr(start, i - start) != "\xEF\xBF\xBD") utf8::append(out, c);
            else out.append(line.substr(start, i - start));
        }
    }
    return out;
}

// The source line with a caret-and-tilde marker under the span (its first line only).
void append_snippet(std::string& out, const SourceFile& source, SourceSpan span) {
    const LineCol at = source.line_col(span.begin);
    const std::string_view line = source.line_text(at.line);
    const auto line_begin = static_cast<std::uint32_t>(line.data() - source.text().data());
    const std::size_t prefix_bytes = std::min<std::size_t>(span.begin - line_begin, line.size());
    const std::size_t span_bytes =
        std::min<std::size_t>(span.end > span.begin ? span.end - span.begin : 0,
                              line.size() - prefix_bytes);
    std::string marker;
    for (std::size_t i = 0; i < prefix_bytes;) {
        // Copy tabs so the marker lines up however the terminal expands them.
        if (line[i] == '\t') {
            marker.push_back('\t');
            ++i;
            continue;
        }
        const char32_t c = utf8::decode(line, i);
        marker.append(is_wide(c) ? 2 : 1, ' ');
    }
    const std::size_t width = std::max<std::size_t>(1, display_width(line.substr(prefix_bytes, span_bytes)));
    marker.push_back('^');
    marker.append(width - 1, '~');
    const std::string gutter = fmt::format("{}", at.line);
    out += fmt::format(" {} | {}\n", gutter, printable(line));
    out += fmt::format(" {} | {}\n", std::string(gutter.size(), ' '), marker);
}

std::string location(const FileDiagnostics& file, std::optional<SourceSpan> span) {
    if (!span || !file.source) return file.file_name;
    const LineCol at = file.source->line_col(span->begin);
    return fmt::format("{}:{}:{}", file.file_name, at.line, at.column);
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) width += is_wide(utf8::decode(text, i)) ? 2 : 1;
    return width;
}

std::string render_text(const Diagnostic& d, const FileDiagnostics& file) {
    std::string out = fmt::format("{}: {}[{}]: {}\n", location(file, d.span),
                                  d.severity == Severity::Error ? "error" : "warning",
                                  code_id(d.code), d.message);
    if (d.span && file.source) append_snippet(out, *file.source, *d.span);
    if (!d.hint.empty()) out += fmt::format("  = hint: {}\n", d.hint);
    for (const Note& note : d.notes) {
        out += fmt::format("{}: note: {}\n", location(file, note.span), note.message);
        if (note.span && file.source) append_snippet(out, *file.source, *note.span);
    }
    return out;
}

std::string render_summary(std::size_t errors, std::size_t warnings, std::size_t suppressed) {
    std::string out = fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings,
                                  warnings == 1 ? "" : "s");
    if (suppressed > 0) out += fmt::format(", {} suppressed", suppressed);
    return out;
}

DiagnosticCounts count_diagnostics(const std::vector<FileDiagnostics>& files) {
    DiagnosticCounts counts;
    for (const FileDiagnostics& file : files) {
        for (const Diagnostic& d : file.diagnostics) {
            if (d.suppressed) {
                ++counts.suppressed;
            } else {
                ++(d.severity == Severity::Error ? counts.errors : counts.warnings);
            }
        }
    }
    return counts;
}

namespace {

// The JSON report into `out`, handing it to `flush` whenever it grows past 64 KiB, so that a
// report of 200,000 diagnostics streams instead of growing one 100 MB string.
template <typename Flush>
void json_report(const std::vector<FileDiagnostics>& files, std::string& out, Flush flush) {
    out += "{\"diagnostics\":[";
    bool first = true;
    for (const FileDiagnostics& file : files) {
        for (const Diagnostic& d : file.diagnostics) {
            if (!first) out += ',';
            first = false;
            LineCol begin{0, 0}, end{0, 0};
            if (d.span && file.source) {
                begin = file.source->line_col(d.span->begin);
                end = file.source->line_col(d.span->end);
            }
            out += "{\"code\":";
            json::append_string(out, code_id(d.code));
            out += ",\"severity\":";
            json::append_string(out, d.severity == Severity::Error ? "error" : "warning");
            out += ",\"file\":";
            json::append_string(out, file.file_name);
            // Straight into `out`: a temporary string per diagnostic showed in large reports.
            fmt::format_to(std::back_inserter(out), ",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}",
                           begin.line, begin.column, end.line, end.column);
            out += ",\"message\":";
            json::append_string(out, d.message);
            out += ",\"hint\":";
            if (d.hint.empty()) {
                out += "null";
            } else {
                json::append_string(out, d.hint);
            }
            // Notes ("declared here"), as the text, SARIF and GitHub reports carry them; only
            // when there are some, so that reports without notes keep their shape.
            if (!d.notes.empty()) {
                out += ",\"notes\":[";
                for (std::size_t i = 0; i < d.notes.size(); ++i) {
                    const Note& note = d.notes[i];
                    LineCol nb{0, 0}, ne{0, 0};
                    if (note.span && file.source) {
                        nb = file.source->line_col(note.span->begin);
                        ne = file.source->line_col(note.span->end);
                    }
                    out += i > 0 ? ",{\"message\":" : "{\"message\":";
                    json::append_string(out, note.message);
                    fmt::format_to(std::back_inserter(out), ",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}}}",
                                   nb.line, nb.column, ne.line, ne.column);
                }
                out += ']';
            }
            if (d.suppressed) {
                out += ",\"suppressed\":true,\"reason\":";
                json::append_string(out, d.suppression_reason);
            }
            out += '}';
            if (out.size() >= (64u << 10)) flush(out);
        }
    }
    const DiagnosticCounts counts = count_diagnostics(files);
    out += fmt::format("],\"errors\":{},\"warnings\":{}", counts.errors, counts.warnings);
    // Only when some were, so that reports of files without suppressions keep their shape.
    if (counts.suppressed > 0) out += fmt::format(",\"suppressed\":{}", counts.suppressed);
    out += "}\n";
}

}  // namespace

std::string render_json(const std::vector<FileDiagnostics>& files) {
    std::string out;
    json_report(files, out, [](std::string&) {});
    return out;
}

void render_json(const std::vector<FileDiagnostics>& files, std::ostream& to) {
    std::string out;
    out.reserve(80u << 10);
    const auto flush = [&](std::string& text) {
        to.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
    };
    json_report(files, out, flush);
    flush(out);
}

}  // namespace warrant
