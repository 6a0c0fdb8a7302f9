// Writing JSON text: string escaping shared by every JSON, SARIF and JSON Lines output.
#pragma once

#include <string>
#include <string_view>

namespace warrant::json {

// Appends `text` as a JSON string literal, quotes included. Invalid UTF-8 never reaches here:
// sources are validated on reading and query input is validated by the reader.
void append_string(std::string& out, std::string_view text);

inline std::string quote(std::string_view text) {
    std::string out;
    append_string(out, text);
    return out;
}

}  // namespace warrant::json
