// JSON in and out for queries: reading a query object, writing answers and errors.
#include <fmt/format.h>

#include "query/json_reader.hpp"
#include "support/json_write.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace warrant {

namespace {

std::optional<std::string>* field_slot(QueryInput& q, std::string_view key) {
    if (key == "region") return &q.region;
    if (key == "model") return &q.model;
    if (key == "part") return &q.part;
    if (key == "purchased") return &q.purchased;
    if (key == "claimed") return &q.claimed;
    if (key == "purchase_region") return &q.purchase_region;
    if (key == "last_repair") return &q.last_repair;
    return nullptr;
}

}  // namespace

std::variant<QueryInput, QueryError> parse_query(std::string_view text) {
    QueryInput q;
    json::Reader reader(text);
    std::optional<QueryError> problem;  // the first field-level problem; the id is still read
    try {
        reader.read_object([&](std::string_view key) {
            if (key == "id") {
                q.id_json = std::string(reader.raw_value());
                return;
            }
            if (key == "facts") {
                if (reader.at_null()) return;
                if (reader.peek() != '{') {
                    reader.skip_value();
                    if (!problem) problem = QueryError{"wrong_type", "`facts` must be an object of true/false values", "for example {\"misuse\":true}"};
                    return;
                }
                reader.read_object([&](std::string_view fact) {
                    if (reader.peek() != 't' && reader.peek() != 'f') {
                        reader.skip_value();
                        if (!problem) problem = QueryError{"wrong_type", fmt::format("fact `{}` must be true or false", fact), ""};
                        return;
                    }
                    q.facts.emplace_back(std::string(fact), reader.read_bool());
                });
                return;
            }
            auto* slot = field_slot(q, key);
            if (!slot) {
                reader.skip_value();
                if (!problem) {
                    problem = QueryError{"unknown_field", fmt::format("unknown field `{}`", key),
                                         "fields: id, region, model, part, purchased, claimed, purchase_region, last_repair, facts"};
                }
                return;
            }
            if (reader.at_null()) return;
            if (reader.peek() != '"') {
                reader.skip_value();
                if (!problem) problem = QueryError{"wrong_type", fmt::format("`{}` must be a string", key), ""};
                return;
            }
            *slot = reader.read_string();
        });
        reader.expect_end();
    } catch (const json::ReadError& e) {
        return QueryError{"malformed_json", fmt::format("the query is not valid JSON: {} at byte {}", e.message, e.offset + 1),
                          "each line must be one JSON object"};
    }
    if (problem) return *problem;
    return q;
}

std::string query_id(std::string_view line) {
    std::string id = "null";
    try {
        json::Reader reader(line);
        reader.read_object([&](std::string_view key) {
            if (key == "id") id = std::string(reader.raw_value());
            else reader.skip_value();
        });
    } catch (const json::ReadError&) {
        // Keep whatever id was read before the line went wrong.
    }
    return id;
}

std::string encode_error(std::string_view id_json, const QueryError& e) {
    std::string out = "{\"id\":";
    out += id_json;
    out += ",\"error\":{\"code\":";
    json::append_string(out, e.code);
    out += ",\"message\":";
    json::append_string(out, e.message);
    out += ",\"hint\":";
    if (e.hint.empty()) out += "null";
    else json::append_string(out, e.hint);
    out += "}}";
    return out;
}

std::string encode_answer(const RuleGraph& graph, std::string_view id_json, const Claim& claim,
                          const Decision& decision, bool with_trace) {
    std::string out;
    out.reserve(160);
    out += "{\"id\":";
    out += id_json;
    out += ",\"verdict\":";
    if (decision.outcome == none) out += "null";
    else json::append_string(out, graph.outcomes[decision.outcome].name);
    out += ",\"warranty_until\":";
    if (decision.warranty_until) {
        out += '"';
        out += to_iso(*decision.warranty_until);
        out += '"';
    } else {
        out += "null";
    }
    out += ",\"services\":[";
    bool first = true;
    for (const Index s : decision_services(graph, decision)) {
        if (!first) out += ',';
        first = false;
        json::append_string(out, graph.services[s].name);
    }
    out += "],\"clauses\":[";
    first = true;
    for (const Index c : deciding_clauses(graph, claim, decision)) {
        if (!first) out += ',';
        first = false;
        json::append_string(out, graph.clauses[c].id);
    }
    out += ']';
    if (with_trace) {
        const Explanation ex = explain(graph, claim, decision);
        out += ",\"trace\":[";
        first = true;
        for (const RuleStep& step : ex.steps) {
            if (!first) out += ',';
            first = false;
            const Rule& rule = graph.rules[step.rule];
            out += "{\"rule\":";
            json::append_string(out, rule.name);
            out += ",\"clause\":";
            if (rule.clause == none) out += "null";
            else json::append_string(out, graph.clauses[rule.clause].id);
            out += step.applies ? ",\"applies\":true,\"why\":" : ",\"applies\":false,\"why\":";
            json::append_string(out, step.why);
            out += '}';
        }
        out += "],\"would_change\":[";
        first = true;
        for (const std::string& alt : ex.alternatives) {
            if (!first) out += ',';
            first = false;
            json::append_string(out, alt);
        }
        out += ']';
    }
    out += '}';
    return out;
}

std::string answer_line(const PolicySet& policies, std::string_view line, bool with_trace, bool& failed) {
    auto parsed = parse_query(line);
    if (auto* e = std::get_if<QueryError>(&parsed)) {
        failed = true;
        return encode_error(query_id(line), *e);
    }
    const QueryInput& q = std::get<QueryInput>(parsed);
    auto resolved = resolve_claim(policies, q);
    if (auto* e = std::get_if<QueryError>(&resolved)) {
        failed = true;
        return encode_error(q.id_json, *e);
    }
    const auto& [graph, claim] = std::get<ResolvedClaim>(resolved);
    failed = false;
    return encode_answer(*graph, q.id_json, claim, decide(*graph, claim), with_trace);
}

}  // namespace warrant
