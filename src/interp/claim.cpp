// Resolving a query's names and dates against the loaded policies, with the errors users see.
#include <array>

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

// A name echoed in a message: long ones are cut, so that an error never repeats a huge input.
std::string clipped(std::string_view text) {
    constexpr std::size_t limit = 80;
    if (text.size() <= limit) return std::string(text);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    return fmt::format("{}…", text.substr(0, cut));
}

std::string kind_phrase(const Fact& fact) {
    switch (fact.type) {
        case FactType::Bool: return "true or false";
        case FactType::Count: return "a count: a whole number, 0 or more";
        case FactType::Date: return "a date, YYYY-MM-DD";
        case FactType::Choice: {
            std::string values;
            for (const auto& v : fact.choices) values += fmt::format("{}`{}`", values.empty() ? "" : ", ", v);
            return fmt::format("one of {}", values);
        }
    }
    return "";
}

std::string example_value(const Fact& fact) {
    switch (fact.type) {
        case FactType::Bool: return fmt::format("\"{}\":true", fact.name);
        case FactType::Count: return fmt::format("\"{}\":2", fact.name);
        case FactType::Date: return fmt::format("\"{}\":\"2025-03-10\"", fact.name);
        case FactType::Choice: return fmt::format("\"{}\":\"{}\"", fact.name, fact.choices.empty() ? "" : fact.choices[0]);
    }
    return "";
}

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}


// Checks a query's value against the fact's declared type and stores it in the claim.
std::optional<QueryError> set_fact_value(Claim& claim, const Fact& fact, Index f, const FactValueView& value) {
    const auto wrong = [&] {
        return error("wrong_type", fmt::format("`{}` is {}", fact.name, kind_phrase(fact)),
                     fmt::format("for example \"facts\":{{{}}}", example_value(fact)));
    };
    switch (fact.type) {
        case FactType::Bool:
            if (value.kind != ValueKind::Bool) return wrong();
            set_fact(claim.facts, f, value.flag);
            return std::nullopt;
        case FactType::Count: {
            if (value.kind != ValueKind::Number) return wrong();
            const std::string_view t = value.text;
            const bool negative = !t.empty() && t[0] == '-';
            std::size_t i = negative ? 1 : 0;
            std::uint64_t n = 0;
            for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) n = std::min<std::uint64_t>(n * 10 + static_cast<unsigned>(t[i] - '0'), 1ull << 40);
            if (i != t.size()) {
                return error("wrong_type", fmt::format("`{}` is a count, a whole number: `{}`", fact.name, clipped(t)),
                             fmt::format("for example \"facts\":{{{}}}", example_value(fact)));
            }
            if (negative && n > 0) return error("out_of_range", fmt::format("`{}` cannot be negative: `{}`", fact.name, clipped(t)), "a count is 0 or more");
            if (n > static_cast<std::uint64_t>(max_claim_count)) {
                return error("out_of_range", fmt::format("`{}` is too large: `{}`", fact.name, clipped(t)),
                             fmt::format("counts go up to {}", max_claim_count));
            }
            claim.values[fact.slot] = static_cast<std::int32_t>(n);
            return std::nullopt;
        }
        case FactType::Date: {
            if (value.kind != ValueKind::String) return wrong();
            auto d = date_field(fact.name.c_str(), value.text);
            if (auto* e = std::get_if<QueryError>(&d)) return *e;
            claim.values[fact.slot] = std::get<Date>(d).days;
            return std::nullopt;
        }
        case FactType::Choice: {
            if (value.kind != ValueKind::String) return wrong();
            for (std::size_t i = 0; i < fact.choices.size(); ++i) {  // as declared: the usual case
                if (fact.choices[i] == value.text) {
                    claim.values[fact.slot] = static_cast<std::int32_t>(i);
                    return std::nullopt;
                }
            }
            for (std::size_t i = 0; i < fact.choices.size(); ++i) {
                if (same_text_ignoring_case(fact.choices[i], value.text)) {
                    claim.values[fact.slot] = static_cast<std::int32_t>(i);
                    return std::nullopt;
                }
            }
            std::string hint = did_you_mean(nearest_names(value.text, fact.choices));
            return error("unknown_value", fmt::format("`{}` is not one of the values of `{}`", clipped(value.text), fact.name),
                         hint.empty() ? fmt::format("`{}` is {}", fact.name, kind_phrase(fact)) : hint);
        }
    }
    return std::nullopt;
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

namespace {

// "`AA`, `BB`": the regions loaded, for a hint.
std::string loaded_regions(const PolicySet& policies) {
    std::string out;
    for (const auto& g : policies.graphs()) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", g->info.region);
    return out;
}

}  // namespace

std::variant<ResolvedClaim, QueryError> resolve_claim(const PolicySet& policies, const QueryView& q) {
    if (policies.graphs().empty()) return error("no_policy", "no policy is loaded");
    const RuleGraph* graph = nullptr;
    if (q.region) {
        graph = policies.find_region(*q.region);
        if (!graph) {
            return error("unknown_region", fmt::format("no policy is loaded for region `{}`", *q.region),
                         fmt::format("loaded regions: {}", loaded_regions(policies)));
        }
    } else if (policies.graphs().size() == 1) {
        graph = policies.graphs().front().get();
    } else {
        return error("missing_field", "`region` is required when several regions are loaded",
                     fmt::format("give \"region\", one of {}", loaded_regions(policies)));
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
        std::string hint = did_you_mean(graph->nearest_models(*q.model));
        for (const auto& other : policies.graphs()) {
            // A claim sent to the wrong region: say where the model is.
            if (other.get() != graph && other->find_model(*q.model)) {
                hint = fmt::format("the {} policy has `{}`: give \"region\":\"{}\"", other->info.region, *q.model, other->info.region);
                break;
            }
        }
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
                                     *q.last_repair, *q.purchased, *q.claimed),
                         "a repair is made after the purchase and before the claim, on either day or between them");
        }
    }
    const std::string_view bought_in = q.purchase_region ? *q.purchase_region : std::string_view(graph->info.region);
    claim.outside_region = !same_region(bought_in, graph->info.region);
    claim.facts = graph->fact_defaults;
    claim.values = graph->value_defaults;
    // Every name first, so that a misspelt fact is reported as such, not as a wrong value. The
    // indices found are kept for the values (the first few; a longer list looks up again).
    constexpr std::size_t kept = 16;
    std::array<Index, kept> found;
    std::size_t i_fact = 0;
    for (const auto& [name, value] : q.facts) {
        const auto index = graph->find_fact(name);
        if (index && i_fact < kept) found[i_fact] = *index;
        ++i_fact;
        if (!index) {
            std::vector<std::string> all;
            for (const auto& f : graph->facts) all.push_back(f.name);
            std::string hint = did_you_mean(nearest_names(name, all));
            return error("unknown_fact", fmt::format("no fact `{}`", clipped(name)),
                         hint.empty() ? fmt::format("facts: {}", names(graph->facts)) : hint);
        }
    }
    std::uint32_t given = 0;  // bit per value slot
    i_fact = 0;
    for (const auto& [name, value] : q.facts) {
        const Index f = i_fact < kept ? found[i_fact] : *graph->find_fact(name);
        ++i_fact;
        const Fact& fact = graph->facts[f];
        if (value.kind == ValueKind::Null) continue;  // not given: the default stands
        if (auto problem = set_fact_value(claim, fact, f, value)) return *problem;
        if (fact.slot != none) given |= std::uint32_t{1} << fact.slot;
    }
    for (const Index f : graph->value_facts) {
        const Fact& fact = graph->facts[f];
        if (fact.required() && !(given >> fact.slot & 1u)) {
            return error("missing_fact", fmt::format("the claim must give `{}` ({})", fact.name, kind_phrase(fact)),
                         fmt::format("for example \"facts\":{{{}}}", example_value(fact)));
        }
        if (fact.type == FactType::Date && claim.values[fact.slot] != no_value) {
            const Date d{claim.values[fact.slot]};
            if (d < claim.purchased || d > claim.claimed) {
                return error("date_out_of_order",
                             fmt::format("`{}` ({}) must fall between the purchase ({}) and the claim ({})", fact.name,
                                         to_iso(d), to_iso(claim.purchased), to_iso(claim.claimed)),
                             "a date the claim carries falls on the purchase day, the claim day or between them; leave it out "
                             "if the claim has none");
            }
        }
    }
    return out;
}

}  // namespace warrant
