// Diagnostics: the code registry, rendering, and coverage of every code by a golden test.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/render.hpp"

namespace fs = std::filesystem;
using namespace warrant;

TEST_CASE("diagnostics: codes are unique, well formed and round-trip") {
    std::set<std::string> seen;
    for (const Code code : all_codes()) {
        const std::string id(code_id(code));
        CHECK(seen.insert(id).second);
        REQUIRE(id.size() == 5);
        CHECK((id[0] == 'E' || id[0] == 'W'));
        CHECK(code_severity(code) == (id[0] == 'E' ? Severity::Error : Severity::Warning));
        CHECK(code_from_id(id) == code);
        CHECK_FALSE(code_summary(code).empty());
    }
}

TEST_CASE("diagnostics: every code is exercised by some golden test") {
    std::string goldens;
    for (const auto& entry : fs::recursive_directory_iterator("tests/golden")) {
        if (entry.path().extension() == ".out") goldens += test::slurp(entry.path());
    }
    // Limits that would need huge inputs are covered by unit tests instead.
    const std::set<std::string> unit_tested = {"E0001", "E0004", "E0005", "E1010", "E3010"};
    for (const Code code : all_codes()) {
        const std::string id(code_id(code));
        if (unit_tested.count(id)) continue;
        INFO("code " << id << " appears in no golden .out file");
        CHECK(goldens.find("[" + id + "]") != std::string::npos);
    }
}

TEST_CASE("diagnostics: underline sits under the span, counting wide characters twice") {
    const SourceFile file("t.policy", "clause c1 \"小米\" xyz\n");
    Diagnostic d;
    d.code = Code::UnexpectedText;
    d.message = "m";
    d.span = SourceSpan{19, 22};  // "xyz", after 2 CJK characters (6 bytes, 4 columns)
    const std::string text = render_text(d, {"t.policy", &file, {}});
    CHECK(text.find("t.policy:1:16: error[E1001]: m\n") == 0);  // columns count characters
    CHECK(text.find("\n   | " + std::string(17, ' ') + "^~~\n") != std::string::npos);
}

TEST_CASE("input limits: files that are too large, lines too long, unreadable paths") {
    CHECK(check_input(std::string(max_file_bytes + 1, 'a'))[0].code == Code::FileTooLarge);
    CHECK(check_input(std::string(max_line_bytes + 1, 'a'))[0].code == Code::LineTooLong);
    const CompileResult missing = compile_file("no/such/file.policy", "no/such/file.policy");
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].code == Code::CannotReadFile);
    const auto run = test::cli({"check", "no/such/file.policy"});
    CHECK(run.code == 2);
}

TEST_CASE("limits: more facts than a policy may declare") {
    std::string text = "policy \"p\" region XX\nclause c \"t\"\noutcome o\nrule r per c then o\n";
    for (std::size_t i = 0; i <= max_facts; ++i) text += "fact f" + std::to_string(i) + "\n";
    const auto result = compile(std::make_shared<const SourceFile>("many.policy", text));
    CHECK_FALSE(result.ok());
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics.back().code == Code::TooManyFacts);
}

TEST_CASE("diagnostics: take_sorted orders by position, then code, then as reported; append keeps the order") {
    // Random positions and codes with many ties, some without a span (first), reported into two
    // collections, the second appended; the reference is a stable sort of them all.
    std::uint32_t state = 20261207;
    const auto next = [&] { return state = state * 1664525u + 1013904223u; };
    const std::vector<Code> codes = all_codes();
    Diagnostics first, second;
    struct Expected {
        std::int64_t position;
        Code code;
        std::string message;
    };
    std::vector<Expected> expected;
    for (int i = 0; i < 2000; ++i) {
        const Code code = codes[next() % 5];
        const bool spanless = next() % 17 == 0;
        const std::uint32_t at = next() % 50;
        const std::string message = "d" + std::to_string(i);
        Diagnostics& into = i < 1200 ? first : second;
        if (spanless) into.report(code, std::nullopt, message);
        else into.report(code, SourceSpan{at, at + 1}, message);
        expected.push_back({spanless ? -1 : std::int64_t{at}, code, message});
    }
    first.append(std::move(second));
    CHECK(second.items().empty());
    std::stable_sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
        if (a.position != b.position) return a.position < b.position;
        return a.code < b.code;
    });
    const std::vector<Diagnostic> sorted = first.take_sorted();
    REQUIRE(sorted.size() == expected.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        INFO("at " << i);
        CHECK(sorted[i].message == expected[i].message);
    }
    CHECK(first.items().empty());
}
