// `warrant test`: examples beside policies, run through the API and the CLI.
//
// Golden tests: every `.policy` under tests/golden/test is run by `warrant test --coverage`
// in-process and its exact output compared with the `.out` beside it. `fail_*` must exit 1,
// `error_*` 2, the others 0. UPDATE_GOLDEN=1 rewrites the expected files for review.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "warrant/testing.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

const std::string source_dir = WARRANT_SOURCE_DIR;

std::string last_line(const std::string& text) {
    std::string body = text;
    if (!body.empty() && body.back() == '\n') body.pop_back();
    const auto at = body.rfind('\n');
    return at == std::string::npos ? body : body.substr(at + 1);
}

// A scratch folder for files a test writes, removed when the test ends.
struct Scratch {
    fs::path dir;
    explicit Scratch(const std::string& name) : dir(fs::temp_directory_path() / ("warrant_examples_" + name)) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() { fs::remove_all(dir); }
    std::string write(const std::string& file, const std::string& text) const {
        std::ofstream(dir / file, std::ios::binary) << text;
        return (dir / file).generic_string();
    }
};

const char* const small_policy = R"(policy "Small" region XX
calendar months clamp
clause c1 "一年"
clause c2 "14日"
part device
outcome replace
outcome free_repair
outcome paid_repair
series phones { model "Phone One" }
period device 12 months per c1
rule replace per c2 when part is device and claimed within 14 days after purchase then replace
rule repair per c1 when claimed within warranty then free_repair
rule other per c1 then paid_repair
)";

const char* const passing_example = R"(
example day_14
    claim model "Phone One" part device purchased 2024-01-01 claimed 2024-01-15
    expect replace until 2025-01-01 by c2
)";

const char* const failing_example = R"(
example day_15_is_not_replaced
    claim model "Phone One" part device purchased 2024-01-01 claimed 2024-01-16
    expect replace
)";

}  // namespace

TEST_CASE("golden: test, with coverage") {
    const fs::path dir = "tests/golden/test";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".policy") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 3);
    for (const fs::path& input : files) {
        const std::string name = input.filename().string();
        SECTION(name) {
            const int expected_code = name.rfind("fail_", 0) == 0 ? 1 : name.rfind("error_", 0) == 0 ? 2 : 0;
            const auto run = test::cli({"test", "--coverage", (dir / name).generic_string()});
            CHECK(run.code == expected_code);
            CHECK(run.err.empty());
            const fs::path golden = fs::path(input).replace_extension(".out");
            if (std::getenv("UPDATE_GOLDEN")) {
                std::ofstream(golden, std::ios::binary) << run.out;
                continue;
            }
            INFO("golden: " << golden.string() << "\n--- actual ---\n" << run.out);
            REQUIRE(fs::exists(golden));
            CHECK(test::slurp(golden) == run.out);
        }
    }
}

TEST_CASE("examples: the Hong Kong policy's examples all pass and reach every rule and outcome") {
    const PolicyTest t = test_policy(source_dir + "/policies/xiaomi-hk.policy", "policies/xiaomi-hk.policy");
    REQUIRE(t.runnable());
    CHECK(t.examples_file == "policies/xiaomi-hk.examples");
    CHECK(t.examples.size() >= 80);
    for (const ExampleRun& run : t.examples) {
        INFO("example " << run.name << ": expected " << run.expected << ", actual " << run.actual);
        CHECK(run.passed());
    }
    const Coverage c = measure_coverage(*t.graph, t.examples);
    for (const CoverageArea& area : c.areas) {
        if (area.name == "models") continue;  // 150-odd models, most only named by a notice
        INFO("area " << area.name);
        CHECK(area.reached_count() == area.items.size());
    }
    CHECK(c.rules().name == "rules");
    CHECK(c.rules().percent() == 100.0);

    const auto cli = test::cli({"test", "--coverage", "--min-coverage", "100", source_dir + "/policies"});
    CHECK(cli.code == 0);
    CHECK(last_line(cli.out) == std::to_string(t.examples.size()) + " passed, 0 failed");
    CHECK(cli.out.find("  rules                       9/9     100.0%\n") != std::string::npos);
    CHECK(cli.out.find("  outcomes                    5/5     100.0%\n") != std::string::npos);
}

TEST_CASE("examples: exit codes and the summary line") {
    Scratch s("exit_codes");
    const std::string good = s.write("good.policy", std::string(small_policy) + passing_example);
    const std::string bad = s.write("bad.policy", small_policy);
    s.write("bad.examples", std::string(passing_example) + failing_example);

    SECTION("all pass: 0") {
        const auto run = test::cli({"test", good});
        CHECK(run.code == 0);
        CHECK(last_line(run.out) == "1 passed, 0 failed");
    }
    SECTION("one fails: 1, with its location, expected, actual and trace") {
        const auto run = test::cli({"test", bad});
        CHECK(run.code == 1);
        CHECK(last_line(run.out) == "1 passed, 1 failed");
        CHECK(run.out.find("bad.examples:6:9: error[E5007]: example `day_15_is_not_replaced` fails: the answer is "
                           "`free_repair`, not `replace`\n") != std::string::npos);
        CHECK(run.out.find("  expected: replace\n  actual:   free_repair until 2025-01-01 by c1\n  trace:\n") !=
              std::string::npos);
        CHECK(run.out.find("    Rules, in order:\n") != std::string::npos);
    }
    SECTION("a folder: every policy, counted together") {
        const auto run = test::cli({"test", s.dir.generic_string()});
        CHECK(run.code == 1);
        CHECK(last_line(run.out) == "2 passed, 1 failed");
    }
    SECTION("an examples file names its policy") {
        const auto run = test::cli({"test", (s.dir / "bad.examples").generic_string()});
        CHECK(run.code == 1);
        CHECK(run.out.find("bad.policy: 2 examples, 1 failing\n") != std::string::npos);
    }
    SECTION("rule coverage below --min-coverage: 1") {
        auto run = test::cli({"test", "--min-coverage", "50", good});  // 1 of 3 rules
        CHECK(run.code == 1);
        CHECK(run.out.find("rule coverage is 33.3%, below the required 50%\n") != std::string::npos);
        CHECK(last_line(run.out) == "1 passed, 0 failed");
        run = test::cli({"test", "--min-coverage", "33", good});
        CHECK(run.code == 0);
    }
    SECTION("usage and input errors: 2") {
        CHECK(test::cli({"test"}).code == 2);
        CHECK(test::cli({"test", "--min-coverage", "101", good}).code == 2);
        CHECK(test::cli({"test", (s.dir / "missing.policy").generic_string()}).code == 2);
        s.write("orphan.examples", passing_example);
        auto run = test::cli({"test", s.dir.generic_string()});
        CHECK(run.code == 2);
        CHECK(run.err.find("orphan.examples has no policy beside it") != std::string::npos);
        run = test::cli({"test", (s.dir / "orphan.examples").generic_string()});
        CHECK(run.code == 2);
    }
    SECTION("a policy that does not compile: 2, and its examples do not run") {
        const std::string broken = s.write("broken.policy", std::string("policy \"x\"\n") + passing_example);
        const auto run = test::cli({"test", broken, good});
        CHECK(run.code == 2);
        CHECK(run.out.find("broken.policy: the policy does not compile; no example was run\n") != std::string::npos);
        CHECK(last_line(run.out) == "1 passed, 0 failed");
    }
    SECTION("an examples file that does not parse: 2") {
        s.write("good.examples", "example unfinished claim model\n");
        const auto run = test::cli({"test", good});
        CHECK(run.code == 2);
        CHECK(run.out.find("error[E1") != std::string::npos);
        CHECK(last_line(run.out) == "0 passed, 0 failed");
    }
}

TEST_CASE("examples: `by` needs its clauses among the deciding ones, not all of them") {
    Scratch s("by");
    const std::string policy = s.write("p.policy", std::string(small_policy) + R"(
example subset
    claim model "Phone One" part device purchased 2024-01-01 claimed 2024-06-01
    expect free_repair by c1
example wrong_clause
    claim model "Phone One" part device purchased 2024-01-01 claimed 2024-06-01
    expect free_repair by c1, c2
)");
    const PolicyTest t = test_policy(policy, "p.policy");
    REQUIRE(t.examples.size() == 2);
    CHECK(t.examples[0].passed());
    CHECK_FALSE(t.examples[1].passed());
    REQUIRE(t.examples[1].diagnostics.size() == 1);
    CHECK(t.examples[1].diagnostics[0].code == Code::ExampleFails);
    CHECK(t.examples[1].diagnostics[0].message == "example `wrong_clause` fails: c2 is not among the deciding clauses");
}

TEST_CASE("examples: coverage credits what decides, not what is merely present") {
    Scratch s("coverage");
    const std::string policy = s.write("p.policy", R"(policy "Cover" region XX
clause c1 "a"
clause c9 "ended"
part device
outcome ended
outcome paid
outcome free
exclusion misuse per c1
exclusion water per c1
requirement receipt per c1
series phones { model "A" model "B" }
period device 30 days per c1
end_of_service 2024-06-30 per c9 { "A" }
end_of_service 2024-01-01 per c9 { "B" }
rule stop per c9 when claimed after end_of_service then ended
rule wet per c1 when water then paid
rule other per c1 then free

# misuse holds, but no rule tests it by name and `any exclusion` decides nothing here
example a_misused_after_the_end
    claim model "A" part device purchased 2024-06-01 claimed 2024-07-01 facts misuse, water, receipt = false
    expect ended
example b_wet
    claim model "B" part device purchased 2023-06-01 claimed 2023-06-02 facts water
    expect paid
)");
    const PolicyTest t = test_policy(policy, "p.policy");
    REQUIRE(t.runnable());
    REQUIRE(t.passed() == 2);
    const Coverage c = measure_coverage(*t.graph, t.examples);
    const auto area = [&](const std::string& name) -> const CoverageArea& {
        for (const CoverageArea& a : c.areas) {
            if (a.name == name) return a;
        }
        FAIL("no area " << name);
        return c.areas.front();
    };
    CHECK(area("rules").reached == std::vector<bool>{true, true, false});
    CHECK(area("outcomes").reached == std::vector<bool>{true, true, false});
    CHECK(area("exclusions").reached == std::vector<bool>{false, true});  // water, by rule `wet`
    CHECK(area("requirements").reached == std::vector<bool>{false});
    CHECK(area("end-of-service notices").reached == std::vector<bool>{true, false});
    CHECK(area("models").reached == std::vector<bool>{true, true});
    CHECK(area("periods").reached == std::vector<bool>{true});
    CHECK(area("rules").percent() == Approx(200.0 / 3));
    CHECK(area("clauses").items == std::vector<std::string>{"c1", "c9"});
    CHECK(area("clauses").reached == std::vector<bool>{true, true});  // by `wet`, and by `stop`
    CHECK(c.overall_percent() == Approx(100.0 * 12 / 17));
}

namespace {

// The policy's examples, which must all pass, and the items of one area of their coverage with
// whether an example reached each; empty when the report has no such area.
std::map<std::string, bool> items_reached(const std::string& policy, std::size_t examples, const std::string& area) {
    const PolicyTest t = test_policy(policy, "p.policy");
    REQUIRE(t.runnable());
    REQUIRE(t.passed() == examples);
    const Coverage c = measure_coverage(*t.graph, t.examples);
    std::map<std::string, bool> out;
    for (const CoverageArea& a : c.areas) {
        if (a.name != area) continue;
        for (std::size_t i = 0; i < a.items.size(); ++i) out[a.items[i]] = a.reached[i];
    }
    return out;
}

}  // namespace

TEST_CASE("examples: coverage counts the day before, on and after every date a condition compares") {
    Scratch s("date-boundaries");
    const std::string policy = s.write("p.policy", R"(policy "Dates" region XX effective 2024-01-01
calendar months clamp last_day covered
clause c1 "a"
part device
part battery
outcome paid
outcome free
fact exchanged_on "exchange" date per c1
fact delivered_on "delivery" date per c1
series phones { model "A" }
period device 24 months when purchased >= 2024-03-01 per c1
period device 12 months per c1
period battery 6 months per c1
rule late per c1 when exchanged_on > delivered_on then paid
rule in_warranty per c1 when claimed within warranty then free
rule other per c1 then paid

example on_the_day
    claim model "A" part device purchased 2024-03-01 claimed 2024-04-01
    expect free until 2026-03-01
example day_after_the_delivery
    claim model "A" part battery purchased 2024-02-29 claimed 2024-04-01 facts exchanged_on = 2024-03-11, delivered_on = 2024-03-10
    expect paid until 2024-08-29
)");
    const std::map<std::string, bool> reached = items_reached(policy, 2, "date boundaries");
    // The battery claim never tries the device's periods: 2024-02-29 is not credited by it.
    CHECK(reached == std::map<std::string, bool>{{"purchased = 2024-02-29", false},
                                                 {"purchased = 2024-03-01", true},
                                                 {"purchased = 2024-03-02", false},
                                                 {"exchanged_on 1 day before delivered_on", false},
                                                 {"exchanged_on on delivered_on", false},
                                                 {"exchanged_on 1 day after delivered_on", true}});
}

TEST_CASE("examples: coverage counts the day before, on and after the last day of every window") {
    Scratch s("window-boundaries");
    const std::string policy = s.write("p.policy", R"(policy "Windows" region XX effective 2024-01-01
calendar months clamp last_day covered
clause c1 "a"
part device
outcome paid
outcome free
outcome swap
fact exchanged_on "exchange" date per c1
fact delivered_on "delivery" date per c1
series phones { model "A" }
period device 12 months per c1
rule quick per c1 when exchanged_on within 1 month after delivered_on then swap
rule early per c1 when claimed within 7 days after purchase then swap
rule in_warranty per c1 when claimed within warranty then free
rule other per c1 then paid

example month_end "a month after 2024-01-31 ends on 2024-02-29"
    claim model "A" part device purchased 2024-01-20 claimed 2024-03-20 facts exchanged_on = 2024-02-29, delivered_on = 2024-01-31
    expect swap until 2025-01-20
example day_8_before_delivery "an exchange before the delivery is outside the month after it"
    claim model "A" part device purchased 2024-01-01 claimed 2024-01-09 facts exchanged_on = 2024-01-02, delivered_on = 2024-01-03
    expect free until 2025-01-01
example day_after_warranty
    claim model "A" part device purchased 2024-01-01 claimed 2025-01-02
    expect paid until 2025-01-01
)");
    const std::map<std::string, bool> reached = items_reached(policy, 3, "window boundaries");
    // The first example stops at `quick`: it never tries the 7 days or the warranty.
    CHECK(reached == std::map<std::string, bool>{
                         {"exchanged_on 1 day before the last day of 1 month after delivered_on", false},
                         {"exchanged_on on the last day of 1 month after delivered_on", true},
                         {"exchanged_on 1 day after the last day of 1 month after delivered_on", false},
                         {"exchanged_on 1 day before delivered_on", true},
                         {"exchanged_on on delivered_on", false},
                         {"claimed 1 day before the last day of 7 days after purchase", false},
                         {"claimed on the last day of 7 days after purchase", false},
                         {"claimed 1 day after the last day of 7 days after purchase", true},
                         {"claimed 1 day before the last day of warranty", false},
                         {"claimed on the last day of warranty", false},
                         {"claimed 1 day after the last day of warranty", true}});
}

TEST_CASE("examples: the README's tour of the language checks without warnings and its examples pass") {
    const std::string readme = test::slurp(source_dir + "/README.md");
    const auto begin = readme.find("```\npolicy \"Three guarantees\"");
    REQUIRE(begin != std::string::npos);
    const auto end = readme.find("```", begin + 3);
    const auto dir = fs::temp_directory_path() / "warrant-readme-tour";
    fs::create_directories(dir);
    const std::string path = (dir / "tour.policy").string();
    std::ofstream(path) << readme.substr(begin + 4, end - begin - 4);
    const auto checked = test::cli({"check", "--deny-warnings", path});
    INFO(checked.out << checked.err);
    CHECK(checked.code == 0);
    const auto tested = test::cli({"test", path});
    INFO(tested.out << tested.err);
    CHECK(tested.code == 0);
    CHECK(tested.out.find("2 examples, all pass") != std::string::npos);
    fs::remove_all(dir);
}
