// From statements to lines. A statement keeps the line breaks its writer chose (its later
// lines indented one step); blocks get one entry per line; everything else is white space the
// printer decides.
#include "format/printer.hpp"

#include <algorithm>

#include "format/columns.hpp"
#include "format/lines.hpp"
#include "warrant/format.hpp"
#include "warrant/render.hpp"

namespace warrant::format {

namespace {

constexpr std::size_t indent_step = 4;

bool is_word(const Token& token, std::string_view text) {
    return token.kind == Token::Kind::Word && token.text == text;
}

// Continuation lines go one step deeper when they continue something begun on an earlier
// line: a condition (the line starts with `and` or `or`) or an example's `claim`.
class Depth {
public:
    std::size_t of_line(const std::vector<const Item*>& items) {
        const Token& first = items.front()->token;
        const bool deeper = is_word(first, "and") || is_word(first, "or") ||
                            (in_claim_ && !is_word(first, "claim") && !is_word(first, "expect"));
        for (const Item* item : items) {
            if (is_word(item->token, "claim")) in_claim_ = true;
            if (is_word(item->token, "expect")) in_claim_ = false;
        }
        return deeper ? 2 : 1;
    }

private:
    bool in_claim_ = false;
};

bool is_punct(const Token& token, std::string_view text) {
    return token.kind == Token::Kind::Punct && token.text == text;
}

// One space between tokens, none before `,`, `)` or `]` and none after `(` or `[`.
std::string join(const std::vector<const Token*>& tokens) {
    std::string out;
    const Token* previous = nullptr;
    for (const Token* token : tokens) {
        if (previous && !is_punct(*token, ",") && !is_punct(*token, ")") && !is_punct(*token, "]") &&
            !is_punct(*previous, "(") && !is_punct(*previous, "[")) {
            out += ' ';
        }
        out += token->text;
        previous = token;
    }
    return out;
}

std::vector<const Token*> tokens_of(const std::vector<const Item*>& items) {
    std::vector<const Token*> tokens;
    for (const Item* item : items) tokens.push_back(&item->token);
    return tokens;
}

// Where the writer's layout must give way: after a trailing comment, and before a token that
// has comments of its own lines, a new line has to start.
bool forced_break(const std::vector<Item>& items, std::size_t i) {
    return i > 0 && (!items[i].leading.empty() || !items[i - 1].trailing.empty());
}

class Printer {
public:
    std::vector<Line> lines;

    void statement(const Statement& s) {
        const Schema& schema = schema_of(s.kind);
        std::size_t header_end = s.items.size();
        if (s.kind == StatementKind::Series || s.kind == StatementKind::List || s.kind == StatementKind::EndOfService) {
            const auto open = std::find_if(s.items.begin(), s.items.end(),
                                           [](const Item& item) { return is_punct(item.token, "{"); });
            if (open != s.items.end()) header_end = static_cast<std::size_t>(open - s.items.begin()) + 1;
        }
        header(s, schema, header_end);
        if (header_end < s.items.size()) block(s, header_end);
    }

    void comments(const std::vector<Comment>& own_line, std::size_t indent) {
        for (const Comment& comment : own_line) {
            Line line;
            line.role = Line::Role::Comment;
            line.indent = indent;
            line.comment = comment.text;
            line.blank_before = comment.blank_before;
            lines.push_back(std::move(line));
        }
    }

private:
    // The statement up to its block: one line per line of the source.
    void header(const Statement& s, const Schema& schema, std::size_t end) {
        std::vector<std::vector<const Item*>> split;
        for (std::size_t i = 0; i < end; ++i) {
            const Item& item = s.items[i];
            const bool brace = is_punct(item.token, "{");
            if (i == 0 || forced_break(s.items, i) || (item.line_start && !brace)) split.emplace_back();
            split.back().push_back(&item);
        }
        std::size_t key_width = 0;
        for (std::size_t k = 1; k < split.size(); ++k) {
            if (aligned_key(schema, split[k])) key_width = std::max(key_width, display_width(split[k][0]->token.text));
        }
        Depth depth;
        for (std::size_t k = 0; k < split.size(); ++k) {
            const std::vector<const Item*>& items = split[k];
            const std::size_t steps = depth.of_line(items);
            const std::size_t indent = k == 0 ? 0 : indent_step * steps;
            comments(items.front()->leading, indent);
            Line line = start_line(items, indent);
            line.opens_block = is_punct(items.back()->token, "{");
            if (k == 0 && schema.group != Group::None) {
                make_row(line, schema, tokens_of(items));
            } else {
                line.role = schema.group != Group::None ? Line::Role::Continuation : Line::Role::Other;
                line.content = join(tokens_of(items));
                if (k > 0 && aligned_key(schema, items)) {
                    const std::string_view key = items[0]->token.text;
                    line.content.insert(key.size(), key_width - display_width(key), ' ');
                }
            }
            lines.push_back(std::move(line));
        }
    }

    static bool aligned_key(const Schema& schema, const std::vector<const Item*>& items) {
        const auto& keys = schema.aligned_continuations;
        return items.size() > 1 && std::find(keys.begin(), keys.end(), items[0]->token.text) != keys.end();
    }

    static Line start_line(const std::vector<const Item*>& items, std::size_t indent) {
        Line line;
        line.indent = indent;
        line.blank_before = items.front()->blank_before;
        line.comment = items.back()->trailing;
        return line;
    }

    static void make_row(Line& line, const Schema& schema, const std::vector<const Token*>& tokens) {
        const std::vector<std::size_t> fields = assign_fields(schema, tokens);
        line.role = Line::Role::Row;
        line.schema = &schema;
        line.cells.assign(schema.fields.size(), std::nullopt);
        for (std::size_t begin = 0; begin < tokens.size();) {
            std::size_t end = begin;
            while (end < tokens.size() && fields[end] == fields[begin]) ++end;
            line.cells[fields[begin]] = join({tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                                              tokens.begin() + static_cast<std::ptrdiff_t>(end)});
            begin = end;
        }
    }

    // The block's entries and its closing `}`; `begin` is the first item after `{`.
    void block(const Statement& s, std::size_t begin) {
        const Item& open = s.items[begin - 1];
        const Item& close = s.items.back();
        const std::vector<Item> body(s.items.begin() + static_cast<std::ptrdiff_t>(begin), s.items.end() - 1);
        if (body.empty() && close.leading.empty() && open.trailing.empty()) {
            lines.back().content += close.token.text;  // `{}`
            lines.back().opens_block = false;
            lines.back().comment = close.trailing;
            return;
        }
        std::vector<Comment> left_over;
        if (s.kind == StatementKind::Series) {
            series_entries(body);
        } else {
            left_over = list_entries(body);
        }
        left_over.insert(left_over.end(), close.leading.begin(), close.leading.end());
        comments(left_over, indent_step);
        Line line;
        line.content = std::string(close.token.text);
        line.closes_block = true;
        line.blank_before = close.blank_before;
        line.comment = close.trailing;
        lines.push_back(std::move(line));
    }

    // One `model` per line, its aliases with it (unless the writer broke the line there).
    void series_entries(const std::vector<Item>& body) {
        for (std::size_t i = 0; i < body.size();) {
            std::size_t end = i + 1;
            while (end < body.size() && !is_word(body[end].token, "model")) ++end;
            std::vector<std::vector<const Item*>> split;
            for (std::size_t k = i; k < end; ++k) {
                if (k == i || forced_break(body, k) || body[k].line_start) split.emplace_back();
                split.back().push_back(&body[k]);
            }
            for (std::size_t k = 0; k < split.size(); ++k) {
                const std::size_t indent = indent_step * (k == 0 ? 1 : 2);
                comments(split[k].front()->leading, indent);
                Line line = start_line(split[k], indent);
                if (k == 0) {
                    make_row(line, series_model_schema(), tokens_of(split[k]));
                } else {
                    line.role = Line::Role::Continuation;
                    line.content = join(tokens_of(split[k]));
                }
                lines.push_back(std::move(line));
            }
            i = end;
        }
    }

    struct Entry {
        std::string_view text;
        std::vector<Comment> leading;
        std::string_view trailing;
        bool line_start = false;
        bool blank_before = false;
    };

    // `"A", "B",` lines: the writer's lines, each wrapped to the line width. Returns the
    // comments left after the last entry.
    std::vector<Comment> list_entries(const std::vector<Item>& body) {
        std::vector<Entry> entries;
        std::vector<Comment> carried;  // comments before a comma go before the next entry
        bool comma_line_start = false, comma_blank_before = false;  // a line that starts with `,`
        for (const Item& item : body) {
            if (item.token.kind == Token::Kind::String) {
                Entry entry{item.token.text, std::move(carried), item.trailing, item.line_start || comma_line_start,
                            item.blank_before || comma_blank_before};
                entry.leading.insert(entry.leading.end(), item.leading.begin(), item.leading.end());
                carried.clear();
                comma_line_start = comma_blank_before = false;
                entries.push_back(std::move(entry));
                continue;
            }
            comma_line_start = item.line_start;
            comma_blank_before = item.blank_before;
            carried.insert(carried.end(), item.leading.begin(), item.leading.end());
            if (item.trailing.empty()) continue;
            // After comments of its own, the comma's trailing comment must follow them.
            if (!entries.empty() && entries.back().trailing.empty() && carried.empty()) {
                entries.back().trailing = item.trailing;
            } else {
                carried.push_back({item.trailing, false});
            }
        }
        for (std::size_t i = 0; i < entries.size();) {
            std::size_t end = i + 1;
            while (end < entries.size() && !entries[end].line_start && entries[end].leading.empty() &&
                   entries[end - 1].trailing.empty()) {
                ++end;
            }
            comments(entries[i].leading, indent_step);
            entry_lines(entries, i, end);
            i = end;
        }
        return carried;
    }

    void entry_lines(const std::vector<Entry>& entries, std::size_t begin, std::size_t end) {
        // A line with a comment is not wrapped: the comment speaks of the whole line.
        const bool wrap = entries[end - 1].trailing.empty();
        Line line;
        line.indent = indent_step;
        line.blank_before = entries[begin].blank_before;
        std::size_t width = indent_step;
        for (std::size_t i = begin; i < end; ++i) {
            const std::size_t entry_width = display_width(entries[i].text) + 1;
            if (wrap && !line.content.empty() && width + 1 + entry_width > format_line_width) {
                lines.push_back(std::move(line));
                line = Line{};
                line.indent = indent_step;
                width = indent_step;
            }
            if (!line.content.empty()) {
                line.content += ' ';
                ++width;
            }
            line.content += entries[i].text;
            line.content += ',';
            width += entry_width;
        }
        line.comment = entries[end - 1].trailing;
        lines.push_back(std::move(line));
    }
};

}  // namespace

std::string print(const Document& document) {
    Printer printer;
    for (const Statement& statement : document.statements) printer.statement(statement);
    printer.comments(document.trailer, 0);
    return print_lines(std::move(printer.lines));
}

}  // namespace warrant::format
