// Name resolution and lowering: builds the RuleGraph's tables from the declarations, then
// resolves every reference (parts, facts, clauses, models, lists, outcomes) against them.
#include "sema/resolve.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "diag/suggest.hpp"

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
        periods();
        rules();
        return std::move(graph_);
    }

private:
    const ast::Module& module_;
    Diagnostics& diags_;
    std::unique_ptr<RuleGraph> graph_;
    std::map<std::string, Index, std::less<>> clause_index_, part_index_, service_index_,
        outcome_index_, fact_index_, series_index_, list_index_;
    // Exact declared spellings, to tell an exact reference from a normalised match.
    std::map<std::string, Index, std::less<>> exact_spelling_;

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

    Index lookup(const std::map<std::string, Index, std::less<>>& index, const ast::Word& word,
                 Code code, const char* kind) {
        const auto it = index.find(word.text);
        if (it != index.end()) return it->second;
        std::vector<std::string> names;
        for (const auto& [name, i] : index) names.push_back(name);
        auto& d = diags_.report(code, word.span, fmt::format("unknown {} `{}`", kind, word.text));
        d.hint = did_you_mean(nearest_names(word.text, names));
        if (d.hint.empty() && !names.empty() && names.size() <= 8) {
            std::string all;
            for (const auto& n : names) all += fmt::format("{}`{}`", all.empty() ? "" : ", ", n);
            d.hint = fmt::format("declared {}s: {}", kind, all);
        } else if (d.hint.empty()) {
            d.hint = fmt::format("declare it with `{} {}`", kind, word.text);
        }
        return none;
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
                case ast::PolicyItem::Kind::Source: graph_->info.source = item.text->value; break;
                case ast::PolicyItem::Kind::Effective: graph_->info.effective = date(item.word); break;
            }
        }
        if (graph_->info.region.empty()) {
            diags_.report(Code::MissingPolicy, decl.title.span, "the policy does not name its region")
                .hint = "add `region CODE`, the short code of the region the policy applies in";
        }
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
            fact.default_value = f.default_value.value_or(fact.role == FactRole::Requirement);
            fact.clause = clause(f.clause);
            fact.span = f.span;
            set_fact(g.fact_defaults, i, fact.default_value);
            if (fact.role == FactRole::Exclusion) set_fact(g.exclusion_mask, i, true);
            if (fact.role == FactRole::Requirement) set_fact(g.requirement_mask, i, true);
            g.facts.push_back(std::move(fact));
        }
    }

    // ---- models ---------------------------------------------------------------------------

    void models() {
        auto& g = *graph_;
        std::map<std::string, SourceSpan> key_spans;  // normalised spelling -> where declared
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
                bool clash = !add_spelling(m.name, model_index, key_spans);
                for (const ast::Text& alias : m.aliases) {
                    if (normalize_model_name(alias.value) == own_key) {
                        auto& d = diags_.report(Code::RedundantAlias, alias.span,
                                                fmt::format("alias `{}` is the model's own name `{}` once case, spaces, `-` and `_` are ignored",
                                                            alias.value, m.name.value));
                        d.hint = "remove the alias: look-ups already ignore these differences";
                        continue;
                    }
                    if (!add_spelling(alias, model_index, key_spans)) {
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

    bool add_spelling(const ast::Text& spelling, Index model, std::map<std::string, SourceSpan>& key_spans) {
        const std::string key = normalize_model_name(spelling.value);
        if (key.empty()) {
            diags_.report(Code::ExpectedName, spelling.span, "a model name cannot be empty");
            return false;
        }
        const auto [it, fresh] = graph_->model_keys.emplace(key, model);
        if (!fresh) {
            const Model& other = graph_->models.size() > it->second ? graph_->models[it->second] : Model{};
            auto& d = diags_.report(Code::ModelNameClash, spelling.span,
                                    it->second == model
                                        ? fmt::format("`{}` is given twice for this model", spelling.value)
                                        : fmt::format("`{}` names model `{}` already, once case, spaces, `-` and `_` are ignored",
                                                      spelling.value, other.name));
            d.notes.push_back({key_spans[key], "declared here"});
            d.hint = "a spelling may name only one model: merge the two entries, or tell them apart";
            return false;
        }
        key_spans[key] = spelling.span;
        exact_spelling_.emplace(spelling.value, model);
        return true;
    }

public:
    // Resolves a quoted model reference. Exact spellings resolve silently; spellings that match
    // only once normalised, or that are two names run together, resolve with a warning.
    std::vector<Index> model_ref(const ast::Text& ref) {
        const auto& g = *graph_;
        if (const auto it = exact_spelling_.find(ref.value); it != exact_spelling_.end()) return {it->second};
        const std::string key = normalize_model_name(ref.value);
        if (const auto it = g.model_keys.find(key); it != g.model_keys.end()) {
            const Model& model = g.models[it->second];
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
        if (length.count == 0 || (length.unit == ast::Unit::Days && length.count > 366000) ||
            (length.unit == ast::Unit::Months && length.count > 12000)) {
            diags_.report(Code::PeriodLength, length.span, "a period must be at least one day and at most a thousand years");
            return false;
        }
        if (length.unit == ast::Unit::Months && !graph_->calendar.months_declared) {
            diags_.report(Code::UndeclaredMonthRule, length.span,
                          "adding months needs a declared convention for month ends")
                .hint = "declare `calendar months clamp` (2024-01-31 + 1 month = 2024-02-29) or `calendar months overflow` (= 2024-03-02)";
            return false;
        }
        return true;
    }

    static Length length_of(const ast::Duration& d) {
        return {d.count, d.unit == ast::Unit::Days ? LengthUnit::Days : LengthUnit::Months};
    }

    void periods() {
        auto& g = *graph_;
        for (const ast::PeriodDecl& p : module_.periods) {
            Period period;
            period.part = lookup(part_index_, p.part, Code::UnknownPart, "part");
            check_length(p.length);
            period.length = length_of(p.length);
            period.clause = clause(p.clause);
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
                          fmt::format("a period's `when` may test only facts, not {}", what))
                .hint = "test the part, dates or models in a rule instead";
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
                    if (facts_only) refuse("dates");
                    check_length(k.length);
                    node.kind = CondKind::WithinAfter;
                    node.a = k.length.count;
                    node.b = k.length.unit == ast::Unit::Days ? 0 : 1;
                    node.c = k.anchor == ast::Anchor::Purchase ? 0 : 1;
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
                } else if constexpr (std::is_same_v<K, ast::PeriodBound> || std::is_same_v<K, ast::EndOfServiceBound>) {
                    // The grammar admits these only in invariants, which are checked, not lowered.
                    throw std::logic_error("unreachable: an invariant's requirement inside a rule");
                } else {
                    node.kind = CondKind::FactIs;
                    node.a = lookup(fact_index_, k.fact, Code::UnknownFact, "fact");
                }
            },
            e.kind);
        g.conditions.push_back(node);
        return static_cast<Index>(g.conditions.size() - 1);
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
