// Random claims over what a compiled policy declares, for tests that compare two graphs'
// answers claim by claim: every model and part, dates around the policy's boundaries, and
// every kind of fact (counts near the numbers the rules compare with, dates between the
// purchase and the claim or none, every value of a choice).
#pragma once

#include <random>
#include <vector>

#include "warrant/decide.hpp"
#include "warrant/rule_graph.hpp"

namespace warrant::test {

inline Claim random_claim(const RuleGraph& g, std::mt19937& rng) {
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
    Claim c;
    c.model = static_cast<Index>(pick(g.models.size()));
    c.part = static_cast<Index>(pick(g.parts.size()));
    c.purchased = Date{static_cast<std::int32_t>(17500 + pick(3000))};   // 2017..2025
    c.claimed = add_days(c.purchased, static_cast<std::int32_t>(pick(chance(0.5) ? 40 : 1200)));
    if (chance(0.3)) c.last_repair = add_days(c.purchased, static_cast<std::int32_t>(pick(static_cast<std::size_t>(c.claimed.days - c.purchased.days) + 1)));
    c.outside_region = chance(0.2);
    c.facts = g.fact_defaults;
    c.values = g.value_defaults;
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        if (fact.type == FactType::Bool) {
            if (chance(0.3)) set_fact(c.facts, f, chance(0.5));
            continue;
        }
        std::int32_t& v = c.values[fact.slot];
        switch (fact.type) {
            case FactType::Count: {
                std::vector<std::int32_t> near{0, 1};
                for (const CondNode& n : g.conditions) {
                    if (n.kind != CondKind::CountCompare || n.a != f) continue;
                    for (const std::int64_t k : {std::int64_t{n.b} - 1, std::int64_t{n.b}, std::int64_t{n.b} + 1}) {
                        if (k >= 0) near.push_back(static_cast<std::int32_t>(k));
                    }
                }
                if (fact.required() || chance(0.7)) v = near[pick(near.size())];
                break;
            }
            case FactType::Choice:
                if (fact.required() || chance(0.7)) v = static_cast<std::int32_t>(pick(fact.choices.size()));
                break;
            case FactType::Date:
                v = chance(0.5) ? no_value
                                : add_days(c.purchased, static_cast<std::int32_t>(pick(static_cast<std::size_t>(c.claimed.days - c.purchased.days) + 1))).days;
                break;
            case FactType::Bool: break;
        }
    }
    return c;
}

}  // namespace warrant::test
