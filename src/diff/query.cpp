// Queries that can be asked of either version: their JSON form, their answers, and the tests
// a claim range is made of.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "support/json_write.hpp"
#include "warrant/decide.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

// Names compare as the graph's look-ups compare them: exactly, else ignoring ASCII case.
bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool same_region(std::string_view a, std::string_view b) { return same_name(a, b); }

bool bought_outside(const DiffQuery& q, std::string_view region) {
    return !q.purchase_region.empty() && !same_region(q.purchase_region, region);
}

DiffAnswer error(const char* code) {
    DiffAnswer a;
    a.error = code;
    return a;
}

}  // namespace

Date DiffLength::last_day(Date from) const {
    const Date end = length.unit == LengthUnit::Days ? add_days(from, static_cast<std::int32_t>(length.count))
                                                     : add_months(from, static_cast<std::int32_t>(length.count), months);
    return last_day_covered ? end : add_days(end, -1);
}

std::string DiffQuery::to_json() const {
    std::string out = "{";
    const auto field = [&](const char* key, std::string_view value) {
        if (out.size() > 1) out += ',';
        json::append_string(out, key);
        out += ':';
        json::append_string(out, value);
    };
    if (!region.empty()) field("region", region);
    field("model", model);
    field("part", part);
    field("purchased", to_iso(purchased));
    field("claimed", to_iso(claimed));
    if (last_repair) field("last_repair", to_iso(*last_repair));
    if (!purchase_region.empty()) field("purchase_region", purchase_region);
    if (!facts.empty()) {
        out += ",\"facts\":{";
        for (std::size_t i = 0; i < facts.size(); ++i) {
            if (i) out += ',';
            json::append_string(out, facts[i].first);
            out += facts[i].second ? ":true" : ":false";
        }
        out += '}';
    }
    return out + "}";
}

std::string DiffAnswer::describe() const {
    if (!error.empty()) return fmt::format("error {}", error);
    std::string out = verdict.empty() ? "no verdict" : verdict;
    out += warranty_until ? fmt::format(" until {}", to_iso(*warranty_until)) : " with no warranty period";
    if (!services.empty()) out += fmt::format(" via {}", fmt::join(services, ", "));
    return out;
}

DiffAnswer answer_query(const RuleGraph& g, const DiffQuery& q, bool strict) {
    if (!q.region.empty() && !same_region(q.region, g.info.region)) return error("unknown_region");
    const auto model = g.find_model(q.model);
    if (!model) return error("unknown_model");
    const auto part = g.find_part(q.part);
    if (!part) return error("unknown_part");
    // As resolve_claim: claims are dated up to 8999, so that every period ends on a written date.
    for (const Date d : {q.purchased, q.claimed, q.last_repair.value_or(q.purchased)}) {
        if (to_ymd(d).year > 8999) return error("date_out_of_range");
    }
    if (q.claimed < q.purchased) return error("claimed_before_purchase");
    if (q.last_repair && (*q.last_repair < q.purchased || *q.last_repair > q.claimed)) {
        return error("last_repair_out_of_order");
    }
    Claim claim;
    claim.model = *model;
    claim.part = *part;
    claim.purchased = q.purchased;
    claim.claimed = q.claimed;
    claim.last_repair = q.last_repair;
    claim.outside_region = bought_outside(q, g.info.region);
    claim.facts = g.fact_defaults;
    for (const auto& [name, value] : q.facts) {
        if (const auto fact = g.find_fact(name)) {
            set_fact(claim.facts, *fact, value);
        } else if (strict) {
            return error("unknown_fact");
        }
    }
    const Decision d = decide(g, claim);
    DiffAnswer a;
    if (d.outcome != none) a.verdict = g.outcomes[d.outcome].name;
    a.warranty_until = d.warranty_until;
    for (const Index s : decision_services(g, d)) a.services.push_back(g.services[s].name);
    return a;
}

bool DateTest::holds(const DiffQuery& q) const {
    switch (kind) {
        case Kind::WithinFromPurchase: return q.claimed <= length.last_day(q.purchased);
        case Kind::OnOrBefore: return q.claimed <= date;
        case Kind::HasLastRepair: return q.last_repair.has_value();
        case Kind::WithinFromRepair: return q.last_repair && q.claimed <= length.last_day(*q.last_repair);
    }
    return false;
}

bool FactCondition::holds(const DiffQuery& q) const {
    unsigned given = 0;  // the set of ways this group's facts are given: 1 not given, 2 true, 4 false
    for (const std::string& fact : facts) {
        unsigned way = 1;
        for (const auto& [name, value] : q.facts) {
            if (same_name(name, fact)) way = value ? 2 : 4;  // the last setting wins, as in resolve_claim
        }
        given |= way;
    }
    return (accepted >> (given - 1)) & 1u;
}

bool ClaimRange::covers(const DiffQuery& q) const {
    if (!model_keys.empty() &&
        !std::binary_search(model_keys.begin(), model_keys.end(), normalize_model_name(q.model))) {
        return false;
    }
    if (!part.empty() && !same_name(q.part, part)) return false;
    switch (kind) {
        case Kind::Acceptance:
            switch (rejects) {
                case Rejects::Fact:
                    return std::any_of(q.facts.begin(), q.facts.end(), [&](const auto& f) { return same_name(f.first, named); });
                case Rejects::Region:
                    // Only the `region` field is rejected; a region of purchase is any code.
                    return same_region(q.region, named);
                default: return true;  // the model or part, already matched
            }
        case Kind::Until: {
            if (!std::all_of(facts.begin(), facts.end(), [&](const FactCondition& f) { return f.holds(q); })) return false;
            if (services_before != services_after) return true;
            const auto end = [&](const std::optional<DiffLength>& l) {
                return l ? std::optional<Date>(l->last_day(q.purchased)) : std::nullopt;
            };
            return end(until_before) != end(until_after);
        }
        case Kind::Verdict:
            if (!std::all_of(facts.begin(), facts.end(), [&](const FactCondition& f) { return f.holds(q); })) return false;
            if (outside_region && *outside_region != bought_outside(q, region)) return false;
            if (outside_old_region && *outside_old_region != bought_outside(q, old_region)) return false;
            return std::all_of(dates.begin(), dates.end(), [&](const DateLiteral& l) { return l.test.holds(q) == l.value; });
    }
    return false;
}

bool DiffReport::answers_differ() const {
    return std::any_of(policies.begin(), policies.end(), [](const PolicyDiff& p) { return p.answers_differ(); });
}

}  // namespace warrant
