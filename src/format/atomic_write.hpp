// Replacing a file so that a reader, or a crash, sees either the old or the new contents.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace warrant::format {

// The temporary file written beside `path` before it replaces it.
std::filesystem::path temp_path_for(const std::filesystem::path& path);

// Writes `contents` to PATH.warrant-fmt.tmp beside the file (beside the target of a symbolic
// link), flushes it to disk, gives it the file's permissions (and owner, where allowed) and
// renames it over the file.
// Returns an empty string on success, otherwise why it failed; on failure the file is
// unchanged and the temporary file removed.
std::string replace_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace warrant::format
