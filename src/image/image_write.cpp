// Writing an image: the header, then each graph's tables in a fixed order (image_read.cpp
// reads them back in the same order). Tables the reader can rebuild from these (the fact
// masks and defaults, value slots, list membership, series members and the model-name keys)
// are not written: rebuilt, they cannot disagree with what they are built from.
#include <algorithm>

#include "image/byte_cursor.hpp"
#include "image/image.hpp"

#ifndef WARRANT_VERSION
#define WARRANT_VERSION "0.1.0"
#endif

namespace warrant::image {

std::string_view writer_version() { return WARRANT_VERSION; }

namespace {

class GraphWriter {
public:
    explicit GraphWriter(ByteWriter& out) : out_(out) {}

    void graph(const RuleGraph& g) {
        // The policy's name and the size of its text, not the text: answering never reads it,
        // and it would double the image. Spans still refer to the policy file.
        out_.u8(g.source ? 1 : 0);
        out_.text(g.source ? g.source->name() : std::string_view());
        out_.u32(g.source ? static_cast<std::uint32_t>(g.source->text().size()) : 0);
        info(g.info);
        out_.u8(static_cast<std::uint8_t>(g.calendar.months));
        out_.u8(g.calendar.months_declared ? 1 : 0);
        out_.u8(g.calendar.last_day_covered ? 1 : 0);
        table(g.clauses, [&](const Clause& c) {
            out_.text(c.id);
            out_.text(c.text);
            span(c.span);
        });
        for (const auto* terms : {&g.parts, &g.services, &g.outcomes}) table(*terms, [&](const Term& t) { term(t); });
        table(g.facts, [&](const Fact& f) { fact(f); });
        table(g.series, [&](const Series& s) {
            out_.text(s.name);
            out_.text(s.label);
            span(s.span);
        });
        table(g.models, [&](const Model& m) { model(m); });
        table(g.lists, [&](const ModelList& l) {
            out_.text(l.name);
            out_.text(l.label);
            out_.u32(l.clause);
            indices(l.models);
            span(l.span);
        });
        table(g.notices, [&](const EndOfServiceNotice& n) {
            out_.i32(n.date.days);
            out_.u32(n.clause);
            indices(n.models);
            span(n.span);
        });
        table(g.periods, [&](const Period& p) { period(p); });
        table(g.rules, [&](const Rule& r) {
            out_.text(r.name);
            out_.u32(r.clause);
            out_.u32(r.condition);
            out_.u32(r.outcome);
            span(r.span);
        });
        table(g.conditions, [&](const CondNode& n) { condition(n); });
        indices(g.condition_children);
        indices(g.choice_begin);
        indices(g.period_choices);
        out_.u32(g.warranty_start_fact);
        out_.u32(g.warranty_start_clause);
        out_.u32(g.warranty_extension_fact);
        out_.u32(g.warranty_extension_clause);
    }

private:
    ByteWriter& out_;

    template <typename T, typename Write>
    void table(const std::vector<T>& items, Write&& write) {
        out_.u32(static_cast<std::uint32_t>(items.size()));
        for (const T& item : items) write(item);
    }
    void indices(const std::vector<std::uint32_t>& items) {
        table(items, [&](std::uint32_t i) { out_.u32(i); });
    }
    void span(SourceSpan s) {
        out_.u32(s.begin);
        out_.u32(s.end);
    }
    void optional_date(const std::optional<Date>& d) {
        out_.u8(d ? 1 : 0);
        out_.i32(d ? d->days : 0);
    }

    void info(const PolicyInfo& i) {
        for (const std::string* s : {&i.title, &i.region, &i.region_label, &i.source, &i.source_file}) out_.text(*s);
        span(i.source_file_span);
        optional_date(i.effective);
    }

    void term(const Term& t) {
        out_.text(t.name);
        out_.text(t.label);
        out_.u32(t.clause);
        span(t.span);
    }

    void fact(const Fact& f) {
        out_.text(f.name);
        out_.text(f.meaning);
        out_.u8(static_cast<std::uint8_t>(f.role));
        out_.u8(f.default_value ? 1 : 0);
        out_.u8(static_cast<std::uint8_t>(f.type));
        table(f.choices, [&](const std::string& c) { out_.text(c); });
        out_.u8(f.default_number ? 1 : 0);
        out_.i32(f.default_number.value_or(0));
        out_.u32(f.slot);
        out_.u32(f.clause);
        span(f.span);
    }

    void model(const Model& m) {
        out_.text(m.name);
        table(m.aliases, [&](const std::string& a) { out_.text(a); });
        out_.u32(m.series);
        optional_date(m.end_of_service);
        out_.u32(m.end_of_service_notice);
        span(m.span);
    }

    void period(const Period& p) {
        out_.u32(p.part);
        out_.u32(p.length.count);
        out_.u8(static_cast<std::uint8_t>(p.length.unit));
        out_.u32(p.start_fact);
        out_.u32(p.start_clause);
        out_.u32(p.extension_fact);
        out_.u32(p.extension_clause);
        out_.u8(static_cast<std::uint8_t>(p.floor_anchor));
        out_.u32(p.floor_fact);
        out_.u32(p.floor_length.count);
        out_.u8(static_cast<std::uint8_t>(p.floor_length.unit));
        out_.u8(static_cast<std::uint8_t>(p.scope));
        out_.u32(p.condition);
        indices(p.services);
        out_.u32(p.clause);
        span(p.span);
    }

    void operand(const DateOperand& o) {
        out_.u8(static_cast<std::uint8_t>(o.source));
        out_.u32(o.fact);
        out_.i32(o.fixed.days);
    }

    void condition(const CondNode& n) {
        out_.u8(static_cast<std::uint8_t>(n.kind));
        out_.u8(n.c);
        out_.u32(n.a);
        out_.u32(n.b);
        out_.u32(n.anchor_fact);
        out_.u32(n.subject_fact);
        operand(n.left);
        operand(n.right);
        span(n.span);
    }
};

}  // namespace

std::string write_image(const std::vector<std::shared_ptr<const RuleGraph>>& graphs) {
    ByteWriter out;
    out.bytes().append(magic);
    out.u32(format_version);
    out.u32(static_cast<std::uint32_t>(graphs.size()));
    std::string version(version_field_size, '\0');
    const std::string_view ours = writer_version();
    std::copy_n(ours.begin(), std::min(ours.size(), version_field_size), version.begin());
    out.bytes().append(version);
    out.u64(0);  // the payload's size, known at the end
    out.u64(0);  // the checksum, likewise
    GraphWriter writer(out);
    for (const auto& g : graphs) writer.graph(*g);
    std::string& bytes = out.bytes();
    const std::uint64_t payload = bytes.size() - header_size;
    for (int i = 0; i < 8; ++i) bytes[32 + i] = static_cast<char>((payload >> (8 * i)) & 0xFF);
    reseal(bytes);
    return std::move(bytes);
}

}  // namespace warrant::image
