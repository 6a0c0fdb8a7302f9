#include "image/image_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "support/read_bounded.hpp"

namespace warrant::image {

ImageFile::ImageFile(const std::string& path, std::size_t limit) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        // Not a regular file (or not one we can open): the bounded reader says why, or reads it.
        if (fd >= 0) ::close(fd);
        BoundedRead read = read_file_bounded(path, limit);
        if (!read.ok()) error_ = std::move(read.message);
        copy_ = std::move(read.bytes);
        return;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > limit) {
        ::close(fd);
        error_ = fmt::format("{} has {} bytes; at most {} are read", path, size, describe_bytes(limit));
        return;
    }
    if (size > 0) {
        capacity_ = size;
        void* memory = ::mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) {
            ::close(fd);
            capacity_ = 0;
            error_ = fmt::format("cannot read {}: {}", path, std::strerror(errno));
            return;
        }
        mapped_ = static_cast<char*>(memory);
        ::madvise(mapped_, capacity_, MADV_HUGEPAGE);  // advice only: fewer page faults where honoured
    }
    // Up to the size seen; a file that shrinks meanwhile reads short (and is refused as
    // truncated), one that grows is read as it was.
    while (size_ < capacity_) {
        const ssize_t n = ::read(fd, mapped_ + size_, capacity_ - size_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_ = fmt::format("cannot read {}: {}", path, std::strerror(errno));
            break;
        }
        if (n == 0) break;
        size_ += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

ImageFile::~ImageFile() {
    if (mapped_) ::munmap(mapped_, capacity_);
}

}  // namespace warrant::image
