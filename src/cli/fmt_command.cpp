// `warrant fmt [--check] PATH...`: rewrite policies in the canonical layout, or (with --check,
// for CI) list the files that are not in it, with the start of a diff.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "format/atomic_write.hpp"
#include "format/line_diff.hpp"
#include "warrant/format.hpp"
#include "warrant/render.hpp"

namespace warrant {

namespace {

namespace fs = std::filesystem;

// How many removed or added lines --check shows per file.
constexpr std::size_t diff_lines_shown = 12;

bool is_formattable(const fs::path& path) {
    return path.extension() == ".policy" || path.extension() == ".examples";
}

// Files as given; folders to the .policy and .examples files below them, sorted.
std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths, std::ostream& err) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (it->is_regular_file(ec) && is_formattable(it->path())) found.push_back(it->path().generic_string());
            }
            if (ec) {
                err << "warrant fmt: cannot read folder " << path << ": " << ec.message() << "\n";
                return std::nullopt;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            err << "warrant fmt: no such file or folder: " << path << "\n";
            return std::nullopt;
        }
    }
    return files;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(bytes).str();
}

std::string files(std::size_t n) { return fmt::format("{} file{}", n, n == 1 ? "" : "s"); }

struct Tally {
    std::size_t checked = 0;
    std::size_t changed = 0;      // reformatted, or (--check) would be
    std::size_t failed = 0;       // not formatted: errors in the file, or it could not be written
    bool unreadable = false;
};

// Formats one file; reports on `io`.
void format_one(const std::string& path, bool check, Streams io, Tally& tally) {
    const std::optional<std::string> original = read_file(path);
    if (!original) {
        io.err << "warrant fmt: cannot read " << path << "\n";
        tally.unreadable = true;
        return;
    }
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
    // Do not overwrite an edit made while we were formatting.
    if (read_file(path) != original) {
        io.err << "warrant fmt: " << path << ": not formatted: the file changed while it was being formatted\n";
        ++tally.failed;
        return;
    }
    if (const std::string error = format::replace_file_atomically(path, result.text); !error.empty()) {
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
        const auto paths = expand_paths(options->paths, io.err);
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
