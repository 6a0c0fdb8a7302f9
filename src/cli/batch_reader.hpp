// Lines of a JSON Lines batch, read in large blocks rather than one getline per line.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace warrant {

// Splits a stream into lines as std::getline does, but reads it a block at a time, so that a
// batch of millions of lines costs a few hundred reads. Memory stays at one block, or at the
// longest line when a line is longer than a block.
class BatchLineReader {
public:
    static constexpr std::size_t default_block = std::size_t{1} << 20;

    explicit BatchLineReader(std::istream& in, std::size_t block_size = default_block);

    // The next line, without its '\n' and one '\r' before it; valid until the next call.
    // nullopt at the end. A last line without '\n' counts; a final '\n' starts no line.
    std::optional<std::string_view> next();

private:
    std::istream& in_;
    std::string buffer_;
    std::size_t begin_ = 0;  // buffer_[begin_, end_) is read but not yet returned
    std::size_t end_ = 0;
    bool at_eof_ = false;

    void refill();
};

}  // namespace warrant
