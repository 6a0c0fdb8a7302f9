#include "serve/service.hpp"

#include <ostream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
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

namespace {

// cpp-httplib 0.11 listens with a backlog of 5, fixed when the library is built: a burst of
// new connections (a proxy opening its pool) then waits for SYN retransmissions, a second or
// more each. Listening again on the same socket raises the backlog; the socket is found as the
// one of this process that listens on `port`.
void raise_listen_backlog(int port) {
    for (int fd = 3; fd < 4096; ++fd) {
        int listening = 0;
        socklen_t size = sizeof listening;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
        int bound = -1;
        if (address.ss_family == AF_INET) bound = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
        else if (address.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
        if (bound == port) ::listen(fd, SOMAXCONN);
    }
}

}  // namespace

int Service::bind(const std::string& host, int port) {
    const int bound = port == 0 ? state_->server.bind_to_any_port(host) : (state_->server.bind_to_port(host, port) ? port : -1);
    if (bound > 0) raise_listen_backlog(bound);
    return bound;
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
