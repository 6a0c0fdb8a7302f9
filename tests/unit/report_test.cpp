// Reports for CI: SARIF (validated against the SARIF 2.1.0 schema by
// tests/reports/validate_sarif.py), GitHub annotations with their escaping, JSON's suppression
// fields, and `check --changed-since` in a git repository made for the test.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/changed_lines.hpp"
#include "test_support.hpp"
#include "warrant/render.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

const std::string source_dir = WARRANT_SOURCE_DIR;
// CI checks the repository out beside shared/, as here.
const std::string sarif_schema = source_dir + "/../shared/schemas/sarif-schema-2.1.0.json";

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "warrant-report-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

int shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

// `'text'` for /bin/sh.
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

TEST_CASE("sarif: reports with errors, warnings and suppressions validate against the 2.1.0 schema") {
    REQUIRE(fs::exists(sarif_schema));
    TempDir dir;
    std::vector<std::string> reports;
    const std::vector<std::vector<std::string>> inputs = {
        {"tests/golden/check/fail_names.policy"},
        {"tests/golden/check/ok_warnings.policy"},
        {"tests/golden/check/suppress_ok.policy", "tests/golden/check/suppress_misused.policy"},
        {"tests/golden/check/fail_syntax.policy", "tests/golden/check/ok_minimal.policy"},
        {"policies/xiaomi-hk.policy"},
    };
    for (const auto& paths : inputs) {
        std::vector<std::string> args = {"check", "--format", "sarif"};
        args.insert(args.end(), paths.begin(), paths.end());
        const auto run = test::cli(args);
        CHECK(run.err.empty());
        CHECK(count(run.out, "\"ruleId\":") > 0);
        reports.push_back((dir.path / ("report" + std::to_string(reports.size()) + ".sarif")).string());
        write_file(reports.back(), run.out);
    }
    // A path that must be percent-encoded to be a URI reference.
    const fs::path odd = dir.path / "a policy #1.policy";
    fs::copy_file("tests/golden/check/ok_warnings.policy", odd);
    const auto odd_run = test::cli({"check", "--format", "sarif", odd.string()});
    CHECK(odd_run.out.find("a%20policy%20%231.policy\"") != std::string::npos);
    reports.push_back((dir.path / "odd.sarif").string());
    write_file(reports.back(), odd_run.out);

    std::string command = "python3 " + quoted(source_dir + "/tests/reports/validate_sarif.py");
    for (const std::string& report : reports) command += " " + quoted(report);
    command += " " + quoted(sarif_schema);
    CHECK(std::system((command + " > " + quoted((dir.path / "validation.txt").string()) + " 2>&1").c_str()) == 0);
    const std::string said = test::slurp(dir.path / "validation.txt");
    INFO(said);
    CHECK(said.find("6 passed, 0 failed") != std::string::npos);

    // The validator does fail: a report without its tool is not SARIF.
    write_file(dir.path / "bad.sarif", "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}");
    CHECK(shell("python3 " + quoted(source_dir + "/tests/reports/validate_sarif.py") + " " +
                quoted((dir.path / "bad.sarif").string()) + " " + quoted(sarif_schema)) != 0);
}

TEST_CASE("sarif: rules from the registry, results with locations, suppressions with their reason") {
    const auto run = test::cli({"check", "--format", "sarif", "tests/golden/check/suppress_ok.policy"});
    CHECK(run.code == 0);
    const std::string& out = run.out;
    CHECK(out.rfind("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",", 0) == 0);
    CHECK(out.find("\"driver\":{\"name\":\"warrant\",\"version\":\"") != std::string::npos);
    CHECK(out.find("{\"id\":\"W2101\",\"shortDescription\":{\"text\":\"a model is named with a spelling its declaration "
                   "does not give\"},\"defaultConfiguration\":{\"level\":\"warning\"}}") != std::string::npos);
    CHECK(count(out, "\"shortDescription\":") == all_codes().size());
    CHECK(count(out, "\"ruleId\":") == 6);  // 5 suppressed and 1 not: the record is complete
    CHECK(out.find("{\"ruleId\":\"W2101\",\"ruleIndex\":" + std::to_string(static_cast<int>(Code::SpellingDiffers)) +
                   ",\"level\":\"warning\",\"message\":{\"text\":\"`Xiaomi 12 X` is spelt `Xiaomi 12X` where the model "
                   "is declared\\nhint: write `Xiaomi 12X`, as declared\"},\"locations\":[{\"physicalLocation\":{"
                   "\"artifactLocation\":{\"uri\":\"tests/golden/check/suppress_ok.policy\",\"uriBaseId\":\"SRCROOT\"},\"region\":{\"startLine\":14,"
                   "\"startColumn\":29,\"endLine\":14,\"endColumn\":42}}}],\"relatedLocations\":[{\"id\":0,\"message\":{"
                   "\"text\":\"declared here\"},\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"tests/golden/check/"
                   "suppress_ok.policy\",\"uriBaseId\":\"SRCROOT\"},\"region\":{\"startLine\":9,\"startColumn\":17,\"endLine\":9,\"endColumn\":35}}}],"
                   "\"suppressions\":[{\"kind\":\"inSource\",\"justification\":\"the source writes \\\"Xiaomi 12 X\\\" in "
                   "its table, then the model again\"}]}") != std::string::npos);
    CHECK(count(out, "\"suppressions\":[{\"kind\":\"inSource\",\"justification\":") == 5);
    CHECK(count(out, "\"suppressions\":[]") == 1);  // the unreachable rule, not suppressed

    const auto failing = test::cli({"check", "--format", "sarif", "tests/golden/check/fail_names.policy"});
    CHECK(failing.code == 1);
    CHECK(failing.out.find("\"level\":\"error\"") != std::string::npos);
}

TEST_CASE("github: one workflow command per unsuppressed diagnostic, then the summary") {
    const auto run = test::cli({"check", "--format", "github", "tests/golden/check/suppress_ok.policy"});
    CHECK(run.code == 0);
    CHECK(run.out ==
          "::warning file=tests/golden/check/suppress_ok.policy,line=22,col=1,endLine=22,endColumn=35,title=W3103::"
          "rule `never` can never decide: rule `otherwise` before it always applies%0Ahint: move the rule above the "
          "one without `when`, or remove it%0Anote: this rule has no `when` (line 21)\n"
          "checked 1 file: 0 errors, 1 warning, 5 suppressed\n");
    const auto denied = test::cli({"check", "--deny-warnings", "--format", "github", "tests/golden/check/suppress_ok.policy"});
    CHECK(denied.code == 1);
    const auto failing = test::cli({"check", "--format", "github", "tests/golden/check/fail_names.policy"});
    CHECK(failing.code == 1);
    CHECK(failing.out.rfind("::error file=tests/golden/check/fail_names.policy,line=", 0) == 0);
}

TEST_CASE("github: %, CR and LF escaped everywhere; `,` and `:` in properties too") {
    const SourceFile file("a,b:c%d.policy", "x\ny z\n");
    Diagnostic d;
    d.code = Code::UnexpectedText;
    d.severity = Severity::Error;
    d.message = "100% sure:\r\nyes, really";
    d.span = SourceSpan{4, 5};
    Diagnostic multi = d;
    multi.code = Code::SpellingDiffers;
    multi.severity = Severity::Warning;
    multi.message = "m";
    multi.span = SourceSpan{0, 5};  // over two lines: no columns
    Diagnostic whole = multi;
    whole.span.reset();
    Diagnostic hidden = multi;
    hidden.suppressed = true;
    const std::string out = render_github({{std::string(file.name()), &file, {d, multi, whole, hidden}}});
    CHECK(out ==
          "::error file=a%2Cb%3Ac%25d.policy,line=2,col=3,endLine=2,endColumn=4,title=E1001::100%25 sure:%0D%0Ayes, really\n"
          "::warning file=a%2Cb%3Ac%25d.policy,line=1,endLine=2,title=W2101::m\n"
          "::warning file=a%2Cb%3Ac%25d.policy,title=W2101::m\n");
}

TEST_CASE("json: suppressed diagnostics carry the flag and the reason, and count apart") {
    const SourceFile file("f.policy", "x\n");
    Diagnostic shown;
    shown.code = Code::SpellingDiffers;
    shown.severity = Severity::Warning;
    shown.message = "m";
    Diagnostic hidden = shown;
    hidden.suppressed = true;
    hidden.suppression_reason = "the source says \"so\"";
    const std::string out = render_json({{"f.policy", &file, {shown, hidden}}});
    CHECK(out.find("\"hint\":null}") != std::string::npos);
    CHECK(out.find("\"hint\":null,\"suppressed\":true,\"reason\":\"the source says \\\"so\\\"\"}") != std::string::npos);
    CHECK(out.find("],\"errors\":0,\"warnings\":1,\"suppressed\":1}\n") != std::string::npos);
    CHECK(render_json({{"f.policy", &file, {shown}}}).find("],\"errors\":0,\"warnings\":1}\n") != std::string::npos);
    const DiagnosticCounts counts = count_diagnostics({{"f.policy", &file, {shown, hidden, shown}}});
    CHECK(counts.errors == 0);
    CHECK(counts.warnings == 2);
    CHECK(counts.suppressed == 1);
    CHECK(render_summary(1, 2, 3) == "1 error, 2 warnings, 3 suppressed");
    CHECK(render_summary(0, 1) == "0 errors, 1 warning");
}

TEST_CASE("changed lines: hunk headers of git diff --unified=0") {
    using Ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    CHECK(parse_hunk_ranges("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3,0 +4,2 @@ rule\n+a\n+b\n@@ -9 +11 @@\n-c\n+d\n"
                            "@@ -20,2 +21,0 @@\n-e\n-f\n@@ -30,1 +31,3 @@\n") == Ranges{{4, 5}, {11, 11}, {31, 33}});
    CHECK(parse_hunk_ranges("@@ -1 +x @@\n@@ garbage\n+@@ -1 +2 @@\n").empty());
    CHECK(parse_hunk_ranges("").empty());
    ChangedLines changed;
    changed.ranges = {{4, 5}, {11, 11}};
    CHECK(changed.touches(5, 5));
    CHECK(changed.touches(1, 4));
    CHECK(changed.touches(6, 12));
    CHECK_FALSE(changed.touches(6, 10));
    CHECK_FALSE(changed.touches(12, 20));
}

TEST_CASE("check --changed-since: only diagnostics on lines changed since the revision") {
    TempDir dir;
    const std::string repo = dir.path.string();
    const std::string git = "git -C " + quoted(repo) + " ";
    REQUIRE(shell(git + "init -q") == 0);
    REQUIRE(shell(git + "config user.name 'Warrant Test'") == 0);
    REQUIRE(shell(git + "config user.email test@example.invalid") == 0);
    REQUIRE(shell(git + "config commit.gpgsign false") == 0);

    // Line 6 misspells a model (W2101); the change lists a model twice on line 7 (W2103).
    const std::string committed =
        "policy \"p\" region XX\n"
        "calendar months clamp\n"
        "clause c \"t\"\n"
        "part device outcome o\n"
        "series s { model \"Xiaomi 12X\" } series t { model \"Xiaomi 13\" }\n"
        "period device 12 months for \"Xiaomi 12 X\" per c\n"
        "period device 24 months for \"Xiaomi 13\" per c\n"
        "rule r per c then o\n";
    const fs::path policy = dir.path / "p.policy";
    write_file(policy, committed);
    REQUIRE(shell(git + "add p.policy") == 0);
    REQUIRE(shell(git + "commit -q -m first") == 0);

    SECTION("a file unchanged since the revision reports nothing") {
        const auto run = test::cli({"check", "--deny-warnings", "--changed-since", "HEAD", policy.string()});
        CHECK(run.code == 0);
        CHECK(run.out == "checked 1 file: 0 errors, 0 warnings\n");
        // Without the option its warning is there.
        CHECK(test::cli({"check", "--deny-warnings", policy.string()}).code == 1);
    }
    SECTION("a changed line's warning is reported, an unchanged line's is not") {
        std::string changed = committed;
        changed.replace(changed.find("\"Xiaomi 13\" per"), 11, "\"Xiaomi 13\", \"Xiaomi 13\"");
        write_file(policy, changed);
        const auto run = test::cli({"check", "--format", "json", "--changed-since", "HEAD", policy.string()});
        CHECK(run.code == 0);
        CHECK(run.err.empty());
        CHECK(run.out.find("\"code\":\"W2103\"") != std::string::npos);
        CHECK(run.out.find("\"line\":7,") != std::string::npos);
        CHECK(run.out.find("W2101") == std::string::npos);
        CHECK(run.out.find("\"warnings\":1}") != std::string::npos);
        CHECK(test::cli({"check", "--deny-warnings", "--changed-since", "HEAD", policy.string()}).code == 1);
        // Committed, the change is no longer new since HEAD, but is since the first commit.
        REQUIRE(shell(git + "commit -q -am second") == 0);
        CHECK(test::cli({"check", "--deny-warnings", "--changed-since", "HEAD", policy.string()}).code == 0);
        const auto since_first = test::cli({"check", "--changed-since", "HEAD~1", policy.string()});
        CHECK(since_first.out.find("[W2103]") != std::string::npos);
        CHECK(since_first.out.find("[W2101]") == std::string::npos);
    }
    SECTION("a file git does not track is all new") {
        const fs::path fresh = dir.path / "sub" / "new.policy";
        fs::create_directories(fresh.parent_path());
        write_file(fresh, committed);
        const auto run = test::cli({"check", "--changed-since", "HEAD", fresh.string(), policy.string()});
        CHECK(run.code == 0);
        CHECK(count(run.out, "[W2101]") == 1);
        CHECK(run.out.find("new.policy:6:") != std::string::npos);
        CHECK(run.out.find("checked 2 files: 0 errors, 1 warning\n") != std::string::npos);
    }
    SECTION("an error on a changed line fails; one on an unchanged line does not count") {
        std::string broken = committed;
        broken.replace(broken.find("then o"), 6, "then nowhere");
        write_file(policy, broken);
        CHECK(test::cli({"check", "--changed-since", "HEAD", policy.string()}).code == 1);
        REQUIRE(shell(git + "commit -q -am broken") == 0);
        std::string more = broken;
        more.insert(0, "# a comment\n");
        write_file(policy, more);
        const auto run = test::cli({"check", "--changed-since", "HEAD", policy.string()});
        CHECK(run.code == 0);
        CHECK(run.out == "checked 1 file: 0 errors, 0 warnings\n");
    }
    SECTION("an unknown revision, or a file outside any repository, is a clear error") {
        const auto bad = test::cli({"check", "--changed-since", "no-such-rev", policy.string()});
        CHECK(bad.code == 2);
        CHECK(bad.err.find("`no-such-rev` is no commit git knows") != std::string::npos);
        const auto option = test::cli({"check", "--changed-since=--output=x", policy.string()});
        CHECK(option.code == 2);
        CHECK(option.err.find("`--output=x` is not a revision") != std::string::npos);
        TempDir outside;
        const fs::path loose = outside.path / "p.policy";
        write_file(loose, committed);
        const auto run = test::cli({"check", "--changed-since", "HEAD", loose.string()});
        CHECK(run.code == 2);
        CHECK(run.err.find("is not in a git work tree") != std::string::npos);
    }
}
