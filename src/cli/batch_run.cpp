// The batch runner: lines in, answers out, in order; memory bounded whatever the input.
#include "cli/batch_run.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <system_error>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/batch_reader.hpp"
#include "support/read_bounded.hpp"

namespace warrant {

namespace {

// One line's answer and its '\n', appended to `out`.
void answer_batch_line(std::string& out, const PolicySet& policies, std::string_view line, bool too_long,
                       std::size_t max_line, bool explain, bool& failed) {
    failed = true;
    if (too_long) {
        out += encode_error(query_id(line), QueryError{"line_too_long",
            fmt::format("the line is longer than {} bytes; batch lines may have at most {}", max_line, describe_bytes(max_line)),
            "write one claim per line"});
    } else {
        answer_line_into(out, policies, line, explain, failed);
    }
    out += '\n';
}

int reader_status(const BatchLineReader& lines, std::ostream& err, const std::string& name, bool any_failed) {
    if (!lines.error().empty()) {
        err << "warrant query: " << name << ": " << lines.error() << "\n";
        return 2;
    }
    return any_failed ? 1 : 0;
}

// One thread. Input and output both move in blocks of about 1 MiB; answers are also flushed
// whenever the reader is about to wait for input (so a program that writes a claim and waits
// for its answer gets it) and at least every few milliseconds.
int run_serial(const PolicySet& policies, BatchLineReader& lines, std::ostream& out, std::ostream& err,
               const std::string& name, bool explain) {
    using Clock = std::chrono::steady_clock;
    constexpr std::size_t flush_at = std::size_t{1} << 20;
    constexpr auto flush_every = std::chrono::milliseconds(5);
    std::string buffer;
    buffer.reserve(flush_at + (flush_at >> 2));
    auto last_flush = Clock::now();
    const auto flush = [&] {
        if (!buffer.empty()) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
        out.flush();
        last_flush = Clock::now();
    };
    lines.before_read = flush;
    bool any_failed = false;
    std::size_t count = 0;
    while (const auto line = lines.next()) {
        bool failed = true;
        answer_batch_line(buffer, policies, *line, lines.too_long(), lines.max_line(), explain, failed);
        any_failed |= failed;
        if (buffer.size() >= flush_at || ((++count & 255) == 0 && Clock::now() - last_flush >= flush_every)) flush();
    }
    flush();
    lines.before_read = nullptr;
    return reader_status(lines, err, name, any_failed);
}

// A run of lines copied out of the reader (whose views last only until its next line), and
// their answers.
struct Chunk {
    static constexpr std::size_t max_lines = 4096;
    static constexpr std::size_t max_bytes = std::size_t{2} << 20;  // then one line more at most
    std::string text;
    std::vector<std::size_t> ends;  // of each line in `text`
    std::vector<bool> too_long;
    std::string answers;
    bool failed = false;

    // Copies lines until the chunk is full or the input ends; false when it got none.
    bool fill(BatchLineReader& lines) {
        text.clear();
        ends.clear();
        too_long.clear();
        while (ends.size() < max_lines && text.size() < max_bytes) {
            const auto line = lines.next();
            if (!line) break;
            text += *line;
            ends.push_back(text.size());
            too_long.push_back(lines.too_long());
        }
        return !ends.empty();
    }

    void answer(const PolicySet& policies, std::size_t max_line, bool explain) {
        answers.clear();
        failed = false;
        // Each line is hinted two lines before it is answered (LineHints).
        LineHints hints(policies);
        const auto line_at = [&](std::size_t i) {
            const std::size_t from = i == 0 ? 0 : ends[i - 1];
            return std::string_view(text).substr(from, ends[i] - from);
        };
        for (std::size_t i = 0; i < std::min<std::size_t>(2, ends.size()); ++i) hints.hint(line_at(i));
        for (std::size_t i = 0; i < ends.size(); ++i) {
            if (i + 2 < ends.size()) hints.hint(line_at(i + 2));
            bool line_failed = true;
            answer_batch_line(answers, policies, line_at(i), too_long[i], max_line, explain, line_failed);
            failed |= line_failed;
        }
    }
};

// A file on `jobs` threads. Each thread in turn takes the next chunk of lines (numbered as
// taken), answers it while the others read and answer theirs, and writes its answers when every
// earlier chunk is written. Lines are answered independently, so the answers are those of one
// thread, byte for byte; each thread holds one chunk, so memory stays bounded.
int run_parallel(const PolicySet& policies, BatchLineReader& lines, std::ostream& out, std::ostream& err,
                 const std::string& name, bool explain, unsigned jobs) {
    std::mutex read_mutex, write_mutex;
    std::condition_variable written;
    std::size_t next_taken = 0, next_written = 0;
    bool any_failed = false;
    std::exception_ptr error;       // of answering, guarded by write_mutex
    std::exception_ptr read_error;  // of reading, guarded by read_mutex: no thread reads on after it
    const auto work = [&] {
        Chunk chunk;
        while (true) {
            std::size_t number = 0;
            {
                std::lock_guard lock(read_mutex);
                if (read_error) return;
                try {
                    if (!chunk.fill(lines)) return;  // the input ended (or stopped: see lines.error())
                } catch (...) {
                    read_error = std::current_exception();
                    return;
                }
                number = next_taken++;
            }
            std::exception_ptr failure;
            try {
                chunk.answer(policies, lines.max_line(), explain);
            } catch (...) {
                failure = std::current_exception();
            }
            {
                std::unique_lock lock(write_mutex);
                written.wait(lock, [&] { return next_written == number; });
                if (failure) {
                    if (!error) error = failure;
                } else if (!error) {
                    out.write(chunk.answers.data(), static_cast<std::streamsize>(chunk.answers.size()));
                    any_failed |= chunk.failed;
                }
                ++next_written;
            }
            written.notify_all();
        }
    };
    std::vector<std::thread> helpers;
    for (unsigned k = 1; k < jobs; ++k) {
        try {
            helpers.emplace_back(work);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: fewer answer every line all the same
        }
    }
    work();
    for (std::thread& t : helpers) t.join();
    if (error) std::rethrow_exception(error);
    if (read_error) std::rethrow_exception(read_error);
    out.flush();
    return reader_status(lines, err, name, any_failed);
}

}  // namespace

unsigned default_batch_jobs() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }

int run_batch_from(const PolicySet& policies, const std::string& batch, Streams io, bool explain, unsigned jobs) {
    if (batch == "-") {
        if (io.in_fd >= 0) {
            BatchLineReader lines(io.in_fd);
            return run_serial(policies, lines, io.out, io.err, "standard input", explain);
        }
        BatchLineReader lines(io.in);
        return run_serial(policies, lines, io.out, io.err, "standard input", explain);
    }
    const int fd = ::open(batch.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        io.err << "warrant: cannot read batch file " << batch << ": " << std::strerror(errno) << "\n";
        if (fd >= 0) ::close(fd);
        return 2;
    }
    if (S_ISDIR(st.st_mode)) {
        io.err << "warrant: " << batch << " is a folder, not a file\n";
        ::close(fd);
        return 2;
    }
    BatchLineReader lines(fd);
    // A pipe or a terminal is read as lines arrive, so that each answer comes back at once.
    const int code = S_ISREG(st.st_mode) && jobs > 1 ? run_parallel(policies, lines, io.out, io.err, batch, explain, jobs)
                                                     : run_serial(policies, lines, io.out, io.err, batch, explain);
    ::close(fd);
    return code;
}

}  // namespace warrant
