// Quotes checked against the source document a policy names (`source ... file "PATH"`): the
// cases the golden tests do not show (documents that are folders, not UTF-8, start with a
// byte-order mark; compilations that must not read the document at all).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sema/source_quotes.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace warrant;

namespace {

struct TempDir {
    fs::path path;
    TempDir() : path(fs::temp_directory_path() / ("warrant_source_quotes_" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path / "sources");
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    void write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path / name, std::ios::binary) << bytes;
    }
};

std::string policy_naming(const std::string& file, const std::string& clause_text) {
    return "policy \"p\" region XX source \"a leaflet\" file \"" + file + "\"\n"
           "calendar months clamp\n"
           "clause c1 \"" + clause_text + "\"\n"
           "part device\noutcome paid\nseries s { model \"A\" }\n"
           "period device 12 months per c1\nrule r1 per c1 then paid\n";
}

std::vector<Code> codes_of(const CompileResult& r) {
    std::vector<Code> codes;
    for (const Diagnostic& d : r.diagnostics) codes.push_back(d.code);
    return codes;
}

bool has(const CompileResult& r, Code code) {
    const auto codes = codes_of(r);
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

TEST_CASE("source quotes: white space and line breaks are left out, with each byte's place kept", "[quotes]") {
    const NormalizedText t = normalize_white_space(" a\u3000b\n\u00a0c 主\r\n機 ");
    CHECK(t.text == "abc主機");
    REQUIRE(t.offsets.size() == t.text.size());
    CHECK(t.offsets[0] == 1);
    CHECK(t.offsets[1] == 5);  // after the 3-byte ideographic space
    CHECK(t.offsets[2] == 9);  // after a line break and a 2-byte no-break space
}

TEST_CASE("source quotes: a quote that occurs passes, one that does not is W3104", "[quotes]") {
    TempDir dir;
    dir.write("sources/leaflet.txt", "\xEF\xBB\xBF" "Phones are repaired\nfree for 12 months.\n");
    dir.write("ok.policy", policy_naming("sources/leaflet.txt", "Phones are repaired free for  12 months."));
    dir.write("slip.policy", policy_naming("sources/leaflet.txt", "Phones are repaired free for 24 months."));
    const CompileResult ok = compile_file(dir.path / "ok.policy", "ok.policy");
    INFO(test::cli({"check", (dir.path / "ok.policy").string()}).out);
    CHECK(ok.ok());
    CHECK(ok.diagnostics.empty());
    const CompileResult slip = compile_file(dir.path / "slip.policy", "slip.policy");
    CHECK(slip.ok());  // a warning: the policy still answers claims
    REQUIRE(slip.diagnostics.size() == 1);
    CHECK(slip.diagnostics[0].code == Code::QuoteNotInSource);
    CHECK(slip.diagnostics[0].message.find("line 2") != std::string::npos);
    INFO(slip.diagnostics[0].message);
    CHECK(slip.diagnostics[0].message.find("free for 24 months.`") != std::string::npos);
    CHECK(slip.diagnostics[0].message.find("free for 12 months.`") != std::string::npos);
}

TEST_CASE("source quotes: a document that cannot be read is E3011, whatever the reason", "[quotes]") {
    TempDir dir;
    dir.write("sources/latin1.txt", "caf\xE9\n");
    fs::create_directories(dir.path / "sources" / "folder.txt");
    for (const std::string& file : {std::string("sources/latin1.txt"), std::string("sources/folder.txt"),
                                    std::string("sources/missing.txt"), std::string("")}) {
        dir.write("p.policy", policy_naming(file, "text"));
        const CompileResult r = compile_file(dir.path / "p.policy", "p.policy");
        INFO(file);
        CHECK(has(r, Code::SourceFileUnreadable));
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("source quotes: answering claims, and text that is not a file, never read the document", "[quotes]") {
    TempDir dir;
    const std::string text = policy_naming("sources/missing.txt", "text");
    dir.write("p.policy", text);
    CHECK(compile_file(dir.path / "p.policy", "p.policy", CompileMode::Answer).ok());
    CHECK(compile(std::make_shared<const SourceFile>("posted.policy", text)).ok());
}
