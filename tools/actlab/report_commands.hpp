// The note-writing commands of the actlab tool (issue 14): report (the catalogue table, also
// what `actlab` with no arguments prints), show, table, diff and plot.
#pragma once

#include "actlab_tool.hpp"

#include <CLI/CLI.hpp>

#include <actlab/expr/expression.hpp>

#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actlab_cli {

//! A registered subcommand and what runs it once it has been parsed.
struct subcommand {
    CLI::App* app = nullptr;
    std::function<int(std::ostream&)> run;
};

subcommand add_report_command(CLI::App& app);
subcommand add_table_command(CLI::App& app);
subcommand add_show_command(CLI::App& app);
subcommand add_diff_command(CLI::App& app);
subcommand add_plot_command(CLI::App& app);

//! report first: it is what runs when no subcommand is given.
inline std::vector<subcommand> add_report_commands(CLI::App& app) {
    return {add_report_command(app), add_table_command(app), add_show_command(app),
            add_diff_command(app), add_plot_command(app)};
}

//! Runs the parsed one of `commands`, or the first (report) when `app` got no subcommand;
//! -1 when another subcommand was parsed.
inline int run_report_commands(const CLI::App& app, const std::vector<subcommand>& commands,
                               std::ostream& out) {
    for (const subcommand& c : commands)
        if (c.app->parsed()) return c.run(out);
    if (app.get_subcommands().empty()) return commands.front().run(out);
    return -1;
}

//! What show, diff and plot work on: a catalogue NAME or an --expr formula with --param.
struct target_options {
    std::string name, formula;
    std::vector<std::string> parameters;  //!< "name=default"
    //! Registers NAME, --expr and --param on a subcommand.
    void add_to(CLI::App& cmd) {
        cmd.add_option("name", name, "catalogue name or alias (see `actlab list`)");
        cmd.add_option("--expr", formula, "a formula in x instead of a name, e.g. \"x*tanh(x)\"");
        cmd.add_option("--param", parameters, "a parameter of --expr with its default: alpha=0.25");
    }
};

//! The display name and the expression (on the heap); bad input throws actlab::error.
struct target {
    std::string name;
    std::shared_ptr<const actlab::expr> f;
};
target resolve_target(const target_options& o);

//! `given` when it is one of `choices`, else an actlab::error "unknown WHAT 'given' (did you
//! mean '…'?); WHATs: …" (a prefix or a close spelling is suggested).
std::string checked_choice(const std::string& what, const std::string& given,
                           std::span<const std::string_view> choices);

//! " (did you mean 'report'?)" when the first argument looks like a misspelt subcommand.
std::string subcommand_hint(const CLI::App& app, int argc, char** argv);

}  // namespace actlab_cli
