// `warrant diff` against brute force: random version pairs (the reference's random policies,
// edited at random), and random claims answered by both versions with the real interpreter.
// Every claim answered differently lies in exactly one range of its kind, which says how;
// every claim answered alike lies in none. Every witness is answered as its range says.
//
// Default: a few seconds. A bigger run:
//   WARRANT_DIFF_PAIRS=2000 WARRANT_DIFF_CLAIMS=2000 WARRANT_DIFF_SEED=5 build/warrant_tests "[diff-random]"
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reference/random_choice.hpp"
#include "reference/random_policy.hpp"
#include "warrant/compile.hpp"
#include "warrant/diff.hpp"

using namespace warrant;
using reference::Random;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Replaces the first number after `word` in `line` ("12 months" → "13 months").
bool renumber(Random& r, std::string& line) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(line[i])) && (i == 0 || line[i - 1] == ' ')) {
            std::size_t j = i;
            while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
            if (j < line.size() && line[j] == ' ' && line.compare(j + 1, 3, "day") == 0) at.push_back(i);
            if (j < line.size() && line[j] == ' ' && line.compare(j + 1, 5, "month") == 0) at.push_back(i);
        }
    }
    if (at.empty()) return false;
    const std::size_t i = at[static_cast<std::size_t>(reference::pick(r, 0, static_cast<int>(at.size()) - 1))];
    std::size_t j = i;
    while (std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
    const long old = std::stol(line.substr(i, j - i));
    const long next = std::max(1L, old + reference::pick(r, -3, 3) * (reference::percent(r, 50) ? 1 : 30));
    line.replace(i, j - i, std::to_string(next));
    return true;
}

// One random edit of a policy's text (one statement per line); some edits change answers,
// some only the form, some make the policy invalid (the pair is then skipped).
void edit(Random& r, std::vector<std::string>& lines, int serial) {
    std::vector<std::size_t> rules, others;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (starts(lines[i], "rule ")) rules.push_back(i);
        else if (!starts(lines[i], "#")) others.push_back(i);
    }
    const auto any = [&](const std::vector<std::size_t>& v) { return v[static_cast<std::size_t>(reference::pick(r, 0, static_cast<int>(v.size()) - 1))]; };
    switch (reference::pick(r, 0, 15)) {
        case 0:  // a region code renamed, or respelt in another case
            for (auto& l : lines) {
                if (!starts(l, "policy ")) continue;
                const auto at = l.find(" region ");
                if (at != std::string::npos) l.replace(at + 8, 2, reference::percent(r, 50) ? "XY" : "xx");
            }
            break;
        case 1:  // two rules swapped
            if (rules.size() > 1) {
                const std::size_t i = static_cast<std::size_t>(reference::pick(r, 0, static_cast<int>(rules.size()) - 2));
                std::swap(lines[rules[i]], lines[rules[i + 1]]);
            }
            break;
        case 2:
        case 3: {  // a length changed
            for (int tries = 0; tries < 8; ++tries) {
                if (renumber(r, lines[any(others.empty() ? rules : others)])) break;
                if (!rules.empty() && renumber(r, lines[any(rules)])) break;
            }
            break;
        }
        case 4:  // the calendar's conventions
            for (auto& l : lines) {
                if (!starts(l, "calendar")) continue;
                if (l.find("overflow") != std::string::npos) l.replace(l.find("overflow"), 8, "clamp");
                else if (l.find("clamp") != std::string::npos) l.replace(l.find("clamp"), 5, "overflow");
                else if (l.find("covered") != std::string::npos) l.replace(l.find("covered"), 7, "excluded");
                else if (l.find("excluded") != std::string::npos) l.replace(l.find("excluded"), 8, "covered");
            }
            break;
        case 5:  // an end-of-service date moved
            for (auto& l : lines) {
                if (!starts(l, "end_of_service ") || reference::percent(r, 50)) continue;
                const reference::Day d = reference::random_day(r, 2016, 2030);
                l.replace(15, 10, reference::day_to_text(d));
                break;
            }
            break;
        case 6:  // a fact's kind or default changed
            for (auto& l : lines) {
                if (!(starts(l, "fact ") || starts(l, "exclusion ") || starts(l, "requirement ")) || reference::percent(r, 40)) continue;
                if (l.find("default true") != std::string::npos) l.replace(l.find("default true"), 12, "default false");
                else if (l.find("default false") != std::string::npos) l.replace(l.find("default false"), 13, "default true");
                else if (starts(l, "fact ")) l = "exclusion " + l.substr(5);
                else if (starts(l, "exclusion ")) l = "requirement " + l.substr(10);
                else l = "fact " + l.substr(12);
                break;
            }
            break;
        case 7:  // a statement removed (models, periods, lists, notices...)
            if (!others.empty()) {
                const std::size_t i = any(others);
                if (!starts(lines[i], "policy ") && !starts(lines[i], "calendar")) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
            }
            break;
        case 8:  // a new fact that a new first rule reads (claims naming it: one version rejects them)
            lines.push_back(fmt::format("{} fnew{} default {} per c0", reference::percent(r, 50) ? "exclusion" : "fact", serial,
                                        reference::percent(r, 50) ? "true" : "false"));
            if (!rules.empty() && reference::percent(r, 60)) {
                const std::string& first = lines[rules.front()];
                const auto then = first.rfind(" then ");
                lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(rules.front()),
                             fmt::format("rule rnew{} per c0 when fnew{} and claimed within 30 days after last_repair{}", serial, serial,
                                         first.substr(then)));
            }
            break;
        case 9:  // a rule's outcome changed
            if (!rules.empty()) {
                std::string& l = lines[any(rules)];
                const auto then = l.rfind(" then o");
                if (then != std::string::npos) l = l.substr(0, then) + " then o0";
            }
            break;
        case 10:  // a rule moved to the front
            if (rules.size() > 1) {
                const std::size_t i = rules[static_cast<std::size_t>(reference::pick(r, 1, static_cast<int>(rules.size()) - 1))];
                std::string moved = lines[i];
                for (std::size_t k = rules.size(); k-- > 0;) {
                    if (rules[k] > rules.front() && rules[k] <= i) lines[rules[k]] = lines[rules[k - 1]];
                }
                lines[rules.front()] = moved;
            }
            break;
        case 12:  // a count's threshold moved: `v0 >= 2` → `v0 >= 3`
            for (int tries = 0; tries < 8 && !lines.empty(); ++tries) {
                std::string& l = lines[static_cast<std::size_t>(reference::pick(r, 0, static_cast<int>(lines.size()) - 1))];
                static const std::regex compared(R"((v\d+ (>=|<=|>|<|=) )(\d+))");
                std::smatch m;
                if (!std::regex_search(l, m, compared)) continue;
                const int next = std::max(0, std::stoi(m[3].str()) + (reference::percent(r, 50) ? 1 : -1));
                l.replace(static_cast<std::size_t>(m.position(3)), static_cast<std::size_t>(m.length(3)), std::to_string(next));
                break;
            }
            break;
        case 13:  // a count's or choice's default changed, added or dropped
            for (auto& l : lines) {
                if (!starts(l, "fact v") || reference::percent(r, 40)) continue;
                static const std::regex with_default(R"( default (\w+))");
                std::smatch m;
                if (std::regex_search(l, m, with_default)) {
                    const std::string value = m[1].str();
                    const std::string next = reference::percent(r, 40)              ? std::string()
                                             : std::isdigit(static_cast<unsigned char>(value[0])) ? std::to_string((std::stoi(value) + 1) % 4)
                                                                                                : std::string("k0");
                    l.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)), next.empty() ? "" : " default " + next);
                } else if (l.find(" count") != std::string::npos) {
                    l.insert(l.find(" count") + 6, " default 1");
                } else if (l.find("] ") != std::string::npos || l.back() == ']') {
                    l.insert(l.find(']') + 1, " default k0");
                }
                break;
            }
            break;
        case 14:  // a choice value added (claims giving it: the old version rejects them)
            for (auto& l : lines) {
                if (!starts(l, "fact v") || l.find(" choice [") == std::string::npos) continue;
                l.insert(l.find(']'), ", knew");
                break;
            }
            break;
        case 15:  // where the warranty counts from: `from vN` dropped or added, `warranty from` changed
            for (auto& l : lines) {
                static const std::regex from_date(R"( (from|after) (v\d+))");
                std::smatch m;
                if (starts(l, "warranty from ")) {
                    l = reference::percent(r, 50) ? "# edited" : "warranty from purchase per c0";
                    break;
                }
                if (!starts(l, "period ") || reference::percent(r, 50)) continue;
                if (std::regex_search(l, m, from_date)) {
                    l.erase(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)));
                    break;
                }
            }
            break;
        default:  // a fact nothing reads, or form only: a comment
            lines.insert(lines.begin(), "# edited");
    }
}

Date date_of(reference::Day d) { return *make_date(d.year, d.month, d.day); }

DiffQuery query_of(const reference::RandomClaim& c, Random& r, const std::vector<std::string>& extra_facts,
                   const std::vector<std::string>& regions) {
    DiffQuery q;
    q.model = c.query.model;
    q.part = c.query.part;
    q.purchased = date_of(c.query.purchased);
    q.claimed = date_of(c.query.claimed);
    if (c.query.last_repair) q.last_repair = date_of(*c.query.last_repair);
    q.purchase_region = c.purchase_region;
    if (reference::percent(r, 15)) q.purchase_region = regions[static_cast<std::size_t>(reference::pick(r, 0, static_cast<int>(regions.size()) - 1))];
    for (const auto& [name, value] : c.query.facts) q.facts.emplace_back(name, value);
    for (const auto& [name, value] : c.query.values) q.facts.emplace_back(name, fact_value_from_text(value));
    for (const auto& f : extra_facts) {
        if (reference::percent(r, 25)) q.facts.emplace_back(f, reference::percent(r, 50));
    }
    return q;
}

struct Tally {
    int pairs = 0, differing_pairs = 0, claims = 0, differing = 0, rejected = 0, ranges = 0, reasons = 0, other_reason = 0;
    int partial = 0, left_out = 0;  // pairs with claims not compared, and such claims
};

// The clauses an answer cites, as a set, with an old clause that a new one of the very same
// text replaced (a rename) counted as that new one: written here apart from the diff's own.
const Clause* clause_named(const RuleGraph& g, const std::string& id) {
    for (const Clause& c : g.clauses) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

std::set<std::string> reason_set(const RuleGraph& g, const RuleGraph& other, const DiffAnswer& a, bool is_before) {
    std::set<std::string> out;
    for (const std::string& id : a.clauses) {
        std::string identity = id;
        if (is_before && !clause_named(other, id)) {
            const std::string& text = clause_named(g, id)->text;
            for (const Clause& c : other.clauses) {
                if (c.text == text && !clause_named(g, c.id)) {
                    identity = c.id;
                    break;
                }
            }
        }
        out.insert(identity);
    }
    return out;
}

}  // namespace

TEST_CASE("diff: random version pairs against brute force: each differing claim in exactly one range", "[diff-random]") {
    const char* seed_text = std::getenv("WARRANT_DIFF_SEED");
    const char* pairs_text = std::getenv("WARRANT_DIFF_PAIRS");
    const char* claims_text = std::getenv("WARRANT_DIFF_CLAIMS");
    const std::uint64_t seed = seed_text ? std::stoull(seed_text) : 12;
    const int pair_count = pairs_text ? std::stoi(pairs_text) : 30;
    const int claim_count = claims_text ? std::stoi(claims_text) : 250;
    const char* only_text = std::getenv("WARRANT_DIFF_ONLY");  // one pair, by its index, to reproduce it
    Tally tally;
    for (int index = only_text ? std::stoi(only_text) : 0; index < (only_text ? std::stoi(only_text) + 1 : pair_count); ++index) {
        Random r(seed * 1000003u + static_cast<std::uint64_t>(index));
        const reference::RandomPolicy policy = reference::random_policy(r, index, reference::TypedKinds::All);
        std::vector<std::string> lines = lines_of(policy.text);
        const int edits = reference::pick(r, 1, 3);
        for (int e = 0; e < edits; ++e) edit(r, lines, e);
        const std::string new_text = join_lines(lines);
        const CompileResult old_c = compile(std::make_shared<const SourceFile>("old.policy", policy.text));
        const CompileResult new_c = compile(std::make_shared<const SourceFile>("new.policy", new_text));
        if (!old_c.ok() || !new_c.ok()) continue;
        if (only_text && std::getenv("WARRANT_DIFF_DUMP")) {
            std::ofstream(std::string(std::getenv("WARRANT_DIFF_DUMP")) + "/old.policy") << policy.text;
            std::ofstream(std::string(std::getenv("WARRANT_DIFF_DUMP")) + "/new.policy") << new_text;
        }
        const RuleGraph& before = *old_c.graph;
        const RuleGraph& after = *new_c.graph;
        INFO("pair " << index << " (seed " << seed << ")\n--- old ---\n" << policy.text << "--- new ---\n" << new_text);
        DiffOptions options;
        options.self_check = true;
        PolicyDiff d;
        const auto started = std::chrono::steady_clock::now();
        d = diff_graphs(before, after, options);
        if (std::getenv("WARRANT_DIFF_STATS")) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
            if (ms > 200) WARN("pair " << index << ": the diff took " << ms << " ms");
        }
        // Claims the diff names as not compared are left aside below; every other claim is
        // still checked exactly, and so are the witnesses and acceptance ranges.
        tally.partial += !d.complete();
        for (const NotCompared& n : d.not_compared) {
            CHECK(!n.reason.empty());
            CHECK(std::is_sorted(n.model_keys.begin(), n.model_keys.end()));
        }
        ++tally.pairs;
        tally.differing_pairs += d.answers_differ();
        tally.ranges += static_cast<int>(d.ranges.size());
        tally.reasons += static_cast<int>(d.reasons.size());
        for (const ClaimRange& range : d.reasons) CHECK(range.kind == ClaimRange::Kind::Reason);
        CHECK(d.unverified == 0);
        CHECK(d.inconsistent == 0);

        // Witnesses: answered as their range says, by versions that accept them when the range
        // says both answer.
        for (const ClaimRange& range : d.ranges) {
            INFO("range " << range.claims << ": " << range.before << " → " << range.after << "\nwitness " << range.witness.to_json());
            const DiffAnswer b = answer_query(before, range.witness, true), a = answer_query(after, range.witness, true);
            CHECK(range.covers(range.witness));
            if (range.kind == ClaimRange::Kind::Acceptance) {
                CHECK(b.error != a.error);
                continue;
            }
            CHECK(b.error.empty());
            CHECK(a.error.empty());
            if (range.kind == ClaimRange::Kind::Verdict) {
                CHECK(b.verdict == range.before);
                CHECK(a.verdict == range.after);
            } else if (range.kind == ClaimRange::Kind::Reason) {
                CHECK(b.same_answer(a));
                CHECK(reason_set(before, after, b, true) != reason_set(after, before, a, false));
                CHECK(b.clauses == range.clauses_before);
                CHECK(a.clauses == range.clauses_after);
            } else {
                CHECK((b.warranty_until != a.warranty_until || b.services != a.services));
            }
        }

        // Brute force: random claims, decided by both versions.
        std::vector<std::string> extra_facts;
        for (const Fact& f : after.facts) {
            if (!before.find_fact(f.name)) extra_facts.push_back(f.name);
        }
        const std::vector<std::string> regions = {before.info.region, after.info.region, "ZZ", "cn"};
        for (int i = 0; i < claim_count; ++i) {
            const DiffQuery q = query_of(reference::random_claim(r, policy), r, extra_facts, regions);
            const DiffAnswer b = answer_query(before, q, true), a = answer_query(after, q, true);
            ++tally.claims;
            int verdict = 0, until = 0, acceptance = 0;
            const ClaimRange* verdict_range = nullptr;
            for (const ClaimRange& range : d.ranges) {
                if (!range.covers(q)) continue;
                switch (range.kind) {
                    case ClaimRange::Kind::Verdict:
                        ++verdict;
                        verdict_range = &range;
                        break;
                    case ClaimRange::Kind::Until: ++until; break;
                    case ClaimRange::Kind::Acceptance: ++acceptance; break;
                    case ClaimRange::Kind::Reason: break;
                }
            }
            int reason = 0;
            for (const ClaimRange& range : d.reasons) reason += range.covers(q);
            // Counting claim days at once agrees with asking day by day, on the days around
            // this claim's (the shares of findings count so).
            if (i % 8 == 0) {
                for (const auto* ranges : {&d.ranges, &d.reasons}) {
                    for (const ClaimRange& range : *ranges) {
                        DiffQuery day = q;
                        std::size_t one_by_one = 0;
                        const Date first = add_days(q.claimed, -40);
                        for (std::int32_t k = 0; k < 80; ++k) {
                            day.claimed = add_days(first, k);
                            one_by_one += range.covers_dates(day);
                        }
                        INFO("range " << range.claims << ", days from " << to_iso(first));
                        CHECK(range.claim_days_covered(q, first, 80) == one_by_one);
                    }
                }
            }
            INFO("claim " << q.to_json() << "\nold: " << b.describe() << "\nnew: " << a.describe() << "\nin " << verdict
                          << " verdict, " << until << " warranty, " << acceptance << " acceptance and " << reason << " reason ranges");
            if (!b.error.empty() || !a.error.empty()) {
                // Rejected by one version: in exactly one acceptance range and no other.
                if (b.error != a.error) {
                    ++tally.rejected;
                    CHECK(acceptance >= 1);  // two unknown names: in the range of each
                    CHECK(verdict + until == 0);
                }
                CHECK(reason == 0);
                continue;
            }
            if (std::any_of(d.not_compared.begin(), d.not_compared.end(), [&](const NotCompared& n) { return n.covers(q); })) {
                ++tally.left_out;
                continue;
            }
            // Answered alike but citing other clauses: in exactly one reason range, and in no
            // other range; every other claim is in no reason range.
            const bool other_reason = b.same_answer(a) && reason_set(before, after, b, true) != reason_set(after, before, a, false);
            tally.other_reason += other_reason;
            CHECK(reason == (other_reason ? 1 : 0));
            CHECK(acceptance == 0);
            if (b.verdict != a.verdict) {
                CHECK(verdict == 1);
                if (verdict_range) {
                    CHECK(verdict_range->before == b.verdict);
                    CHECK(verdict_range->after == a.verdict);
                }
            } else {
                CHECK(verdict == 0);
            }
            CHECK(until == ((b.warranty_until != a.warranty_until || b.services != a.services) ? 1 : 0));
            tally.differing += !b.same_answer(a);
        }
    }
    if (std::getenv("WARRANT_DIFF_STATS")) {
        WARN(fmt::format("{} pairs compared ({} differing, {} with claims not compared), {} ranges, {} reason ranges; {} claims, "
                         "{} answered differently, {} rejected by one version, {} answered alike for another reason, {} not compared",
                         tally.pairs, tally.differing_pairs, tally.partial, tally.ranges, tally.reasons, tally.claims, tally.differing,
                         tally.rejected, tally.other_reason, tally.left_out));
    }
    // The generator must exercise the diff.
    if (only_text) return;
    // The generator also writes the date forms the diff does not compare (a date fact within a
    // length after the last repair or another date fact, a period chosen by such a date): at
    // most a third of the pairs may leave claims out.
    CHECK(tally.pairs >= pair_count / 3);
    CHECK(tally.partial <= pair_count / 3);
    CHECK(tally.differing_pairs >= tally.pairs / 4);
    CHECK(tally.differing >= tally.claims / 50);
    CHECK(tally.other_reason > 0);  // the generator must also exercise reasons
}
