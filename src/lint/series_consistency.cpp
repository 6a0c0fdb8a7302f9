// W4106: within a series, models usually share their periods; one that differs from the rest
// without a stated reason is most often a row copied wrong. W4107: an accessory covered
// longer than the unit it belongs to. The main unit is the first declared part: the language
// has no notion of "device", so the convention is positional (docs/checks.md).
//
// Both compare the periods models get when every fact has its default value.
#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

std::string value_text(const RuleGraph& g, Index period) {
    return period == none ? std::string("no period") : describe(g.periods[period].length);
}

// Models of one series grouped by the length of their period for one part (none: no period).
struct Group {
    std::optional<Length> length;
    std::vector<Index> models;
    Index period = none;  // the first model's period, to point at
};

std::vector<Group> group_by_length(const Context& cx, const Series& series, Index part) {
    std::vector<Group> groups;
    for (const Index m : series.models) {
        const Index p = cx.period_at_defaults(m, part);
        const std::optional<Length> length = p == none ? std::nullopt : std::optional<Length>(cx.graph.periods[p].length);
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& gr) { return gr.length == length; });
        if (it == groups.end()) {
            groups.push_back({length, {}, p});
            it = groups.end() - 1;
        }
        it->models.push_back(m);
    }
    return groups;
}

std::string count_models(std::size_t n) { return fmt::format("{} model{}", n, n == 1 ? "" : "s"); }

void check_series_periods(Context& cx) {
    const RuleGraph& g = cx.graph;
    for (const Series& series : g.series) {
        if (series.models.size() < 2) continue;
        for (Index part = 0; part < g.parts.size(); ++part) {
            const std::vector<Group> groups = group_by_length(cx, series, part);
            if (groups.size() < 2) continue;
            std::size_t top = 0, tied = 0;
            for (const Group& gr : groups) top = std::max(top, gr.models.size());
            for (const Group& gr : groups) tied += gr.models.size() == top ? 1 : 0;
            const Group* majority = nullptr;
            if (tied == 1) {
                for (const Group& gr : groups) if (gr.models.size() == top) majority = &gr;
            }
            std::string split;  // "2 models have 24 months, 2 have 12 months"
            for (const Group& gr : groups) {
                split += fmt::format("{}{} {} {}", split.empty() ? "" : ", ",
                                     split.empty() ? count_models(gr.models.size()) : std::to_string(gr.models.size()),
                                     gr.models.size() == 1 ? "has" : "have", value_text(g, gr.period));
            }
            for (const Group& gr : groups) {
                if (&gr == majority) continue;
                for (const Index m : gr.models) {
                    const Model& model = g.models[m];
                    const Index own = cx.period_at_defaults(m, part);
                    const std::string message =
                        majority ? fmt::format("`{}` has {} for `{}`, unlike {} of the {} models of series `{}`, which have {}",
                                               model.name, value_text(g, own), g.parts[part].name, majority->models.size(),
                                               series.models.size(), series.name, value_text(g, majority->period))
                                 : fmt::format("`{}` has {} for `{}`, and series `{}` is split: {}", model.name,
                                               value_text(g, own), g.parts[part].name, series.name, split);
                    auto& d = cx.diags.report(Code::SeriesPeriodDiffers, model.span, message);
                    if (own != none) d.notes.push_back({g.periods[own].span, "its period"});
                    if (majority && majority->period != none) {
                        d.notes.push_back({g.periods[majority->period].span, "the period of the rest of the series"});
                    }
                    d.hint = "if the source gives this model its own period, suppress this warning with the reason; otherwise give it the period of its series";
                }
            }
        }
    }
}

void check_accessories(Context& cx) {
    const RuleGraph& g = cx.graph;
    if (g.parts.size() < 2) return;
    const Index main = 0;
    std::map<std::pair<Index, Index>, std::vector<std::string>> longer;  // (accessory, main) periods -> models
    for (Index m = 0; m < g.models.size(); ++m) {
        const Index unit = cx.period_at_defaults(m, main);
        if (unit == none) continue;
        for (Index part = 1; part < g.parts.size(); ++part) {
            const Index accessory = cx.period_at_defaults(m, part);
            if (accessory == none) continue;
            const auto cmp = compare_lengths(g.periods[accessory].length, g.periods[unit].length);
            if (cmp && *cmp > 0) longer[{accessory, unit}].push_back(g.models[m].name);
        }
    }
    for (const auto& [periods, models] : longer) {
        const Period& accessory = g.periods[periods.first];
        const Period& unit = g.periods[periods.second];
        auto& d = cx.diags.report(Code::AccessoryOutlastsMainUnit, accessory.span,
                                  fmt::format("`{}` gets {} here, longer than the {} the main unit `{}` gets, for {}",
                                              g.parts[accessory.part].name, describe(accessory.length),
                                              describe(unit.length), g.parts[main].name, name_list(models)));
        d.notes.push_back({unit.span, fmt::format("the period of `{}`", g.parts[main].name)});
        d.hint = fmt::format("check both periods against the source (the first declared part, `{}`, is the main unit); if the accessory really is covered longer, suppress this warning with the reason",
                             g.parts[main].name);
    }
}

}  // namespace

void check_series_consistency(Context& cx) {
    check_series_periods(cx);
    check_accessories(cx);
}

}  // namespace warrant::checks
