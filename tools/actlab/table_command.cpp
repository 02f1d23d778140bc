// actlab table TOPIC: the tables for study notes (nonlinearity, nesting, derivatives, depth,
// meanfield, learnable) in text, Markdown, LaTeX, CSV or JSON.
#include "report_commands.hpp"

#include <actlab/catalog.hpp>
#include <actlab/detail/edit_distance.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/report/notes.hpp>

#include <memory>
#include <string>
#include <vector>

namespace actlab_cli {

std::string checked_choice(const std::string& what, const std::string& given,
                           std::span<const std::string_view> choices) {
    std::string best, all;
    int best_distance = 4;
    for (const std::string_view t : choices) {
        if (t == given) return given;
        all += (all.empty() ? "" : ", ") + std::string(t);
        const bool prefix = !given.empty() && t.substr(0, given.size()) == given;
        const int dist = prefix ? 0 : actlab::detail::edit_distance(given, t);
        if (dist < best_distance) {
            best_distance = dist;
            best = t;
        }
    }
    throw actlab::error("actlab: unknown " + what + " '" + given + "'" +
                        (best.empty() ? "" : " (did you mean '" + best + "'?)") + "; " + what +
                        "s: " + all);
}

namespace {

struct table_options {
    std::string topic;
    std::string format = "text";
    int digits = 4;
    std::vector<std::string> acts;
};

actlab::report::table build(const table_options& o) {
    const std::string topic = checked_choice("table topic", o.topic, actlab::report::note_topics);
    std::vector<std::string> names = o.acts.empty() ? actlab::report::default_rows(topic) : o.acts;
    std::vector<actlab::report::named_expr> entries;
    for (std::string& n : names) {
        const actlab::activation& a = actlab_cli::at(n);
        n = std::string(a.name);
        entries.push_back({n, std::make_shared<const actlab::expr>(*a.definition)});
    }
    namespace r = actlab::report;
    if (topic == "learnable") return r::learnable_table(names);
    if (topic == "meanfield") return r::meanfield_table(entries, o.digits);
    // depth: (sup|f'|)^1000 needs 4 digits more than it shows (log10 1000 + 1).
    const auto results = r::analyze_all(entries, topic == "depth" ? o.digits + 4 : o.digits);
    for (const r::analysed& a : results)
        if (!a.report) throw actlab::error(a.error);
    if (topic == "nonlinearity") return r::nonlinearity_table(results, o.digits);
    if (topic == "nesting") return r::nesting_table(results, o.digits);
    if (topic == "derivatives") return r::derivatives_table(results, o.digits);
    return r::depth_table(results, o.digits);
}

}  // namespace

subcommand add_table_command(CLI::App& app) {
    auto o = std::make_shared<table_options>();
    CLI::App* cmd = app.add_subcommand(
        "table",
        "a table for notes: nonlinearity, nesting, derivatives, depth, meanfield, learnable");
    cmd->footer("Example: actlab table nonlinearity --format md");
    cmd->add_option("topic", o->topic,
                    "nonlinearity, nesting, derivatives, depth, meanfield "
                    "or learnable")
        ->required();
    cmd->add_option("--format", o->format, "text, md, latex, csv or json")
        ->check(CLI::IsMember({"text", "md", "latex", "csv", "json"}));
    cmd->add_option("--digits", o->digits, "significant digits at most (1..100, default 4)")
        ->check(CLI::Range(1, 100));
    cmd->add_option("--acts", o->acts, "the rows: catalogue names, e.g. relu,sigmoid,tanh")
        ->delimiter(',');
    return {cmd, [o](std::ostream& out) {
                const actlab::report::table t = build(*o);
                out << (o->format == "text" ? actlab::report::to_terminal(t)
                                            : actlab::report::render(t, o->format));
                return 0;
            }};
}

}  // namespace actlab_cli
