// libFuzzer target: any bytes as a policy image. Each input is read twice: as it is (the
// header's checks), and with its header made right (magic, versions, size, checksum), so that
// mutations reach the payload's decoder and the graph checks behind the checksum, as a hostile
// file's would. Whatever is accepted is then used: claims decided, answered with their trace,
// explained, and a model looked up by name. Nothing may crash or read out of bounds.
//
// With WARRANT_FUZZ_SEED_DIR set, it writes images of the seed policies into that folder and
// exits instead (tests/fuzz/run.sh does this, so the seeds are always of the current format).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "image/image.hpp"
#include "warrant/compile.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace {

using namespace warrant;

// A claim as resolve_claim makes them: every count or choice without a default is given (the
// interpreter relies on that), here as 0 or the first value.
bool give_required(const RuleGraph& g, Claim& claim) {
    for (const Index f : g.value_facts) {
        const Fact& fact = g.facts[f];
        if (!fact.required()) continue;
        if (fact.type == FactType::Choice && fact.choices.empty()) return false;  // no claim can give it
        claim.values[fact.slot] = 0;
    }
    return true;
}

void use(const RuleGraph& g, const PolicySet& set) {
    if (g.models.empty() || g.parts.empty()) return;
    for (Index m = 0; m < g.models.size() && m < 3; ++m) {
        for (Index p = 0; p < g.parts.size(); ++p) {
            Claim claim;
            claim.model = m;
            claim.part = p;
            claim.purchased = *make_date(2024, 1, 31);
            claim.claimed = *make_date(2024, 12, 31);
            claim.last_repair = *make_date(2024, 6, 30);
            claim.facts = g.fact_defaults;
            claim.values = g.value_defaults;
            if (!give_required(g, claim)) return;
            const Decision d = decide(g, claim);
            if (encode_answer(g, "1", claim, d, true).empty() || render_explanation(g, claim, d).empty()) std::abort();
        }
    }
    (void)g.nearest_models(g.models.front().name);
    std::string line = R"({"model":")" + g.models.front().name + R"(","part":")" + g.parts.front().name +
                       R"(","purchased":"2024-01-31","claimed":"2024-12-31"})";
    bool failed = false;
    (void)answer_line(set, line, true, failed);
}

void read(std::string_view bytes) {
    auto result = image::read_image(bytes);
    auto* graphs = std::get_if<std::vector<std::shared_ptr<const RuleGraph>>>(&result);
    if (!graphs) return;
    for (const auto& g : *graphs) {
        PolicySet set;
        set.add(g);
        use(*g, set);
    }
}

void put_u64(std::string& bytes, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void write_seeds(const std::string& folder) {
    std::istringstream policies(WARRANT_FUZZ_SEED_POLICIES);
    std::vector<std::shared_ptr<const RuleGraph>> all;
    std::string path;
    for (int i = 0; std::getline(policies, path, ','); ++i) {
        auto result = compile_file(path, path, CompileMode::Answer);
        if (!result.ok()) std::abort();  // the seeds must be images of compiling policies
        all.push_back(result.graph);
        std::ofstream(folder + "/seed-" + std::to_string(i) + ".img", std::ios::binary) << image::write_image({result.graph});
    }
    std::ofstream(folder + "/seed-all.img", std::ios::binary) << image::write_image(all);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (const char* folder = std::getenv("WARRANT_FUZZ_SEED_DIR")) {
        write_seeds(folder);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    read(bytes);
    if (size < image::header_size) return 0;
    std::string fixed(bytes);
    std::memcpy(fixed.data(), image::magic.data(), image::magic.size());
    const std::uint32_t format = image::format_version;
    for (int i = 0; i < 4; ++i) fixed[8 + i] = static_cast<char>((format >> (8 * i)) & 0xFF);
    std::string version(image::version_field_size, '\0');
    std::memcpy(version.data(), image::writer_version().data(), std::min(image::writer_version().size(), version.size()));
    std::memcpy(fixed.data() + 16, version.data(), version.size());
    put_u64(fixed, 32, fixed.size() - image::header_size);
    image::reseal(fixed);
    read(fixed);
    return 0;
}
