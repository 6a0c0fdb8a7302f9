#include "diag/suggest.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace warrant {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > limit) return limit + 1;
    std::vector<std::size_t> row(a.size() + 1);
    for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t diagonal = row[0];
        row[0] = j;
        std::size_t best = row[0];
        for (std::size_t i = 1; i <= a.size(); ++i) {
            const std::size_t up = row[i];
            row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
            best = std::min(best, row[i]);
        }
        if (best > limit) return limit + 1;
    }
    return row[a.size()];
}

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
}  // namespace

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
    const std::string key = lower(word);
    const std::size_t threshold = std::max<std::size_t>(2, key.size() / 3);
    std::vector<std::pair<std::size_t, const std::string*>> scored;
    for (const std::string& candidate : candidates) {
        const std::size_t d = edit_distance(key, lower(candidate), threshold);
        if (d <= threshold) scored.emplace_back(d, &candidate);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [distance, name] : scored) {
        if (out.size() == limit) break;
        if (std::find(out.begin(), out.end(), *name) == out.end()) out.push_back(*name);
    }
    return out;
}

std::string did_you_mean(const std::vector<std::string>& names) {
    if (names.empty()) return {};
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) list += i + 1 == names.size() ? " or " : ", ";
        list += fmt::format("`{}`", names[i]);
    }
    return fmt::format("did you mean {}?", list);
}

}  // namespace warrant
