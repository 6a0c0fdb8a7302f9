// The diff as Markdown, for a pull request or an issue.
#include <fmt/format.h>

#include "diff/layout.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

// Inline code that survives backticks inside: fenced with more backticks than it contains.
std::string code(std::string_view text) {
    std::size_t run = 0, longest = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    return fmt::format("{}{}{}{}{}", fence, longest ? " " : "", text, longest ? " " : "", fence);
}

void changes(std::string& out, const PolicyDiff& p, bool wording, bool full) {
    const auto list = diff::changes_of(p, wording);
    if (list.empty()) return;
    out += wording ? "\n### Changes of wording only (by themselves, they change no answer)\n\n" : "\n### Changes of meaning\n\n";
    for (const Change* c : list) {
        out += fmt::format("- {}", c->text);
        if (!c->clauses.empty()) out += fmt::format(" ({})", fmt::join(c->clauses, ", "));
        out += "\n";
        if (full && c->models.size() > 8) out += fmt::format("  - models: {}\n", fmt::join(c->models, ", "));
    }
}

void sections(std::string& out, const std::vector<ClaimRange>& ranges, bool full) {
    for (const auto& section : diff::range_sections(ranges, full)) {
        out += fmt::format("\n#### {}\n\n", section.heading);
        for (const ClaimRange* r : section.ranges) {
            std::string old_answer = r->witness_before.describe(), new_answer = r->witness_after.describe();
            if (r->kind == ClaimRange::Kind::Reason) {
                old_answer += " " + r->witness_before.describe_clauses();
                new_answer += " " + r->witness_after.describe_clauses();
            }
            out += fmt::format("- {}: **{} → {}**  \n  witness {}  \n  old: {} · new: {}\n", r->claims, r->before, r->after,
                               code(r->witness.to_json()), old_answer, new_answer);
        }
    }
}

}  // namespace

std::string render_diff_markdown(const DiffReport& report) {
    std::string out = fmt::format("# warrant diff: {} → {}\n\n**{}**\n", code(report.before_name), code(report.after_name),
                                  diff::summary_line(report));
    for (const PolicyDiff& p : report.policies) {
        out += fmt::format("\n## Policy {} — {}\n", p.region, p.title);
        if (!p.findings.empty()) {
            out += "\n### Who is affected\n\n";
            for (const Finding& f : p.findings) out += fmt::format("- {}\n", diff::finding_text(f, report.full_lists));
            out += fmt::format("\n_{}_.\n", diff::share_note);
        }
        changes(out, p, false, report.full_lists);
        changes(out, p, true, report.full_lists);
        out += "\n### Answers that change\n\n";
        if (p.ranges.empty()) {
            out += diff::no_ranges_text(p) + "\n";
        } else {
            out += fmt::format("The {}.\n", diff::days_note(p));
            sections(out, p.ranges, report.full_lists);
        }
        if (!p.reasons.empty()) {
            out += fmt::format("\n### Reasons that change\n\nThe {}.\n", diff::reasons_note);
            sections(out, p.reasons, report.full_lists);
        }
        if (!p.complete()) {
            out += "\n### Not compared\n\n";
            std::string note = diff::not_compared_note;
            note[0] = 'T';  // a sentence of its own here
            out += note + ".\n\n";
            for (const NotCompared& n : p.not_compared) {
                out += fmt::format("- {}: {}\n", diff::not_compared_scope(n, report.full_lists), n.reason);
            }
        }
    }
    return out;
}

}  // namespace warrant
