// W4101: names of two different models that differ by a letter or two inside one word
// ("Phon 13" / "Phone 13"), which a reader takes for one model. Names that differ in a
// number or a suffix ("Phone 13" / "Phone 13T", "Tab F3" / "Tab F4") are different models
// by design and are not compared.
//
// Near-linear: each name is filed once per word of it, under a hash of its other tokens, and
// sorted; only names identical but for that one word meet. Where many names differ only in one
// word, the words are keyed again (by their deletions, or by their pieces when long), and only
// words sharing a key are compared.
#include <algorithm>
#include <span>
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


struct Found {
    std::uint32_t here, there;  // spellings: where to report, and the look-alike
    std::uint32_t here_token, there_token;
    std::size_t distance;
};

// Compares two entries of one group (the same name but for one word), and records a look-alike.
void consider(const DeclaredNames& names, const Entry& a, const Entry& b, std::vector<Found>& found) {
    const std::string& wa = *a.word;
    const std::string& wb = *b.word;
    const std::size_t longer = std::max(wa.size(), wb.size());
    const std::size_t shorter = std::min(wa.size(), wb.size());
    if (longer - shorter > 2 || longer < min_word || wa == wb || a.token != b.token) return;
    const Spelling& sa = names.spellings[a.spelling];
    const Spelling& sb = names.spellings[b.spelling];
    if (sa.model == sb.model || !same_but(names.tokens(a.spelling), names.tokens(b.spelling), a.token)) return;
    const std::size_t distance = typo_distance(wa, wb);
    if (distance > allowed_distance(longer)) return;
    // Reported at the alias when one is (aliases keep the source's odd spellings), else at the
    // later name.
    const bool at_a = sa.is_alias != sb.is_alias ? sa.is_alias : sa.span.begin > sb.span.begin;
    if (at_a) {
        found.push_back({a.spelling, b.spelling, a.token, b.token, distance});
    } else {
        found.push_back({b.spelling, a.spelling, b.token, a.token, distance});
    }
}

// Groups up to this size compare every pair of words close in length; larger ones use keys.
constexpr std::size_t small_group = 16;
// Words up to this length are keyed by their deletions, longer ones by their pieces; both kinds
// overlap by two letters, so a pair of words at most two letters apart in length always shares
// one kind.
constexpr std::size_t max_deletion_word = 18;
constexpr std::size_t min_piece_word = max_deletion_word - 3;
constexpr std::size_t pieces = 5;

// A key of one word of a group. Two words whose distance is within what `allowed_distance`
// permits always share a key of the same kind, one word offering it (`offers`) and the other
// looking for it, or both offering it for deletions; words that share none are never compared.
struct WordKey {
    std::uint64_t hash;
    std::uint32_t entry;  // index in the group
    bool offers;          // deletion keys and a word's own pieces offer; shifted pieces look
};

std::uint64_t hash_bytes(std::uint64_t h, std::string_view text) {
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

// Deletion keys: the word with up to `k` letters left out, k = 1 below 6 letters (its partner is
// under 8 letters, so one edit is all that is allowed), else 2. An edit (a letter changed, added,
// removed, or two neighbours swapped) is undone by leaving out at most one letter on each side,
// so words within k edits share a key.
void deletion_keys(std::string_view word, std::uint32_t entry, std::vector<WordKey>& keys) {
    const std::size_t k = word.size() < 6 ? 1 : 2;
    const std::uint64_t seed = 0xcbf29ce484222325ull ^ 0x51ed270b27d3c1a5ull;
    const auto add = [&](std::size_t skip1, std::size_t skip2) {
        std::uint64_t h = seed;
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (i != skip1 && i != skip2) h = (h ^ static_cast<unsigned char>(word[i])) * 0x100000001b3ull;
        }
        keys.push_back({h ^ (word.size() - (skip1 < word.size()) - (skip2 < word.size())), entry, true});
    };
    const std::size_t n = word.size();
    add(n, n);
    for (std::size_t i = 0; i < n; ++i) {
        add(i, n);
        if (k == 2) {
            for (std::size_t j = i + 1; j < n; ++j) add(i, j);
        }
    }
}

// Piece keys, for long words (two edits allowed): a word of n letters is cut into five pieces
// of fixed places. Two edits touch at most four pieces (a swap of neighbours may touch two),
// so one piece of the word is found unchanged in its partner, moved by at most two letters.
// A word offers its own five pieces and looks for the pieces a partner of each length n - 2 to
// n + 2 would have, at each shift from -2 to 2.
std::size_t piece_begin(std::size_t n, std::size_t p) { return n * p / pieces; }

std::uint64_t piece_hash(std::size_t n, std::size_t p, std::string_view piece) {
    return hash_bytes(0x84222325cbf29ce4ull ^ (n * 0x9e3779b97f4a7c15ull) ^ (p + 1) * 0xbf58476d1ce4e5b9ull, piece);
}

void piece_keys(std::string_view word, std::uint32_t entry, std::vector<WordKey>& keys) {
    const std::size_t m = word.size();
    for (std::size_t p = 0; p < pieces; ++p) {
        const std::size_t b = piece_begin(m, p);
        keys.push_back({piece_hash(m, p, word.substr(b, piece_begin(m, p + 1) - b)), entry, true});
    }
    for (std::size_t n = m - 2; n <= m + 2; ++n) {
        for (std::size_t p = 0; p < pieces; ++p) {
            const std::size_t b = piece_begin(n, p), len = piece_begin(n, p + 1) - b;
            for (int shift = -2; shift <= 2; ++shift) {
                const auto at = static_cast<std::ptrdiff_t>(b) + shift;
                if (at < 0 || static_cast<std::size_t>(at) + len > m) continue;
                keys.push_back({piece_hash(n, p, word.substr(static_cast<std::size_t>(at), len)), entry, false});
            }
        }
    }
}

// The pairs (i < j) of a group's entries that share a key: a superset of the look-alikes, each
// pair once. Linear in the group's words but for pairs that truly share a key.
void candidate_pairs(std::span<const Entry> group, std::vector<WordKey>& keys,
                     std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
    pairs.clear();
    for (const bool long_words : {false, true}) {
        keys.clear();
        for (std::uint32_t e = 0; e < group.size(); ++e) {
            const std::string_view word = *group[e].word;
            if (!long_words && word.size() <= max_deletion_word) deletion_keys(word, e, keys);
            if (long_words && word.size() >= min_piece_word) piece_keys(word, e, keys);
        }
        std::sort(keys.begin(), keys.end(), [](const WordKey& x, const WordKey& y) {
            return std::tie(x.hash, x.offers, x.entry) < std::tie(y.hash, y.offers, y.entry);
        });
        for (std::size_t begin = 0, end = 0; begin < keys.size(); begin = end) {
            while (end < keys.size() && keys[end].hash == keys[begin].hash) ++end;
            // Sorted: those looking for the key come first, then those offering it. Deletion
            // keys all offer and meet each other; pieces meet the shifted pieces that look.
            std::size_t offer = begin;
            while (offer < end && !keys[offer].offers) ++offer;
            for (std::size_t i = long_words ? begin : offer; i < (long_words ? offer : end); ++i) {
                for (std::size_t j = long_words ? offer : i + 1; j < end; ++j) {
                    const std::uint32_t x = keys[i].entry, y = keys[j].entry;
                    if (x != y) pairs.emplace_back(std::min(x, y), std::max(x, y));
                }
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
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
    // Grouped by key; within a group by word length, so only words close in length meet.
    std::sort(entries.begin(), entries.end(), [&](const Entry& x, const Entry& y) {
        if (x.key != y.key) return x.key < y.key;
        if (x.word->size() != y.word->size()) return x.word->size() < y.word->size();
        return x.spelling < y.spelling;
    });
    std::vector<Found> found;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
    std::vector<WordKey> keys;
    for (std::size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
        while (end < entries.size() && entries[end].key == entries[begin].key) ++end;
        const std::span<const Entry> group(entries.data() + begin, end - begin);
        if (group.size() <= small_group) {
            // Few names differ in this word: every pair close in length.
            for (std::uint32_t i = 0; i < group.size(); ++i) {
                for (std::uint32_t j = i + 1; j < group.size(); ++j) {
                    if (group[j].word->size() - group[i].word->size() > 2) break;  // sorted by length
                    consider(names, group[i], group[j], found);
                }
            }
        } else {
            // Many names differ only in this word (a catalogue of `Nova Alpha`, `Nova Bravo`...):
            // only words sharing a key meet (see candidate_pairs).
            candidate_pairs(group, keys, candidates);
            for (const auto& [i, j] : candidates) consider(names, group[i], group[j], found);
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
