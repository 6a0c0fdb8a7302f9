// The endpoints. Every answer is JSON (or the page, the HTML diff, the metrics text), names the
// version that answered it (header Warrant-Version, and "version" in JSON answers to a claim),
// and every error is {"error":{"code","message","hint"}} with the HTTP status that fits.
#include <algorithm>
#include <array>
#include <span>
#include <cctype>
#include <cstdlib>
#include <ostream>

#include <fmt/format.h>

#include "format/atomic_write.hpp"
#include "query/json_reader.hpp"
#include "serve/batch_pipeline.hpp"
#include "serve/playground.hpp"
#include "serve/state.hpp"
#include "support/json_write.hpp"
#include "support/utf8.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"
#include "warrant/render.hpp"
#include "warrant/query.hpp"

namespace warrant::serve {

namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* version_header = "Warrant-Version";

thread_local bool request_counted = false;

std::string error_json(std::string_view code, std::string_view message, std::string_view hint = {}) {
    std::string out = "{\"error\":{\"code\":";
    json::append_string(out, code);
    out += ",\"message\":";
    json::append_string(out, message);
    out += ",\"hint\":";
    if (hint.empty()) out += "null";
    else json::append_string(out, hint);
    out += "}}";
    return out;
}

void send_error(Response& res, int status, std::string_view code, std::string_view message, std::string_view hint = {}) {
    res.status = status;
    res.set_content(error_json(code, message, hint), "application/json");
}

// The media type of the request, lower case, without parameters; "" when not given.
std::string media_type(const Request& req) {
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type;
}

// True when the body's media type is one of `accepted` (or not given); otherwise answers 415.
bool accept_media(const Request& req, Response& res, std::span<const std::string_view> accepted) {
    const std::string type = media_type(req);
    if (type.empty() || std::find(accepted.begin(), accepted.end(), type) != accepted.end()) return true;
    std::string list;
    for (const std::string_view a : accepted) list += (list.empty() ? "" : ", ") + std::string(a);
    send_error(res, 415, "unsupported_media_type", fmt::format("this endpoint does not read {}", type), "send " + list);
    return false;
}

constexpr std::array<std::string_view, 1> json_types = {"application/json"};
constexpr std::array<std::string_view, 5> lines_types = {"application/x-ndjson", "application/jsonl", "application/json-lines",
                                                         "application/json", "text/plain"};
constexpr std::array<std::string_view, 3> text_types = {"text/plain", "text/x-warrant-policy", "application/octet-stream"};

bool valid_utf8(std::string_view body, Response& res) {
    const std::size_t bad = utf8::find_invalid(body);
    if (bad == std::string_view::npos) return true;
    send_error(res, 400, "invalid_utf8", fmt::format("the body is not UTF-8: byte {} is not part of a well-formed character", bad),
               "send the text encoded as UTF-8");
    return false;
}

// The served version, or a 503 when none compiles yet.
std::shared_ptr<const ServedVersion> served(Service::State& state, Response& res) {
    auto version = state.holder.current();
    if (!version) {
        const auto failure = state.holder.last_failure();
        send_error(res, 503, "no_policy", failure ? "no version of the policies compiles: " + failure->message : "the policies are not loaded yet",
                   "fix the policy files; the server loads them when they change (--watch) or on SIGHUP");
        return nullptr;
    }
    res.set_header(version_header, version->hash);
    return version;
}

bool flag(const Request& req, const char* name) {
    if (!req.has_param(name)) return false;
    const std::string v = req.get_param_value(name);
    return v.empty() || v == "1" || v == "true" || v == "yes";
}

// Errors in the query itself are 400; a well-formed claim that this policy cannot answer
// (a model, part, fact or region it does not know, dates out of order) is 422.
int status_for_query_error(std::string_view answer) {
    constexpr std::string_view marker = "\"error\":{\"code\":\"";
    const std::size_t at = answer.find(marker);
    if (at == std::string_view::npos) return 200;
    const std::size_t begin = at + marker.size();
    const std::string_view code = answer.substr(begin, answer.find('"', begin) - begin);
    static constexpr std::string_view bad_input[] = {"malformed_json", "wrong_type", "missing_field", "unknown_field",
                                                     "impossible_date", "date_out_of_range"};
    return std::find(std::begin(bad_input), std::end(bad_input), code) != std::end(bad_input) ? 400 : 422;
}

// `answer` is one JSON object; adds "version" as its last member.
void add_version(std::string& answer, std::string_view hash) {
    answer.pop_back();
    answer += ",\"version\":\"";
    answer += hash;
    answer += "\"}";
}

// Waits for a compile slot (at most limits.compile_wait_ms); a 503 when none frees up.
class CompileSlot {
public:
    CompileSlot(Service::State& state, Response& res) : state_(state) {
        acquired_ = state.compiles.try_acquire_for(std::chrono::milliseconds(state.options.limits.compile_wait_ms));
        if (!acquired_) send_error(res, 503, "busy", "too many policies are being compiled at once", "try again in a moment");
    }
    ~CompileSlot() {
        if (acquired_) state_.compiles.release();
    }
    CompileSlot(const CompileSlot&) = delete;
    CompileSlot& operator=(const CompileSlot&) = delete;
    explicit operator bool() const { return acquired_; }

private:
    Service::State& state_;
    bool acquired_ = false;
};

// A display name for posted text (never opened): the `name` parameter, else "posted.policy".
std::string posted_name(const Request& req, const char* fallback = "posted.policy") {
    std::string name = req.has_param("name") ? req.get_param_value("name") : fallback;
    if (name.empty() || name.size() > 200 || utf8::find_invalid(name) != std::string::npos) name = fallback;
    return name;
}

// Compiles posted text; on errors answers 422 with the diagnostics and returns null.
std::shared_ptr<const ServedVersion> compile_posted(std::string name, std::string text, Response& res) {
    LoadResult result = compile_texts({PolicyText{std::move(name), std::move(text)}});
    if (result.version) return result.version;
    res.status = 422;
    std::string body = error_json("policy_has_errors", "the posted policy does not compile: " + result.failure->message,
                                  "fix the errors listed in \"diagnostics\"");
    body.pop_back();
    body += ",\"diagnostics\":";
    body += result.failure->diagnostics_json;
    body += '}';
    res.set_content(body, "application/json");
    return nullptr;
}

struct PostedPair {
    std::optional<std::string> old_text, new_text, policy, query;
};

// Reads {"old":..,"new":..} or {"policy":..,"query":{..}}; a 400 when the body is not such an object.
std::optional<PostedPair> read_posted_json(std::string_view body, Response& res, std::initializer_list<std::string_view> allowed) {
    PostedPair pair;
    json::Reader reader(body);
    std::string storage;
    reader.read_object([&](std::string_view key) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) return reader.fail(fmt::format("unknown member `{}`", key));
        if (key == "query") {
            pair.query = std::string(reader.raw_value());
            return;
        }
        if (reader.peek() != '"') return reader.fail(fmt::format("`{}` must be a string holding policy text", key));
        std::string value(reader.read_string(storage));
        if (key == "old") pair.old_text = std::move(value);
        else if (key == "new") pair.new_text = std::move(value);
        else pair.policy = std::move(value);
    });
    reader.expect_end();
    if (const json::ReadError* e = reader.error()) {
        // Bytes counted from 1, as in a query line's malformed_json.
        send_error(res, 400, "malformed_json", fmt::format("at byte {}: {}", e->offset + 1, e->message));
        return std::nullopt;
    }
    return pair;
}

void handle_query(Service::State& state, const Request& req, Response& res) {
    const auto version = served(state, res);
    if (!version || !accept_media(req, res, json_types)) return;
    const auto start = std::chrono::steady_clock::now();
    std::string answer;
    answer.reserve(256);
    bool failed = false;
    answer_line_into(answer, version->policies, req.body, flag(req, "explain"), failed);
    add_version(answer, version->hash);
    state.metrics.observe_decision(std::chrono::steady_clock::now() - start);
    res.status = failed ? status_for_query_error(answer) : 200;
    res.set_content(std::move(answer), "application/json");
}

// The body is read as it arrives and each complete line answered at once, so the request's
// text is never held whole; the answers are then streamed in blocks, all from one version.
void handle_batch(Service::State& state, const Request& req, Response& res, const httplib::ContentReader& read_body) {
    const auto version = served(state, res);
    if (!version || !accept_media(req, res, lines_types)) return;
    struct Answers {
        std::string text;
        std::size_t sent = 0;
    };
    auto answers = std::make_shared<Answers>();
    // Answers are about as long as the claims: one allocation instead of a growing buffer.
    if (const std::string length = req.get_header_value("Content-Length"); !length.empty() && length.size() < 12) {
        const std::size_t bytes = std::strtoull(length.c_str(), nullptr, 10);
        if (bytes <= state.options.limits.max_body_bytes) answers->text.reserve(bytes + bytes / 4);
    }
    const bool explain = flag(req, "explain");
    std::uint64_t lines = 0;
    // Answered on a second thread while the body is still being read (batch_pipeline.hpp).
    BatchPipeline pipeline([&](std::string_view block) {
        while (!block.empty()) {
            const std::size_t nl = block.find('\n');
            std::string_view line = block.substr(0, nl);
            block.remove_prefix(nl == std::string_view::npos ? block.size() : nl + 1);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            bool failed = false;
            answer_line_into(answers->text, version->policies, line, explain, failed);
            answers->text += '\n';
            ++lines;
        }
    });
    const bool complete = read_body([&](const char* data, std::size_t size) {
        pipeline.add(std::string_view(data, size));
        return true;
    });
    if (!complete) {
        pipeline.abandon();
        if (res.status < 400) send_error(res, 400, "truncated_body", "the body ended before its announced length");
        return;
    }
    pipeline.finish();
    state.metrics.count_claims(lines);
    res.set_chunked_content_provider("application/x-ndjson", [answers](std::size_t, httplib::DataSink& sink) {
        constexpr std::size_t block = 1 << 20;
        Answers& a = *answers;
        const std::size_t n = std::min(block, a.text.size() - a.sent);
        if (n > 0 && !sink.write(a.text.data() + a.sent, n)) return false;
        a.sent += n;
        if (a.sent == a.text.size()) sink.done();
        return true;
    });
}

void handle_check(Service::State& state, const Request& req, Response& res) {
    if (!accept_media(req, res, text_types) || !valid_utf8(req.body, res)) return;
    if (const auto version = state.holder.current()) res.set_header(version_header, version->hash);
    CompileSlot slot(state, res);
    if (!slot) return;
    const CompileResult result = compile(std::make_shared<const SourceFile>(posted_name(req), req.body));
    res.set_content(render_json({FileDiagnostics{result.file_name, result.source.get(), result.diagnostics}}), "application/json");
}

void handle_diff(Service::State& state, const Request& req, Response& res) {
    const std::string type = media_type(req);
    const bool pair = type == "application/json";
    if (!pair && !accept_media(req, res, text_types)) return;
    if (!valid_utf8(req.body, res)) return;
    std::string old_text, new_text;
    bool old_posted = false;
    if (pair) {
        const auto posted = read_posted_json(req.body, res, {"old", "new"});
        if (!posted) return;
        if (!posted->new_text) return send_error(res, 400, "missing_field", "give `new` (and `old`, or the served version is the old one)");
        new_text = *posted->new_text;
        if (posted->old_text) {
            old_text = *posted->old_text;
            old_posted = true;
        }
    } else {
        new_text = req.body;
    }
    std::shared_ptr<const ServedVersion> before;
    if (!old_posted) {
        before = served(state, res);
        if (!before) return;
    } else if (const auto version = state.holder.current()) {
        res.set_header(version_header, version->hash);
    }
    CompileSlot slot(state, res);
    if (!slot) return;
    if (old_posted && !(before = compile_posted("old.policy", std::move(old_text), res))) return;
    const auto after = compile_posted(posted_name(req, "edited.policy"), std::move(new_text), res);
    if (!after) return;
    DiffReport report = diff_policies(before->policies.graphs(), after->policies.graphs());
    report.before_name = old_posted ? "old (posted)" : "served version " + before->hash;
    report.after_name = old_posted ? "new (posted)" : "edited text";
    if (req.has_param("format") && req.get_param_value("format") == "html") {
        res.set_content(render_diff_html(report), "text/html; charset=utf-8");
    } else if (req.has_param("format") && req.get_param_value("format") != "json") {
        send_error(res, 400, "unknown_format", "format is json (the default) or html");
    } else {
        res.set_content(render_diff_json(report), "application/json");
    }
}

// The playground's question to the edited text: {"policy": TEXT, "query": {...}}.
void handle_try(Service::State& state, const Request& req, Response& res) {
    if (!accept_media(req, res, json_types) || !valid_utf8(req.body, res)) return;
    const auto posted = read_posted_json(req.body, res, {"policy", "query"});
    if (!posted) return;
    if (!posted->policy || !posted->query) return send_error(res, 400, "missing_field", "give `policy` (the text) and `query` (a claim)");
    CompileSlot slot(state, res);
    if (!slot) return;
    const auto version = compile_posted(posted_name(req, "edited.policy"), *posted->policy, res);
    if (!version) return;
    std::string answer;
    bool failed = false;
    answer_line_into(answer, version->policies, *posted->query, flag(req, "explain"), failed);
    add_version(answer, version->hash);
    res.status = failed ? status_for_query_error(answer) : 200;
    res.set_content(std::move(answer), "application/json");
}

void handle_source(Service::State& state, Response& res) {
    const auto version = served(state, res);
    if (!version) return;
    std::string out = "{\"version\":\"" + version->hash + "\",\"files\":[";
    for (std::size_t i = 0; i < version->files.size(); ++i) {
        if (i) out += ',';
        out += "{\"index\":" + std::to_string(i) + ",\"name\":";
        json::append_string(out, version->files[i].name);
        out += ",\"text\":";
        json::append_string(out, version->files[i].text);
        out += '}';
    }
    out += "]}";
    res.set_content(out, "application/json");
}

// Replaces served file number `file` (an index into the served files, never a client's path)
// with text that compiles, atomically, then reloads.
void handle_save(Service::State& state, const Request& req, Response& res) {
    if (!state.options.allow_edit) {
        return send_error(res, 403, "editing_disabled", "this server does not save edits", "start it with --allow-edit");
    }
    if (!accept_media(req, res, text_types) || !valid_utf8(req.body, res)) return;
    const auto version = served(state, res);
    if (!version) return;
    std::size_t index = 0;
    if (req.has_param("file")) {
        const std::string f = req.get_param_value("file");
        if (f.empty() || f.size() > 6 || !std::all_of(f.begin(), f.end(), [](unsigned char c) { return std::isdigit(c); }) ||
            std::stoul(f) >= version->files.size()) {
            return send_error(res, 404, "unknown_file", "`file` is the index of a served file, from GET /v1/source");
        }
        index = std::stoul(f);
    }
    if (req.has_param("base") && req.get_param_value("base") != version->hash) {
        return send_error(res, 409, "version_changed", "the served version changed since the text was loaded",
                          "reload the page to edit the newest version");
    }
    const std::string name = version->files[index].name;
    {
        CompileSlot slot(state, res);
        if (!slot) return;
        std::vector<PolicyText> files = version->files;
        files[index].text = req.body;
        LoadResult result = compile_texts(std::move(files));
        if (!result.version) {
            res.status = 422;
            std::string body = error_json("policy_has_errors", "not saved: the text does not compile: " + result.failure->message);
            body.pop_back();
            body += ",\"diagnostics\":" + result.failure->diagnostics_json + "}";
            res.set_content(body, "application/json");
            return;
        }
    }
    if (const std::string problem = format::replace_file_atomically(name, req.body); !problem.empty()) {
        return send_error(res, 500, "cannot_save", problem);
    }
    {
        std::lock_guard lock(state.log_mutex);
        state.log << "warrant serve: saved " << name << " from the playground\n";
    }
    state.reloader.reload("saved");
    const auto now = state.holder.current();
    std::string out = "{\"saved\":";
    json::append_string(out, name);
    out += ",\"version\":";
    json::append_string(out, now ? now->hash : "");
    out += '}';
    if (now) res.set_header(version_header, now->hash);
    res.set_content(out, "application/json");
}

Endpoint endpoint_of(const std::string& path) {
    static const std::pair<std::string_view, Endpoint> known[] = {
        {"/v1/query", Endpoint::Query},   {"/v1/batch", Endpoint::Batch},   {"/v1/check", Endpoint::Check},
        {"/v1/diff", Endpoint::Diff},     {"/v1/try", Endpoint::Try},       {"/v1/policies", Endpoint::Policies},
        {"/v1/source", Endpoint::Source}, {"/v1/save", Endpoint::Save},     {"/healthz", Endpoint::Health},
        {"/metrics", Endpoint::Metrics},  {"/", Endpoint::Page},
    };
    for (const auto& [p, e] : known) {
        if (path == p) return e;
    }
    return Endpoint::Other;
}

const char* code_for_status(int status) {
    switch (status) {
        case 400: return "bad_request";
        case 403: return "forbidden";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 408: return "request_timeout";
        case 413: return "body_too_large";
        case 414: return "uri_too_long";
        case 415: return "unsupported_media_type";
        case 416: return "range_not_satisfiable";
        case 431: return "headers_too_large";
        case 503: return "unavailable";
        default: return status >= 500 ? "internal_error" : "bad_request";
    }
}

}  // namespace

void add_routes(Service::State& state) {
    httplib::Server& server = state.server;
    Service::State* s = &state;
    server.Post("/v1/query", [s](const Request& req, Response& res) { handle_query(*s, req, res); });
    server.Post("/v1/batch", [s](const Request& req, Response& res, const httplib::ContentReader& read_body) {
        handle_batch(*s, req, res, read_body);
    });
    server.Post("/v1/check", [s](const Request& req, Response& res) { handle_check(*s, req, res); });
    server.Post("/v1/diff", [s](const Request& req, Response& res) { handle_diff(*s, req, res); });
    server.Post("/v1/try", [s](const Request& req, Response& res) { handle_try(*s, req, res); });
    server.Post("/v1/save", [s](const Request& req, Response& res) { handle_save(*s, req, res); });
    server.Get("/v1/source", [s](const Request&, Response& res) { handle_source(*s, res); });
    server.Get("/v1/policies", [s](const Request&, Response& res) {
        const auto version = s->holder.current();
        if (version) res.set_header(version_header, version->hash);
        res.set_content(policies_json(version.get(), s->holder.last_failure(), s->options.allow_edit), "application/json");
    });
    server.Get("/healthz", [s](const Request&, Response& res) {
        const auto version = s->holder.current();
        if (!version) return send_error(res, 503, "no_policy", "no version of the policies compiles");
        res.set_header(version_header, version->hash);
        res.set_content("{\"status\":\"ok\",\"version\":\"" + version->hash + "\"}", "application/json");
    });
    server.Get("/metrics", [s](const Request&, Response& res) {
        const auto version = s->holder.current();
        // This request is counted among those in flight (from routing on): leave it out.
        const int in_flight = s->in_flight.load();
        res.set_content(s->metrics.render(version != nullptr, version ? version->hash : "",
                                          in_flight > 0 ? static_cast<std::size_t>(in_flight - 1) : 0),
                        "text/plain; version=0.0.4; charset=utf-8");
    });
    server.Get("/", [s](const Request&, Response& res) {
        if (const auto version = s->holder.current()) res.set_header(version_header, version->hash);
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                       "img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'");
        res.set_header("Cache-Control", "no-store");
        const std::string_view page = playground_page();
        res.set_content(page.data(), page.size(), "text/html; charset=utf-8");
    });

    // The wrong method on a known path: 405, with the methods it takes.
    for (const char* path : {"/v1/query", "/v1/batch", "/v1/check", "/v1/diff", "/v1/try", "/v1/save"}) {
        const auto wrong = [](const Request&, Response& res) {
            res.set_header("Allow", "POST");
            send_error(res, 405, "method_not_allowed", "this endpoint takes POST");
        };
        server.Get(path, wrong);
        server.Put(path, wrong);
        server.Delete(path, wrong);
    }
    for (const char* path : {"/v1/policies", "/v1/source", "/healthz", "/metrics", "/"}) {
        const auto wrong = [](const Request&, Response& res) {
            res.set_header("Allow", "GET");
            send_error(res, 405, "method_not_allowed", "this endpoint takes GET");
        };
        server.Post(path, wrong);
        server.Put(path, wrong);
        server.Delete(path, wrong);
    }

    // Every error the library answers by itself (404, 400 for a malformed request, 413) as JSON.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string message = res.status == 404   ? "no such endpoint"
                                    : res.status == 413 ? "the body is larger than the server accepts (--max-body)"
                                                        : fmt::format("the request was refused ({})", res.status);
        res.set_content(error_json(code_for_status(res.status), message), "application/json");
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([s](const Request& req, Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        {
            std::lock_guard lock(s->log_mutex);
            s->log << "warrant serve: " << req.method << " " << req.path << " failed: " << what << "\n";
        }
        send_error(res, 500, "internal_error", "the server failed to answer this request; it keeps serving others");
    });
    // Requests in flight, for a graceful stop: counted from routing (after the headers, before
    // the body) until the answer, streamed ones included, is written. A worker thread serves
    // one request at a time, so a thread-local flag pairs the two.
    server.set_pre_routing_handler([s](const Request&, Response& res) {
        if (s->draining.load()) {
            res.set_header("Connection", "close");
            send_error(res, 503, "shutting_down", "the server is stopping", "try again when it is back");
            return httplib::Server::HandlerResponse::Handled;
        }
        request_counted = true;
        s->in_flight.fetch_add(1);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_logger([s](const Request& req, const Response& res) {
        if (request_counted) {
            request_counted = false;
            s->in_flight.fetch_sub(1);
        }
        s->metrics.count_request(endpoint_of(req.path), res.status);
    });
}

}  // namespace warrant::serve
