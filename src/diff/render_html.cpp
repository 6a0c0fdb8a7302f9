// The diff as one self-contained web page (inline CSS and SVG, nothing fetched): a summary,
// the changes, and per model the claim ranges answered differently, drawn on a timeline of
// days after purchase.
#include <algorithm>

#include <fmt/format.h>

#include "diff/layout.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

std::string esc(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// Escaped text with `names` set as code, as the other formats write them.
std::string rich(std::string_view text) {
    std::string out;
    bool open = false;
    for (const char c : esc(text)) {
        if (c == '`') {
            out += open ? "</code>" : "<code>";
            open = !open;
        } else {
            out += c;
        }
    }
    if (open) out += "</code>";
    return out;
}

constexpr std::string_view style = R"CSS(
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Noto Sans CJK SC","Source Han Sans TC","PingFang TC","Microsoft JhengHei","Hiragino Sans","WenQuanYi Zen Hei",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d232a;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:2px solid #d8dee4;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.summary{padding:.8rem 1rem;border-radius:6px;margin:1rem 0;font-weight:600}
.summary.differ{background:#fdecea;border:1px solid #f5c2c0}.summary.alike{background:#e8f5e9;border:1px solid #b7dfb9}
.summary.partial{background:#fff8e1;border:1px solid #f0d9a0}
.note{color:#57606a;font-size:.9rem}
ul.changes{padding-left:1.2rem}ul.changes li{margin:.2rem 0}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;margin-right:.4rem;background:#eef1f4;color:#57606a}
.tag.meaning{background:#fff1d6;color:#7a4d00}
.clauses{color:#57606a;font-size:.85rem}
section.model{border:1px solid #d8dee4;border-radius:6px;padding:.4rem 1rem .8rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:fixed}col.claims{width:42%}col.answers{width:22%}col.witness{width:36%}td,th{border-top:1px solid #eaeef2;padding:.35rem .4rem;vertical-align:top;text-align:left}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;background:#f6f8fa;padding:.1rem .25rem;border-radius:3px;word-break:break-all}
.arrow{font-weight:600;overflow-wrap:anywhere}
svg{display:block;margin:.6rem 0}
svg text{font-family:inherit;font-size:11px;fill:#1d232a}
)CSS";

const char* colour(ClaimRange::Kind kind) {
    switch (kind) {
        case ClaimRange::Kind::Verdict: return "#e5534b";
        case ClaimRange::Kind::Until: return "#e0a030";
        case ClaimRange::Kind::Acceptance: return "#4a90c8";
        case ClaimRange::Kind::Reason: return "#8e6cc0";
    }
    return "#888";
}

// One bar per range over days after purchase; ranges without dates span the whole axis.
std::string timeline(const diff::RangeSection& section) {
    std::int32_t horizon = 365;  // a year at least, so that a range's place reads at a glance
    for (const ClaimRange* r : section.ranges) {
        if (!r->days) continue;
        horizon = std::max(horizon, r->days->first);
        horizon = std::max(horizon, r->days->second);
    }
    horizon = horizon + horizon / 6 + 1;
    constexpr int width = 720, left = 8, right = 8, row = 24, axis = 28;
    const int plot = width - left - right;
    const auto x = [&](double day) { return left + plot * std::clamp(day, 0.0, static_cast<double>(horizon)) / horizon; };
    std::vector<const ClaimRange*> drawn;
    for (const ClaimRange* r : section.ranges) {
        if (r->days || r->dates.empty()) drawn.push_back(r);
    }
    const int height = static_cast<int>(drawn.size()) * row + axis + 6;
    std::string out = fmt::format(
        "<svg role=\"img\" aria-label=\"claim ranges of {} on a timeline of days after purchase\" width=\"{}\" height=\"{}\" "
        "viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(section.heading), width, height, width, height);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const ClaimRange& r = *drawn[i];
        const double from = r.days ? r.days->first : 0;
        const double to = r.days && r.days->second >= 0 ? r.days->second + 1 : horizon;
        const double y = 4 + static_cast<double>(i) * row;
        const double x0 = x(from), x1 = std::max(x(to), x0 + 2);
        out += fmt::format("<g><title>{}: {} → {}</title><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" "
                           "fill=\"{}\" fill-opacity=\"0.85\"/>",
                           esc(r.claims), esc(r.before), esc(r.after), x0, y, x1 - x0, row - 6, colour(r.kind));
        const std::string label = fmt::format("{} → {}", r.before, r.after);
        const bool inside = x1 - x0 > 7.0 * static_cast<double>(label.size()) * 0.75;
        const double tx = inside ? x0 + 4 : (x1 + 4 < width - 200 ? x1 + 4 : std::max<double>(left, x0 - 4));
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text></g>\n", tx, y + row - 11,
                           !inside && x1 + 4 >= width - 200 ? " text-anchor=\"end\"" : "", esc(label));
    }
    const int axis_y = static_cast<int>(drawn.size()) * row + 6;
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#57606a\"/>\n", left, axis_y, width - right, axis_y);
    std::int32_t step = 7;
    for (const std::int32_t s : {7, 14, 30, 60, 90, 180, 365, 730, 1461, 3652, 36524}) {
        step = s;
        if (horizon / s <= 8) break;
    }
    for (std::int32_t d = 0; d <= horizon; d += step) {
        out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#57606a\"/>"
                           "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                           x(d), axis_y, axis_y + 4, axis_y + 16, d);
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">days after purchase</text>\n", width - right, axis_y + 27);
    return out + "</svg>\n";
}

void change_item(std::string& out, const Change& c) {
    out += fmt::format("<li><span class=\"tag{}\">{}</span>{}", c.wording ? "" : " meaning", esc(c.kind), rich(c.text));
    if (!c.clauses.empty()) out += fmt::format(" <span class=\"clauses\">[{}]</span>", esc(fmt::format("{}", fmt::join(c.clauses, ", "))));
    if (c.models.size() > 8) {
        out += fmt::format("<details><summary>all {} models</summary><p>{}</p></details>", c.models.size(),
                           esc(fmt::format("{}", fmt::join(c.models, ", "))));
    }
    out += "</li>\n";
}

bool concerns(const Change& c, const diff::RangeSection& s) {
    if (!c.part.empty() && !s.part.empty() && c.part != s.part) return false;
    return std::any_of(c.models.begin(), c.models.end(),
                       [&](const std::string& m) { return std::find(s.models.begin(), s.models.end(), m) != s.models.end(); });
}

// The ranges of `ranges` (answers or reasons) by model and part: related changes, a timeline, a table.
void sections(std::string& out, const PolicyDiff& p, const std::vector<ClaimRange>& ranges) {
    for (const auto& section : diff::range_sections(ranges)) {
        out += fmt::format("<section class=\"model\">\n<h3>{}</h3>\n", esc(section.heading));
        if (section.models.size() > 8) {
            out += fmt::format("<details><summary>all {} models</summary><p>{}</p></details>\n", section.models.size(),
                               esc(fmt::format("{}", fmt::join(section.models, ", "))));
        }
        std::string related;
        for (const Change* c : diff::changes_of(p, false)) {
            if (concerns(*c, section)) change_item(related, *c);
        }
        if (!related.empty()) out += "<ul class=\"changes\">\n" + related + "</ul>\n";
        out += timeline(section);
        out += "<table>\n<colgroup><col class=\"claims\"><col class=\"answers\"><col class=\"witness\"></colgroup>\n"
               "<tr><th>Claims</th><th>Before → after</th><th>Witness query (old · new answer)</th></tr>\n";
        for (const ClaimRange* r : section.ranges) {
            std::string old_answer = r->witness_before.describe(), new_answer = r->witness_after.describe();
            if (r->kind == ClaimRange::Kind::Reason) {
                old_answer += " " + r->witness_before.describe_clauses();
                new_answer += " " + r->witness_after.describe_clauses();
            }
            out += fmt::format("<tr class=\"range {}\"><td>{}</td><td class=\"arrow\">{} → {}</td><td><code>{}</code><br>"
                               "<span class=\"note\">old: {} · new: {}</span></td></tr>\n",
                               diff::kind_name(r->kind), rich(r->claims), esc(r->before), esc(r->after), esc(r->witness.to_json()),
                               esc(old_answer), esc(new_answer));
        }
        out += "</table>\n</section>\n";
    }
}

}  // namespace

std::string render_diff_html(const DiffReport& report) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>warrant diff: {} → {}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(report.before_name),
                       esc(report.after_name), style);
    out += fmt::format("<h1>warrant diff</h1>\n<p class=\"note\"><code>{}</code> → <code>{}</code></p>\n", esc(report.before_name),
                       esc(report.after_name));
    out += fmt::format("<p id=\"summary\" class=\"summary {}\">{}</p>\n",
                       report.answers_differ() ? "differ" : report.complete() ? "alike" : "partial",
                       esc(diff::summary_line(report)));
    for (const PolicyDiff& p : report.policies) {
        out += fmt::format("<h2>Policy {} — {}</h2>\n", esc(p.region), esc(p.title));
        if (!p.findings.empty()) {
            out += "<h3>Who is affected</h3>\n<ul class=\"findings\">\n";
            for (const Finding& f : p.findings) {
                out += fmt::format("<li><span class=\"arrow\">{}{} → {}</span>: {}", esc(diff::finding_kind(f.kind)), esc(f.before),
                                   esc(f.after), esc(diff::finding_models(f, false)));
                const std::string share = diff::share_text(f);
                if (!share.empty()) out += ", " + esc(share);
                out += fmt::format(" ({} range{})", f.ranges, f.ranges == 1 ? "" : "s");
                if (f.models.size() > 8) {
                    out += fmt::format("<details><summary>all {} models</summary><p>{}</p></details>", f.models.size(),
                                       esc(fmt::format("{}", fmt::join(f.models, ", "))));
                }
                out += "</li>\n";
            }
            out += fmt::format("</ul>\n<p class=\"note\">{}.</p>\n", esc(diff::share_note));
        }
        for (const bool wording : {false, true}) {
            const auto list = diff::changes_of(p, wording);
            if (list.empty()) continue;
            out += wording ? "<h3>Changes of wording only <span class=\"note\">(by themselves, they change no answer)</span></h3>\n"
                           : "<h3>Changes of meaning</h3>\n";
            out += "<ul class=\"changes\">\n";
            for (const Change* c : list) change_item(out, *c);
            out += "</ul>\n";
        }
        out += "<h3>Answers that change, by model</h3>\n";
        if (p.ranges.empty()) {
            out += fmt::format("<p>{}</p>\n", esc(diff::no_ranges_text(p)));
        } else {
            out += fmt::format("<p class=\"note\">The timelines and {}. Red: the verdict changes; amber: the warranty end "
                               "or services change; blue: one version rejects the query.</p>\n",
                               esc(diff::days_note(p)));
            sections(out, p, p.ranges);
        }
        if (!p.reasons.empty()) {
            out += fmt::format("<h3>Reasons that change, by model</h3>\n<p class=\"note\">Purple: {}.</p>\n", esc(diff::reasons_note));
            sections(out, p, p.reasons);
        }
        if (!p.complete()) {
            std::string note = diff::not_compared_note;
            note[0] = 'T';  // a sentence of its own here
            out += fmt::format("<h3 id=\"not-compared\">Not compared</h3>\n<p class=\"note\">{}.</p>\n<ul class=\"not-compared\">\n",
                               esc(note));
            for (const NotCompared& n : p.not_compared) {
                out += fmt::format("<li>{}: {}", esc(diff::not_compared_scope(n, false)), esc(n.reason));
                if (n.models.size() > 8) {
                    out += fmt::format("<details><summary>all {} models</summary><p>{}</p></details>", n.models.size(),
                                       esc(fmt::format("{}", fmt::join(n.models, ", "))));
                }
                out += "</li>\n";
            }
            out += "</ul>\n";
        }
    }
    return out + "</body>\n</html>\n";
}

}  // namespace warrant
