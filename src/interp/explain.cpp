// Explanations: re-walks the decided rules atom by atom, in words, and probes nearby claims
// (a fact flipped, the claim made on a boundary date, the purchase on the other side of a date
// the policy compares it with) for answers that would differ.
#include "warrant/explain.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include <fmt/format.h>

#include "graph/comparisons.hpp"

namespace warrant {

namespace {

// Whether `condition` holds only for claims within the part's warranty period (it reads the
// period un-negated): only then are the period's services part of the answer.
bool requires_warranty(const RuleGraph& g, Index condition, bool negated = false) {
    if (condition == none) return false;
    const CondNode& n = g.conditions[condition];
    switch (n.kind) {
        case CondKind::WithinWarranty: return !negated;
        case CondKind::Not: return requires_warranty(g, n.a, !negated);
        case CondKind::AnyOf:
        case CondKind::AllOf: {
            // "a and b" needs the period if either does; "a or b" only if both do (negated: the reverse).
            const bool needs_one = (n.kind == CondKind::AllOf) != negated;
            bool all = n.b > 0;
            for (Index i = n.a; i < n.a + n.b; ++i) {
                const bool child = requires_warranty(g, g.condition_children[i], negated);
                if (child && needs_one) return true;
                all = all && child;
            }
            return !needs_one && all;
        }
        default: return false;
    }
}

std::string days_word(std::int64_t n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); }

std::string length_words(std::uint32_t count, bool days) {
    return fmt::format("{} {}{}", count, days ? "day" : "month", count == 1 ? "" : "s");
}

const char* comparison_words(Comparison c) {
    switch (c) {
        case Comparison::AtLeast: return "at least";
        case Comparison::AtMost: return "at most";
        case Comparison::Above: return "more than";
        case Comparison::Below: return "less than";
        case Comparison::Equal: return "exactly";
    }
    return "";
}

const char* date_comparison_words(Comparison c) {
    switch (c) {
        case Comparison::AtLeast: return "on or after";
        case Comparison::AtMost: return "on or before";
        case Comparison::Above: return "after";
        case Comparison::Below: return "before";
        case Comparison::Equal: return "on";
    }
    return "";
}

// A fact's value in a claim, in words: `2`, `2025-03-10`, `online`, or nullopt when not given.
std::optional<std::string> value_words(const RuleGraph& g, const Claim& c, Index f) {
    const Fact& fact = g.facts[f];
    if (fact.type == FactType::Bool) return test_fact(c.facts, f) ? "true" : "false";
    const std::int32_t v = c.values[fact.slot];
    if (v == no_value) return std::nullopt;
    if (fact.type == FactType::Date) return to_iso(Date{v});
    if (fact.type == FactType::Choice) return fact.choices[static_cast<std::size_t>(v)];
    return std::to_string(v);
}

std::string operand_words(const RuleGraph& g, const Claim& c, const DateOperand& o) {
    switch (o.source) {
        case DateOperand::Source::Purchased: return fmt::format("the purchase ({})", to_iso(c.purchased));
        case DateOperand::Source::Claimed: return fmt::format("the claim ({})", to_iso(c.claimed));
        case DateOperand::Source::Fixed: return to_iso(o.fixed);
        case DateOperand::Source::Fact: {
            const auto v = value_words(g, c, o.fact);
            return v ? fmt::format("{} ({})", g.facts[o.fact].name, *v) : fmt::format("{} (not given)", g.facts[o.fact].name);
        }
    }
    return {};
}

class Narrator {
public:
    Narrator(const RuleGraph& g, const Claim& c, const Decision& d) : g_(g), c_(c), d_(d) {}

    // Describes the atoms evaluated (with the same short-circuiting as the interpreter).
    std::string why(Index condition) {
        std::vector<std::string> parts;
        walk(condition, false, parts);
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
        return out;
    }

private:
    const RuleGraph& g_;
    const Claim& c_;
    const Decision& d_;

    void walk(Index condition, bool negated, std::vector<std::string>& out) {
        const CondNode& n = g_.conditions[condition];
        switch (n.kind) {
            case CondKind::AnyOf:
            case CondKind::AllOf: {
                if (std::string words = part_in_words(n); !words.empty()) {
                    if (std::find(out.begin(), out.end(), words) == out.end()) out.push_back(std::move(words));
                    return;
                }
                const bool stop_on = n.kind == CondKind::AnyOf;
                for (Index i = 0; i < n.b; ++i) {
                    const Index child = g_.condition_children[n.a + i];
                    walk(child, negated, out);
                    if (holds(g_, child, c_, d_) == stop_on) break;
                }
                return;
            }
            case CondKind::Not: walk(n.a, !negated, out); return;
            default: {
                // The same words once: `(d is given and …) or (d is not given and …)` reads `d`
                // on both sides of the `or`.
                std::string words = atom(n, condition);
                if (std::find(out.begin(), out.end(), words) == out.end()) out.push_back(std::move(words));
            }
        }
    }

    // `part in [a, b, c]` said once: "the part is d, not a, b or c"; "" for any other node.
    std::string part_in_words(const CondNode& n) {
        if (n.kind != CondKind::AnyOf || n.b < 2) return "";
        std::vector<std::string> tested;
        for (Index i = 0; i < n.b; ++i) {
            const CondNode& child = g_.conditions[g_.condition_children[n.a + i]];
            if (child.kind != CondKind::PartIs || child.c != 0) return "";
            if (child.a == c_.part) return fmt::format("the part is {}", g_.parts[c_.part].name);
            tested.push_back(g_.parts[child.a].name);
        }
        const std::string last = tested.back();
        tested.pop_back();
        return fmt::format("the part is {}, not {} or {}", g_.parts[c_.part].name, fmt::join(tested, ", "), last);
    }

    std::string atom(const CondNode& n, Index condition) {
        const bool value = holds(g_, condition, c_, d_);
        const Model& model = g_.models[c_.model];
        switch (n.kind) {
            case CondKind::PartIs: {
                const std::string& part = g_.parts[c_.part].name;
                const std::string& tested = g_.parts[n.a].name;
                if (c_.part == n.a) return fmt::format("the part is {}", part);
                return fmt::format("the part is {}, not {}", part, tested);
            }
            case CondKind::WithinWarranty: {
                if (!d_.warranty_until) return fmt::format("{} has no warranty period for {}", model.name, g_.parts[c_.part].name);
                const auto until = *d_.warranty_until;
                if (value) return fmt::format("claimed {}, within the warranty that runs until {}", to_iso(c_.claimed), to_iso(until));
                return fmt::format("claimed {}, {} after the warranty ended on {}", to_iso(c_.claimed),
                                   days_word(c_.claimed.days - until.days), to_iso(until));
            }
            case CondKind::WithinAfter: {
                const std::string anchor_name = n.c == 0 ? std::string("purchase")
                                                : n.c == 1 ? std::string("the last repair")
                                                           : fmt::format("{} ({})", g_.facts[n.anchor_fact].name,
                                                                         g_.facts[n.anchor_fact].meaning);
                const auto anchor = window_anchor(g_, n, c_);
                const std::string limit = length_words(n.a, n.b == 0);
                if (!anchor) {
                    const char* apply = n.a == 1 ? "does not apply" : "do not apply";
                    if (n.c == 1) return fmt::format("no last repair is recorded, so the {} after it {}", limit, apply);
                    return fmt::format("the claim gives no {}, so the {} after it {}", g_.facts[n.anchor_fact].name, limit, apply);
                }
                const std::string subject_name = n.subject_fact == none ? "claimed" : g_.facts[n.subject_fact].name;
                const std::optional<Date> subject = window_subject(g_, n, c_);
                if (!subject) return fmt::format("the claim gives no {}", subject_name);
                const auto last = last_covered_day(g_, *anchor, window_length(n));
                if (*subject < *anchor) {
                    return fmt::format("{} {} is before {} ({})", subject_name, to_iso(*subject), anchor_name, to_iso(*anchor));
                }
                return fmt::format("{} {} after {}, {} the {} that {} on {}", subject_name, days_word(subject->days - anchor->days),
                                   anchor_name, value ? "within" : "beyond", limit, n.a == 1 ? "ends" : "end", to_iso(*last));
            }
            case CondKind::CountCompare: {
                const Fact& fact = g_.facts[n.a];
                return fmt::format("{} is {}, {}{} {}", fact.name, c_.values[fact.slot], value ? "" : "not ",
                                   comparison_words(static_cast<Comparison>(n.c)), n.b);
            }
            case CondKind::DateCompare:
                return fmt::format("{} is {}{} {}", operand_words(g_, c_, n.left), value ? "" : "not ",
                                   date_comparison_words(static_cast<Comparison>(n.c)), operand_words(g_, c_, n.right));
            case CondKind::DateGiven: {
                const auto v = value_words(g_, c_, n.a);
                return v ? fmt::format("{} is given: {}", g_.facts[n.a].name, *v)
                         : fmt::format("{} is not given", g_.facts[n.a].name);
            }
            case CondKind::ChoiceIn: {
                const Fact& fact = g_.facts[n.a];
                std::vector<std::string> accepted;
                for (std::size_t i = 0; i < fact.choices.size(); ++i) {
                    if ((n.b >> i) & 1u) accepted.push_back(fact.choices[i]);
                }
                const std::string given = value_words(g_, c_, n.a).value_or("?");
                // "CHOICE is VALUE" when it holds of one value; else the claim's value and the set.
                if (value && accepted.size() == 1) return fmt::format("{} is {}", fact.name, given);
                return fmt::format("{} is {}, {}{}", fact.name, given, value ? "" : "not ",
                                   accepted.size() == 1 ? accepted[0] : fmt::format("one of {}", fmt::join(accepted, ", ")));
            }
            case CondKind::AfterEndOfService:
                if (!model.end_of_service) return fmt::format("{} has no end-of-service date", model.name);
                return fmt::format("service for {} {} on {}", model.name, value ? "ended" : "ends", to_iso(*model.end_of_service));
            case CondKind::PurchasedOutside:
                return value ? fmt::format("bought outside {}", g_.info.region) : fmt::format("bought in {}", g_.info.region);
            case CondKind::InList: {
                const ModelList& list = g_.lists[n.a];
                const std::string label = list.label.empty() ? list.name : fmt::format("{} ({})", list.name, list.label);
                return fmt::format("{} is {}on the {} list", model.name, value ? "" : "not ", label);
            }
            case CondKind::InSeries:
                return fmt::format("{} is {}in series {}", model.name, value ? "" : "not ", g_.series[n.a].name);
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet: {
                const bool exclusion = n.kind == CondKind::AnyExclusion;
                std::vector<std::string> names;
                for (Index f = 0; f < g_.facts.size(); ++f) {
                    const Fact& fact = g_.facts[f];
                    const bool v = test_fact(c_.facts, f);
                    if (exclusion ? (fact.role == FactRole::Exclusion && v) : (fact.role == FactRole::Requirement && !v)) {
                        names.push_back(fact.name);
                    }
                }
                if (names.empty()) return exclusion ? "no exclusion holds" : "every requirement is met";
                return fmt::format("{} {}", exclusion ? "exclusion holds:" : "requirement not met:", fmt::join(names, ", "));
            }
            case CondKind::FactIs:
                return fmt::format("{} {}", g_.facts[n.a].name, value ? "holds" : "does not hold");
            default: return {};
        }
    }
};

std::string outcome_name(const RuleGraph& g, Index outcome) {
    return outcome == none ? "no answer" : g.outcomes[outcome].name;
}

// The days d on which rules or periods that compare the purchase with a calendar date
// (`purchased >= 2024-03-01`) treat purchases on d - 1 and on d apart, in order.
std::vector<std::int32_t> purchase_cuts(const RuleGraph& g) {
    std::vector<std::int32_t> out;
    for (const CondNode& n : g.conditions) add_purchase_cuts(n, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Whether `c` bought on `purchased` is still a claim: bought on or before its claim, its last
// repair and every date it gives.
bool may_be_bought_on(const RuleGraph& g, const Claim& c, Date purchased) {
    if (purchased > c.claimed || (c.last_repair && purchased > *c.last_repair)) return false;
    for (const Index f : g.value_facts) {
        const std::int32_t v = c.values[g.facts[f].slot];
        if (g.facts[f].type == FactType::Date && v != no_value && v < purchased.days) return false;
    }
    return true;
}

// Dates where some rule's answer may change: the ends of every span the claim is measured by.
std::vector<Date> boundaries(const RuleGraph& g, const Claim& c, const Decision& d) {
    std::vector<Date> out;
    if (d.warranty_until) out.push_back(*d.warranty_until);
    if (const auto& eos = g.models[c.model].end_of_service) out.push_back(*eos);
    for (const CondNode& n : g.conditions) {
        if (n.kind != CondKind::WithinAfter || n.subject_fact != none) continue;
        if (const auto anchor = window_anchor(g, n, c)) out.push_back(*last_covered_day(g, *anchor, window_length(n)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The days, between the purchase and the claim, on either side of which a test of the date
// fact `f` turns on this claim: the first and last day of a window it must fall in, and the
// day a comparison with another date of the claim changes; sorted, each once.
std::vector<std::int32_t> date_fact_turns(const RuleGraph& g, const Claim& c, Index f) {
    std::vector<std::int32_t> out;
    const auto around = [&](std::int32_t day) {
        for (const std::int32_t d : {day - 1, day, day + 1}) {
            if (d >= c.purchased.days && d <= c.claimed.days) out.push_back(d);
        }
    };
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::WithinAfter && n.subject_fact == f) {
            if (const auto anchor = window_anchor(g, n, c)) {
                around(anchor->days);
                around(last_covered_day(g, *anchor, window_length(n))->days);
            }
        } else if (n.kind == CondKind::DateCompare) {
            const bool left = n.left.source == DateOperand::Source::Fact && n.left.fact == f;
            const bool right = n.right.source == DateOperand::Source::Fact && n.right.fact == f;
            if (left == right) continue;  // not this fact, or compared with itself
            if (const auto other = operand_date(g, left ? n.right : n.left, c)) around(other->days);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

Explanation explain(const RuleGraph& g, const Claim& claim, const Decision& decision) {
    Explanation ex;
    Narrator narrator(g, claim, decision);
    for (Index r = 0; r < g.rules.size(); ++r) {
        const Rule& rule = g.rules[r];
        RuleStep step{r, r == decision.rule, rule.condition == none ? "always applies" : narrator.why(rule.condition)};
        ex.steps.push_back(std::move(step));
        if (r == decision.rule) break;
    }
    // Another claim's answer in words, when it differs: another outcome, or another period.
    // `when` says how the claim differs ("bought before 2024-03-01"); "" when it does not.
    const auto length_of = [&](Index period) {
        if (period == none) return std::string("none");
        const Length& l = g.periods[period].length;
        return length_words(l.count, l.unit == LengthUnit::Days);
    };
    const auto otherwise_words = [&](const Claim& other, const std::string& when) -> std::string {
        const Decision alt = decide(g, other);
        if (alt.outcome != decision.outcome) return fmt::format("{} this would be {}", when, outcome_name(g, alt.outcome));
        const std::string now = length_of(decision.period), then = length_of(alt.period);
        if (then == now) return "";
        return alt.period == none        ? fmt::format("{} there would be no warranty, not {}", when, now)
               : decision.period == none ? fmt::format("{} the warranty would be {} (there is none now)", when, then)
                                         : fmt::format("{} the warranty would be {}, not {}", when, then, now);
    };
    const auto answered_otherwise = [&](const Claim& other, const std::string& when) {
        std::string words = otherwise_words(other, when);
        if (words.empty()) return false;
        ex.alternatives.push_back(std::move(words));
        return true;
    };
    // Facts set away from their default: would the answer differ without that? And plain
    // true/false facts a rule or period reads by name, left at their default: would it differ
    // with them? (Exclusions and requirements left alone are not listed: each would change
    // most answers, and `any exclusion` already says none holds.)
    std::vector<bool> read_by_name(g.facts.size(), false);
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::FactIs && n.a != none) read_by_name[n.a] = true;
    }
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (fact.type != FactType::Bool) continue;
        const bool value = test_fact(claim.facts, f);
        if (value == fact.default_value && !(read_by_name[f] && fact.role == FactRole::Plain)) continue;
        Claim other = claim;
        set_fact(other.facts, f, !value);
        answered_otherwise(other, fmt::format("{} {}", value ? "without" : "with", fact.name));
    }
    // Counts and choices the rules compare: the nearest value on each side, and every other
    // choice, that would change the answer; a date given: without it, and moved.
    for (const Index f : g.value_facts) {
        const Fact& fact = g.facts[f];
        const std::int32_t current = claim.values[fact.slot];
        const auto with_value = [&](std::int32_t v) {
            Claim other = claim;
            other.values[fact.slot] = v;
            return other;
        };
        const auto differs = [&](std::int32_t v) { return !otherwise_words(with_value(v), "").empty(); };
        if (fact.type == FactType::Count) {
            std::vector<std::int32_t> tried;
            for (const CondNode& n : g.conditions) {
                if (n.kind != CondKind::CountCompare || n.a != f) continue;
                for (const std::int64_t v : {std::int64_t{n.b} - 1, std::int64_t{n.b}, std::int64_t{n.b} + 1}) {
                    if (v >= 0 && v != current && v <= INT32_MAX) tried.push_back(static_cast<std::int32_t>(v));
                }
            }
            // Days a warranty is extended by: for each period the claim's model and part may be
            // given that this count extends, the fewest days that reach the claim date; for the
            // period given, also the most that leave it out.
            const std::size_t slot = static_cast<std::size_t>(claim.model) * g.parts.size() + claim.part;
            for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
                const Period& p = g.periods[g.period_choices[i]];
                if (p.extension_fact != f) continue;
                Index start_fact = none;
                const auto end = last_covered_day(g, warranty_start(g, p, claim, start_fact), p.length);
                if (!end) continue;
                const std::int64_t beyond = std::int64_t{claim.claimed.days} - end->days;  // > 0: after the period's own end
                for (const std::int64_t v : {beyond, beyond - 1}) {
                    if (v >= 0 && v != current && v <= max_claim_count) tried.push_back(static_cast<std::int32_t>(v));
                }
            }
            std::sort(tried.begin(), tried.end());
            tried.erase(std::unique(tried.begin(), tried.end()), tried.end());
            const auto below = std::find_if(tried.rbegin(), tried.rend(), [&](std::int32_t v) { return v < current && differs(v); });
            const auto above = std::find_if(tried.begin(), tried.end(), [&](std::int32_t v) { return v > current && differs(v); });
            for (const auto* v : {below != tried.rend() ? &*below : nullptr, above != tried.end() ? &*above : nullptr}) {
                if (!v) continue;
                const std::int32_t step = *v - current;
                const std::string how = step == 1    ? "one more"
                                        : step == -1 ? "one fewer"
                                                     : fmt::format("{} {}", std::abs(step), step > 0 ? "more" : "fewer");
                answered_otherwise(with_value(*v), fmt::format("with {} {} ({} = {})", how, fact.name, fact.name, *v));
            }
        } else if (fact.type == FactType::Choice) {
            for (std::size_t i = 0; i < fact.choices.size(); ++i) {
                if (static_cast<std::int32_t>(i) == current) continue;
                answered_otherwise(with_value(static_cast<std::int32_t>(i)), fmt::format("with {} {}", fact.name, fact.choices[i]));
            }
        } else if (current != no_value) {
            answered_otherwise(with_value(no_value), "without " + fact.name);
            // The date moved to the nearest day on either side where a test of it (a window it
            // falls in, a comparison) turns: `registered_on` a day past its 30 days.
            const auto turns = date_fact_turns(g, claim, f);
            const auto moved = [&](std::int32_t day) {
                const std::int32_t step = day - current;
                return answered_otherwise(with_value(day), fmt::format("with {} {} ({} {})", fact.name, to_iso(Date{day}),
                                                                       days_word(std::abs(step)), step > 0 ? "later" : "earlier"));
            };
            for (auto it = std::lower_bound(turns.begin(), turns.end(), current); it != turns.begin();) {
                if (moved(*--it)) break;
            }
            for (auto it = std::upper_bound(turns.begin(), turns.end(), current); it != turns.end(); ++it) {
                if (moved(*it)) break;
            }
        }
    }
    // The nearest boundary before and after the claim date where the answer differs.
    const auto dates = boundaries(g, claim, decision);
    for (auto it = dates.rbegin(); it != dates.rend(); ++it) {
        if (*it >= claim.claimed || *it < claim.purchased) continue;
        Claim other = claim;
        other.claimed = *it;
        if (other.last_repair && *other.last_repair > other.claimed) continue;
        const Decision alt = decide(g, other);
        if (alt.outcome != decision.outcome) {
            ex.alternatives.push_back(fmt::format("claimed on or before {} this would have been {}; this claim is {} later",
                                                  to_iso(*it), outcome_name(g, alt.outcome), days_word(claim.claimed.days - it->days)));
            break;
        }
    }
    static const Date last_claim_day = *make_date(last_claim_year, 12, 31);
    for (const Date day : dates) {
        if (day < claim.claimed) continue;
        if (day >= last_claim_day) break;  // no claim is dated after it
        Claim other = claim;
        other.claimed = add_days(day, 1);
        const Decision alt = decide(g, other);
        if (alt.outcome != decision.outcome) {
            ex.alternatives.push_back(fmt::format("claimed after {} it would be {}", to_iso(day), outcome_name(g, alt.outcome)));
            break;
        }
    }
    // Bought on the other side of the nearest purchase date that rules or periods compare with
    // (`purchased >= 2024-03-01`): another answer, or another period.
    const auto bought_otherwise = [&](Date purchased, const std::string& when) {
        if (!may_be_bought_on(g, claim, purchased)) return false;
        Claim other = claim;
        other.purchased = purchased;
        return answered_otherwise(other, "bought " + when);
    };
    const std::vector<std::int32_t> cuts = purchase_cuts(g);
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
        if (*it > claim.purchased.days) continue;
        if (bought_otherwise(Date{*it - 1}, "before " + to_iso(Date{*it}))) break;
    }
    for (const std::int32_t cut : cuts) {
        if (cut <= claim.purchased.days) continue;
        if (bought_otherwise(Date{cut}, "on or after " + to_iso(Date{cut}))) break;
    }
    return ex;
}

std::string render_explanation(const RuleGraph& g, const Claim& claim, const Decision& decision) {
    const Explanation ex = explain(g, claim, decision);
    const Model& model = g.models[claim.model];
    std::string out;
    out += fmt::format("Claim: {}, part {}, bought {}{}, claimed {} ({} after purchase)\n", model.name,
                       g.parts[claim.part].name, to_iso(claim.purchased),
                       claim.outside_region ? fmt::format(" outside {}", g.info.region) : fmt::format(" in {}", g.info.region),
                       to_iso(claim.claimed), days_word(claim.claimed.days - claim.purchased.days));
    std::vector<std::string> set;
    for (Index f = 0; f < g.facts.size(); ++f) {
        const bool v = test_fact(claim.facts, f);
        if (g.facts[f].type == FactType::Bool) {
            if (v != g.facts[f].default_value) set.push_back(fmt::format("{}{}", v ? "" : "no ", g.facts[f].name));
            continue;
        }
        const std::int32_t value = claim.values[g.facts[f].slot];
        if (value != g.value_defaults[g.facts[f].slot]) {
            set.push_back(fmt::format("{} {}", g.facts[f].name, value_words(g, claim, f).value_or("not given")));
        }
    }
    out += fmt::format("Facts: {}\n", set.empty() ? "as usual (every fact at its default)" : fmt::format("{}", fmt::join(set, ", ")));
    if (decision.period != none) {
        const Period& p = g.periods[decision.period];
        out += fmt::format("Warranty for the {}: {}", g.parts[claim.part].name,
                           length_words(p.length.count, p.length.unit == LengthUnit::Days));
        if (decision.warranty_start_fact != none) {
            const Fact& start = g.facts[decision.warranty_start_fact];
            out += fmt::format(" from {} on {}", start.meaning.empty() ? start.name : fmt::format("{} ({})", start.name, start.meaning),
                               to_iso(decision.warranty_from));
        } else if (p.start_fact != none) {
            out += fmt::format(" from the purchase ({} not given)", g.facts[p.start_fact].name);
        }
        if (decision.warranty_extension > 0) {
            out += fmt::format(", extended by {} {} ({})", decision.warranty_extension, decision.warranty_extension == 1 ? "day" : "days",
                               g.facts[p.extension_fact].name);
        } else if (p.extension_fact != none) {
            out += fmt::format(", not extended ({} is 0)", g.facts[p.extension_fact].name);
        }
        if (decision.warranty_floor) {
            const bool repair = p.floor_anchor == Period::FloorAnchor::LastRepair;
            const Date anchor = repair ? *claim.last_repair : *fact_date(claim, g.facts[p.floor_fact]);
            out += fmt::format(", and at least {} after {} on {}", length_words(p.floor_length.count, p.floor_length.unit == LengthUnit::Days),
                               repair ? std::string("the last repair") : g.facts[p.floor_fact].name, to_iso(anchor));
        }
        out += fmt::format(", until {}", to_iso(*decision.warranty_until));
        if (p.clause != none) out += fmt::format(" [{}]", g.clauses[p.clause].id);
        if (decision.warranty_start_fact != none && p.start_clause != none && p.start_clause != p.clause) {
            out += fmt::format(" [{}]", g.clauses[p.start_clause].id);
        }
        if (decision.warranty_extension > 0 && p.extension_clause != none && p.extension_clause != p.clause &&
            !(decision.warranty_start_fact != none && p.extension_clause == p.start_clause)) {
            out += fmt::format(" [{}]", g.clauses[p.extension_clause].id);
        }
        out += '\n';
        // Why this period and not the plain one: its `when`, in the policy's words (from the
        // graph, so that a policy read from an image explains alike).
        if (p.condition != none) out += fmt::format("  (the period for claims where {})\n", condition_text(g, p.condition));
    } else {
        out += fmt::format("Warranty for the {}: none declared for {}\n", g.parts[claim.part].name, model.name);
    }
    out += "\nRules, in order:\n";
    for (std::size_t i = 0; i < ex.steps.size(); ++i) {
        const RuleStep& step = ex.steps[i];
        const Rule& rule = g.rules[step.rule];
        out += fmt::format("  {}. {} -> {}: {} ({})\n", i + 1, rule.name, outcome_name(g, rule.outcome),
                           step.applies ? "applies" : "does not apply", step.why);
    }
    const std::string verdict = outcome_name(g, decision.outcome);
    const std::string label = decision.outcome != none ? g.outcomes[decision.outcome].label : "";
    out += fmt::format("\nAnswer: {}{}\n", verdict, label.empty() ? "" : fmt::format(" — {}", label));
    const auto& services = decision_services(g, decision);
    if (!services.empty() && decision.rule != none && requires_warranty(g, g.rules[decision.rule].condition)) {
        std::vector<std::string> names;
        for (const Index s : services) {
            names.push_back(g.services[s].label.empty() ? g.services[s].name
                                                        : fmt::format("{} ({})", g.services[s].name, g.services[s].label));
        }
        out += fmt::format("Served: {}\n", fmt::join(names, ", "));
    }
    out += "Per the policy:\n";
    for (const Index c : deciding_clauses(g, claim, decision)) {
        out += fmt::format("  [{}] \"{}\"\n", g.clauses[c].id, g.clauses[c].text);
    }
    if (!ex.alternatives.empty()) {
        out += "What would change the answer:\n";
        for (const std::string& alt : ex.alternatives) out += fmt::format("  - {}\n", alt);
    }
    return out;
}

}  // namespace warrant
