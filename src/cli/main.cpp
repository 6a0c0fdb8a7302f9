#include <iostream>

#include "cli/cli.hpp"
#include "cli/left_at_exit.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    warrant::leave_memory_at_exit();
    return warrant::run_cli({argv + 1, argv + argc}, std::cin, std::cout, std::cerr, 0);
}
