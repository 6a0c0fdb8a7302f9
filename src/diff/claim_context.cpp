// Encoding claims' contexts for the cubes that describe ranges.
#include "diff/claim_context.hpp"

#include <algorithm>
#include <bit>
#include <cctype>

namespace warrant::diff {

ContextCode::ContextCode(const FactSpace& facts, bool two_regions) {
    int at = 0;
    for (const FactGroup& g : facts.groups) {
        const int width = g.accepted.size() <= 1 ? 0 : std::bit_width(g.accepted.size() - 1);
        offset_.push_back(at);
        width_.push_back(width);
        at += width;
    }
    outside_bit_ = last_bit_ = at;
    if (two_regions) old_bit_ = last_bit_ = at + 1;
    if (last_bit_ >= 64) throw DiffLimit{"too many fact groups to describe the ranges"};
}

std::uint64_t ContextCode::encode(const FactClass& c, const PurchasePlace& place) const {
    std::uint64_t bits = place.outside_after ? std::uint64_t{1} << outside_bit_ : 0;
    if (old_bit_ >= 0 && place.outside_before) bits |= std::uint64_t{1} << old_bit_;
    for (std::size_t g = 0; g < offset_.size(); ++g) bits |= std::uint64_t{c.values[g]} << offset_[g];
    return bits;
}

std::vector<Variable> ContextCode::variables() const {
    std::vector<Variable> out;
    for (std::size_t g = 0; g < offset_.size(); ++g) {
        if (width_[g] > 0) out.push_back({field(g), 0});
    }
    out.push_back({std::uint64_t{1} << outside_bit_, 0});
    if (old_bit_ >= 0) out.push_back({std::uint64_t{1} << old_bit_, 0});
    return out;
}

std::vector<FactCondition> ContextCode::conditions(const FactSpace& facts, const Cube& cube) const {
    std::vector<FactCondition> out;
    for (std::size_t g = 0; g < offset_.size(); ++g) {
        if (width_[g] == 0 || !(cube.care_context & field(g))) continue;
        const auto value = static_cast<std::size_t>((cube.value_context & field(g)) >> offset_[g]);
        out.push_back(facts.groups[g].condition(value));
    }
    return out;
}

PlaceCondition ContextCode::place(const Cube& cube) const {
    const auto bit = [&](int at) -> std::optional<bool> {
        if (at < 0) return std::nullopt;  // no such bit (one region of purchase only)
        const std::uint64_t mask = std::uint64_t{1} << at;
        if (!(cube.care_context & mask)) return std::nullopt;
        return (cube.value_context & mask) != 0;
    };
    return {bit(outside_bit_), bit(old_bit_)};
}

std::vector<FactCondition> fact_conditions(const FactSpace& space, const std::vector<int>& cube) {
    std::vector<FactCondition> out;
    for (std::size_t g = 0; g < space.groups.size(); ++g) {
        if (cube[g] == any_value) continue;
        out.push_back(space.groups[g].condition(static_cast<std::size_t>(cube[g])));
    }
    return out;
}

bool in_cube(const std::vector<int>& cube, const std::vector<int>& point) {
    for (std::size_t i = 0; i < cube.size(); ++i) {
        if (cube[i] != any_value && cube[i] != point[i]) return false;
    }
    return true;
}

}  // namespace warrant::diff
