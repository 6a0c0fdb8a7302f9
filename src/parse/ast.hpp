// The syntax tree: what a policy file says, exactly as written, with a span on every node.
// Built once by the parser and never changed; later stages keep their results in their own types.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "warrant/source.hpp"

namespace warrant::ast {

// A name, clause id, date or keyword argument as written.
struct Word {
    std::string text;
    SourceSpan span;
};

// A quoted string with its escapes resolved; the span covers the quotes.
struct Text {
    std::string value;
    SourceSpan span;
};

enum class Unit : std::uint8_t { Days, Months };

struct Duration {
    std::uint32_t count = 0;
    Unit unit = Unit::Days;
    SourceSpan span;
};

// ---- conditions ---------------------------------------------------------------------------

struct Expr;
using ExprPtr = std::unique_ptr<const Expr>;

// A date a condition reads: the claim's own dates, or a date fact the claim may carry.
struct DateRef {
    enum class Kind : std::uint8_t { Purchase, Claimed, LastRepair, Fact } kind = Kind::Claimed;
    Word fact;  // Kind::Fact: the fact's name
};

// Invariants and value tests compare with these.
enum class Comparison : std::uint8_t { AtLeast, AtMost, Above, Below, Equal };

// What a count or date fact is compared with.
struct CompareValue {
    enum class Kind : std::uint8_t { Number, Date, Purchase, Claimed, Fact } kind = Kind::Number;
    Word word;
};

struct AnyOf { std::vector<ExprPtr> operands; };      // a or b or ...
struct AllOf { std::vector<ExprPtr> operands; };      // a and b and ...
struct Not { ExprPtr operand; };
struct PartIs { Word part; bool negated = false; };
struct WithinWarranty {};
// `SUBJECT within LENGTH after ANCHOR`; the subject is `claimed` or a date fact.
struct WithinAfter { Duration length; DateRef anchor; DateRef subject; };
struct AfterEndOfService {};
struct PurchasedOutside {};
struct InList { Word list; };
struct InSeries { Word series; };
struct AnyExclusion {};
struct AnyRequirementUnmet {};
struct FactIs { Word fact; };
// `purchased >= 2025-01-01`, `claimed < 2026-01-01`.
struct ClaimDateCompare { DateRef subject; Comparison comparison = Comparison::Equal; Word date; };
// `COUNT >= 2`, `DATE_FACT >= 2025-01-01`: a count or date fact against a value.
struct ValueCompare { Word fact; Comparison comparison = Comparison::Equal; CompareValue value; };
// `DATE_FACT is given`.
struct IsGiven { Word fact; };
// `CHOICE is VALUE`, `CHOICE in [VALUE, OTHER]`.
struct ChoiceIn { Word fact; std::vector<Word> values; };
// Invariants only: bounds on a model's period for a part, and on its end of service.
struct PeriodBound { Word part; Comparison comparison = Comparison::Equal; Duration length; };
struct EndOfServiceBound { std::optional<Comparison> comparison; std::optional<Word> date; };

struct Expr {
    SourceSpan span;
    std::variant<AnyOf, AllOf, Not, PartIs, WithinWarranty, WithinAfter, AfterEndOfService,
                 PurchasedOutside, InList, InSeries, AnyExclusion, AnyRequirementUnmet, FactIs,
                 ClaimDateCompare, ValueCompare, IsGiven, ChoiceIn, PeriodBound, EndOfServiceBound>
        kind;
};

// ---- statements ---------------------------------------------------------------------------

struct PolicyItem {
    enum class Kind : std::uint8_t { Region, Source, Effective } kind;
    Word word;                  // region code, or effective date
    std::optional<Text> text;   // region label, or source text
    std::optional<Text> file;   // source: the path of a copy of the source text, relative to the policy
    SourceSpan span;
};

struct PolicyDecl {
    SourceSpan span;
    Text title;
    std::vector<PolicyItem> items;
};

struct CalendarItem {
    enum class Kind : std::uint8_t { Months, LastDay } kind;
    Word value;  // clamp | overflow, covered | excluded
    SourceSpan span;
};

struct CalendarDecl {
    SourceSpan span;
    std::vector<CalendarItem> items;
};

struct ClauseDecl {
    SourceSpan span;
    Word id;
    Text text;
};

// `part`, `service` and `outcome` declarations share one shape.
struct VocabularyDecl {
    SourceSpan span;
    Word name;
    std::optional<Text> label;
    std::optional<Word> clause;
};

enum class FactKind : std::uint8_t { Plain, Exclusion, Requirement };
// What a fact's value is: true/false (no type written), a count, a date, or a choice.
enum class FactType : std::uint8_t { Bool, Count, Date, Choice };

struct FactDecl {
    SourceSpan span;
    FactKind kind = FactKind::Plain;
    Word name;
    std::optional<Text> meaning;
    FactType type = FactType::Bool;
    std::optional<SourceSpan> type_span;  // where the type is written
    std::vector<Word> choices;            // FactType::Choice: the values, as declared
    std::optional<Word> default_value;    // `true`, `false`, a number or a choice's value, as written
    std::optional<Word> clause;
};

struct ModelDecl {
    SourceSpan span;
    Text name;
    std::vector<Text> aliases;
};

struct SeriesDecl {
    SourceSpan span;
    Word name;
    std::optional<Text> label;
    std::vector<ModelDecl> models;
};

// One entry after `for`: either `series NAME` or a quoted model name.
struct Target {
    bool is_series = false;
    Word series;
    Text model;
    SourceSpan span;
};

struct PeriodDecl {
    SourceSpan span;
    Word part;
    Duration length;
    std::optional<Word> start;    // `from DATE`: `purchase` or a date fact
    std::optional<Word> extension;  // `extended by COUNT`: a count fact of days
    // `at least LENGTH after DATE`: `last_repair` or a date fact, and the length after it.
    std::optional<Word> floor_anchor;
    Duration floor_length;
    std::vector<Target> targets;  // empty: the general period for every model
    ExprPtr condition;            // null: unconditional
    std::vector<Word> services;
    Word clause;
};

struct ListDecl {
    SourceSpan span;
    Word name;
    std::optional<Text> label;
    std::optional<Word> clause;
    std::vector<Text> models;
};

struct EndOfServiceDecl {
    SourceSpan span;
    Word date;
    std::optional<Word> clause;
    std::vector<Text> models;
};

// `warranty from DATE per CLAUSE`: where every period counts from unless it says otherwise.
struct WarrantyDecl {
    SourceSpan span;
    Word start;  // `purchase` or a date fact
    Word clause;
};

// `warranty extended by COUNT per CLAUSE`: what every period without its own extension adds.
struct WarrantyExtensionDecl {
    SourceSpan span;
    Word fact;  // a count fact of days
    Word clause;
};

struct RuleDecl {
    SourceSpan span;
    Word name;
    Word clause;
    ExprPtr condition;  // null: always applies
    Word outcome;
};

struct InvariantDecl {
    SourceSpan span;
    Word name;
    Text message;
    enum class Scope : std::uint8_t { Every, Series, List } scope = Scope::Every;
    Word scope_name;  // the series or list, unless Every
    ExprPtr requirement;
};

// One `claim` item of an example, as written: `model "X"`, `part device`, `purchased D`,
// `purchased in CN`, `claimed D`, `last_repair D`, `region XX`.
struct ClaimItem {
    enum class Kind : std::uint8_t { Model, Part, Purchased, BoughtIn, Claimed, LastRepair, Region } kind;
    Word word;  // the name or date (for Model: the quoted name's text, unescaped)
    SourceSpan span;
};

struct FactSetting {
    Word fact;
    std::optional<Word> value;  // as written: true, false, 2, 2025-03-10, online; none: true
    SourceSpan span;
};

struct ExampleDecl {
    SourceSpan span;
    Word name;
    std::optional<Text> description;
    SourceSpan claim_span;
    std::vector<ClaimItem> items;
    std::vector<FactSetting> facts;
    Word outcome;
    std::optional<Word> until;  // a date, or `none`
    std::vector<Word> clauses;  // `by` clause ids
};

// A whole file. Each kind keeps source order; only the order of rules carries meaning.
struct Module {
    std::vector<PolicyDecl> policies;
    std::vector<CalendarDecl> calendars;
    std::vector<ClauseDecl> clauses;
    std::vector<VocabularyDecl> parts;
    std::vector<VocabularyDecl> services;
    std::vector<VocabularyDecl> outcomes;
    std::vector<FactDecl> facts;
    std::vector<SeriesDecl> series;
    std::vector<PeriodDecl> periods;
    std::vector<ListDecl> lists;
    std::vector<EndOfServiceDecl> end_of_service;
    std::vector<WarrantyDecl> warranty_starts;
    std::vector<WarrantyExtensionDecl> warranty_extensions;
    std::vector<RuleDecl> rules;
    std::vector<InvariantDecl> invariants;
    std::vector<ExampleDecl> examples;
};

// Calls `f` with each statement table of the modules given, kind by kind in the order above:
// `f(m.policies)`, ... for one module, `f(a.policies, b.policies)`, ... for two. For code that
// treats every kind alike, so that a kind added to Module is not forgotten there.
template <typename F, typename... Modules>
void for_each_table(F&& f, Modules&... m) {
    f(m.policies...);
    f(m.calendars...);
    f(m.clauses...);
    f(m.parts...);
    f(m.services...);
    f(m.outcomes...);
    f(m.facts...);
    f(m.series...);
    f(m.periods...);
    f(m.lists...);
    f(m.end_of_service...);
    f(m.warranty_starts...);
    f(m.warranty_extensions...);
    f(m.rules...);
    f(m.invariants...);
    f(m.examples...);
}

}  // namespace warrant::ast
