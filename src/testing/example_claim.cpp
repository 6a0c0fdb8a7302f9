#include "testing/example_claim.hpp"

#include <array>
#include <map>

#include <fmt/format.h>

#include "warrant/query.hpp"

namespace warrant {

namespace {

using Kind = ast::ClaimItem::Kind;

std::string_view item_name(Kind kind) {
    switch (kind) {
        case Kind::Model: return "model";
        case Kind::Part: return "part";
        case Kind::Purchased: return "purchased";
        case Kind::BoughtIn: return "purchased in";
        case Kind::Claimed: return "claimed";
        case Kind::LastRepair: return "last_repair";
        case Kind::Region: return "region";
    }
    return "item";
}

// Each item at most once, each fact at most once, and the four a claim cannot do without.
bool check_items(const ast::ExampleDecl& ex, Diagnostics& diags) {
    bool ok = true;
    std::map<Kind, SourceSpan> seen;
    for (const ast::ClaimItem& item : ex.items) {
        if (const auto [it, fresh] = seen.emplace(item.kind, item.span); !fresh) {
            auto& d = diags.report(Code::ExampleRepeatedItem, item.span,
                                   fmt::format("the claim gives `{}` twice", item_name(item.kind)));
            d.notes.push_back({it->second, "first given here"});
            d.hint = "keep one";
            ok = false;
        }
    }
    std::map<std::string, SourceSpan, std::less<>> facts;
    for (const ast::FactSetting& f : ex.facts) {
        if (const auto [it, fresh] = facts.emplace(f.fact.text, f.span); !fresh) {
            auto& d = diags.report(Code::ExampleRepeatedItem, f.span, fmt::format("the claim sets fact `{}` twice", f.fact.text));
            d.notes.push_back({it->second, "first set here"});
            d.hint = "keep one";
            ok = false;
        }
    }
    std::string missing;
    for (const Kind kind : {Kind::Model, Kind::Part, Kind::Purchased, Kind::Claimed}) {
        if (!seen.count(kind)) missing += fmt::format("{}`{}`", missing.empty() ? "" : ", ", item_name(kind));
    }
    if (!missing.empty()) {
        diags.report(Code::ExampleMissingItem, ex.claim_span, fmt::format("the claim has no {}", missing))
            .hint = "a claim needs `model \"...\"`, `part P`, `purchased DATE` and `claimed DATE`";
        ok = false;
    }
    return ok;
}

QueryInput to_query(const ast::ExampleDecl& ex) {
    QueryInput q;
    for (const ast::ClaimItem& item : ex.items) {
        std::optional<std::string>* field = nullptr;
        switch (item.kind) {
            case Kind::Model: field = &q.model; break;
            case Kind::Part: field = &q.part; break;
            case Kind::Purchased: field = &q.purchased; break;
            case Kind::BoughtIn: field = &q.purchase_region; break;
            case Kind::Claimed: field = &q.claimed; break;
            case Kind::LastRepair: field = &q.last_repair; break;
            case Kind::Region: field = &q.region; break;
        }
        *field = item.word.text;
    }
    for (const ast::FactSetting& f : ex.facts) {
        q.facts.emplace_back(f.fact.text, f.value ? fact_value_from_text(f.value->text) : FactValue(true));
    }
    return q;
}

std::optional<SourceSpan> item_span(const ast::ExampleDecl& ex, Kind kind) {
    for (const ast::ClaimItem& item : ex.items) {
        if (item.kind == kind) return item.word.span;
    }
    return std::nullopt;
}

// Where a query error lies in the example, and which code reports it.
std::pair<Code, SourceSpan> locate(const RuleGraph& graph, const ast::ExampleDecl& ex, const QueryError& e) {
    const auto at = [&](Kind kind) { return item_span(ex, kind).value_or(ex.claim_span); };
    if (e.code == "unknown_region") return {Code::ExampleUnknownName, at(Kind::Region)};
    if (e.code == "unknown_model") return {Code::ExampleUnknownName, at(Kind::Model)};
    if (e.code == "unknown_part") return {Code::ExampleUnknownName, at(Kind::Part)};
    if (e.code == "unknown_fact") {
        for (const ast::FactSetting& f : ex.facts) {
            if (!graph.find_fact(f.fact.text)) return {Code::ExampleUnknownName, f.fact.span};
        }
        return {Code::ExampleUnknownName, ex.claim_span};
    }
    if (e.code == "impossible_date") {
        for (const Kind kind : {Kind::Purchased, Kind::Claimed, Kind::LastRepair}) {
            for (const ast::ClaimItem& item : ex.items) {
                if (item.kind == kind && !parse_iso_date(item.word.text)) return {Code::ExampleImpossibleDate, item.word.span};
            }
        }
        return {Code::ExampleImpossibleDate, ex.claim_span};
    }
    if (e.code == "wrong_type" || e.code == "out_of_range" || e.code == "unknown_value" || e.code == "date_out_of_order" ||
        e.code == "date_out_of_range") {
        // The message names the fact first, in backticks.
        for (const ast::FactSetting& f : ex.facts) {
            if (e.message.find(fmt::format("`{}`", f.fact.text)) != std::string::npos) {
                return {e.code == "date_out_of_order" ? Code::ExampleImpossibleDate : Code::ExampleWrongValue,
                        f.value ? f.value->span : f.span};
            }
        }
    }
    if (e.code == "claimed_before_purchase") return {Code::ExampleImpossibleDate, at(Kind::Claimed)};
    if (e.code == "last_repair_out_of_order") return {Code::ExampleImpossibleDate, at(Kind::LastRepair)};
    return {Code::ExampleMissingItem, ex.claim_span};
}

}  // namespace

std::optional<Claim> example_claim(const std::shared_ptr<const RuleGraph>& graph, const ast::ExampleDecl& ex,
                                   Diagnostics& diags) {
    if (!check_items(ex, diags)) return std::nullopt;
    PolicySet policies;
    policies.add(graph);
    auto resolved = resolve_claim(policies, to_query(ex));
    if (auto* e = std::get_if<QueryError>(&resolved)) {
        const auto [code, span] = locate(*graph, ex, *e);
        diags.report(code, span, e->message).hint = e->hint;
        return std::nullopt;
    }
    return std::get<ResolvedClaim>(resolved).claim;
}

}  // namespace warrant
