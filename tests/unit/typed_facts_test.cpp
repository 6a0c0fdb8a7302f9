// Claims that carry counts, dates and choices: the language's forms, their semantics at every
// boundary, the query errors and their order, and `warranty from` (a warranty that restarts).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "query/query_view.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace {

using namespace warrant;
using warrant::test::cli;

// A small policy that tests every kind; each rule decides an outcome named after it.
const char* const policy_text = R"(
policy "Typed" region XX effective 2024-01-01
calendar months clamp last_day covered
clause c1 "one"
clause c2 "restart"
part device
part battery
outcome by_count
outcome by_choice
outcome by_window
outcome by_subject_window
outcome by_date
outcome by_purchase_date
outcome in_warranty
outcome not_covered
fact repairs "repairs" count default 0 per c1
fact visits "visits" count per c1
fact exchanged_on "exchange" date per c2
fact delivered_on "delivery" date per c1
fact channel "channel" choice [online, store, carrier] default store per c1
series s { model "P1" model "P2" }
warranty from exchanged_on per c2
period device 12 months per c1
period battery 6 months from purchase per c1
rule count_rule per c1 when repairs >= 2 then by_count
rule choice_rule per c1 when channel in [online, carrier] and visits = 0 then by_choice
rule window_rule per c1 when claimed within 7 days after delivered_on then by_window
rule subject_rule per c1 when delivered_on within 3 days after purchase and visits > 5 then by_subject_window
rule date_rule per c1 when exchanged_on is given and exchanged_on < 2024-03-01 then by_date
rule purchase_date_rule per c1 when purchased < 2023-06-01 then by_purchase_date
rule cover per c1 when claimed within warranty then in_warranty
rule otherwise per c1 then not_covered
)";

std::shared_ptr<const RuleGraph> compiled() {
    static const auto graph = [] {
        auto result = compile(std::make_shared<SourceFile>("typed.policy", policy_text));
        for (const auto& d : result.diagnostics) INFO(d.message);
        REQUIRE(result.ok());
        return result.graph;
    }();
    return graph;
}

struct Answer {
    std::string verdict;  // or the error code
    std::string until;
};

Answer ask(const std::string& facts, const std::string& part = "device", const std::string& purchased = "2024-01-01",
           const std::string& claimed = "2024-06-01") {
    PolicySet set;
    set.add(compiled());
    bool failed = false;
    const std::string line = answer_line(set,
                                         "{\"model\":\"P1\",\"part\":\"" + part + "\",\"purchased\":\"" + purchased +
                                             "\",\"claimed\":\"" + claimed + "\",\"facts\":{" + facts + "}}",
                                         false, failed);
    const auto field = [&](const std::string& name) -> std::string {
        const auto at = line.find("\"" + name + "\":\"");
        if (at == std::string::npos) return "";
        const auto start = at + name.size() + 4;
        return line.substr(start, line.find('"', start) - start);
    };
    if (failed) return {field("code"), ""};
    return {field("verdict"), field("warranty_until")};
}

// A policy file in a folder of its own under the temporary folder, removed when the test ends.
struct TempPolicy {
    std::filesystem::path dir;
    std::string path;
    TempPolicy(const std::string& folder, const std::string& text)
        : dir(std::filesystem::temp_directory_path() / folder), path((dir / "p.policy").string()) {
        std::filesystem::create_directories(dir);
        write(text);
    }
    void write(const std::string& text) const { std::ofstream(path) << text; }
    ~TempPolicy() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

// What `warrant query` prints for model "A", part device, bought 2024-01-01 and claimed
// 2024-06-01, with `facts` as --fact flags and `extra` flags; the query must succeed.
std::string query_model_a(const std::string& path, const std::vector<std::string>& facts, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"query", path, "--model", "A", "--part", "device", "--purchased", "2024-01-01", "--claimed", "2024-06-01"};
    for (const auto& f : facts) args.insert(args.end(), {"--fact", f});
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = cli(args);
    REQUIRE(run.code == 0);
    return run.out;
}

// The first lines of the small policies below.
const std::string header = "policy \"P\" region XX effective 2024-01-01\ncalendar months clamp last_day covered\nclause c \"t\"\n";

// Chosen by a choice or a count: 24 months, else 12.
const std::string period_by_values = header +
    "part device\noutcome free\noutcome paid\nfact channel \"c\" choice [store, online] default store per c\n"
    "fact visits \"v\" count default 0 per c\nseries s { model \"A\" }\n"
    "period device 24 months when channel is online or visits >= 3 per c\nperiod device 12 months per c\n"
    "rule in_warranty per c when claimed within warranty then free\nrule other per c then paid\n";

}  // namespace

TEST_CASE("typed facts: a count compares at its boundary", "[typed]") {
    CHECK(ask("\"visits\":1,\"repairs\":1").verdict == "in_warranty");
    CHECK(ask("\"visits\":1,\"repairs\":2").verdict == "by_count");
    CHECK(ask("\"visits\":1,\"repairs\":3").verdict == "by_count");
    CHECK(ask("\"visits\":1").verdict == "in_warranty");  // the default, 0
}

TEST_CASE("typed facts: every comparison operator", "[typed]") {
    const char* ops[] = {">=", "<=", ">", "<", "="};
    // For `visits OP 3` over visits 2, 3, 4: which hold.
    const bool expected[5][3] = {{false, true, true}, {true, true, false}, {false, false, true}, {true, false, false}, {false, true, false}};
    for (int o = 0; o < 5; ++o) {
        const std::string text = std::string(R"(
policy "Ops" region XX
calendar months clamp last_day covered
clause c1 "t"
part device
outcome yes
outcome no
fact visits "v" count default 0 per c1
series s { model "P" }
period device 12 months per c1
rule r per c1 when visits )") + ops[o] + R"( 3 then yes
rule z per c1 then no
)";
        auto result = compile(std::make_shared<SourceFile>("ops.policy", text));
        REQUIRE(result.ok());
        PolicySet set;
        set.add(result.graph);
        for (int v = 2; v <= 4; ++v) {
            bool failed = false;
            const std::string line = answer_line(set,
                                                 "{\"model\":\"P\",\"part\":\"device\",\"purchased\":\"2024-01-01\",\"claimed\":\"2024-01-02\","
                                                 "\"facts\":{\"visits\":" + std::to_string(v) + "}}",
                                                 false, failed);
            INFO(ops[o] << " " << v << ": " << line);
            CHECK((line.find("\"yes\"") != std::string::npos) == expected[o][v - 2]);
        }
    }
}

TEST_CASE("typed facts: a choice is tested by its values, ignoring case in queries", "[typed]") {
    CHECK(ask("\"visits\":0,\"channel\":\"online\"").verdict == "by_choice");
    CHECK(ask("\"visits\":0,\"channel\":\"CARRIER\"").verdict == "by_choice");
    CHECK(ask("\"visits\":0,\"channel\":\"store\"").verdict == "in_warranty");
    CHECK(ask("\"visits\":0").verdict == "in_warranty");  // default store
    CHECK(ask("\"visits\":1,\"channel\":\"online\"").verdict == "in_warranty");
}

TEST_CASE("typed facts: a window anchored at a date the claim carries", "[typed]") {
    // Delivered 2024-05-25: the 7 days end on 2024-06-01 (covered), 2024-06-02 is past them.
    CHECK(ask("\"visits\":1,\"delivered_on\":\"2024-05-25\"", "device", "2024-01-01", "2024-06-01").verdict == "by_window");
    CHECK(ask("\"visits\":1,\"delivered_on\":\"2024-05-25\"", "device", "2024-01-01", "2024-06-02").verdict == "in_warranty");
    CHECK(ask("\"visits\":1,\"delivered_on\":\"2024-06-01\"", "device", "2024-01-01", "2024-06-01").verdict == "by_window");
    CHECK(ask("\"visits\":1", "device", "2024-01-01", "2024-06-01").verdict == "in_warranty");  // not given: no window
}

TEST_CASE("typed facts: a date fact as the subject of a window", "[typed]") {
    // delivered_on within 3 days after purchase: 2024-01-04 yes, 2024-01-05 no.
    CHECK(ask("\"visits\":6,\"delivered_on\":\"2024-01-04\"", "device", "2024-01-01", "2024-03-01").verdict == "by_subject_window");
    CHECK(ask("\"visits\":6,\"delivered_on\":\"2024-01-05\"", "device", "2024-01-01", "2024-03-01").verdict == "in_warranty");
}

TEST_CASE("typed facts: date comparisons, and `is given`", "[typed]") {
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-02-29\"").verdict == "by_date");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-03-01\"").verdict == "in_warranty");
    CHECK(ask("\"visits\":1", "device", "2023-05-31", "2024-01-01").verdict == "by_purchase_date");
    CHECK(ask("\"visits\":1", "device", "2023-06-01", "2024-01-01").verdict == "in_warranty");
}

TEST_CASE("typed facts: the claim or purchase date compared with a date fact reads as the date fact's comparison", "[typed]") {
    // Each spelling with the claim's own date first, the same test written from the date fact,
    // and whether it holds for deliveries on the purchase day, between, and on the claim day.
    struct Spelling {
        std::string written, fact_first, holds;
    };
    for (const auto& [written, fact_first, holds] :
         {Spelling{"claimed > delivered_on", "delivered_on < claimed", "yyn"}, Spelling{"claimed >= delivered_on", "delivered_on <= claimed", "yyy"},
          Spelling{"purchased < delivered_on", "delivered_on > purchased", "nyy"}, Spelling{"purchased <= delivered_on", "delivered_on >= purchased", "yyy"},
          Spelling{"claimed = delivered_on", "delivered_on = claimed", "nny"}}) {
        INFO(written);
        const auto with = [&](const std::string& condition) {
            const std::string text = header + "part device\noutcome yes\noutcome no\nfact delivered_on \"d\" date per c\n"
                                              "series s { model \"A\" }\nperiod device 12 months per c\n"
                                              "rule r per c when " + condition + " then yes\nrule other per c then no\n";
            auto result = compile(std::make_shared<SourceFile>("p.policy", text));
            REQUIRE(result.ok());
            return result.graph;
        };
        const auto graph = with(written), same = with(fact_first);
        CHECK(condition_text(*graph, graph->rules[0].condition) == fact_first);
        const auto answer = [](const std::shared_ptr<const RuleGraph>& g, const std::string& query) {
            PolicySet set;
            set.add(g);
            bool failed = false;
            return answer_line(set, query, false, failed);
        };
        std::string verdicts;
        for (const char* delivered : {"2024-01-01", "2024-01-10", "2024-01-20"}) {
            const std::string query = fmt::format(
                R"({{"model":"A","part":"device","purchased":"2024-01-01","claimed":"2024-01-20","facts":{{"delivered_on":"{}"}}}})", delivered);
            const std::string line = answer(graph, query);
            CHECK(line == answer(same, query));
            verdicts += line.find("\"verdict\":\"yes\"") != std::string::npos ? 'y' : 'n';
        }
        CHECK(verdicts == holds);
    }
}

TEST_CASE("query: a date or name given as a number says how to write it", "[typed]") {
    const auto field = [](const std::string& line, const std::string& expected_hint) {
        QueryView q;
        const auto problem = parse_query_into(line, q);
        REQUIRE(problem);
        CHECK(problem->code == "wrong_type");
        CHECK(problem->hint == expected_hint);
    };
    field(R"({"model":"A","part":"device","purchased":20250101,"claimed":"2025-02-01"})", R"(dates are quoted, YYYY-MM-DD: "purchased":"2025-03-10")");
    field(R"({"model":"A","part":"device","purchased":"2025-01-01","claimed":"2025-02-01","last_repair":1})", R"(dates are quoted, YYYY-MM-DD: "last_repair":"2025-03-10")");
    field(R"({"model":15,"part":"device","purchased":"2025-01-01","claimed":"2025-02-01"})", R"(quote it: "model":"…")");
}

TEST_CASE("typed facts: the warranty restarts from the exchange, and a period may keep the purchase", "[typed][warranty_from]") {
    // Device: 12 months from the exchange when given.
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-05-31\"", "device", "2024-01-01", "2025-05-31").until == "2025-05-31");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-05-31\"", "device", "2024-01-01", "2025-05-31").verdict == "in_warranty");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-05-31\"", "device", "2024-01-01", "2025-06-01").verdict == "not_covered");
    CHECK(ask("\"visits\":1", "device", "2024-01-01", "2025-01-01").until == "2025-01-01");
    // Month end and leap day: 2024-02-29 + 12 months, clamped.
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-02-29\"", "device", "2024-01-01", "2024-12-01").until == "2025-02-28");
    // Battery: `from purchase` overrides the policy-wide `warranty from`.
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-05-31\"", "battery", "2024-01-01", "2024-06-01").until == "2024-07-01");
}

TEST_CASE("typed facts: query errors come in order: name, type, range", "[typed][query]") {
    CHECK(ask("\"visits\":1,\"repairz\":\"x\"").verdict == "unknown_fact");  // unknown before wrong type
    CHECK(ask("\"visits\":\"1\"").verdict == "wrong_type");
    CHECK(ask("\"visits\":true").verdict == "wrong_type");
    CHECK(ask("\"visits\":1.5").verdict == "wrong_type");
    CHECK(ask("\"visits\":-1").verdict == "out_of_range");
    CHECK(ask("\"visits\":1000000001").verdict == "out_of_range");
    CHECK(ask("\"visits\":1000000000").verdict == "in_warranty");
    CHECK(ask("\"visits\":1,\"channel\":\"shop\"").verdict == "unknown_value");
    CHECK(ask("\"visits\":1,\"channel\":2").verdict == "wrong_type");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-02-30\"").verdict == "impossible_date");
    CHECK(ask("\"visits\":1,\"exchanged_on\":20240201").verdict == "wrong_type");
    CHECK(ask("\"visits\":1,\"exchanged_on\":null").verdict == "in_warranty");  // null: not given
    CHECK(ask("\"visits\":1,\"repairz\":null").verdict == "unknown_fact");      // but its name is checked
    CHECK(ask("\"visits\":null").verdict == "missing_fact");                        // and a required fact is missing
    CHECK(ask("").verdict == "missing_fact");  // visits has no default
    // A date of the claim lies between the purchase and the claim, both included.
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2023-12-31\"").verdict == "date_out_of_order");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-06-02\"").verdict == "date_out_of_order");
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-01-01\"").verdict == "by_date");  // accepted, and before 2024-03-01
    CHECK(ask("\"visits\":1,\"exchanged_on\":\"2024-06-01\"").verdict == "in_warranty");
}

TEST_CASE("typed facts: the CLI's --fact flags carry every kind", "[typed][cli]") {
    const auto run = cli({"query", "examples/cn-sanbao", "--model", "Phone A", "--part", "device", "--purchased",
                          "2024-03-01", "--claimed", "2025-06-01", "--fact", "performance_fault", "--fact",
                          "repairs_same_fault=2", "--fact", "exchanged_on=2024-10-10", "--fact", "channel=online"});
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("\"verdict\":\"exchange\"") != std::string::npos);
    CHECK(run.out.find("\"warranty_until\":\"2025-10-10\"") != std::string::npos);
    CHECK(run.out.find("\"art11\"") != std::string::npos);  // the restart is cited
}

TEST_CASE("typed facts: --explain says where the warranty runs from and which value would change the answer", "[typed][explain]") {
    const auto restarted = cli({"query", "examples/cn-sanbao", "--model", "Phone A", "--part", "device", "--purchased",
                                "2024-03-01", "--claimed", "2025-06-01", "--fact", "exchanged_on=2024-10-10", "--explain"});
    REQUIRE(restarted.code == 0);
    CHECK(restarted.out.find("12 months from exchanged_on (换货日期) on 2024-10-10, until 2025-10-10") != std::string::npos);
    const auto counted = cli({"query", "examples/cn-sanbao", "--model", "Phone A", "--part", "device", "--purchased",
                              "2024-03-01", "--claimed", "2024-09-01", "--fact", "performance_fault", "--fact",
                              "repairs_same_fault=1", "--explain"});
    REQUIRE(counted.code == 0);
    CHECK(counted.out.find("repairs_same_fault is 1, not at least 2") != std::string::npos);
    CHECK(counted.out.find("with one more repairs_same_fault (repairs_same_fault = 2) this would be exchange") != std::string::npos);
}

TEST_CASE("typed facts: --explain words a choice test by the claim's value and the values tested", "[typed][explain]") {
    const auto dir = std::filesystem::temp_directory_path() / "warrant-choice-words";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "typed.policy").string();
    std::string text = policy_text;
    const std::string choice_rule = "rule choice_rule";
    text.insert(text.find(choice_rule), "rule store_only per c1 when channel is store and visits > 0 then by_choice\n");
    std::ofstream(path) << text;
    const auto words = [&](const std::string& channel) {
        const auto run = cli({"query", path, "--model", "P1", "--part", "device", "--purchased", "2024-06-01", "--claimed",
                              "2024-07-01", "--fact", "visits=0", "--fact", "channel=" + channel, "--explain"});
        INFO(run.err);
        return run.out;
    };
    CHECK(words("online").find("(channel is online, one of online, carrier; visits is 0") != std::string::npos);
    const std::string store = words("store");
    CHECK(store.find("store_only -> by_choice: does not apply (channel is store; visits is 0, not more than 0)") != std::string::npos);
    CHECK(store.find("(channel is store, not one of online, carrier)") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a period chosen by the purchase date: the answer follows it, and --explain says why it was chosen and what another purchase date would give", "[explain]") {
    const auto dir = std::filesystem::temp_directory_path() / "warrant-period-by-purchase";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "p.policy").string();
    std::ofstream(path) << "policy \"P\" region XX effective 2024-01-01\ncalendar months clamp last_day covered\nclause c \"t\"\n"
                           "part device\noutcome free\noutcome paid\nfact removable \"r\" default false per c\n"
                           "series s { model \"A\" }\n"
                           "period device 24 months when purchased >= 2024-03-01 # from March on\n    and not removable per c\n"
                           "period device 12 months per c\n"
                           "rule in_warranty per c when claimed within warranty then free\nrule other per c then paid\n";
    const auto claim = [&](const std::string& purchased) {
        return cli({"query", path, "--model", "A", "--part", "device", "--purchased", purchased, "--claimed", "2025-06-01", "--explain"});
    };
    const auto longer = claim("2024-03-01");
    REQUIRE(longer.code == 0);
    CHECK(longer.out.find("Warranty for the device: 24 months, until 2026-03-01 [c]\n"
                          "  (the period for claims where purchased >= 2024-03-01 and not removable)\n") != std::string::npos);
    CHECK(longer.out.find("Answer: free") != std::string::npos);
    const auto day_before = claim("2024-02-29");
    REQUIRE(day_before.code == 0);
    CHECK(day_before.out.find("Warranty for the device: 12 months, until 2025-02-28 [c]\n\n") != std::string::npos);
    CHECK(day_before.out.find("Answer: paid") != std::string::npos);
    // What would change the answer: bought on the other side of the day the period compares.
    CHECK(longer.out.find("  - bought before 2024-03-01 this would be paid\n") != std::string::npos);
    CHECK(day_before.out.find("  - bought on or after 2024-03-01 this would be free\n") != std::string::npos);
    // The same answer, but another period: said as such.
    const auto early_claim = cli({"query", path, "--model", "A", "--part", "device", "--purchased", "2024-03-01", "--claimed",
                                  "2024-06-01", "--explain"});
    CHECK(early_claim.out.find("  - bought before 2024-03-01 the warranty would be 12 months, not 24 months\n") != std::string::npos);
    // Not after the claim: a purchase can only move to a day on or before it.
    const auto before_cut = cli({"query", path, "--model", "A", "--part", "device", "--purchased", "2024-02-10", "--claimed",
                                 "2024-02-20", "--explain"});
    REQUIRE(before_cut.code == 0);
    CHECK(before_cut.out.find("bought on or after") == std::string::npos);
    // A period only for purchases from a day on, and an answer that does not depend on it.
    const std::string only_later = (dir / "later.policy").string();
    std::ofstream(only_later) << "policy \"P\" region XX effective 2024-01-01\ncalendar months clamp last_day covered\n"
                                 "clause c \"t\"\npart device\noutcome free\noutcome paid\nfact delivered_on \"d\" date per c\n"
                                 "series s { model \"A\" }\n"
                                 "period device 24 months when purchased >= 2024-03-01 per c\n"
                                 "rule early per c when claimed within 3 days after purchase then free\nrule other per c then paid\n";
    const auto with_period = cli({"query", only_later, "--model", "A", "--part", "device", "--purchased", "2024-03-01",
                                  "--claimed", "2024-06-02", "--explain"});
    CHECK(with_period.out.find("  - bought before 2024-03-01 there would be no warranty, not 24 months\n") != std::string::npos);
    const auto without = cli({"query", only_later, "--model", "A", "--part", "device", "--purchased", "2024-02-01",
                              "--claimed", "2024-06-02", "--explain"});
    CHECK(without.out.find("  - bought on or after 2024-03-01 the warranty would be 24 months (there is none now)\n") != std::string::npos);
    // Not after a date the claim gives (delivered before the day the purchase would move to).
    const auto delivered = cli({"query", only_later, "--model", "A", "--part", "device", "--purchased", "2024-02-01",
                                "--claimed", "2024-06-02", "--fact", "delivered_on=2024-02-20", "--explain"});
    REQUIRE(delivered.code == 0);
    CHECK(delivered.out.find("bought on or after") == std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("typed facts: the bundled examples policy passes check and test with full coverage", "[typed][examples]") {
    CHECK(cli({"check", "--deny-warnings", "examples/cn-sanbao"}).code == 0);
    const auto run = cli({"test", "--coverage", "--min-coverage", "100", "examples/cn-sanbao"});
    INFO(run.out << run.err);
    CHECK(run.code == 0);
}

TEST_CASE("typed facts: two date facts compared, each given or not", "[typed]") {
    auto result = compile(std::make_shared<SourceFile>("two.policy", R"(
policy "Two dates" region XX
calendar months clamp last_day covered
clause c1 "t"
part device
outcome later
outcome other
fact exchanged_on "e" date per c1
fact delivered_on "d" date per c1
series s { model "P" }
period device 12 months per c1
rule r per c1 when exchanged_on > delivered_on then later
rule z per c1 then other
)"));
    REQUIRE(result.ok());
    PolicySet set;
    set.add(result.graph);
    const auto verdict = [&](const std::string& facts) {
        bool failed = false;
        const std::string line = answer_line(set,
                                             "{\"model\":\"P\",\"part\":\"device\",\"purchased\":\"2024-01-01\",\"claimed\":\"2024-03-01\","
                                             "\"facts\":{" + facts + "}}",
                                             false, failed);
        return line.find("\"later\"") != std::string::npos ? "later" : failed ? "error" : "other";
    };
    CHECK(std::string(verdict("\"exchanged_on\":\"2024-02-02\",\"delivered_on\":\"2024-02-01\"")) == "later");
    CHECK(std::string(verdict("\"exchanged_on\":\"2024-02-01\",\"delivered_on\":\"2024-02-01\"")) == "other");
    CHECK(std::string(verdict("\"exchanged_on\":\"2024-02-02\"")) == "other");  // one not given: the test does not hold
    CHECK(std::string(verdict("")) == "other");
}

TEST_CASE("typed facts: a name written short is suggested by the declared name it starts", "[typed][check]") {
    std::string text = policy_text;
    const std::string rule = "when claimed within 7 days after delivered_on";
    text.replace(text.find(rule), rule.size(), "when claimed within 7 days after delivered");
    const auto result = compile(std::make_shared<SourceFile>("typed.policy", text));
    REQUIRE_FALSE(result.ok());
    const auto unknown = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.code == Code::UnknownFact; });
    REQUIRE(unknown != result.diagnostics.end());
    CHECK(unknown->message == "unknown fact `delivered`");
    CHECK(unknown->hint == "did you mean `delivered_on`?");
    // A word too short to stand for a name suggests none: the last repair and the declared dates
    // are listed, since a date goes there, with how to declare another.
    std::string vague = policy_text;
    vague.replace(vague.find(rule), rule.size(), "when claimed within 7 days after x");
    const auto listed = compile(std::make_shared<SourceFile>("typed.policy", vague));
    const auto other = std::find_if(listed.diagnostics.begin(), listed.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.code == Code::UnknownFact; });
    REQUIRE(other != listed.diagnostics.end());
    CHECK(other->hint == "the claim's last repair is `last_repair`; the dates a claim may carry: `delivered_on`, `exchanged_on`; or "
                         "declare `fact x \"LABEL\" date per CLAUSE`");
}

TEST_CASE("typed facts: a period chosen by a date the claim carries falling in a window (registration within 30 days)", "[typed][period]") {
    const TempPolicy policy("warrant-period-by-window", header +
                           "clause reg \"registered\"\npart device\noutcome free\noutcome paid\n"
                           "fact registered_on \"registration\" date per reg\n"
                           "series s { model \"A\" }\n"
                           "period device 36 months when registered_on within 30 days after purchase per reg\n"
                           "period device 24 months per c\n"
                           "rule in_warranty per c when claimed within warranty then free\nrule other per c then paid\n"
                           "example registered_last_day claim model \"A\" part device purchased 2024-01-01 claimed 2026-06-01\n"
                           "    facts registered_on = 2024-01-31 expect free until 2027-01-01 by c, reg\n"
                           "example registered_late claim model \"A\" part device purchased 2024-01-01 claimed 2026-06-01\n"
                           "    facts registered_on = 2024-02-01 expect paid until 2026-01-01 by c\n"
                           "example not_registered claim model \"A\" part device purchased 2024-01-01 claimed 2025-06-01\n"
                           "    expect free until 2026-01-01 by c\n"
                           "example registered_day_before claim model \"A\" part device purchased 2024-01-01 claimed 2026-06-01\n"
                           "    facts registered_on = 2024-01-30 expect free until 2027-01-01 by c, reg\n"
                           "example registered_on_purchase claim model \"A\" part device purchased 2024-01-01 claimed 2026-06-01\n"
                           "    facts registered_on = 2024-01-01 expect free until 2027-01-01 by c, reg\n");
    const std::string& path = policy.path;
    const auto ask_cli = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"query", path, "--model", "A", "--part", "device", "--purchased", "2024-01-01", "--claimed", "2026-06-01"};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(args);
    };
    // The 30 days after 2024-01-01 end on 2024-01-31 (covered); 2024-02-01 is past them.
    CHECK(ask_cli({"--fact", "registered_on=2024-01-31"}).out.find("\"verdict\":\"free\",\"warranty_until\":\"2027-01-01\"") != std::string::npos);
    CHECK(ask_cli({"--fact", "registered_on=2024-02-01"}).out.find("\"verdict\":\"paid\",\"warranty_until\":\"2026-01-01\"") != std::string::npos);
    CHECK(ask_cli({}).out.find("\"verdict\":\"paid\",\"warranty_until\":\"2026-01-01\"") != std::string::npos);
    const auto explained = ask_cli({"--fact", "registered_on=2024-01-31", "--explain"});
    CHECK(explained.out.find("Warranty for the device: 36 months, until 2027-01-01 [reg]\n"
                             "  (the period for claims where registered_on within 30 days after purchase)\n") != std::string::npos);
    // What would change the answer: the date moved to the nearest day where its window turns.
    CHECK(explained.out.find("  - with registered_on 2024-02-01 (1 day later) this would be paid\n") != std::string::npos);
    const auto late = ask_cli({"--fact", "registered_on=2024-03-05", "--explain"});
    CHECK(late.out.find("  - with registered_on 2024-01-31 (34 days earlier) this would be free\n") != std::string::npos);
    const auto same_answer = cli({"query", path, "--model", "A", "--part", "device", "--purchased", "2024-01-01", "--claimed",
                                  "2025-06-01", "--fact", "registered_on=2024-01-15", "--explain"});
    CHECK(same_answer.out.find("  - with registered_on 2024-02-01 (17 days later) the warranty would be 24 months, not 36 months\n") !=
          std::string::npos);
    // The examples pass, the policy checks clean, and coverage names the window's days.
    CHECK(cli({"check", "--deny-warnings", path}).code == 0);
    const auto tested = cli({"test", "--coverage", path});
    INFO(tested.out << tested.err);
    CHECK(tested.code == 0);
    CHECK(tested.out.find("registered_on 1 day after the last day of 30 days after purchase") == std::string::npos);  // reached
    // A date the claim carries compared with the purchase may choose a period too.
    policy.write(header + "part device\noutcome free\nfact registered_on \"r\" date per c\nseries s { model \"A\" }\n"
                           "period device 36 months when registered_on > purchased per c\nperiod device 24 months per c\n"
                           "rule other per c then free\n");
    CHECK(ask_cli({"--fact", "registered_on=2024-01-02"}).out.find("\"warranty_until\":\"2027-01-01\"") != std::string::npos);
    CHECK(ask_cli({"--fact", "registered_on=2024-01-01"}).out.find("\"warranty_until\":\"2026-01-01\"") != std::string::npos);
    // The claim date still may not choose a period.
    policy.write(header + "part device\noutcome free\nseries s { model \"A\" }\n"
                           "period device 36 months when claimed within 30 days after purchase per c\nrule other per c then free\n");
    const auto refused = cli({"check", path});
    CHECK(refused.code == 1);
    CHECK(refused.out.find("error[E3008]: a period's `when` may test only facts, the purchase date and the dates a claim carries, not whether the claim falls in a window") !=
          std::string::npos);
}

TEST_CASE("typed facts: --coverage counts the values a period's condition tests", "[typed][coverage]") {
    const TempPolicy policy("warrant-period-coverage",
                            period_by_values +
                                "example store claim model \"A\" part device purchased 2024-01-01 claimed 2024-06-01 expect free until 2025-01-01\n");
    const auto run = cli({"test", "--coverage", policy.path});
    INFO(run.out << run.err);
    CHECK(run.out.find("choice values no example reaches (1):\n    channel is online\n") != std::string::npos);
    CHECK(run.out.find("count boundaries no example reaches (3):\n    visits = 2, visits = 3, visits = 4\n") != std::string::npos);
}

TEST_CASE("explain: a true/false fact a rule reads, left at its default, is tried the other way; exclusions left alone are not", "[explain]") {
    const TempPolicy policy("warrant-explain-default-facts",
                            header + "part device\noutcome refund\noutcome repair\noutcome paid\n"
                                     "fact major_failure \"m\" default false per c\nexclusion misuse \"x\" per c\n"
                                     "series s { model \"A\" }\nperiod device 12 months per c\n"
                                     "rule major per c when major_failure and not any exclusion and claimed within warranty then refund\n"
                                     "rule minor per c when claimed within warranty and not any exclusion then repair\nrule other per c then paid\n");
    const auto ask = [&](const std::vector<std::string>& facts) { return query_model_a(policy.path, facts, {"--explain"}); };
    const std::string minor = ask({});
    INFO(minor);
    CHECK(minor.find("  - with major_failure this would be refund\n") != std::string::npos);
    CHECK(minor.find("with misuse") == std::string::npos);
    const std::string major = ask({"major_failure"});
    INFO(major);
    CHECK(major.find("  - without major_failure this would be repair\n") != std::string::npos);
    CHECK(ask({"misuse"}).find("  - without misuse this would be repair\n") != std::string::npos);
}

TEST_CASE("clauses: an answer cites the rule, and what made its condition true, not the tests under `not` or the other side of `or`", "[clauses]") {
    const std::string text = "policy \"P\" region XX effective 2024-01-01\ncalendar months clamp last_day covered\n"
                             "clause rule_c \"r\"\nclause period_c \"p\"\nclause major_c \"m\"\nclause misuse_c \"x\"\n"
                             "clause receipt_c \"k\"\nclause count_c \"n\"\nclause other_c \"o\"\n"
                             "part device\noutcome yes\noutcome no\n"
                             "fact major \"m\" default false per major_c\nexclusion misuse \"x\" per misuse_c\n"
                             "requirement receipt \"k\" per receipt_c\nfact repairs \"n\" count default 0 per count_c\n"
                             "series s { model \"A\" }\nperiod device 12 months per period_c\n"
                             "rule r per rule_c when claimed within warranty and (major or repairs >= 2) and not any exclusion and receipt then yes\n"
                             "rule other per other_c then no\n";
    auto result = compile(std::make_shared<SourceFile>("p.policy", text));
    REQUIRE(result.ok());
    PolicySet set;
    set.add(result.graph);
    const auto clauses = [&](const std::string& facts) {
        bool failed = false;
        const std::string line = answer_line(set, R"({"model":"A","part":"device","purchased":"2024-01-01","claimed":"2024-06-01","facts":{)" + facts + "}}", false, failed);
        REQUIRE_FALSE(failed);
        return line.substr(line.find("\"clauses\":"));
    };
    // The receipt holds by default and is read by name: its clause is cited; the exclusion
    // under `not` and the count on the other side of the `or` are not.
    CHECK(clauses(R"("major":true)") == R"("clauses":["rule_c","period_c","major_c","receipt_c"]})");
    CHECK(clauses(R"("repairs":2)") == R"("clauses":["rule_c","period_c","count_c","receipt_c"]})");
    CHECK(clauses(R"("major":true,"repairs":3)") == R"("clauses":["rule_c","period_c","major_c","count_c","receipt_c"]})");
    CHECK(clauses(R"("major":true,"misuse":true)") == R"("clauses":["other_c"]})");
}

TEST_CASE("coverage: a requirement unmet that chose the period is reached", "[coverage]") {
    const std::string policy_text = header + "part device\noutcome free\noutcome paid\nrequirement receipt \"r\" per c\n"
                                             "series s { model \"A\" }\nperiod device 3 months when not receipt per c\n"
                                             "period device 12 months per c\nrule cover per c when claimed within warranty then free\n"
                                             "rule other per c then paid\n";
    const TempPolicy policy("warrant-coverage-requirement-period",
                            policy_text + "example no_receipt claim model \"A\" part device purchased 2024-01-01 claimed 2024-02-01 "
                                          "facts receipt = false expect free until 2024-04-01\n");
    const auto run = cli({"test", "--coverage", policy.path});
    INFO(run.out << run.err);
    CHECK(run.code == 0);
    CHECK(run.out.find("  requirements                1/1") != std::string::npos);
    // Without the example that leaves it unmet, it is not.
    const TempPolicy bare("warrant-coverage-requirement-period-bare",
                          policy_text + "example receipt claim model \"A\" part device purchased 2024-01-01 claimed 2024-02-01 "
                                        "expect free until 2025-01-01\n");
    const auto unmet = cli({"test", "--coverage", bare.path});
    INFO(unmet.out);
    CHECK(unmet.out.find("  requirements                0/1") != std::string::npos);
}

TEST_CASE("typed facts: a warranty from the first of several dates given, as the README writes it", "[typed][warranty_from]") {
    const TempPolicy policy("warrant-from-first-given",
                            header + "part device\noutcome repair\noutcome paid\nfact replaced_on \"r\" date per c\n"
                                     "fact delivered_on \"d\" date per c\nseries s { model \"A\" }\n"
                                     "period device 24 months from replaced_on when replaced_on is given per c\n"
                                     "period device 24 months from delivered_on per c\n"
                                     "rule r per c when claimed within warranty then repair\nrule o per c then paid\n");
    const auto until = [&](const std::vector<std::string>& facts) {
        const std::string out = query_model_a(policy.path, facts);
        return out.substr(out.find("\"warranty_until\":\"") + 18, 10);
    };
    CHECK(until({}) == "2026-01-01");
    CHECK(until({"delivered_on=2024-01-10"}) == "2026-01-10");
    CHECK(until({"replaced_on=2024-03-05"}) == "2026-03-05");
    CHECK(until({"delivered_on=2024-01-10", "replaced_on=2024-03-05"}) == "2026-03-05");
    CHECK(cli({"check", "--deny-warnings", policy.path}).code == 0);
}

TEST_CASE("explain: a test read on both sides of an `or` is said once", "[explain]") {
    const TempPolicy policy("warrant-explain-said-once",
                            header + "part device\noutcome refund\noutcome other\nfact delivered_on \"d\" date per c\n"
                                     "series s { model \"A\" }\nperiod device 12 months per c\n"
                                     "rule reject per c when (delivered_on is given and claimed within 30 days after delivered_on)\n"
                                     "    or (delivered_on is not given and claimed within 30 days after purchase) then refund\n"
                                     "rule rest per c then other\n");
    const auto run = cli({"query", policy.path, "--model", "A", "--part", "device", "--purchased", "2024-01-01", "--claimed",
                          "2024-01-20", "--explain"});
    INFO(run.out);
    REQUIRE(run.code == 0);
    const auto line = run.out.substr(run.out.find("1. reject"));
    CHECK(line.find("delivered_on is not given; claimed 19 days after purchase") != std::string::npos);
    CHECK(line.find("delivered_on is not given; delivered_on is not given") == std::string::npos);
}

TEST_CASE("explain: a fact, count or choice that would change the warranty though not the verdict is said", "[explain]") {
    const auto flipped = cli({"query", "policies/xiaomi-hk.policy", "--model", "Xiaomi 15T", "--part", "battery", "--purchased", "2025-01-01",
                              "--claimed", "2025-03-22", "--fact", "removable_battery", "--explain"});
    REQUIRE(flipped.code == 0);
    CHECK(flipped.out.find("  - without removable_battery the warranty would be 12 months, not 6 months\n") != std::string::npos);
    const TempPolicy policy("warrant-explain-period-values", period_by_values);
    const auto run = cli({"query", policy.path, "--model", "A", "--part", "device", "--purchased", "2024-01-01", "--claimed", "2024-06-01", "--explain"});
    INFO(run.out);
    CHECK(run.out.find("  - with 3 more visits (visits = 3) the warranty would be 24 months, not 12 months\n") != std::string::npos);
    CHECK(run.out.find("  - with channel online the warranty would be 24 months, not 12 months\n") != std::string::npos);
}

TEST_CASE("explain: `part in [..]` is said once, with the parts it names", "[explain]") {
    const TempPolicy policy("warrant-explain-part-in", header +
                                                         "part device\npart battery\npart charger\noutcome yes\noutcome no\n"
                                                         "series s { model \"A\" }\nperiod device 12 months per c\n"
                                                         "period battery 6 months per c\nperiod charger 6 months per c\n"
                                                         "rule accessory per c when part in [battery, charger] then yes\n"
                                                         "rule other per c then no\n");
    const std::string device = query_model_a(policy.path, {}, {"--explain"});
    CHECK(device.find("accessory -> yes: does not apply (the part is device, not battery or charger)") != std::string::npos);
    const auto battery = cli({"query", policy.path, "--model", "A", "--part", "battery", "--purchased", "2024-01-01", "--claimed",
                              "2024-02-01", "--explain"});
    CHECK(battery.out.find("accessory -> yes: applies (the part is battery)") != std::string::npos);
}
