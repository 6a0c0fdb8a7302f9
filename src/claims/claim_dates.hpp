// The claim dates of one model and part, cut into cells that both versions decide alike.
//
// A decision reads the dates only through boundary tests: claimed on or before purchase + L
// (the period, `within L after purchase`), on or before an end-of-service date, on or before
// last repair + L, and on or before D + L for a date fact D the claim gives (`within L after
// D`, a period counted from D). The last repair and each date fact fall between the purchase
// and the claim, independently of one another, except that date facts compared with each other
// are tried together (date_comparisons.hpp). A cell is one combination of the tests' outcomes ("key"); every
// claim with that key, whatever its dates, is decided alike by both versions. Keys are found
// by sweeping the claim date across all boundaries for a set of purchase dates that reaches
// every order the boundaries can take (see sample_purchases in date_space.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "warrant/decide.hpp"
#include "warrant/diff.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::claims {

// One version's view of a model and part: its graph and indices.
struct Side {
    const RuleGraph* graph = nullptr;
    Index model = none;
    Index part = none;
};

struct DateSample {
    Date purchased;
    Date claimed;
    std::optional<Date> last_repair;
    std::vector<std::optional<Date>> dated{};  // per DateSpace::date_facts: the date given, if any
};

inline constexpr std::size_t max_date_tests = 64;
// The claims a date space may try (each date fact's days and their combinations counted): a
// bound on time, for spaces that dates compared and lengths composed make explode.
inline constexpr std::size_t max_date_work = 4'000'000;

struct DateSpace {
    std::vector<std::string> date_facts;  // the date facts both versions declare, by name
    std::vector<DateTest> tests;          // bit i of a key is tests[i]'s outcome
    std::vector<std::uint64_t> keys;      // every key some claim has, in the order found
    std::vector<DateSample> witnesses;    // per key: the first claim found with it
    std::vector<std::vector<DateSample>> samples;  // per key, every claim tried (self-check only)
    std::size_t work = 0;                           // the claims tried, as counted against max_work
    std::uint64_t key_of(const DateSample& sample) const;
    // The sample's date facts, as a query names them and as one version's claim holds them.
    void name_dates(const DateSample& sample, std::vector<std::pair<std::string, FactValue>>& facts) const;
    void put_dates(const DateSample& sample, const RuleGraph& graph, FactValues& values) const;
};

// The claim of `side`'s model and part with the sample's dates, bought in or outside the region,
// with these facts and values (the sample's date facts put into the values).
Claim sample_claim(const Side& side, const DateSpace& space, const DateSample& sample, bool outside, const FactBits& facts,
                   const FactValues& values);

// The lengths a version can count from a claim's purchase or last repair, for one model and part.
std::vector<DiffLength> lengths_from_purchase(const Side& side);
std::vector<DiffLength> lengths_from_repair(const RuleGraph& graph);
// Those counted from the date fact `fact` (a window after it, a period that runs from it).
std::vector<DiffLength> lengths_from_date(const Side& side, const std::string& fact);
DiffLength length_in(const RuleGraph& graph, Length length);

// Throws DiffLimit beyond max_date_tests tests, or when it would try more than max_work claims.
DateSpace build_date_space(const Side& before, const Side& after, Date reference, bool keep_samples,
                           std::size_t max_work = max_date_work);

}  // namespace warrant::claims
