// Look-ups on the compiled rule graph, its conditions as text, and the model-name key they
// share with the compiler.
#include "warrant/rule_graph.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

#include <fmt/format.h>

#include "diag/suggest.hpp"
#include "support/utf8.hpp"

namespace warrant {

namespace {

// Each ASCII character as a model key has it: in lower case, and whether the key keeps it at
// all (separators are dropped). Written without a branch: the character is stored, and the
// cursor moves past it only when it is kept.
struct KeyChar {
    char lower;
    bool kept;
};
constexpr std::array<KeyChar, 128> ascii_key_chars() {
    std::array<KeyChar, 128> chars{};
    for (int c = 0; c < 128; ++c) chars[c] = {static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c), true};
    for (const char separator : {' ', '\t', '-', '_', '\n', '\r'}) chars[static_cast<unsigned char>(separator)].kept = false;
    return chars;
}
constexpr std::array<KeyChar, 128> ascii_key_char = ascii_key_chars();

}  // namespace

void normalize_model_name(std::string_view spelling, std::string& key) {
    key.resize(spelling.size());  // a key is never longer than its spelling
    char* out = key.data();
    for (std::size_t i = 0; i < spelling.size();) {
        const auto byte = static_cast<unsigned char>(spelling[i]);
        if (byte < 0x80) {  // the common case, without decoding
            *out = ascii_key_char[byte].lower;
            out += ascii_key_char[byte].kept;
            ++i;
            continue;
        }
        const std::size_t start = i;
        char32_t c = utf8::decode(spelling, i);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
        if (c == 0x3000) c = ' ';                      // ideographic space
        if (c < 0x80) {
            *out = ascii_key_char[c].lower;
            out += ascii_key_char[c].kept;
        } else {
            out = std::copy(spelling.data() + start, spelling.data() + i, out);
        }
    }
    key.resize(static_cast<std::size_t>(out - key.data()));
}

std::string normalize_model_name(std::string_view spelling) {
    std::string key;
    normalize_model_name(spelling, key);
    return key;
}

std::optional<Index> RuleGraph::find_model(std::string_view spelling) const {
    thread_local std::string key;  // reused, so that a look-up allocates nothing
    normalize_model_name(spelling, key);
    const Index* model = model_keys.find_value(key);
    if (!model) return std::nullopt;
    return *model;
}

namespace {
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

// Exact name first; otherwise the one name equal ignoring case (users type `Device`).
template <typename T>
std::optional<Index> find_named(const std::vector<T>& items, std::string_view name) {
    // Two passes: exact names compare cheaply, and queries nearly always spell them so.
    for (Index i = 0; i < items.size(); ++i) {
        if (items[i].name == name) return i;
    }
    for (Index i = 0; i < items.size(); ++i) {
        if (equal_ignoring_case(items[i].name, name)) return i;
    }
    return std::nullopt;
}
}  // namespace

std::optional<Index> RuleGraph::find_part(std::string_view name) const { return find_named(parts, name); }
const char* comparison_symbol(Comparison c) {
    switch (c) {
        case Comparison::AtLeast: return ">=";
        case Comparison::AtMost: return "<=";
        case Comparison::Above: return ">";
        case Comparison::Below: return "<";
        case Comparison::Equal: return "=";
    }
    return "?";
}

std::string date_operand_text(const RuleGraph& g, const DateOperand& d) {
    switch (d.source) {
        case DateOperand::Source::Purchased: return "purchased";
        case DateOperand::Source::Claimed: return "claimed";
        case DateOperand::Source::Fact: return g.facts[d.fact].name;
        case DateOperand::Source::Fixed: return to_iso(d.fixed);
    }
    return "?";
}

std::optional<Index> RuleGraph::find_fact(std::string_view name) const { return find_named(facts, name); }

namespace {

std::string length_text(const Length& length) {
    const bool one = length.count == 1;
    return fmt::format("{} {}", length.count,
                       length.unit == LengthUnit::Days ? (one ? "day" : "days") : (one ? "month" : "months"));
}

bool compound(const RuleGraph& g, Index c) {
    const CondKind k = g.conditions[c].kind;
    return k == CondKind::AnyOf || k == CondKind::AllOf;
}

std::string choice_text(const RuleGraph& g, const CondNode& n) {
    const Fact& f = g.facts[n.a];
    std::vector<std::string> in;
    for (std::size_t i = 0; i < f.choices.size(); ++i) {
        if ((n.b >> i) & 1u) in.push_back(f.choices[i]);
    }
    if (in.size() == 1) return fmt::format("{} is {}", f.name, in[0]);
    return fmt::format("{} in [{}]", f.name, fmt::join(in, ", "));
}

}  // namespace

std::string period_end_text(const RuleGraph& g, const Period& p) {
    std::string out;
    if (p.start_fact != none) out += " from " + g.facts[p.start_fact].name;
    if (p.extension_fact != none) out += " extended by " + g.facts[p.extension_fact].name;
    if (p.floor_anchor != Period::FloorAnchor::None) {
        out += fmt::format(" at least {} after {}", length_text(p.floor_length),
                           p.floor_anchor == Period::FloorAnchor::LastRepair ? std::string("last_repair") : g.facts[p.floor_fact].name);
    }
    return out;
}

std::string condition_text(const RuleGraph& g, Index c) {
    if (c == none) return "always";
    const CondNode& n = g.conditions[c];
    switch (n.kind) {
        case CondKind::AnyOf:
        case CondKind::AllOf: {
            std::string out;
            for (Index i = 0; i < n.b; ++i) {
                const Index child = g.condition_children[n.a + i];
                if (i) out += n.kind == CondKind::AnyOf ? " or " : " and ";
                const bool parens = compound(g, child) && g.conditions[child].kind != n.kind;
                out += parens ? "(" + condition_text(g, child) + ")" : condition_text(g, child);
            }
            return out;
        }
        case CondKind::Not:
            return compound(g, n.a) ? "not (" + condition_text(g, n.a) + ")" : "not " + condition_text(g, n.a);
        case CondKind::PartIs: return fmt::format("part is {}{}", n.c ? "not " : "", g.parts[n.a].name);
        case CondKind::WithinWarranty: return "claimed within warranty";
        case CondKind::WithinAfter:
            return fmt::format("{} within {} after {}", n.subject_fact == none ? std::string("claimed") : g.facts[n.subject_fact].name,
                               length_text({n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months}),
                               n.c == 0 ? std::string("purchase") : n.c == 1 ? std::string("last_repair") : g.facts[n.anchor_fact].name);
        case CondKind::AfterEndOfService: return "claimed after end_of_service";
        case CondKind::PurchasedOutside: return "purchased outside region";
        case CondKind::InList: return fmt::format("model in {}", g.lists[n.a].name);
        case CondKind::InSeries: return fmt::format("model in series {}", g.series[n.a].name);
        case CondKind::AnyExclusion: return "any exclusion";
        case CondKind::AnyUnmet: return "any requirement unmet";
        case CondKind::FactIs: return g.facts[n.a].name;
        case CondKind::CountCompare: return fmt::format("{} {} {}", g.facts[n.a].name, comparison_symbol(static_cast<Comparison>(n.c)), n.b);
        case CondKind::DateCompare: return fmt::format("{} {} {}", date_operand_text(g, n.left), comparison_symbol(static_cast<Comparison>(n.c)), date_operand_text(g, n.right));
        case CondKind::DateGiven: return fmt::format("{} is given", g.facts[n.a].name);
        case CondKind::ChoiceIn: return choice_text(g, n);
    }
    return "?";
}


namespace {

// Every declared spelling, normalised: each model's name, then its aliases, model by model.
std::vector<std::string> normalised_spellings(const std::vector<Model>& models) {
    std::vector<std::string> keys;
    for (const Model& model : models) {
        keys.push_back(normalize_model_name(model.name));
        for (const std::string& alias : model.aliases) keys.push_back(normalize_model_name(alias));
    }
    return keys;
}

}  // namespace

void RuleGraph::index_period_choices() {
    const std::size_t slots = choice_begin.empty() ? 0 : choice_begin.size() - 1;
    fixed_period.assign(slots, none);
    for (std::size_t slot = 0; slot < slots; ++slot) {
        // The first period of the list, when its condition is none (else the choice varies).
        if (choice_begin[slot] == choice_begin[slot + 1]) continue;
        const Index first = period_choices[choice_begin[slot]];
        fixed_period[slot] = periods[first].condition == none ? first : choices_vary;
    }
}

void RuleGraph::index_spellings() {
    spelling_keys = normalised_spellings(models);
    spelling_index = std::make_shared<const NameIndex>(spelling_keys);
}

std::vector<std::string> RuleGraph::nearest_models(std::string_view spelling, std::size_t limit) const {
    // Compare without spaces and dashes, but suggest the declared spelling. While the graph is
    // being built its spellings are not indexed yet.
    std::vector<std::string> unindexed;
    if (spelling_keys.empty()) unindexed = normalised_spellings(models);
    const std::vector<std::string>& keys = spelling_keys.empty() ? unindexed : spelling_keys;
    const std::string key = normalize_model_name(spelling);
    std::vector<std::string> out;
    // Names that hold what was typed (`X2 Pro` for `Brand X2 Pro`: the brand left out) come
    // first: those that end with it, then the others, shorter before longer. It is a scan of
    // every spelling, so it is made only where that costs little per unknown model.
    constexpr std::size_t max_scanned = 5'000;
    if (key.size() >= 3 && keys.size() <= max_scanned) {
        std::vector<std::tuple<int, std::size_t, std::size_t>> holding;  // (0 equal, 1 at the end, 2 inside; length; spelling)
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::size_t at = keys[i].find(key);
            if (at == std::string::npos) continue;
            holding.emplace_back(keys[i].size() == key.size() ? 0 : at + key.size() == keys[i].size() ? 1 : 2, keys[i].size(), i);
        }
        std::sort(holding.begin(), holding.end());
        for (const auto& [inside, length, i] : holding) {
            const std::string& name = models[model_keys.at(keys[i])].name;
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
            if (out.size() == limit) return out;
        }
    }
    for (const std::string& near : spelling_index ? spelling_index->nearest(key, limit * 2) : nearest_names(key, keys, limit * 2)) {
        const std::string& name = models[model_keys.at(near)].name;
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace warrant
