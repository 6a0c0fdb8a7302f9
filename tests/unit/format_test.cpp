// `warrant fmt`: each layout rule on small inputs, the golden files under tests/golden/fmt
// (NAME.policy formats to exactly NAME.formatted; UPDATE_GOLDEN=1 rewrites them for review),
// idempotence over every policy of the repository, the safety net, the atomic file
// replacement and the command line.
//
// Line ends: the formatter writes LF only, and drops a UTF-8 byte-order mark; CR LF input
// comes out with LF line ends (see "CR LF and a byte-order mark" below).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "format/ast_equal.hpp"
#include "format/atomic_write.hpp"
#include "format/line_diff.hpp"
#include "format/safety_net.hpp"
#include "parse/parser.hpp"
#include "random_claims.hpp"
#include "test_support.hpp"
#include "warrant/format.hpp"
#include "warrant/render.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

// The formatted text; fails the test when the input could not be formatted.
std::string formatted(const std::string& text) {
    const FormatResult result = format_source(SourceFile("t.policy", text));
    INFO("input:\n" << text);
    for (const Diagnostic& d : result.diagnostics) INFO(d.message);
    REQUIRE(result.internal_error.empty());
    REQUIRE(result.diagnostics.empty());
    return result.text;
}

// Formats and checks that formatting again changes nothing.
std::string fmt(const std::string& text) {
    const std::string once = formatted(text);
    CHECK(formatted(once) == once);
    return once;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
        lines.push_back(text.substr(begin, end - begin));
    }
    return lines;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        static int count = 0;
        path = fs::temp_directory_path() / ("warrant-fmt-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
};

// Runs as another user while alive, so that file permissions apply even when the tests run as
// root (who may write into read-only folders).
struct NotRoot {
    bool switched = false;
    NotRoot() {
        if (::geteuid() == 0) switched = ::seteuid(65534) == 0;
    }
    ~NotRoot() {
        if (switched && ::seteuid(0) != 0) std::abort();
    }
};

const std::string minimal = "policy \"p\" region XX\n";

// The temporary files `fmt` left beside `file` (named by format::temp_prefix_for).
std::vector<fs::path> temps_beside(const fs::path& file) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(file.parent_path())) {
        if (entry.path().filename().string().rfind(format::temp_prefix_for(file), 0) == 0) found.push_back(entry.path());
    }
    return found;
}

}  // namespace

// ---- layout rules ---------------------------------------------------------------------------

TEST_CASE("fmt: statements start at column 1 with single spaces between tokens") {
    CHECK(fmt("   policy    \"p\"   region  XX\n\tpart   device\n") == "policy \"p\" region XX\npart device\n");
    // Several statements on one line go on lines of their own.
    CHECK(fmt("part a part b outcome o\n") == "part a\npart b\noutcome o\n");
    // `a, b`; nothing inside parentheses; `=` between spaces.
    CHECK(fmt("period device 12 months for \"A\" ,\"B\",series s via a ,b per c1\n") ==
          "period device 12 months for \"A\", \"B\", series s via a, b per c1\n");
    CHECK(fmt("rule r per c1 when not( a or( b and c ) ) then o\n") == "rule r per c1 when not (a or (b and c)) then o\n");
    CHECK(fmt("example e claim model \"A\" facts a=true,b expect o\n") == "example e claim model \"A\" facts a = true, b expect o\n");
}

TEST_CASE("fmt: the writer's line breaks inside a statement stay; later lines are indented 4") {
    CHECK(fmt("rule r per c1\nwhen a\n           then o\n") == "rule r per c1\n    when a\n    then o\n");
    // A line that continues a condition with `and` or `or` goes one step deeper.
    CHECK(fmt("rule r per c1\n when a\n and b\n or c\n then o\n") ==
          "rule r per c1\n    when a\n        and b\n        or c\n    then o\n");
    // So does a line that continues an example's claim.
    CHECK(fmt("example e\nclaim model \"A\"\npart device\nexpect o\n") ==
          "example e\n    claim model \"A\"\n        part device\n    expect o\n");
    // The policy's items line up on their keywords.
    CHECK(fmt("policy \"p\"\n region XX \"X\"\n source \"s\"\n effective 2025-01-01\n") ==
          "policy \"p\"\n    region    XX \"X\"\n    source    \"s\"\n    effective 2025-01-01\n");
}

TEST_CASE("fmt: runs of one kind of one-line statement are aligned as tables") {
    CHECK(fmt("part device \"主機\"\npart battery \"電池\"\npart cable\n") ==
          "part device  \"主機\"\npart battery \"電池\"\npart cable\n");
    // Numbers right-aligned; an empty column keeps its place for the columns after it.
    CHECK(fmt("period device 12 months via w per c1\n"
              "period battery 6 months when removable via w per c1\n") ==
          "period device  12 months                via w per c1\n"
          "period battery  6 months when removable via w per c1\n");
    // fact, exclusion and requirement form one table.
    CHECK(fmt("fact f \"F\" default false per c1\nexclusion misuse \"M\" per c1\nrequirement invoice default true\n") ==
          "fact        f       \"F\" default false per c1\n"
          "exclusion   misuse  \"M\"               per c1\n"
          "requirement invoice     default true\n");
    // Rules align their names and citations; conditions are not cut into columns.
    CHECK(fmt("rule a per c1 when x then o\nrule longer per c22 then o\n") ==
          "rule a      per c1  when x then o\nrule longer per c22 then o\n");
}

TEST_CASE("fmt: what starts and ends a table") {
    // An own-line comment between rows does not end the run; a blank line does.
    CHECK(fmt("clause a \"x\"\n# note\nclause bbb \"y\"\n\nclause cc \"z\"\n") ==
          "clause a   \"x\"\n# note\nclause bbb \"y\"\n\nclause cc \"z\"\n");
    // A statement of another kind ends it.
    CHECK(fmt("part a \"x\"\noutcome bbbbbb \"y\"\npart cccc \"z\"\n") ==
          "part a \"x\"\noutcome bbbbbb \"y\"\npart cccc \"z\"\n");
    // A multi-line statement's first line belongs to the table, its later lines do not end it.
    CHECK(fmt("rule a per c1\n    then o\nrule bbb per c1 then o\n") == "rule a   per c1\n    then o\nrule bbb per c1 then o\n");
    // A cell much longer than the others' leaves the table after it, rather than push
    // every other row far to the right.
    const std::string long_targets = "for \"Phone One Ultra\", \"Phone Two Ultra\", \"Phone Three\"";
    CHECK(fmt("period device 12 months for \"A\" via w per c1\n"
              "period device 24 months " + long_targets + " via w per c1\n"
              "period cable 6 months via w per c1\n") ==
          "period device 12 months for \"A\" via w per c1\n"
          "period device 24 months " + long_targets + " via w per c1\n"
          "period cable   6 months         via w per c1\n");
}

TEST_CASE("fmt: series blocks hold one model per line, aliases aligned") {
    CHECK(fmt("series s \"S\" { model \"A\" alias \"a1\" , \"a2\" model \"Bbb\" alias \"b\" model \"C\" }\n") ==
          "series s \"S\" {\n"
          "    model \"A\"   alias \"a1\", \"a2\"\n"
          "    model \"Bbb\" alias \"b\"\n"
          "    model \"C\"\n"
          "}\n");
    CHECK(fmt("series s {\n\n}\n") == "series s {}\n");
    CHECK(fmt("series s\n{ model \"A\" }\n") == "series s {\n    model \"A\"\n}\n");
    // A model whose aliases the writer put on the next line keeps them there.
    CHECK(fmt("series s { model \"A\"\n alias \"B\" }\n") == "series s {\n    model \"A\"\n        alias \"B\"\n}\n");
}

TEST_CASE("fmt: list entries are wrapped at 100 columns, wide characters counting two") {
    CHECK(fmt("list l per c1 { \"A\" , \"B\" }\n") == "list l per c1 {\n    \"A\", \"B\",\n}\n");
    // The writer's lines are kept; a trailing comma is added.
    CHECK(fmt("list l {\n\"A\", \"B\",\n\"C\"}\n") == "list l {\n    \"A\", \"B\",\n    \"C\",\n}\n");
    // A line that starts with the comma still starts a line.
    CHECK(fmt("list l {\n\"A\"\n, \"B\"\n,\"C\"}\n") == "list l {\n    \"A\",\n    \"B\",\n    \"C\",\n}\n");
    // 6 entries of 6 CJK characters: 4 + 6 * 15 + 5 = 99 columns; a seventh would pass 100.
    const std::string entry = "\"小米手機一號\"";
    std::string six, input = "end_of_service 2021-12-03 {";
    for (int i = 0; i < 7; ++i) input += (i ? ", " : " ") + entry;
    for (int i = 0; i < 6; ++i) six += (i ? " " : "") + entry + ",";
    const std::string out = fmt(input + " }\n");
    CHECK(out == "end_of_service 2021-12-03 {\n    " + six + "\n    " + entry + ",\n}\n");
    CHECK(display_width(lines_of(out)[1]) == 99);
    CHECK(lines_of(out)[1].size() > 100);  // in bytes it is longer: widths are what count
    // Entries of many lengths: every line is full, that is, within 100 columns, and the next
    // line's first entry would not have fitted on it.
    std::string many = "list l {";
    for (int i = 0; i < 60; ++i) many += (i ? ", \"" : " \"") + std::string(1 + i * 7 % 13, static_cast<char>('a' + i % 26)) + "\"";
    const std::vector<std::string> lines = lines_of(fmt(many + " }\n"));
    REQUIRE(lines.size() > 4);
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        INFO(lines[i]);
        CHECK(display_width(lines[i]) <= format_line_width);
        if (i + 2 < lines.size()) {
            const std::string next_entry = lines[i + 1].substr(4, lines[i + 1].find(',') - 4 + 1);
            CHECK(display_width(lines[i]) + 1 + display_width(next_entry) > format_line_width);
        }
    }
}

TEST_CASE("fmt: comments stay where they are") {
    // Own-line comments before what they precede; trailing comments at the end of their line.
    CHECK(fmt("# top\npart a # one\n# before b\npart b\n") == "# top\npart a  # one\n# before b\npart b\n");
    // Inside blocks and statements, own-line comments take the indentation of what follows.
    CHECK(fmt("series s {\n# first\nmodel \"A\" # a\n  # last\n}\n") ==
          "series s {\n    # first\n    model \"A\"  # a\n    # last\n}\n");
    CHECK(fmt("rule r per c1\n# why\nwhen a\nthen o\n") == "rule r per c1\n    # why\n    when a\n    then o\n");
    // A token after a trailing comment must start a new line.
    CHECK(fmt("series s { model \"A\" # a\n alias \"B\" }\n") == "series s {\n    model \"A\"  # a\n        alias \"B\"\n}\n");
    // A list line with a trailing comment is not wrapped: the comment is about that line.
    std::string entries;
    for (int i = 0; i < 20; ++i) entries += "\"Model " + std::to_string(i) + "\", ";
    const std::string commented = fmt("list l {\n" + entries + "# all of them\n}\n");
    CHECK(lines_of(commented).size() == 3);
    // Comments after the last statement, and a file of comments only.
    CHECK(fmt("part a\n\n\n# end\n#\n") == "part a\n\n# end\n#\n");
    CHECK(fmt("# only a comment   \n") == "# only a comment\n");
    // `#` inside a string is not a comment.
    CHECK(fmt("clause c \"a # b\"   # c\n") == "clause c \"a # b\"  # c\n");
}

TEST_CASE("fmt: trailing comments on consecutive lines of similar length share a column") {
    CHECK(fmt("part a # 1\npart bbbb # 2\n") == "part a     # 1\npart bbbb  # 2\n");
    // A much longer line starts a group of its own.
    CHECK(fmt("part a # 1\npart " + std::string(30, 'b') + " # 2\npart c # 3\n") ==
          "part a  # 1\npart " + std::string(30, 'b') + "  # 2\npart c  # 3\n");
    // A blank line or a line without a comment ends the group.
    CHECK(fmt("part a # 1\n\npart bbbb # 2\n") == "part a  # 1\n\npart bbbb  # 2\n");
}

TEST_CASE("fmt: blank lines collapse to one; none at the start or next to braces; one final newline") {
    CHECK(fmt("\n\n\npart a\n\n\n\npart b") == "part a\n\npart b\n");
    CHECK(fmt("series s {\n\n  model \"A\"\n\n  model \"B\"\n\n}\n\n\n") == "series s {\n    model \"A\"\n\n    model \"B\"\n}\n");
    CHECK(fmt("") == "");
    CHECK(fmt("\n\n  \n") == "");
}

TEST_CASE("fmt: CR LF and a byte-order mark become LF and nothing") {
    // Decision: the canonical file is UTF-8 without a byte-order mark, with LF line ends.
    CHECK(fmt("\xEF\xBB\xBFpart a\r\n\r\n\r\npart b # c \r\n") == "part a\n\npart b  # c\n");
}

TEST_CASE("fmt: a file that does not parse is not formatted, and says why") {
    const FormatResult syntax = format_source(SourceFile("t.policy", "part a\nrule r per then o\n"));
    CHECK_FALSE(syntax.ok());
    CHECK(syntax.text.empty());
    REQUIRE_FALSE(syntax.diagnostics.empty());
    CHECK(syntax.diagnostics[0].severity == Severity::Error);
    const FormatResult nul = format_source(SourceFile("t.policy", std::string("part a\0", 7)));
    REQUIRE(nul.diagnostics.size() == 1);
    CHECK(nul.diagnostics[0].code == Code::NulByte);
    // Name errors and warnings do not stop it: layout does not depend on them.
    CHECK(fmt("rule r per nowhere then unknown_outcome\n") == "rule r per nowhere then unknown_outcome\n");
}

// ---- the safety net -------------------------------------------------------------------------

TEST_CASE("fmt: syntax trees compare equal across layouts and unequal across meanings") {
    const auto tree = [](const std::string& text) {
        Diagnostics diags;
        auto module = parse(SourceFile("t.policy", text), diags);
        REQUIRE(module);
        return std::move(*module);
    };
    const std::string base = "series s { model \"A\" alias \"B\" }\nperiod p 12 months for \"A\" when f and not g per c\n"
                             "rule r per c when part is not d or claimed within 3 days after purchase then o\n";
    CHECK(format::same_module(tree(base), tree(formatted(base))));
    const std::vector<std::pair<std::string, std::string>> changes = {
        {"alias \"B\"", "alias \"C\""}, {"12 months", "12 days"}, {"f and not g", "f or not g"},
        {"part is not d", "part is d"}, {"after purchase", "after last_repair"}, {"then o", "then p"},
    };
    for (const auto& [from, to] : changes) {
        std::string changed = base;
        changed.replace(changed.find(from), from.size(), to);
        INFO(from << " -> " << to);
        CHECK_FALSE(format::same_module(tree(base), tree(changed)));
    }
}

TEST_CASE("fmt: the safety net refuses text that means something else") {
    const std::string text = "policy \"p\" region XX\nclause c \"t\"\noutcome o\n# note\nrule r per c then o\n";
    const SourceFile source("t.policy", text);
    Diagnostics diags;
    const auto tree = parse(source, diags);
    REQUIRE(tree);
    CHECK(format::check_same_meaning(source, *tree, text).empty());
    CHECK(format::check_same_meaning(source, *tree, "policy \"p\" region XX\n").find("syntax tree") != std::string::npos);
    CHECK(format::check_same_meaning(source, *tree, "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\n")
              .find("comments") != std::string::npos);
    CHECK(format::check_same_meaning(source, *tree, "policy \"p\" region XX\nclause c \"t\"\n# note\noutcome o\nrule r per c then o\n")
              .find("comments") != std::string::npos);
    CHECK(format::check_same_meaning(source, *tree, "policy \"p\" region XX\nrule r per").find("parse") != std::string::npos);
    // A suppression comment that would end up on another line than its warning.
    const std::string suppressed =
        "policy \"p\" region XX\ncalendar months clamp last_day covered\nclause c \"t\"\npart device\noutcome o\n"
        "series s { model \"Xiaomi 12X\" }\nperiod device 12 months for \"Xiaomi 12 X\" # allow W2101: as the source spells it\n"
        " per c\nrule r per c then o\n";
    const SourceFile suppressed_source("t.policy", suppressed);
    const auto suppressed_tree = parse(suppressed_source, diags);
    REQUIRE(suppressed_tree);
    std::string moved = suppressed;
    moved.replace(moved.find(" # allow"), 1, "\n");
    CHECK(format::check_same_meaning(suppressed_source, *suppressed_tree, moved).find("diagnostics") != std::string::npos);
    CHECK(formatted(suppressed).find("\"Xiaomi 12 X\"  # allow W2101") != std::string::npos);
    // A one-line block with a suppression after it cannot be laid out without moving the
    // warning away from its comment: the formatter says so and leaves the file.
    const std::string one_line_block =
        "policy \"p\" region XX\nclause c \"t\"\noutcome o\nseries s { model \"Xiaomi 12X\" }\n"
        "list l per c { \"Xiaomi 12 X\" }  # allow W2101: as the source spells it\nrule r per c then o\n";
    const FormatResult refused = format_source(SourceFile("t.policy", one_line_block));
    CHECK(refused.diagnostics.empty());
    CHECK(refused.text.empty());
    CHECK(refused.internal_error.find("W2101 on line 5 would no longer be silenced by its `# allow` comment") != std::string::npos);
}

// ---- golden files and every policy of the repository ----------------------------------------

TEST_CASE("fmt: golden files") {
    const fs::path dir = "tests/golden/fmt";
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".policy") inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() >= 5);
    for (const fs::path& input : inputs) {
        SECTION(input.filename().string()) {
            const std::string actual = formatted(test::slurp(input));
            const fs::path golden = fs::path(input).replace_extension(".formatted");
            if (std::getenv("UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << actual;
            INFO("golden: " << golden.string() << "\n--- actual ---\n" << actual);
            REQUIRE(fs::exists(golden));
            CHECK(test::slurp(golden) == actual);
            CHECK(formatted(actual) == actual);
            CHECK(actual != test::slurp(input));  // each golden shows the formatter at work
        }
    }
}

TEST_CASE("fmt: every policy of the repository formats, and formatting twice changes nothing") {
    std::size_t count = 0;
    for (const char* root : {"policies", "examples", "tests/golden"}) {
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension();
            if (ext != ".policy" && ext != ".examples" && ext != ".formatted") continue;
            const std::string text = test::slurp(entry.path());
            const FormatResult once = format_source(SourceFile(entry.path().string(), text));
            INFO(entry.path().string() << ": " << once.internal_error);
            CHECK(once.internal_error.empty());
            if (!once.ok()) continue;  // only files with syntax errors (tests of the checker)
            ++count;
            const FormatResult twice = format_source(SourceFile(entry.path().string(), once.text));
            REQUIRE(twice.ok());
            CHECK(twice.text == once.text);
        }
    }
    CHECK(count >= 10);
}

TEST_CASE("fmt: a policy and its formatted version decide every claim alike (warrant diff)") {
    std::size_t compared = 0;
    for (const char* root : {"policies", "examples", "tests/golden/check", "tests/golden/diff", "tests/golden/fmt"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (entry.path().extension() != ".policy") continue;
            const std::string text = test::slurp(entry.path());
            const CompileResult original = compile(std::make_shared<const SourceFile>(entry.path().string(), text));
            if (!original.ok()) continue;
            const FormatResult formatted = format_source(SourceFile(entry.path().string(), text));
            REQUIRE(formatted.ok());
            {
                // Claim by claim, through the interpreter: this covers what the diff does not
                // compare exactly (counts, dates and choices that claims carry).
                const CompileResult again = compile(std::make_shared<const SourceFile>("formatted.policy", formatted.text));
                REQUIRE(again.ok());
                std::mt19937 rng(7);
                for (int i = 0; i < 2000; ++i) {
                    const Claim claim = test::random_claim(*original.graph, rng);
                    const Decision a = decide(*original.graph, claim), b = decide(*again.graph, claim);
                    INFO(entry.path().string() << " claim " << i);
                    REQUIRE(a.rule == b.rule);
                    REQUIRE(a.warranty_until == b.warranty_until);
                }
            }
            const fs::path copy = fs::temp_directory_path() / ("warrant_fmt_diff_" + std::to_string(compared) + ".policy");
            std::ofstream(copy, std::ios::binary) << formatted.text;
            const auto run = test::cli({"diff", entry.path().string(), copy.string()});
            fs::remove(copy);
            INFO(entry.path().string() << "\n" << run.out << run.err);
            CHECK(run.code == 0);
            ++compared;
        }
    }
    CHECK(compared >= 10);
}

TEST_CASE("fmt: the bundled policies are formatted") {
    for (const auto& entry : fs::directory_iterator("policies")) {
        const std::string text = test::slurp(entry.path());
        const FormatResult result = format_source(SourceFile(entry.path().string(), text));
        INFO(entry.path().string() << " is not formatted: run `warrant fmt policies/`");
        REQUIRE(result.ok());
        CHECK(result.text == text);
    }
}

// ---- diff, files and the command line -------------------------------------------------------

TEST_CASE("fmt: --check shows a unified-style diff of the first changes") {
    CHECK(format::first_changes("a\nb\n", "a\nb\n", "f", 10).empty());
    CHECK(format::first_changes("1\n2\n3\nx\n4\n5\n6\n", "1\n2\n3\ny\n4\n5\n6\n", "f", 10) ==
          "--- f\n+++ f (formatted)\n@@ -2,5 +2,5 @@\n 2\n 3\n-x\n+y\n 4\n 5\n");
    // Only the first changes are shown.
    std::string before, after;
    for (int i = 0; i < 40; ++i) {
        before += "line " + std::to_string(i) + "\n";
        after += "line  " + std::to_string(i) + "\n";
    }
    const std::string diff = format::first_changes(before, after, "f", 6);
    CHECK(std::count(diff.begin(), diff.end(), '\n') == 2 + 1 + 6 + 1);
    CHECK(diff.substr(diff.size() - 4) == "...\n");
}

TEST_CASE("fmt: the file is replaced in one step, keeping its permissions") {
    TempDir dir;
    const fs::path file = dir.path / "p.policy";
    write(file, "part   a\n");
    ::chmod(file.c_str(), 0640);
    CHECK(format::replace_file_atomically(file, "part a\n").empty());
    CHECK(test::slurp(file) == "part a\n");
    CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(temps_beside(file).empty());
    // Through a symbolic link, the target is rewritten and the link stays a link.
    const fs::path link = dir.path / "link.policy";
    fs::create_symlink(file, link);
    CHECK(format::replace_file_atomically(link, "part b\n").empty());
    CHECK(fs::is_symlink(link));
    CHECK(test::slurp(file) == "part b\n");
    CHECK(temps_beside(file).empty());
}

TEST_CASE("fmt: a file that cannot be replaced is left untouched, with a clear error") {
    TempDir dir;
    const fs::path file = dir.path / "p.policy";
    const std::string original = "part   a\n";
    write(file, original);
    SECTION("read-only folder") {
        ::chmod(file.c_str(), 0644);
        ::chmod(dir.path.c_str(), 0555);
        test::CliRun run{};
        {
            NotRoot as_other_user;
            REQUIRE(::faccessat(AT_FDCWD, dir.path.c_str(), W_OK, AT_EACCESS) != 0);  // really read-only to us
            run = test::cli({"fmt", file.string()});
        }
        CHECK(run.code == 1);
        CHECK(run.err.find("p.policy: not formatted: cannot create " + (dir.path / format::temp_prefix_for(file)).string() + "XXXXXX.tmp") != std::string::npos);
        CHECK(run.err.find("Permission denied") != std::string::npos);
        ::chmod(dir.path.c_str(), 0755);
    }
    SECTION("the file changed after it was read: it is not overwritten") {
        const auto stamp = format::stamp_of(file);
        REQUIRE(stamp);
        write(file, "part    b\n");  // another edit, after `fmt` read the file
        const std::string error = format::replace_file_atomically(file, "part a\n", stamp);
        CHECK(error.find("changed since it was read") != std::string::npos);
        CHECK(test::slurp(file) == "part    b\n");
        write(file, original);
    }
    CHECK(test::slurp(file) == original);
    CHECK(temps_beside(file).empty());
}

TEST_CASE("fmt: the command line") {
    TempDir dir;
    const fs::path good = dir.path / "a.policy", bad = dir.path / "sub" / "b.examples", broken = dir.path / "c.policy";
    fs::create_directories(bad.parent_path());
    write(good, minimal);
    write(bad, "part   a\n");
    write(broken, "part a\nrule r per then o\n");
    write(dir.path / "notes.txt", "not a policy");

    SECTION("--check: 0 when every file is formatted") {
        const auto run = test::cli({"fmt", "--check", good.string()});
        CHECK(run.code == 0);
        CHECK(run.out == "1 file: 0 not formatted\n");
        CHECK(run.err.empty());
    }
    SECTION("--check: 1 and a diff when a file is not formatted, which stays as it is") {
        const auto run = test::cli({"fmt", "--check", bad.string()});
        CHECK(run.code == 1);
        CHECK(run.out == bad.string() + ": not formatted\n--- " + bad.string() + "\n+++ " + bad.string() +
                             " (formatted)\n@@ -1,1 +1,1 @@\n-part   a\n+part a\n1 file: 1 not formatted\n");
        CHECK(test::slurp(bad) == "part   a\n");
    }
    SECTION("folders: every .policy and .examples below; syntax errors fail and leave the file") {
        const auto run = test::cli({"fmt", dir.path.string()});
        CHECK(run.code == 1);
        CHECK(run.out == "formatted " + bad.generic_string() + "\n3 files: 1 reformatted, 1 with errors\n");
        CHECK(run.err.find("c.policy:2:") != std::string::npos);
        CHECK(run.err.find("c.policy: not formatted: it does not parse") != std::string::npos);
        CHECK(test::slurp(bad) == "part a\n");
        CHECK(test::slurp(broken) == "part a\nrule r per then o\n");
        CHECK(temps_beside(bad).empty());
        // Formatted files are then left alone.
        const auto again = test::cli({"fmt", "--check", good.string(), bad.string()});
        CHECK(again.code == 0);
    }
    SECTION("a path that does not exist") {
        const auto run = test::cli({"fmt", (dir.path / "missing.policy").string()});
        CHECK(run.code == 2);
        CHECK(run.err.find("no such file or folder") != std::string::npos);
    }
}
