#include "support/echo.hpp"

namespace warrant {

std::string_view cap_quoted(std::string_view text, std::string& storage, std::size_t max_bytes) {
    if (text.size() <= max_bytes + 2) return text;  // no quoted span can be too long
    storage.clear();
    std::size_t copied = 0;  // text[0, copied) is in storage or needs no change
    std::size_t at = 0;
    bool cut = false;
    while (true) {
        const std::size_t open = text.find('`', at);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find('`', open + 1);
        if (close == std::string_view::npos) close = text.size();  // an unclosed quote: to the end
        if (close - open - 1 > max_bytes) {
            std::size_t keep = open + 1 + max_bytes;
            while (keep > open + 1 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
            storage.append(text.substr(copied, keep - copied));
            storage += "\u2026";
            copied = close;
            cut = true;
        }
        if (close >= text.size()) break;
        at = close + 1;
    }
    if (!cut) return text;
    storage.append(text.substr(copied));
    return storage;
}

}  // namespace warrant
