// What the server's handlers share: the options, the served version, the metrics, the
// reloader, and the limit on compiles at once. Only the serve/ sources see it (and the HTTP
// library with it).
#pragma once

#include <atomic>
#include <iosfwd>
#include <mutex>
#include <semaphore>

#include <httplib.h>

#include "serve/metrics.hpp"
#include "serve/reload.hpp"
#include "serve/service.hpp"
#include "serve/version.hpp"

namespace warrant::serve {

struct Service::State {
    State(ServeOptions o, std::ostream& l)
        : options(std::move(o)), log(l), reloader(options.paths, holder, metrics, log, log_mutex), compiles(options.limits.max_compiles) {}

    ServeOptions options;
    std::ostream& log;
    std::mutex log_mutex;
    VersionHolder holder;
    Metrics metrics;
    Reloader reloader;
    std::counting_semaphore<1024> compiles;
    std::atomic<int> in_flight{0};     // requests routed and not yet answered
    std::atomic<bool> draining{false}; // stopping: new requests get 503, those in flight finish
    httplib::Server server;
};

// Registers every endpoint, the JSON error pages and the metrics logger on `state.server`.
void add_routes(Service::State& state);

// GET /v1/policies: what the served version declares, and the last reload's result.
std::string policies_json(const ServedVersion* version, const std::optional<LoadFailure>& failure, bool editable);

}  // namespace warrant::serve
