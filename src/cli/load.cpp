#include "cli/load.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "image/image.hpp"
#include "image/image_file.hpp"
#include "warrant/render.hpp"

namespace warrant {

namespace fs = std::filesystem;

std::string no_files_message(const std::string& folder, const std::vector<std::string_view>& extensions) {
    std::string kinds;
    for (std::size_t i = 0; i < extensions.size(); ++i) {
        if (i > 0) kinds += i + 1 == extensions.size() ? " or " : ", ";
        kinds += extensions[i];
    }
    return fmt::format("warrant: no {} files in {}", kinds, folder);
}

std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths,
                                                     const std::vector<std::string_view>& extensions, std::ostream& err) {
    const auto wanted = [&](const fs::path& p) {
        return std::find(extensions.begin(), extensions.end(), p.extension().string()) != extensions.end();
    };
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && wanted(it->path())) found.push_back(it->path().generic_string());
            }
            if (ec) {
                err << "warrant: cannot read folder " << path << ": " << ec.message() << "\n";
                return std::nullopt;
            }
            if (found.empty()) {
                err << no_files_message(path, extensions) << "\n";
                return std::nullopt;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            err << "warrant: no such file or folder: " << path << "\n";
            return std::nullopt;
        }
    }
    return files;
}

std::optional<std::vector<std::string>> expand_policy_paths(const std::vector<std::string>& paths, std::ostream& err) {
    return expand_paths(paths, {".policy"}, err);
}

std::string bundled_policies() {
    if (const char* env = std::getenv("WARRANT_POLICIES"); env && *env) return env;
#ifdef WARRANT_BUNDLED_POLICIES
    return WARRANT_BUNDLED_POLICIES;
#else
    return "policies";
#endif
}

std::optional<PolicySet> load_policies(const std::vector<std::string>& paths, std::ostream& err) {
    const auto files = expand_policy_paths(paths, err);
    if (!files) return std::nullopt;
    if (files->empty()) {
        err << "warrant: no .policy files found\n";
        return std::nullopt;
    }
    PolicySet set;
    bool ok = true;
    for (const std::string& file : *files) {
        CompileResult result = compile_file(file, file, CompileMode::Answer);  // answering needs no lints
        if (!result.ok()) {
            ok = false;
            FileDiagnostics fd{result.file_name, result.source.get(), result.diagnostics};
            for (const Diagnostic& d : result.diagnostics) {
                if (d.severity == Severity::Error) err << render_text(d, fd);
            }
            continue;
        }
        if (set.find_region(result.graph->info.region)) {
            err << "warrant: " << file << ": a policy for region " << result.graph->info.region << " is already loaded\n";
            ok = false;
            continue;
        }
        set.add(result.graph);
    }
    if (!ok) {
        err << "warrant: the policies do not compile; run `warrant check` on them\n";
        return std::nullopt;
    }
    return set;
}

std::optional<PolicySet> load_image(const std::string& path, std::ostream& err) {
    const image::ImageFile file(path, image::max_image_bytes);
    if (!file.ok()) {
        err << "warrant: " << file.error() << "\n";
        return std::nullopt;
    }
    auto graphs = image::read_image(file.bytes());
    if (const auto* refused = std::get_if<image::ImageError>(&graphs)) {
        if (!refused->is_image) {
            err << "warrant: " << path << ": not a policy image; `warrant build POLICY... -o FILE` writes one\n";
        } else {
            err << "warrant: " << path << ": the image " << refused->message << "; rebuild it with `warrant build`\n";
        }
        return std::nullopt;
    }
    PolicySet set;
    for (auto& graph : std::get<0>(graphs)) {
        if (set.find_region(graph->info.region)) {
            err << "warrant: " << path << ": the image holds two policies for region " << graph->info.region
                << "; rebuild it with `warrant build`\n";
            return std::nullopt;
        }
        set.add(std::move(graph));
    }
    return set;
}

}  // namespace warrant
