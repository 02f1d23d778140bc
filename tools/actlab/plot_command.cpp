// actlab plot: figures for notes through gnuplot (svg, pdf, png), optionally with the data
// and the script kept for restyling.
#include "report_commands.hpp"

#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/report/figures.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

namespace actlab_cli {

namespace {

struct plot_options {
    target_options what;
    std::string kind = "curve";
    std::vector<std::string> compare;
    std::string output;
    bool keep_script = false;
    double x0 = 2;
};

//! The certified fixed points of f (as doubles, for marking them on a figure).
std::vector<double> fixed_points_of(const actlab::expr& f) {
    const actlab::analysis_report r =
        actlab::detail::on_large_stack([&] { return actlab::analyze(f, {.digits = 6}); });
    std::vector<double> out;
    for (const actlab::fixed_point_report& p : r.fixed_points)
        if (p.x.finite()) out.push_back(p.x.value().convert_to<double>());
    return out;
}

void check_output(const std::string& output) {
    actlab::plot probe(output);
    (void)probe.terminal();  // throws for an extension other than .svg, .pdf, .png
    const std::filesystem::path dir = std::filesystem::path(output).parent_path();
    const std::string d = dir.empty() ? "." : dir.string();
    if (!std::filesystem::is_directory(d) || access(d.c_str(), W_OK) != 0)
        throw actlab::error("actlab: plot: cannot write '" + output + "' (no writable directory '" +
                            d + "')");
}

int run_plot(std::ostream& out, const plot_options& o) {
    namespace r = actlab::report;
    check_output(o.output);
    const target t = resolve_target(o.what);
    std::vector<std::pair<std::string, std::shared_ptr<const actlab::expr>>> acts{{t.name, t.f}};
    for (const std::string& n : o.compare) {
        const actlab::activation& a = actlab::at(n);
        acts.emplace_back(std::string(a.name), std::make_shared<const actlab::expr>(*a.definition));
    }
    r::figure fig;
    if (o.kind == "curve")
        fig = r::curve_figure(acts);
    else if (o.kind == "derivatives")
        fig = r::derivatives_figure(t.name, *t.f);
    else if (o.kind == "nest")
        fig = r::nest_figure(t.name, *t.f);
    else if (o.kind == "cobweb")
        fig = r::cobweb_figure(t.name, *t.f, o.x0, fixed_points_of(*t.f));
    else if (o.kind == "depth")
        fig = r::depth_figure(acts);
    else
        throw actlab::error(
            "actlab: plot --kind phase is not available yet: the mean-field "
            "engine is too slow for a grid of (sigma_w^2, sigma_b^2)");
    actlab::plot p(o.output, {.width = 900, .height = 560, .keep_script = o.keep_script});
    const std::string body = r::figure_script(fig, p);
    try {
        p.run(body);
    } catch (...) {
        std::filesystem::remove(o.output);  // no partial figure
        throw;
    }
    if (o.keep_script) out << "kept " << o.output << ".gp (data and script)\n";
    return 0;
}

}  // namespace

subcommand add_plot_command(CLI::App& app) {
    auto o = std::make_shared<plot_options>();
    CLI::App* cmd = app.add_subcommand("plot", "a figure for notes through gnuplot");
    cmd->footer("Example: actlab plot sigmoid --kind nest -o sigmoid_nest.svg");
    o->what.add_to(*cmd);
    cmd->add_option("--kind", o->kind, "curve, derivatives, nest, cobweb, depth or phase")
        ->check(CLI::IsMember({"curve", "derivatives", "nest", "cobweb", "depth", "phase"}));
    cmd->add_option("--compare", o->compare, "more activations (curve, depth): relu,tanh")
        ->delimiter(',');
    cmd->add_option("-o,--output", o->output, "the figure: FILE.svg, FILE.pdf or FILE.png")
        ->required();
    cmd->add_option("--x0", o->x0, "the starting point of the cobweb (default 2)");
    cmd->add_flag("--keep-script", o->keep_script, "keep FILE.gp (data inline) next to it");
    return {cmd, [o](std::ostream& out) { return run_plot(out, *o); }};
}

}  // namespace actlab_cli
