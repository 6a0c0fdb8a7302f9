// W4109: a rule that can never decide, because wherever its condition holds an earlier rule's
// holds too (the first rule that holds decides). W3103 already reports rules after one without
// `when`; this finds the rest.
//
// Exactly, first: the classes of claims that decide alike (src/claims/, shared with the diff:
// per model and part, every combination of date boundaries, fact class and place of
// purchase) are each decided once, so a rule is reported when no claim of any model and part
// reaches it, with the rules that take its claims.
//
// When the policy is beyond that enumeration, an over-approximation stands in: rule conditions
// read finitely many things (the part, the model's lists and series, windows of days or months
// after purchase or repair, the warranty, the region, and facts), each taken as independent
// (the warranty, say, of the windows), which can hide a dead rule but never report a live one.
// When that space is too large to try (2^18 cells, or 2^24 cells times condition nodes), a
// syntactic test stands in: a later condition that implies an earlier one.
#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include "claims/rule_reach.hpp"
#include "lint/checks.hpp"

namespace warrant::checks {

namespace {

constexpr std::uint64_t max_cells = 1u << 18;
constexpr std::uint64_t max_work = 1u << 24;  // cells x condition nodes

std::uint64_t condition_size(const RuleGraph& g, Index c) {
    if (c == none) return 0;
    const CondNode& n = g.conditions[c];
    std::uint64_t size = 1;
    if (n.kind == CondKind::AnyOf || n.kind == CondKind::AllOf) {
        for (Index i = 0; i < n.b; ++i) size += condition_size(g, g.condition_children[n.a + i]);
    } else if (n.kind == CondKind::Not) {
        size += condition_size(g, n.a);
    }
    return size;
}

// ---- what the rules read -------------------------------------------------------------------

struct Reads {
    std::set<Index> parts, lists, series, facts;
    std::set<std::pair<std::uint32_t, std::uint32_t>> windows[2];  // per anchor: (count, unit)
    bool warranty = false, end_of_service = false, outside = false, any_exclusion = false, any_unmet = false;
    bool values = false;  // counts, dates or choices: not modelled by this check's cells
};

void collect_reads(const RuleGraph& g, Index c, Reads& r) {
    for_each_leaf(g, c, [&](const CondNode& n) {
        if (reads_fact_values(n)) {
            r.values = true;
            return;
        }
        switch (n.kind) {
            case CondKind::PartIs: r.parts.insert(n.a); break;
            case CondKind::WithinWarranty: r.warranty = true; break;
            case CondKind::WithinAfter: r.windows[n.c].insert({n.a, n.b}); break;
            case CondKind::AfterEndOfService: r.end_of_service = true; break;
            case CondKind::PurchasedOutside: r.outside = true; break;
            case CondKind::InList: r.lists.insert(n.a); break;
            case CondKind::InSeries: r.series.insert(n.a); break;
            case CondKind::AnyExclusion: r.any_exclusion = true; break;
            case CondKind::AnyUnmet: r.any_unmet = true; break;
            case CondKind::FactIs: r.facts.insert(n.a); break;
            default: break;
        }
    });
}

// ---- the space of claims, one representative per cell -----------------------------------

// Windows after one anchor. When they nest (each surely shorter than the next), a claim is in
// all windows from some point on: a chain of k + 1 states. Otherwise each is a free boolean.
struct Windows {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> lengths;  // ascending when nested
    bool nested = true;
    std::uint64_t states() const { return nested ? lengths.size() + 1 : std::uint64_t{1} << std::min<std::size_t>(lengths.size(), 40); }
    bool within(std::size_t window, std::uint64_t state) const {
        return nested ? window >= state : ((state >> window) & 1u) != 0;
    }
    std::size_t index_of(std::uint32_t count, std::uint32_t unit) const {
        return static_cast<std::size_t>(std::find(lengths.begin(), lengths.end(), std::make_pair(count, unit)) - lengths.begin());
    }
};

Windows make_windows(const std::set<std::pair<std::uint32_t, std::uint32_t>>& read) {
    Windows w;
    w.lengths.assign(read.begin(), read.end());
    const auto as_length = [](std::pair<std::uint32_t, std::uint32_t> l) {
        return Length{l.first, l.second == 0 ? LengthUnit::Days : LengthUnit::Months};
    };
    std::sort(w.lengths.begin(), w.lengths.end(), [&](auto a, auto b) {
        const auto cmp = compare_lengths(as_length(a), as_length(b));
        return cmp ? *cmp < 0 : a < b;
    });
    for (std::size_t i = 0; i + 1 < w.lengths.size(); ++i) {
        const auto cmp = compare_lengths(as_length(w.lengths[i]), as_length(w.lengths[i + 1]));
        if (!cmp || *cmp >= 0) w.nested = false;
    }
    return w;
}

struct Cell {
    Index part = none, model = none;
    std::uint64_t windows[2] = {0, 0};
    bool warranty = false, after_end = false, outside = false;
    FactBits facts{};
};

class Space {
public:
    Space(const RuleGraph& g, const Reads& r) : g_(g), r_(r) {
        // Parts: each part read, and one that is not (if any), standing for all the others.
        for (const Index p : r.parts) parts_.push_back(p);
        for (Index p = 0; p < g.parts.size(); ++p) {
            if (!r.parts.count(p)) {
                parts_.push_back(p);
                break;
            }
        }
        if (parts_.empty()) parts_.push_back(none);
        // Models: one per distinct combination of the lists and series read, and whether the
        // model has an end of service.
        std::unordered_set<std::string> seen;
        std::string key;
        for (Index m = 0; m < g.models.size(); ++m) {
            key.clear();
            for (const Index l : r.lists) key.push_back(g.list_membership[l][m] ? '1' : '0');
            for (const Index s : r.series) key.push_back(g.models[m].series == s ? '1' : '0');
            key.push_back(r.end_of_service && g.models[m].end_of_service ? '1' : '0');
            if (seen.insert(key).second) models_.push_back(m);
        }
        if (models_.empty()) models_.push_back(none);
        for (int a = 0; a < 2; ++a) windows_[a] = make_windows(r.windows[a]);
        // Facts: those read by name; plus, for `any exclusion` / `any requirement unmet`, one
        // exclusion or requirement not read by name, standing for all the others.
        base_facts_ = g.fact_defaults;
        for (Index f = 0; f < g.facts.size(); ++f) {
            if (r.facts.count(f)) continue;
            if (g.facts[f].role == FactRole::Exclusion) set_fact(base_facts_, f, false);
            if (g.facts[f].role == FactRole::Requirement) set_fact(base_facts_, f, true);
        }
        facts_.assign(r.facts.begin(), r.facts.end());
        const auto stand_in = [&](FactRole role) {
            for (Index f = 0; f < g.facts.size(); ++f) {
                if (g.facts[f].role == role && !r.facts.count(f)) return facts_.push_back(f);
            }
        };
        if (r.any_exclusion) stand_in(FactRole::Exclusion);
        if (r.any_unmet) stand_in(FactRole::Requirement);
    }

    // The number of cells, or nullopt past `max_cells`.
    std::optional<std::uint64_t> size() const {
        std::uint64_t n = 1;
        const auto times = [&](std::uint64_t k) {
            n = (k != 0 && n > max_cells / k) ? max_cells + 1 : n * k;
        };
        times(parts_.size());
        times(models_.size() * (r_.end_of_service ? 2 : 1));
        times(windows_[0].states());
        times(windows_[1].states());
        times(r_.warranty ? 2 : 1);
        times(r_.outside ? 2 : 1);
        for (std::size_t i = 0; i < facts_.size(); ++i) times(2);
        if (n > max_cells || facts_.size() > 40 || windows_[0].lengths.size() > 40 || windows_[1].lengths.size() > 40) {
            return std::nullopt;
        }
        return n;
    }

    // Calls `visit` with every cell.
    template <typename Visit>
    void each(Visit&& visit) const {
        Cell cell;
        for (const Index part : parts_) {
            cell.part = part;
            for (const Index model : models_) {
                cell.model = model;
                const bool can_end = r_.end_of_service && model != none && g_.models[model].end_of_service;
                for (int after = 0; after <= (can_end ? 1 : 0); ++after) {
                    cell.after_end = after != 0;
                    for (std::uint64_t w0 = 0; w0 < windows_[0].states(); ++w0) {
                        cell.windows[0] = w0;
                        for (std::uint64_t w1 = 0; w1 < windows_[1].states(); ++w1) {
                            cell.windows[1] = w1;
                            for (int warranty = 0; warranty <= (r_.warranty ? 1 : 0); ++warranty) {
                                cell.warranty = warranty != 0;
                                for (int outside = 0; outside <= (r_.outside ? 1 : 0); ++outside) {
                                    cell.outside = outside != 0;
                                    for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << facts_.size()); ++bits) {
                                        cell.facts = base_facts_;
                                        for (std::size_t f = 0; f < facts_.size(); ++f) set_fact(cell.facts, facts_[f], (bits >> f) & 1u);
                                        visit(cell);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    bool holds(Index c, const Cell& cell) const {
        const CondNode& n = g_.conditions[c];
        switch (n.kind) {
            case CondKind::AnyOf:
                for (Index i = 0; i < n.b; ++i) if (holds(g_.condition_children[n.a + i], cell)) return true;
                return false;
            case CondKind::AllOf:
                for (Index i = 0; i < n.b; ++i) if (!holds(g_.condition_children[n.a + i], cell)) return false;
                return true;
            case CondKind::Not: return !holds(n.a, cell);
            case CondKind::PartIs: return (cell.part == n.a) != (n.c != 0);
            case CondKind::WithinWarranty: return cell.warranty;
            case CondKind::WithinAfter: {
                const Windows& w = windows_[n.c];
                return w.within(w.index_of(n.a, n.b), cell.windows[n.c]);
            }
            case CondKind::AfterEndOfService: return cell.after_end;
            case CondKind::PurchasedOutside: return cell.outside;
            case CondKind::InList: return cell.model != none && g_.list_membership[n.a][cell.model];
            case CondKind::InSeries: return cell.model != none && g_.models[cell.model].series == n.a;
            case CondKind::AnyExclusion:
            case CondKind::AnyUnmet: {
                const bool exclusion = n.kind == CondKind::AnyExclusion;
                for (Index f = 0; f < g_.facts.size(); ++f) {
                    const FactRole role = g_.facts[f].role;
                    if (exclusion && role == FactRole::Exclusion && test_fact(cell.facts, f)) return true;
                    if (!exclusion && role == FactRole::Requirement && !test_fact(cell.facts, f)) return true;
                }
                return false;
            }
            case CondKind::FactIs: return test_fact(cell.facts, n.a);
            default: return false;  // counts, dates and choices: the check stops before cells (see Reads::values)
        }
        return false;
    }

private:
    const RuleGraph& g_;
    const Reads& r_;
    std::vector<Index> parts_, models_, facts_;
    Windows windows_[2];
    FactBits base_facts_{};
};

// ---- the syntactic stand-in ------------------------------------------------------------------

std::vector<Index> operands(const RuleGraph& g, Index c) {
    const CondNode& n = g.conditions[c];
    return {g.condition_children.begin() + n.a, g.condition_children.begin() + n.a + n.b};
}

// Structural equality: two conditions written alike.
bool same(const RuleGraph& g, Index x, Index y) {
    const CondNode& a = g.conditions[x];
    const CondNode& b = g.conditions[y];
    if (a.kind != b.kind) return false;
    if (a.kind == CondKind::AnyOf || a.kind == CondKind::AllOf) {
        if (a.b != b.b) return false;
        for (Index i = 0; i < a.b; ++i) {
            if (!same(g, g.condition_children[a.a + i], g.condition_children[b.a + i])) return false;
        }
        return true;
    }
    if (a.kind == CondKind::Not) return same(g, a.a, b.a);
    return a.a == b.a && a.b == b.b && a.c == b.c;
}

// Whether `x` surely implies `y`, from their shape alone. `budget` bounds the work on deeply
// nested conditions; when it runs out the answer is no, which only hides a warning.
bool implies(const RuleGraph& g, Index x, Index y, std::size_t& budget) {
    if (budget == 0) return false;
    --budget;
    if (x == y || same(g, x, y)) return true;
    const CondNode& a = g.conditions[x];
    const CondNode& b = g.conditions[y];
    if (b.kind == CondKind::AllOf) {
        for (const Index c : operands(g, y)) if (!implies(g, x, c, budget)) return false;
        return true;
    }
    if (a.kind == CondKind::AnyOf) {
        for (const Index c : operands(g, x)) if (!implies(g, c, y, budget)) return false;
        return true;
    }
    if (a.kind == CondKind::AllOf) {
        for (const Index c : operands(g, x)) if (implies(g, c, y, budget)) return true;
    }
    if (b.kind == CondKind::AnyOf) {
        for (const Index c : operands(g, y)) if (implies(g, x, c, budget)) return true;
    }
    if (a.kind == CondKind::WithinAfter && b.kind == CondKind::WithinAfter && a.c == b.c) {
        const auto cmp = compare_lengths({a.a, a.b == 0 ? LengthUnit::Days : LengthUnit::Months},
                                         {b.a, b.b == 0 ? LengthUnit::Days : LengthUnit::Months});
        return cmp && *cmp <= 0;
    }
    if (a.kind == CondKind::Not && b.kind == CondKind::Not) return implies(g, b.a, a.a, budget);
    if (a.kind == CondKind::PartIs && b.kind == CondKind::PartIs && a.c == 0 && b.c != 0) return a.a != b.a;
    if (a.kind == CondKind::FactIs && g.facts[a.a].role == FactRole::Exclusion) return b.kind == CondKind::AnyExclusion;
    return false;
}

// `by`: the earlier rules that decide where this one's condition holds. `covering`: one of them
// whose condition holds wherever this one's does, when there is such a rule.
void report(Context& cx, Index rule, const std::vector<Index>& by, Index covering) {
    const RuleGraph& g = cx.graph;
    const Rule& r = g.rules[rule];
    std::string message;
    std::vector<Index> notes = by;
    if (covering != none) {
        message = fmt::format("rule `{}` can never decide: wherever its condition holds, so does that of rule `{}`, before it",
                              r.name, g.rules[covering].name);
        notes = {covering};
    } else if (by.empty()) {
        message = fmt::format("rule `{}` can never decide: its condition never holds", r.name);
    } else if (by.size() == 1) {
        message = fmt::format("rule `{}` can never decide: wherever its condition holds, rule `{}` before it decides first",
                              r.name, g.rules[by[0]].name);
    } else {
        std::vector<std::string> names;
        for (const Index i : by) names.push_back(g.rules[i].name);
        message = fmt::format("rule `{}` can never decide: wherever its condition holds, one of the rules {} before it decides first",
                              r.name, name_list(names, 5));
    }
    auto& d = cx.diags.report(Code::ShadowedRule, r.span, message);
    for (const Index i : notes) d.notes.push_back({g.rules[i].span, fmt::format("rule `{}` decides first", g.rules[i].name)});
    d.hint = notes.empty() ? "rewrite the condition, or remove the rule"
                           : "move the rule above those that pre-empt it, narrow their conditions, or remove it";
}

}  // namespace

void check_shadowed_rules(Context& cx) {
    const RuleGraph& g = cx.graph;
    // Rules after the first one without `when` are W3103's.
    std::size_t count = 0;
    while (count < g.rules.size() && g.rules[count].condition != none) ++count;
    if (count < g.rules.size()) ++count;  // that rule itself is in play
    if (const auto reach = claims::rule_reach(g)) {
        for (std::size_t j = 0; j < count; ++j) {
            const claims::RuleReach& r = (*reach)[j];
            if (r.decides) continue;
            report(cx, static_cast<Index>(j), r.pre_empted_by, r.holds_somewhere ? r.covered_by : none);
        }
        return;
    }
    Reads reads;
    for (std::size_t i = 0; i < count; ++i) {
        if (g.rules[i].condition != none) collect_reads(g, g.rules[i].condition, reads);
    }
    // Its cells do not model counts, dates and choices: say nothing rather than something wrong.
    if (reads.values) return;
    // Trying every cell costs cells x condition nodes; past a bound, the shape test decides.
    std::uint64_t nodes = 1;
    for (std::size_t i = 0; i < count; ++i) nodes += condition_size(g, g.rules[i].condition);
    const Space space(g, reads);
    if (const auto cells = space.size(); cells && *cells * nodes <= max_work) {
        std::vector<bool> decides(count, false);
        std::vector<std::set<Index>> pre_empted_by(count);
        // uncovered[j] bit i: a cell where rule j's condition holds and rule i's does not
        // (tracked for the first 64 rules, to name a single rule that covers another).
        std::vector<std::uint64_t> uncovered(count, 0);
        space.each([&](const Cell& cell) {
            std::size_t first = count;
            std::uint64_t holding = 0;
            for (std::size_t i = 0; i < count; ++i) {
                const bool holds = g.rules[i].condition == none || space.holds(g.rules[i].condition, cell);
                if (!holds) continue;
                if (i < 64) holding |= std::uint64_t{1} << i;
                if (first == count) {
                    first = i;
                    decides[i] = true;
                } else {
                    pre_empted_by[i].insert(static_cast<Index>(first));
                }
                if (i < 64) uncovered[i] |= ~holding;
            }
        });
        for (std::size_t j = 0; j < count; ++j) {
            if (decides[j]) continue;
            Index covering = none;
            const bool ever_holds = !pre_empted_by[j].empty();
            for (std::size_t i = 0; i < j && j < 64 && ever_holds && covering == none; ++i) {
                if (((uncovered[j] >> i) & 1u) == 0) covering = static_cast<Index>(i);
            }
            report(cx, static_cast<Index>(j), {pre_empted_by[j].begin(), pre_empted_by[j].end()}, covering);
        }
        return;
    }
    std::size_t budget = 5'000'000;  // steps of `implies` for the whole policy
    for (std::size_t j = 1; j < count; ++j) {
        if (g.rules[j].condition == none) continue;
        for (std::size_t i = 0; i < j; ++i) {
            if (g.rules[i].condition != none && implies(g, g.rules[j].condition, g.rules[i].condition, budget)) {
                report(cx, static_cast<Index>(j), {static_cast<Index>(i)}, static_cast<Index>(i));
                break;
            }
        }
    }
}

}  // namespace warrant::checks
