// The pipeline as a straight line: input checks, parse, resolve, validate.
#include "warrant/compile.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "diag/suppress.hpp"
#include "lint/lint.hpp"
#include "parse/parser.hpp"
#include "sema/resolve.hpp"
#include "support/utf8.hpp"

namespace warrant {

std::vector<Diagnostic> check_input(std::string_view bytes) {
    Diagnostics diags;
    if (bytes.size() > max_file_bytes) {
        diags.report(Code::FileTooLarge, std::nullopt,
                     fmt::format("the file has {} bytes; policies may have at most {} MiB", bytes.size(), max_file_bytes >> 20));
        return diags.take_sorted();
    }
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        const auto at = static_cast<std::uint32_t>(nul);
        diags.report(Code::NulByte, SourceSpan{at, at + 1}, "the file contains a NUL byte; is it a text file?");
    } else if (const auto bad = utf8::find_invalid(bytes); bad != std::string_view::npos) {
        const auto at = static_cast<std::uint32_t>(bad);
        diags.report(Code::InvalidUtf8, SourceSpan{at, at + 1}, "the file is not valid UTF-8 here")
            .hint = "save the file as UTF-8";
    } else {
        std::size_t line_start = 0;
        while (line_start <= bytes.size()) {
            std::size_t end = bytes.find('\n', line_start);
            if (end == std::string_view::npos) end = bytes.size();
            if (end - line_start > max_line_bytes) {
                const auto at = static_cast<std::uint32_t>(line_start);
                diags.report(Code::LineTooLong, SourceSpan{at, at},
                             fmt::format("this line has {} bytes; lines may have at most {} KiB", end - line_start, max_line_bytes >> 10))
                    .hint = "break long lists over several lines";
                break;
            }
            line_start = end + 1;
        }
    }
    return diags.take_sorted();
}

CompileResult compile(std::shared_ptr<const SourceFile> source, CompileMode mode) {
    CompileResult result;
    result.source = source;
    result.file_name = std::string(source->name());
    result.diagnostics = check_input(source->text());
    if (!result.diagnostics.empty()) return result;

    Diagnostics diags;
    const auto module = parse(*source, diags);
    if (module) {
        Resolution resolution = resolve(*module, diags);
        // Validation also runs on a graph with unresolved names, so that one run reports every
        // mistake; the lints, which reason about the policy as a whole, wait for a clean graph.
        validate(resolution, diags);
        if (diags.error_count() == 0) {
            if (mode == CompileMode::Check) {
                lint(*module, resolution, diags);
            } else {
                lint_errors(*module, resolution, diags);
            }
        }
        if (diags.error_count() == 0) {
            resolution.graph->source = source;
            resolution.graph->index_spellings();
            result.graph = std::move(resolution.graph);
        }
    }
    result.diagnostics = diags.take_sorted();
    if (mode == CompileMode::Check) apply_suppressions(*source, result.diagnostics);
    return result;
}

std::size_t CompileResult::error_count() const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t CompileResult::warning_count() const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Warning && !d.suppressed;
    }));
}

std::size_t CompileResult::suppressed_count() const {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.suppressed; }));
}

CompileResult compile_file(const std::filesystem::path& path, std::string display_name, CompileMode mode) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in || in.bad()) {
        CompileResult result;
        result.file_name = std::move(display_name);
        Diagnostics diags;
        diags.report(Code::CannotReadFile, std::nullopt, fmt::format("cannot read `{}`", path.string()))
            .hint = "check that the file exists and is readable";
        result.diagnostics = diags.take_sorted();
        return result;
    }
    return compile(std::make_shared<const SourceFile>(std::move(display_name), std::move(bytes).str()), mode);
}

}  // namespace warrant
