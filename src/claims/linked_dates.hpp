// Date facts compared with each other ("linked"): the outcomes they can reach together in one
// claim. Each fact's own tests (against the purchase, the claim, calendar dates, lengths from it)
// cut the days of [purchase, claim] into stretches; the comparisons between linked facts then
// depend only on their order. So one day per own outcome and order is enough, and two linked
// facts need only, per pair of own outcomes, the first and last day each has and a day they share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "warrant/date.hpp"

namespace warrant::claims {

struct LinkedChoice {
    std::vector<std::optional<Date>> days;  // per linked fact: the day given, or not given
    std::uint64_t bits = 0;                 // their own tests' outcomes and their comparisons'
};

struct LinkedFacts {
    // Per linked fact: whether a claim must give it, and its own tests' outcomes on each of
    // `days` (the candidate days, ascending, shared by every linked fact).
    std::vector<bool> required;
    std::vector<std::vector<std::uint64_t>> own;
    std::vector<std::int32_t> days;
};

// The outcomes every combination of the linked facts' days can reach, one choice per outcome.
// `compare` gives the bits of the comparisons between them for one combination; `work` counts
// the combinations tried.
void linked_choices(const LinkedFacts& facts,
                    const std::function<std::uint64_t(const std::vector<std::optional<Date>>&)>& compare,
                    std::vector<LinkedChoice>& out, std::size_t& work);

}  // namespace warrant::claims
