// The tests a rule makes from the last repair (`claimed within L after last_repair`), and an
// index of which outcomes of them some repair day gives, per claim day.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "warrant/diff.hpp"

namespace warrant::claims {

// The tests from the last repair: whether there was one, and whether the claim is within each
// length after it. Keys use the bits from `first_bit` on.
class RepairTests {
public:
    RepairTests(std::vector<DiffLength> lengths, std::size_t first_bit);
    bool empty() const { return lengths_.empty(); }
    bool vary() const { return vary_; }
    // Beyond this many days after a repair, the claim passes none of the tests from it.
    std::int32_t reach() const { return reach_; }

    // The bits of a claim on `claimed` after a repair on `repaired`.
    std::uint64_t key(Date repaired, Date claimed) const;

    // Repair days in [earliest, claimed] that meet every outcome of the tests for this claim:
    // the ends of the range and the days around each length's threshold.
    std::vector<std::int32_t> candidates(Date claimed, std::int32_t earliest) const;

    // Claim days in [lo, hi] where the tests from a repair on `repaired` change outcome.
    std::vector<std::int32_t> claim_pieces(Date repaired, std::int32_t lo, std::int32_t hi) const;

private:
    std::vector<DiffLength> lengths_;
    std::size_t first_bit_;
    std::int32_t reach_ = 0;
    bool vary_ = false;
};

// For claims far enough after the purchase that it does not limit the repair date: per claim
// day, the outcomes of the tests from the repair that some repair day gives, with that day.
// Built once for every claim day any sampled purchase can reach.
class FarRepairs {
public:
    struct Hit {
        std::int32_t claimed, repaired;
        std::uint64_t key;
    };

    // Throws DiffLimit when the claim days needed are too many.
    FarRepairs(const RepairTests& tests, const std::vector<Date>& purchases, const std::vector<DiffLength>& cutting,
               const std::vector<Date>& ends);

    // For each outcome, the first claim day in [lo, hi] that has it.
    std::vector<Hit> between(std::int32_t lo, std::int32_t hi) const;

private:
    static constexpr std::size_t limit = 400000;
    std::map<std::uint64_t, std::vector<Hit>> by_key_;
};


}  // namespace warrant::claims
