// What the server accepts: body size, timeouts, threads, compiles at once. Every limit has a
// command-line option; the header size is the HTTP library's own (8 KiB, fixed when it is built).
#pragma once

#include <cstddef>

namespace warrant::serve {

struct Limits {
    std::size_t max_body_bytes = std::size_t{8} << 20;  // 413 beyond it
    int read_timeout_seconds = 5;        // a request stalled this long between two reads is dropped
    int write_timeout_seconds = 5;       // a client that reads nothing for this long is dropped
    int keep_alive_timeout_seconds = 5;  // a connection that sends no request this long is closed
    int threads = 128;                   // connections served at once (each keep-alive one holds a thread)
    int max_compiles = 2;                // posted policies compiled at once (check, diff, try, save)
    int compile_wait_ms = 5000;          // how long a compile waits for its turn before a 503
};

// The HTTP library's own limit on the request line and on each header line.
inline constexpr std::size_t max_header_line_bytes = 8192;

}  // namespace warrant::serve
