// The grammar: PEGTL's own analysis, the .peg document kept in step with the C++, and
// accept/reject examples for the rules users meet most.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include <tao/pegtl/contrib/analyze.hpp>

#include "parse/grammar.hpp"
#include "parse/parser.hpp"
#include "test_support.hpp"
#include "warrant/compile.hpp"
#include "warrant/query.hpp"

namespace pegtl = tao::pegtl;
namespace g = warrant::grammar;

TEST_CASE("grammar: no rule can loop without consuming input") {
    CHECK(pegtl::analyze<g::file>(-1) == 0);
}

TEST_CASE("grammar: grammar/policy.peg and grammar.hpp define the same rules in the same order") {
    const std::string peg = warrant::test::slurp("grammar/policy.peg");
    const std::string hpp = warrant::test::slurp("src/parse/grammar.hpp");
    std::vector<std::string> peg_rules, hpp_rules;
    const std::regex peg_rule(R"(^([a-z_]+)\s+<-)", std::regex::multiline);
    for (auto it = std::sregex_iterator(peg.begin(), peg.end(), peg_rule); it != std::sregex_iterator(); ++it) {
        peg_rules.push_back((*it)[1]);
    }
    // Definitions (`struct x : ...`) after the marker; token helpers (`*_kw`, `*_p`) are the
    // .peg's quoted words and punctuation, and are not rules of their own there.
    const auto marker = hpp.find("// ---- grammar/policy.peg, in order");
    REQUIRE(marker != std::string::npos);
    const std::string body = hpp.substr(marker);
    const std::regex hpp_rule(R"(^struct ([a-z_]+)\s+:)", std::regex::multiline);
    for (auto it = std::sregex_iterator(body.begin(), body.end(), hpp_rule); it != std::sregex_iterator(); ++it) {
        hpp_rules.push_back((*it)[1]);
    }
    REQUIRE(peg_rules.size() > 50);
    CHECK(peg_rules == hpp_rules);
}

TEST_CASE("grammar: the reserved words are the .peg's `keyword` words") {
    const std::string peg = warrant::test::slurp("grammar/policy.peg");
    const auto begin = peg.find("\nkeyword ");
    REQUIRE(begin != std::string::npos);
    const auto end = peg.find("![A-Za-z0-9_]", begin);
    const std::string rule = peg.substr(begin, end - begin);
    std::set<std::string> in_peg, in_parser;
    const std::regex quoted("'([a-z_]+)'");
    for (auto it = std::sregex_iterator(rule.begin(), rule.end(), quoted); it != std::sregex_iterator(); ++it) in_peg.insert((*it)[1]);
    for (const std::string_view w : g::reserved_words) in_parser.emplace(w);
    CHECK(in_peg.size() > 50);
    CHECK(in_peg == in_parser);
}

TEST_CASE("parser: words that are keywords where they stand may name outcomes, rules, facts and values") {
    const std::string text =
        "policy \"p\" region XX effective 2024-01-01 source \"s\"\ncalendar months clamp last_day excluded\nclause c \"t\"\n"
        "part device\noutcome covered\noutcome excluded\nfact date \"a date\" date per c\n"
        "fact count count default 0 per c\nfact plan choice [none, every, default] default none per c\n"
        "series s { model \"A\" }\nperiod device 12 months per c\n"
        "rule clamp per c when count >= 2 and plan is default then excluded\n"
        "rule overflow per c when date is given and claimed within 1 month after date then covered\n"
        "rule default per c then excluded\n"
        "example none claim model \"A\" part device purchased 2024-01-01 claimed 2024-02-15\n"
        "    facts date = 2024-01-31, plan = every expect covered until 2024-12-31 by c\n";
    const auto compiled = warrant::compile(std::make_shared<warrant::SourceFile>("p.policy", text));
    for (const auto& d : compiled.diagnostics) UNSCOPED_INFO(d.message);
    REQUIRE(compiled.ok());
    CHECK(compiled.graph->outcomes[0].name == "covered");
    CHECK(compiled.graph->rules[2].name == "default");
    CHECK_FALSE(compiled.graph->calendar.last_day_covered);
    warrant::PolicySet set;
    set.add(compiled.graph);
    bool failed = false;
    const std::string line = warrant::answer_line(
        set, R"({"model":"A","part":"device","purchased":"2024-01-01","claimed":"2024-02-15","facts":{"count":2,"plan":"default"}})", false, failed);
    CHECK(line.find(R"("verdict":"excluded")") != std::string::npos);
}

namespace {
template <typename Rule>
bool accepts(const std::string& text) {
    pegtl::memory_input<> in(text, "test");
    try {
        return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
    } catch (const pegtl::parse_error&) {
        return false;
    } catch (...) {
        return false;  // the parser's own syntax failures
    }
}
}  // namespace

TEST_CASE("grammar: tokens") {
    CHECK(accepts<g::name>("device"));
    CHECK(accepts<g::name>("parts"));      // a keyword prefix is still a name
    CHECK(accepts<g::name>("part_kind"));
    CHECK_FALSE(accepts<g::name>("part"));  // keywords are reserved
    CHECK_FALSE(accepts<g::name>("purchase"));
    CHECK_FALSE(accepts<g::name>("purchased"));
    CHECK_FALSE(accepts<g::name>("end_of_service"));
    CHECK(accepts<g::name>("purchased_on"));
    CHECK(accepts<g::name>("Part"));        // case counts
    CHECK(accepts<g::name>("end_of_service_notice"));
    CHECK_FALSE(accepts<g::name>("12x"));
    CHECK(accepts<g::clause_id>("s1.doa"));
    CHECK(accepts<g::clause_id>("s8.2025-08-29"));
    CHECK(accepts<g::date>("2025-08-29"));
    CHECK_FALSE(accepts<g::date>("2025-8-29"));
    CHECK(accepts<g::string>("\"小米 \\\"13\\\"\""));
    CHECK(accepts<g::duration>("12 months"));
    CHECK(accepts<g::duration>("1 day"));
    CHECK_FALSE(accepts<g::duration>("12months"));
    CHECK(accepts<g::condition>("part is device and claimed within 14 days after purchase"));
    CHECK(accepts<g::condition>("not (misuse or any exclusion) and model in series x"));
    CHECK(accepts<g::condition>("purchased outside region and not model in international"));
    CHECK(accepts<g::condition>("part in [battery, charger] and part not in [device]"));
    CHECK(accepts<g::condition>("part is not device or part in [battery]"));
    CHECK_FALSE(accepts<g::condition>("part in battery"));
    CHECK_FALSE(accepts<g::condition>("part in []"));
    CHECK_FALSE(accepts<g::condition>("part is [battery]"));
}

TEST_CASE("grammar: the words that are keywords only where they stand are names everywhere else") {
    const std::string peg = warrant::test::slurp("grammar/policy.peg");
    const std::regex quoted("'([a-z_]+)'");
    std::set<std::string> in_parser;
    for (const std::string_view w : g::reserved_words) in_parser.emplace(w);
    const auto place_begin = peg.find("\nplace_keyword ");
    REQUIRE(place_begin != std::string::npos);
    const std::string place = peg.substr(place_begin, peg.find("![A-Za-z0-9_]", place_begin) - place_begin);
    std::size_t place_words = 0;
    for (auto it = std::sregex_iterator(place.begin(), place.end(), quoted); it != std::sregex_iterator(); ++it, ++place_words) {
        INFO((*it)[1]);
        CHECK(in_parser.count((*it)[1]) == 0);
        CHECK(accepts<g::name>((*it)[1]));
        CHECK(accepts<g::place_keyword>((*it)[1]));
    }
    CHECK(place_words == 14);
}

TEST_CASE("parser: a condition nested too deeply is refused with a diagnostic, not a crash") {
    std::string text = "policy \"p\" region XX\nrule r per c when ";
    for (int i = 0; i < 5000; ++i) text += "not (";
    text += "misuse";
    for (int i = 0; i < 5000; ++i) text += ")";
    text += " then paid\n";
    const warrant::SourceFile file("deep.policy", text);
    warrant::Diagnostics diags;
    CHECK_FALSE(warrant::parse(file, diags).has_value());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == warrant::Code::NestingTooDeep);
}

TEST_CASE("parser: `part in [..]` holds for the parts listed, `part not in [..]` for the others") {
    const std::string text =
        "policy \"p\" region XX effective 2024-01-01\nclause c \"t\"\npart device\npart battery\npart charger\npart case\n"
        "outcome listed\noutcome unlisted\noutcome other\nseries s { model \"A\" }\n"
        "rule r1 per c when part in [battery, charger] then listed\n"
        "rule r2 per c when part not in [device] then unlisted\n"
        "rule r3 per c then other\n";
    const auto compiled = warrant::compile(std::make_shared<warrant::SourceFile>("p.policy", text));
    REQUIRE(compiled.ok());
    warrant::PolicySet set;
    set.add(compiled.graph);
    const auto verdict = [&](const std::string& part) {
        bool failed = false;
        const std::string line = warrant::answer_line(
            set, "{\"model\":\"A\",\"part\":\"" + part + "\",\"purchased\":\"2024-01-01\",\"claimed\":\"2024-02-01\"}", false, failed);
        REQUIRE_FALSE(failed);
        const auto at = line.find("\"verdict\":\"") + 11;
        return line.substr(at, line.find('"', at) - at);
    };
    CHECK(verdict("battery") == "listed");
    CHECK(verdict("charger") == "listed");
    CHECK(verdict("case") == "unlisted");
    CHECK(verdict("device") == "other");
}
