// `warrant diff` on reasons (claims answered alike that cite other clauses) and on the order of
// rules (which rule moved where), on the HK policy and on generated orders.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"

using namespace warrant;
namespace fs = std::filesystem;

namespace {

const std::string hk_path = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";

std::shared_ptr<const RuleGraph> compiled(const std::string& name, const std::string& text) {
    const CompileResult r = compile(std::make_shared<const SourceFile>(name, text));
    REQUIRE(r.ok());
    return r.graph;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// The diff of two versions with the self-check on; its ranges all verified, some reason among them.
PolicyDiff reasons_diff(const RuleGraph& before, const RuleGraph& after) {
    DiffOptions options;
    options.self_check = true;
    PolicyDiff d = diff_graphs(before, after, options);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    REQUIRE(d.reasons_differ());
    return d;
}

DiffQuery claim(const char* model, const char* part, const char* purchased, const char* claimed) {
    DiffQuery q;
    q.model = model;
    q.part = part;
    q.purchased = *parse_iso_date(purchased);
    q.claimed = *parse_iso_date(claimed);
    return q;
}

}  // namespace

TEST_CASE("diff reasons: a requirement's default flipped makes another rule decide a claim out of warranty, alike") {
    const std::string old_text = test::slurp(hk_path);
    const std::string new_text = replaced(old_text, "default true per s4.first_owner", "default false per s4.first_owner");
    const auto before = compiled("old.policy", old_text), after = compiled("new.policy", new_text);
    const PolicyDiff d = reasons_diff(*before, *after);
    // Long out of warranty: paid either way, first for being out of warranty, now for the
    // requirement that no claim meets unless it says so.
    const DiffQuery q = claim("Xiaomi 15T", "device", "2025-01-01", "2029-06-01");
    const DiffAnswer b = answer_query(*before, q, true), a = answer_query(*after, q, true);
    REQUIRE(b.same_answer(a));
    REQUIRE(b.clauses != a.clauses);
    std::vector<const ClaimRange*> holding;
    for (const ClaimRange& r : d.reasons) {
        if (r.covers(q)) holding.push_back(&r);
    }
    for (const ClaimRange& r : d.ranges) CHECK_FALSE(r.covers(q));
    REQUIRE(holding.size() == 1);
    CHECK(holding[0]->kind == ClaimRange::Kind::Reason);
    CHECK(holding[0]->before.rfind("paid_repair per ", 0) == 0);
    // Reasons are summed up apart, after the answers.
    const auto first_reason = std::find_if(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.kind == ClaimRange::Kind::Reason; });
    REQUIRE(first_reason != d.findings.end());
    CHECK(std::all_of(first_reason, d.findings.end(), [](const Finding& f) { return f.kind == ClaimRange::Kind::Reason; }));
}

TEST_CASE("diff reasons: a period chosen by whether the claim gives a date keeps its claims out of reason ranges when their ends differ") {
    // Only claims that give `exchanged_on` get the period that changed; the rules that cite c1
    // and c2 swap places for every claim. A claim giving the date within its warranty is answered
    // differently (its end moves), so it is in the until range and in no reason range; a claim
    // without the date keeps its end and changes only its reason.
    const std::string old_text =
        "policy \"L\" region XX effective 2025-01-01\ncalendar months clamp last_day covered\nclause c1 \"one\"\nclause c2 \"two\"\n"
        "part device \"d\"\noutcome free \"free\"\noutcome none_ \"none\"\nfact flag \"f\" per c1\nfact exchanged_on \"e\" date per c1\n"
        "series s { model \"P\" }\nperiod device 24 months when exchanged_on is given per c1\nperiod device 12 months per c1\n"
        "rule a per c1 when claimed within warranty and flag then free\nrule b per c2 when claimed within warranty then free\n"
        "rule other per c1 then none_\n";
    std::string new_text = replaced(old_text, "period device 24 months when", "period device 18 months when");
    new_text = replaced(new_text, "rule a per c1 when claimed within warranty and flag then free\n", "");
    new_text = replaced(new_text, "rule other", "rule a per c1 when claimed within warranty and flag then free\nrule other");
    const auto before = compiled("old.policy", old_text), after = compiled("new.policy", new_text);
    const PolicyDiff d = reasons_diff(*before, *after);
    int tried = 0;
    for (const bool given : {false, true}) {
        for (const char* claimed : {"2025-01-01", "2025-04-10", "2025-12-31", "2026-01-02", "2026-06-30", "2026-07-02", "2026-12-31"}) {
            DiffQuery q = claim("P", "device", "2025-01-01", claimed);
            q.facts.emplace_back("flag", true);
            if (given) q.facts.emplace_back("exchanged_on", FactValue(ValueKind::String, "2025-01-01"));
            const DiffAnswer b = answer_query(*before, q, true), a = answer_query(*after, q, true);
            INFO(q.to_json() << "\nold: " << b.describe() << " " << b.describe_clauses() << "\nnew: " << a.describe() << " " << a.describe_clauses());
            int in_answers = 0, in_reasons = 0;
            for (const ClaimRange& r : d.ranges) in_answers += r.covers(q);
            for (const ClaimRange& r : d.reasons) in_reasons += r.covers(q);
            const bool other_reason = b.same_answer(a) && b.clauses != a.clauses;
            CHECK(in_reasons == (other_reason ? 1 : 0));
            if (!b.same_answer(a)) CHECK(in_answers >= 1);
            ++tried;
        }
    }
    CHECK(tried == 14);
}

TEST_CASE("diff reasons: a clause renamed with the same text changes no reason, even where it is cited") {
    const std::string old_text = test::slurp(hk_path);
    std::string new_text = old_text;
    for (std::size_t at = 0; (at = new_text.find("s3.intro", at)) != std::string::npos; at += 11) new_text.replace(at, 8, "s3.preamble");
    const auto before = compiled("old.policy", old_text), after = compiled("new.policy", new_text);
    const PolicyDiff d = diff_graphs(*before, *after);
    CHECK_FALSE(d.answers_differ());
    CHECK_FALSE(d.reasons_differ());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == "clause_renamed");
    // Yet the answers cite the new id.
    DiffQuery q = claim("Xiaomi 15T", "device", "2025-01-01", "2025-03-01");
    q.facts = {{"misuse", true}};
    CHECK(answer_query(*before, q, true).clauses != answer_query(*after, q, true).clauses);

    const fs::path dir = fs::temp_directory_path() / "warrant_diff_reasons";
    fs::create_directories(dir);
    std::ofstream(dir / "new.policy") << new_text;
    CHECK(test::cli({"diff", "--reasons", hk_path, (dir / "new.policy").generic_string()}).code == 0);
}

TEST_CASE("diff reasons: reordered rules are reported as the fewest moves, each naming where the rule went") {
    std::mt19937 gen(20261205);
    for (int round = 0; round < 60; ++round) {
        const int n = std::uniform_int_distribution<int>(2, 14)(gen);
        std::vector<int> order(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
        std::shuffle(order.begin(), order.end(), gen);
        const auto text = [&](const std::vector<int>& rules) {
            std::string out = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                              "part device \"d\"\noutcome paid_repair\nseries s { model \"Phone\" }\nperiod device 12 months per c\n";
            for (const int r : rules) out += fmt::format("rule r{} per c when claimed within {} days after purchase then paid_repair\n", r, r + 1);
            return out + "rule otherwise per c then paid_repair\n";
        };
        std::vector<int> identity(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) identity[static_cast<std::size_t>(i)] = i;
        const PolicyDiff d = diff_graphs(*compiled("old.policy", text(identity)), *compiled("new.policy", text(order)));
        // The fewest moves: the rules off a longest subsequence kept in order, by brute force.
        std::vector<int> longest(static_cast<std::size_t>(n), 1);
        for (std::size_t i = 0; i < order.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (order[j] < order[i]) longest[i] = std::max(longest[i], longest[j] + 1);
            }
        }
        const int kept = *std::max_element(longest.begin(), longest.end());
        std::vector<const Change*> moves;
        for (const Change& c : d.changes) {
            if (c.kind == "rule_moved") moves.push_back(&c);
        }
        INFO("new order " << fmt::format("{}", fmt::join(order, " ")));
        CHECK(static_cast<int>(moves.size()) == n - kept);
        // Each line's places agree with the two orders.
        static const std::regex line(R"(rule `r(\d+)` moved from (\d+)\w\w to (\d+)\w\w \((before|after) `(\w+)`\))");
        for (const Change* c : moves) {
            std::smatch m;
            REQUIRE(std::regex_match(c->text, m, line));
            const int rule = std::stoi(m[1].str());
            const std::size_t to = static_cast<std::size_t>(std::find(order.begin(), order.end(), rule) - order.begin());
            CHECK(std::stoi(m[2].str()) == rule + 1);
            CHECK(std::stoi(m[3].str()) == static_cast<int>(to) + 1);
            const std::string next = to + 1 < order.size() ? fmt::format("r{}", order[to + 1]) : "otherwise";
            CHECK(m[4].str() == "before");
            CHECK(m[5].str() == next);
        }
    }
}

TEST_CASE("diff reasons: ordinals in the words of a move") {
    const auto text = [](int first) {
        std::string out = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                          "part device \"d\"\noutcome paid_repair\nseries s { model \"Phone\" }\nperiod device 12 months per c\n";
        if (first >= 0) out += fmt::format("rule r{} per c when claimed within {} days after purchase then paid_repair\n", first, first + 1);
        for (int r = 0; r < 23; ++r) {
            if (r != first) out += fmt::format("rule r{} per c when claimed within {} days after purchase then paid_repair\n", r, r + 1);
        }
        return out + "rule otherwise per c then paid_repair\n";
    };
    const auto moved = [&](int rule) {
        const PolicyDiff d = diff_graphs(*compiled("old.policy", text(-1)), *compiled("new.policy", text(rule)));
        REQUIRE(d.changes.size() == 1);
        return d.changes[0].text;
    };
    CHECK(moved(10) == "rule `r10` moved from 11th to 1st (before `r0`)");
    CHECK(moved(11) == "rule `r11` moved from 12th to 1st (before `r0`)");
    CHECK(moved(12) == "rule `r12` moved from 13th to 1st (before `r0`)");
    CHECK(moved(21) == "rule `r21` moved from 22nd to 1st (before `r0`)");
    CHECK(moved(22) == "rule `r22` moved from 23rd to 1st (before `r0`)");
}
