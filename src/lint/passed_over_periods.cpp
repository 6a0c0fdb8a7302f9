// Conditional periods that some of their models never reach (W4121). A model's periods are
// tried most specific first: its own, its series', the general ones. A narrower period that
// always applies is then the warranty of its models whatever a wider conditional period says:
// a general `period PART LENGTH when CONDITION` does not reach a series with a plain period of
// its own, whose claims that meet the condition keep the series' period. Often meant (no claim
// of that series meets it), sometimes a silent hole: reported once per period, with the models
// it does not reach and the period that decides for them.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

const char* scope_words(Period::Scope scope) {
    switch (scope) {
        case Period::Scope::Model: return "their own";
        case Period::Scope::Series: return "their series'";
        case Period::Scope::General: return "the general";
    }
    return "";
}

}  // namespace

void check_passed_over_periods(Context& cx) {
    const RuleGraph& g = cx.graph;
    if (g.parts.empty()) return;
    // Per wider conditional period: the narrower plain period that decides first, per model.
    std::map<Index, std::vector<std::pair<Index, Index>>> passed_over;  // period -> (model, decided by)
    std::map<Index, std::string> texts;  // condition -> its words, as asked
    const auto text_of = [&](Index c) -> const std::string& {
        auto it = texts.find(c);
        if (it == texts.end()) it = texts.emplace(c, condition_text(g, c)).first;
        return it->second;
    };
    for (std::size_t slot = 0; slot + 1 < g.choice_begin.size(); ++slot) {
        Index first_plain = none;
        std::vector<Index> narrower;  // the conditions tried before it
        for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
            const Index p = g.period_choices[i];
            const Period& period = g.periods[p];
            if (first_plain == none) {
                if (period.condition == none) first_plain = p;
                else narrower.push_back(period.condition);
                continue;
            }
            // Of the same scope, a conditional period comes before the plain ones (W4120 judges
            // those); and a narrower period with the same `when` already says it for these models.
            if (period.condition == none || period.scope == g.periods[first_plain].scope) continue;
            const bool restated = std::any_of(narrower.begin(), narrower.end(), [&](Index c) { return text_of(c) == text_of(period.condition); });
            if (!restated) passed_over[p].emplace_back(static_cast<Index>(slot / g.parts.size()), first_plain);
        }
    }
    for (const auto& [p, models] : passed_over) {
        const Period& period = g.periods[p];
        const Period& decides = g.periods[models.front().second];
        std::vector<std::string> names;
        for (const auto& [m, by] : models) names.push_back(g.models[m].name);
        // "`A`", "`A` and `B`", "`A`, `B`, `C`, `D` and 3 more models"
        constexpr std::size_t shown = 4;
        const std::size_t listed = std::min(shown, names.size());
        std::string list;
        for (std::size_t i = 0; i < listed; ++i) {
            const bool last = i + 1 == listed && names.size() <= shown;
            list += fmt::format("{}`{}`", i == 0 ? "" : last ? " and " : ", ", names[i]);
        }
        if (names.size() > shown) list += fmt::format(" and {} more models", names.size() - shown);
        auto& d = cx.diags.report(Code::PeriodPassedOver, period.span,
                                  fmt::format("this conditional period ({} when {}) never reaches {}: {} plain period for `{}` is "
                                              "tried first and always applies",
                                              describe(period.length), condition_text(g, period.condition), list,
                                              scope_words(decides.scope), g.parts[period.part].name));
        d.hint = "if those models should follow the condition too, give them a conditional period of their own level (`for "
                 "series NAME when ...`); if not, say why with `# allow W4121: REASON`";
        d.notes.push_back({decides.span, fmt::format("decides for `{}` instead: {}", names.front(), describe(decides.length))});
    }
}

}  // namespace warrant::checks
