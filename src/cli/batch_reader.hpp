// Lines of a JSON Lines batch, read in large blocks rather than one getline per line.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace warrant {

// Splits a stream into lines as std::getline does, but reads it a block at a time, so that a
// batch of millions of lines costs a few hundred reads. A UTF-8 byte-order mark at the very
// start is skipped.
//
// Memory is bounded whatever the input: a line longer than `max_line` bytes is not kept. It
// comes out as one line marked too_long() holding only its first bytes (enough to read an
// `id` written first), and the rest of it is read and dropped. A line that goes on past
// `max_skipped` bytes (an endless input such as /dev/zero) stops the reader, with error() set.
class BatchLineReader {
public:
    static constexpr std::size_t default_block = std::size_t{1} << 20;
    static constexpr std::size_t default_max_line = std::size_t{1} << 20;     // 1 MiB, documented
    static constexpr std::size_t default_max_skipped = std::size_t{1} << 30;  // 1 GiB
    static constexpr std::size_t kept_prefix = 4096;  // of a line too long

    explicit BatchLineReader(std::istream& in, std::size_t block_size = default_block,
                             std::size_t max_line = default_max_line, std::size_t max_skipped = default_max_skipped);
    // Reads the file descriptor directly: each read returns what is there, so that a program
    // writing one line at a time to a pipe gets its answer before it writes the next.
    explicit BatchLineReader(int fd, std::size_t block_size = default_block, std::size_t max_line = default_max_line,
                             std::size_t max_skipped = default_max_skipped);

    // The next line, without its '\n' and one '\r' before it; valid until the next call.
    // nullopt at the end (or when reading stopped: see error()). A last line without '\n'
    // counts; a final '\n' starts no line.
    std::optional<std::string_view> next();
    // Whether the line next() last returned was longer than max_line (only its start was kept).
    bool too_long() const { return too_long_; }
    std::size_t max_line() const { return max_line_; }
    // Why reading stopped before the end of the input; empty when it did not.
    const std::string& error() const { return error_; }
    // Called before each read from the input, which may wait: the moment to flush answers.
    std::function<void()> before_read;

private:
    std::istream* in_ = nullptr;
    int fd_ = -1;
    std::string buffer_;
    std::size_t begin_ = 0;  // buffer_[begin_, end_) is read but not yet returned
    std::size_t end_ = 0;
    std::size_t max_line_, max_skipped_;
    bool at_eof_ = false;
    bool started_ = false;   // the byte-order mark was looked for
    bool skipping_ = false;  // dropping the rest of a line too long
    bool too_long_ = false;
    std::string prefix_;     // the start of the last line too long
    std::string error_;

    void refill();
    void skip_bom();
    void skip_rest_of_line();
    std::string_view take_too_long(std::size_t line_end);
};

}  // namespace warrant
