// `warrant build POLICY... -o FILE`: compile policies as `query` does and write their rule
// graphs as an image that `warrant query --image FILE` loads without compiling.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "format/atomic_write.hpp"
#include "image/image.hpp"
#include "support/read_bounded.hpp"

namespace warrant {

std::function<int()> add_build_command(CLI::App& app, Streams io) {
    struct Options {
        std::vector<std::string> paths;
        std::string output;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("build", "Compile policies into an image that `query --image` loads at once");
    cmd->add_option("paths", o->paths, ".policy files or folders (default: the bundled policies)");
    cmd->add_option("-o,--output", o->output, "The image file to write")->required();
    return [cmd, o, io]() -> int {
        if (!cmd->parsed()) return -1;
        // Compiled as for answering: errors stop the build, the lints do not run.
        const auto policies = load_policies(o->paths.empty() ? std::vector<std::string>{bundled_policies()} : o->paths, io.err);
        if (!policies) return 2;
        const std::string bytes = image::write_image(policies->graphs());
        if (bytes.size() > image::max_image_bytes) {
            io.err << fmt::format("warrant build: the image would have {} bytes; an image may have at most {}\n", bytes.size(),
                                  describe_bytes(image::max_image_bytes));
            return 2;
        }
        if (const std::string error = format::write_file_atomically(o->output, bytes, ".warrant-build-"); !error.empty()) {
            io.err << "warrant build: " << error << "\n";
            return 2;
        }
        std::size_t models = 0;
        for (const auto& g : policies->graphs()) models += g->models.size();
        const std::size_t count = policies->graphs().size();
        io.out << fmt::format("wrote {}: {} polic{}, {} models, {} bytes\n", o->output, count, count == 1 ? "y" : "ies", models,
                              bytes.size());
        return 0;
    };
}

}  // namespace warrant
