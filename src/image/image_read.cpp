// Reading an image: the header is checked field by field, the checksum over the whole, then
// each graph is decoded with every field checked against its own domain (enumerations, flags,
// dates, text), its references checked across tables (graph_check.cpp), and the tables the
// writer left out rebuilt. Nothing read is used before it is checked.
#include <algorithm>

#include <fmt/format.h>

#include "image/byte_cursor.hpp"
#include "image/graph_check.hpp"
#include "image/image.hpp"
#include "support/utf8.hpp"

namespace warrant::image {

namespace {

// The dates a policy can hold: years 1 to 9999, as the compiler reads them.
bool valid_date(std::int32_t days) {
    static const std::int32_t first = make_date(1, 1, 1)->days;
    static const std::int32_t last = make_date(9999, 12, 31)->days;
    return days >= first && days <= last;
}

class GraphReader {
public:
    explicit GraphReader(ByteCursor& in) : in_(in) {}

    std::shared_ptr<RuleGraph> graph() {
        auto g = std::make_shared<RuleGraph>();
        source(*g);
        info(g->info);
        calendar(g->calendar);
        table(g->clauses, 16, [&](Clause& c) {
            c.id = text();
            c.text = text();
            c.span = span();
        });
        for (auto* terms : {&g->parts, &g->services, &g->outcomes}) table(*terms, 20, [&](Term& t) { term(t); });
        table(g->facts, 36, [&](Fact& f) { fact(f); });
        table(g->series, 16, [&](Series& s) {
            s.name = text();
            s.label = text();
            s.span = span();
        });
        table(g->models, 29, [&](Model& m) { model(m); });
        table(g->lists, 24, [&](ModelList& l) {
            l.name = text();
            l.label = text();
            l.clause = in_.u32();
            indices(l.models);
            l.span = span();
        });
        table(g->notices, 20, [&](EndOfServiceNotice& n) {
            n.date = date();
            n.clause = in_.u32();
            indices(n.models);
            n.span = span();
        });
        table(g->periods, 56, [&](Period& p) { period(p); });
        table(g->rules, 24, [&](Rule& r) {
            r.name = text();
            r.clause = in_.u32();
            r.condition = in_.u32();
            r.outcome = in_.u32();
            r.span = span();
        });
        table(g->conditions, 44, [&](CondNode& n) { condition(n); });
        indices(g->condition_children);
        indices(g->choice_begin);
        indices(g->period_choices);
        g->warranty_start_fact = in_.u32();
        g->warranty_start_clause = in_.u32();
        g->warranty_extension_fact = in_.u32();
        g->warranty_extension_clause = in_.u32();
        if (!in_.ok()) return nullptr;
        return g;
    }

private:
    ByteCursor& in_;
    std::size_t text_size_ = 0;  // of the policy's text, which spans must fall within

    template <typename T, typename Read>
    void table(std::vector<T>& items, std::size_t min_item_bytes, Read&& read) {
        const std::size_t n = in_.count(min_item_bytes);
        items.resize(n);
        for (T& item : items) {
            if (!in_.ok()) return;
            read(item);
        }
    }
    void indices(std::vector<std::uint32_t>& items) {
        const std::size_t n = in_.count(4);
        items.resize(n);
        for (std::uint32_t& i : items) i = in_.u32();
    }

    std::string text() {
        const std::string_view t = in_.text();
        if (utf8::find_invalid(t) != std::string_view::npos || t.find('\0') != std::string_view::npos) {
            in_.fail("a name or text is not UTF-8 text");
        }
        return std::string(t);
    }
    bool flag() {
        const std::uint8_t v = in_.u8();
        if (v > 1) in_.fail(fmt::format("a flag holds {}", v));
        return v == 1;
    }
    // An enumeration's value, checked to be below `count` before it is one.
    template <typename E>
    E enumerated(std::uint8_t count, const char* what) {
        const std::uint8_t v = in_.u8();
        if (v >= count) in_.fail(fmt::format("{} {} is not one Warrant knows", what, v));
        return static_cast<E>(v < count ? v : 0);
    }
    SourceSpan span() {
        const SourceSpan s{in_.u32(), in_.u32()};
        if (s.begin > s.end || s.end > text_size_) in_.fail("a position lies outside the policy");
        return s;
    }
    Date date() {
        const std::int32_t days = in_.i32();
        if (!valid_date(days)) in_.fail("a date is outside the years 1 to 9999");
        return Date{days};
    }
    std::optional<Date> optional_date() {
        const bool given = flag();
        const Date d = Date{in_.i32()};
        if (!given) return std::nullopt;
        if (!valid_date(d.days)) in_.fail("a date is outside the years 1 to 9999");
        return d;
    }

    // The policy's name; its text is not in the image (positions in it are), so the graph's
    // source is the name with an empty text.
    void source(RuleGraph& g) {
        const bool present = flag();
        std::string name = text();
        text_size_ = in_.u32();
        if (present && in_.ok()) g.source = std::make_shared<const SourceFile>(std::move(name), std::string());
    }

    void info(PolicyInfo& i) {
        for (std::string* s : {&i.title, &i.region, &i.region_label, &i.source, &i.source_file}) *s = text();
        i.source_file_span = span();
        i.effective = optional_date();
    }

    void calendar(CalendarRules& c) {
        c.months = enumerated<MonthRule>(2, "a month rule");
        c.months_declared = flag();
        c.last_day_covered = flag();
    }

    void term(Term& t) {
        t.name = text();
        t.label = text();
        t.clause = in_.u32();
        t.span = span();
    }

    void fact(Fact& f) {
        f.name = text();
        f.meaning = text();
        f.role = enumerated<FactRole>(3, "a fact role");
        f.default_value = flag();
        f.type = enumerated<FactType>(4, "a fact type");
        table(f.choices, 4, [&](std::string& c) { c = text(); });
        const bool has_default = flag();
        const std::int32_t number = in_.i32();
        if (has_default) f.default_number = number;
        f.slot = in_.u32();
        f.clause = in_.u32();
        f.span = span();
    }

    void model(Model& m) {
        m.name = text();
        table(m.aliases, 4, [&](std::string& a) { a = text(); });
        m.series = in_.u32();
        m.end_of_service = optional_date();
        m.end_of_service_notice = in_.u32();
        m.span = span();
    }

    void period(Period& p) {
        p.part = in_.u32();
        p.length.count = in_.u32();
        p.length.unit = enumerated<LengthUnit>(2, "a unit of length");
        p.start_fact = in_.u32();
        p.start_clause = in_.u32();
        p.extension_fact = in_.u32();
        p.extension_clause = in_.u32();
        p.floor_anchor = enumerated<Period::FloorAnchor>(3, "a least end's date");
        p.floor_fact = in_.u32();
        p.floor_length.count = in_.u32();
        p.floor_length.unit = enumerated<LengthUnit>(2, "a unit of length");
        p.scope = enumerated<Period::Scope>(3, "a period scope");
        p.condition = in_.u32();
        indices(p.services);
        p.clause = in_.u32();
        p.span = span();
    }

    void operand(DateOperand& o) {
        o.source = enumerated<DateOperand::Source>(4, "a date operand");
        o.fact = in_.u32();
        o.fixed = Date{in_.i32()};
        if (o.source == DateOperand::Source::Fixed && !valid_date(o.fixed.days)) in_.fail("a date is outside the years 1 to 9999");
    }

    void condition(CondNode& n) {
        n.kind = enumerated<CondKind>(static_cast<std::uint8_t>(CondKind::ChoiceIn) + 1, "a condition kind");
        n.c = in_.u8();
        n.a = in_.u32();
        n.b = in_.u32();
        n.anchor_fact = in_.u32();
        n.subject_fact = in_.u32();
        operand(n.left);
        operand(n.right);
        n.span = span();
    }
};

// The tables the writer left out, rebuilt as the compiler builds them. Returns why not when
// two spellings of models collide (the compiler refuses such a policy).
std::string rebuild(RuleGraph& g) {
    for (Index f = 0; f < g.facts.size(); ++f) {
        const Fact& fact = g.facts[f];
        set_fact(g.fact_defaults, f, fact.default_value);
        if (fact.role == FactRole::Exclusion) set_fact(g.exclusion_mask, f, true);
        if (fact.role == FactRole::Requirement) set_fact(g.requirement_mask, f, true);
        if (fact.slot == none) continue;
        g.value_facts.push_back(f);
        g.value_defaults[fact.slot] = fact.default_number.value_or(no_value);
    }
    for (const ModelList& list : g.lists) {
        std::vector<bool> members(g.models.size(), false);
        for (const Index m : list.models) members[m] = true;
        g.list_membership.push_back(std::move(members));
    }
    g.index_period_choices();
    g.model_keys.reserve(g.models.size());
    for (Index m = 0; m < g.models.size(); ++m) {
        const Model& model = g.models[m];
        g.series[model.series].models.push_back(m);
        for (std::size_t k = 0; k <= model.aliases.size(); ++k) {
            const std::string& spelling = k == 0 ? model.name : model.aliases[k - 1];
            std::string key = normalize_model_name(spelling);
            if (key.empty()) return fmt::format("model {} has an empty name", m);
            if (!g.model_keys.emplace(std::move(key), m).second) {
                return fmt::format("two models are both spelt `{}`", spelling);
            }
        }
    }
    g.index_spellings();
    return {};
}

ImageError refused(std::string why) { return ImageError{std::move(why), true}; }
ImageError not_an_image() { return ImageError{"is not a Warrant policy image", false}; }

}  // namespace

std::variant<std::vector<std::shared_ptr<const RuleGraph>>, ImageError> read_image(std::string_view bytes) {
    if (bytes.size() < magic.size()) {
        if (!bytes.empty() && magic.starts_with(bytes)) return refused("is truncated: it ends inside its header");
        return not_an_image();
    }
    if (!bytes.starts_with(magic)) return not_an_image();
    if (bytes.size() < header_size) return refused("is truncated: it ends inside its header");
    const std::uint32_t format = load_u32(bytes.data() + 8);
    if (format != format_version) {
        return refused(fmt::format("has image format {}, but this Warrant reads format {}", format, format_version));
    }
    std::string_view version = bytes.substr(16, version_field_size);
    version = version.substr(0, version.find('\0'));
    if (version != writer_version()) {
        const bool printable = std::all_of(version.begin(), version.end(), [](char c) { return c > ' ' && c < 0x7F; });
        return refused(fmt::format("was built by Warrant {}, and this is Warrant {}", printable ? version : "of an unknown version",
                                   writer_version()));
    }
    const std::uint64_t payload_size = load_u64(bytes.data() + 32);
    const std::string_view payload = bytes.substr(header_size);
    if (payload.size() < payload_size) {
        return refused(fmt::format("is truncated: {} of its {} bytes are there", bytes.size(), header_size + payload_size));
    }
    if (payload.size() > payload_size) {
        const std::uint64_t more = payload.size() - payload_size;
        return refused(fmt::format("is longer than its header says, by {} byte{}", more, more == 1 ? "" : "s"));
    }
    if (load_u64(bytes.data() + checksum_offset) != image_checksum(bytes.substr(0, checksum_offset), payload)) {
        return refused("is corrupt: its checksum does not match its contents");
    }
    const std::uint32_t count = load_u32(bytes.data() + 12);
    ByteCursor in(payload);
    GraphReader reader(in);
    std::vector<std::shared_ptr<const RuleGraph>> graphs;
    for (std::uint32_t i = 0; i < count && in.ok(); ++i) {
        std::shared_ptr<RuleGraph> g = reader.graph();
        if (!g) break;
        if (std::string problem = check_graph(*g); !problem.empty()) {
            return refused(fmt::format("is corrupt: in policy {}, {}", i + 1, problem));
        }
        if (std::string problem = rebuild(*g); !problem.empty()) {
            return refused(fmt::format("is corrupt: in policy {}, {}", i + 1, problem));
        }
        graphs.push_back(std::move(g));
    }
    if (!in.ok()) return refused(fmt::format("is corrupt: {} (at byte {} of its payload)", in.error(), in.offset()));
    if (in.left() != 0) return refused(fmt::format("is corrupt: {} bytes follow its last policy", in.left()));
    return graphs;
}

}  // namespace warrant::image
