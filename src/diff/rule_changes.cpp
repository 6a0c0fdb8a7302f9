// Facts (their role and default) and rules (matched by name, then by what they say; their
// conditions, outcomes and order).
#include <algorithm>

#include <fmt/format.h>

#include "diff/change_support.hpp"

namespace warrant::diff {

namespace {

// A fact's default in words: "true", "2", "online", or "none: every claim gives it".
std::string default_text(const Fact& f) {
    switch (f.type) {
        case FactType::Bool: return f.default_value ? "true" : "false";
        case FactType::Date: return "none";
        case FactType::Count:
            return f.default_number ? std::to_string(*f.default_number) : "none: every claim gives it";
        case FactType::Choice:
            return f.default_number ? f.choices[static_cast<std::size_t>(*f.default_number)] : "none: every claim gives it";
    }
    return "";
}

std::string kind_text(const Fact& f) {
    switch (f.type) {
        case FactType::Bool: return "true or false";
        case FactType::Count: return "a count";
        case FactType::Date: return "a date";
        case FactType::Choice: return fmt::format("a choice of [{}]", fmt::join(f.choices, ", "));
    }
    return "";
}

void facts(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out) {
    for (const Fact& f : a.facts) {
        const Fact* old = named(b.facts, f.name);
        if (!old) {
            const std::string kind = f.type == FactType::Bool ? "" : kind_text(f) + ", ";
            Change c = change("fact_added", fmt::format("{} added: `{}` ({}default {})", role_word(f.role), f.name, kind, default_text(f)));
            c.clauses = {clause_id(a, f.clause)};
            std::erase(c.clauses, std::string());
            out.push_back(std::move(c));
            continue;
        }
        if (old->role != f.role) {
            out.push_back(change("fact_role", fmt::format("`{}`: {} → {}", f.name, role_word(old->role), role_word(f.role))));
        }
        if (old->type != f.type) {
            out.push_back(change("fact_kind", fmt::format("`{}`: {} → {}", f.name, kind_text(*old), kind_text(f))));
        } else if (old->choices != f.choices) {
            out.push_back(change("fact_choices", fmt::format("`{}`: {} → {}", f.name, kind_text(*old), kind_text(f))));
        }
        if (default_text(*old) != default_text(f)) {
            out.push_back(change("fact_default", fmt::format("`{}`: default {} → {}", f.name, default_text(*old), default_text(f))));
        }
        if (old->meaning != f.meaning) {
            out.push_back(change("fact_meaning", fmt::format("`{}`: meaning \"{}\" → \"{}\"", f.name, old->meaning, f.meaning), true));
        }
    }
    for (const Fact& f : b.facts) {
        if (named(a.facts, f.name)) continue;
        Change c = change("fact_removed", fmt::format("{} removed: `{}`", role_word(f.role), f.name));
        c.clauses = {clause_id(b, f.clause)};
        std::erase(c.clauses, std::string());
        out.push_back(std::move(c));
    }
}

// "1st", "2nd", "3rd", "11th", "22nd".
std::string ordinal(std::size_t n) {
    const std::size_t tens = n % 100, ones = n % 10;
    const char* suffix = tens >= 11 && tens <= 13 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    return fmt::format("{}{}", n, suffix);
}

// Positions in `at` of a longest run whose old places (`old_of[at[k]]`) ascend: the rules that
// keep their relative order; every other rule moved.
std::vector<std::size_t> longest_increasing(const std::vector<Index>& at, const std::vector<Index>& old_of) {
    std::vector<std::size_t> tails, before(at.size(), static_cast<std::size_t>(-1));
    for (std::size_t k = 0; k < at.size(); ++k) {
        const Index v = old_of[at[k]];
        const auto pos = std::lower_bound(tails.begin(), tails.end(), v, [&](std::size_t t, Index x) { return old_of[at[t]] < x; });
        if (pos != tails.begin()) before[k] = *(pos - 1);
        if (pos == tails.end()) tails.push_back(k);
        else *pos = k;
    }
    std::vector<std::size_t> out;
    for (std::size_t k = tails.empty() ? static_cast<std::size_t>(-1) : tails.back(); k != static_cast<std::size_t>(-1); k = before[k]) {
        out.push_back(k);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string rule_body(const RuleGraph& g, const Rule& r) {
    return r.condition == none ? fmt::format("then {}", g.outcomes[r.outcome].name)
                               : fmt::format("when {} then {}", condition_text(g, r.condition), g.outcomes[r.outcome].name);
}

void rules(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out) {
    // Match by name, then unmatched rules by what they say (a renamed rule).
    std::vector<Index> match_of_after(a.rules.size(), none);
    std::vector<bool> matched_before(b.rules.size(), false);
    for (Index i = 0; i < a.rules.size(); ++i) {
        for (Index j = 0; j < b.rules.size(); ++j) {
            if (!matched_before[j] && b.rules[j].name == a.rules[i].name) {
                match_of_after[i] = j;
                matched_before[j] = true;
                break;
            }
        }
    }
    for (Index i = 0; i < a.rules.size(); ++i) {
        if (match_of_after[i] != none) continue;
        for (Index j = 0; j < b.rules.size(); ++j) {
            if (!matched_before[j] && rule_body(b, b.rules[j]) == rule_body(a, a.rules[i])) {
                match_of_after[i] = j;
                matched_before[j] = true;
                out.push_back(change("rule_renamed", fmt::format("rule renamed: {} → {}", b.rules[j].name, a.rules[i].name), true));
                break;
            }
        }
    }
    for (Index i = 0; i < a.rules.size(); ++i) {
        const Rule& ra = a.rules[i];
        const Index j = match_of_after[i];
        if (j == none) {
            Change c = change("rule_added", fmt::format("rule added: {} (rule {} of {}) {}", ra.name, i + 1, a.rules.size(), rule_body(a, ra)));
            c.clauses = {clause_id(a, ra.clause)};
            out.push_back(std::move(c));
            continue;
        }
        const Rule& rb = b.rules[j];
        const std::string cb = condition_text(b, rb.condition), ca = condition_text(a, ra.condition);
        const std::string ob = b.outcomes[rb.outcome].name, oa = a.outcomes[ra.outcome].name;
        std::vector<std::string> what;
        if (cb != ca) what.push_back(fmt::format("when {} → when {}", cb, ca));
        if (ob != oa) what.push_back(fmt::format("then {} → then {}", ob, oa));
        if (!what.empty()) {
            Change c = change("rule_changed", fmt::format("rule {}: {}", ra.name, fmt::join(what, "; ")));
            c.clauses = {clause_id(a, ra.clause)};
            out.push_back(std::move(c));
        }
        // A different clause, not the same one renamed or reworded (reported with the clauses).
        if (clause_id(b, rb.clause) != clause_id(a, ra.clause) && clause_text(b, rb.clause) != clause_text(a, ra.clause)) {
            Change c = change("rule_citation", fmt::format("rule {} cites {} (was {})", ra.name, clause_id(a, ra.clause), clause_id(b, rb.clause)), true);
            c.clauses = {clause_id(b, rb.clause), clause_id(a, ra.clause)};
            out.push_back(std::move(c));
        }
    }
    for (Index j = 0; j < b.rules.size(); ++j) {
        if (matched_before[j]) continue;
        Change c = change("rule_removed", fmt::format("rule removed: {} {}", b.rules[j].name, rule_body(b, b.rules[j])));
        c.clauses = {clause_id(b, b.rules[j].clause)};
        out.push_back(std::move(c));
    }
    // Order: rules are tried top to bottom, so rules kept in both that changed places matter.
    // The fewest rules that moved: those off a longest run kept in the same order.
    std::vector<Index> kept_at;  // new indices of the rules kept, in the new order
    for (Index i = 0; i < a.rules.size(); ++i) {
        if (match_of_after[i] != none) kept_at.push_back(i);
    }
    std::vector<bool> stays(kept_at.size(), false);
    for (const std::size_t k : longest_increasing(kept_at, match_of_after)) stays[k] = true;
    for (std::size_t k = 0; k < kept_at.size(); ++k) {
        if (stays[k]) continue;
        const Index i = kept_at[k];
        const Index j = match_of_after[i];
        const std::string where = i + 1 < a.rules.size() ? fmt::format("before `{}`", a.rules[i + 1].name)
                                  : i > 0                ? fmt::format("after `{}`", a.rules[i - 1].name)
                                                         : std::string("alone");
        Change c = change("rule_moved", fmt::format("rule `{}` moved from {} to {} ({})", a.rules[i].name, ordinal(j + 1), ordinal(i + 1), where));
        c.clauses = {clause_id(a, a.rules[i].clause)};
        std::erase(c.clauses, std::string());
        out.push_back(std::move(c));
    }
}

}  // namespace

void fact_and_rule_changes(const RuleGraph& b, const RuleGraph& a, std::vector<Change>& out) {
    facts(b, a, out);
    rules(b, a, out);
}

}  // namespace warrant::diff
