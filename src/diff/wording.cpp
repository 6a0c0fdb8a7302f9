// Canonical text for conditions, lengths and period choices.
#include "diff/wording.hpp"

#include <fmt/format.h>

namespace warrant::diff {

std::string length_words(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

std::string length_words(const DiffLength& length, CalendarNote note) {
    std::vector<std::string> notes;
    if (note.months && length.length.unit == LengthUnit::Months) notes.push_back(length.months == MonthRule::Clamp ? "clamp" : "overflow");
    if (note.last_day) notes.push_back(length.last_day_covered ? "last day covered" : "last day excluded");
    const std::string out = length_words(length.length);
    return notes.empty() ? out : fmt::format("{} ({})", out, fmt::join(notes, ", "));
}

std::string period_text(const RuleGraph& g, const Period& p, bool with_services) {
    std::string out = length_words(p.length);
    out += period_end_text(g, p);
    if (p.condition != none) out += " when " + condition_text(g, p.condition);
    if (with_services && !p.services.empty()) {
        out += " via ";
        for (std::size_t s = 0; s < p.services.size(); ++s) out += (s ? ", " : "") + g.services[p.services[s]].name;
    }
    return out;
}

std::string choices_text(const RuleGraph& g, Index model, Index part, bool with_services) {
    const std::size_t slot = static_cast<std::size_t>(model) * g.parts.size() + part;
    std::string out;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        const Period& p = g.periods[g.period_choices[i]];
        if (!out.empty()) out += ", else ";
        out += period_text(g, p, with_services);
        if (p.condition == none) break;  // the periods after an unconditional one are never chosen
    }
    return out.empty() ? "no period" : out;
}

std::size_t ListHash::operator()(const std::vector<int>& v) const noexcept {
    std::size_t h = 1469598103934665603ull;
    for (const int i : v) h = (h ^ static_cast<std::uint32_t>(i)) * 1099511628211ull;
    return h;
}

int ChoiceTexts::id(Index model, Index part) {
    const std::size_t slot = static_cast<std::size_t>(model) * g_.parts.size() + part;
    // The list of the periods' texts up to the first without a condition, as choices_text joins
    // them: no period's text holds ", else ", so equal lists are equal texts and the reverse.
    texts_.clear();
    for (std::uint32_t i = g_.choice_begin[slot]; i < g_.choice_begin[slot + 1]; ++i) {
        const Index p = g_.period_choices[i];
        if (period_ids_[p] < 0) period_ids_[p] = ids_.id(period_text(g_, g_.periods[p], true));
        texts_.push_back(period_ids_[p]);
        if (g_.periods[p].condition == none) break;
    }
    return ids_.id(texts_);
}

std::vector<std::string> choice_clauses(const RuleGraph& g, Index model, Index part) {
    const std::size_t slot = static_cast<std::size_t>(model) * g.parts.size() + part;
    std::vector<std::string> out;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        const Period& p = g.periods[g.period_choices[i]];
        if (p.clause != none) out.push_back(g.clauses[p.clause].id);
        if (p.condition == none) break;
    }
    return out;
}

std::string clause_id(const RuleGraph& g, Index clause) { return clause == none ? "" : g.clauses[clause].id; }
std::string clause_text(const RuleGraph& g, Index clause) { return clause == none ? "" : g.clauses[clause].text; }

std::string name_list(const std::vector<std::string>& names, std::size_t limit) {
    if (names.empty()) return "";
    if (names.size() == 1) return names[0];
    if (names.size() <= limit) {
        return fmt::format("{} and {}", fmt::join(names.begin(), names.end() - 1, ", "), names.back());
    }
    return fmt::format("{}, … and {} more", fmt::join(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(limit - 1), ", "),
                       names.size() - (limit - 1));
}

}  // namespace warrant::diff
