// `warrant check`: compile policies and report every diagnostic, as text for people, or as
// JSON, SARIF or GitHub annotations for tools and CI.
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/changed_lines.hpp"
#include "cli/commands.hpp"
#include "cli/left_at_exit.hpp"
#include "cli/load.hpp"
#include "warrant/render.hpp"

// The build may define the version; otherwise that of project() in CMakeLists.txt.
#ifndef WARRANT_VERSION
#define WARRANT_VERSION "0.1.0"
#endif

namespace warrant {

namespace {

// Keeps the diagnostics on changed lines; one without a position only when the file changed.
std::vector<Diagnostic> on_changed_lines(const CompileResult& result, const ChangedLines& changed) {
    std::vector<Diagnostic> kept;
    for (const Diagnostic& d : result.diagnostics) {
        const bool keep = d.span && result.source
                              ? changed.touches(result.source->line_col(d.span->begin).line,
                                                result.source->line_col(d.span->end).line)
                              : changed.any() || d.code == Code::CannotReadFile;
        if (keep) kept.push_back(d);
    }
    return kept;
}

}  // namespace

std::function<int()> add_check_command(CLI::App& app, Streams io) {
    struct Options {
        std::vector<std::string> paths;
        std::string format = "text";
        bool deny_warnings = false;
        std::string changed_since;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("check", "Compile policies and report every mistake");
    cmd->add_option("paths", options->paths, ".policy files or folders of them")->required();
    cmd->add_option("--format", options->format, "text, json, sarif (SARIF 2.1.0) or github (Actions annotations)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
    cmd->add_flag("--deny-warnings", options->deny_warnings, "Fail on warnings too");
    cmd->add_option("--changed-since", options->changed_since,
                    "Report only diagnostics on lines changed since this git revision");
    return [cmd, options, io]() -> int {
        if (!cmd->parsed()) return -1;
        const auto files = expand_policy_paths(options->paths, io.err);
        if (!files) return 2;
        std::vector<CompileResult> results;
        std::vector<FileDiagnostics> report;
        bool unreadable = false;
        for (const std::string& file : *files) results.push_back(compile_file(file, file));
        for (CompileResult& r : results) {
            for (const Diagnostic& d : r.diagnostics) {
                if (d.code == Code::CannotReadFile) unreadable = true;
            }
            // Moved, not copied: a large catalogue has hundreds of thousands of diagnostics.
            std::vector<Diagnostic> shown = std::move(r.diagnostics);
            if (!options->changed_since.empty()) {
                std::string error;
                const auto changed = changed_lines_since(options->changed_since, r.file_name, error);
                if (!changed) {
                    io.err << "warrant: --changed-since: " << error << "\n";
                    return 2;
                }
                r.diagnostics = std::move(shown);
                shown = on_changed_lines(r, *changed);
            }
            report.push_back({r.file_name, r.source.get(), std::move(shown)});
        }
        const DiagnosticCounts counts = count_diagnostics(report);
        const LeftAtExit left(results, report);
        if (options->format == "json") {
            render_json(report, io.out);
        } else if (options->format == "sarif") {
            std::error_code ec;
            const std::filesystem::path here = std::filesystem::current_path(ec);
            io.out << render_sarif(report, WARRANT_VERSION, ec ? std::string() : here.string());
        } else {
            if (options->format == "github") {
                io.out << render_github(report);
            } else {
                for (const FileDiagnostics& fd : report) {
                    for (const Diagnostic& d : fd.diagnostics) {
                        if (!d.suppressed) io.out << render_text(d, fd);
                    }
                }
            }
            io.out << fmt::format("checked {} file{}: {}\n", files->size(), files->size() == 1 ? "" : "s",
                                  render_summary(counts.errors, counts.warnings, counts.suppressed));
        }
        if (unreadable) return 2;
        if (counts.errors > 0 || (options->deny_warnings && counts.warnings > 0)) return 1;
        return 0;
    };
}

}  // namespace warrant
