// Cube merging and expansion for describing claim ranges.
#include "diff/cubes.hpp"

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
    std::vector<Cube> cubes;
    const auto meets_off = [&](const Cube& c) { return std::any_of(off.begin(), off.end(), [&](const Point& p) { return c.contains(p); }); };
    for (const Point& point : on) {
        if (std::any_of(cubes.begin(), cubes.end(), [&](const Cube& c) { return c.contains(point); })) continue;
        Cube cube{all_bits.context, point.context, all_bits.dates, point.dates};
        for (const Variable& v : drop_order) {
            if (!(cube.care_context & v.context) && !(cube.care_dates & v.dates)) continue;
            Cube wider = cube;
            wider.care_context &= ~v.context;
            wider.care_dates &= ~v.dates;
            if (!meets_off(wider)) cube = wider;
        }
        cubes.push_back(cube);
    }
    // A cube is redundant when every point of `on` in it lies in another cube kept.
    for (std::size_t i = cubes.size(); i-- > 0;) {
        const bool redundant = std::all_of(on.begin(), on.end(), [&](const Point& p) {
            if (!cubes[i].contains(p)) return true;
            for (std::size_t j = 0; j < cubes.size(); ++j) {
                if (j != i && cubes[j].contains(p)) return true;
            }
            return false;
        });
        if (redundant) cubes.erase(cubes.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return cubes;
}

}  // namespace warrant::diff
