// W4109 from the exact classes of claims (src/claims/rule_reach): a rule no claim of any model
// and part reaches is reported, with the rule that takes its claims; the over-approximation it
// replaces missed a `within 14 days after purchase` rule behind `within warranty`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "claims/claim_dates.hpp"
#include "claims/rule_reach.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"

using namespace warrant;

namespace {

CompileResult compile_text(const std::string& text) { return compile(std::make_shared<const SourceFile>("t.policy", text)); }

std::vector<std::string> shadow_messages(const CompileResult& r) {
    std::vector<std::string> out;
    for (const Diagnostic& d : r.diagnostics) {
        if (d.code == Code::ShadowedRule) out.push_back(d.message);
    }
    return out;
}

const std::string minimal_head = R"(policy "Minimal" region XX effective 2025-01-01
calendar months clamp last_day covered
clause c "c"
part device "d"
outcome a
outcome b
outcome c
series s { model "M1" }
period device 12 months for "M1" per c
)";

}  // namespace

TEST_CASE("dead rules: a window shorter than every period, behind `within warranty`, is dead") {
    const CompileResult r = compile_text(minimal_head +
                                         "rule r1 per c when claimed within warranty then a\n"
                                         "rule r2 per c when claimed within 14 days after purchase then b\n"
                                         "rule rz per c then c\n");
    REQUIRE(r.ok());
    const auto messages = shadow_messages(r);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0] == "rule `r2` can never decide: wherever its condition holds, so does that of rule `r1`, before it");

    const auto reach = claims::rule_reach(*r.graph);
    REQUIRE(reach);
    REQUIRE(reach->size() == 3);
    CHECK((*reach)[0].decides);
    CHECK_FALSE((*reach)[1].decides);
    CHECK((*reach)[1].holds_somewhere);
    CHECK((*reach)[1].pre_empted_by == std::vector<Index>{0});
    CHECK((*reach)[1].covered_by == 0);
    CHECK((*reach)[2].decides);
}

TEST_CASE("dead rules: a window longer than some period is alive") {
    // 14 days after purchase is beyond a 10-day period: the rule decides there.
    std::string text = minimal_head;
    text.replace(text.find("12 months"), 9, "10 days");
    const CompileResult r = compile_text(text +
                                         "rule r1 per c when claimed within warranty then a\n"
                                         "rule r2 per c when claimed within 14 days after purchase then b\n"
                                         "rule rz per c then c\n");
    REQUIRE(r.ok());
    CHECK(shadow_messages(r).empty());
}

TEST_CASE("dead rules: models with periods of their own, alike or not") {
    // Models whose own periods are alike are decided alike (and tried once). M3's 10 days are
    // shorter than the 14-day window, so the window's rule decides for M3 alone: models must be
    // told apart by their periods' lengths, not only by their units.
    const std::string head = R"(policy "Own periods" region XX effective 2025-01-01
calendar months clamp last_day covered
clause c "c"
part device "d"
outcome a
outcome b
outcome c
series s { model "M1" model "M2" model "M3" }
period device 20 days for "M1" per c
period device 20 days for "M2" per c
)";
    const std::string rules = "rule r1 per c when claimed within warranty then a\n"
                              "rule r2 per c when claimed within 14 days after purchase then b\n"
                              "rule rz per c then c\n";
    const CompileResult alike = compile_text(head + "period device 20 days for \"M3\" per c\n" + rules);
    REQUIRE(alike.ok());
    CHECK(shadow_messages(alike).size() == 1);
    const CompileResult shorter = compile_text(head + "period device 10 days for \"M3\" per c\n" + rules);
    REQUIRE(shorter.ok());
    CHECK(shadow_messages(shorter).empty());
}

TEST_CASE("dead rules: a rule whose condition never holds, and one pre-empted by two rules") {
    const CompileResult r = compile_text(minimal_head +
                                         "fact f \"f\" default false per c\n"
                                         "rule r1 per c when f then a\n"
                                         "rule r2 per c when not f then b\n"
                                         "rule r3 per c when f or claimed within 1 month after purchase then c\n"
                                         "rule r4 per c when claimed within 31 days after purchase and not (claimed within 1 month after purchase) then c\n"
                                         "rule r5 per c when claimed within 1 month after purchase and not (claimed within 31 days after purchase) then c\n"
                                         "rule rz per c then c\n");
    REQUIRE(r.ok());
    const auto messages = shadow_messages(r);
    // r4 holds when a month is shorter than 31 days (a purchase on 1 February, say), r5 never:
    // a month is never longer than 31 days.
    REQUIRE(messages.size() == 4);
    CHECK(messages[0] == "rule `r3` can never decide: wherever its condition holds, one of the rules `r1` and `r2` before it decides first");
    CHECK(messages[1] == "rule `r4` can never decide: wherever its condition holds, one of the rules `r1` and `r2` before it decides first");
    CHECK(messages[2] == "rule `r5` can never decide: its condition never holds");
    CHECK(messages[3] == "rule `rz` can never decide: wherever its condition holds, one of the rules `r1` and `r2` before it decides first");
}

TEST_CASE("dead rules: the HK policy with `device_repair` above `dead_on_arrival`") {
    const std::string text = test::slurp(std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy");
    {
        const CompileResult r = compile_text(text);
        REQUIRE(r.ok());
        CHECK(shadow_messages(r).empty());
    }
    const std::string doa = "rule dead_on_arrival per s1.doa\n    when part is device and claimed within 14 days after purchase\n    then replace_or_repair\n";
    const std::string repair = "rule device_repair per s1.repair\n    when part is device and claimed within warranty\n    then free_repair\n";
    std::string moved = text;
    const auto at_doa = moved.find(doa);
    const auto at_repair = moved.find(repair);
    REQUIRE(at_doa != std::string::npos);
    REQUIRE(at_repair != std::string::npos);
    REQUIRE(at_doa < at_repair);
    moved.erase(at_repair, repair.size());
    moved.insert(at_doa, repair);
    const CompileResult r = compile_text(moved);
    const auto messages = shadow_messages(r);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0] == "rule `dead_on_arrival` can never decide: wherever its condition holds, so does that of rule `device_repair`, before it");

    // `warrant check` says so, and fails under --deny-warnings.
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "warrant_dead_rules";
    std::filesystem::create_directories(dir);
    const std::filesystem::path file = dir / "moved.policy";
    std::ofstream(file, std::ios::binary) << moved;
    const auto run = test::cli({"check", "--deny-warnings", file.generic_string()});
    CHECK(run.code == 1);
    CHECK(run.out.find("warning[W4109]: rule `dead_on_arrival` can never decide") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("dead rules: behind a comparison of dates, and a date space that gives up past its budget") {
    // The purchase compared with a calendar date is cut exactly: r2 needs a purchase after
    // 2025-06-01, and r1 takes every such claim first.
    const CompileResult r = compile_text(minimal_head +
                                         "fact exchanged_on date\n"
                                         "rule r1 per c when purchased >= 2025-03-01 then a\n"
                                         "rule r2 per c when purchased > 2025-06-01 then b\n"
                                         "rule r3 per c when exchanged_on >= 2025-06-01 then b\n"
                                         "rule rz per c then c\n");
    REQUIRE(r.ok());
    const auto messages = shadow_messages(r);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("rule `r2` can never decide") == 0);

    // The same space, tried with a budget of a few claims, gives up rather than run on; with
    // the usual budget it is built and counts what it tried.
    const claims::Side side{r.graph.get(), 0, 0};
    const Date reference = *make_date(2025, 1, 1);
    CHECK_THROWS_AS(claims::build_date_space(side, side, reference, false, 5), DiffLimit);
    const claims::DateSpace space = claims::build_date_space(side, side, reference, false);
    CHECK(space.work > 5);
    CHECK(space.work <= claims::max_date_work);
}

TEST_CASE("dead rules: models share a date space only when their periods and end of service agree") {
    // M1 and M2 have alike periods; only M2's service ends, years after its warranty. Claims
    // after that end exist for M2 alone: a date space shared with M1 would never try one, and
    // r1 would wrongly be reported dead.
    const auto replaced = [](std::string text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    std::string head = replaced(minimal_head, "series s { model \"M1\" }", "series s { model \"M1\" model \"M2\" }");
    head = replaced(head, "12 months for \"M1\" per c", "12 months per c");
    const std::string ended_rules = "rule r1 per c when claimed after end_of_service then a\n"
                                    "rule r2 per c when claimed within warranty then b\n"
                                    "rule rz per c then c\n";
    const CompileResult ended = compile_text(head + "end_of_service 2030-01-01 per c { \"M2\" }\n" + ended_rules);
    REQUIRE(ended.ok());
    CHECK(shadow_messages(ended).empty());
    const auto reach = claims::rule_reach(*ended.graph);
    REQUIRE(reach);
    CHECK((*reach)[0].decides);

    // M2's period runs from an exchange when the claim gives one: a claim 13 months after the
    // purchase, a month after an exchange, is within M2's warranty and past M1's. A space
    // shared with M1 would not cut at the exchange, and r2 would look dead after r1.
    const std::string restarting = replaced(head, "period device 12 months per c",
                                            "fact exchanged_on \"exchange\" date per c\n"
                                            "period device 12 months for \"M1\" per c\n"
                                            "period device 12 months from exchanged_on for \"M2\" per c");
    const CompileResult restarted = compile_text(restarting +
                                                 "rule r1 per c when claimed within 12 months after purchase then a\n"
                                                 "rule r2 per c when claimed within warranty then b\n"
                                                 "rule rz per c then c\n");
    REQUIRE(restarted.ok());
    const auto restarted_reach = claims::rule_reach(*restarted.graph);
    REQUIRE(restarted_reach);
    CHECK((*restarted_reach)[1].decides);
}
