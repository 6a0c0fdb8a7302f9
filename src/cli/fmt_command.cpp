// `warrant fmt [--check] PATH...`: rewrite policies in the canonical layout, or (with --check,
// for CI) list the files that are not in it, with the start of a diff.
#include <algorithm>
#include <filesystem>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "support/read_bounded.hpp"
#include "warrant/compile.hpp"
#include "format/atomic_write.hpp"
#include "format/line_diff.hpp"
#include "warrant/format.hpp"
#include "warrant/render.hpp"

namespace warrant {

namespace {

namespace fs = std::filesystem;

// How many removed or added lines --check shows per file.
constexpr std::size_t diff_lines_shown = 12;

std::string files(std::size_t n) { return fmt::format("{} file{}", n, n == 1 ? "" : "s"); }

struct Tally {
    std::size_t checked = 0;
    std::size_t changed = 0;      // reformatted, or (--check) would be
    std::size_t failed = 0;       // not formatted: errors in the file, or it could not be written
    bool unreadable = false;
};

// Formats one file; reports on `io`.
void format_one(const std::string& path, bool check, Streams io, Tally& tally) {
    // The stamp is taken before reading: if the file changes after this, it is not replaced.
    const std::optional<format::FileStamp> stamp = format::stamp_of(path);
    BoundedRead read = read_file_bounded(path, max_file_bytes);
    if (!read.ok() || !stamp) {
        io.err << "warrant fmt: " << (read.ok() ? "cannot read " + path : read.message) << "\n";
        tally.unreadable = true;
        return;
    }
    const std::optional<std::string> original = std::move(read.bytes);
    ++tally.checked;
    const SourceFile source(path, *original);
    const FormatResult result = format_source(source);
    if (!result.diagnostics.empty()) {
        const FileDiagnostics file{path, &source, result.diagnostics};
        for (const Diagnostic& d : result.diagnostics) io.err << render_text(d, file);
        io.err << "warrant fmt: " << path << ": not formatted: it does not parse\n";
        ++tally.failed;
        return;
    }
    if (!result.internal_error.empty()) {
        io.err << "warrant fmt: " << path << ": not formatted: " << result.internal_error << "\n";
        ++tally.failed;
        return;
    }
    if (result.text == *original) return;
    ++tally.changed;
    if (check) {
        io.out << path << ": not formatted\n" << format::first_changes(*original, result.text, path, diff_lines_shown);
        return;
    }
    // An edit made while we were formatting is not overwritten: the stamp is compared just
    // before the new version replaces the file.
    if (const std::string error = format::replace_file_atomically(path, result.text, stamp, *original); !error.empty()) {
        io.err << "warrant fmt: " << path << ": not formatted: " << error << "\n";
        ++tally.failed;
        return;
    }
    io.out << "formatted " << path << "\n";
}

}  // namespace

std::function<int()> add_fmt_command(CLI::App& app, Streams io) {
    struct Options {
        std::vector<std::string> paths;
        bool check = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("fmt", "Rewrite policies in the canonical layout");
    cmd->add_option("paths", options->paths, ".policy and .examples files, or folders of them")->required();
    cmd->add_flag("--check", options->check, "Change nothing: list the files that are not formatted, and fail if any");
    return [cmd, options, io]() -> int {
        if (!cmd->parsed()) return -1;
        const auto paths = expand_paths(options->paths, {".policy", ".examples"}, io.err);
        if (!paths) return 2;
        Tally tally;
        for (const std::string& path : *paths) format_one(path, options->check, io, tally);
        std::string summary = fmt::format("{}: {} {}", files(tally.checked), tally.changed,
                                          options->check ? "not formatted" : "reformatted");
        if (tally.failed > 0) summary += fmt::format(", {} with errors", tally.failed);
        io.out << summary << "\n";
        if (tally.unreadable) return 2;
        if (tally.failed > 0 || (options->check && tally.changed > 0)) return 1;
        return 0;
    };
}

}  // namespace warrant
