// actlab plot: figures for notes through gnuplot (svg, pdf, png), optionally with the data
// and the script kept for restyling.
#include "report_commands.hpp"

#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/meanfield.hpp>
#include <actlab/catalog.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/report/figures.hpp>

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
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

// The one place that reads the mean-field results: χ1 at (σ_w², σ_b²) and the σ_w² of the
// edge of chaos at σ_b², as doubles for a figure, NaN when unknown (or no finite q*, or no edge).
double figure_value(const actlab::approx& v) {  // the digits shown, as the tables show them
    return v.finite() ? v.shown_value(64).convert_to<double>() : NAN;
}
double chi1_at(const actlab::expr& f, double sigma_w2, double sigma_b2, int digits) {
    const auto r = actlab::mean_field(f, fmt::format("{:g}", sigma_w2),
                                      fmt::format("{:g}", sigma_b2), {.digits = digits});
    return r.q_status == actlab::mean_field_status::fixed_point ||
                   r.q_status == actlab::mean_field_status::zero
               ? figure_value(r.chi1)
               : NAN;
}
double edge_at(const actlab::expr& f, double sigma_b2, int digits) {
    const auto e = actlab::edge_of_chaos(f, fmt::format("{:g}", sigma_b2), {.digits = digits});
    return e.sigma_w2 ? figure_value(*e.sigma_w2) : NAN;
}

//! χ1 over the phase diagram's grid (σ_w² = 0.25, 0.5, …, 4; σ_b² = 0, 0.1, …, 0.5) at 3
//! digits, and the edge of chaos at σ_b² = 0, 0.05, …, 0.5, on two threads. The grid is
//! coarse so that the figure takes seconds: a mean-field point costs some 0.04 s of CPU.
actlab::report::figure phase_of(const std::string& name, const actlab::expr& f) {
    constexpr int n_w = 16, n_b = 6, n_edge = 11, digits = 3;
    std::vector<actlab::report::phase_point> grid(n_w * n_b);
    for (int i = 0; i < n_w; ++i)
        for (int j = 0; j < n_b; ++j) grid[i * n_b + j] = {0.25 * (i + 1), 0.1 * j, NAN};
    std::vector<std::pair<double, double>> edge(n_edge);
    for (int j = 0; j < n_edge; ++j) edge[j] = {NAN, 0.05 * j};
    std::atomic<int> next{0};
    std::exception_ptr failure[2];
    const auto work = [&](std::exception_ptr& failed) noexcept {
        try {
            for (int k; (k = next++) < n_w * n_b + n_edge;) {
                if (k >= n_w * n_b)  // the edge of chaos at one σ_b²
                    edge[k - n_w * n_b].first = edge_at(f, edge[k - n_w * n_b].second, digits);
                else
                    grid[k].chi1 = chi1_at(f, grid[k].sigma_w2, grid[k].sigma_b2, digits);
            }
        } catch (...) {
            failed = std::current_exception();
            next = n_w * n_b + n_edge;  // the other thread stops too
        }
    };
    std::thread helper(work, std::ref(failure[1]));
    work(failure[0]);
    helper.join();
    for (const std::exception_ptr& e : failure)
        if (e) std::rethrow_exception(e);
    std::erase_if(edge, [](const auto& e) { return std::isnan(e.first); });
    return actlab::report::phase_figure(name, grid, edge);
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

constexpr std::string_view kinds[] = {"curve", "derivatives", "nest", "cobweb", "depth", "phase"};

int run_plot(std::ostream& out, const plot_options& o) {
    namespace r = actlab::report;
    checked_choice("plot kind", o.kind, kinds);
    check_output(o.output);
    target_options what = o.what;
    if (o.kind == "phase" && what.name.empty() && what.formula.empty()) what.name = "tanh";
    const target t = resolve_target(what);
    std::vector<std::pair<std::string, std::shared_ptr<const actlab::expr>>> acts{{t.name, t.f}};
    for (const std::string& n : o.compare) {
        const actlab::activation& a = actlab_cli::at(n);
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
        fig = phase_of(t.name, *t.f);
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
    cmd->footer(
        "Example: actlab plot sigmoid --kind nest -o sigmoid_nest.svg;  "
        "actlab plot tanh --kind phase -o phase.png");
    o->what.add_to(*cmd);
    cmd->add_option("--kind", o->kind,
                    "curve, derivatives, nest, cobweb, depth or phase (default curve)");
    cmd->add_option("--compare", o->compare, "more activations (curve, depth): relu,tanh")
        ->delimiter(',');
    cmd->add_option("-o,--output", o->output, "the figure: FILE.svg, FILE.pdf or FILE.png")
        ->required();
    cmd->add_option("--x0", o->x0, "the starting point of the cobweb (default 2)");
    cmd->add_flag("--keep-script", o->keep_script, "keep FILE.gp (data inline) next to it");
    return {cmd, [o](std::ostream& out) { return run_plot(out, *o); }};
}

}  // namespace actlab_cli
