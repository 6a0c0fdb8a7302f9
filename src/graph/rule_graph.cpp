// Look-ups on the compiled rule graph, and the model-name key they share with the compiler.
#include "warrant/rule_graph.hpp"

#include <algorithm>
#include <cctype>

#include "diag/suggest.hpp"
#include "support/utf8.hpp"

namespace warrant {

std::string normalize_model_name(std::string_view spelling) {
    std::string key;
    key.reserve(spelling.size());
    for (std::size_t i = 0; i < spelling.size();) {
        const std::size_t start = i;
        char32_t c = utf8::decode(spelling, i);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
        if (c == 0x3000) c = ' ';                      // ideographic space
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '\n' || c == '\r') continue;
        if (c < 0x80) {
            key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
        } else {
            key.append(spelling.substr(start, i - start));
        }
    }
    return key;
}

std::optional<Index> RuleGraph::find_model(std::string_view spelling) const {
    const auto it = model_keys.find(normalize_model_name(spelling));
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
    std::optional<Index> folded;
    for (Index i = 0; i < items.size(); ++i) {
        if (items[i].name == name) return i;
        if (!folded && equal_ignoring_case(items[i].name, name)) folded = i;
    }
    return folded;
}
}  // namespace

std::optional<Index> RuleGraph::find_part(std::string_view name) const { return find_named(parts, name); }
std::optional<Index> RuleGraph::find_fact(std::string_view name) const { return find_named(facts, name); }

std::vector<std::string> RuleGraph::nearest_models(std::string_view spelling, std::size_t limit) const {
    std::vector<std::string> spellings;
    for (const Model& model : models) {
        spellings.push_back(model.name);
        for (const std::string& alias : model.aliases) spellings.push_back(alias);
    }
    // Compare without spaces and dashes, but suggest the declared spelling.
    const std::string key = normalize_model_name(spelling);
    std::vector<std::string> keys;
    keys.reserve(spellings.size());
    for (const std::string& s : spellings) keys.push_back(normalize_model_name(s));
    std::vector<std::string> out;
    for (const std::string& near : nearest_names(key, keys, limit * 2)) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == near) {
                const std::string& name = models[model_keys.at(near)].name;
                if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
                break;
            }
        }
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace warrant
