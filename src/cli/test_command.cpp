// `warrant test`: being built.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace warrant {

std::function<int()> add_test_command(CLI::App& app, Streams io) {
    CLI::App* cmd = app.add_subcommand("test", "(being built)");
    cmd->allow_extras();
    return [cmd, io]() -> int {
        if (!cmd->parsed()) return -1;
        io.err << "warrant test: not available yet\n";
        return 2;
    };
}

}  // namespace warrant
