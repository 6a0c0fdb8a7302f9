// Differential testing: random policies and claims, decided by the compiler's interpreter and
// by the reference interpreter, which must agree on the deciding rule, the verdict and the
// last covered day.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace warrant::reference {

// One disagreement (or a generated policy that did not compile), with what reproduces it.
struct Disagreement {
    std::uint64_t seed = 0;
    std::size_t policy = 0;  // random_policy's index under `seed`
    std::string policy_text;
    std::string claim;       // as an example's claim: `model "X" part P purchased D ...`
    std::string compiler;    // "o1 until 2025-02-28 (rule r0)", or the compile errors
    std::string reference;
};

struct DifferentialRun {
    std::size_t policies = 0;
    std::size_t claims = 0;
    std::size_t failures = 0;                // disagreements and policies that did not compile
    std::vector<Disagreement> first_failures;  // up to the number asked for
};

// Policy i is generated from a generator seeded with (seed, i) alone, so any one can be
// reproduced without the others.
DifferentialRun run_differential(std::uint64_t seed, std::size_t policies, std::size_t claims_per_policy,
                                 std::size_t keep = 3);

std::string describe(const Disagreement& d);

}  // namespace warrant::reference
