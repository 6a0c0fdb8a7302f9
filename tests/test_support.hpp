// Small helpers shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "warrant/compile.hpp"

namespace warrant::test {

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct CliRun {
    int code;
    std::string out;
    std::string err;
};

inline CliRun cli(std::vector<std::string> args, const std::string& input = {}) {
    std::istringstream in(input);
    std::ostringstream out, err;
    const int code = run_cli(std::move(args), in, out, err);
    return {code, out.str(), err.str()};
}

}  // namespace warrant::test
