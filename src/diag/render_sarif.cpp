// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): the report format code-scanning
// tools read. Every code is a rule, so a result's ruleIndex is its code's place in the registry.
#include <fmt/format.h>

#include "support/json_write.hpp"
#include "warrant/render.hpp"

namespace warrant {

namespace {

// The path as given, as a URI reference: bytes other than unreserved ones and `/` are
// percent-encoded (a space, `#` or `%` would otherwise change its meaning).
std::string path_uri(std::string_view path) {
    std::string uri;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        uri += unreserved ? std::string(1, c) : fmt::format("%{:02X}", byte);
    }
    return uri;
}

void append_physical_location(std::string& out, const FileDiagnostics& file, std::optional<SourceSpan> span) {
    out += "\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
    json::append_string(out, path_uri(file.file_name));
    out += ",\"uriBaseId\":\"SRCROOT\"}";
    if (span && file.source) {
        const LineCol begin = file.source->line_col(span->begin);
        const LineCol end = file.source->line_col(span->end);
        // SARIF's endColumn is the column just after the region, as line_col(end) gives.
        out += fmt::format(",\"region\":{{\"startLine\":{},\"startColumn\":{},\"endLine\":{},\"endColumn\":{}}}",
                           begin.line, begin.column, end.line, end.column);
    }
    out += '}';
}

void append_result(std::string& out, const Diagnostic& d, const FileDiagnostics& file) {
    out += fmt::format("{{\"ruleId\":\"{}\",\"ruleIndex\":{},\"level\":\"{}\",\"message\":{{\"text\":", code_id(d.code),
                       static_cast<std::size_t>(d.code), d.severity == Severity::Error ? "error" : "warning");
    json::append_string(out, d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint);
    out += "},\"locations\":[{";
    append_physical_location(out, file, d.span);
    out += "}]";
    if (!d.notes.empty()) {
        out += ",\"relatedLocations\":[";
        for (std::size_t i = 0; i < d.notes.size(); ++i) {
            if (i > 0) out += ',';
            out += fmt::format("{{\"id\":{},\"message\":{{\"text\":", i);
            json::append_string(out, d.notes[i].message);
            out += "},";
            append_physical_location(out, file, d.notes[i].span);
            out += '}';
        }
        out += ']';
    }
    // An empty list says "not suppressed"; an absent one would say "not known".
    out += ",\"suppressions\":[";
    if (d.suppressed) {
        out += "{\"kind\":\"inSource\",\"justification\":";
        json::append_string(out, d.suppression_reason);
        out += '}';
    }
    out += "]}";
}

}  // namespace

std::string render_sarif(const std::vector<FileDiagnostics>& files, std::string_view tool_version,
                         std::string_view base_folder) {
    std::string out =
        "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
        "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"warrant\",\"version\":";
    json::append_string(out, tool_version);
    out += ",\"rules\":[";
    bool first = true;
    for (const Code code : all_codes()) {
        if (!first) out += ',';
        first = false;
        out += fmt::format("{{\"id\":\"{}\",\"shortDescription\":{{\"text\":", code_id(code));
        json::append_string(out, code_summary(code));
        out += fmt::format("}},\"defaultConfiguration\":{{\"level\":\"{}\"}}}}",
                           code_severity(code) == Severity::Error ? "error" : "warning");
    }
    // Columns count characters, as in every other Warrant report.
    // Paths are as given on the command line: relative to the folder the check ran in, SRCROOT.
    out += "]}},\"originalUriBaseIds\":{\"SRCROOT\":{";
    if (!base_folder.empty()) {
        std::string base = "file://" + path_uri(base_folder);
        if (base.back() != '/') base += '/';
        out += "\"uri\":";
        json::append_string(out, base);
        out += ',';
    }
    out += "\"description\":{\"text\":\"the folder warrant check ran in\"}}}";
    out += ",\"columnKind\":\"unicodeCodePoints\",\"results\":[";
    first = true;
    for (const FileDiagnostics& file : files) {
        for (const Diagnostic& d : file.diagnostics) {
            if (!first) out += ',';
            first = false;
            append_result(out, d, file);
        }
    }
    out += "]}]}\n";
    return out;
}

}  // namespace warrant
