// Resolving a query's names and dates against the loaded policies, with the errors users see.
#include <fmt/format.h>

#include "diag/suggest.hpp"
#include "query/query_view.hpp"

namespace warrant {

namespace {

bool same_region(std::string_view a, std::string_view b) {
    if (a == b) return true;  // the usual case, without folding case
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

QueryError error(std::string code, std::string message, std::string hint = {}) {
    return {std::move(code), std::move(message), std::move(hint)};
}

// Claims are dated up to the year 8999, so that any period a policy may declare (at most a
// thousand years) still ends on a date written YYYY-MM-DD.
inline constexpr int last_claim_year = 8999;

std::variant<Date, QueryError> date_field(const char* field, std::string_view text) {
    if (const auto d = parse_iso_date(text)) {
        static const Date last_claim_day = *make_date(last_claim_year, 12, 31);  // compared, not converted
        if (*d > last_claim_day) {
            return error("date_out_of_range", fmt::format("`{}` is too far in the future: `{}`", field, text),
                         fmt::format("claims are dated up to {}-12-31", last_claim_year));
        }
        return *d;
    }
    return error("impossible_date", fmt::format("`{}` is not a date: `{}`", field, text), describe_bad_date(text));
}

template <typename T>
std::string names(const std::vector<T>& items) {
    std::string out;
    for (const auto& item : items) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", item.name);
    return out;
}

}  // namespace

const RuleGraph* PolicySet::find_region(std::string_view region) const {
    for (const auto& g : graphs_) {
        if (same_region(g->info.region, region)) return g.get();
    }
    return nullptr;
}

std::variant<ResolvedClaim, QueryError> resolve_claim(const PolicySet& policies, const QueryInput& query) {
    return resolve_claim(policies, view_of(query));
}

std::variant<ResolvedClaim, QueryError> resolve_claim(const PolicySet& policies, const QueryView& q) {
    if (policies.graphs().empty()) return error("no_policy", "no policy is loaded");
    const RuleGraph* graph = nullptr;
    if (q.region) {
        graph = policies.find_region(*q.region);
        if (!graph) {
            std::string loaded;
            for (const auto& g : policies.graphs()) loaded += fmt::format("{}`{}`", loaded.empty() ? "" : ", ", g->info.region);
            return error("unknown_region", fmt::format("no policy is loaded for region `{}`", *q.region),
                         fmt::format("loaded regions: {}", loaded));
        }
    } else if (policies.graphs().size() == 1) {
        graph = policies.graphs().front().get();
    } else {
        return error("missing_field", "`region` is required when several regions are loaded");
    }
    for (const auto& [field, value] : {std::pair{"model", &q.model}, std::pair{"part", &q.part},
                                       std::pair{"purchased", &q.purchased}, std::pair{"claimed", &q.claimed}}) {
        if (!*value) return error("missing_field", fmt::format("the query has no `{}`", field));
    }
    for (const auto& [field, value] : {std::pair{"model", &q.model}, std::pair{"part", &q.part},
                                       std::pair{"purchase_region", &q.purchase_region}}) {
        if (*value && (*value)->empty()) return error("missing_field", fmt::format("`{}` is empty", field));
    }
    ResolvedClaim out;
    out.graph = graph;
    Claim& claim = out.claim;
    const auto model = graph->find_model(*q.model);
    if (!model) {
        const std::string hint = did_you_mean(graph->nearest_models(*q.model));
        return error("unknown_model", fmt::format("no model `{}` in the {} policy", *q.model, graph->info.region),
                     hint.empty() ? "model names ignore case, spaces, `-` and `_`" : hint);
    }
    claim.model = *model;
    const auto part = graph->find_part(*q.part);
    if (!part) return error("unknown_part", fmt::format("no part `{}`", *q.part), fmt::format("parts: {}", names(graph->parts)));
    claim.part = *part;
    for (auto [field, text, target] : {std::tuple{"purchased", &q.purchased, &claim.purchased},
                                      std::tuple{"claimed", &q.claimed, &claim.claimed}}) {
        auto d = date_field(field, **text);
        if (auto* e = std::get_if<QueryError>(&d)) return *e;
        *target = std::get<Date>(d);
    }
    if (claim.claimed < claim.purchased) {
        return error("claimed_before_purchase",
                     fmt::format("the claim ({}) is dated before the purchase ({})", *q.claimed, *q.purchased));
    }
    if (q.last_repair) {
        auto d = date_field("last_repair", *q.last_repair);
        if (auto* e = std::get_if<QueryError>(&d)) return *e;
        claim.last_repair = std::get<Date>(d);
        if (*claim.last_repair < claim.purchased || *claim.last_repair > claim.claimed) {
            return error("last_repair_out_of_order",
                         fmt::format("the last repair ({}) must fall between the purchase ({}) and the claim ({})",
                                     *q.last_repair, *q.purchased, *q.claimed));
        }
    }
    const std::string_view bought_in = q.purchase_region ? *q.purchase_region : std::string_view(graph->info.region);
    claim.outside_region = !same_region(bought_in, graph->info.region);
    claim.facts = graph->fact_defaults;
    for (const auto& [name, value] : q.facts) {
        const auto fact = graph->find_fact(name);
        if (!fact) {
            std::vector<std::string> all;
            for (const auto& f : graph->facts) all.push_back(f.name);
            std::string hint = did_you_mean(nearest_names(name, all));
            return error("unknown_fact", fmt::format("no fact `{}`", name),
                         hint.empty() ? fmt::format("facts: {}", names(graph->facts)) : hint);
        }
        set_fact(claim.facts, *fact, value);
    }
    return out;
}

}  // namespace warrant
