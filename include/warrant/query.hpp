// Eligibility queries: a claim as users write it (names and ISO dates), its resolution
// against the loaded policies, and the JSON answer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "warrant/decide.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// A fact's value in a query as JSON wrote it; the policy's declaration of the fact decides
// what it must be (true/false, a count, a date, one of a choice's values). Null: JSON's null,
// the fact not given (its name is still checked).
enum class ValueKind : std::uint8_t { Bool, Number, String, Other, Null };

struct FactValue {
    ValueKind kind = ValueKind::Bool;
    bool flag = true;   // ValueKind::Bool
    std::string text;   // Number: as written; String: unescaped; Other: as written
    FactValue() = default;
    FactValue(bool value) : flag(value) {}  // NOLINT: a true/false fact reads as one
    FactValue(ValueKind k, std::string t) : kind(k), flag(false), text(std::move(t)) {}
};

// A fact's value as a person writes it on a command line or in an example: `true`/`false`, a
// whole number, or text (a date or a choice's value).
FactValue fact_value_from_text(std::string_view text);

// A query before resolution. Absent fields are nullopt.
struct QueryInput {
    std::string id_json = "null";  // the `id` value as written, echoed verbatim
    std::optional<std::string> region, model, part, purchased, claimed, purchase_region, last_repair;
    std::vector<std::pair<std::string, FactValue>> facts;
};

// Why a query has no answer. `code` is stable, for programs: missing_field, malformed_json,
// wrong_type, unknown_field, unknown_region, unknown_model, unknown_part, unknown_fact,
// missing_fact, unknown_value, out_of_range, impossible_date, date_out_of_range,
// claimed_before_purchase, last_repair_out_of_order, date_out_of_order, no_policy.
struct QueryError {
    std::string code;
    std::string message;
    std::string hint;
};

// A graph's names as JSON strings, for writing answers (defined with the answer encoder).
struct QuotedNames;

// The compiled policies a query can be asked of, one per region.
class PolicySet {
public:
    void add(std::shared_ptr<const RuleGraph> graph);
    const std::vector<std::shared_ptr<const RuleGraph>>& graphs() const { return graphs_; }
    const RuleGraph* find_region(std::string_view region) const;
    // The names of `graph`, one of graphs(), quoted on first use (thread-safely) rather than in
    // every answer.
    const QuotedNames& quoted_names(const RuleGraph& graph) const;

private:
    std::vector<std::shared_ptr<const RuleGraph>> graphs_;
    std::vector<std::shared_ptr<QuotedNames>> quoted_names_;  // in step with graphs_
};

struct ResolvedClaim {
    const RuleGraph* graph = nullptr;
    Claim claim;
};

std::variant<ResolvedClaim, QueryError> resolve_claim(const PolicySet& policies, const QueryInput& query);

// One JSON query object (a batch line) -> QueryInput, or a malformed_json / wrong_type error.
std::variant<QueryInput, QueryError> parse_query(std::string_view json);
// The `id` of a query line as written, even when the rest of the line is wrong; "null" when
// the line has none or is not a JSON object.
std::string query_id(std::string_view json);

// {"id","verdict","warranty_until","services","clauses"} (+ "trace" when `with_trace`).
std::string encode_answer(const RuleGraph& graph, std::string_view id_json, const Claim& claim,
                          const Decision& decision, bool with_trace);
// {"id","error":{"code","message","hint"}}
std::string encode_error(std::string_view id_json, const QueryError& error);

// The whole path for one batch line: parse, resolve, decide, encode (no trailing newline).
// Sets `failed` when the line gets an error object.
std::string answer_line(const PolicySet& policies, std::string_view line, bool with_trace, bool& failed);
// The same, appended to `out`: a batch answers many lines into one buffer.
void answer_line_into(std::string& out, const PolicySet& policies, std::string_view line, bool with_trace, bool& failed);
// Hints for a batch that sees its lines ahead: on a large catalogue, starts loading into the
// cache what answering a line will read, so that the lines answered meanwhile hide the wait.
// Give each line to hint() two lines before it is answered: it starts loading that line's
// model slot, and, through the slot loaded at the call before, the previous line's model record
// and period row. It does nothing on a small catalogue, or for a line it cannot read.
class LineHints {
public:
    explicit LineHints(const PolicySet& policies);
    void hint(std::string_view line);

private:
    const RuleGraph* graph_ = nullptr;  // null: not worth hinting
    std::string key_, previous_key_;    // the normalised models of this line and the one before
    bool previous_read_ = false;
};

}  // namespace warrant
