// The checks and look-ups that must stay near-linear on large catalogues give the same results
// as the plain all-pairs definitions they replace: W4101 look-alike names, and the nearest names
// suggested for a misspelling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/suggest.hpp"
#include "warrant/compile.hpp"
#include "warrant/render.hpp"

using namespace warrant;

namespace {

// Optimal string alignment distance, the definition W4101 uses.
std::size_t osa(const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

// Levenshtein distance, the definition suggestions use.
std::size_t levenshtein(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
    }
    return d[a.size()][b.size()];
}

std::string random_word(std::mt19937& rng, std::size_t length, const std::string& alphabet) {
    std::string w;
    for (std::size_t i = 0; i < length; ++i) w += alphabet[rng() % alphabet.size()];
    return w;
}

// One or two typing mistakes: a letter changed, added, dropped, or two neighbours swapped.
std::string misspell(std::mt19937& rng, std::string w, const std::string& alphabet) {
    const int edits = 1 + static_cast<int>(rng() % 2);
    for (int e = 0; e < edits && w.size() > 2; ++e) {
        const std::size_t at = rng() % (w.size() - 1);
        switch (rng() % 4) {
            case 0: w[at] = alphabet[rng() % alphabet.size()]; break;
            case 1: w.insert(w.begin() + static_cast<std::ptrdiff_t>(at), alphabet[rng() % alphabet.size()]); break;
            case 2: w.erase(w.begin() + static_cast<std::ptrdiff_t>(at)); break;
            default: std::swap(w[at], w[at + 1]); break;
        }
    }
    return w;
}

}  // namespace

TEST_CASE("near-linear: W4101 finds exactly the look-alikes an all-pairs comparison finds") {
    const std::string alphabet = GENERATE(as<std::string>{}, "ab", "abcd", "abcdefgh");
    std::mt19937 rng(static_cast<std::uint32_t>(alphabet.size() * 7919));
    // Short and long words, many a typo or two from another, so that the names of one group
    // (the same but for that word) meet in every way: by deletions, by pieces, and across both.
    std::vector<std::string> bases;
    for (std::size_t length : {3u, 4u, 5u, 6u, 7u, 8u, 9u, 12u, 15u, 16u, 17u, 18u, 19u, 22u, 40u}) {
        for (int k = 0; k < 3; ++k) bases.push_back(random_word(rng, length, alphabet));
    }
    std::vector<std::string> words;
    std::set<std::string> seen;
    for (int k = 0; k < 400; ++k) {
        const std::string& base = bases[rng() % bases.size()];
        std::string w = rng() % 4 == 0 ? base : misspell(rng, base, alphabet);
        if (w.size() >= 3 && seen.insert(w).second) words.push_back(w);
    }
    REQUIRE(words.size() > 100);

    std::string text = "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\nseries s {\n";
    for (const std::string& w : words) text += "    model \"Phone " + w + "\"\n";
    text += "}\n";
    const CompileResult r = compile(std::make_shared<const SourceFile>("many.policy", text));
    REQUIRE(r.ok());

    std::multiset<std::string> found;
    for (const Diagnostic& d : r.diagnostics) {
        if (d.code == Code::LookalikeNames) found.insert(d.message.substr(0, d.message.find(", the name")));
    }
    std::multiset<std::string> expected;
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (std::size_t j = i + 1; j < words.size(); ++j) {
            const std::size_t longer = std::max(words[i].size(), words[j].size());
            const std::size_t shorter = std::min(words[i].size(), words[j].size());
            if (longer - shorter > 2 || longer < 4) continue;
            if (osa(words[i], words[j]) > (longer >= 8 ? 2u : 1u)) continue;
            // Reported at the later name.
            expected.insert("`Phone " + words[j] + "` looks like `Phone " + words[i] + "`");
        }
    }
    CHECK(expected.size() > 50);
    CHECK(found == expected);
}

TEST_CASE("near-linear: suggestions are the nearest names ignoring case, nearest first, as defined") {
    std::mt19937 rng(20251204);
    const std::string alphabet = "abcXYZ 13";
    for (int round = 0; round < 50; ++round) {
        std::vector<std::string> candidates;
        for (int k = 0; k < 60; ++k) candidates.push_back(random_word(rng, 2 + rng() % 12, alphabet));
        candidates.push_back(candidates[rng() % candidates.size()]);  // a duplicate is suggested once
        const std::string word = rng() % 2 ? misspell(rng, candidates[rng() % candidates.size()], alphabet)
                                           : random_word(rng, 1 + rng() % 14, alphabet);
        // The definition: lower-case both, Levenshtein within max(2, length / 3), stable by distance.
        const auto lower = [](std::string s) {
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        const std::string key = lower(word);
        const std::size_t threshold = std::max<std::size_t>(2, key.size() / 3);
        std::vector<std::pair<std::size_t, std::string>> scored;
        for (const std::string& c : candidates) {
            const std::size_t d = levenshtein(key, lower(c));
            if (d <= threshold) scored.emplace_back(d, c);
        }
        std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        for (const std::size_t limit : {1u, 3u, 100u}) {
            std::vector<std::string> expected;
            for (const auto& [d, c] : scored) {
                if (expected.size() == limit) break;
                if (std::find(expected.begin(), expected.end(), c) == expected.end()) expected.push_back(c);
            }
            INFO("word `" << word << "`, limit " << limit);
            CHECK(nearest_names(word, candidates, limit) == expected);
        }
        const NameIndex index(candidates);
        for (const std::size_t limit : {1u, 3u, 100u}) {
            INFO("indexed: word `" << word << "`, limit " << limit);
            CHECK(index.nearest(word, limit) == nearest_names(word, candidates, limit));
        }
        for (const std::string& c : candidates) {
            const std::size_t d = levenshtein(word, c);
            CHECK(std::min<std::size_t>(edit_distance(word, c, 3), 4) == std::min<std::size_t>(d, 4));  // exact up to the limit
        }
    }
}

TEST_CASE("near-linear: the indexed look-up suggests what the plain one does on a large catalogue") {
    // Names of a generated catalogue, looked up misspelt, in other case, and unrelated.
    std::mt19937 rng(13);
    std::vector<std::string> candidates;
    for (int k = 0; k < 5000; ++k) {
        candidates.push_back("novas" + std::to_string(rng() % 1000) + "k" + std::to_string(rng() % 100) +
                             (rng() % 2 ? "pro" : "") + (rng() % 3 == 0 ? "5g" : ""));
    }
    candidates.push_back("");
    const NameIndex index(candidates);
    CHECK(index.size() == candidates.size());
    std::vector<std::string> words = {"", "x", "galaxys24", "iphone15", "NOVAS12K7PRO", "novas1k1", "xiaomi99"};
    for (int k = 0; k < 200; ++k) words.push_back(misspell(rng, candidates[rng() % candidates.size()], "abk0123456789"));
    for (const std::string& word : words) {
        for (const std::size_t limit : {1u, 3u, 6u}) {
            INFO("word `" << word << "`, limit " << limit);
            CHECK(index.nearest(word, limit) == nearest_names(word, candidates, limit));
        }
    }
    // Asked again, after more names than the index remembers, in another case: the same answers.
    REQUIRE(words.size() * 3 > NameIndex::remembered);
    for (const std::string& word : words) {
        std::string upper = word;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        INFO("word `" << upper << "`");
        CHECK(index.nearest(upper, 3) == nearest_names(word, candidates, 3));
        CHECK(index.nearest(word, 1) == nearest_names(word, candidates, 1));
    }
}

TEST_CASE("large reports: the JSON report streamed in pieces is the report as one string") {
    std::string text = "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\nseries s {\n";
    for (int k = 0; k < 3000; ++k) text += "    model \"Phone Alpha" + std::to_string(k) + "\" alias \"Phone Alpah " + std::to_string(k) + "\"\n";
    text += "}\n";
    text += "list l per c { \"Phone Alpha0\" }\n";  // a policy that tells models apart: W4112 for the others
    const CompileResult r = compile(std::make_shared<const SourceFile>("big \"report\".policy", text));
    REQUIRE(r.diagnostics.size() > 1000);  // well past one 64 KiB piece
    const std::vector<FileDiagnostics> files = {{r.file_name, r.source.get(), r.diagnostics}};
    std::ostringstream streamed;
    render_json(files, streamed);
    const std::string whole = render_json(files);
    CHECK(whole.size() > (256u << 10));
    CHECK(streamed.str() == whole);
}
