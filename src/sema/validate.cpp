// Checks across declarations, on the resolved graph: periods that collide, promises of a
// model's own warranty after its service has ended, and rule lists that leave claims unanswered.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "sema/resolve.hpp"

namespace warrant {

namespace {

// A condition's structure as text, so that two periods with the same `when` compare equal.
std::string signature(const RuleGraph& g, Index c) {
    if (c == none) return "";
    const CondNode& n = g.conditions[c];
    std::string out = fmt::format("{}:{}:{}:{}(", static_cast<int>(n.kind), n.a, n.b, n.c);
    // Date comparisons and windows keep their operands outside a, b and c.
    if (n.kind == CondKind::DateCompare || n.kind == CondKind::WithinAfter) {
        for (const DateOperand* o : {&n.left, &n.right}) {
            out += fmt::format("{}:{}:{};", static_cast<int>(o->source), o->fact, o->fixed.days);
        }
        out += fmt::format("{}:{};", n.anchor_fact, n.subject_fact);
    }
    if (n.kind == CondKind::AnyOf || n.kind == CondKind::AllOf) {
        for (Index i = 0; i < n.b; ++i) out += signature(g, g.condition_children[n.a + i]) + ",";
    } else if (n.kind == CondKind::Not) {
        out += signature(g, n.a);
    }
    return out + ")";
}

std::string describe(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

// "24 months", "24 months from delivered_on extended by repair_days": what tells periods apart.
std::string describe(const RuleGraph& g, const Period& p) {
    return describe(p.length) + period_end_text(g, p);
}

void check_periods(const Resolution& r, Diagnostics& diags) {
    const RuleGraph& g = *r.graph;
    // Each distinct `when` gets a number: a catalogue has many periods but few conditions.
    std::unordered_map<std::string, std::uint32_t> condition_ids;
    // (scope, target, part, condition) -> first period; general periods use target `none`.
    struct Key {
        std::uint32_t scope, target, part, when;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            std::uint64_t h = (std::uint64_t{k.scope} << 32 | k.target) * 0x9e3779b97f4a7c15ull;
            h ^= (std::uint64_t{k.part} << 32 | k.when) + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
            return static_cast<std::size_t>(h);
        }
    };
    std::unordered_map<Key, std::pair<Index, SourceSpan>, KeyHash> seen;
    seen.reserve(g.periods.size());
    for (Index p = 0; p < g.periods.size(); ++p) {
        const Period& period = g.periods[p];
        if (period.part == none) continue;
        const std::uint32_t when =
            condition_ids.try_emplace(signature(g, period.condition), static_cast<std::uint32_t>(condition_ids.size())).first->second;
        // `what` names the target, and is only worked out for a collision.
        const auto visit = [&](std::uint32_t scope, Index target, SourceSpan span, const auto& what) {
            const auto [it, fresh] = seen.try_emplace(Key{scope, target, period.part, when}, p, span);
            if (fresh) return;
            const Period& first = g.periods[it->second.first];
            const bool same = first.length == period.length && first.services == period.services &&
                              period_end_text(g, first) == period_end_text(g, period);
            auto& d = diags.report(same ? Code::DuplicatePeriod : Code::ConflictingPeriod, span,
                                   same ? fmt::format("{} already has this `{}` period of {}", what(),
                                                      g.parts[period.part].name, describe(g, period))
                                        : fmt::format("{} is given {} for `{}` here, but {} earlier", what(),
                                                      describe(g, period), g.parts[period.part].name,
                                                      describe(g, first)));
            d.notes.push_back({it->second.second, "the other period"});
            d.hint = same ? "remove the repeated period" : "keep one period per model and part, or add a `when` to tell them apart";
        };
        if (period.scope == Period::Scope::General) visit(0, none, period.span, [] { return std::string("every model"); });
        for (const PeriodTarget& t : r.period_targets[p]) {
            visit(t.is_series ? 1 : 2, t.index, t.span, [&] {
                return t.is_series ? fmt::format("series `{}`", g.series[t.index].name) : fmt::format("`{}`", g.models[t.index].name);
            });
        }
    }
}

// A model promised its own (model or series) period although its service ended before the
// policy took effect: the promise cannot be kept, and the source contradicts itself.
void check_promises(const Resolution& r, Diagnostics& diags) {
    const RuleGraph& g = *r.graph;
    if (!g.info.effective) return;
    std::vector<bool> reported(g.models.size(), false);
    for (Index p = 0; p < g.periods.size(); ++p) {
        if (g.periods[p].part == none) continue;  // an unknown part, already reported
        for (const PeriodTarget& t : r.period_targets[p]) {
            const std::span<const Index> models =
                t.is_series ? std::span<const Index>(g.series[t.index].models) : std::span<const Index>(&t.index, 1);
            for (const Index m : models) {
                const Model& model = g.models[m];
                if (reported[m] || !model.end_of_service || *model.end_of_service >= *g.info.effective) continue;
                reported[m] = true;
                auto& d = diags.report(Code::PromiseAfterServiceEnded, t.span,
                                       fmt::format("`{}` is promised {} for `{}` here, but its service ended on {}, before the policy took effect on {}",
                                                   model.name, describe(g.periods[p].length), g.parts[g.periods[p].part].name,
                                                   to_iso(*model.end_of_service), to_iso(*g.info.effective)));
                d.notes.push_back({g.notices[model.end_of_service_notice].span, "the end-of-service notice"});
                d.hint = "drop the model from the period, or from the end-of-service notice";
            }
        }
    }
}

void check_rules(const RuleGraph& g, Diagnostics& diags) {
    if (g.rules.empty()) {
        diags.report(Code::NoFinalRule, SourceSpan{0, 0}, "the policy has no rules, so no claim gets an answer")
            .hint = "add rules, ending with one without `when`, such as `rule otherwise per CLAUSE then OUTCOME`";
        return;
    }
    for (Index i = 0; i + 1 < g.rules.size(); ++i) {
        if (g.rules[i].condition != none) continue;
        for (Index k = i + 1; k < g.rules.size(); ++k) {
            if (g.rules[k].name == g.rules[i].name) continue;  // a rule declared twice is reported as such
            auto& d = diags.report(Code::UnreachableRule, g.rules[k].span,
                                   fmt::format("rule `{}` can never decide: rule `{}` before it always applies",
                                               g.rules[k].name, g.rules[i].name));
            d.notes.push_back({g.rules[i].span, "this rule has no `when`"});
            d.hint = "move the rule above the one without `when`, or remove it";
        }
        return;
    }
    if (g.rules.back().condition != none) {
        diags.report(Code::NoFinalRule, g.rules.back().span,
                     fmt::format("claims that no rule's condition fits get no answer: the last rule, `{}`, has a condition",
                                 g.rules.back().name))
            .hint = "end with a rule without `when`, such as `rule otherwise per CLAUSE then OUTCOME`";
    }
}

}  // namespace

void validate(const Resolution& resolution, Diagnostics& diagnostics) {
    check_periods(resolution, diagnostics);
    check_promises(resolution, diagnostics);
    check_rules(*resolution.graph, diagnostics);
}

}  // namespace warrant
