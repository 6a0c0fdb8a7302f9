// The conditions that compare a claim's dates with each other or with a calendar date
// (`purchased >= 2025-01-01`, `claimed < 2026-01-01`, `DATE_FACT >= 2025-01-01`,
// `DATE_FACT < claimed`, `DATE_FACT < OTHER_DATE_FACT`, `DATE_FACT within 7 days after
// purchase`): their tests in a date space, and the days where their outcomes change, so that the
// space cuts and samples there.
//
// A date fact falls between the purchase and the claim. Every test on it has a threshold on
// that axis: a calendar date, the purchase, the claim, or a length after the purchase. Between
// two thresholds its outcomes are alike, so trying the days around each threshold finds every
// outcome a claim can have; and a claim day changes which of them are reachable only where it
// meets a threshold, or a length counted from a date fact reaches past one (cut there too).
//
// Two date facts compared with each other ("linked") are not independent: which of them comes
// first matters as well as where each falls. Between two thresholds of any linked fact their
// tests are alike, so what a claim can reach there is only how many distinct days it offers,
// up to one per linked fact: linked facts try the days around every linked fact's thresholds,
// widened by one, in every combination, and claims are also cut where such a stretch grows by
// a day, up to as many days as there are linked facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "claims/claim_dates.hpp"

namespace warrant::claims {

class DateComparisons {
public:
    // One comparison (or a date fact within a length after the purchase), as `bit` of a key.
    struct Operand {
        enum class Source : std::uint8_t { Purchased, Claimed, Fact, Fixed } source{};
        std::size_t fact = 0;  // Fact: index into the space's date facts
        Date fixed{};
    };
    struct Test {
        std::size_t bit = 0;
        Operand left, right;
        Comparison comparison = Comparison::Equal;
        std::optional<DiffLength> within;  // a date fact within this length after the purchase
    };
    // Adds the tests both versions make to `space.tests`, after the date facts' own tests.
    // `fact_lengths[i]`: the lengths counted from space.date_facts[i]. The forms it does not
    // model (unmodelled_claim_values) are left out: callers decline them first. Throws DiffLimit
    // when more than max_linked date facts are compared with each other.
    DateComparisons(const Side& before, const Side& after, DateSpace& space,
                    std::vector<std::vector<DiffLength>> fact_lengths);

    bool empty() const { return tests_.empty(); }
    // Purchase days around which a test's outcomes change (a calendar date a purchase or a
    // date fact is compared with).
    std::vector<Date> purchase_thresholds() const;
    // Claim days D such that claims on or before D and after it can differ, whatever the purchase.
    std::vector<Date> claim_bounds() const;
    // Lengths after the purchase that cut the claim axis (a date fact within them).
    std::vector<DiffLength> purchase_lengths() const;
    // Whether the purchases must be walked over whole calendar cycles: a length counted from a
    // date fact that is itself bounded by a length from the purchase.
    bool composed() const { return composed_; }
    // The claim days after a purchase on `p` from which other outcomes are reachable.
    void claim_cuts(Date p, std::vector<std::int32_t>& out) const;

    // The bits of the tests that read no date fact (alike for every claim of a cell).
    std::uint64_t plain_bits(const DateSample& s) const;
    // The bits of the tests on date fact `fact` alone when the claim gives it as `on`.
    std::uint64_t fact_bits(std::size_t fact, Date on, const DateSample& s) const;
    // Days date fact `fact` may fall on (within [purchase, claim]) to meet every outcome of the
    // tests on it alone.
    void fact_candidates(std::size_t fact, const DateSample& s, std::vector<std::int32_t>& out) const;

    // Whether date fact `fact` is compared with another date fact; the most such facts a space
    // compares exactly.
    bool linked(std::size_t fact) const { return fact < linked_.size() && linked_[fact]; }
    bool any_linked() const { return linked_count_ > 0; }
    static constexpr std::size_t max_linked = 4;
    // The bits of the tests that compare two date facts, for the dates `s` gives.
    std::uint64_t pair_bits(const DateSample& s) const;

private:
    void add(const Side& side, DateSpace& space);
    static bool holds(const Test& t, const DateSample& s, std::optional<Date> on);

    std::vector<Test> tests_;
    std::vector<std::vector<DiffLength>> fact_lengths_;
    std::vector<bool> linked_;  // per date fact of the space
    std::size_t linked_count_ = 0;
    bool composed_ = false;
    // Days after `x` that a claim must reach for a stretch starting at `x` to offer each linked
    // fact a day of its own: 0 when no facts are linked.
    std::int32_t stretch() const { return linked_count_ > 1 ? static_cast<std::int32_t>(linked_count_) - 1 : 0; }
};

}  // namespace warrant::claims
