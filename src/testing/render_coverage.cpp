// The coverage table, and the items no example reaches, wrapped for a terminal.
#include <fmt/format.h>

#include "warrant/render.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace {

constexpr std::size_t line_width = 100;
constexpr std::size_t short_item = 30;  // longer items (periods, notices) read better one a line

// "a, b, c" over as many lines as it takes, each starting with `indent`.
std::string wrapped(const std::vector<std::string>& items, const std::string& indent) {
    bool one_a_line = false;
    for (const std::string& item : items) one_a_line |= display_width(item) > short_item;
    std::string out, line = indent;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
        if (line.size() > indent.size() && (one_a_line || display_width(line) + 1 + display_width(item) > line_width)) {
            out += line + "\n";
            line = indent;
        }
        line += (line.size() > indent.size() ? " " : "") + item;
    }
    return out + line + "\n";
}

}  // namespace

std::string render_coverage(const Coverage& coverage, const std::string& policy_file) {
    std::string out = fmt::format("coverage of {} by its examples:\n", policy_file);
    std::size_t reached = 0, total = 0;
    for (const CoverageArea& a : coverage.areas) {
        out += fmt::format("  {:<24}{:>5}/{:<5}{:>6.1f}%\n", a.name, a.reached_count(), a.items.size(), a.percent());
        reached += a.reached_count();
        total += a.items.size();
    }
    out += fmt::format("  {:<24}{:>5}/{:<5}{:>6.1f}%\n", "overall", reached, total, coverage.overall_percent());
    for (const CoverageArea& a : coverage.areas) {
        std::vector<std::string> missed;
        for (std::size_t i = 0; i < a.items.size(); ++i) {
            if (!a.reached[i]) missed.push_back(a.items[i]);
        }
        if (missed.empty()) continue;
        out += fmt::format("  {} no example reaches ({}):\n", a.name, missed.size());
        out += wrapped(missed, "    ");
    }
    return out;
}

}  // namespace warrant
