// A reference interpreter for the policy language: a second, deliberately plain evaluator,
// written from the language's semantics (grammar/policy.peg, README "A tour of the
// language") rather than from the compiler. It reads the syntax tree, never the RuleGraph:
// every name is looked up by scanning the declarations each time it is needed, the part's
// period is recomputed by scanning every period declaration, and conditions are evaluated
// recursively over the tree. Slow on purpose; it exists to disagree with the compiler.
//
// Test code only, not part of the library.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parse/ast.hpp"

namespace warrant::reference {

// A calendar date as written, compared field by field.
struct Day {
    int year = 1970;
    int month = 1;
    int day = 1;
    friend auto operator<=>(const Day&, const Day&) = default;
};

// "2024-02-29" -> Day, without validation (the compiler has validated the text).
Day day_from_text(const std::string& iso);
std::string day_to_text(Day day);

// Calendar arithmetic, month by month and day by day.
bool is_leap(int year);
int month_length(int year, int month);
Day plus_days(Day day, long days);
// `clamp`: the target month's last day when it is shorter; `overflow`: the excess days run on.
Day plus_months(Day day, long months, bool overflow);

// A claim as a user states it: names and dates, nothing resolved.
struct Query {
    std::string model;  // any declared spelling, with any case, spaces, '-' or '_'
    std::string part;
    Day purchased;
    Day claimed;
    std::optional<Day> last_repair;
    bool outside_region = false;
    std::vector<std::pair<std::string, bool>> facts;  // later settings win
    // Counts, dates and choices, as a user writes them ("2", "2025-03-10", "online"); later
    // settings win.
    std::vector<std::pair<std::string, std::string>> values;
};

struct Answer {
    std::string rule;     // the deciding rule; empty when none applies
    std::string verdict;  // its outcome
    std::optional<Day> warranty_until;
    // The claim cannot be decided: `missing_fact` (a count or choice without a default that
    // the claim leaves out) or `date_out_of_order` (a date fact outside purchase..claim).
    std::string error;
};

// nullopt when the query names a model or part the policy does not declare.
std::optional<Answer> decide(const ast::Module& policy, const Query& query);

// The key two spellings of one model share: ASCII lower case, no white space, '-' or '_',
// full-width ASCII folded to ASCII.
std::string model_key(const std::string& spelling);

}  // namespace warrant::reference
