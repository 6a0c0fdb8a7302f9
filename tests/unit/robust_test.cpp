// Robustness and messages: wrong paths, bounded input, batch limits and framing, duplicate
// fields, `warrant explain`, unknown commands, and what reports carry. The tests that need real
// processes (concurrent `fmt` runs with kills, an interactive batch over a pipe, a 200 MB line,
// memory limits) are in tests/process/.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/batch_reader.hpp"
#include "cli/checks_doc.hpp"
#include "support/echo.hpp"
#include "support/read_bounded.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/query.hpp"
#include "warrant/render.hpp"

namespace fs = std::filesystem;
using namespace warrant;
using test::cli;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static int count = 0;
        path = fs::temp_directory_path() / ("warrant-robust-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const std::string hk = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";
const std::string good_line =
    R"({"id":1,"model":"Redmi Note 13","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})";

std::string batch(const std::string& input) { return cli({"query", hk, "--batch", "-"}, input).out; }

std::vector<std::string> reader_lines(const std::string& input, std::size_t block, std::size_t max_line,
                                      std::size_t max_skipped, std::vector<bool>* too_long = nullptr,
                                      std::string* error = nullptr) {
    std::istringstream in(input);
    BatchLineReader reader(in, block, max_line, max_skipped);
    std::vector<std::string> lines;
    while (const auto line = reader.next()) {
        lines.emplace_back(*line);
        if (too_long) too_long->push_back(reader.too_long());
    }
    if (error) *error = reader.error();
    return lines;
}

}  // namespace

// ---- item 9: a wrong path gets the same clear error from every command ----------------------

TEST_CASE("paths: an empty folder, a folder without policies, a folder named x.policy", "[paths]") {
    TempDir dir;
    const fs::path empty = dir.path / "empty", other = dir.path / "other", named = dir.path / "x.policy";
    fs::create_directories(empty);
    fs::create_directories(other);
    fs::create_directories(named);
    write(other / "notes.txt", "not a policy\n");
    for (const fs::path& folder : {empty, other, named}) {
        const std::string path = folder.string();
        INFO(path);
        const std::vector<std::vector<std::string>> commands = {
            {"check", path}, {"fmt", "--check", path}, {"fmt", path}, {"test", path},
            {"query", path, "--query", good_line}, {"diff", path, hk}, {"diff", hk, path},
        };
        for (const auto& args : commands) {
            INFO(args[0] << " " << args[1]);
            const auto run = cli(args);
            CHECK(run.code == 2);
            CHECK(run.err.find("warrant: no .policy") != std::string::npos);
            CHECK(run.err.find(" files in " + path) != std::string::npos);
            CHECK(run.out.find("checked 0 files") == std::string::npos);
        }
    }
}

TEST_CASE("paths: query --batch on a folder", "[paths]") {
    TempDir dir;
    const auto run = cli({"query", hk, "--batch", dir.path.string()});
    CHECK(run.code == 2);
    CHECK(run.err == "warrant: " + dir.path.string() + " is a folder, not a file\n");
    CHECK(run.out.empty());
}

// ---- item 2: one bounded reader -------------------------------------------------------------

TEST_CASE("bounded reader: size checked before reading and while reading", "[input]") {
    TempDir dir;
    SECTION("a 10 GB sparse file is refused by its size, without reading it") {
        const fs::path big = dir.path / "big.policy";
        write(big, "");
        fs::resize_file(big, std::uintmax_t{10} << 30);
        const auto start = std::chrono::steady_clock::now();
        const BoundedRead read = read_file_bounded(big.string(), max_file_bytes);
        CHECK(read.status == BoundedRead::Status::TooLarge);
        CHECK(read.message == big.string() + " has 10737418240 bytes; at most 64 MiB are read");
        CHECK(read.bytes.capacity() < 1024);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"check", big.string()}, {"fmt", big.string()}, {"test", big.string()},
                 {"query", big.string(), "--query", good_line}, {"diff", big.string(), hk}}) {
            INFO(args[0]);
            const auto run = cli(args);
            CHECK(run.code != 0);
            CHECK((run.out + run.err).find(big.string() + " has 10737418240 bytes; at most 64 MiB are read") != std::string::npos);
        }
    }
    SECTION("an endless device is read only up to the limit") {
        const BoundedRead read = read_file_bounded("/dev/zero", 1 << 20);
        CHECK(read.status == BoundedRead::Status::TooLarge);
        CHECK(read.message == "/dev/zero has more than 1 MiB (it may not end); at most 1 MiB are read");
        const auto run = cli({"check", "/dev/zero"});
        CHECK(run.code == 1);
        CHECK(run.out.find("error[E0004]: /dev/zero has more than 64 MiB (it may not end); at most 64 MiB are read") !=
              std::string::npos);
    }
    SECTION("a folder, and a file that does not exist") {
        CHECK(read_file_bounded(dir.path.string(), 10).status == BoundedRead::Status::IsFolder);
        const BoundedRead missing = read_file_bounded((dir.path / "missing").string(), 10);
        CHECK(missing.status == BoundedRead::Status::CannotOpen);
        CHECK(missing.message.find("No such file") != std::string::npos);
    }
    SECTION("a file within the limit is read whole, exactly at the limit too") {
        write(dir.path / "f", "12345");
        CHECK(read_file_bounded((dir.path / "f").string(), 5).bytes == "12345");
        CHECK(read_file_bounded((dir.path / "f").string(), 4).status == BoundedRead::Status::TooLarge);
    }
}

// ---- item 3: batch line limit ---------------------------------------------------------------

TEST_CASE("batch reader: a line over the limit comes out once, marked, with its start only", "[batch]") {
    const std::string long_line = R"({"id":"L","model":")" + std::string(100, 'x') + "\"}";
    for (const std::size_t block : {4, 7, 16, 64, 4096}) {
        INFO("block " << block);
        std::vector<bool> marks;
        const auto lines = reader_lines("a\n" + long_line + "\nb\n" + long_line, block, 32, 1 << 20, &marks);
        REQUIRE(lines.size() == 4);
        CHECK(lines[0] == "a");
        CHECK(lines[2] == "b");
        CHECK(marks == std::vector<bool>{false, true, false, true});
        CHECK(long_line.rfind(lines[1], 0) == 0);
        CHECK(long_line.rfind(lines[3], 0) == 0);
    }
    // A line of exactly the limit is a line.
    std::vector<bool> marks;
    CHECK(reader_lines(std::string(32, 'y') + "\nz", 8, 32, 1 << 20, &marks) ==
          std::vector<std::string>{std::string(32, 'y'), "z"});
    CHECK(marks == std::vector<bool>{false, false});
}

TEST_CASE("batch reader: a line that never ends stops the reader with an error", "[batch]") {
    std::string error;
    const auto lines = reader_lines("ok\n" + std::string(5000, 'x'), 64, 16, 1000, nullptr, &error);
    CHECK(lines.size() == 2);
    CHECK(error.find("a line goes on for more than") != std::string::npos);
    // Within the bound, the rest goes on.
    CHECK(reader_lines("ok\n" + std::string(500, 'x') + "\nthen", 64, 16, 1000, nullptr, &error).back() == "then");
    CHECK(error.empty());
}

TEST_CASE("batch: a line over 1 MiB gets one line_too_long answer with its id; the rest goes on", "[batch]") {
    const std::string huge = R"({"id":"big","model":")" + std::string(3 << 20, 'M') + R"(","part":"device"})";
    const auto run = cli({"query", hk, "--batch", "-"}, good_line + "\n" + huge + "\n" + good_line + "\n");
    CHECK(run.code == 1);
    std::istringstream out(run.out);
    std::vector<std::string> answers;
    for (std::string line; std::getline(out, line);) answers.push_back(line);
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].find("\"verdict\"") != std::string::npos);
    CHECK(answers[1] ==
          R"({"id":"big","error":{"code":"line_too_long","message":"the line is longer than 1048576 bytes; batch lines may have at most 1 MiB","hint":"write one claim per line"}})");
    CHECK(answers[2] == answers[0]);
}

TEST_CASE("batch: a file answered on several threads gives the answers of one, in order", "[batch]") {
    // Enough lines for several chunks of each thread, with errors of every kind among them, a
    // line over the limit (bigger than a chunk), blank lines and no final newline.
    TempDir dir;
    std::string text;
    int lines = 0;
    for (int i = 0; i < 30000; ++i, ++lines) {
        switch (i % 7) {
            case 0: text += "{\"id\":" + std::to_string(i) + R"(,"model":"Redmi Note 13","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})"; break;
            case 1: text += "{\"id\":" + std::to_string(i) + R"(,"model":"Redmi Note 99","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})"; break;
            case 2: text += "{\"id\":" + std::to_string(i) + ",\"model\":"; break;
            case 3: text += ""; break;
            case 4: text += "{\"id\":" + std::to_string(i) + R"(,"model":"Xiaomi 15T","part":"battery","purchased":"2025-02-30","claimed":"2025-03-05"})"; break;
            default: text += "{\"id\":" + std::to_string(i) + R"(,"model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":")" +
                             (i % 2 ? "2026-03-22" : "2025-06-01") + "\"}";
        }
        if (i == 12345) text += "\n{\"id\":\"big\",\"model\":\"" + std::string(3 << 20, 'M') + "\"}", ++lines;
        if (i + 1 < 30000) text += '\n';
    }
    write(dir.path / "claims.jsonl", text);
    const std::string file = (dir.path / "claims.jsonl").string();
    const auto one = cli({"query", hk, "--batch", file, "--jobs", "1"});
    CHECK(one.code == 1);
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') == lines);
    CHECK(one.out.find("line_too_long") != std::string::npos);
    for (const char* jobs : {"2", "3"}) {
        const auto many = cli({"query", hk, "--batch", file, "--jobs", jobs});
        INFO("--jobs " << jobs);
        CHECK(many.code == one.code);
        CHECK(many.out == one.out);
        CHECK(many.err == one.err);
    }
}

// On a catalogue large enough for the batch to hint the lines ahead (LineHints), the answers are still those of one thread, whatever the lines hold: the hints read
// each line with a shortcut of their own, which must never go wrong on a line they misread.
TEST_CASE("batch: on a large catalogue, threads that hint lines ahead give the answers of one", "[batch]") {
    TempDir dir;
    constexpr int models = 20000;
    std::string policy = "policy \"Large\" region ZZ \"Zed\" effective 2024-01-01\n"
                         "calendar months clamp\n"
                         "clause c1 \"Repairs are free for a year.\"\n"
                         "part device \"Device\"\noutcome free \"Free repair\"\noutcome paid \"Paid repair\"\n"
                         "series s \"Series\" {\n";
    for (int m = 0; m < models; ++m) policy += "    model \"Model " + std::to_string(m) + (m % 3 ? " Pro" : "") + "\"\n";
    policy += "}\nperiod device 12 months per c1\n"
              "rule covered per c1\n    when claimed within warranty\n    then free\n"
              "rule otherwise per c1\n    then paid\n";
    write(dir.path / "large.policy", policy);
    std::string text;
    int lines = 0;
    const std::string rest = R"(","part":"device","purchased":"2024-02-29","claimed":"2025-02-28"})";
    for (int i = 0; i < 12000; ++i, ++lines) {
        const std::string model = "Model " + std::to_string((i * 7919) % models) + ((i * 7919) % models % 3 ? " Pro" : "");
        switch (i % 9) {
            case 0: text += R"({"model":")" + model + rest; break;
            case 1: text += R"({"id":1,"model":"MODEL)" + model.substr(5) + rest; break;
            case 2: text += R"({"model" : ")" + model + rest; break;                  // not the compact form
            case 3: text += R"({"model":")" + model; break;                           // cut in the name
            case 4: text += R"({"model":")"; break;                                   // cut after the key
            case 5: text += R"({"model":"Model \"7\"","part":"device"})"; break;      // escapes
            case 6: text += R"({"xmodel":"1","model":"no such model)" + rest; break;
            case 7: text += R"("model":")" + model + rest; break;                     // not an object
            default: text += R"({"region":"ZZ","model":")" + model + R"(","part":"device","purchased":"2024-02-29","claimed":"2025-03-01"})";
        }
        if (i + 1 < 12000) text += '\n';
    }
    write(dir.path / "claims.jsonl", text);
    const std::string policy_path = (dir.path / "large.policy").string(), file = (dir.path / "claims.jsonl").string();
    const auto one = cli({"query", policy_path, "--batch", file, "--jobs", "1"});
    CHECK(one.code == 1);
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') == lines);
    CHECK(one.out.find("\"verdict\":\"free\"") != std::string::npos);
    CHECK(one.out.find("\"verdict\":\"paid\"") != std::string::npos);
    const auto many = cli({"query", policy_path, "--batch", file, "--jobs", "2"});
    CHECK(many.code == one.code);
    CHECK(many.out == one.out);
}

TEST_CASE("batch: errors echo at most the start of a long value", "[batch]") {
    const std::string name(500000, 'n');
    const std::string out = batch(R"({"id":2,"model":")" + name + R"(","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})");
    CHECK(out.find("unknown_model") != std::string::npos);
    CHECK(out.size() < 1000);
    CHECK(out.find(std::string(max_echoed_bytes, 'n') + "\u2026`") != std::string::npos);
    std::string storage;
    CHECK(cap_quoted("short `name`", storage) == "short `name`");
    // Cut on a character boundary.
    const std::string chinese = "`" + std::string(200, 'a') + "\u7c73\u7c73\u7c73` end";
    const std::string_view cut = cap_quoted(chinese, storage, 201);
    CHECK(cut == "`" + std::string(200, 'a') + "\u2026` end");
}

// ---- item 6: duplicate fields ---------------------------------------------------------------

// A line that fails to read is answered with the id read before the problem, without reading
// the line again: the same id query_id finds, for every cut and every byte changed.
TEST_CASE("query: a line that fails to read carries the id query_id finds", "[batch][id]") {
    const CompileResult compiled = compile_file(hk, "policies/xiaomi-hk.policy");
    REQUIRE(compiled.ok());
    PolicySet set;
    set.add(compiled.graph);
    const std::vector<std::string> lines = {
        good_line,
        R"({"model":"Redmi Note 13","id":"a\"b","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"})",
        R"({"facts":{"misuse":true,"misuse":false},"id":7,"model":"x"})",
        R"({"part":"device","facts":{"misuse":tru},"id":[1,{"a":2}]})",
        R"({"id":{"n":[1,2,{"x":null}]},"model":"Redmi Note 13","facts":{"a":1.5e3,"b":-0}})",
    };
    int failures = 0, checked = 0;
    const auto check = [&](const std::string& line) {
        bool failed = false;
        const std::string answer = answer_line(set, line, false, failed);
        if (!failed || answer.find("\"error\":") == std::string::npos) return;
        ++checked;
        const std::string want = "{\"id\":" + query_id(line) + ",\"error\":";
        if (answer.rfind(want, 0) != 0) {
            ++failures;
            FAIL_CHECK("line " << line << "\nanswer " << answer << "\nexpected it to start " << want);
        }
    };
    for (const std::string& line : lines) {
        for (std::size_t cut = 0; cut <= line.size(); ++cut) check(line.substr(0, cut));
        for (std::size_t at = 0; at < line.size(); ++at) {
            for (const char c : {'"', '}', '{', ',', ':', '\\', 'x', '1', ' ', '\x01', ']'}) {
                std::string changed = line;
                changed[at] = c;
                check(changed);
            }
        }
    }
    CHECK(failures == 0);
    CHECK(checked > 1000);
}


TEST_CASE("query: a field given twice is an error, duplicate_field", "[batch][duplicate]") {
    const std::string base = R"("model":"Redmi Note 13","part":"device","purchased":"2022-01-10","claimed":"2023-01-05")";
    const auto code_of = [](const std::string& answer) {
        const auto at = answer.find("\"code\":\"");
        return at == std::string::npos ? std::string() : answer.substr(at + 8, answer.find('"', at + 8) - at - 8);
    };
    const std::string ids = batch(R"({"id":30,)" + base + R"(,"id":31})");
    CHECK(code_of(ids) == "duplicate_field");
    CHECK(ids.rfind(R"({"id":30,"error":{"code":"duplicate_field","message":"`id` is given twice in the same object")", 0) == 0);
    CHECK(code_of(batch(R"({"id":1,)" + base + R"(,"part":"battery"})")) == "duplicate_field");
    CHECK(code_of(batch(R"({"id":1,)" + base + R"(,"claimed":"2023-01-06"})")) == "duplicate_field");
    CHECK(code_of(batch(R"({"id":1,)" + base + R"(,"facts":{"misuse":true,"misuse":false}})")) == "duplicate_field");
    // An escaped spelling of the same key is the same key.
    CHECK(code_of(batch(R"({"id":1,)" + base + R"(,"p\u0061rt":"device"})")) == "duplicate_field");
    // Many distinct keys are fine (and linear); then one repeated is found.
    std::string many = R"({"id":1,)" + base + R"(,"facts":{)";
    for (int i = 0; i < 2000; ++i) many += "\"f" + std::to_string(i) + "\":false,";
    CHECK(code_of(batch(many + R"("f7":true}})")) == "duplicate_field");
    CHECK(code_of(batch(many + R"("g":true}})")) == "unknown_fact");
    CHECK(code_of(batch(R"({"id":1,)" + base + "}")).empty());
}

// ---- item 7: byte-order mark ----------------------------------------------------------------

TEST_CASE("batch: a UTF-8 byte-order mark at the start is skipped", "[batch]") {
    const std::string plain = batch(good_line + "\n" + good_line + "\n");
    CHECK(batch("\xEF\xBB\xBF" + good_line + "\n" + good_line + "\n") == plain);
    CHECK(plain.find("error") == std::string::npos);
    // Only at the start, and split across reads.
    CHECK(reader_lines("\xEF\xBB\xBF" "a\n\xEF\xBB\xBF" "b", 1, 64, 1 << 20) ==
          std::vector<std::string>{"a", "\xEF\xBB\xBF" "b"});
    CHECK(reader_lines("\xEF\xBB", 1, 64, 1 << 20) == std::vector<std::string>{"\xEF\xBB"});
}

// ---- item 14: warrant explain ---------------------------------------------------------------

TEST_CASE("explain: every code has its page in docs/checks.md, printed by `warrant explain`", "[explain]") {
    for (const Code code : all_codes()) {
        const std::string id(code_id(code));
        INFO(id);
        const auto page = checks_doc_page(id);
        REQUIRE(page);
        CHECK(page->rfind("### " + id + " ", 0) == 0);
        CHECK(page->size() > 40);
        const auto run = cli({"explain", id});
        CHECK(run.code == 0);
        CHECK(run.out == std::string(*page) + "\n");
    }
    // The page is the docs' text, from its heading to the next.
    const std::string docs = test::slurp(std::string(WARRANT_SOURCE_DIR) + "/docs/checks.md");
    CHECK(checks_doc() == docs);
    const auto run = cli({"explain", "e0003"});
    CHECK(run.out == "### E0003 NulByte\n\nThe file contains a NUL byte: it is a binary file or UTF-16 text, not a policy.\n"
                     "Failing: a policy saved as UTF-16. Fixed: the same text saved as UTF-8. A policy image written\n"
                     "by `warrant build` is named as such, with the hint to answer from it with `warrant query --image`.\n");
    CHECK(cli({"explain", "NulByte"}).out == run.out);
}

TEST_CASE("explain: an unknown code gets a did-you-mean and exit 2", "[explain]") {
    const auto run = cli({"explain", "E20011"});
    CHECK(run.code == 2);
    CHECK(run.err.find("warrant explain: no diagnostic code `E20011`; did you mean `E2001`") != std::string::npos);
    const auto name = cli({"explain", "NulBite"});
    CHECK(name.code == 2);
    CHECK(name.err.find("no diagnostic code `NulBite`; did you mean `NulByte`?") != std::string::npos);
    CHECK(cli({"explain"}).code == 2);
}

// ---- item 17: unknown commands --------------------------------------------------------------

TEST_CASE("cli: an unknown command is named, with the commands and a did-you-mean", "[cli]") {
    const auto typo = cli({"explian", "E0001"});
    CHECK(typo.code == 2);
    CHECK(typo.err.rfind("warrant: unknown command `explian`; did you mean `explain`?\ncommands: check query test fmt diff ", 0) == 0);
    const std::string listed = typo.err.substr(0, typo.err.find("\nrun `warrant --help`"));
    CHECK(listed.find(" explain") != std::string::npos);
    const auto other = cli({"frobnicate"});
    CHECK(other.code == 2);
    CHECK(other.err.find("unknown command `frobnicate`") != std::string::npos);
    CHECK(other.err.find("commands: ") != std::string::npos);
    CHECK(cli({"check", hk}).code == 0);  // known commands are untouched
}

// ---- item 15: what reports carry ------------------------------------------------------------

TEST_CASE("check --format json carries notes with their positions", "[report]") {
    TempDir dir;
    write(dir.path / "p.policy", "policy \"p\" region XX\ncalendar months clamp last_day covered\nclause c \"c\"\npart device \"d\"\npart device \"d\"\noutcome o\nrule r per c then o\n");
    const auto run = cli({"check", "--format", "json", (dir.path / "p.policy").string()});
    CHECK(run.out.find(R"("notes":[{"message":)") != std::string::npos);
    CHECK(std::regex_search(run.out, std::regex(R"("notes":\[\{"message":"[^"]*","line":4,"column":\d+,"end_line":4,"end_column":\d+\}\])")));
}

TEST_CASE("check --format sarif gives the base of relative paths", "[report]") {
    const auto run = cli({"check", "--format", "sarif", "policies/xiaomi-hk.policy"});
    const std::string base = "file://" + fs::current_path().string() + "/";
    CHECK(run.out.find(R"("originalUriBaseIds":{"SRCROOT":{"uri":")" + base + "\"") != std::string::npos);
    CHECK(run.out.find(R"("uri":"policies/xiaomi-hk.policy","uriBaseId":"SRCROOT")") != std::string::npos);
}

TEST_CASE("check names UTF-16 and Big5/GBK files, and never prints their NUL bytes", "[report][input]") {
    TempDir dir;
    const std::string text = "policy \"p\" region XX\npart device\n";
    std::string le = "\xFF\xFE", be, bare;
    for (const char c : text) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
        bare += c;
        bare += '\0';
    }
    write(dir.path / "le.policy", le);
    write(dir.path / "be.policy", be);
    write(dir.path / "bare.policy", bare);
    write(dir.path / "big5.policy", "policy \"\xA4\xA4\xA4\xE5\" region XX\n");  // 中文 in Big5
    const auto check = [&](const char* file) { return cli({"check", (dir.path / file).string()}); };
    CHECK(check("le.policy").out.find("the file is UTF-16 (little-endian) text, not UTF-8") != std::string::npos);
    CHECK(check("be.policy").out.find("the file is UTF-16 (big-endian) text, not UTF-8") != std::string::npos);
    CHECK(check("bare.policy").out.find("the file is UTF-16 (little-endian) text, not UTF-8") != std::string::npos);
    CHECK(check("big5.policy").out.find("it looks like Big5 or GBK") != std::string::npos);
    for (const char* file : {"le.policy", "be.policy", "bare.policy", "big5.policy"}) {
        INFO(file);
        const auto run = check(file);
        CHECK(run.code == 1);
        CHECK(run.out.find('\0') == std::string::npos);
        CHECK(run.out.find("\xFF") == std::string::npos);
    }
    // A NUL byte in a line is shown as the symbol for NUL, the marker still under it.
    write(dir.path / "nul.policy", std::string("part a\0b\n", 9));
    const auto run = check("nul.policy");
    CHECK(run.out.find(" 1 | part a\u2400b\n   |       ^\n") != std::string::npos);
}

TEST_CASE("query --explain names the services only when the deciding rule needed the warranty", "[report]") {
    const auto ended = cli({"query", hk, "--model", "Mi 10", "--part", "device", "--purchased", "2021-06-01",
                            "--claimed", "2023-06-01", "--explain"});
    CHECK(ended.out.find("Answer: service_ended") != std::string::npos);
    CHECK(ended.out.find("Served:") == std::string::npos);
    const auto covered = cli({"query", hk, "--model", "Redmi Note 13", "--part", "device", "--purchased", "2022-01-10",
                              "--claimed", "2022-03-05", "--explain"});
    CHECK(covered.out.find("Served: walk_in") != std::string::npos);
}
