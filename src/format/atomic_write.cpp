// POSIX write-fsync-rename. rename(2) within one directory is atomic, so the file's name
// always refers to a complete file; syncing the directory makes the rename itself durable.
#include "format/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace warrant::format {

namespace fs = std::filesystem;

namespace {

std::string os_error(std::string_view what, const fs::path& path) {
    return fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno));
}

bool write_all(int fd, std::string_view contents) {
    while (!contents.empty()) {
        const ssize_t n = ::write(fd, contents.data(), contents.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        contents.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Best effort: some file systems cannot sync a directory, and the data is safe regardless.
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

fs::path temp_path_for(const fs::path& path) {
    fs::path temp = path;
    temp += ".warrant-fmt.tmp";
    return temp;
}

std::string replace_file_atomically(const fs::path& path, std::string_view contents) {
    // Replace the file a symbolic link points to, not the link.
    std::error_code ec;
    const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
    if (ec) return fmt::format("cannot resolve {}: {}", path.string(), ec.message());
    struct stat original {};
    if (::stat(target.c_str(), &original) != 0) return os_error("read the permissions of", target);

    const fs::path temp = temp_path_for(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return os_error("create", temp);
    std::string error;
    if (!write_all(fd, contents)) {
        error = os_error("write", temp);
    } else if (::fchown(fd, original.st_uid, original.st_gid) != 0 && errno != EPERM) {
        error = os_error("set the owner of", temp);  // EPERM: we may not give files away; keep ours
    } else if (::fchmod(fd, original.st_mode & 07777) != 0) {
        error = os_error("set the permissions of", temp);
    } else if (::fsync(fd) != 0) {
        error = os_error("flush", temp);
    }
    if (::close(fd) != 0 && error.empty()) error = os_error("close", temp);
    if (error.empty() && ::rename(temp.c_str(), target.c_str()) != 0) error = os_error("replace", target);
    if (!error.empty()) {
        ::unlink(temp.c_str());
        return error;
    }
    sync_directory(target.parent_path());
    return {};
}

}  // namespace warrant::format
