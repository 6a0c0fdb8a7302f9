// Model names as the look-alike checks see them: the declared spellings, and each spelling cut
// into words, numbers and other runs ("Phone 12T Pro" -> phone 12 t pro).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/context.hpp"

namespace warrant::checks {

enum class TokenKind : unsigned char { Letters, Digits, Other };

struct NameToken {
    std::string text;           // ASCII letters lower-cased; full-width ASCII folded to ASCII
    std::string_view raw;       // as written: a view into the name, which must outlive it
    TokenKind kind = TokenKind::Other;
    bool after_separator = false;  // white space, '-' or '_' came before it
    std::size_t begin = 0;         // byte offset in the name
};

// Splits at white space (including U+3000), '-' and '_', and between runs of ASCII letters,
// digits and anything else. The second form appends to `out`.
std::vector<NameToken> tokenize_name(std::string_view name);
void tokenize_name(std::string_view name, std::vector<NameToken>& out);

// A declared name or alias and the model it names.
struct Spelling {
    Index model = none;
    std::string_view text;
    SourceSpan span;
    bool is_alias = false;
};

// Every model's name and aliases in declaration order (aliases equal to their model's own name
// once normalised are left out: W2104 reports them), cut into tokens once for all name checks.
struct DeclaredNames {
    std::vector<Spelling> spellings;
    std::vector<std::uint32_t> name_of;  // per model: the index of its declared name
    std::span<const NameToken> tokens(std::size_t spelling) const {
        return {token_store.data() + token_begin[spelling], token_store.data() + token_begin[spelling + 1]};
    }
    // Every spelling's tokens in one array (at 100,000 models, one allocation per name costs
    // more than all the checks): spelling s has [token_begin[s], token_begin[s + 1]).
    std::vector<NameToken> token_store;
    std::vector<std::uint32_t> token_begin;
};
DeclaredNames declared_names(const Context& cx);

}  // namespace warrant::checks
