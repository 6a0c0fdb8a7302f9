// Checks for CI (src/lint): each kind of mistake seeded into a copy of the HK policy is caught
// with its own code on its own line, and nothing else changes; the pieces the checks are built
// from (name tokens, the shadowing fallback, invariant logic) behave at their edges.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lint/name_tokens.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"

using namespace warrant;

namespace {

CompileResult compile_text(const std::string& text, const std::string& name = "t.policy") {
    return compile(std::make_shared<const SourceFile>(name, text));
}

std::map<std::string, int> count_codes(const CompileResult& r) {
    std::map<std::string, int> counts;
    for (const Diagnostic& d : r.diagnostics) ++counts[std::string(code_id(d.code))];
    return counts;
}

std::vector<const Diagnostic*> with_code(const CompileResult& r, Code code) {
    std::vector<const Diagnostic*> out;
    for (const Diagnostic& d : r.diagnostics) {
        if (d.code == code) out.push_back(&d);
    }
    return out;
}

std::uint32_t line_of(const CompileResult& r, const Diagnostic& d) {
    REQUIRE(d.span.has_value());
    return r.source->line_col(d.span->begin).line;
}

const std::string hk_path = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";

// Where seeds go in the HK policy: after the end-of-service notices (so a seeded notice dated
// after the last one stays in order), among the rules, and before the rules.
const std::string after_notices = "# The page ends with the stray word";
const std::string among_rules = "# 一 / 二: within the warranty period, a standard accessory";
const std::string before_rules = "# ==== Rules:";

struct Seed {
    const char* what;
    Code code;
    std::string anchor;
    std::string text;  // one line carries "# seeded": the line the warning must be on
    std::map<std::string, int> delta;  // every change in the counts of codes
};

std::vector<Seed> seeds() {
    return {
        {"a look-alike name", Code::LookalikeNames, after_notices,
         "series seed \"seed\" {\n    model \"Xiaomi 13 Ulta\"  # seeded\n}\nlist seed per s6 { \"Xiaomi 13 Ulta\" }\n",
         {{"W4101", 1}}},
        {"a brand in another case", Code::BrandCasing, after_notices,
         "series seed \"seed\" {\n    model \"PoCO X7\"  # seeded\n}\nlist seed per s6 { \"PoCO X7\" }\n", {{"W4102", 1}}},
        {"a full-width letter", Code::FullWidthCharacters, after_notices,
         "series seed \"seed\" {\n    model \"POCO Ｘ7 Pro\"  # seeded\n}\nlist seed per s6 { \"POCO Ｘ7 Pro\" }\n",
         {{"W4103", 1}}},
        {"a glued number", Code::GluedNumber, after_notices,
         "series seed \"seed\" {\n    model \"Xiaomi 16\"\n    model \"Xiaomi 16 Pro\"\n    model \"Xiaomi16 Ultra\"  # seeded\n}\n"
         "list seed per s6 { \"Xiaomi 16\", \"Xiaomi 16 Pro\", \"Xiaomi16 Ultra\" }\n",
         {{"W4104", 1}}},
        {"two names run together", Code::DeclaredNamesRunTogether, after_notices,
         "series seed \"seed\" {\n    model \"POCO F7POCO F8 Pro\"  # seeded\n}\nlist seed per s6 { \"POCO F7POCO F8 Pro\" }\n",
         {{"W4105", 1}}},
        {"a period unlike the series'", Code::SeriesPeriodDiffers, after_notices,
         "series seed \"seed\" {\n    model \"Xiaomi 16\"\n    model \"Xiaomi 16 Pro\"\n    model \"Xiaomi 16 Ultra\"  # seeded\n}\n"
         "period device 24 months for \"Xiaomi 16\", \"Xiaomi 16 Pro\" via walk_in per s2.xiaomi_15\n"
         "list seed per s6 { \"Xiaomi 16 Ultra\" }\n",
         {{"W4106", 1}}},
        {"an accessory outlasting the device", Code::AccessoryOutlastsMainUnit, after_notices,
         "series seed \"seed\" { model \"Xiaomi 16\" }\n"
         "period charger 36 months for \"Xiaomi 16\" via walk_in per s2.xiaomi_13.charger  # seeded\n",
         {{"W4107", 1}}},
        {"a warranty outliving service", Code::WarrantyOutlivesService, after_notices,
         "series seed \"seed\" { model \"Xiaomi 16\" }\n"
         "period device 24 months for \"Xiaomi 16\" via walk_in per s2.xiaomi_15  # seeded\n"
         "end_of_service 2026-06-30 per s8.notice { \"Xiaomi 16\" }\n",
         {{"W4108", 1}}},
        {"a shadowed rule", Code::ShadowedRule, among_rules,
         "rule seeded_doa per s1.doa  # seeded\n"
         "    when part is device and claimed within warranty and claimed within 14 days after purchase\n"
         "    then replace_or_repair\n",
         {{"W4109", 1}}},
        {"an outcome no rule decides", Code::UnusedOutcome, after_notices, "outcome seeded_refund \"退款\"  # seeded\n",
         {{"W4110", 1}}},
        {"a fact nothing reads", Code::UnreadFact, after_notices, "fact seeded_water \"浸水\"  # seeded\n", {{"W4111", 1}}},
        {"a model nothing refers to", Code::UnreferencedModel, after_notices,
         "series seed \"seed\" {\n    model \"Xiaomi 16\"  # seeded\n}\n", {{"W4112", 1}}},
        {"a citation of an empty clause", Code::EmptyClauseText, after_notices,
         "clause seed.empty \"\"\nseries seed \"seed\" { model \"Xiaomi 16\" }\n"
         "period charger 12 months for \"Xiaomi 16\" via walk_in per seed.empty  # seeded\n",
         {{"W4113", 1}}},
        {"a clause nothing cites", Code::UncitedClause, after_notices, "clause seed.orphan \"保固說明\"  # seeded\n",
         {{"W4114", 1}}},
        {"a notice out of order", Code::NoticeOutOfOrder, after_notices,
         "series seed \"seed\" { model \"Mi 2\" }\nend_of_service 2021-01-01 per s8.notice { \"Mi 2\" }  # seeded\n",
         {{"W4115", 1}}},
        {"a year mistyped", Code::ImplausibleDate, after_notices,
         "series seed \"seed\" { model \"Xiaomi 16\" }\nend_of_service 2205-08-29 per s8.notice { \"Xiaomi 16\" }  # seeded\n",
         {{"W4116", 1}}},
        {"a model breaking an invariant", Code::InvariantViolated, after_notices,
         "series seed \"seed\" {\n    model \"Xiaomi 16\"  # seeded\n}\n"
         "period device 36 months for \"Xiaomi 16\" via walk_in per s2.xiaomi_15\n",
         {{"E4001", 1}}},
        {"a count compared so that no claim passes", Code::ConstantCondition, among_rules,
         "fact seeded_visits \"到店次數\" count default 0 per s1.repair\n"
         "rule seeded_visits per s1.repair\n    when part is not device and seeded_visits < 0  # seeded\n    then free_replacement\n",
         // The exact reach of rules sees counts too: the rule can never decide (W4109, on its name).
         {{"W4117", 1}, {"W4109", 1}}},
        {"a date compared with the purchase so that it only asks whether it is given", Code::ConstantCondition, among_rules,
         "fact seeded_exchanged \"換機日期\" date per s1.after_exchange\n"
         "rule seeded_exchange per s1.after_exchange\n    when part is not device and seeded_exchanged >= purchased  # seeded\n"
         "    then free_replacement\n",
         {{"W4117", 1}}},
        {"a choice value no rule tests", Code::UntestedChoiceValue, among_rules,
         "fact seeded_channel \"購買渠道\" choice [store, online, kiosk] default store per s1.repair  # seeded\n"
         "rule seeded_online per s1.repair\n    when part is not device and seeded_channel is online and claimed within 7 days after purchase\n"
         "    then free_replacement\n",
         {{"W4118", 1}}},
        {"a window from a date the claim must not give", Code::DegenerateWindow, among_rules,
         "fact seeded_exchanged \"換機日期\" date per s1.after_exchange\n"
         "rule seeded_window per s1.after_exchange\n    when part is not device and seeded_exchanged is not given\n"
         "        and claimed within 7 days after seeded_exchanged  # seeded\n    then free_replacement\n",
         {{"W4119", 1}, {"W4109", 1}}},  // and, since the exact reach of rules sees dates, a dead rule
        {"a date nothing reads", Code::UnreadFact, after_notices, "fact seeded_delivered \"簽收日期\" date per s1.repair  # seeded\n",
         {{"W4111", 1}}},
        {"an invariant comparing months with days", Code::IncomparableDurations, before_rules,
         "invariant seeded_days \"the Xiaomi 13 row has two years\"\n"
         "    for series xiaomi_13 require period device >= 700 days  # seeded\n",
         {{"E4002", 1}}},
    };
}

}  // namespace

TEST_CASE("lint: the HK policy holds its invariants and gets no false alarms") {
    const CompileResult hk = compile_file(hk_path, "xiaomi-hk.policy");
    REQUIRE(hk.ok());
    const auto counts = count_codes(hk);
    // Checks the real policy must pass: each would be a false alarm or a real new mistake.
    for (const char* code : {"E4001", "E4002", "W4101", "W4103", "W4105", "W4106", "W4107", "W4108", "W4109",
                             "W4110", "W4112", "W4113", "W4115", "W4116"}) {
        INFO(code);
        CHECK(counts.count(code) == 0);
    }
    // The source's own inconsistencies it does find.
    CHECK(counts.at("W4102") == 2);  // Redmi / REDMI, Mi / MI
    CHECK(counts.at("W4111") == 1);  // ota_update, recorded but read by nothing
    CHECK(counts.at("W4104") >= 10);  // Mi10T, Mi11 Lite, Mix3 5G, REDMI9A...
}

TEST_CASE("lint: each mistake seeded into the HK policy is caught on its own line") {
    const std::string original = test::slurp(hk_path);
    REQUIRE_FALSE(original.empty());
    const auto baseline = count_codes(compile_text(original, "hk.policy"));
    for (const Seed& seed : seeds()) {
        SECTION(seed.what) {
            const auto at = original.find(seed.anchor);
            REQUIRE(at != std::string::npos);
            const std::string patched = original.substr(0, at) + seed.text + "\n" + original.substr(at);
            const auto marker = patched.find("# seeded");
            REQUIRE(marker != std::string::npos);
            const auto seeded_line = static_cast<std::uint32_t>(std::count(patched.begin(), patched.begin() + static_cast<std::ptrdiff_t>(marker), '\n') + 1);

            const CompileResult r = compile_text(patched, "hk.policy");
            std::vector<const Diagnostic*> found;  // the policy may have others of the code elsewhere
            for (const Diagnostic* d : with_code(r, seed.code)) {
                if (line_of(r, *d) == seeded_line) found.push_back(d);
            }
            REQUIRE(found.size() == 1);
            CHECK_FALSE(found[0]->hint.empty());  // it says what to do

            // Nothing else changes: every code's count moves exactly by the seed's delta.
            std::map<std::string, int> delta;
            for (const auto& [code, n] : count_codes(r)) delta[code] += n;
            for (const auto& [code, n] : baseline) delta[code] -= n;
            std::erase_if(delta, [](const auto& entry) { return entry.second == 0; });
            CHECK(delta == seed.delta);
        }
    }
}

TEST_CASE("lint: a date read only as where the warranty counts from is read") {
    const std::string head =
        "policy \"p\" region XX\ncalendar months clamp last_day covered\nclause c \"t\"\npart device\noutcome o\n"
        "fact exchanged_on \"exchange\" date per c\nrule r per c when claimed within warranty then o\nrule s per c then o\n";
    const auto unread = [&](const std::string& rest) {
        const auto r = compile_text(head + rest);
        REQUIRE(r.ok());
        return with_code(r, Code::UnreadFact).size();
    };
    CHECK(unread("period device 12 months per c\n") == 1);
    CHECK(unread("period device 12 months from exchanged_on per c\n") == 0);
    CHECK(unread("warranty from exchanged_on per c\nperiod device 12 months per c\n") == 0);
    // Read by `warranty from` even where every period says where it counts from.
    CHECK(unread("warranty from exchanged_on per c\nperiod device 12 months from purchase per c\n") == 0);
}

TEST_CASE("lint: W4108 names the first purchase that outlives the notice under each calendar convention") {
    // Five years for a model whose service ends on 2024-09-30.
    const auto first_late = [&](const std::string& calendar) {
        const auto r = compile_text("policy \"p\" region XX effective 2020-01-01\ncalendar " + calendar +
                                    "\nclause c \"t\"\npart device\noutcome o\nseries s { model \"A\" }\n"
                                    "period device 60 months for \"A\" per c\nend_of_service 2024-09-30 per c { \"A\" }\n"
                                    "rule r per c when claimed within warranty then o\nrule s per c then o\n");
        REQUIRE(r.ok());
        const auto found = with_code(r, Code::WarrantyOutlivesService);
        REQUIRE(found.size() == 1);
        return found[0]->message;
    };
    // Covered until 2024-09-30 by a purchase on 2019-09-30 with the last day covered, and by
    // one on 2019-10-01 with the last day excluded; each later purchase outlives the notice.
    CHECK_THAT(first_late("months clamp last_day covered"), Catch::EndsWith("for purchases after 2019-09-30"));
    CHECK_THAT(first_late("months clamp last_day excluded"), Catch::EndsWith("for purchases after 2019-10-01"));
    CHECK_THAT(first_late("months overflow last_day excluded"), Catch::EndsWith("for purchases after 2019-10-01"));
}

TEST_CASE("lint: counts are decided against the largest count a claim may give") {
    const std::string head =
        "policy \"p\" region XX\nclause c \"t\"\npart device\noutcome o\noutcome p\n"
        "fact visits \"visits\" count default 0 per c\n";
    const auto constant = [&](const std::string& condition) {
        const auto r = compile_text(head + "rule r per c when " + condition + " then o\nrule s per c then p\n");
        REQUIRE(r.ok());
        return with_code(r, Code::ConstantCondition).size();
    };
    CHECK(constant("visits >= 0") == 1);
    CHECK(constant("visits <= 0") == 0);
    CHECK(constant("visits < 0") == 1);
    CHECK(constant("visits > 0") == 0);
    CHECK(constant("not visits > 0") == 0);
    CHECK(constant("not visits >= 0") == 1);
    CHECK(constant("visits = 0") == 0);
    // The largest count a claim may give passes these, so neither is decided.
    static_assert(max_claim_count > 999999999);
    CHECK(constant("visits <= 999999999") == 0);
    CHECK(constant("visits > 999999999") == 0);
}

TEST_CASE("lint: names are cut into words, numbers and other runs") {
    const auto tokens = checks::tokenize_name("Xiaomi 12T Pro+");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].text == "xiaomi");
    CHECK(tokens[1].text == "12");
    CHECK(tokens[1].after_separator);
    CHECK(tokens[2].text == "t");
    CHECK_FALSE(tokens[2].after_separator);
    CHECK(tokens[4].kind == checks::TokenKind::Other);
    // Full-width forms fold, and the ideographic space separates.
    const auto wide = checks::tokenize_name("ＰＯＣＯ　F3");
    REQUIRE(wide.size() == 3);
    CHECK(wide[0].text == "poco");
    CHECK(wide[1].after_separator);
    CHECK(checks::tokenize_name("").empty());
}

TEST_CASE("lint: look-alikes differ in a word, not in a number or a short word") {
    const std::string head = "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\n";
    const auto lookalikes = [&](const std::string& a, const std::string& b) {
        const auto r = compile_text(head + "series s { model \"" + a + "\" model \"" + b + "\" }\nlist l per c { \"" + a +
                                    "\", \"" + b + "\" }\n");
        REQUIRE(r.ok());
        return with_code(r, Code::LookalikeNames).size();
    };
    CHECK(lookalikes("Xiaomi 13", "Xiaom 13") == 1);
    CHECK(lookalikes("Xiaomi 13", "Xiaomi 14") == 0);
    CHECK(lookalikes("Xiaomi 13", "Xiaomi 13T") == 0);
    CHECK(lookalikes("POCO F3", "POCO F4") == 0);
    CHECK(lookalikes("Mi Max", "Mi Mix") == 0);        // words under four letters differ by design
    CHECK(lookalikes("Redmi Note 9", "Redmi Nose 9") == 1);
    CHECK(lookalikes("Redmi Note 9", "Redmi Node 8") == 0);  // two tokens differ
    CHECK(lookalikes("Galaxy Ultra 1", "Galaxy Ulta 1") == 1);
    CHECK(lookalikes("Ultimate 1", "Ultimaet 1") == 1);       // a swap counts as one
    CHECK(lookalikes("Ultimate 1", "Intimate 1") == 1);       // 8 letters: two edits allowed
    CHECK(lookalikes("Lite 1", "Late 2") == 0);
}

TEST_CASE("lint: numbers glued to words are flagged only where the series spaces them") {
    const std::string head = "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\n";
    const auto glued = [&](const std::string& models) {
        const auto r = compile_text(head + "series s { " + models + " }\n");
        REQUIRE(r.ok());
        return with_code(r, Code::GluedNumber).size();
    };
    CHECK(glued("model \"Note 1\" model \"Note 2\" model \"Note3\"") == 1);
    CHECK(glued("model \"Note1\" model \"Note2\" model \"Note 3\"") == 0);  // the series glues
    CHECK(glued("model \"Note 1\" model \"Note2\"") == 0);                  // a tie: no style to keep
    CHECK(glued("model \"POCO F1\" model \"POCO F2\" model \"Note 3\"") == 0);  // one-letter codes
}

TEST_CASE("lint: a rule shadowed by a combination of earlier rules names them all") {
    const std::string text =
        "policy \"p\" region XX\ncalendar months clamp\nclause c \"t\"\npart device\npart charger\noutcome o\n"
        "period device 12 months per c\n"
        "rule a per c when part is device then o\n"
        "rule b per c when part is charger then o\n"
        "rule both per c when claimed within warranty then o\n"
        "rule otherwise per c then o\n";
    const auto r = compile_text(text);
    REQUIRE(r.ok());
    const auto found = with_code(r, Code::ShadowedRule);
    REQUIRE(found.size() == 2);  // `both` and `otherwise`
    CHECK(found[0]->message ==
          "rule `both` can never decide: wherever its condition holds, one of the rules `a` and `b` before it decides first");
    CHECK(found[0]->notes.size() == 2);
}

TEST_CASE("lint: past the size it can try, shadowing is found from the conditions' shape") {
    // Twenty facts read by name make 2^20 cells: the syntactic test decides instead.
    std::string text = "policy \"p\" region XX\nclause c \"t\"\noutcome o\n";
    std::string any;
    for (int i = 0; i < 20; ++i) {
        text += "fact f" + std::to_string(i) + "\n";
        any += (i ? " or f" : "f") + std::to_string(i);
    }
    text += "rule all per c when " + any + " then o\n";
    text += "rule first per c when f0 then o\n";               // implied by `all`'s condition
    text += "rule narrower per c when f1 and f2 then o\n";     // likewise
    text += "rule other per c when not f3 then o\n";           // not implied: stays quiet
    text += "rule otherwise per c then o\n";
    const auto r = compile_text(text);
    REQUIRE(r.ok());
    const auto found = with_code(r, Code::ShadowedRule);
    REQUIRE(found.size() == 2);
    CHECK(found[0]->message.find("rule `first`") == 0);
    CHECK(found[1]->message.find("rule `narrower`") == 0);
}

TEST_CASE("lint: notices in newest-first order flag the one that breaks it") {
    std::string text = "policy \"p\" region XX effective 2025-12-01\nclause c \"t\"\noutcome o\nrule r per c then o\n"
                       "series s { model \"A\" model \"B\" model \"C\" model \"D\" model \"E\" model \"F\" }\n";
    text += "end_of_service 2025-06-01 per c { \"A\" }\n";
    text += "end_of_service 2025-01-01 per c { \"B\" }\n";
    text += "end_of_service 2022-01-01 per c { \"C\" }\n";  // out of place
    text += "end_of_service 2024-06-01 per c { \"D\" }\n";
    text += "end_of_service 2024-01-01 per c { \"E\" }\n";
    text += "end_of_service 2023-01-01 per c { \"F\" }\n";
    const auto r = compile_text(text);
    REQUIRE(r.ok());
    const auto found = with_code(r, Code::NoticeOutOfOrder);
    REQUIRE(found.size() == 1);
    CHECK(line_of(r, *found[0]) == 8);
    CHECK(found[0]->message.find("newest first") != std::string::npos);
}

TEST_CASE("lint: invariants decide around months that cannot meet days") {
    const std::string head =
        "policy \"p\" region XX\ncalendar months clamp\nclause c \"t\"\npart device\npart battery\noutcome o\n"
        "rule r per c then o\nseries s { model \"A\" model \"B\" }\nlist l per c { \"A\", \"B\" }\n"
        "period device 12 months per c\nperiod battery 180 days per c\n"
        "end_of_service 2024-01-01 per c { \"A\" }\n";
    SECTION("an `or` that another operand settles still reports the comparison once") {
        const auto r = compile_text(head + "invariant i \"m\" for every model require period battery >= 6 months or period device = 12 months\n");
        CHECK(with_code(r, Code::IncomparableDurations).size() == 1);
        CHECK(with_code(r, Code::InvariantViolated).empty());
    }
    SECTION("end_of_service with and without a date, and `not`") {
        const auto r = compile_text(head + "invariant i \"ended early\" for list l require end_of_service < 2024-06-01\n" +
                                    "invariant j \"in service\" for series s require not end_of_service\n");
        const auto broken = with_code(r, Code::InvariantViolated);
        REQUIRE(broken.size() == 2);  // B has no end of service; A has one
        CHECK(broken[0]->message == "`A` breaks invariant `j`: in service");
        CHECK(broken[1]->message == "`B` breaks invariant `i`: ended early");
        CHECK(broken[1]->hint == "`B` has no end-of-service date; change its declarations or the invariant");
    }
    SECTION("a part with no period meets no bound") {
        const auto r = compile_text(head + "part cable\ninvariant i \"m\" for every model require period cable <= 1 month\n");
        CHECK(with_code(r, Code::InvariantViolated).size() == 2);
    }
    SECTION("unknown names are errors, and nothing is evaluated") {
        const auto r = compile_text(head + "invariant i \"m\" for list nope require period devic >= 1 month\n");
        CHECK(with_code(r, Code::UnknownList).size() == 1);
        CHECK(with_code(r, Code::UnknownPart).size() == 1);
        CHECK(with_code(r, Code::InvariantViolated).empty());
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("lint: docs/checks.md explains every code") {
    const std::string docs = test::slurp(std::string(WARRANT_SOURCE_DIR) + "/docs/checks.md");
    REQUIRE_FALSE(docs.empty());
    for (const Code code : all_codes()) {
        INFO("docs/checks.md has no section `### " << code_id(code) << "`");
        CHECK(docs.find("### " + std::string(code_id(code))) != std::string::npos);
    }
}

TEST_CASE("lint: a section heading counts as cited when one of its sub-clauses is") {
    const auto r = compile_text(R"(policy "Headings" region XX effective 2025-12-01
calendar months clamp last_day covered
clause s2 "二、保固"
clause s2.device "主機 12個月"
clause s3 "三、注意事項"
clause s3.backup "請備份"
clause s2x "not under s2"
part device
outcome paid_repair
outcome free_repair
series s { model "Phone 1" }
list all per s2.device { "Phone 1" }
period device 12 months per s2.device
rule repair per s2.device when claimed within warranty then free_repair
rule otherwise per s2.device then paid_repair
)");
    std::set<std::uint32_t> lines;
    for (const Diagnostic* d : with_code(r, Code::UncitedClause)) lines.insert(line_of(r, *d));
    // s2 is the heading of a cited clause; s3 heads only uncited text; s2x merely starts alike.
    CHECK(lines == std::set<std::uint32_t>{5, 6, 7});
}

TEST_CASE("lint: a period chosen by the purchase date is judged for a purchase on the effective date") {
    const auto policy = [](const std::string& effective) {
        return "policy \"p\" region XX effective " + effective +
               "\ncalendar months clamp\nclause c \"t\"\npart device\noutcome o\nrule r per c then o\n"
               "series s { model \"A\" }\nperiod device 24 months when purchased >= 2025-01-01 per c\n"
               "period device 12 months per c\n"
               "invariant two_years \"two years\" for every model require period device >= 24 months\n";
    };
    CHECK(with_code(compile_text(policy("2025-01-01")), Code::InvariantViolated).empty());
    CHECK(with_code(compile_text(policy("2024-12-31")), Code::InvariantViolated).size() == 1);
}
