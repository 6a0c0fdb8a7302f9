// The diagnostic code registry and the collecting sink.
#include "warrant/diagnostic.hpp"

#include <algorithm>
#include <array>

namespace warrant {

namespace {

struct CodeInfo {
    std::string_view id;
    std::string_view summary;
};

constexpr std::array code_table = {
#define WARRANT_DIAG(id, name, summary) CodeInfo{#id, summary},
#include "warrant/diagnostic_codes.def"
#undef WARRANT_DIAG
};

}  // namespace

std::string_view code_id(Code code) { return code_table[static_cast<std::size_t>(code)].id; }
std::string_view code_summary(Code code) {
    return code_table[static_cast<std::size_t>(code)].summary;
}
Severity code_severity(Code code) {
    return code_id(code)[0] == 'E' ? Severity::Error : Severity::Warning;
}

std::optional<Code> code_from_id(std::string_view id) {
    for (std::size_t i = 0; i < code_table.size(); ++i) {
        if (code_table[i].id == id) return static_cast<Code>(i);
    }
    return std::nullopt;
}

std::vector<Code> all_codes() {
    std::vector<Code> codes;
    for (std::size_t i = 0; i < code_table.size(); ++i) codes.push_back(static_cast<Code>(i));
    return codes;
}

Diagnostic& Diagnostics::report(Code code, std::optional<SourceSpan> span, std::string message) {
    Diagnostic d;
    d.code = code;
    d.severity = code_severity(code);
    d.message = std::move(message);
    d.span = span;
    if (d.severity == Severity::Error) ++errors_;
    items_.push_back(std::move(d));
    return items_.back();
}

std::vector<Diagnostic> Diagnostics::take_sorted() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        const auto key = [](const Diagnostic& d) {
            return d.span ? static_cast<std::int64_t>(d.span->begin) : -1;
        };
        if (key(a) != key(b)) return key(a) < key(b);
        return a.code < b.code;
    });
    std::vector<Diagnostic> sorted = std::move(items_);
    items_.clear();
    errors_ = 0;
    return sorted;
}

}  // namespace warrant
