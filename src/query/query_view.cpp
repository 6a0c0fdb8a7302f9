#include "query/query_view.hpp"

namespace warrant {

void QueryView::clear() {
    id_json = "null";
    region = model = part = purchased = claimed = purchase_region = last_repair = std::nullopt;
    facts.clear();
    unescaped.clear();
}

QueryView view_of(const QueryInput& q) {
    const auto view = [](const std::optional<std::string>& s) -> std::optional<std::string_view> {
        if (!s) return std::nullopt;
        return std::string_view(*s);
    };
    QueryView v;
    v.id_json = q.id_json;
    v.region = view(q.region);
    v.model = view(q.model);
    v.part = view(q.part);
    v.purchased = view(q.purchased);
    v.claimed = view(q.claimed);
    v.purchase_region = view(q.purchase_region);
    v.last_repair = view(q.last_repair);
    v.facts.reserve(q.facts.size());
    for (const auto& [name, value] : q.facts) v.facts.emplace_back(name, value);
    return v;
}

QueryInput to_input(const QueryView& v) {
    const auto copy = [](const std::optional<std::string_view>& s) -> std::optional<std::string> {
        if (!s) return std::nullopt;
        return std::string(*s);
    };
    QueryInput q;
    q.id_json = v.id_json;
    q.region = copy(v.region);
    q.model = copy(v.model);
    q.part = copy(v.part);
    q.purchased = copy(v.purchased);
    q.claimed = copy(v.claimed);
    q.purchase_region = copy(v.purchase_region);
    q.last_repair = copy(v.last_repair);
    q.facts.reserve(v.facts.size());
    for (const auto& [name, value] : v.facts) q.facts.emplace_back(name, value);
    return q;
}

}  // namespace warrant
