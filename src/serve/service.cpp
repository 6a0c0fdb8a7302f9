#include "serve/service.hpp"

#include <ostream>
#include <thread>

#include "serve/state.hpp"

namespace warrant::serve {

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

Service::Service(ServeOptions options, std::ostream& log) : state_(std::make_unique<State>(std::move(options), log)) {
    httplib::Server& server = state_->server;
    const Limits& limits = state_->options.limits;
    server.set_payload_max_length(limits.max_body_bytes);
    server.set_read_timeout(limits.read_timeout_seconds, 0);
    server.set_write_timeout(limits.write_timeout_seconds, 0);
    server.set_keep_alive_timeout(limits.keep_alive_timeout_seconds);
    server.set_keep_alive_max_count(100000);
    server.set_tcp_nodelay(true);
    const auto threads = static_cast<std::size_t>(limits.threads > 0 ? limits.threads : 1);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    add_routes(*state_);
}

Service::~Service() {
    state_->reloader.stop_watching();
}

bool Service::start() {
    const bool ok = state_->reloader.reload("start");
    if (state_->options.watch) state_->reloader.start_watching(state_->options.watch_interval);
    return ok;
}

int Service::bind(const std::string& host, int port) {
    if (port == 0) return state_->server.bind_to_any_port(host);
    return state_->server.bind_to_port(host, port) ? port : -1;
}

void Service::run() { state_->server.listen_after_bind(); }

void Service::stop() {
    state_->reloader.stop_watching();
    state_->server.stop();
}

void Service::drain_and_stop(std::chrono::milliseconds limit) {
    state_->draining = true;
    const auto until = std::chrono::steady_clock::now() + limit;
    while (state_->in_flight.load() > 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    stop();
}

bool Service::reload(const char* why) { return state_->reloader.reload(why); }

std::string Service::version() const {
    const auto v = state_->holder.current();
    return v ? v->hash : std::string();
}

}  // namespace warrant::serve
