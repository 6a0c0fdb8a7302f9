// Policy images: a graph read back from its image is the graph that was written (table by
// table, answer by answer, explanation by explanation, and to the diff), and any other bytes
// (truncated, flipped, of another version, not an image at all) are refused, never trusted.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include <fmt/format.h>

#include "graph/length_limits.hpp"
#include "image/image.hpp"
#include "random_claims.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace {

using namespace warrant;
namespace fs = std::filesystem;
using Graphs = std::vector<std::shared_ptr<const RuleGraph>>;

const fs::path repo = WARRANT_SOURCE_DIR;
const fs::path hk_policy = repo / "policies" / "xiaomi-hk.policy";
const fs::path typed_policy = repo / "tests" / "golden" / "check" / "ok_fact_types.policy";

std::shared_ptr<const RuleGraph> compiled(const fs::path& path) {
    CompileResult result = compile_file(path, path.filename().string(), CompileMode::Answer);
    INFO(path.string());
    REQUIRE(result.ok());
    return result.graph;
}

const std::string& hk_image() {
    static const std::string bytes = image::write_image({compiled(hk_policy)});
    return bytes;
}

Graphs read_ok(std::string_view bytes) {
    auto read = image::read_image(bytes);
    if (const auto* e = std::get_if<image::ImageError>(&read)) FAIL("refused: " << e->message);
    return std::get<Graphs>(std::move(read));
}

std::string refusal(std::string_view bytes) {
    auto read = image::read_image(bytes);
    const auto* e = std::get_if<image::ImageError>(&read);
    return e ? e->message : std::string();
}

// Every policy file of the repository that compiles for answering.
std::vector<fs::path> compiling_policies() {
    std::vector<fs::path> out;
    for (const char* folder : {"policies", "examples", "tests"}) {
        for (const auto& entry : fs::recursive_directory_iterator(repo / folder)) {
            if (entry.path().extension() != ".policy") continue;
            if (compile_file(entry.path(), entry.path().string(), CompileMode::Answer).ok()) out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---- one graph equals another, table by table --------------------------------------------

bool same_terms(const std::vector<Term>& a, const std::vector<Term>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Term& x, const Term& y) {
        return x.name == y.name && x.label == y.label && x.clause == y.clause && x.span == y.span;
    });
}

bool same_node(const CondNode& x, const CondNode& y) {
    return x.kind == y.kind && x.c == y.c && x.a == y.a && x.b == y.b && x.anchor_fact == y.anchor_fact &&
           x.subject_fact == y.subject_fact && x.left == y.left && x.right == y.right && x.span == y.span;
}

void require_same_graph(const RuleGraph& a, const RuleGraph& b) {
    REQUIRE(a.source);
    REQUIRE(b.source);
    CHECK(a.source->name() == b.source->name());
    CHECK(b.source->text().empty());  // an image does not hold the policy's text
    CHECK(a.info.title == b.info.title);
    CHECK(a.info.region == b.info.region);
    CHECK(a.info.region_label == b.info.region_label);
    CHECK(a.info.source == b.info.source);
    CHECK(a.info.source_file == b.info.source_file);
    CHECK(a.info.source_file_span == b.info.source_file_span);
    CHECK(a.info.effective == b.info.effective);
    CHECK(a.calendar.months == b.calendar.months);
    CHECK(a.calendar.months_declared == b.calendar.months_declared);
    CHECK(a.calendar.last_day_covered == b.calendar.last_day_covered);
    CHECK(std::equal(a.clauses.begin(), a.clauses.end(), b.clauses.begin(), b.clauses.end(), [](const Clause& x, const Clause& y) {
        return x.id == y.id && x.text == y.text && x.span == y.span;
    }));
    CHECK(same_terms(a.parts, b.parts));
    CHECK(same_terms(a.services, b.services));
    CHECK(same_terms(a.outcomes, b.outcomes));
    CHECK(std::equal(a.facts.begin(), a.facts.end(), b.facts.begin(), b.facts.end(), [](const Fact& x, const Fact& y) {
        return x.name == y.name && x.meaning == y.meaning && x.role == y.role && x.default_value == y.default_value &&
               x.type == y.type && x.choices == y.choices && x.default_number == y.default_number && x.slot == y.slot &&
               x.clause == y.clause && x.span == y.span;
    }));
    CHECK(std::equal(a.series.begin(), a.series.end(), b.series.begin(), b.series.end(), [](const Series& x, const Series& y) {
        return x.name == y.name && x.label == y.label && x.models == y.models && x.span == y.span;
    }));
    CHECK(std::equal(a.models.begin(), a.models.end(), b.models.begin(), b.models.end(), [](const Model& x, const Model& y) {
        return x.name == y.name && x.aliases == y.aliases && x.series == y.series && x.end_of_service == y.end_of_service &&
               x.end_of_service_notice == y.end_of_service_notice && x.span == y.span;
    }));
    CHECK(std::equal(a.lists.begin(), a.lists.end(), b.lists.begin(), b.lists.end(), [](const ModelList& x, const ModelList& y) {
        return x.name == y.name && x.label == y.label && x.clause == y.clause && x.models == y.models && x.span == y.span;
    }));
    CHECK(std::equal(a.notices.begin(), a.notices.end(), b.notices.begin(), b.notices.end(),
                     [](const EndOfServiceNotice& x, const EndOfServiceNotice& y) {
                         return x.date == y.date && x.clause == y.clause && x.models == y.models && x.span == y.span;
                     }));
    CHECK(std::equal(a.periods.begin(), a.periods.end(), b.periods.begin(), b.periods.end(), [](const Period& x, const Period& y) {
        return x.part == y.part && x.length == y.length && x.start_fact == y.start_fact && x.start_clause == y.start_clause &&
               x.extension_fact == y.extension_fact && x.extension_clause == y.extension_clause &&
               x.floor_anchor == y.floor_anchor && x.floor_fact == y.floor_fact && x.floor_length == y.floor_length &&
               x.scope == y.scope && x.condition == y.condition && x.services == y.services && x.clause == y.clause && x.span == y.span;
    }));
    CHECK(std::equal(a.rules.begin(), a.rules.end(), b.rules.begin(), b.rules.end(), [](const Rule& x, const Rule& y) {
        return x.name == y.name && x.clause == y.clause && x.condition == y.condition && x.outcome == y.outcome && x.span == y.span;
    }));
    CHECK(std::equal(a.conditions.begin(), a.conditions.end(), b.conditions.begin(), b.conditions.end(), same_node));
    CHECK(a.condition_children == b.condition_children);
    CHECK(a.choice_begin == b.choice_begin);
    CHECK(a.period_choices == b.period_choices);
    CHECK(a.fixed_period == b.fixed_period);
    // The tables the reader rebuilds rather than reads.
    CHECK(a.fact_defaults == b.fact_defaults);
    CHECK(a.value_defaults == b.value_defaults);
    CHECK(a.value_facts == b.value_facts);
    CHECK(a.warranty_start_fact == b.warranty_start_fact);
    CHECK(a.warranty_extension_fact == b.warranty_extension_fact);
    CHECK(a.warranty_extension_clause == b.warranty_extension_clause);
    CHECK(a.warranty_start_clause == b.warranty_start_clause);
    CHECK(a.exclusion_mask == b.exclusion_mask);
    CHECK(a.requirement_mask == b.requirement_mask);
    CHECK(a.list_membership == b.list_membership);
    CHECK(a.model_keys == b.model_keys);
    CHECK(a.spelling_keys == b.spelling_keys);
    CHECK(b.spelling_index != nullptr);
}

// Random claims decided, answered (with the trace) and explained alike by both graphs.
void require_same_answers(const RuleGraph& a, const RuleGraph& b, int claims, unsigned seed) {
    if (a.models.empty() || a.parts.empty()) return;
    std::mt19937 rng(seed);
    int differing = 0;
    for (int i = 0; i < claims; ++i) {
        const Claim claim = test::random_claim(a, rng);
        const Decision da = decide(a, claim);
        const Decision db = decide(b, claim);
        const std::string answer_a = encode_answer(a, std::to_string(i), claim, da, /*with_trace=*/i % 4 == 0);
        const std::string answer_b = encode_answer(b, std::to_string(i), claim, db, /*with_trace=*/i % 4 == 0);
        const bool same = da.rule == db.rule && da.outcome == db.outcome && da.period == db.period &&
                          da.warranty_until == db.warranty_until && answer_a == answer_b &&
                          (i % 10 != 0 || render_explanation(a, claim, da) == render_explanation(b, claim, db));
        if (!same && ++differing <= 3) CHECK(answer_a == answer_b);
    }
    CHECK(differing == 0);
}

// The diff finds nothing between a graph and its image: no change, no claim range, and every
// claim compared (a policy beyond what the diff compares exactly is so only where versions differ).
void require_no_diff(const RuleGraph& g, const RuleGraph& loaded) {
    const PolicyDiff d = diff_graphs(g, loaded);
    CHECK(d.changes.empty());
    CHECK(d.ranges.empty());
    CHECK(d.findings.empty());
    CHECK(d.complete());
}

// ---- round trips --------------------------------------------------------------------------

TEST_CASE("image: the HK policy reads back as the graph that was written") {
    const auto g = compiled(hk_policy);
    const Graphs loaded = read_ok(hk_image());
    REQUIRE(loaded.size() == 1);
    require_same_graph(*g, *loaded[0]);
    require_same_answers(*g, *loaded[0], 4000, 13);
    const PolicyDiff d = diff_graphs(*g, *loaded[0]);  // within the diff's limits
    CHECK(d.changes.empty());
    CHECK(d.ranges.empty());
    CHECK(d.findings.empty());
}

TEST_CASE("image: a typed policy (counts, dates, choices) reads back with the same answers") {
    const auto g = compiled(typed_policy);
    REQUIRE(!g->value_facts.empty());
    const Graphs loaded = read_ok(image::write_image({g}));
    REQUIRE(loaded.size() == 1);
    require_same_graph(*g, *loaded[0]);
    require_same_answers(*g, *loaded[0], 3000, 7);
    require_no_diff(*g, *loaded[0]);
}

TEST_CASE("image: counts and choices read back unchanged to the diff") {
    const auto g = compiled(repo / "tests" / "golden" / "diff" / "counts_and_choices" / "new.policy");
    const Graphs loaded = read_ok(image::write_image({g}));
    REQUIRE(loaded.size() == 1);
    require_same_graph(*g, *loaded[0]);
    require_same_answers(*g, *loaded[0], 3000, 11);
    const PolicyDiff d = diff_graphs(*g, *loaded[0]);  // within the diff's limits
    CHECK(d.changes.empty());
    CHECK(d.ranges.empty());
}

TEST_CASE("image: every policy of the repository that compiles reads back unchanged") {
    const auto files = compiling_policies();
    REQUIRE(files.size() >= 20);
    unsigned seed = 1;
    for (const fs::path& file : files) {
        INFO(file.string());
        const auto g = compiled(file);
        const Graphs loaded = read_ok(image::write_image({g}));
        REQUIRE(loaded.size() == 1);
        require_same_graph(*g, *loaded[0]);
        require_same_answers(*g, *loaded[0], 300, ++seed);
        require_no_diff(*g, *loaded[0]);
    }
}

TEST_CASE("image: several policies in one image keep their order and regions") {
    const auto hk = compiled(hk_policy);
    const auto cn = compiled(repo / "examples" / "cn-sanbao" / "phones.policy");
    const Graphs loaded = read_ok(image::write_image({hk, cn}));
    REQUIRE(loaded.size() == 2);
    require_same_graph(*hk, *loaded[0]);
    require_same_graph(*cn, *loaded[1]);
}

TEST_CASE("image: query lines, errors included, are answered alike from an image and from source") {
    PolicySet from_source, from_image;
    from_source.add(compiled(hk_policy));
    for (auto& g : read_ok(hk_image())) from_image.add(std::move(g));
    const std::vector<std::string> lines = {
        R"({"id":1,"model":"Redmi Note 13","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})",
        R"({"id":2,"model":"redmi-note 13","part":"battery","purchased":"2022-01-10","claimed":"2024-06-01","facts":{"water_damage":true}})",
        R"({"id":3,"model":"Redmi Nite 13","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})",
        R"({"id":4,"model":"Redmi Note 13","part":"screen","purchased":"2024-01-10","claimed":"2024-06-01"})",
        R"({"id":5,"model":"Redmi Note 13","part":"device","purchased":"2024-01-10","claimed":"2024-06-01","facts":{"wet":true}})",
        R"({"id":6,"model":"Redmi Note 13","part":"device","purchased":"2024-02-30","claimed":"2024-06-01"})",
        R"({"id":7,"model":"Redmi Note 13","part":"device","purchased":"2024-01-10","claimed":"2023-06-01"})",
        R"({"id":8,"region":"XX","model":"Redmi Note 13","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})",
        R"({"id":9,"model":"Xiaomi 15T","part":"device","purchased":"2025-10-10","claimed":"2026-02-01","purchase_region":"CN"})",
        R"(not json)",
    };
    for (const std::string& line : lines) {
        INFO(line);
        for (const bool trace : {false, true}) {
            bool failed_source = false, failed_image = false;
            CHECK(answer_line(from_source, line, trace, failed_source) == answer_line(from_image, line, trace, failed_image));
            CHECK(failed_source == failed_image);
        }
    }
}

// ---- refusals -------------------------------------------------------------------------------

TEST_CASE("image: every truncation of the HK image is refused") {
    const std::string& bytes = hk_image();
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        const std::string why = refusal(std::string_view(bytes).substr(0, size));
        if (why.empty() || (size > 0 && why.find("truncated") == std::string::npos)) {
            FAIL("a prefix of " << size << " bytes: " << (why.empty() ? "accepted" : why));
        }
    }
    CHECK(refusal(bytes + "x") == "is longer than its header says, by 1 byte");
}

TEST_CASE("image: a flipped bit anywhere is refused") {
    const std::string& original = hk_image();
    std::mt19937 rng(99);
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = original;
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng);
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << (i % 8)));
        if (refusal(bytes).empty()) FAIL("a flipped bit at byte " << at << " was accepted");
    }
}

// Behind the checksum: bytes changed and resealed, as a hostile file would be. Whatever is
// accepted must be safe to answer with (the sanitizer build checks that nothing reads out
// of bounds); most changes are refused by the structural checks.
TEST_CASE("image: edits behind the checksum are refused or harmless") {
    const std::string& original = hk_image();
    std::mt19937 rng(2024);
    const auto any = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    int refused = 0, accepted = 0;
    for (int i = 0; i < 2500; ++i) {
        std::string bytes = original;
        const std::size_t at = image::header_size + any(bytes.size() - image::header_size - 4);
        switch (i % 4) {
            case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << any(8))); break;
            case 1: std::memset(bytes.data() + at, 0xFF, 4); break;  // `none`, or a huge count
            case 2: bytes[at] = static_cast<char>(bytes[at] + 1); break;
            case 3: {  // bytes left out, and the header's size made to agree
                bytes.erase(at, 1 + any(3));
                const std::uint64_t payload = bytes.size() - image::header_size;
                for (int k = 0; k < 8; ++k) bytes[32 + k] = static_cast<char>((payload >> (8 * k)) & 0xFF);
                break;
            }
        }
        image::reseal(bytes);
        auto read = image::read_image(bytes);
        if (std::holds_alternative<image::ImageError>(read)) {
            CHECK(std::get<image::ImageError>(read).message.find("corrupt") != std::string::npos);
            ++refused;
            continue;
        }
        ++accepted;
        for (const auto& g : std::get<Graphs>(read)) {
            std::mt19937 claims(static_cast<unsigned>(i));
            for (int k = 0; k < 20 && !g->models.empty() && !g->parts.empty(); ++k) {
                const Claim claim = test::random_claim(*g, claims);
                const Decision d = decide(*g, claim);
                CHECK(!encode_answer(*g, "1", claim, d, true).empty());
                CHECK(!render_explanation(*g, claim, d).empty());
            }
            const auto nearest = g->nearest_models(g->models.front().name);
            CHECK((!nearest.empty() && nearest.front() == g->models.front().name));
        }
    }
    CHECK(refused > 1000);
    CHECK(accepted > 0);  // names and texts changed within their own bytes are still images
}

TEST_CASE("image: another magic, format or Warrant version is refused with its reason") {
    std::string bytes = hk_image();
    SECTION("not an image at all") {
        CHECK(refusal(test::slurp(hk_policy)) == "is not a Warrant policy image");
        CHECK(refusal("") == "is not a Warrant policy image");
        bytes[1] = 'w';
        CHECK(refusal(bytes) == "is not a Warrant policy image");
    }
    SECTION("another format") {
        bytes[8] = static_cast<char>(image::format_version + 1);
        image::reseal(bytes);
        CHECK(refusal(bytes) == fmt::format("has image format {}, but this Warrant reads format {}", image::format_version + 1,
                                            image::format_version));
        bytes[8] = 1;  // the format before periods could be extended by a count
        image::reseal(bytes);
        CHECK(refusal(bytes) == fmt::format("has image format 1, but this Warrant reads format {}", image::format_version));
    }
    SECTION("written by another version of Warrant (a stale image)") {
        const std::string other = "0.0.9";
        std::fill_n(bytes.begin() + 16, image::version_field_size, '\0');
        std::copy(other.begin(), other.end(), bytes.begin() + 16);
        image::reseal(bytes);
        CHECK(refusal(bytes) == fmt::format("was built by Warrant 0.0.9, and this is Warrant {}", image::writer_version()));
    }
    SECTION("a corrupt checksum") {
        bytes[image::checksum_offset] = static_cast<char>(bytes[image::checksum_offset] ^ 1);
        CHECK(refusal(bytes) == "is corrupt: its checksum does not match its contents");
    }
}

TEST_CASE("image: a structural problem is named") {
    // The first graph's `present` flag, then its source name's length: make the flag 2.
    std::string bytes = hk_image();
    bytes[image::header_size] = 2;
    image::reseal(bytes);
    CHECK(refusal(bytes) == "is corrupt: a flag holds 2 (at byte 1 of its payload)");
}

// Graphs the compiler never makes, written as images: each is refused by the check that
// guards what deciding would otherwise read out of bounds or loop on.
TEST_CASE("image: graphs that do not hold together are refused by name") {
    const auto hk = compiled(hk_policy);
    const auto refused_as = [&](const std::function<void(RuleGraph&)>& change) {
        auto g = std::make_shared<RuleGraph>(*hk);
        change(*g);
        return refusal(image::write_image({g}));
    };
    REQUIRE(hk->rules.size() > 2);
    const Index outcomes = static_cast<Index>(hk->outcomes.size());
    CHECK(refused_as([&](RuleGraph& g) { g.rules[1].outcome = outcomes; }) ==
          fmt::format("is corrupt: in policy 1, rule 1 names outcome {} of {}", outcomes, outcomes));
    // A condition that is its own operand (a cycle), and one operand shared by two rules.
    const Index not_node = [&] {
        for (Index i = 0; i < hk->conditions.size(); ++i) {
            if (hk->conditions[i].kind == CondKind::Not) return i;
        }
        return none;
    }();
    REQUIRE(not_node != none);
    CHECK(refused_as([&](RuleGraph& g) { g.conditions[not_node].a = not_node; }).find("which does not come before it") !=
          std::string::npos);
    CHECK(refused_as([&](RuleGraph& g) { g.rules[0].condition = g.rules[1].condition; }).find("is the operand of two") !=
          std::string::npos);
    // The table of periods by model and part: a slice past the end.
    CHECK(refused_as([&](RuleGraph& g) { g.choice_begin[1] = static_cast<std::uint32_t>(g.period_choices.size() + 1); })
              .find("out of order") != std::string::npos);
    CHECK(refused_as([&](RuleGraph& g) { g.choice_begin.pop_back(); }).find("wrong shape") != std::string::npos);
    // A model whose end of service names no notice, and a period of ten thousand years.
    CHECK(refused_as([&](RuleGraph& g) { g.models[0].end_of_service_notice = static_cast<Index>(g.notices.size()); })
              .find("model 0") != std::string::npos);
    CHECK(refused_as([&](RuleGraph& g) { g.periods[0].length = {10 * max_length_days, LengthUnit::Days}; })
              .find("impossible length") != std::string::npos);
    // A period extended by a fact that is no count, a least end without its date, and a
    // policy-wide extension by a date.
    const Index bool_fact = [&] {
        for (Index f = 0; f < hk->facts.size(); ++f) {
            if (hk->facts[f].type == FactType::Bool) return f;
        }
        return none;
    }();
    REQUIRE(bool_fact != none);
    CHECK(refused_as([&](RuleGraph& g) { g.periods[0].extension_fact = bool_fact; }).find("reads fact") != std::string::npos);
    CHECK(refused_as([&](RuleGraph& g) { g.periods[0].floor_anchor = Period::FloorAnchor::Fact; })
              .find("least end without its date") != std::string::npos);
    CHECK(refused_as([&](RuleGraph& g) { g.warranty_extension_fact = bool_fact; }).find("which is not a count") != std::string::npos);
    // Two models spelt alike once normalised.
    CHECK(refused_as([&](RuleGraph& g) { g.models[1].name = g.models[0].name + " "; }) ==
          fmt::format("is corrupt: in policy 1, two models are both spelt `{} `", hk->models[0].name));
}

// ---- the command line ------------------------------------------------------------------------

struct TempDir {
    fs::path path;
    TempDir() {
        static int count = 0;
        path = fs::temp_directory_path() / ("warrant-image-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

TEST_CASE("cli: build writes an image that query --image answers from exactly as from source") {
    const TempDir dir;
    const std::string image = (dir.path / "hk.img").string();
    const auto built = test::cli({"build", hk_policy.string(), "-o", image});
    INFO(built.err);
    REQUIRE(built.code == 0);
    CHECK(built.out.find("wrote " + image + ": 1 policy") == 0);
    CHECK(fs::file_size(image) > image::header_size);
    for (const std::vector<std::string>& claim : std::vector<std::vector<std::string>>{
             {"--model", "Redmi Note 13", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2024-06-01"},
             {"--model", "Redmi Note 13", "--part", "battery", "--purchased", "2022-01-10", "--claimed", "2024-06-01", "--explain"},
             {"--model", "Redmi Nite 13", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2024-06-01"},
             {"--query", R"({"model":"Xiaomi 15T","part":"device","purchased":"2025-10-10","claimed":"2026-02-01"})", "--explain",
              "--format", "json"}}) {
        std::vector<std::string> from_source{"query", hk_policy.string()}, from_image{"query", "--image", image};
        from_source.insert(from_source.end(), claim.begin(), claim.end());
        from_image.insert(from_image.end(), claim.begin(), claim.end());
        const auto a = test::cli(from_source);
        const auto b = test::cli(from_image);
        CHECK(a.code == b.code);
        CHECK(a.out == b.out);
        CHECK(a.err == b.err);
    }
    // A batch, with a line that fails.
    const fs::path batch = dir.path / "claims.jsonl";
    {
        std::ofstream out(batch);
        out << R"({"id":1,"model":"Redmi Note 13","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})" << "\n"
            << R"({"id":2,"model":"nope","part":"device","purchased":"2024-01-10","claimed":"2024-06-01"})" << "\n";
    }
    const auto a = test::cli({"query", hk_policy.string(), "--batch", batch.string(), "--explain"});
    const auto b = test::cli({"query", "--image", image, "--batch", batch.string(), "--explain"});
    CHECK(a.code == 1);
    CHECK(b.code == 1);
    CHECK(a.out == b.out);
}

TEST_CASE("cli: build stops at errors and writes nothing") {
    const TempDir dir;
    const fs::path bad = dir.path / "bad.policy";
    std::ofstream(bad) << "policy \"x\" region XX\nrule r then nothing\n";
    const std::string image = (dir.path / "bad.img").string();
    const auto run = test::cli({"build", bad.string(), "-o", image});
    CHECK(run.code == 2);
    CHECK(run.err.find("error[") != std::string::npos);
    CHECK(run.err.find("the policies do not compile") != std::string::npos);
    CHECK_FALSE(fs::exists(image));
}

TEST_CASE("cli: build replaces an image whole") {
    const TempDir dir;
    const std::string image = (dir.path / "p.img").string();
    std::ofstream(image) << "old contents";
    REQUIRE(test::cli({"build", hk_policy.string(), "-o", image}).code == 0);
    // The policy as the command names it: by the path it was given.
    CHECK(test::slurp(image) == image::write_image({compile_file(hk_policy, hk_policy.string(), CompileMode::Answer).graph}));
    std::size_t others = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) others += entry.path().filename() != "p.img";
    CHECK(others == 0);  // no temporary file left behind
}

TEST_CASE("cli: an image given where policy text goes is named as an image, with the way to use it") {
    const TempDir dir;
    const std::string image = (dir.path / "hk.img").string();
    std::ofstream(image, std::ios::binary) << hk_image();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"query", image, "--model", "Redmi Note 13", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2024-06-01"},
             {"check", image}}) {
        const auto run = test::cli(args);
        INFO(run.err);
        CHECK(run.code == (args[0] == "check" ? 1 : 2));
        if (args[0] == "query") CHECK(run.out.empty());
        const std::string& shown = args[0] == "check" ? run.out : run.err;
        CHECK(shown.find(image + ": error[E0003]: the file is a policy image written by `warrant build`, not policy text") != std::string::npos);
        CHECK(shown.find("`warrant query --image FILE`") != std::string::npos);
    }
}

TEST_CASE("cli: query --image refuses what is not a sound image, in one line, with exit 2") {
    const TempDir dir;
    const std::string image = (dir.path / "hk.img").string();
    const std::vector<std::string> claim{"--model", "Redmi Note 13", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2024-06-01"};
    const auto query = [&](const std::string& file) {
        std::vector<std::string> args{"query", "--image", file};
        args.insert(args.end(), claim.begin(), claim.end());
        return test::cli(args);
    };
    SECTION("a policy file given as an image") {
        const auto run = query(hk_policy.string());
        CHECK(run.code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == "warrant: " + hk_policy.string() + ": not a policy image; `warrant build POLICY... -o FILE` writes one\n");
    }
    SECTION("a missing file") {
        const auto run = query(image);
        CHECK(run.code == 2);
        CHECK(run.err == "warrant: cannot read " + image + ": No such file or directory\n");
    }
    SECTION("a truncated image") {
        std::ofstream(image, std::ios::binary) << hk_image().substr(0, hk_image().size() / 2);
        const auto run = query(image);
        CHECK(run.code == 2);
        CHECK(run.err.find(": the image is truncated: ") != std::string::npos);
        CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    }
    SECTION("an image and policy files at once") {
        std::ofstream(image, std::ios::binary) << hk_image();
        const auto run = test::cli({"query", "--image", image, hk_policy.string(), "--model", "x"});
        CHECK(run.code == 2);
        CHECK(run.out.empty());
    }
}

}  // namespace
