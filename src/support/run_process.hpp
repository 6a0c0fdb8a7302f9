// Running a helper program (git) without a shell: arguments are passed as they are, so no
// revision or file name is ever interpreted by /bin/sh.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace warrant {

struct ProcessResult {
    int exit_code = -1;   // -1 when it was killed by a signal
    std::string out;
    std::string err;
};

// Runs `argv[0]` found on PATH with stdin closed; nullopt when it could not be started.
std::optional<ProcessResult> run_process(const std::vector<std::string>& argv);

}  // namespace warrant
