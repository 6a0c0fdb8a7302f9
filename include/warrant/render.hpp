// Showing diagnostics to people (compiler-style text with the source line underlined) and to
// programs (JSON). Pure functions of the diagnostics and the source text.
#pragma once

#include <string>
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
// "2 errors, 1 warning" (with correct plurals).
std::string render_summary(std::size_t errors, std::size_t warnings);
// {"diagnostics":[...],"errors":N,"warnings":N}
std::string render_json(const std::vector<FileDiagnostics>& files);

// Columns a terminal gives `text`: East Asian wide characters take two.
std::size_t display_width(std::string_view text);

}  // namespace warrant
