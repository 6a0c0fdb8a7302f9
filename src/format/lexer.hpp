// The formatter's view of a policy: a flat list of tokens, each knowing how many line ends
// came before it. It knows nothing of the grammar; the parser has already checked the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace warrant::format {

struct Token {
    enum class Kind : std::uint8_t {
        Word,     // a keyword, name, clause id, number or date
        String,   // a quoted string, quotes and escapes as written
        Punct,    // { } ( ) , and the comparisons >= <= > < =
        Comment,  // from `#` to the end of the line, without trailing white space
    };
    Kind kind = Kind::Word;
    std::string_view text;
    std::uint32_t offset = 0;          // byte offset in the source
    std::uint32_t newlines_before = 0; // line ends since the previous token (or the file start)
};

struct LexResult {
    std::vector<Token> tokens;
    // Set when some byte is none of the above (only possible for text the parser rejects).
    std::optional<std::uint32_t> error_at;
};

// Splits `text` (after any UTF-8 byte-order mark) into tokens. Comments are tokens too.
LexResult lex(std::string_view text);

}  // namespace warrant::format
