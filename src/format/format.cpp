// `format_source`: check, parse, lay out, and prove the result means the same.
#include "warrant/format.hpp"

#include <exception>

#include "format/document.hpp"
#include "format/lexer.hpp"
#include "format/printer.hpp"
#include "format/safety_net.hpp"
#include "parse/parser.hpp"
#include "warrant/compile.hpp"

namespace warrant {

FormatResult format_source(const SourceFile& source) {
    FormatResult result;
    result.diagnostics = check_input(source.text());
    if (!result.diagnostics.empty()) return result;
    Diagnostics diags;
    const auto module = parse(source, diags);
    if (!module) {
        result.diagnostics = diags.take_sorted();
        return result;
    }
    const format::LexResult lexed = format::lex(source.text());
    if (lexed.error_at) {
        result.internal_error = "the formatter cannot read a token the parser accepted";
        return result;
    }
    const auto document = format::build_document(lexed.tokens, *module);
    if (!document) {
        result.internal_error = "the formatter's tokens do not line up with the parser's statements";
        return result;
    }
    std::string text = format::print(*document);
    try {
        result.internal_error = format::check_same_meaning(source, *module, text);
    } catch (const std::exception& e) {
        // The check compiles the file; should the compiler fail, the file must still be left alone.
        result.internal_error = std::string("the formatted text could not be checked: ") + e.what();
    }
    if (result.internal_error.empty()) result.text = std::move(text);
    return result;
}

}  // namespace warrant
