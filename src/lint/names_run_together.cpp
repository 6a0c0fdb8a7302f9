// W4105: a declared name or alias that reads as two other models' names written without a
// separator ("Phone Note 11S NFCPhone Pad"), usually a missing comma or 、 copied from the
// source. W2102 reports the same in references; this is its counterpart for declarations.
#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "lint/checks.hpp"
#include "lint/name_tokens.hpp"

namespace warrant::checks {

namespace {

// Which two-byte pairs start and end some key: a cheap test, in cache, that skips nearly every
// cut before a hash look-up (which, at 100,000 models, misses the cache each time).
class KeyEdges {
public:
    explicit KeyEdges(const NameTable<Index>& keys) : starts_(1u << 16), ends_(1u << 16) {
        for (const auto& entry : keys) {
            const std::string& key = entry.first;
            const auto byte = [&key](std::size_t i) { return static_cast<unsigned char>(key[i]); };
            if (key.size() >= 2) {
                starts_[pair(byte(0), byte(1))] = true;
                ends_[pair(byte(key.size() - 2), byte(key.size() - 1))] = true;
            } else if (key.size() == 1) {
                starts_[pair(byte(0), 0)] = true;  // a one-byte rest of a name
                ends_[pair(0, byte(0))] = true;    // a one-byte start of a name
            }
        }
    }
    // Whether `key` cut at `cut` could be two keys.
    bool may_split(std::string_view key, std::size_t cut) const {
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(key[i]); };
        const bool end_ok = cut >= 2 ? ends_[pair(byte(cut - 2), byte(cut - 1))] : ends_[pair(0, byte(0))];
        const bool start_ok = key.size() - cut >= 2 ? starts_[pair(byte(cut), byte(cut + 1))] : starts_[pair(byte(cut), 0)];
        return end_ok && start_ok;
    }

private:
    static std::size_t pair(unsigned a, unsigned b) { return (a << 8) | b; }
    std::vector<bool> starts_, ends_;
};

}  // namespace

void check_declared_names_run_together(Context& cx, const DeclaredNames& names) {
    const RuleGraph& g = cx.graph;
    const KeyEdges edges(g.model_keys);
    const auto& keys = g.model_keys;
    for (const Spelling& s : names.spellings) {
        const std::string key = normalize_model_name(s.text);
        const std::string_view view = key;
        for (std::size_t cut = 1; cut < view.size(); ++cut) {
            if (!edges.may_split(view, cut)) continue;
            const auto first = keys.find(std::string(view.substr(0, cut)));
            if (first == keys.end() || first->second == s.model) continue;
            const auto second = keys.find(std::string(view.substr(cut)));
            if (second == keys.end() || second->second == s.model) continue;
            const Model& a = g.models[first->second];
            const Model& b = g.models[second->second];
            auto& d = cx.diags.report(Code::DeclaredNamesRunTogether, s.span,
                                      fmt::format("{}`{}` reads as two other models run together: `{}` and `{}`",
                                                  s.is_alias ? "alias " : "", s.text, a.name, b.name));
            d.notes.push_back({a.span, fmt::format("`{}` is declared here", a.name)});
            d.notes.push_back({b.span, fmt::format("`{}` is declared here", b.name)});
            d.hint = fmt::format("if the source lists two models here, remove `{}` and refer to \"{}\", \"{}\"; if it is one model, check its spelling against the source",
                                 s.text, a.name, b.name);
            break;
        }
    }
}

}  // namespace warrant::checks
