// Grouping and summary lines shared by the text, Markdown, JSON and HTML reports.
#include "diff/layout.hpp"

#include <map>

#include <fmt/format.h>

#include "diff/wording.hpp"

namespace warrant::diff {

std::vector<RangeSection> range_sections(const PolicyDiff& policy) {
    std::vector<RangeSection> out;
    std::map<std::pair<std::vector<std::string>, std::string>, std::size_t> index;
    for (const ClaimRange& r : policy.ranges) {
        const auto [it, fresh] = index.emplace(std::make_pair(r.models, r.part), out.size());
        if (fresh) {
            RangeSection s;
            s.models = r.models;
            s.part = r.part;
            s.heading = r.models.empty() ? "every model" : name_list(r.models);
            if (!r.part.empty()) s.heading += " · " + r.part;
            out.push_back(std::move(s));
        }
        out[it->second].ranges.push_back(&r);
    }
    return out;
}

std::vector<const Change*> changes_of(const PolicyDiff& policy, bool wording) {
    std::vector<const Change*> out;
    for (const Change& c : policy.changes) {
        if (c.wording == wording) out.push_back(&c);
    }
    return out;
}

std::string days_note(const PolicyDiff& policy) {
    return fmt::format("days after purchase are counted for a purchase on {} ({}); month lengths and "
                       "end-of-service dates shift them for other purchase dates",
                       to_iso(policy.reference), policy.reference_source);
}

std::string summary_line(const DiffReport& report) {
    std::size_t effect = 0, wording = 0, ranges = 0;
    for (const PolicyDiff& p : report.policies) {
        for (const Change& c : p.changes) (c.wording ? wording : effect)++;
        ranges += p.ranges.size();
    }
    return fmt::format("{}: {} change{} of meaning, {} of wording only, {} claim range{} answered differently",
                       report.answers_differ() ? "answers differ" : "every query is answered alike", effect,
                       effect == 1 ? "" : "s", wording, ranges, ranges == 1 ? "" : "s");
}

std::string kind_name(ClaimRange::Kind kind) {
    switch (kind) {
        case ClaimRange::Kind::Verdict: return "verdict";
        case ClaimRange::Kind::Until: return "until";
        case ClaimRange::Kind::Acceptance: return "acceptance";
    }
    return "?";
}

std::string test_name(DateTest::Kind kind) {
    switch (kind) {
        case DateTest::Kind::WithinFromPurchase: return "within_from_purchase";
        case DateTest::Kind::OnOrBefore: return "on_or_before";
        case DateTest::Kind::HasLastRepair: return "has_last_repair";
        case DateTest::Kind::WithinFromRepair: return "within_from_repair";
    }
    return "?";
}

}  // namespace warrant::diff
