// A lexer for the formatter, following the token rules of grammar/policy.peg: words are
// maximal runs of [A-Za-z0-9_.-] (names, clause ids, integers and dates alike), strings run to
// the closing quote with `\` escaping one character, comments to the end of the line.
#include "format/lexer.hpp"

namespace warrant::format {

namespace {

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

// Length of the punctuation token at `i`, or 0.
std::size_t punct_length(std::string_view text, std::size_t i) {
    switch (text[i]) {
        case '{': case '}': case '(': case ')': case '[': case ']': case ',': case '=':
            return 1;
        case '>': case '<':
            return i + 1 < text.size() && text[i + 1] == '=' ? 2 : 1;
        default:
            return 0;
    }
}

}  // namespace

LexResult lex(std::string_view text) {
    LexResult result;
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::uint32_t newlines = 0;
    const auto push = [&](Token::Kind kind, std::size_t begin, std::size_t end) {
        result.tokens.push_back({kind, text.substr(begin, end - begin), static_cast<std::uint32_t>(begin), newlines});
        newlines = 0;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') {
            ++newlines;
            ++i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (c == '#') {
            std::size_t end = text.find('\n', i);
            if (end == std::string_view::npos) end = text.size();
            std::size_t last = end;
            while (last > i && (text[last - 1] == ' ' || text[last - 1] == '\t' || text[last - 1] == '\r')) --last;
            push(Token::Kind::Comment, i, last);
            i = end;
        } else if (c == '"') {
            std::size_t end = i + 1;
            while (end < text.size() && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
            if (end >= text.size() || text[end] != '"') {
                result.error_at = static_cast<std::uint32_t>(i);
                return result;
            }
            push(Token::Kind::String, i, end + 1);
            i = end + 1;
        } else if (is_word_char(c)) {
            std::size_t end = i;
            while (end < text.size() && is_word_char(text[end])) ++end;
            push(Token::Kind::Word, i, end);
            i = end;
        } else if (const std::size_t n = punct_length(text, i); n > 0) {
            push(Token::Kind::Punct, i, i + n);
            i += n;
        } else {
            result.error_at = static_cast<std::uint32_t>(i);
            return result;
        }
    }
    return result;
}

}  // namespace warrant::format
