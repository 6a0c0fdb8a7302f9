// The malformed-input corpus (tests/malformed): each class gets a clear diagnostic and the
// right exit code from `warrant check`, never a crash or a hang. Under the sanitizer build this
// also proves the absence of memory errors on these inputs.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using warrant::test::cli;

TEST_CASE("malformed inputs get clear errors") {
    struct Case {
        const char* file;
        int exit_code;
        const char* expected;  // a diagnostic code, or "" when the file must compile cleanly
    };
    const Case cases[] = {
        {"deep_parentheses.policy", 1, "[E1010]"},
        {"deep_negation.policy", 1, "[E1010]"},
        {"long_line.policy", 1, "[E0005]"},
        {"invalid_utf8.policy", 1, "[E0002]"},
        {"overlong_utf8.policy", 1, "[E0002]"},
        {"nul_bytes.policy", 1, "[E0003]"},
        {"bom.policy", 0, ""},
        {"crlf.policy", 0, ""},
        {"lone_cr.policy", 0, ""},
        {"truncated_string.policy", 1, "[E1009]"},
        {"truncated_block.policy", 1, "[E1008]"},
        {"binary_garbage.policy", 1, "[E0002]"},
        {"empty.policy", 1, "[E3005]"},
        {"only_comments.policy", 1, "[E3005]"},
    };
    std::size_t seen = 0;
    for (const auto& entry : fs::directory_iterator("tests/malformed")) {
        if (entry.path().extension() == ".policy") ++seen;
    }
    CHECK(seen == std::size(cases));  // every corpus file has an expectation here
    for (const Case& c : cases) {
        SECTION(c.file) {
            const auto run = cli({"check", std::string("tests/malformed/") + c.file});
            INFO(run.out << run.err);
            CHECK(run.code == c.exit_code);
            if (*c.expected) {
                CHECK(run.out.find(c.expected) != std::string::npos);
            } else {
                CHECK(run.out.find("error[") == std::string::npos);  // warnings such as W4112 may appear
            }
        }
    }
}

TEST_CASE("a file larger than the limit is refused without being parsed") {
    const fs::path huge = fs::temp_directory_path() / "warrant_huge.policy";
    {
        std::ofstream out(huge, std::ios::binary);
        const std::string line(1000, '#');
        for (std::size_t written = 0; written <= warrant::max_file_bytes; written += line.size() + 1) out << line << '\n';
    }
    const auto run = cli({"check", huge.string()});
    fs::remove(huge);
    CHECK(run.code == 1);
    CHECK(run.out.find("[E0004]") != std::string::npos);
}

TEST_CASE("a batch never loses a line, whatever the bytes") {
    std::string input;
    input += "{\"id\":1,\"model\":\"Xiaomi 15T\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-02\"}\n";
    input += std::string("\xff\xfe garbage\n");
    input += std::string("{\"id\":3,\"model\":\"\xc3\x28\"}\n");
    input += "\n";
    input += std::string(100000, '[') + "\n";
    input += "{\"id\":6,\"model\":\"Xiaomi 15T\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-02\"}";
    const auto run = cli({"query", "policies/xiaomi-hk.policy", "--batch", "-"}, input);
    CHECK(run.code == 1);
    std::size_t lines = 0;
    for (const char c : run.out) lines += c == '\n';
    CHECK(lines == 6);
    CHECK(run.out.rfind("{\"id\":1,\"verdict\"", 0) == 0);
    CHECK(run.out.find("{\"id\":6,\"verdict\"") != std::string::npos);
}
