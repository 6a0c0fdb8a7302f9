// `warrant diff OLD NEW`: what changed between two versions of a policy, and exactly which
// claims are answered differently. Exit 0: every query answered alike; 1: answers differ (or,
// with --reasons, some claim cites other clauses); 2: a version could not be read or compiled;
// 3: no difference found, but some claims could not be compared (the report names them).
#include <future>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/left_at_exit.hpp"
#include "diff/versions.hpp"
#include "warrant/diff.hpp"

namespace warrant {

std::function<int()> add_diff_command(CLI::App& app, Streams io) {
    struct Options {
        std::string before, after;
        std::string format = "text";
        std::string reference;
        bool full = false;
        bool reasons = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("diff", "Compare two versions of a policy by meaning and by the answers they give");
    cmd->add_option("old", o->before, "The old version: a .policy file, a folder, or REV:PATH (a file in git)")->required();
    cmd->add_option("new", o->after, "The new version: a .policy file, a folder, or REV:PATH")->required();
    cmd->add_option("--format", o->format, "text, json, markdown or html")
        ->check(CLI::IsMember({"text", "json", "markdown", "html"}));
    cmd->add_option("--reference", o->reference,
                    "Purchase date that day ranges are counted for (default: the new version's effective date)");
    cmd->add_flag("--full", o->full, "List every model in text and Markdown (the HTML page shows them behind a disclosure)");
    cmd->add_flag("--reasons", o->reasons,
                  "Exit 1 also when claims answered alike cite other clauses (reason ranges are shown either way)");
    return [cmd, o, io]() -> int {
        if (!cmd->parsed()) return -1;
        DiffOptions options;
        if (!o->reference.empty()) {
            options.reference = parse_iso_date(o->reference);
            if (!options.reference) {
                io.err << "warrant diff: --reference is not a date: " << o->reference << " (" << describe_bad_date(o->reference) << ")\n";
                return 2;
            }
        }
        // The two versions compile at once: each may be a large policy.
        std::ostringstream before_err, after_err;
        auto before = std::async(std::launch::async, [&] { return diff::load_version(o->before, before_err); });
        auto after = diff::load_version(o->after, after_err);
        auto old_version = before.get();
        io.err << before_err.str() << after_err.str();
        if (!old_version || !after) return 2;
        DiffReport report;
        const LeftAtExit left(old_version, after, report);
        report = diff_policies(old_version->graphs, after->graphs, options);
        report.before_name = o->before;
        report.after_name = o->after;
        report.full_lists = o->full;
        if (o->format == "json") io.out << render_diff_json(report);
        else if (o->format == "markdown") io.out << render_diff_markdown(report);
        else if (o->format == "html") io.out << render_diff_html(report);
        else io.out << render_diff_text(report);
        if (report.answers_differ() || (o->reasons && report.reasons_differ())) return 1;
        if (!report.complete()) {
            io.err << "warrant diff: some claims were not compared claim by claim; the report names them and why\n";
            return 3;
        }
        return 0;
    };
}

}  // namespace warrant
