// Semantic diff of two versions of a policy: what changed, by meaning, and exactly which claims
// are answered differently, each with a concrete query that shows it.
//
// "Answered differently" compares what `warrant query` answers: the verdict, `warranty_until`
// and the services, or an error such as an unknown model. The clauses an answer cites are its
// reasons: claims answered alike that cite other clauses are reported apart, as reason ranges.
// Clauses are compared by identity (a clause renamed with the same text is the same clause) and
// as sets (the order they are cited in does not count), so renaming them changes nothing. A fact that only one version declares is ignored by the other
// when deciding (a query that names it is rejected there; that is reported on its own).
//
// Exactness: claim dates are split at every boundary either version can test (every length
// counted from the purchase, the last repair or a date fact the claim gives, every
// end-of-service date), facts are grouped
// into classes that every rule and period reads alike, and purchase dates are sampled at every
// point where a boundary crosses an end-of-service date (and, when month and day lengths can
// change order, over whole four-year cycles). Each distinct combination of boundary tests is
// decided under both versions; differing ones become ranges, each proven by a witness. For
// reasons, facts read through `any exclusion` or `any requirement unmet` are grouped only with
// facts that cite alike (a clause of their own, the same in both versions), so that every claim
// of a class cites alike too; a fact whose clause something else cites is grouped by its clause.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "warrant/date.hpp"
#include "warrant/query.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// A length counted from a date under one version's calendar; `last_day` is the last day it covers.
struct DiffLength {
    Length length;
    MonthRule months = MonthRule::Clamp;
    bool last_day_covered = true;
    Date last_day(Date from) const;
    friend bool operator==(const DiffLength&, const DiffLength&) = default;
};

// A claim as a query names it, so that it can be asked of either version.
struct DiffQuery {
    std::string region;           // empty: not given (one policy loaded)
    std::string model;            // a spelling
    std::string part;
    Date purchased;
    Date claimed;
    std::optional<Date> last_repair;
    std::string purchase_region;  // empty: bought in the policy's region
    std::vector<std::pair<std::string, FactValue>> facts;  // true/false, counts and choices
    std::string to_json() const;  // one line, as `warrant query --batch` reads it
};

// What a version answers a query: an error code, or the verdict with its warranty end and
// services, and the clauses it cites.
struct DiffAnswer {
    std::string error;  // "" when answered; else unknown_model, unknown_part, unknown_fact, ...
    std::string verdict;
    std::optional<Date> warranty_until;
    std::vector<std::string> services;
    std::vector<std::string> clauses;  // the deciding clauses, as `warrant query` cites them
    // The answer but its clauses: what verdict, warranty and acceptance ranges compare.
    bool same_answer(const DiffAnswer& other) const {
        return error == other.error && verdict == other.verdict && warranty_until == other.warranty_until && services == other.services;
    }
    std::string describe() const;  // "OUTCOME until 2026-12-01 via SERVICE", or the error
    std::string describe_clauses() const;  // "citing c1.a, c2", or "citing no clause"
};

// `strict`: as `warrant query` answers (a fact the version does not declare is an error);
// otherwise such facts are ignored, which is how claim ranges compare the versions.
DiffAnswer answer_query(const RuleGraph& graph, const DiffQuery& query, bool strict);

// One boundary test on a claim's dates; a range is a conjunction of them, each true or false.
struct DateTest {
    enum class Kind : std::uint8_t {
        WithinFromPurchase,  // claimed on or before purchase + length
        OnOrBefore,          // claimed on or before `date` (an end-of-service date)
        HasLastRepair,       // a last repair is given
        WithinFromRepair,    // a last repair is given and claimed on or before it + length
        HasDate,             // the claim gives the date fact `fact`
        WithinFromDate,      // it gives `fact` and is claimed on or before that date + length
        Compares,            // `left comparison right`, as a condition of the policy compares dates
        DateWithinFromPurchase,  // it gives `fact`, on or before purchase + length
    } kind{};
    DiffLength length;
    Date date;
    std::string fact{};  // HasDate, WithinFromDate, DateWithinFromPurchase: the date fact's name
    // Compares: each side `purchased`, `claimed`, a date fact's name or a calendar date (ISO).
    std::string left{}, right{};
    Comparison comparison = Comparison::Equal;
    bool holds(const DiffQuery& query) const;
    friend bool operator==(const DateTest&, const DateTest&) = default;
};

struct DateLiteral {
    DateTest test;
    bool value = true;
};

// The values of a count or choice fact that a range holds.
struct ValueCondition {
    bool not_given = false;                                      // a claim that does not give it
    std::vector<std::pair<std::int32_t, std::int32_t>> counts;  // Count: inclusive intervals, ascending
    std::vector<std::string> choices;                            // Choice: the values, in declared order
    friend bool operator==(const ValueCondition&, const ValueCondition&) = default;
};

// A constraint on a group of facts that every rule and period treats alike: the query's facts
// of the group, as a set of the ways they are given (not given, true, false), must be one of
// `accepted` (bit m-1 for the set m: 1 not given, 2 true, 4 false, ORed). A count or choice
// fact is a group of its own, constrained by `values` instead.
struct FactCondition {
    std::vector<std::string> facts;
    std::uint8_t accepted = 0;
    std::string words;  // "no exclusion holds", "not `FACT`", "`COUNT` is 2"
    std::optional<ValueCondition> values{};
    bool holds(const DiffQuery& query) const;
};

// A set of claims answered differently, and one claim of it that shows the difference.
struct ClaimRange {
    enum class Kind : std::uint8_t {
        Verdict,     // the verdict differs (dates, facts and region of purchase select the claims)
        Until,       // the warranty end or the services differ (facts select the claims)
        Acceptance,  // one version rejects the query: a model, part, fact or region it lacks
        Reason,      // answered alike, but citing other clauses (selected as verdict ranges are)
    } kind{};
    // Fact: claims that name `named` (with the value `named_value`, when set); MissingFact:
    // claims that do not name it (one version requires it).
    enum class Rejects : std::uint8_t { Nothing, Model, Part, Fact, Region, MissingFact } rejects = Rejects::Nothing;
    std::string region;                   // the new version's region code (what `outside_region` is relative to)
    std::string old_region;               // the old version's, when it differs ignoring case; else empty
    std::vector<std::string> models;      // names of the models concerned (empty: every model)
    std::vector<std::string> model_keys;  // their spellings, normalised (empty: every model)
    std::string part;                     // empty: every part
    std::vector<FactCondition> facts;
    std::optional<bool> outside_region;      // bought outside `region` (nullopt: either way)
    std::optional<bool> outside_old_region;  // bought outside `old_region` (only when the codes differ)
    std::vector<DateLiteral> dates;       // Verdict; Until: only whether the claim gives a date (has_date)
    std::optional<DiffLength> until_before, until_after;  // Until only; nullopt: no period
    // Until: the date fact each version counts the warranty from when the claim gives it
    // ("": always from the purchase).
    std::string until_from_before, until_from_after;
    std::vector<std::string> services_before, services_after;
    bool until_purchases_apart = false;   // Until: only claims on which the two ends differ (else every one)
    // Reason: only purchases on which the ends of `until_before` and `until_after` fall on the
    // same day (the periods differ, so other purchases are answered differently); else every one.
    bool until_purchases_alike = false;
    std::vector<std::string> clauses_before, clauses_after;  // Reason: the witness's clauses, as each version cites them
    std::string named;                    // Acceptance: the fact, part or region name concerned
    std::string named_value;              // Acceptance of a fact: the one value rejected ("" any)
    std::string claims;                   // which claims, in words
    std::optional<std::pair<std::int32_t, std::int32_t>> days;  // days after purchase at the reference date; -1: no end
    std::string before, after;            // the answers, in words
    DiffQuery witness;
    DiffAnswer witness_before, witness_after;  // as `warrant query` answers it
    // Whether `query` (a claim valid for both versions) is one of the range's claims.
    bool covers(const DiffQuery& query) const { return covers_claimant(query) && covers_dates(query); }
    // The two halves of `covers`: what the dates do not decide (the model, part, facts and
    // regions), and what they do; a caller that varies only the dates checks the first once.
    bool covers_claimant(const DiffQuery& query) const;
    bool covers_dates(const DiffQuery& query) const;
    // How many of the `count` claim dates from `first` on make `query` (its claim date aside)
    // one of the range's claims by its dates: covers_dates on each, but each test's dates are
    // worked out once, not once per day.
    std::size_t claim_days_covered(const DiffQuery& query, Date first, std::int32_t count) const;
};

// One difference in the text, by meaning.
struct Change {
    std::string kind;                  // stable: model_added, period, end_of_service, rule_changed, clause_text, ...
    bool wording = false;              // wording, labels or identifiers only: no answer can change
    std::vector<std::string> models;   // models it concerns, if any
    std::string part;                  // the part it concerns, if one (a period)
    std::string text;                  // one line for people
    std::vector<std::string> clauses;  // clause ids involved (before and after)
    std::string before_text, after_text;  // clause_text: the two texts in full
};

// Who is affected, first: the ranges of one kind and one pair of answers, with every model and
// part they name and the share of claims they hold over the reference distribution: purchases
// on each of the 365 days from the reference date, claims on each day up to 1095 days after
// the purchase, no last repair, no fact named, bought in the region (every 7th purchase day
// is sampled). For warranty ranges only purchases count; acceptance ranges have no share.
struct Finding {
    ClaimRange::Kind kind{};
    std::string before, after;
    std::vector<std::string> models;  // empty: every model
    std::vector<std::string> parts;   // empty: every part
    std::size_t ranges = 0;
    std::optional<double> share;      // 0..1 of the claims of those models and parts
};

// Claims the diff could not compare claim by claim (a form of condition it does not cut along,
// or more cases than it tries), and why: the report's ranges leave them out, and say nothing
// about them either way.
struct NotCompared {
    std::vector<std::string> models;      // empty: every model
    std::vector<std::string> model_keys;  // their normalised spellings, sorted, as ClaimRange's
    std::string part;                     // "": every part
    // Only the claims of those models and part that meet every one of these (empty: all of
    // them): a count that extends a period, above 0.
    std::vector<FactCondition> facts;
    // Only the claims that give each of these dates (empty: all of them): `last_repair` or a
    // date fact, that a period ends no earlier than a length after.
    std::vector<std::string> given;
    std::string reason;
    // Whether the claim's model, part and facts are among those left out.
    bool covers(const DiffQuery& query) const;
};

struct PolicyDiff {
    std::string region;
    std::string title;
    std::string before_name, after_name;  // where each version came from ("" if absent)
    Date reference;                       // day ranges are counted for a purchase on this date
    std::string reference_source;         // why that date: "the new version's effective date"
    std::vector<Change> changes;
    std::vector<ClaimRange> ranges;   // answered differently: verdict, until and acceptance ranges
    std::vector<ClaimRange> reasons;  // answered alike but citing other clauses: reason ranges, disjoint
    std::vector<Finding> findings;  // the ranges summed up, in the order first met; reasons last
    std::size_t unverified = 0;    // ranges dropped because the witness did not show a difference (a bug)
    std::size_t inconsistent = 0;  // self-check: samples of one cell decided unlike its witness (a bug)
    std::vector<NotCompared> not_compared;  // empty: every claim was compared
    bool answers_differ() const { return !ranges.empty(); }
    bool complete() const { return not_compared.empty(); }
    bool reasons_differ() const { return !reasons.empty(); }
};

struct DiffReport {
    std::string before_name, after_name;
    bool full_lists = false;  // text and Markdown: list every model, not the first few (`--full`)
    std::vector<PolicyDiff> policies;
    bool answers_differ() const;
    bool reasons_differ() const;
    bool complete() const;  // every claim of every policy compared
};

struct DiffOptions {
    std::optional<Date> reference;  // default: the new version's effective date, else the old's, else 2025-01-01
    bool self_check = false;        // decide every sampled claim, not one per cell (tests)
};

// Policies are paired by region; a lone policy on each side is paired whatever its region.
// Claims beyond what the diff compares exactly are left out of the ranges and named in
// `not_compared`, with the reason; the changes are listed whatever.
PolicyDiff diff_graphs(const RuleGraph& before, const RuleGraph& after, const DiffOptions& options = {});
DiffReport diff_policies(const std::vector<std::shared_ptr<const RuleGraph>>& before,
                         const std::vector<std::shared_ptr<const RuleGraph>>& after, const DiffOptions& options = {});

struct DiffLimit {
    std::string message;
};

std::string render_diff_text(const DiffReport& report);
std::string render_diff_json(const DiffReport& report);
std::string render_diff_markdown(const DiffReport& report);
std::string render_diff_html(const DiffReport& report);

}  // namespace warrant
