// Conditions on counts, dates and choices that the claim's own constraints decide in advance:
// comparisons and choice tests that always hold or never hold (W4117), declared values of a
// choice that no test names (W4118), and `within` windows no claim can fall in or that only
// restate `is given` (W4119).
//
// What a claim is known to satisfy (src/interp/claim.cpp refuses any other claim):
//   * a count is a whole number from 0 to max_claim_count;
//   * purchased <= claimed, and a date fact the claim gives falls between the two;
//   * a choice always has a value: one the claim gives, or its default (a choice without a
//     default must be given).
// A test of a date fact the claim does not give is false, so a comparison that the order
// makes true holds exactly when the claim gives the date.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

// What the claim's constraints make of an atom.
enum class Fixed { No, Always, Never, WhenGiven };

struct Verdict {
    Fixed fixed = Fixed::No;
    Index fact = none;  // WhenGiven: the date fact whose presence decides
    std::string why;    // the constraint that decides it
};

Fixed negate(Fixed f) {
    switch (f) {
        case Fixed::Always: return Fixed::Never;
        case Fixed::Never: return Fixed::Always;
        default: return f;  // WhenGiven flips to "when not given"; the caller says so
    }
}

// The source text of a condition, on one line: white space runs folded, a trailing comment cut.
std::string condition_text(const RuleGraph& g, const SourceSpan& span) {
    if (!g.source) return {};
    std::string_view t = g.source->text().substr(span.begin, span.end - span.begin);
    if (const auto hash = t.find('#'); hash != std::string_view::npos) t = t.substr(0, hash);
    std::string out;
    bool space = false;
    for (const char ch : t) {
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

Verdict count_verdict(const CondNode& n) {
    const auto c = static_cast<Comparison>(n.c);
    const std::int64_t number = n.b;
    const bool at_low = compare(0, c, number), at_high = compare(max_claim_count, c, number);
    bool always = false, never = false;
    if (c == Comparison::Equal) {
        never = number < 0 || number > max_claim_count;
    } else {  // monotone in the count: the two ends decide
        always = at_low && at_high;
        never = !at_low && !at_high;
    }
    if (always) return {Fixed::Always, none, fmt::format("a count is a whole number from 0 to {}", max_claim_count)};
    if (never) return {Fixed::Never, none, fmt::format("a count is a whole number from 0 to {}", max_claim_count)};
    return {};
}

// Where a date operand stands in the claim's order: purchase 0, a date fact 1, claim 2;
// -1 for a fixed date, which the order does not place.
int rank(const DateOperand& o) {
    switch (o.source) {
        case DateOperand::Source::Purchased: return 0;
        case DateOperand::Source::Fact: return 1;
        case DateOperand::Source::Claimed: return 2;
        case DateOperand::Source::Fixed: return -1;
    }
    return -1;
}

Verdict date_verdict(const RuleGraph& g, const CondNode& n) {
    const DateOperand& l = n.left;
    const DateOperand& r = n.right;
    const int lr = rank(l), rr = rank(r);
    if (lr < 0 || rr < 0) return {};
    // Which relations the order guarantees between left and right: `le` left <= right,
    // `ge` left >= right, `eq` both.
    bool le = false, ge = false;
    if (l.source == DateOperand::Source::Fact && r.source == DateOperand::Source::Fact) {
        if (l.fact != r.fact) return {};  // two dates of the claim come in either order
        le = ge = true;
    } else if (lr == rr) {
        le = ge = true;  // the purchase or the claim with itself
    } else {
        le = lr < rr;
        ge = lr > rr;
    }
    const auto c = static_cast<Comparison>(n.c);
    bool always = false, never = false;
    switch (c) {
        case Comparison::AtLeast: always = ge; never = false; break;
        case Comparison::AtMost: always = le; break;
        case Comparison::Above: never = le; break;
        case Comparison::Below: never = ge; break;
        case Comparison::Equal: always = le && ge; break;
    }
    if (!always && !never) return {};
    // The date fact the comparison needs the claim to give, if any.
    const Index fact = l.source == DateOperand::Source::Fact ? l.fact : r.source == DateOperand::Source::Fact ? r.fact : none;
    std::string why;
    if (l.source == DateOperand::Source::Fact && r.source == DateOperand::Source::Fact) {
        why = fmt::format("it compares `{}` with itself", g.facts[fact].name);
    } else if (fact != none) {
        why = fmt::format("a date the claim gives (`{}`) falls between the purchase and the claim; claims where it does not are refused",
                          g.facts[fact].name);
    } else {
        why = "the purchase is never after the claim";
    }
    if (never) return {Fixed::Never, fact, std::move(why)};
    return {fact == none ? Fixed::Always : Fixed::WhenGiven, fact, std::move(why)};
}

Verdict choice_verdict(const RuleGraph& g, const CondNode& n) {
    const Fact& fact = g.facts[n.a];
    const std::size_t values = fact.choices.size();
    const std::uint32_t all = values >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << values) - 1;
    const std::uint32_t mask = n.b & all;
    // Every claim has a value: the one it gives, or the default (without one it must give it).
    if (mask == all) return {Fixed::Always, none, fmt::format("it names every value of `{}`, and every claim has one", fact.name)};
    if (mask == 0) return {Fixed::Never, none, fmt::format("it names no value of `{}`", fact.name)};
    return {};
}

Verdict window_verdict(const RuleGraph& g, const CondNode& n) {
    // The subject (the claim date, or a date fact) is never before the purchase, and the claim
    // date is never before any anchor; only a date measured from itself is decided.
    if (n.c == 2 && n.subject_fact != none && n.subject_fact == n.anchor_fact) {
        return {Fixed::WhenGiven, n.subject_fact,
                fmt::format("it measures `{}` from itself, and a window includes its first day", g.facts[n.subject_fact].name)};
    }
    return {};
}

Verdict verdict(const RuleGraph& g, const CondNode& n) {
    switch (n.kind) {
        case CondKind::CountCompare: return count_verdict(n);
        case CondKind::DateCompare: return date_verdict(g, n);
        case CondKind::ChoiceIn: return choice_verdict(g, n);
        case CondKind::WithinAfter: return window_verdict(g, n);
        default: return {};
    }
}

// The date facts an atom needs the claim to give: a test of one the claim leaves out is false.
template <typename Visit>
void dates_needed(const RuleGraph& g, const CondNode& n, Visit&& visit) {
    if (n.kind == CondKind::DateCompare || n.kind == CondKind::WithinAfter) {
        for_each_fact_read(n, [&](Index f) { if (g.facts[f].type == FactType::Date) visit(f); });
    }
}

class Checker {
public:
    explicit Checker(Context& cx) : cx_(cx), g_(cx.graph) {}

    void condition(Index c) {
        if (c == none) return;
        const CondNode& n = g_.conditions[c];
        switch (n.kind) {
            case CondKind::AnyOf:
            case CondKind::AllOf:
                if (n.kind == CondKind::AllOf) conjunction(n);
                for (Index i = 0; i < n.b; ++i) condition(g_.condition_children[n.a + i]);
                return;
            case CondKind::Not: {
                // `is not`, `not in` and `not (...)` around a decided atom: report the whole.
                Index inner = n.a;
                bool negated = true;
                while (g_.conditions[inner].kind == CondKind::Not) {
                    inner = g_.conditions[inner].a;
                    negated = !negated;
                }
                const CondNode& atom = g_.conditions[inner];
                Verdict v = verdict(g_, atom);
                if (v.fixed == Fixed::No) {
                    condition(inner);
                    return;
                }
                report(n, atom.kind, v, negated);
                return;
            }
            default: {
                const Verdict v = verdict(g_, n);
                if (v.fixed != Fixed::No) report(n, n.kind, v, false);
                return;
            }
        }
    }

private:
    Context& cx_;
    const RuleGraph& g_;

    // `n` is the atom, or the `not` around it; `atom` the kind of the atom itself.
    void report(const CondNode& n, CondKind atom, const Verdict& v, bool negated) {
        const std::string text = condition_text(g_, n.span);
        const Fixed fixed = negated ? negate(v.fixed) : v.fixed;
        const bool window = atom == CondKind::WithinAfter;
        if (fixed == Fixed::WhenGiven) {
            const std::string& date = g_.facts[v.fact].name;
            const std::string same = fmt::format("`{} is{} given`", date, negated ? " not" : "");
            auto& d = cx_.diags.report(window ? Code::DegenerateWindow : Code::ConstantCondition, n.span,
                                       fmt::format("`{}` holds exactly when the claim {} `{}`: {}", text,
                                                   negated ? "does not give" : "gives", date, v.why));
            d.hint = window ? fmt::format("if the window is meant from another date, name it (`claimed within ... after {}`); if not, write {}", date, same)
                            : fmt::format("write {} if that is what is meant; otherwise compare with the date meant", same);
            return;
        }
        const bool always = fixed == Fixed::Always;
        auto& d = cx_.diags.report(Code::ConstantCondition, n.span,
                                   fmt::format("`{}` {}: {}", text, always ? "always holds" : "can never hold", v.why));
        d.hint = always ? std::string("remove the condition, or write the number, date or values meant")
                        : std::string("remove the condition (and the rule or period, if nothing else reaches it), or write the number, date or values meant");
        if (atom == CondKind::CountCompare) {
            d.hint = always ? "remove the condition; to ask for at least one, compare with 1 (`>= 1`)"
                            : "remove the condition (and the rule, if nothing else reaches it), or compare with the number meant";
        }
    }

    // `D is not given and <a test that needs D>`: the conjunction can never hold.
    void conjunction(const CondNode& n) {
        for (Index i = 0; i < n.b; ++i) {
            const CondNode& absent = g_.conditions[g_.condition_children[n.a + i]];
            if (absent.kind != CondKind::Not || g_.conditions[absent.a].kind != CondKind::DateGiven) continue;
            const Index date = g_.conditions[absent.a].a;
            for (Index j = 0; j < n.b; ++j) {
                const CondNode& other = g_.conditions[g_.condition_children[n.a + j]];
                bool needs = false;
                dates_needed(g_, other, [&](Index f) { needs = needs || f == date; });
                if (!needs) continue;
                auto& d = cx_.diags.report(other.kind == CondKind::WithinAfter ? Code::DegenerateWindow : Code::ConstantCondition,
                                           other.span,
                                           fmt::format("`{}` can never hold here: it needs the claim to give `{}`, and `{}` asks that it does not",
                                                       condition_text(g_, other.span), g_.facts[date].name,
                                                       condition_text(g_, absent.span)));
                d.notes.push_back({absent.span, "the claim is required not to give the date here"});
                d.hint = "these two cannot both hold: remove one, or join them with `or`";
            }
        }
    }
};

void untested_choice_values(Context& cx) {
    const RuleGraph& g = cx.graph;
    std::vector<std::uint32_t> named(g.facts.size(), 0);
    std::vector<bool> tested(g.facts.size(), false);
    for (const CondNode& n : g.conditions) {
        if (n.kind != CondKind::ChoiceIn || n.a == none) continue;
        named[n.a] |= n.b;
        tested[n.a] = true;
    }
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (fact.type != FactType::Choice || !tested[f]) continue;  // untested at all: W4111
        std::vector<std::string> untested;
        for (std::size_t i = 0; i < fact.choices.size(); ++i) {
            if (!((named[f] >> i) & 1u)) untested.push_back(fact.choices[i]);
        }
        // One value left out is told apart by elimination: the tests of the others are false.
        if (untested.size() < 2) continue;
        const std::optional<std::int32_t> default_index = fact.default_number;
        for (std::size_t i = 0; i < fact.choices.size(); ++i) {
            if ((named[f] >> i) & 1u) continue;
            if (default_index && static_cast<std::size_t>(*default_index) == i) continue;  // what claims that say nothing get
            std::vector<std::string> alike;
            for (const std::string& v : untested) if (v != fact.choices[i]) alike.push_back(v);
            // The value where the declaration writes it, else the declaration.
            SourceSpan where = fact.span;
            for (const ast::FactDecl& decl : cx.module.facts) {
                if (decl.span == fact.span && i < decl.choices.size()) where = decl.choices[i].span;
            }
            auto& d = cx.diags.report(Code::UntestedChoiceValue, where,
                                      fmt::format("no rule or period tests value `{}` of `{}`: claims giving it are answered as those giving {}",
                                                  fact.choices[i], fact.name, name_list(alike)));
            d.hint = fmt::format("test it where the source treats it apart (`{} is {}`), or remove it from the values; if the source lists it to answer it like the others, suppress this warning with the reason",
                                 fact.name, fact.choices[i]);
        }
    }
}

}  // namespace

void check_typed_conditions(Context& cx) {
    Checker checker(cx);
    for (const Rule& r : cx.graph.rules) checker.condition(r.condition);
    for (const Period& p : cx.graph.periods) checker.condition(p.condition);
    untested_choice_values(cx);
}

}  // namespace warrant::checks
