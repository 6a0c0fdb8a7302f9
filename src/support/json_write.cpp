#include "support/json_write.hpp"

#include "support/json_scan.hpp"

namespace warrant::json {

namespace {

void append_escape(std::string& out, char c) {
    static constexpr char hex[] = "0123456789abcdef";
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out.push_back(hex[(c >> 4) & 0xF]);
            out.push_back(hex[c & 0xF]);
    }
}

}  // namespace

// Appends whole runs of characters that need no escape: most names have none at all.
void append_string(std::string& out, std::string_view text) {
    out.push_back('"');
    std::size_t run = 0;  // start of the characters not yet appended
    while (true) {
        const std::size_t i = skip_plain(text, run, false);
        out.append(text.data() + run, i - run);
        if (i == text.size()) break;
        append_escape(out, text[i]);
        run = i + 1;
    }
    out.push_back('"');
}

}  // namespace warrant::json
