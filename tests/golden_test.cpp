// Golden tests: every `.policy` under tests/golden/check is checked by the CLI in-process and
// its exact output compared with the `.out` file beside it. Files named `fail_*` must fail
// (exit 1); all others must pass. UPDATE_GOLDEN=1 rewrites the expected files for review.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

void check_golden(const fs::path& golden, const std::string& actual) {
    if (std::getenv("UPDATE_GOLDEN")) {
        std::ofstream(golden, std::ios::binary) << actual;
        return;
    }
    INFO("golden: " << golden.string() << "\n--- actual ---\n" << actual);
    REQUIRE(fs::exists(golden));
    CHECK(warrant::test::slurp(golden) == actual);
}

std::vector<fs::path> inputs(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".policy") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("golden: check, text and json") {
    const fs::path dir = "tests/golden/check";
    const auto files = inputs(dir);
    REQUIRE(files.size() >= 8);
    for (const fs::path& input : files) {
        const std::string name = input.filename().string();
        SECTION(name) {
            const bool expect_fail = name.rfind("fail_", 0) == 0;
            const std::string display = (dir / name).generic_string();
            std::istringstream in;
            std::ostringstream out, err;
            const int rc = warrant::run_cli({"check", display}, in, out, err);
            CHECK(rc == (expect_fail ? 1 : 0));
            CHECK(err.str().empty());
            check_golden(fs::path(input).replace_extension(".out"), out.str());

            std::ostringstream json, json_err;
            CHECK(warrant::run_cli({"check", "--format", "json", display}, in, json, json_err) == rc);
            check_golden(fs::path(input).replace_extension(".json"), json.str());
        }
    }
}
