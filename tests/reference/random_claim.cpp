// Random claims against a random policy, aimed at the dates where answers change.
#include <algorithm>

#include "reference/random_choice.hpp"
#include "reference/random_policy.hpp"

namespace warrant::reference {

namespace {

// Days since 0000-03-01, to count the days between two dates.
long serial(Day d) {
    const long y = d.month <= 2 ? d.year - 1 : d.year;
    const long m = d.month <= 2 ? d.month + 9 : d.month - 3;
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day - 1;
}

// Counts near the numbers the policy compares them with, dates between the purchase and the
// claim (or none), every value of a choice. A few claims are wrong on purpose, in ways the
// reference must report as the compiler does: a count or choice without a default left out
// (`missing_fact`), a date outside the purchase..claim range (`date_out_of_order`).
template <typename LengthEnd>
void typed_values(Random& r, const RandomPolicy& p, RandomClaim& claim, const LengthEnd& length_end) {
    using T = RandomPolicy::TypedFact::Type;
    Query& q = claim.query;
    // Dates first: a window that starts on one may move the claim to its end.
    for (const auto& f : p.typed) {
        if (f.type != T::Date || percent(r, 45)) continue;
        const long span = serial(q.claimed) - serial(q.purchased);
        Day d = plus_days(q.purchased, pick(r, 0, static_cast<int>(span)));
        if (percent(r, 15)) d = percent(r, 50) ? q.purchased : q.claimed;
        if (percent(r, 3)) d = percent(r, 50) ? plus_days(q.purchased, -pick(r, 1, 40)) : plus_days(q.claimed, pick(r, 1, 40));
        q.values.emplace_back(f.name, day_to_text(d));
        if (percent(r, 30) && !p.lengths.empty() && !(d < q.purchased)) q.claimed = std::max(q.claimed, length_end(d));
    }
    for (const auto& f : p.typed) {
        if (f.type == T::Date) continue;
        const int leave_out = f.has_default ? 30 : 3;
        if (percent(r, leave_out)) continue;
        std::string value;
        if (f.type == T::Count) {
            const int n = p.count_thresholds.empty() || percent(r, 20) ? pick(r, 0, 6) : one_of(r, p.count_thresholds) + pick(r, -1, 1);
            value = std::to_string(std::max(n, 0));
        } else {
            value = one_of(r, f.choices);
        }
        q.values.emplace_back(f.name, value);
        if (percent(r, 5)) q.values.emplace_back(f.name, f.type == T::Count ? std::to_string(pick(r, 0, 5)) : one_of(r, f.choices));
    }
}

}  // namespace

RandomClaim random_claim(Random& r, const RandomPolicy& p) {
    RandomClaim claim;
    Query& q = claim.query;
    const auto& spellings = one_of(r, p.model_spellings);
    q.model = one_of(r, spellings);
    if (percent(r, 30)) q.model = respell(r, q.model);
    q.part = one_of(r, p.parts);
    q.purchased = random_day(r, 2014, 2030);
    const auto length_end = [&](Day from) {
        const auto& [count, months] = one_of(r, p.lengths);
        const bool overflow = percent(r, 70) ? p.months_overflow : !p.months_overflow;
        return plus_days(months ? plus_months(from, count, overflow) : plus_days(from, count), pick(r, -2, 2));
    };
    const int aim = pick(r, 0, 99);
    if (aim < 25 || p.lengths.empty()) {
        q.claimed = plus_days(q.purchased, pick(r, 0, 1500));
    } else if (aim < 65) {
        q.claimed = length_end(q.purchased);
    } else if (aim < 80 && !p.notice_dates.empty()) {
        q.claimed = plus_days(one_of(r, p.notice_dates), pick(r, -1, 1));
    } else if (aim < 92) {
        const Day month = plus_months(q.purchased, pick(r, 0, 30), false);
        q.claimed = {month.year, month.month, month_length(month.year, month.month)};
    } else {
        q.claimed = q.purchased;
    }
    if (q.claimed < q.purchased) q.claimed = q.purchased;
    if (percent(r, 40)) {
        // A repair between purchase and claim; sometimes the claim moves to a span's end after it.
        const long span = serial(q.claimed) - serial(q.purchased);
        q.last_repair = plus_days(q.purchased, pick(r, 0, static_cast<int>(span)));
        if (percent(r, 50) && !p.lengths.empty()) {
            q.claimed = std::max(*q.last_repair, length_end(*q.last_repair));
        }
    }
    const int where = pick(r, 0, 9);
    if (where < 3) claim.purchase_region = percent(r, 50) ? "ZZ" : "cn";
    if (where == 3) claim.purchase_region = percent(r, 50) ? "XX" : "xx";
    q.outside_region = where < 3;
    for (const std::string& f : p.facts) {
        if (percent(r, 40)) q.facts.emplace_back(f, percent(r, 50));
        if (percent(r, 5)) q.facts.emplace_back(f, percent(r, 50));  // set twice: the later wins
    }
    std::shuffle(q.facts.begin(), q.facts.end(), r);
    typed_values(r, p, claim, length_end);
    return claim;
}

}  // namespace warrant::reference
