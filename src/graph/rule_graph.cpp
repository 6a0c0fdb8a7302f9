// Look-ups on the compiled rule graph, and the model-name key they share with the compiler.
#include "warrant/rule_graph.hpp"

#include <algorithm>
#include <array>
#include <cctype>

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
    const auto it = model_keys.find(key);
    if (it == model_keys.end()) return std::nullopt;
    return it->second;
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
    for (const std::string& near : spelling_index ? spelling_index->nearest(key, limit * 2) : nearest_names(key, keys, limit * 2)) {
        const std::string& name = models[model_keys.at(near)].name;
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace warrant
