// A unified-style diff of the first changes between two texts, for `warrant fmt --check`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warrant::format {

// `--- NAME` / `+++ NAME (formatted)` and hunks with two lines of context, showing at most
// `max_changed` removed or added lines; "..." says when more changes follow. Empty when the
// texts are equal.
std::string first_changes(std::string_view before, std::string_view after, std::string_view name, std::size_t max_changed);

}  // namespace warrant::format
