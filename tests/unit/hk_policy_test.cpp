// The Hong Kong policy (policies/xiaomi-hk.policy, encoding the 小米香港 after-sales page)
// answering claims, through the C++ API and through the CLI (flags, --query, --batch).
//
// The expectations come from the source text and the policy's spec, not from the engine:
// periods, boundaries and verdicts are computed here with an independent calendar.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "cli/cli.hpp"
#include "warrant/compile.hpp"
#include "warrant/decide.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

using namespace warrant;

namespace {

// ---- the policy, compiled once ------------------------------------------------------------

const std::string policy_path = std::string(WARRANT_SOURCE_DIR) + "/policies/xiaomi-hk.policy";

struct Hk {
    CompileResult result;
    PolicySet set;
};

const Hk& hk() {
    static const Hk loaded = [] {
        Hk h;
        h.result = compile_file(policy_path, "policies/xiaomi-hk.policy");
        if (h.result.ok()) h.set.add(h.result.graph);
        return h;
    }();
    REQUIRE(loaded.result.ok());
    return loaded;
}

const RuleGraph& graph() { return *hk().result.graph; }

// ---- an independent calendar (the oracle for dates) ---------------------------------------

struct Ymd {
    int y, m, d;
};
int month_length(int y, int m) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : lengths[m - 1];
}
Ymd ymd(const std::string& s) { return {std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))}; }
std::string iso(Ymd x) {
    char buf[40];  // room for any int, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", x.y, x.m, x.d);
    return buf;
}
// D + n days, stepping one day at a time.
std::string plus_days(const std::string& from, int n) {
    Ymd x = ymd(from);
    for (; n > 0; --n) {
        if (x.d < month_length(x.y, x.m)) ++x.d;
        else if (x.m < 12) x = {x.y, x.m + 1, 1};
        else x = {x.y + 1, 1, 1};
    }
    for (; n < 0; ++n) {
        if (x.d > 1) --x.d;
        else if (x.m > 1) x = {x.y, x.m - 1, month_length(x.y, x.m - 1)};
        else x = {x.y - 1, 12, 31};
    }
    return iso(x);
}
// The same day n months later, clamped to that month's last day.
std::string plus_months(const std::string& from, int n) {
    const Ymd x = ymd(from);
    const int total = x.y * 12 + (x.m - 1) + n;
    const int y = total / 12, m = total % 12 + 1;
    return iso({y, m, std::min(x.d, month_length(y, m))});
}

// ---- queries and answers ------------------------------------------------------------------

QueryInput claim(const std::string& model, const std::string& part, const std::string& purchased,
                 const std::string& claimed, const std::vector<std::string>& facts = {}) {
    QueryInput q;
    q.model = model;
    q.part = part;
    q.purchased = purchased;
    q.claimed = claimed;
    for (const std::string& f : facts) {
        const auto eq = f.find('=');
        if (eq == std::string::npos) q.facts.emplace_back(f, true);
        else q.facts.emplace_back(f.substr(0, eq), f.substr(eq + 1) == "true");
    }
    return q;
}

struct Answer {
    std::string id = "null";
    std::string verdict;  // empty for errors
    std::string until;    // empty when null
    std::vector<std::string> services;
    std::vector<std::string> clauses;
    std::string error;  // the error code, empty for answers
    std::string message;
    std::string hint;
    bool operator==(const Answer& o) const {
        return verdict == o.verdict && until == o.until && services == o.services && clauses == o.clauses &&
               error == o.error && message == o.message && hint == o.hint;
    }
};

std::ostream& operator<<(std::ostream& os, const Answer& a) {
    if (!a.error.empty()) return os << "error " << a.error << " (" << a.message << "; hint: " << a.hint << ")";
    os << a.verdict << " until " << a.until << " clauses [";
    for (const auto& c : a.clauses) os << c << ' ';
    return os << "]";
}

// Through the API: resolve_claim, decide, deciding_clauses, decision_services.
Answer ask_api(const QueryInput& q) {
    Answer a;
    auto resolved = resolve_claim(hk().set, q);
    if (const auto* e = std::get_if<QueryError>(&resolved)) {
        a.error = e->code;
        a.message = e->message;
        a.hint = e->hint;
        return a;
    }
    const auto& [g, c] = std::get<ResolvedClaim>(resolved);
    REQUIRE(g == &graph());
    const Decision d = decide(*g, c);
    REQUIRE(d.outcome != none);
    a.verdict = g->outcomes[d.outcome].name;
    if (d.warranty_until) a.until = to_iso(*d.warranty_until);
    for (const Index s : decision_services(*g, d)) a.services.push_back(g->services[s].name);
    for (const Index cl : deciding_clauses(*g, c, d)) a.clauses.push_back(g->clauses[cl].id);
    return a;
}

// A tiny JSON reader for the CLI's output, independent of the engine's own.
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    std::string text;  // a string's value, or a literal's text
    std::string raw;   // the value as written
    std::vector<Json> items;
    std::vector<std::pair<std::string, Json>> members;
    const Json* get(std::string_view key) const {
        for (const auto& [k, v] : members) {
            if (k == key) return &v;
        }
        return nullptr;
    }
};

class JsonParser {
public:
    explicit JsonParser(std::string_view t) : t_(t) {}
    bool parse(Json& out) {
        try {
            out = value();
            space();
            return p_ == t_.size();
        } catch (const char*) {
            return false;
        }
    }

private:
    std::string_view t_;
    std::size_t p_ = 0;
    char peek() const { return p_ < t_.size() ? t_[p_] : '\0'; }
    void space() {
        while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
    }
    void expect(char c) {
        if (peek() != c) throw "unexpected";
        ++p_;
    }
    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            if (p_ >= t_.size()) throw "open string";
            const char c = t_[p_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) throw "control character";
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            const char e = t_[p_++];
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    const unsigned v = static_cast<unsigned>(std::stoul(std::string(t_.substr(p_, 4)), nullptr, 16));
                    p_ += 4;
                    if (v < 0x80) out.push_back(static_cast<char>(v));
                    else out += "?";  // not needed by these tests
                    break;
                }
                default: throw "bad escape";
            }
        }
    }
    Json value() {
        space();
        Json j;
        const std::size_t start = p_;
        const char c = peek();
        if (c == '{') {
            j.kind = Json::Object;
            ++p_;
            space();
            if (peek() == '}') {
                ++p_;
            } else {
                while (true) {
                    space();
                    std::string key = string();
                    space();
                    expect(':');
                    Json v = value();
                    j.members.emplace_back(std::move(key), std::move(v));
                    space();
                    if (peek() == ',') {
                        ++p_;
                        continue;
                    }
                    expect('}');
                    break;
                }
            }
        } else if (c == '[') {
            j.kind = Json::Array;
            ++p_;
            space();
            if (peek() == ']') {
                ++p_;
            } else {
                while (true) {
                    j.items.push_back(value());
                    space();
                    if (peek() == ',') {
                        ++p_;
                        continue;
                    }
                    expect(']');
                    break;
                }
            }
        } else if (c == '"') {
            j.kind = Json::String;
            j.text = string();
        } else if (t_.substr(p_, 4) == "null") {
            p_ += 4;
        } else if (t_.substr(p_, 4) == "true" || t_.substr(p_, 5) == "false") {
            j.kind = Json::Bool;
            p_ += t_[p_] == 't' ? 4 : 5;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            j.kind = Json::Number;
            while (p_ < t_.size() && std::string_view("+-0123456789.eE").find(t_[p_]) != std::string_view::npos) ++p_;
        } else {
            throw "unexpected value";
        }
        j.raw = std::string(t_.substr(start, p_ - start));
        if (j.kind != Json::String) j.text = j.raw;
        return j;
    }
};

Json parse_json(const std::string& line) {
    Json j;
    INFO("JSON line: " << line);
    REQUIRE(JsonParser(line).parse(j));
    return j;
}

std::vector<std::string> strings(const Json* array) {
    std::vector<std::string> out;
    REQUIRE(array != nullptr);
    REQUIRE(array->kind == Json::Array);
    for (const Json& item : array->items) {
        REQUIRE(item.kind == Json::String);
        out.push_back(item.text);
    }
    return out;
}

// One answer or error line of the CLI, as an Answer.
Answer from_json(const std::string& line) {
    const Json j = parse_json(line);
    INFO("JSON line: " << line);
    REQUIRE(j.kind == Json::Object);
    REQUIRE(!j.members.empty());
    CHECK(j.members.front().first == "id");
    Answer a;
    a.id = j.get("id")->raw;
    if (const Json* e = j.get("error")) {
        REQUIRE(e->kind == Json::Object);
        REQUIRE(e->get("code"));
        REQUIRE(e->get("message"));
        REQUIRE(e->get("hint"));
        a.error = e->get("code")->text;
        a.message = e->get("message")->text;
        a.hint = e->get("hint")->kind == Json::Null ? "" : e->get("hint")->text;
        CHECK_FALSE(j.get("verdict"));
        return a;
    }
    REQUIRE(j.get("verdict"));
    REQUIRE(j.get("verdict")->kind == Json::String);
    a.verdict = j.get("verdict")->text;
    REQUIRE(j.get("warranty_until"));
    a.until = j.get("warranty_until")->kind == Json::Null ? "" : j.get("warranty_until")->text;
    a.services = strings(j.get("services"));
    a.clauses = strings(j.get("clauses"));
    return a;
}

// A query as one JSON Lines object.
std::string quote(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

std::string to_json(const QueryInput& q) {
    std::string out = "{\"id\":" + q.id_json;
    const std::pair<const char*, const std::optional<std::string>*> fields[] = {
        {"region", &q.region},   {"model", &q.model},       {"part", &q.part},
        {"purchased", &q.purchased}, {"claimed", &q.claimed}, {"purchase_region", &q.purchase_region},
        {"last_repair", &q.last_repair}};
    for (const auto& [name, value] : fields) {
        if (*value) out += std::string(",\"") + name + "\":" + quote(**value);
    }
    if (!q.facts.empty()) {
        out += ",\"facts\":{";
        for (std::size_t i = 0; i < q.facts.size(); ++i) {
            out += (i ? "," : "") + quote(q.facts[i].first) + ":" + (q.facts[i].second.flag ? "true" : "false");
        }
        out += "}";
    }
    return out + "}";
}

struct CliRun {
    int code = -1;
    std::string out, err;
    std::vector<std::string> lines() const {
        std::vector<std::string> out_lines;
        std::istringstream in(out);
        for (std::string line; std::getline(in, line);) out_lines.push_back(line);
        return out_lines;
    }
};

CliRun cli(std::vector<std::string> args, const std::string& input = {}) {
    std::istringstream in(input);
    std::ostringstream out, err;
    CliRun run;
    run.code = run_cli(std::move(args), in, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

// The friendly flags for a query.
std::vector<std::string> flags(const QueryInput& q) {
    std::vector<std::string> args = {"query", policy_path};
    const std::pair<const char*, const std::optional<std::string>*> fields[] = {
        {"--region", &q.region},       {"--model", &q.model},     {"--part", &q.part},
        {"--purchased", &q.purchased}, {"--claimed", &q.claimed}, {"--purchase-region", &q.purchase_region},
        {"--last-repair", &q.last_repair}};
    for (const auto& [flag, value] : fields) {
        if (*value) {
            args.push_back(flag);
            args.push_back(**value);
        }
    }
    for (const auto& [name, value] : q.facts) {
        args.push_back("--fact");
        args.push_back(value.flag ? name : name + "=false");
    }
    return args;
}

// Through the CLI's flags: one JSON line, exit 0 for an answer and 1 for an error.
Answer ask_flags(const QueryInput& q) {
    const CliRun run = cli(flags(q));
    INFO("stderr: " << run.err);
    const auto lines = run.lines();
    REQUIRE(lines.size() == 1);
    Answer a = from_json(lines[0]);
    CHECK(run.code == (a.error.empty() ? 0 : 1));
    return a;
}

// Through the CLI's --batch -: one line per query, in order.
std::vector<Answer> ask_batch(const std::vector<QueryInput>& qs) {
    std::string input;
    for (const auto& q : qs) input += to_json(q) + "\n";
    const CliRun run = cli({"query", policy_path, "--batch", "-"}, input);
    const auto lines = run.lines();
    REQUIRE(lines.size() == qs.size());
    std::vector<Answer> out;
    bool any_error = false;
    for (const auto& line : lines) {
        out.push_back(from_json(line));
        any_error |= !out.back().error.empty();
    }
    CHECK(run.code == (any_error ? 1 : 0));
    return out;
}

// Asks the API and the CLI (as a batch) and checks they agree; returns the answers.
std::vector<Answer> ask_all(const std::vector<QueryInput>& qs) {
    std::vector<Answer> api;
    for (const auto& q : qs) api.push_back(ask_api(q));
    const std::vector<Answer> batch = ask_batch(qs);
    for (std::size_t i = 0; i < qs.size(); ++i) {
        INFO("query " << to_json(qs[i]));
        CHECK(batch[i] == api[i]);
    }
    return api;
}

// Asks one query three ways (API, flags, batch) and checks they agree.
Answer ask(const QueryInput& q) {
    const Answer api = ask_api(q);
    INFO("query " << to_json(q));
    CHECK(ask_flags(q) == api);
    CHECK(ask_batch({q}).front() == api);
    return api;
}

using Clauses = std::vector<std::string>;
const std::vector<std::string> walk_in = {"walk_in"};

// ---- the policy's tables, copied from the source -------------------------------------------

const char* const parts[] = {"device", "battery", "charger", "cable", "adapter"};

struct Row {
    std::string model;
    int months[5];
    std::string clause[5];
    std::string end_of_service;  // "" when none
};

const std::string general_clause[5] = {"s2.general", "s2.general.battery", "s2.general.charger", "s2.general.cable",
                                       "s2.general.adapter"};

Row general_row(const std::string& model, const std::string& eos = "") {
    return {model, {12, 12, 6, 6, 6}, {general_clause[0], general_clause[1], general_clause[2], general_clause[3], general_clause[4]}, eos};
}
Row device_row(const std::string& model, int months, const std::string& clause, const std::string& eos = "") {
    Row r = general_row(model, eos);
    r.months[0] = months;
    r.clause[0] = clause;
    return r;
}
// A group with device 24, battery 24, charger 12 and cable 12 months; the adapter stays general.
Row full_row(const std::string& model, const std::string& prefix, const std::string& eos = "") {
    return {model, {24, 24, 12, 12, 6}, {prefix, prefix + ".battery", prefix + ".charger", prefix + ".cable", general_clause[4]}, eos};
}

const std::vector<Row>& period_rows() {
    static const std::vector<Row> rows = {
        device_row("Xiaomi 15T", 24, "s2.xiaomi_15t"),
        device_row("Xiaomi 15T Pro", 24, "s2.xiaomi_15t"),
        device_row("Xiaomi 15", 24, "s2.xiaomi_15"),
        device_row("Xiaomi 15 Ultra", 24, "s2.xiaomi_15"),
        device_row("Xiaomi 14T", 24, "s2.xiaomi_14t"),
        device_row("Xiaomi 14T Pro", 24, "s2.xiaomi_14t"),
        device_row("Xiaomi Mix Flip", 24, "s2.xiaomi_mix_flip"),
        full_row("Xiaomi 13", "s2.xiaomi_13"),
        full_row("Xiaom 13", "s2.xiaomi_13"),
        full_row("Xiaomi 13 Pro", "s2.xiaomi_13"),
        full_row("Xiaomi 12", "s2.xiaomi_12"),
        full_row("Xiaomi 12 Pro", "s2.xiaomi_12"),
        full_row("Xiaomi 12X", "s2.xiaomi_12", "2025-08-29"),
        full_row("Xiaomi 12 X", "s2.xiaomi_12", "2025-08-29"),
        full_row("Xiaomi 12T", "s2.xiaomi_12"),
        full_row("Xiaomi12T Pro", "s2.xiaomi_12"),
        full_row("Xiaomi 11T", "s2.xiaomi_11t"),
        full_row("Xiaomi 11T Pro", "s2.xiaomi_11t"),
        full_row("Mi 11", "s2.mi_11", "2025-08-29"),
        full_row("米11", "s2.mi_11", "2025-08-29"),
        full_row("Mi 10", "s2.mi_10", "2022-11-29"),
        full_row("米10", "s2.mi_10", "2022-11-29"),
        full_row("Mi 10 Pro", "s2.mi_10", "2022-11-29"),
        full_row("米10Pro", "s2.mi_10", "2022-11-29"),
        device_row("Redmi Note 15 5G", 24, "s2.redmi_note_15"),
        device_row("Redmi Note 15 Pro 5G", 24, "s2.redmi_note_15"),
        device_row("Redmi Note 15 Pro+ 5G", 24, "s2.redmi_note_15"),
        device_row("紅米Note Seven", 18, "s2.redmi_note_7", "2022-11-29"),
        device_row("REDMI Note7", 18, "s2.redmi_note_7", "2022-11-29"),
        device_row("REDMI Note 7", 18, "s2.redmi_note_7", "2022-11-29"),
        // Models with general periods only: sections 5 and 6 give them no period of their own.
        general_row("Xiaomi 14"),
        general_row("Xiaomi 14 Ultra"),
        general_row("Xiaomi 13T Pro"),
        general_row("Xiaomi 13 Ultra"),
        general_row("POCO F7"),
        general_row("Redmi Note 13 Series"),
        general_row("Mi Note 10", "2022-11-29"),
        general_row("REDMI Pad", "2025-08-29"),
    };
    return rows;
}

// What the spec says a claim gets, without facts, bought in HK.
std::string expected_verdict(const std::string& part, const std::string& purchased, const std::string& claimed,
                             const std::string& until, const std::string& eos) {
    if (!eos.empty() && claimed > eos) return "service_ended";
    if (part == std::string("device") && claimed <= plus_days(purchased, 14)) return "replace_or_repair";
    if (claimed <= until) return part == std::string("device") ? "free_repair" : "free_replacement";
    return "paid_repair";
}

Clauses expected_clauses(const std::string& verdict, const std::string& period_clause, const std::string& eos) {
    if (verdict == "service_ended") return {"s8.notice", "s8." + eos};
    if (verdict == "replace_or_repair") return {"s1.doa"};
    if (verdict == "free_repair") return {"s1.repair", period_clause};
    if (verdict == "free_replacement") {
        if (period_clause == "s1.accessories") return {"s1.accessories"};
        return {"s1.accessories", period_clause};
    }
    return {"s4.out_of_warranty"};
}

// Every model the source names, as it spells it, with the end-of-service date that applies.
struct Named {
    const char* spelling;
    const char* model;  // a spelling of the same model as declared in the policy (for identity)
    const char* eos;
};

const std::vector<Named>& source_names() {
    static const std::vector<Named> names = {
        // 二 (the rows of the differentiated table, split at '/')
        {"Xiaomi 15T", "Xiaomi 15T", ""}, {"Xiaomi 15T Pro", "Xiaomi 15T Pro", ""},
        {"Xiaomi 15", "Xiaomi 15", ""}, {"Xiaomi 15 Ultra", "Xiaomi 15 Ultra", ""},
        {"Xiaomi 14T", "Xiaomi 14T", ""}, {"Xiaomi 14T Pro", "Xiaomi 14T Pro", ""},
        {"Xiaomi Mix Flip", "Xiaomi Mix Flip", ""},
        {"Xiaom 13", "Xiaomi 13", ""}, {"Xiaomi 13", "Xiaomi 13", ""}, {"Xiaomi 13 Pro", "Xiaomi 13 Pro", ""},
        {"Xiaomi 12", "Xiaomi 12", ""}, {"Xiaomi 12 Pro", "Xiaomi 12 Pro", ""}, {"Xiaomi 12 X", "Xiaomi 12X", "2025-08-29"},
        {"Xiaomi12T", "Xiaomi 12T", ""}, {"Xiaomi12T Pro", "Xiaomi 12T Pro", ""},
        {"Xiaomi 11T", "Xiaomi 11T", ""}, {"Xiaomi 11T Pro", "Xiaomi 11T Pro", ""},
        {"米11", "Mi 11", "2025-08-29"}, {"米10", "Mi 10", "2022-11-29"}, {"米10Pro", "Mi 10 Pro", "2022-11-29"},
        {"Redmi Note 15 5G", "Redmi Note 15 5G", ""}, {"Redmi Note 15 Pro 5G", "Redmi Note 15 Pro 5G", ""},
        {"Redmi Note 15 Pro+ 5G", "Redmi Note 15 Pro+ 5G", ""},
        {"紅米Note Seven", "REDMI Note7", "2022-11-29"},
        // 五
        {"Xiaomi 14", "Xiaomi 14", ""}, {"Xiaomi 14 Ultra", "Xiaomi 14 Ultra", ""},
        {"Xiaomi 13T Pro", "Xiaomi 13T Pro", ""}, {"Xiaomi 13T", "Xiaomi 13T", ""},
        {"Xiaomi 12T Pro", "Xiaomi 12T Pro", ""}, {"Xiaomi 12T", "Xiaomi 12T", ""},
        {"Xiaomi 12X", "Xiaomi 12X", "2025-08-29"},
        {"Mi 11", "Mi 11", "2025-08-29"}, {"Mi Note 10", "Mi Note 10", "2022-11-29"},
        {"Redmi Note 14 Pro", "Redmi Note 14 Pro", ""}, {"Redmi Note 14 Pro+", "Redmi Note 14 Pro+", ""},
        {"Redmi Note 13 Series", "Redmi Note 13", ""}, {"Redmi Note 11", "Redmi Note 11", ""},
        {"Redmi Note 10", "Redmi Note 10", "2025-08-29"}, {"Redmi Note 10 Pro", "Redmi Note 10 Pro", "2025-08-29"},
        {"POCO F8 Pro", "POCO F8 Pro", ""}, {"POCO F8 Ultra", "POCO F8 Ultra", ""}, {"POCO F7", "POCO F7", ""},
        {"POCO F7 Ultra", "POCO F7 Ultra", ""}, {"POCO F7 Pro", "POCO F7 Pro", ""},
        {"POCO X3 Pro", "POCO X3 Pro", "2025-08-29"}, {"POCO F4 GT", "POCO F4 GT", "2025-08-29"},
        {"POCO F4", "POCO F4", ""}, {"POCO F3", "POCO F3", "2025-08-29"},
        // 六
        {"Xiaomi 13 Ultra", "Xiaomi 13 Ultra", ""},
        // 八, 2021/12/3
        {"MI 2S", "MI 2S", "2021-12-03"}, {"Mi 3", "Mi 3", "2021-12-03"}, {"Mi 4", "Mi 4", "2021-12-03"},
        {"Mi 4i", "Mi 4i", "2021-12-03"}, {"Mi 5", "Mi 5", "2021-12-03"}, {"Mi 5S Plus", "Mi 5S Plus", "2021-12-03"},
        {"Mi Max", "Mi Max", "2021-12-03"}, {"Mi Mix", "Mi Mix", "2021-12-03"}, {"Mi Note", "Mi Note", "2021-12-03"},
        {"REDMI", "REDMI", "2021-12-03"}, {"REDMI 1S", "REDMI 1S", "2021-12-03"}, {"REDMI 2", "REDMI 2", "2021-12-03"},
        {"REDMI 2A", "REDMI 2A", "2021-12-03"}, {"REDMI 3", "REDMI 3", "2021-12-03"},
        {"REDMI 3S(新)", "REDMI 3S(新)", "2021-12-03"}, {"REDMI 4A", "REDMI 4A", "2021-12-03"},
        {"REDMI 4A(全网通)", "REDMI 4A(全网通)", "2021-12-03"}, {"REDMI Go", "REDMI Go", "2021-12-03"},
        {"REDMI Note", "REDMI Note", "2021-12-03"}, {"REDMI Note2", "REDMI Note2", "2021-12-03"},
        {"REDMI Note3", "REDMI Note3", "2021-12-03"}, {"REDMI Note3(新)", "REDMI Note3(新)", "2021-12-03"},
        {"REDMI Note4", "REDMI Note4", "2021-12-03"},
        // 八, 2022/6/7
        {"Mi 6", "Mi 6", "2022-06-07"}, {"Mi 9 SE", "Mi 9 SE", "2022-06-07"}, {"Mi A1", "Mi A1", "2022-06-07"},
        {"Mi A2 Lite", "Mi A2 Lite", "2022-06-07"}, {"Mi Note2", "Mi Note2", "2022-06-07"},
        {"Mi Play", "Mi Play", "2022-06-07"}, {"Mix 2 Unibody", "Mix 2 Unibody", "2022-06-07"},
        {"Mix3 5G", "Mix3 5G", "2022-06-07"}, {"REDMI 4X", "REDMI 4X", "2022-06-07"},
        {"REDMI 5A", "REDMI 5A", "2022-06-07"}, {"REDMI 6A", "REDMI 6A", "2022-06-07"},
        {"REDMI 7A", "REDMI 7A", "2022-06-07"}, {"REDMI 8", "REDMI 8", "2022-06-07"},
        {"REDMI 8A", "REDMI 8A", "2022-06-07"}, {"REDMI 8A(新)", "REDMI 8A(新)", "2022-06-07"},
        {"REDMI Note5A", "REDMI Note5A", "2022-06-07"}, {"REDMI Note5A Prime", "REDMI Note5A Prime", "2022-06-07"},
        {"REDMI Note7 Pro", "REDMI Note7 Pro", "2022-06-07"}, {"REDMI Note8", "REDMI Note8", "2022-06-07"},
        {"REDMI S2", "REDMI S2", "2022-06-07"}, {"REDMI Y3", "REDMI Y3", "2022-06-07"},
        // 八, 2022/11/29
        {"Mi 10", "Mi 10", "2022-11-29"}, {"Mi 10 Lite5G", "Mi 10 Lite5G", "2022-11-29"},
        {"Mi 10 Pro", "Mi 10 Pro", "2022-11-29"}, {"Mi 8", "Mi 8", "2022-11-29"}, {"Mi 8 Lite", "Mi 8 Lite", "2022-11-29"},
        {"Mi 8 Pro", "Mi 8 Pro", "2022-11-29"}, {"Mi 9", "Mi 9", "2022-11-29"}, {"Mi 9 Lite", "Mi 9 Lite", "2022-11-29"},
        {"Mi 9T", "Mi 9T", "2022-11-29"}, {"Mi 9T Pro", "Mi 9T Pro", "2022-11-29"}, {"Mi A2", "Mi A2", "2022-11-29"},
        {"Mi A3", "Mi A3", "2022-11-29"}, {"Mi Max3", "Mi Max3", "2022-11-29"}, {"Mi Note10", "Mi Note 10", "2022-11-29"},
        {"Mi Note10 Lite", "Mi Note10 Lite", "2022-11-29"}, {"Mix 2", "Mix 2", "2022-11-29"},
        {"Mix 2S", "Mix 2S", "2022-11-29"}, {"Mix 3", "Mix 3", "2022-11-29"}, {"REDMI 5", "REDMI 5", "2022-11-29"},
        {"REDMI 5 Plus", "REDMI 5 Plus", "2022-11-29"}, {"REDMI 6", "REDMI 6", "2022-11-29"},
        {"REDMI 7", "REDMI 7", "2022-11-29"}, {"REDMI 8A Pro", "REDMI 8A Pro", "2022-11-29"},
        {"REDMI Note4X", "REDMI Note4X", "2022-11-29"}, {"REDMI Note5", "REDMI Note5", "2022-11-29"},
        {"REDMI Note6 Pro", "REDMI Note6 Pro", "2022-11-29"}, {"REDMI Note7", "REDMI Note7", "2022-11-29"},
        {"REDMI Note8 Pro", "REDMI Note8 Pro", "2022-11-29"}, {"REDMI Note8T", "REDMI Note8T", "2022-11-29"},
        {"REDMI Note9", "REDMI Note9", "2022-11-29"}, {"REDMI Note9 (NFC)", "REDMI Note9 (NFC)", "2022-11-29"},
        {"REDMI Note9 Pro", "REDMI Note9 Pro", "2022-11-29"}, {"REDMI Note9S", "REDMI Note9S", "2022-11-29"},
        {"POCO F1", "POCO F1", "2022-11-29"},
        // 八, 2023/8/10
        {"REDMI 9(NFC)", "REDMI 9(NFC)", "2023-08-10"},
        // 八, 2024/1/15 ("Mi10" and "Mi10 Lite 5G" were ended earlier, on 2022/11/29)
        {"Mi10", "Mi 10", "2022-11-29"}, {"Mi10 Lite 5G", "Mi 10 Lite5G", "2022-11-29"},
        {"Mi10T", "Mi10T", "2024-01-15"}, {"Mi10T Lite", "Mi10T Lite", "2024-01-15"},
        {"Mi10T Pro", "Mi10T Pro", "2024-01-15"}, {"Mi11 Lite", "Mi11 Lite", "2024-01-15"},
        {"Mi11 Ultra", "Mi11 Ultra", "2024-01-15"}, {"REDMI Note 9T", "REDMI Note 9T", "2024-01-15"},
        {"REDMI Note10S NFC", "REDMI Note10S NFC", "2024-01-15"}, {"REDMI9A", "REDMI9A", "2024-01-15"},
        {"POCO F2 Pro", "POCO F2 Pro", "2024-01-15"}, {"POCO X3 GT", "POCO X3 GT", "2024-01-15"},
        // 八, 2025/8/29 ("REDMI Note 11S NFCREDMI Pad" is two models)
        {"Mi 11i", "Mi 11i", "2025-08-29"}, {"Xiaomi 12 Lite", "Xiaomi 12 Lite", "2025-08-29"},
        {"REDMI 10 5G NFC", "REDMI 10 5G NFC", "2025-08-29"}, {"REDMI 10 NFC", "REDMI 10 NFC", "2025-08-29"},
        {"REDMI 10A", "REDMI 10A", "2025-08-29"}, {"REDMI 10C NFC", "REDMI 10C NFC", "2025-08-29"},
        {"REDMI 9C", "REDMI 9C", "2025-08-29"}, {"REDMI 9T NFC", "REDMI 9T NFC", "2025-08-29"},
        {"REDMI A1", "REDMI A1", "2025-08-29"}, {"REDMI Note 10", "Redmi Note 10", "2025-08-29"},
        {"REDMI Note 10 Pro", "Redmi Note 10 Pro", "2025-08-29"}, {"REDMI Note 11 NFC", "REDMI Note 11 NFC", "2025-08-29"},
        {"REDMI Note 11 Pro", "REDMI Note 11 Pro", "2025-08-29"},
        {"REDMI Note 11 Pro 5G", "REDMI Note 11 Pro 5G", "2025-08-29"},
        {"REDMI Note 11 Pro+ 5G", "REDMI Note 11 Pro+ 5G", "2025-08-29"},
        {"REDMI Note 11S 5G", "REDMI Note 11S 5G", "2025-08-29"},
        {"REDMI Note 11S NFC", "REDMI Note 11S NFC", "2025-08-29"}, {"REDMI Pad", "REDMI Pad", "2025-08-29"},
        {"POCO C40", "POCO C40", "2025-08-29"}, {"POCO M3", "POCO M3", "2025-08-29"},
        {"POCO M3 Pro", "POCO M3 Pro", "2025-08-29"}, {"POCO M4 Pro", "POCO M4 Pro", "2025-08-29"},
        {"POCO M4 Pro 5G", "POCO M4 Pro 5G", "2025-08-29"}, {"POCO M5", "POCO M5", "2025-08-29"},
        {"POCO M5s", "POCO M5s", "2025-08-29"}, {"POCO X3 NFC", "POCO X3 NFC", "2025-08-29"},
        {"POCO X4 GT", "POCO X4 GT", "2025-08-29"}, {"POCO X4 Pro 5G", "POCO X4 Pro 5G", "2025-08-29"},
        {"POCO X5 5G", "POCO X5 5G", "2025-08-29"},
    };
    return names;
}

const char* const exclusions[] = {"serial_mismatch",    "serial_unreadable",   "unofficial_channel", "misuse",
                                  "cosmetic_wear",      "non_original_battery", "force_majeure",      "unauthorized_repair",
                                  "third_party_software", "carrier_reception"};

std::optional<Index> model_index(const std::string& spelling) { return graph().find_model(spelling); }

}  // namespace

// ==== the compiled policy =====================================================================

TEST_CASE("hk: the policy compiles with the declared parts, outcomes and facts", "[hk]") {
    const CompileResult& r = hk().result;
    for (const Diagnostic& d : r.diagnostics) CHECK(d.severity != Severity::Error);
    const RuleGraph& g = graph();
    CHECK(g.info.region == "HK");

    std::vector<std::string> part_names;
    for (const Term& p : g.parts) part_names.push_back(p.name);
    CHECK(part_names == std::vector<std::string>{"device", "battery", "charger", "cable", "adapter"});

    std::set<std::string> outcome_names;
    for (const Term& o : g.outcomes) outcome_names.insert(o.name);
    CHECK(outcome_names ==
          std::set<std::string>{"service_ended", "paid_repair", "replace_or_repair", "free_repair", "free_replacement"});

    for (const char* name : exclusions) {
        INFO("exclusion " << name);
        const auto f = g.find_fact(name);
        REQUIRE(f);
        CHECK(g.facts[*f].role == FactRole::Exclusion);
        CHECK_FALSE(g.facts[*f].default_value);
    }
    for (const char* name : {"invoice", "first_owner"}) {
        INFO("requirement " << name);
        const auto f = g.find_fact(name);
        REQUIRE(f);
        CHECK(g.facts[*f].role == FactRole::Requirement);
        CHECK(g.facts[*f].default_value);
    }
    for (const char* name : {"removable_battery", "same_fault", "ota_update"}) {
        INFO("fact " << name);
        const auto f = g.find_fact(name);
        REQUIRE(f);
        CHECK(g.facts[*f].role == FactRole::Plain);
        CHECK_FALSE(g.facts[*f].default_value);
    }
    CHECK(g.facts.size() == 15);
}

// ==== the example from the CLI's documentation ================================================

TEST_CASE("hk: the documented example answers exactly", "[hk][cli]") {
    const CliRun run = cli({"query", policy_path, "--model", "Xiaomi 15T", "--part", "device", "--purchased",
                            "2025-01-01", "--claimed", "2025-01-15"});
    CHECK(run.code == 0);
    CHECK(run.out ==
          "{\"id\":null,\"verdict\":\"replace_or_repair\",\"warranty_until\":\"2027-01-01\",\"services\":[\"walk_in\"],"
          "\"clauses\":[\"s1.doa\"]}\n");
    CHECK(run.err.empty());
}

// ==== periods: every differentiated row and every part ========================================

TEST_CASE("hk: every row's period for every part, on its last covered day and the day after", "[hk][periods]") {
    // Month ends and leap days exercise the clamp (into February and into 30-day months);
    // 2022-06-15 is a plain date.
    const std::vector<std::string> purchases = {"2019-08-31", "2020-02-29", "2021-01-31", "2021-05-31", "2022-03-31",
                                                "2022-06-15", "2023-08-31", "2024-02-29"};
    std::vector<QueryInput> qs;
    struct Expect {
        std::string until, verdict;
        Clauses clauses;
    };
    std::vector<Expect> expected;
    for (const Row& row : period_rows()) {
        for (int p = 0; p < 5; ++p) {
            for (const std::string& bought : purchases) {
                for (const bool removable : {false, true}) {
                    int months = row.months[p];
                    std::string period_clause = row.clause[p];
                    // A removable battery has 6 months, unless the model's row gives the battery its own period.
                    if (removable && p == 1 && period_clause == general_clause[1]) {
                        months = 6;
                        period_clause = "s1.accessories";
                    }
                    const std::string until = plus_months(bought, months);
                    for (const std::string& day : {until, plus_days(until, 1)}) {
                        QueryInput q = claim(row.model, parts[p], bought, day);
                        if (removable) q.facts.emplace_back("removable_battery", true);
                        qs.push_back(q);
                        const std::string v = expected_verdict(parts[p], bought, day, until, row.end_of_service);
                        expected.push_back({until, v, expected_clauses(v, period_clause, row.end_of_service)});
                    }
                }
            }
        }
    }
    const auto answers = ask_all(qs);
    REQUIRE(answers.size() == expected.size());
    std::size_t failures = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
        const Answer& a = answers[i];
        const Expect& e = expected[i];
        if (a.until != e.until || a.verdict != e.verdict || a.clauses != e.clauses || a.services != walk_in) {
            ++failures;
            if (failures <= 20) {
                FAIL_CHECK("query " << to_json(qs[i]) << "\n  got      " << a << " services " << a.services.size()
                                    << "\n  expected " << e.verdict << " until " << e.until << " clauses "
                                    << Catch::Detail::stringify(e.clauses));
            }
        }
    }
    CHECK(failures == 0);
    CHECK(qs.size() == period_rows().size() * 5 * purchases.size() * 2 * 2);
}

TEST_CASE("hk: warranty_until on named boundaries", "[hk][periods]") {
    struct Case {
        const char* model;
        const char* part;
        const char* purchased;
        std::vector<std::string> facts;
        const char* until;
    };
    const Case cases[] = {
        {"Xiaomi 15T", "device", "2025-01-01", {}, "2027-01-01"},
        {"Xiaomi 14", "device", "2024-01-31", {}, "2025-01-31"},
        {"Xiaomi 14", "device", "2024-02-29", {}, "2025-02-28"},
        {"Xiaomi 14", "device", "2023-02-28", {}, "2024-02-28"},
        {"Xiaomi 15T", "device", "2024-02-29", {}, "2026-02-28"},
        {"Xiaomi 15T", "device", "2024-01-31", {}, "2026-01-31"},
        {"Xiaomi 15T", "device", "2022-02-28", {}, "2024-02-28"},
        {"紅米Note Seven", "device", "2018-08-31", {}, "2020-02-29"},
        {"REDMI Note7", "device", "2019-01-31", {}, "2020-07-31"},
        {"Xiaomi 14", "charger", "2023-08-31", {}, "2024-02-29"},
        {"Xiaomi 14", "cable", "2024-08-31", {}, "2025-02-28"},
        {"Xiaomi 14", "adapter", "2024-03-31", {}, "2024-09-30"},
        {"Xiaomi 13", "charger", "2024-01-31", {}, "2025-01-31"},
        {"Xiaomi 13", "adapter", "2024-01-31", {}, "2024-07-31"},
        {"Xiaomi 13", "battery", "2024-02-29", {"removable_battery"}, "2026-02-28"},
        {"Xiaomi 14", "battery", "2024-08-31", {"removable_battery"}, "2025-02-28"},
        {"Xiaomi 14", "battery", "2024-08-31", {}, "2025-08-31"},
        {"Xiaomi 15T", "battery", "2024-02-29", {}, "2025-02-28"},
        {"Xiaomi 15T", "battery", "2024-02-29", {"removable_battery"}, "2024-08-29"},
        {"Mi 11", "cable", "2021-05-31", {}, "2022-05-31"},
        {"米10Pro", "battery", "2020-02-29", {}, "2022-02-28"},
        {"Xiaomi 12T Pro", "charger", "2022-12-31", {}, "2023-12-31"},
        {"Xiaomi 11T", "device", "2021-12-31", {}, "2023-12-31"},
    };
    // Claimed on the purchase day, on the last covered day and on the day after.
    std::vector<QueryInput> qs;
    for (const Case& c : cases) {
        for (const std::string& day : {std::string(c.purchased), std::string(c.until), plus_days(c.until, 1)}) {
            qs.push_back(claim(c.model, c.part, c.purchased, day, c.facts));
        }
    }
    const auto answers = ask_all(qs);
    std::size_t i = 0;
    for (const Case& c : cases) {
        INFO(c.model << " " << c.part << " bought " << c.purchased);
        const std::string covered = std::string(c.part) == "device" ? "free_repair" : "free_replacement";
        CHECK(answers[i].until == c.until);
        CHECK(answers[i + 1].until == c.until);
        CHECK(answers[i + 1].verdict == covered);
        CHECK(answers[i + 2].verdict == "paid_repair");
        i += 3;
    }
    // One of them through the flags, too.
    CHECK(ask_flags(qs[3 * 7 + 1]) == answers[3 * 7 + 1]);
}

TEST_CASE("hk: a model's own battery period wins over removable_battery", "[hk][periods]") {
    for (const char* model : {"Xiaomi 13", "Xiaomi 13 Pro", "Xiaomi 12", "Xiaomi 11T Pro", "Mi 11", "米10"}) {
        INFO(model);
        const Answer a = ask(claim(model, "battery", "2020-03-10", "2021-12-01", {"removable_battery"}));
        CHECK(a.until == "2022-03-10");
        const Answer fixed = ask_api(claim(model, "battery", "2020-03-10", "2021-12-01"));
        CHECK(fixed.until == "2022-03-10");
        CHECK(a.clauses == fixed.clauses);
    }
    // Without a row of its own the battery drops from 12 to 6 months.
    CHECK(ask(claim("Xiaomi 14", "battery", "2025-01-10", "2025-01-10", {"removable_battery"})).until == "2025-07-10");
    CHECK(ask(claim("Xiaomi 14", "battery", "2025-01-10", "2025-01-10", {"removable_battery=false"})).until == "2026-01-10");
    // removable_battery says nothing about the other parts.
    for (const char* part : {"device", "charger", "cable", "adapter"}) {
        INFO(part);
        CHECK(ask_api(claim("Xiaomi 14", part, "2025-01-10", "2025-03-10", {"removable_battery"})) ==
              ask_api(claim("Xiaomi 14", part, "2025-01-10", "2025-03-10")));
    }
}

// ==== the 14 days after purchase ==============================================================

TEST_CASE("hk: replace_or_repair up to day 14, free_repair from day 15", "[hk][doa]") {
    std::vector<QueryInput> qs;
    std::vector<int> days;
    for (const char* model : {"Xiaomi 14", "Xiaomi 15T", "Xiaomi 13", "POCO F7", "Redmi Note 15 Pro+ 5G"}) {
        for (const char* bought : {"2025-01-01", "2024-02-20", "2023-12-25", "2024-02-29", "2023-02-15"}) {
            for (int day = 0; day <= 16; ++day) {
                qs.push_back(claim(model, "device", bought, plus_days(bought, day)));
                days.push_back(day);
            }
        }
    }
    const auto answers = ask_all(qs);
    for (std::size_t i = 0; i < qs.size(); ++i) {
        INFO(to_json(qs[i]) << ": day " << days[i]);
        if (days[i] <= 14) {
            CHECK(answers[i].verdict == "replace_or_repair");
            CHECK(answers[i].clauses == Clauses{"s1.doa"});
        } else {
            CHECK(answers[i].verdict == "free_repair");
            CHECK(answers[i].clauses.at(0) == "s1.repair");
        }
        CHECK(answers[i].services == walk_in);
    }
    // Day 14 spelled out across a leap February: 2024-02-20 + 14 days = 2024-03-05.
    CHECK(ask(claim("Xiaomi 14", "device", "2024-02-20", "2024-03-05")).verdict == "replace_or_repair");
    CHECK(ask(claim("Xiaomi 14", "device", "2024-02-20", "2024-03-06")).verdict == "free_repair");
    CHECK(ask(claim("Xiaomi 14", "device", "2023-02-20", "2023-03-06")).verdict == "replace_or_repair");
    CHECK(ask(claim("Xiaomi 14", "device", "2023-02-20", "2023-03-07")).verdict == "free_repair");
}

TEST_CASE("hk: accessories claimed within 14 days are replaced, not replace_or_repair", "[hk][doa]") {
    for (const char* part : {"battery", "charger", "cable", "adapter"}) {
        for (int day : {0, 7, 14, 15}) {
            INFO(part << " day " << day);
            const Answer a = ask_api(claim("Xiaomi 15T", part, "2025-01-01", plus_days("2025-01-01", day)));
            CHECK(a.verdict == "free_replacement");
            CHECK(a.clauses.front() == "s1.accessories");
        }
    }
}

// ==== exclusions and requirements =============================================================

TEST_CASE("hk: every exclusion makes a covered claim paid_repair, citing it", "[hk][facts]") {
    const std::string name = GENERATE(from_range(std::begin(exclusions), std::end(exclusions)));
    INFO("exclusion " << name);
    const Clauses cited = {"s3.intro", "s3." + name};
    struct Base {
        QueryInput q;
        const char* verdict;
    };
    const Base bases[] = {
        {claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-10"), "replace_or_repair"},
        {claim("Xiaomi 15T", "device", "2025-01-01", "2026-06-01"), "free_repair"},
        {claim("Xiaomi 14", "battery", "2025-01-01", "2025-06-01"), "free_replacement"},
        {claim("Xiaomi 13", "charger", "2025-01-01", "2025-12-01"), "free_replacement"},
        {claim("POCO F7", "device", "2023-01-01", "2025-06-01"), "paid_repair"},
    };
    std::vector<QueryInput> qs;
    for (const Base& base : bases) {
        qs.push_back(base.q);
        qs.back().facts.emplace_back(name, true);
        qs.push_back(base.q);
        qs.back().facts.emplace_back(name, false);
    }
    const auto answers = ask_all(qs);
    for (std::size_t b = 0; b < std::size(bases); ++b) {
        const Base& base = bases[b];
        INFO("base " << to_json(base.q));
        const Answer plain = ask_api(base.q);
        CHECK(plain.verdict == base.verdict);
        const Answer& with = answers[2 * b];
        CHECK(with.verdict == "paid_repair");
        CHECK(with.clauses == cited);
        CHECK(with.services == walk_in);
        CHECK(with.until == plain.until);
        CHECK(answers[2 * b + 1] == plain);
    }
    // Through the flags: --fact NAME and --fact NAME=false.
    CHECK(ask_flags(qs[2]) == answers[2]);
    CHECK(ask_flags(qs[3]) == answers[3]);
    // An exclusion comes before an unmet requirement and a purchase abroad.
    QueryInput both = claim("Xiaomi 15T", "device", "2025-01-01", "2025-03-01", {name, "invoice=false", "first_owner=false"});
    both.purchase_region = "CN";
    CHECK(ask(both).clauses == cited);
}

TEST_CASE("hk: several exclusions are all cited, in declared order", "[hk][facts]") {
    const Answer a = ask(claim("Xiaomi 14", "device", "2025-01-01", "2025-03-01", {"carrier_reception", "misuse", "serial_mismatch"}));
    CHECK(a.verdict == "paid_repair");
    CHECK(a.clauses == Clauses{"s3.intro", "s3.serial_mismatch", "s3.misuse", "s3.carrier_reception"});
}

TEST_CASE("hk: every requirement left unmet makes a covered claim paid_repair", "[hk][facts]") {
    struct Case {
        std::vector<std::string> facts;
        Clauses clauses;
    };
    const Case cases[] = {
        {{"invoice=false"}, {"s4.invoice"}},
        {{"first_owner=false"}, {"s4.invoice", "s4.first_owner"}},
        {{"invoice=false", "first_owner=false"}, {"s4.invoice", "s4.first_owner"}},
    };
    for (const Case& c : cases) {
        for (const char* claimed : {"2025-01-05", "2025-06-01", "2026-12-31"}) {
            for (const char* part : {"device", "battery", "adapter"}) {
                INFO(part << " claimed " << claimed << " facts " << c.facts.size());
                QueryInput q = claim("Xiaomi 15T", part, "2025-01-01", claimed, c.facts);
                const Answer a = ask_api(q);
                CHECK(a.verdict == "paid_repair");
                CHECK(a.clauses == c.clauses);
            }
        }
        INFO("through the CLI");
        const Answer a = ask(claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-05", c.facts));
        CHECK(a.verdict == "paid_repair");
        CHECK(a.clauses == c.clauses);
    }
    // Requirements met explicitly change nothing.
    CHECK(ask(claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-05", {"invoice", "first_owner=true"})).verdict ==
          "replace_or_repair");
    // An unmet requirement comes before a purchase abroad.
    QueryInput abroad = claim("Xiaomi 15T", "device", "2025-01-01", "2025-06-01", {"first_owner=false"});
    abroad.purchase_region = "CN";
    CHECK(ask(abroad).clauses == Clauses{"s4.invoice", "s4.first_owner"});
}

TEST_CASE("hk: ota_update, removable_battery on a device and same_fault alone change nothing", "[hk][facts]") {
    const std::vector<QueryInput> bases = {
        claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-10"),  claim("Xiaomi 15T", "device", "2025-01-01", "2026-06-01"),
        claim("Xiaomi 14", "device", "2025-01-01", "2026-06-01"),   claim("Xiaomi 14", "charger", "2025-01-01", "2025-03-01"),
        claim("Mi 11", "device", "2024-01-01", "2025-09-01"),       claim("Xiaomi 13", "battery", "2024-01-01", "2025-09-01"),
    };
    std::vector<QueryInput> qs;
    std::vector<Answer> plain;
    for (const QueryInput& base : bases) {
        for (const char* fact : {"ota_update", "same_fault", "removable_battery"}) {
            if (std::string(fact) == "removable_battery" && *base.part != "device") continue;
            qs.push_back(base);
            qs.back().facts.emplace_back(fact, true);
            plain.push_back(ask_api(base));
        }
    }
    const auto answers = ask_all(qs);
    for (std::size_t i = 0; i < qs.size(); ++i) {
        INFO(to_json(qs[i]));
        CHECK(answers[i] == plain[i]);
    }
    CHECK(ask_flags(qs[0]) == plain[0]);
}

TEST_CASE("hk: the last value given for a fact counts, except in JSON, where a fact given twice is an error", "[hk][facts]") {
    // Not in the spec in so many words; the CLI passes facts in order.
    const QueryInput later_false = claim("Xiaomi 14", "device", "2025-01-01", "2025-03-01", {"misuse", "misuse=false"});
    const QueryInput later_true = claim("Xiaomi 14", "device", "2025-01-01", "2025-03-01", {"misuse=false", "misuse"});
    CHECK(ask_api(later_false).verdict == "free_repair");
    CHECK(ask_flags(later_false).verdict == "free_repair");
    CHECK(ask_api(later_true).verdict == "paid_repair");
    CHECK(ask_flags(later_true).verdict == "paid_repair");
    // A JSON object with a key twice is ambiguous: {"misuse":true,"misuse":false}.
    for (const Answer& a : ask_batch({later_false, later_true})) CHECK(a.error == "duplicate_field");
}

// ==== repeat repair ===========================================================================

TEST_CASE("hk: the same fault within 30 days of a repair is repaired free", "[hk][repeat]") {
    // Xiaomi 14: the device warranty ends 2024-01-10; the repair was on 2024-01-05.
    const std::string bought = "2023-01-10", repaired = "2024-01-05";
    REQUIRE(ask_api(claim("Xiaomi 14", "device", bought, "2024-01-10")).verdict == "free_repair");
    REQUIRE(ask_api(claim("Xiaomi 14", "device", bought, "2024-01-11")).verdict == "paid_repair");
    auto with_repair = [&](const std::string& claimed, std::vector<std::string> facts, const std::string& part = "device") {
        QueryInput q = claim("Xiaomi 14", part, bought, claimed, facts);
        q.last_repair = repaired;
        return q;
    };
    SECTION("day 30 after the repair is the last") {
        const Answer day30 = ask(with_repair(plus_days(repaired, 30), {"same_fault"}));
        CHECK(plus_days(repaired, 30) == "2024-02-04");
        CHECK(day30.verdict == "free_repair");
        CHECK(day30.clauses == Clauses{"s1.after_repair"});
        CHECK(day30.until == "2024-01-10");
        const Answer day31 = ask(with_repair(plus_days(repaired, 31), {"same_fault"}));
        CHECK(day31.verdict == "paid_repair");
        CHECK(day31.clauses == Clauses{"s4.out_of_warranty"});
        for (int day = 6; day <= 30; ++day) {
            INFO("day " << day);
            CHECK(ask_api(with_repair(plus_days(repaired, day), {"same_fault"})).verdict == "free_repair");
        }
    }
    SECTION("not without same_fault") {
        CHECK(ask(with_repair("2024-01-20", {})).verdict == "paid_repair");
        CHECK(ask(with_repair("2024-01-20", {"same_fault=false"})).verdict == "paid_repair");
    }
    SECTION("not without a last repair") {
        CHECK(ask(claim("Xiaomi 14", "device", bought, "2024-01-20", {"same_fault"})).verdict == "paid_repair");
    }
    SECTION("only for the device") {
        for (const char* part : {"battery", "charger", "cable", "adapter"}) {
            INFO(part);
            CHECK(ask_api(with_repair("2024-01-20", {"same_fault"}, part)).verdict == "paid_repair");
        }
    }
    SECTION("not when an exclusion or an unmet requirement holds") {
        CHECK(ask(with_repair("2024-01-20", {"same_fault", "misuse"})).verdict == "paid_repair");
        CHECK(ask(with_repair("2024-01-20", {"same_fault", "invoice=false"})).verdict == "paid_repair");
    }
    SECTION("within the warranty the repair is free anyway, citing the period") {
        QueryInput q = with_repair("2024-01-08", {"same_fault"});
        const Answer a = ask(q);
        CHECK(a.verdict == "free_repair");
        CHECK(a.clauses == Clauses{"s1.repair", "s2.general"});
    }
    SECTION("across a leap-year month end") {
        // 2024-01-31 + 30 days = 2024-03-01.
        QueryInput q = claim("Xiaomi 14", "device", "2022-06-01", "2024-03-01", {"same_fault"});
        q.last_repair = "2024-01-31";
        CHECK(ask(q).verdict == "free_repair");
        q.claimed = "2024-03-02";
        CHECK(ask(q).verdict == "paid_repair");
    }
    SECTION("a repair on the purchase day and a claim on the repair day are in order") {
        QueryInput q = claim("Xiaomi 14", "device", "2024-01-05", "2024-01-05", {"same_fault"});
        q.last_repair = "2024-01-05";
        CHECK(ask(q).verdict == "replace_or_repair");
    }
}

// ==== end of service ==========================================================================

TEST_CASE("hk: service ends after each notice's date, not on it", "[hk][eos]") {
    struct Case {
        const char* model;
        const char* date;
    };
    const Case cases[] = {
        {"MI 2S", "2021-12-03"},     {"REDMI 2A", "2021-12-03"},   {"REDMI 4A(全网通)", "2021-12-03"},
        {"Mi 6", "2022-06-07"},      {"Mix3 5G", "2022-06-07"},    {"REDMI Note7 Pro", "2022-06-07"},
        {"Mi 10", "2022-11-29"},     {"Mi10", "2022-11-29"},       {"米10", "2022-11-29"},
        {"Mi 10 Lite5G", "2022-11-29"}, {"Mi10 Lite 5G", "2022-11-29"}, {"POCO F1", "2022-11-29"},
        {"紅米Note Seven", "2022-11-29"}, {"Mi Note 10", "2022-11-29"},
        {"REDMI 9(NFC)", "2023-08-10"},
        {"Mi10T", "2024-01-15"},     {"REDMI9A", "2024-01-15"},    {"POCO X3 GT", "2024-01-15"},
        {"Mi 11", "2025-08-29"},     {"Xiaomi 12X", "2025-08-29"}, {"REDMI Note 11S NFC", "2025-08-29"},
        {"REDMI Pad", "2025-08-29"}, {"POCO F3", "2025-08-29"},
    };
    std::vector<QueryInput> qs;
    for (const Case& c : cases) {
        qs.push_back(claim(c.model, "device", "2019-06-01", c.date));
        qs.push_back(claim(c.model, "device", "2019-06-01", plus_days(c.date, 1)));
    }
    const auto answers = ask_all(qs);
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const Case& c = cases[i];
        INFO(c.model << " ends " << c.date);
        const Answer& on = answers[2 * i];
        CHECK(on.verdict == "paid_repair");  // served, though out of warranty
        const Answer& after = answers[2 * i + 1];
        CHECK(after.verdict == "service_ended");
        CHECK(after.clauses == Clauses{"s8.notice", std::string("s8.") + c.date});
        CHECK(after.services == walk_in);
        CHECK_FALSE(after.until.empty());
    }
    CHECK(ask_flags(qs[2 * 6 + 1]) == answers[2 * 6 + 1]);  // Mi 10 on 2022-11-30
}

TEST_CASE("hk: Mi 10 ends on its earlier notice, 2022-11-29, not 2024-01-15", "[hk][eos]") {
    for (const char* spelling : {"Mi 10", "Mi10", "mi10", "米10", "Mi 10 Lite5G", "Mi10 Lite 5G"}) {
        INFO(spelling);
        const Answer between = ask(claim(spelling, "device", "2021-06-01", "2023-06-01"));
        CHECK(between.verdict == "service_ended");
        CHECK(between.clauses == Clauses{"s8.notice", "s8.2022-11-29"});
        CHECK(ask_api(claim(spelling, "device", "2021-06-01", "2024-01-15")).verdict == "service_ended");
    }
    // Bought 2021-06-01, Mi 10's 24 months run to 2023-06-01, but service ended first.
    CHECK(ask_api(claim("Mi 10", "device", "2021-06-01", "2022-11-29")).verdict == "free_repair");
    CHECK(ask_api(claim("Mi 10", "device", "2021-06-01", "2022-11-30")).verdict == "service_ended");
}

TEST_CASE("hk: service_ended comes first, within warranty and whatever the facts", "[hk][eos]") {
    // Mi 11 bought 2024-10-01 has 24 months, to 2026-10-01; service ends 2025-08-29.
    CHECK(ask(claim("Mi 11", "device", "2024-10-01", "2025-08-29")).verdict == "free_repair");
    const Answer after = ask(claim("Mi 11", "device", "2024-10-01", "2025-08-30"));
    CHECK(after.verdict == "service_ended");
    CHECK(after.until == "2026-10-01");
    for (const std::vector<std::string>& facts : std::vector<std::vector<std::string>>{
             {"misuse"}, {"invoice=false"}, {"first_owner=false"}, {"same_fault"}, {"serial_unreadable", "invoice=false"}}) {
        INFO("facts " << facts.front());
        CHECK(ask_api(claim("Mi 11", "device", "2024-10-01", "2025-08-30", facts)).verdict == "service_ended");
    }
    QueryInput abroad = claim("Mi 11", "charger", "2024-10-01", "2025-08-30");
    abroad.purchase_region = "CN";
    CHECK(ask(abroad).verdict == "service_ended");
    // A model bought after its end of service has nothing left: even day 0 is after the date.
    CHECK(ask(claim("REDMI Pad", "device", "2025-09-01", "2025-09-01")).verdict == "service_ended");
    // Models without a notice are never ended.
    CHECK(ask(claim("Xiaomi 15T", "device", "2025-01-01", "2099-12-31")).verdict == "paid_repair");
    CHECK(ask(claim("Redmi Note 11", "device", "2019-01-01", "2030-01-01")).verdict == "paid_repair");
}

// ==== bought outside Hong Kong ================================================================

TEST_CASE("hk: bought abroad, only the international list keeps local terms", "[hk][region]") {
    const std::vector<std::pair<const char*, const char*>> listed = {
        {"Xiaomi 14 Ultra", "2025-01-01"}, {"Xiaomi 13 Ultra", "2025-01-01"}, {"Xiaomi 13 Pro", "2025-01-01"},
        {"Xiaomi 12 Pro", "2025-01-01"}};
    for (const auto& [model, bought] : listed) {
        for (const char* region : {"CN", "MO", "TW", "US"}) {
            INFO(model << " bought in " << region);
            auto abroad = [&](const char* part, const std::string& claimed) {
                QueryInput q = claim(model, part, bought, claimed);
                q.purchase_region = region;
                return q;
            };
            CHECK(ask_api(abroad("device", "2025-01-10")).verdict == "replace_or_repair");
            CHECK(ask_api(abroad("device", "2025-06-01")) == ask_api(claim(model, "device", bought, "2025-06-01")));
            CHECK(ask_api(abroad("charger", "2025-03-01")).verdict == "free_replacement");
            CHECK(ask_api(abroad("device", "2028-01-01")).verdict == "paid_repair");
        }
    }
    const char* not_listed[] = {"Xiaomi 15T", "Xiaomi 14", "Xiaomi 13", "Xiaomi 12", "Xiaomi 13T Pro", "POCO F7", "Xiaomi 15 Ultra"};
    for (const char* model : not_listed) {
        for (const char* part : {"device", "battery", "adapter"}) {
            INFO(model << " " << part << " bought in CN");
            QueryInput q = claim(model, part, "2025-01-01", "2025-01-05");
            q.purchase_region = "CN";
            const Answer a = ask_api(q);
            CHECK(a.verdict == "paid_repair");
            CHECK(a.clauses == Clauses{"s6"});
            CHECK(a.services == walk_in);
        }
    }
    // The same claims bought in Hong Kong, however the region is written, keep local terms.
    for (const char* region : {"HK", "hk", "Hk"}) {
        INFO("purchase_region " << region);
        QueryInput q = claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-05");
        q.purchase_region = region;
        CHECK(ask(q).verdict == "replace_or_repair");
    }
    QueryInput through_cli = claim("Xiaomi 15T", "device", "2025-01-01", "2025-06-05");
    through_cli.purchase_region = "CN";
    CHECK(ask(through_cli).clauses == Clauses{"s6"});
    through_cli.model = "Xiaomi 13 Pro";
    CHECK(ask(through_cli).verdict == "free_repair");
}

// ==== model names =============================================================================

TEST_CASE("hk: every model the source names is queryable, with its end of service", "[hk][models]") {
    std::vector<QueryInput> qs;
    std::vector<std::string> expected;
    for (const Named& n : source_names()) {
        INFO("model `" << n.spelling << "`");
        const auto index = model_index(n.spelling);
        CHECK(index.has_value());
        CHECK(index == model_index(n.model));
        // Bought 2018-01-01, every period (24 months at most) is over by 2020-01-02.
        const std::string eos = n.eos;
        if (eos.empty()) {
            qs.push_back(claim(n.spelling, "device", "2018-01-01", "2099-12-31"));
            expected.push_back("paid_repair");
        } else {
            qs.push_back(claim(n.spelling, "device", "2018-01-01", eos));
            expected.push_back("paid_repair");
            qs.push_back(claim(n.spelling, "device", "2018-01-01", plus_days(eos, 1)));
            expected.push_back("service_ended");
        }
    }
    const auto answers = ask_all(qs);
    for (std::size_t i = 0; i < qs.size(); ++i) {
        INFO(to_json(qs[i]));
        CHECK(answers[i].error == "");
        CHECK(answers[i].verdict == expected[i]);
    }
    // Distinct models in the source are distinct in the policy.
    std::set<std::string> declared;
    std::set<Index> indices;
    for (const Named& n : source_names()) {
        declared.insert(n.model);
        if (const auto i = model_index(n.model)) indices.insert(*i);
    }
    CHECK(indices.size() == declared.size());
}

TEST_CASE("hk: the run-together REDMI Note 11S NFCREDMI Pad names two models", "[hk][models]") {
    const auto note = model_index("REDMI Note 11S NFC");
    const auto pad = model_index("REDMI Pad");
    REQUIRE(note);
    REQUIRE(pad);
    CHECK(*note != *pad);
    for (const char* m : {"REDMI Note 11S NFC", "REDMI Pad"}) {
        INFO(m);
        CHECK(graph().models[*model_index(m)].end_of_service == parse_iso_date("2025-08-29"));
    }
}

TEST_CASE("hk: model names ignore case, white space, '-' and '_'", "[hk][models]") {
    const std::vector<std::pair<const char*, const char*>> same = {
        {"xiaomi-15t", "Xiaomi 15T"},       {"XIAOMI_15T", "Xiaomi 15T"},      {"xiaomi15t", "Xiaomi 15T"},
        {"  Xiaomi   15T  ", "Xiaomi 15T"}, {"Xiaomi\t15T", "Xiaomi 15T"},     {"x-i_a o-m_i 1 5 t", "Xiaomi 15T"},
        {"米11", "Mi 11"},                  {"Mi11", "Mi 11"},                 {"mi_11", "Mi 11"},
        {"紅米Note Seven", "REDMI Note7"},  {"紅米note seven", "REDMI Note7"}, {"紅米 Note-Seven", "REDMI Note7"},
        {"REDMI Note 7", "REDMI Note7"},    {"redmi-note-7", "REDMI Note7"},   {"xiaom 13", "Xiaomi 13"},
        {"米10pro", "Mi 10 Pro"},           {"米10 Pro", "Mi 10 Pro"},         {"mi-10-pro", "Mi 10 Pro"},
        {"redmi note 13 series", "Redmi Note 13"}, {"poco_f7_pro", "POCO F7 Pro"}, {"redmi note 15 pro+ 5g", "Redmi Note 15 Pro+ 5G"},
        {"redmi 4a(全网通)", "REDMI 4A(全网通)"},
    };
    for (const auto& [spelling, model] : same) {
        INFO("`" << spelling << "` is `" << model << "`");
        REQUIRE(model_index(model));
        CHECK(model_index(spelling) == model_index(model));
    }
    // Every name of the source in upper case, lower case, without spaces, and with '-' or '_'.
    for (const Named& n : source_names()) {
        std::string upper = n.spelling, lower = n.spelling, squeezed, dashed = n.spelling, underscored = n.spelling;
        for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
        for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        for (char c : std::string(n.spelling)) if (c != ' ') squeezed.push_back(c);
        std::replace(dashed.begin(), dashed.end(), ' ', '-');
        std::replace(underscored.begin(), underscored.end(), ' ', '_');
        for (const std::string& variant : {upper, lower, squeezed, dashed, underscored, " " + lower + " "}) {
            INFO("`" << variant << "` is `" << n.spelling << "`");
            CHECK(model_index(variant) == model_index(n.spelling));
        }
    }
    // Through a claim, too.
    CHECK(ask(claim("xiaomi-15t", "device", "2025-01-01", "2025-01-15")).until == "2027-01-01");
    CHECK(ask(claim("XIAOMI_15T", "device", "2025-01-01", "2025-06-15")).clauses == Clauses{"s1.repair", "s2.xiaomi_15t"});
    CHECK(ask(claim("紅米Note Seven", "device", "2019-01-01", "2019-06-01")).until == "2020-07-01");
}

TEST_CASE("hk: similar names are different models", "[hk][models]") {
    const std::vector<std::pair<const char*, const char*>> different = {
        {"REDMI Note7", "REDMI Note7 Pro"}, {"Mix 3", "Mix3 5G"},        {"Mi 11", "Mi11 Lite"},
        {"Mi 11", "Mi 11i"},                {"REDMI 9(NFC)", "REDMI Note9 (NFC)"}, {"Xiaomi 13", "Xiaomi 13 Pro"},
        {"Xiaomi 13", "Xiaomi 13T"},        {"Mi 10", "Mi10T"},          {"Mi Note10", "Mi Note10 Lite"},
        {"REDMI Note 11S NFC", "REDMI Note 11 NFC"}, {"Redmi Note 11", "REDMI Note 11 NFC"}, {"Xiaomi 12", "Xiaomi 12X"},
    };
    for (const auto& [a, b] : different) {
        INFO(a << " vs " << b);
        REQUIRE(model_index(a));
        REQUIRE(model_index(b));
        CHECK(model_index(a) != model_index(b));
    }
    // ...and their answers differ where the policy says so.
    CHECK(ask_api(claim("Xiaomi 12", "device", "2024-01-01", "2025-09-01")).verdict == "free_repair");
    CHECK(ask_api(claim("Xiaomi 12X", "device", "2024-01-01", "2025-09-01")).verdict == "service_ended");
}

TEST_CASE("hk: unknown models are errors that suggest the nearest names", "[hk][models][errors]") {
    struct Case {
        const char* spelling;
        const char* suggested;
    };
    const Case cases[] = {
        {"Xiaomi 15 Ultar", "Xiaomi 15 Ultra"}, {"Xiaomi 15X", "Xiaomi 15"}, {"Redmi Note 15 Pro 5", "Redmi Note 15 Pro 5G"},
        {"POCO F7 Pr", "POCO F7 Pro"},          {"Xaiomi 14", "Xiaomi 14"},  {"REDMI Padd", "REDMI Pad"},
        // The brand left out: names that end with what was typed come first.
        {"14T Pro", "did you mean `Xiaomi 14T Pro`?"}, {"15T", "did you mean `Xiaomi 15T` or `Xiaomi 15T Pro`?"},
        {"note 13", "Redmi Note 13"},
    };
    for (const Case& c : cases) {
        INFO(c.spelling);
        const Answer a = ask(claim(c.spelling, "device", "2025-01-01", "2025-01-15"));
        CHECK(a.error == "unknown_model");
        CHECK_THAT(a.message, Catch::Contains(c.spelling));
        CHECK_THAT(a.hint, Catch::Contains(c.suggested));
    }
    for (const char* spelling : {"Nokia 3310", "Xiaomi 16", "iPhone", "Mi 10 Ultra"}) {
        INFO("`" << spelling << "`");
        const Answer a = ask_api(claim(spelling, "device", "2025-01-01", "2025-01-15"));
        CHECK(a.error == "unknown_model");
        CHECK_FALSE(a.hint.empty());
    }
}

// ==== errors ==================================================================================

TEST_CASE("hk: query errors, through the API, the flags and a batch", "[hk][errors]") {
    auto with = [](auto change) {
        QueryInput q = claim("Xiaomi 15T", "device", "2025-01-01", "2025-01-15");
        change(q);
        return q;
    };
    struct Case {
        QueryInput q;
        const char* code;
        const char* hint_has;  // "" when no hint is required
    };
    const std::vector<Case> cases = {
        {with([](QueryInput& q) { q.part = "screen"; }), "unknown_part", "adapter"},
        {with([](QueryInput& q) { q.facts = {{"water_damage", true}}; }), "unknown_fact", ""},
        {with([](QueryInput& q) { q.facts = {{"misuze", true}}; }), "unknown_fact", "misuse"},
        {with([](QueryInput& q) { q.purchased = "2025-02-30"; }), "impossible_date", "28"},
        {with([](QueryInput& q) { q.claimed = "2025-13-01"; }), "impossible_date", "13"},
        {with([](QueryInput& q) { q.purchased = "2023-02-29"; }), "impossible_date", "28"},
        {with([](QueryInput& q) { q.purchased = "2025/01/01"; }), "impossible_date", "YYYY-MM-DD"},
        {with([](QueryInput& q) { q.claimed = "2025-1-15"; }), "impossible_date", "YYYY-MM-DD"},
        {with([](QueryInput& q) { q.last_repair = "2025-01-32"; }), "impossible_date", "31"},
        {with([](QueryInput& q) { q.claimed = "2024-12-31"; }), "claimed_before_purchase", ""},
        {with([](QueryInput& q) { q.region = "CN"; }), "unknown_region", "HK"},
        {with([](QueryInput& q) { q.model.reset(); }), "missing_field", ""},
        {with([](QueryInput& q) { q.part.reset(); }), "missing_field", ""},
        {with([](QueryInput& q) { q.purchased.reset(); }), "missing_field", ""},
        {with([](QueryInput& q) { q.claimed.reset(); }), "missing_field", ""},
        {with([](QueryInput& q) { q.last_repair = "2024-12-31"; }), "last_repair_out_of_order", ""},
        {with([](QueryInput& q) { q.last_repair = "2025-01-16"; }), "last_repair_out_of_order", ""},
    };
    std::vector<QueryInput> qs;
    for (const Case& c : cases) qs.push_back(c.q);
    const auto answers = ask_all(qs);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(to_json(cases[i].q));
        CHECK(answers[i].error == cases[i].code);
        CHECK(answers[i].verdict.empty());
        CHECK_FALSE(answers[i].message.empty());
        if (*cases[i].hint_has) CHECK_THAT(answers[i].hint, Catch::Contains(cases[i].hint_has));
        CHECK(ask_flags(cases[i].q) == answers[i]);
    }
    // The boundaries of those errors are not errors.
    CHECK(ask(with([](QueryInput& q) { q.claimed = "2025-01-01"; })).verdict == "replace_or_repair");
    CHECK(ask(with([](QueryInput& q) { q.region = "hk"; })).verdict == "replace_or_repair");
    CHECK(ask(with([](QueryInput& q) { q.last_repair = "2025-01-01"; })).verdict == "replace_or_repair");
    CHECK(ask(with([](QueryInput& q) { q.last_repair = "2025-01-15"; })).verdict == "replace_or_repair");
    CHECK(ask(with([](QueryInput& q) { q.purchased = "2024-02-29"; q.claimed = "2024-03-01"; })).verdict == "replace_or_repair");
}

TEST_CASE("hk: JSON-level errors in a batch line", "[hk][errors][batch]") {
    const std::string good = R"("model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2025-01-15")";
    struct Case {
        std::string line;
        const char* code;  // the error code, or the verdict for an answer
        const char* id;    // as echoed; nullptr when either way is fine
    };
    const std::vector<Case> cases = {
        {"{\"id\":1," + good + "}", "replace_or_repair", "1"},
        {"", "malformed_json", "null"},
        {"   ", "malformed_json", "null"},
        {"not json", "malformed_json", "null"},
        {"[1,2,3]", "malformed_json", "null"},
        {"{\"id\":2," + good, "malformed_json", nullptr},  // an unterminated object; the id may or may not be read
        {"{\"id\":3," + good + "}}", "malformed_json", nullptr},
        {"{'id':4}", "malformed_json", "null"},
        {"{\"id\":5,\"model\":15," + good.substr(good.find("\"part\"")) + "}", "wrong_type", "5"},
        {"{\"id\":6," + good + ",\"facts\":[\"misuse\"]}", "wrong_type", "6"},
        {"{\"id\":7," + good + ",\"facts\":{\"misuse\":\"yes\"}}", "wrong_type", "7"},
        {"{\"id\":8," + good + ",\"facts\":{\"misuse\":1}}", "wrong_type", "8"},
        {"{\"id\":9," + good + ",\"colour\":\"red\"}", "unknown_field", "9"},
        {"{\"id\":10,\"model\":null,\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-15\"}", "missing_field", "10"},
        {"{\"id\":11}", "missing_field", "11"},
        {"{}", "missing_field", "null"},
        {"{\"id\":12," + good + ",\"facts\":{\"misuse\":true}}", "paid_repair", "12"},
        {"{\"id\":13," + good + ",\"facts\":null}", "replace_or_repair", "13"},
        {"  {\"id\":14 , " + good + " }  ", "replace_or_repair", "14"},
        {"{\"id\":15," + good + ",\"region\":null,\"last_repair\":null}", "replace_or_repair", "15"},
    };
    std::string input;
    for (const Case& c : cases) input += c.line + "\n";
    const CliRun run = cli({"query", policy_path, "--batch", "-"}, input);
    CHECK(run.code == 1);
    const auto lines = run.lines();
    REQUIRE(lines.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("line `" << cases[i].line << "` -> " << lines[i]);
        const Answer a = from_json(lines[i]);
        CHECK((a.error.empty() ? a.verdict : a.error) == cases[i].code);
        if (cases[i].id) CHECK(a.id == cases[i].id);
        // answer_line gives the same text, and says whether the line failed (preset the flag
        // to the wrong value so that it must be set).
        const bool should_fail = !a.error.empty();
        bool failed = !should_fail;
        CHECK(answer_line(hk().set, cases[i].line, false, failed) == lines[i]);
        CHECK(failed == should_fail);
    }
}

// ==== the CLI ================================================================================

TEST_CASE("two regions: a claim without a region, or sent to the region without its model, is told which region to give", "[cli]") {
    const std::string cn = std::string(WARRANT_SOURCE_DIR) + "/examples/cn-sanbao/phones.policy";
    const auto ask = [&](const std::string& query) {
        const CliRun run = cli({"query", policy_path, cn, "--query", query});
        CHECK(run.code == 1);
        return run.out;
    };
    const std::string no_region = ask(R"({"model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2025-01-15"})");
    CHECK(no_region.find("\"code\":\"missing_field\"") != std::string::npos);
    CHECK(no_region.find("\"hint\":\"give \\\"region\\\", one of `HK`, `CN`\"") != std::string::npos);
    const std::string elsewhere = ask(R"({"region":"CN","model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2025-01-15"})");
    CHECK(elsewhere.find("\"code\":\"unknown_model\"") != std::string::npos);
    CHECK(elsewhere.find("the HK policy has `Xiaomi 15T`: give \\\"region\\\":\\\"HK\\\"") != std::string::npos);
}

TEST_CASE("hk: CLI exit codes", "[hk][cli]") {
    const std::vector<std::string> good = {"--model", "Xiaomi 15T", "--part", "device", "--purchased", "2025-01-01", "--claimed", "2025-01-15"};
    auto args = [&](std::vector<std::string> extra, bool with_claim = true) {
        std::vector<std::string> a = {"query", policy_path};
        if (with_claim) a.insert(a.end(), good.begin(), good.end());
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    };
    CHECK(cli(args({})).code == 0);
    SECTION("1 when the query fails") {
        const CliRun run = cli(args({"--region", "CN"}));
        CHECK(run.code == 1);
        CHECK(from_json(run.lines().at(0)).error == "unknown_region");
        CHECK(cli({"query", policy_path, "--model", "Xiaomi 99", "--part", "device", "--purchased", "2025-01-01", "--claimed", "2025-01-15"}).code == 1);
        CHECK(cli({"query", policy_path, "--model", "Xiaomi 15T", "--part", "device", "--purchased", "2025-01-01"}).code == 1);
        CHECK(cli({"query", policy_path, "--query", "{\"model\":"}).code == 1);
        // A fact's value is the policy's to judge (counts, dates and choices are values too):
        // `maybe` for a true/false fact is the claim's error (wrong_type), not the command line's.
        CHECK(cli(args({"--fact", "misuse=maybe"})).code == 1);
    }
    SECTION("2 for misuse of the command line and I/O") {
        CHECK(cli({}).code == 2);
        CHECK(cli({"frobnicate"}).code == 2);
        CHECK(cli({"query", policy_path}).code == 2);
        CHECK(cli({"query", policy_path, "--no-such-flag"}).code == 2);
        CHECK(cli(args({"--format", "xml"})).code == 2);
        CHECK(cli({"query", policy_path, "--query", "{}", "--batch", "-"}).code == 2);
        CHECK(cli({"query", policy_path, "--batch", "/nonexistent/claims.jsonl"}).code == 2);
        const CliRun missing = cli({"query", "/nonexistent/policy.policy", "--model", "Xiaomi 15T", "--part", "device",
                                    "--purchased", "2025-01-01", "--claimed", "2025-01-15"});
        CHECK(missing.code == 2);
        CHECK_FALSE(missing.err.empty());
        CHECK(missing.out.empty());
    }
}

TEST_CASE("hk: CLI flags: --id, --region, --fact, --last-repair, --purchase-region", "[hk][cli]") {
    const std::vector<std::string> base = {"query", policy_path, "--model", "Xiaomi 14", "--part", "device", "--purchased", "2023-01-10"};
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> a = base;
        a.insert(a.end(), extra.begin(), extra.end());
        const CliRun r = cli(a);
        INFO("stderr " << r.err);
        REQUIRE(r.lines().size() == 1);
        return std::make_pair(r.code, from_json(r.lines()[0]));
    };
    const auto [code, with_id] = run({"--claimed", "2023-02-01", "--id", "claim-7"});
    CHECK(code == 0);
    CHECK(with_id.id == "\"claim-7\"");
    CHECK(with_id.verdict == "free_repair");
    CHECK(run({"--claimed", "2023-02-01", "--region", "HK"}).second.verdict == "free_repair");
    CHECK(run({"--claimed", "2023-02-01", "--region", "hk"}).second.verdict == "free_repair");
    CHECK(run({"--claimed", "2023-02-01", "--fact", "misuse"}).second.verdict == "paid_repair");
    CHECK(run({"--claimed", "2023-02-01", "--fact", "misuse=true"}).second.verdict == "paid_repair");
    CHECK(run({"--claimed", "2023-02-01", "--fact", "misuse=false"}).second.verdict == "free_repair");
    CHECK(run({"--claimed", "2023-02-01", "--fact", "invoice=false"}).second.clauses == Clauses{"s4.invoice"});
    CHECK(run({"--claimed", "2023-02-01", "--fact", "misuse", "--fact", "cosmetic_wear"}).second.clauses ==
          Clauses{"s3.intro", "s3.misuse", "s3.cosmetic_wear"});
    CHECK(run({"--claimed", "2023-02-01", "--purchase-region", "CN"}).second.clauses == Clauses{"s6"});
    CHECK(run({"--claimed", "2024-02-09", "--last-repair", "2024-01-10", "--fact", "same_fault"}).second.verdict == "free_repair");
    CHECK(run({"--claimed", "2024-02-10", "--last-repair", "2024-01-10", "--fact", "same_fault"}).second.verdict == "paid_repair");
    const auto [bad_code, bad_fact] = run({"--claimed", "2023-02-01", "--fact", "nope", "--id", "x"});
    CHECK(bad_code == 1);
    CHECK(bad_fact.error == "unknown_fact");
    CHECK(bad_fact.id == "\"x\"");
}

TEST_CASE("hk: CLI --query takes one JSON claim and echoes its id", "[hk][cli]") {
    const CliRun ok = cli({"query", policy_path, "--query",
                           R"({"id":"q1","model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2025-01-15","facts":{"misuse":true}})"});
    CHECK(ok.code == 0);
    REQUIRE(ok.lines().size() == 1);
    const Answer a = from_json(ok.lines()[0]);
    CHECK(a.id == "\"q1\"");
    CHECK(a.verdict == "paid_repair");
    CHECK(a.clauses == Clauses{"s3.intro", "s3.misuse"});

    const CliRun unknown = cli({"query", policy_path, "--query",
                                R"({"id":42,"model":"Xiaomi 99","part":"device","purchased":"2025-01-01","claimed":"2025-01-15"})"});
    CHECK(unknown.code == 1);
    const Answer e = from_json(unknown.lines().at(0));
    CHECK(e.id == "42");
    CHECK(e.error == "unknown_model");

    // BUG (src/cli/query_command.cpp): for a --query whose JSON parses but has a field-level
    // error (wrong_type, unknown_field), the answer prints "id":null instead of echoing the id,
    // while the same line through --batch (answer_line) echoes it.
    const CliRun wrong = cli({"query", policy_path, "--query",
                              R"({"id":43,"model":15,"part":"device","purchased":"2025-01-01","claimed":"2025-01-15"})"});
    CHECK(wrong.code == 1);
    const Answer w = from_json(wrong.lines().at(0));
    CHECK(w.error == "wrong_type");
    CHECK(w.id == "43");
}

TEST_CASE("hk: --explain cites the deciding rule, its clauses and what would change", "[hk][cli][explain]") {
    const std::vector<std::string> args = {"query", policy_path, "--model", "Xiaomi 15T", "--part", "device", "--purchased",
                                           "2025-01-01", "--claimed", "2025-06-15", "--fact", "misuse", "--explain"};
    const CliRun run = cli(args);
    CHECK(run.code == 0);
    const std::string& text = run.out;
    CHECK_THAT(text, Catch::Contains("exclusion_applies"));
    CHECK_THAT(text, Catch::Contains("paid_repair"));
    CHECK_THAT(text, Catch::Contains("[s3.misuse]"));
    CHECK_THAT(text, Catch::Contains("[s3.intro]"));
    // The clause is quoted from the source (section 三).
    CHECK_THAT(text, Catch::Contains("\"因消費者未按使用手冊或說明書規定,使用不當而毀損者,包括重壓、摔壞、受潮、浸水、淋雨、異物侵入、遺失零元件等所造成之損壞。\""));
    CHECK_THAT(text, Catch::Contains("without misuse this would be free_repair"));
    CHECK_THAT(text, Catch::Contains("2027-01-01"));
    CHECK_THAT(text, Catch::Contains("[s2.xiaomi_15t]"));

    // The same text from the API.
    QueryInput q = claim("Xiaomi 15T", "device", "2025-01-01", "2025-06-15", {"misuse"});
    auto resolved = resolve_claim(hk().set, q);
    REQUIRE(std::holds_alternative<ResolvedClaim>(resolved));
    const auto& [g, c] = std::get<ResolvedClaim>(resolved);
    const Decision d = decide(*g, c);
    CHECK(render_explanation(*g, c, d) == text);

    const Explanation ex = explain(*g, c, d);
    REQUIRE_FALSE(ex.steps.empty());
    CHECK(g->rules[ex.steps.back().rule].name == "exclusion_applies");
    CHECK(ex.steps.back().applies);
    CHECK_THAT(ex.steps.back().why, Catch::Contains("misuse"));
    for (std::size_t i = 0; i + 1 < ex.steps.size(); ++i) CHECK_FALSE(ex.steps[i].applies);
    CHECK(std::find(ex.alternatives.begin(), ex.alternatives.end(), "without misuse this would be free_repair") !=
          ex.alternatives.end());
}

TEST_CASE("hk: --explain names the boundary that would change the answer", "[hk][cli][explain]") {
    SECTION("day 14") {
        const CliRun run = cli({"query", policy_path, "--model", "Xiaomi 15T", "--part", "device", "--purchased", "2025-01-01",
                                "--claimed", "2025-01-15", "--explain"});
        CHECK_THAT(run.out, Catch::Contains("dead_on_arrival"));
        CHECK_THAT(run.out, Catch::Contains("[s1.doa]"));
        CHECK_THAT(run.out, Catch::Contains("自使用者簽收貨物起14日內"));
        CHECK_THAT(run.out, Catch::Contains("claimed after 2025-01-15 it would be free_repair"));
    }
    SECTION("end of service") {
        const CliRun run = cli({"query", policy_path, "--model", "Mi 11", "--part", "device", "--purchased", "2024-10-01",
                                "--claimed", "2025-08-30", "--explain"});
        CHECK_THAT(run.out, Catch::Contains("service_ended"));
        CHECK_THAT(run.out, Catch::Contains("[s8.2025-08-29]"));
        CHECK_THAT(run.out, Catch::Contains("on or before 2025-08-29 this would have been free_repair"));
    }
    SECTION("a requirement") {
        const CliRun run = cli({"query", policy_path, "--model", "Xiaomi 14", "--part", "charger", "--purchased", "2025-01-01",
                                "--claimed", "2025-02-01", "--fact", "invoice=false", "--explain"});
        CHECK_THAT(run.out, Catch::Contains("requirement_unmet"));
        CHECK_THAT(run.out, Catch::Contains("[s4.invoice]"));
        CHECK_THAT(run.out, Catch::Contains("with invoice this would be free_replacement"));
    }
    SECTION("as JSON, with a trace") {
        const CliRun run = cli({"query", policy_path, "--model", "Xiaomi 15T", "--part", "device", "--purchased", "2025-01-01",
                                "--claimed", "2025-06-15", "--fact", "misuse", "--explain", "--format", "json"});
        CHECK(run.code == 0);
        REQUIRE(run.lines().size() == 1);
        const Json j = parse_json(run.lines()[0]);
        REQUIRE(j.get("verdict"));
        CHECK(j.get("verdict")->text == "paid_repair");
        REQUIRE(j.get("trace"));
        REQUIRE_FALSE(j.get("trace")->items.empty());
        const Json& last = j.get("trace")->items.back();
        CHECK(last.get("rule")->text == "exclusion_applies");
        CHECK(last.get("clause")->text == "s3.intro");
        CHECK(last.get("applies")->text == "true");
        CHECK(strings(j.get("would_change")) == std::vector<std::string>{"without misuse this would be free_repair"});
    }
}

// ==== batches ================================================================================

TEST_CASE("hk: a batch of 2000 mixed lines answers every line, in order", "[hk][batch]") {
    struct ModelSpec {
        const char* name;
        int months[5];
    };
    const ModelSpec models[] = {{"Xiaomi 15T", {24, 12, 6, 6, 6}},
                                {"Xiaomi 14", {12, 12, 6, 6, 6}},
                                {"Xiaomi 13", {24, 24, 12, 12, 6}},
                                {"poco-f7", {12, 12, 6, 6, 6}}};
    const char* purchases[] = {"2024-01-31", "2024-02-29", "2023-08-31", "2025-03-15"};
    const int n = 2000;
    std::string input;
    std::vector<std::string> expected_id(n), expected(n);  // expected: a verdict or "error:code"
    for (int i = 0; i < n; ++i) {
        const std::string id = i % 2 == 0 ? std::to_string(i) : "\"L" + std::to_string(i) + "\"";
        const ModelSpec& m = models[i % 4];
        const int p = (i / 4) % 5;
        const std::string bought = purchases[(i / 20) % 4];
        const std::string claimed = plus_days(bought, (i * 37) % 800);
        const std::string fields = std::string(",\"model\":\"") + m.name + "\",\"part\":\"" + parts[p] + "\",\"purchased\":\"" + bought + "\"";
        std::string line;
        expected_id[i] = id;
        switch (i % 50) {
            case 7: line = ""; expected_id[i] = "null"; expected[i] = "error:malformed_json"; break;
            case 13: line = "not json " + std::to_string(i); expected_id[i] = "null"; expected[i] = "error:malformed_json"; break;
            case 21:
                line = "{\"id\":" + id + ",\"model\":\"Xiaomi 99\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-02\"}";
                expected[i] = "error:unknown_model";
                break;
            case 33:
                line = "{\"id\":" + id + fields + ",\"claimed\":\"2025-02-30\"}";
                expected[i] = "error:impossible_date";
                break;
            case 41:
                line = "{\"id\":" + id + fields + ",\"claimed\":\"" + plus_days(bought, -1) + "\"}";
                expected[i] = "error:claimed_before_purchase";
                break;
            case 45:
                line = "{\"id\":" + id + fields + ",\"claimed\":\"" + claimed + "\",\"facts\":{\"drop\":true}}";
                expected[i] = "error:unknown_fact";
                break;
            case 47:
                line = "{\"id\":" + id + fields + ",\"claimed\":\"" + claimed + "\",\"facts\":{\"misuse\":true}}";
                expected[i] = "paid_repair";
                break;
            default: {
                line = "{\"id\":" + id + fields + ",\"claimed\":\"" + claimed + "\"}";
                const std::string until = plus_months(bought, m.months[p]);
                expected[i] = expected_verdict(parts[p], bought, claimed, until, "");
            }
        }
        input += line + "\n";
    }
    const CliRun run = cli({"query", policy_path, "--batch", "-"}, input);
    CHECK(run.code == 1);
    const auto lines = run.lines();
    REQUIRE(lines.size() == static_cast<std::size_t>(n));
    std::size_t mismatches = 0, errors = 0;
    std::set<std::string> verdicts;
    std::istringstream again(input);
    std::string line;
    for (int i = 0; i < n; ++i) {
        std::getline(again, line);
        const Answer a = from_json(lines[i]);
        const std::string got = a.error.empty() ? a.verdict : "error:" + a.error;
        if (!a.error.empty()) ++errors;
        verdicts.insert(got);
        bool failed = false;
        if (a.id != expected_id[i] || got != expected[i] || answer_line(hk().set, line, false, failed) != lines[i] ||
            failed != !a.error.empty()) {
            if (++mismatches <= 10) FAIL_CHECK("line " << i << ": " << line << "\n  got " << lines[i] << "\n  expected id " << expected_id[i] << ", " << expected[i]);
        }
    }
    CHECK(mismatches == 0);
    CHECK(errors == 6 * (n / 50));
    // The batch exercises every verdict but service_ended, and every error above.
    for (const char* v : {"paid_repair", "replace_or_repair", "free_repair", "free_replacement", "error:malformed_json",
                          "error:unknown_model", "error:impossible_date", "error:claimed_before_purchase", "error:unknown_fact"}) {
        INFO(v);
        CHECK(verdicts.count(v) == 1);
    }
}

TEST_CASE("hk: batch lines: ids echoed as written, CRLF, a last line without newline", "[hk][batch]") {
    const std::string claim_fields = R"("model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2025-01-15")";
    const std::vector<std::string> ids = {"1", "-7", "1.50", "1e3", "0", "\"a\"", "\"x\\\"y\"", "\"米\"", "null", "12345678901234567890"};
    std::string input;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        input += "{\"id\":" + ids[i] + "," + claim_fields + "}" + (i % 2 ? "\r\n" : "\n");
    }
    input += "{\"id\":\"last\"," + claim_fields + "}";  // no final newline
    const CliRun run = cli({"query", policy_path, "--batch", "-"}, input);
    CHECK(run.code == 0);
    const auto lines = run.lines();
    REQUIRE(lines.size() == ids.size() + 1);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        INFO(lines[i]);
        CHECK(lines[i].rfind("{\"id\":" + ids[i] + ",", 0) == 0);
        CHECK(from_json(lines[i]).verdict == "replace_or_repair");
    }
    CHECK(from_json(lines.back()).id == "\"last\"");
    // An empty batch prints nothing and succeeds.
    const CliRun empty = cli({"query", policy_path, "--batch", "-"}, "");
    CHECK(empty.code == 0);
    CHECK(empty.out.empty());
}

TEST_CASE("hk: a batch from a file gives what standard input gives", "[hk][batch]") {
    const std::string input =
        "{\"id\":1,\"model\":\"Xiaomi 15T\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-16\"}\n"
        "{\"id\":2,\"model\":\"Mi 10\",\"part\":\"device\",\"purchased\":\"2021-01-01\",\"claimed\":\"2022-11-30\"}\n"
        "{\"id\":3,\"model\":\"nope\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-16\"}\n";
    const auto path = std::filesystem::temp_directory_path() / "warrant_hk_policy_test_batch.jsonl";
    {
        std::ofstream f(path, std::ios::binary);
        f << input;
    }
    const CliRun from_file = cli({"query", policy_path, "--batch", path.string()});
    const CliRun from_stdin = cli({"query", policy_path, "--batch", "-"}, input);
    std::filesystem::remove(path);
    CHECK(from_file.code == 1);
    CHECK(from_file.out == from_stdin.out);
    const auto lines = from_file.lines();
    REQUIRE(lines.size() == 3);
    CHECK(from_json(lines[0]).verdict == "free_repair");
    CHECK(from_json(lines[1]).verdict == "service_ended");
    CHECK(from_json(lines[2]).error == "unknown_model");
}

TEST_CASE("hk: a batch with --explain carries a trace on every answer", "[hk][batch][explain]") {
    const std::string input =
        "{\"id\":1,\"model\":\"Xiaomi 14\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-16\",\"facts\":{\"misuse\":true}}\n"
        "{\"id\":2,\"model\":\"nope\",\"part\":\"device\",\"purchased\":\"2025-01-01\",\"claimed\":\"2025-01-16\"}\n";
    const CliRun run = cli({"query", policy_path, "--batch", "-", "--explain"}, input);
    const auto lines = run.lines();
    REQUIRE(lines.size() == 2);
    const Json first = parse_json(lines[0]);
    REQUIRE(first.get("trace"));
    CHECK(first.get("trace")->items.back().get("rule")->text == "exclusion_applies");
    CHECK(strings(first.get("would_change")) == std::vector<std::string>{"without misuse this would be free_repair"});
    CHECK(from_json(lines[1]).error == "unknown_model");
}
