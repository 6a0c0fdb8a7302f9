// `warrant check --changed-since REV`: which lines of a policy changed since a git revision,
// so that a pull request is judged on what it changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warrant {

struct ChangedLines {
    bool all = false;  // a file git does not track (new, untracked): every line is changed
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;  // 1-based, inclusive
    // Whether any of lines [first, last] changed.
    bool touches(std::uint32_t first, std::uint32_t last) const;
    bool any() const { return all || !ranges.empty(); }
};

// The new file's line ranges of the hunks (`@@ -a,b +c,d @@`) of a `git diff --unified=0`.
std::vector<std::pair<std::uint32_t, std::uint32_t>> parse_hunk_ranges(std::string_view diff);

// Asks git, in the file's folder, how `file` differs from `revision`. nullopt, with the reason
// in `error`, when git cannot say (no git, not a repository, unknown revision).
std::optional<ChangedLines> changed_lines_since(const std::string& revision, const std::string& file,
                                                std::string& error);

}  // namespace warrant
