// Messages that quote what a user wrote must not grow with it: a 50 MB model name is echoed as
// its first characters and an ellipsis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warrant {

inline constexpr std::size_t max_echoed_bytes = 120;

// `text` with every `quoted` span longer than `max_bytes` cut to its first characters
// (whole UTF-8 characters) and "…". Returns `text` itself when nothing is cut; otherwise a view
// of `storage`.
std::string_view cap_quoted(std::string_view text, std::string& storage, std::size_t max_bytes = max_echoed_bytes);

}  // namespace warrant
