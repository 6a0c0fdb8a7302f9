// Table alignment and printing. Both passes depend only on the lines' text, so formatting
// formatted text changes nothing.
#include "format/lines.hpp"

#include <algorithm>

#include "warrant/render.hpp"

namespace warrant::format {

namespace {

// Index of the last present cell of a row.
std::size_t last_cell(const Line& row) {
    std::size_t last = 0;
    for (std::size_t f = 0; f < row.cells.size(); ++f) {
        if (row.cells[f]) last = f;
    }
    return last;
}

// No cell is padded by more than this: a row whose cell is much longer than the others' (or
// that would need a wider gap to reach its next column) leaves the table after that cell, and
// the rest of its line is not aligned.
constexpr std::size_t max_padding = 24;

void align_run(std::vector<Line>& lines, const std::vector<std::size_t>& run) {
    const Schema& schema = *lines[run.front()].schema;
    // A cell pads to its column only when something follows it on the line; numbers are
    // right-aligned, so every one of them counts.
    std::vector<std::vector<std::size_t>> widths(schema.fields.size());
    for (const std::size_t i : run) {
        const Line& row = lines[i];
        const std::size_t last = last_cell(row);
        for (std::size_t f = 0; f < row.cells.size(); ++f) {
            if (row.cells[f] && (f < last || schema.fields[f].right_aligned)) widths[f].push_back(display_width(*row.cells[f]));
        }
    }
    std::vector<std::size_t> width(schema.fields.size(), 0);
    for (std::size_t f = 0; f < widths.size(); ++f) {
        if (widths[f].empty()) continue;
        const std::size_t narrowest = *std::min_element(widths[f].begin(), widths[f].end());
        for (const std::size_t w : widths[f]) {
            if (w <= narrowest + max_padding) width[f] = std::max(width[f], w);
        }
    }
    for (const std::size_t i : run) {
        Line& row = lines[i];
        const std::size_t last = last_cell(row);
        std::string out;
        std::size_t pad = 0;
        bool left_table = false;  // the rest of the row goes unaligned
        for (std::size_t f = 0; f <= last; ++f) {
            if (!row.cells[f]) {
                if (width[f] > 0 && !out.empty()) pad += width[f] + 1;  // an empty column
                continue;
            }
            if (pad > max_padding + 1) left_table = true;
            if (left_table && !out.empty()) pad = 1;
            const std::string& cell = *row.cells[f];
            std::size_t cell_width = display_width(cell);
            out.append(pad, ' ');
            if (schema.fields[f].right_aligned && width[f] > cell_width) {
                out.append(width[f] - cell_width, ' ');
                cell_width = width[f];
            }
            out += cell;
            if (cell_width > width[f]) left_table = true;
            pad = 1 + (width[f] > cell_width ? width[f] - cell_width : 0);
        }
        row.content = std::move(out);
    }
}

bool keeps_run(const Line& line) {
    return line.role == Line::Role::Comment || line.role == Line::Role::Continuation;
}

bool has_trailing_comment(const Line& line) { return !line.content.empty() && !line.comment.empty(); }

// Lines whose trailing comments share a column start at `begin`; returns where the group ends
// and sets `column`. A group grows while its lines' lengths differ by at most `max_spread`:
// one much longer line would push every other comment far from its line.
std::size_t comment_group(const std::vector<Line>& lines, std::size_t begin, std::size_t& column) {
    constexpr std::size_t max_spread = 12;
    const auto text_width = [&](const Line& l) { return l.indent + display_width(l.content); };
    std::size_t shortest = text_width(lines[begin]), longest = shortest;
    std::size_t end = begin + 1;
    for (; end < lines.size() && has_trailing_comment(lines[end]) && !lines[end].blank_before; ++end) {
        const std::size_t w = text_width(lines[end]);
        if (std::max(longest, w) - std::min(shortest, w) > max_spread) break;
        shortest = std::min(shortest, w);
        longest = std::max(longest, w);
    }
    column = longest + 2;
    return end;
}

// Blank lines where none is printed must not end a run or a comment group either.
void drop_unwanted_blank_lines(std::vector<Line>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0 || lines[i - 1].opens_block || lines[i].closes_block) lines[i].blank_before = false;
    }
}

void align_rows(std::vector<Line>& lines) {
    std::vector<std::size_t> run;
    const auto flush = [&] {
        if (!run.empty()) align_run(lines, run);
        run.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.blank_before) flush();
        if (line.role == Line::Role::Row) {
            if (!run.empty() && lines[run.front()].schema->group != line.schema->group) flush();
            run.push_back(i);
        } else if (!keeps_run(line)) {
            flush();
        }
    }
    flush();
}

}  // namespace

std::string print_lines(std::vector<Line> lines) {
    drop_unwanted_blank_lines(lines);
    align_rows(lines);
    std::vector<std::size_t> column(lines.size(), 0);
    for (std::size_t i = 0; i < lines.size();) {
        if (!has_trailing_comment(lines[i])) {
            ++i;
            continue;
        }
        std::size_t c = 0;
        const std::size_t end = comment_group(lines, i, c);
        std::fill(column.begin() + static_cast<std::ptrdiff_t>(i), column.begin() + static_cast<std::ptrdiff_t>(end), c);
        i = end;
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.blank_before) out += '\n';
        out.append(line.indent, ' ');
        out += line.content;
        if (!line.comment.empty()) {
            if (!line.content.empty()) out.append(column[i] - line.indent - display_width(line.content), ' ');
            out += line.comment;
        }
        out += '\n';
    }
    return out;
}

}  // namespace warrant::format
