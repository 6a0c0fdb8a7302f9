// Three independent comparisons, each cheap next to the damage of a wrong rewrite: the syntax
// trees (meaning), the token streams (order and comments), and the compiler's diagnostics
// (which depend on where comments such as `# allow` suppressions sit).
#include "format/safety_net.hpp"

#include <algorithm>
#include <memory>
#include <tuple>

#include "format/ast_equal.hpp"
#include "format/lexer.hpp"
#include "parse/parser.hpp"
#include "warrant/compile.hpp"

namespace warrant::format {

namespace {

// The tokens as the formatter may not change them. Commas are left out: the formatter adds
// one after the last entry of a block and may move one across a comment, and where the
// commas are otherwise is already in the syntax tree.
std::vector<std::string_view> essential_tokens(std::string_view text) {
    const LexResult lexed = lex(text);
    std::vector<std::string_view> tokens;
    for (const Token& token : lexed.tokens) {
        if (token.kind != Token::Kind::Punct || token.text != ",") tokens.push_back(token.text);
    }
    if (lexed.error_at) tokens.push_back("<lexer error>");
    return tokens;
}

using DiagnosticKey = std::tuple<Code, Severity, bool, std::string>;

std::vector<DiagnosticKey> diagnostic_keys(const std::vector<Diagnostic>& diagnostics) {
    std::vector<DiagnosticKey> keys;
    for (const Diagnostic& d : diagnostics) keys.emplace_back(d.code, d.severity, d.suppressed, d.suppression_reason);
    std::sort(keys.begin(), keys.end());
    return keys;
}

// Which warning formatting would silence or unsilence, in words: "W4112 on line 14 would no
// longer be silenced by its `# allow` comment", or "" when the difference is elsewhere.
std::string moved_suppression(const SourceFile& original, const std::vector<Diagnostic>& before, const std::vector<Diagnostic>& after) {
    const auto silenced = [](const std::vector<Diagnostic>& ds, Code code) {
        return std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code && d.suppressed; });
    };
    for (const Diagnostic& d : before) {
        if (silenced(before, d.code) == silenced(after, d.code)) continue;
        const bool lost = silenced(before, d.code) > silenced(after, d.code);
        if (lost != d.suppressed) continue;
        const std::string where = d.span ? " on line " + std::to_string(original.line_col(d.span->begin).line) : "";
        return std::string(code_id(d.code)) + where + (lost ? " would no longer be silenced by its `# allow` comment"
                                                           : " would be silenced by an `# allow` comment meant for another line");
    }
    return "";
}

}  // namespace

std::string check_same_meaning(const SourceFile& original, const ast::Module& original_tree, const std::string& formatted) {
    const auto file = std::make_shared<const SourceFile>(std::string(original.name()), formatted);
    Diagnostics diags;
    const auto tree = parse(*file, diags);
    if (!tree || !check_input(formatted).empty()) return "the formatted text would not parse (a bug in warrant fmt)";
    if (!same_module(original_tree, *tree)) {
        return "the formatted text would parse to a different syntax tree (a bug in warrant fmt)";
    }
    if (essential_tokens(original.text()) != essential_tokens(formatted)) {
        return "the formatted text would have other tokens or comments, or have them in another order (a bug in "
               "warrant fmt)";
    }
    const auto original_file = std::make_shared<const SourceFile>(std::string(original.name()), std::string(original.text()));
    const std::vector<Diagnostic> before = compile(original_file).diagnostics, after = compile(file).diagnostics;
    if (diagnostic_keys(before) != diagnostic_keys(after)) {
        // Moving tokens to other lines can move a warning away from its `# allow` comment.
        const std::string which = moved_suppression(*original_file, before, after);
        return "formatted, it would compile to other diagnostics: " +
               (which.empty() ? std::string("an `# allow` comment would silence other warnings") : which) +
               "; put each `# allow` comment on the line of its warning as `warrant fmt` lays it out, or on a line of "
               "its own just above, and format again";
    }
    return {};
}

}  // namespace warrant::format
