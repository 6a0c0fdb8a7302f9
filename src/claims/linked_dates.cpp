// The outcomes linked date facts reach together: two facts by the ends of their own outcomes'
// days, more facts by trying every order over stretches of like days.
#include "claims/linked_dates.hpp"

#include <algorithm>

namespace warrant::claims {

namespace {

using Days = std::vector<std::optional<Date>>;

struct Adder {
    const std::function<std::uint64_t(const Days&)>& compare;
    std::vector<LinkedChoice>& out;
    std::size_t& work;

    void operator()(Days days, std::uint64_t own) {
        ++work;
        const std::uint64_t bits = own | compare(days);
        if (std::none_of(out.begin(), out.end(), [&](const LinkedChoice& c) { return c.bits == bits; })) {
            out.push_back({std::move(days), bits});
        }
    }
};

// One own outcome of a fact, and the first and last candidate day that has it. The candidates
// hold the first and last day of every stretch of like outcomes, so these are the true ends.
struct Span {
    std::uint64_t bits;
    std::int32_t first, last;
};

std::vector<Span> spans_of(const std::vector<std::uint64_t>& own, const std::vector<std::int32_t>& days) {
    std::vector<Span> out;
    for (std::size_t k = 0; k < days.size(); ++k) {
        const auto it = std::find_if(out.begin(), out.end(), [&](const Span& s) { return s.bits == own[k]; });
        if (it == out.end()) out.push_back({own[k], days[k], days[k]});
        else it->last = days[k];  // days ascend
    }
    return out;
}

// Two facts: with own outcomes X and Y, one can come first when X's first day is before Y's
// last; they can fall on one day when some day has both.
void two_facts(const LinkedFacts& f, Adder& add) {
    const std::vector<Span> a = spans_of(f.own[0], f.days), b = spans_of(f.own[1], f.days);
    for (const Span& x : a) {
        for (const Span& y : b) {
            if (x.first < y.last) add({Date{x.first}, Date{y.last}}, x.bits | y.bits);
            if (x.last > y.first) add({Date{x.last}, Date{y.first}}, x.bits | y.bits);
        }
    }
    std::vector<std::pair<std::uint64_t, std::uint64_t>> shared;
    for (std::size_t k = 0; k < f.days.size(); ++k) {
        const std::pair<std::uint64_t, std::uint64_t> both{f.own[0][k], f.own[1][k]};
        if (std::find(shared.begin(), shared.end(), both) != shared.end()) continue;
        shared.push_back(both);
        add({Date{f.days[k]}, Date{f.days[k]}}, both.first | both.second);
    }
    if (!f.required[0]) {
        for (const Span& y : b) add({std::nullopt, Date{y.first}}, y.bits);
    }
    if (!f.required[1]) {
        for (const Span& x : a) add({Date{x.first}, std::nullopt}, x.bits);
    }
    if (!f.required[0] && !f.required[1]) add({std::nullopt, std::nullopt}, 0);
}

// More facts: consecutive candidate days whose outcomes are alike for every fact are
// interchangeable but for order, so as many of them as there are facts are kept; then every
// combination is tried.
void more_facts(const LinkedFacts& f, Adder& add) {
    const std::size_t n = f.required.size();
    std::vector<std::size_t> kept;  // indices into f.days
    std::size_t run = 0;
    for (std::size_t k = 0; k < f.days.size(); ++k) {
        bool same = k > 0;
        for (std::size_t j = 0; j < n && same; ++j) same = f.own[j][k] == f.own[j][k - 1];
        run = same ? run + 1 : 0;
        if (run < n) kept.push_back(k);
    }
    std::vector<std::vector<std::optional<std::size_t>>> options(n);
    for (std::size_t j = 0; j < n; ++j) {
        if (!f.required[j]) options[j].push_back(std::nullopt);
        for (const std::size_t k : kept) options[j].push_back(k);
    }
    std::vector<std::size_t> at(n, 0);
    Days days(n);
    while (true) {
        std::uint64_t own = 0;
        for (std::size_t j = 0; j < n; ++j) {
            const auto& k = options[j][at[j]];
            days[j] = k ? std::optional<Date>(Date{f.days[*k]}) : std::nullopt;
            if (k) own |= f.own[j][*k];
        }
        add(days, own);
        std::size_t j = 0;  // next combination, odometer style
        for (; j < n; ++j) {
            if (++at[j] < options[j].size()) break;
            at[j] = 0;
        }
        if (j == n) break;
    }
}

}  // namespace

void linked_choices(const LinkedFacts& facts, const std::function<std::uint64_t(const Days&)>& compare,
                    std::vector<LinkedChoice>& out, std::size_t& work) {
    out.clear();
    Adder add{compare, out, work};
    if (facts.required.size() == 2) two_facts(facts, add);
    else more_facts(facts, add);
}

}  // namespace warrant::claims
