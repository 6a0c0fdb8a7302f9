// The places of purchase two versions tell apart.
#include "claims/places.hpp"

#include <algorithm>
#include <cctype>

namespace warrant::claims {

bool same_region_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<PurchasePlace> purchase_places(const RuleGraph& before, const RuleGraph& after) {
    const std::string& b = before.info.region;
    const std::string& a = after.info.region;
    std::string elsewhere = "ZW";  // a code neither version uses
    for (const char* code : {"ZZ", "ZY", "ZX"}) {
        if (!same_region_code(code, b) && !same_region_code(code, a)) {
            elsewhere = code;
            break;
        }
    }
    std::vector<PurchasePlace> out = {{"", false, false}};
    if (!same_region_code(a, b)) {
        out.push_back({b, false, true});
        out.push_back({a, true, false});
    }
    out.push_back({elsewhere, true, true});
    return out;
}

}  // namespace warrant::claims
