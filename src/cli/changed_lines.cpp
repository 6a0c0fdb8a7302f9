// Changed lines from git: a file git does not track is all new; a tracked one is compared
// with the revision by `git diff --unified=0`, whose hunk headers give the new line ranges.
#include "cli/changed_lines.hpp"

#include <charconv>
#include <filesystem>

#include "support/run_process.hpp"

namespace warrant {

namespace {

// Reads "N" or "N,M" at `text`; M defaults to 1, as in git's hunk headers.
bool read_range(std::string_view& text, std::uint32_t& start, std::uint32_t& count) {
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, start);
    if (ec != std::errc()) return false;
    count = 1;
    if (p != end && *p == ',') {
        auto [q, ec2] = std::from_chars(p + 1, end, count);
        if (ec2 != std::errc()) return false;
        p = q;
    }
    text.remove_prefix(static_cast<std::size_t>(p - text.data()));
    return true;
}

std::string first_line(std::string_view text) {
    const std::size_t stop = text.find('\n');
    return std::string(text.substr(0, stop));
}

}  // namespace

bool ChangedLines::touches(std::uint32_t first, std::uint32_t last) const {
    if (all) return true;
    for (const auto& [from, to] : ranges) {
        if (from <= last && first <= to) return true;
    }
    return false;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> parse_hunk_ranges(std::string_view diff) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
    while (!diff.empty()) {
        const std::size_t stop = diff.find('\n');
        std::string_view line = diff.substr(0, stop);
        diff.remove_prefix(stop == std::string_view::npos ? diff.size() : stop + 1);
        if (line.substr(0, 4) != "@@ -") continue;
        line.remove_prefix(4);
        std::uint32_t old_start = 0, old_count = 0, start = 0, count = 0;
        if (!read_range(line, old_start, old_count) || line.substr(0, 2) != " +") continue;
        line.remove_prefix(2);
        if (!read_range(line, start, count)) continue;
        // A hunk that only deletes adds no line of the new file.
        if (count > 0) ranges.emplace_back(start, start + count - 1);
    }
    return ranges;
}

std::optional<ChangedLines> changed_lines_since(const std::string& revision, const std::string& file,
                                                std::string& error) {
    if (revision.empty() || revision[0] == '-') {
        error = "`" + revision + "` is not a revision";  // git would read it as an option
        return std::nullopt;
    }
    const std::filesystem::path path(file);
    std::string folder = path.parent_path().string();
    if (folder.empty()) folder = ".";
    const std::string name = path.filename().string();
    const auto git = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"git", "-C", folder});
        return run_process(args);
    };

    const auto verified = git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"});
    if (!verified) {
        error = "cannot run git; is it installed?";
        return std::nullopt;
    }
    if (verified->exit_code != 0) {
        const auto inside = git({"rev-parse", "--is-inside-work-tree"});
        error = inside && inside->exit_code == 0 ? "`" + revision + "` is no commit git knows in " + folder
                                                 : folder + " is not in a git work tree";
        return std::nullopt;
    }
    ChangedLines changed;
    const auto tracked = git({"ls-files", "--error-unmatch", "--", name});
    if (!tracked || tracked->exit_code != 0) {
        changed.all = true;
        return changed;
    }
    const auto diff = git({"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", revision, "--", name});
    if (!diff || diff->exit_code != 0) {
        error = "git diff failed: " + first_line(diff ? diff->err : "");
        return std::nullopt;
    }
    changed.ranges = parse_hunk_ranges(diff->out);
    return changed;
}

}  // namespace warrant
