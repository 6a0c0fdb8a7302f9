// W4101: names of two different models that differ by a letter or two inside one word
// ("Phon 13" / "Phone 13"), which a reader takes for one model. Names that differ in a
// number or a suffix ("Phone 13" / "Phone 13T", "Tab F3" / "Tab F4") are different models
// by design and are not compared.
//
// Not quadratic: each name is filed once per word of it, under a hash of its other tokens, and
// sorted; only names identical but for that one word meet.
#include <algorithm>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "lint/checks.hpp"
#include "lint/name_tokens.hpp"

namespace warrant::checks {

namespace {

constexpr std::size_t min_word = 4;  // shorter words (Mi, Max, Mix) differ by design

std::size_t allowed_distance(std::size_t longer) { return longer >= 8 ? 2 : 1; }

// Edits between two short words, counting a swap of neighbours as one ("Pohne" / "Phone"):
// the optimal string alignment distance.
std::size_t typo_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> d((n + 1) * (m + 1));
    const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
    for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
    for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(n, m);
}

// One word of one spelling, filed under the hash of everything else in that spelling.
struct Entry {
    std::uint64_t key;
    std::uint32_t spelling;
    std::uint32_t token;
    const std::string* word;  // the token's text, in DeclaredNames
};

std::uint64_t mix(std::uint64_t h, std::string_view text) {
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;  // FNV-1a
    return (h ^ 0xff) * 0x100000001b3ull;  // a separator no text byte equals after the xor
}

// The key of token `i` of a name: the token count, the position, and every other token.
std::uint64_t key_without(std::span<const NameToken> tokens, std::size_t i) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ (tokens.size() * 0x9e3779b97f4a7c15ull) ^ (i + 1);
    for (std::size_t j = 0; j < tokens.size(); ++j) h = mix(h, j == i ? std::string_view() : std::string_view(tokens[j].text));
    return h;
}

// Whether two names are the same but for token `i` (hash keys can collide).
bool same_but(std::span<const NameToken> a, std::span<const NameToken> b, std::size_t i) {
    if (a.size() != b.size()) return false;
    for (std::size_t j = 0; j < a.size(); ++j) {
        if (j != i && a[j].text != b[j].text) return false;
    }
    return true;
}

void report(Context& cx, const Spelling& here, const Spelling& there, const NameToken& a, const NameToken& b,
            std::size_t distance) {
    const RuleGraph& g = cx.graph;
    const std::string& here_model = g.models[here.model].name;
    const std::string& there_model = g.models[there.model].name;
    const std::string what = here.is_alias ? fmt::format("alias `{}` of `{}`", here.text, here_model)
                                           : fmt::format("`{}`", here.text);
    const std::string other = there.is_alias ? fmt::format("an alias of `{}`", there_model)
                                             : std::string("the name of another model");
    const std::string fix = here.is_alias
                                ? fmt::format("if the alias means `{}`, move it to that model or remove it", there_model)
                                : fmt::format("if both name one model, make `{}` an alias of `{}`", here.text, there_model);
    auto& d = cx.diags.report(Code::LookalikeNames, here.span,
                              fmt::format("{} looks like `{}`, {}: `{}` and `{}` differ by {} letter{}", what,
                                          there.text, other, a.raw, b.raw, distance, distance == 1 ? "" : "s"));
    d.notes.push_back({there.span, "the look-alike name"});
    d.hint = fmt::format("{}; if they are two models, check both spellings against the source", fix);
}

}  // namespace

void check_lookalike_names(Context& cx, const DeclaredNames& names) {
    const std::vector<Spelling>& spellings = names.spellings;
    std::vector<Entry> entries;
    for (std::uint32_t s = 0; s < spellings.size(); ++s) {
        const std::span<const NameToken> tokens = names.tokens(s);
        for (std::uint32_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].kind != TokenKind::Letters || tokens[i].text.size() + 1 < min_word) continue;
            entries.push_back({key_without(tokens, i), s, i, &tokens[i].text});
        }
    }
    const auto word = [](const Entry& e) -> const std::string& { return *e.word; };
    // Grouped by key; within a group by word length, so only words close in length meet.
    std::sort(entries.begin(), entries.end(), [&](const Entry& x, const Entry& y) {
        if (x.key != y.key) return x.key < y.key;
        if (word(x).size() != word(y).size()) return word(x).size() < word(y).size();
        return x.spelling < y.spelling;
    });
    struct Found {
        std::uint32_t here, there;  // spellings: where to report, and the look-alike
        std::uint32_t here_token, there_token;
        std::size_t distance;
    };
    std::vector<Found> found;
    for (std::size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
        while (end < entries.size() && entries[end].key == entries[begin].key) ++end;
        for (std::size_t i = begin; i < end; ++i) {
            for (std::size_t j = i + 1; j < end; ++j) {
                const Entry& a = entries[i];
                const Entry& b = entries[j];
                const std::size_t longer = word(b).size();
                if (longer - word(a).size() > 2) break;  // sorted by length: the rest are further
                if (longer < min_word || word(a) == word(b) || a.token != b.token) continue;
                const Spelling& sa = spellings[a.spelling];
                const Spelling& sb = spellings[b.spelling];
                if (sa.model == sb.model || !same_but(names.tokens(a.spelling), names.tokens(b.spelling), a.token)) continue;
                const std::size_t distance = typo_distance(word(a), word(b));
                if (distance > allowed_distance(longer)) continue;
                // Reported at the alias when one is (aliases keep the source's odd spellings),
                // else at the later name.
                const bool at_a = sa.is_alias != sb.is_alias ? sa.is_alias : sa.span.begin > sb.span.begin;
                if (at_a) {
                    found.push_back({a.spelling, b.spelling, a.token, b.token, distance});
                } else {
                    found.push_back({b.spelling, a.spelling, b.token, a.token, distance});
                }
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
        return std::tie(x.here, x.there) < std::tie(y.here, y.there);
    });
    // One warning per pair of models, at the first place they meet.
    std::unordered_set<std::uint64_t> seen;
    for (const Found& f : found) {
        const Index ma = spellings[f.here].model, mb = spellings[f.there].model;
        const std::uint64_t pair = (std::uint64_t{std::min(ma, mb)} << 32) | std::max(ma, mb);
        if (!seen.insert(pair).second) continue;
        report(cx, spellings[f.here], spellings[f.there], names.tokens(f.here)[f.here_token],
               names.tokens(f.there)[f.there_token], f.distance);
    }
}

}  // namespace warrant::checks
