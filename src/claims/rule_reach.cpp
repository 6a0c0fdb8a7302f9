// The exact reach of each rule, from the classes of claims that decide alike.
#include "claims/rule_reach.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <unordered_map>
#include <set>
#include <tuple>

#include "claims/claim_dates.hpp"
#include "claims/fact_classes.hpp"
#include "claims/places.hpp"
#include "support/run_both.hpp"
#include "warrant/decide.hpp"

namespace warrant::claims {

namespace {

// Of each period a unit may be given, what a decision reads (not which statement it is, nor
// its clause: many models have periods of their own that are alike): its length, the date it
// counts from and, with `condition`, its condition. Then the model's end of service.
void push_periods_and_end(const RuleGraph& g, Index model, Index part, bool condition, std::vector<std::int64_t>& key) {
    const std::size_t slot = static_cast<std::size_t>(model) * g.parts.size() + part;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        const Period& p = g.periods[g.period_choices[i]];
        key.push_back(p.length.count);
        key.push_back(static_cast<std::int64_t>(p.length.unit));
        key.push_back(p.start_fact == none ? -1 : std::int64_t{p.start_fact});
        if (condition) key.push_back(p.condition == none ? -1 : std::int64_t{p.condition});
    }
    key.push_back(-1);
    const Model& m = g.models[model];
    key.push_back(m.end_of_service ? m.end_of_service->days : std::int64_t{1} << 40);
}

// What deciding a claim reads of a model for a part; models alike in it are decided alike.
void unit_key(const RuleGraph& g, Index model, Index part, bool series_read, std::vector<std::int64_t>& key) {
    key.assign(1, part);
    push_periods_and_end(g, model, part, true, key);
    for (const auto& members : g.list_membership) key.push_back(members[model] ? 1 : 0);
    const Model& m = g.models[model];
    if (series_read) key.push_back(m.series == none ? -1 : std::int64_t{m.series});
}

// What a unit's date space is built from besides the policy's conditions, which every unit
// shares: the lengths of its periods and the dates they count from, and its model's end of
// service (claim_dates.hpp). Units alike in it share one date space.
void date_key(const RuleGraph& g, Index model, Index part, std::vector<std::int64_t>& key) {
    key.clear();
    push_periods_and_end(g, model, part, false, key);
}

std::uint64_t key_hash(const std::vector<std::int64_t>& key) {
    std::uint64_t h = 1469598103934665603ull;
    for (const std::int64_t v : key) h = (h ^ static_cast<std::uint64_t>(v)) * 1099511628211ull;
    return h;
}

}  // namespace

std::optional<std::vector<RuleReach>> rule_reach(const RuleGraph& g, std::size_t max_classes) {
    const std::size_t rules = g.rules.size();
    std::vector<RuleReach> out(rules);
    if (rules == 0) return out;
    // Without a model or a part no claim exists; the question is left to the approximation.
    if (g.models.empty() || g.parts.empty()) return std::nullopt;
    if (!unmodelled_claim_values(g).empty()) return std::nullopt;
    // A period extended by a count, or with a least end after a date, ends where no date space
    // below cuts along: the question is left to the approximation.
    for (const Period& p : g.periods) {
        if (p.extension_fact != none || p.floor_anchor != Period::FloorAnchor::None) return std::nullopt;
    }
    const Date reference = g.info.effective.value_or(*make_date(2025, 1, 1));
    bool series_read = false;
    for (const CondNode& n : g.conditions) series_read |= n.kind == CondKind::InSeries;

    std::optional<FactSpace> facts;
    try {
        facts.emplace(build_fact_space(g, g));
    } catch (const DiffLimit&) {
        return std::nullopt;
    }
    const std::vector<PurchasePlace> places = purchase_places(g, g);

    // One model per group of models decided alike, per part.
    // A hash table: a catalogue has hundreds of thousands of models and parts. The units are
    // tried in the order they are first met, model by model. Only the distinct keys are kept,
    // back to back in one buffer; each (model, part)'s key is built in one reused vector.
    std::unordered_multimap<std::uint64_t, std::size_t> unit_of_hash;
    std::vector<std::int64_t> kept_keys, key;
    std::vector<std::size_t> kept_at = {0};  // unit u's key: kept_keys[kept_at[u], kept_at[u + 1])
    std::vector<std::pair<Index, Index>> units;
    for (Index m = 0; m < g.models.size(); ++m) {
        for (Index p = 0; p < g.parts.size(); ++p) {
            unit_key(g, m, p, series_read, key);
            const std::uint64_t h = key_hash(key);
            const auto [first, last] = unit_of_hash.equal_range(h);
            const bool seen = std::any_of(first, last, [&](const auto& entry) {
                const std::size_t u = entry.second;
                return std::equal(key.begin(), key.end(), kept_keys.begin() + static_cast<std::ptrdiff_t>(kept_at[u]),
                                  kept_keys.begin() + static_cast<std::ptrdiff_t>(kept_at[u + 1]));
            });
            if (seen) continue;
            unit_of_hash.emplace(h, units.size());
            kept_keys.insert(kept_keys.end(), key.begin(), key.end());
            kept_at.push_back(kept_keys.size());
            units.emplace_back(m, p);
        }
    }

    // First, in order, the date space of every unit and the budgets: what is tried, and whether
    // the analysis gives up, do not depend on how the trying is then shared out.
    std::size_t work = 0;
    std::size_t date_work = 0;
    std::size_t units_tried = 0;
    std::map<std::vector<std::int64_t>, std::size_t> space_of;  // date key -> index in `spaces`
    std::vector<DateSpace> spaces;
    std::vector<std::size_t> space_of_unit;
    std::vector<std::size_t> work_before = {0};  // claims to try in the units before unit u
    for (const auto& unit : units) {
        // When the units tried so far say the rest would take several times the budget, give up
        // now rather than at its end (a large catalogue would spend the whole budget in vain).
        if (units_tried >= 128 && date_work * units.size() > 4 * max_date_work * units_tried) return std::nullopt;
        ++units_tried;
        const Side side{&g, unit.first, unit.second};
        date_key(g, unit.first, unit.second, key);
        auto [at, fresh] = space_of.try_emplace(key, spaces.size());
        if (fresh) {
            try {
                // One budget for every unit, so that the check stays quick on any policy.
                spaces.push_back(build_date_space(side, side, reference, false, max_date_work - std::min(date_work, max_date_work)));
                date_work += spaces.back().work;
            } catch (const DiffLimit&) {
                return std::nullopt;
            }
        }
        space_of_unit.push_back(at->second);
        work += spaces[at->second].keys.size() * facts->classes.size() * places.size();
        if (work > max_classes) return std::nullopt;
        work_before.push_back(work);
    }

    // Then every claim of every unit is decided, and every rule whose condition holds noted: in
    // two halves of the work on two cores where there are two, joined by union (the order of
    // joining changes nothing).
    struct Reached {
        explicit Reached(std::size_t rules)
            : holds_somewhere(rules, 0), decides(rules, 0), pre_empted_bits(rules, 0), pre_empted(rules), uncovered(rules, 0) {}
        std::vector<char> holds_somewhere, decides;
        // Per rule, the rules that decide where its condition holds: bits for the first 64 rules
        // (every claim tried sets some), a set for the others.
        std::vector<std::uint64_t> pre_empted_bits;
        std::vector<std::set<Index>> pre_empted;
        std::vector<std::uint64_t> uncovered;  // bit j: a claim where this rule's condition holds and rule j's does not
    };
    const auto reach_units = [&](std::size_t begin, std::size_t end, Reached& r) {
        std::vector<char> holding(rules);
        for (std::size_t u = begin; u < end; ++u) {
            const Side side{&g, units[u].first, units[u].second};
            const DateSpace& dates = spaces[space_of_unit[u]];
            for (const FactClass& fc : facts->classes) {
                for (const PurchasePlace& place : places) {
                    for (const DateSample& s : dates.witnesses) {
                        const Claim c = sample_claim(side, dates, s, place.outside_after, fc.after, fc.counts_after);
                        const Decision d = decide(g, c);
                        std::uint64_t held = 0;
                        // decide() tried the rules in order up to the one that decided: those
                        // before it do not hold; only the later ones are left to try.
                        for (std::size_t i = 0; i < rules; ++i) {
                            const Index cond = g.rules[i].condition;
                            if (d.rule == none || i > d.rule) holding[i] = cond == none || holds(g, cond, c, d);
                            else holding[i] = i == d.rule;
                            if (holding[i] && i < 64) held |= std::uint64_t{1} << i;
                        }
                        for (std::size_t i = 0; i < rules; ++i) {
                            if (!holding[i]) continue;
                            r.holds_somewhere[i] = 1;
                            if (i == d.rule) r.decides[i] = 1;
                            else if (d.rule < 64) r.pre_empted_bits[i] |= std::uint64_t{1} << d.rule;
                            else r.pre_empted[i].insert(d.rule);
                            r.uncovered[i] |= ~held;
                        }
                    }
                }
            }
        }
    };
    // Split where half the claims have been tried; a small policy is not worth a thread.
    constexpr std::size_t worth_sharing = 2'000;
    const std::size_t half =
        work < worth_sharing ? units.size()
                             : static_cast<std::size_t>(std::lower_bound(work_before.begin(), work_before.end(), work / 2) - work_before.begin());
    Reached first(rules), second(rules);
    if (half >= units.size()) {
        reach_units(0, units.size(), first);
    } else {
        run_both([&] { reach_units(0, half, first); }, [&] { reach_units(half, units.size(), second); });
    }
    std::vector<std::uint64_t> pre_empted_bits(rules), uncovered(rules);
    std::vector<std::set<Index>> pre_empted(rules);
    for (std::size_t i = 0; i < rules; ++i) {
        out[i].holds_somewhere = first.holds_somewhere[i] || second.holds_somewhere[i];
        out[i].decides = first.decides[i] || second.decides[i];
        pre_empted_bits[i] = first.pre_empted_bits[i] | second.pre_empted_bits[i];
        uncovered[i] = first.uncovered[i] | second.uncovered[i];
        pre_empted[i] = std::move(first.pre_empted[i]);
        pre_empted[i].insert(second.pre_empted[i].begin(), second.pre_empted[i].end());
    }
    for (std::size_t i = 0; i < rules; ++i) {
        for (std::uint64_t bits = pre_empted_bits[i]; bits != 0; bits &= bits - 1) {
            out[i].pre_empted_by.push_back(static_cast<Index>(std::countr_zero(bits)));
        }
        out[i].pre_empted_by.insert(out[i].pre_empted_by.end(), pre_empted[i].begin(), pre_empted[i].end());
        if (out[i].decides || !out[i].holds_somewhere) continue;
        for (std::size_t j = 0; j < i && j < 64; ++j) {
            if (((uncovered[i] >> j) & 1u) == 0) {
                out[i].covered_by = static_cast<Index>(j);
                break;
            }
        }
    }
    return out;
}

}  // namespace warrant::claims
