// The parser: runs the PEGTL grammar statement by statement into a parse tree, then converts
// that tree into the ast types. Syntax errors become diagnostics here and nowhere else.
#include "parse/parser.hpp"

#include <iterator>
#include <thread>

#include <fmt/format.h>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "parse/grammar.hpp"
#include "parse/syntax_errors.hpp"
#include "diag/suggest.hpp"
#include "support/run_both.hpp"
#include "support/utf8.hpp"

namespace warrant {

namespace pegtl = tao::pegtl;
namespace g = grammar;

namespace {

// ---- parse-tree nodes, from a pool that lives for one parse ---------------------------------
// Every rule tried that may become a node makes one (and drops it if the rule fails): a large
// catalogue makes millions, and the general allocator was a fifth of the parse. Under
// AddressSanitizer nodes come from the heap, so that it still sees each one.
#if defined(__SANITIZE_ADDRESS__)
#define WARRANT_PLAIN_NODES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WARRANT_PLAIN_NODES 1
#endif
#endif

struct Node : pegtl::parse_tree::basic_node<Node> {
    static void* operator new(std::size_t size);
    static void operator delete(void* node, std::size_t size) noexcept;
};

class NodePool {
public:
    NodePool() : previous_(current) { current = this; }
    ~NodePool() { current = previous_; }
    NodePool(const NodePool&) = delete;
    NodePool& operator=(const NodePool&) = delete;

    // The pool of the parse running on this thread, if any: every node lives within one parse.
    static thread_local NodePool* current;

    void* take() {
        if (free_) {
            Free* slot = free_;
            free_ = slot->next;
            return slot;
        }
        if (slabs_.empty() || used_ == slab_size) {
            slabs_.push_back(std::make_unique<Slot[]>(slab_size));
            used_ = 0;
        }
        return &slabs_.back()[used_++];
    }
    void give(void* node) noexcept {
        auto* slot = static_cast<Free*>(node);
        slot->next = free_;
        free_ = slot;
    }

private:
    struct Free {
        Free* next;
    };
    struct alignas(Node) Slot {
        unsigned char bytes[sizeof(Node)];
    };
    static_assert(sizeof(Slot) >= sizeof(Free) && alignof(Slot) >= alignof(Free));
    static constexpr std::size_t slab_size = 4096;
    std::vector<std::unique_ptr<Slot[]>> slabs_;
    std::size_t used_ = 0;  // slots handed out of the last slab
    Free* free_ = nullptr;
    NodePool* previous_;
};
thread_local NodePool* NodePool::current = nullptr;

void* Node::operator new(std::size_t size) {
#ifndef WARRANT_PLAIN_NODES
    if (NodePool::current && size == sizeof(Node)) return NodePool::current->take();
#endif
    return ::operator new(size);
}

void Node::operator delete(void* node, std::size_t size) noexcept {
#ifndef WARRANT_PLAIN_NODES
    if (NodePool::current && size == sizeof(Node)) return NodePool::current->give(node);
#endif
    (void)size;
    ::operator delete(node);  // unsized: clang offers the sized form only with -fsized-deallocation
}

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
        g::policy_decl, g::region_item, g::source_item, g::source_file, g::effective_item, g::calendar_decl,
        g::months_item, g::last_day_item, g::month_rule, g::last_day_rule, g::clause_decl,
        g::part_decl, g::service_decl, g::outcome_decl, g::fact_decl, g::fact_kind, g::boolean,
        g::series_decl, g::model_decl, g::period_decl, g::duration, g::unit, g::series_target,
        g::period_when, g::services, g::list_decl, g::eos_decl, g::model_ref, g::rule_decl,
        g::rule_when, g::condition, g::conjunction, g::inverted, g::part_test, g::part_in, g::negated,
        g::within_test, g::warranty_span, g::after_span, g::anchor, g::eos_test,
        g::outside_test, g::member_test, g::any_exclusion, g::any_unmet, g::fact_test, g::name,
        g::clause_id, g::string, g::date, g::integer, g::invariant_decl, g::every_model,
        g::list_target, g::model_condition, g::model_conj, g::model_not, g::period_bound,
        g::eos_bound, g::comparison, g::example_decl, g::claim_spec, g::claim_model, g::claim_part,
        g::claim_bought_in, g::claim_purchased, g::claim_claimed, g::claim_last_repair,
        g::claim_region, g::fact_setting, g::expectation, g::expected_until, g::expected_by,
        g::none_kw, g::count_type, g::date_type, g::choice_type, g::start_date, g::extension, g::period_floor, g::floor_anchor, g::warranty_decl,
        g::date_test, g::claim_date, g::is_test, g::in_test, g::value_compare, g::fact_within,
        g::given_kw>>;

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
        if (n.is_type<g::warranty_decl>()) {
            if (n.children[0]->is_type<g::extension>()) {
                return module.warranty_extensions.push_back({span(n), word(*n.children[0]->children[0]), word(*n.children[1])});
            }
            return module.warranty_starts.push_back({span(n), word(*n.children[0]), word(*n.children[1])});
        }
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
                if (item.children.size() > 1) out.file = text(*item.children[1]->children[0]);
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
            if (child.is_type<g::string>()) {
                decl.meaning = text(child);
            } else if (child.is_type<g::count_type>() || child.is_type<g::date_type>() || child.is_type<g::choice_type>()) {
                decl.type = child.is_type<g::count_type>()  ? ast::FactType::Count
                            : child.is_type<g::date_type>() ? ast::FactType::Date
                                                            : ast::FactType::Choice;
                decl.type_span = span(child);
                for (const auto& value : child.children) decl.choices.push_back(word(*value));
            } else if (child.is_type<g::boolean>() || child.is_type<g::integer>() || child.is_type<g::name>()) {
                decl.default_value = word(child);
            } else if (child.is_type<g::clause_id>()) {
                decl.clause = word(child);
            }
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
            if (child.is_type<g::start_date>()) {
                decl.start = word(child);
            } else if (child.is_type<g::extension>()) {
                decl.extension = word(*child.children[0]);
            } else if (child.is_type<g::period_floor>()) {
                decl.floor_length = duration(*child.children[0]);
                decl.floor_anchor = word(*child.children[1]);
            } else if (child.is_type<g::series_target>()) {
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

    // The same comparison with its sides swapped: `a > b` is `b < a`.
    static ast::Comparison mirrored(ast::Comparison c) {
        switch (c) {
            case ast::Comparison::AtLeast: return ast::Comparison::AtMost;
            case ast::Comparison::AtMost: return ast::Comparison::AtLeast;
            case ast::Comparison::Above: return ast::Comparison::Below;
            case ast::Comparison::Below: return ast::Comparison::Above;
            case ast::Comparison::Equal: return ast::Comparison::Equal;
        }
        return c;
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
                std::optional<ast::Word> value;
                if (item->children.size() > 1) value = word(*item->children[1]);
                decl.facts.push_back({word(*item->children[0]), std::move(value), span(*item)});
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
            if (!n.children[0]->is_type<g::part_in>()) {
                const bool negated = n.children[0]->is_type<g::negated>();
                return make(n, ast::PartIs{word(*n.children.back()), negated});
            }
            // `part in [a, b]` is `part is a or part is b`; `part not in [...]`, its negation.
            const Node& in = *n.children[0];
            const bool negated = in.children[0]->is_type<g::negated>();
            std::vector<ast::ExprPtr> parts;
            for (std::size_t i = negated ? 1 : 0; i < in.children.size(); ++i) {
                parts.push_back(make(*in.children[i], ast::PartIs{word(*in.children[i]), false}));
            }
            ast::ExprPtr either = parts.size() == 1 ? std::move(parts[0]) : make(n, ast::AnyOf{std::move(parts)});
            return negated ? make(n, ast::Not{std::move(either)}) : std::move(either);
        }
        if (n.is_type<g::within_test>()) {
            const Node& what = *n.children[0];
            if (what.is_type<g::warranty_span>()) return make(n, ast::WithinWarranty{});
            return make(n, within(what, ast::DateRef{}));
        }
        if (n.is_type<g::date_test>()) {
            const ast::Comparison c = comparison(word(*n.children[1]).text);
            if (n.children[2]->is_type<g::name>()) {
                // `claimed > repaired_on` is `repaired_on < claimed`: the date fact's test, seen from it.
                const ast::Word own = word(*n.children[0]);
                return make(n, ast::ValueCompare{word(*n.children[2]), mirrored(c),
                                                 {own.text == "claimed" ? ast::CompareValue::Kind::Claimed : ast::CompareValue::Kind::Purchase, own}});
            }
            return make(n, ast::ClaimDateCompare{claim_date(*n.children[0]), c, word(*n.children[2])});
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
        return fact_test(n);
    }

    static ast::DateRef claim_date_ref(std::string_view keyword, const ast::Word& w) {
        using K = ast::DateRef::Kind;
        if (keyword == "purchase" || keyword == "purchased") return {K::Purchase, {}};
        if (keyword == "claimed") return {K::Claimed, {}};
        if (keyword == "last_repair") return {K::LastRepair, {}};
        return {K::Fact, w};
    }

    ast::DateRef claim_date(const Node& n) const {
        const ast::Word w = word(n);
        return claim_date_ref(w.text, w);
    }

    // An `after_span` node (duration, anchor) read from `subject`.
    ast::WithinAfter within(const Node& span_node, ast::DateRef subject) const {
        return {duration(*span_node.children[0]), claim_date(*span_node.children[1]), std::move(subject)};
    }

    // A fact name, and what the condition asks of it.
    ast::ExprPtr fact_test(const Node& n) const {
        const ast::Word fact = word(*n.children[0]);
        if (n.children.size() == 1) return make(n, ast::FactIs{fact});
        const Node& op = *n.children[1];
        const bool negated = !op.children.empty() && op.children[0]->is_type<g::negated>();
        ast::ExprPtr test;
        if (op.is_type<g::is_test>()) {
            const Node& what = *op.children.back();
            if (what.is_type<g::given_kw>()) test = make(n, ast::IsGiven{fact});
            else test = make(n, ast::ChoiceIn{fact, {word(what)}});
        } else if (op.is_type<g::in_test>()) {
            std::vector<ast::Word> values;
            for (std::size_t i = negated ? 1 : 0; i < op.children.size(); ++i) values.push_back(word(*op.children[i]));
            test = make(n, ast::ChoiceIn{fact, std::move(values)});
        } else if (op.is_type<g::value_compare>()) {
            const Node& value = *op.children[1];
            using VK = ast::CompareValue::Kind;
            ast::CompareValue v{VK::Number, word(value)};
            if (value.is_type<g::date>()) v.kind = VK::Date;
            else if (value.is_type<g::claim_date>()) v.kind = v.word.text == "claimed" ? VK::Claimed : VK::Purchase;
            else if (value.is_type<g::name>()) v.kind = VK::Fact;
            return make(n, ast::ValueCompare{fact, comparison(word(*op.children[0]).text), std::move(v)});
        } else {
            return make(n, within(*op.children[0], ast::DateRef{ast::DateRef::Kind::Fact, fact}));
        }
        if (!negated) return test;
        return make(n, ast::Not{std::move(test)});
    }
};

bool is_statement_keyword(std::string_view w) {
    static constexpr std::string_view keywords[] = {
        "policy", "calendar", "clause", "part", "service", "outcome", "fact",
        "exclusion", "requirement", "series", "period", "list", "end_of_service", "warranty",
        "rule", "invariant", "example"};
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

bool is_reserved(std::string_view w) {
    pegtl::memory_input<> in(w.data(), w.data() + w.size(), "");
    return pegtl::parse<pegtl::seq<g::keyword, pegtl::eof>>(in);
}

// The first character at or after `at` that is not a space or a tab.
std::size_t skip_blanks(std::string_view text, std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    return at;
}

const std::vector<std::string>& statement_keywords() {
    static const std::vector<std::string> keywords = {
        "policy", "calendar", "clause", "part", "service", "outcome", "fact", "exclusion", "requirement",
        "series", "period", "list", "end_of_service", "warranty", "rule", "invariant", "example"};
    return keywords;
}

// Whether a line starts with a misspelt statement keyword (`peroid`, `exclsion`): a word that is
// no keyword, within two edits of a statement keyword. Recovery resumes there too, so that the
// misspelling is reported even right after another error.
bool starts_misspelt_statement(std::string_view text, std::size_t start) {
    std::size_t end = start;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    const std::string_view w = text.substr(start, end - start);
    if (w.size() < 4 || !std::isalpha(static_cast<unsigned char>(w[0])) || is_reserved(w)) return false;
    for (const std::string& k : statement_keywords()) {
        if (edit_distance(w, k, 2) <= 2) return true;
    }
    return false;
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
        const std::size_t start = skip_blanks(text, pos + 1);
        if (starts_statement(text, start) || starts_misspelt_statement(text, start)) return start;
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

std::string_view word_at(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    return text.substr(at, end - at);
}

// Where each keyword belongs, for telling a writer why it cannot be a name.
std::string_view keyword_home(std::string_view w) {
    static constexpr std::pair<std::string_view, std::string_view> homes[] = {
        {"last_day", "the `calendar` statement"}, {"months", "durations and the `calendar` statement"},
        {"month", "durations"}, {"days", "durations"}, {"day", "durations"},
        {"given", "conditions (`DATE is given`)"}, {"from", "periods and `warranty from`"},
        {"warranty", "conditions and `warranty from`"}, {"purchase", "conditions"},
        {"purchased", "conditions and examples"}, {"claimed", "conditions and examples"},
        {"last_repair", "conditions and examples"}, {"until", "examples"},
        {"by", "examples"}, {"expect", "examples"}, {"claim", "examples"}, {"facts", "examples"},
    };
    for (const auto& [keyword, home] : homes) {
        if (keyword == w) return home;
    }
    return "the language";
}

constexpr std::string_view period_order =
    "after a period's duration come, in this order: `from DATE`, `extended by COUNT`, `at least LENGTH after DATE`, "
    "`for MODELS`, `when CONDITION`, `via SERVICES`, then `per CLAUSE`";

// What may follow a statement's last item, for "the statement ended before this" messages.
std::string_view continuations(std::string_view statement) {
    if (statement == "fact") return "after a fact's name and label come its type (`count`, `date` or `choice [a, b]`), `default VALUE`, then `per CLAUSE`";
    if (statement == "exclusion" || statement == "requirement") return "after its name and label come `default true|false`, then `per CLAUSE`";
    if (statement == "period") return period_order;
    if (statement == "rule") return "a rule reads `rule NAME per CLAUSE when CONDITION then OUTCOME`";
    if (statement == "part" || statement == "outcome") return "it takes a name and an optional label in quotes";
    return "start each statement on a line of its own, with its keyword";
}

// Where the text before `at` ends, stepping back over white space and whole comment lines:
// when a statement stops short and the next statement's keyword is what the parser met, the
// writer's mistake is at the end of the short statement, not at the next one.
std::size_t end_of_previous_content(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end > 0) {
        const char c = text[end - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            --end;
            continue;
        }
        // A comment runs from `#` to the line's end: skip it when this line has one (outside strings).
        std::size_t line_start = end;
        while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
        bool in_string = false;
        std::size_t hash = std::string_view::npos;
        for (std::size_t i = line_start; i < end; ++i) {
            if (text[i] == '"' && (i == line_start || text[i - 1] != '\\')) in_string = !in_string;
            if (text[i] == '#' && !in_string) {
                hash = i;
                break;
            }
        }
        if (hash == std::string_view::npos) break;
        end = hash;
    }
    return end;
}

// ---- Characters that look right but are not ----------------------------------------------

struct Lookalike {
    std::string what;   // "a full-width comma (U+FF0C)"
    std::string fix;    // "`,`", or "" for an invisible character to delete
    std::size_t bytes;  // its length in the text
    std::string cp = {};  // "U+FF0C"
};

std::string code_point(char32_t c) { return fmt::format("U+{:04X}", static_cast<std::uint32_t>(c)); }

// The name of an ASCII character's full-width form, for messages: "comma", "digit 1".
std::string full_width_name(char ascii) {
    static constexpr std::pair<char, std::string_view> names[] = {
        {',', "comma"}, {'.', "full stop"}, {':', "colon"}, {';', "semicolon"}, {'"', "quotation mark"},
        {'(', "left parenthesis"}, {')', "right parenthesis"}, {'[', "left bracket"}, {']', "right bracket"},
        {'{', "left brace"}, {'}', "right brace"}, {'-', "hyphen-minus"}, {'_', "low line"}, {'=', "equals sign"},
        {'<', "less-than sign"}, {'>', "greater-than sign"}, {'#', "number sign"}, {'/', "solidus"},
        {'\\', "reverse solidus"}, {'!', "exclamation mark"}, {'?', "question mark"}, {'\'', "apostrophe"}};
    for (const auto& [c, name] : names) {
        if (c == ascii) return std::string(name);
    }
    if (ascii >= '0' && ascii <= '9') return fmt::format("digit {}", ascii);
    if (std::isalpha(static_cast<unsigned char>(ascii))) return fmt::format("letter {}", ascii);
    return fmt::format("`{}`", ascii);
}

// What the character at `at` is, when it is one that looks like (or hides as) something the
// language reads: full-width ASCII forms, typographic quotes and dashes, the ideographic and
// other non-ASCII spaces, zero-width characters, a byte-order mark.
std::optional<Lookalike> lookalike_at(std::string_view text, std::size_t at) {
    if (at >= text.size() || static_cast<unsigned char>(text[at]) < 0x80) return std::nullopt;
    std::size_t next = at;
    const char32_t c = utf8::decode(text, next);
    const std::size_t bytes = next - at;
    const std::string cp = code_point(c);
    if (c >= 0xFF01 && c <= 0xFF5E) {
        const char ascii = static_cast<char>(c - 0xFF01 + 0x21);
        const std::string fix = ascii == '`' ? "a backquote" : fmt::format("`{}`", ascii);
        return Lookalike{fmt::format("a full-width {} ({})", full_width_name(ascii), cp), fix, bytes};
    }
    switch (c) {
        case 0x3000: return Lookalike{fmt::format("an ideographic (full-width) space ({})", cp), "a plain space", bytes};
        case 0x00A0: return Lookalike{fmt::format("a no-break space ({})", cp), "a plain space", bytes};
        case 0x202F: return Lookalike{fmt::format("a narrow no-break space ({})", cp), "a plain space", bytes};
        case 0x201C: return Lookalike{fmt::format("a curly opening quotation mark ({})", cp), "`\"`", bytes};
        case 0x201D: return Lookalike{fmt::format("a curly closing quotation mark ({})", cp), "`\"`", bytes};
        case 0x201E: return Lookalike{fmt::format("a low quotation mark ({})", cp), "`\"`", bytes};
        case 0x3001: return Lookalike{fmt::format("an ideographic comma ({})", cp), "`,`", bytes};
        case 0x2013: return Lookalike{fmt::format("an en dash ({})", cp), "`-`", bytes};
        case 0x2014: return Lookalike{fmt::format("an em dash ({})", cp), "`-`", bytes};
        case 0x2212: return Lookalike{fmt::format("a minus sign ({})", cp), "`-`", bytes};
        case 0x200B: return Lookalike{fmt::format("an invisible zero-width space ({})", cp), "", bytes};
        case 0x200C: return Lookalike{fmt::format("an invisible zero-width non-joiner ({})", cp), "", bytes};
        case 0x200D: return Lookalike{fmt::format("an invisible zero-width joiner ({})", cp), "", bytes};
        case 0x2060: return Lookalike{fmt::format("an invisible word joiner ({})", cp), "", bytes};
        case 0xFEFF:
            return Lookalike{fmt::format("an invisible byte-order mark ({}) in the middle of the file", cp), "", bytes};
        default: break;
    }
    if (c >= 0x2000 && c <= 0x200A) return Lookalike{fmt::format("a typographic space ({})", cp), "a plain space", bytes};
    return std::nullopt;
}

// ---- Dates written another way ----------------------------------------------------------

std::string_view month_name(std::uint32_t month) {
    static constexpr std::string_view names[] = {"January", "February", "March", "April", "May", "June", "July",
                                                 "August", "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

// `2025/8/29`, `2025.8.29`, `2025-8-29`, `01-12-2025`: the token of digits and separators
// around `at`, when it reads as a date in some other notation; with how to write it.
struct DateMistake {
    std::size_t begin, end;
    std::string message, hint;
};

std::optional<DateMistake> date_mistake(std::string_view text, std::size_t at) {
    const auto date_char = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.'; };
    if (at > text.size()) return std::nullopt;
    std::size_t begin = at, end = at;
    while (begin > 0 && date_char(text[begin - 1])) --begin;
    while (end < text.size() && date_char(text[end])) ++end;
    const std::string_view token = text.substr(begin, end - begin);
    if (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_')) return std::nullopt;
    // Three groups of digits with one separator between each.
    std::uint32_t group[3] = {};
    std::size_t digits[3] = {};
    std::size_t g = 0;
    for (const char c : token) {
        if (c >= '0' && c <= '9') {
            if (digits[g] >= 4) return std::nullopt;
            group[g] = group[g] * 10 + static_cast<std::uint32_t>(c - '0');
            ++digits[g];
        } else {
            if (g == 2 || digits[g] == 0) return std::nullopt;
            ++g;
        }
    }
    if (g != 2 || digits[2] == 0) return std::nullopt;
    const auto iso = [](std::uint32_t y, std::uint32_t m, std::uint32_t d) { return fmt::format("{:04}-{:02}-{:02}", y, m, d); };
    const auto valid = [](std::uint32_t m, std::uint32_t d) { return m >= 1 && m <= 12 && d >= 1 && d <= 31; };
    DateMistake out{begin, end, {}, {}};
    if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
        if (!valid(group[1], group[2])) return std::nullopt;
        const std::string fixed = iso(group[0], group[1], group[2]);
        if (fixed == token) return std::nullopt;  // a well-written date: the mistake is elsewhere
        out.message = fmt::format("the date `{}` is not written YYYY-MM-DD", token);
        out.hint = fmt::format("write `{}`: the year, then the month and the day in two digits each, separated by `-`", fixed);
        return out;
    }
    if (digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4) {
        const std::uint32_t a = group[0], b = group[1], y = group[2];
        const bool dmy = valid(b, a), mdy = valid(a, b);
        if (!dmy && !mdy) return std::nullopt;
        out.message = fmt::format("the date `{}` is not written YYYY-MM-DD", token);
        if (dmy && mdy && a != b) {
            out.message += fmt::format(", and it is ambiguous: it reads as day-month-year ({}) or as month-day-year ({})",
                                       iso(y, b, a), iso(y, a, b));
            out.hint = fmt::format("write `{}` for {} {} {}, or `{}` if the month comes first",
                                   iso(y, b, a), a, month_name(b), y, iso(y, a, b));
        } else if (dmy) {
            out.message += ": it reads as day-month-year";
            out.hint = fmt::format("write `{}`", iso(y, b, a));
        } else {
            out.message += ": it reads as month-day-year";
            out.hint = fmt::format("write `{}`", iso(y, a, b));
        }
        return out;
    }
    return std::nullopt;
}

// ---- Durations in other units -------------------------------------------------------------

// `2 years`, `1 year`, `2 weeks`: the units Warrant does not count in, said in those it does.
std::optional<std::string> duration_mistake(std::string_view text, std::size_t at, std::size_t& begin, std::size_t& end) {
    std::size_t word_end = at;
    while (word_end < text.size() && std::isalpha(static_cast<unsigned char>(text[word_end]))) ++word_end;
    const std::string_view unit = text.substr(at, word_end - at);
    std::size_t num_end = at;
    while (num_end > 0 && (text[num_end - 1] == ' ' || text[num_end - 1] == '\t')) --num_end;
    std::size_t num_begin = num_end;
    while (num_begin > 0 && std::isdigit(static_cast<unsigned char>(text[num_begin - 1])) && num_end - num_begin < 6) --num_begin;
    if (num_begin == num_end || num_end == at) return std::nullopt;
    std::uint32_t n = 0;
    for (std::size_t i = num_begin; i < num_end; ++i) n = n * 10 + static_cast<std::uint32_t>(text[i] - '0');
    std::string fixed;
    if (unit == "year" || unit == "years") fixed = fmt::format("{} months", n * 12);
    else if (unit == "week" || unit == "weeks") fixed = fmt::format("{} days", n * 7);
    else return std::nullopt;
    begin = num_begin;
    end = word_end;
    return fmt::format("durations are counted in `days` or `months`, not {}: write `{}`", unit.back() == 's' ? unit : fmt::format("{}s", unit), fixed);
}

// The keywords a message lists as expected (`model`, `part`, ...), for a did-you-mean.
std::vector<std::string> quoted_keywords(std::string_view message) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while ((pos = message.find('`', pos)) != std::string_view::npos) {
        const std::size_t close = message.find('`', pos + 1);
        if (close == std::string_view::npos) break;
        const std::string_view w = message.substr(pos + 1, close - pos - 1);
        if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_'; })) {
            words.emplace_back(w);
        }
        pos = close + 1;
    }
    return words;
}

// A period's continuation written out of order or twice (`for MODELS from DATE`, two
// `for`s): the message and hint that say so, or nullopt when the word at `at` is none of them.
// The words before `at` are read outside quoted text; once `when` is met, the condition's own
// words (`after purchase`) are not taken for the period's.
std::optional<std::string> period_order_mistake(std::string_view text, std::size_t statement_start, std::size_t at,
                                                std::string& hint) {
    static constexpr std::string_view parts[] = {"from DATE", "extended by COUNT", "at least LENGTH after DATE", "for MODELS",
                                                 "when CONDITION", "via SERVICES"};
    const auto rank = [](std::string_view w) -> int {
        if (w == "from" || w == "after") return 0;
        if (w == "extended") return 1;
        if (w == "at") return 2;
        if (w == "for") return 3;
        if (w == "when") return 4;
        if (w == "via") return 5;
        return -1;
    };
    const int found = rank(word_at(text, at));
    if (found < 0) return std::nullopt;
    int latest = -1;
    for (std::size_t i = statement_start; i < at;) {
        if (text[i] == '"') {
            const std::size_t close = text.find('"', i + 1);
            i = close == std::string_view::npos || close > at ? at : close + 1;
            continue;
        }
        if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        const std::string_view w = word_at(text, i);
        const bool starts_word = i == statement_start || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_');
        if (starts_word && rank(w) > latest) latest = rank(w);
        i += std::max<std::size_t>(w.size(), 1);
    }
    if (latest < found) return std::nullopt;
    hint = std::string(period_order);
    if (latest == found) {
        static constexpr std::string_view once[] = {"a period counts from one date", "a period is extended by one count",
                                                    "a period has one least end",
                                                    "list every model in one `for`, separated by commas",
                                                    "join the conditions with `and` or `or` in one `when`",
                                                    "list every service in one `via`, separated by commas"};
        hint = fmt::format("{}; {}", once[found], hint);
        return fmt::format("this period already has `{}`; each of its parts is written once", parts[found]);
    }
    const std::string_view later = parts[latest];
    return fmt::format("`{}` comes before `{}` in a period: move it in front of `{}`", parts[found], later,
                       later.substr(0, later.find(' ')));
}

// A syntax error's message, said as precisely as the statement it happened in allows.
std::string syntax_message(std::string_view text, std::size_t statement_start, std::size_t at, const g::SyntaxError& error,
                           std::string_view previous_statement, std::string& hint) {
    const std::string found = describe_found(text, at);
    const std::string_view statement = word_at(text, statement_start);
    const bool no_citation = error.message == g::syntax_error<g::citation>.message;  // not `per` with a bad id
    if (no_citation && at > statement_start && (statement == "period" || statement == "rule")) {
        if (statement == "period") {
            if (auto misplaced = period_order_mistake(text, statement_start, at, hint)) return std::move(*misplaced);
            hint = std::string(continuations("period"));
            return fmt::format("this period cites no clause: expected `from`, `extended by`, `at least`, `for`, `when`, `via` or `per CLAUSE`; found {}", found);
        }
        hint = "write `per CLAUSE` right after the rule's name";
        return fmt::format("this rule cites no clause: expected `per` and the clause it encodes; found {}", found);
    }
    if (error.code == Code::UnexpectedText && at == statement_start && !previous_statement.empty()) {
        std::size_t before = at;
        while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
        if (before > 0 && text[before - 1] != '\n' && text[before - 1] != '\r') {
            hint = std::string(continuations(previous_statement));
            return fmt::format("the `{}` statement ended before {}, which cannot continue it", previous_statement, found);
        }
    }
    if (error.code == Code::ExpectedName && at < text.size()) {
        const std::string_view w = word_at(text, at);
        if (!w.empty() && (is_statement_keyword(w) || keyword_home(w) != "the language")) {
            hint = fmt::format("`{}` is a keyword of {}; choose another name, such as `{}_`", w,
                               is_statement_keyword(w) ? fmt::format("the `{}` statement", w) : std::string(keyword_home(w)), w);
            return fmt::format("{}; found the keyword `{}`", error.message, w);
        }
    }
    return fmt::format("{}; found {}", error.message, found);
}

bool failure_is_inside_string(const g::SyntaxError& error) { return error.code == Code::UnterminatedString; }

// A programming language's operator where a condition has a word: `&&` for `and`.
struct OperatorMistake {
    std::string_view written;
    std::string_view fix;
};
constexpr OperatorMistake operator_mistakes[] = {
    {"&&", "`and`"}, {"||", "`or`"}, {"==", "`=`"}, {"!=", "`not` before the test (`not repairs = 2`, `channel is not online`)"},
    {"!", "`not`"},  {"&", "`and`"}, {"|", "`or`"},
};

// The token that ends before `at` (blanks skipped), not reaching before `from`: a word, or a run
// of the characters operators are written with. Its start is put in `begin`.
std::string_view token_before(std::string_view text, std::size_t from, std::size_t at, std::size_t& begin) {
    std::size_t end = at;
    while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    const auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    const auto op_char = [](char c) { return c == '=' || c == '<' || c == '>' || c == '!'; };
    begin = end;
    if (begin > from && word_char(text[begin - 1])) {
        while (begin > from && word_char(text[begin - 1])) --begin;
    } else {
        while (begin > from && op_char(text[begin - 1])) --begin;
    }
    return text.substr(begin, end - begin);
}

// The word after `at`'s word (blanks skipped): `after` in `purchased after 2024-01-01`.
std::string_view word_after(std::string_view text, std::size_t at, std::size_t& begin) {
    begin = at + word_at(text, at).size();
    begin = skip_blanks(text, begin);
    std::size_t end = begin;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '-')) ++end;
    return text.substr(begin, end - begin);
}

// `purchased before 2023-07-01`, `claimed after 2024-01-01`, `repaired_on after purchase`: a
// date compared in words. Gives the test written with the symbol, or nullopt. `subject_at` is
// where the date compared starts, `word_at_` the word `before`/`after`/`on`.
std::optional<std::string> date_word_comparison(std::string_view text, std::size_t subject_at, std::size_t word_at_,
                                                std::size_t& end) {
    const std::string_view subject = word_at(text, subject_at);
    const std::string_view relation = word_at(text, word_at_);
    std::string_view symbol;
    if (relation == "before") symbol = "<";
    else if (relation == "after") symbol = ">";
    else if (relation == "on") symbol = "=";
    else return std::nullopt;
    std::size_t operand_at = 0;
    const std::string_view operand = word_after(text, word_at_, operand_at);
    if (subject.empty() || operand.empty() || operand == "end_of_service" || operand == "warranty") return std::nullopt;
    // A date, the purchase or the claim, or a name (a date fact); not a keyword such as `then`.
    const bool own_date = operand == "purchase" || operand == "purchased" || operand == "claim" || operand == "claimed";
    if (!own_date && !std::isdigit(static_cast<unsigned char>(operand[0])) && is_reserved(operand)) return std::nullopt;
    end = operand_at + operand.size();
    const std::string_view named = operand == "purchase" ? "purchased" : operand == "claim" ? "claimed" : operand;
    return fmt::format("{} {} {}", subject == "purchase" ? "purchased" : subject, symbol, named);
}

// Mistakes a writer makes that the grammar alone reports poorly: a character that looks like
// the one the language reads, a date in another notation, a duration in years or weeks, a
// misspelt keyword, an operator for a word, several parts in one period. Rewrites the
// message, hint and span, and says whether it did.
bool explain_mistake(std::string_view text, std::size_t statement_start, std::size_t at, const g::SyntaxError& error,
                     std::string& message, std::string& hint, SourceSpan& span) {
    // `period battery, charger 6 months`: one part per period.
    if (error.code == Code::ExpectedDuration && at < text.size() && text[at] == ',' && word_at(text, statement_start) == "period") {
        message = "a period is for one part: write a `period` statement for each part";
        hint = "`period battery 6 months per CLAUSE` and `period charger 6 months per CLAUSE`, each with its own length";
        span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 1)};
        return true;
    }
    // `purchased outside CODE`: the test is against the policy's own region, named by none.
    if (error.message == g::syntax_error<g::region_kw>.message) {
        std::size_t outside_at = 0;
        if (token_before(text, statement_start, at, outside_at) == "outside") {
            hint = "`purchased outside region` holds when the claim was bought outside the policy's own region (its `policy ... "
                   "region CODE`); it names no other region";
            return false;
        }
    }
    // `CHOICE is [VALUE]`: several values are tested with `in`.
    if (error.message == g::syntax_error<tao::pegtl::sor<g::given_kw, g::name>>.message && at < text.size() && text[at] == '[') {
        hint = "a choice is tested against several values with `in`: `FACT in [a, b]` (or `FACT is a` for one)";
        return false;
    }
    // `fact NAME "…" date default purchase`: a date is given by the claim or not at all.
    if (error.message == g::syntax_error<tao::pegtl::sor<g::boolean, g::integer, g::name>>.message) {
        std::size_t default_at = 0, type_at = 0;
        if (token_before(text, statement_start, at, default_at) == "default" &&
            token_before(text, statement_start, default_at, type_at) == "date") {
            message = "a date fact has no default: a claim gives the date or not";
            hint = "leave out `default …`; a condition tests `FACT is given`, and a period counts from the date when the claim "
                   "gives it and from the purchase when not with `from FACT`";
            return true;
        }
    }
    // `model in "Model A"` or `model in ["A", "B"]`: a rule names models through a list.
    if (error.message == g::syntax_error<tao::pegtl::sor<g::series_target, g::name>>.message && at < text.size() &&
        (text[at] == '"' || text[at] == '[')) {
        hint = "a rule tests models through a named list: declare `list NAME { \"Model A\", \"Model B\" }` and write "
               "`model in NAME` (or `model in series NAME` for a series)";
        return false;  // the message stands; only the hint is added
    }
    // In the statements that have conditions. `a == b` stops at the second `=`: the mistake
    // starts one before.
    const std::string_view statement = word_at(text, statement_start);
    const bool has_conditions = statement == "rule" || statement == "period" || statement == "invariant";
    const std::size_t op_at = at > 0 && text.substr(at - 1, 2) == "==" ? at - 1 : at;
    if (has_conditions && at < text.size()) {
        // `purchased before 2023-07-01`, `claimed after 2024-01-01`, `repaired_on after purchase`:
        // dates are compared with symbols. The word `before`/`after` is at `at`, or (when the
        // date test failed as a whole) follows the word at `at`.
        std::size_t subject_at = at, relation_at = at, end = 0;
        std::size_t word_start = 0;
        const std::string_view relation = word_at(text, at);
        if (relation == "before" || relation == "after" || relation == "on") {
            const std::string_view subject = token_before(text, statement_start, at, word_start);
            if (!subject.empty() && std::isalpha(static_cast<unsigned char>(subject[0]))) subject_at = word_start;
        } else {
            std::size_t before_begin = 0;
            const std::string_view before = token_before(text, statement_start, at, before_begin);
            if (before == "before" || before == "after" || before == "on") {
                // `claimed after 2024-01-01` fails at the date, after the words it was read as.
                relation_at = before_begin;
                if (!token_before(text, statement_start, before_begin, word_start).empty()) subject_at = word_start;
            } else {
                (void)word_after(text, at, relation_at);
            }
        }
        // Not the `after` of a span: `within 2 weeks after purchase` has a length before it.
        std::size_t count_begin = 0;
        const std::string_view count = token_before(text, statement_start, subject_at, count_begin);
        const bool in_span = !count.empty() && std::all_of(count.begin(), count.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (subject_at != relation_at && !in_span) {
            if (auto fix = date_word_comparison(text, subject_at, relation_at, end)) {
                message = fmt::format("dates are compared with `<`, `<=`, `>`, `>=` and `=`: write `{}`", *fix);
                hint = "`before` is `<` and `after` is `>` (`<=` and `>=` include the day itself); `claimed after "
                       "end_of_service` and `claimed within … after …` are the only tests written with `after`";
                span = {static_cast<std::uint32_t>(subject_at), static_cast<std::uint32_t>(end)};
                return true;
            }
        }
        // `commercial = true`, `commercial is false`: a true/false fact is tested by its name.
        // `commercial == true` stops at the second `=`, `commercial != true` at the `!`: the
        // value follows the operator.
        std::size_t value_at = at;
        if (text[at] == '=' || text[at] == '!') {
            while (value_at < text.size() && (text[value_at] == '=' || text[value_at] == '!')) ++value_at;
            value_at = skip_blanks(text, value_at);
        }
        const std::string_view value = word_at(text, value_at);
        if (value == "true" || value == "false") {
            std::size_t op_begin = 0, subject_begin = 0;
            std::string_view op = token_before(text, statement_start, value_at, op_begin);
            bool negated = false;
            if (op == "not") {
                negated = true;
                op = token_before(text, statement_start, op_begin, op_begin);
            }
            if (op == "=" || op == "==" || op == "is" || op == "!=") {
                negated = negated != (op == "!=");
                const std::string_view subject = token_before(text, statement_start, op_begin, subject_begin);
                if (!subject.empty() && std::isalpha(static_cast<unsigned char>(subject[0]))) {
                    const bool holds = (value == "true") != negated;
                    message = fmt::format("a true/false fact is tested by its name alone: write `{}{}`", holds ? "" : "not ", subject);
                    hint = "`FACT` holds when the claim gives it true (or its default is true), `not FACT` when false; "
                           "counts are compared with numbers, dates with dates, choices with `is VALUE`";
                    span = {static_cast<std::uint32_t>(subject_begin), static_cast<std::uint32_t>(value_at + value.size())};
                    return true;
                }
            }
        }
        // `repaired_on within warranty`: only the claim is tested against the warranty.
        if (word_at(text, at) == "warranty") {
            std::size_t within_begin = 0, subject_begin = 0;
            if (token_before(text, statement_start, at, within_begin) == "within") {
                const std::string_view subject = token_before(text, statement_start, within_begin, subject_begin);
                if (!subject.empty() && subject != "claimed" && std::isalpha(static_cast<unsigned char>(subject[0]))) {
                    message = fmt::format("only the claim is tested against the warranty (`claimed within warranty`); a date the "
                                          "claim carries is tested in a window: write `{} within 12 months after purchase`",
                                          subject);
                    hint = "with the window the warranty lasts; or let the warranty count from that date with `from` in the period";
                    span = {static_cast<std::uint32_t>(subject_begin), static_cast<std::uint32_t>(at + 8)};
                    return true;
                }
            }
        }
        // `claimed after warranty`: the claim is tested against the warranty with `within`.
        if (word_at(text, at) == "warranty") {
            std::size_t after_begin = 0, claimed_begin = 0;
            if (token_before(text, statement_start, at, after_begin) == "after" &&
                token_before(text, statement_start, after_begin, claimed_begin) == "claimed") {
                message = "a claim is tested against the warranty with `within`: for `claimed after warranty`, write `not "
                          "claimed within warranty`";
                hint = "`claimed after` is followed only by `end_of_service`";
                span = {static_cast<std::uint32_t>(claimed_begin), static_cast<std::uint32_t>(at + 8)};
                return true;
            }
        }
        // `claimed outside region`: only where the product was bought is tested against the region.
        if (word_at(text, at) == "claimed") {
            std::size_t outside_at = 0, region_at = 0;
            if (word_after(text, at, outside_at) == "outside" && word_after(text, outside_at, region_at) == "region") {
                message = "only the purchase is tested against the region: `purchased outside region`; where a claim is made "
                          "or serviced is a fact of the claim";
                hint = "declare it, as `fact serviced_abroad \"…\" per CLAUSE`, and test it by its name";
                span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(region_at + 6)};
                return true;
            }
        }
        // `plan_bought_on <= purchased + 60 days`: dates are not added; a window says it.
        // The parser stops at the `+`, or at the anchor when it is `purchased` (not a date).
        std::size_t plus_at = at;
        if (const std::string_view word = word_at(text, at); !word.empty()) plus_at = skip_blanks(text, at + word.size());
        if (plus_at < text.size() && text[plus_at] == '+') {
            std::size_t anchor_begin = 0, op_begin = 0, subject_begin = 0, unit_at = 0;
            const std::string_view anchor = token_before(text, statement_start, plus_at, anchor_begin);
            const std::string_view op = token_before(text, statement_start, anchor_begin, op_begin);
            const std::string_view subject = token_before(text, statement_start, op_begin, subject_begin);
            const std::size_t number_at = skip_blanks(text, plus_at + 1);
            const std::string_view number = word_at(text, number_at);
            const std::string_view unit = number.empty() ? std::string_view() : word_after(text, number_at, unit_at);
            const bool is_number = !number.empty() && std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
            if ((op == "<=" || op == "<") && is_number && !subject.empty() && std::isalpha(static_cast<unsigned char>(subject[0])) &&
                std::isalpha(static_cast<unsigned char>(anchor.empty() ? ' ' : anchor[0])) && !unit.empty()) {
                const std::string_view from = anchor == "purchased" ? "purchase" : anchor;
                const std::string window = fmt::format("{} {} after {}", number, unit, from);
                message = subject == "claimed" ? fmt::format("dates are not added: write `claimed within {}`", window)
                                               : fmt::format("dates are not added: write `{} within {}`", subject, window);
                hint = "`within LENGTH after DATE` holds from that date to its last day, both included";
                span = {static_cast<std::uint32_t>(subject_begin), static_cast<std::uint32_t>(unit_at + unit.size())};
                return true;
            }
        }
    }
    // `extended by 30 days`: a fixed number belongs in the length; the extension is a count the
    // claim gives. `extended by repair_days months`: extensions are in days.
    if ((statement == "period" || statement == "warranty") && at < text.size()) {
        std::size_t by_begin = 0;
        const std::string_view before = token_before(text, statement_start, at, by_begin);
        if (before == "by" && std::isdigit(static_cast<unsigned char>(text[at]))) {
            std::size_t end = at;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
            const std::size_t unit_at = skip_blanks(text, end);
            const std::string_view amount = text.substr(at, end - at);
            const std::string_view unit = word_at(text, unit_at);
            const bool has_unit = unit == "days" || unit == "day" || unit == "months" || unit == "month";
            message = "a warranty is extended by a count the claim gives, not by a number: a fixed extension is part of the "
                      "period's length";
            hint = fmt::format("add {} to the period's length; to extend by days each claim gives, declare a count "
                               "(such as `fact repair_days \"…\" count default 0 per CLAUSE`) and write `extended by` its name",
                               has_unit ? fmt::format("the {} {}", amount, unit) : std::string("the number"));
            span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)};
            return true;
        }
        const std::string_view unit = word_at(text, at);
        std::size_t name_begin = 0, by2_begin = 0;
        const std::string_view count = token_before(text, statement_start, at, name_begin);
        const std::string_view by = count.empty() ? std::string_view() : token_before(text, statement_start, name_begin, by2_begin);
        if (statement == "warranty" && unit == "when" && by == "by") {
            message = "`warranty extended by` extends every period; an extension that holds only sometimes is a period of its own";
            hint = fmt::format("write `period PART LENGTH extended by {} when CONDITION per CLAUSE` above the period without it", count);
            span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + unit.size())};
            return true;
        }
        if ((unit == "months" || unit == "month" || unit == "day") && by == "by") {
            message = fmt::format("a warranty is extended by a number of days: write `extended by {} days`", count);
            hint = "the count is read as days; a policy that extends by months states the period's length instead";
            span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + unit.size())};
            return true;
        }
    }
    // `period replacement 90 days from last_repair`: a period counts from the purchase or a date fact.
    if (statement == "period" && word_at(text, at) == "last_repair") {
        std::size_t from_begin = 0;
        const std::string_view from = token_before(text, statement_start, at, from_begin);
        if (from == "from" || from == "after") {
            message = "a period counts from the purchase or a date the claim carries, not from the last repair";
            hint = "for \"90 days from the repair or the rest of the warranty, whichever is longer\", write `period PART "
                   "LENGTH at least 90 days after last_repair`; for a warranty that restarts at a repair, declare the date as "
                   "a fact (`fact repaired_on \"…\" date per CLAUSE`) and write `from repaired_on`";
            span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 11)};
            return true;
        }
    }
    for (const auto& [written, fix] : operator_mistakes) {
        if (!has_conditions || text.substr(op_at, written.size()) != written) continue;
        message = fmt::format("conditions are written in words: for `{}`, write {}", written, fix);
        hint = "conditions combine tests with `and`, `or`, `not` and parentheses, and compare with `=`, `<`, `<=`, `>`, `>=`";
        span = {static_cast<std::uint32_t>(op_at), static_cast<std::uint32_t>(op_at + written.size())};
        return true;
    }
    if (auto look = lookalike_at(text, at)) {
        std::size_t next = at;
        look->cp = code_point(utf8::decode(text, next));
        const std::string_view shown = text.substr(at, look->bytes);
        if (look->fix.empty()) {
            message = fmt::format("this is {}; delete it", look->what);
            hint = fmt::format("delete the invisible character ({}) at this column: outside quoted text, Warrant reads "
                               "only ASCII letters, digits, punctuation and spaces",
                               look->cp);
        } else {
            message = fmt::format("this is {}; write {}", look->what, look->fix);
            hint = fmt::format("replace `{}` with {}: outside quoted text, Warrant reads only ASCII letters, digits, "
                               "punctuation and spaces (inside quotes any character is fine)",
                               shown, look->fix);
        }
        span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + look->bytes)};
        return true;
    }
    if (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '-' || text[at] == '/' ||
                             text[at] == '.' || (at > 0 && std::isdigit(static_cast<unsigned char>(text[at - 1]))))) {
        if (const auto date = date_mistake(text, at)) {
            message = date->message;
            hint = date->hint;
            span = {static_cast<std::uint32_t>(date->begin), static_cast<std::uint32_t>(date->end)};
            return true;
        }
    }
    if (error.code == Code::ExpectedDuration && at < text.size() && std::isalpha(static_cast<unsigned char>(text[at]))) {
        std::size_t begin = 0, end = 0;
        if (auto fix = duration_mistake(text, at, begin, end)) {
            message = std::move(*fix);
            hint = "a year is `12 months` and a week `7 days`; a period in months follows the policy's `calendar months` convention";
            span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
            return true;
        }
    }
    // `COUNT is 2`: `is` tests dates and choices; a count is compared.
    if (error.message == g::syntax_error<g::sor<g::given_kw, g::name>>.message && at < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[at]))) {
        std::size_t end = at;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        std::size_t name_end = at;  // back over `is` (and `not`) and the blanks around them to the name tested
        const auto blanks = [&] {
            while (name_end > statement_start && (text[name_end - 1] == ' ' || text[name_end - 1] == '\t')) --name_end;
        };
        blanks();
        const bool negated = name_end >= 3 && text.substr(name_end - 3, 3) == "not";
        if (negated) name_end -= 3;
        blanks();
        if (name_end >= 2 && text.substr(name_end - 2, 2) == "is") name_end -= 2;
        while (name_end > statement_start && (text[name_end - 1] == ' ' || text[name_end - 1] == '\t')) --name_end;
        std::size_t name_begin = name_end;
        while (name_begin > statement_start && (std::isalnum(static_cast<unsigned char>(text[name_begin - 1])) || text[name_begin - 1] == '_')) {
            --name_begin;
        }
        const std::string_view subject = text.substr(name_begin, name_end - name_begin);
        const std::string_view number = text.substr(at, end - at);
        message = fmt::format("`is` tests a date or a choice; a count is compared: write `{}{} = {}`", negated ? "not " : "",
                              subject.empty() ? "COUNT" : subject, number);
        hint = "counts are compared with `=`, `<`, `<=`, `>` or `>=` and a whole number";
        span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)};
        return true;
    }
    const std::string_view w = word_at(text, at);
    const bool keyword_expected = error.code == Code::UnexpectedText || error.code == Code::ExpectedKeyword;
    if (keyword_expected && !w.empty() && std::isalpha(static_cast<unsigned char>(w[0])) && !is_statement_keyword(w)) {
        std::size_t before = at;
        while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
        const bool line_start = before == 0 || text[before - 1] == '\n' || text[before - 1] == '\r';
        // A statement that ended mid-line: the word was meant to continue it, so the words that
        // may continue it (named in the hint) are the candidates.
        const bool continues = at == statement_start && !line_start && !hint.empty();
        std::vector<std::string> candidates = quoted_keywords(continues ? std::string_view(hint) : std::string_view(error.message));
        if (error.message == g::syntax_error<g::series_close_p>.message) candidates.emplace_back("alias");
        const auto near = nearest_names(w, candidates, 2);
        if (near.empty() || std::find(near.begin(), near.end(), std::string(w)) != near.end()) return false;
        if (continues) {
            message = fmt::format("{}: {}", message, did_you_mean(near));
        } else if (at == statement_start) {
            message = fmt::format("`{}` does not start a statement: {}", w, did_you_mean(near));
            hint = std::string(error.message);
        } else {
            message = fmt::format("{}; found `{}`: {}", error.message, w, did_you_mean(near));
        }
        span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + w.size())};
        return true;
    }
    return false;
}

// How many lines start with `keyword` and a blank (after blanks): the capacity to reserve for
// its statements, so that a catalogue's hundred thousand periods are not moved each time their
// table grows. A line inside a comment or a block may be counted too; it only reserves more.
std::size_t lines_starting_with(std::string_view text, std::string_view keyword) {
    std::size_t count = 0;
    for (std::size_t at = 0; at < text.size();) {
        at = skip_blanks(text, at);
        if (text.compare(at, keyword.size(), keyword) == 0 && at + keyword.size() < text.size() &&
            (text[at + keyword.size()] == ' ' || text[at + keyword.size()] == '\t')) {
            ++count;
        }
        const std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return count;
}

// The statements that start in text[begin, limit), parsed into `module` and their syntax errors
// reported to `diagnostics`. Returns where parsing stopped: the first statement at or after
// `limit` (or the end of the text); `failed` says whether any statement had a syntax error
// (the module then stops growing at the first one).
std::size_t parse_statements(const SourceFile& file, std::size_t begin, std::size_t limit, ast::Module& module,
                             Diagnostics& diagnostics, bool& failed) {
    NodePool nodes;  // every parse-tree node below comes from it and goes back to it
    const std::string_view text = file.text();
    Converter converter(file);
    std::string_view previous_statement;  // the keyword of the statement parsed last
    std::size_t pos = begin;
    while (true) {
        {
            pegtl::memory_input<> space(text.data() + pos, text.data() + text.size(), "");
            pegtl::parse<g::sp>(space);
            pos = static_cast<std::size_t>(space.current() - text.data());
        }
        if (pos >= limit) break;
        pegtl::memory_input<> in(text.data() + pos, text.data() + text.size(), "");
        ParseGuard guard;
        try {
            auto root = pegtl::parse_tree::parse<pegtl::must<g::statement>, Node, selector, pegtl::nothing, control>(in, guard);
            if (!failed) converter.statement(*root->children.front(), module);
            previous_statement = word_at(text, pos);
            pos = static_cast<std::size_t>(in.current() - text.data());
        } catch (const SyntaxFailure& failure) {
            failed = true;
            const auto at = static_cast<std::uint32_t>(failure.at - text.data());
            std::string hint;
            std::string message = syntax_message(text, pos, at, failure.error, previous_statement, hint);
            std::uint32_t where = at;
            if (at >= text.size() && at > pos) where = static_cast<std::uint32_t>(end_of_previous_content(text, at));
            if (at > pos && starts_statement(text, at) && (text[at - 1] == '\n' || text[at - 1] == ' ' || text[at - 1] == '\t')) {
                std::size_t line_start = at;
                while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
                if (line_start == 0 || text[line_start - 1] == '\n') {
                    // The statement stopped at the end of a line and the next one began.
                    where = static_cast<std::uint32_t>(end_of_previous_content(text, line_start));
                    const std::string found = describe_found(text, at);
                    const auto cut = message.rfind("; found " + found);
                    if (cut != std::string::npos) {
                        message = fmt::format("{}; the statement ends here, and the next line starts another ({})",
                                              message.substr(0, cut), found);
                    }
                }
            }
            SourceSpan span{where, where};
            if (!failure_is_inside_string(failure.error)) {
                if (explain_mistake(text, pos, at, failure.error, message, hint, span)) where = span.begin;
            }
            auto& d = diagnostics.report(failure.error.code, span, std::move(message));
            if (!hint.empty()) d.hint = std::move(hint);
            if (failure.error.code == Code::UnterminatedString) d.span->begin = d.span->end = where;
            previous_statement = {};
            pos = resume_point(text, pos, at);
        }
    }
    return pos;
}

// Where parsing starts: a UTF-8 byte-order mark says nothing to a UTF-8 reader, and is stepped over.
std::size_t first_statement_byte(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

// Where a large text may be cut in two for two threads: the first line after the middle that
// starts (in its first column) with a statement keyword, or nullopt. Only a guess: the cut is
// used only if parsing the first part stops exactly there.
std::optional<std::size_t> middle_statement(std::string_view text) {
    for (std::size_t at = text.find('\n', text.size() / 2); at != std::string_view::npos; at = text.find('\n', at + 1)) {
        if (at + 1 < text.size() && starts_statement(text, at + 1)) return at + 1;
    }
    return std::nullopt;
}

// Appends `more`'s statements to `module`, kind by kind, in order.
void append(ast::Module& module, ast::Module& more) {
    ast::for_each_table([](auto& to, auto& from) { to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end())); },
                        module, more);
}

// The two halves of a large text, parsed at once. nullopt when the halves cannot stand for the
// whole: the cut was not a statement's start, or a half has a syntax error (whose message may
// depend on the statement before it); the caller then parses the text in one go.
std::optional<ast::Module> parse_halves(const SourceFile& file, std::size_t halves_from) {
    const std::string_view text = file.text();
    if (text.size() < halves_from || std::thread::hardware_concurrency() < 2) return std::nullopt;
    const std::optional<std::size_t> cut = middle_statement(text);
    if (!cut) return std::nullopt;
    const std::size_t begin = first_statement_byte(text);
    ast::Module first, second;
    Diagnostics first_errors, second_errors;
    bool first_failed = false, second_failed = false;
    std::size_t first_stop = 0;
    run_both(
        [&] {
            // Room for every period of the text, so that the second half's join the first's in place.
            first.periods.reserve(lines_starting_with(text, "period"));
            first_stop = parse_statements(file, begin, *cut, first, first_errors, first_failed);
        },
        [&] {
            second.periods.reserve(lines_starting_with(text.substr(*cut), "period"));
            (void)parse_statements(file, *cut, text.size(), second, second_errors, second_failed);
        });
    if (first_stop != *cut || first_failed || second_failed) return std::nullopt;
    append(first, second);
    second = {};  // its emptied tables, before the caller goes on
    return first;
}

}  // namespace

std::optional<ast::Module> parse(const SourceFile& file, Diagnostics& diagnostics, std::size_t halves_from) {
    if (auto halves = parse_halves(file, halves_from)) return halves;
    const std::string_view text = file.text();
    ast::Module module;
    module.periods.reserve(lines_starting_with(text, "period"));
    bool failed = false;
    (void)parse_statements(file, first_statement_byte(text), text.size(), module, diagnostics, failed);
    if (failed) return std::nullopt;
    return module;
}

}  // namespace warrant
