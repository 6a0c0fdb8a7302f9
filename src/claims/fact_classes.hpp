// The facts of two versions, grouped into classes that decide alike.
//
// A rule or period reads a fact either by name or through `any exclusion` / `any requirement
// unmet`. Facts that neither version reads by name and that have the same role and default in
// each version are interchangeable: what matters of such a group is only which ways its facts
// are given (not given, true, false), and of that only what it contributes to each version's
// `any exclusion` and `any requirement unmet`. A fact read by name is a group of its own. One
// query per distinct combination of group effects covers every query exactly.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "warrant/diff.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::claims {

// The ways a group's facts may be given, as bits of a set: 1 not given, 2 true, 4 false.
inline constexpr std::uint8_t not_given = 1, given_true = 2, given_false = 4;

struct FactGroup {
    // Bool: true/false facts. Count or Choice: one fact whose values are cut at every number
    // (or value) a rule or period tells apart, as `values`.
    FactType type = FactType::Bool;
    std::vector<std::string> facts;
    std::vector<Index> before, after;  // each fact's index in each version, or none
    bool read_by_name = false;
    // Declared by one version only: a claim that names such a fact is rejected by the other
    // (an acceptance range), so only "not given" is compared.
    bool one_sided = false;
    // Per distinct effect ("value" of the group): the sets of ways that have it (a bit per
    // set, as FactCondition::accepted), one of them to put in a query, and words for people.
    std::vector<std::uint8_t> accepted;
    std::vector<std::uint8_t> representative;
    std::vector<std::string> words;
    // Count or Choice: per value, the claims' values it holds. `accepted` then only says
    // whether "not given" is one of them.
    std::vector<ValueCondition> values;
    bool choices_rejected = false;  // Choice: some value is declared by one version only

    // The condition a range puts on the group to hold the claims of one value.
    FactCondition condition(std::size_t value) const;
};

struct FactClass {
    std::vector<std::uint8_t> values;  // per group
    FactBits before{}, after{};        // the facts each version decides with
    FactValues counts_before{}, counts_after{};  // and their counts and choices
    std::vector<std::pair<std::string, FactValue>> named;  // what a query names to get this class
};

struct FactSpace {
    std::vector<FactGroup> groups;
    std::vector<FactClass> classes;
};

// What the classes of claims do not yet cut along, in words, or "" when the graph has none of
// it: a date fact tested for when it falls after the last repair or after another date fact.
// The diff and the exact dead-rule check decline such
// policies rather than answer wrongly. (Everything else a claim's dates are tested by is cut
// exactly, by the date space.)
std::string unmodelled_claim_values(const RuleGraph& graph);

// Claims that name none of the facts only one version declares: what every verdict and
// warranty range requires, since the others are rejected by one version. Empty when none.
std::vector<FactCondition> unnamed_one_sided(const FactSpace& space);

// For each count or choice whose values do not all count (a claim must give it, or some of its
// choice values are rejected by one version): the values both versions answer, which a range
// that says nothing else of the fact still requires.
std::vector<FactCondition> answered_values(const FactSpace& space);

// When answers' clauses are compared, facts of one profile are interchangeable only if they
// cite alike: per fact name, a key (facts not named have the key ""); facts group together
// only when their keys are equal. A group of several facts then also tells apart the sets of
// ways that make a fact count (hold as an exclusion, fail as a requirement) in one version only.
using FactClauseKeys = std::map<std::string, std::string>;

// Throws DiffLimit when the classes would be too many to compare one by one.
FactSpace build_fact_space(const RuleGraph& before, const RuleGraph& after, const FactClauseKeys* clause_keys = nullptr);

// The facts whose kind differs between the versions (true/false in one, a count in the
// other...), and the choice values only one version declares: a claim that names them is
// rejected by one version.
struct OneSidedValues {
    std::vector<std::string> retyped;
    std::vector<std::pair<std::string, std::string>> choices;  // (fact, value)
    std::vector<std::string> required_by_one;  // a count or choice one version requires and the other does not
};
OneSidedValues one_sided_values(const RuleGraph& before, const RuleGraph& after);

// A value of `fact` that `graph` accepts in a query (its default, else 0 or its first value; a
// date fact: `on`, which must fall between the claim's purchase and claim dates).
FactValue some_value(const Fact& fact, Date on);

}  // namespace warrant::claims
