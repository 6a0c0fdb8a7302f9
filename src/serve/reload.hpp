// Reloading the policy files: on demand (SIGHUP, a save) and, with --watch, when they change.
// A version that compiles replaces the served one; one that does not replaces nothing, and its
// diagnostics are logged and kept for GET /v1/policies.
#pragma once

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "serve/metrics.hpp"
#include "serve/version.hpp"

namespace warrant::serve {

class Reloader {
public:
    Reloader(std::vector<std::string> paths, VersionHolder& holder, Metrics& metrics, std::ostream& log, std::mutex& log_mutex);
    ~Reloader();
    Reloader(const Reloader&) = delete;
    Reloader& operator=(const Reloader&) = delete;

    // Reads and compiles the files now; true when a version that compiles is served after it.
    // One reload at a time.
    bool reload(const char* why);
    // Polls the files every `interval` and reloads when they change, until stop_watching().
    void start_watching(std::chrono::milliseconds interval);
    void stop_watching();
    const std::vector<std::string>& paths() const { return paths_; }

private:
    std::vector<std::string> paths_;
    VersionHolder& holder_;
    Metrics& metrics_;
    std::ostream& log_;
    std::mutex& log_mutex_;
    std::mutex reload_mutex_;
    // The files' signature taken just before the last reload read them (under reload_mutex_):
    // where watching starts, so that a change made after that read is never missed.
    std::optional<std::string> read_signature_;
    std::mutex watch_mutex_;
    std::condition_variable watch_wake_;
    bool stopping_ = false;
    std::thread watcher_;
};

}  // namespace warrant::serve
