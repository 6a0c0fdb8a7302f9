// The pipeline as a straight line: input checks, parse, resolve, validate.
#include "warrant/compile.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "diag/suppress.hpp"
#include "image/image.hpp"
#include "lint/lint.hpp"
#include "parse/parser.hpp"
#include "sema/resolve.hpp"
#include "sema/source_quotes.hpp"
#include "support/read_bounded.hpp"
#include "support/utf8.hpp"

namespace warrant {

namespace {

// "UTF-16 (little-endian)" when the bytes look like UTF-16 text: a byte-order mark, or NUL
// bytes in most of the even or odd places of the first few KiB (ASCII text in UTF-16); "".
std::string_view utf16_kind(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE")) return "UTF-16 (little-endian)";
    if (bytes.starts_with("\xFE\xFF")) return "UTF-16 (big-endian)";
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 4) return {};
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    const std::size_t pairs = n / 2;
    if (odd * 2 >= pairs && even * 8 < pairs) return "UTF-16 (little-endian)";
    if (even * 2 >= pairs && odd * 8 < pairs) return "UTF-16 (big-endian)";
    return {};
}

// Whether bytes that are not UTF-8 read as a double-byte Chinese encoding (Big5, GBK/GB18030):
// every byte >= 0x80 leads a pair whose second byte is in 0x40-0xFE, and most pairs are.
bool looks_double_byte(std::string_view bytes) {
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) continue;
        if (lead < 0x81 || lead > 0xFE || i + 1 >= bytes.size()) return false;
        const auto trail = static_cast<unsigned char>(bytes[i + 1]);
        if (trail < 0x40 || trail > 0xFE || trail == 0x7F) return false;
        ++pairs;
        ++i;
    }
    return pairs > 0;
}

}  // namespace

std::vector<Diagnostic> check_input(std::string_view bytes) {
    Diagnostics diags;
    if (bytes.size() > max_file_bytes) {
        diags.report(Code::FileTooLarge, std::nullopt,
                     fmt::format("the file has {} bytes; policies may have at most {} MiB", bytes.size(), max_file_bytes >> 20));
        return diags.take_sorted();
    }
    if (const std::string_view utf16 = utf16_kind(bytes); !utf16.empty()) {
        const std::size_t nul = bytes.find('\0');
        const auto at = static_cast<std::uint32_t>(nul == std::string_view::npos ? 0 : nul);
        diags.report(nul == std::string_view::npos ? Code::InvalidUtf8 : Code::NulByte, SourceSpan{at, at + 1},
                     fmt::format("the file is {} text, not UTF-8", utf16))
            .hint = "save the file as UTF-8";
    } else if (bytes.starts_with(image::magic)) {
        // A user who built an image and passes it where policy text goes.
        diags.report(Code::NulByte, std::nullopt, "the file is a policy image written by `warrant build`, not policy text")
            .hint = "answer from it with `warrant query --image FILE`; check, test and diff read the .policy files";
    } else if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        const auto at = static_cast<std::uint32_t>(nul);
        diags.report(Code::NulByte, SourceSpan{at, at + 1}, "the file contains a NUL byte; is it a text file?");
    } else if (const auto bad = utf8::find_invalid(bytes); bad != std::string_view::npos) {
        const auto at = static_cast<std::uint32_t>(bad);
        if (looks_double_byte(bytes)) {
            diags.report(Code::InvalidUtf8, SourceSpan{at, at + 1},
                         "the file is not UTF-8: it looks like Big5 or GBK (a Chinese encoding of two bytes a character)")
                .hint = "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)";
        } else {
            diags.report(Code::InvalidUtf8, SourceSpan{at, at + 1}, "the file is not valid UTF-8 here")
                .hint = "save the file as UTF-8";
        }
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

CompileResult compile(std::shared_ptr<const SourceFile> source, CompileMode mode, const std::filesystem::path& origin) {
    CompileResult result;
    result.source = source;
    result.file_name = std::string(source->name());
    result.diagnostics = check_input(source->text());
    if (!result.diagnostics.empty()) return result;

    Diagnostics diags;
    auto module = parse(*source, diags);
    if (module) {
        Resolution resolution = resolve(*module, diags);
        resolution.graph->source = source;  // the checks quote conditions from it
        // Validation also runs on a graph with unresolved names, so that one run reports every
        // mistake; the lints, which reason about the policy as a whole, wait for a clean graph.
        validate(resolution, diags);
        if (diags.error_count() == 0) {
            if (mode == CompileMode::Check) {
                // The syntax tree (tens of megabytes for a large catalogue) is let go once the
                // checks that read it are done, so that the diagnostics of the graph's checks
                // reuse its memory; only the clauses are kept, for the quotes.
                std::vector<ast::ClauseDecl> clauses;
                lint(*module, resolution, diags, [&] {
                    clauses = std::move(module->clauses);
                    *module = ast::Module{};
                });
                // Quotes are checked against the source document only where the policy is a
                // file, so that the path it names has a folder to be relative to.
                if (!origin.empty()) check_source_quotes(*resolution.graph, clauses, origin, diags);
            } else {
                lint_errors(*module, resolution, diags);
            }
        }
        if (diags.error_count() == 0) {
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
    BoundedRead read = read_file_bounded(path.string(), max_file_bytes);
    if (!read.ok()) {
        CompileResult result;
        result.file_name = std::move(display_name);
        Diagnostics diags;
        if (read.status == BoundedRead::Status::TooLarge) {
            diags.report(Code::FileTooLarge, std::nullopt, read.message).hint = "check that this is the policy you meant";
        } else {
            diags.report(Code::CannotReadFile, std::nullopt, read.message).hint =
                read.status == BoundedRead::Status::IsFolder ? "name a .policy file, or a folder of them"
                                                             : "check that the file exists and is readable";
        }
        result.diagnostics = diags.take_sorted();
        return result;
    }
    return compile(std::make_shared<const SourceFile>(std::move(display_name), std::move(read.bytes)), mode, path);
}

}  // namespace warrant
