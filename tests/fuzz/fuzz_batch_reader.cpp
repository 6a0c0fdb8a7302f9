// libFuzzer target: any bytes as a whole batch input, read by the batch line reader with small
// blocks and a small line limit (both chosen by the first two bytes), so that block edges, CRLF,
// the byte-order mark and over-long lines all meet. The lines must be exactly those of a plain
// reference split, and every line must get exactly one JSON object back.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/batch_reader.hpp"
#include "warrant/compile.hpp"
#include "warrant/query.hpp"

namespace {

const warrant::PolicySet& policies() {
    static const warrant::PolicySet set = [] {
        warrant::PolicySet s;
        const char* dir = std::getenv("WARRANT_FUZZ_POLICY");
        const std::string path = dir ? dir : WARRANT_FUZZ_POLICY_DEFAULT;
        auto result = warrant::compile_file(path, path);
        if (!result.ok()) std::abort();
        s.add(result.graph);
        return s;
    }();
    return set;
}

struct Expected {
    std::string text;  // the whole line, or (too long) all of it, of which the reader keeps a prefix
    bool too_long;
};

// The batch format, as plainly as it can be said.
std::vector<Expected> reference_lines(std::string_view input, std::size_t max_line) {
    if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
    std::vector<Expected> out;
    while (!input.empty()) {
        const std::size_t nl = input.find('\n');
        std::string_view segment = input.substr(0, nl);
        input.remove_prefix(nl == std::string_view::npos ? input.size() : nl + 1);
        const bool too_long = segment.size() > max_line;
        if (!too_long && !segment.empty() && segment.back() == '\r') segment.remove_suffix(1);
        out.push_back({std::string(segment), too_long});
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t block = 1 + data[0] % 64;
    const std::size_t max_line = 1 + data[1] % 200;
    const std::string input(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::vector<Expected> expected = reference_lines(input, max_line);

    std::istringstream in(input);
    warrant::BatchLineReader reader(in, block, max_line, std::size_t{1} << 30);
    std::size_t i = 0;
    std::string answers;
    while (const auto line = reader.next()) {
        if (i >= expected.size()) std::abort();  // more lines than the input has
        const Expected& e = expected[i++];
        if (reader.too_long() != e.too_long) std::abort();
        if (e.too_long) {
            // The start of the line, at least as much as the limit allows, at most kept_prefix.
            const std::size_t least = std::min({e.text.size(), max_line + 1, warrant::BatchLineReader::kept_prefix});
            if (line->size() < least || line->size() > warrant::BatchLineReader::kept_prefix) std::abort();
            if (std::string_view(e.text).substr(0, line->size()) != *line) std::abort();
            continue;
        }
        if (*line != e.text) std::abort();
        bool failed = false;
        answers.clear();
        warrant::answer_line_into(answers, policies(), *line, false, failed);
        if (answers.empty() || answers.front() != '{' || answers.back() != '}' || answers.find('\n') != std::string::npos) {
            std::abort();
        }
    }
    if (i != expected.size() || !reader.error().empty()) std::abort();
    return 0;
}
