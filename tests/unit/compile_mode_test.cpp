// Compile modes: `query` and `diff` compile for answering (no lints, no judgement of suppression
// comments), `check` and `test` run everything; errors stop both alike.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "test_support.hpp"
#include "warrant/compile.hpp"

using namespace warrant;
using warrant::test::cli;

namespace {

const std::string hk_path = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";

// Two look-alike model names (W4101), and a suppression that silences nothing (W0502).
const std::string warned =
    "policy \"p\" region XX effective 2024-01-01\ncalendar months clamp\nclause c \"t\"\npart device\n"
    "outcome repaired\noutcome paid\n"
    "series s { model \"Phone Alpha\" model \"Phone Alpah\" }\n"
    "period device 12 months per c\n"
    "# allow W4108: nothing here outlives its service\n"
    "rule r per c when claimed within warranty then repaired\nrule z per c then paid\n";

bool is_lint_code(Code code) {
    const std::string_view id = code_id(code);
    return id.rfind("W41", 0) == 0 || id.rfind("W05", 0) == 0;
}

std::set<std::string> codes_of(const CompileResult& r) {
    std::set<std::string> codes;
    for (const Diagnostic& d : r.diagnostics) codes.emplace(code_id(d.code));
    return codes;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("warrant-compile-mode-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

}  // namespace

TEST_CASE("compile modes: answering runs no lints and judges no suppressions") {
    const auto source = std::make_shared<const SourceFile>("w.policy", warned);
    const CompileResult checked = compile(source, CompileMode::Check);
    const CompileResult answered = compile(source, CompileMode::Answer);
    REQUIRE(checked.ok());
    REQUIRE(answered.ok());
    CHECK(codes_of(checked).count("W4101") == 1);
    CHECK(codes_of(checked).count("W0502") == 1);  // where the lints ran, the unused suppression is reported
    for (const Diagnostic& d : answered.diagnostics) CHECK_FALSE(is_lint_code(d.code));
    CHECK(answered.warning_count() == 0);
}

TEST_CASE("compile modes: the HK policy compiles for answering without its lint diagnostics") {
    const CompileResult checked = compile_file(hk_path, "xiaomi-hk.policy");
    const CompileResult answered = compile_file(hk_path, "xiaomi-hk.policy", CompileMode::Answer);
    REQUIRE(checked.ok());
    REQUIRE(answered.ok());
    CHECK(checked.suppressed_count() > 0);  // its suppressed lint warnings are there when checking
    for (const Diagnostic& d : answered.diagnostics) CHECK_FALSE(is_lint_code(d.code));
    CHECK(answered.suppressed_count() == 0);
    CHECK(answered.graph->models.size() == checked.graph->models.size());
    CHECK(answered.graph->rules.size() == checked.graph->rules.size());
}

TEST_CASE("compile modes: a broken invariant stops answering with the same error as checking") {
    const std::string text =
        "policy \"p\" region XX\ncalendar months clamp\nclause c \"t\"\npart device\noutcome o\n"
        "rule r per c then o\nseries s { model \"A\" model \"B\" }\nperiod device 12 months for \"A\" per c\n"
        "period device 6 months per c\n"
        "invariant i \"a year at least\" for every model require period device >= 12 months\n";
    const auto source = std::make_shared<const SourceFile>("i.policy", text);
    const CompileResult checked = compile(source, CompileMode::Check);
    const CompileResult answered = compile(source, CompileMode::Answer);
    CHECK_FALSE(answered.ok());
    REQUIRE(answered.error_count() == 1);
    REQUIRE(checked.error_count() == 1);
    const auto first_error = [](const CompileResult& r) {
        for (const Diagnostic& d : r.diagnostics) {
            if (d.severity == Severity::Error) return d;
        }
        return Diagnostic{};
    };
    CHECK(first_error(answered).code == Code::InvariantViolated);
    CHECK(first_error(answered).message == first_error(checked).message);
    CHECK(first_error(answered).span->begin == first_error(checked).span->begin);
}

TEST_CASE("compile modes: query and diff stay silent about lint warnings that check reports") {
    const TempDir dir;
    const std::string file = dir.write("w.policy", warned);
    const std::string copy = dir.write("w2.policy", warned);
    const auto query = cli({"query", file, "--query",
                            R"({"model":"Phone Alpha","part":"device","purchased":"2025-01-01","claimed":"2025-06-01"})"});
    CHECK(query.code == 0);
    CHECK(query.err.empty());
    CHECK(query.out.find("\"verdict\":\"repaired\"") != std::string::npos);
    const auto diff = cli({"diff", file, copy});
    CHECK(diff.code == 0);
    CHECK(diff.err.empty());
    const auto check = cli({"check", file});
    CHECK(check.code == 0);
    CHECK(check.out.find("W4101") != std::string::npos);
    CHECK(check.out.find("W0502") != std::string::npos);
}

TEST_CASE("compile modes: query stops on a broken invariant with its message") {
    const TempDir dir;
    const std::string file = dir.write(
        "i.policy",
        "policy \"p\" region XX\ncalendar months clamp\nclause c \"t\"\npart device\noutcome o\n"
        "rule r per c then o\nseries s { model \"A\" }\nperiod device 6 months per c\n"
        "invariant i \"a year at least\" for every model require period device >= 12 months\n");
    const auto query = cli({"query", file, "--query", R"({"model":"A","part":"device","purchased":"2025-01-01","claimed":"2025-06-01"})"});
    CHECK(query.code != 0);
    CHECK(query.err.find("E4001") != std::string::npos);
    CHECK(query.err.find("a year at least") != std::string::npos);
}
