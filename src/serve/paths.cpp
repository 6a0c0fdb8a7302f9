#include "serve/paths.hpp"

#include <sstream>

#include <sys/stat.h>

#include <fmt/format.h>

#include "cli/load.hpp"

namespace warrant::serve {

std::optional<std::vector<std::string>> policy_files(const std::vector<std::string>& paths, std::string& error) {
    std::ostringstream err;
    auto files = expand_policy_paths(paths, err);
    if (!files) {
        error = err.str();
        while (!error.empty() && error.back() == '\n') error.pop_back();
    }
    return files;
}

std::string files_signature(const std::vector<std::string>& paths) {
    std::string error;
    const auto files = policy_files(paths, error);
    if (!files) return "error:" + error;
    std::string signature;
    for (const std::string& file : *files) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) {
            signature += fmt::format("{}:missing\n", file);
            continue;
        }
        signature += fmt::format("{}:{}:{}.{}:{}:{}.{}\n", file, static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                                 st.st_mtim.tv_nsec, static_cast<unsigned long long>(st.st_ino), static_cast<long long>(st.st_ctim.tv_sec),
                                 st.st_ctim.tv_nsec);
    }
    return signature;
}

}  // namespace warrant::serve
