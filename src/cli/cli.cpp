// The command-line front end: CLI11 parses, a subcommand runs, everything prints to the
// streams it was given.
#include "cli/cli.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "diag/suggest.hpp"

#ifndef WARRANT_VERSION
#define WARRANT_VERSION "0.1.0"
#endif

namespace warrant {

namespace {

// The first argument that is not an option names the command; CLI11 alone would answer an
// unknown one with "A subcommand is required". Returns the message, or "" when it is known.
std::string unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
    if (args.empty() || args.front().empty() || args.front()[0] == '-') return {};
    const std::string& word = args.front();
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), word) != names.end()) return {};
    std::string message = "warrant: unknown command `" + word + "`";
    if (const std::string hint = did_you_mean(nearest_names(word, names)); !hint.empty()) message += "; " + hint;
    message += "\ncommands:";
    for (const std::string& name : names) message += " " + name;
    message += "\nrun `warrant --help` for what each does\n";
    return message;
}

}  // namespace

int run_cli(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err, int in_fd) {
    CLI::App app{"warrant: compile warranty policies, check them, and decide claims"};
    app.name("warrant");
    app.require_subcommand(1);
    app.set_version_flag("--version", "warrant " WARRANT_VERSION);
    const Streams io{in, out, err, in_fd};
    const std::vector<std::function<int()>> commands = {
        add_check_command(app, io), add_query_command(app, io), add_test_command(app, io),
        add_fmt_command(app, io),   add_diff_command(app, io),  add_explain_command(app, io),
        add_serve_command(app, io), add_build_command(app, io),
    };
    if (const std::string unknown = unknown_command(app, args); !unknown.empty()) {
        err << unknown;
        return 2;
    }
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
