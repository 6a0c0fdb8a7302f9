#include "lint/context.hpp"

#include <fmt/format.h>

#include "warrant/decide.hpp"

namespace warrant::checks {

Context::Context(const ast::Module& module_, const Resolution& resolution_, Diagnostics& diags_)
    : module(module_), resolution(resolution_), graph(*resolution_.graph), diags(diags_) {
    const std::size_t parts = graph.parts.size();
    default_period_.resize(graph.models.size() * parts, none);
    Claim claim;
    claim.facts = graph.fact_defaults;
    // A period may be chosen by the purchase date: the default is a purchase on the day the
    // policy takes effect.
    if (graph.info.effective) claim.purchased = claim.claimed = *graph.info.effective;
    for (Index m = 0; m < graph.models.size(); ++m) {
        claim.model = m;
        for (Index p = 0; p < parts; ++p) {
            claim.part = p;
            default_period_[static_cast<std::size_t>(m) * parts + p] = choose_period(graph, claim);
        }
    }
}

std::string describe(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

std::optional<int> compare_lengths(const Length& a, const Length& b) {
    const auto cmp = [](std::int64_t x, std::int64_t y) { return x < y ? -1 : (x > y ? 1 : 0); };
    if (a.unit == b.unit) return cmp(a.count, b.count);
    // Bounds in days: a month count spans 28 to 31 days a month.
    const auto low = [](const Length& l) { return std::int64_t{l.count} * (l.unit == LengthUnit::Months ? 28 : 1); };
    const auto high = [](const Length& l) { return std::int64_t{l.count} * (l.unit == LengthUnit::Months ? 31 : 1); };
    if (high(a) < low(b)) return -1;
    if (low(a) > high(b)) return 1;
    return std::nullopt;
}

std::string quoted(std::string_view name) { return fmt::format("`{}`", name); }

std::string name_list(const std::vector<std::string>& names, std::size_t shown) {
    std::string out;
    const std::size_t n = std::min(names.size(), shown);
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += (i + 1 == n && names.size() == n) ? " and " : ", ";
        out += quoted(names[i]);
    }
    if (names.size() > n) out += fmt::format(" and {} more", names.size() - n);
    return out;
}

}  // namespace warrant::checks
