// Grouping the facts of two versions by effect, and enumerating one query per class.
#include "claims/fact_classes.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace warrant::claims {

namespace {

constexpr std::size_t max_classes = 1u << 14;

// How one fact behaves in one version: absent, or its role and default.
struct Profile {
    bool present = false;
    FactRole role = FactRole::Plain;
    bool default_value = false;
    auto key() const { return std::make_tuple(present, static_cast<int>(role), default_value); }
};

Profile profile(const RuleGraph& g, Index fact) {
    if (fact == none) return {};
    return {true, g.facts[fact].role, g.facts[fact].default_value};
}

void facts_read_by_name(const RuleGraph& g, std::set<std::string>& out) {
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::FactIs) out.insert(g.facts[n.a].name);
    }
}

// What a group contributes to a decision when its facts are given in the ways of `set`:
// bits 0-1 `any exclusion` before/after, 2-3 `any requirement unmet`, 4-5 the value itself
// (for a fact read by name).
std::uint8_t effect(const Profile& before, const Profile& after, bool read, std::uint8_t set) {
    std::uint8_t out = 0;
    for (const std::uint8_t way : {not_given, given_true, given_false}) {
        if (!(set & way)) continue;
        const Profile* sides[2] = {&before, &after};
        for (int side = 0; side < 2; ++side) {
            const Profile& p = *sides[side];
            if (!p.present) continue;
            const bool value = way == not_given ? p.default_value : way == given_true;
            if (p.role == FactRole::Exclusion && value) out |= 1u << side;
            if (p.role == FactRole::Requirement && !value) out |= 4u << side;
            if (read && value) out |= 16u << side;
        }
    }
    return out;
}

// "`a`, `b` or `c`"; long lists are cut: "`a`, `b` and 8 other facts".
std::string fact_list(const std::vector<std::string>& facts, const char* conjunction) {
    std::vector<std::string> quoted;
    for (const auto& f : facts) quoted.push_back(fmt::format("`{}`", f));
    if (quoted.size() == 1) return quoted[0];
    if (quoted.size() <= 4) {
        return fmt::format("{} {} {}", fmt::join(quoted.begin(), quoted.end() - 1, ", "), conjunction, quoted.back());
    }
    return fmt::format("{}, {} {} {} other facts", quoted[0], quoted[1], conjunction, quoted.size() - 2);
}

// Words for one value of a group of one fact: from the ways it may be given.
std::string single_words(const std::string& fact, std::uint8_t ways) {
    const std::string name = fmt::format("`{}`", fact);
    if ((ways & given_true) && !(ways & given_false)) return name + " holds";
    if ((ways & given_false) && !(ways & given_true)) return name + " does not hold";
    if (ways == not_given) return name + " not given";
    return name + " either way";
}

// Words for one value of a group of several facts: from what it contributes. A group that
// holds every exclusion (or requirement) of both versions is named as such.
std::string group_words(const FactGroup& g, const Profile& before, const Profile& after, std::uint8_t fx, bool every) {
    const bool requirement = before.role == FactRole::Requirement || after.role == FactRole::Requirement;
    const bool exclusion = before.role == FactRole::Exclusion || after.role == FactRole::Exclusion;
    if (every && exclusion && !requirement) return fx & 3u ? "an exclusion holds" : "no exclusion holds";
    if (every && requirement && !exclusion) return fx & 12u ? "a requirement is unmet" : "every requirement is met";
    std::vector<std::string> parts;
    if (fx & 3u) parts.push_back(fmt::format("one of {} holds", fact_list(g.facts, "or")));
    if (fx & 12u) parts.push_back(fmt::format("one of {} is false", fact_list(g.facts, "or")));
    if (!parts.empty()) return fmt::format("{}", fmt::join(parts, " and "));
    return requirement ? fmt::format("all of {} hold", fact_list(g.facts, "and"))
                       : fmt::format("none of {} holds", fact_list(g.facts, "or"));
}

// Whether `group` holds every fact of `role` that either version declares.
bool holds_every(const FactGroup& group, const RuleGraph& before, const RuleGraph& after, FactRole role) {
    for (const RuleGraph* g : {&before, &after}) {
        for (const Fact& f : g->facts) {
            if (f.role != role) continue;
            if (std::find(group.facts.begin(), group.facts.end(), f.name) == group.facts.end()) return false;
        }
    }
    return true;
}

}  // namespace

std::string unmodelled_claim_values(const RuleGraph& g) {
    for (const Fact& f : g.facts) {
        if (f.type == FactType::Count) return fmt::format("the fact `{}` carries a count", f.name);
        if (f.type == FactType::Date) return fmt::format("the fact `{}` carries a date", f.name);
        if (f.type == FactType::Choice) return fmt::format("the fact `{}` carries a choice", f.name);
    }
    for (const CondNode& n : g.conditions) {
        if (reads_fact_values(n)) return "a condition compares dates or tests a value that claims carry";
    }
    for (const Period& p : g.periods) {
        if (p.start_fact != none) return "a period counts from a date that claims carry";
    }
    if (g.warranty_start_fact != none) return "the warranty counts from a date that claims carry";
    return "";
}

std::vector<FactCondition> unnamed_one_sided(const FactSpace& space) {
    std::vector<FactCondition> out;
    for (const FactGroup& g : space.groups) {
        if (!g.one_sided) continue;
        out.push_back({g.facts, std::uint8_t{1u << (not_given - 1)},
                       g.facts.size() == 1 ? fmt::format("`{}` not named", g.facts[0])
                                           : fmt::format("none of {} named", fact_list(g.facts, "or"))});
    }
    return out;
}

FactSpace build_fact_space(const RuleGraph& before, const RuleGraph& after) {
    std::set<std::string> read;
    facts_read_by_name(before, read);
    facts_read_by_name(after, read);

    // Every fact name, in the order the new version declares them, then the old-only ones.
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const RuleGraph* g : {&after, &before}) {
        for (const Fact& f : g->facts) {
            if (seen.insert(f.name).second) names.push_back(f.name);
        }
    }

    FactSpace space;
    std::map<std::tuple<bool, int, bool, bool, int, bool>, std::size_t> by_profile;
    std::vector<std::pair<Profile, Profile>> profiles;
    for (const std::string& name : names) {
        const Index b = before.find_fact(name).value_or(none);
        const Index a = after.find_fact(name).value_or(none);
        const Profile pb = profile(before, b), pa = profile(after, a);
        const bool by_name = read.count(name) > 0;
        std::size_t group = space.groups.size();
        if (!by_name) {
            const auto key = std::tuple_cat(pb.key(), pa.key());
            const auto [it, fresh] = by_profile.emplace(key, group);
            group = it->second;
            if (!fresh) {
                space.groups[group].facts.push_back(name);
                space.groups[group].before.push_back(b);
                space.groups[group].after.push_back(a);
                continue;
            }
        }
        FactGroup g;
        g.facts = {name};
        g.before = {b};
        g.after = {a};
        g.read_by_name = by_name;
        g.one_sided = (b == none) != (a == none);
        space.groups.push_back(std::move(g));
        profiles.emplace_back(pb, pa);
    }

    // Each group's distinct effects, from every set of ways its facts can be given.
    std::size_t total = 1;
    for (std::size_t i = 0; i < space.groups.size(); ++i) {
        FactGroup& g = space.groups[i];
        const auto& [pb, pa] = profiles[i];
        std::vector<std::uint8_t> effects;
        for (std::uint8_t set = 1; set <= 7; ++set) {
            if (static_cast<std::size_t>(std::popcount(set)) > g.facts.size()) continue;
            if (g.one_sided && set != not_given) continue;
            const std::uint8_t fx = effect(pb, pa, g.read_by_name, set);
            const auto at = std::find(effects.begin(), effects.end(), fx);
            if (at == effects.end()) {
                effects.push_back(fx);
                g.accepted.push_back(0);
                g.representative.push_back(set);
            }
            g.accepted[static_cast<std::size_t>(std::find(effects.begin(), effects.end(), fx) - effects.begin())] |=
                static_cast<std::uint8_t>(1u << (set - 1));
        }
        for (std::size_t v = 0; v < effects.size(); ++v) {
            std::uint8_t ways = 0;  // for one fact, the ways with this effect
            for (std::uint8_t way : {not_given, given_true, given_false}) {
                if ((g.accepted[v] >> (way - 1)) & 1u) ways |= way;
            }
            const FactRole role = pb.present ? pb.role : pa.role;
            const bool every = role != FactRole::Plain && holds_every(g, before, after, role);
            g.words.push_back(g.facts.size() == 1 ? single_words(g.facts[0], ways) : group_words(g, pb, pa, effects[v], every));
        }
        total *= effects.size();
        if (total > max_classes) {
            throw DiffLimit{fmt::format("the two versions read too many facts separately to compare every combination "
                                        "(more than {}); the diff compares at most {} fact classes",
                                        max_classes, max_classes)};
        }
    }

    // The product of the groups' values, each with the query facts that produce it.
    std::vector<std::uint8_t> values(space.groups.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
        FactClass c;
        c.values = values;
        c.before = before.fact_defaults;
        c.after = after.fact_defaults;
        for (std::size_t i = 0; i < space.groups.size(); ++i) {
            const FactGroup& g = space.groups[i];
            const std::uint8_t set = g.representative[values[i]];
            std::vector<std::uint8_t> ways;
            for (std::uint8_t way : {not_given, given_true, given_false}) {
                if (set & way) ways.push_back(way);
            }
            for (std::size_t f = 0; f < g.facts.size(); ++f) {
                // Distinct ways go to the first facts; the rest stay not given when that is one of them.
                const std::uint8_t way = f < ways.size() ? ways[f] : (set & not_given) ? not_given : ways[0];
                if (way == not_given) continue;
                const bool value = way == given_true;
                c.named.emplace_back(g.facts[f], value);
                if (g.before[f] != none) set_fact(c.before, g.before[f], value);
                if (g.after[f] != none) set_fact(c.after, g.after[f], value);
            }
        }
        space.classes.push_back(std::move(c));
        for (std::size_t i = 0; i < values.size(); ++i) {  // next combination, odometer style
            if (++values[i] < space.groups[i].accepted.size()) break;
            values[i] = 0;
        }
    }
    return space;
}

}  // namespace warrant::claims
