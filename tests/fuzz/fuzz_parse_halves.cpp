// libFuzzer target: any text the compiler accepts as input, parsed whole and in two halves at
// once (the parser's path for large texts, forced here at any size). Both must give the same
// tree, the same spans and the same syntax errors.
#include <cstdint>
#include <limits>
#include <string>

#include "format/ast_equal.hpp"
#include "parse/parser.hpp"
#include "warrant/compile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    if (!warrant::check_input(text).empty()) return 0;  // compile() refuses such bytes before parsing
    const warrant::SourceFile file("fuzz.policy", std::move(text));
    warrant::Diagnostics whole_errors, halves_errors;
    const auto whole = warrant::parse(file, whole_errors, std::numeric_limits<std::size_t>::max());
    const auto halves = warrant::parse(file, halves_errors, 0);
    if (whole.has_value() != halves.has_value()) __builtin_trap();
    if (whole && (!warrant::format::same_module(*whole, *halves) ||
                  warrant::format::statement_spans(*whole) != warrant::format::statement_spans(*halves))) {
        __builtin_trap();
    }
    const auto a = whole_errors.take_sorted();
    const auto b = halves_errors.take_sorted();
    if (a.size() != b.size()) __builtin_trap();
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].code != b[i].code || a[i].span != b[i].span || a[i].message != b[i].message || a[i].hint != b[i].hint) {
            __builtin_trap();
        }
    }
    return 0;
}
