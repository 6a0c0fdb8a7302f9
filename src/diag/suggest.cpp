#include "diag/suggest.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace warrant {

namespace {

// ASCII lower case, as std::tolower in the "C" locale, as a table: a look-up per byte compared,
// instead of a lower-cased copy of every candidate.
constexpr std::array<unsigned char, 256> lower_table = [] {
    std::array<unsigned char, 256> t{};
    for (std::size_t c = 0; c < t.size(); ++c) t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return t;
}();

unsigned char lower(char c) { return lower_table[static_cast<unsigned char>(c)]; }

// Levenshtein distance over bytes, comparing `b` in lower case when `fold_b`, with a row that
// lives as long as the thread, so that a call allocates nothing once the row is long enough.
template <bool fold_b>
std::size_t distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
    // The inner loop runs over the shorter string; the outer loop compares bytes of the longer.
    const bool swapped = a.size() > b.size();
    const std::string_view inner = swapped ? b : a;
    const std::string_view outer = swapped ? a : b;
    thread_local std::vector<std::size_t> row;
    if (row.size() < inner.size() + 1) row.resize(inner.size() + 1);
    for (std::size_t i = 0; i <= inner.size(); ++i) row[i] = i;
    for (std::size_t j = 1; j <= outer.size(); ++j) {
        std::size_t diagonal = row[0];
        row[0] = j;
        std::size_t best = row[0];
        const unsigned char oc = fold_b && !swapped ? lower(outer[j - 1]) : static_cast<unsigned char>(outer[j - 1]);
        for (std::size_t i = 1; i <= inner.size(); ++i) {
            const std::size_t up = row[i];
            const unsigned char ic = fold_b && swapped ? lower(inner[i - 1]) : static_cast<unsigned char>(inner[i - 1]);
            row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (ic == oc ? 0 : 1)});
            diagonal = up;
            best = std::min(best, row[i]);
        }
        if (best > limit) return limit + 1;
    }
    return row[inner.size()];
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    return distance<false>(a, b, limit);
}

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
    std::string key(word);
    for (char& c : key) c = static_cast<char>(lower(c));
    const std::size_t threshold = std::max<std::size_t>(2, key.size() / 3);
    // How often each byte occurs in the key. A candidate needs at least as many edits as it has
    // bytes the key lacks (and the other way round): most candidates are ruled out by that count
    // before any distance is computed.
    std::array<std::int32_t, 256> count{};
    for (const char c : key) ++count[static_cast<unsigned char>(c)];
    std::vector<std::pair<std::size_t, std::size_t>> scored;  // (distance, candidate)
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const std::string_view candidate = candidates[k];
        if (candidate.size() > key.size() + threshold || key.size() > candidate.size() + threshold) continue;
        std::size_t surplus = 0;  // bytes of the candidate beyond the key's
        for (const char c : candidate) surplus += --count[lower(c)] < 0 ? 1 : 0;
        for (const char c : candidate) ++count[lower(c)];
        const std::size_t missing = key.size() + surplus - candidate.size();  // bytes of the key it lacks
        if (std::max(surplus, missing) > threshold) continue;
        const std::size_t d = distance<true>(key, candidate, threshold);
        if (d <= threshold) scored.emplace_back(d, k);
    }
    std::sort(scored.begin(), scored.end());  // nearest first, in candidate order among equals
    std::vector<std::string> out;
    for (const auto& [d, k] : scored) {
        if (out.size() == limit) break;
        if (std::find(out.begin(), out.end(), candidates[k]) == out.end()) out.push_back(candidates[k]);
    }
    return out;
}

namespace {

// Bytes spread over 16 buckets (letters, digits and symbols mixed): counts per bucket bound the
// byte counts' difference from below, so the bound stays a valid lower bound of the distance.
constexpr std::array<std::uint8_t, 256> bucket_table = [] {
    std::array<std::uint8_t, 256> t{};
    for (std::size_t c = 0; c < t.size(); ++c) t[c] = static_cast<std::uint8_t>((c * 0x9Du ^ (c >> 3)) & 15u);
    return t;
}();

std::array<std::uint8_t, 16> digest_of(std::string_view lowered) {
    std::array<std::uint8_t, 16> d{};
    for (const char c : lowered) {
        std::uint8_t& n = d[bucket_table[static_cast<unsigned char>(c)]];
        if (n < 255) ++n;
    }
    return d;
}

// max(bytes of a beyond b's, bytes of b beyond a's), by buckets: at most the edit distance.
std::size_t digest_bound(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b) {
    unsigned over = 0, under = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        over += a[i] > b[i] ? static_cast<unsigned>(a[i] - b[i]) : 0u;
        under += b[i] > a[i] ? static_cast<unsigned>(b[i] - a[i]) : 0u;
    }
    return std::max(over, under);
}

}  // namespace

NameIndex::NameIndex(const std::vector<std::string>& candidates) : candidates_(candidates) {
    std::size_t longest = 0, total = 0;
    for (const std::string& c : candidates_) {
        longest = std::max(longest, c.size());
        total += c.size();
    }
    lowered_.reserve(total);
    entries_.reserve(candidates_.size());
    for (std::size_t k = 0; k < candidates_.size(); ++k) {
        const auto offset = static_cast<std::uint32_t>(lowered_.size());
        for (const char c : candidates_[k]) lowered_.push_back(static_cast<char>(lower(c)));
        entries_.push_back({static_cast<std::uint32_t>(k), offset,
                            digest_of(std::string_view(lowered_).substr(offset, candidates_[k].size()))});
    }
    std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
        return candidates_[a.candidate].size() < candidates_[b.candidate].size();
    });
    by_length_.assign(longest + 2, 0);
    for (const Entry& e : entries_) ++by_length_[candidates_[e.candidate].size() + 1];
    for (std::size_t n = 1; n < by_length_.size(); ++n) by_length_[n] += by_length_[n - 1];
}

std::vector<std::string> NameIndex::nearest(std::string_view word, std::size_t limit) const {
    thread_local std::string key;
    key.clear();
    key.append(reinterpret_cast<const char*>(&limit), sizeof limit);  // the answer's limit, then the word
    for (const char c : word) key.push_back(static_cast<char>(lower(c)));
    {
        const std::lock_guard<std::mutex> lock(answers_mutex_);
        if (const auto it = answers_.find(key); it != answers_.end()) return it->second;
    }
    std::vector<std::string> out = search(std::string_view(key).substr(sizeof limit), limit);
    const std::lock_guard<std::mutex> lock(answers_mutex_);
    if (answers_.size() >= remembered) answers_.clear();  // bounded; the next names refill it
    answers_.emplace(key, out);
    return out;
}

std::vector<std::string> NameIndex::search(std::string_view key, std::size_t limit) const {
    if (limit == 0) return {};
    const std::array<std::uint8_t, 16> digest = digest_of(key);
    const std::size_t longest = by_length_.size() - 2;
    // The `limit` nearest distinct names so far, by (distance, candidate). Once there are
    // `limit` of them, a candidate farther than the last cannot be suggested: the bound shrinks
    // to its distance, and lengths are tried nearest to the key's first, so that it shrinks early.
    thread_local std::vector<std::pair<std::size_t, std::uint32_t>> best;
    best.clear();
    std::size_t bound = std::max<std::size_t>(2, key.size() / 3);
    const auto consider = [&](std::size_t d, std::uint32_t k) {
        const std::pair<std::size_t, std::uint32_t> entry{d, k};
        const auto same = std::find_if(best.begin(), best.end(), [&](const auto& b) { return candidates_[b.second] == candidates_[k]; });
        if (same != best.end()) {  // a duplicate name: it stands where its first candidate would
            if (entry < *same) *same = entry;
        } else {
            best.push_back(entry);
        }
        std::sort(best.begin(), best.end());
        if (best.size() > limit) best.pop_back();
        if (best.size() == limit) bound = std::min(bound, best.back().first);
    };
    const auto try_length = [&](std::size_t n) {
        for (std::uint32_t i = by_length_[n]; i < by_length_[n + 1]; ++i) {
            const Entry& e = entries_[i];
            if (digest_bound(digest, e.digest) > bound) continue;
            const std::string_view candidate(lowered_.data() + e.offset, n);
            const std::size_t d = distance<false>(key, candidate, bound);
            if (d <= bound) consider(d, e.candidate);
        }
    };
    for (std::size_t gap = 0; gap <= bound; ++gap) {
        if (key.size() + gap <= longest) try_length(key.size() + gap);
        if (gap > 0 && gap <= key.size() && key.size() - gap <= longest) try_length(key.size() - gap);
    }
    std::vector<std::string> out;
    out.reserve(best.size());
    for (const auto& b : best) out.push_back(candidates_[b.second]);
    return out;
}

std::string did_you_mean(const std::vector<std::string>& names) {
    if (names.empty()) return {};
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) list += i + 1 == names.size() ? " or " : ", ";
        list += fmt::format("`{}`", names[i]);
    }
    return fmt::format("did you mean {}?", list);
}

}  // namespace warrant
