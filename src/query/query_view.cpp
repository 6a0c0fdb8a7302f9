#include "query/query_view.hpp"

namespace warrant {

void QueryView::clear() {
    id_json = "null";
    region = model = part = purchased = claimed = purchase_region = last_repair = std::nullopt;
    facts.clear();
    unescaped.clear();
}

FactValue fact_value_from_text(std::string_view text) {
    if (text == "true" || text == "false") return FactValue(text == "true");
    const std::size_t digits_from = !text.empty() && text[0] == '-' ? 1 : 0;
    const bool number = text.size() > digits_from &&
                        text.find_first_not_of("0123456789", digits_from) == std::string_view::npos;
    return FactValue(number ? ValueKind::Number : ValueKind::String, std::string(text));
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
    for (const auto& [name, value] : q.facts) v.facts.emplace_back(name, FactValueView{value.kind, value.flag, value.text});
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
    for (const auto& [name, value] : v.facts) {
        FactValue kept(value.kind, std::string(value.text));
        kept.flag = value.flag;
        q.facts.emplace_back(std::string(name), std::move(kept));
    }
    return q;
}

}  // namespace warrant
