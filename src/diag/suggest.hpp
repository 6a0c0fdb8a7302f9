// "Did you mean ...?": the declared names nearest to a misspelt one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warrant {

// Levenshtein distance over bytes, stopping early once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidates within a plausible distance of `word` (ignoring case), nearest first.
std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// "did you mean `a`?" / "did you mean `a` or `b`?", or "" when there is nothing to suggest.
std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace warrant
