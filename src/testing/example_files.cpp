#include "testing/example_files.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "parse/parser.hpp"
#include "support/read_bounded.hpp"
#include "warrant/compile.hpp"

namespace warrant {

namespace {

// The span of the keyword that starts a statement, so the message points at the statement
// rather than underlining all its lines.
SourceSpan keyword_span(const SourceFile& file, SourceSpan statement) {
    const std::string_view text = file.text();
    std::uint32_t end = statement.begin;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    return {statement.begin, end};
}

// Everything a module declares besides examples.
std::vector<SourceSpan> non_examples(const ast::Module& m) {
    std::vector<SourceSpan> spans;
    ast::for_each_table(
        [&](const auto& decls) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(decls)>, std::vector<ast::ExampleDecl>>) {
                for (const auto& decl : decls) spans.push_back(decl.span);
            }
        },
        m);
    return spans;
}

}  // namespace

bool CompanionRead::ok() const {
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::Error) return false;
    }
    return source != nullptr;
}

ExampleModule policy_examples(std::shared_ptr<const SourceFile> policy) {
    Diagnostics ignored;  // the file compiled, so it parses
    auto module = parse(*policy, ignored);
    return {std::move(policy), module ? std::move(*module) : ast::Module{}};
}

CompanionRead read_companion(const std::filesystem::path& path, const std::string& display_name) {
    CompanionRead out;
    Diagnostics diags;
    BoundedRead read = read_file_bounded(path.string(), max_file_bytes);
    if (!read.ok()) {
        const bool large = read.status == BoundedRead::Status::TooLarge;
        diags.report(large ? Code::FileTooLarge : Code::CannotReadFile, std::nullopt, read.message).hint =
            large ? "check that this is the examples file you meant" : "check that the file is readable";
        out.diagnostics = diags.take_sorted();
        return out;
    }
    out.source = std::make_shared<const SourceFile>(display_name, std::move(read.bytes));
    out.diagnostics = check_input(out.source->text());
    if (!out.diagnostics.empty()) return out;
    auto module = parse(*out.source, diags);
    if (module) {
        for (const SourceSpan span : non_examples(*module)) {
            const SourceSpan keyword = keyword_span(*out.source, span);
            diags.report(Code::NotAnExample, keyword,
                         fmt::format("a `.examples` file holds only examples, not `{}` statements",
                                     out.source->slice(keyword)))
                .hint = "move the statement into the policy file";
        }
        out.examples = {out.source, std::move(*module)};
    }
    out.diagnostics = diags.take_sorted();
    return out;
}

}  // namespace warrant
