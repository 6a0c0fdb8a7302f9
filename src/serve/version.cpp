#include "serve/version.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "warrant/compile.hpp"
#include "warrant/render.hpp"
#include "serve/paths.hpp"

namespace warrant::serve {

std::string content_hash(const std::vector<PolicyText>& files) {
    std::uint64_t h = 0xcbf29ce484222325u;
    const auto mix = [&h](std::string_view bytes) {
        for (const unsigned char c : bytes) {
            h ^= c;
            h *= 0x100000001b3u;
        }
        h ^= 0xff;  // a separator no UTF-8 text contains
        h *= 0x100000001b3u;
    };
    for (const PolicyText& f : files) {
        mix(f.name);
        mix(f.text);
    }
    return fmt::format("{:016x}", h);
}

LoadResult compile_texts(std::vector<PolicyText> files) {
    LoadResult result;
    auto version = std::make_shared<ServedVersion>();
    version->hash = content_hash(files);
    version->loaded_at = std::chrono::system_clock::now();
    std::vector<CompileResult> compiled;
    std::vector<FileDiagnostics> report;
    std::string problem;
    for (const PolicyText& f : files) {
        compiled.push_back(compile(std::make_shared<const SourceFile>(f.name, f.text)));
    }
    std::size_t errors = 0;
    for (const CompileResult& c : compiled) {
        report.push_back({c.file_name, c.source.get(), c.diagnostics});
        errors += c.error_count();
        if (!c.ok()) continue;
        if (version->policies.find_region(c.graph->info.region)) {
            if (problem.empty()) problem = fmt::format("{}: a policy for region {} is already loaded", c.file_name, c.graph->info.region);
            continue;
        }
        version->policies.add(c.graph);
    }
    const std::string diagnostics = render_json(report);
    if (files.empty()) problem = "no .policy files found";
    if (errors > 0 && problem.empty()) problem = fmt::format("{} error{} in the policies", errors, errors == 1 ? "" : "s");
    if (!problem.empty()) {
        result.failure = LoadFailure{version->hash, problem, diagnostics, version->loaded_at};
        return result;
    }
    version->diagnostics_json = diagnostics;
    version->files = std::move(files);
    result.version = std::move(version);
    return result;
}

LoadResult load_version(const std::vector<std::string>& paths) {
    std::string error;
    const auto names = policy_files(paths, error);
    if (!names) {
        LoadResult result;
        result.failure = LoadFailure{"", error, "{\"diagnostics\":[],\"errors\":0,\"warnings\":0}", std::chrono::system_clock::now()};
        return result;
    }
    std::vector<PolicyText> files;
    for (const std::string& name : *names) {
        std::ifstream in(name, std::ios::binary);
        std::ostringstream bytes;
        if (in) bytes << in.rdbuf();
        if (!in || in.bad()) {
            LoadResult result;
            result.failure = LoadFailure{"", fmt::format("cannot read {}", name), "{\"diagnostics\":[],\"errors\":0,\"warnings\":0}",
                                         std::chrono::system_clock::now()};
            return result;
        }
        files.push_back({name, std::move(bytes).str()});
    }
    return compile_texts(std::move(files));
}

}  // namespace warrant::serve
