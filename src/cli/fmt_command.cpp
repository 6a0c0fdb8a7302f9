// `warrant fmt`: being built.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace warrant {

std::function<int()> add_fmt_command(CLI::App& app, Streams io) {
    CLI::App* cmd = app.add_subcommand("fmt", "(being built)");
    cmd->allow_extras();
    return [cmd, io]() -> int {
        if (!cmd->parsed()) return -1;
        io.err << "warrant fmt: not available yet\n";
        return 2;
    };
}

}  // namespace warrant
