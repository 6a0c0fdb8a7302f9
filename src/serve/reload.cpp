#include "serve/reload.hpp"

#include <ostream>

#include <fmt/format.h>

#include "serve/paths.hpp"

namespace warrant::serve {

Reloader::Reloader(std::vector<std::string> paths, VersionHolder& holder, Metrics& metrics, std::ostream& log, std::mutex& log_mutex)
    : paths_(std::move(paths)), holder_(holder), metrics_(metrics), log_(log), log_mutex_(log_mutex) {}

Reloader::~Reloader() { stop_watching(); }

bool Reloader::reload(const char* why) {
    std::lock_guard lock(reload_mutex_);
    const auto start = std::chrono::steady_clock::now();
    read_signature_ = files_signature(paths_);  // before reading: a change while reading shows later
    LoadResult result = load_version(paths_);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    metrics_.count_reload(result.version != nullptr, std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
    const auto served = holder_.current();
    if (result.version) {
        const bool same = served && served->hash == result.version->hash;
        {
            std::lock_guard log_lock(log_mutex_);
            log_ << fmt::format("warrant serve: {} ({}): serving version {} ({:.1f} ms){}\n", same ? "reloaded" : "loaded", why,
                                result.version->hash, ms, same ? ", unchanged" : "");
        }
        holder_.publish(std::move(result.version));
        return true;
    }
    {
        std::lock_guard log_lock(log_mutex_);
        log_ << fmt::format("warrant serve: reload ({}) failed: {}; {}\n", why, result.failure->message,
                            served ? "still serving version " + served->hash : "nothing is served");
        log_ << "warrant serve: diagnostics: " << result.failure->diagnostics_json << "\n";
        log_.flush();
    }
    holder_.record_failure(std::move(*result.failure));
    return served != nullptr;
}

void Reloader::start_watching(std::chrono::milliseconds interval) {
    stop_watching();
    stopping_ = false;
    // Watching starts from the files as the last reload read them (taken here, not on the
    // watcher's thread, which may start late): a change made since then reloads at the first poll.
    std::string first;
    {
        std::lock_guard lock(reload_mutex_);
        first = read_signature_ ? *read_signature_ : files_signature(paths_);
    }
    watcher_ = std::thread([this, interval, first = std::move(first)] {
        std::string last = first;
        std::unique_lock lock(watch_mutex_);
        while (!watch_wake_.wait_for(lock, interval, [this] { return stopping_; })) {
            lock.unlock();
            // The signature is taken before the files are read: a change while they are read
            // changes it again, and the next poll reloads once more.
            std::string now = files_signature(paths_);
            if (now != last) {
                last = std::move(now);
                reload("files changed");
            }
            lock.lock();
        }
    });
}

void Reloader::stop_watching() {
    {
        std::lock_guard lock(watch_mutex_);
        stopping_ = true;
    }
    watch_wake_.notify_all();
    if (watcher_.joinable()) watcher_.join();
}

}  // namespace warrant::serve
