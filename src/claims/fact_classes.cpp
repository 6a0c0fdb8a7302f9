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
// (for a fact read by name), 6 (with `mixed`) some way makes a fact count in one version only.
std::uint8_t effect(const Profile& before, const Profile& after, bool read, bool mixed, std::uint8_t set) {
    std::uint8_t out = 0;
    const auto counts = [](const Profile& p, bool value) {
        return p.present && ((p.role == FactRole::Exclusion && value) || (p.role == FactRole::Requirement && !value));
    };
    if (mixed && before.present && after.present) {
        for (const std::uint8_t way : {not_given, given_true, given_false}) {
            if (!(set & way)) continue;
            const bool vb = way == not_given ? before.default_value : way == given_true;
            const bool va = way == not_given ? after.default_value : way == given_true;
            if (counts(before, vb) != counts(after, va)) out |= 64u;
        }
    }
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

// The tests of counts and choices that read one fact, in both versions.
struct ValueTest {
    bool after = false;
    const CondNode* node = nullptr;
};

// What a value of a count or choice fact does to every test of it, as bits in a string; `number`
// per side: the count, or the choice's index in that version (-1: a value it lacks).
std::string value_effect(const std::vector<ValueTest>& tests, std::int64_t before_number, std::int64_t after_number) {
    std::string key;
    for (const ValueTest& t : tests) {
        const std::int64_t v = t.after ? after_number : before_number;
        bool holds = false;
        if (t.node->kind == CondKind::CountCompare) {
            holds = compare(static_cast<std::int32_t>(v), static_cast<Comparison>(t.node->c), t.node->b);
        } else {
            holds = v >= 0 && ((t.node->b >> v) & 1u) != 0;
        }
        key += holds ? '1' : '0';
    }
    return key;
}

std::string count_words(const std::string& fact, const ValueCondition& v) {
    std::vector<std::string> parts;
    for (const auto& [lo, hi] : v.counts) {
        if (lo == hi) parts.push_back(std::to_string(lo));
        else if (hi == max_claim_count) parts.push_back(fmt::format("{} or more", lo));
        else if (lo == 0) parts.push_back(fmt::format("at most {}", hi));
        else parts.push_back(fmt::format("{} to {}", lo, hi));
    }
    for (const std::string& c : v.choices) parts.push_back(c);
    if (parts.empty()) return fmt::format("`{}` not given", fact);
    std::string out = fmt::format("`{}` is ", fact);
    if (parts.size() == 1) out += parts[0];
    else out += fmt::format("{} or {}", fmt::join(parts.begin(), parts.end() - 1, ", "), parts.back());
    return v.not_given ? out + " or not given" : out;
}

// Whether `f` (none: not declared) extends a period of `g`.
bool extends_a_period(const RuleGraph& g, Index f) {
    return f != none && std::any_of(g.periods.begin(), g.periods.end(), [&](const Period& p) { return p.extension_fact == f; });
}

// A count or choice fact: its values, cut where a test of either version tells them apart,
// grouped by what they do, with "not given" (each version's default) where it does the same.
// A count that extends a period also tells 0 apart from the rest: the diff compares the claims
// where it is 0 (claims_extended in unit_compare.hpp).
void cut_values(FactGroup& g, const RuleGraph& before, const RuleGraph& after) {
    const Index b = g.before[0], a = g.after[0];
    const Fact* fb = b == none ? nullptr : &before.facts[b];
    const Fact* fa = a == none ? nullptr : &after.facts[a];
    const bool not_given_allowed = !(fb && fb->required()) && !(fa && fa->required());
    if (g.one_sided) {  // only "not given" is compared; a claim naming it is rejected by one version
        if (not_given_allowed) {
            g.values.push_back({true, {}, {}});
        }
    } else {
        std::vector<ValueTest> tests;
        for (const bool is_after : {false, true}) {
            const RuleGraph& graph = is_after ? after : before;
            const Index f = is_after ? a : b;
            for (const CondNode& n : graph.conditions) {
                if ((n.kind == CondKind::CountCompare || n.kind == CondKind::ChoiceIn) && n.a == f) tests.push_back({is_after, &n});
            }
        }
        const bool extends = extends_a_period(before, b) || extends_a_period(after, a);
        const auto effect_of = [&](std::int64_t before_number, std::int64_t after_number) {
            std::string key = value_effect(tests, before_number, after_number);
            if (extends) key += before_number > 0 || after_number > 0 ? '+' : '0';
            return key;
        };
        std::vector<std::string> keys;
        const auto value_of = [&](const std::string& key) -> ValueCondition& {
            const auto at = std::find(keys.begin(), keys.end(), key);
            if (at != keys.end()) return g.values[static_cast<std::size_t>(at - keys.begin())];
            keys.push_back(key);
            return g.values.emplace_back();
        };
        if (g.type == FactType::Count) {
            std::vector<std::int64_t> cuts = {0};
            if (extends) cuts.push_back(1);
            for (const ValueTest& t : tests) {
                const std::int64_t n = t.node->b;
                for (const std::int64_t cut : {n, n + 1}) {
                    if (cut > 0 && cut <= max_claim_count) cuts.push_back(cut);
                }
            }
            std::sort(cuts.begin(), cuts.end());
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
            for (std::size_t i = 0; i < cuts.size(); ++i) {
                const std::int64_t lo = cuts[i], hi = i + 1 < cuts.size() ? cuts[i + 1] - 1 : max_claim_count;
                auto& counts = value_of(effect_of(lo, lo)).counts;
                if (!counts.empty() && counts.back().second + 1 == lo) counts.back().second = static_cast<std::int32_t>(hi);
                else counts.emplace_back(static_cast<std::int32_t>(lo), static_cast<std::int32_t>(hi));
            }
        } else {
            for (std::size_t i = 0; i < fa->choices.size(); ++i) {
                const auto in_before = std::find(fb->choices.begin(), fb->choices.end(), fa->choices[i]);
                if (in_before == fb->choices.end()) {  // a value the old version rejects
                    g.choices_rejected = true;
                    continue;
                }
                value_of(effect_of(in_before - fb->choices.begin(), static_cast<std::int64_t>(i))).choices.push_back(fa->choices[i]);
            }
        }
        if (fb->choices.size() != fa->choices.size()) g.choices_rejected = true;  // the new version rejects some
        if (not_given_allowed) {
            value_of(effect_of(fb->default_number.value_or(-1), fa->default_number.value_or(-1))).not_given = true;
        }
    }
    for (const ValueCondition& v : g.values) {
        g.accepted.push_back(v.not_given ? std::uint8_t{1} : std::uint8_t{0});
        g.representative.push_back(0);
        g.words.push_back(count_words(g.facts[0], v));
    }
}

// Sets a class's value of a count or choice group: one claim value of `v`, or none.
void give_value(FactClass& c, const FactGroup& g, const ValueCondition& v, const RuleGraph& before, const RuleGraph& after) {
    if (v.counts.empty() && v.choices.empty()) return;  // only "not given": the defaults stand
    const std::string& name = g.facts[0];
    for (const bool is_after : {false, true}) {
        const RuleGraph& graph = is_after ? after : before;
        const Index f = is_after ? g.after[0] : g.before[0];
        FactValues& slots = is_after ? c.counts_after : c.counts_before;
        const Fact& fact = graph.facts[f];
        if (!v.counts.empty()) {
            slots[fact.slot] = v.counts[0].first;
        } else {
            slots[fact.slot] = static_cast<std::int32_t>(std::find(fact.choices.begin(), fact.choices.end(), v.choices[0]) - fact.choices.begin());
        }
    }
    c.named.emplace_back(name, v.counts.empty() ? FactValue(ValueKind::String, v.choices[0])
                                                : FactValue(ValueKind::Number, std::to_string(v.counts[0].first)));
}

}  // namespace

std::string unmodelled_claim_values(const RuleGraph& g) {
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::WithinAfter && n.subject_fact != none && n.c != 0) {
            return fmt::format("a condition tests when `{}` falls after {}", g.facts[n.subject_fact].name,
                               n.c == 1 ? "the last repair" : "another date fact");
        }
    }
    return "";
}

FactCondition FactGroup::condition(std::size_t value) const {
    FactCondition c{facts, accepted[value], words[value], std::nullopt};
    if (type != FactType::Bool) c.values = values[value];
    return c;
}

FactValue some_value(const Fact& f, Date on) {
    switch (f.type) {
        case FactType::Bool: return !f.default_value;
        case FactType::Count: return FactValue(ValueKind::Number, std::to_string(f.default_number.value_or(0)));
        case FactType::Date: return FactValue(ValueKind::String, to_iso(on));
        case FactType::Choice:
            return FactValue(ValueKind::String, f.choices.empty() ? std::string() : f.choices[static_cast<std::size_t>(f.default_number.value_or(0))]);
    }
    return true;
}

OneSidedValues one_sided_values(const RuleGraph& before, const RuleGraph& after) {
    OneSidedValues out;
    for (const Fact& fb : before.facts) {
        if (fb.required() && !after.find_fact(fb.name)) out.required_by_one.push_back(fb.name);
    }
    for (const Fact& fa : after.facts) {
        const auto b = before.find_fact(fa.name);
        if (!b) {
            if (fa.required()) out.required_by_one.push_back(fa.name);
            continue;
        }
        const Fact& fb = before.facts[*b];
        if (fb.type != fa.type) {
            out.retyped.push_back(fa.name);
            continue;
        }
        if (fa.required() != fb.required()) out.required_by_one.push_back(fa.name);
        if (fa.type != FactType::Choice) continue;
        for (const Fact* f : {&fb, &fa}) {
            const Fact& other = f == &fb ? fa : fb;
            for (const std::string& v : f->choices) {
                if (std::find(other.choices.begin(), other.choices.end(), v) == other.choices.end()) out.choices.emplace_back(fa.name, v);
            }
        }
    }
    return out;
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

std::vector<FactCondition> answered_values(const FactSpace& space) {
    std::vector<FactCondition> out;
    for (const FactGroup& g : space.groups) {
        if (g.type == FactType::Bool || g.one_sided) continue;
        ValueCondition all;
        for (const ValueCondition& v : g.values) {
            all.not_given |= v.not_given;
            all.counts.insert(all.counts.end(), v.counts.begin(), v.counts.end());
            all.choices.insert(all.choices.end(), v.choices.begin(), v.choices.end());
        }
        if (all.not_given && !g.choices_rejected) continue;
        std::string words;
        if (g.type == FactType::Count) {
            all.counts = {{0, static_cast<std::int32_t>(max_claim_count)}};
            words = fmt::format("`{}` given", g.facts[0]);
        } else {
            words = count_words(g.facts[0], all);
        }
        out.push_back({g.facts, std::uint8_t{all.not_given ? std::uint8_t{1} : std::uint8_t{0}}, words, all});
    }
    return out;
}

FactSpace build_fact_space(const RuleGraph& before, const RuleGraph& after, const FactClauseKeys* clause_keys) {
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
    std::map<std::tuple<bool, int, bool, bool, int, bool, std::string>, std::size_t> by_profile;
    std::vector<std::pair<Profile, Profile>> profiles;
    for (const std::string& name : names) {
        const Index b = before.find_fact(name).value_or(none);
        const Index a = after.find_fact(name).value_or(none);
        const FactType tb = b == none ? FactType::Bool : before.facts[b].type;
        const FactType ta = a == none ? FactType::Bool : after.facts[a].type;
        if (tb == FactType::Date && ta == FactType::Date) continue;  // cut with the claim's dates
        if (tb != FactType::Bool || ta != FactType::Bool) {
            // A count or choice: a group of its own. Declared by one version only, or as
            // another kind there, only "not given" is compared.
            FactGroup g;
            g.type = a != none ? ta : tb;
            g.facts = {name};
            g.before = {b};
            g.after = {a};
            g.read_by_name = true;
            g.one_sided = b == none || a == none || tb != ta;
            space.groups.push_back(std::move(g));
            profiles.emplace_back(Profile{}, Profile{});
            continue;
        }
        const Profile pb = profile(before, b), pa = profile(after, a);
        const bool by_name = read.count(name) > 0;
        std::size_t group = space.groups.size();
        if (!by_name) {
            std::string cites;
            if (clause_keys) {
                const auto it = clause_keys->find(name);
                if (it != clause_keys->end()) cites = it->second;
            }
            const auto key = std::tuple_cat(pb.key(), pa.key(), std::make_tuple(cites));
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
        if (g.type != FactType::Bool) {
            cut_values(g, before, after);
            total *= g.values.size();
            if (total > max_classes) {
                throw DiffLimit{fmt::format("the two versions tell apart too many combinations of facts, counts and choices "
                                            "(more than {}) to compare every one",
                                            max_classes)};
            }
            continue;
        }
        const auto& [pb, pa] = profiles[i];
        std::vector<std::uint8_t> effects;
        for (std::uint8_t set = 1; set <= 7; ++set) {
            if (static_cast<std::size_t>(std::popcount(set)) > g.facts.size()) continue;
            if (g.one_sided && set != not_given) continue;
            const std::uint8_t fx = effect(pb, pa, g.read_by_name, clause_keys && g.facts.size() > 1, set);
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
        c.counts_before = before.value_defaults;
        c.counts_after = after.value_defaults;
        for (std::size_t i = 0; i < space.groups.size(); ++i) {
            const FactGroup& g = space.groups[i];
            if (g.type != FactType::Bool) {
                give_value(c, g, g.values[values[i]], before, after);
                continue;
            }
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
