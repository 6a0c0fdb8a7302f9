// support/run_both.hpp: both pieces of work run to their end, and an exception of either
// reaches the caller after both are done.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "support/run_both.hpp"

using warrant::run_both;

TEST_CASE("run both: each runs once, and both are done on return") {
    std::atomic<int> here{0}, there{0};
    run_both([&] { ++here; }, [&] { ++there; });
    CHECK(here == 1);
    CHECK(there == 1);
}

TEST_CASE("run both: an exception of either is thrown after both are done") {
    std::atomic<int> done{0};
    CHECK_THROWS_WITH(run_both([&] { ++done; }, [&] { throw std::runtime_error("there"); }), "there");
    CHECK(done == 1);
    done = 0;
    CHECK_THROWS_WITH(run_both([&] { throw std::runtime_error("here"); }, [&] { ++done; }), "here");
    CHECK(done == 1);
    // Both fail: this thread's first.
    CHECK_THROWS_WITH(run_both([&] { throw std::runtime_error("here"); }, [&] { throw std::runtime_error("there"); }), "here");
}
