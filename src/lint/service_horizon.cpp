// W4108: a model promised its own period P for a part, with an end of service E that falls
// within P of the policy's effective date. A purchase on D is covered until D + P, so every
// purchase after E - P is promised cover past the end of service, which the notice then takes
// away. Service that ended before the effective date is W3102's, not repeated here.
#include <set>

#include <fmt/format.h>

#include "lint/checks.hpp"
#include "warrant/decide.hpp"

namespace warrant::checks {

void check_service_horizon(Context& cx) {
    const RuleGraph& g = cx.graph;
    if (!g.info.effective) return;
    const Date effective = *g.info.effective;
    std::set<std::pair<Index, Index>> reported;  // (period, model)
    for (Index p = 0; p < g.periods.size(); ++p) {
        const Period& period = g.periods[p];
        for (const PeriodTarget& target : cx.resolution.period_targets[p]) {
            const std::vector<Index> single{target.index};
            const std::vector<Index>& models = target.is_series ? g.series[target.index].models : single;
            for (const Index m : models) {
                const Model& model = g.models[m];
                if (!model.end_of_service || *model.end_of_service < effective) continue;
                const Date end = *model.end_of_service;
                const std::optional<Date> covered = last_covered_day(g, effective, period.length);
                if (!covered || *covered <= end) continue;
                if (!reported.insert({p, m}).second) continue;
                const auto count = static_cast<std::int32_t>(period.length.count);
                // The last purchase covered no later than the end of service: from E - P, stepped
                // to where the calendar's conventions put it (with the last day excluded, a
                // purchase covers a day less; months that clamp or overflow end unevenly).
                Date last_safe = period.length.unit == LengthUnit::Days ? add_days(end, -count)
                                                                        : add_months(end, -count, g.calendar.months);
                const auto ends_by_notice = [&](Date bought) {
                    const auto last = last_covered_day(g, bought, period.length);
                    return last && *last <= end;
                };
                for (int step = 0; step < 40 && !ends_by_notice(last_safe); ++step) last_safe = add_days(last_safe, -1);
                for (int step = 0; step < 40 && ends_by_notice(add_days(last_safe, 1)); ++step) last_safe = add_days(last_safe, 1);
                auto& d = cx.diags.report(Code::WarrantyOutlivesService, target.span,
                                          fmt::format("`{}`: {} for `{}` outlive its end of service on {} for purchases after {}",
                                                      model.name, describe(period.length), g.parts[period.part].name,
                                                      to_iso(end), to_iso(last_safe)));
                d.notes.push_back({g.notices[model.end_of_service_notice].span, "the end-of-service notice"});
                d.hint = "check the period and the notice against the source; if both stand, say in the policy which one wins for late purchases, and suppress this warning with the reason";
            }
        }
    }
}

}  // namespace warrant::checks
