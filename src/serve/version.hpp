// One served version: the policies compiled from the files as they were read, with the content
// hash that names the version in every answer. A version is immutable once built; requests
// hold it by shared_ptr, so a reload never changes what a request in flight sees.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warrant/query.hpp"

namespace warrant::serve {

struct PolicyText {
    std::string name;  // as given on the command line (or found in a folder)
    std::string text;  // exactly the bytes that were compiled
};

struct ServedVersion {
    std::string hash;  // 16 hex digits of the files' names and contents
    PolicySet policies;
    std::vector<PolicyText> files;        // in step with policies.graphs() only when each compiled
    std::string diagnostics_json;         // `warrant check --format json` of the files (warnings)
    std::chrono::system_clock::time_point loaded_at;
};

// A version that did not compile: what the files said, and why it is not served.
struct LoadFailure {
    std::string hash;              // of the files that failed
    std::string message;           // one line for the log
    std::string diagnostics_json;  // `warrant check --format json` of the files
    std::chrono::system_clock::time_point at;
};

struct LoadResult {
    std::shared_ptr<const ServedVersion> version;  // set iff every file compiled
    std::optional<LoadFailure> failure;
};

// The content hash of a version (FNV-1a, 64 bits, over each file's name and text).
std::string content_hash(const std::vector<PolicyText>& files);

// Reads every `.policy` file named by `paths` (files, or folders searched as `warrant check`
// does) and compiles them; two policies for one region fail the version.
LoadResult load_version(const std::vector<std::string>& paths);
// Compiles texts that are already in memory (posted policies).
LoadResult compile_texts(std::vector<PolicyText> files);

// The served version and the last failure. Replacing the version is one pointer swap under a
// mutex; readers copy the shared_ptr and answer entirely from that copy.
class VersionHolder {
public:
    std::shared_ptr<const ServedVersion> current() const {
        std::lock_guard lock(mutex_);
        return current_;
    }
    void publish(std::shared_ptr<const ServedVersion> version) {
        std::lock_guard lock(mutex_);
        current_ = std::move(version);
        failure_.reset();
    }
    void record_failure(LoadFailure failure) {
        std::lock_guard lock(mutex_);
        failure_ = std::move(failure);
    }
    std::optional<LoadFailure> last_failure() const {
        std::lock_guard lock(mutex_);
        return failure_;
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const ServedVersion> current_;
    std::optional<LoadFailure> failure_;  // the newest files failed after (or before) current_
};

}  // namespace warrant::serve
