// The diff of two versions: pair models and parts, describe what changed, and compare the
// answers of every model and part, once per distinct pair of behaviours.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "diff/acceptance.hpp"
#include "diff/changes.hpp"
#include "diff/fact_space.hpp"
#include "diff/model_pairs.hpp"
#include "diff/unit_compare.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

using diff::ModelPair;
using diff::Side;

// Everything decide() reads that is the same for every model: if these and a model's own
// signature are equal in both versions, that model is decided alike and need not be compared.
std::string global_signature(const RuleGraph& g) {
    std::string out = fmt::format("{}:{}|", static_cast<int>(g.calendar.months), g.calendar.last_day_covered);
    for (const Rule& r : g.rules) {
        out += diff::condition_text(g, r.condition) + " -> " + g.outcomes[r.outcome].name + "\n";
    }
    std::vector<std::string> facts;
    for (const Fact& f : g.facts) facts.push_back(fmt::format("{}:{}:{}", f.name, static_cast<int>(f.role), f.default_value));
    std::sort(facts.begin(), facts.end());
    for (const auto& f : facts) out += f + ";";
    return out;
}

// The lists and series that rules test, by name; a model's membership in others is irrelevant.
struct Tested {
    std::vector<std::string> lists;
    bool series = false;
};

Tested tested_names(const RuleGraph& b, const RuleGraph& a) {
    Tested t;
    std::set<std::string> lists;
    for (const RuleGraph* g : {&b, &a}) {
        for (const CondNode& n : g->conditions) {
            if (n.kind == CondKind::InList) lists.insert(g->lists[n.a].name);
            if (n.kind == CondKind::InSeries) t.series = true;
        }
    }
    t.lists.assign(lists.begin(), lists.end());
    return t;
}

// What decide() reads of one model for one part, with names for indices.
struct UnitSignature {
    int choices = 0;
    std::int32_t end_of_service = 0;
    bool ends = false;
    std::vector<bool> lists;
    int series = 0;
    friend auto operator<=>(const UnitSignature&, const UnitSignature&) = default;
};

class Signatures {
public:
    Signatures(const RuleGraph& g, const Tested& tested, diff::ChoiceTexts& choices, diff::TextIds& ids)
        : g_(g), choices_(choices), ids_(ids) {
        for (const auto& name : tested.lists) {
            Index found = none;
            for (Index l = 0; l < g.lists.size(); ++l) {
                if (g.lists[l].name == name) found = l;
            }
            lists_.push_back(found);
        }
        series_ = tested.series;
    }
    UnitSignature of(Index model, Index part) {
        UnitSignature s;
        s.choices = choices_.id(model, part);
        const Model& m = g_.models[model];
        s.ends = m.end_of_service.has_value();
        s.end_of_service = m.end_of_service ? m.end_of_service->days : 0;
        for (const Index l : lists_) s.lists.push_back(l != none && g_.list_membership[l][model]);
        if (series_ && m.series != none) s.series = ids_.id("series " + g_.series[m.series].name);
        return s;
    }

private:
    const RuleGraph& g_;
    diff::ChoiceTexts& choices_;
    diff::TextIds& ids_;
    std::vector<Index> lists_;
    bool series_ = false;
};

bool same_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// A region of purchase that is neither version's own, for claims bought outside.
std::string elsewhere(const RuleGraph& b, const RuleGraph& a) {
    for (const char* code : {"ZZ", "ZY", "ZX"}) {
        if (!same_code(code, b.info.region) && !same_code(code, a.info.region)) return code;
    }
    return "ZW";
}

struct UnitGroup {
    std::size_t first_pair = 0;
    Index part_before = none, part_after = none;
    std::vector<std::size_t> pairs;
};

}  // namespace

namespace {

// Whether a version's answers depend on counts, dates or choices that claims carry.
bool reads_claim_values(const RuleGraph& g) {
    for (const CondNode& n : g.conditions) {
        if (reads_fact_values(n)) return true;
    }
    for (const Period& p : g.periods) {
        if (p.start_fact != none) return true;
    }
    return false;
}

}  // namespace

PolicyDiff diff_graphs(const RuleGraph& before, const RuleGraph& after, const DiffOptions& options) {
    // The claim space below is cut along dates, facts, models and regions; it does not yet
    // cut along counts, date facts and choices, and a partial answer would mislead.
    if (reads_claim_values(before) || reads_claim_values(after)) {
        throw DiffLimit{"the policy tests counts, dates or choices that claims carry, which the diff does not yet compare "
                        "claim by claim; compare answers with `warrant test` examples instead"};
    }
    PolicyDiff out;
    out.region = after.info.region;
    out.title = after.info.title;
    if (options.reference) {
        out.reference = *options.reference;
        out.reference_source = "the date asked for";
    } else if (after.info.effective) {
        out.reference = *after.info.effective;
        out.reference_source = "the new version's effective date";
    } else if (before.info.effective) {
        out.reference = *before.info.effective;
        out.reference_source = "the old version's effective date";
    } else {
        out.reference = *make_date(2025, 1, 1);
        out.reference_source = "neither version has an effective date";
    }

    const diff::ModelPairing pairing = diff::pair_models(before, after);
    diff::TextIds text_ids;
    diff::ChoiceTexts choices_before(before, text_ids), choices_after(after, text_ids);
    out.changes = diff::describe_changes(before, after, pairing, choices_before, choices_after);

    DiffQuery base;
    base.purchased = base.claimed = out.reference;
    out.ranges = diff::acceptance_ranges(before, after, pairing, base, out.unverified);
    base.purchase_region = elsewhere(before, after);  // for claims bought outside

    const diff::FactSpace facts = diff::build_fact_space(before, after);
    const bool globals_alike = global_signature(before) == global_signature(after);
    const diff::CalendarNote calendars{before.calendar.months != after.calendar.months,
                                       before.calendar.last_day_covered != after.calendar.last_day_covered};
    const Tested tested = tested_names(before, after);
    Signatures sig_before(before, tested, choices_before, text_ids), sig_after(after, tested, choices_after, text_ids);

    std::vector<std::pair<Index, Index>> parts;  // shared parts, in the new version's order
    for (Index p = 0; p < after.parts.size(); ++p) {
        if (const auto b = before.find_part(after.parts[p].name)) parts.emplace_back(*b, p);
    }
    // Units (model pair, part) that decide by the same signatures are compared once.
    std::map<std::tuple<std::size_t, UnitSignature, UnitSignature>, std::size_t> group_of;
    std::vector<UnitGroup> groups;
    for (std::size_t i = 0; i < pairing.pairs.size(); ++i) {
        const ModelPair& pair = pairing.pairs[i];
        for (std::size_t p = 0; p < parts.size(); ++p) {
            UnitSignature sb = sig_before.of(pair.before, parts[p].first);
            UnitSignature sa = sig_after.of(pair.after, parts[p].second);
            if (globals_alike && sb == sa) continue;
            const auto [it, fresh] = group_of.emplace(std::make_tuple(p, std::move(sb), std::move(sa)), groups.size());
            if (fresh) groups.push_back({i, parts[p].first, parts[p].second, {}});
            groups[it->second].pairs.push_back(i);
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const UnitGroup& x, const UnitGroup& y) { return x.first_pair < y.first_pair; });

    for (const UnitGroup& group : groups) {
        const ModelPair& pair = pairing.pairs[group.first_pair];
        DiffQuery unit = base;
        unit.model = pair.spelling;
        unit.part = after.parts[group.part_after].name;
        const Side sb{&before, pair.before, group.part_before};
        const Side sa{&after, pair.after, group.part_after};
        diff::UnitResult result =
            diff::compare_unit(facts, sb, sa, unit, after.info.region, out.reference, calendars, options.self_check);
        out.unverified += result.unverified;
        out.inconsistent += result.inconsistent;
        if (result.ranges.empty()) continue;
        std::vector<std::string> models, keys;
        for (const std::size_t i : group.pairs) {
            models.push_back(diff::pair_label(before, after, pairing.pairs[i]));
            keys.insert(keys.end(), pairing.pairs[i].keys.begin(), pairing.pairs[i].keys.end());
        }
        std::sort(keys.begin(), keys.end());
        for (ClaimRange& r : result.ranges) {
            r.models = models;
            r.model_keys = keys;
            r.part = unit.part;
            out.ranges.push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace warrant
