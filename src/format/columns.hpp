// The table layout of each statement kind: which columns the first line of a statement is
// cut into when a run of statements of one kind is aligned, e.g.
//     period device  12 months via counter per c2
//     period battery  6 months via counter per c2.battery
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "format/document.hpp"

namespace warrant::format {

// Statements align only with statements of the same group.
enum class Group : std::uint8_t {
    None, Clause, Part, Service, Outcome, Fact, Period, Rule, Invariant, Example, SeriesModel,
};

struct Field {
    enum class Start : std::uint8_t {
        Next,     // the token right after the previous field (exactly one token)
        String,   // a quoted string, when there is one (one token)
        Keyword,  // one of `keywords`, when there is one; runs up to the next field
    };
    Start start = Start::Next;
    std::vector<std::string_view> keywords;
    bool right_aligned = false;  // numbers: `12 months` above ` 6 months`
};

struct Schema {
    Group group = Group::None;
    std::vector<Field> fields;
    // Continuation lines starting with one of these words have that word padded to one
    // width (`region    XX`, `source    "..."`, `effective 2025-12-01`).
    std::vector<std::string_view> aligned_continuations;
};

const Schema& schema_of(StatementKind kind);
// The `model "X" alias "Y"` entries of a series block.
const Schema& series_model_schema();

// The field of each token of one line (token texts and kinds), in order; every index is at
// least the previous one.
std::vector<std::size_t> assign_fields(const Schema& schema, const std::vector<const Token*>& tokens);

}  // namespace warrant::format
