// The command-line front end: CLI11 parses, a subcommand runs, everything prints to the
// streams it was given.
#include "cli/cli.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

#ifndef WARRANT_VERSION
#define WARRANT_VERSION "0.1.0"
#endif

namespace warrant {

int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
    CLI::App app{"warrant: compile warranty policies, check them, and decide claims"};
    app.name("warrant");
    app.require_subcommand(1);
    app.set_version_flag("--version", "warrant " WARRANT_VERSION);
    const Streams io{in, out, err};
    const std::vector<std::function<int()>> commands = {
        add_check_command(app, io), add_query_command(app, io), add_test_command(app, io),
        add_fmt_command(app, io),   add_diff_command(app, io),  add_serve_command(app, io),
    };
    std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
    try {
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        return app.exit(e, out, err) == 0 ? 0 : 2;
    }
    for (const auto& command : commands) {
        if (const int code = command(); code >= 0) return code;
    }
    return 2;
}

}  // namespace warrant
