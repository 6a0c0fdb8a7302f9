// Lays a Document out in the canonical layout (include/warrant/format.hpp) and prints it.
#pragma once

#include <string>

#include "format/document.hpp"

namespace warrant::format {

std::string print(const Document& document);

}  // namespace warrant::format
