// NameTable against std::unordered_map: the same answers for short and long names, names that
// differ only after the inline bytes, values read from the slots, misses, repeated adds and growth.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_map>

#include "warrant/name_table.hpp"

using warrant::NameTable;

TEST_CASE("name table: answers as a hash map does, for names short, long and alike") {
    std::mt19937 rng(7);
    NameTable<unsigned> table;
    std::unordered_map<std::string, unsigned> reference;
    CHECK(table.find("anything") == table.end());  // empty: no slots yet
    CHECK(table.find_value("anything") == nullptr);
    table.prefetch("anything");
    std::vector<std::string> names = {"", "a", std::string(18, 'x'), std::string(19, 'x'), std::string(18, 'x') + "y",
                                      std::string(22, 'x'), std::string(23, 'x'), std::string(22, 'x') + "y"};
    for (int k = 0; k < 5000; ++k) {
        std::string name;
        const std::size_t length = rng() % 40;
        for (std::size_t i = 0; i < length; ++i) name.push_back("ab01"[rng() % 4]);
        names.push_back(name);
    }
    for (unsigned k = 0; k < names.size(); ++k) {
        const auto [it, fresh] = table.emplace(names[k], k);
        const auto [ref, ref_fresh] = reference.emplace(names[k], k);
        CHECK(fresh == ref_fresh);
        CHECK(it->first == names[k]);
        CHECK(it->second == ref->second);  // a name added again keeps its first value
    }
    CHECK(table.size() == reference.size());
    for (const auto& [name, value] : reference) {
        INFO("name `" << name << "`");
        REQUIRE(table.find(name) != table.end());
        CHECK(table.at(name) == value);
        CHECK(table.count(name) == 1);
        const unsigned* in_slot = table.find_value(name);
        REQUIRE(in_slot != nullptr);
        CHECK(*in_slot == value);
        table.prefetch(name);  // a hint: changes nothing
    }
    for (const std::string& miss : {std::string("c"), std::string(22, 'x') + "z", std::string(23, 'y'), std::string(60, 'a')}) {
        CHECK(table.count(miss) == reference.count(miss));
        CHECK((table.find_value(miss) != nullptr) == (reference.count(miss) == 1));
        table.prefetch(miss);
    }
    // Entries in the order they were first added.
    std::vector<std::string> order;
    for (const auto& [name, value] : table) order.push_back(name);
    std::vector<std::string> expected;
    for (const std::string& n : names) {
        if (std::find(expected.begin(), expected.end(), n) == expected.end()) expected.push_back(n);
    }
    CHECK(order == expected);
    // Equality ignores the order of adding.
    NameTable<unsigned> reversed;
    reversed.reserve(expected.size());
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) reversed.emplace(*it, reference.at(*it));
    CHECK(reversed == table);
    reversed.emplace("one more", 1);
    CHECK_FALSE(reversed == table);
    CHECK_THROWS_AS(table.at("not there"), std::out_of_range);
}
