// Name resolution and lowering: builds the RuleGraph's tables from the declarations, then
// resolves every reference (parts, facts, clauses, models, lists, outcomes) against them.
#include "sema/resolve.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <set>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "diag/suggest.hpp"
#include "graph/length_limits.hpp"

namespace warrant {

namespace {

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
    std::vector<std::string> names;
    for (const auto& item : items) names.push_back(item.name);
    return names;
}

class Resolver {
public:
    Resolver(const ast::Module& module, Diagnostics& diagnostics)
        : module_(module), diags_(diagnostics), graph_(std::make_unique<RuleGraph>()) {}

    std::unique_ptr<RuleGraph> run() {
        policy();
        calendar();
        declarations();
        models();
        lists();
        notices();
        warranty_start();
        warranty_extension();
        periods();
        rules();
        undeclared_month_rule();
        return std::move(graph_);
    }

private:
    const ast::Module& module_;
    Diagnostics& diags_;
    std::unique_ptr<RuleGraph> graph_;
    std::map<std::string, Index, std::less<>> clause_index_, part_index_, service_index_,
        outcome_index_, fact_index_, series_index_, list_index_;
    // Durations in months met while the policy declares no `calendar months` convention.
    std::vector<SourceSpan> undeclared_months_;
    // Exact declared spellings, to tell an exact reference from a normalised match.
    std::string ref_key_;  // a reference's normalised spelling, reused so that resolving one allocates nothing
    // Per model, its declaration: where a clashing spelling was first declared is found there.
    std::vector<const ast::ModelDecl*> model_decls_;

    // ---- helpers ------------------------------------------------------------------------

    std::optional<Date> date(const ast::Word& word) {
        if (auto d = parse_iso_date(word.text)) return d;
        diags_.report(Code::ImpossibleDate, word.span, fmt::format("`{}` is not a date", word.text))
            .hint = describe_bad_date(word.text);
        return std::nullopt;
    }

    // Declares `name` in `index`, or reports the duplicate with a note at the first.
    template <typename Spans>
    bool declare(std::map<std::string, Index, std::less<>>& index, const ast::Word& name,
                 const char* kind, Index value, const Spans& span_of) {
        const auto [it, inserted] = index.emplace(name.text, value);
        if (!inserted) {
            auto& d = diags_.report(Code::DuplicateDeclaration, name.span,
                                    fmt::format("{} `{}` is declared twice", kind, name.text));
            d.notes.push_back({span_of(it->second), "first declared here"});
            d.hint = "remove one declaration or give it another name";
        }
        return inserted;
    }

    // `dates_only`: the name stands where a date the claim carries goes; only date facts are
    // suggested (and `last_repair` where it may stand too: `repair_anchor`).
    Index lookup(const std::map<std::string, Index, std::less<>>& index, const ast::Word& word,
                 Code code, const char* kind, bool dates_only = false, bool repair_anchor = false) {
        const auto it = index.find(word.text);
        if (it != index.end()) return it->second;
        std::vector<std::string> names;
        for (const auto& [name, i] : index) {
            if (!dates_only || graph_->facts[i].type == FactType::Date) names.push_back(name);
        }
        auto& d = diags_.report(code, word.span, fmt::format("unknown {} `{}`", kind, word.text));
        std::vector<std::string> near = nearest_names(word.text, names);
        if (near.empty() && word.text.size() >= 4) {
            // A name written short (`start` for `started_on`) is too far for an edit
            // distance; names that start with it are what the writer meant, if only a few do.
            for (const auto& n : names) {
                if (n.size() > word.text.size() && n.compare(0, word.text.size(), word.text) == 0) near.push_back(n);
            }
            if (near.size() > 3) near.clear();
        }
        d.hint = did_you_mean(near);
        if (d.hint.empty() && !names.empty() && names.size() <= 8) {
            std::string all;
            for (const auto& n : names) all += fmt::format("{}`{}`", all.empty() ? "" : ", ", n);
            d.hint = dates_only ? fmt::format("the dates a claim may carry: {}; or declare `fact {} \"LABEL\" date per CLAUSE`", all, word.text)
                                : fmt::format("declared {}s: {}", kind, all);
        } else if (d.hint.empty()) {
            d.hint = dates_only ? fmt::format("declare it with `fact {} \"LABEL\" date per CLAUSE`", word.text)
                                : fmt::format("declare it with `{} {}`", kind, word.text);
        }
        if (repair_anchor && near.empty()) d.hint = "the claim's last repair is `last_repair`; " + d.hint;
        if (!dates_only && code == Code::UnknownFact && near.empty()) {
            // A value of a choice written alone (`when VALUE`): the test names the choice.
            for (const Fact& f : graph_->facts) {
                if (std::find(f.choices.begin(), f.choices.end(), word.text) == f.choices.end()) continue;
                d.hint = fmt::format("`{}` is a value of the choice `{}`: write `{} is {}`", word.text, f.name, f.name, word.text);
                break;
            }
        }
        if (code == Code::UnknownList && series_index_.count(word.text)) {
            d.hint = fmt::format("`{}` is a series: write `model in series {}`", word.text, word.text);
        }
        return none;
    }

    // A bare name in a condition that is no fact but a part, list, series or outcome (`part is
    // device or mainboard`): says how that is tested, and whether it did.
    bool other_kind_of_name(const ast::Word& word) {
        if (fact_index_.count(word.text)) return false;
        std::string message, hint;
        if (part_index_.count(word.text)) {
            message = fmt::format("`{}` is a part, not a fact: test it with `part is {}`", word.text, word.text);
            hint = fmt::format("for one of several parts, write `part in [..., {}]` (or repeat `part is` after `or`)", word.text);
        } else if (list_index_.count(word.text)) {
            message = fmt::format("`{}` is a list of models, not a fact: test it with `model in {}`", word.text, word.text);
        } else if (series_index_.count(word.text)) {
            message = fmt::format("`{}` is a series, not a fact: test it with `model in series {}`", word.text, word.text);
        } else if (outcome_index_.count(word.text)) {
            message = fmt::format("`{}` is an outcome, not a fact: a rule gives it after `then`; conditions test the claim", word.text);
            hint = "rules are tried in order, so a rule after the one that gives it already knows it was not given";
        } else {
            return false;
        }
        auto& d = diags_.report(Code::UnknownFact, word.span, std::move(message));
        d.hint = std::move(hint);
        return true;
    }

    Index clause(const ast::Word& word) { return lookup(clause_index_, word, Code::UnknownClause, "clause"); }
    Index clause(const std::optional<ast::Word>& word) { return word ? clause(*word) : none; }

    // ---- identity and conventions ------------------------------------------------------

    void policy() {
        if (module_.policies.empty()) {
            diags_.report(Code::MissingPolicy, SourceSpan{0, 0}, "this file declares no policy")
                .hint = "start the file with `policy \"name\" region CODE`";
            return;
        }
        for (std::size_t i = 1; i < module_.policies.size(); ++i) {
            auto& d = diags_.report(Code::DuplicateDeclaration, module_.policies[i].span,
                                    "a file declares one policy; this is a second");
            d.notes.push_back({module_.policies[0].span, "first declared here"});
        }
        const ast::PolicyDecl& decl = module_.policies[0];
        graph_->info.title = decl.title.value;
        std::map<ast::PolicyItem::Kind, SourceSpan> seen;
        for (const ast::PolicyItem& item : decl.items) {
            if (const auto [it, fresh] = seen.emplace(item.kind, item.span); !fresh) {
                auto& d = diags_.report(Code::RepeatedSetting, item.span, "this policy setting is given twice");
                d.notes.push_back({it->second, "first given here"});
                continue;
            }
            switch (item.kind) {
                case ast::PolicyItem::Kind::Region:
                    graph_->info.region = item.word.text;
                    if (item.text) graph_->info.region_label = item.text->value;
                    break;
                case ast::PolicyItem::Kind::Source:
                    graph_->info.source = item.text->value;
                    if (item.file) {
                        graph_->info.source_file = item.file->value;
                        graph_->info.source_file_span = item.file->span;
                    }
                    break;
                case ast::PolicyItem::Kind::Effective: graph_->info.effective = date(item.word); break;
            }
        }
        if (graph_->info.region.empty()) {
            diags_.report(Code::MissingPolicy, decl.title.span, "the policy does not name its region")
                .hint = "add `region CODE`, the short code of the region the policy applies in";
        }
    }

    // One error for a policy that counts in months without saying how months are added: at
    // the first duration in months, with the line to add and where, and a note at each other.
    void undeclared_month_rule() {
        if (undeclared_months_.empty()) return;
        std::sort(undeclared_months_.begin(), undeclared_months_.end(),
                  [](const SourceSpan& a, const SourceSpan& b) { return a.begin < b.begin; });
        const std::size_t others = undeclared_months_.size() - 1;
        auto& d = diags_.report(Code::UndeclaredMonthRule, undeclared_months_.front(),
                                others == 0 ? std::string("this duration is in months, but the policy does not say how months are added")
                                            : fmt::format("this duration and {} other{} are in months, but the policy does not say how "
                                                          "months are added",
                                                          others, others == 1 ? "" : "s"));
        constexpr std::size_t max_notes = 5;
        for (std::size_t i = 1; i < undeclared_months_.size() && i <= max_notes; ++i) {
            d.notes.push_back({undeclared_months_[i], i == max_notes && others > max_notes
                                                          ? fmt::format("also in months (and {} more)", others - max_notes)
                                                          : std::string("also in months")});
        }
        const std::string where = module_.policies.empty() ? std::string("at the top of the file")
                                                           : std::string("on the line after the `policy` statement");
        if (!module_.policies.empty()) d.notes.push_back({module_.policies.front().span, "add the `calendar` line after this statement"});
        d.hint = fmt::format("add `calendar months clamp` {} (2024-01-31 + 1 month = 2024-02-29), or "
                             "`calendar months overflow` if the source counts on into the next month (= 2024-03-02)",
                             where);
    }

    void calendar() {
        for (std::size_t i = 1; i < module_.calendars.size(); ++i) {
            auto& d = diags_.report(Code::RepeatedSetting, module_.calendars[i].span,
                                    "the calendar conventions are declared twice");
            d.notes.push_back({module_.calendars[0].span, "first declared here"});
        }
        if (module_.calendars.empty()) return;
        std::map<ast::CalendarItem::Kind, SourceSpan> seen;
        for (const ast::CalendarItem& item : module_.calendars[0].items) {
            if (const auto [it, fresh] = seen.emplace(item.kind, item.span); !fresh) {
                auto& d = diags_.report(Code::RepeatedSetting, item.span, "this calendar convention is given twice");
                d.notes.push_back({it->second, "first given here"});
                continue;
            }
            if (item.kind == ast::CalendarItem::Kind::Months) {
                graph_->calendar.months_declared = true;
                graph_->calendar.months = item.value.text == "clamp" ? MonthRule::Clamp : MonthRule::Overflow;
            } else {
                graph_->calendar.last_day_covered = item.value.text == "covered";
            }
        }
    }

    // ---- vocabulary -----------------------------------------------------------------------

    void declarations() {
        auto& g = *graph_;
        for (const ast::ClauseDecl& c : module_.clauses) {
            const auto i = static_cast<Index>(g.clauses.size());
            if (declare(clause_index_, c.id, "clause", i, [&](Index k) { return g.clauses[k].span; })) {
                g.clauses.push_back({c.id.text, c.text.value, c.span});
            }
        }
        const auto terms = [&](const std::vector<ast::VocabularyDecl>& decls, std::vector<Term>& out,
                               std::map<std::string, Index, std::less<>>& index, const char* kind) {
            for (const ast::VocabularyDecl& t : decls) {
                const auto i = static_cast<Index>(out.size());
                if (declare(index, t.name, kind, i, [&](Index k) { return out[k].span; })) {
                    out.push_back({t.name.text, t.label ? t.label->value : "", none, t.span});
                }
            }
        };
        terms(module_.parts, g.parts, part_index_, "part");
        terms(module_.services, g.services, service_index_, "service");
        terms(module_.outcomes, g.outcomes, outcome_index_, "outcome");
        for (Term& service : g.services) {  // services cite clauses, declared just above
            for (const ast::VocabularyDecl& decl : module_.services) {
                if (decl.span == service.span) service.clause = clause(decl.clause);
            }
        }
        for (const ast::FactDecl& f : module_.facts) {
            const auto i = static_cast<Index>(g.facts.size());
            if (!declare(fact_index_, f.name, "fact", i, [&](Index k) { return g.facts[k].span; })) continue;
            if (i >= max_facts) {
                diags_.report(Code::TooManyFacts, f.name.span,
                              fmt::format("a policy may declare at most {} facts", max_facts));
                continue;
            }
            Fact fact;
            fact.name = f.name.text;
            fact.meaning = f.meaning ? f.meaning->value : "";
            fact.role = f.kind == ast::FactKind::Exclusion     ? FactRole::Exclusion
                        : f.kind == ast::FactKind::Requirement ? FactRole::Requirement
                                                               : FactRole::Plain;
            fact.type = static_cast<FactType>(f.type);
            fact.default_value = fact.role == FactRole::Requirement;
            fact.clause = clause(f.clause);
            fact.span = f.span;
            fact_value(f, fact);
            set_fact(g.fact_defaults, i, fact.default_value);
            if (fact.role == FactRole::Exclusion) set_fact(g.exclusion_mask, i, true);
            if (fact.role == FactRole::Requirement) set_fact(g.requirement_mask, i, true);
            g.facts.push_back(std::move(fact));
        }
    }

    // A fact's type and default, checked against each other; a slot for a fact with a value.
    void fact_value(const ast::FactDecl& f, Fact& fact) {
        auto& g = *graph_;
        if (fact.type != FactType::Bool && fact.role != FactRole::Plain) {
            diags_.report(Code::FactTypeMismatch, *f.type_span,
                          fmt::format("an {} is true or false; it cannot be a {}", fact.role == FactRole::Exclusion ? "exclusion" : "requirement",
                                      type_word(fact.type)))
                .hint = fmt::format("declare the value with `fact {} ...` and test it in a rule", f.name.text);
            fact.type = FactType::Bool;
        }
        std::set<std::string, std::less<>> values;
        for (const ast::Word& v : f.choices) {
            if (!values.insert(v.text).second) {
                diags_.report(Code::DuplicateDeclaration, v.span, fmt::format("the value `{}` is listed twice", v.text))
                    .hint = "remove the repeated value";
            } else {
                fact.choices.push_back(v.text);
            }
        }
        if (fact.choices.size() > max_choice_values) {
            diags_.report(Code::TooManyFacts, f.choices[max_choice_values].span,
                          fmt::format("a choice may offer at most {} values", max_choice_values));
            fact.choices.resize(max_choice_values);
        }
        if (f.default_value) {
            const ast::Word& d = *f.default_value;
            const bool is_bool = d.text == "true" || d.text == "false";
            const bool is_number = !d.text.empty() && std::isdigit(static_cast<unsigned char>(d.text[0]));
            switch (fact.type) {
                case FactType::Bool:
                    if (is_bool) fact.default_value = d.text == "true";
                    else default_mismatch(d, fact, is_number ? "fact {} \"...\" count default 0" : "fact {} \"...\" choice [a, b] default a");
                    break;
                case FactType::Count:
                    if (!is_number) default_mismatch(d, fact, "default 0");
                    else if (d.text.size() > 9) diags_.report(Code::FactTypeMismatch, d.span, "a count's default must be below 1000000000");
                    else fact.default_number = static_cast<std::int32_t>(std::stol(d.text));
                    break;
                case FactType::Date:
                    diags_.report(Code::FactTypeMismatch, d.span, "a date fact has no default: a claim gives the date or not")
                        .hint = "remove `default`; test `DATE is given` where it matters";
                    break;
                case FactType::Choice: {
                    const auto it = std::find(fact.choices.begin(), fact.choices.end(), d.text);
                    if (it == fact.choices.end()) {
                        auto& diag = diags_.report(Code::UnknownChoiceValue, d.span,
                                                   fmt::format("`{}` is not one of the values of `{}`", d.text, fact.name));
                        diag.hint = did_you_mean(nearest_names(d.text, fact.choices));
                        if (diag.hint.empty()) diag.hint = fmt::format("values: {}", join_names(fact.choices));
                    } else {
                        fact.default_number = static_cast<std::int32_t>(it - fact.choices.begin());
                    }
                    break;
                }
            }
        }
        if (fact.type == FactType::Bool) return;
        if (g.value_facts.size() >= max_value_facts) {
            diags_.report(Code::TooManyFacts, f.name.span,
                          fmt::format("a policy may declare at most {} counts, dates and choices", max_value_facts));
            fact.type = FactType::Bool;
            return;
        }
        fact.slot = static_cast<Index>(g.value_facts.size());
        g.value_facts.push_back(static_cast<Index>(g.facts.size()));
        g.value_defaults[fact.slot] = fact.default_number.value_or(no_value);
    }

    void default_mismatch(const ast::Word& d, const Fact& fact, const char* example) {
        diags_.report(Code::FactTypeMismatch, d.span,
                      fmt::format("`{}` is {}, so its default cannot be `{}`", fact.name, type_phrase(fact.type), d.text))
            .hint = fmt::format("write `{}`", fmt::format(fmt::runtime(example), fact.name));
    }

    static std::string join_names(const std::vector<std::string>& names) {
        std::string out;
        for (const auto& n : names) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", n);
        return out;
    }

    // ---- models ---------------------------------------------------------------------------

    void models() {
        auto& g = *graph_;
        // Hash tables sized once: a catalogue declares up to hundreds of thousands of spellings.
        std::size_t spellings = 0;
        for (const ast::SeriesDecl& s : module_.series) {
            for (const ast::ModelDecl& m : s.models) spellings += 1 + m.aliases.size();
        }
        g.model_keys.reserve(spellings);
        model_decls_.reserve(spellings);
        for (const ast::SeriesDecl& s : module_.series) {
            const auto series_index = static_cast<Index>(g.series.size());
            if (!declare(series_index_, s.name, "series", series_index, [&](Index k) { return g.series[k].span; })) {
                continue;
            }
            g.series.push_back({s.name.text, s.label ? s.label->value : "", {}, s.span});
            for (const ast::ModelDecl& m : s.models) {
                const auto model_index = static_cast<Index>(g.models.size());
                Model model;
                model.name = m.name.value;
                model.series = series_index;
                model.span = m.span;
                const std::string own_key = normalize_model_name(m.name.value);
                model_decls_.push_back(&m);
                bool clash = !add_spelling(m.name, model_index);
                for (const ast::Text& alias : m.aliases) {
                    if (normalize_model_name(alias.value) == own_key) {
                        auto& d = diags_.report(Code::RedundantAlias, alias.span,
                                                fmt::format("alias `{}` is the model's own name `{}` once case, spaces, `-` and `_` are ignored",
                                                            alias.value, m.name.value));
                        d.hint = "remove the alias: look-ups already ignore these differences";
                        continue;
                    }
                    if (!add_spelling(alias, model_index)) {
                        clash = true;
                        continue;
                    }
                    model.aliases.push_back(alias.value);
                }
                (void)clash;
                g.series[series_index].models.push_back(model_index);
                g.models.push_back(std::move(model));
            }
        }
    }

    // Where model `model`'s spelling with normalised `key` is declared: its name or an alias.
    SourceSpan spelling_span(Index model, const std::string& key) const {
        const ast::ModelDecl& m = *model_decls_[model];
        if (normalize_model_name(m.name.value) == key) return m.name.span;
        for (const ast::Text& alias : m.aliases) {
            if (normalize_model_name(alias.value) == key) return alias.span;
        }
        return m.span;
    }

    bool add_spelling(const ast::Text& spelling, Index model) {
        const std::string key = normalize_model_name(spelling.value);
        if (key.empty()) {
            diags_.report(Code::ExpectedName, spelling.span, "a model name cannot be empty");
            return false;
        }
        const auto [it, fresh] = graph_->model_keys.emplace(key, model);
        if (!fresh) {
            const Model& other = graph_->models.size() > it->second ? graph_->models[it->second] : Model{};
            const auto& series = graph_->series;
            const bool other_series = it->second != model && it->second < graph_->models.size() && !series.empty() &&
                                      other.series != series.size() - 1 && other.series < series.size();
            if (other_series) {
                // The same model in two series: say where both are.
                const std::string& first = series[other.series].name;
                const std::string& second = series.back().name;
                auto& d = diags_.report(Code::ModelNameClash, spelling.span,
                                        spelling.value == other.name
                                            ? fmt::format("model `{}` is declared in series `{}` and again here, in series `{}`",
                                                          spelling.value, first, second)
                                            : fmt::format("`{}` names model `{}` of series `{}`, once case, spaces, `-` and `_` are "
                                                          "ignored; it is declared again here, in series `{}`",
                                                          spelling.value, other.name, first, second));
                d.notes.push_back({spelling_span(it->second, key), fmt::format("first declared here, in series `{}`", first)});
                d.hint = fmt::format("a model belongs to one series: keep it in `{}` or in `{}`, and delete the other entry",
                                     first, second);
                return false;
            }
            auto& d = diags_.report(Code::ModelNameClash, spelling.span,
                                    it->second == model
                                        ? fmt::format("`{}` is given twice for this model", spelling.value)
                                        : fmt::format("`{}` names model `{}` already, once case, spaces, `-` and `_` are ignored",
                                                      spelling.value, other.name));
            d.notes.push_back({spelling_span(it->second, key), "declared here"});
            d.hint = "a spelling may name only one model: merge the two entries, or tell them apart";
            return false;
        }
        return true;
    }

public:
    // Resolves a quoted model reference. Exact spellings resolve silently; spellings that match
    // only once normalised, or that are two names run together, resolve with a warning.
    std::vector<Index> model_ref(const ast::Text& ref) {
        const auto& g = *graph_;
        normalize_model_name(ref.value, ref_key_);
        const std::string& key = ref_key_;
        if (const auto it = g.model_keys.find(key); it != g.model_keys.end()) {
            const Model& model = g.models[it->second];
            // Written as declared: the model's name or one of its aliases, exactly.
            if (ref.value == model.name || std::find(model.aliases.begin(), model.aliases.end(), ref.value) != model.aliases.end()) {
                return {it->second};
            }
            auto& d = diags_.report(Code::SpellingDiffers, ref.span,
                                    fmt::format("`{}` is spelt `{}` where the model is declared", ref.value, model.name));
            d.hint = fmt::format("write `{}`, as declared", model.name);
            d.notes.push_back({model.span, "declared here"});
            return {it->second};
        }
        // Two declared names written without a separator ("Phone 11S NFCPhone Pad").
        for (std::size_t cut = 1; cut < key.size(); ++cut) {
            const auto first = g.model_keys.find(key.substr(0, cut));
            const auto second = g.model_keys.find(key.substr(cut));
            if (first != g.model_keys.end() && second != g.model_keys.end()) {
                auto& d = diags_.report(Code::NamesRunTogether, ref.span,
                                        fmt::format("`{}` reads as two models run together: `{}` and `{}`", ref.value,
                                                    g.models[first->second].name, g.models[second->second].name));
                d.hint = fmt::format("write them as two entries: \"{}\", \"{}\"", g.models[first->second].name,
                                     g.models[second->second].name);
                return {first->second, second->second};
            }
        }
        auto& d = diags_.report(Code::UnknownModel, ref.span, fmt::format("unknown model `{}`", ref.value));
        d.hint = did_you_mean(g.nearest_models(ref.value));
        if (d.hint.empty()) d.hint = "declare it in a `series` block with `model \"...\"`";
        return {};
    }

private:
    // Resolves a block of references, warning about a model listed twice.
    std::vector<Index> model_block(const std::vector<ast::Text>& refs) {
        std::vector<Index> out;
        std::map<Index, SourceSpan> seen;
        for (const ast::Text& ref : refs) {
            for (const Index m : model_ref(ref)) {
                if (const auto [it, fresh] = seen.emplace(m, ref.span); !fresh) {
                    auto& d = diags_.report(Code::ListedTwice, ref.span,
                                            fmt::format("`{}` is listed twice here", graph_->models[m].name));
                    d.notes.push_back({it->second, "first listed here"});
                    d.hint = "remove the repeated entry";
                    continue;
                }
                out.push_back(m);
            }
        }
        return out;
    }

    void lists() {
        auto& g = *graph_;
        for (const ast::ListDecl& l : module_.lists) {
            const auto i = static_cast<Index>(g.lists.size());
            if (!declare(list_index_, l.name, "list", i, [&](Index k) { return g.lists[k].span; })) continue;
            ModelList list{l.name.text, l.label ? l.label->value : "", clause(l.clause), model_block(l.models), l.span};
            std::sort(list.models.begin(), list.models.end());
            std::vector<bool> members(g.models.size(), false);
            for (const Index m : list.models) members[m] = true;
            g.list_membership.push_back(std::move(members));
            g.lists.push_back(std::move(list));
        }
    }

    void notices() {
        auto& g = *graph_;
        std::vector<SourceSpan> first_ref(g.models.size());
        for (const ast::EndOfServiceDecl& n : module_.end_of_service) {
            const auto when = date(n.date);
            const auto notice_index = static_cast<Index>(g.notices.size());
            EndOfServiceNotice notice{when.value_or(Date{}), clause(n.clause), {}, n.span};
            std::map<Index, SourceSpan> seen;
            for (const ast::Text& ref : n.models) {
                for (const Index m : model_ref(ref)) {
                    if (const auto [it, fresh] = seen.emplace(m, ref.span); !fresh) {
                        auto& d = diags_.report(Code::ListedTwice, ref.span,
                                                fmt::format("`{}` is listed twice here", g.models[m].name));
                        d.notes.push_back({it->second, "first listed here"});
                        continue;
                    }
                    notice.models.push_back(m);
                    if (!when) continue;
                    Model& model = g.models[m];
                    if (model.end_of_service && *model.end_of_service != *when) {
                        const Date earliest = std::min(*model.end_of_service, *when);
                        auto& d = diags_.report(Code::ConflictingEndOfService, ref.span,
                                                fmt::format("`{}` ends service on {} here, but on {} in an earlier notice; the earlier date, {}, applies",
                                                            model.name, to_iso(*when), to_iso(*model.end_of_service), to_iso(earliest)));
                        d.notes.push_back({first_ref[m], "the other notice names it here"});
                        d.hint = "keep the model in one end-of-service notice";
                        if (*when < *model.end_of_service) {
                            model.end_of_service = when;
                            model.end_of_service_notice = notice_index;
                        }
                    } else if (!model.end_of_service) {
                        model.end_of_service = when;
                        model.end_of_service_notice = notice_index;
                        first_ref[m] = ref.span;
                    }
                }
            }
            g.notices.push_back(std::move(notice));
        }
    }

    // ---- periods and rules ----------------------------------------------------------------

    bool check_length(const ast::Duration& length) {
        if (length.count == 0 || (length.unit == ast::Unit::Days && length.count > max_length_days) ||
            (length.unit == ast::Unit::Months && length.count > max_length_months)) {
            diags_.report(Code::PeriodLength, length.span, "a period must be at least one day and at most a thousand years");
            return false;
        }
        if (length.unit == ast::Unit::Months && !graph_->calendar.months_declared) {
            undeclared_months_.push_back(length.span);  // reported once, by undeclared_month_rule()
            return false;
        }
        return true;
    }

    static Length length_of(const ast::Duration& d) {
        return {d.count, d.unit == ast::Unit::Days ? LengthUnit::Days : LengthUnit::Months};
    }

    // A `from` date: `purchase` (none) or a date fact.
    Index start_fact(const ast::Word& start) {
        if (start.text == "purchase") return none;
        const Index f = lookup(fact_index_, start, Code::UnknownFact, "fact", /*dates_only=*/true);
        if (f != none && graph_->facts[f].type != FactType::Date) {
            wrong_type(start, graph_->facts[f], "a date: the warranty counts from a date the claim carries");
            return none;
        }
        return f;
    }

    void warranty_start() {
        auto& g = *graph_;
        for (std::size_t i = 1; i < module_.warranty_starts.size(); ++i) {
            auto& d = diags_.report(Code::RepeatedSetting, module_.warranty_starts[i].span,
                                    "where the warranty counts from is declared twice");
            d.notes.push_back({module_.warranty_starts[0].span, "first declared here"});
        }
        if (module_.warranty_starts.empty()) return;
        const ast::WarrantyDecl& w = module_.warranty_starts[0];
        g.warranty_start_fact = start_fact(w.start);
        g.warranty_start_clause = clause(w.clause);
    }

    // An `extended by` name: a count fact, the days a warranty is extended by.
    Index extension_fact(const ast::Word& name) {
        const Index f = lookup(fact_index_, name, Code::UnknownFact, "fact");
        if (f != none && graph_->facts[f].type != FactType::Count) {
            const Fact& fact = graph_->facts[f];
            auto& d = diags_.report(Code::FactTypeMismatch, name.span,
                                    fmt::format("`{}` is {}; a warranty is extended by a count of days the claim gives", fact.name,
                                                type_phrase(fact.type)));
            d.notes.push_back({fact.span, "declared here"});
            d.hint = fmt::format("declare the days as a count, e.g. `fact {}_days \"…\" count default 0 per CLAUSE`, and extend by it",
                                 fact.name);
            return none;
        }
        return f;
    }

    void warranty_extension() {
        auto& g = *graph_;
        const auto& decls = module_.warranty_extensions;
        for (std::size_t i = 1; i < decls.size(); ++i) {
            auto& d = diags_.report(Code::RepeatedSetting, decls[i].span, "what extends the warranty is declared twice");
            d.notes.push_back({decls[0].span, "first declared here"});
        }
        if (decls.empty()) return;
        g.warranty_extension_fact = extension_fact(decls[0].fact);
        g.warranty_extension_clause = clause(decls[0].clause);
    }

    void periods() {
        auto& g = *graph_;
        for (const ast::PeriodDecl& p : module_.periods) {
            Period period;
            period.part = lookup(part_index_, p.part, Code::UnknownPart, "part");
            check_length(p.length);
            period.length = length_of(p.length);
            period.clause = clause(p.clause);
            if (p.start) {
                period.start_fact = start_fact(*p.start);
                period.start_clause = period.clause;
            } else {
                period.start_fact = g.warranty_start_fact;
                period.start_clause = g.warranty_start_clause;
            }
            if (p.floor_anchor) {
                check_length(p.floor_length);
                period.floor_length = length_of(p.floor_length);
                if (p.floor_anchor->text == "last_repair") {
                    period.floor_anchor = Period::FloorAnchor::LastRepair;
                } else if (const Index f = date_fact(*p.floor_anchor, "a period's least end counts from a date", true); f != none) {
                    period.floor_anchor = Period::FloorAnchor::Fact;
                    period.floor_fact = f;
                }
            }
            if (p.extension) {
                // The period's `per` cites its length; what extends it is cited by the count's
                // own clause, as a fact a rule reads is.
                period.extension_fact = extension_fact(*p.extension);
                period.extension_clause = period.extension_fact == none ? none : g.facts[period.extension_fact].clause;
            } else {
                period.extension_fact = g.warranty_extension_fact;
                period.extension_clause = g.warranty_extension_clause;
            }
            period.span = p.span;
            // Set from what was written, so that a period whose models are all unknown is not
            // mistaken for a general one.
            period.scope = p.targets.empty() ? Period::Scope::General : Period::Scope::Model;
            for (const ast::Word& s : p.services) period.services.push_back(lookup(service_index_, s, Code::UnknownService, "service"));
            if (p.condition) period.condition = condition(*p.condition, /*facts_only=*/true);
            g.periods.push_back(std::move(period));
            period_targets_.push_back(targets(p.targets));
        }
    }

    std::vector<PeriodTarget> targets(const std::vector<ast::Target>& targets) {
        // (index, is_series)
        std::vector<PeriodTarget> out;
        std::map<Index, SourceSpan> seen;
        for (const ast::Target& t : targets) {
            if (t.is_series) {
                const Index s = lookup(series_index_, t.series, Code::UnknownSeries, "series");
                if (s != none) out.push_back({s, true, t.span});
                continue;
            }
            for (const Index m : model_ref(t.model)) {
                if (const auto [it, fresh] = seen.emplace(m, t.span); !fresh) {
                    auto& d = diags_.report(Code::ListedTwice, t.span,
                                            fmt::format("`{}` is listed twice here", graph_->models[m].name));
                    d.notes.push_back({it->second, "first listed here"});
                    d.hint = "remove the repeated entry";
                    continue;
                }
                out.push_back({m, false, t.span});
            }
        }
        return out;
    }

    void rules() {
        auto& g = *graph_;
        std::map<std::string, Index, std::less<>> rule_index;
        for (const ast::RuleDecl& r : module_.rules) {
            const auto i = static_cast<Index>(g.rules.size());
            declare(rule_index, r.name, "rule", i, [&](Index k) { return g.rules[k].span; });
            Rule rule;
            rule.name = r.name.text;
            rule.clause = clause(r.clause);
            rule.condition = r.condition ? condition(*r.condition, false) : none;
            rule.outcome = lookup(outcome_index_, r.outcome, Code::UnknownOutcome, "outcome");
            rule.span = r.span;
            g.rules.push_back(std::move(rule));
        }
    }

    // Lowers a condition into the graph's flat node array; returns the root's index.
    Index condition(const ast::Expr& e, bool facts_only) {
        auto& g = *graph_;
        CondNode node;
        node.span = e.span;
        const auto refuse = [&](const char* what) {
            diags_.report(Code::PeriodConditionNotFacts, e.span,
                          fmt::format("a period's `when` may test only facts, the purchase date and the dates a claim "
                                      "carries, not {}", what))
                .hint = "test the part, the claim date or models in a rule instead";
        };
        std::visit(
            [&](const auto& k) {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, ast::AnyOf> || std::is_same_v<K, ast::AllOf>) {
                    node.kind = std::is_same_v<K, ast::AnyOf> ? CondKind::AnyOf : CondKind::AllOf;
                    std::vector<Index> children;
                    for (const auto& operand : k.operands) children.push_back(condition(*operand, facts_only));
                    node.a = static_cast<Index>(g.condition_children.size());
                    node.b = static_cast<Index>(children.size());
                    g.condition_children.insert(g.condition_children.end(), children.begin(), children.end());
                } else if constexpr (std::is_same_v<K, ast::Not>) {
                    node.kind = CondKind::Not;
                    node.a = condition(*k.operand, facts_only);
                } else if constexpr (std::is_same_v<K, ast::PartIs>) {
                    if (facts_only) refuse("the part");
                    node.kind = CondKind::PartIs;
                    node.a = lookup(part_index_, k.part, Code::UnknownPart, "part");
                    node.c = k.negated ? 1 : 0;
                } else if constexpr (std::is_same_v<K, ast::WithinWarranty>) {
                    if (facts_only) refuse("the warranty period");
                    node.kind = CondKind::WithinWarranty;
                } else if constexpr (std::is_same_v<K, ast::WithinAfter>) {
                    // A date the claim carries, tested against a window (`registered_on within 30
                    // days after purchase`), is known when the period is chosen; the claim date is not.
                    if (facts_only && k.subject.kind != ast::DateRef::Kind::Fact) refuse("whether the claim falls in a window");
                    check_length(k.length);
                    node.kind = CondKind::WithinAfter;
                    node.a = k.length.count;
                    node.b = k.length.unit == ast::Unit::Days ? 0 : 1;
                    using DK = ast::DateRef::Kind;
                    node.c = k.anchor.kind == DK::Purchase ? 0 : k.anchor.kind == DK::LastRepair ? 1 : 2;
                    if (node.c == 2) node.anchor_fact = date_fact(k.anchor.fact, "a window counts from a date", true);
                    if (k.subject.kind == DK::Fact) node.subject_fact = date_fact(k.subject.fact, "`within` tests a date");
                    if (node.c == 2 && node.anchor_fact == none) node.c = 0;  // reported; keep the node well-formed
                } else if constexpr (std::is_same_v<K, ast::AfterEndOfService>) {
                    if (facts_only) refuse("the end of service");
                    node.kind = CondKind::AfterEndOfService;
                } else if constexpr (std::is_same_v<K, ast::PurchasedOutside>) {
                    if (facts_only) refuse("the region of purchase");
                    node.kind = CondKind::PurchasedOutside;
                } else if constexpr (std::is_same_v<K, ast::InList>) {
                    if (facts_only) refuse("models");
                    node.kind = CondKind::InList;
                    node.a = lookup(list_index_, k.list, Code::UnknownList, "list");
                } else if constexpr (std::is_same_v<K, ast::InSeries>) {
                    if (facts_only) refuse("models");
                    node.kind = CondKind::InSeries;
                    node.a = lookup(series_index_, k.series, Code::UnknownSeries, "series");
                } else if constexpr (std::is_same_v<K, ast::AnyExclusion>) {
                    node.kind = CondKind::AnyExclusion;
                } else if constexpr (std::is_same_v<K, ast::AnyRequirementUnmet>) {
                    node.kind = CondKind::AnyUnmet;
                } else if constexpr (std::is_same_v<K, ast::ClaimDateCompare>) {
                    // The purchase is known when the period is chosen; the claim date is what
                    // the period is then measured against.
                    if (facts_only && k.subject.kind != ast::DateRef::Kind::Purchase) refuse("the claim date");
                    node.kind = CondKind::DateCompare;
                    node.c = static_cast<std::uint8_t>(k.comparison);
                    node.left.source = k.subject.kind == ast::DateRef::Kind::Purchase ? DateOperand::Source::Purchased
                                                                                      : DateOperand::Source::Claimed;
                    node.right.source = DateOperand::Source::Fixed;
                    if (const auto d = date(k.date)) node.right.fixed = *d;
                } else if constexpr (std::is_same_v<K, ast::ValueCompare>) {
                    value_compare(k, node, facts_only, refuse);
                } else if constexpr (std::is_same_v<K, ast::IsGiven>) {
                    node.kind = CondKind::DateGiven;
                    const auto declared = fact_index_.find(k.fact.text);
                    if (declared != fact_index_.end() && g.facts[declared->second].type == FactType::Bool) {
                        // `warranty_card is not given`: a true/false fact is tested by its name.
                        const Fact& fact = g.facts[declared->second];
                        auto& d = diags_.report(Code::FactTypeMismatch, k.fact.span,
                                                fmt::format("`{}` is true or false; only a date can be given or not", fact.name));
                        d.notes.push_back({fact.span, "declared here"});
                        d.hint = fmt::format("test it by its name: `{}` when it holds, `not {}` when it does not", fact.name, fact.name);
                        node.a = none;
                    } else {
                        node.a = date_fact(k.fact, "only a date can be given or not");
                    }
                    if (node.a == none) node.kind = CondKind::FactIs, node.a = none;
                } else if constexpr (std::is_same_v<K, ast::ChoiceIn>) {
                    choice_in(k, node);
                } else if constexpr (std::is_same_v<K, ast::PeriodBound> || std::is_same_v<K, ast::EndOfServiceBound>) {
                    // The grammar admits these only in invariants, which are checked, not lowered.
                    throw std::logic_error("unreachable: an invariant's requirement inside a rule");
                } else {
                    node.kind = CondKind::FactIs;
                    if (other_kind_of_name(k.fact)) {
                        node.a = none;  // as for an unknown fact
                        return;
                    }
                    node.a = lookup(fact_index_, k.fact, Code::UnknownFact, "fact");
                    if (node.a != none && g.facts[node.a].type != FactType::Bool) {
                        const Fact& f = g.facts[node.a];
                        auto& d = diags_.report(Code::FactTypeMismatch, k.fact.span,
                                                fmt::format("`{}` is {}, not true or false: say what to test", f.name, type_phrase(f.type)));
                        d.hint = f.type == FactType::Count  ? fmt::format("compare it: `{} >= 1`", f.name)
                                 : f.type == FactType::Date ? fmt::format("`{} is given`, or `claimed within 30 days after {}`", f.name, f.name)
                                                            : fmt::format("`{} is {}`", f.name, f.choices.empty() ? "VALUE" : f.choices[0]);
                        d.notes.push_back({f.span, "declared here"});
                    }
                }
            },
            e.kind);
        g.conditions.push_back(node);
        return static_cast<Index>(g.conditions.size() - 1);
    }

    static const char* type_word(FactType t) {
        switch (t) {
            case FactType::Bool: return "true/false fact";
            case FactType::Count: return "count";
            case FactType::Date: return "date";
            case FactType::Choice: return "choice";
        }
        return "";
    }
    static const char* type_phrase(FactType t) {
        switch (t) {
            case FactType::Bool: return "true or false";
            case FactType::Count: return "a count";
            case FactType::Date: return "a date";
            case FactType::Choice: return "a choice";
        }
        return "";
    }

    // Reports that `fact`, named at `use`, is not of the type `wanted` describes.
    void wrong_type(const ast::Word& use, const Fact& fact, const char* wanted) {
        auto& d = diags_.report(Code::FactTypeMismatch, use.span,
                                fmt::format("`{}` is {}; this needs {}", fact.name, type_phrase(fact.type), wanted));
        d.notes.push_back({fact.span, "declared here"});
        if (fact.type == FactType::Bool) {
            d.hint = fmt::format("declare it with its type, e.g. `fact {} \"...\" date per CLAUSE` or `... count default 0 ...`", fact.name);
        }
    }

    // A fact that must be a date; none (reported) otherwise.
    // `repair_anchor`: `last_repair` may stand where `name` does.
    Index date_fact(const ast::Word& name, const char* why, bool repair_anchor = false) {
        const Index f = lookup(fact_index_, name, Code::UnknownFact, "fact", /*dates_only=*/true, repair_anchor);
        if (f == none) return none;
        if (graph_->facts[f].type != FactType::Date) {
            wrong_type(name, graph_->facts[f], fmt::format("a date ({})", why).c_str());
            return none;
        }
        return f;
    }

    template <typename Refuse>
    void value_compare(const ast::ValueCompare& k, CondNode& node, bool facts_only, const Refuse& refuse) {
        auto& g = *graph_;
        node.kind = CondKind::FactIs;  // until the comparison is known to be well-typed
        node.a = none;
        const Index f = lookup(fact_index_, k.fact, Code::UnknownFact, "fact");
        if (f == none) return;
        const Fact& fact = g.facts[f];
        using VK = ast::CompareValue::Kind;
        if (fact.type == FactType::Count) {
            if (k.value.kind != VK::Number) {
                auto& d = diags_.report(Code::FactTypeMismatch, k.value.word.span,
                                        fmt::format("`{}` is a count: compare it with a whole number, not `{}`", fact.name, k.value.word.text));
                d.notes.push_back({fact.span, "declared here"});
                return;
            }
            if (k.value.word.text.size() > 9) {
                diags_.report(Code::FactTypeMismatch, k.value.word.span, "compare counts with numbers below 1000000000");
                return;
            }
            node.kind = CondKind::CountCompare;
            node.a = f;
            node.b = static_cast<Index>(std::stol(k.value.word.text));
            node.c = static_cast<std::uint8_t>(k.comparison);
            return;
        }
        if (fact.type == FactType::Date) {
            if (k.value.kind == VK::Number) {
                auto& d = diags_.report(Code::FactTypeMismatch, k.value.word.span,
                                        fmt::format("`{}` is a date: compare it with a date (YYYY-MM-DD), `purchased` or `claimed`, not `{}`",
                                                    fact.name, k.value.word.text));
                d.notes.push_back({fact.span, "declared here"});
                return;
            }
            if (facts_only && k.value.kind == VK::Claimed) refuse("the claim date");
            node.kind = CondKind::DateCompare;
            node.c = static_cast<std::uint8_t>(k.comparison);
            node.left = {DateOperand::Source::Fact, f, {}};
            if (k.value.kind == VK::Date) {
                node.right.source = DateOperand::Source::Fixed;
                if (const auto d = date(k.value.word)) node.right.fixed = *d;
            } else if (k.value.kind == VK::Fact) {
                const Index other = date_fact(k.value.word, "a date is compared with a date");
                if (other == none) {
                    node.kind = CondKind::FactIs;
                    node.a = none;
                    return;
                }
                node.right = {DateOperand::Source::Fact, other, {}};
            } else {
                node.right.source = k.value.kind == VK::Purchase ? DateOperand::Source::Purchased : DateOperand::Source::Claimed;
            }
            return;
        }
        auto& d = diags_.report(Code::FactTypeMismatch, k.fact.span,
                                fmt::format("`{}` is {}, so it cannot be compared with `{}`", fact.name, type_phrase(fact.type),
                                            k.value.word.text));
        d.notes.push_back({fact.span, "declared here"});
        d.hint = fact.type == FactType::Bool
                     ? fmt::format("to count, declare `fact {} \"...\" count default 0 per CLAUSE`; a true/false fact is tested by its name alone", fact.name)
                     : fmt::format("test a choice with `{} is VALUE` or `{} in [A, B]`", fact.name, fact.name);
    }

    void choice_in(const ast::ChoiceIn& k, CondNode& node) {
        auto& g = *graph_;
        node.kind = CondKind::FactIs;
        node.a = none;
        const Index f = lookup(fact_index_, k.fact, Code::UnknownFact, "fact");
        if (f == none) return;
        const Fact& fact = g.facts[f];
        if (fact.type != FactType::Choice) {
            auto& d = diags_.report(Code::FactTypeMismatch, k.fact.span,
                                    fmt::format("`{}` is {}, not a choice: it has no values to test with `is`", fact.name, type_phrase(fact.type)));
            d.notes.push_back({fact.span, "declared here"});
            d.hint = fact.type == FactType::Bool ? fmt::format("test a true/false fact by its name alone: `{}` or `not {}`", fact.name, fact.name)
                     : fact.type == FactType::Date ? std::string("a date is tested with `is given`, a comparison or `within`")
                                                   : fmt::format("compare a count: `{} >= 2`", fact.name);
            return;
        }
        std::uint32_t mask = 0;
        bool ok = true;
        for (const ast::Word& v : k.values) {
            const auto it = std::find(fact.choices.begin(), fact.choices.end(), v.text);
            if (it == fact.choices.end()) {
                auto& d = diags_.report(Code::UnknownChoiceValue, v.span,
                                        fmt::format("`{}` is not one of the values of `{}`", v.text, fact.name));
                d.hint = did_you_mean(nearest_names(v.text, fact.choices));
                if (d.hint.empty()) d.hint = fmt::format("values: {}", join_names(fact.choices));
                d.notes.push_back({fact.span, "declared here"});
                ok = false;
                continue;
            }
            mask |= std::uint32_t{1} << (it - fact.choices.begin());
        }
        if (!ok) return;
        node.kind = CondKind::ChoiceIn;
        node.a = f;
        node.b = mask;
    }

public:
    std::vector<std::vector<PeriodTarget>> period_targets_;
};

// For each (model, part), the candidate periods, most specific first: the model's own, then
// its series', then the general ones; within a level, conditional periods before plain ones.
void build_period_choices(RuleGraph& g, const std::vector<std::vector<PeriodTarget>>& targets) {
    const std::size_t parts = g.parts.size();
    std::vector<std::vector<Index>> own(g.models.size() * parts), of_series(g.series.size() * parts),
        general(parts);
    for (Index p = 0; p < g.periods.size(); ++p) {
        Period& period = g.periods[p];
        if (period.part == none) continue;
        if (period.scope == Period::Scope::General) general[period.part].push_back(p);
        for (const PeriodTarget& t : targets[p]) {
            period.scope = t.is_series ? Period::Scope::Series : Period::Scope::Model;
            (t.is_series ? of_series : own)[t.index * parts + period.part].push_back(p);
        }
    }
    const auto append = [&](const std::vector<Index>& candidates) {
        for (const Index p : candidates) if (g.periods[p].condition != none) g.period_choices.push_back(p);
        for (const Index p : candidates) if (g.periods[p].condition == none) g.period_choices.push_back(p);
    };
    g.choice_begin.reserve(g.models.size() * parts + 1);
    for (Index m = 0; m < g.models.size(); ++m) {
        for (Index part = 0; part < parts; ++part) {
            g.choice_begin.push_back(static_cast<std::uint32_t>(g.period_choices.size()));
            append(own[m * parts + part]);
            if (g.models[m].series != none) append(of_series[g.models[m].series * parts + part]);
            append(general[part]);
        }
    }
    g.choice_begin.push_back(static_cast<std::uint32_t>(g.period_choices.size()));
    g.index_period_choices();
}

}  // namespace

Resolution resolve(const ast::Module& module, Diagnostics& diagnostics) {
    Resolver resolver(module, diagnostics);
    Resolution out;
    out.graph = resolver.run();
    out.period_targets = std::move(resolver.period_targets_);
    build_period_choices(*out.graph, out.period_targets);
    return out;
}

}  // namespace warrant
