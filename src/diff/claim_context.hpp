// A claim's context for describing ranges: its fact class and whether it was bought outside
// the region, as points of small domains (for exact merging) and as bits (for covers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff/range_cover.hpp"
#include "diff/analysis.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// Where a range's claims were bought: outside (or in) each version's region, or either way.
struct PlaceCondition {
    std::optional<bool> outside_after, outside_before;  // outside_before only when the codes differ
};

// A claim's context (its fact class and region of purchase) as bits: each group's value in
// a field of its own, then one bit for bought outside the new version's region, and one for
// outside the old version's when the codes differ.
class ContextCode {
public:
    ContextCode(const FactSpace& facts, bool two_regions);
    std::uint64_t encode(const FactClass& c, const PurchasePlace& place) const;
    std::uint64_t all_bits() const { return (std::uint64_t{1} << (last_bit_ + 1)) - 1; }
    // One variable per fact group that has more than one value, then the region bits.
    std::vector<Variable> variables() const;
    // The fact conditions and region of purchase a cube fixes.
    std::vector<FactCondition> conditions(const FactSpace& facts, const Cube& cube) const;
    PlaceCondition place(const Cube& cube) const;

private:
    std::uint64_t field(std::size_t g) const { return ((std::uint64_t{1} << width_[g]) - 1) << offset_[g]; }
    std::vector<int> offset_, width_;
    int outside_bit_ = 0;
    int old_bit_ = -1;  // -1: one region code
    int last_bit_ = 0;
};

// The fact conditions a cube of merge_points (one value or any_value per group) fixes.
std::vector<FactCondition> fact_conditions(const FactSpace& space, const std::vector<int>& cube);
bool in_cube(const std::vector<int>& cube, const std::vector<int>& point);

}  // namespace warrant::diff
