#include "serve/metrics.hpp"

#include <fmt/format.h>

namespace warrant::serve {

const char* endpoint_path(Endpoint e) {
    switch (e) {
        case Endpoint::Query: return "/v1/query";
        case Endpoint::Batch: return "/v1/batch";
        case Endpoint::Check: return "/v1/check";
        case Endpoint::Diff: return "/v1/diff";
        case Endpoint::Try: return "/v1/try";
        case Endpoint::Policies: return "/v1/policies";
        case Endpoint::Source: return "/v1/source";
        case Endpoint::Save: return "/v1/save";
        case Endpoint::Health: return "/healthz";
        case Endpoint::Metrics: return "/metrics";
        case Endpoint::Page: return "/";
        case Endpoint::Other: return "other";
    }
    return "other";
}

void Metrics::count_request(Endpoint e, int status) {
    PerEndpoint& p = endpoints_[static_cast<std::size_t>(e)];
    p.requests.fetch_add(1, std::memory_order_relaxed);
    if (status >= 500) p.server_errors.fetch_add(1, std::memory_order_relaxed);
    else if (status >= 400) p.client_errors.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::observe_decision(std::chrono::nanoseconds elapsed) {
    const double seconds = std::chrono::duration<double>(elapsed).count();
    std::size_t i = 0;
    while (i < buckets.size() && seconds > buckets[i]) ++i;
    decision_buckets_[i].fetch_add(1, std::memory_order_relaxed);
    decision_count_.fetch_add(1, std::memory_order_relaxed);
    decision_nanos_.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::count_reload(bool ok, std::chrono::nanoseconds elapsed) {
    (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed);
    last_reload_nanos_.store(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

std::string Metrics::render(bool serving, const std::string& version, std::size_t in_flight) const {
    std::string out;
    out += "# HELP warrant_http_requests_total HTTP requests answered, by endpoint.\n# TYPE warrant_http_requests_total counter\n";
    for (std::size_t i = 0; i < endpoint_count; ++i) {
        out += fmt::format("warrant_http_requests_total{{endpoint=\"{}\"}} {}\n", endpoint_path(static_cast<Endpoint>(i)),
                           endpoints_[i].requests.load(std::memory_order_relaxed));
    }
    out += "# HELP warrant_http_errors_total HTTP requests answered with an error status, by endpoint and class.\n"
           "# TYPE warrant_http_errors_total counter\n";
    for (std::size_t i = 0; i < endpoint_count; ++i) {
        const char* path = endpoint_path(static_cast<Endpoint>(i));
        out += fmt::format("warrant_http_errors_total{{endpoint=\"{}\",class=\"4xx\"}} {}\n", path,
                           endpoints_[i].client_errors.load(std::memory_order_relaxed));
        out += fmt::format("warrant_http_errors_total{{endpoint=\"{}\",class=\"5xx\"}} {}\n", path,
                           endpoints_[i].server_errors.load(std::memory_order_relaxed));
    }
    out += "# HELP warrant_decision_seconds Time to read, decide and answer one claim of /v1/query.\n"
           "# TYPE warrant_decision_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        cumulative += decision_buckets_[i].load(std::memory_order_relaxed);
        out += fmt::format("warrant_decision_seconds_bucket{{le=\"{}\"}} {}\n", buckets[i], cumulative);
    }
    cumulative += decision_buckets_[buckets.size()].load(std::memory_order_relaxed);
    out += fmt::format("warrant_decision_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    out += fmt::format("warrant_decision_seconds_sum {:.9f}\n", static_cast<double>(decision_nanos_.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("warrant_decision_seconds_count {}\n", decision_count_.load(std::memory_order_relaxed));
    out += "# HELP warrant_batch_claims_total Claims answered by /v1/batch.\n# TYPE warrant_batch_claims_total counter\n";
    out += fmt::format("warrant_batch_claims_total {}\n", claims_.load(std::memory_order_relaxed));
    out += "# HELP warrant_reloads_total Reloads of the policy files, by result.\n# TYPE warrant_reloads_total counter\n";
    out += fmt::format("warrant_reloads_total{{result=\"ok\"}} {}\n", reloads_ok_.load(std::memory_order_relaxed));
    out += fmt::format("warrant_reloads_total{{result=\"failed\"}} {}\n", reloads_failed_.load(std::memory_order_relaxed));
    out += "# HELP warrant_last_reload_seconds How long the last reload took.\n# TYPE warrant_last_reload_seconds gauge\n";
    out += fmt::format("warrant_last_reload_seconds {:.6f}\n", static_cast<double>(last_reload_nanos_.load(std::memory_order_relaxed)) / 1e9);
    out += "# HELP warrant_serving Whether a version that compiles is served (1) or not (0).\n# TYPE warrant_serving gauge\n";
    out += fmt::format("warrant_serving{{version=\"{}\"}} {}\n", version, serving ? 1 : 0);
    out += "# HELP warrant_http_requests_in_flight Requests being read or answered, this one aside.\n"
           "# TYPE warrant_http_requests_in_flight gauge\n";
    out += fmt::format("warrant_http_requests_in_flight {}\n", in_flight);
    return out;
}

}  // namespace warrant::serve
