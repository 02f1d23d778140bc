// actlab — the command-line tool: analyses of catalogue activations and typed formulas.
//
//   actlab analyze   NAME | --expr F [--digits N] [--format text|json]
//   actlab orbit     NAME | --expr F --x0 V --depth N [--every] [--digits D] [--format …]
//   actlab meanfield NAME | --expr F --sigma-w2 A --sigma-b2 B [--digits D] [--format …]
//   actlab eoc       NAME | --expr F --sigma-b2 B [--digits D] [--format …]
//   actlab list
//
// Bad input (unknown names, malformed formulas, invalid options) exits with status 2 and one
// line on stderr; numerical failure is reported in the output as unknown (null in JSON).
#include "commands.hpp"
#include "mlp_command.hpp"
#include "report_commands.hpp"

#include <actlab/catalog.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/parse.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace {

// What every analysis subcommand takes: the activation and the output options.
struct common_options {
    std::string name;
    std::string formula;
    std::vector<std::string> parameters;  // "name=default" for --expr formulas
    std::string format = "text";
};

void add_common(CLI::App& cmd, common_options& o) {
    cmd.add_option("name", o.name, "catalogue name or alias (see `actlab list`)");
    cmd.add_option("--expr", o.formula,
                   "a formula in x instead of a name, e.g. \"x*tanh(softplus(x))\"");
    cmd.add_option("--param", o.parameters,
                   "a parameter of the --expr formula with its default, e.g. alpha=0.25");
    cmd.add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
}

actlab_cli::activation resolve(const common_options& o) {
    if (!o.name.empty() && !o.formula.empty())
        throw actlab::error("actlab: give a NAME or --expr, not both");
    if (!o.formula.empty()) {
        std::vector<actlab::expr> params;
        for (const std::string& p : o.parameters) {
            const auto eq = p.find('=');
            if (eq == std::string::npos || eq == 0)
                throw actlab::error("actlab: --param needs name=value, got '" + p + "'");
            params.push_back(actlab::param(p.substr(0, eq), actlab::parse(p.substr(eq + 1))));
        }
        return {o.formula, actlab::parse(o.formula, params)};
    }
    if (o.name.empty()) throw actlab::error("actlab: give an activation NAME or --expr FORMULA");
    const actlab::activation& a = actlab::at(o.name);
    return {std::string(a.name), *a.definition};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"actlab: exact analyses of neural-network activation functions"};
    app.require_subcommand(0, 1);  // none: the catalogue report

    common_options common;
    int digits = 0;

    auto* analyze = app.add_subcommand("analyze", "properties, ranges, fixed points, idempotence");
    add_common(*analyze, common);
    analyze->add_option("--digits", digits, "significant digits (1..1000, default 50)")
        ->check(CLI::Range(1, 1000));

    std::string x0;
    long depth = 0;
    bool every = false;
    auto* orbit =
        app.add_subcommand("orbit", "x_n = f^n(x0) and the gradient product across depth");
    add_common(*orbit, common);
    orbit->add_option("--x0", x0, "starting point (a decimal number)")->required();
    orbit->add_option("--depth", depth, "number of layers (1..100000000)")
        ->required()
        ->check(CLI::Range(1L, 100000000L));
    orbit->add_flag("--every", every, "a row for every n instead of 1, 2, 5, 10, 20, 50, ...");
    orbit->add_option("--digits", digits, "significant digits (1..1000, default 50)")
        ->check(CLI::Range(1, 1000));

    std::string sigma_w2, sigma_b2;
    auto* meanfield = app.add_subcommand("meanfield", "mean-field q*, chi1, c*, depth scales");
    add_common(*meanfield, common);
    meanfield->add_option("--sigma-w2", sigma_w2, "weight variance (a decimal number > 0)")
        ->required();
    meanfield->add_option("--sigma-b2", sigma_b2, "bias variance (a decimal number >= 0)")
        ->required();
    meanfield->add_option("--digits", digits, "significant digits (1..200, default 20)")
        ->check(CLI::Range(1, 200));

    auto* eoc = app.add_subcommand("eoc", "the edge of chaos: sigma_w2 with chi1 = 1");
    add_common(*eoc, common);
    eoc->add_option("--sigma-b2", sigma_b2, "bias variance (a decimal number >= 0)")->required();
    eoc->add_option("--digits", digits, "significant digits (1..100, default 15)")
        ->check(CLI::Range(1, 100));

    auto* list = app.add_subcommand("list", "the catalogue: names, aliases, formulas");
    auto* mlp = actlab_cli::add_mlp_command(app);
    const auto notes = actlab_cli::add_report_commands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        for (char& c : message)
            if (c == '\n') c = ' ';
        std::cerr << "actlab: " << message << actlab_cli::subcommand_hint(app, argc, argv)
                  << " (see actlab --help)\n";
        return 2;
    }

    try {
        if (list->parsed()) return actlab_cli::list(std::cout);
        if (mlp->parsed()) return actlab_cli::run_mlp(std::cout);
        if (const int rc = actlab_cli::run_report_commands(app, notes, std::cout); rc >= 0)
            return rc;
        const actlab_cli::activation a = resolve(common);
        const bool json = common.format == "json";
        if (analyze->parsed()) return actlab_cli::analyze(std::cout, a, digits ? digits : 50, json);
        if (orbit->parsed())
            return actlab_cli::orbit(std::cout, a, x0, depth, every, digits ? digits : 50, json);
        if (meanfield->parsed())
            return actlab_cli::meanfield(std::cout, a, sigma_w2, sigma_b2, digits ? digits : 20,
                                         json);
        if (eoc->parsed())
            return actlab_cli::eoc(std::cout, a, sigma_b2, digits ? digits : 15, json);
    } catch (const actlab::error& e) {
        std::string message = e.what();
        for (char& c : message)
            if (c == '\n') c = ' ';
        std::cerr << (message.rfind("actlab:", 0) == 0 ? "" : "actlab: ") << message << "\n";
        return 2;
    }
    return 0;
}
