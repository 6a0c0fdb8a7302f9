#include "lint/lint.hpp"

namespace warrant {

void lint(const ast::Module&, const Resolution&, Diagnostics&) {}

}  // namespace warrant
