#include "cli/batch_reader.hpp"

#include <algorithm>
#include <cstring>

namespace warrant {

namespace {

std::string_view without_cr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

BatchLineReader::BatchLineReader(std::istream& in, std::size_t block_size)
    : in_(in), buffer_(std::max<std::size_t>(block_size, 1), '\0') {}

std::optional<std::string_view> BatchLineReader::next() {
    while (true) {
        const char* data = buffer_.data();
        if (const void* newline = std::memchr(data + begin_, '\n', end_ - begin_)) {
            const std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(newline) - data);
            const std::string_view line(data + begin_, stop - begin_);
            begin_ = stop + 1;
            return without_cr(line);
        }
        if (at_eof_) {
            if (begin_ == end_) return std::nullopt;
            const std::string_view last(data + begin_, end_ - begin_);
            begin_ = end_;
            return without_cr(last);
        }
        refill();
    }
}

// Keeps the unfinished line, moved to the front, and reads after it; a line longer than the
// buffer doubles it.
void BatchLineReader::refill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    in_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
    end_ += static_cast<std::size_t>(in_.gcount());
    at_eof_ = !in_;  // a short read: the stream has ended (or failed)
}

}  // namespace warrant
