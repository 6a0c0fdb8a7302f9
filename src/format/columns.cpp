// The column tables. A field that starts at a keyword is optional and may be skipped; fields
// that start at the next token are not.
#include "format/columns.hpp"

#include <algorithm>

namespace warrant::format {

namespace {

using Start = Field::Start;

Field next() { return {Start::Next, {}, false}; }
Field number() { return {Start::Next, {}, true}; }
Field string() { return {Start::String, {}, false}; }
Field keyword(std::initializer_list<std::string_view> words) { return {Start::Keyword, words, false}; }

bool starts(const Field& field, const Token& token) {
    switch (field.start) {
        case Start::Next: return true;
        case Start::String: return token.kind == Token::Kind::String;
        case Start::Keyword:
            return token.kind == Token::Kind::Word &&
                   std::find(field.keywords.begin(), field.keywords.end(), token.text) != field.keywords.end();
    }
    return false;
}

}  // namespace

const Schema& schema_of(StatementKind kind) {
    static const Schema none{};
    static const Schema clause{Group::Clause, {next(), next(), next()}, {}};
    // part, service and outcome: keyword, name, label, citation
    static const Schema part{Group::Part, {next(), next(), string(), keyword({"per"})}, {}};
    static const Schema service{Group::Service, {next(), next(), string(), keyword({"per"})}, {}};
    static const Schema outcome{Group::Outcome, {next(), next(), string(), keyword({"per"})}, {}};
    // fact, exclusion and requirement align together
    static const Schema fact{Group::Fact,
                             {next(), next(), string(), keyword({"count", "date", "choice"}), keyword({"default"}),
                              keyword({"per"})},
                             {}};
    // `for` and `when` share a column: most periods have at most one of them.
    static const Schema period{Group::Period,
                               {next(), next(), number(), next(), keyword({"from", "after"}), keyword({"for", "when"}),
                                keyword({"via"}), keyword({"per"})},
                               {}};
    // Conditions are not cut into columns: they are as long as they need to be.
    static const Schema rule{Group::Rule, {next(), next(), keyword({"per"}), keyword({"when", "then"})}, {}};
    static const Schema invariant{Group::Invariant, {next(), next(), next(), keyword({"for"})}, {}};
    static const Schema example{Group::Example, {next(), next(), string(), keyword({"claim"}), keyword({"expect"})}, {}};
    static const Schema policy{Group::None, {}, {"region", "source", "effective"}};
    switch (kind) {
        case StatementKind::Policy: return policy;
        case StatementKind::Clause: return clause;
        case StatementKind::Part: return part;
        case StatementKind::Service: return service;
        case StatementKind::Outcome: return outcome;
        case StatementKind::Fact: return fact;
        case StatementKind::Period: return period;
        case StatementKind::Rule: return rule;
        case StatementKind::Invariant: return invariant;
        case StatementKind::Example: return example;
        case StatementKind::Calendar:
        case StatementKind::Series:
        case StatementKind::List:
        case StatementKind::EndOfService:
        case StatementKind::Warranty:
            return none;
    }
    return none;
}

const Schema& series_model_schema() {
    static const Schema model{Group::SeriesModel, {next(), next(), keyword({"alias"})}, {}};
    return model;
}

std::vector<std::size_t> assign_fields(const Schema& schema, const std::vector<const Token*>& tokens) {
    std::vector<std::size_t> fields;
    std::size_t current = 0;
    bool open = false;  // the current field may take more tokens (it started at a keyword)
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const Token& token = *tokens[t];
        std::size_t chosen = current;
        const std::size_t first = t == 0 ? 0 : current + 1;
        for (std::size_t f = first; f < schema.fields.size(); ++f) {
            const Field& field = schema.fields[f];
            // Inside a keyword field only another keyword field ends it; a positional field
            // cannot be skipped.
            if (field.start == Start::Next && (open || f != first)) break;
            if (field.start == Start::String && open) continue;
            if (starts(field, token)) {
                chosen = f;
                open = field.start == Start::Keyword;
                break;
            }
        }
        current = chosen;
        fields.push_back(current);
    }
    return fields;
}

}  // namespace warrant::format
