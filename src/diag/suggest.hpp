// "Did you mean ...?": the declared names nearest to a misspelt one.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace warrant {

// Levenshtein distance over bytes, stopping early once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidates within a plausible distance of `word` (ignoring case), nearest first.
std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// nearest_names for many look-ups in one fixed list (a batch's unknown models among 100,000):
// the candidates lower-cased once and grouped by length, each with a digest of its bytes that
// rules out most candidates before any distance is computed; once `limit` names are found, only
// candidates as near as the farthest of them are tried. Gives exactly what
// nearest_names(word, candidates, limit) gives; a look-up allocates only its answer.
//
// The same misspelt names recur in a batch (a model not yet in the policy, claimed again and
// again): the last answers are remembered, at most `remembered` of them, shared by the threads.
class NameIndex {
public:
    explicit NameIndex(const std::vector<std::string>& candidates);
    std::vector<std::string> nearest(std::string_view word, std::size_t limit = 3) const;
    std::size_t size() const { return candidates_.size(); }
    static constexpr std::size_t remembered = 256;

private:
    std::vector<std::string> search(std::string_view key, std::size_t limit) const;

    struct Entry {
        std::uint32_t candidate;                 // index in candidates_
        std::uint32_t offset;                    // of its lower-cased key in lowered_
        std::array<std::uint8_t, 16> digest;     // byte counts by bucket, saturated
    };
    std::vector<std::string> candidates_;
    std::string lowered_;
    std::vector<Entry> entries_;           // by key length, then candidate
    std::vector<std::uint32_t> by_length_;  // entries_ of key length n: [by_length_[n], by_length_[n + 1])
    mutable std::mutex answers_mutex_;
    mutable std::unordered_map<std::string, std::vector<std::string>> answers_;  // by limit, then key
};

// "did you mean `a`?" / "did you mean `a` or `b`?", or "" when there is nothing to suggest.
std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace warrant
