// `warrant explain CODE`: the page of docs/checks.md for one diagnostic code.
#include <algorithm>
#include <cctype>

#include <CLI/CLI.hpp>

#include "cli/checks_doc.hpp"
#include "cli/commands.hpp"
#include "diag/suggest.hpp"
#include "warrant/diagnostic.hpp"

namespace warrant {

std::optional<std::string_view> checks_doc_page(std::string_view code) {
    const std::string_view doc = checks_doc();
    const std::string heading = "### " + std::string(code) + " ";
    std::size_t at = 0;
    while (true) {
        at = doc.find(heading, at);
        if (at == std::string_view::npos) return std::nullopt;
        if (at == 0 || doc[at - 1] == '\n') break;
        ++at;
    }
    std::size_t end = at + heading.size();
    while (true) {
        end = doc.find("\n#", end);
        if (end == std::string_view::npos) {
            end = doc.size();
            break;
        }
        ++end;
        if (doc.substr(end).starts_with("## ") || doc.substr(end).starts_with("### ")) break;
    }
    std::string_view page = doc.substr(at, end - at);
    while (!page.empty() && (page.back() == '\n' || page.back() == ' ')) page.remove_suffix(1);
    if (page.ends_with("---")) page.remove_suffix(3);
    while (!page.empty() && (page.back() == '\n' || page.back() == ' ')) page.remove_suffix(1);
    return page;
}

std::function<int()> add_explain_command(CLI::App& app, Streams io) {
    auto code = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("explain", "Print what a diagnostic code means, with a failing and a fixed example");
    cmd->add_option("code", *code, "A code such as E2001 or W4101, or its name such as UnknownModel")->required();
    return [cmd, code, io]() -> int {
        if (!cmd->parsed()) return -1;
        std::string id = *code;
        std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::toupper(c); });
        std::vector<std::string> ids, names;
        for (const Code c : all_codes()) {
            ids.emplace_back(code_id(c));
            // A code's name (UnknownModel) finds its page as well as its number.
            const auto page = checks_doc_page(ids.back());
            if (!page) continue;
            const std::string_view title = page->substr(0, page->find('\n'));
            const std::string_view name = names.emplace_back(title.substr(title.rfind(' ') + 1));
            if (name.size() == code->size() &&
                std::equal(name.begin(), name.end(), code->begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                })) {
                id = ids.back();
            }
        }
        if (code_from_id(id)) {
            if (const auto page = checks_doc_page(id)) {
                io.out << *page << "\n";
                return 0;
            }
        }
        io.err << "warrant explain: no diagnostic code `" << *code << "`";
        const bool numbered = !id.empty() && (id[0] == 'E' || id[0] == 'W') && id.size() > 1 && std::isdigit(static_cast<unsigned char>(id[1]));
        const std::string hint = did_you_mean(numbered ? nearest_names(id, ids) : nearest_names(*code, names));
        if (!hint.empty()) io.err << "; " << hint;
        io.err << "\nthe codes are listed in docs/checks.md, and by `warrant check --format sarif`\n";
        return 2;
    };
}

}  // namespace warrant
