// The diagnostic code registry and the collecting sink.
#include "warrant/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

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

void Diagnostics::append(Diagnostics&& later) {
    items_.insert(items_.end(), std::make_move_iterator(later.items_.begin()), std::make_move_iterator(later.items_.end()));
    errors_ += later.errors_;
    later.items_.clear();
    later.errors_ = 0;
}

std::vector<Diagnostic> Diagnostics::take_sorted() {
    // The order is found on keys and indices, then each diagnostic is moved once: a large
    // catalogue has hundreds of thousands of them, each a few hundred bytes.
    const auto key = [](const Diagnostic& d) { return d.span ? static_cast<std::int64_t>(d.span->begin) : -1; };
    std::vector<std::pair<std::int64_t, std::uint32_t>> order;  // (position, index), stable by index
    order.reserve(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) order.emplace_back(key(items_[i]), static_cast<std::uint32_t>(i));
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return items_[a.second].code < items_[b.second].code;
    });
    // Put in order in place, cycle by cycle: a second table of every diagnostic would be the
    // peak of a large report's memory.
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start].second == start) continue;
        Diagnostic held = std::move(items_[start]);
        std::size_t at = start;
        while (order[at].second != start) {
            const std::size_t from = order[at].second;
            items_[at] = std::move(items_[from]);
            order[at].second = static_cast<std::uint32_t>(at);
            at = from;
        }
        items_[at] = std::move(held);
        order[at].second = static_cast<std::uint32_t>(at);
    }
    std::vector<Diagnostic> sorted = std::move(items_);
    items_.clear();
    errors_ = 0;
    return sorted;
}

}  // namespace warrant
