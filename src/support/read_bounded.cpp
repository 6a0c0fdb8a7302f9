#include "support/read_bounded.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace warrant {

namespace {

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

std::string describe_bytes(std::size_t n) {
    if (n >= (std::size_t{1} << 20) && n % (std::size_t{1} << 20) == 0) return fmt::format("{} MiB", n >> 20);
    if (n >= (std::size_t{1} << 10) && n % (std::size_t{1} << 10) == 0) return fmt::format("{} KiB", n >> 10);
    return fmt::format("{} bytes", n);
}

BoundedRead read_file_bounded(const std::string& path, std::size_t limit) {
    BoundedRead result;
    const auto fail = [&](BoundedRead::Status status, std::string message) {
        result.status = status;
        result.message = std::move(message);
        result.bytes.clear();
        result.bytes.shrink_to_fit();
        return std::move(result);
    };
    // O_NONBLOCK only so that opening a FIFO without a writer does not wait; cleared below.
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == EISDIR) return fail(BoundedRead::Status::IsFolder, fmt::format("{} is a folder, not a file", path));
        return fail(BoundedRead::Status::CannotOpen, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        return fail(BoundedRead::Status::CannotOpen, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    if (S_ISDIR(st.st_mode)) return fail(BoundedRead::Status::IsFolder, fmt::format("{} is a folder, not a file", path));
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    const auto too_large = [&](std::string size) {
        return fail(BoundedRead::Status::TooLarge,
                    fmt::format("{} has {}; at most {} are read", path, std::move(size), describe_bytes(limit)));
    };
    if (S_ISREG(st.st_mode)) {
        if (static_cast<std::uintmax_t>(st.st_size) > limit) return too_large(fmt::format("{} bytes", st.st_size));
        result.bytes.reserve(static_cast<std::size_t>(st.st_size) + (std::size_t{1} << 16));
    } else {
        // A pipe or device: its size is known only at its end. Reserving the limit costs no memory
        // until it is written, and saves copying the bytes again and again as they arrive.
        result.bytes.reserve(limit + (std::size_t{1} << 16));
    }
    // Read in blocks; the size seen by stat may change, so the limit is checked on what arrives.
    constexpr std::size_t block = std::size_t{1} << 16;
    while (true) {
        const std::size_t have = result.bytes.size();
        result.bytes.resize(have + block);
        const ssize_t n = ::read(fd.get(), result.bytes.data() + have, block);
        if (n < 0 && errno == EINTR) {
            result.bytes.resize(have);
            continue;
        }
        if (n < 0) {
            return fail(BoundedRead::Status::ReadFailed, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
        }
        result.bytes.resize(have + static_cast<std::size_t>(n));
        if (n == 0) break;
        if (result.bytes.size() > limit) return too_large(fmt::format("more than {} (it may not end)", describe_bytes(limit)));
    }
    return result;
}

}  // namespace warrant
