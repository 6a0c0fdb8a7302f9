// `warrant check`: compile policies and report every diagnostic.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "warrant/render.hpp"

namespace warrant {

std::function<int()> add_check_command(CLI::App& app, Streams io) {
    struct Options {
        std::vector<std::string> paths;
        std::string format = "text";
        bool deny_warnings = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("check", "Compile policies and report every mistake");
    cmd->add_option("paths", options->paths, ".policy files or folders of them")->required();
    cmd->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--deny-warnings", options->deny_warnings, "Fail on warnings too");
    return [cmd, options, io]() -> int {
        if (!cmd->parsed()) return -1;
        const auto files = expand_policy_paths(options->paths, io.err);
        if (!files) return 2;
        std::vector<CompileResult> results;
        std::vector<FileDiagnostics> report;
        std::size_t errors = 0, warnings = 0;
        bool unreadable = false;
        for (const std::string& file : *files) results.push_back(compile_file(file, file));
        for (const CompileResult& r : results) {
            report.push_back({r.file_name, r.source.get(), r.diagnostics});
            for (const Diagnostic& d : r.diagnostics) {
                (d.severity == Severity::Error ? errors : warnings)++;
                if (d.code == Code::CannotReadFile) unreadable = true;
            }
        }
        if (options->format == "json") {
            io.out << render_json(report);
        } else {
            for (const FileDiagnostics& fd : report) {
                for (const Diagnostic& d : fd.diagnostics) io.out << render_text(d, fd);
            }
            io.out << fmt::format("checked {} file{}: {}\n", files->size(), files->size() == 1 ? "" : "s",
                                  render_summary(errors, warnings));
        }
        if (unreadable) return 2;
        if (errors > 0 || (options->deny_warnings && warnings > 0)) return 1;
        return 0;
    };
}

}  // namespace warrant
