// The policy writer's invariants: `invariant NAME "message" for SCOPE require CONDITION`. Each
// model in scope must satisfy the condition; each one that does not is an error (E4001) at its
// declaration, with the writer's message. Periods are those a claim stating no facts gets (every
// fact at its default). Months and days are never converted into each other: comparing them is
// an error (E4002), since 6 months is 181 to 184 days depending on the start.
//
// The resolver does not see invariants, so their names are resolved here, with its codes.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "diag/suggest.hpp"
#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

using Truth = std::optional<bool>;  // nullopt: cannot be decided (months against days)

template <typename T>
std::map<std::string_view, Index> index_by_name(const std::vector<T>& items) {
    std::map<std::string_view, Index> index;
    for (Index i = 0; i < items.size(); ++i) index.emplace(items[i].name, i);
    return index;
}

template <typename T>
bool compare(ast::Comparison c, const T& left, const T& right) {
    switch (c) {
        case ast::Comparison::AtLeast: return left >= right;
        case ast::Comparison::AtMost: return left <= right;
        case ast::Comparison::Above: return left > right;
        case ast::Comparison::Below: return left < right;
        case ast::Comparison::Equal: return left == right;
    }
    return false;
}

class InvariantChecker {
public:
    explicit InvariantChecker(Context& cx)
        : cx_(cx), g_(cx.graph), parts_(index_by_name(g_.parts)), series_(index_by_name(g_.series)),
          lists_(index_by_name(g_.lists)) {}

    void run() {
        std::map<std::string_view, SourceSpan> names;
        for (const ast::InvariantDecl& inv : cx_.module.invariants) {
            if (const auto [it, fresh] = names.emplace(inv.name.text, inv.name.span); !fresh) {
                auto& d = cx_.diags.report(Code::DuplicateDeclaration, inv.name.span,
                                           fmt::format("invariant `{}` is declared twice", inv.name.text));
                d.notes.push_back({it->second, "first declared here"});
                d.hint = "give it another name";
            }
            check(inv);
        }
    }

private:
    Context& cx_;
    const RuleGraph& g_;
    std::map<std::string_view, Index> parts_, series_, lists_;
    std::set<const ast::Expr*> incomparable_reported_;

    Index lookup(const std::map<std::string_view, Index>& index, const ast::Word& word, Code code, const char* kind) {
        if (const auto it = index.find(word.text); it != index.end()) return it->second;
        std::vector<std::string> names;
        for (const auto& [name, i] : index) names.emplace_back(name);
        auto& d = cx_.diags.report(code, word.span, fmt::format("unknown {} `{}`", kind, word.text));
        d.hint = did_you_mean(nearest_names(word.text, names));
        if (d.hint.empty() && !names.empty() && names.size() <= 8) {
            std::string all;
            for (const auto& n : names) all += fmt::format("{}`{}`", all.empty() ? "" : ", ", n);
            d.hint = fmt::format("declared {}s: {}", kind, all);
        } else if (d.hint.empty()) {
            d.hint = fmt::format("declare {} `{}`, or name a declared one", kind, word.text);
        }
        return none;
    }

    // Reports every unknown name and impossible date in a requirement; true when there is none.
    bool resolve(const ast::Expr& e) {
        return std::visit(
            [&](const auto& k) -> bool {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, ast::AnyOf> || std::is_same_v<K, ast::AllOf>) {
                    bool ok = true;
                    for (const auto& operand : k.operands) ok = resolve(*operand) && ok;
                    return ok;
                } else if constexpr (std::is_same_v<K, ast::Not>) {
                    return resolve(*k.operand);
                } else if constexpr (std::is_same_v<K, ast::PeriodBound>) {
                    return lookup(parts_, k.part, Code::UnknownPart, "part") != none;
                } else if constexpr (std::is_same_v<K, ast::EndOfServiceBound>) {
                    if (!k.date || parse_iso_date(k.date->text)) return true;
                    cx_.diags.report(Code::ImpossibleDate, k.date->span, fmt::format("`{}` is not a date", k.date->text))
                        .hint = describe_bad_date(k.date->text);
                    return false;
                } else if constexpr (std::is_same_v<K, ast::InList>) {
                    return lookup(lists_, k.list, Code::UnknownList, "list") != none;
                } else if constexpr (std::is_same_v<K, ast::InSeries>) {
                    return lookup(series_, k.series, Code::UnknownSeries, "series") != none;
                } else {
                    return true;  // the grammar admits nothing else in a requirement
                }
            },
            e.kind);
    }

    void check(const ast::InvariantDecl& inv) {
        std::vector<Index> scope;
        bool ok = true;
        switch (inv.scope) {
            case ast::InvariantDecl::Scope::Every:
                scope.resize(g_.models.size());
                for (Index m = 0; m < g_.models.size(); ++m) scope[m] = m;
                break;
            case ast::InvariantDecl::Scope::Series: {
                const Index s = lookup(series_, inv.scope_name, Code::UnknownSeries, "series");
                if (s == none) ok = false; else scope = g_.series[s].models;
                break;
            }
            case ast::InvariantDecl::Scope::List: {
                const Index l = lookup(lists_, inv.scope_name, Code::UnknownList, "list");
                if (l == none) ok = false; else scope = g_.lists[l].models;
                break;
            }
        }
        if (!resolve(*inv.requirement) || !ok) return;
        for (const Index m : scope) {
            const Truth holds = evaluate(*inv.requirement, m);
            if (!holds || *holds) continue;  // undecidable ones were reported as E4002
            const Model& model = g_.models[m];
            auto& d = cx_.diags.report(Code::InvariantViolated, model.span,
                                       fmt::format("`{}` breaks invariant `{}`: {}", model.name, inv.name.text, inv.message.value));
            d.notes.push_back({inv.span, "the invariant"});
            std::vector<std::string> facts;
            describe_model(*inv.requirement, m, facts);
            d.hint = fmt::format("`{}` {}; change its declarations or the invariant", model.name, join(facts));
        }
    }

    Truth evaluate(const ast::Expr& e, Index m) {
        return std::visit(
            [&](const auto& k) -> Truth {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, ast::AnyOf> || std::is_same_v<K, ast::AllOf>) {
                    // Three-valued: one decided operand can settle what an undecidable one cannot.
                    const bool any = std::is_same_v<K, ast::AnyOf>;
                    Truth result = !any;
                    for (const auto& operand : k.operands) {
                        const Truth t = evaluate(*operand, m);
                        if (t && *t == any) return any;
                        if (!t) result = std::nullopt;
                    }
                    return result;
                } else if constexpr (std::is_same_v<K, ast::Not>) {
                    const Truth t = evaluate(*k.operand, m);
                    return t ? Truth(!*t) : std::nullopt;
                } else if constexpr (std::is_same_v<K, ast::PeriodBound>) {
                    return period_bound(e, k, m);
                } else if constexpr (std::is_same_v<K, ast::EndOfServiceBound>) {
                    const auto& end = g_.models[m].end_of_service;
                    if (!k.comparison || !k.date) return end.has_value();
                    return end.has_value() && compare(*k.comparison, *end, *parse_iso_date(k.date->text));
                } else if constexpr (std::is_same_v<K, ast::InList>) {
                    return g_.list_membership[lists_.at(k.list.text)][m] ? true : false;
                } else if constexpr (std::is_same_v<K, ast::InSeries>) {
                    return g_.models[m].series == series_.at(k.series.text);
                } else {
                    return std::nullopt;
                }
            },
            e.kind);
    }

    Truth period_bound(const ast::Expr& e, const ast::PeriodBound& bound, Index m) {
        const Index part = parts_.at(bound.part.text);
        const Index p = cx_.period_at_defaults(m, part);
        if (p == none) return false;  // no period at all meets no bound
        const Length& have = g_.periods[p].length;
        const LengthUnit want = bound.length.unit == ast::Unit::Days ? LengthUnit::Days : LengthUnit::Months;
        if (have.unit == want) return compare(bound.comparison, have.count, bound.length.count);
        if (incomparable_reported_.insert(&e).second) {
            auto& d = cx_.diags.report(Code::IncomparableDurations, e.span,
                                       fmt::format("cannot compare {} with {}: `{}` has {} for `{}`",
                                                   want == LengthUnit::Months ? "months" : "days",
                                                   want == LengthUnit::Months ? "days" : "months", g_.models[m].name,
                                                   describe(have), bound.part.text));
            d.notes.push_back({g_.periods[p].span, "the period"});
            d.hint = fmt::format("state the bound in {}, as the period is; a month is 28 to 31 days, so the two do not convert",
                                 have.unit == LengthUnit::Months ? "months" : "days");
        }
        return std::nullopt;
    }

    // What the model has of each thing the requirement reads, for the hint.
    void describe_model(const ast::Expr& e, Index m, std::vector<std::string>& out) {
        const auto add = [&](std::string fact) {
            if (std::find(out.begin(), out.end(), fact) == out.end()) out.push_back(std::move(fact));
        };
        std::visit(
            [&](const auto& k) {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, ast::AnyOf> || std::is_same_v<K, ast::AllOf>) {
                    for (const auto& operand : k.operands) describe_model(*operand, m, out);
                } else if constexpr (std::is_same_v<K, ast::Not>) {
                    describe_model(*k.operand, m, out);
                } else if constexpr (std::is_same_v<K, ast::PeriodBound>) {
                    const Index p = cx_.period_at_defaults(m, parts_.at(k.part.text));
                    add(p == none ? fmt::format("has no period for `{}`", k.part.text)
                                  : fmt::format("has {} for `{}`", describe(g_.periods[p].length), k.part.text));
                } else if constexpr (std::is_same_v<K, ast::EndOfServiceBound>) {
                    const auto& end = g_.models[m].end_of_service;
                    add(end ? fmt::format("ends service on {}", to_iso(*end)) : std::string("has no end-of-service date"));
                } else if constexpr (std::is_same_v<K, ast::InList>) {
                    const bool in = g_.list_membership[lists_.at(k.list.text)][m];
                    add(fmt::format("is {}in list `{}`", in ? "" : "not ", k.list.text));
                } else if constexpr (std::is_same_v<K, ast::InSeries>) {
                    add(fmt::format("is in series `{}`", g_.series[g_.models[m].series].name));
                }
            },
            e.kind);
    }

    static std::string join(const std::vector<std::string>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
            out += items[i];
        }
        return out;
    }
};

}  // namespace

void check_invariants(Context& cx) { InvariantChecker(cx).run(); }

}  // namespace warrant::checks
