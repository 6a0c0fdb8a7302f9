// Replacing a file so that a reader, a crash, or another run doing the same sees either the old
// or the new contents, never anything else.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace warrant::format {

// What identifies one version of a file: if any of these differ, the file was replaced or
// written to.
struct FileStamp {
    unsigned long long device = 0, inode = 0;
    long long size = 0, mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

// The stamp of the file `path` names (following symbolic links); nullopt if it cannot be read.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

// Temporary files beside FILE are named FILE.warrant-fmt-XXXXXX.tmp (XXXXXX unique to one run):
// this is their name up to the unique part. A leftover one (from a killed run) is harmless:
// no later run uses its name, and it is neither a .policy nor an .examples file.
std::string temp_prefix_for(const std::filesystem::path& path);

// Writes `contents` to a new temporary file beside the file (beside the target of a symbolic
// link) created with O_EXCL, flushes it to disk, gives it the file's permissions (and owner,
// where allowed) and renames it over the file. When `expected` is given, the file must still
// have that stamp just before the rename, and when `expected_contents` is given, still hold
// those bytes (a stamp may miss a same-size edit within the file system's clock tick); else
// nothing is replaced: someone changed the file.
// Returns an empty string on success, otherwise why it failed; on failure the file is
// unchanged and the temporary file removed.
std::string replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                                    const std::optional<FileStamp>& expected = std::nullopt,
                                    std::optional<std::string_view> expected_contents = std::nullopt);

// Writes `contents` to `path` the same way (a complete file or none, never a partial one),
// whether or not the file exists yet: an existing file keeps its permissions, a new one gets
// those of any new file. Temporary files are named FILE + `temp_prefix` + XXXXXX.tmp.
// Returns an empty string on success, otherwise why it failed.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view contents, const std::string& temp_prefix);

}  // namespace warrant::format
