// A warranty extended by a count the claim gives (`extended by repair_days`): its end at month
// ends and leap days under every calendar convention, which statement's extension a period
// takes, the clauses an answer cites, --explain, images, fmt, `warrant test`, the diff (which
// names such claims as not compared) and the dead-rule analysis (which must not guess).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "claims/rule_reach.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"
#include "warrant/query.hpp"

namespace {

using namespace warrant;
using warrant::test::cli;

// The policy's header with `calendar` set as given; then `body`.
std::string policy(const std::string& calendar, const std::string& body) {
    return fmt::format(R"(policy "Extended" region XX effective 2024-01-01
calendar {}
clause c1 "The warranty lasts twelve months."
clause c2 "Days in repair are not counted."
clause c3 "A replacement battery is warranted for 90 days."
clause c4 "An exchanged unit's warranty runs from the exchange."
part device
part battery
outcome repair
outcome refused
fact repair_days "days in repair" count default 0 per c2
fact battery_days "days the battery was in repair" count per c3
fact exchanged_on "the day of the exchange" date per c4
series s {{ model "P1" model "P2" }}
{}
rule in_warranty per c1 when claimed within warranty then repair
rule otherwise per c1 then refused
)",
                       calendar, body);
}

std::shared_ptr<const RuleGraph> compiled(const std::string& text) {
    auto result = compile(std::make_shared<SourceFile>("extended.policy", text));
    for (const auto& d : result.diagnostics) INFO(d.message);
    REQUIRE(result.ok());
    return result.graph;
}

// The answer line for a claim on model P1.
std::string answer(const std::shared_ptr<const RuleGraph>& graph, const std::string& part, const std::string& purchased,
                   const std::string& claimed, const std::string& facts) {
    PolicySet set;
    set.add(graph);
    bool failed = false;
    return answer_line(set,
                       fmt::format(R"({{"model":"P1","part":"{}","purchased":"{}","claimed":"{}","facts":{{{}}}}})", part, purchased,
                                   claimed, facts),
                       false, failed);
}

std::string field(const std::string& line, const std::string& name) {
    const auto at = line.find("\"" + name + "\":");
    if (at == std::string::npos) return "";
    const auto start = at + name.size() + 3;
    if (line[start] == '[') return line.substr(start, line.find(']', start) + 1 - start);
    if (line[start] != '"') return line.substr(start, line.find_first_of(",}", start) - start);
    return line.substr(start + 1, line.find('"', start + 1) - start - 1);
}

const std::string global = "warranty extended by repair_days per c2\nperiod device 12 months per c1\nperiod battery 6 months per c1\n";

struct TempDir {
    std::filesystem::path dir;
    explicit TempDir(const std::string& name) : dir(std::filesystem::temp_directory_path() / name) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    std::string write(const std::string& file, const std::string& text) const {
        std::ofstream(dir / file) << text;
        return (dir / file).string();
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

}  // namespace

TEST_CASE("extension: the end moves by the count's days, at month ends and leap days, under every convention", "[extension]") {
    struct Case {
        const char* calendar;
        const char* purchased;
        int days;
        const char* until;
    };
    // 2024-02-29 + 12 months: 2025-02-28 (clamp) or 2025-03-01 (overflow); the last day
    // excluded ends a day earlier; then the days in repair.
    const Case cases[] = {
        {"months clamp last_day covered", "2024-02-29", 0, "2025-02-28"},
        {"months clamp last_day covered", "2024-02-29", 1, "2025-03-01"},
        {"months clamp last_day covered", "2024-02-29", 3, "2025-03-03"},
        {"months overflow last_day covered", "2024-02-29", 3, "2025-03-04"},
        {"months clamp last_day excluded", "2024-02-29", 3, "2025-03-02"},
        {"months overflow last_day excluded", "2024-02-29", 1, "2025-03-01"},
        {"months clamp last_day covered", "2024-01-31", 29, "2025-03-01"},  // across a February of 28 days
        {"months clamp last_day covered", "2023-03-31", 1, "2024-04-01"},
        {"months clamp last_day covered", "2023-02-28", 366, "2025-02-28"},  // a leap year's worth of days
    };
    for (const Case& c : cases) {
        INFO(c.calendar << ", bought " << c.purchased << ", " << c.days << " days");
        const auto graph = compiled(policy(c.calendar, global));
        const std::string facts = fmt::format(R"("repair_days":{},"battery_days":0)", c.days);
        const std::string on_last_day = answer(graph, "device", c.purchased, c.until, facts);
        CHECK(field(on_last_day, "warranty_until") == c.until);
        CHECK(field(on_last_day, "verdict") == "repair");
        // The day after the extended end is out of warranty.
        const Date after = add_days(*parse_iso_date(c.until), 1);
        CHECK(field(answer(graph, "device", c.purchased, to_iso(after), facts), "verdict") == "refused");
    }
}

TEST_CASE("extension: a period's own `extended by` wins over the policy's; `from` and `extended by` combine", "[extension]") {
    const auto graph = compiled(policy("months clamp last_day covered",
                                       "warranty extended by repair_days per c2\n"
                                       "period device 12 months from exchanged_on per c1\n"
                                       "period battery 90 days extended by battery_days days per c3\n"));
    // The device: from the exchange, then the days in repair.
    const std::string device = answer(graph, "device", "2024-01-10", "2025-03-20", R"("repair_days":5,"battery_days":0,"exchanged_on":"2024-03-10")");
    CHECK(field(device, "warranty_until") == "2025-03-15");
    CHECK(field(device, "verdict") == "refused");
    // The battery: its own count, not the policy's.
    const std::string battery = answer(graph, "battery", "2024-01-10", "2024-04-20", R"("repair_days":50,"battery_days":2)");
    CHECK(field(battery, "warranty_until") == "2024-04-11");
    CHECK(field(battery, "verdict") == "refused");
    // A count without a default must be given, as anywhere else.
    CHECK(field(answer(graph, "battery", "2024-01-10", "2024-04-20", R"("repair_days":1)"), "code") == "missing_fact");
    // A very large count is answered, and the warranty still ends on a date written YYYY-MM-DD.
    const std::string far = answer(graph, "device", "2024-01-10", "2024-04-20", R"("repair_days":1000000000,"battery_days":0)");
    CHECK(field(far, "verdict") == "repair");
    CHECK(field(far, "warranty_until") == "9999-12-31");
    CHECK(field(answer(graph, "device", "8999-01-10", "8999-04-20", R"("repair_days":2600000,"battery_days":0)"), "warranty_until") ==
          "9999-12-31");
}

TEST_CASE("extension: the clause that extends is cited only when days were added and the rule read the warranty", "[extension]") {
    SECTION("the policy's statement: its clause") {
        const auto graph = compiled(policy("months clamp last_day covered", global));
        CHECK(field(answer(graph, "device", "2024-01-10", "2025-01-12", R"("repair_days":2,"battery_days":0)"), "clauses") ==
              R"(["c1","c2"])");
        CHECK(field(answer(graph, "device", "2024-01-10", "2025-01-10", R"("repair_days":0,"battery_days":0)"), "clauses") == R"(["c1"])");
        // Refused: the rule that decides reads no warranty.
        CHECK(field(answer(graph, "device", "2024-01-10", "2025-01-13", R"("repair_days":2,"battery_days":0)"), "clauses") == R"(["c1"])");
    }
    SECTION("a period's own: the period's clause for its length, the count's for the days") {
        const auto graph = compiled(policy("months clamp last_day covered", "period device 12 months extended by repair_days per c1\n"
                                                                             "period battery 6 months per c1\n"));
        CHECK(field(answer(graph, "device", "2024-01-10", "2025-01-12", R"("repair_days":2,"battery_days":0)"), "clauses") ==
              R"(["c1","c2"])");
        CHECK(field(answer(graph, "device", "2024-01-10", "2025-01-10", R"("repair_days":0,"battery_days":0)"), "clauses") == R"(["c1"])");
    }
}

TEST_CASE("extension: a threshold (only repairs of 7 days or more) is a conditional period; periods differ by their extension",
          "[extension]") {
    const std::string body = "period device 24 months extended by repair_days when repair_days >= 7 per c2\n"
                             "period device 24 months per c1\nperiod battery 6 months per c1\n";
    const auto graph = compiled(policy("months clamp last_day covered", body));
    CHECK(field(answer(graph, "device", "2024-01-10", "2026-01-10", R"("repair_days":6,"battery_days":0)"), "warranty_until") == "2026-01-10");
    CHECK(field(answer(graph, "device", "2024-01-10", "2026-01-10", R"("repair_days":7,"battery_days":0)"), "warranty_until") == "2026-01-17");
    // --explain finds the days that would cover a claim out of the plain period, from the
    // extended one: 9 days after its end needs 9 days in repair.
    TempDir dir("warrant-extension-threshold");
    const std::string path = dir.write("p.policy", policy("months clamp last_day covered", body));
    const auto run = cli({"query", path, "--model", "P1", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2026-01-19",
                          "--fact", "repair_days=0", "--fact", "battery_days=0", "--explain"});
    CHECK(run.out.find("with 9 more repair_days (repair_days = 9) this would be repair") != std::string::npos);
    // Extended to the last date an answer can carry, the warranty offers no claim after it:
    // claims are dated up to 8999-12-31.
    const auto far = cli({"query", path, "--model", "P1", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2026-01-19",
                          "--fact", "repair_days=1000000000", "--fact", "battery_days=0", "--explain"});
    CHECK(far.code == 0);
    CHECK(far.out.find("until 9999-12-31") != std::string::npos);
    CHECK(far.out.find("claimed after 9999-12-31") == std::string::npos);
    // Two unconditional periods that differ only in their extension conflict; they are not repeats.
    const auto result = compile(std::make_shared<SourceFile>(
        "twice.policy", policy("months clamp last_day covered", "period device 24 months extended by repair_days per c2\n"
                                                                "period device 24 months per c1\nperiod battery 6 months per c1\n")));
    bool conflict = false;
    for (const auto& d : result.diagnostics) {
        conflict = conflict || (d.code == Code::ConflictingPeriod &&
                                d.message == "every model is given 24 months for `device` here, but 24 months extended by repair_days earlier");
    }
    CHECK(conflict);
}

TEST_CASE("extension: --explain says by how many days, and how many more would cover the claim", "[extension]") {
    TempDir dir("warrant-extension-explain");
    const std::string path = dir.write("p.policy", policy("months clamp last_day covered", global));
    const auto run = [&](const std::string& days) {
        return cli({"query", path, "--model", "P1", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2025-01-13",
                    "--fact", "repair_days=" + days, "--fact", "battery_days=0", "--explain"});
    };
    const auto short_of = run("1");
    REQUIRE(short_of.code == 0);
    CHECK(short_of.out.find("Warranty for the device: 12 months, extended by 1 day (repair_days), until 2025-01-11 [c1] [c2]") !=
          std::string::npos);
    CHECK(short_of.out.find("with 2 more repair_days (repair_days = 3) this would be repair") != std::string::npos);
    const auto none = run("0");
    CHECK(none.out.find("12 months, not extended (repair_days is 0), until 2025-01-10") != std::string::npos);
    const auto enough = run("3");
    CHECK(enough.out.find("with 1 fewer repair_days") == std::string::npos);
    CHECK(enough.out.find("with one fewer repair_days (repair_days = 2) this would be refused") != std::string::npos);
}

TEST_CASE("extension: an image answers as the policy; fmt keeps the statements; examples state the count", "[extension]") {
    TempDir dir("warrant-extension-tools");
    const std::string text = policy("months clamp last_day covered",
                                    "warranty extended by repair_days days per c2\n"
                                    "period device 12 months extended by repair_days per c1\n"
                                    "period battery 6 months per c1\n"
                                    "example extended_last_day \"the last day of the extension\"\n"
                                    "    claim model \"P1\" part battery purchased 2024-01-10 claimed 2024-07-13\n"
                                    "    facts repair_days = 3, battery_days = 0\n"
                                    "    expect repair until 2024-07-13 by c1, c2\n");
    const std::string path = dir.write("p.policy", text);
    const auto tested = cli({"test", path});
    INFO(tested.out << tested.err);
    CHECK(tested.code == 0);
    // Coverage counts each extended period as reached once an example adds days to it: the
    // battery's (extended by the policy's statement) is, the device's is not.
    const auto covered = cli({"test", "--coverage", path});
    INFO(covered.out);
    CHECK(covered.out.find("extended periods            1/2") != std::string::npos);
    CHECK(covered.out.find("device 12 months extended by repair_days") != std::string::npos);

    const std::string image = (dir.dir / "p.wimg").string();
    REQUIRE(cli({"build", path, "-o", image}).code == 0);
    for (const std::string days : {"0", "3", "4"}) {
        std::vector<std::string> args = {"--model", "P1", "--part", "battery", "--purchased", "2024-01-10", "--claimed", "2024-07-13",
                                         "--fact", "repair_days=" + days, "--fact", "battery_days=0"};
        std::vector<std::string> from_source = {"query", path}, from_image = {"query", "--image", image};
        from_source.insert(from_source.end(), args.begin(), args.end());
        from_image.insert(from_image.end(), args.begin(), args.end());
        const auto a = cli(from_source), b = cli(from_image);
        CHECK(a.code == 0);
        CHECK(a.out == b.out);
    }

    REQUIRE(cli({"fmt", path}).code == 0);
    const std::string formatted = test::slurp(path);
    CHECK(formatted.find("warranty extended by repair_days days per c2") != std::string::npos);
    CHECK(formatted.find("extended by repair_days per c1") != std::string::npos);
    CHECK(cli({"fmt", "--check", path}).code == 0);
    CHECK(cli({"test", path}).code == 0);
}

TEST_CASE("extension: the diff compares the claims a count does not extend, and names the others as not compared", "[extension]") {
    const std::string base = "period battery 6 months per c1\n";
    const auto before = compiled(policy("months clamp last_day covered", "period device 12 months per c1\n" + base));
    const auto after = compiled(policy("months clamp last_day covered", "period device 12 months extended by repair_days per c1\n" + base));
    const PolicyDiff d = diff_graphs(*before, *after);
    REQUIRE(d.not_compared.size() == 1);
    CHECK(d.not_compared[0].part == "device");
    CHECK(d.not_compared[0].reason ==
          "in the new version, the period of `device` is extended by the count `repair_days`: the diff compares the claims where it is 0, "
          "not yet those it extends");
    REQUIRE(d.not_compared[0].facts.size() == 1);
    CHECK(d.not_compared[0].facts[0].words == "`repair_days` is 1 or more");
    // Where it is 0 (or not given: its default is 0) the two versions answer alike.
    CHECK(d.ranges.empty());
    DiffQuery q;
    q.model = "P1";
    q.part = "device";
    q.purchased = *parse_iso_date("2024-01-31");
    q.claimed = *parse_iso_date("2025-02-03");
    CHECK_FALSE(d.not_compared[0].covers(q));
    q.facts = {{"repair_days", FactValue(ValueKind::Number, "0")}};
    CHECK_FALSE(d.not_compared[0].covers(q));
    q.facts = {{"repair_days", FactValue(ValueKind::Number, "3")}};
    CHECK(d.not_compared[0].covers(q));
    q.part = "battery";
    CHECK_FALSE(d.not_compared[0].covers(q));
    // The change itself is listed.
    bool listed = false;
    for (const Change& c : d.changes) listed = listed || c.text.find("extended by repair_days") != std::string::npos;
    CHECK(listed);
    // Two equal versions with an extension: nothing differs, and every claim is compared.
    const PolicyDiff same = diff_graphs(*after, *after);
    CHECK(same.complete());
    CHECK_FALSE(same.answers_differ());
}

TEST_CASE("extension: a rule only an extension reaches is not reported dead", "[extension]") {
    // `late` decides only claims after the twelve months, which the extension still covers.
    const std::string text = policy("months clamp last_day covered",
                                    "warranty extended by repair_days per c2\nperiod device 12 months per c1\nperiod battery 6 months per c1\n");
    const std::string with_late = [&] {
        std::string t = text;
        const std::string first_rule = "rule in_warranty";
        t.insert(t.find(first_rule), "rule on_time per c1 when claimed within 12 months after purchase then repair\n"
                                     "rule late per c2 when claimed within warranty then repair\n");
        return t;
    }();
    TempDir dir("warrant-extension-reach");
    const std::string path = dir.write("p.policy", with_late);
    const auto checked = cli({"check", path});
    INFO(checked.out << checked.err);
    CHECK(checked.out.find("rule `late` can never decide") == std::string::npos);
    // (`in_warranty`, after `late` with the same condition, is dead indeed, and said so.)
    CHECK(checked.out.find("rule `in_warranty` can never decide") != std::string::npos);
    // The exact analysis gives up rather than guess.
    CHECK_FALSE(claims::rule_reach(*compiled(with_late)).has_value());
}

// ---- `at least LENGTH after DATE`: a least end --------------------------------------------------

TEST_CASE("least end: the later of the period's end and a length after the last repair or a date", "[extension][least]") {
    const auto graph = compiled(policy("months clamp last_day covered",
                                       "period device 12 months at least 90 days after last_repair per c1\n"
                                       "period battery 6 months extended by battery_days at least 1 month after exchanged_on per c3\n"));
    PolicySet set;
    set.add(graph);
    const auto ask = [&](const std::string& part, const std::string& purchased, const std::string& claimed, const std::string& repair,
                         const std::string& facts) {
        bool failed = false;
        return answer_line(set,
                           fmt::format(R"({{"model":"P1","part":"{}","purchased":"{}","claimed":"{}"{}, "facts":{{{}}}}})", part, purchased,
                                       claimed, repair.empty() ? "" : fmt::format(R"(,"last_repair":"{}")", repair), facts),
                           false, failed);
    };
    const std::string facts = R"("repair_days":0,"battery_days":0)";
    // No repair: the period's own end. A repair late in the warranty: 90 days after it (both
    // days covered), then out. A repair early on: the period's end is later, and stands.
    CHECK(field(ask("device", "2024-02-29", "2025-02-28", "", facts), "warranty_until") == "2025-02-28");
    CHECK(field(ask("device", "2024-02-29", "2025-03-01", "", facts), "verdict") == "refused");
    const std::string late_repair = ask("device", "2024-02-29", "2025-03-31", "2025-01-01", facts);
    CHECK(field(late_repair, "warranty_until") == "2025-04-01");
    CHECK(field(late_repair, "verdict") == "repair");
    CHECK(field(ask("device", "2024-02-29", "2025-04-01", "2025-01-01", facts), "verdict") == "repair");
    CHECK(field(ask("device", "2024-02-29", "2025-04-02", "2025-01-01", facts), "verdict") == "refused");
    CHECK(field(ask("device", "2024-02-29", "2024-06-01", "2024-03-10", facts), "warranty_until") == "2025-02-28");
    // A date fact as the anchor, in months under the calendar's clamp, after the extension.
    CHECK(field(ask("battery", "2024-01-31", "2024-08-10", "", R"("repair_days":0,"battery_days":3,"exchanged_on":"2024-07-31")"),
                "warranty_until") == "2024-08-31");
    CHECK(field(ask("battery", "2024-01-31", "2024-08-10", "", R"("repair_days":0,"battery_days":40,"exchanged_on":"2024-07-31")"),
                "warranty_until") == "2024-09-09");
    CHECK(field(ask("battery", "2024-01-31", "2024-08-10", "", R"("repair_days":0,"battery_days":0)"), "warranty_until") == "2024-07-31");
}

TEST_CASE("least end: explain, images, the diff and the messages", "[extension][least]") {
    TempDir dir("warrant-least-end");
    const std::string text = policy("months clamp last_day covered", "period device 12 months at least 90 days after last_repair per c1\n"
                                                                     "period battery 6 months per c1\n");
    const std::string path = dir.write("p.policy", text);
    const std::vector<std::string> claim = {"--model", "P1", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2025-03-01",
                                            "--last-repair", "2024-12-20", "--fact", "battery_days=0"};
    std::vector<std::string> args = {"query", path, "--explain"};
    args.insert(args.end(), claim.begin(), claim.end());
    const auto explained = cli(args);
    CHECK(explained.out.find("Warranty for the device: 12 months, and at least 90 days after the last repair on 2024-12-20, until "
                             "2025-03-20 [c1]") != std::string::npos);
    const std::string image = (dir.dir / "p.wimg").string();
    REQUIRE(cli({"build", path, "-o", image}).code == 0);
    std::vector<std::string> from_source = {"query", path}, from_image = {"query", "--image", image};
    from_source.insert(from_source.end(), claim.begin(), claim.end());
    from_image.insert(from_image.end(), claim.begin(), claim.end());
    CHECK(cli(from_source).out == cli(from_image).out);
    REQUIRE(cli({"fmt", path}).code == 0);
    CHECK(test::slurp(path).find("period device  12 months at least 90 days after last_repair per c1") != std::string::npos);
    CHECK(cli({"fmt", "--check", path}).code == 0);
    // An example the least end decides reaches it in the coverage report.
    const std::string with_example = dir.write("e.policy", text + "example repaired_late \"90 days after a late repair\"\n"
                                                                  "    claim model \"P1\" part device purchased 2024-01-10 claimed 2025-03-20\n"
                                                                  "    last_repair 2024-12-20 facts battery_days = 0\n"
                                                                  "    expect repair until 2025-03-20 by c1\n");
    const auto covered = cli({"test", "--coverage", with_example});
    INFO(covered.out << covered.err);
    CHECK(covered.code == 0);
    CHECK(covered.out.find("least ends                  1/1") != std::string::npos);

    const auto before = compiled(policy("months clamp last_day covered", "period device 12 months per c1\nperiod battery 6 months per c1\n"));
    const PolicyDiff d = diff_graphs(*before, *compiled(text));
    REQUIRE(d.not_compared.size() == 1);
    CHECK(d.not_compared[0].reason == "in the new version, the period of `device` ends no earlier than a length after a date (`at "
                                      "least 90 days after last_repair`): the diff compares the claims that do not give the date, "
                                      "not yet those that do");
    CHECK(d.not_compared[0].given == std::vector<std::string>{"last_repair"});

    const auto result = compile(std::make_shared<SourceFile>(
        "bad.policy", policy("months clamp last_day covered", "period device 12 months at least 90 days after battery_days per c1\n"
                                                              "period battery 6 months for \"P1\" at least 1 month after last_repair per c1\n")));
    std::vector<std::string> messages;
    for (const auto& diag : result.diagnostics) messages.push_back(diag.message);
    INFO(fmt::format("{}", fmt::join(messages, "\n")));
    CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& diag) {
        return diag.message == "`at least LENGTH after DATE` comes before `for MODELS` in a period: move it in front of `for`";
    }));
}
