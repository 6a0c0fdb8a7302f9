// Comparing two versions declaration by declaration, by name and meaning: the policy's
// identity and calendar, vocabulary and clauses here; models in model_changes.cpp, facts and
// rules in rule_changes.cpp.
#include "diff/changes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "diff/analysis.hpp"
#include "diff/change_support.hpp"

namespace warrant::diff {

Change change(std::string kind, std::string text, bool wording) {
    Change c;
    c.kind = std::move(kind);
    c.text = std::move(text);
    c.wording = wording;
    return c;
}

const char* role_word(FactRole role) {
    return role == FactRole::Exclusion ? "exclusion" : role == FactRole::Requirement ? "requirement" : "fact";
}

std::string or_none(const std::optional<Date>& d) { return d ? to_iso(*d) : "none"; }

bool reads(const RuleGraph& g, CondKind kind) {
    return std::any_of(g.conditions.begin(), g.conditions.end(), [&](const CondNode& n) { return n.kind == kind; });
}

namespace {

// The start of the UTF-8 character holding byte `i`.
std::size_t char_start(std::string_view s, std::size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

// The two texts with their common beginning and end cut to a few characters: "…24個月 到店".
std::pair<std::string, std::string> changed_parts(std::string_view a, std::string_view b) {
    constexpr std::size_t context = 12;  // bytes kept on each side of the change
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t from = prefix > context ? char_start(a, prefix - context) : 0;
    const auto cut = [&](std::string_view s) {
        std::size_t to = s.size() - suffix + std::min(suffix, context);
        to = to >= s.size() ? s.size() : char_start(s, to);
        std::string out = from > 0 ? "…" : "";
        out += s.substr(from, to - from);
        if (to < s.size()) out += "…";
        return out;
    };
    return {cut(a), cut(b)};
}

void policy_info(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out) {
    if (b.info.region != a.info.region) {
        // Region codes are read ignoring case: `XX` → `xx` is a respelling, not a change of meaning.
        const bool respelt = same_region_code(b.info.region, a.info.region);
        out.push_back(change("region", fmt::format("region {} → {}{}", b.info.region, a.info.region, respelt ? " (the same code, spelt in another case)" : ""),
                             respelt));
    }
    if (b.calendar.months != a.calendar.months) {
        out.push_back(change("calendar", fmt::format("calendar: months {} → {}", b.calendar.months == MonthRule::Clamp ? "clamp" : "overflow",
                                                     a.calendar.months == MonthRule::Clamp ? "clamp" : "overflow")));
    }
    if (b.calendar.last_day_covered != a.calendar.last_day_covered) {
        out.push_back(change("calendar", fmt::format("calendar: last_day {} → {}", b.calendar.last_day_covered ? "covered" : "excluded",
                                                     a.calendar.last_day_covered ? "covered" : "excluded")));
    }
    if (b.info.effective != a.info.effective) {
        out.push_back(change("effective", fmt::format("effective {} → {}", or_none(b.info.effective), or_none(a.info.effective)), true));
    }
    if (b.info.title != a.info.title) {
        out.push_back(change("title", fmt::format("title \"{}\" → \"{}\"", b.info.title, a.info.title), true));
    }
    if (b.info.region_label != a.info.region_label) {
        out.push_back(change("region_label", fmt::format("region label \"{}\" → \"{}\"", b.info.region_label, a.info.region_label), true));
    }
    if (b.info.source != a.info.source) {
        out.push_back(change("source", fmt::format("source \"{}\" → \"{}\"", b.info.source, a.info.source), true));
    }
}

void terms(const char* what, const std::vector<Term>& b, const std::vector<Term>& a, bool affects, std::vector<Change>& out) {
    for (const Term& t : a) {
        const Term* old = named(b, t.name);
        if (!old) out.push_back(change(fmt::format("{}_added", what), fmt::format("{} added: {}", what, t.name), !affects));
        else if (old->label != t.label) {
            out.push_back(change(fmt::format("{}_label", what), fmt::format("{} {}: label \"{}\" → \"{}\"", what, t.name, old->label, t.label), true));
        }
    }
    for (const Term& t : b) {
        if (!named(a, t.name)) out.push_back(change(fmt::format("{}_removed", what), fmt::format("{} removed: {}", what, t.name), !affects));
    }
}

void clauses(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out) {
    std::map<std::string, const Clause*> old_by_id;
    for (const Clause& c : b.clauses) old_by_id.emplace(c.id, &c);
    std::set<std::string> new_ids;
    for (const Clause& c : a.clauses) new_ids.insert(c.id);
    std::vector<const Clause*> added;
    for (const Clause& c : a.clauses) {
        const auto it = old_by_id.find(c.id);
        if (it == old_by_id.end()) {
            added.push_back(&c);
            continue;
        }
        if (it->second->text == c.text) continue;
        const auto [was, now] = changed_parts(it->second->text, c.text);
        Change ch = change("clause_text", fmt::format("clause {}: \"{}\" → \"{}\"", c.id, was, now), true);
        ch.clauses = {c.id};
        ch.before_text = it->second->text;
        ch.after_text = c.text;
        out.push_back(std::move(ch));
    }
    std::vector<const Clause*> removed;
    for (const Clause& c : b.clauses) {
        if (!new_ids.count(c.id)) removed.push_back(&c);
    }
    for (const Clause* c : added) {
        const auto same = std::find_if(removed.begin(), removed.end(), [&](const Clause* r) { return r->text == c->text; });
        Change ch = same != removed.end() ? change("clause_renamed", fmt::format("clause renamed: {} → {}", (*same)->id, c->id), true)
                                          : change("clause_added", fmt::format("clause added: {} \"{}\"", c->id, c->text), true);
        ch.clauses = same != removed.end() ? std::vector<std::string>{(*same)->id, c->id} : std::vector<std::string>{c->id};
        if (same != removed.end()) removed.erase(same);
        out.push_back(std::move(ch));
    }
    for (const Clause* c : removed) {
        Change ch = change("clause_removed", fmt::format("clause removed: {} \"{}\"", c->id, c->text), true);
        ch.clauses = {c->id};
        out.push_back(std::move(ch));
    }
}

}  // namespace

std::vector<Change> describe_changes(const RuleGraph& before, const RuleGraph& after, const ModelPairing& pairing,
                                     ChoiceTexts& choices_before, ChoiceTexts& choices_after) {
    std::vector<Change> out;
    policy_info(before, after, out);
    model_changes(before, after, pairing, choices_before, choices_after, out);
    fact_and_rule_changes(before, after, out);
    terms("part", before.parts, after.parts, true, out);
    terms("outcome", before.outcomes, after.outcomes, false, out);
    terms("service", before.services, after.services, false, out);
    clauses(before, after, out);
    return out;
}

}  // namespace warrant::diff
