// A large text is parsed in two halves at once (parse/parser.cpp): the tree, its spans and the
// syntax errors must be those of parsing it in one go. Here every text is cut (a threshold of
// 0 bytes), whatever its size, and compared with the same text parsed whole.
#include <catch2/catch.hpp>

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "format/ast_equal.hpp"
#include "parse/parser.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

constexpr std::size_t always = 0;
constexpr std::size_t never = std::numeric_limits<std::size_t>::max();

struct Parsed {
    std::optional<ast::Module> module;
    std::vector<Diagnostic> errors;
};

Parsed parse_text(const std::string& text, std::size_t halves_from) {
    const SourceFile file("t.policy", text);
    Diagnostics diags;
    Parsed out;
    out.module = parse(file, diags, halves_from);
    out.errors = diags.take_sorted();
    return out;
}

void check_alike(const std::string& text) {
    const Parsed whole = parse_text(text, never);
    const Parsed halves = parse_text(text, always);
    REQUIRE(whole.module.has_value() == halves.module.has_value());
    if (whole.module) {
        CHECK(format::same_module(*whole.module, *halves.module));
        CHECK(format::statement_spans(*whole.module) == format::statement_spans(*halves.module));
    }
    REQUIRE(whole.errors.size() == halves.errors.size());
    for (std::size_t i = 0; i < whole.errors.size(); ++i) {
        CHECK(whole.errors[i].code == halves.errors[i].code);
        CHECK(whole.errors[i].span == halves.errors[i].span);
        CHECK(whole.errors[i].message == halves.errors[i].message);
        CHECK(whole.errors[i].hint == halves.errors[i].hint);
    }
}

}  // namespace

TEST_CASE("parse in halves: the bundled policies and every golden policy parse as in one go") {
    std::vector<fs::path> files = {"policies/xiaomi-hk.policy", "examples/cn-sanbao/phones.policy",
                                   "examples/cn-sanbao/phones.examples"};
    for (const auto& entry : fs::recursive_directory_iterator("tests/golden")) {
        if (entry.path().extension() == ".policy" || entry.path().extension() == ".examples") files.push_back(entry.path());
    }
    REQUIRE(files.size() > 30);
    for (const fs::path& path : files) {
        INFO(path.generic_string());
        check_alike(test::slurp(path));
    }
}

TEST_CASE("parse in halves: a cut that is not a statement's start, and errors in either half") {
    const std::string head = test::slurp("policies/xiaomi-hk.policy") + "\n";
    // The middle falls inside an example whose claim goes on over lines, and the first line
    // after the middle starts with `part` (a statement keyword, here continuing the claim): the
    // first half runs past the cut, and the text is parsed in one go.
    const std::string claim = "example split_here \"a claim written over lines\"\nclaim model \"Xiaomi 15T\"\n";
    const std::string rest = "part device purchased 2025-01-01 claimed 2025-02-01\nexpect free_repair\n";
    std::string text = head + claim + rest;
    // Comment lines after it, so that the middle of the text is the middle of `claim`.
    const std::size_t want = head.size() + claim.find("claim model") + 3;
    std::string padding;
    while (text.size() + padding.size() < 2 * want) padding += "# padding\n";
    text += padding;
    text.resize(2 * want - 1);
    text += "\n";
    const std::size_t middle_line = text.find('\n', text.size() / 2);
    REQUIRE(text.compare(middle_line + 1, 11, "part device") == 0);
    check_alike(text);
    check_alike(head + claim + rest);

    // A syntax error in the first half, in the second, and one at the start of the second
    // half, whose message names the statement before it.
    check_alike("part device2 \"x\" )\n" + head);
    check_alike(head + "\nrule broken per s1 when then a\n");
    std::string at_cut = head;
    const std::size_t cut = at_cut.find("\nrule ", at_cut.size() / 2);
    REQUIRE(cut != std::string::npos);
    at_cut.insert(cut + 1, "rule r per \n");
    check_alike(at_cut);
}

TEST_CASE("parse in halves: a catalogue of thousands of periods parses as in one go") {
    std::string text = test::slurp("policies/xiaomi-hk.policy");
    text += "series bulk {\n";
    for (int i = 0; i < 3000; ++i) text += "    model \"Bulk " + std::to_string(i) + "\"\n";
    text += "}\n";
    for (int i = 0; i < 3000; ++i) {
        text += "period battery " + std::to_string(3 + i % 30) + " months for \"Bulk " + std::to_string(i) + "\" per s2.phone\n";
    }
    check_alike(text);
}
