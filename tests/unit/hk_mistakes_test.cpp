// A copy of the HK policy with four mistakes of different stages (a misspelt model, an
// impossible date, a duplicated period, an unknown fact): one run must report all four, each
// on its own line with an underline and a hint, and `check` must exit 1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using warrant::test::cli;
using warrant::test::slurp;

namespace {

// Replaces the first `from` by `to`, and returns the 1-based line where `to` now starts.
std::size_t seed(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
}

// The diagnostic's first line (file:line:col: error[CODE]) and the two lines after it.
std::string block_of(const std::string& out, const std::string& head) {
    const auto at = out.find(head);
    if (at == std::string::npos) return "";
    auto end = at;
    for (int lines = 0; lines < 4 && end != std::string::npos; ++lines) end = out.find('\n', end + 1);
    return out.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

TEST_CASE("hk: four mistakes of different kinds are all reported in one run", "[hk][check]") {
    std::string text = slurp("policies/xiaomi-hk.policy");
    REQUIRE(!text.empty());
    const std::string charger = "period charger  6 months";
    const auto general_charger = text.find(charger);
    REQUIRE(general_charger != std::string::npos);
    const auto line_end = text.find('\n', general_charger);
    const std::string repeated = text.substr(general_charger, line_end - general_charger);
    const auto duplicate_line = seed(text, repeated + "\n", repeated + "\n" + repeated + "\n") + 1;
    // Seeded after the duplicate line, which moves the lines below it.
    const auto model_line = seed(text, "for \"Xiaomi Mix Flip\"", "for \"Xiaomi Mix Flipp\"");
    const auto date_line = seed(text, "end_of_service 2021-12-03", "end_of_service 2021-02-30");
    const auto fact_line = seed(text, "and same_fault and", "and same_fualt and");

    const fs::path copy = fs::temp_directory_path() / "warrant_hk_four_mistakes.policy";
    std::ofstream(copy, std::ios::binary) << text;
    const auto run = cli({"check", copy.string()});
    fs::remove(copy);
    INFO(run.out << run.err);
    CHECK(run.code == 1);

    const std::string file = copy.string() + ":";
    const struct {
        std::size_t line;
        const char* code;
        const char* hint;
    } expected[] = {
        {model_line, "error[E2001]", "did you mean `Xiaomi Mix Flip`?"},
        {date_line, "error[E3001]", "2021-02 has 28 days"},
        {duplicate_line, "error[E3003]", "remove the repeated period"},
        {fact_line, "error[E2004]", "did you mean `same_fault`?"},
    };
    for (const auto& e : expected) {
        const std::string head = file + std::to_string(e.line) + ":";
        const std::string block = block_of(run.out, head);
        INFO(e.code << " expected at line " << e.line);
        CHECK(block.find(e.code) != std::string::npos);
        CHECK(block.find("^~") != std::string::npos);  // the underline
        CHECK(block.find(e.hint) != std::string::npos);
    }
    CHECK(run.out.find("4 errors") != std::string::npos);
}
