// Suppression comments: the comment lexer, parsing `# allow CODE: reason`, matching warnings by
// code and line, the warnings about suppressions themselves, and the Hong Kong policy, whose
// every suppression must silence exactly the warnings it names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "diag/comments.hpp"
#include "diag/suppress.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"

using namespace warrant;

namespace {

CompileResult compile_text(const std::string& text) {
    return compile(std::make_shared<const SourceFile>("t.policy", text));
}

std::string comment_text(std::string_view text, const Comment& c) {
    return std::string(text.substr(c.span.begin, c.span.end - c.span.begin));
}

std::vector<std::string> codes_of(const std::vector<Diagnostic>& diagnostics, bool suppressed) {
    std::vector<std::string> codes;
    for (const Diagnostic& d : diagnostics) {
        if (d.suppressed == suppressed) codes.emplace_back(code_id(d.code));
    }
    return codes;
}

// A policy with two warnings on its last line: `Xiaomi 12 X` is misspelt (W2101) and the model
// is listed twice (W2103). The tests end that line, with or without a comment.
const std::string base =
    "policy \"p\" region XX\n"
    "calendar months clamp\n"
    "clause c \"t\"\n"
    "part device\n"
    "outcome o\n"
    "series s { model \"Xiaomi 12X\" }\n"
    "period device 12 months for \"Xiaomi 12 X\", \"Xiaomi 12X\" per c";

const std::string rules = "rule r per c then o\n";

}  // namespace

TEST_CASE("comments: a # inside a quoted string, escaped quote included, is not a comment") {
    const std::string text =
        "clause a \"x # y\" # one\n"
        "clause b \"q \\\" # still quoted\"   # two\r\n"
        "   # three\n"
        "\n"
        "clause c \"open # string ends at the line end\n"
        "# four";
    const CommentScan scan = scan_comments(text);
    REQUIRE(scan.comments.size() == 4);
    CHECK(comment_text(text, scan.comments[0]) == "# one");
    CHECK(comment_text(text, scan.comments[1]) == "# two");  // without the CR
    CHECK(comment_text(text, scan.comments[2]) == "# three");
    CHECK(comment_text(text, scan.comments[3]) == "# four");
    CHECK(scan.comments[0].line == 1);
    CHECK(scan.comments[1].line == 2);
    CHECK(scan.comments[2].line == 3);
    CHECK(scan.comments[3].line == 6);
    CHECK_FALSE(scan.comments[0].own_line);
    CHECK_FALSE(scan.comments[1].own_line);
    CHECK(scan.comments[2].own_line);
    CHECK(scan.comments[3].own_line);
    REQUIRE(scan.line_has_code.size() >= 7);
    CHECK(scan.line_has_code[1]);
    CHECK(scan.line_has_code[2]);
    CHECK_FALSE(scan.line_has_code[3]);
    CHECK_FALSE(scan.line_has_code[4]);
    CHECK(scan.line_has_code[5]);
    CHECK_FALSE(scan.line_has_code[6]);
}

TEST_CASE("comments: a byte order mark is not code") {
    const CommentScan scan = scan_comments("\xEF\xBB\xBF# first\nx\n");
    REQUIRE(scan.comments.size() == 1);
    CHECK(scan.comments[0].own_line);
    CHECK(scan.comments[0].span.begin == 3);
}

TEST_CASE("suppressions: codes, reason and the line each applies to") {
    const SourceFile file("t.policy",
                          "a  # allow W2101: trailing\n"              // 1
                          "# allow W2101 ,W3102 :  two codes,  one reason  \n"  // 2
                          "\n"                                        // 3
                          "# an ordinary comment\n"                   // 4
                          "b\n"                                       // 5
                          "#allow W2103\n"                            // 6
                          "c # allow for leap years: prose\n"         // 7
                          "# allowW2101: not the keyword\n"           // 8
                          "# allow W2104:\n"                          // 9
                          "# allow W2102: at the end\n");             // 10
    const std::vector<Suppression> found = find_suppressions(file);
    REQUIRE(found.size() == 5);

    CHECK(found[0].trailing);
    CHECK(found[0].target_line == 1);
    REQUIRE(found[0].codes.size() == 1);
    CHECK(found[0].codes[0].id == "W2101");
    CHECK(file.slice(found[0].codes[0].span) == "W2101");
    CHECK(found[0].reason == "trailing");

    CHECK_FALSE(found[1].trailing);
    CHECK(found[1].target_line == 5);  // past the blank line and the ordinary comment
    REQUIRE(found[1].codes.size() == 2);
    CHECK(found[1].codes[0].id == "W2101");
    CHECK(found[1].codes[1].id == "W3102");
    CHECK(file.slice(found[1].codes[1].span) == "W3102");
    CHECK(found[1].reason == "two codes,  one reason");

    CHECK(found[2].codes[0].id == "W2103");  // `#allow` without a space is still one
    CHECK(found[2].reason.empty());
    CHECK(found[2].target_line == 7);

    CHECK(found[3].codes[0].id == "W2104");
    CHECK(found[3].reason.empty());  // a colon with nothing after it gives no reason

    CHECK(found[4].target_line == 0);  // no line follows
}

TEST_CASE("suppressions: a trailing or preceding comment silences its warning and keeps the reason") {
    SECTION("trailing") {
        const auto r = compile_text(base + "  # allow W2101: the source spells it so\n" + rules);
        REQUIRE(r.ok());
        CHECK(codes_of(r.diagnostics, true) == std::vector<std::string>{"W2101"});
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2103"});
        const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.suppressed; });
        CHECK(it->suppression_reason == "the source spells it so");
        CHECK(r.warning_count() == 1);
        CHECK(r.suppressed_count() == 1);
        CHECK(r.error_count() == 0);
    }
    SECTION("several codes on a line of their own, above blank and comment lines") {
        std::string text = base;
        text.insert(text.find("period"), "# allow W2103, W2101: both, as the source\n\n# more\n");
        const auto r = compile_text(text + "\n" + rules);
        CHECK(codes_of(r.diagnostics, true) == std::vector<std::string>{"W2101", "W2103"});
        CHECK(codes_of(r.diagnostics, false).empty());
        CHECK(r.warning_count() == 0);
        CHECK(r.suppressed_count() == 2);
    }
    SECTION("a suppression applies to its line only, not to the rest of a statement") {
        std::string text = base;
        text.replace(text.find(" for "), 5, "\n    for ");
        text.insert(text.find("period"), "# allow W2101: the line below\n");
        const auto r = compile_text(text + "\n" + rules);
        CHECK(codes_of(r.diagnostics, true).empty());
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W0502", "W2101", "W2103"});
    }
    SECTION("an `# allow` inside a quoted string is text") {
        std::string text = base;
        text.replace(text.find("\"t\""), 3, "\"t # allow W2101: quoted\"");
        const auto r = compile_text(text + "\n" + rules);
        CHECK(codes_of(r.diagnostics, true).empty());
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2101", "W2103"});
    }
}

TEST_CASE("suppressions: the warnings about suppressions") {
    SECTION("no reason: reported, and the warning stays") {
        const auto r = compile_text(base + "  # allow W2101\n" + rules);
        CHECK(codes_of(r.diagnostics, true).empty());
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2101", "W2103", "W0501"});
    }
    SECTION("unused: reported at the code in the comment") {
        const auto r = compile_text(base + "  # allow W2101, W3103: one used, one not\n" + rules);
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2103", "W0502"});
        const Diagnostic& unused = r.diagnostics.back();
        CHECK(r.source->slice(*unused.span) == "W3103");
        CHECK(unused.hint == "remove `W3103` from the comment");
    }
    SECTION("unused where the warning is reported on another line: the hint names that line") {
        // Above the series, where the misspelt model is declared; the warning is on the period's line.
        std::string text = base;
        text.insert(text.find("series"), "# allow W2103: listed twice on purpose\n");
        const auto r = compile_text(text + "\n" + rules);
        const auto unused = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) { return d.code == Code::UnusedSuppression; });
        REQUIRE(unused != r.diagnostics.end());
        CHECK(unused->hint == "`W2103` is reported on line 8: move the comment to the line above it (or to its end)");
    }
    SECTION("unknown codes, with the spelling that exists") {
        const auto r = compile_text(base + "\n# allow W9999, w2101: typo\n" + rules);
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2101", "W2103", "W0503", "W0503"});
        CHECK(r.diagnostics[3].hint == "write `W2101`");
    }
    SECTION("errors cannot be suppressed") {
        const auto r = compile_text(base + "\n" + "# allow E3007: why not\n" + "rule r per c when part is device then o\n");
        CHECK_FALSE(r.ok());
        CHECK(codes_of(r.diagnostics, true).empty());
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2101", "W2103", "W0504", "E3007"});
        CHECK(r.error_count() == 1);
    }
    SECTION("with errors the later stages did not run, so nothing is called unused") {
        const auto r = compile_text(base + "  # allow W3103: maybe\nrule r per c then nowhere\n");
        CHECK(r.error_count() == 1);
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W2101", "W2103", "E2006"});
    }
    SECTION("a suppression's own warnings cannot be suppressed by another") {
        std::string text = base;
        text.insert(text.find("period"), "# allow W0501: not this way\n");
        const auto r = compile_text(text + "  # allow W2101\n" + rules);
        CHECK(codes_of(r.diagnostics, true).empty());
        CHECK(codes_of(r.diagnostics, false) == std::vector<std::string>{"W0502", "W2101", "W2103", "W0501"});
    }
}

TEST_CASE("suppressions: check counts suppressed warnings apart and hides them from text") {
    const std::string path = "tests/golden/check/suppress_ok.policy";
    const auto text = test::cli({"check", "--deny-warnings", path});
    CHECK(text.code == 1);  // one warning is left unsuppressed there
    CHECK(text.out.find("checked 1 file: 0 errors, 1 warning, 5 suppressed\n") != std::string::npos);
    CHECK(text.out.find("[W2101]") == std::string::npos);
    CHECK(text.out.find("[W3103]") != std::string::npos);
    const auto json = test::cli({"check", "--format", "json", path});
    CHECK(json.code == 0);
    CHECK(json.out.find("\"suppressed\":true,\"reason\":\"the notice runs two names together\"}") != std::string::npos);
    CHECK(json.out.find("\"errors\":0,\"warnings\":1,\"suppressed\":5}") != std::string::npos);
}

// ---- the Hong Kong policy -----------------------------------------------------------------

namespace {

const std::string hk_path = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return text;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

// What a reader sees of a warning, wherever it moves: its code and message.
using Seen = std::multiset<std::pair<std::string, std::string>>;

Seen unsuppressed_warnings(const CompileResult& r) {
    Seen seen;
    for (const Diagnostic& d : r.diagnostics) {
        if (d.severity == Severity::Warning && !d.suppressed) seen.emplace(code_id(d.code), d.message);
    }
    return seen;
}

Seen minus(const Seen& a, const Seen& b) {
    Seen rest = a;
    for (const auto& item : b) {
        if (const auto it = rest.find(item); it != rest.end()) rest.erase(it);
    }
    return rest;
}

}  // namespace

TEST_CASE("hk policy: passes `check --deny-warnings`, every inconsistency suppressed with a reason") {
    const auto run = test::cli({"check", "--deny-warnings", "policies/"});
    INFO(run.out);
    CHECK(run.code == 0);
    const CompileResult r = compile_file(hk_path, "policies/xiaomi-hk.policy");
    REQUIRE(r.ok());
    CHECK(r.warning_count() == 0);
    CHECK(r.suppressed_count() >= 26);
    for (const Diagnostic& d : r.diagnostics) {
        if (d.suppressed) CHECK_FALSE(d.suppression_reason.empty());
    }
}

TEST_CASE("hk policy: removing one suppression brings back exactly the warnings it names") {
    const std::string text = test::slurp(hk_path);
    REQUIRE_FALSE(text.empty());
    const std::vector<std::string> lines = split_lines(text);
    const CompileResult original = compile(std::make_shared<const SourceFile>("hk.policy", text));
    REQUIRE(original.ok());
    const Seen before = unsuppressed_warnings(original);

    std::size_t suppressions = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t hash = lines[i].find("# allow ");
        if (hash == std::string::npos) continue;
        ++suppressions;
        const bool own_line = trim(std::string_view(lines[i]).substr(0, hash)).empty();
        // The codes the comment names, and the line it applies to (1-based).
        std::set<std::string> named;
        const std::string rest = lines[i].substr(hash + 8, lines[i].find(':', hash) - hash - 8);
        std::istringstream codes(rest);
        for (std::string code; std::getline(codes, code, ',');) named.insert(trim(code));
        std::size_t target = i;
        if (own_line) {
            do ++target;
            while (target < lines.size() && (trim(lines[target]).empty() || trim(lines[target])[0] == '#'));
        }
        Seen silenced;
        for (const Diagnostic& d : original.diagnostics) {
            if (d.suppressed && original.source->line_col(d.span->begin).line == target + 1 &&
                named.count(std::string(code_id(d.code)))) {
                silenced.emplace(code_id(d.code), d.message);
            }
        }

        std::vector<std::string> edited = lines;
        if (own_line) {
            edited.erase(edited.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            edited[i] = trim(edited[i].substr(0, hash));
        }
        const CompileResult without = compile(std::make_shared<const SourceFile>("hk.policy", join_lines(edited)));
        INFO("policy line " << i + 1 << ": " << lines[i]);
        REQUIRE(without.ok());
        const Seen after = unsuppressed_warnings(without);
        const Seen back = minus(after, before);
        CHECK(minus(before, after).empty());
        CHECK(back == silenced);
        std::set<std::string> back_codes;
        for (const auto& [code, message] : back) back_codes.insert(code);
        CHECK(back_codes == named);
    }
    CHECK(suppressions >= 14);
}
