// `warrant serve`: the decision API and the playground over HTTP/1.1 (cpp-httplib), answering
// from the served version, reloading it on demand or when its files change.
#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "serve/limits.hpp"

namespace warrant::serve {

struct ServeOptions {
    std::vector<std::string> paths;  // .policy files or folders
    bool watch = false;
    std::chrono::milliseconds watch_interval{200};
    bool allow_edit = false;         // POST /v1/save may replace the served files
    Limits limits;
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

class Service {
public:
    Service(ServeOptions options, std::ostream& log);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Loads the files (a failure is logged; the server then answers 503 until a reload works)
    // and, with `watch`, starts watching them. True when a version is served.
    bool start();
    // Binds `host`:`port` (port 0: any free port); returns the port, or -1.
    int bind(const std::string& host, int port);
    // Serves until stop(); requests in flight are finished before it returns.
    void run();
    void stop();
    // Refuses new requests (503), waits up to `limit` for those in flight to be answered
    // (a streamed batch included), then stops.
    void drain_and_stop(std::chrono::milliseconds limit);
    // Rereads the files now (SIGHUP).
    bool reload(const char* why);
    // The hash of the served version, or "" when none.
    std::string version() const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

}  // namespace warrant::serve
