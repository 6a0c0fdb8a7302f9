// What a command built is left for the operating system to reclaim at exit, instead of freed
// piece by piece: freeing a 100,000-model policy's rule graph and its quarter of a million
// diagnostics takes a tenth of a second or more, for memory the process gives back anyway.
// Only the `warrant` program asks for it (main); tests that run commands in-process do not, so
// their memory stays bounded. What is left stays reachable, so leak checkers do not report it.
#pragma once

#include <tuple>
#include <utility>
#include <vector>

namespace warrant {

namespace detail {
struct LeftValue {
    virtual ~LeftValue() = default;
};
template <typename T>
struct LeftValueOf : LeftValue {
    explicit LeftValueOf(T&& v) : value(std::move(v)) {}
    T value;
};
bool& leaving_at_exit();
std::vector<LeftValue*>& left_values();
}  // namespace detail

// Called once by main, before any command runs.
inline void leave_memory_at_exit() { detail::leaving_at_exit() = true; }

// Moves `value` out of the way unfreed when the program leaves memory at exit; otherwise
// leaves it where it is, to be freed as usual.
template <typename T>
void leave_at_exit(T& value) {
    if (!detail::leaving_at_exit()) return;
    detail::left_values().push_back(new detail::LeftValueOf<T>(std::move(value)));
}

// Leaves its values at exit when it goes out of scope (declare it after them): on every path
// out of a command.
template <typename... T>
class LeftAtExit {
public:
    explicit LeftAtExit(T&... values) : values_(values...) {}
    LeftAtExit(const LeftAtExit&) = delete;
    LeftAtExit& operator=(const LeftAtExit&) = delete;
    ~LeftAtExit() {
        std::apply([](auto&... v) { (leave_at_exit(v), ...); }, values_);
    }

private:
    std::tuple<T&...> values_;
};

}  // namespace warrant
