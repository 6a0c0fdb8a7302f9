// Diff benchmark: `warrant diff` on two generated policies of N models (bench/gen_policy.cpp,
// the shape of the HK policy), the new one revised: one period changed, one model added, one
// end-of-service date moved, one list entry removed. Times, best and median of several runs:
//   compile  both versions, compiled at once on two threads (as `warrant diff` does)
//   diff     diff_policies on the two compiled versions (pairing, changes, exact claim ranges)
//   render   the text report
//   cli      the whole command in-process (run_cli: read, compile, diff, render), the figure
//            the 2-second target is for
// and the same for two identical versions (the fast path: every model skipped).
//
//   diff_bench [--models 100000] [--runs 5]
#include <filesystem>
#include <future>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "bench_util.hpp"
#include "cli/cli.hpp"
#include "gen_policy.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"

namespace wb = warrant::bench;

namespace {

constexpr double target_s = 2.0;  // the bound for two 100,000-model policies

// Replaces the first occurrence of `from` (which must exist) by `to`.
bool revise(std::string& text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    if (at == std::string::npos) return false;
    text.replace(at, from.size(), to);
    return true;
}

std::string write_temp(const std::string& name, const std::string& text) {
    const std::string path = (std::filesystem::temp_directory_path() / ("warrant_diff_bench_" + name + ".policy")).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0) {
        throw std::runtime_error("cannot write " + path);
    }
    return path;
}

struct Timing {
    std::vector<double> compile, diff, render, cli;
    std::size_t ranges = 0, changes = 0;
    int exit_code = -1;
};

Timing measure(const std::string& before_text, const std::string& after_text, int runs) {
    Timing t;
    const std::string before_path = write_temp("before", before_text);
    const std::string after_path = write_temp("after", after_text);
    for (int r = 0; r < runs; ++r) {
        auto start = wb::Clock::now();
        auto compiling = std::async(std::launch::async, [&] {
            return warrant::compile(std::make_shared<const warrant::SourceFile>("before", before_text));
        });
        const warrant::CompileResult after = warrant::compile(std::make_shared<const warrant::SourceFile>("after", after_text));
        const warrant::CompileResult before = compiling.get();
        t.compile.push_back(wb::seconds_since(start));
        if (!before.ok() || !after.ok()) {
            std::cerr << "diff_bench: a generated policy does not compile\n";
            std::exit(2);
        }

        start = wb::Clock::now();
        warrant::DiffReport report = warrant::diff_policies({before.graph}, {after.graph});
        t.diff.push_back(wb::seconds_since(start));
        report.before_name = before_path;  // as the command names them
        report.after_name = after_path;
        t.ranges = report.policies.at(0).ranges.size();
        t.changes = report.policies.at(0).changes.size();

        start = wb::Clock::now();
        const std::string text = warrant::render_diff_text(report);
        t.render.push_back(wb::seconds_since(start));

        std::istringstream in;
        std::ostringstream out, err;
        start = wb::Clock::now();
        t.exit_code = warrant::run_cli({"diff", before_path, after_path}, in, out, err);
        t.cli.push_back(wb::seconds_since(start));
        if (out.str() != text) {
            std::cerr << "diff_bench: the command's report differs from the library's\n" << err.str();
            std::exit(2);
        }
    }
    std::remove(before_path.c_str());
    std::remove(after_path.c_str());
    return t;
}

void row(const std::string& name, const Timing& t) {
    fmt::print("{:<12} {:>9.1f} {:>9.1f} {:>9.1f} {:>9.1f} {:>9.1f} {:>7} {:>7} {:>5}\n", name, wb::best(t.compile) * 1e3,
               wb::best(t.diff) * 1e3, wb::best(t.render) * 1e3, wb::best(t.cli) * 1e3, wb::median(t.cli) * 1e3, t.changes,
               t.ranges, t.exit_code);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t models = std::stoul(wb::option(argc, argv, "--models", "100000"));
    const int runs = std::stoi(wb::option(argc, argv, "--runs", "5"));
    const std::string before = wb::generate_policy(models).text;

    // The revision: one differentiated device period 24 -> 36 months, one model added to a new
    // series, the first end-of-service notice a month later, the first international model
    // dropped from the list.
    std::string after = before;
    const auto period_at = after.find("period device 24 months for ");
    bool ok = period_at != std::string::npos;
    if (ok) after.replace(period_at, 24, "period device 36 months ");
    ok = ok && revise(after, "\nseries ", "\nseries bench_added \"Bench Added\" {\n    model \"Bench Added 1\"\n}\n\nseries ");
    const auto notice_at = after.find("end_of_service ");
    ok = ok && notice_at != std::string::npos;
    if (ok) {
        const std::string date = after.substr(notice_at + 15, 10);
        const auto d = warrant::parse_iso_date(date);
        ok = d.has_value();
        if (ok) after.replace(notice_at + 15, 10, warrant::to_iso(warrant::add_months(*d, 1, warrant::MonthRule::Clamp)));
    }
    const auto list_at = after.find("list international");
    ok = ok && list_at != std::string::npos;
    if (ok) {
        const auto first = after.find('"', after.find('{', list_at));
        const auto end = after.find('"', first + 1);
        after.erase(first, end - first + 2);  // the name and its comma
    }
    if (!ok) {
        std::cerr << "diff_bench: the generated policy no longer has the shape this benchmark revises\n";
        return 2;
    }

    fmt::print("warrant diff of two generated policies of {} models ({:.1f} MB each), {} runs; times in ms\n", models,
               static_cast<double>(before.size()) / 1e6, runs);
    fmt::print("{:<12} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7} {:>5}\n", "case", "compile", "diff", "render", "cli best",
               "cli med", "changes", "ranges", "exit");
    const Timing revised = measure(before, after, runs);
    row("revised", revised);
    const Timing same = measure(before, before, runs);
    row("identical", same);
    const double worst = std::max(wb::best(revised.cli), wb::best(same.cli));
    fmt::print("target: the whole command under {:.1f} s for {} models: {}\n", target_s, models,
               worst < target_s ? "met" : "NOT met");
    fmt::print("RESULT models={} revised_cli_ms={:.1f} identical_cli_ms={:.1f} revised_diff_ms={:.1f} compile_ms={:.1f}\n",
               models, wb::best(revised.cli) * 1e3, wb::best(same.cli) * 1e3, wb::best(revised.diff) * 1e3,
               wb::best(revised.compile) * 1e3);
    return revised.exit_code == 1 && same.exit_code == 0 ? 0 : 1;
}
