// `warrant test`: run the examples written beside policies, and measure what they reach.
// Exit 0 when every example passes, 1 when one fails (or rule coverage is below
// --min-coverage), 2 when a policy or examples file cannot be read, parsed or compiled.
// The last line is always `N passed, N failed`, for CI.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace {

namespace fs = std::filesystem;

struct TestOptions {
    std::vector<std::string> paths;
    bool coverage = false;
    std::optional<double> min_coverage;
};

// The policies to test: `.policy` files as given, a `.examples` file's policy, and every
// policy below a folder. A folder's examples file without its policy is an error, so that
// examples are never silently skipped.
std::optional<std::vector<std::string>> policies_to_test(const std::vector<std::string>& paths, std::ostream& err) {
    std::vector<std::string> out;
    const auto add = [&](const std::string& p) {
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> policies, examples;
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                const auto ext = it->path().extension();
                if (ext == ".policy") policies.push_back(it->path().generic_string());
                if (ext == ".examples") examples.push_back(it->path().generic_string());
            }
            if (ec) {
                err << "warrant: cannot read folder " << path << ": " << ec.message() << "\n";
                return std::nullopt;
            }
            for (const std::string& e : examples) {
                if (!fs::exists(fs::path(e).replace_extension(".policy"), ec)) {
                    err << "warrant: " << e << " has no policy beside it (expected "
                        << fs::path(e).replace_extension(".policy").generic_string() << ")\n";
                    return std::nullopt;
                }
            }
            if (policies.empty()) {
                err << no_files_message(path, {".policy"}) << "\n";
                return std::nullopt;
            }
            std::sort(policies.begin(), policies.end());
            for (const std::string& p : policies) add(p);
        } else if (fs::path(path).extension() == ".examples") {
            const std::string policy = fs::path(path).replace_extension(".policy").generic_string();
            if (!fs::exists(policy, ec)) {
                err << "warrant: " << path << " has no policy beside it (expected " << policy << ")\n";
                return std::nullopt;
            }
            add(policy);
        } else if (fs::exists(path, ec)) {
            add(path);
        } else {
            err << "warrant: no such file or folder: " << path << "\n";
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace

std::function<int()> add_test_command(CLI::App& app, Streams io) {
    auto o = std::make_shared<TestOptions>();
    CLI::App* cmd = app.add_subcommand("test", "Run the examples written beside policies");
    cmd->add_option("paths", o->paths, ".policy or .examples files, or folders of them")->required();
    cmd->add_flag("--coverage", o->coverage, "Report which rules, outcomes, periods, models... no example reaches");
    cmd->add_option("--min-coverage", o->min_coverage, "Fail when a policy's rule coverage is below PERCENT")
        ->check(CLI::Range(0.0, 100.0));
    return [cmd, o, io]() -> int {
        if (!cmd->parsed()) return -1;
        const auto policies = policies_to_test(o->paths, io.err);
        if (!policies) return 2;
        if (policies->empty()) {
            io.err << "warrant: no .policy files found\n";
            return 2;
        }
        std::size_t passed = 0, failed = 0;
        bool blocked = false, below = false;
        for (const std::string& policy : *policies) {
            const PolicyTest test = test_policy(policy, policy);
            io.out << render_test(test);
            passed += test.passed();
            failed += test.failed();
            if (!test.runnable()) {
                blocked = true;
                continue;
            }
            if (!o->coverage && !o->min_coverage) continue;
            const Coverage coverage = measure_coverage(*test.graph, test.examples);
            io.out << render_coverage(coverage, test.policy_file);
            if (o->min_coverage && coverage.rules().percent() < *o->min_coverage) {
                io.out << fmt::format("{}: rule coverage is {:.1f}%, below the required {}%\n", test.policy_file,
                                      coverage.rules().percent(), *o->min_coverage);
                below = true;
            }
        }
        io.out << fmt::format("{} passed, {} failed\n", passed, failed);
        if (blocked) return 2;
        return failed > 0 || below ? 1 : 0;
    };
}

}  // namespace warrant
