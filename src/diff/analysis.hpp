// The diff compares versions over the exact classes of claims of src/claims/ (dates, facts,
// places of purchase), and names them unqualified.
#pragma once

#include "claims/claim_dates.hpp"
#include "claims/date_search.hpp"
#include "claims/fact_classes.hpp"
#include "claims/places.hpp"
#include "claims/repair_windows.hpp"

namespace warrant::diff {
using namespace warrant::claims;
}  // namespace warrant::diff
