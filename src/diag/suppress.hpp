// Suppressions written in the policy: `# allow W2101: reason` silences that warning on the
// same line, or on the next line that is not a comment.
#pragma once

#include <vector>

#include "warrant/diagnostic.hpp"
#include "warrant/source.hpp"

namespace warrant {

// Marks suppressed warnings and reports suppressions that are unused or lack a reason.
void apply_suppressions(const SourceFile& source, std::vector<Diagnostic>& diagnostics);

}  // namespace warrant
