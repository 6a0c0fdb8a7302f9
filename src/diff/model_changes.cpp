// Model by model: renames and spellings, periods per part, end-of-service dates, lists.
#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "diff/change_support.hpp"

namespace warrant::diff {

namespace {

std::string series_name(const RuleGraph& g, Index model) {
    const Index s = g.models[model].series;
    return s == none ? "" : g.series[s].name;
}

std::unordered_map<std::string_view, const Series*> series_by_name(const RuleGraph& g) {
    std::unordered_map<std::string_view, const Series*> out;
    for (const Series& s : g.series) out.emplace(s.name, &s);
    return out;
}

void models(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, std::vector<Change>& out) {
    const auto old_series = series_by_name(b), new_series_of = series_by_name(a);
    const auto added_or_removed = [&](const RuleGraph& g, const RuleGraph& other, Index m, bool added) {
        const std::string series = series_name(g, m);
        const bool new_series = (&other == &b ? old_series : new_series_of).count(series) == 0;
        Change c = change(added ? "model_added" : "model_removed",
                          fmt::format("model {}: {} (series {}{})", added ? "added" : "removed", g.models[m].name, series,
                                      new_series ? (added ? ", new" : ", gone") : ""));
        c.models = {g.models[m].name};
        out.push_back(std::move(c));
    };
    for (const Index m : pairing.added) added_or_removed(a, b, m, true);
    for (const Index m : pairing.removed) added_or_removed(b, a, m, false);
    for (const ModelPair& p : pairing.pairs) {
        const Model& mb = b.models[p.before];
        const Model& ma = a.models[p.after];
        if (mb.name == ma.name) continue;
        const bool primary = std::binary_search(p.keys.begin(), p.keys.end(), normalize_model_name(mb.name)) ||
                             std::binary_search(p.keys.begin(), p.keys.end(), normalize_model_name(ma.name));
        Change c = primary ? change("model_renamed", fmt::format("model renamed: {} → {}", mb.name, ma.name))
                           : change("alias_moved", fmt::format("spelling `{}` moved: it names {}, no longer {}", p.spelling, ma.name, mb.name));
        c.models = {pair_label(b, a, p)};
        out.push_back(std::move(c));
    }
    // A renamed model's new name is a spelling only the new version knows (and its old name,
    // when not kept as an alias, one only the old knows): the rename says so already.
    std::set<Index> renamed_before, renamed_after;
    for (const ModelPair& p : pairing.pairs) {
        if (b.models[p.before].name != a.models[p.after].name) {
            renamed_before.insert(p.before);
            renamed_after.insert(p.after);
        }
    }
    for (const OneSidedSpelling& s : pairing.only_before) {
        if (renamed_before.count(s.model) && s.spelling == b.models[s.model].name) continue;
        Change c = change("alias_removed", fmt::format("spelling `{}` of {} removed", s.spelling, b.models[s.model].name));
        c.models = {b.models[s.model].name};
        out.push_back(std::move(c));
    }
    for (const OneSidedSpelling& s : pairing.only_after) {
        if (renamed_after.count(s.model) && s.spelling == a.models[s.model].name) continue;
        Change c = change("alias_added", fmt::format("spelling `{}` added for {}", s.spelling, a.models[s.model].name));
        c.models = {a.models[s.model].name};
        out.push_back(std::move(c));
    }
    // Series: a model moved to another series matters only where rules test `model in series`
    // (periods that name a series show up as the model's period changing).
    Grouped moves;
    for (const ModelPair& p : pairing.pairs) {
        const std::string sb = series_name(b, p.before), sa = series_name(a, p.after);
        if (sb != sa) moves.add(fmt::format("series {} → {}", sb, sa), pair_label(b, a, p), {});
    }
    const bool series_read = reads(b, CondKind::InSeries) || reads(a, CondKind::InSeries);
    for (const auto& item : moves.items()) {
        Change c = change("series_changed", fmt::format("{}: {}", name_list(item.models), item.key), !series_read);
        c.models = item.models;
        out.push_back(std::move(c));
    }
    for (const Series& s : a.series) {
        const auto found = old_series.find(s.name);
        const Series* old = found == old_series.end() ? nullptr : found->second;
        if (old && old->label != s.label) {
            out.push_back(change("series_label", fmt::format("series {}: label \"{}\" → \"{}\"", s.name, old->label, s.label), true));
        }
        if (!old && s.models.empty()) out.push_back(change("series_added", fmt::format("series added: {} (no models)", s.name), true));
    }
    for (const Series& s : b.series) {
        if (!new_series_of.count(s.name) && s.models.empty()) {
            out.push_back(change("series_removed", fmt::format("series removed: {} (no models)", s.name), true));
        }
    }
}

std::vector<std::string> shared_parts(const RuleGraph& b, const RuleGraph& a) {
    std::vector<std::string> out;
    for (const Term& p : a.parts) {
        if (b.find_part(p.name)) out.push_back(p.name);
    }
    return out;
}

void periods(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, ChoiceTexts& full_b, ChoiceTexts& full_a,
             std::vector<Change>& out) {
    Grouped grouped;
    std::vector<std::string> part_of;  // per grouped item
    const auto parts = shared_parts(b, a);
    std::vector<std::pair<Index, Index>> part_index;
    for (const auto& name : parts) part_index.emplace_back(*b.find_part(name), *a.find_part(name));
    for (const ModelPair& p : pairing.pairs) {
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const auto [pb, pa] = part_index[i];
            if (full_b.id(p.before, pb) == full_a.id(p.after, pa)) continue;
            // Services are shown only when they are what changed.
            std::string tb = choices_text(b, p.before, pb, false), ta = choices_text(a, p.after, pa, false);
            if (tb == ta) {
                tb = choices_text(b, p.before, pb, true);
                ta = choices_text(a, p.after, pa, true);
            }
            auto clauses = choice_clauses(b, p.before, pb);
            for (const auto& c : choice_clauses(a, p.after, pa)) clauses.push_back(c);
            grouped.add(fmt::format("{}: {} → {}", parts[i], tb, ta), pair_label(b, a, p), clauses);
            if (part_of.size() < grouped.items().size()) part_of.push_back(parts[i]);
        }
    }
    for (std::size_t i = 0; i < grouped.items().size(); ++i) {
        const auto& item = grouped.items()[i];
        Change c = change("period", fmt::format("{} · {}", name_list(item.models), item.key));
        c.part = part_of[i];
        c.models = item.models;
        c.clauses = item.clauses;
        out.push_back(std::move(c));
    }
}

void end_of_service(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, std::vector<Change>& out) {
    Grouped grouped;
    for (const ModelPair& p : pairing.pairs) {
        const Model& mb = b.models[p.before];
        const Model& ma = a.models[p.after];
        if (mb.end_of_service == ma.end_of_service) continue;
        std::vector<std::string> clauses;
        if (mb.end_of_service_notice != none) clauses.push_back(clause_id(b, b.notices[mb.end_of_service_notice].clause));
        if (ma.end_of_service_notice != none) clauses.push_back(clause_id(a, a.notices[ma.end_of_service_notice].clause));
        std::erase(clauses, std::string());
        grouped.add(fmt::format("end of service {} → {}", or_none(mb.end_of_service), or_none(ma.end_of_service)),
                    pair_label(b, a, p), clauses);
    }
    for (const auto& item : grouped.items()) {
        Change c = change("end_of_service", fmt::format("{}: {}", name_list(item.models), item.key));
        c.models = item.models;
        c.clauses = item.clauses;
        out.push_back(std::move(c));
    }
}

void lists(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, std::vector<Change>& out) {
    for (Index la = 0; la < a.lists.size(); ++la) {
        const ModelList& list = a.lists[la];
        const ModelList* old = named(b.lists, list.name);
        if (!old) {
            Change c = change("list_added", fmt::format("list added: {} ({} models)", list.name, list.models.size()));
            c.clauses = {clause_id(a, list.clause)};
            out.push_back(std::move(c));
            continue;
        }
        const auto lb = static_cast<Index>(old - b.lists.data());
        std::vector<std::string> joined, left;
        for (const ModelPair& p : pairing.pairs) {
            const bool in_b = b.list_membership[lb][p.before], in_a = a.list_membership[la][p.after];
            if (in_a && !in_b) joined.push_back(pair_label(b, a, p));
            if (in_b && !in_a) left.push_back(pair_label(b, a, p));
        }
        if (!joined.empty() || !left.empty()) {
            std::vector<std::string> parts;
            if (!joined.empty()) parts.push_back(fmt::format("joined by {}", name_list(joined)));
            if (!left.empty()) parts.push_back(fmt::format("left by {}", name_list(left)));
            Change c = change("list_membership", fmt::format("list {}: {}", list.name, fmt::join(parts, "; ")));
            c.models = joined;
            c.models.insert(c.models.end(), left.begin(), left.end());
            c.clauses = {clause_id(a, list.clause)};
            out.push_back(std::move(c));
        }
        if (old->label != list.label) {
            out.push_back(change("list_label", fmt::format("list {}: label \"{}\" → \"{}\"", list.name, old->label, list.label), true));
        }
    }
    for (const ModelList& list : b.lists) {
        if (!named(a.lists, list.name)) {
            Change c = change("list_removed", fmt::format("list removed: {} ({} models)", list.name, list.models.size()));
            c.clauses = {clause_id(b, list.clause)};
            out.push_back(std::move(c));
        }
    }
}


}  // namespace

void model_changes(const RuleGraph& b, const RuleGraph& a, const ModelPairing& pairing, ChoiceTexts& choices_before,
                   ChoiceTexts& choices_after, std::vector<Change>& out) {
    models(b, a, pairing, out);
    periods(b, a, pairing, choices_before, choices_after, out);
    end_of_service(b, a, pairing, out);
    lists(b, a, pairing, out);
}

}  // namespace warrant::diff
