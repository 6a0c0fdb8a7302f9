// Describing a set of points compactly as a few cubes (conjunctions of fixed coordinates).
#pragma once

#include <cstdint>
#include <vector>

namespace warrant::diff {

inline constexpr int any_value = -1;

// Merges points over finite domains into disjoint cubes whose union is exactly the points:
// cubes equal but in one coordinate, whose values there cover its whole domain, become one
// cube with that coordinate `any_value`. (The combining step of Quine-McCluskey.)
std::vector<std::vector<int>> merge_points(std::vector<std::vector<int>> points, const std::vector<int>& domain_sizes);

// A point of two bit words (a claim's context and its date key) and a conjunction over their
// bits: the point's bits under `care` must equal `value`'s.
struct Point {
    std::uint64_t context = 0;
    std::uint64_t dates = 0;
};

struct Cube {
    std::uint64_t care_context = 0, value_context = 0;
    std::uint64_t care_dates = 0, value_dates = 0;
    bool contains(const Point& p) const {
        return (p.context & care_context) == (value_context & care_context) && (p.dates & care_dates) == (value_dates & care_dates);
    }
};

// A variable of the points: the bits it occupies in each word.
struct Variable {
    std::uint64_t context = 0;
    std::uint64_t dates = 0;
};

// Disjoint cubes covering every point of `on` and no point of `off`: each is grown from a
// point of `on` no earlier cube holds, by dropping variables (in the order given) while it
// meets no point of `off` and no point of `on` an earlier cube holds. Points in neither set
// are combinations no claim has, so a cube may include them (and two cubes may share them).
std::vector<Cube> cover_points(const std::vector<Point>& on, const std::vector<Point>& off, const std::vector<Variable>& drop_order,
                               const Point& all_bits);

}  // namespace warrant::diff
