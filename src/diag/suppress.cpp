// Suppression comments: found by the comment lexer, parsed here, matched against the
// diagnostics of the same file by code and line.
#include "diag/suppress.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "diag/comments.hpp"

namespace warrant {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// `# allow CODE[, CODE...][: reason]`; nullopt for any other comment. A comment counts as a
// suppression once `allow` is followed by something shaped like a code (a letter, a digit),
// so prose such as `# allow for leap years` stays a plain comment.
std::optional<Suppression> parse_suppression(std::string_view text, std::uint32_t offset) {
    std::size_t i = 1;  // past '#'
    while (i < text.size() && is_space(text[i])) ++i;
    if (text.substr(i, 5) != "allow") return std::nullopt;
    i += 5;
    if (i >= text.size() || !is_space(text[i])) return std::nullopt;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i])) ||
        !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        return std::nullopt;
    }
    Suppression s;
    s.comment = SourceSpan{offset, offset + static_cast<std::uint32_t>(text.size())};
    while (true) {
        const std::size_t begin = i;
        while (i < text.size() && is_alnum(text[i])) ++i;
        if (i == begin) break;
        s.codes.push_back({std::string(text.substr(begin, i - begin)),
                           SourceSpan{offset + static_cast<std::uint32_t>(begin), offset + static_cast<std::uint32_t>(i)}});
        std::size_t next = i;
        while (next < text.size() && is_space(text[next])) ++next;
        if (next >= text.size() || text[next] != ',') break;
        ++next;
        while (next < text.size() && is_space(text[next])) ++next;
        i = next;
    }
    while (i < text.size() && is_space(text[i])) ++i;
    if (i < text.size() && text[i] == ':') {
        std::string_view reason = text.substr(i + 1);
        while (!reason.empty() && is_space(reason.front())) reason.remove_prefix(1);
        while (!reason.empty() && is_space(reason.back())) reason.remove_suffix(1);
        s.reason = std::string(reason);
    }
    return s;
}

std::int64_t position(const Diagnostic& d) { return d.span ? static_cast<std::int64_t>(d.span->begin) : -1; }

// The order Diagnostics::take_sorted gives: by position, then code.
bool shown_before(const Diagnostic& a, const Diagnostic& b) {
    if (position(a) != position(b)) return position(a) < position(b);
    return a.code < b.code;
}

Diagnostic make(Code code, SourceSpan span, std::string message, std::string hint) {
    Diagnostic d;
    d.code = code;
    d.severity = code_severity(code);
    d.span = span;
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

}  // namespace

std::vector<Suppression> find_suppressions(const SourceFile& source) {
    const CommentScan scan = scan_comments(source.text());
    std::vector<Suppression> found;
    for (const Comment& comment : scan.comments) {
        auto s = parse_suppression(source.slice(comment.span), comment.span.begin);
        if (!s) continue;
        s->trailing = !comment.own_line;
        if (s->trailing) {
            s->target_line = comment.line;
        } else {
            for (std::uint32_t line = comment.line + 1; line < scan.line_has_code.size(); ++line) {
                if (scan.line_has_code[line]) {
                    s->target_line = line;
                    break;
                }
            }
        }
        found.push_back(std::move(*s));
    }
    return found;
}

void apply_suppressions(const SourceFile& source, std::vector<Diagnostic>& diagnostics) {
    const std::vector<Suppression> suppressions = find_suppressions(source);
    if (suppressions.empty()) return;
    // After an error the later stages did not run, so their warnings are missing: whether a
    // suppression is used cannot be known then.
    const bool complete = std::none_of(diagnostics.begin(), diagnostics.end(),
                                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
    // The diagnostics by the line they start on, so that each suppression looks at its own line
    // only (a generated policy may have many of both); only lines a suppression targets are kept.
    std::unordered_set<std::uint32_t> targets;
    for (const Suppression& s : suppressions) targets.insert(s.target_line);
    std::unordered_multimap<std::uint32_t, std::size_t> on_line;
    for (std::size_t k = 0; k < diagnostics.size(); ++k) {
        if (!diagnostics[k].span) continue;
        const std::uint32_t line = source.line_col(diagnostics[k].span->begin).line;
        if (targets.count(line) != 0) on_line.emplace(line, k);
    }
    std::vector<Diagnostic> found;
    for (const Suppression& s : suppressions) {
        if (s.reason.empty()) {
            std::string codes;  // never empty: a suppression starts with a code
            for (const SuppressionCode& named : s.codes) codes += (codes.empty() ? "" : ", ") + named.id;
            found.push_back(make(Code::SuppressionWithoutReason, s.comment,
                                 "this suppression gives no reason, so it silences nothing",
                                 fmt::format("say why after a colon: `# allow {}: the reason, citing the source`", codes)));
        }
        for (const SuppressionCode& named : s.codes) {
            const std::optional<Code> code = code_from_id(named.id);
            if (!code) {
                std::string upper = named.id;
                for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                found.push_back(make(Code::UnknownSuppressedCode, named.span,
                                     fmt::format("`{}` is not a diagnostic code", named.id),
                                     code_from_id(upper) ? fmt::format("write `{}`", upper)
                                                         : "name a code as `warrant check` shows it in brackets, like `W2101`"));
                continue;
            }
            if (code_severity(*code) == Severity::Error) {
                found.push_back(make(Code::ErrorNotSuppressible, named.span,
                                     fmt::format("`{}` is an error, and errors cannot be suppressed", named.id),
                                     "fix the error instead"));
                continue;
            }
            if (s.reason.empty()) continue;
            bool used = false;
            const auto [first, last] = on_line.equal_range(s.target_line);
            for (auto it = first; it != last; ++it) {
                Diagnostic& d = diagnostics[it->second];
                if (d.code != *code || s.target_line == 0) continue;
                if (!d.suppressed) d.suppression_reason = s.reason;
                d.suppressed = true;
                used = true;
            }
            if (used || !complete) continue;
            const std::string where =
                s.trailing ? "this line has no such warning"
                : s.target_line == 0
                    ? "no line follows this comment"
                    : fmt::format("line {}, the next that is not a comment, has no such warning", s.target_line);
            // The warning the writer meant may be reported on another line (a model's, not its
            // period's): the nearest line that has it unsilenced.
            std::uint32_t nearest = 0;
            for (const Diagnostic& d : diagnostics) {
                if (d.code != *code || d.suppressed || !d.span) continue;
                const std::uint32_t line = source.line_col(d.span->begin).line;
                const auto distance = [&](std::uint32_t l) { return l > s.target_line ? l - s.target_line : s.target_line - l; };
                if (nearest == 0 || distance(line) < distance(nearest)) nearest = line;
            }
            std::string hint = s.codes.size() == 1 ? "remove the comment" : fmt::format("remove `{}` from the comment", named.id);
            if (nearest != 0) {
                hint = fmt::format("`{}` is reported on line {}: move the comment to the line above it (or to its end)", named.id, nearest);
            }
            found.push_back(make(Code::UnusedSuppression, named.span, fmt::format("`{}` is suppressed here, but {}", named.id, where),
                                 std::move(hint)));
        }
    }
    if (found.empty()) return;
    std::stable_sort(found.begin(), found.end(), shown_before);
    std::vector<Diagnostic> merged;
    merged.reserve(diagnostics.size() + found.size());
    std::merge(std::make_move_iterator(diagnostics.begin()), std::make_move_iterator(diagnostics.end()),
               std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()),
               std::back_inserter(merged), shown_before);
    diagnostics = std::move(merged);
}

}  // namespace warrant
