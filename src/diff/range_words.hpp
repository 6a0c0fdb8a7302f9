// Claim ranges in words: the boundary tests of a range as bounds after purchase and dates,
// with its days counted for the reference purchase date.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diff/analysis.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// The tests of `ds` that a cube over its key bits fixes, with their outcomes.
std::vector<DateLiteral> literals(const DateSpace& ds, std::uint64_t care, std::uint64_t value);

struct ClaimWords {
    std::string claims;
    std::optional<std::pair<std::int32_t, std::int32_t>> days;  // at the reference date; -1: no end
};

// "claims 731–912 days after purchase (more than 24 months and at most 30 months after
// purchase), no last repair within 30 days before, bought in the region, `same_fault` holds".
// Of a Verdict range: its dates, region of purchase and facts.
ClaimWords claim_words(const ClaimRange& range, Date reference, CalendarNote calendars);
// A test of a date fact the claim carries, in words: "`delivered_on` given", "`exchanged_on` >=
// 2024-06-30", "no `registered_on` within 30 days after purchase".
std::string date_fact_words(const DateLiteral& literal, CalendarNote calendars);
// The first and last purchase day that a range's comparisons of the purchase with fixed dates
// allow, when they bound it on both sides; and those days in words.
std::optional<std::pair<Date, Date>> purchase_span(const std::vector<DateLiteral>& lits);
std::string purchase_span_words(const std::pair<Date, Date>& span);

}  // namespace warrant::diff
