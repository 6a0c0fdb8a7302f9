// The diff of two versions: pair models and parts, describe what changed, and compare the
// answers of every model and part, once per distinct pair of behaviours.
#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "diff/acceptance.hpp"
#include "diff/changes.hpp"
#include "diff/analysis.hpp"
#include "diff/model_pairs.hpp"
#include "diff/reasons.hpp"
#include "diff/unit_compare.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

using diff::ModelPair;
using diff::Side;

// Everything decide() reads that is the same for every model: if these and a model's own
// signature are equal in both versions, that model is decided alike and need not be compared.
std::string global_signature(const RuleGraph& g, const diff::ClauseIdentity& ids, bool is_before) {
    std::string out = fmt::format("{}:{}|", static_cast<int>(g.calendar.months), g.calendar.last_day_covered);
    out += diff::shared_citations(g, ids, is_before) + "|";
    for (const Rule& r : g.rules) {
        out += condition_text(g, r.condition) + " -> " + g.outcomes[r.outcome].name + "\n";
    }
    std::vector<std::string> facts;
    for (const Fact& f : g.facts) {
        facts.push_back(fmt::format("{}:{}:{}:{}:{}:{}", f.name, static_cast<int>(f.role), f.default_value, static_cast<int>(f.type),
                                    f.default_number.value_or(-1), fmt::join(f.choices, ",")));
    }
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
    int citations = 0;  // the clauses its periods and notice cite, by identity
    friend auto operator<=>(const UnitSignature&, const UnitSignature&) = default;
};

class Signatures {
public:
    Signatures(const RuleGraph& g, const Tested& tested, diff::ChoiceTexts& choices, diff::TextIds& ids,
               const diff::ClauseIdentity& clauses, bool is_before)
        : g_(g), choices_(choices), ids_(ids), citations_(g, clauses, is_before, ids) {
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
        s.citations = citations_.id(model, part);
        return s;
    }

private:
    const RuleGraph& g_;
    diff::ChoiceTexts& choices_;
    diff::TextIds& ids_;
    diff::UnitCitations citations_;
    std::vector<Index> lists_;
    bool series_ = false;
};

// Everything that says which claims a range holds and how they are answered, but its models:
// ranges equal in it are one finding for several models.
std::string range_key(const ClaimRange& r) {
    std::string key = fmt::format("{}|{}|{}|{}|{}|{}|", static_cast<int>(r.kind), r.part, r.before, r.after,
                                  r.outside_region ? static_cast<int>(*r.outside_region) : 2,
                                  r.outside_old_region ? static_cast<int>(*r.outside_old_region) : 2);
    for (const FactCondition& f : r.facts) {
        key += fmt::format("{}:{}", fmt::join(f.facts, ","), f.accepted);
        if (f.values) {
            for (const auto& [lo, hi] : f.values->counts) key += fmt::format(":{}-{}", lo, hi);
            key += fmt::format(":{}", fmt::join(f.values->choices, ","));
        }
        key += ';';
    }
    key += '|';
    for (const DateLiteral& l : r.dates) {
        key += fmt::format("{}:{}:{}:{}:{}:{}:{}:{}:{}:{}:{};", static_cast<int>(l.test.kind), l.test.length.length.count,
                           static_cast<int>(l.test.length.length.unit), static_cast<int>(l.test.length.months),
                           l.test.length.last_day_covered, l.test.date.days, l.test.fact, l.test.left,
                           static_cast<int>(l.test.comparison), l.test.right, l.value);
    }
    for (const auto* until : {&r.until_before, &r.until_after}) {
        key += *until ? fmt::format("|{}:{}:{}:{}", (*until)->length.count, static_cast<int>((*until)->length.unit),
                                    static_cast<int>((*until)->months), (*until)->last_day_covered)
                      : "|none";
    }
    key += fmt::format("|{}|{}|{}", fmt::join(r.services_before, ","), fmt::join(r.services_after, ","), r.until_purchases_alike);
    return key;
}

// Where each model stands in the pairing (the new version's order, as the changes list them),
// to list the models that several ranges join in that order. Built on first use: a catalogue
// whose ranges join none pays nothing.
class ModelOrder {
public:
    ModelOrder(const RuleGraph& before, const RuleGraph& after, const diff::ModelPairing& pairing)
        : before_(before), after_(after), pairing_(pairing) {}
    void sort(std::vector<std::string>& labels) {
        if (place_.empty()) {
            for (std::size_t i = 0; i < pairing_.pairs.size(); ++i) place_.emplace(diff::pair_label(before_, after_, pairing_.pairs[i]), i);
        }
        const auto place_of = [&](const std::string& label) {
            const auto at = place_.find(label);
            return at == place_.end() ? pairing_.pairs.size() : at->second;
        };
        std::stable_sort(labels.begin(), labels.end(), [&](const std::string& a, const std::string& b) { return place_of(a) < place_of(b); });
    }

private:
    const RuleGraph& before_;
    const RuleGraph& after_;
    const diff::ModelPairing& pairing_;
    std::unordered_map<std::string, std::size_t> place_;  // a model's label -> its pair
};

// Ranges alike but for their models become one, listing them all in the pairing's order.
std::vector<ClaimRange> merge_alike(std::vector<ClaimRange> ranges, ModelOrder& order) {
    std::vector<ClaimRange> out;
    std::map<std::string, std::size_t> index;
    std::vector<std::size_t> merged;  // the ranges of `out` that took others' models
    for (ClaimRange& r : ranges) {
        if (r.kind == ClaimRange::Kind::Acceptance || r.model_keys.empty()) {
            out.push_back(std::move(r));
            continue;
        }
        const auto [it, fresh] = index.emplace(range_key(r), out.size());
        if (fresh) {
            out.push_back(std::move(r));
            continue;
        }
        ClaimRange& into = out[it->second];
        into.models.insert(into.models.end(), r.models.begin(), r.models.end());
        into.model_keys.insert(into.model_keys.end(), r.model_keys.begin(), r.model_keys.end());
        std::sort(into.model_keys.begin(), into.model_keys.end());
        into.model_keys.erase(std::unique(into.model_keys.begin(), into.model_keys.end()), into.model_keys.end());
        merged.push_back(it->second);
    }
    std::sort(merged.begin(), merged.end());
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    for (const std::size_t i : merged) order.sort(out[i].models);
    return out;
}

// The share of the reference distribution's claims that `r` holds, for the range's own first model.
double share_of(const ClaimRange& r, Date reference) {
    DiffQuery q = r.witness;
    q.region.clear();
    q.purchase_region.clear();
    q.last_repair.reset();
    q.facts.clear();
    // Only the dates vary below: the rest of the range's test is taken once.
    if (!r.covers_claimant(q)) return 0.0;
    std::size_t in = 0, all = 0;
    for (std::int32_t p = 0; p < 365; p += 7) {
        q.purchased = add_days(reference, p);
        if (r.kind == ClaimRange::Kind::Until) {
            q.claimed = q.purchased;
            ++all;
            in += r.covers_dates(q);
            continue;
        }
        all += 1096;
        in += r.claim_days_covered(q, q.purchased, 1096);
    }
    return all ? static_cast<double>(in) / static_cast<double>(all) : 0.0;
}

std::vector<Finding> findings_of(const PolicyDiff& d, ModelOrder& order) {
    std::vector<Finding> out;
    std::map<std::tuple<int, std::string, std::string>, std::size_t> index;
    std::vector<double> weighted;                 // per finding: sum of share x models
    std::vector<std::set<std::string>> seen_models, seen_parts;
    std::vector<bool> every_model, every_part;
    std::vector<const ClaimRange*> all;
    for (const ClaimRange& r : d.ranges) all.push_back(&r);
    for (const ClaimRange& r : d.reasons) all.push_back(&r);
    for (const ClaimRange* range : all) {
        const ClaimRange& r = *range;
        const auto [it, fresh] = index.emplace(std::make_tuple(static_cast<int>(r.kind), r.before, r.after), out.size());
        if (fresh) {
            Finding f;
            f.kind = r.kind;
            f.before = r.before;
            f.after = r.after;
            out.push_back(std::move(f));
            weighted.push_back(0);
            seen_models.emplace_back();
            seen_parts.emplace_back();
            every_model.push_back(false);
            every_part.push_back(false);
        }
        const std::size_t i = it->second;
        Finding& f = out[i];
        ++f.ranges;
        if (r.models.empty()) every_model[i] = true;
        if (r.part.empty()) every_part[i] = true;
        for (const auto& m : r.models) {
            if (seen_models[i].insert(m).second) f.models.push_back(m);
        }
        if (!r.part.empty() && seen_parts[i].insert(r.part).second) f.parts.push_back(r.part);
        if (r.kind != ClaimRange::Kind::Acceptance) weighted[i] += share_of(r, d.reference) * static_cast<double>(std::max<std::size_t>(1, r.models.size()));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (every_model[i]) out[i].models.clear();
        else if (out[i].ranges > 1) order.sort(out[i].models);  // joined from several ranges
        if (every_part[i]) out[i].parts.clear();
        if (out[i].kind == ClaimRange::Kind::Acceptance) continue;
        // Ranges are disjoint, so shares of one model and part add up.
        const double units = static_cast<double>(std::max<std::size_t>(1, out[i].models.size()) * std::max<std::size_t>(1, out[i].parts.size()));
        out[i].share = std::min(1.0, weighted[i] / units);
    }
    return out;
}

// Whether two fact spaces group the facts alike, so that one comparison serves both.
bool same_groups(const diff::FactSpace& x, const diff::FactSpace& y) {
    if (x.groups.size() != y.groups.size()) return false;
    for (std::size_t i = 0; i < x.groups.size(); ++i) {
        if (x.groups[i].facts != y.groups[i].facts || x.groups[i].accepted != y.groups[i].accepted) return false;
    }
    return true;
}

struct UnitGroup {
    std::size_t first_pair = 0;
    Index part_before = none, part_after = none;
    std::vector<std::size_t> pairs;
};

bool same_words(const std::vector<FactCondition>& a, const std::vector<FactCondition>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const FactCondition& x, const FactCondition& y) { return x.words == y.words; });
}

// The claims of a group's models and part (those that meet `facts` and give `given`) left out of the ranges, for
// `reason`: joined with the entry of the same part, facts and reason, so that a limit met by
// many models is named once (diff_graphs puts the models in the pairing's order).
void leave_out(PolicyDiff& out, const RuleGraph& before, const RuleGraph& after, const diff::ModelPairing& pairing, const UnitGroup& group,
               std::string reason, std::vector<FactCondition> facts = {}, std::vector<std::string> given = {}) {
    const std::string& part = after.parts[group.part_after].name;
    const auto it = std::find_if(out.not_compared.begin(), out.not_compared.end(), [&](const NotCompared& n) {
        return n.part == part && n.reason == reason && same_words(n.facts, facts) && n.given == given;
    });
    NotCompared& n = it != out.not_compared.end() ? *it
                                                   : out.not_compared.emplace_back(NotCompared{{}, {}, part, std::move(facts), std::move(given), std::move(reason)});
    for (const std::size_t i : group.pairs) {
        const ModelPair& pair = pairing.pairs[i];
        n.models.push_back(diff::pair_label(before, after, pair));
        for (const std::string& key : pair.keys) {
            const auto at = std::lower_bound(n.model_keys.begin(), n.model_keys.end(), key);
            if (at == n.model_keys.end() || *at != key) n.model_keys.insert(at, key);
        }
    }
}

// Why the claims of a model and part are not cut along what decides them yet, or "": a period it
// may be given is extended by a count, or chosen by comparing a date the claim carries.
std::string unit_beyond_cuts(const Side& before, const Side& after) {
    for (const Side* side : {&before, &after}) {
        const std::string why = diff::period_beyond_cuts(*side);
        if (!why.empty()) return fmt::format("in the {} version, {}: the diff does not cut claims along it yet", side == &before ? "old" : "new", why);
    }
    return "";
}

// Compares the answers of every model and part into `out`. A model and part beyond what the
// diff compares exactly (or every one, when the policies as a whole are) is named in
// out.not_compared, and the others are compared.
void compare_units(const RuleGraph& before, const RuleGraph& after, const DiffOptions& options, const diff::ModelPairing& pairing,
                   diff::TextIds& text_ids, diff::ChoiceTexts& choices_before, diff::ChoiceTexts& choices_after,
                   const DiffQuery& base, const diff::Regions& regions, PolicyDiff& out) {
    const diff::ClauseIdentity clause_ids(before, after);
    const bool globals_alike =
        global_signature(before, clause_ids, true) == global_signature(after, clause_ids, false) &&
        diff::same_region_code(before.info.region, after.info.region);
    const diff::CalendarNote calendars{before.calendar.months != after.calendar.months,
                                       before.calendar.last_day_covered != after.calendar.last_day_covered};
    const Tested tested = tested_names(before, after);
    Signatures sig_before(before, tested, choices_before, text_ids, clause_ids, true);
    Signatures sig_after(after, tested, choices_after, text_ids, clause_ids, false);

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
    if (groups.empty()) return;  // every model and part decides alike: nothing to compare

    const auto leave_out_all = [&](const std::string& reason) {
        for (const UnitGroup& group : groups) leave_out(out, before, after, pairing, group, reason);
    };
    // The claim space below is cut along dates, facts, counts, choices, models and regions; a
    // few forms of dates that claims carry are not cut yet. The models and parts that decide
    // alike in both versions are left aside above, so only the others are named.
    for (const RuleGraph* g : {&before, &after}) {
        const std::string why = diff::unmodelled_claim_values(*g);
        if (!why.empty()) {
            return leave_out_all(fmt::format("in the {} version, {}: the diff does not cut claims along it yet", g == &before ? "old" : "new", why));
        }
    }
    const diff::FactClauseKeys clause_keys = diff::fact_clause_keys(before, after, clause_ids);
    // Answers are compared over the coarsest classes of facts; reasons may need some facts
    // apart that answers treat alike (their clauses differ): then over a finer space of their own.
    diff::FactSpace facts, reason_facts;
    try {
        facts = diff::build_fact_space(before, after);
        reason_facts = diff::build_fact_space(before, after, &clause_keys);
    } catch (const DiffLimit& limit) {
        return leave_out_all(limit.message);
    }
    const bool one_space = same_groups(facts, reason_facts);
    const std::vector<FactCondition> unnamed = diff::unnamed_one_sided(facts);
    const std::vector<FactCondition> answered = diff::answered_values(facts);

    for (const UnitGroup& group : groups) {
        const ModelPair& pair = pairing.pairs[group.first_pair];
        DiffQuery unit = base;
        unit.model = pair.spelling;
        unit.part = after.parts[group.part_after].name;
        const Side sb{&before, pair.before, group.part_before};
        const Side sa{&after, pair.after, group.part_after};
        if (std::string why = unit_beyond_cuts(sb, sa); !why.empty()) {
            leave_out(out, before, after, pairing, group, std::move(why));
            continue;
        }
        // Claims whose period a count extends are passed over by the comparison; the others are compared.
        if (std::string why = diff::extension_reason(sb, sa); !why.empty()) {
            leave_out(out, before, after, pairing, group, std::move(why), diff::extended_claims(sb, sa));
        }
        // Likewise claims that give a date a period ends no earlier than a length after.
        if (std::string why = diff::floor_reason(sb, sa); !why.empty()) {
            for (std::string& anchor : diff::floor_anchors(sb, sa)) {
                leave_out(out, before, after, pairing, group, why, {}, {std::move(anchor)});
            }
        }
        diff::UnitResult result;
        try {
            result = diff::compare_unit(facts, sb, sa, unit, regions, out.reference, calendars, clause_ids,
                                        one_space ? diff::Compare::Both : diff::Compare::Answers, options.self_check);
            if (!one_space) {
                diff::UnitResult reasons = diff::compare_unit(reason_facts, sb, sa, unit, regions, out.reference, calendars, clause_ids,
                                                              diff::Compare::Reasons, options.self_check);
                result.reasons = std::move(reasons.reasons);
                result.unverified += reasons.unverified;
                result.inconsistent += reasons.inconsistent;
            }
        } catch (const DiffLimit& limit) {
            leave_out(out, before, after, pairing, group, limit.message);
            continue;
        }
        out.unverified += result.unverified;
        out.inconsistent += result.inconsistent;
        if (result.ranges.empty() && result.reasons.empty()) continue;
        std::vector<std::string> models, keys;
        for (const std::size_t i : group.pairs) {
            models.push_back(diff::pair_label(before, after, pairing.pairs[i]));
            keys.insert(keys.end(), pairing.pairs[i].keys.begin(), pairing.pairs[i].keys.end());
        }
        std::sort(keys.begin(), keys.end());
        for (ClaimRange& r : result.reasons) result.ranges.push_back(std::move(r));
        for (ClaimRange& r : result.ranges) {
            r.models = models;
            r.model_keys = keys;
            r.part = unit.part;
            r.facts.insert(r.facts.end(), unnamed.begin(), unnamed.end());
            // A range that leaves a count or choice free still holds only values both answer.
            for (const FactCondition& values : answered) {
                const bool said = std::any_of(r.facts.begin(), r.facts.end(), [&](const FactCondition& f) { return f.facts == values.facts; });
                if (!said) r.facts.push_back(values);
            }
            (r.kind == ClaimRange::Kind::Reason ? out.reasons : out.ranges).push_back(std::move(r));
        }
    }
}

}  // namespace

PolicyDiff diff_graphs(const RuleGraph& before, const RuleGraph& after, const DiffOptions& options) {
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
    diff::Regions regions;
    regions.region = after.info.region;
    if (!diff::same_region_code(before.info.region, after.info.region)) regions.old_region = before.info.region;
    regions.places = diff::purchase_places(before, after);
    // Ranges found before a limit of the policies as a whole are dropped with the rest: only
    // the acceptance ranges, which no such limit touches, are kept.
    const std::size_t acceptance = out.ranges.size();
    try {
        compare_units(before, after, options, pairing, text_ids, choices_before, choices_after, base, regions, out);
    } catch (const DiffLimit& limit) {
        out.ranges.resize(acceptance);
        out.reasons.clear();
        out.not_compared = {NotCompared{{}, {}, "", {}, {}, limit.message}};
    }
    ModelOrder order(before, after, pairing);
    for (NotCompared& n : out.not_compared) {
        if (n.models.size() > 1) order.sort(n.models);  // joined from several groups
    }
    out.ranges = merge_alike(std::move(out.ranges), order);
    out.reasons = merge_alike(std::move(out.reasons), order);
    out.findings = findings_of(out, order);
    return out;
}

}  // namespace warrant
