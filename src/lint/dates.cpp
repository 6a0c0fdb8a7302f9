// Dates a reviewer should look at twice: end-of-service notices out of the file's date order
// (W4115; a notice copied into the wrong place, or a mistyped date), and dates before 1990 or
// more than 20 years after the policy takes effect (W4116; usually a mistyped year). A notice
// dated before the effective date is not suspect: policies keep historic notices.
#include <algorithm>

#include <fmt/format.h>

#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

constexpr int earliest_plausible_year = 1990;
constexpr int plausible_years_ahead = 20;

// Indices of a longest subsequence of `dates` in order (oldest first, or newest first), ties
// kept: the notices that are in place. O(n log n), patience sorting.
std::vector<std::size_t> longest_ordered(const std::vector<Date>& dates, bool newest_first) {
    const auto before = [&](Date a, Date b) { return newest_first ? b < a : a < b; };
    std::vector<std::size_t> tails, previous(dates.size(), dates.size());
    for (std::size_t i = 0; i < dates.size(); ++i) {
        // The first tail that `dates[i]` cannot follow (equal dates may follow each other).
        const auto it = std::upper_bound(tails.begin(), tails.end(), dates[i],
                                         [&](Date d, std::size_t t) { return before(d, dates[t]); });
        if (it != tails.begin()) previous[i] = *(it - 1);
        if (it == tails.end()) tails.push_back(i); else *it = i;
    }
    std::vector<std::size_t> kept;
    for (std::size_t i = tails.empty() ? dates.size() : tails.back(); i != dates.size(); i = previous[i]) kept.push_back(i);
    std::reverse(kept.begin(), kept.end());
    return kept;
}

void notices_in_order(Context& cx) {
    const RuleGraph& g = cx.graph;
    const std::size_t n = std::min(g.notices.size(), cx.module.end_of_service.size());
    std::vector<Date> dates;
    for (std::size_t i = 0; i < n; ++i) dates.push_back(g.notices[i].date);
    // The file's own order is the one that leaves fewer notices out of place; oldest first on a tie.
    const std::vector<std::size_t> oldest = longest_ordered(dates, false);
    const std::vector<std::size_t> newest = longest_ordered(dates, true);
    const bool newest_first = newest.size() > oldest.size();
    const std::vector<std::size_t>& kept = newest_first ? newest : oldest;
    std::vector<bool> in_place(n, false);
    for (const std::size_t i : kept) in_place[i] = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (in_place[i]) continue;
        // The notices in place just before and after it: it belongs on the other side of one.
        const auto after = std::upper_bound(kept.begin(), kept.end(), i);
        const std::size_t next = after == kept.end() ? n : *after;
        const std::size_t prev = after == kept.begin() ? n : *(after - 1);
        const bool too_late = prev != n && (newest_first ? dates[prev] < dates[i] : dates[i] < dates[prev]);
        const std::size_t other = too_late ? prev : next;
        const std::string order = newest_first ? "newest first" : "oldest first";
        auto& d = cx.diags.report(Code::NoticeOutOfOrder, cx.module.end_of_service[i].date.span,
                                  fmt::format("the end-of-service notice of {} comes {} the notice of {}, but the notices are otherwise {}",
                                              to_iso(dates[i]), too_late ? "after" : "before", to_iso(dates[other]), order));
        d.notes.push_back({g.notices[other].span, fmt::format("the notice of {}", to_iso(dates[other]))});
        d.hint = "check the date; if it is right, move the notice to its place in date order";
    }
}

void plausible(Context& cx, Date date, SourceSpan span, const char* what) {
    const RuleGraph& g = cx.graph;
    if (to_ymd(date).year < earliest_plausible_year) {
        cx.diags.report(Code::ImplausibleDate, span,
                        fmt::format("{} {} is implausibly early: before {}", what, to_iso(date), earliest_plausible_year))
            .hint = "check the year";
        return;
    }
    if (!g.info.effective) return;
    const Date horizon = add_months(*g.info.effective, 12 * plausible_years_ahead, MonthRule::Clamp);
    if (date <= horizon) return;
    cx.diags.report(Code::ImplausibleDate, span,
                    fmt::format("{} {} is implausibly far off: more than {} years after the policy takes effect on {}", what,
                                to_iso(date), plausible_years_ahead, to_iso(*g.info.effective)))
        .hint = "check the year";
}

}  // namespace

void check_dates(Context& cx) {
    const RuleGraph& g = cx.graph;
    notices_in_order(cx);
    if (!cx.module.policies.empty() && g.info.effective) {
        for (const ast::PolicyItem& item : cx.module.policies[0].items) {
            if (item.kind == ast::PolicyItem::Kind::Effective) {
                plausible(cx, *g.info.effective, item.word.span, "the effective date");
                break;
            }
        }
    }
    for (std::size_t i = 0; i < g.notices.size() && i < cx.module.end_of_service.size(); ++i) {
        plausible(cx, g.notices[i].date, cx.module.end_of_service[i].date.span, "the end-of-service date");
    }
}

}  // namespace warrant::checks
