// Random valid policies and random claims against them, for differential testing. Every
// policy compiles (warnings allowed); the claims name what the policy declares, with dates
// chosen near the boundaries the policy draws (period ends, spans after purchase or repair,
// end-of-service dates, month ends, leap days).
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "reference/reference_interpreter.hpp"

namespace warrant::reference {

using Random = std::mt19937_64;

struct RandomPolicy {
    std::string text;
    // What claims may name.
    std::vector<std::vector<std::string>> model_spellings;  // per model: its name and aliases
    std::vector<std::string> parts;
    std::vector<std::string> facts;  // true/false facts
    // Counts, dates and choices.
    struct TypedFact {
        std::string name;
        enum class Type { Count, Date, Choice } type = Type::Count;
        std::vector<std::string> choices;
        bool has_default = false;
    };
    std::vector<TypedFact> typed;
    std::vector<int> count_thresholds;  // numbers counts are compared with, to aim counts at them
    // Lengths the policy measures with (periods, `within N after`), to aim dates at their ends.
    std::vector<std::pair<std::uint32_t, bool>> lengths;  // (count, in months)
    std::vector<Day> notice_dates;
    bool months_overflow = false;
};

// Which kinds of claim values besides true/false facts a policy may declare and test. The
// diff compares counts, choices and dates that claims carry when a condition asks whether a
// claim gives the date or counts a window from it, and periods counted from it; not yet
// comparisons of dates.
enum class TypedKinds { None, CountsAndChoices, DatesGivenAndCounted, All };
RandomPolicy random_policy(Random& random, int index, TypedKinds kinds = TypedKinds::All);

// A claim: the reference's Query, plus the spellings to give the compiler's query.
struct RandomClaim {
    Query query;
    std::string purchase_region;  // empty: bought in the policy's region
};

RandomClaim random_claim(Random& random, const RandomPolicy& policy);

}  // namespace warrant::reference
