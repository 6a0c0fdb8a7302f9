// Loading a version from files, folders or git, and compiling it.
#include "diff/versions.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/load.hpp"
#include "warrant/compile.hpp"
#include "warrant/render.hpp"

extern char** environ;

namespace warrant::diff {

namespace {

namespace fs = std::filesystem;

struct Output {
    bool ok = false;
    std::string out, err;
};

// Runs `git show SPEC` with no shell, collecting what it prints.
Output git_show(const std::string& spec) {
    Output result;
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) return result;
    if (pipe(err_pipe) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    std::string git = "git", show = "show", arg = spec;
    char* argv[] = {git.data(), show.data(), arg.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        result.err = "cannot run git";
        return result;
    }
    // Read stdout to its end, then stderr: git writes little to stderr, so it cannot block on it.
    char buffer[1 << 16];
    ssize_t n = 0;
    while ((n = read(out_pipe[0], buffer, sizeof buffer)) > 0) result.out.append(buffer, static_cast<std::size_t>(n));
    while ((n = read(err_pipe[0], buffer, sizeof buffer)) > 0) result.err.append(buffer, static_cast<std::size_t>(n));
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return result;
}

bool add_compiled(Version& version, CompileResult result, std::ostream& err) {
    if (!result.ok()) {
        FileDiagnostics fd{result.file_name, result.source.get(), result.diagnostics};
        for (const Diagnostic& d : result.diagnostics) {
            if (d.severity == Severity::Error) err << render_text(d, fd);
        }
        err << fmt::format("warrant diff: {} does not compile; run `warrant check` on it\n", result.file_name);
        return false;
    }
    for (const auto& g : version.graphs) {
        if (g->info.region == result.graph->info.region) {
            err << fmt::format("warrant diff: {}: a policy for region {} is already part of {}\n", result.file_name,
                               g->info.region, version.name);
            return false;
        }
    }
    version.graphs.push_back(result.graph);
    return true;
}

}  // namespace

std::optional<Version> load_version(const std::string& spec, std::ostream& err) {
    Version version{spec, {}};
    std::error_code ec;
    const auto colon = spec.find(':');
    if (!fs::exists(spec, ec) && colon != std::string::npos && colon > 0) {
        const Output shown = git_show(spec);
        if (!shown.ok) {
            err << fmt::format("warrant diff: `git show {}` failed: {}\n", spec, shown.err.empty() ? "no output" : shown.err);
            return std::nullopt;
        }
        if (shown.out.rfind("tree ", 0) == 0) {
            err << fmt::format("warrant diff: {} is a folder in git; name a .policy file\n", spec);
            return std::nullopt;
        }
        if (!add_compiled(version, compile(std::make_shared<const SourceFile>(spec, shown.out), CompileMode::Answer), err)) return std::nullopt;
        return version;
    }
    const auto files = expand_policy_paths({spec}, err);
    if (!files) return std::nullopt;
    if (files->empty()) {
        err << fmt::format("warrant diff: no .policy files in {}\n", spec);
        return std::nullopt;
    }
    bool ok = true;
    for (const std::string& file : *files) ok = add_compiled(version, compile_file(file, file, CompileMode::Answer), err) && ok;
    if (!ok) return std::nullopt;
    return version;
}

}  // namespace warrant::diff
