// The diff for people at a terminal.
#include <fmt/format.h>

#include "diff/layout.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

void changes(std::string& out, const PolicyDiff& p, bool wording, bool full) {
    const auto list = diff::changes_of(p, wording);
    if (list.empty()) return;
    out += wording ? "  changes of wording only (by themselves, they change no answer):\n" : "  changes of meaning:\n";
    for (const Change* c : list) {
        out += fmt::format("    - {}", c->text);
        if (!c->clauses.empty()) out += fmt::format("  [{}]", fmt::join(c->clauses, ", "));
        out += "\n";
        if (full && c->models.size() > 8) out += fmt::format("      models: {}\n", fmt::join(c->models, ", "));
    }
}

void sections(std::string& out, const std::vector<ClaimRange>& ranges, bool full) {
    for (const auto& section : diff::range_sections(ranges, full)) {
        out += fmt::format("    {}\n", section.heading);
        for (const ClaimRange* r : section.ranges) {
            out += fmt::format("      {}: {} → {}\n", r->claims, r->before, r->after);
            out += fmt::format("        query {}\n", r->witness.to_json());
            if (r->kind == ClaimRange::Kind::Reason) {
                out += fmt::format("        old: {} {} · new: {} {}\n", r->witness_before.describe(), r->witness_before.describe_clauses(),
                                   r->witness_after.describe(), r->witness_after.describe_clauses());
            } else {
                out += fmt::format("        old: {} · new: {}\n", r->witness_before.describe(), r->witness_after.describe());
            }
        }
    }
}

}  // namespace

std::string render_diff_text(const DiffReport& report) {
    std::string out = fmt::format("warrant diff {} → {}\n", report.before_name, report.after_name);
    for (const PolicyDiff& p : report.policies) {
        out += fmt::format("\npolicy {} \"{}\"\n", p.region, p.title);
        if (p.changes.empty()) out += "  no changes\n";
        if (!p.findings.empty()) {
            out += fmt::format("  who is affected ({}):\n", diff::share_note);
            for (const Finding& f : p.findings) out += fmt::format("    - {}\n", diff::finding_text(f, report.full_lists));
        }
        changes(out, p, false, report.full_lists);
        changes(out, p, true, report.full_lists);
        if (p.ranges.empty()) {
            out += fmt::format("  answers: {}\n", p.complete() ? "every query is answered alike" : "no claim compared is answered differently (the claims not compared are named below)");
        } else {
            out += fmt::format("  answers that change ({}):\n", diff::days_note(p));
            sections(out, p.ranges, report.full_lists);
        }
        if (!p.reasons.empty()) {
            out += fmt::format("  reasons that change ({}):\n", diff::reasons_note);
            sections(out, p.reasons, report.full_lists);
        }
        if (!p.complete()) {
            out += fmt::format("  not compared ({}):\n", diff::not_compared_note);
            for (const NotCompared& n : p.not_compared) {
                out += fmt::format("    - {}: {}\n", diff::not_compared_scope(n, report.full_lists), n.reason);
            }
        }
        if (p.unverified || p.inconsistent) {
            out += fmt::format("  internal error: {} ranges without a witness, {} inconsistent samples (please report)\n",
                               p.unverified, p.inconsistent);
        }
    }
    out += fmt::format("\n{}\n", diff::summary_line(report));
    return out;
}

}  // namespace warrant
