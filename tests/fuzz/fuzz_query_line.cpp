// libFuzzer target: any bytes as one line of a query batch, against the bundled policies.
// Every line must get exactly one JSON answer or error object, and nothing may crash.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "warrant/compile.hpp"
#include "warrant/query.hpp"

namespace {

const warrant::PolicySet& policies() {
    static const warrant::PolicySet set = [] {
        warrant::PolicySet s;
        const char* dir = std::getenv("WARRANT_FUZZ_POLICY");
        const std::string path = dir ? dir : WARRANT_FUZZ_POLICY_DEFAULT;
        auto result = warrant::compile_file(path, path);
        if (!result.ok()) std::abort();  // the fuzzer needs a compiling policy to query
        s.add(result.graph);
        return s;
    }();
    return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string line(reinterpret_cast<const char*>(data), size);
    if (line.find('\n') != std::string::npos) return 0;  // one line at a time, as the batch reads
    bool failed = false;
    const std::string answer = warrant::answer_line(policies(), line, size % 2 == 0, failed);
    if (answer.empty() || answer.front() != '{' || answer.back() != '}' ||
        answer.find('\n') != std::string::npos) {
        std::abort();  // one JSON object per line, always
    }
    return 0;
}
