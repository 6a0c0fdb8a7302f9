// The differential test at benchmark size:
//   warrant_differential --policies 20000 --queries 1000 --seed 1
// Prints the number of comparisons, the time taken and the first disagreements; exits 1 when
// the compiler and the reference interpreter disagree anywhere (or a policy fails to compile).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "reference/differential.hpp"

int main(int argc, char** argv) {
    unsigned long long policies = 1000, queries = 100, seed = 1;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (has_value && std::strcmp(argv[i], "--policies") == 0) {
            policies = std::strtoull(argv[++i], nullptr, 10);
        } else if (has_value && std::strcmp(argv[i], "--queries") == 0) {
            queries = std::strtoull(argv[++i], nullptr, 10);
        } else if (has_value && std::strcmp(argv[i], "--seed") == 0) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: warrant_differential [--policies N] [--queries M] [--seed S]\n");
            return 2;
        }
    }
    const auto start = std::chrono::steady_clock::now();
    const auto run = warrant::reference::run_differential(seed, policies, queries, 5);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& d : run.first_failures) std::printf("%s\n", warrant::reference::describe(d).c_str());
    std::printf("seed %llu: %zu policies, %zu claims, %zu disagreements, %.1f s (%.0f claims/s)\n", seed, run.policies,
                run.claims, run.failures, seconds, static_cast<double>(run.claims) / seconds);
    return run.failures == 0 ? 0 : 1;
}
