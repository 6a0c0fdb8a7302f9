// Queries that can be asked of either version: their JSON form, their answers, and the tests
// a claim range is made of.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include <fmt/format.h>

#include "graph/comparisons.hpp"
#include "support/json_write.hpp"
#include "warrant/decide.hpp"
#include "warrant/diff.hpp"
#include "warrant/query.hpp"

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

DiffAnswer error(std::string code) {
    DiffAnswer a;
    a.error = std::move(code);
    return a;
}

// Whether a query's value is of the kind the fact is declared with.
bool value_fits(const Fact& f, const FactValue& v) {
    switch (f.type) {
        case FactType::Bool: return v.kind == ValueKind::Bool;
        case FactType::Count: return v.kind == ValueKind::Number;
        case FactType::Date:
        case FactType::Choice: return v.kind == ValueKind::String;
    }
    return false;
}

// The value a query gives the fact `name` (the last one, as resolve_claim reads it), if any.
const FactValue* given_value(const DiffQuery& q, std::string_view name) {
    const FactValue* out = nullptr;
    for (const auto& [fact, value] : q.facts) {
        if (same_name(fact, name)) out = &value;
    }
    return out;
}

// The date a query gives the date fact `name`, if it gives a valid one.
std::optional<Date> given_date(const DiffQuery& q, std::string_view name) {
    const FactValue* v = name.empty() ? nullptr : given_value(q, name);
    if (!v || v->kind != ValueKind::String) return std::nullopt;
    return parse_iso_date(v->text);
}

// One side of a date comparison: the purchase, the claim, a calendar date or a date fact.
std::optional<Date> compared_date(const DiffQuery& q, const std::string& side) {
    if (side == "purchased") return q.purchased;
    if (side == "claimed") return q.claimed;
    if (!side.empty() && side[0] >= '0' && side[0] <= '9') return parse_iso_date(side);
    return given_date(q, side);
}

// Whether every date the claim gives (any fact given as a date) falls from its purchase to its claim.
bool dates_in_order(const DiffQuery& q) {
    for (const auto& [name, value] : q.facts) {
        if (value.kind != ValueKind::String) continue;
        const auto d = parse_iso_date(value.text);
        if (d && (*d < q.purchased || *d > q.claimed)) return false;
    }
    return true;
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
            out += ':';
            const FactValue& v = facts[i].second;
            switch (v.kind) {
                case ValueKind::Bool: out += v.flag ? "true" : "false"; break;
                case ValueKind::String: json::append_string(out, v.text); break;
                case ValueKind::Number:
                case ValueKind::Other: out += v.text; break;
                case ValueKind::Null: out += "null"; break;
            }
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

std::string DiffAnswer::describe_clauses() const {
    return clauses.empty() ? "citing no clause" : fmt::format("citing {}", fmt::join(clauses, ", "));
}

DiffAnswer answer_query(const RuleGraph& g, const DiffQuery& q, bool strict) {
    // Asked as `warrant query` asks it, so that witnesses are answered exactly as users see.
    QueryInput input;
    if (!q.region.empty()) input.region = q.region;
    input.model = q.model;
    input.part = q.part;
    input.purchased = to_iso(q.purchased);
    input.claimed = to_iso(q.claimed);
    if (q.last_repair) input.last_repair = to_iso(*q.last_repair);
    if (!q.purchase_region.empty()) input.purchase_region = q.purchase_region;
    for (const auto& [name, value] : q.facts) {
        // Leniently, a fact the version lacks, or has as another kind, is not given to it.
        if (!strict) {
            const auto fact = g.find_fact(name);
            if (!fact || !value_fits(g.facts[*fact], value)) continue;
        }
        input.facts.emplace_back(name, value);
    }
    PolicySet set;
    set.add(std::shared_ptr<const RuleGraph>(&g, [](const RuleGraph*) {}));
    auto resolved = resolve_claim(set, input);
    if (const auto* e = std::get_if<QueryError>(&resolved)) return error(e->code);
    const Claim& claim = std::get<ResolvedClaim>(resolved).claim;
    const Decision d = decide(g, claim);
    DiffAnswer a;
    if (d.outcome != none) a.verdict = g.outcomes[d.outcome].name;
    a.warranty_until = d.warranty_until;
    for (const Index s : decision_services(g, d)) a.services.push_back(g.services[s].name);
    for (const Index c : deciding_clauses(g, claim, d)) a.clauses.push_back(g.clauses[c].id);
    return a;
}

bool DateTest::holds(const DiffQuery& q) const {
    switch (kind) {
        case Kind::WithinFromPurchase: return q.claimed <= length.last_day(q.purchased);
        case Kind::OnOrBefore: return q.claimed <= date;
        case Kind::HasLastRepair: return q.last_repair.has_value();
        case Kind::WithinFromRepair: return q.last_repair && q.claimed <= length.last_day(*q.last_repair);
        case Kind::HasDate: return given_date(q, fact).has_value();
        case Kind::WithinFromDate: {
            const auto d = given_date(q, fact);
            return d && q.claimed <= length.last_day(*d);
        }
        case Kind::Compares: {
            const auto l = compared_date(q, left);
            const auto r = compared_date(q, right);
            return l && r && compare(l->days, comparison, r->days);
        }
        case Kind::DateWithinFromPurchase: {
            const auto d = given_date(q, fact);
            return d && *d >= q.purchased && *d <= length.last_day(q.purchased);
        }
    }
    return false;
}

bool FactCondition::holds(const DiffQuery& q) const {
    if (values) {
        const FactValue* v = facts.empty() ? nullptr : given_value(q, facts[0]);
        if (!v) return values->not_given;
        if (v->kind == ValueKind::Number) {
            std::int64_t n = 0;
            for (const char ch : v->text) {
                if (ch < '0' || ch > '9') return false;
                n = std::min<std::int64_t>(n * 10 + (ch - '0'), std::int64_t{1} << 40);
            }
            return std::any_of(values->counts.begin(), values->counts.end(),
                               [&](const auto& range) { return n >= range.first && n <= range.second; });
        }
        if (v->kind == ValueKind::String) {
            return std::any_of(values->choices.begin(), values->choices.end(), [&](const std::string& c) { return same_name(c, v->text); });
        }
        return false;
    }
    unsigned given = 0;  // the set of ways this group's facts are given: 1 not given, 2 true, 4 false
    for (const std::string& fact : facts) {
        unsigned way = 1;
        if (const FactValue* v = given_value(q, fact)) way = v->kind == ValueKind::Bool && v->flag ? 2 : 4;
        given |= way;
    }
    return (accepted >> (given - 1)) & 1u;
}

bool NotCompared::covers(const DiffQuery& q) const {
    if (!model_keys.empty() && !std::binary_search(model_keys.begin(), model_keys.end(), normalize_model_name(q.model))) return false;
    if (!part.empty() && !same_name(q.part, part)) return false;
    const auto gives = [&](const std::string& date) { return date == "last_repair" ? q.last_repair.has_value() : given_value(q, date) != nullptr; };
    return std::all_of(facts.begin(), facts.end(), [&](const FactCondition& f) { return f.holds(q); }) &&
           std::all_of(given.begin(), given.end(), gives);
}

bool ClaimRange::covers_claimant(const DiffQuery& q) const {
    if (!model_keys.empty() &&
        !std::binary_search(model_keys.begin(), model_keys.end(), normalize_model_name(q.model))) {
        return false;
    }
    if (!part.empty() && !same_name(q.part, part)) return false;
    switch (kind) {
        case Kind::Acceptance:
            switch (rejects) {
                case Rejects::Fact: {
                    const FactValue* v = given_value(q, named);
                    return v && (named_value.empty() || same_name(v->text, named_value));
                }
                case Rejects::MissingFact: return given_value(q, named) == nullptr;
                case Rejects::Region:
                    // Only the `region` field is rejected; a region of purchase is any code.
                    return same_region(q.region, named);
                default: return true;  // the model or part, already matched
            }
        case Kind::Until:
            return std::all_of(facts.begin(), facts.end(), [&](const FactCondition& f) { return f.holds(q); });
        case Kind::Reason:
        case Kind::Verdict:
            if (!std::all_of(facts.begin(), facts.end(), [&](const FactCondition& f) { return f.holds(q); })) return false;
            if (outside_region && *outside_region != bought_outside(q, region)) return false;
            return !outside_old_region || *outside_old_region == bought_outside(q, old_region);
    }
    return false;
}

namespace {

constexpr DayRange every_day{}, no_day{1, 0};

// The claim dates on which `t` holds for claims like `q` but for their claim date. A test
// compares the claim date with at most one date that does not depend on it, so they are one
// stretch of days.
DayRange claimed_days(const DateTest& t, const DiffQuery& q) {
    const auto until = [](Date last) { return DayRange{INT32_MIN, last.days}; };
    switch (t.kind) {
        case DateTest::Kind::WithinFromPurchase: return until(t.length.last_day(q.purchased));
        case DateTest::Kind::OnOrBefore: return until(t.date);
        case DateTest::Kind::WithinFromRepair: return q.last_repair ? until(t.length.last_day(*q.last_repair)) : no_day;
        case DateTest::Kind::WithinFromDate: {
            const auto d = given_date(q, t.fact);
            return d ? until(t.length.last_day(*d)) : no_day;
        }
        case DateTest::Kind::Compares: {
            const bool left_claimed = t.left == "claimed", right_claimed = t.right == "claimed";
            if (left_claimed == right_claimed) break;  // the claim date on neither side, or on both
            const auto other = compared_date(q, left_claimed ? t.right : t.left);
            if (!other) return no_day;
            return days_where(left_claimed ? t.comparison : swapped(t.comparison), other->days);
        }
        default: break;  // the rest do not read the claim date
    }
    return t.holds(q) ? every_day : no_day;
}

// Whether the two versions' warranties end on different days for `q` (each counts from its
// date fact when the claim gives it, else from the purchase).
bool ends_differ(const ClaimRange& r, const DiffQuery& q) {
    const auto end = [&](const std::optional<DiffLength>& l, const std::string& from) {
        return l ? std::optional<Date>(l->last_day(given_date(q, from).value_or(q.purchased))) : std::nullopt;
    };
    return end(r.until_before, r.until_from_before) != end(r.until_after, r.until_from_after);
}

}  // namespace

std::size_t ClaimRange::claim_days_covered(const DiffQuery& q, Date first, std::int32_t count) const {
    if (count <= 0) return 0;
    if (kind == Kind::Acceptance) return static_cast<std::size_t>(count);
    if (kind == Kind::Until && services_before == services_after && !ends_differ(*this, q)) return 0;
    if (kind == Kind::Reason && until_purchases_alike && ends_differ(*this, q)) return 0;
    // Every date the claim gives falls from the purchase to the claim (dates_in_order).
    DayRange span{first.days, first.days + count - 1};
    for (const auto& [name, value] : q.facts) {
        if (value.kind != ValueKind::String) continue;
        const auto d = parse_iso_date(value.text);
        if (!d) continue;
        if (*d < q.purchased) return 0;
        span.first = std::max(span.first, d->days);
    }
    std::vector<std::pair<DayRange, bool>> tests;
    tests.reserve(dates.size());
    for (const DateLiteral& l : dates) tests.emplace_back(claimed_days(l.test, q), l.value);
    std::size_t in = 0;
    for (std::int32_t day = span.first; day <= span.last; ++day) {
        in += std::all_of(tests.begin(), tests.end(), [&](const auto& t) { return t.first.contains(day) == t.second; });
    }
    return in;
}

bool ClaimRange::covers_dates(const DiffQuery& q) const {
    if (kind == Kind::Acceptance) return true;
    // A date fact outside [purchase, claim] makes a claim an error in every version that
    // declares it: such claims are answered alike and lie in no answer range.
    if (!dates_in_order(q)) return false;
    const auto literals_hold = [&] {
        return std::all_of(dates.begin(), dates.end(), [&](const DateLiteral& l) { return l.test.holds(q) == l.value; });
    };
    switch (kind) {
        case Kind::Acceptance: return true;
        case Kind::Until: return literals_hold() && (services_before != services_after || ends_differ(*this, q));
        case Kind::Reason:
            if (until_purchases_alike && ends_differ(*this, q)) return false;
            return literals_hold();
        case Kind::Verdict: return literals_hold();
    }
    return false;
}

bool DiffReport::answers_differ() const {
    return std::any_of(policies.begin(), policies.end(), [](const PolicyDiff& p) { return p.answers_differ(); });
}

bool DiffReport::reasons_differ() const {
    return std::any_of(policies.begin(), policies.end(), [](const PolicyDiff& p) { return p.reasons_differ(); });
}

bool DiffReport::complete() const {
    return std::all_of(policies.begin(), policies.end(), [](const PolicyDiff& p) { return p.complete(); });
}

}  // namespace warrant
