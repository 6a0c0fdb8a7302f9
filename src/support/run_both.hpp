// Two independent pieces of work, on two threads when the machine has two cores.
#pragma once

#include <exception>
#include <optional>
#include <system_error>
#include <thread>

namespace warrant {

// Runs `there` on a second thread while `here` runs on this one, and returns when both are
// done. Without a second core, or when no thread can be started, runs them one after the other
// (`here` first). An exception of either is thrown here once both have stopped, `here`'s first
// (run one after the other, `there` does not start after `here` has thrown).
template <typename Here, typename There>
void run_both(Here&& here, There&& there) {
    std::exception_ptr failure;
    std::optional<std::thread> other;
    if (std::thread::hardware_concurrency() > 1) {
        try {
            other.emplace([&] {
                try {
                    there();
                } catch (...) {
                    failure = std::current_exception();
                }
            });
        } catch (const std::system_error&) {
            other.reset();  // no thread to be had: `there` runs below
        }
    }
    try {
        here();
    } catch (...) {
        if (other) other->join();
        throw;
    }
    if (other) other->join();
    else there();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace warrant
