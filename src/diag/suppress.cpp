#include "diag/suppress.hpp"

namespace warrant {

void apply_suppressions(const SourceFile&, std::vector<Diagnostic>&) {}

}  // namespace warrant
