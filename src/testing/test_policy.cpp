// Running a policy's examples: compile the policy, gather its examples, and decide each.
#include <map>

#include <fmt/format.h>

#include "testing/example_claim.hpp"
#include "testing/example_files.hpp"
#include "testing/expectation.hpp"
#include "warrant/compile.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace fs = std::filesystem;

namespace {

std::vector<Diagnostic> errors_only(const std::vector<Diagnostic>& diagnostics) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::Error) out.push_back(d);
    }
    return out;
}

ExampleRun run_example(const std::shared_ptr<const RuleGraph>& graph, const SourceFile& file, const ast::ExampleDecl& ex) {
    ExampleRun run;
    run.name = ex.name.text;
    run.file = &file;
    run.span = ex.name.span;
    Diagnostics diags;
    const auto claim = example_claim(graph, ex, diags);
    const auto expected = example_expectation(*graph, ex, diags);
    if (claim && expected) {
        run.claim = claim;
        run.decision = decide(*graph, *claim);
        run.expected = describe(*graph, *expected);
        run.actual = describe(*graph, *claim, run.decision);
        const auto differences = mismatches(*graph, *expected, *claim, run.decision);
        if (!differences.empty()) {
            std::string message;
            for (const std::string& m : differences) message += (message.empty() ? "" : "; ") + m;
            diags.report(Code::ExampleFails, ex.name.span, fmt::format("example `{}` fails: {}", ex.name.text, message));
        }
    }
    run.diagnostics = diags.take_sorted();
    return run;
}

}  // namespace

fs::path companion_examples(const fs::path& policy) { return fs::path(policy).replace_extension(".examples"); }

std::size_t PolicyTest::passed() const {
    std::size_t n = 0;
    for (const ExampleRun& run : examples) n += run.passed() ? 1 : 0;
    return n;
}

std::size_t PolicyTest::failed() const { return examples.size() - passed(); }

PolicyTest test_policy(const fs::path& policy, const std::string& display_name) {
    PolicyTest test;
    test.policy_file = display_name;
    CompileResult compiled = compile_file(policy, display_name);
    if (compiled.source) test.sources.push_back(compiled.source);
    if (!compiled.ok()) {
        test.blocking.push_back({display_name, compiled.source.get(), errors_only(compiled.diagnostics)});
        return test;
    }
    test.graph = compiled.graph;
    std::vector<ExampleModule> modules;
    modules.push_back(policy_examples(compiled.source));

    const fs::path companion = companion_examples(policy);
    std::error_code ec;
    if (fs::is_regular_file(companion, ec)) {
        test.examples_file = companion_examples(display_name).generic_string();
        CompanionRead read = read_companion(companion, test.examples_file);
        if (read.source) test.sources.push_back(read.source);
        if (!read.ok()) {
            test.blocking.push_back({test.examples_file, read.source.get(), errors_only(read.diagnostics)});
            return test;
        }
        modules.push_back(std::move(read.examples));
    }

    // Names identify examples in reports, so one policy's examples may not share one.
    std::map<std::string, std::pair<const SourceFile*, SourceSpan>, std::less<>> names;
    for (const ExampleModule& m : modules) {
        for (const ast::ExampleDecl& ex : m.module.examples) {
            ExampleRun run = run_example(test.graph, *m.source, ex);
            const auto [it, fresh] = names.emplace(ex.name.text, std::make_pair(m.source.get(), ex.name.span));
            if (!fresh) {
                Diagnostic d;
                d.code = Code::DuplicateExample;
                d.severity = code_severity(d.code);
                d.span = ex.name.span;
                d.message = fmt::format("example `{}` is declared twice", ex.name.text);
                d.hint = "give each example its own name";
                const auto [first_file, first_span] = it->second;
                if (first_file == m.source.get()) {
                    d.notes.push_back({first_span, "first declared here"});
                } else {  // a note's span points into the file of the diagnostic, so name the other file
                    const LineCol at = first_file->line_col(first_span.begin);
                    d.notes.push_back({std::nullopt, fmt::format("first declared at {}:{}:{}", first_file->name(), at.line, at.column)});
                }
                run.diagnostics.insert(run.diagnostics.begin(), std::move(d));
            }
            test.examples.push_back(std::move(run));
        }
    }
    return test;
}

}  // namespace warrant
