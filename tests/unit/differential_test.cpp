// Differential testing: the compiler's interpreter against a plain reference interpreter
// (tests/reference), on random policies and claims; and the reference itself against the
// Hong Kong policy's hand-computed examples. tests/reference/differential.cmake builds the
// same sources into warrant_differential, for runs of benchmark size.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include "parse/parser.hpp"
#include "reference/differential.hpp"
#include "reference/random_policy.hpp"
#include "reference/reference_interpreter.hpp"
#include "test_support.hpp"

using namespace warrant;
using namespace warrant::reference;

TEST_CASE("reference: the calendar adds days and months as the language says") {
    CHECK(day_to_text(plus_days(day_from_text("2024-02-28"), 1)) == "2024-02-29");
    CHECK(day_to_text(plus_days(day_from_text("2023-02-28"), 1)) == "2023-03-01");
    CHECK(day_to_text(plus_days(day_from_text("2024-12-20"), 14)) == "2025-01-03");
    CHECK(day_to_text(plus_days(day_from_text("2024-01-31"), 30)) == "2024-03-01");
    CHECK(day_to_text(plus_days(day_from_text("2024-03-01"), -1)) == "2024-02-29");
    CHECK(day_to_text(plus_days(day_from_text("2025-01-01"), -366)) == "2024-01-01");
    CHECK(day_to_text(plus_days(day_from_text("2000-01-01"), 366 + 365 * 3)) == "2004-01-01");
    CHECK(day_to_text(plus_months(day_from_text("2024-01-31"), 1, false)) == "2024-02-29");
    CHECK(day_to_text(plus_months(day_from_text("2024-01-31"), 1, true)) == "2024-03-02");
    CHECK(day_to_text(plus_months(day_from_text("2023-01-31"), 1, true)) == "2023-03-03");
    CHECK(day_to_text(plus_months(day_from_text("2024-02-29"), 12, false)) == "2025-02-28");
    CHECK(day_to_text(plus_months(day_from_text("2024-02-29"), 12, true)) == "2025-03-01");
    CHECK(day_to_text(plus_months(day_from_text("2024-08-31"), 6, false)) == "2025-02-28");
    CHECK(day_to_text(plus_months(day_from_text("2024-12-15"), 14, false)) == "2026-02-15");
    CHECK(model_key("Ｘiaomi 15T-Pro_x") == "xiaomi15tprox");
    CHECK(model_key("小米 13") == "小米13");
}

TEST_CASE("reference: answers the Hong Kong policy's examples as they expect") {
    const std::string root = WARRANT_SOURCE_DIR;
    const SourceFile policy_file("xiaomi-hk.policy", test::slurp(root + "/policies/xiaomi-hk.policy"));
    const SourceFile examples_file("xiaomi-hk.examples", test::slurp(root + "/policies/xiaomi-hk.examples"));
    Diagnostics diags;
    const auto policy = parse(policy_file, diags);
    const auto examples = parse(examples_file, diags);
    REQUIRE(policy);
    REQUIRE(examples);
    REQUIRE(examples->examples.size() >= 80);
    std::set<std::string> verdicts;
    for (const ast::ExampleDecl& ex : examples->examples) {
        Query q;
        for (const ast::ClaimItem& item : ex.items) {
            using Kind = ast::ClaimItem::Kind;
            switch (item.kind) {
                case Kind::Model: q.model = item.word.text; break;
                case Kind::Part: q.part = item.word.text; break;
                case Kind::Purchased: q.purchased = day_from_text(item.word.text); break;
                case Kind::Claimed: q.claimed = day_from_text(item.word.text); break;
                case Kind::LastRepair: q.last_repair = day_from_text(item.word.text); break;
                case Kind::BoughtIn:
                    q.outside_region = item.word.text != "HK" && item.word.text != "hk";  // the policy's region
                    break;
                case Kind::Region: break;
            }
        }
        for (const ast::FactSetting& f : ex.facts) q.facts.emplace_back(f.fact.text, !f.value || f.value->text == "true");
        const auto answer = reference::decide(*policy, q);
        INFO("example " << ex.name.text);
        REQUIRE(answer);
        CHECK(answer->verdict == ex.outcome.text);
        if (ex.until) CHECK((answer->warranty_until ? day_to_text(*answer->warranty_until) : "none") == ex.until->text);
        verdicts.insert(answer->verdict);
    }
    CHECK(verdicts.size() == 5);
}

TEST_CASE("differential: random policies exercise every kind of declaration and predicate") {
    std::string all;
    for (int i = 0; i < 200; ++i) {
        Random random(20240229ull * 0x9E3779B97F4A7C15ull + static_cast<unsigned>(i));
        all += random_policy(random, i).text;
    }
    for (const char* feature :
         {"exclusion f", "requirement f", "fact f", "default true", "default false", "alias \"", "months clamp",
          "months overflow", "last_day covered", "last_day excluded", "list l", "end_of_service 20", " for series s",
          " for \"", "months when", "days when", "part is device", "part is not ", "part in [", "part not in [", "claimed within warranty",
          "days after purchase", "months after last_repair", "claimed after end_of_service", "purchased outside region",
          "model in l", "model in series s", "any exclusion", "any requirement unmet", "not (", ") or (", ") and (",
          "Phone A1Phone", "-02-29"}) {
        INFO("no generated policy has `" << feature << "`");
        CHECK(all.find(feature) != std::string::npos);
    }
    // A period chosen by the purchase date, and one by a date the claim carries in a window.
    int by_purchase = 0, by_window = 0;
    std::istringstream lines(all);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("period ", 0) != 0) continue;
        const std::size_t when = line.find(" when ");
        if (when == std::string::npos) continue;
        if (line.find("purchased ", when) != std::string::npos) ++by_purchase;
        if (line.find(" within ", when) != std::string::npos) ++by_window;
    }
    CHECK(by_purchase > 0);
    CHECK(by_window > 0);
    // Tests written from the claim's own date: `claimed >= v1`, `purchased < v3`.
    bool from_claim_date = false;
    for (const char* own : {"claimed", "purchased"}) {
        for (const char* op : {" < v", " <= v", " > v", " >= v", " = v"}) from_claim_date |= all.find(std::string(own) + op) != std::string::npos;
    }
    CHECK(from_claim_date);
}

TEST_CASE("differential: the compiler and the reference agree (200 policies x 200 claims)") {
    const DifferentialRun run = run_differential(20240229, 200, 200);
    for (const Disagreement& d : run.first_failures) UNSCOPED_INFO(describe(d));
    CHECK(run.policies == 200);
    CHECK(run.claims == 200u * 200u);
    CHECK(run.failures == 0);
}
