// POSIX write-fsync-rename. rename(2) within one directory is atomic, so the file's name
// always refers to a complete file; syncing the directory makes the rename itself durable.
// Each run writes its own temporary file (mkostemps: O_CREAT | O_EXCL, a unique name), so two
// runs on the same file never write into each other's temporary file.
#include "format/atomic_write.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "support/read_bounded.hpp"

namespace warrant::format {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view temp_suffix = ".tmp";

std::string os_error(std::string_view what, const std::string& path) {
    return fmt::format("cannot {} {}: {}", what, path, std::strerror(errno));
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

long long nanoseconds(const struct timespec& t) { return static_cast<long long>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec; }

FileStamp stamp(const struct stat& st) {
    return {static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
            static_cast<long long>(st.st_size), nanoseconds(st.st_mtim), nanoseconds(st.st_ctim)};
}

}  // namespace

std::optional<FileStamp> stamp_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return stamp(st);
}

std::string temp_prefix_for(const fs::path& path) { return path.filename().string() + ".warrant-fmt-"; }

namespace {

// Writes `contents` to a new temporary file beside `target`, named after `prefix`, gives it
// `mode` (and the owner in `owner`, where allowed), syncs it, and renames it over `target`
// unless `changed()` says the target changed meanwhile (then `changed_message` is the error).
template <typename Changed>
std::string write_and_rename(const fs::path& target, const std::string& prefix, std::string_view contents, mode_t mode,
                             const struct stat* owner, const Changed& changed, const std::string& changed_message) {
    std::string temp = (target.parent_path() / prefix).string();
    const std::string shown = temp + "XXXXXX" + std::string(temp_suffix);  // for messages before it exists
    temp += "XXXXXX";
    temp += temp_suffix;
    const int fd = ::mkostemps(temp.data(), static_cast<int>(temp_suffix.size()), O_CLOEXEC);
    if (fd < 0) return os_error("create", shown);
    std::string error;
    if (!write_all(fd, contents)) {
        error = os_error("write", temp);
    } else if (owner && ::fchown(fd, owner->st_uid, owner->st_gid) != 0 && errno != EPERM) {
        error = os_error("set the owner of", temp);  // EPERM: we may not give files away; keep ours
    } else if (::fchmod(fd, mode) != 0) {
        error = os_error("set the permissions of", temp);
    } else if (::fsync(fd) != 0) {
        error = os_error("flush", temp);
    }
    if (::close(fd) != 0 && error.empty()) error = os_error("close", temp);
    if (error.empty() && changed()) error = changed_message;
    if (error.empty() && ::rename(temp.c_str(), target.c_str()) != 0) error = os_error("replace", target.string());
    if (!error.empty()) {
        ::unlink(temp.c_str());
        return error;
    }
    sync_directory(target.parent_path());
    return {};
}

}  // namespace

std::string replace_file_atomically(const fs::path& path, std::string_view contents,
                                    const std::optional<FileStamp>& expected,
                                    std::optional<std::string_view> expected_contents) {
    // Replace the file a symbolic link points to, not the link.
    std::error_code ec;
    const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
    if (ec) return fmt::format("cannot resolve {}: {}", path.string(), ec.message());
    struct stat original {};
    if (::stat(target.c_str(), &original) != 0) return os_error("read the permissions of", target.string());
    const auto changed = [&] {
        if (expected && stamp_of(target) != expected) return true;
        if (!expected_contents) return false;
        const BoundedRead now = read_file_bounded(target.string(), expected_contents->size());
        return !now.ok() || now.bytes != *expected_contents;
    };
    return write_and_rename(target, temp_prefix_for(target), contents, original.st_mode & 07777, &original, changed,
                            fmt::format("{} changed since it was read; run again to format the new version", path.string()));
}

std::string write_file_atomically(const fs::path& path, std::string_view contents, const std::string& temp_prefix) {
    std::error_code ec;
    if (fs::exists(path, ec)) {
        const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
        if (ec) return fmt::format("cannot resolve {}: {}", path.string(), ec.message());
        struct stat original {};
        if (::stat(target.c_str(), &original) != 0) return os_error("read the permissions of", target.string());
        if (S_ISDIR(original.st_mode)) return fmt::format("{} is a folder", path.string());
        return write_and_rename(target, target.filename().string() + temp_prefix, contents, original.st_mode & 07777, &original,
                                [] { return false; }, {});
    }
    // A new file gets the permissions any new file would: 0666 less the process's umask.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return write_and_rename(path, path.filename().string() + temp_prefix, contents, 0666 & ~mask, nullptr,
                            [] { return false; }, {});
}

}  // namespace warrant::format
