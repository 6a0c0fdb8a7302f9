// GET /v1/policies: the served version's declarations, for programs and for the playground's
// claim form (which builds itself from this, never from names written in its code).
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "serve/state.hpp"
#include "support/json_write.hpp"
#include "warrant/date.hpp"

namespace warrant::serve {

namespace {

void str(std::string& out, std::string_view s) { json::append_string(out, s); }

void opt_date(std::string& out, const std::optional<Date>& d) {
    if (!d) {
        out += "null";
        return;
    }
    out += '"';
    append_iso(out, *d);
    out += '"';
}

template <typename T, typename F>
void array(std::string& out, const std::vector<T>& items, F&& each) {
    out += '[';
    bool first = true;
    for (const T& item : items) {
        if (!first) out += ',';
        first = false;
        each(item);
    }
    out += ']';
}

void terms(std::string& out, const RuleGraph& g, const std::vector<Term>& items) {
    array(out, items, [&](const Term& t) {
        out += "{\"name\":";
        str(out, t.name);
        out += ",\"label\":";
        str(out, t.label);
        out += ",\"clause\":";
        if (t.clause == none) out += "null";
        else str(out, g.clauses[t.clause].id);
        out += '}';
    });
}

const char* role_name(FactRole role) {
    switch (role) {
        case FactRole::Exclusion: return "exclusion";
        case FactRole::Requirement: return "requirement";
        case FactRole::Plain: break;
    }
    return "plain";
}

const char* type_name(FactType type) {
    switch (type) {
        case FactType::Count: return "count";
        case FactType::Date: return "date";
        case FactType::Choice: return "choice";
        case FactType::Bool: break;
    }
    return "bool";
}

void policy(std::string& out, const RuleGraph& g, std::string_view file) {
    out += "{\"file\":";
    str(out, file);
    out += ",\"title\":";
    str(out, g.info.title);
    out += ",\"region\":";
    str(out, g.info.region);
    out += ",\"region_label\":";
    str(out, g.info.region_label);
    out += ",\"source\":";
    str(out, g.info.source);
    out += ",\"effective\":";
    opt_date(out, g.info.effective);
    out += ",\"models\":";
    array(out, g.models, [&](const Model& m) {
        out += "{\"name\":";
        str(out, m.name);
        out += ",\"aliases\":";
        array(out, m.aliases, [&](const std::string& a) { str(out, a); });
        out += ",\"series\":";
        if (m.series == none) out += "null";
        else str(out, g.series[m.series].name);
        out += ",\"end_of_service\":";
        opt_date(out, m.end_of_service);
        out += '}';
    });
    out += ",\"series\":";
    array(out, g.series, [&](const Series& s) {
        out += "{\"name\":";
        str(out, s.name);
        out += ",\"label\":";
        str(out, s.label);
        out += '}';
    });
    out += ",\"parts\":";
    terms(out, g, g.parts);
    out += ",\"services\":";
    terms(out, g, g.services);
    out += ",\"outcomes\":";
    terms(out, g, g.outcomes);
    out += ",\"facts\":";
    array(out, g.facts, [&](const Fact& f) {
        out += "{\"name\":";
        str(out, f.name);
        out += ",\"meaning\":";
        str(out, f.meaning);
        out += ",\"kind\":";
        str(out, role_name(f.role));
        out += ",\"type\":";
        str(out, type_name(f.type));
        out += ",\"default\":";
        switch (f.type) {
            case FactType::Bool: out += f.default_value ? "true" : "false"; break;
            case FactType::Count: out += f.default_number ? std::to_string(*f.default_number) : "null"; break;
            case FactType::Choice:
                if (f.default_number && *f.default_number >= 0 && static_cast<std::size_t>(*f.default_number) < f.choices.size()) {
                    str(out, f.choices[static_cast<std::size_t>(*f.default_number)]);
                } else {
                    out += "null";
                }
                break;
            case FactType::Date: out += "null"; break;
        }
        out += ",\"required\":";
        out += f.required() ? "true" : "false";
        if (f.type == FactType::Choice) {
            out += ",\"choices\":";
            array(out, f.choices, [&](const std::string& c) { str(out, c); });
        }
        out += ",\"clause\":";
        if (f.clause == none) out += "null";
        else str(out, g.clauses[f.clause].id);
        out += '}';
    });
    out += ",\"clauses\":";
    array(out, g.clauses, [&](const Clause& c) {
        out += "{\"id\":";
        str(out, c.id);
        out += ",\"text\":";
        str(out, c.text);
        out += ",\"line\":";
        out += std::to_string(g.source ? g.source->line_col(c.span.begin).line : 0);
        out += '}';
    });
    out += '}';
}

std::string timestamp(std::chrono::system_clock::time_point t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(t)));
}

}  // namespace

std::string policies_json(const ServedVersion* version, const std::optional<LoadFailure>& failure, bool editable) {
    std::string out = "{\"version\":";
    if (version) str(out, version->hash);
    else out += "null";
    out += ",\"editable\":";
    out += editable ? "true" : "false";
    out += ",\"loaded_at\":";
    if (version) str(out, timestamp(version->loaded_at));
    else out += "null";
    out += ",\"files\":";
    if (version) array(out, version->files, [&](const PolicyText& f) { str(out, f.name); });
    else out += "[]";
    out += ",\"policies\":[";
    if (version) {
        const auto& graphs = version->policies.graphs();
        for (std::size_t i = 0; i < graphs.size(); ++i) {
            if (i) out += ',';
            policy(out, *graphs[i], graphs[i]->source ? graphs[i]->source->name() : std::string_view());
        }
    }
    out += "],\"diagnostics\":";
    out += version ? version->diagnostics_json : "null";
    out += ",\"reload\":";
    if (!failure) {
        out += "{\"ok\":true}";
    } else {
        out += "{\"ok\":false,\"at\":";
        str(out, timestamp(failure->at));
        out += ",\"failed_version\":";
        str(out, failure->hash);
        out += ",\"message\":";
        str(out, failure->message);
        out += ",\"diagnostics\":";
        out += failure->diagnostics_json;
        out += '}';
    }
    out += '}';
    return out;
}

}  // namespace warrant::serve
