// One way to read a whole file for every command: its size is checked before reading (for a
// regular file) and while reading (for pipes, devices and files that grow), so that no input,
// however large or endless, makes the tool use more memory than the limit.
#pragma once

#include <cstddef>
#include <string>

namespace warrant {

struct BoundedRead {
    enum class Status { Ok, CannotOpen, IsFolder, TooLarge, ReadFailed };
    Status status = Status::Ok;
    std::string bytes;    // the whole file when Ok
    std::string message;  // otherwise: what went wrong, naming the path and the limit
    bool ok() const { return status == Status::Ok; }
};

// Reads `path` whole if it has at most `limit` bytes. Never holds more than `limit` + one
// block in memory, and stops reading as soon as the limit is passed.
BoundedRead read_file_bounded(const std::string& path, std::size_t limit);

// "64 MiB", "1 KiB", "100 bytes": a limit for messages.
std::string describe_bytes(std::size_t n);

}  // namespace warrant
