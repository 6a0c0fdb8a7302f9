// The command line as a whole: the version, help, and misuse exit with 2.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using warrant::test::cli;

TEST_CASE("cli: --version names the tool and its version") {
    const auto run = cli({"--version"});
    CHECK(run.code == 0);
    CHECK(run.out.rfind("warrant ", 0) == 0);
    CHECK(run.out.find('.') != std::string::npos);
}

TEST_CASE("cli: no subcommand, or an unknown one, is misuse") {
    CHECK(cli({}).code == 2);
    CHECK(cli({"verify"}).code == 2);
    CHECK(cli({"check"}).code == 2);  // check needs a path
}
