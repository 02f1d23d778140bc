// actlab — the command-line tool: analyses of catalogue activations and typed formulas.
//
//   actlab analyze   NAME | --expr F [--digits N] [--format text|json]
//   actlab orbit     NAME | --expr F --x0 V --depth N [--every] [--digits D]
//                    [--format text|json|md|latex|csv]
//   actlab meanfield NAME | --expr F --sigma-w2 A --sigma-b2 B [--digits D] [--format …]
//   actlab eoc       NAME | --expr F --sigma-b2 B [--digits D] [--format …]
//   actlab list
//   (meanfield and eoc: --format text, json, md, latex or csv)
//
// Exit statuses (docs/reference/exit_status.md): 0 a result (unknowns marked in it, null in
// JSON); 1 the output could not be written; 2 bad input (unknown names, malformed formulas,
// formulas not proved defined and finite on all of R, invalid options); 3 an internal
// failure. Every failure is one line on stderr and nothing on stdout.
#include "actlab_tool.hpp"
#include "commands.hpp"
#include "mlp_command.hpp"
#include "report_commands.hpp"

#include <actlab/analysis/domain.hpp>
#include <actlab/catalog.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/parse.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <new>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

// What every analysis subcommand takes: the activation and the output options.
struct common_options {
    std::string name;
    std::string formula;
    std::vector<std::string> parameters;  // "name=default" for --expr formulas
    std::string format = "text";
};

void add_common(CLI::App& cmd, common_options& o,
                const std::vector<std::string>& formats = {"text", "json"}) {
    cmd.add_option("name", o.name, "catalogue name or alias (see `actlab list`)");
    cmd.add_option("--expr", o.formula,
                   "a formula in x instead of a name, e.g. \"x*tanh(softplus(x))\"");
    cmd.add_option("--param", o.parameters,
                   "a parameter of the --expr formula with its default, e.g. alpha=0.25");
    std::string help;
    for (std::size_t k = 0; k < formats.size(); ++k)
        help += (k == 0 ? "" : k + 1 == formats.size() ? " or " : ", ") + formats[k];
    cmd.add_option("--format", o.format, help)->check(CLI::IsMember(formats));
}

//! The "name=value" of each --param, a repeated name an error.
std::vector<std::pair<std::string, std::string>> split_parameters(const common_options& o) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& p : o.parameters) {
        const auto eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            throw actlab::error("actlab: --param needs name=value, got '" + p + "'");
        for (const auto& [name, value] : out)
            if (name == p.substr(0, eq))
                throw actlab::error("actlab: --param " + name + " is given twice");
        out.emplace_back(p.substr(0, eq), p.substr(eq + 1));
    }
    return out;
}

//! A catalogue entry with its parameters' defaults replaced by the --param values (each a
//! number, each a parameter of the entry).
actlab::expr with_parameters(const actlab::activation& a,
                             const std::vector<std::pair<std::string, std::string>>& given) {
    actlab::expr f = *a.definition;
    for (const auto& [name, text] : given) {
        const actlab::expr v = actlab::parse(text);
        if (v.size() != 1 || v.nodes[0].kind != actlab::op::number)
            throw actlab::error("actlab: --param " + name + " needs a number, got '" + text + "'");
        bool found = false;
        for (int k = 0; k < f.n_parameters; ++k) {
            if (f.parameters[k].name_view() != name) continue;
            f.parameters[k].default_value = v.constants[0];
            found = true;
        }
        if (!found)
            throw actlab::error("actlab: " + std::string(a.name) + " has no parameter '" + name +
                                "'");
    }
    return f;
}

//! The activation of a command, proved defined and finite on all of R (else an error).
actlab_cli::activation resolve(const common_options& o, const std::string& command) {
    if (!o.name.empty() && !o.formula.empty())
        throw actlab::error("actlab: give a NAME or --expr, not both");
    const auto given = split_parameters(o);
    actlab_cli::activation out;
    if (!o.formula.empty()) {
        std::vector<actlab::expr> params;
        for (const auto& [name, value] : given)
            params.push_back(actlab::param(name, actlab::parse(value)));
        out = {o.formula, actlab::parse(o.formula, params)};
    } else {
        if (o.name.empty())
            throw actlab::error("actlab: give an activation NAME or --expr FORMULA");
        const actlab::activation& a = actlab_cli::at(o.name);
        out = {std::string(a.name), with_parameters(a, given)};
    }
    actlab::require_defined_on_reals(out.f, command);
    return out;
}

//! One line on stderr beginning "actlab: "; returns the exit status.
int fail_with(std::string message, int status) {
    for (char& c : message)
        if (c == '\n') c = ' ';
    std::cerr << (message.rfind("actlab:", 0) == 0 ? "" : "actlab: ") << message << "\n";
    return status;
}

}  // namespace

// The tool's main (actlab_main.cpp calls it without extras; a custom tool with its own).
int actlab_cli::run(int argc, char** argv, std::span<const actlab::activation> extra) {
    try {
        actlab_cli::add_activations(extra);
    } catch (const std::logic_error& e) {
        return fail_with(std::string("internal error: ") + e.what(), 3);
    }
    CLI::App app{"actlab: exact analyses of neural-network activation functions"};
    app.require_subcommand(0, 1);  // none: the catalogue report
    app.set_version_flag("--version", std::string("actlab ") + ACTLAB_VERSION,
                         "the version (the CMake project's) and exit");
    app.footer(
        "Example: actlab (the catalogue table);  actlab table nonlinearity --format md;  "
        "actlab COMMAND --help");

    common_options common;
    int digits = 0;

    auto* analyze = app.add_subcommand("analyze", "properties, ranges, fixed points, idempotence");
    analyze->footer("Example: actlab analyze gelu --digits 20");
    add_common(*analyze, common);
    analyze->add_option("--digits", digits, "significant digits (1..1000, default 50)")
        ->check(CLI::Range(1, 1000));

    std::string x0;
    long depth = 0;
    bool every = false;
    auto* orbit =
        app.add_subcommand("orbit", "x_n = f^n(x0) and the gradient product across depth");
    orbit->footer("Example: actlab orbit sigmoid --x0 1 --depth 1000 --digits 10");
    add_common(*orbit, common, {"text", "json", "md", "latex", "csv"});
    orbit->add_option("--x0", x0, "starting point (a decimal number)")->required();
    orbit->add_option("--depth", depth, "number of layers (1..100000000)")
        ->required()
        ->check(CLI::Range(1L, 100000000L));
    orbit->add_flag("--every", every, "a row for every n instead of 1, 2, 5, 10, 20, 50, ...");
    orbit->add_option("--digits", digits, "significant digits (1..1000, default 50)")
        ->check(CLI::Range(1, 1000));

    std::string sigma_w2, sigma_b2;
    auto* meanfield = app.add_subcommand("meanfield", "mean-field q*, chi1, c*, depth scales");
    meanfield->footer("Example: actlab meanfield tanh --sigma-w2 2.778 --sigma-b2 0.05 --digits 6");
    add_common(*meanfield, common, {"text", "json", "md", "latex", "csv"});
    meanfield->add_option("--sigma-w2", sigma_w2, "weight variance (a decimal number > 0)")
        ->required();
    meanfield->add_option("--sigma-b2", sigma_b2, "bias variance (a decimal number >= 0)")
        ->required();
    meanfield->add_option("--digits", digits, "significant digits (1..200, default 20)")
        ->check(CLI::Range(1, 200));

    auto* eoc = app.add_subcommand("eoc", "the edge of chaos: sigma_w2 with chi1 = 1");
    eoc->footer("Example: actlab eoc tanh --sigma-b2 0.05");
    add_common(*eoc, common, {"text", "json", "md", "latex", "csv"});
    eoc->add_option("--sigma-b2", sigma_b2, "bias variance (a decimal number >= 0)")->required();
    eoc->add_option("--digits", digits, "significant digits (1..100, default 15)")
        ->check(CLI::Range(1, 100));

    auto* list = app.add_subcommand("list", "the catalogue: names, aliases, formulas");
    list->footer("Example: actlab list");
    auto* mlp = actlab_cli::add_mlp_command(app);
    const auto notes = actlab_cli::add_report_commands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return std::cout.flush() ? 0 : fail_with("cannot write the output (stdout)", 1);
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << "\n";
        return std::cout.flush() ? 0 : fail_with("cannot write the output (stdout)", 1);
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return std::cout.flush() ? 0 : fail_with("cannot write the output (stdout)", 1);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        for (char& c : message)
            if (c == '\n') c = ' ';
        std::cerr << "actlab: " << message << actlab_cli::subcommand_hint(app, argc, argv)
                  << " (see actlab --help)\n";
        return 2;
    }

    int status = 0;
    try {
        // Into a buffer: stdout gets the whole output or, on any failure, nothing.
        std::ostringstream out;
        const auto command = [&](const char* name) { return resolve(common, name); };
        const bool json = common.format == "json";
        if (list->parsed())
            status = actlab_cli::list(out);
        else if (mlp->parsed())
            status = actlab_cli::run_mlp(out);
        else if (const int rc = actlab_cli::run_report_commands(app, notes, out); rc >= 0)
            status = rc;
        else if (analyze->parsed())
            status = actlab_cli::analyze(out, command("analyze"), digits ? digits : 50, json);
        else if (orbit->parsed())
            status = actlab_cli::orbit(out, command("orbit"), x0, depth, every,
                                       digits ? digits : 50, common.format);
        else if (meanfield->parsed())
            status = actlab_cli::meanfield(out, command("meanfield"), sigma_w2, sigma_b2,
                                           digits ? digits : 20, common.format);
        else if (eoc->parsed())
            status =
                actlab_cli::eoc(out, command("eoc"), sigma_b2, digits ? digits : 15, common.format);
        std::cout << out.str();
    } catch (const actlab::error& e) {
        return fail_with(e.what(), 2);
    } catch (const std::bad_alloc&) {
        return fail_with("out of memory", 3);
    } catch (const std::exception& e) {
        return fail_with(std::string("internal error: ") + e.what(), 3);
    } catch (...) {
        return fail_with("internal error", 3);
    }
    // A full disk or a closed stdout: the output is incomplete, which must not pass for success.
    if (!std::cout.flush()) return fail_with("cannot write the output (stdout)", 1);
    return status;
}
