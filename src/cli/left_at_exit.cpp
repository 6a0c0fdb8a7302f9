#include "cli/left_at_exit.hpp"

namespace warrant::detail {

bool& leaving_at_exit() {
    static bool on = false;
    return on;
}

std::vector<LeftValue*>& left_values() {
    static auto* values = new std::vector<LeftValue*>;  // never freed: reachable to the end
    return *values;
}

}  // namespace warrant::detail
