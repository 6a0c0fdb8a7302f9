// A claim's context for describing ranges: its fact class and whether it was bought outside
// the region, as points of small domains (for exact merging) and as bits (for covers).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "diff/cubes.hpp"
#include "diff/fact_space.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

// A claim's context (its fact class and region of purchase) as bits: each group's value in
// a field of its own, then one bit for bought outside.
class ContextCode {
public:
    explicit ContextCode(const FactSpace& facts);
    std::uint64_t encode(const FactClass& c, bool outside) const;
    std::uint64_t all_bits() const { return (std::uint64_t{1} << (outside_bit_ + 1)) - 1; }
    // One variable per fact group that has more than one value, then bought outside.
    std::vector<Variable> variables() const;
    // The fact conditions and region of purchase a cube fixes.
    std::vector<FactCondition> conditions(const FactSpace& facts, const Cube& cube) const;
    std::optional<bool> outside(const Cube& cube) const;

private:
    std::uint64_t field(std::size_t g) const { return ((std::uint64_t{1} << width_[g]) - 1) << offset_[g]; }
    std::vector<int> offset_, width_;
    int outside_bit_ = 0;
};

// The fact conditions a cube of merge_points (one value or any_value per group) fixes.
std::vector<FactCondition> fact_conditions(const FactSpace& space, const std::vector<int>& cube);
bool in_cube(const std::vector<int>& cube, const std::vector<int>& point);

}  // namespace warrant::diff
