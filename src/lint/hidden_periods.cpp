// Conditional periods never chosen (W4120). Of the conditional periods for the same models and
// part at one level (a model's own, its series', the general ones), the first declared whose
// `when` holds is the period; one whose `when` holds only where an earlier one's does is never
// the warranty, as a rule after one that always applies never decides (W3103).
//
// Decided by trying one claim of every class the conditions tell apart; periods whose tests
// have classes not tried that way, or too many to try, are not judged: no warning on a guess.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lint/checks.hpp"
#include "warrant/decide.hpp"

namespace warrant::checks {

namespace {

constexpr std::size_t most_claims_tried = 20000;       // for one period
constexpr std::size_t most_claims_tried_in_all = 2000000;  // for the policy: a catalogue whose
                                                            // every model has conditional periods
                                                            // of its own is judged in part

// What the conditions judged together read, and the values worth trying for each.
struct Dimensions {
    std::vector<Index> bools;                              // true/false facts
    std::map<Index, std::set<std::int32_t>> values;        // counts and choices: the values to try
    std::set<Index> dates;                                 // date facts
    std::set<std::int32_t> fixed_days;                     // calendar dates compared with
    std::vector<Length> purchase_windows;                  // `DATE within N after purchase`
};

void add_leaves(const RuleGraph& g, Index condition, Dimensions& d) {
    for_each_leaf(g, condition, [&](const CondNode& n) {
        switch (n.kind) {
            case CondKind::FactIs: d.bools.push_back(n.a); break;
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet:
                for (Index f = 0; f < g.facts.size(); ++f) {
                    const FactRole want = n.kind == CondKind::AnyExclusion ? FactRole::Exclusion : FactRole::Requirement;
                    if (g.facts[f].role == want) d.bools.push_back(f);
                }
                break;
            case CondKind::CountCompare: {
                auto& v = d.values[n.a];
                for (const std::int64_t x : {static_cast<std::int64_t>(n.b) - 1, static_cast<std::int64_t>(n.b),
                                             static_cast<std::int64_t>(n.b) + 1}) {
                    if (x >= 0 && x <= std::numeric_limits<std::int32_t>::max()) v.insert(static_cast<std::int32_t>(x));
                }
                v.insert(g.facts[n.a].default_number.value_or(0));
                break;
            }
            case CondKind::ChoiceIn:
                for (std::size_t i = 0; i < g.facts[n.a].choices.size(); ++i) d.values[n.a].insert(static_cast<std::int32_t>(i));
                break;
            case CondKind::DateGiven: d.dates.insert(n.a); break;
            case CondKind::DateCompare:
                for (const DateOperand* o : {&n.left, &n.right}) {
                    if (o->source == DateOperand::Source::Fact) d.dates.insert(o->fact);
                    if (o->source == DateOperand::Source::Fixed) {
                        for (int k = -1; k <= 1; ++k) d.fixed_days.insert(o->fixed.days + k);
                    }
                }
                break;
            case CondKind::WithinAfter:
                if (n.subject_fact != none) d.dates.insert(n.subject_fact);
                if (n.anchor_fact != none) d.dates.insert(n.anchor_fact);
                if (n.c == 0) d.purchase_windows.push_back(window_length(n));
                break;
            default: break;
        }
    });
}

// Whether the claims tried tell apart every class of claims the conditions do: true/false
// facts, counts, choices, whether a date is given, and dates against calendar dates and the
// purchase are cut at every boundary. A window measured from another date than the purchase,
// two date facts compared, or a date both in a window and against a calendar date are not
// tried exhaustively, so such periods are not judged.
bool tried_exhaustively(const RuleGraph& g, const std::vector<Index>& conditions) {
    bool exact = true;
    std::set<Index> in_window, against_calendar;  // date facts
    for (const Index c : conditions) {
        for_each_leaf(g, c, [&](const CondNode& n) {
            if (n.kind == CondKind::WithinAfter) {
                exact = exact && n.c == 0 && n.subject_fact != none;
                in_window.insert(n.subject_fact);
            } else if (n.kind == CondKind::DateCompare) {
                const bool facts = n.left.source == DateOperand::Source::Fact && n.right.source == DateOperand::Source::Fact;
                exact = exact && !facts && n.left.source != DateOperand::Source::Claimed && n.right.source != DateOperand::Source::Claimed;
                const bool calendar = n.left.source == DateOperand::Source::Fixed || n.right.source == DateOperand::Source::Fixed;
                for (const DateOperand* o : {&n.left, &n.right}) {
                    if (calendar && o->source == DateOperand::Source::Fact) against_calendar.insert(o->fact);
                }
            } else if (n.kind == CondKind::WithinWarranty || n.kind == CondKind::AfterEndOfService) {
                exact = false;
            }
        });
    }
    for (const Index f : in_window) exact = exact && !against_calendar.count(f);
    return exact;
}

// Tries claims against `later` and the conditions declared before it: "found" when for some
// claim `later` holds and none of `earlier` does, "" when there is none (`later` is never
// chosen; `hiding` then marks the earlier ones chosen instead), or nullopt when there are too
// many claims to try or `later` never holds.
std::optional<std::string> chosen_somewhere(const RuleGraph& g, Index later, const std::vector<Index>& earlier, Index model, Index part,
                                            std::vector<bool>& hiding, std::size_t& budget) {
    hiding.assign(earlier.size(), false);
    Dimensions d;
    add_leaves(g, later, d);
    for (const Index c : earlier) add_leaves(g, c, d);
    std::sort(d.bools.begin(), d.bools.end());
    d.bools.erase(std::unique(d.bools.begin(), d.bools.end()), d.bools.end());
    if (d.bools.size() > 14) return std::nullopt;
    // The purchase days: around each calendar date compared, and a year before the earliest.
    std::vector<std::int32_t> purchases(d.fixed_days.begin(), d.fixed_days.end());
    purchases.push_back(d.fixed_days.empty() ? (g.info.effective ? g.info.effective->days : 0) : *d.fixed_days.begin() - 366);
    const std::vector<Index> dates(d.dates.begin(), d.dates.end());
    const std::vector<std::pair<Index, std::set<std::int32_t>>> values(d.values.begin(), d.values.end());

    const Decision no_decision;
    std::size_t tried = 0;
    bool later_holds = false;
    for (const std::int32_t bought : purchases) {
        // The days a date fact may fall on for this purchase (or not given: no_value).
        std::set<std::int32_t> days = {no_value, bought, bought + 1, bought + 2};
        for (const std::int32_t f : d.fixed_days) {
            if (f >= bought) days.insert(f);
        }
        for (const Length& w : d.purchase_windows) {
            if (const auto last = last_covered_day(g, Date{bought}, w)) days.insert({last->days, last->days + 1});
        }
        const std::vector<std::int32_t> day_list(days.begin(), days.end());
        std::size_t combinations = std::size_t{1} << d.bools.size();
        for (const auto& [f, v] : values) combinations *= v.size();
        for (std::size_t i = 0; i < dates.size(); ++i) combinations *= day_list.size();
        if (combinations > most_claims_tried - tried || combinations > budget) return std::nullopt;
        tried += combinations;
        budget -= combinations;
        Claim claim;
        claim.model = model;
        claim.part = part;
        claim.purchased = Date{bought};
        claim.claimed = Date{std::max(bought, *std::max_element(day_list.begin(), day_list.end()))};
        for (std::size_t n = 0; n < combinations; ++n) {
            claim.facts = g.fact_defaults;
            claim.values = g.value_defaults;
            std::size_t rest = n;
            for (const Index f : d.bools) {
                set_fact(claim.facts, f, rest & 1u);
                rest >>= 1;
            }
            for (const auto& [f, v] : values) {
                claim.values[g.facts[f].slot] = *std::next(v.begin(), static_cast<std::ptrdiff_t>(rest % v.size()));
                rest /= v.size();
            }
            for (const Index f : dates) {
                claim.values[g.facts[f].slot] = day_list[rest % day_list.size()];
                rest /= day_list.size();
            }
            if (!holds(g, later, claim, no_decision)) continue;
            later_holds = true;
            bool hidden = false;
            for (std::size_t i = 0; i < earlier.size() && !hidden; ++i) {
                // The first earlier period that holds is the one chosen for this claim.
                if (holds(g, earlier[i], claim, no_decision)) hiding[i] = hidden = true;
            }
            if (!hidden) return "found";
        }
    }
    if (!later_holds) return std::nullopt;
    return "";
}

std::string period_words(const RuleGraph& g, const Period& p) {
    std::string words = describe(p.length);
    return words + period_end_text(g, p);
}

}  // namespace

void check_hidden_periods(Context& cx) {
    const RuleGraph& g = cx.graph;
    if (g.parts.empty()) return;
    // Per conditional period, the conditional periods declared before it at its level: the
    // same list for most models, so each distinct one is judged once.
    std::set<std::pair<Index, std::vector<Index>>> judged;
    std::size_t budget = most_claims_tried_in_all;
    for (std::size_t slot = 0; slot + 1 < g.choice_begin.size() && budget > 0; ++slot) {
        const std::uint32_t begin = g.choice_begin[slot], end = g.choice_begin[slot + 1];
        for (std::uint32_t j = begin; j < end; ++j) {
            const Index later = g.period_choices[j];
            const Period& b = g.periods[later];
            if (b.condition == none) continue;
            std::vector<Index> before;
            for (std::uint32_t i = begin; i < j; ++i) {
                const Period& a = g.periods[g.period_choices[i]];
                if (a.scope == b.scope && a.condition != none) before.push_back(g.period_choices[i]);
            }
            if (before.empty() || !judged.insert({later, before}).second) continue;
            std::vector<Index> conditions = {b.condition}, earlier;
            for (const Index p : before) earlier.push_back(g.periods[p].condition);
            conditions.insert(conditions.end(), earlier.begin(), earlier.end());
            if (!tried_exhaustively(g, conditions)) continue;
            const auto model = static_cast<Index>(slot / g.parts.size());
            const auto part = static_cast<Index>(slot % g.parts.size());
            std::vector<bool> hiding;
            const auto found = chosen_somewhere(g, b.condition, earlier, model, part, hiding, budget);
            if (!found || !found->empty()) continue;
            auto& d = cx.diags.report(Code::HiddenPeriod, b.span,
                                      fmt::format("this period ({}) is never the warranty: whenever its `when` holds, a conditional "
                                                  "period declared before it for the same models and part holds too, and the first "
                                                  "declared is chosen",
                                                  period_words(g, b)));
            d.hint = "move it above the periods that hide it, or narrow their `when` (`and not ...`), or remove it";
            for (std::size_t i = 0; i < before.size(); ++i) {
                if (hiding[i]) d.notes.push_back({g.periods[before[i]].span, fmt::format("chosen instead: {}", period_words(g, g.periods[before[i]]))});
            }
        }
    }
}

}  // namespace warrant::checks
