// Compile benchmark: time warrant::compile on the HK policy and on generated policies of 1k,
// 10k and 100k models; report the best and median time of several runs and the peak RSS.
//
//   compile_bench [--policy PATH] [--sizes 1000,10000,100000]
//        runs every case in a fresh child process of its own and prints the table
//   compile_bench --case hk|N [--policy PATH] [--runs R]
//        one case in this process; prints a RESULT line
//   compile_bench --emit N
//        prints the generated N-model policy (to check it with `warrant check`)
//   compile_bench --stages FILE [--runs R]
//        times each stage of a full compile of FILE (input checks, parse, resolve, validate,
//        lints, spelling index, suppressions, freeing), best of R runs (default 3)
//   compile_bench --emit-realistic N [--seed S] [--changed FRACTION] [--policy PATH]
//        prints the realistic catalogue of N models built on the HK policy (see gen_policy.hpp);
//        with --changed, the version of it where that fraction of the models changed
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_util.hpp"
#include "gen_policy.hpp"
#include "diag/suppress.hpp"
#include "lint/lint.hpp"
#include "parse/parser.hpp"
#include "sema/resolve.hpp"
#include "warrant/compile.hpp"

#ifndef WARRANT_SOURCE_DIR
#define WARRANT_SOURCE_DIR "."
#endif

namespace wb = warrant::bench;

namespace {

constexpr double hk_target_ms = 5.0;
constexpr double large_target_ms = 1000.0;  // for 100k models
constexpr double large_target_mb = 200.0;   // peak RSS for 100k models

std::string default_policy() { return std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy"; }

int run_case(const std::string& which, const std::string& policy_path, int runs) {
    std::string name, text;
    std::size_t generated_models = 0;
    double generate_s = 0;
    if (which == "hk") {
        std::ifstream in(policy_path, std::ios::binary);
        if (!in) {
            std::cerr << "compile_bench: cannot read " << policy_path << "\n";
            return 2;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        text = std::move(bytes).str();
        name = "xiaomi-hk.policy";
    } else {
        generated_models = std::stoul(which);
        const auto start = wb::Clock::now();
        text = wb::generate_policy(generated_models).text;
        generate_s = wb::seconds_since(start);
        name = fmt::format("generated-{}.policy", generated_models);
    }
    if (runs <= 0) runs = which == "hk" ? 200 : generated_models <= 1000 ? 50 : generated_models <= 10000 ? 20 : 10;

    const long rss_before = wb::status_kb("VmRSS");
    std::size_t errors = 0, warnings = 0, models = 0;
    std::vector<double> times, cpu_times;
    const double load = wb::load_average();
    for (int r = 0; r < runs; ++r) {
        const auto start = wb::Clock::now();
        const double cpu_start = wb::cpu_seconds();
        warrant::CompileResult result = warrant::compile(std::make_shared<const warrant::SourceFile>(name, text));
        cpu_times.push_back(wb::cpu_seconds() - cpu_start);
        times.push_back(wb::seconds_since(start));
        if (r == 0) {
            for (const warrant::Diagnostic& d : result.diagnostics) {
                if (d.severity == warrant::Severity::Error) {
                    if (++errors <= 5) {
                        std::cerr << "compile_bench: " << name << ": error " << warrant::code_id(d.code) << ": "
                                  << d.message << "\n";
                    }
                } else {
                    ++warnings;
                }
            }
            if (result.graph) models = result.graph->models.size();
        }
    }
    const long hwm = wb::status_kb("VmHWM");
    fmt::print("RESULT case={} bytes={} models={} runs={} best_ms={:.3f} median_ms={:.3f} best_cpu_ms={:.3f} rss_before_kb={} "
               "hwm_kb={} errors={} warnings={} generate_ms={:.1f} load={:.2f}\n",
               which, text.size(), models, runs, wb::best(times) * 1e3, wb::median(times) * 1e3, wb::best(cpu_times) * 1e3,
               rss_before, hwm, errors, warnings, generate_s * 1e3, load);
    if (errors != 0 || (generated_models != 0 && models != generated_models)) {
        std::cerr << "compile_bench: " << name << " did not compile cleanly (" << errors << " errors, " << models
                  << " models)\n";
        return 1;
    }
    return 0;
}

int drive(const std::string& policy_path, const std::string& sizes) {
    std::vector<std::string> cases = {"hk"};
    std::stringstream list(sizes);
    for (std::string size; std::getline(list, size, ',');) {
        if (!size.empty()) cases.push_back(size);
    }
    fmt::print("{:<10} {:>8} {:>10} {:>5} {:>10} {:>10} {:>10} {:>10} {:>9} {:>6} {:>6} {:>5}  {}\n", "policy", "models", "bytes",
               "runs", "best ms", "median ms", "best cpu", "peak MB", "base MB", "errors", "warns", "load", "target");
    bool all_ok = true;
    for (const std::string& c : cases) {
        bool ok = false;
        const std::string output = wb::run_self({"--case", c, "--policy", policy_path}, ok);
        const auto f = wb::parse_result(output);
        if (!ok || f.empty()) {
            fmt::print("{:<10} failed\n", c);
            all_ok = false;
            continue;
        }
        const double best_ms = wb::field(f, "best_ms");
        const double peak_mb = wb::field(f, "hwm_kb") / 1024.0;
        std::string target = "-";
        if (c == "hk") {
            target = fmt::format("< {} ms: {}", hk_target_ms, best_ms < hk_target_ms ? "met" : "MISSED");
        } else if (c == "100000") {
            const bool time_ok = best_ms < large_target_ms, mem_ok = peak_mb < large_target_mb;
            target = fmt::format("< {} ms: {}; < {} MB: {}", large_target_ms, time_ok ? "met" : "MISSED", large_target_mb,
                                 mem_ok ? "met" : "MISSED");
        }
        fmt::print("{:<10} {:>8} {:>10} {:>5} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.1f} {:>9.1f} {:>6} {:>6} {:>5.2f}  {}\n",
                   c == "hk" ? "HK" : "gen-" + c, f.at("models"), f.at("bytes"), f.at("runs"), best_ms,
                   wb::field(f, "median_ms"), wb::field(f, "best_cpu_ms"), peak_mb, wb::field(f, "rss_before_kb") / 1024.0,
                   f.at("errors"), f.at("warnings"), wb::field(f, "load"), target);
    }
    fmt::print("times are per compile (wall; 'best cpu' = thread CPU time); peak MB = VmHWM of the child process that ran "
               "the case (text + all runs); base MB = VmRSS before the first compile (executable + policy text); load = "
               "1-minute load average when the case started\n");
    return all_ok ? 0 : 1;
}

// Where a compile's time goes, stage by stage (the stages of warrant::compile, in order).
int stages(const std::string& path, int runs) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const auto source = std::make_shared<const warrant::SourceFile>(path, bytes.str());
    const std::vector<std::string> names = {"check_input", "parse", "resolve", "validate", "lint (check only)",
                                            "index_spellings", "suppressions (check only)", "free"};
    std::vector<double> best(names.size(), 1e30);
    std::size_t diagnostics = 0;
    for (int run = 0; run < runs; ++run) {
        std::vector<double> t;
        // Thread CPU time: on a busy machine wall time counts other processes' time slices too.
        double start = wb::cpu_seconds();
        const auto lap = [&] {
            t.push_back(wb::cpu_seconds() - start);
            start = wb::cpu_seconds();
        };
        {
            warrant::Diagnostics diags;
            const auto input = warrant::check_input(source->text());
            lap();
            auto module = warrant::parse(*source, diags);
            lap();
            if (!module) return 1;
            warrant::Resolution resolution = warrant::resolve(*module, diags);
            lap();
            warrant::validate(resolution, diags);
            lap();
            warrant::lint(*module, resolution, diags);
            lap();
            resolution.graph->index_spellings();
            lap();
            auto sorted = diags.take_sorted();
            warrant::apply_suppressions(*source, sorted);
            diagnostics = sorted.size();
            lap();
        }
        lap();
        for (std::size_t i = 0; i < t.size(); ++i) best[i] = std::min(best[i], t[i]);
    }
    double total = 0;
    for (double b : best) total += b;
    for (std::size_t i = 0; i < names.size(); ++i) fmt::print("{:<28} {:8.4f} s  {:5.1f}%\n", names[i], best[i], 100 * best[i] / total);
    fmt::print("{:<28} {:8.4f} s  ({} diagnostics; {} runs)\n", "total", total, diagnostics, runs);
    fmt::print("thread CPU time, best of the runs for each stage; peak RSS {:.0f} MB\n", static_cast<double>(wb::status_kb("VmHWM")) / 1024.0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string policy_path = wb::option(argc, argv, "--policy", default_policy());
    const std::string emit = wb::option(argc, argv, "--emit", "");
    if (!emit.empty()) {
        const auto g = wb::generate_policy(std::stoul(emit));
        std::fwrite(g.text.data(), 1, g.text.size(), stdout);
        std::fprintf(stderr,
                     "generated %zu models in %zu series: %zu with differentiated periods (%zu periods), %zu list "
                     "entries, %zu ended in %zu notices, %zu respelt references\n",
                     g.models, g.series, g.differentiated_models, g.periods, g.listed_models, g.ended_models,
                     g.notices, g.respelled_refs);
        return 0;
    }
    const std::string stage_file = wb::option(argc, argv, "--stages", "");
    if (!stage_file.empty()) return stages(stage_file, std::stoi(wb::option(argc, argv, "--runs", "3")));
    const std::string realistic = wb::option(argc, argv, "--emit-realistic", "");
    if (!realistic.empty()) {
        std::ifstream in(policy_path, std::ios::binary);
        std::ostringstream hk;
        hk << in.rdbuf();
        const auto g = wb::generate_realistic(hk.str(), std::stoul(realistic), std::stoull(wb::option(argc, argv, "--seed", "13")),
                                              std::stod(wb::option(argc, argv, "--changed", "0")));
        if (g.text.empty()) {
            std::fprintf(stderr, "compile_bench: %s is not shaped like the HK policy\n", policy_path.c_str());
            return 2;
        }
        std::fwrite(g.text.data(), 1, g.text.size(), stdout);
        std::fprintf(stderr, "generated %zu models: %zu own periods, %zu ended in %zu notices, %zu international, %zu changed\n",
                     g.models, g.periods, g.ended_models, g.notices, g.listed_models, g.differentiated_models);
        return 0;
    }
    const std::string which = wb::option(argc, argv, "--case", "");
    if (!which.empty()) return run_case(which, policy_path, std::stoi(wb::option(argc, argv, "--runs", "0")));
    return drive(policy_path, wb::option(argc, argv, "--sizes", "1000,10000,100000"));
}
