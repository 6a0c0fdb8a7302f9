// The reference interpreter: the language's semantics, read straight off the syntax tree.
#include "reference/reference_interpreter.hpp"

#include <cstdio>
#include <type_traits>

namespace warrant::reference {

// ---- the calendar ----------------------------------------------------------------------------

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int month_length(int year, int month) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

Day day_from_text(const std::string& iso) {
    return {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2))};
}

std::string day_to_text(Day d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buffer;
}

Day plus_days(Day d, long days) {
    // Forward a month at a time while the days outrun the month, then within it.
    while (days > 0) {
        const int left_in_month = month_length(d.year, d.month) - d.day;
        if (days <= left_in_month) {
            d.day += static_cast<int>(days);
            return d;
        }
        days -= left_in_month + 1;
        d.day = 1;
        if (++d.month > 12) {
            d.month = 1;
            ++d.year;
        }
    }
    while (days < 0) {
        if (-days < d.day) {
            d.day += static_cast<int>(days);
            return d;
        }
        days += d.day;
        if (--d.month < 1) {
            d.month = 12;
            --d.year;
        }
        d.day = month_length(d.year, d.month);
    }
    return d;
}

Day plus_months(Day d, long months, bool overflow) {
    const long index = d.year * 12L + (d.month - 1) + months;
    Day out{static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, d.day};
    const int length = month_length(out.year, out.month);
    if (out.day <= length) return out;
    const int excess = out.day - length;
    out.day = length;
    return overflow ? plus_days(out, excess) : out;
}

// ---- names -------------------------------------------------------------------------------------

std::string model_key(const std::string& s) {
    std::string key;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto byte = static_cast<unsigned char>(s[i]);
        const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        char32_t c = byte < 0x80 ? byte : byte >= 0xF0 ? byte & 0x07 : byte >= 0xE0 ? byte & 0x0F : byte & 0x1F;
        for (std::size_t k = 1; k < length && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
        if (c == 0x3000) c = ' ';                      // ideographic space
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_') {
            // dropped
        } else if (c < 0x80) {
            key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        } else {
            key.append(s, i, length);
        }
        i += length;
    }
    return key;
}

namespace {

// Every declared spelling of a model (its name and aliases), by key, in declaration order.
struct Spelling {
    std::string key;
    const ast::SeriesDecl* series;
    const ast::ModelDecl* model;
};

std::vector<Spelling> spellings_of(const ast::Module& p) {
    std::vector<Spelling> out;
    for (const ast::SeriesDecl& s : p.series) {
        for (const ast::ModelDecl& m : s.models) {
            out.push_back({model_key(m.name.value), &s, &m});
            for (const ast::Text& alias : m.aliases) out.push_back({model_key(alias.value), &s, &m});
        }
    }
    return out;
}

struct Ctx {
    const ast::Module& policy;
    const Query& query;
    std::vector<Spelling> spellings;          // computed afresh for every claim
    const ast::SeriesDecl* series = nullptr;  // the claim's model and its series
    const ast::ModelDecl* model = nullptr;
    std::optional<Day> warranty_until;
};

// The spelling with this key, or null.
const Spelling* spelling_by_key(const Ctx& cx, const std::string& key) {
    if (key.empty()) return nullptr;
    for (const Spelling& s : cx.spellings) {
        if (s.key == key) return &s;
    }
    return nullptr;
}

// Does a quoted reference (in a list, notice or period) name the claim's model? A reference
// that names no model may be two declared names run together, and then names both.
bool refers_to(const Ctx& cx, const std::string& reference) {
    const std::string key = model_key(reference);
    if (const Spelling* s = spelling_by_key(cx, key)) return s->model == cx.model;
    for (std::size_t cut = 1; cut < key.size(); ++cut) {
        const Spelling* first = spelling_by_key(cx, key.substr(0, cut));
        const Spelling* second = first ? spelling_by_key(cx, key.substr(cut)) : nullptr;
        if (first && second) return first->model == cx.model || second->model == cx.model;
    }
    return false;
}

bool months_overflow(const ast::Module& p) {
    for (const ast::CalendarDecl& c : p.calendars) {
        for (const ast::CalendarItem& item : c.items) {
            if (item.kind == ast::CalendarItem::Kind::Months) return item.value.text == "overflow";
        }
    }
    return false;
}

bool last_day_covered(const ast::Module& p) {
    for (const ast::CalendarDecl& c : p.calendars) {
        for (const ast::CalendarItem& item : c.items) {
            if (item.kind == ast::CalendarItem::Kind::LastDay) return item.value.text == "covered";
        }
    }
    return true;
}

// `N days|months` from `from`: the last day it covers.
Day last_covered(const ast::Module& p, Day from, const ast::Duration& length) {
    const Day end = length.unit == ast::Unit::Days ? plus_days(from, length.count)
                                                   : plus_months(from, length.count, months_overflow(p));
    return last_day_covered(p) ? end : plus_days(end, -1);
}

bool fact_value(const Ctx& cx, const std::string& name) {
    std::optional<bool> value;
    for (const auto& [fact, v] : cx.query.facts) {
        if (fact == name) value = v;
    }
    if (value) return *value;
    for (const ast::FactDecl& f : cx.policy.facts) {
        if (f.name.text == name) return f.default_value ? f.default_value->text == "true" : f.kind == ast::FactKind::Requirement;
    }
    return false;
}

const ast::FactDecl* declaration(const Ctx& cx, const std::string& name) {
    for (const ast::FactDecl& f : cx.policy.facts) {
        if (f.name.text == name) return &f;
    }
    return nullptr;
}

// A count's, date's or choice's value as the claim gives it (the last setting), else its
// default as written, else nothing.
std::optional<std::string> value_text(const Ctx& cx, const std::string& name) {
    std::optional<std::string> value;
    for (const auto& [fact, v] : cx.query.values) {
        if (fact == name) value = v;
    }
    if (value) return value;
    if (const ast::FactDecl* f = declaration(cx, name); f && f->default_value) return f->default_value->text;
    return std::nullopt;
}

long count_of(const Ctx& cx, const std::string& name) { return std::stol(value_text(cx, name).value_or("0")); }

std::optional<Day> date_of(const Ctx& cx, const std::string& name) {
    const auto text = value_text(cx, name);
    if (!text) return std::nullopt;
    return day_from_text(*text);
}

template <typename T>
bool compares(const T& left, ast::Comparison c, const T& right) {
    switch (c) {
        case ast::Comparison::AtLeast: return left >= right;
        case ast::Comparison::AtMost: return left <= right;
        case ast::Comparison::Above: return left > right;
        case ast::Comparison::Below: return left < right;
        case ast::Comparison::Equal: return left == right;
    }
    return false;
}

// A date a condition reads: the purchase, the claim, the last repair or a date fact.
std::optional<Day> date_ref(const Ctx& cx, const ast::DateRef& ref) {
    switch (ref.kind) {
        case ast::DateRef::Kind::Purchase: return cx.query.purchased;
        case ast::DateRef::Kind::Claimed: return cx.query.claimed;
        case ast::DateRef::Kind::LastRepair: return cx.query.last_repair;
        case ast::DateRef::Kind::Fact: return date_of(cx, ref.fact.text);
    }
    return std::nullopt;
}

std::optional<Day> end_of_service(const Ctx& cx) {
    std::optional<Day> earliest;
    for (const ast::EndOfServiceDecl& n : cx.policy.end_of_service) {
        for (const ast::Text& ref : n.models) {
            if (!refers_to(cx, ref.value)) continue;
            const Day date = day_from_text(n.date.text);
            if (!earliest || date < *earliest) earliest = date;
        }
    }
    return earliest;
}

bool holds(const Ctx& cx, const ast::Expr& e) {
    return std::visit(
        [&](const auto& k) -> bool {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::AnyOf>) {
                for (const auto& operand : k.operands) {
                    if (holds(cx, *operand)) return true;
                }
                return false;
            } else if constexpr (std::is_same_v<K, ast::AllOf>) {
                for (const auto& operand : k.operands) {
                    if (!holds(cx, *operand)) return false;
                }
                return true;
            } else if constexpr (std::is_same_v<K, ast::Not>) {
                return !holds(cx, *k.operand);
            } else if constexpr (std::is_same_v<K, ast::PartIs>) {
                return (cx.query.part == k.part.text) != k.negated;
            } else if constexpr (std::is_same_v<K, ast::WithinWarranty>) {
                return cx.warranty_until && cx.query.claimed <= *cx.warranty_until;
            } else if constexpr (std::is_same_v<K, ast::WithinAfter>) {
                // The subject (the claim, or a date fact) falls in the window that starts on the
                // anchor; a date the claim does not give falls in no window.
                const std::optional<Day> anchor = date_ref(cx, k.anchor);
                const std::optional<Day> subject = date_ref(cx, k.subject);
                if (!anchor || !subject || *subject < *anchor) return false;
                return *subject <= last_covered(cx.policy, *anchor, k.length);
            } else if constexpr (std::is_same_v<K, ast::ClaimDateCompare>) {
                const std::optional<Day> subject = date_ref(cx, k.subject);
                return subject && compares(*subject, k.comparison, day_from_text(k.date.text));
            } else if constexpr (std::is_same_v<K, ast::ValueCompare>) {
                using VK = ast::CompareValue::Kind;
                if (k.value.kind == VK::Number) return compares(count_of(cx, k.fact.text), k.comparison, std::stol(k.value.word.text));
                const std::optional<Day> left = date_of(cx, k.fact.text);
                if (!left) return false;
                std::optional<Day> right;
                switch (k.value.kind) {
                    case VK::Date: right = day_from_text(k.value.word.text); break;
                    case VK::Purchase: right = cx.query.purchased; break;
                    case VK::Claimed: right = cx.query.claimed; break;
                    case VK::Fact: right = date_of(cx, k.value.word.text); break;  // not given: false
                    case VK::Number: break;
                }
                return right && compares(*left, k.comparison, *right);
            } else if constexpr (std::is_same_v<K, ast::IsGiven>) {
                return date_of(cx, k.fact.text).has_value();
            } else if constexpr (std::is_same_v<K, ast::ChoiceIn>) {
                const auto value = value_text(cx, k.fact.text);
                for (const ast::Word& v : k.values) {
                    if (value && *value == v.text) return true;
                }
                return false;
            } else if constexpr (std::is_same_v<K, ast::AfterEndOfService>) {
                const auto eos = end_of_service(cx);
                return eos && cx.query.claimed > *eos;
            } else if constexpr (std::is_same_v<K, ast::PurchasedOutside>) {
                return cx.query.outside_region;
            } else if constexpr (std::is_same_v<K, ast::InList>) {
                for (const ast::ListDecl& list : cx.policy.lists) {
                    if (list.name.text != k.list.text) continue;
                    for (const ast::Text& ref : list.models) {
                        if (refers_to(cx, ref.value)) return true;
                    }
                }
                return false;
            } else if constexpr (std::is_same_v<K, ast::InSeries>) {
                return cx.series->name.text == k.series.text;
            } else if constexpr (std::is_same_v<K, ast::AnyExclusion> || std::is_same_v<K, ast::AnyRequirementUnmet>) {
                const bool exclusion = std::is_same_v<K, ast::AnyExclusion>;
                for (const ast::FactDecl& f : cx.policy.facts) {
                    if (f.kind != (exclusion ? ast::FactKind::Exclusion : ast::FactKind::Requirement)) continue;
                    if (fact_value(cx, f.name.text) == exclusion) return true;
                }
                return false;
            } else if constexpr (std::is_same_v<K, ast::FactIs>) {
                return fact_value(cx, k.fact.text);
            } else {
                return false;  // invariant bounds never appear in rules or periods
            }
        },
        e.kind);
}

// How closely a period names the model: 0 the model itself, 1 its series, 2 every model
// (no `for`), nullopt not at all.
std::optional<int> closeness(const Ctx& cx, const ast::PeriodDecl& period) {
    if (period.targets.empty()) return 2;
    std::optional<int> best;
    for (const ast::Target& t : period.targets) {
        if (t.is_series && t.series.text == cx.series->name.text && !best) best = 1;
        if (!t.is_series && refers_to(cx, t.model.value)) best = 0;
    }
    return best;
}

// The most specific period for the part whose condition holds: the model's own, its series',
// the general ones; at each level a conditional period (first declared) before a plain one.
const ast::PeriodDecl* choose_period(const Ctx& cx) {
    for (int level = 0; level <= 2; ++level) {
        for (const bool conditional : {true, false}) {
            for (const ast::PeriodDecl& period : cx.policy.periods) {
                if (period.part.text != cx.query.part || (period.condition != nullptr) != conditional) continue;
                if (closeness(cx, period) != level) continue;
                if (!conditional || holds(cx, *period.condition)) return &period;
            }
        }
    }
    return nullptr;
}

}  // namespace

std::optional<Answer> decide(const ast::Module& policy, const Query& query) {
    Ctx cx{policy, query, spellings_of(policy), nullptr, nullptr, std::nullopt};
    const Spelling* claimed_model = spelling_by_key(cx, model_key(query.model));
    if (!claimed_model) return std::nullopt;
    cx.model = claimed_model->model;
    cx.series = claimed_model->series;
    bool part_declared = false;
    for (const ast::VocabularyDecl& part : policy.parts) part_declared = part_declared || part.name.text == query.part;
    if (!part_declared) return std::nullopt;

    Answer answer;
    // Counts and choices without a default must be given; dates fall between purchase and claim.
    for (const ast::FactDecl& f : policy.facts) {
        if (f.type == ast::FactType::Bool) continue;
        const auto value = value_text(cx, f.name.text);
        if (f.type != ast::FactType::Date && !value) {
            answer.error = "missing_fact";
            return answer;
        }
        if (f.type == ast::FactType::Date && value) {
            const Day d = day_from_text(*value);
            if (d < query.purchased || d > query.claimed) {
                answer.error = "date_out_of_order";
                return answer;
            }
        }
    }
    if (const ast::PeriodDecl* period = choose_period(cx)) {
        // The period's own `from`, else the policy's `warranty from`, else the purchase; a date
        // fact the claim does not give falls back to the purchase.
        std::optional<std::string> start;
        if (period->start) start = period->start->text;
        else if (!policy.warranty_starts.empty()) start = policy.warranty_starts.front().start.text;
        Day from = query.purchased;
        if (start && *start != "purchase") {
            if (const auto d = date_of(cx, *start)) from = *d;
        }
        cx.warranty_until = last_covered(policy, from, period->length);
        // The period's own `extended by`, else the policy's: that many more days.
        std::optional<std::string> extension;
        if (period->extension) extension = period->extension->text;
        else if (!policy.warranty_extensions.empty()) extension = policy.warranty_extensions.front().fact.text;
        if (extension && cx.warranty_until) {
            const long days = count_of(cx, *extension);
            if (days > 0) cx.warranty_until = std::max(*cx.warranty_until, std::min(plus_days(*cx.warranty_until, days), Day{9999, 12, 31}));
        }
        // `at least LENGTH after DATE`: the later of the two ends, when the claim gives the date.
        if (period->floor_anchor && cx.warranty_until) {
            const std::optional<Day> anchor =
                period->floor_anchor->text == "last_repair" ? query.last_repair : date_of(cx, period->floor_anchor->text);
            if (anchor) {
                if (const Day floor = last_covered(policy, *anchor, period->floor_length); floor > *cx.warranty_until) {
                    cx.warranty_until = floor;
                }
            }
        }
    }
    answer.warranty_until = cx.warranty_until;
    for (const ast::RuleDecl& rule : policy.rules) {
        if (!rule.condition || holds(cx, *rule.condition)) {
            answer.rule = rule.name.text;
            answer.verdict = rule.outcome.text;
            break;
        }
    }
    return answer;
}

}  // namespace warrant::reference
