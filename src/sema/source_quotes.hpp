// Quotes checked against their source: a policy may name a copy of the document it encodes
// (`source "..." file "PATH"`), and every clause's text must then occur in that document,
// differences of white space and line breaks aside.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "parse/ast.hpp"
#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant {

// A source document may have at most this many bytes.
inline constexpr std::size_t max_source_document_bytes = 16u << 20;

// Text without its white space (ASCII white space, U+00A0 and U+3000), with each kept byte's
// offset in the original text: two texts that differ only in white space and line breaks
// (a Chinese sentence broken over two lines, or table cells joined by one space or by a line
// break) normalise to the same bytes.
struct NormalizedText {
    std::string text;
    std::vector<std::uint32_t> offsets;  // parallel to text
};
NormalizedText normalize_white_space(std::string_view text);

// Reads the document `graph.info.source_file` names, relative to the folder of `policy_path`,
// and reports each clause of `clauses` whose text does not occur in it (W3104, with the nearest
// passage), or the document that cannot be read (E3011). Does nothing when no file is named.
void check_source_quotes(const RuleGraph& graph, const std::vector<ast::ClauseDecl>& clauses,
                         const std::filesystem::path& policy_path, Diagnostics& diagnostics);

}  // namespace warrant
