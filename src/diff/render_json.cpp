// The diff for programs: every change and range, with the machine form of each range's claims.
#include <fmt/format.h>

#include "diff/layout.hpp"
#include "diff/wording.hpp"
#include "support/json_write.hpp"
#include "warrant/diff.hpp"

namespace warrant {

namespace {

class Writer {
public:
    std::string out;
    void str(std::string_view s) { json::append_string(out, s); }
    void key(std::string_view k) {
        comma();
        str(k);
        out += ':';
        fresh_ = true;
    }
    void open(char c) {
        comma();
        out += c;
        fresh_ = true;
    }
    void close(char c) {
        out += c;
        fresh_ = false;
    }
    void value(std::string_view s) {
        comma();
        str(s);
    }
    void raw(std::string_view s) {
        comma();
        out += s;
    }
    void strings(std::string_view k, const std::vector<std::string>& items) {
        key(k);
        open('[');
        for (const auto& s : items) value(s);
        close(']');
    }

private:
    bool fresh_ = true;
    void comma() {
        if (!fresh_) out += ',';
        fresh_ = false;
    }
};

void answer(Writer& w, std::string_view k, const DiffAnswer& a) {
    w.key(k);
    w.open('{');
    if (!a.error.empty()) {
        w.key("error");
        w.value(a.error);
    } else {
        w.key("verdict");
        w.value(a.verdict);
        w.key("warranty_until");
        if (a.warranty_until) w.value(to_iso(*a.warranty_until));
        else w.raw("null");
        w.strings("services", a.services);
    }
    w.close('}');
}

// A length with its calendar: what a program needs to compute the day it ends on.
void length(Writer& w, std::string_view k, const DiffLength& l) {
    w.key(k);
    w.open('{');
    w.key("count");
    w.raw(std::to_string(l.length.count));
    w.key("unit");
    w.value(l.length.unit == LengthUnit::Days ? "days" : "months");
    w.key("months");
    w.value(l.months == MonthRule::Clamp ? "clamp" : "overflow");
    w.key("last_day");
    w.value(l.last_day_covered ? "covered" : "excluded");
    w.close('}');
}

const char* rejects_name(ClaimRange::Rejects r) {
    switch (r) {
        case ClaimRange::Rejects::Model: return "model";
        case ClaimRange::Rejects::Part: return "part";
        case ClaimRange::Rejects::Fact: return "fact";
        case ClaimRange::Rejects::Region: return "region";
        case ClaimRange::Rejects::MissingFact: return "missing_fact";
        case ClaimRange::Rejects::Nothing: break;
    }
    return "nothing";
}


// The two periods' lengths (null: no period) and the date fact each counts from when the claim
// gives it (null: the purchase).
void period_ends(Writer& w, const ClaimRange& r) {
    for (const auto& [k, l] : {std::pair{"until_before", &r.until_before}, std::pair{"until_after", &r.until_after}}) {
        if (*l) length(w, k, **l);
        else {
            w.key(k);
            w.raw("null");
        }
    }
    for (const auto& [k, from] : {std::pair{"until_from_before", &r.until_from_before}, std::pair{"until_from_after", &r.until_from_after}}) {
        w.key(k);
        if (from->empty()) w.raw("null");
        else w.value(*from);
    }
}

// The claims' models (as named and as normalised spellings) and part (null: every part).
void models_and_part(Writer& w, const std::vector<std::string>& models, const std::vector<std::string>& keys, const std::string& part) {
    w.strings("models", models);
    w.strings("model_keys", keys);
    w.key("part");
    if (part.empty()) w.raw("null");
    else w.value(part);
}

// A condition on facts, as a range or a left-out scope states it.
void fact_condition(Writer& w, const FactCondition& f) {
    w.open('{');
    w.strings("facts", f.facts);
    // The sets of ways the facts may be given (each fact not given, true or false) that the
    // condition accepts: a claim meets it when the set of ways it gives them is one of these.
    w.key("accepted");
    w.open('[');
    for (unsigned set = 1; set <= 7; ++set) {
        if (!((f.accepted >> (set - 1)) & 1u)) continue;
        w.open('[');
        if (set & 1u) w.value("not_given");
        if (set & 2u) w.value("true");
        if (set & 4u) w.value("false");
        w.close(']');
    }
    w.close(']');
    if (f.values) {
        // A count or choice: the counts (inclusive ranges) or values the condition holds.
        if (f.values->choices.empty()) {
            w.key("counts");
            w.open('[');
            for (const auto& [lo, hi] : f.values->counts) w.raw(fmt::format("[{},{}]", lo, hi));
            w.close(']');
        } else {
            w.strings("choices", f.values->choices);
        }
    }
    w.key("words");
    w.value(f.words);
    w.close('}');
}

void range(Writer& w, const ClaimRange& r) {
    w.open('{');
    w.key("kind");
    w.value(diff::kind_name(r.kind));
    models_and_part(w, r.models, r.model_keys, r.part);
    w.key("region");
    w.value(r.region);
    if (r.kind == ClaimRange::Kind::Acceptance) {
        w.key("rejects");
        w.value(rejects_name(r.rejects));
        w.key("named");
        if (r.named.empty()) w.raw("null");
        else w.value(r.named);
        if (!r.named_value.empty()) {
            w.key("named_value");
            w.value(r.named_value);
        }
    }
    w.key("claims");
    w.value(r.claims);
    w.key("days_after_purchase");
    if (r.days) {
        w.raw(r.days->second < 0 ? fmt::format("{{\"from\":{},\"to\":null}}", r.days->first)
                                 : fmt::format("{{\"from\":{},\"to\":{}}}", r.days->first, r.days->second));
    } else {
        w.raw("null");
    }
    w.key("before");
    w.value(r.before);
    w.key("after");
    w.value(r.after);
    w.key("facts");
    w.open('[');
    for (const FactCondition& f : r.facts) fact_condition(w, f);
    w.close(']');
    w.key("outside_region");
    w.raw(r.outside_region ? (*r.outside_region ? "true" : "false") : "null");
    if (!r.old_region.empty()) {
        w.key("old_region");
        w.value(r.old_region);
        w.key("outside_old_region");
        w.raw(r.outside_old_region ? (*r.outside_old_region ? "true" : "false") : "null");
    }
    w.key("dates");
    w.open('[');
    for (const DateLiteral& l : r.dates) {
        w.open('{');
        w.key("test");
        w.value(diff::test_name(l.test.kind));
        if (!l.test.fact.empty()) {
            w.key("fact");
            w.value(l.test.fact);
        }
        if (l.test.kind == DateTest::Kind::OnOrBefore) {
            w.key("date");
            w.value(to_iso(l.test.date));
        } else if (l.test.kind == DateTest::Kind::Compares) {
            // As the policy writes the comparison: each side `purchased`, `claimed`, a date
            // fact or a calendar date.
            w.key("left");
            w.value(l.test.left);
            w.key("comparison");
            w.value(comparison_symbol(l.test.comparison));
            w.key("right");
            w.value(l.test.right);
        } else if (l.test.kind != DateTest::Kind::HasLastRepair && l.test.kind != DateTest::Kind::HasDate) {
            length(w, "length", l.test.length);
            w.key("length_words");
            w.value(diff::length_words(l.test.length, diff::CalendarNote{}));
        }
        w.key("holds");
        w.raw(l.value ? "true" : "false");
        w.close('}');
    }
    w.close(']');
    if (r.kind == ClaimRange::Kind::Until) {
        // Which purchases: every one, or only those on which the two ends fall on different days.
        w.key("purchases");
        w.value(r.until_purchases_apart ? "where_ends_differ" : "every");
        period_ends(w, r);
        w.strings("services_before", r.services_before);
        w.strings("services_after", r.services_after);
    }
    if (r.kind == ClaimRange::Kind::Reason) {
        // Which purchases: every one, or only those on which the two periods end on the same day.
        w.key("purchases");
        w.value(r.until_purchases_alike ? "where_ends_alike" : "every");
        if (r.until_purchases_alike) {
            period_ends(w, r);
        }
        w.strings("clauses_before", r.clauses_before);
        w.strings("clauses_after", r.clauses_after);
    }
    w.key("witness");
    w.raw(r.witness.to_json());
    answer(w, "witness_before", r.witness_before);
    answer(w, "witness_after", r.witness_after);
    w.close('}');
}

void change(Writer& w, const Change& c) {
    w.open('{');
    w.key("kind");
    w.value(c.kind);
    w.key("wording");
    w.raw(c.wording ? "true" : "false");
    w.key("text");
    w.value(c.text);
    w.strings("models", c.models);
    w.key("part");
    if (c.part.empty()) w.raw("null");
    else w.value(c.part);
    w.strings("clauses", c.clauses);
    if (c.kind == "clause_text") {
        w.key("before_text");
        w.value(c.before_text);
        w.key("after_text");
        w.value(c.after_text);
    }
    w.close('}');
}

}  // namespace

std::string render_diff_json(const DiffReport& report) {
    Writer w;
    w.open('{');
    w.key("before");
    w.value(report.before_name);
    w.key("after");
    w.value(report.after_name);
    w.key("answers_differ");
    w.raw(report.answers_differ() ? "true" : "false");
    w.key("reasons_differ");
    w.raw(report.reasons_differ() ? "true" : "false");
    w.key("complete");
    w.raw(report.complete() ? "true" : "false");
    w.key("policies");
    w.open('[');
    for (const PolicyDiff& p : report.policies) {
        w.open('{');
        w.key("region");
        w.value(p.region);
        w.key("title");
        w.value(p.title);
        w.key("before");
        w.value(p.before_name);
        w.key("after");
        w.value(p.after_name);
        w.key("reference_date");
        w.value(to_iso(p.reference));
        w.key("reference_source");
        w.value(p.reference_source);
        w.key("changes");
        w.open('[');
        for (const Change& c : p.changes) change(w, c);
        w.close(']');
        w.key("findings");
        w.open('[');
        for (const Finding& f : p.findings) {
            w.open('{');
            w.key("kind");
            w.value(diff::kind_name(f.kind));
            w.key("before");
            w.value(f.before);
            w.key("after");
            w.value(f.after);
            w.strings("models", f.models);
            w.strings("parts", f.parts);
            w.key("ranges");
            w.raw(std::to_string(f.ranges));
            w.key("share");
            if (f.share) w.raw(fmt::format("{:.6f}", *f.share));
            else w.raw("null");
            w.close('}');
        }
        w.close(']');
        w.key("ranges");
        w.open('[');
        for (const ClaimRange& r : p.ranges) range(w, r);
        w.close(']');
        w.key("reasons");
        w.open('[');
        for (const ClaimRange& r : p.reasons) range(w, r);
        w.close(']');
        w.key("unverified");
        w.raw(std::to_string(p.unverified));
        w.key("not_compared");
        w.open('[');
        for (const NotCompared& n : p.not_compared) {
            w.open('{');
            models_and_part(w, n.models, n.model_keys, n.part);
            w.key("facts");
            w.open('[');
            for (const FactCondition& f : n.facts) fact_condition(w, f);
            w.close(']');
            w.strings("given", n.given);
            w.key("reason");
            w.value(n.reason);
            w.close('}');
        }
        w.close(']');
        w.close('}');
    }
    w.close(']');
    w.close('}');
    return w.out + "\n";
}

}  // namespace warrant
