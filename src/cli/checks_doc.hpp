// The pages of docs/checks.md, built into the binary (see cmake/embed_text.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace warrant {

// The whole of docs/checks.md.
std::string_view checks_doc();

// The page of one code: from its `### CODE Name` heading to the next heading, trimmed;
// nullopt when the docs have no such page.
std::optional<std::string_view> checks_doc_page(std::string_view code);

}  // namespace warrant
