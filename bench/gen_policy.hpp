// Synthetic policies for the compile benchmark: the shape of policies/xiaomi-hk.policy
// (policy, calendar, clauses, parts, services, outcomes, facts, series of models, general and
// differentiated periods, lists, end-of-service notices and the same nine rules), scaled to
// any number of models.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace warrant::bench {

struct GeneratedPolicy {
    std::string text;
    std::size_t models = 0;
    std::size_t series = 0;
    std::size_t differentiated_models = 0;  // models named by a `period ... for "..."`
    std::size_t periods = 0;
    std::size_t listed_models = 0;          // entries of the two lists
    std::size_t ended_models = 0;           // entries of the end_of_service blocks
    std::size_t notices = 0;
    std::size_t respelled_refs = 0;         // references spelt unlike the declaration (W2101)
};

// Deterministic: the same `models` always gives the same text.
GeneratedPolicy generate_policy(std::size_t models);

// The realistic catalogue: the HK policy (`hk_text`) without its invariants, plus `models`
// models named like `Nova S17 K42 Pro+ 5G` in one series. For each model and each of the five
// parts, with probability 0.3 its own period of 3, 6, 12, 18, 24 or 36 months; with probability
// 0.4 an end-of-service date uniform over 2019-01-01..2028-12-31 (notices grouped by date, in
// random order among the HK ones); with probability 0.1 on the international list.
// Deterministic for a given `seed`. `changed` > 0 makes a second version for `warrant diff`:
// that fraction of the models (chosen by their own stream of random numbers, so the rest stays
// byte for byte the same) gets a different main-unit period.
GeneratedPolicy generate_realistic(std::string_view hk_text, std::size_t models, std::uint64_t seed = 13,
                                   double changed = 0.0);

}  // namespace warrant::bench
