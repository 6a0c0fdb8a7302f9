// `warrant query`: answer one claim (JSON or friendly flags) or a JSON Lines batch.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/batch_run.hpp"
#include "cli/commands.hpp"
#include "cli/left_at_exit.hpp"
#include "cli/load.hpp"
#include "support/json_write.hpp"
#include "warrant/explain.hpp"
#include "warrant/query.hpp"

namespace warrant {

namespace {

struct QueryOptions {
    std::vector<std::string> paths;
    std::string image;
    std::string query_json;
    std::string batch;
    bool explain = false;
    unsigned jobs = 0;
    std::string format;
    std::optional<std::string> id, region, model, part, purchased, claimed, purchase_region, last_repair;
    std::vector<std::string> facts;
};

QueryInput from_flags(const QueryOptions& o) {
    QueryInput q;
    if (o.id) q.id_json = json::quote(*o.id);
    q.region = o.region;
    q.model = o.model;
    q.part = o.part;
    q.purchased = o.purchased;
    q.claimed = o.claimed;
    q.purchase_region = o.purchase_region;
    q.last_repair = o.last_repair;
    for (const std::string& fact : o.facts) {
        const auto eq = fact.find('=');
        if (eq == std::string::npos) {
            q.facts.emplace_back(fact, true);
            continue;
        }
        q.facts.emplace_back(fact.substr(0, eq), fact_value_from_text(std::string_view(fact).substr(eq + 1)));
    }
    return q;
}

}  // namespace

std::function<int()> add_query_command(CLI::App& app, Streams io) {
    auto o = std::make_shared<QueryOptions>();
    CLI::App* cmd = app.add_subcommand("query", "Decide claims: is this claim covered, and how?");
    auto* paths = cmd->add_option("paths", o->paths, ".policy files or folders (default: the bundled policies)");
    cmd->add_option("--image", o->image, "An image written by `warrant build`, instead of policy files")->excludes(paths);
    auto* query = cmd->add_option("--query", o->query_json, "One claim as a JSON object");
    auto* batch = cmd->add_option("--batch", o->batch, "JSON Lines file of claims, or - for standard input");
    cmd->add_flag("--explain", o->explain, "Explain the decision, citing the policy");
    cmd->add_option("--jobs", o->jobs, "Threads that answer a batch file (default: one per core, at most 8; standard input is answered as lines arrive, on one)")
        ->check(CLI::Range(1u, 64u));
    cmd->add_option("--format", o->format, "Output for one claim: json (default) or text (default with --explain)")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--id", o->id, "An id to echo in the answer");
    cmd->add_option("--region", o->region, "The policy's region (default: the only one loaded)");
    cmd->add_option("--model", o->model, "Model, in any declared spelling");
    cmd->add_option("--part", o->part, "Part claimed for");
    cmd->add_option("--purchased", o->purchased, "Purchase date, YYYY-MM-DD");
    cmd->add_option("--claimed", o->claimed, "Claim date, YYYY-MM-DD");
    cmd->add_option("--purchase-region", o->purchase_region, "Region of purchase (default: --region)");
    cmd->add_option("--last-repair", o->last_repair, "Date of the last repair, YYYY-MM-DD");
    cmd->add_option("--fact", o->facts, "A fact of the claim: NAME (it holds), NAME=false, NAME=2 (a count), NAME=2025-03-10 (a date), NAME=VALUE (a choice)");
    query->excludes(batch);
    return [cmd, o, io]() -> int {
        if (!cmd->parsed()) return -1;
        auto policies = !o->image.empty() ? load_image(o->image, io.err)
                        : load_policies(o->paths.empty() ? std::vector<std::string>{bundled_policies()} : o->paths, io.err);
        if (!policies) return 2;
        const LeftAtExit left(policies);
        if (!o->batch.empty()) return run_batch_from(*policies, o->batch, io, o->explain, o->jobs ? o->jobs : default_batch_jobs());
        QueryInput q;
        if (!o->query_json.empty()) {
            auto parsed = parse_query(o->query_json);
            if (auto* e = std::get_if<QueryError>(&parsed)) {
                io.out << encode_error(query_id(o->query_json), *e) << "\n";
                return 1;
            }
            q = std::get<QueryInput>(parsed);
        } else if (!o->model && !o->part && !o->purchased && !o->claimed) {
            io.err << "warrant query: give a claim with --query JSON, --batch FILE, or --model, --part, --purchased and --claimed\n";
            return 2;
        } else {
            q = from_flags(*o);
        }
        auto resolved = resolve_claim(*policies, q);
        if (auto* e = std::get_if<QueryError>(&resolved)) {
            io.out << encode_error(q.id_json, *e) << "\n";
            return 1;
        }
        const auto& [graph, claim] = std::get<ResolvedClaim>(resolved);
        const Decision decision = decide(*graph, claim);
        const bool text = o->format == "text" || (o->format.empty() && o->explain);
        if (text) {
            io.out << render_explanation(*graph, claim, decision);
        } else {
            io.out << encode_answer(*graph, q.id_json, claim, decision, o->explain) << "\n";
        }
        return 0;
    };
}

}  // namespace warrant
