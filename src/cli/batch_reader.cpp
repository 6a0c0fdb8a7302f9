#include "cli/batch_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace warrant {

namespace {

std::string_view without_cr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

constexpr std::string_view bom = "\xEF\xBB\xBF";

}  // namespace

BatchLineReader::BatchLineReader(std::istream& in, std::size_t block_size, std::size_t max_line, std::size_t max_skipped)
    : in_(&in),
      buffer_(std::max<std::size_t>(std::min(block_size, max_line + 1), 4), '\0'),
      max_line_(max_line),
      max_skipped_(max_skipped) {}

BatchLineReader::BatchLineReader(int fd, std::size_t block_size, std::size_t max_line, std::size_t max_skipped)
    : fd_(fd),
      buffer_(std::max<std::size_t>(std::min(block_size, max_line + 1), 4), '\0'),
      max_line_(max_line),
      max_skipped_(max_skipped) {}

std::optional<std::string_view> BatchLineReader::next() {
    too_long_ = false;
    if (!started_) skip_bom();
    if (skipping_) skip_rest_of_line();
    while (error_.empty()) {
        const char* data = buffer_.data();
        if (const void* newline = std::memchr(data + begin_, '\n', end_ - begin_)) {
            const std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(newline) - data);
            if (stop - begin_ > max_line_) {
                const std::string_view start = take_too_long(stop);
                begin_ = stop + 1;
                return start;
            }
            const std::string_view line(data + begin_, stop - begin_);
            begin_ = stop + 1;
            return without_cr(line);
        }
        if (end_ - begin_ > max_line_) {
            const std::string_view start = take_too_long(end_);
            begin_ = end_;
            skipping_ = true;
            return start;
        }
        if (at_eof_) {
            if (begin_ == end_) return std::nullopt;
            const std::string_view last(data + begin_, end_ - begin_);
            begin_ = end_;
            return without_cr(last);
        }
        refill();
    }
    return std::nullopt;
}

// The start of the over-long line that ends (or, unfinished, is read up to) at `line_end`:
// never a byte of the next line.
std::string_view BatchLineReader::take_too_long(std::size_t line_end) {
    prefix_.assign(buffer_.data() + begin_, std::min(kept_prefix, line_end - begin_));
    too_long_ = true;
    return prefix_;
}

// Drops bytes up to and including the next newline; the reader stops if there are too many.
void BatchLineReader::skip_rest_of_line() {
    std::size_t skipped = max_line_;
    while (true) {
        if (const void* newline = std::memchr(buffer_.data() + begin_, '\n', end_ - begin_)) {
            begin_ = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data()) + 1;
            skipping_ = false;
            return;
        }
        skipped += end_ - begin_;
        begin_ = end_;
        if (skipped > max_skipped_) {
            error_ = fmt::format("a line goes on for more than {} MiB without a newline; stopped reading",
                                 max_skipped_ >> 20);
            skipping_ = false;
            return;
        }
        if (at_eof_) {
            skipping_ = false;
            return;
        }
        refill();
    }
}

// A byte-order mark may arrive split over reads from a pipe: read until there are three bytes,
// a newline, or the end.
void BatchLineReader::skip_bom() {
    started_ = true;
    while (end_ - begin_ < bom.size() && end_ < buffer_.size() && !at_eof_ && error_.empty() &&
           std::memchr(buffer_.data() + begin_, '\n', end_ - begin_) == nullptr) {
        refill();
    }
    if (std::string_view(buffer_.data() + begin_, end_ - begin_).substr(0, bom.size()) == bom) begin_ += bom.size();
}

// Keeps the unfinished line, moved to the front, and reads after it; a line longer than the
// buffer doubles it, up to one byte more than the longest line kept.
void BatchLineReader::refill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(std::max(buffer_.size(), std::min(buffer_.size() * 2, max_line_ + 1)));
    if (before_read) before_read();
    char* into = buffer_.data() + end_;
    const std::size_t room = buffer_.size() - end_;
    if (in_) {
        in_->read(into, static_cast<std::streamsize>(room));
        end_ += static_cast<std::size_t>(in_->gcount());
        at_eof_ = !*in_;  // a short read: the stream has ended (or failed)
        if (in_->bad()) error_ = "the input could not be read";
        return;
    }
    while (true) {
        const ssize_t n = ::read(fd_, into, room);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_ = fmt::format("the input could not be read: {}", std::strerror(errno));
            at_eof_ = true;
        } else if (n == 0) {
            at_eof_ = true;
        } else {
            end_ += static_cast<std::size_t>(n);
        }
        return;
    }
}

}  // namespace warrant
