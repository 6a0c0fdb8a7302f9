// The structural checks of a graph read from an image, table by table. Each returns the first
// problem in words; the messages name indices, as a corrupt image has nothing better to name.
#include "image/graph_check.hpp"

#include <fmt/format.h>

#include "graph/length_limits.hpp"

namespace warrant::image {

namespace {

class GraphCheck {
public:
    explicit GraphCheck(const RuleGraph& g) : g_(g) {}

    std::string run() {
        for (const auto step : {&GraphCheck::facts, &GraphCheck::terms, &GraphCheck::models, &GraphCheck::lists,
                                &GraphCheck::notices, &GraphCheck::conditions, &GraphCheck::periods, &GraphCheck::rules,
                                &GraphCheck::period_choices}) {
            (this->*step)();
            if (!problem_.empty()) return problem_;
        }
        return {};
    }

private:
    const RuleGraph& g_;
    std::string problem_;
    // How many operands, rules and periods refer to each condition node: at most one each.
    std::vector<std::uint8_t> uses_;

    template <typename... Args>
    void fail(fmt::format_string<Args...> format, Args&&... args) {
        if (problem_.empty()) problem_ = fmt::format(format, std::forward<Args>(args)...);
    }

    // `index` refers into a table of `size` entries (`none` allowed when `optional`).
    bool in_range(Index index, std::size_t size, bool optional, const char* owner, std::size_t owner_index, const char* what) {
        if ((optional && index == none) || index < size) return true;
        fail("{} {} names {} {} of {}", owner, owner_index, what, index, size);
        return false;
    }
    bool clause(Index c, const char* owner, std::size_t i) { return in_range(c, g_.clauses.size(), true, owner, i, "clause"); }
    // A fact of type `type`, or `none` when `optional`.
    bool fact_of_type(Index f, FactType type, bool optional, const char* owner, std::size_t i) {
        if (!in_range(f, g_.facts.size(), optional, owner, i, "fact")) return false;
        if (f != none && g_.facts[f].type != type) {
            fail("{} {} reads fact {} as another type than it has", owner, i, f);
            return false;
        }
        return true;
    }

    void facts() {
        if (g_.facts.size() > max_facts) return fail("it declares {} facts, more than {}", g_.facts.size(), max_facts);
        Index next_slot = 0;
        for (std::size_t f = 0; f < g_.facts.size() && problem_.empty(); ++f) {
            const Fact& fact = g_.facts[f];
            clause(fact.clause, "fact", f);
            if (fact.type == FactType::Bool) {
                if (fact.slot != none || fact.default_number) fail("fact {} is true or false but has a value", f);
                continue;
            }
            // Slots are given in declaration order, as the compiler gives them.
            if (fact.slot != next_slot || next_slot >= max_value_facts) return fail("fact {} has value slot {}", f, fact.slot);
            ++next_slot;
            if (fact.role != FactRole::Plain) fail("fact {} has a value but is an exclusion or requirement", f);
            if (fact.choices.size() > max_choice_values) fail("fact {} offers {} values", f, fact.choices.size());
            if (!fact.default_number) continue;
            const std::int64_t d = *fact.default_number;
            const bool ok = fact.type == FactType::Count    ? d >= 0 && d < max_claim_count
                            : fact.type == FactType::Choice ? d >= 0 && d < static_cast<std::int64_t>(fact.choices.size())
                                                            : false;  // a date has no default
            if (!ok) fail("fact {} has the default {}, which it cannot have", f, d);
        }
    }

    void terms() {
        for (const auto& [terms, kind] : {std::pair{&g_.parts, "part"}, std::pair{&g_.services, "service"}, std::pair{&g_.outcomes, "outcome"}}) {
            for (std::size_t i = 0; i < terms->size(); ++i) clause((*terms)[i].clause, kind, i);
        }
    }

    void models() {
        for (std::size_t m = 0; m < g_.models.size() && problem_.empty(); ++m) {
            const Model& model = g_.models[m];
            in_range(model.series, g_.series.size(), false, "model", m, "series");
            if (model.end_of_service.has_value() != (model.end_of_service_notice != none)) {
                fail("model {} has an end of service without its notice, or a notice without the date", m);
            }
            in_range(model.end_of_service_notice, g_.notices.size(), true, "model", m, "notice");
        }
    }

    void lists() {
        for (std::size_t l = 0; l < g_.lists.size() && problem_.empty(); ++l) {
            const ModelList& list = g_.lists[l];
            clause(list.clause, "list", l);
            for (std::size_t k = 0; k < list.models.size() && problem_.empty(); ++k) {
                in_range(list.models[k], g_.models.size(), false, "list", l, "model");
                if (k > 0 && list.models[k] <= list.models[k - 1]) fail("list {} is not in model order", l);
            }
        }
    }

    void notices() {
        for (std::size_t n = 0; n < g_.notices.size() && problem_.empty(); ++n) {
            clause(g_.notices[n].clause, "notice", n);
            for (const Index m : g_.notices[n].models) {
                if (!in_range(m, g_.models.size(), false, "notice", n, "model")) return;
            }
        }
    }

    static bool length_ok(std::uint32_t count, bool days) {
        return count >= 1 && count <= (days ? max_length_days : max_length_months);
    }

    // A condition node that `owner` refers to: in range, and referred to by nothing else.
    bool use_condition(Index c, const char* owner, std::size_t i) {
        if (!in_range(c, g_.conditions.size(), false, owner, i, "condition")) return false;
        if (uses_[c]++ != 0) {
            fail("condition {} is the operand of two conditions, rules or periods", c);
            return false;
        }
        return true;
    }

    void conditions() {
        uses_.assign(g_.conditions.size(), 0);
        std::vector<std::uint32_t> depth(g_.conditions.size(), 1);
        for (std::size_t i = 0; i < g_.conditions.size() && problem_.empty(); ++i) {
            node(static_cast<Index>(i), depth);
            if (depth[i] > max_condition_nodes_deep) fail("condition {} is nested {} deep", i, depth[i]);
        }
    }

    // Operands come before the node that uses them, so the nodes form a tree (no cycle), and
    // one pass in order knows each operand's depth before its user's.
    bool operand(Index node_index, Index child, std::vector<std::uint32_t>& depth) {
        if (child >= node_index) {
            fail("condition {} has operand {}, which does not come before it", node_index, child);
            return false;
        }
        if (!use_condition(child, "condition", node_index)) return false;
        depth[node_index] = std::max(depth[node_index], depth[child] + 1);
        return true;
    }

    void node(Index i, std::vector<std::uint32_t>& depth) {
        const CondNode& n = g_.conditions[i];
        const auto date_operand = [&](const DateOperand& o) {
            if (o.source == DateOperand::Source::Fact) fact_of_type(o.fact, FactType::Date, false, "condition", i);
        };
        if (n.kind != CondKind::WithinAfter && (n.anchor_fact != none || n.subject_fact != none)) {
            return fail("condition {} names dates it does not test", i);
        }
        switch (n.kind) {
            case CondKind::AnyOf:
            case CondKind::AllOf:
                if (std::uint64_t{n.a} + n.b > g_.condition_children.size()) return fail("condition {} has operands beyond the table", i);
                for (Index k = 0; k < n.b; ++k) {
                    if (!operand(i, g_.condition_children[n.a + k], depth)) return;
                }
                return;
            case CondKind::Not: operand(i, n.a, depth); return;
            case CondKind::PartIs:
                in_range(n.a, g_.parts.size(), false, "condition", i, "part");
                if (n.c > 1) fail("condition {} tests the part in an unknown way", i);
                return;
            case CondKind::WithinAfter:
                if (n.b > 1 || n.c > 2 || !length_ok(n.a, n.b == 0)) return fail("condition {} has an impossible window", i);
                fact_of_type(n.anchor_fact, FactType::Date, n.c != 2, "condition", i);
                if (n.c != 2 && n.anchor_fact != none) fail("condition {} names a date it does not count from", i);
                fact_of_type(n.subject_fact, FactType::Date, true, "condition", i);
                return;
            case CondKind::InList: in_range(n.a, g_.lists.size(), false, "condition", i, "list"); return;
            case CondKind::InSeries: in_range(n.a, g_.series.size(), false, "condition", i, "series"); return;
            case CondKind::FactIs: fact_of_type(n.a, FactType::Bool, false, "condition", i); return;
            case CondKind::CountCompare:
                fact_of_type(n.a, FactType::Count, false, "condition", i);
                if (n.c > static_cast<std::uint8_t>(Comparison::Equal) || n.b >= max_claim_count) {
                    fail("condition {} has an impossible comparison", i);
                }
                return;
            case CondKind::DateCompare:
                if (n.c > static_cast<std::uint8_t>(Comparison::Equal)) return fail("condition {} has an impossible comparison", i);
                date_operand(n.left);
                date_operand(n.right);
                return;
            case CondKind::DateGiven: fact_of_type(n.a, FactType::Date, false, "condition", i); return;
            case CondKind::ChoiceIn: {
                if (!fact_of_type(n.a, FactType::Choice, false, "condition", i)) return;
                const std::uint64_t values = std::uint64_t{1} << g_.facts[n.a].choices.size();
                if (n.b >= values) fail("condition {} accepts values its choice does not offer", i);
                return;
            }
            case CondKind::WithinWarranty:
            case CondKind::AfterEndOfService:
            case CondKind::PurchasedOutside:
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet: return;
        }
        fail("condition {} is of an unknown kind", i);
    }

    void periods() {
        for (std::size_t p = 0; p < g_.periods.size() && problem_.empty(); ++p) {
            const Period& period = g_.periods[p];
            in_range(period.part, g_.parts.size(), false, "period", p, "part");
            if (!length_ok(period.length.count, period.length.unit == LengthUnit::Days)) fail("period {} has an impossible length", p);
            fact_of_type(period.start_fact, FactType::Date, true, "period", p);
            clause(period.start_clause, "period", p);
            fact_of_type(period.extension_fact, FactType::Count, true, "period", p);
            if ((period.floor_anchor == Period::FloorAnchor::Fact) != (period.floor_fact != none)) fail("period {} has a least end without its date", p);
            fact_of_type(period.floor_fact, FactType::Date, true, "period", p);
            if (period.floor_anchor != Period::FloorAnchor::None &&
                !length_ok(period.floor_length.count, period.floor_length.unit == LengthUnit::Days)) {
                fail("period {} has an impossible least end", p);
            }
            clause(period.extension_clause, "period", p);
            clause(period.clause, "period", p);
            if (period.condition != none) use_condition(period.condition, "period", p);
            for (const Index s : period.services) {
                if (!in_range(s, g_.services.size(), false, "period", p, "service")) return;
            }
        }
        const Index start = g_.warranty_start_fact;
        if (start != none && (start >= g_.facts.size() || g_.facts[start].type != FactType::Date)) {
            fail("the warranty counts from fact {}, which is not a date", start);
        }
        if (g_.warranty_start_clause != none && g_.warranty_start_clause >= g_.clauses.size()) {
            fail("the warranty start cites clause {} of {}", g_.warranty_start_clause, g_.clauses.size());
        }
        const Index extension = g_.warranty_extension_fact;
        if (extension != none && (extension >= g_.facts.size() || g_.facts[extension].type != FactType::Count)) {
            fail("the warranty is extended by fact {}, which is not a count", extension);
        }
        if (g_.warranty_extension_clause != none && g_.warranty_extension_clause >= g_.clauses.size()) {
            fail("the warranty extension cites clause {} of {}", g_.warranty_extension_clause, g_.clauses.size());
        }
    }

    void rules() {
        for (std::size_t r = 0; r < g_.rules.size() && problem_.empty(); ++r) {
            const Rule& rule = g_.rules[r];
            clause(rule.clause, "rule", r);
            in_range(rule.outcome, g_.outcomes.size(), false, "rule", r, "outcome");
            if (rule.condition != none) use_condition(rule.condition, "rule", r);
        }
    }

    // For each (model, part), a slice of period_choices: the slices in order, covering it.
    void period_choices() {
        const std::uint64_t slots = std::uint64_t{g_.models.size()} * g_.parts.size();
        const auto& begin = g_.choice_begin;
        if (begin.size() != slots + 1 || begin.front() != 0 || begin.back() != g_.period_choices.size()) {
            return fail("its table of periods by model and part has the wrong shape");
        }
        for (std::size_t i = 1; i < begin.size(); ++i) {
            if (begin[i] < begin[i - 1]) return fail("its table of periods by model and part is out of order");
        }
        for (std::size_t i = 0; i < g_.period_choices.size(); ++i) {
            if (!in_range(g_.period_choices[i], g_.periods.size(), false, "period choice", i, "period")) return;
        }
    }
};

}  // namespace

std::string check_graph(const RuleGraph& g) { return GraphCheck(g).run(); }

}  // namespace warrant::image
