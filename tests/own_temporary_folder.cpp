// Every run of the tests works in a temporary folder of its own. Tests name their folders
// under the system's temporary folder (`warrant_diff_schema`, …); two runs at once — a
// developer's and CI's, or two CI jobs on one machine — must not remove each other's files.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

struct OwnTemporaryFolder : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;

    void testRunStarting(Catch::TestRunInfo const& info) override {
        folder_ = std::filesystem::temp_directory_path() / ("warrant-tests-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder_);
        ::setenv("TMPDIR", folder_.c_str(), 1);  // what temp_directory_path() returns from now on
        TestEventListenerBase::testRunStarting(info);
    }

    void testRunEnded(Catch::TestRunStats const& stats) override {
        TestEventListenerBase::testRunEnded(stats);
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }

private:
    std::filesystem::path folder_;
};

}  // namespace

CATCH_REGISTER_LISTENER(OwnTemporaryFolder)
