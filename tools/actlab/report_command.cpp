// actlab report: the catalogue table (what `actlab` with no arguments prints).
#include "report_commands.hpp"

#include <actlab/catalog.hpp>
#include <actlab/detail/edit_distance.hpp>
#include <actlab/report/catalogue.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace actlab_cli {

namespace {

struct report_options {
    std::string format = "text";
    int digits = 3;
    std::vector<std::string> acts;
    std::string formula;                  //!< --expr: one more row
    std::vector<std::string> parameters;  //!< --param name=default of --expr
    unsigned threads = 0;
};

//! The catalogue entries named in `names` (all of them when empty); unknown names throw
//! with a did-you-mean.
//! With --expr, the formula is a row of its own (after the --acts rows; alone without them).
std::vector<actlab::report::named_expr> chosen(const report_options& o) {
    std::vector<actlab::report::named_expr> out;
    if (o.acts.empty() && o.formula.empty())
        for (const actlab::activation& a : catalogue())  // a custom tool's own after the rest
            out.push_back(
                {std::string(a.name), std::make_shared<const actlab::expr>(*a.definition)});
    for (const std::string& n : o.acts) {
        const actlab::activation& a = actlab_cli::at(n);
        out.push_back({std::string(a.name), std::make_shared<const actlab::expr>(*a.definition)});
    }
    if (!o.formula.empty() || !o.parameters.empty()) {
        const target t =
            resolve_target({.name = "", .formula = o.formula, .parameters = o.parameters});
        out.push_back({t.name, t.f});
    }
    return out;
}

int run_report(std::ostream& out, const report_options& o) {
    const auto entries = chosen(o);
    actlab::report::progress_fn progress;
    const bool terminal = isatty(fileno(stderr)) != 0;
    if (terminal)
        progress = [](std::size_t done, std::size_t total, std::string_view name) {
            std::cerr << "\ractlab: analysing the catalogue " << done << "/" << total << " ("
                      << name << ")\x1b[K" << std::flush;
        };
    const auto results = actlab::report::analyze_all(entries, o.digits, o.threads, progress,
                                                     false);  // no column shows 2-cycles
    if (terminal) std::cerr << "\r\x1b[K" << std::flush;
    const bool text = o.format == "text";
    const auto t = actlab::report::catalogue_table(results, o.digits, text);
    out << actlab::report::render(t, o.format);
    if (text) out << "\n" << actlab::report::catalogue_legend();
    return 0;
}

}  // namespace

subcommand add_report_command(CLI::App& app) {
    auto o = std::make_shared<report_options>();
    CLI::App* cmd = app.add_subcommand(
        "report", "the catalogue table: one row per activation (what `actlab` alone prints)");
    cmd->footer(
        "Example: actlab report --acts relu,sigmoid,tanh --format md;  "
        "actlab report --expr \"x*tanh(softplus(x))\"");
    cmd->add_option("--format", o->format, "text, md, latex, csv or json")
        ->check(CLI::IsMember({"text", "md", "latex", "csv", "json"}));
    cmd->add_option("--digits", o->digits, "significant digits at most (1..100, default 3)")
        ->check(CLI::Range(1, 100));
    cmd->add_option("--acts", o->acts, "the rows: catalogue names, e.g. relu,sigmoid,tanh")
        ->delimiter(',');
    cmd->add_option("--expr", o->formula, "a formula in x as one more row, e.g. \"x*tanh(x)\"");
    cmd->add_option("--param", o->parameters, "a parameter of --expr with its default: alpha=0.25");
    cmd->add_option("--threads", o->threads, "worker threads (default: one per core)")
        ->check(CLI::Range(1u, 64u));
    return {cmd, [o](std::ostream& out) { return run_report(out, *o); }};
}

std::string subcommand_hint(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return "";
    const std::string given = argv[1];
    std::string best;
    int best_distance = 3;
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_name() == given) return "";
        const int dist = actlab::detail::edit_distance(given, sub->get_name());
        if (dist < best_distance) {
            best_distance = dist;
            best = sub->get_name();
        }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace actlab_cli
