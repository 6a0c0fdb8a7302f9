// Finding every combination of boundary tests that some claim of one model and part has.
#include "claims/claim_dates.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "claims/date_comparisons.hpp"
#include "claims/date_search.hpp"
#include "claims/linked_dates.hpp"
#include "claims/repair_windows.hpp"

namespace warrant::claims {

namespace {

template <typename T>
void add_unique(std::vector<T>& out, const T& value) {
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
}


// Purchase dates that together meet every order of the boundaries relative to each other, to
// the end-of-service dates and to the calendar dates a condition compares the purchase with. An end-of-service date E and a length L from purchase change
// order at the first purchase P with P + L >= E; between such thresholds that order is fixed.
// When lengths can also change order among themselves (months against days, two calendars),
// each stretch between thresholds is walked over a whole four-year cycle from each end.
std::vector<Date> sample_purchases(const std::vector<DiffLength>& lengths, const std::vector<Date>& ends,
                                   const std::vector<Date>& compared, Date reference, bool lengths_vary) {
    std::vector<std::int32_t> thresholds;
    for (const Date d : compared) thresholds.push_back(d.days);  // purchase dates a condition compares with
    std::vector<DiffLength> with_zero = lengths;
    with_zero.push_back(DiffLength{{0, LengthUnit::Days}, MonthRule::Clamp, true});
    for (const Date end : ends) {
        for (const DiffLength& length : with_zero) {
            thresholds.push_back(first_reaching(length, end, first_date.days, last_date.days));
        }
    }
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    std::set<std::int32_t> days;
    const auto walk = [&](std::int64_t from, std::int64_t to) {  // [from, to], clipped
        for (std::int64_t d = std::max<std::int64_t>(from, first_date.days);
             d <= std::min<std::int64_t>(to, last_date.days); ++d) {
            days.insert(static_cast<std::int32_t>(d));
        }
    };
    for (const std::int32_t t : thresholds) walk(std::int64_t{t} - fuzz, std::int64_t{t} + fuzz);
    if (lengths_vary) {
        if (thresholds.empty()) walk(reference.days, std::int64_t{reference.days} + cycle - 1);
        else walk(std::int64_t{thresholds.front()} - cycle, thresholds.front() - 1);
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            const std::int64_t from = thresholds[i];
            const std::int64_t to = i + 1 < thresholds.size() ? std::int64_t{thresholds[i + 1]} - 1 : from + cycle - 1;
            if (to - from < 2 * cycle) {
                walk(from, to);
            } else {
                walk(from, from + cycle - 1);
                walk(to - cycle + 1, to);
            }
        }
    }
    std::vector<Date> out = {reference};  // the reference first: its claims become the witnesses
    for (const std::int32_t d : days) {
        if (d != reference.days) out.push_back(Date{d});
    }
    return out;
}

}  // namespace

DiffLength length_in(const RuleGraph& graph, Length length) {
    return DiffLength{length, graph.calendar.months, graph.calendar.last_day_covered};
}

std::vector<DiffLength> lengths_from_purchase(const Side& side) {
    const RuleGraph& g = *side.graph;
    std::vector<DiffLength> out;
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::WithinAfter && n.c == 0) {
            add_unique(out, length_in(g, {n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months}));
        }
    }
    const std::size_t slot = static_cast<std::size_t>(side.model) * g.parts.size() + side.part;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        add_unique(out, length_in(g, g.periods[g.period_choices[i]].length));
    }
    return out;
}

std::vector<DiffLength> lengths_from_repair(const RuleGraph& g) {
    std::vector<DiffLength> out;
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::WithinAfter && n.c == 1) {
            add_unique(out, length_in(g, {n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months}));
        }
    }
    return out;
}

std::vector<DiffLength> lengths_from_date(const Side& side, const std::string& fact) {
    const RuleGraph& g = *side.graph;
    const auto f = g.find_fact(fact);
    std::vector<DiffLength> out;
    if (!f) return out;
    for (const CondNode& n : g.conditions) {
        if (n.kind == CondKind::WithinAfter && n.c == 2 && n.anchor_fact == *f && n.subject_fact == none) {
            add_unique(out, length_in(g, {n.a, n.b == 0 ? LengthUnit::Days : LengthUnit::Months}));
        }
    }
    const std::size_t slot = static_cast<std::size_t>(side.model) * g.parts.size() + side.part;
    for (std::uint32_t i = g.choice_begin[slot]; i < g.choice_begin[slot + 1]; ++i) {
        const Period& period = g.periods[g.period_choices[i]];
        if (period.start_fact == *f) add_unique(out, length_in(g, period.length));
    }
    return out;
}

Claim sample_claim(const Side& side, const DateSpace& space, const DateSample& sample, bool outside, const FactBits& facts,
                   const FactValues& values) {
    Claim c;
    c.model = side.model;
    c.part = side.part;
    c.purchased = sample.purchased;
    c.claimed = sample.claimed;
    c.last_repair = sample.last_repair;
    c.outside_region = outside;
    c.facts = facts;
    c.values = values;
    space.put_dates(sample, *side.graph, c.values);
    return c;
}

void DateSpace::name_dates(const DateSample& s, std::vector<std::pair<std::string, FactValue>>& facts) const {
    for (std::size_t i = 0; i < s.dated.size() && i < date_facts.size(); ++i) {
        if (s.dated[i]) facts.emplace_back(date_facts[i], FactValue(ValueKind::String, to_iso(*s.dated[i])));
    }
}

void DateSpace::put_dates(const DateSample& s, const RuleGraph& graph, FactValues& values) const {
    for (std::size_t i = 0; i < s.dated.size() && i < date_facts.size(); ++i) {
        const auto f = graph.find_fact(date_facts[i]);
        if (!f || graph.facts[*f].type != FactType::Date || graph.facts[*f].slot == none) continue;
        values[graph.facts[*f].slot] = s.dated[i] ? s.dated[i]->days : no_value;
    }
}

std::uint64_t DateSpace::key_of(const DateSample& s) const {
    DiffQuery q;
    q.purchased = s.purchased;
    q.claimed = s.claimed;
    q.last_repair = s.last_repair;
    name_dates(s, q.facts);
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (tests[i].holds(q)) key |= std::uint64_t{1} << i;
    }
    return key;
}

DateSpace build_date_space(const Side& before, const Side& after, Date reference, bool keep_samples, std::size_t max_work) {
    std::vector<DiffLength> from_purchase = lengths_from_purchase(before);
    for (const DiffLength& l : lengths_from_purchase(after)) add_unique(from_purchase, l);
    std::vector<DiffLength> from_repair = lengths_from_repair(*before.graph);
    for (const DiffLength& l : lengths_from_repair(*after.graph)) add_unique(from_repair, l);
    std::vector<Date> ends;
    for (const Side* side : {&before, &after}) {
        if (const auto& eos = side->graph->models[side->model].end_of_service) add_unique(ends, *eos);
    }
    std::sort(ends.begin(), ends.end());

    DateSpace space;
    for (const DiffLength& l : from_purchase) space.tests.push_back({DateTest::Kind::WithinFromPurchase, l, {}});
    for (const Date e : ends) space.tests.push_back({DateTest::Kind::OnOrBefore, {}, e});
    if (!from_repair.empty()) space.tests.push_back({DateTest::Kind::HasLastRepair, {}, {}});
    for (const DiffLength& l : from_repair) space.tests.push_back({DateTest::Kind::WithinFromRepair, l, {}});

    // The date facts both versions declare: each falls anywhere from the purchase to the claim,
    // or is not given, independently of the others and of the last repair.
    struct DateFactTests {
        RepairTests tests;
        bool required = false;
    };
    std::vector<DateFactTests> dated;
    std::vector<std::vector<DiffLength>> fact_lengths;
    for (const Fact& fa : after.graph->facts) {
        const auto b = before.graph->find_fact(fa.name);
        if (fa.type != FactType::Date || !b || before.graph->facts[*b].type != FactType::Date) continue;
        std::vector<DiffLength> lengths = lengths_from_date(before, fa.name);
        for (const DiffLength& l : lengths_from_date(after, fa.name)) add_unique(lengths, l);
        const std::size_t first_bit = space.tests.size();
        space.date_facts.push_back(fa.name);
        space.tests.push_back({DateTest::Kind::HasDate, {}, {}, fa.name});
        for (const DiffLength& l : lengths) space.tests.push_back({DateTest::Kind::WithinFromDate, l, {}, fa.name});
        fact_lengths.push_back(lengths);
        RepairTests tests(lengths, first_bit);
        if (tests.vary()) {
            throw DiffLimit{fmt::format("lengths counted from `{}` whose order depends on the date (months against days, "
                                        "or months under two calendar conventions): the diff does not yet compare such "
                                        "claims claim by claim",
                                        fa.name)};
        }
        dated.push_back({std::move(tests), fa.required() || before.graph->facts[*b].required()});
    }
    const DateComparisons compared(before, after, space, fact_lengths);
    if (space.tests.size() > max_date_tests) {
        throw DiffLimit{fmt::format("a model and part are tested against {} date boundaries; the diff compares at most {}",
                                    space.tests.size(), max_date_tests)};
    }

    // When the lengths from the repair keep one order, they also cut the claim axis: whether a
    // claim can be that long after a repair made on or after the purchase depends on how long
    // after the purchase it is. (When they change order, repairs are enumerated instead.)
    const RepairTests repairs(from_repair, from_purchase.size() + ends.size());
    std::vector<DiffLength> cutting = from_purchase;
    if (!repairs.vary()) {
        for (const DiffLength& l : from_repair) add_unique(cutting, l);
    }
    // Likewise the lengths from each date fact, which keep one order (else declined above).
    for (const std::string& fact : space.date_facts) {
        for (const Side* side : {&before, &after}) {
            for (const DiffLength& l : lengths_from_date(*side, fact)) add_unique(cutting, l);
        }
    }
    for (const DiffLength& l : compared.purchase_lengths()) add_unique(cutting, l);
    // Calendar dates a condition compares a claim date or a date fact with bound claims like
    // end-of-service dates, without being tests of their own.
    std::vector<Date> bounds = ends;
    for (const Date d : compared.claim_bounds()) add_unique(bounds, d);
    std::sort(bounds.begin(), bounds.end());
    // Whether the boundaries can change order depends on every anchor a rule counts from: when
    // the lengths from the repair change order (30 days against 1 month), which of them a
    // repair close after the purchase can pass depends on where in the calendar the purchase
    // falls, so purchases are walked over whole four-year cycles as for lengths from purchase.
    const bool lengths_vary = order_varies(cutting, reference) || repairs.vary() || compared.composed();

    std::unordered_map<std::uint64_t, std::size_t> index;
    const auto count_work = [&](std::size_t n) {
        space.work += n;
        if (space.work > max_work) {
            throw DiffLimit{fmt::format("a model and part's dates fall into more than {} cases to try (dates compared, and "
                                        "lengths counted from a date fact that a length after the purchase bounds): the "
                                        "diff does not compare so many claim by claim",
                                        max_work)};
        }
    };
    const auto record_one = [&](const DateSample& s, std::uint64_t key) {
        count_work(1);
        const auto [it, fresh] = index.try_emplace(key, space.keys.size());
        if (fresh) {
            space.keys.push_back(key);
            space.witnesses.push_back(s);
            if (keep_samples) space.samples.emplace_back();
        }
        if (keep_samples && space.samples[it->second].size() < 32) space.samples[it->second].push_back(s);
    };
    // A claim with every outcome the date facts can give it: per fact, not given (unless a
    // version requires it) and each distinct outcome of its tests over the days it may fall on.
    std::vector<std::vector<std::pair<std::optional<Date>, std::uint64_t>>> options(dated.size());
    std::vector<std::int32_t> days;
    // Date facts compared with each other are tried together, as one digit of the odometer
    // below (linked_dates.hpp); the others one by one.
    std::vector<std::size_t> linked_at;  // their indices in `dated`
    for (std::size_t i = 0; i < dated.size(); ++i) {
        if (compared.linked(i)) linked_at.push_back(i);
    }
    LinkedFacts linked;
    for (const std::size_t i : linked_at) linked.required.push_back(dated[i].required);
    linked.own.resize(linked_at.size());
    std::vector<LinkedChoice> linked_options;
    DateSample compared_sample;
    compared_sample.dated.assign(dated.size(), std::nullopt);
    const auto compare_linked = [&](const std::vector<std::optional<Date>>& on) {
        for (std::size_t j = 0; j < linked_at.size(); ++j) compared_sample.dated[linked_at[j]] = on[j];
        return compared.pair_bits(compared_sample);
    };
    const auto own_bits = [&](std::size_t i, std::int32_t d, const DateSample& s) {
        return dated[i].tests.key(Date{d}, s.claimed) | compared.fact_bits(i, Date{d}, s);
    };
    // The days around every linked fact's thresholds, widened by one: each stretch of like
    // outcomes then shows its first and last day, and at least as many days as facts compared.
    const auto find_linked_choices = [&](const DateSample& s) {
        linked.days.clear();
        for (const std::size_t i : linked_at) {
            days = dated[i].tests.candidates(s.claimed, s.purchased.days);
            compared.fact_candidates(i, s, days);
            for (const std::int32_t d : days) {
                for (std::int32_t near = d - 1; near <= d + 1; ++near) {
                    if (near >= s.purchased.days && near <= s.claimed.days) linked.days.push_back(near);
                }
            }
        }
        std::sort(linked.days.begin(), linked.days.end());
        linked.days.erase(std::unique(linked.days.begin(), linked.days.end()), linked.days.end());
        for (std::size_t j = 0; j < linked_at.size(); ++j) {
            linked.own[j].clear();
            for (const std::int32_t d : linked.days) linked.own[j].push_back(own_bits(linked_at[j], d, s));
        }
        std::size_t tried = linked.days.size() * linked_at.size();
        linked_choices(linked, compare_linked, linked_options, tried);
        count_work(tried);
    };
    std::vector<std::size_t> at;
    const auto record = [&](const DateSample& s, std::uint64_t key) {
        key |= compared.plain_bits(s);
        if (dated.empty()) return record_one(s, key);
        for (std::size_t i = 0; i < dated.size(); ++i) {
            options[i].clear();
            if (compared.linked(i)) continue;
            if (!dated[i].required) options[i].emplace_back(std::nullopt, 0);
            days = dated[i].tests.candidates(s.claimed, s.purchased.days);
            compared.fact_candidates(i, s, days);
            count_work(days.size());
            for (const std::int32_t d : days) {
                const std::uint64_t bits = own_bits(i, d, s);
                if (std::none_of(options[i].begin(), options[i].end(), [&](const auto& o) { return o.second == bits && o.first; })) {
                    options[i].emplace_back(Date{d}, bits);
                }
            }
        }
        if (!linked_at.empty()) find_linked_choices(s);
        // Digits: each fact tried alone, then the linked facts' choices.
        const std::size_t digits = dated.size() + 1;
        const auto digit_size = [&](std::size_t i) {
            if (i == dated.size()) return linked_at.empty() ? std::size_t{1} : linked_options.size();
            return compared.linked(i) ? std::size_t{1} : options[i].size();
        };
        at.assign(digits, 0);
        DateSample with = s;
        with.dated.assign(dated.size(), std::nullopt);
        while (true) {
            std::uint64_t bits = key;
            for (std::size_t i = 0; i < dated.size(); ++i) {
                if (compared.linked(i)) continue;
                with.dated[i] = options[i][at[i]].first;
                bits |= options[i][at[i]].second;
            }
            if (!linked_at.empty()) {
                const LinkedChoice& choice = linked_options[at[dated.size()]];
                for (std::size_t j = 0; j < linked_at.size(); ++j) with.dated[linked_at[j]] = choice.days[j];
                bits |= choice.bits;
            }
            record_one(with, bits);
            std::size_t i = 0;  // next combination, odometer style
            for (; i < digits; ++i) {
                if (++at[i] < digit_size(i)) break;
                at[i] = 0;
            }
            if (i == digits) break;
        }
    };

    const std::vector<Date> purchases = sample_purchases(cutting, bounds, compared.purchase_thresholds(), reference, lengths_vary);
    std::optional<FarRepairs> far;
    if (repairs.vary()) far.emplace(repairs, purchases, cutting, bounds);

    const std::size_t purchase_tests = from_purchase.size();
    std::vector<Date> purchase_ends(purchase_tests);
    std::vector<std::int32_t> cuts;
    for (const Date p : purchases) {
        for (std::size_t i = 0; i < purchase_tests; ++i) purchase_ends[i] = from_purchase[i].last_day(p);
        cuts.assign({p.days});
        const auto cut_after = [&](Date last_in) {
            if (last_in >= p && last_in < last_date) cuts.push_back(last_in.days + 1);
        };
        for (const Date d : purchase_ends) cut_after(d);
        for (const DiffLength& l : cutting) cut_after(l.last_day(p));
        for (const Date e : bounds) cut_after(e);
        compared.claim_cuts(p, cuts);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

        for (std::size_t c = 0; c < cuts.size(); ++c) {
            // A cell: claims on [lo, hi] pass the same tests from purchase and end-of-service dates.
            const std::int32_t lo = cuts[c];
            const std::int32_t hi = c + 1 < cuts.size() ? cuts[c + 1] - 1 : std::min(last_date.days, lo + cycle);
            std::uint64_t key = 0;
            for (std::size_t i = 0; i < purchase_tests; ++i) {
                if (Date{lo} <= purchase_ends[i]) key |= std::uint64_t{1} << i;
            }
            for (std::size_t j = 0; j < ends.size(); ++j) {
                if (Date{lo} <= ends[j]) key |= std::uint64_t{1} << (purchase_tests + j);
            }
            record({p, Date{lo}, std::nullopt}, key);
            if (keep_samples && hi != lo) record({p, Date{hi}, std::nullopt}, key);
            if (repairs.empty()) continue;
            if (!far) {
                // The tests from the repair fall in one order: which of them a repair on or after
                // the purchase can pass is the same for every claim of the cell (the lengths
                // from the repair also cut it), so the cell's first day shows them all.
                for (const std::int32_t claimed : keep_samples && hi != lo ? std::vector<std::int32_t>{lo, hi} : std::vector<std::int32_t>{lo}) {
                    for (const std::int32_t r : repairs.candidates(Date{claimed}, p.days)) {
                        record({p, Date{claimed}, Date{r}}, key | repairs.key(Date{r}, Date{claimed}));
                    }
                }
                continue;
            }
            // Lengths from the repair that change order (months against days): near the purchase,
            // every repair day; further on, where the purchase no longer limits the repair, the
            // index of what each claim day allows.
            const std::int32_t near_end = std::min(hi, p.days + repairs.reach());
            for (std::int32_t r = p.days; r <= near_end && near_end >= lo; ++r) {
                for (const std::int32_t claimed : repairs.claim_pieces(Date{r}, std::max(lo, r), hi)) {
                    record({p, Date{claimed}, Date{r}}, key | repairs.key(Date{r}, Date{claimed}));
                }
            }
            if (near_end < hi) {
                for (const auto& [claimed, repaired, repair_key] : far->between(std::max(lo, near_end + 1), hi)) {
                    record({p, Date{claimed}, Date{repaired}}, key | repair_key);
                }
            }
        }
    }
    return space;
}

}  // namespace warrant::claims
