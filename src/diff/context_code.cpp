// Encoding claims' contexts for the cubes that describe ranges.
#include "diff/context_code.hpp"

#include <bit>

namespace warrant::diff {

ContextCode::ContextCode(const FactSpace& facts) {
    int at = 0;
    for (const FactGroup& g : facts.groups) {
        const int width = std::bit_width(g.accepted.size() - 1);
        offset_.push_back(at);
        width_.push_back(width);
        at += width;
    }
    outside_bit_ = at;
    if (at >= 64) throw DiffLimit{"too many fact groups to describe the ranges"};
}

std::uint64_t ContextCode::encode(const FactClass& c, bool outside) const {
    std::uint64_t bits = outside ? std::uint64_t{1} << outside_bit_ : 0;
    for (std::size_t g = 0; g < offset_.size(); ++g) bits |= std::uint64_t{c.values[g]} << offset_[g];
    return bits;
}

std::vector<Variable> ContextCode::variables() const {
    std::vector<Variable> out;
    for (std::size_t g = 0; g < offset_.size(); ++g) {
        if (width_[g] > 0) out.push_back({field(g), 0});
    }
    out.push_back({std::uint64_t{1} << outside_bit_, 0});
    return out;
}

std::vector<FactCondition> ContextCode::conditions(const FactSpace& facts, const Cube& cube) const {
    std::vector<FactCondition> out;
    for (std::size_t g = 0; g < offset_.size(); ++g) {
        if (width_[g] == 0 || !(cube.care_context & field(g))) continue;
        const auto value = static_cast<std::size_t>((cube.value_context & field(g)) >> offset_[g]);
        const FactGroup& group = facts.groups[g];
        out.push_back({group.facts, group.accepted[value], group.words[value]});
    }
    return out;
}

std::optional<bool> ContextCode::outside(const Cube& cube) const {
    const std::uint64_t bit = std::uint64_t{1} << outside_bit_;
    if (!(cube.care_context & bit)) return std::nullopt;
    return (cube.value_context & bit) != 0;
}

std::vector<FactCondition> fact_conditions(const FactSpace& space, const std::vector<int>& cube) {
    std::vector<FactCondition> out;
    for (std::size_t g = 0; g < space.groups.size(); ++g) {
        if (cube[g] == any_value) continue;
        const FactGroup& group = space.groups[g];
        out.push_back({group.facts, group.accepted[static_cast<std::size_t>(cube[g])], group.words[static_cast<std::size_t>(cube[g])]});
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
