// Showing diagnostics to people (compiler-style text with the source line underlined) and to
// programs (JSON, SARIF, GitHub annotations). Pure functions of the diagnostics and the source text.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

// The diagnostics of one file. `source` is null when the file could not be read.
struct FileDiagnostics {
    std::string file_name;
    const SourceFile* source = nullptr;
    std::vector<Diagnostic> diagnostics;
};

// `file:line:col: error[E2001]: message`, the line with the span underlined, hint and notes.
std::string render_text(const Diagnostic& diagnostic, const FileDiagnostics& file);
// "2 errors, 1 warning" (with correct plurals), then ", 3 suppressed" when some were.
std::string render_summary(std::size_t errors, std::size_t warnings, std::size_t suppressed = 0);
// {"diagnostics":[...],"errors":N,"warnings":N}; a suppressed diagnostic carries
// "suppressed":true and "reason", counts in neither total, and adds "suppressed":N at the end.
std::string render_json(const std::vector<FileDiagnostics>& files);
// The same report written to `to` as it is made, in pieces, for large reports.
void render_json(const std::vector<FileDiagnostics>& files, std::ostream& to);
// SARIF 2.1.0, for code-scanning tools: one run, every code as a rule, every diagnostic as
// a result (suppressed ones with an in-source suppression and its justification).
// `base_folder`, an absolute path, is the base of relative file names (SARIF's SRCROOT); when
// empty, the base is described but not given.
std::string render_sarif(const std::vector<FileDiagnostics>& files, std::string_view tool_version,
                         std::string_view base_folder = {});
// GitHub Actions workflow commands (`::warning file=..,line=..::message`), one per
// diagnostic that is not suppressed; the runner shows them as annotations.
std::string render_github(const std::vector<FileDiagnostics>& files);

// How diagnostics count for summaries and exit codes: a suppressed warning only as suppressed.
struct DiagnosticCounts {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t suppressed = 0;
};
DiagnosticCounts count_diagnostics(const std::vector<FileDiagnostics>& files);

// Columns a terminal gives `text`: East Asian wide characters take two.
std::size_t display_width(std::string_view text);

}  // namespace warrant
