// JSON in and out for queries: reading a query object, writing answers and errors.
#include <mutex>

#include <fmt/format.h>

#include "query/json_reader.hpp"
#include "query/query_view.hpp"
#include "support/echo.hpp"
#include "support/json_write.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace warrant {

// Outcome, service and clause names as JSON strings, quotes included, by index: most of an
// answer is these names, and quoting them once saves escaping them in every answer.
struct QuotedNames {
    std::once_flag filled;  // on first use: sets that only resolve claims never pay for it
    std::vector<std::string> outcomes, services, clauses;
};

namespace {

template <typename T, typename Name>
std::vector<std::string> quoted(const std::vector<T>& table, Name T::*name) {
    std::vector<std::string> out;
    out.reserve(table.size());
    for (const T& item : table) out.push_back(json::quote(item.*name));
    return out;
}

}  // namespace

void PolicySet::add(std::shared_ptr<const RuleGraph> graph) {
    graphs_.push_back(std::move(graph));
    quoted_names_.push_back(std::make_shared<QuotedNames>());
}

const QuotedNames& PolicySet::quoted_names(const RuleGraph& graph) const {
    std::size_t i = 0;
    while (graphs_[i].get() != &graph) ++i;
    QuotedNames& names = *quoted_names_[i];
    std::call_once(names.filled, [&] {
        names.outcomes = quoted(graph.outcomes, &Term::name);
        names.services = quoted(graph.services, &Term::name);
        names.clauses = quoted(graph.clauses, &Clause::id);
    });
    return names;
}

namespace {

// The field named `key`. The names differ in length, so the length picks the one to compare.
std::optional<std::string_view>* field_slot(QueryView& q, std::string_view key) {
    const auto named = [&](std::string_view name, std::optional<std::string_view>& field) {
        return key == name ? &field : nullptr;
    };
    switch (key.size()) {
        case 4: return named("part", q.part);
        case 5: return named("model", q.model);
        case 6: return named("region", q.region);
        case 7: return named("claimed", q.claimed);
        case 9: return named("purchased", q.purchased);
        case 11: return named("last_repair", q.last_repair);
        case 15: return named("purchase_region", q.purchase_region);
        default: return nullptr;
    }
}

}  // namespace

std::optional<QueryError> parse_query_into(std::string_view text, QueryView& q) {
    q.clear();
    json::Reader reader(text);
    std::optional<QueryError> problem;  // the first field-level problem; the id is still read
    std::string unescaped;              // a value with escapes, before q.keep copies it
    // Strings without escapes view `text`; the reader's storage for the others is reused.
    const auto stable = [&](std::string_view s) { return reader.views_text(s) ? s : q.keep(s); };
    reader.read_object([&](std::string_view key) {
        if (key == "id") {
            const std::string_view id = reader.raw_value();
            if (!reader.failed()) q.id_json = id;
            return;
        }
        if (key == "facts") {
            if (reader.at_null()) return;
            if (reader.peek() != '{') {
                reader.skip_value();
                if (!problem) problem = QueryError{"wrong_type", "`facts` must be an object of fact names and values", "for example {\"FACT\":true, \"COUNT\":2, \"DATE\":\"2025-03-10\"}, with facts the policy declares"};
                return;
            }
            reader.read_object([&](std::string_view fact) {
                // The value's kind is kept; whether it fits the fact is for the policy to say.
                const std::string_view name = stable(fact);
                const char c = reader.peek();
                FactValueView value{ValueKind::Other, false, {}};
                if (c == 't' || c == 'f') {
                    value = {ValueKind::Bool, reader.read_bool(), {}};
                } else if (c == '"') {
                    value = {ValueKind::String, false, stable(reader.read_string(unescaped))};
                } else if (reader.at_null()) {
                    // null: the fact is not given; kept so that its name is checked
                    value = {ValueKind::Null, false, {}};
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    value = {ValueKind::Number, false, reader.raw_number()};
                } else {
                    value.text = reader.raw_value();
                }
                q.facts.emplace_back(name, value);
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
            if (!problem) {
                const bool dated = slot == &q.purchased || slot == &q.claimed || slot == &q.last_repair;
                problem = QueryError{"wrong_type", fmt::format("`{}` must be a string", key),
                                     dated ? fmt::format("dates are quoted, YYYY-MM-DD: \"{}\":\"2025-03-10\"", key)
                                           : fmt::format("quote it: \"{}\":\"…\"", key)};
            }
            return;
        }
        *slot = stable(reader.read_string(unescaped));
    });
    reader.expect_end();
    if (const json::ReadError* e = reader.error()) {
        if (e->duplicate_key) {
            return QueryError{"duplicate_field", fmt::format("`{}` is given twice in the same object", *e->duplicate_key),
                              "give each field, and each fact, once"};
        }
        return QueryError{"malformed_json", fmt::format("the query is not valid JSON: {} at byte {}", e->message, e->offset + 1),
                          "each line must be one JSON object"};
    }
    return problem;
}

std::variant<QueryInput, QueryError> parse_query(std::string_view text) {
    QueryView q;
    if (auto problem = parse_query_into(text, q)) return std::move(*problem);
    return to_input(q);
}

std::string query_id(std::string_view line) {
    std::string id = "null";
    json::Reader reader(line);
    reader.read_object([&](std::string_view key) {
        if (key != "id") return reader.skip_value();
        const std::string_view value = reader.raw_value();
        if (!reader.failed()) id = std::string(value);  // whatever id was read before the line went wrong
    });
    return id;
}

namespace {

void append_error(std::string& out, std::string_view id_json, const QueryError& e) {
    out += "{\"id\":";
    out += id_json;
    out += ",\"error\":{\"code\":";
    json::append_string(out, e.code);
    std::string capped;  // what the user wrote is echoed only in part (support/echo.hpp)
    out += ",\"message\":";
    json::append_string(out, cap_quoted(e.message, capped));
    out += ",\"hint\":";
    if (e.hint.empty()) out += "null";
    else json::append_string(out, cap_quoted(e.hint, capped));
    out += "}}";
}

// Appends a graph's name `i` as a JSON string: copied when already quoted, else quoted now.
void append_name(std::string& out, const std::vector<std::string>* quoted, Index i, std::string_view name) {
    if (quoted) out += (*quoted)[i];
    else json::append_string(out, name);
}

// `names`, when given, are the graph's names already quoted; `clauses` is scratch space,
// reused across answers.
void append_answer(std::string& out, const RuleGraph& graph, const QuotedNames* names, std::string_view id_json,
                   const Claim& claim, const Decision& decision, bool with_trace, std::vector<Index>& clauses) {
    out += "{\"id\":";
    out += id_json;
    out += ",\"verdict\":";
    if (decision.outcome == none) out += "null";
    else append_name(out, names ? &names->outcomes : nullptr, decision.outcome, graph.outcomes[decision.outcome].name);
    out += ",\"warranty_until\":";
    if (decision.warranty_until) {
        out += '"';
        append_iso(out, *decision.warranty_until);
        out += '"';
    } else {
        out += "null";
    }
    out += ",\"services\":[";
    bool first = true;
    for (const Index s : decision_services(graph, decision)) {
        if (!first) out += ',';
        first = false;
        append_name(out, names ? &names->services : nullptr, s, graph.services[s].name);
    }
    out += "],\"clauses\":[";
    first = true;
    deciding_clauses(graph, claim, decision, clauses);
    for (const Index c : clauses) {
        if (!first) out += ',';
        first = false;
        append_name(out, names ? &names->clauses : nullptr, c, graph.clauses[c].id);
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
}

}  // namespace

std::string encode_error(std::string_view id_json, const QueryError& error) {
    std::string out;
    append_error(out, id_json, error);
    return out;
}

std::string encode_answer(const RuleGraph& graph, std::string_view id_json, const Claim& claim,
                          const Decision& decision, bool with_trace) {
    std::string out;
    std::vector<Index> clauses;
    append_answer(out, graph, nullptr, id_json, claim, decision, with_trace, clauses);
    return out;
}

void answer_line_into(std::string& out, const PolicySet& policies, std::string_view line, bool with_trace, bool& failed) {
    // Reused for every line this thread answers, so that answering allocates nothing.
    thread_local QueryView query;
    thread_local std::vector<Index> clauses;
    if (auto problem = parse_query_into(line, query)) {
        failed = true;
        // The id as read before the problem, as query_id would find it without reading the
        // line again; but a key given twice inside `facts` stops the reading before an id that
        // follows, which query_id, skipping `facts` whole, still finds.
        std::string rescanned;
        std::string_view id = query.id_json;
        if (problem->code == "duplicate_field") id = rescanned = query_id(line);
        append_error(out, id, *problem);
        return;
    }
    const auto resolved = resolve_claim(policies, query);
    if (const auto* problem = std::get_if<QueryError>(&resolved)) {
        failed = true;
        append_error(out, query.id_json, *problem);
        return;
    }
    const auto& [graph, claim] = std::get<ResolvedClaim>(resolved);
    failed = false;
    append_answer(out, *graph, &policies.quoted_names(*graph), query.id_json, claim, decide(*graph, claim), with_trace,
                  clauses);
}

namespace {

// The line's model, normalised into `key`, as a compact line writes it (`"model":"…"`); false
// for any other spelling of the line, which goes unhinted.
bool hinted_model_key(std::string_view line, std::string& key) {
    // Found from its `m`: a rarer byte to look for than the quote before it.
    constexpr std::string_view field = "model\":\"";
    std::size_t at = 0;
    while ((at = line.find(field, at)) != std::string_view::npos && (at == 0 || line[at - 1] != '"')) ++at;
    if (at == std::string_view::npos) return false;
    const std::string_view rest = line.substr(at + field.size());
    normalize_model_name(rest.substr(0, rest.find('"')), key);
    return true;
}

}  // namespace

LineHints::LineHints(const PolicySet& policies) {
    // Past the caches' reach: 16,384 models fill half a megabyte of name slots.
    constexpr std::size_t large_catalogue = 16384;
    if (policies.graphs().size() == 1 && policies.graphs().front()->models.size() >= large_catalogue) {
        graph_ = policies.graphs().front().get();
    }
}

void LineHints::hint(std::string_view line) {
    if (!graph_) return;
    if (previous_read_) {
        if (const Index* model = graph_->model_keys.find_value(previous_key_)) {
            __builtin_prefetch(&graph_->models[*model]);
            const std::size_t row = static_cast<std::size_t>(*model) * graph_->parts.size();
            if (row < graph_->fixed_period.size()) __builtin_prefetch(&graph_->fixed_period[row]);
        }
    }
    previous_read_ = hinted_model_key(line, key_);
    if (previous_read_) graph_->model_keys.prefetch(key_);
    key_.swap(previous_key_);
}

std::string answer_line(const PolicySet& policies, std::string_view line, bool with_trace, bool& failed) {
    std::string out;
    answer_line_into(out, policies, line, with_trace, failed);
    return out;
}

}  // namespace warrant
