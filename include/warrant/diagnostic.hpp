// Diagnostics: the one type every stage reports problems with, and the sink that collects them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warrant/source.hpp"

namespace warrant {

enum class Severity : std::uint8_t { Error, Warning };

enum class Code : std::uint16_t {
#define WARRANT_DIAG(id, name, summary) name,
#include "warrant/diagnostic_codes.def"
#undef WARRANT_DIAG
};

// "E2001"; the letter gives the default severity.
std::string_view code_id(Code code);
std::string_view code_summary(Code code);
Severity code_severity(Code code);
std::optional<Code> code_from_id(std::string_view id);
std::vector<Code> all_codes();

// A secondary location: "first declared here".
struct Note {
    std::optional<SourceSpan> span;
    std::string message;
};

struct Diagnostic {
    Code code{};
    Severity severity = Severity::Error;
    std::string message;              // lower case, no final period, names in `backticks`
    std::optional<SourceSpan> span;   // absent only for whole-file problems
    std::string hint;                 // what to do, when there is something to suggest
    std::vector<Note> notes;
    // A warning the policy silences where it occurs, with the writer's reason. Suppressed
    // diagnostics fail nothing but stay in JSON and SARIF reports, so the record is complete.
    bool suppressed = false;
    std::string suppression_reason;
};

// Collects diagnostics from every stage of one compilation; stages never throw for user errors.
class Diagnostics {
public:
    Diagnostic& report(Code code, std::optional<SourceSpan> span, std::string message);
    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const { return items_.size() - errors_; }
    const std::vector<Diagnostic>& items() const { return items_; }
    // Sorted by position, then code: the order they are shown in.
    std::vector<Diagnostic> take_sorted();
    // Adds `later`'s diagnostics after these, as if they had been reported here.
    void append(Diagnostics&& later);

private:
    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0;
};

}  // namespace warrant
