// The parser: runs the PEGTL grammar statement by statement into a parse tree, then converts
// that tree into the ast types. Syntax errors become diagnostics here and nowhere else.
#include "parse/parser.hpp"

#include <fmt/format.h>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "parse/grammar.hpp"
#include "parse/syntax_errors.hpp"

namespace warrant {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

namespace {

// ---- PEGTL control: syntax errors and the nesting limit ------------------------------------

struct SyntaxFailure {
    g::SyntaxError error;
    const char* at;
};

struct ParseGuard {
    int depth = 0;
};

template <typename Rule>
struct error_control : pegtl::normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&...) {
        throw SyntaxFailure{g::syntax_error<Rule>, in.current()};
    }
};

// Conditions recurse through parentheses and `not`: count the depth so that a pathological
// input gets a diagnostic instead of exhausting the stack.
template <typename Rule>
struct depth_control : error_control<Rule> {
    template <typename Input>
    static void start(const Input& in, ParseGuard& guard) {
        if (++guard.depth > max_condition_depth) {
            throw SyntaxFailure{{Code::NestingTooDeep, "this condition nests too deeply; split it into several rules"},
                                in.current()};
        }
    }
    template <typename Input>
    static void success(const Input&, ParseGuard& guard) { --guard.depth; }
    template <typename Input>
    static void failure(const Input&, ParseGuard& guard) { --guard.depth; }
};
template <typename Rule> struct control : error_control<Rule> {};
template <> struct control<g::condition> : depth_control<g::condition> {};
template <> struct control<g::inverted> : depth_control<g::inverted> {};
template <> struct control<g::model_condition> : depth_control<g::model_condition> {};
template <> struct control<g::model_not> : depth_control<g::model_not> {};

// The rules that become parse-tree nodes; everything else only shapes the parse.
template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::policy_decl, g::region_item, g::source_item, g::effective_item, g::calendar_decl,
        g::months_item, g::last_day_item, g::month_rule, g::last_day_rule, g::clause_decl,
        g::part_decl, g::service_decl, g::outcome_decl, g::fact_decl, g::fact_kind, g::boolean,
        g::series_decl, g::model_decl, g::period_decl, g::duration, g::unit, g::series_target,
        g::period_when, g::services, g::list_decl, g::eos_decl, g::model_ref, g::rule_decl,
        g::rule_when, g::condition, g::conjunction, g::inverted, g::part_test, g::negated,
        g::within_test, g::warranty_span, g::after_span, g::anchor, g::eos_test,
        g::outside_test, g::member_test, g::any_exclusion, g::any_unmet, g::fact_test, g::name,
        g::clause_id, g::string, g::date, g::integer, g::invariant_decl, g::every_model,
        g::list_target, g::model_condition, g::model_conj, g::model_not, g::period_bound,
        g::eos_bound, g::comparison, g::example_decl, g::claim_spec, g::claim_model, g::claim_part,
        g::claim_bought_in, g::claim_purchased, g::claim_claimed, g::claim_last_repair,
        g::claim_region, g::fact_setting, g::expectation, g::expected_until, g::expected_by,
        g::none_kw>>;

// ---- parse tree -> ast ---------------------------------------------------------------------

class Converter {
public:
    explicit Converter(const SourceFile& file) : text_(file.text()) {}

    void statement(const Node& n, ast::Module& module) {
        if (n.is_type<g::policy_decl>()) return module.policies.push_back(policy(n));
        if (n.is_type<g::calendar_decl>()) return module.calendars.push_back(calendar(n));
        if (n.is_type<g::clause_decl>()) {
            return module.clauses.push_back({span(n), word(*n.children[0]), text(*n.children[1])});
        }
        if (n.is_type<g::part_decl>()) return module.parts.push_back(vocabulary(n));
        if (n.is_type<g::service_decl>()) return module.services.push_back(vocabulary(n));
        if (n.is_type<g::outcome_decl>()) return module.outcomes.push_back(vocabulary(n));
        if (n.is_type<g::fact_decl>()) return module.facts.push_back(fact(n));
        if (n.is_type<g::series_decl>()) return module.series.push_back(series(n));
        if (n.is_type<g::period_decl>()) return module.periods.push_back(period(n));
        if (n.is_type<g::list_decl>()) return module.lists.push_back(list(n));
        if (n.is_type<g::eos_decl>()) return module.end_of_service.push_back(end_of_service(n));
        if (n.is_type<g::rule_decl>()) return module.rules.push_back(rule(n));
        if (n.is_type<g::invariant_decl>()) return module.invariants.push_back(invariant(n));
        if (n.is_type<g::example_decl>()) return module.examples.push_back(example(n));
    }

private:
    std::string_view text_;

    SourceSpan span(const Node& n) const {
        const auto begin = static_cast<std::uint32_t>(n.m_begin.data - text_.data());
        auto end = static_cast<std::uint32_t>(n.m_end.data - text_.data());
        // Nodes end after the white space and comments a token eats; spans end at the token.
        end = trim_end(begin, end);
        return {begin, end};
    }

    // Walks the node's text forward, skipping strings, and stops before trailing space/comments.
    std::uint32_t trim_end(std::uint32_t begin, std::uint32_t end) const {
        std::uint32_t last = begin;
        bool in_string = false;
        for (std::uint32_t i = begin; i < end; ++i) {
            const char c = text_[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') in_string = false;
                last = i + 1;
            } else if (c == '"') {
                in_string = true;
                last = i + 1;
            } else if (c == '#') {
                while (i < end && text_[i] != '\n') ++i;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                last = i + 1;
            }
        }
        return last;
    }

    ast::Word word(const Node& n) const {
        const SourceSpan s = span(n);
        return {std::string(text_.substr(s.begin, s.end - s.begin)), s};
    }

    ast::Text text(const Node& n) const {
        const SourceSpan s = span(n);
        std::string value;
        for (std::uint32_t i = s.begin + 1; i + 1 < s.end; ++i) {
            if (text_[i] == '\\') {
                ++i;
                value.push_back(text_[i] == 'n' ? '\n' : text_[i]);
            } else {
                value.push_back(text_[i]);
            }
        }
        return {std::move(value), s};
    }

    std::optional<ast::Word> clause_of(const Node& n) const {
        for (const auto& child : n.children) {
            if (child->is_type<g::clause_id>()) return word(*child);
        }
        return std::nullopt;
    }

    std::optional<ast::Text> label_of(const Node& n) const {
        for (const auto& child : n.children) {
            if (child->is_type<g::string>()) return text(*child);
        }
        return std::nullopt;
    }

    ast::PolicyDecl policy(const Node& n) const {
        ast::PolicyDecl decl{span(n), text(*n.children[0]), {}};
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const Node& item = *n.children[i];
            ast::PolicyItem out{};
            out.span = span(item);
            if (item.is_type<g::region_item>()) {
                out.kind = ast::PolicyItem::Kind::Region;
                out.word = word(*item.children[0]);
                if (item.children.size() > 1) out.text = text(*item.children[1]);
            } else if (item.is_type<g::source_item>()) {
                out.kind = ast::PolicyItem::Kind::Source;
                out.text = text(*item.children[0]);
            } else {
                out.kind = ast::PolicyItem::Kind::Effective;
                out.word = word(*item.children[0]);
            }
            decl.items.push_back(std::move(out));
        }
        return decl;
    }

    ast::CalendarDecl calendar(const Node& n) const {
        ast::CalendarDecl decl{span(n), {}};
        for (const auto& item : n.children) {
            const auto kind = item->is_type<g::months_item>() ? ast::CalendarItem::Kind::Months
                                                              : ast::CalendarItem::Kind::LastDay;
            decl.items.push_back({kind, word(*item->children[0]), span(*item)});
        }
        return decl;
    }

    ast::VocabularyDecl vocabulary(const Node& n) const {
        return {span(n), word(*n.children[0]), label_of(n), clause_of(n)};
    }

    ast::FactDecl fact(const Node& n) const {
        ast::FactDecl decl;
        decl.span = span(n);
        const std::string kind = word(*n.children[0]).text;
        decl.kind = kind == "exclusion"     ? ast::FactKind::Exclusion
                    : kind == "requirement" ? ast::FactKind::Requirement
                                            : ast::FactKind::Plain;
        decl.name = word(*n.children[1]);
        for (std::size_t i = 2; i < n.children.size(); ++i) {
            const Node& child = *n.children[i];
            if (child.is_type<g::string>()) decl.meaning = text(child);
            if (child.is_type<g::boolean>()) decl.default_value = word(child).text == "true";
            if (child.is_type<g::clause_id>()) decl.clause = word(child);
        }
        return decl;
    }

    ast::SeriesDecl series(const Node& n) const {
        ast::SeriesDecl decl{span(n), word(*n.children[0]), std::nullopt, {}};
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const Node& child = *n.children[i];
            if (child.is_type<g::string>()) {
                decl.label = text(child);
                continue;
            }
            ast::ModelDecl model{span(child), text(*child.children[0]), {}};
            for (std::size_t k = 1; k < child.children.size(); ++k) {
                model.aliases.push_back(text(*child.children[k]));
            }
            decl.models.push_back(std::move(model));
        }
        return decl;
    }

    ast::Duration duration(const Node& n) const {
        const ast::Word count = word(*n.children[0]);
        const std::string unit = word(*n.children[1]).text;
        std::uint64_t value = 0;
        for (const char c : count.text) {
            value = std::min<std::uint64_t>(value * 10 + static_cast<unsigned>(c - '0'), 1u << 30);
        }
        return {static_cast<std::uint32_t>(value),
                unit.substr(0, 3) == "day" ? ast::Unit::Days : ast::Unit::Months, span(n)};
    }

    ast::PeriodDecl period(const Node& n) const {
        ast::PeriodDecl decl;
        decl.span = span(n);
        decl.part = word(*n.children[0]);
        decl.length = duration(*n.children[1]);
        for (std::size_t i = 2; i < n.children.size(); ++i) {
            const Node& child = *n.children[i];
            if (child.is_type<g::series_target>()) {
                decl.targets.push_back({true, word(*child.children[0]), {}, span(child)});
            } else if (child.is_type<g::model_ref>()) {
                decl.targets.push_back({false, {}, text(*child.children[0]), span(child)});
            } else if (child.is_type<g::period_when>()) {
                decl.condition = condition(*child.children[0]);
            } else if (child.is_type<g::services>()) {
                for (const auto& service : child.children) decl.services.push_back(word(*service));
            } else if (child.is_type<g::clause_id>()) {
                decl.clause = word(child);
            }
        }
        return decl;
    }

    std::vector<ast::Text> model_refs(const Node& n) const {
        std::vector<ast::Text> refs;
        for (const auto& child : n.children) {
            if (child->is_type<g::model_ref>()) refs.push_back(text(*child->children[0]));
        }
        return refs;
    }

    ast::ListDecl list(const Node& n) const {
        return {span(n), word(*n.children[0]), label_of(n), clause_of(n), model_refs(n)};
    }

    ast::EndOfServiceDecl end_of_service(const Node& n) const {
        return {span(n), word(*n.children[0]), clause_of(n), model_refs(n)};
    }

    ast::RuleDecl rule(const Node& n) const {
        ast::RuleDecl decl;
        decl.span = span(n);
        decl.name = word(*n.children[0]);
        decl.clause = word(*n.children[1]);
        std::size_t next = 2;
        if (n.children[next]->is_type<g::rule_when>()) {
            decl.condition = condition(*n.children[next]->children[0]);
            ++next;
        }
        decl.outcome = word(*n.children[next]);
        return decl;
    }

    ast::InvariantDecl invariant(const Node& n) const {
        ast::InvariantDecl decl;
        decl.span = span(n);
        decl.name = word(*n.children[0]);
        decl.message = text(*n.children[1]);
        const Node& scope = *n.children[2];
        if (scope.is_type<g::series_target>()) {
            decl.scope = ast::InvariantDecl::Scope::Series;
            decl.scope_name = word(*scope.children[0]);
        } else if (scope.is_type<g::list_target>()) {
            decl.scope = ast::InvariantDecl::Scope::List;
            decl.scope_name = word(*scope.children[0]);
        }
        decl.requirement = condition(*n.children[3]);
        return decl;
    }

    static ast::Comparison comparison(std::string_view op) {
        if (op == ">=") return ast::Comparison::AtLeast;
        if (op == "<=") return ast::Comparison::AtMost;
        if (op == ">") return ast::Comparison::Above;
        if (op == "<") return ast::Comparison::Below;
        return ast::Comparison::Equal;
    }

    ast::ExampleDecl example(const Node& n) const {
        ast::ExampleDecl decl;
        decl.span = span(n);
        decl.name = word(*n.children[0]);
        std::size_t next = 1;
        if (n.children[next]->is_type<g::string>()) decl.description = text(*n.children[next++]);
        const Node& claim = *n.children[next++];
        decl.claim_span = span(claim);
        using Kind = ast::ClaimItem::Kind;
        for (const auto& item : claim.children) {
            if (item->is_type<g::fact_setting>()) {
                bool value = true;
                if (item->children.size() > 1) value = word(*item->children[1]).text == "true";
                decl.facts.push_back({word(*item->children[0]), value, span(*item)});
                continue;
            }
            const Kind kind = item->is_type<g::claim_model>()       ? Kind::Model
                              : item->is_type<g::claim_part>()      ? Kind::Part
                              : item->is_type<g::claim_bought_in>() ? Kind::BoughtIn
                              : item->is_type<g::claim_purchased>() ? Kind::Purchased
                              : item->is_type<g::claim_claimed>()   ? Kind::Claimed
                              : item->is_type<g::claim_last_repair>() ? Kind::LastRepair
                                                                    : Kind::Region;
            const Node& value = *item->children[0];
            ast::Word w = kind == Kind::Model ? ast::Word{text(value).value, span(value)} : word(value);
            decl.items.push_back({kind, std::move(w), span(*item)});
        }
        const Node& expect = *n.children[next];
        decl.outcome = word(*expect.children[0]);
        for (std::size_t i = 1; i < expect.children.size(); ++i) {
            const Node& part = *expect.children[i];
            if (part.is_type<g::expected_until>()) decl.until = word(*part.children[0]);
            if (part.is_type<g::expected_by>()) {
                for (const auto& id : part.children) decl.clauses.push_back(word(*id));
            }
        }
        return decl;
    }

    ast::ExprPtr make(const Node& n, decltype(ast::Expr::kind) kind) const {
        return std::make_unique<const ast::Expr>(ast::Expr{span(n), std::move(kind)});
    }

    ast::ExprPtr condition(const Node& n) const {
        const bool any = n.is_type<g::condition>() || n.is_type<g::model_condition>();
        if (any || n.is_type<g::conjunction>() || n.is_type<g::model_conj>()) {
            if (n.children.size() == 1) return condition(*n.children[0]);
            std::vector<ast::ExprPtr> operands;
            for (const auto& child : n.children) operands.push_back(condition(*child));
            if (any) return make(n, ast::AnyOf{std::move(operands)});
            return make(n, ast::AllOf{std::move(operands)});
        }
        if (n.is_type<g::inverted>() || n.is_type<g::model_not>()) return make(n, ast::Not{condition(*n.children[0])});
        if (n.is_type<g::period_bound>()) {
            return make(n, ast::PeriodBound{word(*n.children[0]), comparison(word(*n.children[1]).text),
                                            duration(*n.children[2])});
        }
        if (n.is_type<g::eos_bound>()) {
            ast::EndOfServiceBound bound;
            if (n.children.size() == 2) {
                bound.comparison = comparison(word(*n.children[0]).text);
                bound.date = word(*n.children[1]);
            }
            return make(n, std::move(bound));
        }
        if (n.is_type<g::part_test>()) {
            const bool negated = n.children[0]->is_type<g::negated>();
            return make(n, ast::PartIs{word(*n.children.back()), negated});
        }
        if (n.is_type<g::within_test>()) {
            const Node& what = *n.children[0];
            if (what.is_type<g::warranty_span>()) return make(n, ast::WithinWarranty{});
            const auto anchor = word(*what.children[1]).text == "purchase" ? ast::Anchor::Purchase
                                                                           : ast::Anchor::LastRepair;
            return make(n, ast::WithinAfter{duration(*what.children[0]), anchor});
        }
        if (n.is_type<g::eos_test>()) return make(n, ast::AfterEndOfService{});
        if (n.is_type<g::outside_test>()) return make(n, ast::PurchasedOutside{});
        if (n.is_type<g::member_test>()) {
            const Node& what = *n.children[0];
            if (what.is_type<g::series_target>()) return make(n, ast::InSeries{word(*what.children[0])});
            return make(n, ast::InList{word(what)});
        }
        if (n.is_type<g::any_exclusion>()) return make(n, ast::AnyExclusion{});
        if (n.is_type<g::any_unmet>()) return make(n, ast::AnyRequirementUnmet{});
        return make(n, ast::FactIs{word(*n.children[0])});
    }
};

bool is_statement_keyword(std::string_view w) {
    static constexpr std::string_view keywords[] = {
        "policy", "calendar", "clause", "part", "service", "outcome", "fact",
        "exclusion", "requirement", "series", "period", "list", "end_of_service", "rule",
        "invariant", "example"};
    for (const auto k : keywords) {
        if (w == k) return true;
    }
    return false;
}

bool starts_statement(std::string_view text, std::size_t start) {
    std::size_t end = start;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    return is_statement_keyword(text.substr(start, end - start));
}

// After a syntax error: the next line that begins with a statement keyword, which may be the
// line of the error itself when the error is that a statement ended too early.
std::size_t resume_point(std::string_view text, std::size_t statement_start, std::size_t error_at) {
    std::size_t line_start = error_at;
    while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
    if (error_at > statement_start && (line_start == 0 || text[line_start - 1] == '\n') && starts_statement(text, error_at)) {
        return error_at;
    }
    std::size_t pos = text.find('\n', error_at);
    while (pos != std::string_view::npos) {
        std::size_t start = pos + 1;
        while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
        if (starts_statement(text, start)) return start;
        pos = text.find('\n', start);
    }
    return text.size();
}

// "`xyz`", "a string" or "the end of the file": what the parser met instead.
std::string describe_found(std::string_view text, std::size_t at) {
    if (at >= text.size()) return "the end of the file";
    if (text[at] == '"') return "a quoted string";
    if (text[at] == '\n' || text[at] == '\r') return "the end of the line";
    std::size_t end = at;
    const bool word = std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' ||
                      static_cast<unsigned char>(text[at]) >= 0x80;
    if (!word) {
        end = at + 1;
    } else {
        while (end < text.size() && end - at < 40 &&
               (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                static_cast<unsigned char>(text[end]) >= 0x80)) {
            ++end;
        }
        // Never cut a UTF-8 sequence in half.
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    return fmt::format("`{}`", text.substr(at, end - at));
}

}  // namespace

std::optional<ast::Module> parse(const SourceFile& file, Diagnostics& diagnostics) {
    const std::string_view text = file.text();
    ast::Module module;
    Converter converter(file);
    bool failed = false;
    // A UTF-8 byte-order mark says nothing to a UTF-8 reader: step over it.
    std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (true) {
        {
            pegtl::memory_input<> space(text.data() + pos, text.data() + text.size(), "");
            pegtl::parse<g::sp>(space);
            pos = static_cast<std::size_t>(space.current() - text.data());
        }
        if (pos >= text.size()) break;
        pegtl::memory_input<> in(text.data() + pos, text.data() + text.size(), "");
        ParseGuard guard;
        try {
            auto root = pegtl::parse_tree::parse<pegtl::must<g::statement>, selector, pegtl::nothing, control>(in, guard);
            if (!failed) converter.statement(*root->children.front(), module);
            pos = static_cast<std::size_t>(in.current() - text.data());
        } catch (const SyntaxFailure& failure) {
            failed = true;
            const auto at = static_cast<std::uint32_t>(failure.at - text.data());
            auto& d = diagnostics.report(failure.error.code, SourceSpan{at, at},
                                         fmt::format("{}; found {}", failure.error.message,
                                                     describe_found(text, at)));
            if (failure.error.code == Code::UnterminatedString) d.span->begin = d.span->end = at;
            pos = resume_point(text, pos, at);
        }
    }
    if (failed) return std::nullopt;
    return module;
}

}  // namespace warrant
