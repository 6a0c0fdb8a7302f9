// How every output format arranges a report: ranges grouped under a heading per model set and
// part, changes split into those of meaning and those of wording only.
#pragma once

#include <string>
#include <vector>

#include "warrant/diff.hpp"

namespace warrant::diff {

struct RangeSection {
    std::string heading;  // "Phone 15 and Phone 15 Pro · battery"
    std::vector<std::string> models;
    std::string part;
    std::vector<const ClaimRange*> ranges;
};

// In the order first met; `full`: headings name every model. `ranges`: a policy's answer
// ranges, or its reason ranges.
std::vector<RangeSection> range_sections(const std::vector<ClaimRange>& ranges, bool full = false);
// "verdict repair → no_cover: Alpha 1 and Alpha 2 · device, 3.1% of their claims (2 ranges)".
std::string finding_text(const Finding& f, bool full);
std::string finding_models(const Finding& f, bool full);
std::string finding_kind(ClaimRange::Kind kind);  // "verdict ", "warranty ", ""  // "Alpha 1 and Alpha 2 · device, battery"
std::string share_text(const Finding& f);                  // "3.1% of their claims", or ""
inline constexpr const char* share_note =
    "shares are of the claims of the models and parts named: purchases on each of 365 days from the reference date, "
    "claims up to 1095 days after, no last repair, no fact named, bought in the region";
std::vector<const Change*> changes_of(const PolicyDiff& policy, bool wording);

std::string days_note(const PolicyDiff& policy);
// What reason ranges are, in a sentence, for the heading of their section.
inline constexpr const char* reasons_note =
    "claims answered alike in verdict, warranty end and services that cite other clauses; a clause renamed with the same "
    "text is the same clause, and the order clauses are cited in does not count";  // "days after purchase count from a purchase on ..."
std::string summary_line(const DiffReport& report);
// Claims left uncompared: "Alpha 1 and Alpha 2 · device", "every model · battery", "every claim".
std::string not_compared_scope(const NotCompared& n, bool full);
inline constexpr const char* not_compared_note =
    "the diff does not compare these claims claim by claim: the ranges above say nothing of them, either way; compare "
    "their answers with `warrant test` examples";
// What a policy's answers section says when no range was found.
std::string no_ranges_text(const PolicyDiff& policy);
std::string kind_name(ClaimRange::Kind kind);     // verdict, until, acceptance, reason
std::string test_name(DateTest::Kind kind);       // within_from_purchase, ...

}  // namespace warrant::diff
