// Suppressions written in the policy: `# allow W2101: reason` silences that warning on the
// same line (a trailing comment), or on the next line that is neither blank nor a comment
// (a comment on a line of its own). `# allow W2101, W3102: reason` names several.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

struct SuppressionCode {
    std::string id;   // as written
    SourceSpan span;
};

struct Suppression {
    SourceSpan comment;
    std::vector<SuppressionCode> codes;
    std::string reason;               // empty when the comment gives none
    bool trailing = false;            // after code on its line, rather than on a line of its own
    std::uint32_t target_line = 0;    // the line it silences; 0 when no line follows
};

// Every `# allow` comment of the file, in source order. Other comments are not suppressions.
std::vector<Suppression> find_suppressions(const SourceFile& source);

// Marks the warnings that suppressions silence, and reports suppressions that give no reason,
// name unknown codes or errors, or silence nothing. `diagnostics` stays sorted by position.
void apply_suppressions(const SourceFile& source, std::vector<Diagnostic>& diagnostics);

}  // namespace warrant
