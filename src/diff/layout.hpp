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

// In the order first met.
std::vector<RangeSection> range_sections(const PolicyDiff& policy);
std::vector<const Change*> changes_of(const PolicyDiff& policy, bool wording);

std::string days_note(const PolicyDiff& policy);  // "days after purchase count from a purchase on ..."
std::string summary_line(const DiffReport& report);
std::string kind_name(ClaimRange::Kind kind);     // verdict, until, acceptance
std::string test_name(DateTest::Kind kind);       // within_from_purchase, ...

}  // namespace warrant::diff
