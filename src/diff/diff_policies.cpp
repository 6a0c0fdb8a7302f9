// Pairing the policies of two versions (files or folders) by region, and diffing each pair.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "warrant/diff.hpp"

namespace warrant {

namespace {

bool same_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}


// A query for a policy only one side has: its first model and part, bought on its effective date.
DiffQuery lone_witness(const RuleGraph& g) {
    DiffQuery q;
    q.region = g.info.region;
    if (!g.models.empty()) q.model = g.models[0].name;
    if (!g.parts.empty()) q.part = g.parts[0].name;
    q.purchased = q.claimed = g.info.effective.value_or(*make_date(2025, 1, 1));
    return q;
}

// A policy only one version has: a change, and the range of every claim for its region.
PolicyDiff lone_policy(const RuleGraph& g, bool added) {
    PolicyDiff d;
    d.region = g.info.region;
    d.title = g.info.title;
    (added ? d.after_name : d.before_name) = std::string(g.source ? g.source->name() : "");
    Change c;
    c.kind = added ? "policy_added" : "policy_removed";
    c.text = fmt::format("policy {}: region {} \"{}\"", added ? "added" : "removed", g.info.region, g.info.title);
    d.changes.push_back(std::move(c));
    ClaimRange r;
    r.kind = ClaimRange::Kind::Acceptance;
    r.rejects = ClaimRange::Rejects::Region;
    r.region = r.named = g.info.region;
    r.claims = fmt::format("every claim for region {}", g.info.region);
    r.witness = lone_witness(g);
    const DiffAnswer answered = answer_query(g, r.witness, true);
    DiffAnswer rejected;
    rejected.error = "unknown_region";
    r.witness_before = added ? rejected : answered;
    r.witness_after = added ? answered : rejected;
    r.before = added ? "rejected (unknown_region)" : "answered";
    r.after = added ? "answered" : "rejected (unknown_region)";
    Finding f;
    f.kind = r.kind;
    f.before = r.before;
    f.after = r.after;
    f.ranges = 1;
    d.findings.push_back(std::move(f));
    d.ranges.push_back(std::move(r));
    return d;
}

}  // namespace

DiffReport diff_policies(const std::vector<std::shared_ptr<const RuleGraph>>& before,
                         const std::vector<std::shared_ptr<const RuleGraph>>& after, const DiffOptions& options) {
    DiffReport report;
    const bool single = before.size() == 1 && after.size() == 1;
    std::vector<bool> used(after.size(), false);
    for (const auto& b : before) {
        std::size_t match = after.size();
        for (std::size_t i = 0; i < after.size(); ++i) {
            if (!used[i] && (single || same_code(after[i]->info.region, b->info.region))) match = i;
        }
        if (match == after.size()) {
            report.policies.push_back(lone_policy(*b, false));
            continue;
        }
        used[match] = true;
        PolicyDiff d = diff_graphs(*b, *after[match], options);
        d.before_name = std::string(b->source ? b->source->name() : "");
        d.after_name = std::string(after[match]->source ? after[match]->source->name() : "");
        if (!single) {  // several policies are loaded: queries name their region
            for (ClaimRange& r : d.ranges) {
                if (r.witness.region.empty()) r.witness.region = b->info.region;
            }
        }
        report.policies.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (!used[i]) report.policies.push_back(lone_policy(*after[i], true));
    }
    return report;
}

}  // namespace warrant
