// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=E2001::message`
// printed to a step's output become annotations on the pull request's changed lines.
#include <fmt/format.h>

#include "warrant/render.hpp"

namespace warrant {

namespace {

// The runner decodes %25, %0D and %0A in a command's message.
std::string escape_data(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

// In a property value `,` and `:` would end the value, so they are encoded too.
std::string escape_property(std::string_view text) {
    std::string out;
    for (const char c : escape_data(text)) {
        switch (c) {
            case ',': out += "%2C"; break;
            case ':': out += "%3A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string message_of(const Diagnostic& d, const FileDiagnostics& file) {
    std::string text = d.message;
    if (!d.hint.empty()) text += "\nhint: " + d.hint;
    for (const Note& note : d.notes) {
        text += "\nnote: " + note.message;
        if (note.span && file.source) text += fmt::format(" (line {})", file.source->line_col(note.span->begin).line);
    }
    return text;
}

}  // namespace

std::string render_github(const std::vector<FileDiagnostics>& files) {
    std::string out;
    for (const FileDiagnostics& file : files) {
        for (const Diagnostic& d : file.diagnostics) {
            if (d.suppressed) continue;
            std::string properties = "file=" + escape_property(file.file_name);
            if (d.span && file.source) {
                const LineCol begin = file.source->line_col(d.span->begin);
                const LineCol end = file.source->line_col(d.span->end);
                // GitHub takes columns only for an annotation within one line; the end column
                // is the one after the span, as in the JSON and SARIF reports.
                if (begin.line == end.line) {
                    properties += fmt::format(",line={},col={},endLine={},endColumn={}", begin.line, begin.column,
                                              end.line, end.column);
                } else {
                    properties += fmt::format(",line={},endLine={}", begin.line, end.line);
                }
            }
            properties += ",title=" + escape_property(code_id(d.code));
            out += fmt::format("::{} {}::{}\n", d.severity == Severity::Error ? "error" : "warning", properties,
                               escape_data(message_of(d, file)));
        }
    }
    return out;
}

}  // namespace warrant
