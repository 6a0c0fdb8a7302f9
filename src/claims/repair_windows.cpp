// Tests from the last repair: their outcomes for a repair and a claim, the repair days that
// meet each outcome, and the index of outcomes per claim day.
#include "claims/repair_windows.hpp"

#include <algorithm>

#include "claims/date_search.hpp"

namespace warrant::claims {

RepairTests::RepairTests(std::vector<DiffLength> lengths, std::size_t first_bit)
    : lengths_(std::move(lengths)), first_bit_(first_bit) {
    for (const DiffLength& l : lengths_) {
        for (std::int32_t d = 0; d < cycle; ++d) {
            const Date from = add_days(*make_date(2020, 1, 1), d);
            reach_ = std::max(reach_, l.last_day(from).days - from.days + 1);
        }
    }
    vary_ = order_varies(lengths_, *make_date(2020, 1, 1));
}

std::uint64_t RepairTests::key(Date repaired, Date claimed) const {
    std::uint64_t key = std::uint64_t{1} << first_bit_;
    for (std::size_t k = 0; k < lengths_.size(); ++k) {
        if (claimed <= lengths_[k].last_day(repaired)) key |= std::uint64_t{1} << (first_bit_ + 1 + k);
    }
    return key;
}

std::vector<std::int32_t> RepairTests::candidates(Date claimed, std::int32_t earliest) const {
    std::vector<std::int32_t> out;
    out.reserve(2 + lengths_.size() * (2 * fuzz + 1));
    out.push_back(earliest);
    out.push_back(claimed.days);
    for (const DiffLength& l : lengths_) {
        const std::int32_t t = first_reaching(l, claimed, earliest, claimed.days);
        for (std::int32_t d = t - fuzz; d <= t + fuzz; ++d) {
            if (d >= earliest && d <= claimed.days) out.push_back(d);
        }
    }
    return out;
}

std::vector<std::int32_t> RepairTests::claim_pieces(Date repaired, std::int32_t lo, std::int32_t hi) const {
    std::vector<std::int32_t> out = {lo};
    for (const DiffLength& l : lengths_) {
        const std::int32_t after = l.last_day(repaired).days + 1;
        if (after > lo && after <= hi) out.push_back(after);
    }
    return out;
}

FarRepairs::FarRepairs(const RepairTests& tests, const std::vector<Date>& purchases, const std::vector<DiffLength>& cutting,
           const std::vector<Date>& ends) {
    // The claim days needed: after each purchase's near part, up to its last cell's end.
    std::vector<std::pair<std::int32_t, std::int32_t>> spans;
    for (const Date p : purchases) {
        std::int32_t last_cut = p.days;
        for (const DiffLength& l : cutting) last_cut = std::max(last_cut, l.last_day(p).days + 1);
        for (const Date e : ends) {
            if (e >= p) last_cut = std::max(last_cut, e.days + 1);
        }
        spans.emplace_back(p.days + tests.reach() + 1, std::min(last_date.days, last_cut + cycle));
    }
    std::sort(spans.begin(), spans.end());
    std::int32_t done = first_date.days - 1;
    std::size_t total = 0;
    for (const auto& [from, to] : spans) {
        for (std::int32_t c = std::max(from, done + 1); c <= to; ++c) {
            if (++total > limit) {
                throw DiffLimit{"lengths after the last repair that change order (months against days) over too wide a span of dates"};
            }
            std::vector<std::uint64_t> seen;
            for (const std::int32_t r : tests.candidates(Date{c}, c - tests.reach())) {
                const std::uint64_t key = tests.key(Date{r}, Date{c});
                if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
                seen.push_back(key);
                auto& list = by_key_[key];
                list.push_back({c, r, key});
            }
        }
        done = std::max(done, to);
    }
}

std::vector<FarRepairs::Hit> FarRepairs::between(std::int32_t lo, std::int32_t hi) const {
    std::vector<Hit> out;
    for (const auto& [key, hits] : by_key_) {
        const auto it = std::lower_bound(hits.begin(), hits.end(), lo, [](const Hit& h, std::int32_t day) { return h.claimed < day; });
        if (it != hits.end() && it->claimed <= hi) out.push_back(*it);
    }
    std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.claimed != b.claimed ? a.claimed < b.claimed : a.key < b.key; });
    return out;
}

}  // namespace warrant::claims
