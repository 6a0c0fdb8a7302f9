// Quotes checked against their source document: see source_quotes.hpp.
#include "sema/source_quotes.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/read_bounded.hpp"
#include "support/utf8.hpp"

namespace warrant {

namespace {

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 || c == 0x3000;
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// At most `chars` code points of `text` ending at `end` (`from_end`) or starting at `begin`.
std::string_view take_back(std::string_view text, std::size_t end, std::size_t chars) {
    std::size_t begin = end;
    while (begin > 0 && chars > 0) {
        --begin;
        while (begin > 0 && continuation(text[begin])) --begin;
        --chars;
    }
    return text.substr(begin, end - begin);
}

std::string_view take_front(std::string_view text, std::size_t begin, std::size_t chars) {
    std::size_t end = begin;
    while (end < text.size() && chars > 0) {
        ++end;
        while (end < text.size() && continuation(text[end])) ++end;
        --chars;
    }
    return text.substr(begin, end - begin);
}

// Bytes [begin, end) of normalised text as the original shows them: one space wherever white
// space was taken out.
std::string spaced(const NormalizedText& t, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && t.offsets[i] != t.offsets[i - 1] + 1) out.push_back(' ');
        out.push_back(t.text[i]);
    }
    return out;
}

// "…before|after…" around a position, for showing where two texts part.
std::string around(const NormalizedText& t, std::size_t at, std::size_t chars) {
    const std::string_view before = take_back(t.text, at, chars);
    const std::string_view after = take_front(t.text, at, chars);
    const std::size_t begin = at - before.size(), end = at + after.size();
    return fmt::format("{}{}{}", begin > 0 ? "…" : "", spaced(t, begin, end), end < t.text.size() ? "…" : "");
}

std::size_t line_of(std::string_view text, std::size_t offset) {
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1;
}

// The searches a check may make, counted in bytes scanned: a bound on the time one policy can
// take, however large its document and however many its clauses.
class Budget {
public:
    explicit Budget(std::size_t bytes) : left_(bytes) {}
    bool spend(std::size_t bytes) {
        if (bytes > left_) {
            left_ = 0;
            return false;
        }
        left_ -= bytes;
        return true;
    }

private:
    std::size_t left_;
};

// Where the longest start (or end) of `quote` occurs in `doc`: its length in bytes, cut to a
// character boundary, and the offset of the occurrence.
struct Match {
    std::size_t length = 0;
    std::size_t at = 0;
};

Match longest_prefix(std::string_view doc, std::string_view quote, Budget& budget) {
    std::size_t lo = 0, hi = quote.size();  // lo occurs; hi + 1 does not
    Match best;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo + 1) / 2;
        if (!budget.spend(doc.size())) break;
        const std::size_t at = doc.find(quote.substr(0, mid));
        if (at != std::string_view::npos) {
            lo = mid;
            best = {mid, at};
        } else {
            hi = mid - 1;
        }
    }
    while (best.length > 0 && best.length < quote.size() && continuation(quote[best.length])) --best.length;
    return best;
}

Match longest_suffix(std::string_view doc, std::string_view quote, Budget& budget) {
    std::size_t lo = 0, hi = quote.size();
    Match best;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo + 1) / 2;
        if (!budget.spend(doc.size())) break;
        const std::size_t at = doc.find(quote.substr(quote.size() - mid));
        if (at != std::string_view::npos) {
            lo = mid;
            best = {mid, at};
        } else {
            hi = mid - 1;
        }
    }
    while (best.length > 0 && continuation(quote[quote.size() - best.length])) {
        --best.length;
        ++best.at;
    }
    return best;
}

}  // namespace

NormalizedText normalize_white_space(std::string_view text) {
    NormalizedText out;
    out.text.reserve(text.size());
    out.offsets.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t c = utf8::decode(text, i);
        if (is_space(c)) continue;
        for (std::size_t k = start; k < i; ++k) {
            out.text.push_back(text[k]);
            out.offsets.push_back(static_cast<std::uint32_t>(k));
        }
    }
    return out;
}

void check_source_quotes(const RuleGraph& graph, const std::vector<ast::ClauseDecl>& clauses,
                         const std::filesystem::path& policy_path, Diagnostics& diagnostics) {
    const std::string& named = graph.info.source_file;
    const SourceSpan named_span = graph.info.source_file_span;
    if (named.empty() && named_span == SourceSpan{}) return;
    if (named.empty()) {
        diagnostics.report(Code::SourceFileUnreadable, named_span, "the source document's path is empty")
            .hint = "name the copy of the source text by its path relative to this policy file, such as `sources/policy.txt`";
        return;
    }
    const std::filesystem::path relative(named);
    if (relative.is_absolute() || relative.has_root_name()) {
        diagnostics.report(Code::SourceFileUnreadable, named_span,
                           fmt::format("the source document `{}` is named by an absolute path", named))
            .hint = "name it by a path relative to this policy file, so that the policy and its source move together";
        return;
    }
    const std::filesystem::path path = policy_path.parent_path() / relative;
    BoundedRead read = read_file_bounded(path.string(), max_source_document_bytes);
    if (!read.ok()) {
        auto& d = diagnostics.report(Code::SourceFileUnreadable, named_span,
                                     read.status == BoundedRead::Status::TooLarge
                                         ? fmt::format("the source document `{}` is larger than {}", named,
                                                       describe_bytes(max_source_document_bytes))
                                         : fmt::format("the source document `{}` cannot be read", named));
        d.hint = read.status == BoundedRead::Status::TooLarge
                     ? std::string("keep only the text of the policy in the source document")
                     : fmt::format("the path is relative to the folder of this policy file ({}); check that the file exists",
                                   path.generic_string());
        return;
    }
    std::string_view bytes = read.bytes;
    if (bytes.find('\0') != std::string_view::npos || utf8::find_invalid(bytes) != std::string_view::npos) {
        diagnostics.report(Code::SourceFileUnreadable, named_span,
                           fmt::format("the source document `{}` is not UTF-8 text", named))
            .hint = "save the copy of the source text as UTF-8";
        return;
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const std::size_t skipped = read.bytes.size() - bytes.size();
    const NormalizedText doc = normalize_white_space(bytes);

    Budget budget(std::size_t{1} << 31);
    constexpr std::size_t max_explained = 50;  // mismatches shown with their nearest passage
    std::size_t explained = 0;
    for (const ast::ClauseDecl& clause : clauses) {
        const NormalizedText quote = normalize_white_space(clause.text.value);
        if (quote.text.empty()) continue;  // an empty clause is W4113's business
        if (!budget.spend(doc.text.size())) {
            diagnostics.report(Code::QuoteNotInSource, clause.text.span,
                               fmt::format("this clause and those after it were not compared with `{}`: the document and "
                                           "the clauses are too large to compare in reasonable time",
                                           named))
                .hint = "split the policy, or keep only the policy's own text in the source document";
            return;
        }
        if (doc.text.find(quote.text) != std::string::npos) continue;
        auto& d = diagnostics.report(Code::QuoteNotInSource, clause.text.span,
                                     fmt::format("the text of clause `{}` does not occur in `{}`", clause.id.text, named));
        if (explained++ >= max_explained) continue;
        const Match prefix = longest_prefix(doc.text, quote.text, budget);
        const Match suffix = longest_suffix(doc.text, quote.text, budget);
        // Too little in common to call anything the nearest passage: two characters or less.
        if (std::max(prefix.length, suffix.length) <= 6) {
            d.hint = "no passage of the source begins or ends like it: is it quoted from another document?";
            continue;
        }
        std::size_t quote_at = 0, doc_at = 0, passage = 0;  // where the two part, and the passage's start
        if (prefix.length >= suffix.length) {
            quote_at = prefix.length;
            doc_at = prefix.at + prefix.length;
            passage = prefix.at;
        } else {
            // They agree from the end back: they part just before the shared end.
            quote_at = quote.text.size() - suffix.length;
            doc_at = suffix.at;
            const std::size_t back = std::min(quote_at, suffix.at);
            passage = suffix.at - back;
            while (passage > 0 && continuation(doc.text[passage])) --passage;
        }
        const std::size_t line = line_of(read.bytes, doc.offsets[std::min(doc_at, doc.offsets.size() - 1)] + skipped);
        d.message += fmt::format(": it reads `{}` where the source, on line {}, reads `{}`",
                                 around(quote, quote_at, 10), line, around(doc, doc_at, 10));
        const std::string_view shown = take_front(doc.text, passage, 60);
        d.hint = fmt::format("the nearest passage of the source: `{}{}`; quote it exactly (white space and line breaks "
                             "may differ), or say why not with `# allow W3104: REASON`",
                             spaced(doc, passage, passage + shown.size()), passage + shown.size() < doc.text.size() ? "…" : "");
    }
}

}  // namespace warrant
