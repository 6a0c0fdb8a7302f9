// `warrant serve`: the decision API and the playground over HTTP. SIGHUP rereads the policy
// files; SIGTERM and SIGINT finish the requests in flight and exit 0.
#include <csignal>
#include <iostream>
#include <thread>

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "serve/service.hpp"

namespace warrant {

namespace {

// Splits HOST:PORT ([::1]:PORT for IPv6); nullopt when it is not that.
std::optional<std::pair<std::string, int>> parse_listen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size() || listen.size() - colon > 6) return std::nullopt;
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    int port = 0;
    for (const char c : listen.substr(colon + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        port = port * 10 + (c - '0');
    }
    if (port > 65535) return std::nullopt;
    return std::pair{host, port};
}

}  // namespace

std::function<int()> add_serve_command(CLI::App& app, Streams io) {
    struct Options {
        std::vector<std::string> paths;
        std::string listen = "127.0.0.1:8377";
        bool watch = false;
        bool allow_edit = false;
        int watch_ms = 200;
        serve::Limits limits;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("serve", "Answer claims over HTTP, with a playground for policy writers at /");
    cmd->add_option("paths", o->paths, ".policy files or folders (default: the bundled policies)");
    cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
    cmd->add_flag("--watch", o->watch, "Reload the policies when their files change");
    cmd->add_option("--watch-interval", o->watch_ms, "How often --watch looks at the files, in milliseconds")->capture_default_str()->check(CLI::Range(10, 60000));
    cmd->add_flag("--allow-edit", o->allow_edit, "Let the playground save edits that compile to the policy files");
    cmd->add_option("--max-body", o->limits.max_body_bytes, "Largest request body, in bytes (413 beyond)")->capture_default_str()
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
    cmd->add_option("--read-timeout", o->limits.read_timeout_seconds, "Seconds a request may stall between two reads before it is dropped")->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--write-timeout", o->limits.write_timeout_seconds, "Seconds a client may read nothing before it is dropped")->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--keep-alive-timeout", o->limits.keep_alive_timeout_seconds, "Seconds a connection may wait without sending a request before it is closed")->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--threads", o->limits.threads, "Connections served at once")->capture_default_str()->check(CLI::Range(1, 4096));
    cmd->add_option("--max-compiles", o->limits.max_compiles, "Posted policies compiled at once")->capture_default_str()->check(CLI::Range(1, 1024));
    return [cmd, o, io]() -> int {
        if (!cmd->parsed()) return -1;
        const auto listen = parse_listen(o->listen);
        if (!listen) {
            io.err << "warrant serve: --listen takes HOST:PORT, such as 127.0.0.1:8377, not " << o->listen << "\n";
            return 2;
        }
        serve::ServeOptions options;
        options.paths = o->paths.empty() ? std::vector<std::string>{bundled_policies()} : o->paths;
        std::string error;
        if (!expand_policy_paths(options.paths, io.err)) return 2;
        options.watch = o->watch;
        options.watch_interval = std::chrono::milliseconds(o->watch_ms);
        options.allow_edit = o->allow_edit;
        options.limits = o->limits;

        // Signals go to one thread that waits for them; every other thread blocks them.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGHUP);
        sigaddset(&signals, SIGTERM);
        sigaddset(&signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        serve::Service service(options, io.err);
        service.start();
        const auto& [host, port] = *listen;
        const int bound = service.bind(host, port);
        if (bound < 0) {
            io.err << "warrant serve: cannot listen on " << o->listen << " (in use, or not an address of this machine)\n";
            return 2;
        }
        if (!serve::is_loopback(host)) {
            io.err << "warrant serve: warning: listening on " << host
                   << ", beyond this machine. The API has no authentication: anyone who can reach it can query, "
                      "and with --allow-edit change the policies. Put it behind a proxy that authenticates.\n";
        }
        const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        io.err << fmt::format("warrant serve: listening on http://{}:{}/\n", shown_host, bound);
        io.err.flush();

        std::thread signal_thread([&service, &signals, &io] {
            while (true) {
                int sig = 0;
                if (sigwait(&signals, &sig) != 0) continue;
                if (sig == SIGHUP) {
                    service.reload("SIGHUP");
                    continue;
                }
                io.err << "warrant serve: stopping: finishing the requests in flight\n";
                io.err.flush();
                service.drain_and_stop(std::chrono::seconds(30));
                return;
            }
        });
        service.run();
        // run() returns after stop(); if it returned on its own, wake the signal thread.
        pthread_kill(signal_thread.native_handle(), SIGTERM);
        signal_thread.join();
        io.err << "warrant serve: stopped\n";
        return 0;
    };
}

}  // namespace warrant
