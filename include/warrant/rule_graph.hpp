// The compiled rule graph: a policy after resolution and validation, immutable, index-based.
// It is what the interpreter, the checker's reports and the diff read. It never refers to the
// syntax tree: only to spans in its source file, which it keeps alive.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warrant/date.hpp"
#include "warrant/name_table.hpp"
#include "warrant/source.hpp"

namespace warrant {

class NameIndex;

// Indices into the graph's tables. `none` marks an absent optional reference.
using Index = std::uint32_t;
inline constexpr Index none = 0xFFFFFFFFu;

// Up to this many facts per policy: a claim's facts are a fixed-size bit set, so deciding a
// claim never allocates.
inline constexpr std::size_t max_facts = 256;
using FactBits = std::array<std::uint64_t, max_facts / 64>;

inline bool test_fact(const FactBits& bits, Index fact) {
    return (bits[fact / 64] >> (fact % 64)) & 1u;
}
inline void set_fact(FactBits& bits, Index fact, bool value) {
    const std::uint64_t mask = std::uint64_t{1} << (fact % 64);
    bits[fact / 64] = value ? (bits[fact / 64] | mask) : (bits[fact / 64] & ~mask);
}

// Facts that carry a value (a count, a date, a choice) keep it in one of this many slots of a
// claim, also fixed-size.
inline constexpr std::size_t max_value_facts = 32;
// A choice may offer up to this many values: a set of them is one 32-bit mask.
inline constexpr std::size_t max_choice_values = 32;
// The value of a date fact the claim does not give.
inline constexpr std::int32_t no_value = INT32_MIN;
using FactValues = std::array<std::int32_t, max_value_facts>;
// A count a claim gives is a whole number from 0 to this: far beyond any count a policy
// compares with. Queries refuse larger ones (`out_of_range`); the checks reason with it.
inline constexpr std::int64_t max_claim_count = 1'000'000'000;

enum class LengthUnit : std::uint8_t { Days, Months };

struct Length {
    std::uint32_t count = 0;
    LengthUnit unit = LengthUnit::Days;
    friend bool operator==(const Length&, const Length&) = default;
};

enum class FactRole : std::uint8_t { Plain, Exclusion, Requirement };
// What a fact's value is. Bool facts live in a claim's FactBits, the others in its FactValues.
enum class FactType : std::uint8_t { Bool, Count, Date, Choice };

struct Clause {
    std::string id;
    std::string text;
    SourceSpan span;
};

// A part, a service or an outcome: a declared name with a label for people.
struct Term {
    std::string name;
    std::string label;
    Index clause = none;
    SourceSpan span;
};

struct Fact {
    std::string name;
    std::string meaning;
    FactRole role = FactRole::Plain;
    bool default_value = false;                 // Bool
    FactType type = FactType::Bool;
    std::vector<std::string> choices;           // Choice: the values, in declared order
    std::optional<std::int32_t> default_number; // Count: the default; Choice: the default's index
    Index slot = none;                          // not Bool: index into a claim's FactValues
    Index clause = none;
    SourceSpan span;
    // A count or choice without a default must be given by every claim.
    bool required() const { return (type == FactType::Count || type == FactType::Choice) && !default_number; }
};

struct Series {
    std::string name;
    std::string label;
    std::vector<Index> models;
    SourceSpan span;
};

struct Model {
    std::string name;
    std::vector<std::string> aliases;
    Index series = none;
    std::optional<Date> end_of_service;  // the earliest notice naming the model
    Index end_of_service_notice = none;
    SourceSpan span;
};

struct ModelList {
    std::string name;
    std::string label;
    Index clause = none;
    std::vector<Index> models;  // sorted, unique
    SourceSpan span;
};

struct EndOfServiceNotice {
    Date date;
    Index clause = none;
    std::vector<Index> models;
    SourceSpan span;
};

// ---- conditions, as a flat array of nodes ---------------------------------------------------

enum class CondKind : std::uint8_t {
    AnyOf,             // children [a, a + b) of Condition::children
    AllOf,             // likewise
    Not,               // a: operand
    PartIs,            // a: part
    WithinWarranty,    // claimed on or before the last day of the part's period
    WithinAfter,       // a: count, b: unit, c: anchor (0 purchase, 1 last repair, 2 the date fact
                       // `anchor_fact`); the tested date is `subject_fact`'s, or the claim's (none)
    AfterEndOfService, // claimed after the model's end-of-service date
    PurchasedOutside,  // bought outside the policy's region
    InList,            // a: list
    InSeries,          // a: series
    AnyExclusion,      // some exclusion fact holds
    AnyUnmet,          // some requirement fact does not hold
    FactIs,            // a: fact
    CountCompare,      // a: count fact, b: the number, c: Comparison
    DateCompare,       // left c: Comparison with right; see DateOperand
    DateGiven,         // a: date fact
    ChoiceIn,          // a: choice fact, b: the accepted values' mask (bit i: value i)
};

// How a value compares with another: `>=`, `<=`, `>`, `<`, `=`.
enum class Comparison : std::uint8_t { AtLeast, AtMost, Above, Below, Equal };

inline bool compare(std::int64_t left, Comparison c, std::int64_t right) {
    switch (c) {
        case Comparison::AtLeast: return left >= right;
        case Comparison::AtMost: return left <= right;
        case Comparison::Above: return left > right;
        case Comparison::Below: return left < right;
        case Comparison::Equal: return left == right;
    }
    return false;
}

// One side of a DateCompare: one of the claim's dates, a date fact, or a fixed date.
struct DateOperand {
    enum class Source : std::uint8_t { Purchased, Claimed, Fact, Fixed } source = Source::Claimed;
    Index fact = none;
    Date fixed{};
    friend bool operator==(const DateOperand&, const DateOperand&) = default;
};

struct CondNode {
    CondKind kind{};
    std::uint8_t c = 0;
    Index a = 0;
    Index b = 0;
    Index anchor_fact = none;   // WithinAfter with c == 2
    Index subject_fact = none;  // WithinAfter: the date fact tested, none for the claim date
    DateOperand left, right;    // DateCompare
    SourceSpan span;
};

// Calls `visit(fact)` for each fact the node itself reads by name (not its children's):
// one place that knows which node kinds read which facts.
template <typename Visit>
void for_each_fact_read(const CondNode& n, Visit&& visit) {
    switch (n.kind) {
        case CondKind::FactIs:
        case CondKind::CountCompare:
        case CondKind::DateGiven:
        case CondKind::ChoiceIn:
            if (n.a != none) visit(n.a);
            break;
        case CondKind::DateCompare:
            if (n.left.source == DateOperand::Source::Fact) visit(n.left.fact);
            if (n.right.source == DateOperand::Source::Fact) visit(n.right.fact);
            break;
        case CondKind::WithinAfter:
            if (n.c == 2 && n.anchor_fact != none) visit(n.anchor_fact);
            if (n.subject_fact != none) visit(n.subject_fact);
            break;
        default: break;
    }
}

// Whether the node tests a count, a date fact or a choice (kinds some analyses do not model).
inline bool reads_fact_values(const CondNode& n) {
    return n.kind == CondKind::CountCompare || n.kind == CondKind::DateGiven || n.kind == CondKind::ChoiceIn ||
           n.kind == CondKind::DateCompare || (n.kind == CondKind::WithinAfter && (n.c == 2 || n.subject_fact != none));
}

struct Period {
    Index part = none;
    Length length;
    // The date fact the period counts from when the claim gives it (else the purchase), and
    // the clause that says so (the period's own, or the `warranty from` statement's).
    Index start_fact = none;
    Index start_clause = none;
    // The count fact whose value, in days, the period's end moves later by (days in repair,
    // which the warranty does not count), and the clause that says so; none: no extension.
    Index extension_fact = none;
    Index extension_clause = none;
    // `at least LENGTH after DATE`: when the claim gives the date (the last repair, or the date
    // fact `floor_fact`), the warranty ends no earlier than that length after it.
    enum class FloorAnchor : std::uint8_t { None, LastRepair, Fact } floor_anchor = FloorAnchor::None;
    Index floor_fact = none;
    Length floor_length;
    enum class Scope : std::uint8_t { General, Series, Model } scope = Scope::General;
    Index condition = none;       // a condition over facts only, or none
    std::vector<Index> services;
    Index clause = none;
    SourceSpan span;
};

struct Rule {
    std::string name;
    Index clause = none;
    Index condition = none;  // none: always applies
    Index outcome = none;
    SourceSpan span;
};

struct CalendarRules {
    MonthRule months = MonthRule::Clamp;
    bool months_declared = false;
    bool last_day_covered = true;
};

struct PolicyInfo {
    std::string title;
    std::string region;
    std::string region_label;
    std::string source;
    std::string source_file;       // `source ... file "PATH"`: a copy of the source text, relative to the policy
    SourceSpan source_file_span;   // of that path's string
    std::optional<Date> effective;
};

class RuleGraph {
public:
    PolicyInfo info;
    CalendarRules calendar;
    std::vector<Clause> clauses;
    std::vector<Term> parts;
    std::vector<Term> services;
    std::vector<Term> outcomes;
    std::vector<Fact> facts;
    std::vector<Series> series;
    std::vector<Model> models;
    std::vector<ModelList> lists;
    std::vector<EndOfServiceNotice> notices;
    std::vector<Period> periods;
    std::vector<Rule> rules;
    std::vector<CondNode> conditions;
    std::vector<Index> condition_children;

    // For each (model, part): the periods that may apply, most specific first; the first
    // whose condition holds is the part's period. Slice [begin, end) of period_choices.
    std::vector<std::uint32_t> choice_begin;  // size models * parts + 1
    std::vector<Index> period_choices;
    // Per (model, part), what choose_period answers without reading the list: the period (or
    // none) when no condition comes before the first period that always applies, as for most
    // models; choices_vary otherwise. One look-up per claim on a large catalogue, not three.
    // Built by index_period_choices() from the two above.
    static constexpr Index choices_vary = none - 1;
    std::vector<Index> fixed_period;
    void index_period_choices();

    FactBits fact_defaults{};
    FactValues value_defaults{};  // per slot: the default count or choice index; no_value otherwise
    std::vector<Index> value_facts;  // slot -> fact
    // The `warranty from` statement: where periods count from unless they say otherwise.
    Index warranty_start_fact = none;
    Index warranty_start_clause = none;
    // The `warranty extended by` statement: what extends periods without their own extension.
    Index warranty_extension_fact = none;
    Index warranty_extension_clause = none;
    FactBits exclusion_mask{};
    FactBits requirement_mask{};
    // list_membership[list] has one bit per model.
    std::vector<std::vector<bool>> list_membership;

    std::shared_ptr<const SourceFile> source;

    // Model lookup by normalised spelling (case, white space, '-', '_' ignored).
    std::optional<Index> find_model(std::string_view spelling) const;
    std::optional<Index> find_part(std::string_view name) const;
    std::optional<Index> find_fact(std::string_view name) const;
    // Up to `limit` declared spellings nearest to `spelling`, nearest first.
    std::vector<std::string> nearest_models(std::string_view spelling, std::size_t limit = 3) const;

    NameTable<Index> model_keys;  // normalised spelling -> model

    // Each model's name and aliases, normalised, model by model: what nearest_models compares
    // with. Filled by index_spellings() once the graph is complete; empty while it is built.
    std::vector<std::string> spelling_keys;
    // The same keys indexed for nearest_models, so that an unknown model in a batch does not
    // compare with every spelling. Built by index_spellings().
    std::shared_ptr<const NameIndex> spelling_index;
    void index_spellings();
};

// Calls `visit(node)` for each leaf of condition `c` (a node other than `and`, `or` and
// `not`), left to right; nothing for none. The walk of the analyses that only collect what a
// condition's tests read.
template <typename Visit>
void for_each_leaf(const RuleGraph& g, Index c, Visit&& visit) {
    if (c == none) return;
    const CondNode& n = g.conditions[c];
    switch (n.kind) {
        case CondKind::AnyOf:
        case CondKind::AllOf:
            for (Index i = 0; i < n.b; ++i) for_each_leaf(g, g.condition_children[n.a + i], visit);
            return;
        case CondKind::Not: for_each_leaf(g, n.a, visit); return;
        default: visit(n);
    }
}

const char* comparison_symbol(Comparison c);  // ">=", "<", "=" as a policy writes them

// One side of a date comparison as a policy writes it: `purchased`, `claimed`, a date fact's
// name or a calendar date (2025-01-01).
std::string date_operand_text(const RuleGraph& graph, const DateOperand& operand);

// A condition in the policy language, from the graph alone (no source needed):
// "part is device and claimed within 14 days after purchase"; "always" for none.
std::string condition_text(const RuleGraph& graph, Index condition);

// What follows a period's length and decides its end, as a policy writes it: "" or
// " from exchanged_on extended by repair_days at least 90 days after last_repair".
std::string period_end_text(const RuleGraph& graph, const Period& period);

// The key two spellings of one model share: lower case, without white space, '-' and '_',
// full-width ASCII folded to ASCII.
std::string normalize_model_name(std::string_view spelling);
void normalize_model_name(std::string_view spelling, std::string& key);  // into `key`, reusing it

}  // namespace warrant
