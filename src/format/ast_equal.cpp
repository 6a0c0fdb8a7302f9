// Node by node, every field but the spans. Written out in full (rather than with defaulted
// operator==) because the spans, which must differ, sit in every node.
#include "format/ast_equal.hpp"

#include <algorithm>

namespace warrant::format {

namespace {

bool same(const ast::Word& a, const ast::Word& b) { return a.text == b.text; }
bool same(const ast::Text& a, const ast::Text& b) { return a.value == b.value; }
bool same(const ast::Duration& a, const ast::Duration& b) { return a.count == b.count && a.unit == b.unit; }
bool same(const ast::DateRef& a, const ast::DateRef& b) { return a.kind == b.kind && same(a.fact, b.fact); }
bool same(const ast::CompareValue& a, const ast::CompareValue& b) { return a.kind == b.kind && same(a.word, b.word); }

// Declared before the templates below, which find them by ordinary lookup.
bool same(const ast::ExprPtr& a, const ast::ExprPtr& b);
bool same(const ast::PolicyItem& a, const ast::PolicyItem& b);
bool same(const ast::PolicyDecl& a, const ast::PolicyDecl& b);
bool same(const ast::CalendarItem& a, const ast::CalendarItem& b);
bool same(const ast::CalendarDecl& a, const ast::CalendarDecl& b);
bool same(const ast::ClauseDecl& a, const ast::ClauseDecl& b);
bool same(const ast::VocabularyDecl& a, const ast::VocabularyDecl& b);
bool same(const ast::FactDecl& a, const ast::FactDecl& b);
bool same(const ast::ModelDecl& a, const ast::ModelDecl& b);
bool same(const ast::SeriesDecl& a, const ast::SeriesDecl& b);
bool same(const ast::Target& a, const ast::Target& b);
bool same(const ast::PeriodDecl& a, const ast::PeriodDecl& b);
bool same(const ast::ListDecl& a, const ast::ListDecl& b);
bool same(const ast::EndOfServiceDecl& a, const ast::EndOfServiceDecl& b);
bool same(const ast::RuleDecl& a, const ast::RuleDecl& b);
bool same(const ast::WarrantyDecl& a, const ast::WarrantyDecl& b);
bool same(const ast::WarrantyExtensionDecl& a, const ast::WarrantyExtensionDecl& b);
bool same(const ast::InvariantDecl& a, const ast::InvariantDecl& b);
bool same(const ast::ClaimItem& a, const ast::ClaimItem& b);
bool same(const ast::FactSetting& a, const ast::FactSetting& b);
bool same(const ast::ExampleDecl& a, const ast::ExampleDecl& b);

template <typename T>
bool same(const std::optional<T>& a, const std::optional<T>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || same(*a, *b);
}

template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const T& x, const T& y) { return same(x, y); });
}

struct SameKind {
    const decltype(ast::Expr::kind)& other;
    bool operator()(const ast::AnyOf& x) const { return same(x.operands, std::get<ast::AnyOf>(other).operands); }
    bool operator()(const ast::AllOf& x) const { return same(x.operands, std::get<ast::AllOf>(other).operands); }
    bool operator()(const ast::Not& x) const { return same(x.operand, std::get<ast::Not>(other).operand); }
    bool operator()(const ast::PartIs& x) const {
        const auto& y = std::get<ast::PartIs>(other);
        return same(x.part, y.part) && x.negated == y.negated;
    }
    bool operator()(const ast::WithinAfter& x) const {
        const auto& y = std::get<ast::WithinAfter>(other);
        return same(x.length, y.length) && same(x.anchor, y.anchor) && same(x.subject, y.subject);
    }
    bool operator()(const ast::ClaimDateCompare& x) const {
        const auto& y = std::get<ast::ClaimDateCompare>(other);
        return same(x.subject, y.subject) && x.comparison == y.comparison && same(x.date, y.date);
    }
    bool operator()(const ast::ValueCompare& x) const {
        const auto& y = std::get<ast::ValueCompare>(other);
        return same(x.fact, y.fact) && x.comparison == y.comparison && same(x.value, y.value);
    }
    bool operator()(const ast::IsGiven& x) const { return same(x.fact, std::get<ast::IsGiven>(other).fact); }
    bool operator()(const ast::ChoiceIn& x) const {
        const auto& y = std::get<ast::ChoiceIn>(other);
        return same(x.fact, y.fact) && same(x.values, y.values);
    }
    bool operator()(const ast::InList& x) const { return same(x.list, std::get<ast::InList>(other).list); }
    bool operator()(const ast::InSeries& x) const { return same(x.series, std::get<ast::InSeries>(other).series); }
    bool operator()(const ast::FactIs& x) const { return same(x.fact, std::get<ast::FactIs>(other).fact); }
    bool operator()(const ast::PeriodBound& x) const {
        const auto& y = std::get<ast::PeriodBound>(other);
        return same(x.part, y.part) && x.comparison == y.comparison && same(x.length, y.length);
    }
    bool operator()(const ast::EndOfServiceBound& x) const {
        const auto& y = std::get<ast::EndOfServiceBound>(other);
        return x.comparison == y.comparison && same(x.date, y.date);
    }
    // The predicates without operands: equal once their kinds are.
    template <typename Leaf>
    bool operator()(const Leaf&) const { return true; }
};

bool same(const ast::ExprPtr& a, const ast::ExprPtr& b) {
    if (!a || !b) return !a && !b;
    return a->kind.index() == b->kind.index() && std::visit(SameKind{b->kind}, a->kind);
}

bool same(const ast::PolicyItem& a, const ast::PolicyItem& b) {
    return a.kind == b.kind && same(a.word, b.word) && same(a.text, b.text);
}
bool same(const ast::PolicyDecl& a, const ast::PolicyDecl& b) { return same(a.title, b.title) && same(a.items, b.items); }
bool same(const ast::CalendarItem& a, const ast::CalendarItem& b) { return a.kind == b.kind && same(a.value, b.value); }
bool same(const ast::CalendarDecl& a, const ast::CalendarDecl& b) { return same(a.items, b.items); }
bool same(const ast::ClauseDecl& a, const ast::ClauseDecl& b) { return same(a.id, b.id) && same(a.text, b.text); }
bool same(const ast::VocabularyDecl& a, const ast::VocabularyDecl& b) {
    return same(a.name, b.name) && same(a.label, b.label) && same(a.clause, b.clause);
}
bool same(const ast::FactDecl& a, const ast::FactDecl& b) {
    return a.kind == b.kind && same(a.name, b.name) && same(a.meaning, b.meaning) && a.type == b.type &&
           same(a.choices, b.choices) && same(a.default_value, b.default_value) && same(a.clause, b.clause);
}
bool same(const ast::ModelDecl& a, const ast::ModelDecl& b) { return same(a.name, b.name) && same(a.aliases, b.aliases); }
bool same(const ast::SeriesDecl& a, const ast::SeriesDecl& b) {
    return same(a.name, b.name) && same(a.label, b.label) && same(a.models, b.models);
}
bool same(const ast::Target& a, const ast::Target& b) {
    return a.is_series == b.is_series && same(a.series, b.series) && same(a.model, b.model);
}
bool same(const ast::PeriodDecl& a, const ast::PeriodDecl& b) {
    return same(a.part, b.part) && same(a.length, b.length) && same(a.start, b.start) &&
           same(a.extension, b.extension) && same(a.floor_anchor, b.floor_anchor) &&
           (!a.floor_anchor || same(a.floor_length, b.floor_length)) && same(a.targets, b.targets) &&
           same(a.condition, b.condition) && same(a.services, b.services) && same(a.clause, b.clause);
}
bool same(const ast::ListDecl& a, const ast::ListDecl& b) {
    return same(a.name, b.name) && same(a.label, b.label) && same(a.clause, b.clause) && same(a.models, b.models);
}
bool same(const ast::EndOfServiceDecl& a, const ast::EndOfServiceDecl& b) {
    return same(a.date, b.date) && same(a.clause, b.clause) && same(a.models, b.models);
}
bool same(const ast::RuleDecl& a, const ast::RuleDecl& b) {
    return same(a.name, b.name) && same(a.clause, b.clause) && same(a.condition, b.condition) && same(a.outcome, b.outcome);
}
bool same(const ast::WarrantyDecl& a, const ast::WarrantyDecl& b) { return same(a.start, b.start) && same(a.clause, b.clause); }
bool same(const ast::WarrantyExtensionDecl& a, const ast::WarrantyExtensionDecl& b) {
    return same(a.fact, b.fact) && same(a.clause, b.clause);
}
bool same(const ast::InvariantDecl& a, const ast::InvariantDecl& b) {
    return same(a.name, b.name) && same(a.message, b.message) && a.scope == b.scope &&
           same(a.scope_name, b.scope_name) && same(a.requirement, b.requirement);
}
bool same(const ast::ClaimItem& a, const ast::ClaimItem& b) { return a.kind == b.kind && same(a.word, b.word); }
bool same(const ast::FactSetting& a, const ast::FactSetting& b) { return same(a.fact, b.fact) && same(a.value, b.value); }
bool same(const ast::ExampleDecl& a, const ast::ExampleDecl& b) {
    return same(a.name, b.name) && same(a.description, b.description) && same(a.items, b.items) &&
           same(a.facts, b.facts) && same(a.outcome, b.outcome) && same(a.until, b.until) && same(a.clauses, b.clauses);
}

}  // namespace

bool same_module(const ast::Module& a, const ast::Module& b) {
    bool alike = true;
    ast::for_each_table([&](const auto& x, const auto& y) { alike = alike && same(x, y); }, a, b);
    return alike;
}

std::vector<SourceSpan> statement_spans(const ast::Module& m) {
    std::vector<SourceSpan> out;
    const auto push = [&](const auto& decls) {
        for (const auto& d : decls) out.push_back(d.span);
        out.push_back({0, 0});  // between kinds, so that a statement of the wrong kind shows
    };
    ast::for_each_table(push, m);
    for (const ast::SeriesDecl& s : m.series) push(s.models);
    return out;
}

}  // namespace warrant::format
