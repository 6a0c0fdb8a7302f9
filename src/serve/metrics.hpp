// Counters for GET /metrics, in the Prometheus text format: requests and errors per endpoint,
// the decision latency histogram, and reloads with their results. Lock-free: every request
// only increments atomics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace warrant::serve {

enum class Endpoint : std::uint8_t { Query, Batch, Check, Diff, Try, Policies, Source, Save, Health, Metrics, Page, Other };
inline constexpr std::size_t endpoint_count = 12;
const char* endpoint_path(Endpoint e);

class Metrics {
public:
    // Upper bounds of the latency buckets, in seconds.
    static constexpr std::array<double, 14> buckets = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                       0.01,    0.025,  0.05,    0.1,    0.25,   0.5,    1.0};

    void count_request(Endpoint e, int status);
    void observe_decision(std::chrono::nanoseconds elapsed);
    void count_claims(std::uint64_t n) { claims_.fetch_add(n, std::memory_order_relaxed); }
    void count_reload(bool ok, std::chrono::nanoseconds elapsed);
    // `in_flight`: the requests being read or answered, not counting the one asking for these.
    std::string render(bool serving, const std::string& version, std::size_t in_flight) const;

private:
    struct PerEndpoint {
        std::atomic<std::uint64_t> requests{0};
        std::atomic<std::uint64_t> client_errors{0};
        std::atomic<std::uint64_t> server_errors{0};
    };
    std::array<PerEndpoint, endpoint_count> endpoints_;
    std::array<std::atomic<std::uint64_t>, buckets.size() + 1> decision_buckets_{};  // last: +Inf
    std::atomic<std::uint64_t> decision_count_{0};
    std::atomic<std::uint64_t> decision_nanos_{0};
    std::atomic<std::uint64_t> claims_{0};
    std::atomic<std::uint64_t> reloads_ok_{0};
    std::atomic<std::uint64_t> reloads_failed_{0};
    std::atomic<std::uint64_t> last_reload_nanos_{0};
};

}  // namespace warrant::serve
