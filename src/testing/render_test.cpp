// The text report of one policy's examples: what failed, why, and the decision's trace.
#include <fmt/format.h>

#include "warrant/explain.hpp"
#include "warrant/testing.hpp"

namespace warrant {

namespace {

std::string indented(std::string_view text, std::string_view indent) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        out += line.empty() ? std::string() : std::string(indent) + std::string(line);
        out += '\n';
        start = end + 1;
    }
    return out;
}

bool fails_its_expectation(const ExampleRun& run) {
    for (const Diagnostic& d : run.diagnostics) {
        if (d.code == Code::ExampleFails) return true;
    }
    return false;
}

std::string failure(const PolicyTest& test, const ExampleRun& run) {
    const FileDiagnostics where{std::string(run.file->name()), run.file, {}};
    std::string out;
    for (const Diagnostic& d : run.diagnostics) out += render_text(d, where);
    if (run.claim && fails_its_expectation(run)) {
        out += fmt::format("  expected: {}\n", run.expected);
        out += fmt::format("  actual:   {}\n", run.actual);
        out += "  trace:\n";
        out += indented(render_explanation(*test.graph, *run.claim, run.decision), "    ");
    }
    return out;
}

}  // namespace

std::string render_test(const PolicyTest& test) {
    std::string out;
    for (const FileDiagnostics& file : test.blocking) {
        for (const Diagnostic& d : file.diagnostics) out += render_text(d, file);
    }
    if (!test.runnable()) {
        out += fmt::format("{}: {}; no example was run\n", test.policy_file,
                           test.graph ? fmt::format("`{}` has errors", test.examples_file) : "the policy does not compile");
        return out;
    }
    for (const ExampleRun& run : test.examples) {
        if (!run.passed()) out += failure(test, run);
    }
    const std::size_t n = test.examples.size();
    if (n == 0) return out + fmt::format("{}: no examples\n", test.policy_file);
    const std::size_t failed = test.failed();
    out += fmt::format("{}: {} example{}, {}\n", test.policy_file, n, n == 1 ? "" : "s",
                       failed == 0 ? std::string("all pass") : fmt::format("{} failing", failed));
    return out;
}

}  // namespace warrant
