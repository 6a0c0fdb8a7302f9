// How declared names are written: one brand in two letter cases (W4102), full-width characters
// (W4103), and a number glued to a word where the rest of the series writes a space (W4104).
// Look-ups ignore all three differences, so these are about what readers and reports show:
// two spellings of one thing look like two things.
#include <map>

#include <fmt/format.h>

#include "lint/checks.hpp"
#include "lint/name_tokens.hpp"
#include "support/utf8.hpp"

namespace warrant::checks {

namespace {

// ---- W4102: brand casing ----------------------------------------------------------------------

void check_brand_casing(Context& cx, const DeclaredNames& names) {
    const RuleGraph& g = cx.graph;
    // brand in lower case -> its spellings, in order of first use, with the first model using each
    std::map<std::string, std::vector<std::pair<std::string, Index>>> brands;
    for (Index m = 0; m < g.models.size(); ++m) {
        const std::span<const NameToken> tokens = names.tokens(names.name_of[m]);
        if (tokens.empty() || tokens[0].kind != TokenKind::Letters) continue;
        auto& casings = brands[tokens[0].text];
        bool known = false;
        for (const auto& [raw, first] : casings) known = known || raw == tokens[0].raw;
        if (!known) casings.emplace_back(tokens[0].raw, m);
    }
    for (const auto& [brand, casings] : brands) {
        for (std::size_t later = 1; later < casings.size(); ++later) {
            for (std::size_t earlier = 0; earlier < later; ++earlier) {
                const Model& here = g.models[casings[later].second];
                const Model& there = g.models[casings[earlier].second];
                auto& d = cx.diags.report(Code::BrandCasing, here.span,
                                          fmt::format("brand `{}` of `{}` is written `{}` in other models' names, first in `{}`",
                                                      casings[later].first, here.name, casings[earlier].first, there.name));
                d.notes.push_back({there.span, fmt::format("`{}` here", casings[earlier].first)});
                d.hint = fmt::format("write the brand one way (`{}` or `{}`) in every declared name; look-ups ignore case, so references keep matching",
                                     casings[earlier].first, casings[later].first);
            }
        }
    }
}

// ---- W4103: full-width characters -------------------------------------------------------------

void check_full_width(Context& cx, const DeclaredNames& names) {
    for (const Spelling& s : names.spellings) {
        for (std::size_t i = 0; i < s.text.size();) {
            const std::size_t start = i;
            const char32_t c = utf8::decode(s.text, i);
            if (c != 0x3000 && (c < 0xFF01 || c > 0xFF5E)) continue;
            const std::string_view ch = s.text.substr(start, i - start);
            auto& d = cx.diags.report(
                Code::FullWidthCharacters, s.span,
                c == 0x3000 ? fmt::format("`{}` contains an ideographic space (U+3000)", s.text)
                            : fmt::format("`{}` contains the full-width `{}` (U+{:04X})", s.text, ch, static_cast<unsigned>(c)));
            d.hint = c == 0x3000 ? std::string("write an ordinary space: look-ups treat both alike")
                                 : fmt::format("write the ordinary `{}`: look-ups treat both alike", static_cast<char>(c - 0xFEE0));
            break;  // one warning per name
        }
    }
}

// ---- W4104: numbers glued to words --------------------------------------------------------------

enum class Gap { None, Glued, Spaced };

// Whether a word of two letters or more meets a number with or without a space ("Mi10" glued,
// "Mi 10" spaced). One-letter codes ("F3", "X3") are glued by convention and not counted.
Gap gap_of(std::span<const NameToken> tokens) {
    Gap gap = Gap::None;
    for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
        if (tokens[k].kind != TokenKind::Letters || tokens[k].raw.size() < 2) continue;
        if (tokens[k + 1].kind != TokenKind::Digits) continue;
        if (!tokens[k + 1].after_separator) return Gap::Glued;
        gap = Gap::Spaced;
    }
    return gap;
}

std::string spaced_spelling(std::string_view name, std::span<const NameToken> tokens) {
    std::string out(name);
    for (std::size_t k = tokens.size(); k-- > 1;) {
        const NameToken& word = tokens[k - 1];
        if (word.kind == TokenKind::Letters && word.raw.size() >= 2 && tokens[k].kind == TokenKind::Digits &&
            !tokens[k].after_separator) {
            out.insert(tokens[k].begin, " ");
        }
    }
    return out;
}

void check_glued_numbers(Context& cx, const DeclaredNames& names) {
    const RuleGraph& g = cx.graph;
    for (const Series& series : g.series) {
        std::vector<Index> glued, spaced;
        for (const Index m : series.models) {
            const Gap gap = gap_of(names.tokens(names.name_of[m]));
            if (gap == Gap::Glued) glued.push_back(m);
            if (gap == Gap::Spaced) spaced.push_back(m);
        }
        if (spaced.size() <= glued.size()) continue;  // the series' own style is not a space
        for (const Index m : glued) {
            const Model& model = g.models[m];
            auto& d = cx.diags.report(Code::GluedNumber, model.span,
                                      fmt::format("`{}` glues a number to a word, while {} of the {} models of series `{}` that have one write a space, as `{}` does",
                                                  model.name, spaced.size(), spaced.size() + glued.size(), series.name,
                                                  g.models[spaced.front()].name));
            d.hint = fmt::format("declare it as `{}`: look-ups ignore spaces, so references spelt `{}` keep matching",
                                 spaced_spelling(model.name, names.tokens(names.name_of[m])), model.name);
        }
    }
}

}  // namespace

void check_name_style(Context& cx, const DeclaredNames& names) {
    check_brand_casing(cx, names);
    check_full_width(cx, names);
    check_glued_numbers(cx, names);
}

}  // namespace warrant::checks
