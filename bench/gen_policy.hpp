// Synthetic policies for the compile benchmark: the shape of policies/xiaomi-hk.policy
// (policy, calendar, clauses, parts, services, outcomes, facts, series of models, general and
// differentiated periods, lists, end-of-service notices and the same nine rules), scaled to
// any number of models.
#pragma once

#include <cstddef>
#include <string>

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

}  // namespace warrant::bench
