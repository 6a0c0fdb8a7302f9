// Ranges of queries that one version rejects for want of a name the other declares.
#include "diff/acceptance.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "diff/analysis.hpp"

namespace warrant::diff {

namespace {

std::vector<std::string> keys_of(const Model& m) {
    std::vector<std::string> keys = {normalize_model_name(m.name)};
    for (const auto& alias : m.aliases) keys.push_back(normalize_model_name(alias));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

const char* kind_word(const Fact& f) {
    switch (f.type) {
        case FactType::Bool: return "true or false";
        case FactType::Count: return "a count";
        case FactType::Date: return "a date";
        case FactType::Choice: return "a choice";
    }
    return "";
}

std::string answer_word(const DiffAnswer& a) { return a.error.empty() ? "answered" : fmt::format("rejected ({})", a.error); }

bool same_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

class Collector {
public:
    Collector(const RuleGraph& b, const RuleGraph& a, std::size_t& unverified) : b_(b), a_(a), unverified_(unverified) {}

    void add(ClaimRange r) {
        const DiffQuery plain = r.witness;
        give_required(r, true);
        if (!shows_difference(r)) {
            // A fact that one version requires and the other does not declare, given, is refused
            // by the other: without it, the range's own difference may show (a fact the other adds).
            r.witness = plain;
            give_required(r, false);
            if (!shows_difference(r)) {
                ++unverified_;
                return;
            }
        }
        r.kind = ClaimRange::Kind::Acceptance;
        r.before = answer_word(r.witness_before);
        r.after = answer_word(r.witness_after);
        out.push_back(std::move(r));
    }
    std::vector<ClaimRange> out;

private:
    bool shows_difference(ClaimRange& r) const {
        r.witness_before = answer_query(b_, r.witness, true);
        r.witness_after = answer_query(a_, r.witness, true);
        return !r.witness_before.same_answer(r.witness_after);
    }

    // A count or choice that a version requires is given in the witness (but for the fact whose
    // absence the range is about), so that it is rejected for the reason the range names; with
    // `one_sided` false, only those both versions declare.
    void give_required(ClaimRange& r, bool one_sided) const {
        for (const RuleGraph* g : {&a_, &b_}) {
            const RuleGraph& other = g == &a_ ? b_ : a_;
            for (const Fact& f : g->facts) {
                if (!f.required() || (r.rejects == ClaimRange::Rejects::MissingFact && f.name == r.named)) continue;
                if (!one_sided && !other.find_fact(f.name)) continue;
                const auto named = std::find_if(r.witness.facts.begin(), r.witness.facts.end(),
                                                [&](const auto& given) { return given.first == f.name; });
                if (named == r.witness.facts.end()) r.witness.facts.emplace_back(f.name, some_value(f, r.witness.purchased));
            }
        }
    }

    const RuleGraph& b_;
    const RuleGraph& a_;
    std::size_t& unverified_;
};

}  // namespace

std::vector<ClaimRange> acceptance_ranges(const RuleGraph& before, const RuleGraph& after, const ModelPairing& pairing,
                                          const DiffQuery& base, std::size_t& unverified) {
    Collector collect(before, after, unverified);
    const auto model_range = [&](const RuleGraph& g, Index m) {
        if (g.parts.empty()) return;
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Model;
        r.region = g.info.region;
        r.models = {g.models[m].name};
        r.model_keys = keys_of(g.models[m]);
        r.claims = "every claim";
        r.witness = base;
        r.witness.model = g.models[m].name;
        r.witness.part = g.parts[0].name;
        collect.add(std::move(r));
    };
    for (const Index m : pairing.removed) model_range(before, m);
    for (const Index m : pairing.added) model_range(after, m);

    const auto spelling_range = [&](const RuleGraph& g, const OneSidedSpelling& s) {
        if (g.parts.empty()) return;
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Model;
        r.region = g.info.region;
        r.models = {g.models[s.model].name};
        r.model_keys = {s.key};
        r.claims = fmt::format("every claim that spells the model `{}`", s.spelling);
        r.witness = base;
        r.witness.model = s.spelling;
        r.witness.part = g.parts[0].name;
        collect.add(std::move(r));
    };
    for (const auto& s : pairing.only_before) spelling_range(before, s);
    for (const auto& s : pairing.only_after) spelling_range(after, s);

    // The rest need a model both versions know, and a part both know for facts and regions.
    if (pairing.pairs.empty()) return std::move(collect.out);
    const ModelPair& pair = pairing.pairs.front();
    std::string shared_part;
    for (const Term& p : after.parts) {
        if (before.find_part(p.name)) {
            shared_part = p.name;
            break;
        }
    }
    const auto part_range = [&](const Term& part) {
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Part;
        r.region = after.info.region;
        r.part = part.name;
        r.named = part.name;
        r.claims = fmt::format("every claim for part {}", part.name);
        r.witness = base;
        r.witness.model = pair.spelling;
        r.witness.part = part.name;
        collect.add(std::move(r));
    };
    for (const Term& p : before.parts) {
        if (!after.find_part(p.name)) part_range(p);
    }
    for (const Term& p : after.parts) {
        if (!before.find_part(p.name)) part_range(p);
    }
    if (shared_part.empty()) return std::move(collect.out);

    const auto fact_range = [&](const Fact& f) {
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Fact;
        r.region = after.info.region;
        r.named = f.name;
        r.claims = fmt::format("every claim that names the fact `{}`", f.name);
        r.witness = base;
        r.witness.model = pair.spelling;
        r.witness.part = shared_part;
        r.witness.facts = {{f.name, some_value(f, r.witness.purchased)}};
        collect.add(std::move(r));
    };
    for (const Fact& f : before.facts) {
        if (!after.find_fact(f.name)) fact_range(f);
    }
    for (const Fact& f : after.facts) {
        if (!before.find_fact(f.name)) fact_range(f);
    }
    const OneSidedValues one_sided = one_sided_values(before, after);
    for (const std::string& name : one_sided.retyped) {
        const Fact& fb = before.facts[*before.find_fact(name)];
        const Fact& fa = after.facts[*after.find_fact(name)];
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Fact;
        r.region = after.info.region;
        r.named = name;
        r.claims = fmt::format("every claim that names the fact `{}` (now {}, was {})", name, kind_word(fa), kind_word(fb));
        r.witness = base;
        r.witness.model = pair.spelling;
        r.witness.part = shared_part;
        r.witness.facts = {{name, some_value(fa, r.witness.purchased)}};
        collect.add(std::move(r));
    }
    for (const auto& [name, value] : one_sided.choices) {
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::Fact;
        r.region = after.info.region;
        r.named = name;
        r.named_value = value;
        r.claims = fmt::format("every claim that gives `{}` the value `{}`", name, value);
        r.witness = base;
        r.witness.model = pair.spelling;
        r.witness.part = shared_part;
        r.witness.facts = {{name, FactValue(ValueKind::String, value)}};
        collect.add(std::move(r));
    }
    for (const std::string& name : one_sided.required_by_one) {
        ClaimRange r;
        r.rejects = ClaimRange::Rejects::MissingFact;
        r.region = after.info.region;
        r.named = name;
        r.claims = fmt::format("every claim that does not give `{}`", name);
        r.witness = base;
        r.witness.model = pair.spelling;
        r.witness.part = shared_part;
        collect.add(std::move(r));
    }

    if (!same_code(before.info.region, after.info.region)) {
        for (const RuleGraph* g : {&before, &after}) {
            ClaimRange r;
            r.rejects = ClaimRange::Rejects::Region;
            r.region = g->info.region;
            r.named = g->info.region;
            r.claims = fmt::format("every claim that names the region {}", g->info.region);
            r.witness = base;
            r.witness.region = g->info.region;
            r.witness.model = pair.spelling;
            r.witness.part = shared_part;
            collect.add(std::move(r));
        }
    }
    return std::move(collect.out);
}

}  // namespace warrant::diff
