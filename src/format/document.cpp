// Attaching comments to tokens and tokens to statements. The statements' boundaries come from
// the parser's spans, so keywords that also occur inside statements (`part is`, `model in`,
// `for series`) never start one by mistake.
#include "format/document.hpp"

#include <algorithm>

namespace warrant::format {

namespace {

struct StatementSpan {
    SourceSpan span;
    StatementKind kind;
};

template <typename Decl>
void add_spans(std::vector<StatementSpan>& out, const std::vector<Decl>& decls, StatementKind kind) {
    for (const Decl& decl : decls) out.push_back({decl.span, kind});
}

std::vector<StatementSpan> statement_spans(const ast::Module& m) {
    std::vector<StatementSpan> spans;
    add_spans(spans, m.policies, StatementKind::Policy);
    add_spans(spans, m.calendars, StatementKind::Calendar);
    add_spans(spans, m.clauses, StatementKind::Clause);
    add_spans(spans, m.parts, StatementKind::Part);
    add_spans(spans, m.services, StatementKind::Service);
    add_spans(spans, m.outcomes, StatementKind::Outcome);
    add_spans(spans, m.facts, StatementKind::Fact);
    add_spans(spans, m.series, StatementKind::Series);
    add_spans(spans, m.periods, StatementKind::Period);
    add_spans(spans, m.lists, StatementKind::List);
    add_spans(spans, m.end_of_service, StatementKind::EndOfService);
    add_spans(spans, m.warranty_starts, StatementKind::Warranty);
    add_spans(spans, m.warranty_extensions, StatementKind::Warranty);
    add_spans(spans, m.rules, StatementKind::Rule);
    add_spans(spans, m.invariants, StatementKind::Invariant);
    add_spans(spans, m.examples, StatementKind::Example);
    std::sort(spans.begin(), spans.end(),
              [](const StatementSpan& a, const StatementSpan& b) { return a.span.begin < b.span.begin; });
    return spans;
}

}  // namespace

std::optional<Document> build_document(const std::vector<Token>& tokens, const ast::Module& module) {
    const std::vector<StatementSpan> spans = statement_spans(module);
    Document doc;
    std::vector<Comment> pending;  // own-line comments waiting for the token they precede
    Item* previous = nullptr;      // the last token placed, for trailing comments
    std::size_t next_span = 0;
    for (const Token& token : tokens) {
        if (token.kind == Token::Kind::Comment) {
            if (token.newlines_before == 0 && previous != nullptr) {
                previous->trailing = token.text;
            } else {
                pending.push_back({token.text, token.newlines_before >= 2});
            }
            continue;
        }
        if (next_span < spans.size() && token.offset >= spans[next_span].span.begin) {
            if (token.offset != spans[next_span].span.begin) return std::nullopt;
            doc.statements.push_back({spans[next_span].kind, {}});
            ++next_span;
        }
        if (doc.statements.empty() || token.offset >= spans[next_span - 1].span.end) return std::nullopt;
        Item item;
        item.token = token;
        item.line_start = token.newlines_before > 0 || previous == nullptr;
        item.blank_before = token.newlines_before >= 2;
        item.leading = std::move(pending);
        pending.clear();
        doc.statements.back().items.push_back(std::move(item));
        previous = &doc.statements.back().items.back();
    }
    if (next_span != spans.size()) return std::nullopt;
    doc.trailer = std::move(pending);
    return doc;
}

}  // namespace warrant::format
