// Random policies: every kind of declaration, in random order, with names spelt every way the
// language allows, and conflicts (which are compile errors) avoided by construction.
#include "reference/random_policy.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "reference/random_choice.hpp"

namespace warrant::reference {

namespace {

struct ModelInfo {
    std::string name;
    std::vector<std::string> aliases;
    int series = 0;
};

class Generator {
public:
    Generator(Random& r, int index, TypedKinds kinds)
        : r_(r),
          extension_r_(r),
          index_(index),
          typed_(kinds != TypedKinds::None),
          date_facts_(kinds == TypedKinds::All || kinds == TypedKinds::DatesGivenAndCounted),
          dates_(kinds == TypedKinds::All) {}

    RandomPolicy run() {
        vocabulary();
        models();
        lists_and_notices();
        periods();
        rules();
        out_.text = assemble();
        return std::move(out_);
    }

private:
    Random& r_;
    // Draws for `extended by`, from a copy of the stream set apart: the main stream, and so
    // every seed's policies otherwise, stay as they were before extensions were drawn.
    Random extension_r_;
    bool extensions_ = false, floors_ = false;  // whether this policy's periods may have them
    int index_;
    bool typed_;  // declare counts and choices too
    bool date_facts_;  // and dates: given or not, windows and periods counted from them
    bool dates_;       // and compare dates with each other and with fixed ones
    RandomPolicy out_;
    int clauses_ = 0;
    bool days_only_ = false;  // no `calendar months`: every length in days
    std::vector<std::string> outcomes_, lists_, series_;
    std::vector<ModelInfo> models_;
    std::vector<std::string> statements_;  // every statement but the rules, in any order
    std::vector<std::string> rules_;       // in order

    std::string clause() { return "c" + std::to_string(pick(r_, 0, clauses_ - 1)); }

    std::string duration(bool record) {
        const bool months = !days_only_ && percent(r_, 50);
        const auto count = static_cast<std::uint32_t>(months ? pick(r_, 1, 40) : pick(r_, 1, 800));
        if (record) out_.lengths.emplace_back(count, months);
        const char* unit = months ? (count == 1 && percent(r_, 50) ? "month" : "months")
                                  : (count == 1 && percent(r_, 50) ? "day" : "days");
        return std::to_string(count) + " " + unit;
    }

    // A reference to a model: one of its spellings, maybe respelt.
    std::string reference(const ModelInfo& m) {
        std::vector<std::string> spellings{m.name};
        spellings.insert(spellings.end(), m.aliases.begin(), m.aliases.end());
        const std::string& s = one_of(r_, spellings);
        return percent(r_, 30) ? respell(r_, s) : s;
    }

    // A model block's entries; sometimes two models run together, sometimes one named twice.
    std::string model_block(int max_entries) {
        std::vector<std::string> refs;
        const int n = pick(r_, 0, max_entries);
        for (int i = 0; i < n; ++i) {
            const ModelInfo& m = one_of(r_, models_);
            if (percent(r_, 8)) {
                refs.push_back(m.name + one_of(r_, models_).name);
            } else {
                refs.push_back(reference(m));
            }
            if (percent(r_, 5)) refs.push_back(reference(m));
        }
        std::string out = "{";
        for (std::size_t i = 0; i < refs.size(); ++i) out += (i ? ", \"" : " \"") + refs[i] + "\"";
        return out + (refs.empty() ? "}" : percent(r_, 20) ? ", }" : " }");
    }

    void vocabulary() {
        std::string policy = "policy \"Random " + std::to_string(index_) + "\" region XX";
        if (percent(r_, 50)) policy += " effective " + day_to_text(random_day(r_, 2016, 2030));
        statements_.push_back(policy);
        out_.months_overflow = percent(r_, 40);
        days_only_ = percent(r_, 15);
        std::string calendar = days_only_ ? "calendar" : std::string("calendar months ") + (out_.months_overflow ? "overflow" : "clamp");
        const int last_day = pick(r_, 0, 2);
        if (last_day > 0) calendar += last_day == 1 ? " last_day covered" : " last_day excluded";
        if (calendar != "calendar") statements_.push_back(calendar);  // none at all: the defaults
        clauses_ = pick(r_, 1, 4);
        for (int c = 0; c < clauses_; ++c) statements_.push_back("clause c" + std::to_string(c) + " \"條款 " + std::to_string(c) + "\"");
        out_.parts.push_back("device");
        for (int p = pick(r_, 0, 3); p > 0; --p) out_.parts.push_back("part_" + std::to_string(out_.parts.size()));
        for (const std::string& p : out_.parts) statements_.push_back("part " + p + (percent(r_, 50) ? " \"部件\"" : ""));
        statements_.push_back("service walk \"到店\"");
        for (int o = pick(r_, 1, 4); o > 0; --o) outcomes_.push_back("o" + std::to_string(outcomes_.size()));
        for (const std::string& o : outcomes_) statements_.push_back("outcome " + o);
        static const char* const kinds[] = {"fact", "exclusion", "requirement"};
        for (int f = pick(r_, 0, 5); f > 0; --f) {
            const std::string name = "f" + std::to_string(out_.facts.size());
            out_.facts.push_back(name);
            std::string decl = std::string(kinds[pick(r_, 0, 2)]) + " " + name;
            if (percent(r_, 50)) decl += " \"事實\"";
            const int dflt = pick(r_, 0, 4);
            if (dflt == 1) decl += " default true";
            if (dflt == 2) decl += " default false";
            if (percent(r_, 50)) decl += " per " + clause();
            statements_.push_back(decl);
        }
        if (typed_) typed_facts();
    }

    // Counts, dates and choices, with and without defaults; sometimes `warranty from`.
    void typed_facts() {
        using T = RandomPolicy::TypedFact::Type;
        for (int f = pick(r_, 0, 4); f > 0; --f) {
            RandomPolicy::TypedFact fact;
            fact.name = "v" + std::to_string(out_.typed.size());
            fact.type = static_cast<T>(pick(r_, 0, 2));
            if (!date_facts_ && fact.type == T::Date) fact.type = percent(r_, 50) ? T::Count : T::Choice;
            std::string decl = "fact " + fact.name + (percent(r_, 50) ? " \"值\"" : "");
            if (fact.type == T::Count) {
                decl += " count";
                if ((fact.has_default = percent(r_, 70))) decl += " default " + std::to_string(pick(r_, 0, 3));
            } else if (fact.type == T::Date) {
                decl += " date";
            } else {
                for (int c = pick(r_, 1, 4), i = 0; i < c; ++i) fact.choices.push_back("k" + std::to_string(i));
                decl += " choice [";
                for (std::size_t i = 0; i < fact.choices.size(); ++i) decl += (i ? ", " : "") + fact.choices[i];
                decl += "]";
                if ((fact.has_default = percent(r_, 70))) decl += " default " + one_of(r_, fact.choices);
            }
            if (percent(r_, 50)) decl += " per " + clause();
            statements_.push_back(decl);
            out_.typed.push_back(std::move(fact));
        }
        if (percent(r_, 30)) {
            const auto dates = typed_of(T::Date);  // none without dates_: `warranty from purchase`
            statements_.push_back("warranty from " + (dates.empty() || percent(r_, 30) ? std::string("purchase") : one_of(r_, dates)) +
                                  " per " + clause());
        }
        extension_r_.discard(7919);
        // A policy of ten is extended by counts, one of ten has least ends: per policy, so that
        // most pairs of versions stay ones the diff compares claim by claim.
        extensions_ = percent(extension_r_, 10);
        floors_ = percent(extension_r_, 10);
        const auto counts = typed_of(T::Count);
        if (extensions_ && !counts.empty() && percent(extension_r_, 50)) {
            statements_.push_back("warranty extended by " + one_of(extension_r_, counts) + " per c" +
                                  std::to_string(pick(extension_r_, 0, clauses_ - 1)));
        }
    }

    // Sometimes a period is extended by a count of days the claim gives, and sometimes it ends
    // no earlier than a length after the last repair or a date the claim carries.
    std::string period_extension() {
        std::string out;
        const auto counts = typed_of(RandomPolicy::TypedFact::Type::Count);
        if (extensions_ && !counts.empty() && percent(extension_r_, 30)) {
            out += " extended by " + one_of(extension_r_, counts) + (percent(extension_r_, 50) ? " days" : "");
        }
        if (floors_ && percent(extension_r_, 30)) {
            const auto dates = typed_of(RandomPolicy::TypedFact::Type::Date);
            const bool months = !days_only_ && percent(extension_r_, 40);
            out += " at least " + std::to_string(months ? pick(extension_r_, 1, 30) : pick(extension_r_, 1, 400)) +
                   (months ? " months" : " days") + " after " +
                   (dates.empty() || percent(extension_r_, 50) ? std::string("last_repair") : one_of(extension_r_, dates));
        }
        return out;
    }

    std::vector<std::string> typed_of(RandomPolicy::TypedFact::Type type) const {
        std::vector<std::string> out;
        for (const auto& f : out_.typed) {
            if (f.type == type) out.push_back(f.name);
        }
        return out;
    }

    const RandomPolicy::TypedFact& typed_named(const std::string& name) const {
        for (const auto& f : out_.typed) {
            if (f.name == name) return f;
        }
        return out_.typed.front();
    }

    std::string comparison() {
        static const std::vector<std::string> ops{">=", "<=", ">", "<", "="};
        return one_of(r_, ops);
    }

    std::string some_date() {
        const Day d = random_day(r_, 2014, 2030);
        return day_to_text(d);
    }

    void models() {
        const int series = pick(r_, 1, 3);
        for (int s = 0; s < series; ++s) {
            const std::string letter(1, static_cast<char>('A' + s));
            series_.push_back("s" + std::to_string(s));
            std::string decl = "series " + series_.back() + (percent(r_, 50) ? " \"系列\"" : "") + " {";
            for (int m = pick(r_, 1, 4); m > 0; --m) {
                const std::string id = letter + std::to_string(m);
                ModelInfo model{"Phone " + id, {}, s};
                if (percent(r_, 40)) model.aliases.push_back("Ph-" + id + " Alt");
                if (percent(r_, 5)) model.aliases.push_back(respell(r_, model.name));  // redundant: a warning
                if (percent(r_, 20)) model.aliases.push_back("手機" + id);
                decl += " model \"" + model.name + "\"";
                for (std::size_t a = 0; a < model.aliases.size(); ++a) decl += (a ? ", \"" : " alias \"") + model.aliases[a] + "\"";
                std::vector<std::string> spellings{model.name};
                spellings.insert(spellings.end(), model.aliases.begin(), model.aliases.end());
                out_.model_spellings.push_back(spellings);
                models_.push_back(std::move(model));
            }
            statements_.push_back(decl + " }");
        }
    }

    void lists_and_notices() {
        for (int l = pick(r_, 0, 2); l > 0; --l) {
            lists_.push_back("l" + std::to_string(lists_.size()));
            statements_.push_back("list " + lists_.back() + (percent(r_, 50) ? " \"名單\"" : "") +
                                  (percent(r_, 50) ? " per " + clause() : "") + " " + model_block(5));
        }
        for (int n = pick(r_, 0, 3); n > 0; --n) {
            const Day date = random_day(r_, 2016, 2030);
            out_.notice_dates.push_back(date);
            statements_.push_back("end_of_service " + day_to_text(date) + (percent(r_, 50) ? " per " + clause() : "") + " " +
                                  model_block(4));
        }
    }

    // ---- conditions ----------------------------------------------------------------------

    struct Cond {
        std::string text;
        bool composite = false;
    };

    static std::string wrapped(const Cond& c) { return c.composite ? "(" + c.text + ")" : c.text; }

    Cond atom(bool facts_only) {
        std::vector<int> kinds{7, 8};  // any exclusion, any requirement unmet
        if (!out_.facts.empty()) kinds.push_back(9);
        using T = RandomPolicy::TypedFact::Type;
        const auto counts = typed_of(T::Count), dates = typed_of(T::Date), choices = typed_of(T::Choice);
        // Typed tests come up about as often as the rest together, when the policy has them.
        for (int twice = 0; twice < 2; ++twice) {
            if (!counts.empty()) kinds.push_back(10);
            if (!dates.empty()) kinds.push_back(11);
            if (!dates.empty() && dates_) kinds.push_back(12);
            if (!choices.empty()) kinds.push_back(14);
            // `purchased/claimed OP DATE` goes with the typed forms; a period compares only the
            // purchase, and less often, so that most periods stay within what the diff compares.
            if (dates_ && (!facts_only || twice == 0)) kinds.push_back(13);
            if (!facts_only && !dates.empty()) kinds.push_back(15);
            // A date the claim carries tested against a window may choose a period too; less
            // often there, since the diff names such periods' claims as not compared.
            if (!dates.empty() && dates_ && (!facts_only || twice == 0)) kinds.push_back(16);
        }
        if (!facts_only) {
            for (const int k : {0, 1, 2, 3, 4, 6}) kinds.push_back(k);
            if (!lists_.empty()) kinds.push_back(5);
        }
        switch (one_of(r_, kinds)) {
            case 10: {
                const int n = pick(r_, 0, 4);
                out_.count_thresholds.push_back(n);
                return {one_of(r_, counts) + " " + comparison() + " " + std::to_string(n)};
            }
            // Period conditions keep to one spelling of each test: two periods whose conditions
            // are the same test spelt two ways (`v is k0`, `v in [k0]`) are rightly a conflict.
            case 11: return {one_of(r_, dates) + (facts_only || percent(r_, 50) ? " is given" : " is not given")};
            case 12: {
                const std::string subject = one_of(r_, dates);
                const int against = facts_only ? pick(r_, 0, 1) : pick(r_, 0, 3);  // a period may not read the claim date
                std::vector<std::string> others;  // another date fact, when there is one
                for (const std::string& d : dates) {
                    if (d != subject) others.push_back(d);
                }
                // Drawn in the order the policies of every seed were drawn in: what it is
                // compared with, then the comparison.
                const std::string other = against == 0   ? some_date()
                                          : against == 1 ? std::string("purchased")
                                          : against == 2 || others.empty() ? std::string("claimed")
                                                                           : one_of(r_, others);
                const std::string op = comparison();
                // In rules, half of the tests against the purchase or claim date are written from
                // that date (`claimed > d` for `d < claimed`), chosen without drawing from the
                // random stream so that every seed keeps its policies.
                if (!facts_only && (other == "purchased" || other == "claimed") && (subject.back() & 1) == 1) {
                    const std::string mirrored = op == ">=" ? "<=" : op == "<=" ? ">=" : op == ">" ? "<" : op == "<" ? ">" : "=";
                    return {other + " " + mirrored + " " + subject};
                }
                return {subject + " " + op + " " + other};
            }
            // A period's `when` may compare the purchase, not the claim date.
            case 13: return {std::string(facts_only || percent(r_, 50) ? "purchased " : "claimed ") + comparison() + " " + some_date()};
            case 14: {
                const auto& fact = typed_named(one_of(r_, choices));
                const int form = facts_only ? 0 : pick(r_, 0, 3);
                if (form < 2) return {fact.name + (form == 0 ? " is " : " is not ") + one_of(r_, fact.choices)};
                std::vector<std::string> set;
                for (const std::string& c : fact.choices) {
                    if (percent(r_, 50)) set.push_back(c);
                }
                if (set.empty()) set.push_back(one_of(r_, fact.choices));
                std::string text = fact.name + (form == 2 ? " in [" : " not in [");
                for (std::size_t i = 0; i < set.size(); ++i) text += (i ? ", " : "") + set[i];
                return {text + "]"};
            }
            case 15: return {"claimed within " + duration(true) + " after " + one_of(r_, dates)};
            case 16: {
                const std::string subject = one_of(r_, dates);
                std::vector<std::string> anchors{"purchase", "last_repair"};
                for (const std::string& d : dates) {
                    if (d != subject) anchors.push_back(d);
                }
                return {subject + " within " + duration(true) + " after " + one_of(r_, anchors)};
            }
            case 0: {
                if (percent(r_, 70)) return {"part is " + std::string(percent(r_, 30) ? "not " : "") + one_of(r_, out_.parts)};
                std::string set;  // `part in [..]`, `part not in [..]`
                for (const std::string& p : out_.parts) {
                    if (percent(r_, 50)) set += (set.empty() ? "" : ", ") + p;
                }
                if (set.empty()) set = one_of(r_, out_.parts);
                return {std::string(percent(r_, 30) ? "part not in [" : "part in [") + set + "]"};
            }
            case 1: return {"claimed within warranty"};
            case 2: return {"claimed within " + duration(true) + (percent(r_, 60) ? " after purchase" : " after last_repair")};
            case 3: return {"claimed after end_of_service"};
            case 4: return {"purchased outside region"};
            case 5: return {"model in " + one_of(r_, lists_)};
            case 6: return {"model in series " + one_of(r_, series_)};
            case 7: return {"any exclusion"};
            case 8: return {"any requirement unmet"};
            default: return {one_of(r_, out_.facts)};
        }
    }

    Cond condition(int depth, bool facts_only) {
        if (depth == 0 || percent(r_, 40)) return atom(facts_only);
        const int op = pick(r_, 0, 2);
        if (op == 0) return {"not " + wrapped(condition(depth - 1, facts_only)), false};
        std::string text;
        for (int n = pick(r_, 2, 3), i = 0; i < n; ++i) {
            text += (i ? (op == 1 ? " and " : " or ") : "") + wrapped(condition(depth - 1, facts_only));
        }
        return {text, true};
    }

    // ---- periods and rules -----------------------------------------------------------------

    // (scope, target, part, condition): two periods with one key are a compile error.
    std::set<std::tuple<int, int, std::string, std::string>> period_keys_;

    bool claim_key(int scope, int target, const std::string& part, const std::string& when) {
        return period_keys_.emplace(scope, target, part, when).second;
    }

    // Sometimes the period says where it counts from: `from purchase`, `from D`, `after D`.
    std::string period_start() {
        if (!percent(r_, 30)) return "";
        const auto dates = typed_of(RandomPolicy::TypedFact::Type::Date);
        if (dates.empty() || percent(r_, 25)) return " from purchase";
        return std::string(percent(r_, 70) ? " from " : " after ") + one_of(r_, dates);
    }

    std::string period_tail(const std::string& when) {
        std::string tail;
        if (!when.empty()) tail += " when " + when;
        if (percent(r_, 30)) tail += " via walk";
        return tail + " per " + clause();
    }

    void periods() {
        for (const std::string& part : out_.parts) {
            if (percent(r_, 85) && claim_key(0, 0, part, "")) {
                statements_.push_back("period " + part + " " + duration(true) + period_start() + period_extension() + period_tail(""));
            }
            for (int g = pick(r_, 0, 2); g > 0; --g) {
                const std::string when = condition(2, true).text;
                if (claim_key(0, 0, part, when)) statements_.push_back("period " + part + " " + duration(true) + period_start() + period_extension() + period_tail(when));
            }
            for (int p = pick(r_, 0, 4); p > 0; --p) targeted_period(part);
        }
    }

    void targeted_period(const std::string& part) {
        const std::string when = percent(r_, 35) ? condition(2, true).text : "";
        std::vector<std::string> targets;
        for (int t = pick(r_, 1, 3); t > 0; --t) {
            if (percent(r_, 35)) {
                const int s = pick(r_, 0, static_cast<int>(series_.size()) - 1);
                if (claim_key(1, s, part, when)) targets.push_back("series " + series_[static_cast<std::size_t>(s)]);
                continue;
            }
            const int m = pick(r_, 0, static_cast<int>(models_.size()) - 1);
            const ModelInfo& model = models_[static_cast<std::size_t>(m)];
            if (percent(r_, 5)) {  // two models run together
                const int other = pick(r_, 0, static_cast<int>(models_.size()) - 1);
                if (other != m && !period_keys_.count({2, m, part, when}) && !period_keys_.count({2, other, part, when})) {
                    claim_key(2, m, part, when);
                    claim_key(2, other, part, when);
                    targets.push_back("\"" + model.name + models_[static_cast<std::size_t>(other)].name + "\"");
                }
                continue;
            }
            if (claim_key(2, m, part, when)) {
                targets.push_back("\"" + reference(model) + "\"");
                if (percent(r_, 5)) targets.push_back("\"" + reference(model) + "\"");  // listed twice: a warning
            }
        }
        if (targets.empty()) return;
        std::string decl = "period " + part + " " + duration(true) + period_start() + period_extension() + " for ";
        for (std::size_t i = 0; i < targets.size(); ++i) decl += (i ? ", " : "") + targets[i];
        statements_.push_back(decl + period_tail(when));
    }

    void rules() {
        const int n = pick(r_, 1, 6);
        for (int i = 0; i < n; ++i) {
            std::string rule = "rule r" + std::to_string(i) + " per " + clause();
            // The last rule has no condition; rarely an earlier one has none either (a warning).
            if (i + 1 < n && !percent(r_, 3)) rule += " when " + condition(3, false).text;
            rules_.push_back(rule + " then " + one_of(r_, outcomes_));
        }
    }

    // The statements in random order, but the rules in theirs, on lines of their own.
    std::string assemble() {
        std::vector<std::string> all = statements_;
        all.insert(all.end(), rules_.begin(), rules_.end());
        std::shuffle(all.begin(), all.end(), r_);
        std::size_t next_rule = 0;
        for (std::string& s : all) {
            if (s.rfind("rule ", 0) == 0) s = rules_[next_rule++];
        }
        std::string text = "# generated\n";
        for (const std::string& s : all) text += s + "\n";
        return text;
    }
};

}  // namespace

RandomPolicy random_policy(Random& random, int index, TypedKinds kinds) { return Generator(random, index, kinds).run(); }

}  // namespace warrant::reference
