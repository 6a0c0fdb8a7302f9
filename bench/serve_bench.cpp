// Load generator for `warrant serve`: N keep-alive connections on loopback, each with one
// request in flight (closed loop), driven by one thread with poll(2) so that the client takes
// as little of the machine as it can. Prints requests/s and latency percentiles.
//
//   serve_bench --port P --connections N --seconds S [--path /v1/query] --body FILE [--type application/json]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
    int fd = -1;
    std::string in;
    std::size_t scanned = 0;  // `in` before this holds no end of a chunked body
    Clock::time_point sent;
};

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        std::perror("connect");
        std::exit(2);
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// The length of one complete response at the start of `in` (Content-Length or chunked), or 0.
// `scanned` keeps a long chunked body from being searched again from its start at every read.
std::size_t complete_response(const std::string& in, std::size_t& scanned) {
    const auto head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos) return 0;
    const auto cl = std::string_view(in).substr(0, head_end).find("Content-Length: ");
    if (cl != std::string_view::npos) {
        const std::size_t length = std::strtoul(in.c_str() + cl + 16, nullptr, 10);
        return in.size() >= head_end + 4 + length ? head_end + 4 + length : 0;
    }
    const auto end = in.find("\r\n0\r\n\r\n", std::max(head_end, scanned));
    if (end == std::string::npos) {
        scanned = in.size() > 8 ? in.size() - 8 : 0;
        return 0;
    }
    return end + 7;
}

}  // namespace

int main(int argc, char** argv) {
    int port = 8377, connections = 1;
    double seconds = 5;
    std::string path = "/v1/query", body_file, type = "application/json";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--port") port = std::atoi(argv[i + 1]);
        else if (a == "--connections") connections = std::atoi(argv[i + 1]);
        else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
        else if (a == "--path") path = argv[i + 1];
        else if (a == "--body") body_file = argv[i + 1];
        else if (a == "--type") type = argv[i + 1];
    }
    std::ifstream f(body_file, std::ios::binary);
    std::ostringstream b;
    b << f.rdbuf();
    std::string body = b.str();
    while (!body.empty() && body.back() == '\n' && path == "/v1/query") body.pop_back();
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
                                "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;

    std::vector<Connection> conns(static_cast<std::size_t>(connections));
    std::vector<pollfd> fds(conns.size());
    std::vector<double> latencies;
    latencies.reserve(1 << 22);
    std::size_t errors = 0;
    const auto send_one = [&](Connection& c) {
        c.sent = Clock::now();
        for (std::size_t done = 0; done < request.size();) {
            const ssize_t n = ::send(c.fd, request.data() + done, request.size() - done, MSG_NOSIGNAL);
            if (n <= 0) {
                std::perror("send");
                std::exit(2);
            }
            done += static_cast<std::size_t>(n);
        }
    };
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    // Each connection sends its first request as soon as it is open.
    for (std::size_t i = 0; i < conns.size(); ++i) {
        conns[i].fd = connect_to(port);
        fds[i] = {conns[i].fd, POLLIN, 0};
        send_one(conns[i]);
    }
    std::size_t in_flight = conns.size();
    char buffer[1 << 16];
    while (in_flight > 0) {
        if (::poll(fds.data(), fds.size(), 10000) <= 0) break;
        const auto now = Clock::now();
        for (std::size_t i = 0; i < conns.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Connection& c = conns[i];
            const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                std::fprintf(stderr, "connection %zu closed (%zd, %s) after %zu answers\n", i, n, std::strerror(errno), latencies.size());
                return 2;
            }
            c.in.append(buffer, static_cast<std::size_t>(n));
            const std::size_t length = complete_response(c.in, c.scanned);
            if (length == 0) continue;
            if (c.in.compare(0, 12, "HTTP/1.1 200") != 0) ++errors;
            c.in.erase(0, length);
            c.scanned = 0;
            latencies.push_back(std::chrono::duration<double, std::micro>(now - c.sent).count());
            if (now < until) send_one(c);
            else {
                --in_flight;
                fds[i].events = 0;
            }
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) { return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * (latencies.size() - 1))]; };
    std::printf("%s connections=%d requests=%zu errors=%zu seconds=%.2f req/s=%.0f p50=%.0fus p90=%.0fus p99=%.0fus max=%.0fus\n",
                path.c_str(), connections, latencies.size(), errors, elapsed, static_cast<double>(latencies.size()) / elapsed, pct(0.5),
                pct(0.9), pct(0.99), latencies.empty() ? 0.0 : latencies.back());
    for (auto& c : conns) ::close(c.fd);
    return errors ? 1 : 0;
}
