// Where a claim was bought, as each version sees it: the regions of purchase that decide alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "warrant/rule_graph.hpp"

namespace warrant::claims {

// A region of purchase a claim can give, and whether each version counts it as outside its
// region. When the versions' region codes differ, each code is inside one and outside the
// other, so four places decide differently; otherwise two (in the region, elsewhere).
struct PurchasePlace {
    std::string spelling;  // the query's `purchase_region` ("" : not given)
    bool outside_before = false, outside_after = false;
};
std::vector<PurchasePlace> purchase_places(const RuleGraph& before, const RuleGraph& after);
bool same_region_code(std::string_view a, std::string_view b);

}  // namespace warrant::claims
