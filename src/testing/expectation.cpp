#include "testing/expectation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "diag/suggest.hpp"

namespace warrant {

namespace {

template <typename T, typename Name>
Index find(const std::vector<T>& items, std::string_view wanted, Name name_of) {
    for (Index i = 0; i < items.size(); ++i) {
        if (name_of(items[i]) == wanted) return i;
    }
    return none;
}

template <typename T, typename Name>
void report_unknown(Diagnostics& diags, const ast::Word& word, const char* kind, const std::vector<T>& items,
                    Name name_of) {
    std::vector<std::string> names;
    for (const T& item : items) names.push_back(name_of(item));
    auto& d = diags.report(Code::ExampleUnknownName, word.span, fmt::format("unknown {} `{}`", kind, word.text));
    d.hint = did_you_mean(nearest_names(word.text, names));
    if (d.hint.empty() && !names.empty() && names.size() <= 8) {
        std::string all;
        for (const auto& n : names) all += fmt::format("{}`{}`", all.empty() ? "" : ", ", n);
        d.hint = fmt::format("declared {}s: {}", kind, all);
    }
}

std::string until_words(const std::optional<Date>& until) { return until ? to_iso(*until) : "none"; }

std::string clause_list(const RuleGraph& g, const std::vector<Index>& clauses) {
    std::string out;
    for (const Index c : clauses) out += fmt::format("{}{}", out.empty() ? "" : ", ", g.clauses[c].id);
    return out;
}

}  // namespace

std::optional<Expectation> example_expectation(const RuleGraph& g, const ast::ExampleDecl& ex, Diagnostics& diags) {
    Expectation out;
    bool ok = true;
    const auto term_name = [](const Term& t) -> const std::string& { return t.name; };
    const auto clause_id = [](const Clause& c) -> const std::string& { return c.id; };
    out.outcome = find(g.outcomes, ex.outcome.text, term_name);
    if (out.outcome == none) {
        report_unknown(diags, ex.outcome, "outcome", g.outcomes, term_name);
        ok = false;
    }
    if (ex.until) {
        out.checks_until = true;
        if (ex.until->text != "none") {
            out.until = parse_iso_date(ex.until->text);
            if (!out.until) {
                diags.report(Code::ExampleImpossibleDate, ex.until->span, fmt::format("`{}` is not a date", ex.until->text))
                    .hint = describe_bad_date(ex.until->text);
                ok = false;
            }
        }
    }
    for (const ast::Word& id : ex.clauses) {
        const Index c = find(g.clauses, id.text, clause_id);
        if (c == none) {
            report_unknown(diags, id, "clause", g.clauses, clause_id);
            ok = false;
        } else if (std::find(out.clauses.begin(), out.clauses.end(), c) == out.clauses.end()) {
            out.clauses.push_back(c);
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::vector<std::string> mismatches(const RuleGraph& g, const Expectation& expected, const Claim& claim,
                                    const Decision& decision) {
    std::vector<std::string> out;
    if (decision.outcome != expected.outcome) {
        out.push_back(fmt::format("the answer is `{}`, not `{}`",
                                  decision.outcome == none ? "no answer" : g.outcomes[decision.outcome].name,
                                  g.outcomes[expected.outcome].name));
    }
    if (expected.checks_until && decision.warranty_until != expected.until) {
        if (!decision.warranty_until) {
            out.push_back(fmt::format("the part has no warranty period, not one until {}", to_iso(*expected.until)));
        } else if (!expected.until) {
            out.push_back(fmt::format("the warranty runs until {}, but the example expects none", to_iso(*decision.warranty_until)));
        } else {
            out.push_back(fmt::format("the warranty runs until {}, not {}", to_iso(*decision.warranty_until),
                                      to_iso(*expected.until)));
        }
    }
    const std::vector<Index> deciding = deciding_clauses(g, claim, decision);
    std::vector<Index> absent;
    for (const Index c : expected.clauses) {
        if (std::find(deciding.begin(), deciding.end(), c) == deciding.end()) absent.push_back(c);
    }
    if (!absent.empty()) {
        out.push_back(fmt::format("{} {} not among the deciding clauses", clause_list(g, absent),
                                  absent.size() == 1 ? "is" : "are"));
    }
    return out;
}

std::string describe(const RuleGraph& g, const Expectation& expected) {
    std::string out = g.outcomes[expected.outcome].name;
    if (expected.checks_until) out += " until " + until_words(expected.until);
    if (!expected.clauses.empty()) out += " by " + clause_list(g, expected.clauses);
    return out;
}

std::string describe(const RuleGraph& g, const Claim& claim, const Decision& decision) {
    std::string out = decision.outcome == none ? "no answer" : g.outcomes[decision.outcome].name;
    out += " until " + until_words(decision.warranty_until);
    const std::vector<Index> deciding = deciding_clauses(g, claim, decision);
    if (!deciding.empty()) out += " by " + clause_list(g, deciding);
    return out;
}

}  // namespace warrant
