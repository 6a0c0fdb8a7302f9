// `warrant serve` in-process: every endpoint and error path, the limits, reloads, saving, and a
// load test that rewrites the policy under --watch while clients ask.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <httplib.h>

#include "serve/reload.hpp"
#include "serve/service.hpp"
#include "serve/version.hpp"
#include "support/json_write.hpp"
#include "test_support.hpp"
#include "warrant/query.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

const std::string small_policy = test::slurp(fs::path(WARRANT_SOURCE_DIR) / "tests/serve/small.policy");

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// The small policy with a 24-month period (answers differently from month 13 to 24).
std::string longer_policy() { return replace_once(small_policy, "period device 12 months", "period device 24 months"); }
// The small policy with a misspelt model in a period: does not compile.
std::string broken_policy() {
    return replace_once(small_policy, "period device 12 months via counter per c1y",
                        "period device 12 months via counter per c1y\nperiod device 6 months for \"Phone Oen\" per c1y");
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// Replaces the file as editors that save atomically do: a new file renamed over the old.
void replace_file(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".tmp";
    write_file(tmp, text);
    fs::rename(tmp, path);
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("warrant-serve-test-" + std::to_string(rd()) + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A server on 127.0.0.1, on a free port, serving one policy file in a temporary folder.
struct TestServer {
    TempDir dir;
    fs::path file;
    std::ostringstream log;
    std::unique_ptr<serve::Service> service;
    int port = -1;
    std::thread thread;

    explicit TestServer(const std::string& text = small_policy, serve::ServeOptions options = {}) {
        file = dir.path / "small.policy";
        write_file(file, text);
        options.paths = {file.string()};
        if (options.limits.max_body_bytes == serve::Limits{}.max_body_bytes) options.limits.max_body_bytes = 256 << 10;
        options.limits.read_timeout_seconds = 1;
        options.limits.keep_alive_timeout_seconds = 1;
        options.limits.threads = 16;
        service = std::make_unique<serve::Service>(options, log);
        service->start();
        port = service->bind("127.0.0.1", 0);
        REQUIRE(port > 0);
        thread = std::thread([this] { service->run(); });
        httplib::Client probe("127.0.0.1", port);
        for (int i = 0; i < 200 && !probe.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~TestServer() {
        service->stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_tcp_nodelay(true);
        c.set_read_timeout(10, 0);
        return c;
    }
};

std::string expected_answer(const std::string& policy_text, const std::string& name, const std::string& line, bool explain = false) {
    auto loaded = serve::compile_texts({serve::PolicyText{name, policy_text}});
    REQUIRE(loaded.version);
    bool failed = false;
    return answer_line(loaded.version->policies, line, explain, failed);
}

std::string with_version(std::string answer, const std::string& hash) {
    answer.pop_back();
    return answer + ",\"version\":\"" + hash + "\"}";
}

// Sends raw bytes on a new connection and returns what comes back until the server closes it
// (or `wait` passes).
std::string raw_exchange(int port, const std::string& bytes, std::chrono::milliseconds wait = std::chrono::milliseconds(3000),
                         bool shut_write = false) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (!bytes.empty()) (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (shut_write) ::shutdown(fd, SHUT_WR);
    std::string got;
    char buf[4096];
    while (true) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return got;
}

std::string error_code(const std::string& body) {
    const std::string marker = "\"code\":\"";
    const auto at = body.find(marker);
    if (at == std::string::npos) return "";
    const auto begin = at + marker.size();
    return body.substr(begin, body.find('"', begin) - begin);
}

const std::string claim = R"({"id":1,"model":"Phone One","part":"device","purchased":"2024-01-10","claimed":"2025-01-20"})";

}  // namespace

TEST_CASE("serve: POST /v1/query answers as warrant query does, naming the version", "[serve]") {
    TestServer server;
    auto client = server.client();
    const auto res = client.Post("/v1/query", claim, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    const std::string version = server.service->version();
    CHECK(version.size() == 16);
    CHECK(res->get_header_value("Warrant-Version") == version);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(res->body == with_version(expected_answer(small_policy, server.file.string(), claim), version));
    CHECK(res->body.find("\"verdict\":\"paid_repair\"") != std::string::npos);

    const auto explained = client.Post("/v1/query?explain=1", claim, "application/json");
    REQUIRE(explained);
    CHECK(explained->status == 200);
    CHECK(explained->body == with_version(expected_answer(small_policy, server.file.string(), claim, true), version));
    CHECK(explained->body.find("\"trace\":[") != std::string::npos);
}

TEST_CASE("serve: query errors are JSON with stable codes and fitting statuses", "[serve]") {
    TestServer server;
    auto client = server.client();
    const auto post = [&](const std::string& body, const std::string& type = "application/json") {
        auto res = client.Post("/v1/query", body, type.c_str());
        REQUIRE(res);
        return std::pair{res->status, res->body};
    };
    auto [status, body] = post("{\"model\":");
    CHECK(status == 400);
    CHECK(error_code(body) == "malformed_json");
    std::tie(status, body) = post(R"({"model":"Phone Oen","part":"device","purchased":"2024-01-10","claimed":"2025-01-20"})");
    CHECK(status == 422);
    CHECK(error_code(body) == "unknown_model");
    CHECK(body.find("Phone One") != std::string::npos);  // the hint
    std::tie(status, body) = post(R"({"model":"Phone One","part":"device","purchased":"2024-02-30","claimed":"2025-01-20"})");
    CHECK(status == 400);
    CHECK(error_code(body) == "impossible_date");
    std::tie(status, body) = post(R"({"model":"Phone One","part":"device","purchased":"2025-01-10","claimed":"2024-01-20"})");
    CHECK(status == 422);
    CHECK(error_code(body) == "claimed_before_purchase");
    std::tie(status, body) = post(std::string(R"({"model":"Phone )") + "\xff\xfe" + R"(","part":"device"})");
    CHECK(status == 400);
    CHECK(error_code(body) == "malformed_json");
    std::tie(status, body) = post(R"({"id":)" + std::string(5000, '[') + std::string(5000, ']') + "}");
    CHECK(status == 400);
    CHECK(error_code(body) == "malformed_json");
    std::tie(status, body) = post(claim, "text/html");
    CHECK(status == 415);
    CHECK(error_code(body) == "unsupported_media_type");

    const auto wrong_method = client.Get("/v1/query");
    REQUIRE(wrong_method);
    CHECK(wrong_method->status == 405);
    CHECK(error_code(wrong_method->body) == "method_not_allowed");
    const auto missing = client.Get("/v1/nothing-here");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->get_header_value("Content-Type") == "application/json");
    CHECK(error_code(missing->body) == "not_found");
    // The server goes on after all of it.
    const auto after = client.Post("/v1/query", claim, "application/json");
    REQUIRE(after);
    CHECK(after->status == 200);
}

TEST_CASE("serve: POST /v1/batch streams one answer per line, in order, from one version", "[serve]") {
    TestServer server;
    auto client = server.client();
    const std::string lines = claim + "\nnot json\n\n" +
                              R"({"id":"x","model":"手機一號","part":"device","purchased":"2024-01-10","claimed":"2024-01-12"})" + "\r\n";
    const auto res = client.Post("/v1/batch", lines, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Warrant-Version") == server.service->version());
    // Exactly what `warrant query --batch` prints for the same lines.
    const auto cli = test::cli({"query", server.file.string(), "--batch", "-"}, lines);
    CHECK(cli.code == 1);
    CHECK(res->body == cli.out);
    CHECK(std::count(res->body.begin(), res->body.end(), '\n') == 4);
    CHECK(res->body.find("\"id\":\"x\",\"verdict\":\"refund\"") != std::string::npos);

    const auto empty = client.Post("/v1/batch", "", "application/x-ndjson");
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body.empty());

    // A long batch comes back whole, in order.
    std::string many;
    for (int i = 0; i < 2000; ++i) {
        many += R"({"id":)" + std::to_string(i) + R"(,"model":"Phone One","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})" + "\n";
    }
    const auto long_batch = client.Post("/v1/batch", many, "application/x-ndjson");
    REQUIRE(long_batch);
    CHECK(long_batch->body == test::cli({"query", server.file.string(), "--batch", "-"}, many).out);

    // Longer than many of the blocks that are answered while the rest is read (128 KiB): lines
    // of every kind across the blocks' edges, a CRLF, an empty line, a last line without a
    // newline, and a line longer than a block.
    std::string mixed;
    for (int i = 0; i < 12000; ++i) {
        mixed += i % 7 == 3 ? std::string("not json") : i % 11 == 5 ? std::string() : R"({"id":)" + std::to_string(i) +
                 R"(,"model":"Phone One","part":"device","purchased":"2024-01-10","claimed":"2024-0)" + std::to_string(1 + i % 9) + R"(-0)" +
                 std::to_string(1 + i % 9) + R"("})";
        mixed += i % 13 == 0 ? "\r\n" : "\n";
        if (i == 6000) mixed += R"({"id":"long","note":")" + std::string(200 << 10, 'x') + "\"}\n";
    }
    mixed += R"({"id":"last","model":"Phone One","part":"device","purchased":"2024-01-10","claimed":"2024-02-01"})";
    REQUIRE(mixed.size() > (1u << 20));
    serve::ServeOptions roomy;
    roomy.limits.max_body_bytes = 4u << 20;  // the test server's usual limit is 256 KiB
    TestServer big(small_policy, roomy);
    auto big_client = big.client();
    const auto mixed_batch = big_client.Post("/v1/batch", mixed, "application/x-ndjson");
    REQUIRE(mixed_batch);
    CHECK(mixed_batch->status == 200);
    const auto mixed_cli = test::cli({"query", big.file.string(), "--batch", "-"}, mixed);
    CHECK(std::count(mixed_batch->body.begin(), mixed_batch->body.end(), '\n') == 12002);
    CHECK(mixed_batch->body == mixed_cli.out);
}

TEST_CASE("serve: POST /v1/check reports diagnostics as warrant check --format json, writing nothing", "[serve]") {
    TestServer server;
    auto client = server.client();
    const auto good = client.Post("/v1/check?name=small.policy", small_policy, "text/plain");
    REQUIRE(good);
    CHECK(good->status == 200);
    CHECK(good->body.find("\"errors\":0") != std::string::npos);
    const auto bad = client.Post("/v1/check?name=small.policy", broken_policy(), "text/plain; charset=utf-8");
    REQUIRE(bad);
    CHECK(bad->status == 200);
    CHECK(bad->body.find("\"errors\":1") != std::string::npos);
    CHECK(bad->body.find("\"severity\":\"error\",\"file\":\"small.policy\",\"line\":17") != std::string::npos);
    // The same JSON as the command.
    write_file(server.dir.path / "copy.policy", broken_policy());
    const auto cli = test::cli({"check", "--format", "json", (server.dir.path / "copy.policy").string()});
    std::string cli_out = cli.out;
    const std::string copy_name = (server.dir.path / "copy.policy").string();
    for (auto at = cli_out.find(copy_name); at != std::string::npos; at = cli_out.find(copy_name)) cli_out.replace(at, copy_name.size(), "small.policy");
    CHECK(cli_out == bad->body);
    const auto not_utf8 = client.Post("/v1/check", "policy \"\xc3\x28\"", "text/plain");
    REQUIRE(not_utf8);
    CHECK(not_utf8->status == 400);
    CHECK(error_code(not_utf8->body) == "invalid_utf8");
    const auto as_json = client.Post("/v1/check", small_policy, "application/json");
    REQUIRE(as_json);
    CHECK(as_json->status == 415);
    // Only the served file and the test's copy are in the folder: nothing was written.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(server.dir.path)) ++files;
    CHECK(files == 2);
}

TEST_CASE("serve: POST /v1/diff compares the served version with posted text, or two posted texts", "[serve]") {
    TestServer server;
    auto client = server.client();
    const auto json = client.Post("/v1/diff", longer_policy(), "text/plain");
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body.find("\"answers_differ\":true") != std::string::npos);
    CHECK(json->body.find("paid_repair") != std::string::npos);
    const auto html = client.Post("/v1/diff?format=html", longer_policy(), "text/plain");
    REQUIRE(html);
    CHECK(html->status == 200);
    CHECK(html->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(html->body.find("<html") != std::string::npos);
    const auto same = client.Post("/v1/diff", small_policy, "text/plain");
    REQUIRE(same);
    CHECK(same->body.find("\"answers_differ\":false") != std::string::npos);

    std::string pair = "{\"old\":";
    json::append_string(pair, small_policy);
    pair += ",\"new\":";
    json::append_string(pair, longer_policy());
    pair += "}";
    const auto posted = client.Post("/v1/diff", pair, "application/json");
    REQUIRE(posted);
    CHECK(posted->status == 200);
    CHECK(posted->body.find("\"answers_differ\":true") != std::string::npos);

    const auto broken = client.Post("/v1/diff", broken_policy(), "text/plain");
    REQUIRE(broken);
    CHECK(broken->status == 422);
    CHECK(error_code(broken->body) == "policy_has_errors");
    CHECK(broken->body.find("\"diagnostics\":{\"diagnostics\":[") != std::string::npos);
    const auto malformed = client.Post("/v1/diff", "{\"new\":3}", "application/json");
    REQUIRE(malformed);
    CHECK(malformed->status == 400);
    CHECK(malformed->body.find("`new` must be a string holding policy text") != std::string::npos);
    // Every way a posted pair can be wrong is a 400 that says where and what.
    for (const auto& [pair_body, says] : std::vector<std::pair<std::string, std::string>>{
             {R"({"new":"a","oops":1})", "at byte 19: unknown member `oops`"},
             {R"({"new":"a","new":"b"})", "at byte 12: a member is given twice"},
             {R"({"new":"a")", "the line ends where `}` was expected"},
             {R"({"new":"a\q"})", "unknown escape in a string"},
             {R"({"new":"a"} x)", "unexpected text after the object"}}) {
        const auto res = client.Post("/v1/diff", pair_body, "application/json");
        REQUIRE(res);
        INFO(pair_body << " -> " << res->body);
        CHECK(res->status == 400);
        CHECK(error_code(res->body) == "malformed_json");
        CHECK(res->body.find(says) != std::string::npos);
    }
    const auto bad_format = client.Post("/v1/diff?format=pdf", small_policy, "text/plain");
    REQUIRE(bad_format);
    CHECK(bad_format->status == 400);
}

TEST_CASE("serve: POST /v1/try answers a claim from posted policy text", "[serve]") {
    TestServer server;
    auto client = server.client();
    std::string body = "{\"policy\":";
    json::append_string(body, longer_policy());
    body += ",\"query\":" + claim + "}";
    const auto res = client.Post("/v1/try?explain=1", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("\"verdict\":\"free_repair\"") != std::string::npos);
    CHECK(res->body.find("\"trace\":[") != std::string::npos);
    const auto hash = serve::content_hash({serve::PolicyText{"edited.policy", longer_policy()}});
    CHECK(res->body.find("\"version\":\"" + hash + "\"") != std::string::npos);
    const auto missing = client.Post("/v1/try", "{\"query\":{}}", "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 400);
    CHECK(error_code(missing->body) == "missing_field");
}

TEST_CASE("serve: GET /v1/policies, /v1/source, /healthz, /metrics and the page", "[serve]") {
    TestServer server;
    auto client = server.client();
    REQUIRE(client.Post("/v1/query", claim, "application/json"));
    REQUIRE(client.Post("/v1/query", "{", "application/json"));
    const auto policies = client.Get("/v1/policies");
    REQUIRE(policies);
    CHECK(policies->status == 200);
    const std::string& p = policies->body;
    CHECK(p.find("\"version\":\"" + server.service->version() + "\"") != std::string::npos);
    CHECK(p.find("\"region\":\"CN\",\"region_label\":\"中國\"") != std::string::npos);
    CHECK(p.find("\"effective\":\"2024-01-01\"") != std::string::npos);
    CHECK(p.find("{\"name\":\"Phone One\",\"aliases\":[\"手機一號\"],\"series\":\"phones\"") != std::string::npos);
    CHECK(p.find("{\"name\":\"device\",\"label\":\"主機\"") != std::string::npos);
    CHECK(p.find("{\"name\":\"misuse\",\"meaning\":\"人為損壞 (misuse)\",\"kind\":\"exclusion\"") != std::string::npos);
    CHECK(p.find("{\"name\":\"free_repair\",\"label\":\"免費維修 (free repair)\"") != std::string::npos);
    CHECK(p.find("\"reload\":{\"ok\":true}") != std::string::npos);
    CHECK(p.find("\"editable\":false") != std::string::npos);

    const auto source = client.Get("/v1/source");
    REQUIRE(source);
    std::string quoted;
    json::append_string(quoted, small_policy);
    CHECK(source->body.find("\"text\":" + quoted) != std::string::npos);

    const auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(health->body == "{\"status\":\"ok\",\"version\":\"" + server.service->version() + "\"}");

    // A request is counted once its answer is written: the client may read the answer first, so
    // the count is awaited (for at most two seconds) rather than read once.
    const std::string both_counted = "warrant_http_requests_total{endpoint=\"/v1/query\"} 2\n";
    auto metrics = client.Get("/metrics");
    for (int tries = 0; tries < 200 && metrics && metrics->body.find(both_counted) == std::string::npos; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        metrics = client.Get("/metrics");
    }
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    CHECK(metrics->body.find(both_counted) != std::string::npos);
    CHECK(metrics->body.find("warrant_http_errors_total{endpoint=\"/v1/query\",class=\"4xx\"} 1\n") != std::string::npos);
    CHECK(metrics->body.find("warrant_decision_seconds_count 2\n") != std::string::npos);
    CHECK(metrics->body.find("warrant_decision_seconds_bucket{le=\"+Inf\"} 2\n") != std::string::npos);
    CHECK(metrics->body.find("warrant_reloads_total{result=\"ok\"} 1\n") != std::string::npos);

    const auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<textarea") != std::string::npos);
    // Self-contained: nothing loaded from elsewhere.
    CHECK(page->body.find("http://") == std::string::npos);
    CHECK(page->body.find("https://") == std::string::npos);
    CHECK(page->body.find(" src=") == std::string::npos);
    CHECK(page->body.find("<link") == std::string::npos);
}

TEST_CASE("serve: a broken version replaces nothing; a good one replaces the served version", "[serve]") {
    TestServer server;
    auto client = server.client();
    const std::string first = server.service->version();
    write_file(server.file, broken_policy());
    CHECK(server.service->reload("test"));  // still serving
    CHECK(server.service->version() == first);
    const auto kept = client.Post("/v1/query", claim, "application/json");
    REQUIRE(kept);
    CHECK(kept->status == 200);
    CHECK(kept->get_header_value("Warrant-Version") == first);
    const auto policies = client.Get("/v1/policies");
    REQUIRE(policies);
    CHECK(policies->body.find("\"reload\":{\"ok\":false") != std::string::npos);
    CHECK(policies->body.find("\"code\":\"E") != std::string::npos);  // the broken file's diagnostics
    CHECK(server.log.str().find("reload (test) failed") != std::string::npos);

    write_file(server.file, longer_policy());
    CHECK(server.service->reload("test"));
    CHECK(server.service->version() != first);
    const auto now = client.Post("/v1/query", claim, "application/json");
    REQUIRE(now);
    CHECK(now->body.find("\"verdict\":\"free_repair\"") != std::string::npos);
    CHECK(now->get_header_value("Warrant-Version") == server.service->version());
    const auto healed = client.Get("/v1/policies");
    REQUIRE(healed);
    CHECK(healed->body.find("\"reload\":{\"ok\":true}") != std::string::npos);
}

TEST_CASE("serve: 503 while no version compiles, until one does", "[serve]") {
    TestServer server(broken_policy());
    auto client = server.client();
    CHECK(server.service->version().empty());
    const auto query = client.Post("/v1/query", claim, "application/json");
    REQUIRE(query);
    CHECK(query->status == 503);
    CHECK(error_code(query->body) == "no_policy");
    const auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 503);
    const auto policies = client.Get("/v1/policies");
    REQUIRE(policies);
    CHECK(policies->status == 200);
    CHECK(policies->body.find("\"version\":null") != std::string::npos);
    CHECK(policies->body.find("\"reload\":{\"ok\":false") != std::string::npos);
    // Checking posted text needs no served version.
    const auto check = client.Post("/v1/check", small_policy, "text/plain");
    REQUIRE(check);
    CHECK(check->status == 200);

    write_file(server.file, small_policy);
    CHECK(server.service->reload("test"));
    const auto answered = client.Post("/v1/query", claim, "application/json");
    REQUIRE(answered);
    CHECK(answered->status == 200);
}

TEST_CASE("serve: --watch reloads when the file changes", "[serve]") {
    serve::ServeOptions options;
    options.watch = true;
    options.watch_interval = std::chrono::milliseconds(20);
    TestServer server(small_policy, options);
    const std::string first = server.service->version();
    replace_file(server.file, longer_policy());
    const auto expected = serve::content_hash({serve::PolicyText{server.file.string(), longer_policy()}});
    // At most 10 s: the loop ends at the reload, which under the sanitizers on a busy machine
    // once took more than 3 s.
    for (int i = 0; i < 1000 && server.service->version() != expected; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(server.service->version() == expected);
    CHECK(expected != first);
}

TEST_CASE("serve: a change made before watching starts is reloaded at the first poll", "[serve]") {
    // The file changes after the start's reload read it and before the watcher polls once:
    // watching starts from what that reload read, so the change is not taken for the start.
    TempDir dir;
    const fs::path file = dir.path / "small.policy";
    write_file(file, small_policy);
    serve::VersionHolder holder;
    serve::Metrics metrics;
    std::ostringstream log;
    std::mutex log_mutex;
    serve::Reloader reloader({file.string()}, holder, metrics, log, log_mutex);
    REQUIRE(reloader.reload("start"));
    const std::string first = holder.current()->hash;
    replace_file(file, longer_policy());
    const auto expected = serve::content_hash({serve::PolicyText{file.string(), longer_policy()}});
    reloader.start_watching(std::chrono::milliseconds(20));
    for (int i = 0; i < 1000 && holder.current()->hash != expected; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    reloader.stop_watching();
    CHECK(holder.current()->hash == expected);
    CHECK(expected != first);
}

TEST_CASE("serve: POST /v1/save writes only with --allow-edit, only text that compiles", "[serve]") {
    SECTION("without --allow-edit") {
        TestServer server;
        auto client = server.client();
        const auto res = client.Post("/v1/save", longer_policy(), "text/plain");
        REQUIRE(res);
        CHECK(res->status == 403);
        CHECK(error_code(res->body) == "editing_disabled");
        CHECK(test::slurp(server.file) == small_policy);
    }
    SECTION("with --allow-edit") {
        serve::ServeOptions options;
        options.allow_edit = true;
        TestServer server(small_policy, options);
        auto client = server.client();
        const auto broken = client.Post("/v1/save", broken_policy(), "text/plain");
        REQUIRE(broken);
        CHECK(broken->status == 422);
        CHECK(error_code(broken->body) == "policy_has_errors");
        CHECK(test::slurp(server.file) == small_policy);
        const auto stale = client.Post("/v1/save?base=0000000000000000", longer_policy(), "text/plain");
        REQUIRE(stale);
        CHECK(stale->status == 409);
        const auto bad_index = client.Post("/v1/save?file=7", longer_policy(), "text/plain");
        REQUIRE(bad_index);
        CHECK(bad_index->status == 404);
        const auto path_like = client.Post("/v1/save?file=..%2Fx", longer_policy(), "text/plain");
        REQUIRE(path_like);
        CHECK(path_like->status == 404);
        const auto saved = client.Post("/v1/save?file=0&base=" + server.service->version(), longer_policy(), "text/plain");
        REQUIRE(saved);
        CHECK(saved->status == 200);
        CHECK(test::slurp(server.file) == longer_policy());
        CHECK(saved->body.find(server.service->version()) != std::string::npos);
        CHECK(server.service->version() == serve::content_hash({serve::PolicyText{server.file.string(), longer_policy()}}));
        CHECK(!fs::exists(server.file.string() + ".warrant-fmt.tmp"));
    }
}

TEST_CASE("serve: hostile requests get a 4xx and the server goes on", "[serve]") {
    TestServer server;
    auto client = server.client();

    SECTION("a malformed request line") {
        const std::string got = raw_exchange(server.port, "GARBAGE\r\n\r\n");
        CHECK(got.rfind("HTTP/1.1 400", 0) == 0);
    }
    SECTION("a request line longer than the limit") {
        const std::string got = raw_exchange(server.port, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        CHECK((got.empty() || got.rfind("HTTP/1.1 4", 0) == 0));
    }
    SECTION("a header longer than the limit") {
        const std::string got =
            raw_exchange(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
        CHECK((got.empty() || got.rfind("HTTP/1.1 4", 0) == 0));
        CHECK(got.find("200 OK") == std::string::npos);
    }
    SECTION("a body larger than --max-body") {
        const auto res = client.Post("/v1/batch", std::string(300 << 10, '\n'), "application/x-ndjson");
        REQUIRE(res);
        CHECK(res->status == 413);
        CHECK(error_code(res->body) == "body_too_large");
    }
    SECTION("a truncated body") {
        const auto start = std::chrono::steady_clock::now();
        const std::string got = raw_exchange(
            server.port, "POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":1", 
            std::chrono::milliseconds(4000), true);
        CHECK(got.find("200 OK") == std::string::npos);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
    }
    SECTION("a connection that sends nothing is closed after the keep-alive timeout") {
        const auto start = std::chrono::steady_clock::now();
        const std::string got = raw_exchange(server.port, "", std::chrono::milliseconds(5000));
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK(waited < std::chrono::milliseconds(4000));  // 1 s in these tests
        CHECK(got.empty());
    }
    SECTION("a slow sender is dropped when it pauses longer than the read timeout") {
        const std::string got = raw_exchange(server.port, "POST /v1/query HTTP/1.1\r\nHost: x\r\n", std::chrono::milliseconds(5000));
        CHECK(got.find("200 OK") == std::string::npos);
    }
    const auto after = client.Post("/v1/query", claim, "application/json");
    REQUIRE(after);
    CHECK(after->status == 200);
}

TEST_CASE("serve: loopback detection for the --listen warning", "[serve]") {
    CHECK(serve::is_loopback("127.0.0.1"));
    CHECK(serve::is_loopback("127.1.2.3"));
    CHECK(serve::is_loopback("::1"));
    CHECK(serve::is_loopback("localhost"));
    CHECK_FALSE(serve::is_loopback("0.0.0.0"));
    CHECK_FALSE(serve::is_loopback("192.168.1.5"));
    CHECK_FALSE(serve::is_loopback("::"));
}

// Clients ask while the file is rewritten many times, alternating good and broken versions:
// every answer must come from exactly one good version, the one it names, and none is lost.
TEST_CASE("serve: load under --watch reloads: no answer lost, mixed or wrong", "[serve][load]") {
    serve::ServeOptions options;
    options.watch = true;
    options.watch_interval = std::chrono::milliseconds(10);
    TestServer server(small_policy, options);
    const std::string name = server.file.string();
    const std::vector<std::string> texts = {small_policy, longer_policy()};

    // Claims whose answers differ between the two good versions, and some that do not.
    std::vector<std::string> lines;
    for (int month = 1; month <= 30; ++month) {
        const int y = 2024 + (month - 1) / 12, m = (month - 1) % 12 + 1;
        lines.push_back(fmt::format(R"({{"id":{},"model":"Phone One","part":"device","purchased":"2024-01-10","claimed":"{}-{:02}-11"}})", month, y, m));
    }
    lines.push_back(R"({"id":"bad","model":"Phone Two","part":"device","purchased":"2024-01-10","claimed":"2024-01-11"})");
    std::string batch;
    for (const auto& l : lines) batch += l + "\n";

    std::map<std::string, std::vector<std::string>> expected;  // version -> answer per line
    std::map<std::string, std::string> expected_batch;
    for (const auto& text : texts) {
        const std::string hash = serve::content_hash({serve::PolicyText{name, text}});
        for (const auto& l : lines) {
            expected[hash].push_back(expected_answer(text, name, l));
            expected_batch[hash] += expected[hash].back() + "\n";
        }
    }
    REQUIRE(expected.size() == 2);
    REQUIRE(expected_batch.begin()->second != std::next(expected_batch.begin())->second);

    std::atomic<bool> done{false};
    std::atomic<int> rewrites{0};
    std::thread writer([&] {
        const std::string broken = broken_policy();
        for (int i = 0; !done; ++i) {
            replace_file(server.file, i % 2 ? broken : texts[(i / 2) % 2]);
            ++rewrites;
            std::this_thread::sleep_for(std::chrono::milliseconds(15));
        }
    });

    constexpr int clients = 6;
    // 2.5 s of load, longer (at most 10 s) until the file was rewritten 21 times: on a loaded
    // machine the writer may get little of the CPU the clients and the server share.
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::milliseconds(2500), hard_deadline = start + std::chrono::seconds(10);
    const auto loading = [&] {
        const auto now = std::chrono::steady_clock::now();
        return now < deadline || (rewrites <= 20 && now < hard_deadline);
    };
    std::atomic<long> answers{0}, batches{0}, wrong{0}, failed{0};
    std::mutex seen_mutex;
    std::set<std::string> seen;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", server.port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            client.set_read_timeout(10, 0);
            std::set<std::string> mine;
            for (std::size_t i = 0; loading(); ++i) {
                if ((i + c) % 10 == 0) {
                    const auto res = client.Post("/v1/batch", batch, "application/x-ndjson");
                    if (!res || res->status != 200) {
                        ++failed;
                        continue;
                    }
                    const std::string v = res->get_header_value("Warrant-Version");
                    const auto it = expected_batch.find(v);
                    if (it == expected_batch.end() || it->second != res->body) ++wrong;
                    mine.insert(v);
                    ++batches;
                } else {
                    const std::size_t k = (i * 7 + c) % lines.size();
                    const auto res = client.Post("/v1/query", lines[k], "application/json");
                    if (!res) {
                        ++failed;
                        continue;
                    }
                    const std::string v = res->get_header_value("Warrant-Version");
                    const auto it = expected.find(v);
                    if (it == expected.end() || res->body != with_version(it->second[k], v)) ++wrong;
                    mine.insert(v);
                    ++answers;
                }
            }
            std::lock_guard lock(seen_mutex);
            seen.insert(mine.begin(), mine.end());
        });
    }
    for (auto& t : threads) t.join();
    done = true;
    writer.join();
    std::cout << "serve load test: " << clients << " clients, " << answers << " queries and " << batches << " batches of "
              << lines.size() << " claims in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
              << " s while the file was rewritten " << rewrites << " times; versions seen: "
              << seen.size() << "\n";
    CHECK(failed == 0);
    CHECK(wrong == 0);
    CHECK(answers > 100);
    CHECK(batches > 10);
    CHECK(rewrites > 20);
    CHECK(seen.size() == 2);  // both good versions answered, never a third
}

TEST_CASE("serve: typed facts are declared in /v1/policies and answered in queries", "[serve]") {
    const std::string text = test::slurp(fs::path(WARRANT_SOURCE_DIR) / "examples/cn-sanbao/phones.policy");
    TestServer server(text);
    REQUIRE_FALSE(server.service->version().empty());
    auto client = server.client();
    const auto policies = client.Get("/v1/policies");
    REQUIRE(policies);
    const std::string& p = policies->body;
    CHECK(p.find(R"("name":"repairs_same_fault",)") != std::string::npos);
    CHECK(p.find(R"("kind":"plain","type":"count","default":0,"required":false)") != std::string::npos);
    CHECK(p.find(R"("kind":"plain","type":"date","default":null,"required":false)") != std::string::npos);
    CHECK(p.find(R"("type":"choice","default":"store","required":false,"choices":["store","online"])") != std::string::npos);
    CHECK(p.find(R"("kind":"exclusion","type":"bool","default":false)") != std::string::npos);

    const std::string typed =
        R"({"model":"Phone A","part":"device","purchased":"2024-03-01","claimed":"2024-03-08","facts":{"performance_fault":true,"repairs_same_fault":2,"channel":"online"}})";
    const auto res = client.Post("/v1/query", typed, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == with_version(expected_answer(text, server.file.string(), typed), server.service->version()));
    const auto wrong = client.Post("/v1/query", replace_once(typed, "\"online\"", "\"by post\""), "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status / 100 == 4);
    CHECK(error_code(wrong->body) == "unknown_value");
}
