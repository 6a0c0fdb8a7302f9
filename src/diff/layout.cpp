// Grouping and summary lines shared by the text, Markdown, JSON and HTML reports.
#include "diff/layout.hpp"

#include <map>

#include <fmt/format.h>

#include "diff/wording.hpp"

namespace warrant::diff {

std::string finding_kind(ClaimRange::Kind kind) {
    switch (kind) {
        case ClaimRange::Kind::Verdict: return "verdict ";
        case ClaimRange::Kind::Until: return "warranty ";  // its answers start with "until"
        case ClaimRange::Kind::Acceptance: return "";        // its answers say "rejected" or "answered"
        case ClaimRange::Kind::Reason: return "reason ";
    }
    return "";
}

std::string finding_models(const Finding& f, bool full) {
    std::string out = f.models.empty() ? "every model" : name_list(f.models, full ? f.models.size() : 8);
    out += f.parts.empty() ? " · every part" : fmt::format(" · {}", fmt::join(f.parts, ", "));
    return out;
}

std::string share_text(const Finding& f) {
    if (!f.share) return "";
    const double pct = *f.share * 100.0;
    // Every claim of such ranges names a fact, a last repair or a date the sample leaves out.
    if (pct == 0) return "none of the claims the shares count";
    if (pct < 0.1) return "under 0.1% of their claims";
    return fmt::format("{:.1f}% of their claims", pct);
}

std::string finding_text(const Finding& f, bool full) {
    std::string out = fmt::format("{}{} → {}: {}", finding_kind(f.kind), f.before, f.after, finding_models(f, full));
    const std::string share = share_text(f);
    if (!share.empty()) out += ", " + share;
    out += fmt::format(" ({} range{})", f.ranges, f.ranges == 1 ? "" : "s");
    return out;
}

std::vector<RangeSection> range_sections(const std::vector<ClaimRange>& ranges, bool full) {
    std::vector<RangeSection> out;
    std::map<std::pair<std::vector<std::string>, std::string>, std::size_t> index;
    for (const ClaimRange& r : ranges) {
        const auto [it, fresh] = index.emplace(std::make_pair(r.models, r.part), out.size());
        if (fresh) {
            RangeSection s;
            s.models = r.models;
            s.part = r.part;
            s.heading = r.models.empty() ? "every model" : name_list(r.models, full ? r.models.size() : 8);
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
    std::size_t effect = 0, wording = 0, ranges = 0, reasons = 0;
    for (const PolicyDiff& p : report.policies) {
        for (const Change& c : p.changes) (c.wording ? wording : effect)++;
        ranges += p.ranges.size();
        reasons += p.reasons.size();
    }
    const char* verdict = report.answers_differ() ? "answers differ"
                          : report.complete()     ? "every query is answered alike"
                                                  : "no claim compared is answered differently";
    std::string out = fmt::format("{}: {} change{} of meaning, {} of wording only, {} claim range{} answered differently", verdict,
                                  effect, effect == 1 ? "" : "s", wording, ranges, ranges == 1 ? "" : "s");
    // Reasons are counted apart, and named only when some change.
    if (reasons) out += fmt::format("; {} range{} answered alike for another reason", reasons, reasons == 1 ? "" : "s");
    if (!report.complete()) out += "; some claims not compared claim by claim";
    return out;
}

std::string not_compared_scope(const NotCompared& n, bool full) {
    if (n.models.empty() && n.part.empty()) return "every claim";
    std::string out = n.models.empty() ? "every model" : name_list(n.models, full ? n.models.size() : 8);
    out += " · " + (n.part.empty() ? "every part" : n.part);
    for (const FactCondition& f : n.facts) out += ", " + f.words;
    for (const std::string& date : n.given) out += date == "last_repair" ? ", with a last repair" : fmt::format(", giving `{}`", date);
    return out;
}

std::string no_ranges_text(const PolicyDiff& policy) {
    return policy.complete() ? "Every query is answered alike." : "No claim compared is answered differently; the claims not compared are named below.";
}

std::string kind_name(ClaimRange::Kind kind) {
    switch (kind) {
        case ClaimRange::Kind::Verdict: return "verdict";
        case ClaimRange::Kind::Until: return "until";
        case ClaimRange::Kind::Acceptance: return "acceptance";
        case ClaimRange::Kind::Reason: return "reason";
    }
    return "?";
}

std::string test_name(DateTest::Kind kind) {
    switch (kind) {
        case DateTest::Kind::WithinFromPurchase: return "within_from_purchase";
        case DateTest::Kind::OnOrBefore: return "on_or_before";
        case DateTest::Kind::HasLastRepair: return "has_last_repair";
        case DateTest::Kind::WithinFromRepair: return "within_from_repair";
        case DateTest::Kind::HasDate: return "has_date";
        case DateTest::Kind::WithinFromDate: return "within_from_date";
        case DateTest::Kind::Compares: return "compares";
        case DateTest::Kind::DateWithinFromPurchase: return "date_within_from_purchase";
    }
    return "?";
}

}  // namespace warrant::diff
