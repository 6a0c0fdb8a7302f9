#include "lint/name_tokens.hpp"

#include "support/utf8.hpp"

namespace warrant::checks {

namespace {

TokenKind kind_of(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return TokenKind::Letters;
    if (c >= '0' && c <= '9') return TokenKind::Digits;
    return TokenKind::Other;
}


}  // namespace

std::vector<NameToken> tokenize_name(std::string_view name) {
    std::vector<NameToken> tokens;
    tokenize_name(name, tokens);
    return tokens;
}

void tokenize_name(std::string_view name, std::vector<NameToken>& tokens) {
    const std::size_t first = tokens.size();
    bool separated = false;
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t start = i;
        char32_t c = utf8::decode(name, i);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms, as look-ups fold them
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == 0x3000 || c == '\n' || c == '\r') {
            separated = true;
            continue;
        }
        const TokenKind kind = kind_of(c);
        if (tokens.size() == first || separated || tokens.back().kind != kind) {
            tokens.push_back({{}, {}, kind, separated && tokens.size() > first, start});
        }
        separated = false;
        NameToken& token = tokens.back();
        token.raw = name.substr(token.begin, i - token.begin);
        if (kind == TokenKind::Letters) {
            token.text.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
        } else {
            utf8::append(token.text, c);
        }
    }
}

DeclaredNames declared_names(const Context& cx) {
    DeclaredNames out;
    out.spellings.reserve(cx.graph.models.size() * 2);
    out.name_of.reserve(cx.graph.models.size());
    Index model = 0;
    // Resolution ran without errors, so every declared model is in the graph, in this order.
    for (const ast::SeriesDecl& series : cx.module.series) {
        for (const ast::ModelDecl& decl : series.models) {
            out.name_of.push_back(static_cast<std::uint32_t>(out.spellings.size()));
            out.spellings.push_back({model, decl.name.value, decl.name.span, false});
            if (!decl.aliases.empty()) {
                const std::string own = normalize_model_name(decl.name.value);
                for (const ast::Text& alias : decl.aliases) {
                    if (normalize_model_name(alias.value) != own) out.spellings.push_back({model, alias.value, alias.span, true});
                }
            }
            ++model;
        }
    }
    out.token_store.reserve(out.spellings.size() * 4);
    out.token_begin.reserve(out.spellings.size() + 1);
    for (const Spelling& s : out.spellings) {
        out.token_begin.push_back(static_cast<std::uint32_t>(out.token_store.size()));
        tokenize_name(s.text, out.token_store);
    }
    out.token_begin.push_back(static_cast<std::uint32_t>(out.token_store.size()));
    return out;
}

}  // namespace warrant::checks
