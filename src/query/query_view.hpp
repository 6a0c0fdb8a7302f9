// A query whose strings are views, for answering batch lines without copying their fields.
#pragma once

#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "warrant/query.hpp"

namespace warrant {

// A FactValue whose text is a view.
struct FactValueView {
    ValueKind kind = ValueKind::Bool;
    bool flag = true;
    std::string_view text;
};

// QueryInput's fields as views: into the JSON line, or into `unescaped` for the rare string
// that had escapes. One is reused across a batch's lines, so a line allocates nothing.
struct QueryView {
    std::string_view id_json = "null";
    std::optional<std::string_view> region, model, part, purchased, claimed, purchase_region, last_repair;
    std::vector<std::pair<std::string_view, FactValueView>> facts;
    std::forward_list<std::string> unescaped;  // stable storage: views into it stay valid

    void clear();  // empty again, keeping the facts' capacity
    std::string_view keep(std::string_view text) { return unescaped.emplace_front(text); }
};

// Views of `q`'s fields, valid while `q` is.
QueryView view_of(const QueryInput& q);
QueryInput to_input(const QueryView& q);

// Reads one JSON query object into `q` (cleared first). The views refer to `json` and to
// `q.unescaped`. Returns the malformed_json / wrong_type / unknown_field error, if any.
std::optional<QueryError> parse_query_into(std::string_view json, QueryView& q);

std::variant<ResolvedClaim, QueryError> resolve_claim(const PolicySet& policies, const QueryView& query);

}  // namespace warrant
