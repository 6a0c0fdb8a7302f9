// The compiler's entry point: policy text in, an immutable rule graph and diagnostics out.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "warrant/diagnostic.hpp"
#include "warrant/rule_graph.hpp"
#include "warrant/source.hpp"

namespace warrant {

struct CompileResult {
    std::shared_ptr<const SourceFile> source;  // null when the file could not be read
    std::string file_name;
    std::shared_ptr<const RuleGraph> graph;    // set iff there were no errors
    std::vector<Diagnostic> diagnostics;       // sorted by position
    bool ok() const { return graph != nullptr; }
    // Counts for summaries and exit codes: a suppressed warning counts only as suppressed.
    std::size_t error_count() const;
    std::size_t warning_count() const;
    std::size_t suppressed_count() const;
};

// Limits on what the compiler reads; beyond them it reports an error instead of trying.
inline constexpr std::size_t max_file_bytes = 64u << 20;
inline constexpr std::size_t max_line_bytes = 64u << 10;

// What a compilation is for. `Check` (`warrant check`, `warrant test`) runs every stage and
// reports every diagnostic, lint warnings and suppressions included. `Answer` (`warrant query`,
// `warrant diff`) builds only what answering needs: the same errors, with the same messages
// (the policy's own invariants included), but no lint warnings and no judgement of suppression
// comments, which can only be judged where the lints ran.
enum class CompileMode : unsigned char { Check, Answer };

// Compiles policy text. `source` must outlive nothing: the graph shares ownership of it.
// `origin` is the policy file's path when the text was read from one: the files a policy names
// (its source document) are found relative to it, and checked only when it is given.
CompileResult compile(std::shared_ptr<const SourceFile> source, CompileMode mode = CompileMode::Check,
                      const std::filesystem::path& origin = {});
// Reads and compiles a file; `display_name` is how diagnostics name it.
CompileResult compile_file(const std::filesystem::path& path, std::string display_name,
                           CompileMode mode = CompileMode::Check);
// Checks raw bytes before they become a SourceFile (size, NUL bytes, UTF-8, line length).
std::vector<Diagnostic> check_input(std::string_view bytes);

}  // namespace warrant
