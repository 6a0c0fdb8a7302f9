// `warrant diff`: golden pairs of small policies (tests/golden/diff/<case>/{old,new}.policy and
// expected.txt, run in-process; UPDATE_GOLDEN=1 rewrites), the HK policy against a revision,
// loading from folders and git, and a property test on random pairs of mutated policies:
// every witness decides differently, and every random query that decides differently is
// covered by a reported range whose answers it has.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/decide.hpp"
#include "warrant/diff.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

const fs::path golden_dir = "tests/golden/diff";

void check_golden(const fs::path& golden, const std::string& actual) {
    if (std::getenv("UPDATE_GOLDEN")) {
        std::ofstream(golden, std::ios::binary) << actual;
        return;
    }
    INFO("golden: " << golden.string() << "\n--- actual ---\n" << actual);
    REQUIRE(fs::exists(golden));
    CHECK(test::slurp(golden) == actual);
}

std::shared_ptr<const RuleGraph> compile_text(const std::string& name, const std::string& text) {
    CompileResult r = compile(std::make_shared<const SourceFile>(name, text));
    if (!r.ok()) {
        std::string errors;
        for (const Diagnostic& d : r.diagnostics) {
            if (d.severity == Severity::Error) errors += fmt::format("{}: {}\n", code_id(d.code), d.message);
        }
        INFO(name << " does not compile:\n" << errors << text);
        REQUIRE(r.ok());
    }
    return r.graph;
}

std::shared_ptr<const RuleGraph> compile_path(const fs::path& path) {
    return compile_text(path.generic_string(), test::slurp(path));
}

// What `warrant query` answers, without the clauses (clause ids are not part of the comparison).
std::string query_answer(const fs::path& policy, const std::string& query) {
    const auto run = test::cli({"query", policy.generic_string(), "--query", query});
    const auto clauses = run.out.find(",\"clauses\"");
    return clauses == std::string::npos ? run.out : run.out.substr(0, clauses);
}

bool lenient_differs(const ClaimRange& r, const DiffAnswer& b, const DiffAnswer& a) {
    switch (r.kind) {
        case ClaimRange::Kind::Verdict: return b.error.empty() && a.error.empty() && b.verdict != a.verdict;
        case ClaimRange::Kind::Until: return b.warranty_until != a.warranty_until || b.services != a.services;
        case ClaimRange::Kind::Acceptance: return b.error != a.error;
        case ClaimRange::Kind::Reason: return b.same_answer(a) && b.clauses != a.clauses;
    }
    return false;
}

}  // namespace

// ---- golden pairs ---------------------------------------------------------------------------

TEST_CASE("diff: golden pairs, text and witnesses") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(golden_dir)) {
        if (entry.is_directory()) cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 14);
    // Pairs that differ only in form, order, wording or identifiers: every query answered alike.
    const std::set<std::string> alike = {"clause_renamed", "no_change_in_form", "region_respelt", "rules_reordered_alike", "wording_only"};
    for (const fs::path& dir : cases) {
        const std::string name = dir.filename().string();
        SECTION(name) {
            const std::string old_path = (dir / "old.policy").generic_string();
            const std::string new_path = (dir / "new.policy").generic_string();
            const auto run = test::cli({"diff", old_path, new_path});
            INFO(run.err);
            CHECK(run.err.empty());
            CHECK(run.code == (alike.count(name) ? 0 : 1));
            check_golden(dir / "expected.txt", run.out);
            for (const auto& [format, file] : {std::pair{"json", "expected.json"}, std::pair{"markdown", "expected.md"},
                                               std::pair{"html", "expected.html"}}) {
                if (!fs::exists(dir / file) && !std::getenv("UPDATE_GOLDEN")) continue;
                if (!fs::exists(dir / file) && name != "hk_revision" && name != "periods") continue;
                const auto formatted = test::cli({"diff", "--format", format, old_path, new_path});
                CHECK(formatted.code == run.code);
                check_golden(dir / file, formatted.out);
            }

            // The diff's own checks: each cell decided alike by all its sampled claims, and a
            // witness for every range.
            DiffOptions options;
            options.self_check = true;
            const PolicyDiff d = diff_graphs(*compile_path(dir / "old.policy"), *compile_path(dir / "new.policy"), options);
            CHECK(d.unverified == 0);
            CHECK(d.inconsistent == 0);
            CHECK(d.answers_differ() == (run.code == 1));
            // Every witness, asked of each version through `warrant query`, is answered differently.
            for (const ClaimRange& r : d.ranges) {
                const std::string q = r.witness.to_json();
                INFO("witness " << q);
                CHECK(query_answer(dir / "old.policy", q) != query_answer(dir / "new.policy", q));
                CHECK(r.covers(r.witness));
            }
            // Every reason witness is answered alike but for its clauses, which differ.
            for (const ClaimRange& r : d.reasons) {
                const std::string q = r.witness.to_json();
                INFO("reason witness " << q);
                CHECK(query_answer(dir / "old.policy", q) == query_answer(dir / "new.policy", q));
                const auto old_full = test::cli({"query", old_path, "--query", q}), new_full = test::cli({"query", new_path, "--query", q});
                CHECK(old_full.out != new_full.out);
                const auto cited = [](const std::vector<std::string>& ids) {
                    return ids.empty() ? std::string("\"clauses\":[]") : fmt::format("\"clauses\":[\"{}\"]", fmt::join(ids, "\",\""));
                };
                CHECK(old_full.out.find(cited(r.clauses_before)) != std::string::npos);
                CHECK(new_full.out.find(cited(r.clauses_after)) != std::string::npos);
                CHECK(r.covers(r.witness));
            }
            // A renamed clause or a respelt region code changes no reason.
            if (name == "clause_renamed" || name == "region_respelt" || name == "wording_only") CHECK(d.reasons.empty());
            // Reasons alone change the exit code only when asked.
            const auto strict = test::cli({"diff", "--reasons", old_path, new_path});
            CHECK(strict.code == (d.answers_differ() || d.reasons_differ() ? 1 : 0));
        }
    }
}

// ---- who is affected, in full ----------------------------------------------------------------

TEST_CASE("diff: a summary of who is affected comes first; --full lists every model, the page behind a disclosure") {
    const fs::path dir = fs::temp_directory_path() / "warrant_diff_full";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string models;
    for (int i = 1; i <= 12; ++i) models += fmt::format(" model \"Phone {}\"", i);
    const std::string head = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\noutcome free_repair\noutcome paid_repair\nseries s {" + models + " }\n";
    const std::string rules = "rule repair per c when claimed within warranty then free_repair\nrule otherwise per c then paid_repair\n";
    std::ofstream(dir / "old.policy") << head << "period device 12 months per c\n" << rules;
    std::ofstream(dir / "new.policy") << head << "period device 24 months per c\n" << rules;
    const std::string o = (dir / "old.policy").generic_string(), n = (dir / "new.policy").generic_string();

    const auto cut = test::cli({"diff", o, n});
    CHECK(cut.code == 1);
    const auto who = cut.out.find("who is affected");
    REQUIRE(who != std::string::npos);
    CHECK(who < cut.out.find("changes of meaning"));
    CHECK(cut.out.find("verdict paid_repair → free_repair: Phone 1, Phone 2") != std::string::npos);
    CHECK(cut.out.find("and 5 more · device") != std::string::npos);
    CHECK(cut.out.find("Phone 12") == std::string::npos);

    const auto full = test::cli({"diff", "--full", o, n});
    CHECK(full.out.find("Phone 11 and Phone 12 · device") != std::string::npos);
    CHECK(full.out.find("models: Phone 1, Phone 2, Phone 3, Phone 4, Phone 5, Phone 6, Phone 7, Phone 8, Phone 9, Phone 10, "
                        "Phone 11, Phone 12\n") != std::string::npos);  // under the change whose line cuts them
    const auto markdown = test::cli({"diff", "--full", "--format", "markdown", o, n});
    CHECK(markdown.out.find("Phone 11 and Phone 12 · device") != std::string::npos);

    const auto html = test::cli({"diff", "--format", "html", o, n});
    CHECK(html.out.find("<details><summary>all 12 models</summary>") != std::string::npos);
    CHECK(html.out.find("Phone 12") != std::string::npos);

    // The share: 12 months more cover, over claims up to 1095 days after purchase.
    const PolicyDiff d = diff_graphs(*compile_path(dir / "old.policy"), *compile_path(dir / "new.policy"));
    REQUIRE_FALSE(d.findings.empty());
    const auto verdict = std::find_if(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.kind == ClaimRange::Kind::Verdict; });
    REQUIRE(verdict != d.findings.end());
    CHECK(verdict->models.size() == 12);
    REQUIRE(verdict->share);
    CHECK(*verdict->share > 0.32);  // days 366-730 of 0-1095
    CHECK(*verdict->share < 0.35);
    fs::remove_all(dir);
}

// ---- typed claim data: declined, with the reason, until the claim space cuts along it ---------

TEST_CASE("diff: claims read by a test of when a date falls after the last repair are left out, named, and exit 3") {
    const std::string dir = (std::filesystem::temp_directory_path() / "warrant-diff-declined").string();
    std::filesystem::create_directories(dir);
    const std::string text = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\npart battery \"b\"\noutcome free_repair\noutcome paid_repair\nseries s { model \"Phone\" }\n"
                             "period device 12 months per c\nperiod battery 6 months per c\nfact delivered_on \"d\" date per c\n"
                             "rule late per c when delivered_on within 7 days after last_repair then paid_repair\n"
                             "rule repair per c when claimed within warranty then free_repair\nrule otherwise per c then paid_repair\n";
    const std::string path = dir + "/p.policy", changed = dir + "/q.policy";
    std::ofstream(path) << text;
    std::string changed_text = text;
    changed_text.replace(changed_text.find("period battery 6 months"), 23, "period battery 9 months");
    std::ofstream(changed) << changed_text;
    // Against itself every claim is answered alike: nothing is left to compare.
    const auto same = test::cli({"diff", path, path});
    CHECK(same.code == 0);
    CHECK(same.out.find("not compared") == std::string::npos);
    const auto run = test::cli({"diff", path, changed});
    CHECK(run.code == 3);
    CHECK(run.err == "warrant diff: some claims were not compared claim by claim; the report names them and why\n");
    CHECK(run.out.find("    - Phone · battery: 6 months → 9 months  [c]\n") != std::string::npos);  // the change is still listed
    CHECK(run.out.find("  answers: no claim compared is answered differently (the claims not compared are named below)\n") != std::string::npos);
    CHECK(run.out.find("    - Phone · battery: in the old version, a condition tests when `delivered_on` falls after the last "
                       "repair: the diff does not cut claims along it yet\n") != std::string::npos);
    CHECK(run.out.find("some claims not compared claim by claim") != std::string::npos);
    const auto json = test::cli({"diff", path, changed, "--format", "json"});
    CHECK(json.code == 3);
    CHECK(json.out.find("\"complete\":false") != std::string::npos);
    CHECK(json.out.find("\"not_compared\":[{\"models\":[\"Phone\"],\"model_keys\":[\"phone\"],\"part\":\"battery\",\"facts\":[],\"given\":[],\"reason\":\"in the old "
                        "version, a condition") != std::string::npos);
    for (const std::string format : {"markdown", "html"}) {
        const auto shown = test::cli({"diff", path, changed, "--format", format});
        INFO(format);
        CHECK(shown.code == 3);
        CHECK(shown.out.find("Not compared") != std::string::npos);
        CHECK(shown.out.find("falls after the last repair") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

// ---- dates that claims carry ------------------------------------------------------------------

namespace {

std::string sanbao_text() { return test::slurp(std::string(WARRANT_SOURCE_DIR) + "/examples/cn-sanbao/phones.policy"); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// Whether the diff left the claim's model and part out of its ranges (PolicyDiff::not_compared).
bool left_out(const PolicyDiff& d, const DiffQuery& q) {
    return std::any_of(d.not_compared.begin(), d.not_compared.end(), [&](const NotCompared& n) { return n.covers(q); });
}

// A claim on the battery of `Phone A`, bought in 2024 on the 10th of January, giving `facts`.
DiffQuery battery_claim(Date claimed, std::vector<std::pair<std::string, FactValue>> facts) {
    DiffQuery q;
    q.model = "Phone A";
    q.part = "battery";
    q.purchased = *make_date(2024, 1, 10);
    q.claimed = claimed;
    q.facts = std::move(facts);
    return q;
}

// The two versions answer `q` differently, and the diff names it as not compared rather than
// calling it alike.
void check_named_not_compared(const RuleGraph& before, const RuleGraph& after, const PolicyDiff& d, const DiffQuery& q) {
    INFO(q.to_json());
    CHECK_FALSE(answer_query(before, q, true).same_answer(answer_query(after, q, true)));
    CHECK(left_out(d, q));
}

// Every range's witness is answered as it says, and random claims around the boundaries that
// the two versions answer differently fall in exactly one range of the right kind (claims the
// diff names as not compared aside).
// `near`: calendar dates the versions compare claim dates with; a third of the dates fall
// within two days of one of them. `extending`: a count that extends periods, given now and then;
// `repairs`: claims give a last repair now and then.
void check_exact(const RuleGraph& before, const RuleGraph& after, const PolicyDiff& d, std::uint64_t seed,
                 const std::vector<Date>& near = {}, const std::string& extending = "", bool repairs = false) {
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    for (const ClaimRange& r : d.ranges) {
        INFO(r.claims << "\nwitness " << r.witness.to_json());
        CHECK(r.covers(r.witness));
        // Its models are listed in the new version's order, however many groups joined them.
        std::vector<Index> at;
        for (const std::string& m : r.models) {
            if (const auto i = after.find_model(m)) at.push_back(*i);
        }
        CHECK(std::is_sorted(at.begin(), at.end()));
        const DiffAnswer b = answer_query(before, r.witness, true), a = answer_query(after, r.witness, true);
        CHECK_FALSE(b.same_answer(a));
        if (r.kind == ClaimRange::Kind::Verdict) {
            CHECK(b.verdict == r.before);
            CHECK(a.verdict == r.after);
        }
    }
    std::mt19937_64 random(seed);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
    const Date start = *make_date(2023, 1, 1);
    int differing = 0;
    for (int i = 0; i < 4000; ++i) {
        DiffQuery q;
        q.model = "Phone A";
        q.part = std::vector<std::string>{"device", "battery", "charger", "earphones"}[static_cast<std::size_t>(pick(0, 3))];
        const auto hot = [&](Date otherwise) {
            return near.empty() || pick(0, 2) != 0 ? otherwise : add_days(near[static_cast<std::size_t>(pick(0, static_cast<int>(near.size()) - 1))], pick(-2, 2));
        };
        q.purchased = hot(add_days(start, pick(0, 800)));
        q.claimed = std::max(q.purchased, hot(add_days(q.purchased, pick(0, 3) == 0 ? pick(0, 20) : pick(0, 900))));
        const auto some_day = [&] {
            const Date day = hot(add_days(q.purchased, pick(0, q.claimed.days - q.purchased.days)));
            return day < q.purchased || day > q.claimed ? q.claimed : day;
        };
        if (pick(0, 1)) q.facts.emplace_back("exchanged_on", FactValue(ValueKind::String, to_iso(some_day())));
        if (pick(0, 1)) {  // often just before the claim, where the windows after it end
            const Date late = add_days(q.claimed, -pick(0, 12));
            Date delivered = pick(0, 1) && late >= q.purchased ? late : some_day();
            if (!q.facts.empty() && pick(0, 3) == 0) {  // sometimes on the exchange's day, or next to it
                const Date near_exchange = add_days(*parse_iso_date(q.facts[0].second.text), pick(-1, 1));
                if (near_exchange >= q.purchased && near_exchange <= q.claimed) delivered = near_exchange;
            }
            q.facts.emplace_back("delivered_on", FactValue(ValueKind::String, to_iso(delivered)));
        }
        if (pick(0, 1)) q.facts.emplace_back("channel", FactValue(ValueKind::String, pick(0, 1) ? "online" : "store"));
        if (pick(0, 1)) q.facts.emplace_back("performance_fault", pick(0, 1) == 1);
        if (pick(0, 2) == 0) q.facts.emplace_back("repairs_same_fault", FactValue(ValueKind::Number, std::to_string(pick(0, 3))));
        if (!extending.empty() && pick(0, 1)) {
            const int days = std::vector<int>{0, 0, 1, 2, 30, 31, 400}[static_cast<std::size_t>(pick(0, 6))];
            q.facts.emplace_back(extending, FactValue(ValueKind::Number, std::to_string(days)));
        }
        if (repairs && pick(0, 1)) q.last_repair = some_day();
        const DiffAnswer b = answer_query(before, q, true), a = answer_query(after, q, true);
        REQUIRE(b.error.empty());
        REQUIRE(a.error.empty());
        if (left_out(d, q)) continue;
        int verdict = 0, until = 0;
        for (const ClaimRange& r : d.ranges) {
            if (!r.covers(q)) continue;
            (r.kind == ClaimRange::Kind::Verdict ? verdict : until) += 1;
        }
        INFO("claim " << q.to_json() << "\nold: " << b.describe() << "\nnew: " << a.describe());
        CHECK(verdict == (b.verdict != a.verdict ? 1 : 0));
        CHECK(until == (b.warranty_until != a.warranty_until || b.services != a.services ? 1 : 0));
        differing += !b.same_answer(a);
    }
    CHECK(differing > 0);
}

// The diff of two compiled versions, with its self-check on (each range's witness answered by
// both versions).
PolicyDiff self_checked_diff(const std::shared_ptr<const RuleGraph>& before, const std::shared_ptr<const RuleGraph>& after) {
    REQUIRE(before);
    REQUIRE(after);
    DiffOptions options;
    options.self_check = true;
    return diff_graphs(*before, *after, options);
}

// Diffs two versions of a policy with the self-check on, and checks the ranges exactly.
PolicyDiff diff_checked_exactly(const std::string& old_text, const std::string& new_text, std::uint64_t seed,
                                const std::vector<Date>& near) {
    const auto before = compile_text("old.policy", old_text);
    const auto after = compile_text("new.policy", new_text);
    const PolicyDiff d = self_checked_diff(before, after);
    REQUIRE_FALSE(d.ranges.empty());
    check_exact(*before, *after, d, seed, near);
    return d;
}

}  // namespace

TEST_CASE("diff: a period a count extends: the claims where it is 0 are compared exactly, the others named") {
    const std::string extended = replaced(sanbao_text(), "warranty from exchanged_on per art11", "warranty from exchanged_on per art11\nwarranty extended by repair_days per art10");
    DiffOptions options;
    options.self_check = true;
    const auto not_compared_words = [](const PolicyDiff& d) {
        std::set<std::string> out;
        for (const NotCompared& n : d.not_compared) {
            CHECK(n.facts.size() == 1);
            for (const FactCondition& f : n.facts) out.insert(n.part + ": " + f.words);
        }
        return out;
    };
    SECTION("both versions extend; the device's period lengthens") {
        const auto before = compile_text("old.policy", extended);
        const auto after = compile_text("new.policy", replaced(extended, "period device    12 months", "period device    24 months"));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        REQUIRE_FALSE(d.ranges.empty());
        for (const ClaimRange& r : d.ranges) {
            INFO(r.claims);
            CHECK(r.part == "device");
            CHECK(r.claims.find("`repair_days` is 0 or not given") != std::string::npos);
        }
        CHECK(not_compared_words(d) == std::set<std::string>{"device: `repair_days` is 1 or more"});
        check_exact(*before, *after, d, 11, {}, "repair_days");
    }
    SECTION("the new version adds the extension") {
        const auto before = compile_text("old.policy", sanbao_text());
        const auto after = compile_text("new.policy", extended);
        const PolicyDiff d = diff_graphs(*before, *after, options);
        CHECK(d.ranges.empty());  // where it is 0, every claim is answered alike
        CHECK(not_compared_words(d) == std::set<std::string>{"battery: `repair_days` is 1 or more", "charger: `repair_days` is 1 or more",
                                                            "device: `repair_days` is 1 or more", "earphones: `repair_days` is 1 or more"});
        // Each lists its models in the new version's order.
        for (const NotCompared& n : d.not_compared) {
            std::vector<Index> at;
            for (const std::string& m : n.models) at.push_back(after->find_model(m).value_or(none));
            CHECK(at.size() == after->models.size());
            CHECK(std::is_sorted(at.begin(), at.end()));
        }
        // And the claims it extends do differ.
        check_named_not_compared(*before, *after, d, battery_claim(*make_date(2024, 7, 12), {{"repair_days", FactValue(ValueKind::Number, "5")}}));
    }
}

TEST_CASE("diff: a period with a least end: the claims without its date are compared exactly, the others named") {
    const std::string text = sanbao_text();
    DiffOptions options;
    options.self_check = true;
    SECTION("after the last repair; the device's period lengthens") {
        const std::string floored = replaced(text, "period device    12 months", "period device    12 months at least 90 days after last_repair");
        const auto before = compile_text("old.policy", floored);
        const auto after = compile_text("new.policy", replaced(floored, "12 months at least", "24 months at least"));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        REQUIRE_FALSE(d.ranges.empty());
        REQUIRE(d.not_compared.size() == 1);
        CHECK(d.not_compared[0].part == "device");
        CHECK(d.not_compared[0].given == std::vector<std::string>{"last_repair"});
        CHECK(d.not_compared[0].reason.find("ends no earlier than a length after a date (`at least 90 days after last_repair`): the diff "
                                            "compares the claims that do not give the date") != std::string::npos);
        check_exact(*before, *after, d, 21, {}, "", true);
    }
    SECTION("after a date the claim carries, added by the new version") {
        const auto before = compile_text("old.policy", text);
        const auto after = compile_text("new.policy", replaced(text, "period battery    6 months", "period battery    6 months at least 90 days after delivered_on"));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        REQUIRE(d.not_compared.size() == 1);
        CHECK(d.not_compared[0].given == std::vector<std::string>{"delivered_on"});
        CHECK(d.ranges.empty());  // without the date, every claim is answered alike
        // With it, some are not.
        check_named_not_compared(*before, *after, d, battery_claim(*make_date(2024, 8, 1), {{"delivered_on", FactValue(ValueKind::String, "2024-07-01")}}));
        CHECK_FALSE(left_out(d, battery_claim(*make_date(2024, 8, 1), {})));
    }
}

TEST_CASE("diff: dates that claims carry: a window after a delivery, and a warranty that restarts from an exchange") {
    const std::string text = sanbao_text();
    const auto before = compile_text("old.policy", text);
    DiffOptions options;
    options.self_check = true;
    SECTION("the window after the delivery widened from 7 to 10 days") {
        const auto after = compile_text("new.policy", replaced(text, "claimed within 7 days after delivered_on", "claimed within 10 days after delivered_on"));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        REQUIRE_FALSE(d.ranges.empty());
        for (const ClaimRange& r : d.ranges) {
            CHECK(r.kind == ClaimRange::Kind::Verdict);
            CHECK(r.after == "refund");
            // Delivered 8 to 10 days before the claim, exactly.
            CHECK(r.claims.find("no `delivered_on` within 7 days before, within 10 days after `delivered_on`") != std::string::npos);
        }
        check_exact(*before, *after, d, 1);
    }
    SECTION("the warranty no longer restarts from the exchange") {
        const auto after = compile_text("new.policy", replaced(text, "warranty from exchanged_on per art11", ""));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        const auto until = std::count_if(d.ranges.begin(), d.ranges.end(), [](const ClaimRange& r) { return r.kind == ClaimRange::Kind::Until; });
        CHECK(until == 4);  // one per part
        for (const ClaimRange& r : d.ranges) {
            if (r.kind != ClaimRange::Kind::Until) continue;
            CHECK(r.until_from_before == "exchanged_on");
            CHECK(r.until_from_after.empty());
        }
        CHECK(std::any_of(d.changes.begin(), d.changes.end(), [](const Change& c) { return c.text.find("12 months from exchanged_on → 12 months") != std::string::npos; }));
        check_exact(*before, *after, d, 2);
    }
    SECTION("the device's warranty lengthened, still from the exchange") {
        const auto after = compile_text("new.policy", replaced(text, "period device    12 months", "period device    24 months"));
        const PolicyDiff d = diff_graphs(*before, *after, options);
        check_exact(*before, *after, d, 3);
    }
    SECTION("the policy against itself") {
        const PolicyDiff d = diff_graphs(*before, *before, options);
        CHECK(d.ranges.empty());
        CHECK(d.changes.empty());
    }
}

TEST_CASE("diff: dates compared with each other and with calendar dates are cut exactly") {
    const std::string text = sanbao_text();
    const std::string anchor = "rule repair          per art12";
    const auto with_rule = [&](const std::string& rule) { return replaced(text, anchor, rule + "\n" + anchor); };
    const Date leap = *make_date(2024, 2, 29), midyear = *make_date(2024, 6, 30), new_year = *make_date(2025, 1, 1);
    DiffOptions options;
    options.self_check = true;
    const auto check_pair = [&](const std::string& old_text, const std::string& new_text, std::uint64_t seed) {
        return diff_checked_exactly(old_text, new_text, seed, {leap, midyear, new_year});
    };
    SECTION("a purchase date compared with a calendar date: a rule added") {
        const PolicyDiff d = check_pair(text, with_rule("rule leap_offer per art12 when purchased >= 2024-02-29 and claimed within warranty then exchange"), 11);
        CHECK(std::any_of(d.ranges.begin(), d.ranges.end(), [](const ClaimRange& r) { return r.claims.find("purchased >= 2024-02-29") != std::string::npos; }));
    }
    SECTION("a claim date's bound moved by a day, strict to not strict") {
        check_pair(with_rule("rule late_claims per art13 when claimed < 2025-01-01 and part is battery then paid_repair"),
                   with_rule("rule late_claims per art13 when claimed <= 2025-01-01 and part is battery then paid_repair"), 12);
    }
    SECTION("a date fact compared with a calendar date, and with the claim") {
        check_pair(with_rule("rule old_exchange per art11 when exchanged_on < 2024-06-30 then paid_repair"),
                   with_rule("rule old_exchange per art11 when exchanged_on <= 2024-06-30 or exchanged_on = claimed then paid_repair"), 13);
    }
    SECTION("a date fact compared with the purchase") {
        check_pair(text, with_rule("rule same_day per art15 when delivered_on = purchased and part is charger then exchange"), 14);
    }
    SECTION("when a date fact falls after the purchase, with a window after the same date") {
        check_pair(with_rule("rule slow_delivery per art15 when delivered_on within 7 days after purchase and part is earphones then exchange"),
                   with_rule("rule slow_delivery per art15 when delivered_on within 1 month after purchase and part is earphones then exchange"), 15);
    }
    SECTION("two date facts compared with each other: a rule added") {
        check_pair(text, with_rule("rule late_exchange per art11 when exchanged_on > delivered_on then paid_repair"), 16);
    }
    SECTION("two date facts compared: strict to not strict, and with a calendar date beside") {
        check_pair(with_rule("rule late_exchange per art11 when exchanged_on > delivered_on then paid_repair"),
                   with_rule("rule late_exchange per art11 when exchanged_on >= delivered_on and delivered_on < 2024-06-30 then paid_repair"), 17);
    }
    SECTION("two date facts equal, beside a window after one of them") {
        check_pair(with_rule("rule same_day per art11 when exchanged_on = delivered_on and claimed within 15 days after exchanged_on then exchange"),
                   with_rule("rule same_day per art11 when exchanged_on = delivered_on and claimed within 1 month after exchanged_on then exchange"), 18);
    }
    SECTION("more date facts compared with each other than the diff compares are declined, naming the limit") {
        const auto with_facts = [&](int n) {
            std::string facts, rules;
            for (int i = 0; i < n; ++i) facts += fmt::format("fact d{} \"d\" date per art11\n", i);
            for (int i = 1; i < n; ++i) rules += fmt::format("rule order{} per art11 when d{} < d{} then paid_repair\n", i, i - 1, i);
            return replaced(with_rule(rules), "fact        exchanged_on", facts + "fact        exchanged_on");
        };
        const auto five = compile_text("old.policy", with_facts(5));
        const auto changed = compile_text("new.policy", replaced(with_facts(5), "when d0 < d1", "when d0 <= d1"));
        REQUIRE(five);
        REQUIRE(changed);
        // Every model and part reads the rule: none is compared, each is named with the reason.
        const PolicyDiff d = diff_graphs(*five, *changed, options);
        CHECK(d.ranges.empty());
        REQUIRE_FALSE(d.complete());
        for (const NotCompared& n : d.not_compared) {
            CHECK(n.reason.find("5 date facts are compared with each other") != std::string::npos);
        }
    }
}

TEST_CASE("diff: periods chosen by comparing the purchase with a calendar date are cut into stretches of purchases") {
    const std::string text = sanbao_text();
    const std::string device = "period device    12 months per table.device";
    const auto with_period = [&](const std::string& period) { return replaced(text, device, period + "\n" + device); };
    const Date cut = *make_date(2024, 3, 1), later = *make_date(2024, 9, 1), leap = *make_date(2024, 2, 29);
    DiffOptions options;
    options.self_check = true;
    const auto check_pair = [&](const std::string& old_text, const std::string& new_text, std::uint64_t seed) {
        return diff_checked_exactly(old_text, new_text, seed, {cut, later, leap});
    };
    const auto until_ranges = [](const PolicyDiff& d) {
        std::vector<const ClaimRange*> out;
        for (const ClaimRange& r : d.ranges) {
            if (r.kind == ClaimRange::Kind::Until) out.push_back(&r);
        }
        return out;
    };
    SECTION("a longer period for purchases from a date on, added") {
        const PolicyDiff d = check_pair(text, with_period("period device 24 months when purchased >= 2024-03-01 per table.device"), 31);
        const auto until = until_ranges(d);
        REQUIRE(until.size() == 1);
        CHECK(until[0]->claims.find("purchased >= 2024-03-01") != std::string::npos);
        CHECK(until[0]->witness.purchased >= cut);
    }
    SECTION("the date moved, strict against not strict") {
        const PolicyDiff d = check_pair(with_period("period device 24 months when purchased < 2024-03-01 per table.device"),
                                        with_period("period device 24 months when purchased <= 2024-09-01 per table.device"), 32);
        const auto until = until_ranges(d);
        REQUIRE(until.size() == 1);
        CHECK(until[0]->claims.find("purchased 2024-03-01 to 2024-09-01") != std::string::npos);
        // The verdicts that follow the warranty name the same purchases, in the same words.
        CHECK(std::any_of(d.ranges.begin(), d.ranges.end(), [](const ClaimRange& r) {
            return r.kind == ClaimRange::Kind::Verdict && r.claims.find(", purchased 2024-03-01 to 2024-09-01,") != std::string::npos;
        }));
    }
    SECTION("a purchase stretch beside facts, on a leap day") {
        check_pair(with_period("period device 6 months when purchased = 2024-02-29 or performance_fault per table.device"),
                   with_period("period device 18 months when purchased >= 2024-02-29 and not performance_fault per table.device"), 33);
    }
    SECTION("a clause changed beside a period changed for some purchases: reasons only where the ends stay alike") {
        // From 2024-03-01 on the warranty ends differ, so the repair rule's new clause is no
        // reason range there: those claims are answered differently.
        const std::string old_text = with_period("period device 24 months when purchased >= 2024-03-01 per table.device");
        const std::string new_text = replaced(with_period("period device 18 months when purchased >= 2024-03-01 per table.device"),
                                              "rule repair          per art12", "rule repair          per art13");
        const PolicyDiff d = check_pair(old_text, new_text, 34);
        REQUIRE_FALSE(d.reasons.empty());
        const auto before = compile_text("old.policy", old_text);
        const auto after = compile_text("new.policy", new_text);
        for (const ClaimRange& r : d.reasons) {
            INFO(r.claims << "\nwitness " << r.witness.to_json());
            CHECK(r.witness.purchased < cut);
            CHECK(answer_query(*before, r.witness, true).same_answer(answer_query(*after, r.witness, true)));
        }
    }
    // A device period chosen by `condition`, then by `changed`; the new version also changes
    // the earphones' period, whose claims are compared whatever happens to the device's.
    const auto period_versions = [&](const std::string& condition, const std::string& changed) {
        const std::string period = "period device 24 months when " + condition + " per table.device";
        const auto before = compile_text("old.policy", with_period(period));
        const auto after = compile_text("new.policy", replaced(replaced(with_period(period), condition, changed), "period earphones  3 months",
                                                               "period earphones  6 months"));
        REQUIRE(before);
        REQUIRE(after);
        return std::pair{before, after};
    };
    SECTION("a period chosen by a date the claim carries, against a calendar date or in a window after the purchase, is cut exactly") {
        const Date july = *make_date(2024, 7, 31);
        struct Case {
            std::string condition, changed;
            std::uint64_t seed;
            std::string literal;  // a date literal of the device's ranges, in words
        };
        for (const Case& c : {Case{"delivered_on >= 2024-06-30", "delivered_on >= 2024-07-31", 9, "`delivered_on` >= 2024-06-30"},
                              Case{"delivered_on within 30 days after purchase", "delivered_on within 60 days after purchase", 10,
                                   "`delivered_on` within 30 days after purchase"},
                              Case{"delivered_on > purchased", "delivered_on >= purchased", 11, "`delivered_on` > purchased"}}) {
            INFO(c.condition);
            const auto [before, after] = period_versions(c.condition, c.changed);
            const PolicyDiff d = diff_graphs(*before, *after, options);
            CHECK(d.complete());
            bool device_ranges = false, worded = false;
            for (const ClaimRange& r : d.ranges) {
                if (r.part != "device") continue;
                device_ranges = true;
                worded = worded || r.claims.find(c.literal) != std::string::npos;
            }
            CHECK(device_ranges);
            CHECK(worded);
            check_exact(*before, *after, d, c.seed, {cut, later, july, *make_date(2024, 6, 30)});
        }
    }
    SECTION("a date the claim carries that a period both tests and counts from leaves out that part's claims, naming why") {
        struct Case {
            std::string condition, changed;
            std::uint64_t seed;
        };
        for (const Case& c : {Case{"exchanged_on >= 2024-06-30", "exchanged_on >= 2024-07-31", 7},
                              Case{"exchanged_on within 30 days after purchase", "exchanged_on within 60 days after purchase", 8}}) {
            INFO(c.condition);
            const auto [before, after] = period_versions(c.condition, c.changed);
            const PolicyDiff d = diff_graphs(*before, *after, options);
            REQUIRE(d.not_compared.size() == 1);
            CHECK(d.not_compared[0].part == "device");
            CHECK(d.not_compared[0].models.size() == before->models.size());
            CHECK(d.not_compared[0].reason.find("the period of `device` is chosen by comparing a date the claim carries (`" + c.condition + "`)") !=
                  std::string::npos);
            CHECK_FALSE(d.ranges.empty());
            for (const ClaimRange& r : d.ranges) CHECK(r.part == "earphones");
            check_exact(*before, *after, d, c.seed, {cut, later});
            // Against itself nothing is left to compare: complete, and alike.
            const PolicyDiff same = diff_graphs(*before, *before, options);
            CHECK(same.complete());
            CHECK(same.ranges.empty());
        }
    }
    SECTION("tests of one date against a calendar date and in a window after the purchase leave out that part's claims") {
        const std::string period = "period device 24 months when delivered_on >= 2024-06-30 and delivered_on within 30 days after purchase per table.device";
        const auto before = compile_text("old.policy", with_period(period));
        const auto after = compile_text("new.policy", replaced(with_period(period), "within 30 days after purchase per", "within 40 days after purchase per"));
        REQUIRE(before);
        REQUIRE(after);
        const PolicyDiff d = diff_graphs(*before, *after, DiffOptions{});  // the self-check's samples would exceed the date budget first
        REQUIRE(d.not_compared.size() == 1);
        INFO(d.not_compared[0].reason);
        CHECK(d.not_compared[0].part == "device");
        CHECK(d.not_compared[0].reason.find("whose outcomes combine differently from one purchase day to the next") != std::string::npos);
    }
    SECTION("the claim date is refused in a period's condition, which says what it may test") {
        const CompileResult r = compile(std::make_shared<const SourceFile>("p.policy", with_period("period device 24 months when claimed < 2025-01-01 per table.device")));
        REQUIRE_FALSE(r.ok());
        CHECK(std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
            return d.code == Code::PeriodConditionNotFacts && d.message == "a period's `when` may test only facts, the purchase date and the dates a claim carries, not the claim date";
        }));
        const CompileResult window = compile(std::make_shared<const SourceFile>(
            "p.policy", with_period("period device 24 months when claimed within 14 days after purchase per table.device")));
        REQUIRE_FALSE(window.ok());
        CHECK(std::any_of(window.diagnostics.begin(), window.diagnostics.end(), [](const Diagnostic& d) {
            return d.code == Code::PeriodConditionNotFacts &&
                   d.message == "a period's `when` may test only facts, the purchase date and the dates a claim carries, not whether the claim falls in a window";
        }));
    }
}

TEST_CASE("diff: periods chosen by more dates than the diff cuts leave that part out, naming why") {
    const std::string text = sanbao_text();
    const std::string device = "period device    12 months per table.device";
    const std::string fact_anchor = "fact        delivered_on";
    // `facts` more date facts declared, and a device period chosen by `condition`; the new
    // version lengthens that period, so the device's claims differ wherever they are compared.
    const auto versions = [&](int facts, const std::string& condition) {
        std::string declared;
        for (int i = 0; i < facts; ++i) declared += fmt::format("fact d{} \"d{}\" date per art15\n", i, i);
        const std::string base = replaced(text, fact_anchor, declared + fact_anchor);
        const auto before = compile_text("old.policy", replaced(base, device, "period device 24 months when " + condition + " per table.device\n" + device));
        const auto after = compile_text("new.policy", replaced(base, device, "period device 30 months when " + condition + " per table.device\n" + device));
        REQUIRE(before);
        REQUIRE(after);
        return diff_graphs(*before, *after, DiffOptions{});
    };
    const auto left_out = [](const PolicyDiff& d, const std::string& why) {
        REQUIRE(d.not_compared.size() == 1);
        INFO(d.not_compared[0].reason);
        CHECK(d.not_compared[0].part == "device");
        CHECK(d.not_compared[0].reason.find(why) != std::string::npos);
        for (const ClaimRange& r : d.ranges) CHECK(r.part != "device");
    };
    std::vector<std::string> given;
    for (int i = 0; i < 7; ++i) given.push_back(fmt::format("d{} is given", i));
    left_out(versions(7, fmt::format("{}", fmt::join(given, " and "))), "periods chosen by more than 6 dates claims may give");
    given.resize(4);  // with `exchanged_on` and `delivered_on`, which rules ask about, six are cut
    const PolicyDiff six = versions(7, fmt::format("{}", fmt::join(given, " and ")));
    for (const NotCompared& n : six.not_compared) FAIL(n.reason);
    CHECK_FALSE(six.ranges.empty());
}

TEST_CASE("diff: random rules that compare two date facts, with each other and with other dates, are cut exactly") {
    const std::string text = sanbao_text();
    const std::string anchor = "rule repair          per art12";
    const Date leap = *make_date(2024, 2, 29), midyear = *make_date(2024, 6, 30);
    DiffOptions options;
    options.self_check = true;
    std::mt19937_64 random(20261206);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
    const auto any_of = [&](const std::vector<std::string>& v) { return v[static_cast<std::size_t>(pick(0, static_cast<int>(v.size()) - 1))]; };
    const std::vector<std::string> comparisons = {"<", "<=", "=", ">", ">="};
    const auto atom = [&]() -> std::string {
        switch (pick(0, 4)) {
            case 0:
            case 1: {
                const bool swap = pick(0, 1) == 1;
                return fmt::format("{} {} {}", swap ? "delivered_on" : "exchanged_on", any_of(comparisons), swap ? "exchanged_on" : "delivered_on");
            }
            case 2: return fmt::format("{} {} {}", any_of({"exchanged_on", "delivered_on"}), any_of(comparisons), any_of({"2024-02-29", "2024-06-30", "purchased", "claimed"}));
            case 3: return fmt::format("claimed within {} after {}", any_of({"3 days", "15 days", "1 month"}), any_of({"exchanged_on", "delivered_on"}));
            default: return fmt::format("{} within {} after purchase", any_of({"exchanged_on", "delivered_on"}), any_of({"2 days", "7 days"}));
        }
    };
    const auto rule = [&] {
        std::string when = atom();
        if (pick(0, 1)) when += fmt::format(" {} {}", pick(0, 2) ? "and" : "or", atom());
        return fmt::format("rule odd per art11 when {} then {}\n", when, any_of({"exchange", "paid_repair"}));
    };
    int compared = 0;
    for (int i = 0; i < 12; ++i) {
        const std::string old_rule = rule(), new_rule = pick(0, 3) ? rule() : std::string();
        INFO("old: " << old_rule << "new: " << new_rule);
        const auto before = compile_text("old.policy", replaced(text, anchor, old_rule + anchor));
        const auto after = compile_text("new.policy", replaced(text, anchor, new_rule + anchor));
        REQUIRE(before);
        REQUIRE(after);
        const PolicyDiff d = diff_graphs(*before, *after, options);
        if (!d.complete()) {
            // A window after the purchase bounding a date fact that a length counts from can
            // exceed the date space's budget, linked facts or not; nothing else may.
            for (const NotCompared& n : d.not_compared) CHECK(n.reason.find("cases to try") != std::string::npos);
            continue;
        }
        if (d.ranges.empty()) continue;  // the two rules decide alike
        ++compared;
        check_exact(*before, *after, d, 100 + static_cast<std::uint64_t>(i), {leap, midyear});
    }
    CHECK(compared >= 5);
}

TEST_CASE("diff: three date facts in one order, every claim of a few days tried") {
    const std::string head = "policy \"P\" region XX effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\noutcome ordered\noutcome other\nseries s { model \"Phone\" }\n"
                             "period device 12 months per c\nfact a \"a\" date per c\nfact b \"b\" date per c\nfact e \"e\" date per c\n";
    const auto version = [&](const std::string& when) {
        return compile_text("v.policy", head + "rule first per c when " + when + " then ordered\nrule rest per c then other\n");
    };
    const auto before = version("a < b and b < e and e < 2025-03-05");
    const auto after = version("a <= b and b < e or a = e");
    const PolicyDiff d = self_checked_diff(before, after);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    // Every claim bought on a day near the calendar date, claimed up to 5 days later, each
    // fact not given or on any day between: in exactly one range when answered differently.
    int differing = 0;
    for (const Date purchased : {*make_date(2025, 2, 27), *make_date(2025, 3, 2), *make_date(2025, 3, 4)}) {
        for (int length = 0; length <= 5; ++length) {
            DiffQuery q;
            q.model = "Phone";
            q.part = "device";
            q.purchased = purchased;
            q.claimed = add_days(purchased, length);
            const int choices = length + 2;  // not given, or one of the days
            for (int combo = 0; combo < choices * choices * choices; ++combo) {
                q.facts.clear();
                int rest = combo;
                for (const char* fact : {"a", "b", "e"}) {
                    const int pick = rest % choices;
                    rest /= choices;
                    if (pick > 0) q.facts.emplace_back(fact, FactValue(ValueKind::String, to_iso(add_days(purchased, pick - 1))));
                }
                const DiffAnswer b = answer_query(*before, q, true), a = answer_query(*after, q, true);
                REQUIRE(b.error.empty());
                const auto covering = std::count_if(d.ranges.begin(), d.ranges.end(), [&](const ClaimRange& r) { return r.covers(q); });
                INFO(q.to_json() << "\nold: " << b.describe() << "\nnew: " << a.describe());
                CHECK(covering == (b.same_answer(a) ? 0 : 1));
                differing += !b.same_answer(a);
            }
        }
    }
    CHECK(differing > 0);
}

// ---- counts and choices -----------------------------------------------------------------------

TEST_CASE("diff: counts and choices are cut exactly: `>= 2` to `>= 3` is the claims with 2 repairs") {
    const std::string head = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\noutcome free_repair\noutcome exchange\noutcome paid_repair\n"
                             "series s { model \"Phone\" }\nperiod device 12 months per c\n"
                             "fact repairs \"r\" count default 0 per c\n";
    const std::string tail = "rule repair per c when claimed within warranty then free_repair\nrule otherwise per c then paid_repair\n";
    const auto before = compile_text("old.policy", head + "rule swap per c when claimed within warranty and repairs >= 2 then exchange\n" + tail);
    const auto after = compile_text("new.policy", head + "rule swap per c when claimed within warranty and repairs >= 3 then exchange\n" + tail);
    DiffOptions options;
    options.self_check = true;
    const PolicyDiff d = diff_graphs(*before, *after, options);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    REQUIRE(d.ranges.size() == 1);
    const ClaimRange& r = d.ranges[0];
    CHECK(r.kind == ClaimRange::Kind::Verdict);
    CHECK(r.before == "exchange");
    CHECK(r.after == "free_repair");
    CHECK(r.claims.find("`repairs` is 2") != std::string::npos);
    // Exactly the claims with 2 repairs, within the warranty.
    DiffQuery q = r.witness;
    for (const int repairs : {0, 1, 2, 3, 4, 1000000000}) {
        q.facts = {{"repairs", FactValue(ValueKind::Number, std::to_string(repairs))}};
        for (const int days : {0, 200, 365, 366, 900}) {
            q.claimed = add_days(q.purchased, days);
            const bool differs = !answer_query(*before, q, true).same_answer(answer_query(*after, q, true));
            INFO(q.to_json());
            CHECK(r.covers(q) == differs);
            CHECK(differs == (repairs == 2 && days <= 365));
        }
    }
    q.facts.clear();  // not given: the default 0, answered alike
    CHECK_FALSE(r.covers(q));

    // A default that changes moves the claims that do not give the count.
    const auto defaulted = compile_text("new.policy", head.substr(0, head.find("fact repairs")) +
                                                          "fact repairs \"r\" count default 2 per c\n"
                                                          "rule swap per c when claimed within warranty and repairs >= 2 then exchange\n" + tail);
    const PolicyDiff moved = diff_graphs(*before, *defaulted, options);
    REQUIRE(moved.ranges.size() == 1);
    CHECK(moved.ranges[0].claims.find("not given") != std::string::npos);
    q.facts.clear();
    q.claimed = q.purchased;
    CHECK(moved.ranges[0].covers(q));
    q.facts = {{"repairs", FactValue(ValueKind::Number, "0")}};
    CHECK_FALSE(moved.ranges[0].covers(q));
}

TEST_CASE("diff: a count declared by one version, a choice value added, a default dropped: claims one version rejects") {
    const std::string head = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\noutcome free_repair\noutcome paid_repair\nseries s { model \"Phone\" }\n"
                             "period device 12 months per c\n";
    const std::string rules = "rule repair per c when claimed within warranty then free_repair\nrule otherwise per c then paid_repair\n";
    const auto before = compile_text("old.policy", head + "fact channel \"ch\" choice [shop, online] default shop per c\n" + rules);
    const auto after = compile_text("new.policy", head + "fact repairs \"r\" count per c\n"
                                                         "fact channel \"ch\" choice [shop, online, app] default shop per c\n" + rules);
    const PolicyDiff d = diff_graphs(*before, *after);
    std::set<std::string> rejected;
    for (const ClaimRange& r : d.ranges) {
        INFO(r.claims << ": " << r.before << " -> " << r.after << "\n" << r.witness.to_json());
        CHECK(r.kind == ClaimRange::Kind::Acceptance);
        CHECK(r.witness_before.error != r.witness_after.error);
        rejected.insert(r.claims);
    }
    CHECK(rejected == std::set<std::string>{"every claim that names the fact `repairs`", "every claim that does not give `repairs`",
                                            "every claim that gives `channel` the value `app`"} );
}

// ---- the JSON report's schema ----------------------------------------------------------------

TEST_CASE("diff: every JSON report validates against docs/diff-report.schema.json, and holds its witnesses") {
    const fs::path dir = fs::temp_directory_path() / "warrant_diff_schema";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<std::string> reports;
    const auto keep = [&](const std::string& json) {
        reports.push_back((dir / fmt::format("report{}.json", reports.size())).generic_string());
        std::ofstream(reports.back(), std::ios::binary) << json;
    };
    // Every golden pair.
    for (const auto& entry : fs::directory_iterator(golden_dir)) {
        if (!entry.is_directory()) continue;
        const auto run = test::cli({"diff", "--format", "json", (entry.path() / "old.policy").generic_string(),
                                    (entry.path() / "new.policy").generic_string()});
        REQUIRE(run.code != 2);
        keep(run.out);
    }
    // Regions renamed and a fact only one version has, from files.
    const std::string head = "policy \"P\" region HK effective 2025-01-01\ncalendar months clamp last_day covered\nclause c \"c\"\n"
                             "part device \"d\"\noutcome free_repair\noutcome paid_repair\nseries s { model \"Phone\" }\n"
                             "period device 12 months per c\n";
    const std::string rules = "rule abroad per c when purchased outside region then paid_repair\n"
                              "rule barred per c when any exclusion then paid_repair\n"
                              "rule repair per c when claimed within warranty then free_repair\nrule otherwise per c then paid_repair\n";
    std::ofstream(dir / "old.policy") << head << rules;
    std::string renamed = head + "exclusion water \"w\" default true per c\n" + rules;
    renamed.replace(renamed.find("region HK"), 9, "region HKG");
    std::ofstream(dir / "new.policy") << renamed;
    const auto pair = test::cli({"diff", "--format", "json", (dir / "old.policy").generic_string(), (dir / "new.policy").generic_string()});
    CHECK(pair.code == 1);
    CHECK(pair.out.find("\"old_region\":\"HK\"") != std::string::npos);
    keep(pair.out);
    // Folders paired by region, and two versions alike.
    const std::string policy = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";
    keep(test::cli({"diff", "--format", "json", policy, policy}).out);
    // Claims left out where a count extends a period or a least end's date is given.
    const std::string sanbao = std::string(WARRANT_SOURCE_DIR) + "/examples/cn-sanbao/phones.policy";
    const std::string limited = (dir / "limited.policy").generic_string();
    std::ofstream(limited) << replaced(replaced(sanbao_text(), "warranty from exchanged_on per art11",
                                                "warranty from exchanged_on per art11\nwarranty extended by repair_days per art10"),
                                       "period battery    6 months", "period battery    6 months at least 30 days after last_repair");
    const auto limited_run = test::cli({"diff", "--format", "json", sanbao, limited});
    CHECK(limited_run.out.find("\"given\":[\"last_repair\"]") != std::string::npos);
    CHECK(limited_run.out.find("\"words\":\"`repair_days` is 1 or more\"") != std::string::npos);
    keep(limited_run.out);

    const std::string validator = std::string(WARRANT_SOURCE_DIR) + "/tests/reports/validate_diff_json.py";
    const std::string schema = std::string(WARRANT_SOURCE_DIR) + "/docs/diff-report.schema.json";
    std::string command = "/usr/bin/python3 '" + validator + "' '" + schema + "'";
    for (const auto& r : reports) command += " '" + r + "'";
    const std::string said_path = (dir / "said.txt").generic_string();
    CHECK(std::system((command + " > '" + said_path + "' 2>&1").c_str()) == 0);
    const std::string said = test::slurp(said_path);
    INFO(said);
    CHECK(said.find(fmt::format("{} passed, 0 failed", reports.size())) != std::string::npos);

    // The validator does fail: a range whose fields do not hold its own witness.
    std::string broken = pair.out;
    const auto at = broken.find("\"holds\":true");
    REQUIRE(at != std::string::npos);
    broken.replace(at, 12, "\"holds\":false");
    std::ofstream(dir / "broken.json", std::ios::binary) << broken;
    CHECK(std::system(("/usr/bin/python3 '" + validator + "' '" + schema + "' '" + (dir / "broken.json").generic_string() +
                       "' > /dev/null 2>&1").c_str()) != 0);
    fs::remove_all(dir);
}

// ---- the HK policy against a revision: one model added, one period changed ------------------

TEST_CASE("diff: the HK policy against a revision with one model added and one period changed") {
    const std::string old_text = test::slurp(std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy");
    std::string new_text = old_text;
    const std::string period = R"(period charger 12 months for "Xiaomi 11T", "Xiaomi 11T Pro" via walk_in per s2.xiaomi_11t.charger)";
    const std::string anchor = "series xiaomi_14t \"Xiaomi 14T 系列\" {";
    REQUIRE(new_text.find(period) != std::string::npos);
    REQUIRE(new_text.find(anchor) != std::string::npos);
    new_text.replace(new_text.find(period), period.size(),
                     R"(period charger 24 months for "Xiaomi 11T", "Xiaomi 11T Pro" via walk_in per s2.xiaomi_11t.charger)");
    new_text.insert(new_text.find(anchor), "series xiaomi_16 \"Xiaomi 16 系列\" {\n    model \"Xiaomi 16\"\n}\n\n");

    const auto before = compile_text("xiaomi-hk.policy", old_text);
    const auto after = compile_text("xiaomi-hk-revised.policy", new_text);
    DiffOptions options;
    options.self_check = true;
    const PolicyDiff d = diff_graphs(*before, *after, options);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);

    // Exactly the two changes, and nothing in wording.
    REQUIRE(d.changes.size() == 2);
    CHECK(d.changes[0].kind == "model_added");
    CHECK(d.changes[0].models == std::vector<std::string>{"Xiaomi 16"});
    CHECK(d.changes[1].kind == "period");
    CHECK(d.changes[1].models == std::vector<std::string>{"Xiaomi 11T", "Xiaomi 11T Pro"});
    CHECK(d.changes[1].text.find("charger: 12 months → 24 months") != std::string::npos);
    CHECK(d.changes[1].clauses == std::vector<std::string>{"s2.xiaomi_11t.charger"});

    // Their claim ranges: the new model is answered where it was rejected; the two models'
    // chargers end 12 months later, and claims of the 13th to 24th month are now replaced free
    // (when no exclusion holds, the requirements are met and the charger was bought in HK).
    REQUIRE(d.ranges.size() == 3);
    const ClaimRange& added = d.ranges[0];
    CHECK(added.kind == ClaimRange::Kind::Acceptance);
    CHECK(added.models == std::vector<std::string>{"Xiaomi 16"});
    CHECK(added.witness_before.error == "unknown_model");
    CHECK(added.witness_after.error.empty());

    const ClaimRange& until = d.ranges[1];
    CHECK(until.kind == ClaimRange::Kind::Until);
    CHECK(until.models == std::vector<std::string>{"Xiaomi 11T", "Xiaomi 11T Pro"});
    CHECK(until.part == "charger");
    CHECK(until.facts.empty());
    CHECK(until.before == "until purchase + 12 months");
    CHECK(until.after == "until purchase + 24 months");

    const ClaimRange& verdict = d.ranges[2];
    CHECK(verdict.kind == ClaimRange::Kind::Verdict);
    CHECK(verdict.part == "charger");
    CHECK(verdict.before == "paid_repair");
    CHECK(verdict.after == "free_replacement");
    REQUIRE(verdict.days);
    CHECK(verdict.days->first == 366);  // purchase 2025-12-01: 12 months end on day 365
    CHECK(verdict.days->second == 730);
    CHECK(verdict.outside_region == std::optional<bool>(false));
    CHECK(verdict.witness.to_json() ==
          R"({"model":"Xiaomi 11T","part":"charger","purchased":"2025-12-01","claimed":"2026-12-02"})");
    CHECK(verdict.witness_before.verdict == "paid_repair");
    CHECK(verdict.witness_after.verdict == "free_replacement");

    // An exclusion, an unmet requirement or a purchase abroad keeps the old answer.
    DiffQuery q = verdict.witness;
    q.facts = {{"misuse", true}};
    CHECK_FALSE(verdict.covers(q));
    CHECK(answer_query(*before, q, true).verdict == answer_query(*after, q, true).verdict);
    q.facts.clear();
    q.purchase_region = "CN";
    CHECK_FALSE(verdict.covers(q));
    CHECK(answer_query(*before, q, true).verdict == answer_query(*after, q, true).verdict);
}

TEST_CASE("diff: the HK policy against itself is answered alike") {
    const std::string policy = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";
    const auto run = test::cli({"diff", policy, policy});
    CHECK(run.code == 0);
    CHECK(run.out.find("every query is answered alike: 0 changes of meaning") != std::string::npos);
}

// ---- loading: errors, folders, git ----------------------------------------------------------

TEST_CASE("diff: a version that does not compile is an error, with its diagnostics") {
    const fs::path dir = fs::temp_directory_path() / "warrant_diff_errors";
    fs::create_directories(dir);
    std::ofstream(dir / "broken.policy") << "policy \"x\" region XX\nrule r per nowhere then nothing\n";
    const std::string good = (golden_dir / "periods" / "old.policy").generic_string();
    const auto run = test::cli({"diff", good, (dir / "broken.policy").generic_string()});
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("error[E2007]") != std::string::npos);
    CHECK(run.err.find("does not compile") != std::string::npos);

    const auto missing = test::cli({"diff", good, "no/such/file.policy"});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("no/such/file.policy") != std::string::npos);

    const auto bad_format = test::cli({"diff", "--format", "pdf", good, good});
    CHECK(bad_format.code == 2);
    const auto bad_reference = test::cli({"diff", "--reference", "2025-02-30", good, good});
    CHECK(bad_reference.code == 2);
    CHECK(bad_reference.err.find("2025-02 has 28 days") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("diff: folders are paired by region") {
    const fs::path dir = fs::temp_directory_path() / "warrant_diff_folders";
    fs::remove_all(dir);
    fs::create_directories(dir / "old");
    fs::create_directories(dir / "new");
    const std::string base = test::slurp(golden_dir / "periods" / "old.policy");
    const std::string changed = test::slurp(golden_dir / "periods" / "new.policy");
    std::string other = base;
    other.replace(other.find("region TP"), 9, "region TQ");
    std::ofstream(dir / "old" / "tp.policy") << base;
    std::ofstream(dir / "old" / "tq.policy") << other;
    std::ofstream(dir / "new" / "tp.policy") << changed;
    const auto run = test::cli({"diff", (dir / "old").generic_string(), (dir / "new").generic_string(), "--format", "json"});
    CHECK(run.code == 1);
    CHECK(run.out.find("\"region\":\"TQ\"") != std::string::npos);
    CHECK(run.out.find("policy removed: region TQ") != std::string::npos);
    CHECK(run.out.find("Alpha 1 · device: 24 months → 36 months") != std::string::npos);
    // Witnesses name the region when several policies are loaded.
    CHECK(run.out.find(R"("witness":{"region":"TP","model":"Alpha 1")") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("diff: REV:PATH reads a version from git") {
    // HEAD's own policy is there in any clone.
    const auto same = test::cli({"diff", "HEAD:policies/xiaomi-hk.policy", "HEAD:policies/xiaomi-hk.policy"});
    CHECK(same.code == 0);
    CHECK(same.out.find("warrant diff HEAD:policies/xiaomi-hk.policy → HEAD:policies/xiaomi-hk.policy") == 0);
    const auto missing = test::cli({"diff", "HEAD:no/such.policy", "policies/xiaomi-hk.policy"});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("`git show HEAD:no/such.policy` failed") != std::string::npos);
    const auto folder = test::cli({"diff", "HEAD:policies", "policies/xiaomi-hk.policy"});
    CHECK(folder.code == 2);
    CHECK(folder.err.find("is a folder in git") != std::string::npos);
}

// ---- ranges as predicates ---------------------------------------------------------------------

TEST_CASE("diff: a witness query is one JSON line `warrant query` reads") {
    DiffQuery q;
    q.region = "HK";
    q.model = "Xiaomi \"15T\"";
    q.part = "device";
    q.purchased = *make_date(2025, 1, 31);
    q.claimed = *make_date(2026, 2, 1);
    q.last_repair = *make_date(2026, 1, 15);
    q.purchase_region = "CN";
    q.facts = {{"misuse", true}, {"invoice", false}};
    CHECK(q.to_json() == R"({"region":"HK","model":"Xiaomi \"15T\"","part":"device","purchased":"2025-01-31","claimed":"2026-02-01",)"
                         R"("last_repair":"2026-01-15","purchase_region":"CN","facts":{"misuse":true,"invoice":false}})");
}

TEST_CASE("diff: fact conditions accept the ways a group's facts may be given") {
    FactCondition none_hold{{"misuse", "water"}, 0, "no exclusion holds"};
    none_hold.accepted = 1u << 0 | 1u << 3 | 1u << 4;  // sets {not given}, {false}, {not given, false}
    DiffQuery q;
    CHECK(none_hold.holds(q));
    q.facts = {{"water", false}};
    CHECK(none_hold.holds(q));
    q.facts = {{"water", false}, {"misuse", true}};
    CHECK_FALSE(none_hold.holds(q));
    q.facts = {{"misuse", true}, {"misuse", false}};  // the last setting wins
    CHECK(none_hold.holds(q));
}

// ---- reproductions: claims that changed and were reported nowhere ----------------------------

namespace {

// The ranges of `d` that hold `q`, with the claim's answers under both versions.
std::vector<const ClaimRange*> ranges_holding(const PolicyDiff& d, const DiffQuery& q) {
    std::vector<const ClaimRange*> out;
    for (const ClaimRange& r : d.ranges) {
        if (r.covers(q)) out.push_back(&r);
    }
    return out;
}

const std::string small_head = R"(policy "P" region HK effective 2025-01-01
calendar months clamp last_day covered
clause c "c"
part device "d"
outcome free_repair
outcome paid_repair
series s { model "Phone" }
period device 12 months per c
)";

DiffQuery claim_of(const std::string& model, const char* purchased, const char* claimed) {
    DiffQuery q;
    q.model = model;
    q.part = "device";
    q.purchased = *parse_iso_date(purchased);
    q.claimed = *parse_iso_date(claimed);
    return q;
}

}  // namespace

TEST_CASE("diff: a renamed region code changes claims bought in either code, and they are reported") {
    const std::string rules = "rule abroad per c when purchased outside region then paid_repair\n"
                              "rule repair per c when claimed within warranty then free_repair\n"
                              "rule otherwise per c then paid_repair\n";
    const auto before = compile_text("old.policy", small_head + rules);
    std::string renamed = small_head + rules;
    renamed.replace(renamed.find("region HK"), 9, "region HKG");
    const auto after = compile_text("new.policy", renamed);
    DiffOptions options;
    options.self_check = true;
    const PolicyDiff d = diff_graphs(*before, *after, options);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    // Bought in HK: inside the old region, outside the new one.
    for (const auto& [place, from, to] : {std::tuple{"HK", "free_repair", "paid_repair"}, std::tuple{"hkg", "paid_repair", "free_repair"}}) {
        DiffQuery q = claim_of("Phone", "2025-01-01", "2025-03-01");
        q.purchase_region = place;
        INFO(q.to_json());
        REQUIRE(answer_query(*before, q, true).verdict == from);
        REQUIRE(answer_query(*after, q, true).verdict == to);
        const auto holding = ranges_holding(d, q);
        REQUIRE(holding.size() == 1);
        CHECK(holding[0]->kind == ClaimRange::Kind::Verdict);
        CHECK(holding[0]->before == from);
        CHECK(holding[0]->after == to);
        CHECK(holding[0]->old_region == "HK");
        CHECK(holding[0]->region == "HKG");
        CHECK(answer_query(*before, holding[0]->witness, true).verdict == from);
        CHECK(answer_query(*after, holding[0]->witness, true).verdict == to);
    }
    // Bought elsewhere or not said: answered alike, in no range.
    for (const char* place : {"", "CN"}) {
        DiffQuery q = claim_of("Phone", "2025-01-01", "2025-03-01");
        q.purchase_region = place;
        CHECK(ranges_holding(d, q).empty());
    }
    // A claim that names a region field is rejected by one version: reported as such, once.
    DiffQuery named = claim_of("Phone", "2025-01-01", "2025-03-01");
    named.region = "hk";
    const auto holding = ranges_holding(d, named);
    REQUIRE(holding.size() == 1);
    CHECK(holding[0]->kind == ClaimRange::Kind::Acceptance);
    CHECK(holding[0]->rejects == ClaimRange::Rejects::Region);

    // The same code in another case is no change at all.
    std::string recased = small_head + rules;
    recased.replace(recased.find("region HK"), 9, "region hk");
    const PolicyDiff same = diff_graphs(*before, *compile_text("new.policy", recased), options);
    CHECK(same.ranges.empty());
}

TEST_CASE("diff: days against months after the last repair, on a model with an end-of-service date") {
    const std::string head = small_head + "fact same_fault \"s\" default false per c\n";
    // As in the HK policy: a repair within the warranty first, so the repeat repair decides only
    // after it, and an end of service not long after the warranty's end.
    const std::string ended = "rule ended per c when claimed after end_of_service then paid_repair\n";
    const std::string repair = "rule repair per c when claimed within warranty then free_repair\n";
    const std::string rules = "rule repeat per c when same_fault and claimed within 30 days after last_repair then free_repair\n"
                              "rule otherwise per c then paid_repair\n";
    for (const std::string& end : {std::string{}, std::string{"end_of_service 2027-06-30 per c { \"Phone\" }\n"},
                                   std::string{"end_of_service 2025-04-30 per c { \"Phone\" }\n"},
                                   ended + "end_of_service 2026-02-15 per c { \"Phone\" }\n" + repair}) {
        const std::string old_text = head + end + rules;
        std::string new_text = old_text;
        new_text.replace(new_text.find("30 days after last_repair"), 25, "1 month after last_repair");
        INFO(old_text);
        const auto before = compile_text("old.policy", old_text);
        const auto after = compile_text("new.policy", new_text);
        DiffOptions options;
        options.self_check = true;
        const PolicyDiff d = diff_graphs(*before, *after, options);
        CHECK(d.unverified == 0);
        CHECK(d.inconsistent == 0);
        // 2025-01-31 + 30 days = 2025-03-02; + 1 month = 2025-02-28.
        DiffQuery q = claim_of("Phone", "2023-01-01", "2025-03-02");
        q.last_repair = *parse_iso_date("2025-01-31");
        q.facts = {{"same_fault", true}};
        const DiffAnswer b = answer_query(*before, q, true), a = answer_query(*after, q, true);
        const auto holding = ranges_holding(d, q);
        if (b.verdict == a.verdict) {
            CHECK(holding.empty());
            continue;
        }
        CHECK(b.verdict == "free_repair");
        CHECK(a.verdict == "paid_repair");
        REQUIRE(holding.size() == 1);
        CHECK(holding[0]->before == "free_repair");
        CHECK(holding[0]->after == "paid_repair");
        // And the other way: 2025-02-28 + 30 days = 2025-03-30 < + 1 month = 2025-03-28? No: a
        // repair on 2025-03-01 ends 2025-03-31 by days and 2025-04-01 by months.
        DiffQuery back = claim_of("Phone", "2023-01-01", "2025-04-01");
        back.last_repair = *parse_iso_date("2025-03-01");
        back.facts = {{"same_fault", true}};
        if (answer_query(*before, back, true).verdict != answer_query(*after, back, true).verdict) {
            const auto other = ranges_holding(d, back);
            REQUIRE(other.size() == 1);
            CHECK(other[0]->before == "paid_repair");
            CHECK(other[0]->after == "free_repair");
        }
    }
}

TEST_CASE("diff: witnesses are claims both versions accept; claims naming a one-sided fact are one range") {
    const std::string rules = "rule barred per c when any exclusion then paid_repair\n"
                              "rule repair per c when claimed within warranty then free_repair\n"
                              "rule otherwise per c then paid_repair\n";
    const std::string old_text = small_head + "exclusion misuse \"m\" per c\n" + rules;
    // One exclusion added (defaulting to true, so that claims that do not name it change too),
    // and one plain fact added that a rule reads.
    const std::string new_text = small_head + "exclusion misuse \"m\" per c\nexclusion water \"w\" default true per c\n" +
                                 "fact gift \"g\" default false per c\n" + "rule gifted per c when gift then free_repair\n" + rules;
    const auto before = compile_text("old.policy", old_text);
    const auto after = compile_text("new.policy", new_text);
    DiffOptions options;
    options.self_check = true;
    const PolicyDiff d = diff_graphs(*before, *after, options);
    CHECK(d.unverified == 0);
    CHECK(d.inconsistent == 0);
    int fact_ranges = 0, verdict_ranges = 0;
    for (const ClaimRange& r : d.ranges) {
        INFO(r.claims << ": " << r.before << " → " << r.after << "\n" << r.witness.to_json());
        if (r.kind == ClaimRange::Kind::Acceptance) {
            fact_ranges += r.rejects == ClaimRange::Rejects::Fact;
            continue;
        }
        ++verdict_ranges;
        // Both versions accept the witness and answer it as the range says.
        const DiffAnswer b = answer_query(*before, r.witness, true), a = answer_query(*after, r.witness, true);
        CHECK(b.error.empty());
        CHECK(a.error.empty());
        if (r.kind == ClaimRange::Kind::Verdict) {
            CHECK(b.verdict == r.before);
            CHECK(a.verdict == r.after);
        }
    }
    CHECK(fact_ranges == 2);  // `water` and `gift`, once each
    CHECK(verdict_ranges >= 1);
    // A claim naming a fact only the new version declares: in the fact's range and no other.
    for (const char* fact : {"water", "gift"}) {
        for (const bool value : {true, false}) {
            DiffQuery q = claim_of("Phone", "2025-01-01", "2025-03-01");
            q.facts = {{fact, value}};
            const auto holding = ranges_holding(d, q);
            REQUIRE(holding.size() == 1);
            CHECK(holding[0]->rejects == ClaimRange::Rejects::Fact);
            CHECK(holding[0]->named == fact);
        }
    }
    // Not naming them: `water` holds by default in the new version, so the repair is now paid.
    const DiffQuery plain = claim_of("Phone", "2025-01-01", "2025-03-01");
    const auto holding = ranges_holding(d, plain);
    REQUIRE(holding.size() == 1);
    CHECK(holding[0]->before == "free_repair");
    CHECK(holding[0]->after == "paid_repair");
}

// ---- property: random pairs of mutated policies -------------------------------------------------

namespace {

struct GenModel {
    std::string name;
    std::vector<std::string> aliases;
};

struct GenSeries {
    std::string name;
    std::vector<GenModel> models;
};

struct GenFact {
    std::string kind;  // fact, exclusion, requirement
    std::string name;
    bool default_value = false;
};

struct GenPeriod {
    std::string part;
    std::string length;                // "12 months"
    std::string when;                  // "" or a fact condition
    std::vector<std::string> targets;  // quoted models or `series x`
    std::string service = "walk_in";
};

struct GenRule {
    std::string name;
    std::string when;  // "" for the last
    std::string outcome;
};

struct GenEnd {
    std::string date;
    std::vector<std::string> models;
};

struct GenPolicy {
    std::string region = "TP";
    std::string effective = "2025-06-01";
    bool overflow = false;
    bool last_day_excluded = false;
    std::string clause_prefix = "c";
    std::vector<GenSeries> series;
    std::vector<GenFact> facts;
    std::vector<GenPeriod> periods;
    std::vector<std::string> international;
    std::vector<GenEnd> ends;
    std::vector<GenRule> rules;

    std::vector<std::string> model_names() const {
        std::vector<std::string> out;
        for (const auto& s : series) {
            for (const auto& m : s.models) out.push_back(m.name);
        }
        return out;
    }

    std::string render() const {
        const std::string c = clause_prefix;
        std::string out = fmt::format("policy \"Generated\" region {} \"Test\" effective {}\n", region, effective);
        out += fmt::format("calendar months {} last_day {}\n", overflow ? "overflow" : "clamp", last_day_excluded ? "excluded" : "covered");
        for (int i = 1; i <= 4; ++i) out += fmt::format("clause {}.{} \"clause {}\"\n", c, i, i);
        out += "part device \"main unit\"\npart battery \"battery\"\nservice walk_in \"walk in\"\nservice mail_in \"mail in\"\n";
        out += "outcome ended \"ended\"\noutcome paid \"paid\"\noutcome free \"free\"\noutcome replace \"replace\"\n";
        for (const auto& f : facts) {
            out += fmt::format("{} {} \"meaning\" default {} per {}.1\n", f.kind, f.name, f.default_value ? "true" : "false", c);
        }
        for (const auto& s : series) {
            out += fmt::format("series {} \"{}\" {{\n", s.name, s.name);
            for (const auto& m : s.models) {
                out += fmt::format("    model \"{}\"", m.name);
                for (std::size_t i = 0; i < m.aliases.size(); ++i) out += fmt::format("{}\"{}\"", i ? ", " : " alias ", m.aliases[i]);
                out += "\n";
            }
            out += "}\n";
        }
        for (const auto& p : periods) {
            out += fmt::format("period {} {}", p.part, p.length);
            for (std::size_t i = 0; i < p.targets.size(); ++i) out += fmt::format("{}{}", i ? ", " : " for ", p.targets[i]);
            if (!p.when.empty()) out += " when " + p.when;
            out += fmt::format(" via {} per {}.2\n", p.service, c);
        }
        out += fmt::format("list intl \"international\" per {}.3 {{", c);
        for (std::size_t i = 0; i < international.size(); ++i) out += fmt::format("{}\"{}\"", i ? ", " : " ", international[i]);
        out += " }\n";
        for (const auto& e : ends) {
            out += fmt::format("end_of_service {} per {}.4 {{", e.date, c);
            for (std::size_t i = 0; i < e.models.size(); ++i) out += fmt::format("{}\"{}\"", i ? ", " : " ", e.models[i]);
            out += " }\n";
        }
        for (const auto& r : rules) {
            out += fmt::format("rule {} per {}.1{} then {}\n", r.name, c, r.when.empty() ? "" : " when " + r.when, r.outcome);
        }
        return out;
    }
};

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    template <typename T>
    const T& one(const std::vector<T>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }
    template <typename T>
    T& any(std::vector<T>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }

    std::string length() {
        static const std::vector<std::string> lengths = {"14 days", "30 days", "31 days", "365 days", "366 days", "1 month",
                                                         "6 months", "12 months", "13 months", "18 months", "24 months"};
        return one(lengths);
    }
    std::string outcome() { return one(std::vector<std::string>{"ended", "paid", "free", "replace"}); }
    std::string part() { return chance(0.5) ? "device" : "battery"; }
    std::string date() {
        const Date d = add_days(*make_date(2023, 1, 1), pick(5 * 365));
        return to_iso(d);
    }

    std::string fact_name(const GenPolicy& p, const char* kind = nullptr) {
        std::vector<std::string> names;
        for (const auto& f : p.facts) {
            if (!kind || f.kind == kind) names.push_back(f.name);
        }
        return names.empty() ? "" : one(names);
    }

    std::string condition(const GenPolicy& p) {
        const std::string fact = fact_name(p);
        switch (pick(11)) {
            case 0: return "claimed after end_of_service";
            case 1: return "any exclusion";
            case 2: return "any requirement unmet";
            case 3: return "purchased outside region and not model in intl";
            case 4: return fmt::format("part is {} and claimed within {} after purchase", part(), length());
            case 5: return fmt::format("part is {} and claimed within warranty", part());
            case 6: return fmt::format("part is not {} and claimed within warranty", part());
            case 7:
                if (fact.empty()) return "claimed within warranty";
                return fmt::format("{} and claimed within {} after last_repair", fact, chance(0.7) ? "30 days" : "1 month");
            case 8:
                return fact.empty() ? fmt::format("model in series {}", one(p.series).name)
                                    : fmt::format("model in series {} and not {}", one(p.series).name, fact);
            case 9: return fact.empty() ? "not (claimed within warranty)" : fmt::format("not (claimed within warranty) and {}", fact);
            default: return fact.empty() ? "claimed within 14 days after purchase" : fmt::format("claimed within warranty or {}", fact);
        }
    }

    GenRule rule(const GenPolicy& p) { return {fmt::format("r{}", next_rule_++), condition(p), outcome()}; }

    GenPolicy policy() {
        GenPolicy p;
        p.overflow = chance(0.2);
        p.last_day_excluded = chance(0.2);
        const std::vector<GenFact> pool = {{"fact", "f1", false}, {"fact", "f2", true}, {"exclusion", "x1", false},
                                           {"exclusion", "x2", false}, {"requirement", "q1", true}};
        for (const auto& f : pool) {
            if (chance(0.6)) p.facts.push_back(f);
        }
        const int series_count = 1 + pick(2);
        int model = 0;
        for (int s = 0; s < series_count; ++s) {
            GenSeries gs{fmt::format("s{}", s), {}};
            const int models = 1 + pick(3);
            for (int m = 0; m < models; ++m) {
                GenModel gm{fmt::format("M{}", ++model), {}};
                if (chance(0.3)) gm.aliases.push_back(fmt::format("Alias {}", model));
                gs.models.push_back(gm);
            }
            p.series.push_back(gs);
        }
        for (const std::string part : {"device", "battery"}) {
            if (chance(0.9)) p.periods.push_back({part, length(), "", {}, "walk_in"});
            const std::string fact = fact_name(p, "fact");
            if (!fact.empty() && chance(0.3)) p.periods.push_back({part, length(), fact, {}, chance(0.5) ? "walk_in" : "mail_in"});
        }
        for (const auto& name : p.model_names()) {
            for (const std::string part : {"device", "battery"}) {
                if (chance(0.25)) p.periods.push_back({part, length(), "", {fmt::format("\"{}\"", name)}, "walk_in"});
            }
            if (chance(0.3)) p.international.push_back(name);
        }
        if (chance(0.3)) p.periods.push_back({"device", length(), "", {"series " + one(p.series).name}, "walk_in"});
        const int ends = pick(3);
        for (int e = 0; e < ends; ++e) p.ends.push_back({date(), {one(p.model_names())}});
        const int rules = 3 + pick(5);
        for (int r = 0; r < rules; ++r) p.rules.push_back(rule(p));
        p.rules.push_back({"otherwise", "", outcome()});
        return p;
    }

    // One random change; some change answers, some only the form.
    void mutate(GenPolicy& p) {
        switch (pick(16)) {
            case 0:
            case 1:
                if (!p.periods.empty()) any(p.periods).length = length();
                break;
            case 2: {
                const std::string name = one(p.model_names());
                const std::string part_name = part();
                const std::string target = fmt::format("\"{}\"", name);
                const auto it = std::find_if(p.periods.begin(), p.periods.end(),
                                             [&](const GenPeriod& x) { return x.part == part_name && x.targets == std::vector<std::string>{target}; });
                if (it == p.periods.end()) p.periods.push_back({part_name, length(), "", {target}, "walk_in"});
                else p.periods.erase(it);
                break;
            }
            case 3:
                if (!p.periods.empty()) {
                    auto& period = any(p.periods);
                    period.service = period.service == "walk_in" ? "mail_in" : "walk_in";
                }
                break;
            case 4:
                if (!p.ends.empty() && chance(0.5)) any(p.ends).date = date();
                else p.ends.push_back({date(), {one(p.model_names())}});
                break;
            case 5: {
                const std::string name = one(p.model_names());
                const auto it = std::find(p.international.begin(), p.international.end(), name);
                if (it == p.international.end()) p.international.push_back(name);
                else p.international.erase(it);
                break;
            }
            case 6:
                if (p.rules.size() > 1) any(p.rules).outcome = outcome();
                break;
            case 7:
                if (p.rules.size() > 1) {
                    auto& r = p.rules[static_cast<std::size_t>(pick(static_cast<int>(p.rules.size()) - 1))];
                    r.when = condition(p);
                }
                break;
            case 8:
                if (p.rules.size() > 2) {
                    const auto i = static_cast<std::size_t>(pick(static_cast<int>(p.rules.size()) - 2));
                    std::swap(p.rules[i], p.rules[i + 1]);
                }
                break;
            case 9:
                p.rules.insert(p.rules.begin() + pick(static_cast<int>(p.rules.size())), rule(p));
                break;
            case 10:
                if (!p.facts.empty()) {
                    auto& f = any(p.facts);
                    if (chance(0.5)) f.default_value = !f.default_value;
                    else f.kind = f.kind == "fact" ? "exclusion" : f.kind == "exclusion" ? "requirement" : "fact";
                }
                break;
            case 11:
                if (chance(0.5)) p.overflow = !p.overflow;
                else p.last_day_excluded = !p.last_day_excluded;
                break;
            case 12: {  // a model renamed, keeping its old name as an alias; or an alias added
                auto& s = p.series[static_cast<std::size_t>(pick(static_cast<int>(p.series.size())))];
                auto& m = s.models[static_cast<std::size_t>(pick(static_cast<int>(s.models.size())))];
                if (chance(0.5)) m.aliases.push_back(m.name + " Alt");
                else rename_model(p, m.name, m.name + "R", true);
                break;
            }
            case 13: {  // a model added, or one removed with every reference to it
                auto& s = p.series[static_cast<std::size_t>(pick(static_cast<int>(p.series.size())))];
                if (chance(0.5) || p.model_names().size() < 2) {
                    s.models.push_back({fmt::format("N{}", next_rule_++), {}});
                } else if (s.models.size() > 1) {
                    const std::string name = s.models.back().name;
                    s.models.pop_back();
                    remove_model(p, name);
                }
                break;
            }
            case 14: p.clause_prefix = p.clause_prefix == "c" ? "k" : "c"; break;  // clause ids renamed: no change
            default:  // a fact nothing reads, added or removed
                if (std::none_of(p.facts.begin(), p.facts.end(), [](const GenFact& f) { return f.name == "spare"; })) {
                    p.facts.push_back({chance(0.5) ? "fact" : "exclusion", "spare", false});
                } else {
                    std::erase_if(p.facts, [](const GenFact& f) { return f.name == "spare"; });
                }
        }
    }

private:
    static void replace_ref(std::vector<std::string>& refs, const std::string& from, const std::string& to) {
        for (auto& r : refs) {
            if (r == from) r = to;
        }
    }
    void rename_model(GenPolicy& p, const std::string& from, const std::string& to, bool keep_alias) {
        for (auto& s : p.series) {
            for (auto& m : s.models) {
                if (m.name != from) continue;
                m.name = to;
                if (keep_alias) m.aliases.push_back(from);
            }
        }
    }
    void remove_model(GenPolicy& p, const std::string& name) {
        const std::string quoted = fmt::format("\"{}\"", name);
        std::vector<GenPeriod> kept;
        for (GenPeriod& period : p.periods) {
            const bool targeted = !period.targets.empty();
            std::erase(period.targets, quoted);
            if (!targeted || !period.targets.empty()) kept.push_back(period);  // a period left with no model goes
        }
        p.periods = kept;
        std::erase(p.international, name);
        for (auto& e : p.ends) std::erase(e.models, name);
        std::erase_if(p.ends, [](const GenEnd& e) { return e.models.empty(); });
    }

    std::mt19937 rng_;
    int next_rule_ = 1;
};

// A random claim over both versions' vocabulary, often on or next to a boundary.
DiffQuery random_query(Generator& gen, const RuleGraph& a, const RuleGraph& b) {
    std::vector<std::string> spellings;
    for (const RuleGraph* g : {&a, &b}) {
        for (const Model& m : g->models) {
            spellings.push_back(m.name);
            for (const auto& alias : m.aliases) spellings.push_back(alias);
        }
    }
    DiffQuery q;
    q.model = gen.one(spellings);
    q.part = gen.chance(0.5) ? "device" : "battery";
    std::vector<Date> ends;
    for (const RuleGraph* g : {&a, &b}) {
        for (const auto& n : g->notices) ends.push_back(n.date);
    }
    const Date start = *make_date(2022, 1, 1);
    if (!ends.empty() && gen.chance(0.3)) {
        q.purchased = add_days(gen.one(ends), -gen.pick(800));
    } else if (gen.chance(0.2)) {
        q.purchased = *make_date(2022 + gen.pick(6), 1 + gen.pick(12), 28);
        q.purchased = add_days(q.purchased, gen.pick(4));  // the 28th to the 31st (or into the next month)
    } else {
        q.purchased = add_days(start, gen.pick(6 * 365));
    }
    const int how = gen.pick(3);
    if (how == 0) {
        q.claimed = add_days(q.purchased, gen.pick(1200));
    } else if (how == 1 && !ends.empty()) {
        q.claimed = std::max(q.purchased, add_days(gen.one(ends), gen.pick(3) - 1));
    } else {
        const std::vector<Length> lengths = {{14, LengthUnit::Days},   {30, LengthUnit::Days},  {31, LengthUnit::Days},
                                             {365, LengthUnit::Days},  {366, LengthUnit::Days}, {1, LengthUnit::Months},
                                             {6, LengthUnit::Months},  {12, LengthUnit::Months}, {13, LengthUnit::Months},
                                             {18, LengthUnit::Months}, {24, LengthUnit::Months}};
        const RuleGraph& g = gen.chance(0.5) ? a : b;
        q.claimed = std::max(q.purchased, add_days(last_covered_day(g, q.purchased, gen.one(lengths)).value(), gen.pick(3) - 1));
    }
    if (gen.chance(0.5)) {
        const int span = q.claimed.days - q.purchased.days;
        q.last_repair = gen.chance(0.5) ? add_days(q.purchased, gen.pick(span + 1))
                                        : std::max(q.purchased, add_days(q.claimed, -(28 + gen.pick(5))));
    }
    if (gen.chance(0.3)) q.purchase_region = "CN";
    std::set<std::string> facts;
    for (const RuleGraph* g : {&a, &b}) {
        for (const Fact& f : g->facts) facts.insert(f.name);
    }
    for (const auto& f : facts) {
        if (gen.chance(0.35)) q.facts.emplace_back(f, gen.chance(0.5));
    }
    return q;
}

}  // namespace

TEST_CASE("diff: property: witnesses decide differently and differing queries are covered") {
    // WARRANT_DIFF_SEED and WARRANT_DIFF_ROUNDS explore further than the default run.
    const char* seed = std::getenv("WARRANT_DIFF_SEED");
    const char* rounds = std::getenv("WARRANT_DIFF_ROUNDS");
    Generator gen(seed ? static_cast<unsigned>(std::stoul(seed)) : 20251201u);
    const int round_count = rounds ? std::stoi(rounds) : 70;
    int compared = 0, differing_pairs = 0, differing_queries = 0, alike_queries = 0;
    for (int round = 0; round < round_count; ++round) {
        GenPolicy old_policy = gen.policy();
        GenPolicy new_policy = old_policy;
        const int mutations = 1 + gen.pick(3);
        for (int m = 0; m < mutations; ++m) gen.mutate(new_policy);
        const std::string old_text = old_policy.render(), new_text = new_policy.render();
        CompileResult old_compiled = compile(std::make_shared<const SourceFile>("old.policy", old_text));
        CompileResult new_compiled = compile(std::make_shared<const SourceFile>("new.policy", new_text));
        if (!old_compiled.ok() || !new_compiled.ok()) continue;  // a mutation may make a policy invalid
        ++compared;
        const RuleGraph& a = *old_compiled.graph;
        const RuleGraph& b = *new_compiled.graph;
        INFO("round " << round << "\n--- old ---\n" << old_text << "--- new ---\n" << new_text);
        DiffOptions options;
        options.self_check = true;
        const PolicyDiff d = diff_graphs(a, b, options);
        REQUIRE(d.unverified == 0);
        REQUIRE(d.inconsistent == 0);
        if (d.answers_differ()) ++differing_pairs;

        // Every witness really decides differently, and lies in its own range.
        for (const ClaimRange& r : d.ranges) {
            INFO("range " << r.claims << ": " << r.before << " → " << r.after << "\nwitness " << r.witness.to_json());
            const DiffAnswer before = answer_query(a, r.witness, false), after = answer_query(b, r.witness, false);
            if (r.kind != ClaimRange::Kind::Acceptance) {
                CHECK(lenient_differs(r, before, after));
                // Both versions accept the witness of a verdict or warranty range.
                CHECK(answer_query(a, r.witness, true).error.empty());
                CHECK(answer_query(b, r.witness, true).error.empty());
            }
            CHECK(!answer_query(a, r.witness, true).same_answer(answer_query(b, r.witness, true)));
            CHECK(r.covers(r.witness));
        }

        // Random queries: each that decides differently is covered by a range that says how;
        // each a verdict or warranty range covers decides as the range says.
        for (int i = 0; i < 300; ++i) {
            const DiffQuery q = random_query(gen, a, b);
            // As `warrant query` answers: a claim naming a fact one version lacks is rejected there.
            const DiffAnswer before = answer_query(a, q, true), after = answer_query(b, q, true);
            const DiffAnswer& strict_before = before;
            const DiffAnswer& strict_after = after;
            INFO("query " << q.to_json() << "\nold: " << strict_before.describe() << "\nnew: " << strict_after.describe());
            bool verdict_covered = false, until_covered = false, accepted_covered = false;
            for (const ClaimRange& r : d.ranges) {
                if (!r.covers(q)) continue;
                INFO("covered by: " << r.claims << ": " << r.before << " → " << r.after);
                switch (r.kind) {
                    case ClaimRange::Kind::Verdict:
                        verdict_covered = true;
                        CHECK(before.verdict == r.before);
                        CHECK(after.verdict == r.after);
                        break;
                    case ClaimRange::Kind::Until:
                        until_covered = true;
                        CHECK(lenient_differs(r, before, after));
                        break;
                    case ClaimRange::Kind::Acceptance: accepted_covered = true; break;
                    case ClaimRange::Kind::Reason: FAIL("reason ranges are apart"); break;
                }
            }
            if (!before.error.empty() || !after.error.empty()) {
                if (before.error != after.error) CHECK(accepted_covered);
                continue;
            }
            if (before.verdict != after.verdict) CHECK(verdict_covered);
            if (before.warranty_until != after.warranty_until || before.services != after.services) CHECK(until_covered);
            if (!strict_before.same_answer(strict_after)) ++differing_queries;
            else ++alike_queries;
        }
    }
    // The generator must exercise the diff: most pairs compile, many differ, queries of both kinds.
    if (std::getenv("WARRANT_DIFF_STATS")) {
        WARN("compared " << compared << " pairs, " << differing_pairs << " differing; " << differing_queries
                         << " queries answered differently, " << alike_queries << " alike");
    }
    CHECK(compared >= round_count * 5 / 7);
    CHECK(differing_pairs >= round_count * 5 / 14);
    CHECK(differing_queries >= round_count * 15);
    CHECK(alike_queries >= round_count * 15);
}

TEST_CASE("diff: a fact the new version adds is witnessed without a count only the old version requires") {
    // The old version requires `visits` (a count without a default); the new one drops it and
    // adds `urgent`. Giving `visits` in the witness of `urgent` made both versions refuse it for
    // an unknown fact, and the range went unverified.
    const std::string head = "policy \"P\" region XX effective 2024-01-01\nclause c \"t\"\npart device\noutcome free\n"
                             "series s { model \"A\" }\nperiod device 30 days per c\nrule r per c then free\n";
    const auto before = compile_text("old.policy", head + "fact visits \"v\" count per c\n");
    const auto after = compile_text("new.policy", head + "fact urgent \"u\" per c\n");
    const PolicyDiff d = self_checked_diff(before, after);
    CHECK(d.unverified == 0);
    const auto added = std::find_if(d.ranges.begin(), d.ranges.end(), [](const ClaimRange& r) {
        return r.kind == ClaimRange::Kind::Acceptance && r.claims.find("`urgent`") != std::string::npos;
    });
    REQUIRE(added != d.ranges.end());
    INFO(added->claims << "\nwitness " << added->witness.to_json());
    CHECK_FALSE(answer_query(*before, added->witness, true).same_answer(answer_query(*after, added->witness, true)));
}
