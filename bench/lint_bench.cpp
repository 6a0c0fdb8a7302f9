// Lint benchmark: `warrant check`'s full compile (every lint) on policies of N models whose
// names differ in one word only ("Nova Qertak", "Nova Qertal", ...), the case that made the
// look-alike names check (W4101) quadratic. Each size runs in a process of its own.
//
//   lint_bench [--sizes 10000,100000] [--runs R]
//        prints one line per size: best and median wall time of a full compile, the W4101 count
//   lint_bench --case N [--runs R]      one size in this process; prints a RESULT line
//   lint_bench --emit N                 prints the policy (to run `warrant check` on it)
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_util.hpp"
#include "warrant/compile.hpp"

namespace wb = warrant::bench;

namespace {

// Names that differ in one word of six to nine letters, a tenth of them a typo away from another.
std::string one_word_policy(std::size_t models) {
    std::uint64_t state = 20251204;
    const auto next = [&] {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    };
    std::string text =
        "policy \"one word apart\" region XX effective 2025-01-01\ncalendar months clamp\nclause c \"t\"\npart device\n"
        "outcome repaired\noutcome paid\nperiod device 12 months per c\n"
        "rule r per c when claimed within warranty then repaired\nrule z per c then paid\nseries nova \"Nova\" {\n";
    std::set<std::string> seen;
    std::vector<std::string> words;
    while (words.size() < models) {
        std::string w;
        if (!words.empty() && next() % 10 == 0) {
            w = words[next() % words.size()];
            w[next() % w.size()] = static_cast<char>('a' + next() % 26);
        } else {
            const std::size_t length = 6 + next() % 4;
            w += static_cast<char>('A' + next() % 26);
            while (w.size() < length) w += static_cast<char>('a' + next() % 26);
        }
        std::string key = w;
        for (char& c : key) c = static_cast<char>(c | 0x20);
        if (!seen.insert(key).second) continue;
        words.push_back(w);
        text += "    model \"Nova " + w + "\"\n";
    }
    text += "}\n";
    return text;
}

int run_case(std::size_t models, int runs) {
    const std::string text = one_word_policy(models);
    std::vector<double> times;
    std::size_t lookalikes = 0, diagnostics = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = wb::Clock::now();
        const warrant::CompileResult r = warrant::compile(std::make_shared<const warrant::SourceFile>("one-word.policy", text));
        times.push_back(wb::seconds_since(start));
        if (!r.ok()) {
            std::cerr << "lint_bench: the generated policy does not compile\n";
            return 1;
        }
        diagnostics = r.diagnostics.size();
        lookalikes = 0;
        for (const warrant::Diagnostic& d : r.diagnostics) lookalikes += d.code == warrant::Code::LookalikeNames;
    }
    fmt::print("RESULT models={} best={:.4f} median={:.4f} w4101={} diagnostics={} peak_mb={:.1f}\n", models, wb::best(times),
               wb::median(times), lookalikes, diagnostics, static_cast<double>(wb::status_kb("VmHWM")) / 1024.0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = std::stoi(wb::option(argc, argv, "--runs", "3"));
    const std::string emit = wb::option(argc, argv, "--emit", "");
    if (!emit.empty()) {
        const std::string text = one_word_policy(std::stoul(emit));
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    const std::string which = wb::option(argc, argv, "--case", "");
    if (!which.empty()) return run_case(std::stoul(which), runs);
    std::stringstream sizes(wb::option(argc, argv, "--sizes", "10000,100000"));
    fmt::print("{:>8}  {:>9}  {:>9}  {:>7}  {:>8}  {:>5}\n", "models", "best s", "median s", "W4101", "peak MB", "load");
    for (std::string size; std::getline(sizes, size, ',');) {
        bool ok = false;
        const double load = wb::load_average();
        const auto f = wb::parse_result(wb::run_self({"--case", size, "--runs", std::to_string(runs)}, ok));
        if (!ok) return 1;
        fmt::print("{:>8}  {:>9.4f}  {:>9.4f}  {:>7}  {:>8.1f}  {:>5.2f}\n", size, wb::field(f, "best"), wb::field(f, "median"),
                   f.at("w4101"), wb::field(f, "peak_mb"), load);
    }
    fmt::print("full compile (parse, resolve, every lint), wall time per run; peak MB = VmHWM of the child process\n");
    return 0;
}
