// Cube merging and expansion for describing claim ranges.
#include "diff/range_cover.hpp"

#include <algorithm>
#include <map>

namespace warrant::diff {

std::vector<std::vector<int>> merge_points(std::vector<std::vector<int>> points, const std::vector<int>& domain_sizes) {
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    bool changed = true;
    while (changed) {
        changed = false;
        for (std::size_t v = 0; v < domain_sizes.size(); ++v) {
            std::map<std::vector<int>, std::vector<int>> buckets;  // the cube without v -> its values at v
            for (const auto& p : points) {
                auto rest = p;
                rest[v] = any_value;
                buckets[rest].push_back(p[v]);
            }
            std::vector<std::vector<int>> next;
            for (auto& [rest, values] : buckets) {
                const bool whole = std::find(values.begin(), values.end(), any_value) != values.end() ||
                                   static_cast<int>(values.size()) == domain_sizes[v];
                if (whole) {
                    next.push_back(rest);
                    changed |= values.size() > 1 || values[0] != any_value;
                } else {
                    for (const int value : values) {
                        auto p = rest;
                        p[v] = value;
                        next.push_back(p);
                    }
                }
            }
            points = std::move(next);
        }
    }
    std::sort(points.begin(), points.end());
    return points;
}

std::vector<Cube> cover_points(const std::vector<Point>& on, const std::vector<Point>& off, const std::vector<Variable>& drop_order,
                               const Point& all_bits) {
    // Cubes are grown one after another; a cube may not take a point of `on` that an earlier
    // cube holds, so every point of `on` lies in exactly one cube (two cubes may share only
    // points in neither set, which no claim has).
    std::vector<Cube> cubes;
    std::vector<bool> taken(on.size(), false);
    std::vector<Point> taken_points;
    const auto meets_off = [&](const Cube& c) { return std::any_of(off.begin(), off.end(), [&](const Point& p) { return c.contains(p); }); };
    const auto meets_taken = [&](const Cube& c) {
        return std::any_of(taken_points.begin(), taken_points.end(), [&](const Point& p) { return c.contains(p); });
    };
    for (std::size_t seed = 0; seed < on.size(); ++seed) {
        if (taken[seed]) continue;
        const Point& point = on[seed];
        Cube cube{all_bits.context, point.context, all_bits.dates, point.dates};
        for (const Variable& v : drop_order) {
            if (!(cube.care_context & v.context) && !(cube.care_dates & v.dates)) continue;
            Cube wider = cube;
            wider.care_context &= ~v.context;
            wider.care_dates &= ~v.dates;
            if (!meets_off(wider) && !meets_taken(wider)) cube = wider;
        }
        for (std::size_t i = seed; i < on.size(); ++i) {
            if (!taken[i] && cube.contains(on[i])) {
                taken[i] = true;
                taken_points.push_back(on[i]);
            }
        }
        cubes.push_back(cube);
    }
    return cubes;
}

}  // namespace warrant::diff
