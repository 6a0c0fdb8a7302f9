// Reading a JSON Lines batch in blocks: the lines must come out exactly as std::getline gives
// them (less one '\r' at the end), wherever the block boundaries fall; and `warrant query
// --batch` answers each line once, in order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cli/batch_reader.hpp"
#include "test_support.hpp"

using warrant::BatchLineReader;
using warrant::test::cli;

namespace {

std::vector<std::string> read_lines(const std::string& input, std::size_t block_size) {
    std::istringstream in(input);
    BatchLineReader reader(in, block_size);
    std::vector<std::string> lines;
    while (const auto line = reader.next()) lines.emplace_back(*line);
    return lines;
}

// What the batch loop did before reading in blocks: std::getline, then one '\r' dropped.
std::vector<std::string> getline_lines(const std::string& input) {
    std::istringstream in(input);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::size_t count_lines(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += c == '\n';
    return n;
}

const std::string policy = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";
const std::string good_line =
    R"({"id":1,"model":"Redmi Note 13","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})";

}  // namespace

TEST_CASE("batch reader: lines across block boundaries", "[batch]") {
    const std::string input = "first line\nsecond, longer line\n\nthird\n";
    for (const std::size_t block : {1, 2, 3, 5, 8, 64}) {
        INFO("block size " << block);
        CHECK(read_lines(input, block) == std::vector<std::string>{"first line", "second, longer line", "", "third"});
    }
}

TEST_CASE("batch reader: a last line without a newline still counts", "[batch]") {
    CHECK(read_lines("a\nb", 4) == std::vector<std::string>{"a", "b"});
    CHECK(read_lines("only", 2) == std::vector<std::string>{"only"});
    CHECK(read_lines("a\n", 4) == std::vector<std::string>{"a"});  // a final newline starts no line
    CHECK(read_lines("", 4).empty());
    CHECK(read_lines("\n", 4) == std::vector<std::string>{""});
}

TEST_CASE("batch reader: CRLF line ends lose one carriage return", "[batch]") {
    CHECK(read_lines("a\r\nb\r\n", 3) == std::vector<std::string>{"a", "b"});
    CHECK(read_lines("a\r\r\nb\r", 3) == std::vector<std::string>{"a\r", "b"});
    CHECK(read_lines("a\rb\n\r\n", 2) == std::vector<std::string>{"a\rb", ""});
}

TEST_CASE("batch reader: a line longer than a block grows the buffer", "[batch]") {
    const std::string long_line(100000, 'x');
    CHECK(read_lines("s\n" + long_line + "\nt", 16) == std::vector<std::string>{"s", long_line, "t"});
}

TEST_CASE("batch reader: agrees with std::getline on every split", "[batch]") {
    // Deterministic inputs over a small alphabet, so that newlines and carriage returns land
    // on and around every block boundary.
    const char alphabet[] = {'a', 'b', '\n', '\r', '\n', 'c'};
    std::uint32_t state = 12345;
    for (int round = 0; round < 200; ++round) {
        std::string input;
        const std::size_t length = state % 40;
        for (std::size_t i = 0; i < length; ++i) {
            state = state * 1103515245u + 12345u;
            input += alphabet[(state >> 16) % sizeof alphabet];
        }
        state = state * 1103515245u + 12345u;
        const auto expected = getline_lines(input);
        for (const std::size_t block : {1, 2, 3, 7, 16}) {
            INFO("round " << round << ", block size " << block);
            CHECK(read_lines(input, block) == expected);
        }
    }
}

TEST_CASE("batch: one answer per line, in order, also for a last line without newline", "[batch]") {
    const std::string input = good_line + "\r\n" + "not json\n" + "\n" + good_line;
    const auto run = cli({"query", policy, "--batch", "-"}, input);
    CHECK(run.code == 1);  // two of the lines fail
    REQUIRE(count_lines(run.out) == 4);
    std::istringstream out(run.out);
    std::string line;
    std::getline(out, line);
    CHECK(line.find(R"("verdict":)") != std::string::npos);
    std::getline(out, line);
    CHECK(line.find(R"("code":"malformed_json")") != std::string::npos);
    std::getline(out, line);
    CHECK(line.find(R"("code":"malformed_json")") != std::string::npos);
    std::getline(out, line);
    CHECK(line.find(R"("verdict":)") != std::string::npos);
}

TEST_CASE("batch: hostile lines each get one error line", "[batch]") {
    const std::string hostile[] = {
        std::string(R"({"id":1,"model":"bad)") + "\xff\xfe" + R"(","part":"device"})",  // invalid UTF-8
        std::string(R"({"id":2,"model":"nul)") + '\0' + R"("})",                         // a NUL byte
        std::string(100000, '['),                                                       // deep nesting
        R"({"id":4,"model":")" + std::string(3000000, 'A') + R"("})",                   // a huge line
    };
    std::string input;
    for (const std::string& line : hostile) input += line + "\n";
    const auto run = cli({"query", policy, "--batch", "-"}, input);
    CHECK(run.code == 1);
    CHECK(count_lines(run.out) == std::size(hostile));
    CHECK(run.out.find(R"("verdict":)") == std::string::npos);
}

TEST_CASE("batch reader: an over-long line's kept start never takes bytes of the next line") {
    // Found by fuzz_batch_reader: with a limit below the buffer's least size (4 bytes), a whole
    // over-long line and its newline fit in the buffer, and the kept start ran on past it.
    std::istringstream in("abc\nx\n");
    warrant::BatchLineReader reader(in, 64, 1, std::size_t{1} << 20);
    const auto first = reader.next();
    REQUIRE(first);
    CHECK(reader.too_long());
    CHECK(*first == "abc");
    const auto second = reader.next();
    REQUIRE(second);
    CHECK(!reader.too_long());
    CHECK(*second == "x");
    CHECK(!reader.next());
}
