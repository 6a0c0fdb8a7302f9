// The subcommands, each registered on the CLI11 app and run after parsing.
#pragma once

#include <functional>
#include <iosfwd>

namespace CLI {
class App;
}

namespace warrant {

struct Streams {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    int in_fd = -1;  // standard input's file descriptor when `in` is the process's own, else -1
};

// Each adds its subcommand to `app` and returns the action to run when it was chosen.
std::function<int()> add_check_command(CLI::App& app, Streams streams);
std::function<int()> add_query_command(CLI::App& app, Streams streams);
std::function<int()> add_test_command(CLI::App& app, Streams streams);
std::function<int()> add_fmt_command(CLI::App& app, Streams streams);
std::function<int()> add_diff_command(CLI::App& app, Streams streams);
std::function<int()> add_explain_command(CLI::App& app, Streams streams);
std::function<int()> add_serve_command(CLI::App& app, Streams streams);
std::function<int()> add_build_command(CLI::App& app, Streams streams);

}  // namespace warrant
