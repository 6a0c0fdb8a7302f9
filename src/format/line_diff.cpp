// A longest-common-subsequence line diff. Only the part between the common head and tail is
// compared, and past a size limit that part is shown as replaced, so the cost stays bounded.
#include "format/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

namespace warrant::format {

namespace {

constexpr std::size_t context = 2;
constexpr std::size_t max_table = 1u << 22;  // cells of the LCS table

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        if (end == std::string_view::npos) {
            lines.push_back(text);
            break;
        }
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        text.remove_prefix(end + 1);
    }
    return lines;
}

struct Op {
    char kind;          // ' ', '-' or '+'
    std::size_t old_line;  // 0-based positions before the op
    std::size_t new_line;
    std::string_view text;
};

std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;

    std::vector<Op> ops;
    for (std::size_t i = 0; i < head; ++i) ops.push_back({' ', i, i, a[i]});
    std::size_t i = head, j = head;
    if ((n + 1) * (m + 1) <= max_table) {
        // lcs[x][y]: common length of a[head+x..] and b[head+y..] within the middle part.
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        const auto at = [&](std::size_t x, std::size_t y) -> std::uint32_t& { return lcs[x * (m + 1) + y]; };
        for (std::size_t x = n; x-- > 0;) {
            for (std::size_t y = m; y-- > 0;) {
                at(x, y) = a[head + x] == b[head + y] ? at(x + 1, y + 1) + 1 : std::max(at(x + 1, y), at(x, y + 1));
            }
        }
        std::size_t x = 0, y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a[head + x] == b[head + y]) {
                ops.push_back({' ', i++, j++, a[head + x]});
                ++x, ++y;
            } else if (x < n && (y == m || at(x + 1, y) >= at(x, y + 1))) {
                ops.push_back({'-', i++, j, a[head + x++]});
            } else {
                ops.push_back({'+', i, j++, b[head + y++]});
            }
        }
    } else {
        for (std::size_t x = 0; x < n; ++x) ops.push_back({'-', i++, j, a[head + x]});
        for (std::size_t y = 0; y < m; ++y) ops.push_back({'+', i, j++, b[head + y]});
    }
    for (std::size_t k = 0; k < tail; ++k) ops.push_back({' ', i++, j++, a[a.size() - tail + k]});
    return ops;
}

}  // namespace

std::string first_changes(std::string_view before, std::string_view after, std::string_view name, std::size_t max_changed) {
    if (before == after) return {};
    const std::vector<Op> ops = edit_script(split_lines(before), split_lines(after));
    std::string out = fmt::format("--- {}\n+++ {} (formatted)\n", name, name);
    std::size_t shown = 0;
    for (std::size_t k = 0; k < ops.size();) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        if (shown >= max_changed) {
            out += "...\n";
            break;
        }
        // A hunk: context before, changes (merging those closer than two contexts), context after.
        const std::size_t begin = k > context ? k - context : 0;
        std::size_t last_change = k;
        for (std::size_t e = k + 1; e < ops.size();) {
            if (ops[e].kind != ' ') {
                last_change = e++;
                continue;
            }
            std::size_t quiet_end = e;
            while (quiet_end < ops.size() && ops[quiet_end].kind == ' ') ++quiet_end;
            if (quiet_end == ops.size() || quiet_end - e > 2 * context) break;
            e = quiet_end;
        }
        const std::size_t end = std::min(ops.size(), last_change + 1 + context);
        std::string body;
        std::size_t old_count = 0, new_count = 0, last = begin;
        bool cut = false;
        for (std::size_t e = begin; e < end; ++e) {
            if (ops[e].kind != ' ' && shown == max_changed) {
                cut = true;
                break;
            }
            body += fmt::format("{}{}\n", ops[e].kind, ops[e].text);
            if (ops[e].kind != '+') ++old_count;
            if (ops[e].kind != '-') ++new_count;
            if (ops[e].kind != ' ') ++shown;
            last = e + 1;
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", ops[begin].old_line + 1, old_count, ops[begin].new_line + 1, new_count);
        out += body;
        k = last;
        if (cut) {
            out += "...\n";
            break;
        }
    }
    return out;
}

}  // namespace warrant::format
