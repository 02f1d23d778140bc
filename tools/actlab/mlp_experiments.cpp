// actlab mlp fit --target abs --interval -3,3 --widths 1,2,4,...,256 --acts relu,tanh,sin,...
// actlab mlp depth --act tanh --layers 50 --width 200 --sigma-w2 1 --sigma-b2 0.05 --seeds 10
// actlab mlp --model activations-only|kan ...
#include "mlp_experiments.hpp"

#include <actlab/catalog.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/mlp/experiments/activations_only.hpp>
#include <actlab/mlp/experiments/data.hpp>
#include <actlab/mlp/experiments/depth.hpp>
#include <actlab/mlp/experiments/kan.hpp>
#include <actlab/mlp/experiments/learnable.hpp>
#include <actlab/mlp/experiments/polynomial_fit.hpp>
#include <actlab/mlp/experiments/width.hpp>
#include <actlab/mlp/report.hpp>
#include <actlab/report/meanfield.hpp>
#include <actlab/report/number.hpp>
#include <actlab/report/plot.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace actlab_cli {
namespace {

namespace mlp = actlab::mlp;
namespace ex = actlab::mlp::experiments;

[[noreturn]] void bad(const std::string& command, const std::string& what) {
    throw actlab::error("actlab: mlp " + command + ": " + what);
}

int thread_count(int asked) {
    return asked > 0 ? asked : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::vector<std::string> seed_list(const std::string& seed, int n) {
    return mlp::derive_seeds(seed, n);
}

void write_table(std::ostream& out, const mlp::table& t, const std::string& format) {
    mlp::render(out, t, format);
}

// The options of a table and its figure, shared by `mlp fit` and `mlp depth`.
struct output_options {
    std::string format = "text";
    std::string plot;
    bool keep_script = false;
    int threads = 0;
};

void add_output_options(CLI::App& c, output_options& o, const std::string& figure) {
    c.add_option("--format", o.format, "text, md, csv or json")
        ->check(CLI::IsMember({"text", "md", "csv", "json"}));
    c.add_option("--plot", o.plot, figure + " (.svg/.png/.pdf)");
    c.add_flag("--keep-script", o.keep_script, "keep the gnuplot script FILE.gp");
    c.add_option("--threads", o.threads, "threads (default: all cores)");
}

// ---- mlp fit ---------------------------------------------------------------------------------

struct fit_options {
    std::string target = "abs";
    std::vector<double> interval = {-3, 3};
    std::vector<int> widths = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    std::vector<std::string> acts = {"relu", "tanh", "sin", "square", "identity"};
    int seeds = 1;
    std::string seed = "0";
    long steps = 2000;
    double lr = 0.01;
    int points = 512;
    int test_points = 2001;
    output_options output;
};

fit_options fit;
CLI::App* fit_cmd = nullptr;

void add_fit(CLI::App& mlp) {
    fit_cmd = mlp.add_subcommand(
        "fit", "universal approximation: one hidden layer of each width fitted to f(x)");
    auto& o = fit;
    auto& c = *fit_cmd;
    c.add_option("--target", o.target, "a catalogue name or a formula in x (default abs)");
    c.add_option("--interval", o.interval, "a,b (default -3,3)")->delimiter(',')->expected(2);
    c.add_option("--widths", o.widths, "hidden widths (default 1,2,4,...,256)")->delimiter(',');
    c.add_option("--acts", o.acts, "activations (default relu,tanh,sin,square,identity)")
        ->delimiter(',');
    c.add_option("--seeds", o.seeds, "seeds per width and activation (default 1)");
    c.add_option("--seed", o.seed, "the first seed string (default 0)");
    c.add_option("--steps", o.steps, "Adam steps, full batch (default 2000)");
    c.add_option("--lr", o.lr, "Adam's learning rate (default 0.01)");
    c.add_option("--points", o.points,
                 "training grid points (default 512, at least 2 × the widest layer)");
    c.add_option("--test-points", o.test_points, "points of the error grid (default 2001)");
    add_output_options(c, o.output, "log-log figure of the error against width");
}

struct fit_row {
    std::string act;
    int width = 0;
    std::vector<ex::width_fit> runs;  // one per seed
};

double median_of(const fit_row& r, double ex::width_fit::* field) {
    std::vector<double> v;
    for (const auto& e : r.runs) v.push_back(e.*field);
    return ex::median(v);
}

void check_fit() {
    const auto& o = fit;
    if (!(o.interval[0] < o.interval[1]) || !std::isfinite(o.interval[0]) ||
        !std::isfinite(o.interval[1]))
        bad("fit", "--interval a,b needs finite a < b");
    for (const int w : o.widths)
        if (w < 1 || w > 4096)
            bad("fit", "--widths: width " + std::to_string(w) + " is not 1..4096");
    if (o.seeds < 1 || o.seeds > 1000) bad("fit", "--seeds must be 1..1000");
    if (o.seed.empty()) bad("fit", "--seed: an empty seed");
    if (o.steps < 0 || o.steps > 10000000) bad("fit", "--steps must be 0..10000000");
    if (!(o.lr > 0) || !std::isfinite(o.lr)) bad("fit", "--lr must be a positive number");
    if (o.points < 3 || o.points > 100000) bad("fit", "--points must be 3..100000");
    for (const int w : o.widths)
        if (o.points < 2 * w)
            bad("fit", "--points " + std::to_string(o.points) + " is less than twice the width " +
                           std::to_string(w) +
                           " (the output layer's least squares would interpolate, not fit)");
    if (o.test_points < 2 || o.test_points > 1000000)
        bad("fit", "--test-points must be 2..1000000");
    if (o.output.threads < 0) bad("fit", "--threads must be >= 0");
}

void plot_fit(const std::vector<fit_row>& rows, const ex::polynomial_fit& line,
              const ex::polynomial_fit& quadratic) {
    actlab::plot p(fit.output.plot,
                   {.width = 900, .height = 600, .keep_script = fit.output.keep_script});
    std::string body =
        "set logscale xy\nset xlabel 'width'\nset ylabel 'max error on the dense grid'\n"
        "set key outside right\nset grid\nset title 'fitting " +
        fit.target + "' noenhanced\nplot ";
    for (std::size_t a = 0; a < fit.acts.size(); ++a) {
        std::string data;
        for (const auto& r : rows)
            if (r.act == fit.acts[a])
                data += std::to_string(r.width) + " " +
                        mlp::shortest(median_of(r, &ex::width_fit::max_error)) + "\n";
        p.data("a" + std::to_string(a), data);
        body += (a ? ", " : "") + std::string("$a") + std::to_string(a) +
                " using 1:2 with linespoints lw 2 title '" + fit.acts[a] + "' noenhanced";
    }
    body += ", " + mlp::shortest(line.max_value) +
            " with lines dt 2 lc rgb 'gray40' title 'best line', " +
            mlp::shortest(quadratic.max_value) +
            " with lines dt 3 lc rgb 'gray20' title 'best quadratic'";
    p.run(body + "\n");
}

void write_fit_json(std::ostream& out, const std::vector<fit_row>& rows,
                    const ex::polynomial_fit& line, const ex::polynomial_fit& quadratic) {
    const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
    out << "{\n  \"target\": ";
    str(fit.target);
    out << ", \"interval\": [";
    str(mlp::shortest(fit.interval[0]));
    out << ", ";
    str(mlp::shortest(fit.interval[1]));
    out << "], \"seeds\": " << fit.seeds << ",\n  \"rows\": [";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        out << (k ? ",\n" : "\n") << "    {\"activation\": ";
        str(rows[k].act);
        out << ", \"width\": " << rows[k].width << ", \"max_error\": ";
        str(mlp::shortest(median_of(rows[k], &ex::width_fit::max_error)));
        out << ", \"rms_error\": ";
        str(mlp::shortest(median_of(rows[k], &ex::width_fit::rms_error)));
        out << "}";
    }
    out << "\n  ],\n  \"plateaus\": [";
    for (const auto* q : {&line, &quadratic}) {
        out << (q == &line ? "\n" : ",\n") << "    {\"degree\": " << q->degree
            << ", \"max_error\": ";
        str(q->max_error);
        out << ", \"rms_error\": ";
        str(q->rms_error);
        out << "}";
    }
    out << "\n  ]\n}\n";
}

void write_fit_table(std::ostream& out, const std::vector<fit_row>& rows,
                     const ex::polynomial_fit& line, const ex::polynomial_fit& quadratic) {
    mlp::table t;
    t.header = {"activation", "width", "max_error", "rms_error"};
    if (fit.seeds > 1) t.header.insert(t.header.end(), {"max_error_min", "max_error_max"});
    for (const auto& r : rows) {
        std::vector<std::string> row = {r.act, std::to_string(r.width),
                                        ex::rounded(median_of(r, &ex::width_fit::max_error)),
                                        ex::rounded(median_of(r, &ex::width_fit::rms_error))};
        if (fit.seeds > 1) {
            double lo = INFINITY, hi = -INFINITY;
            for (const auto& e : r.runs) {
                lo = std::min(lo, e.max_error);
                hi = std::max(hi, e.max_error);
            }
            row.push_back(ex::rounded(lo));
            row.push_back(ex::rounded(hi));
        }
        t.rows.push_back(row);
    }
    for (const auto* q : {&line, &quadratic})
        t.rows.push_back(
            {q->degree == 1 ? "best line" : "best quadratic", "-", q->max_error, q->rms_error});
    if (fit.seeds > 1)
        for (std::size_t k = t.rows.size() - 2; k < t.rows.size(); ++k)
            t.rows[k].insert(t.rows[k].end(), {"-", "-"});
    write_table(out, t, fit.output.format);
    if (fit.output.format != "text") return;
    out << "\nerrors on " << fit.test_points << " equispaced points of [" << fit.interval[0] << ", "
        << fit.interval[1] << "]"
        << (fit.seeds > 1 ? "; median over " + std::to_string(fit.seeds) + " seeds" : "")
        << ". Training: Adam (" << fit.steps << " full-batch steps, lr " << fit.lr << ") on "
        << fit.points
        << " equispaced points, then the output layer solved exactly by linear least squares "
           "(Eigen, complete orthogonal decomposition).\n"
           "best line / best quadratic: the least-squares polynomial of degree 1 / 2 on the same "
           "training points (computed apart, Householder QR in double and long double, agreeing "
           "digits): a hidden layer of identity units spans only lines, one of square units only "
           "quadratics, so their errors cannot fall below these with any width.\n";
}

int run_fit(std::ostream& out) {
    check_fit();
    const ex::target_function f = ex::make_target(fit.target);
    std::vector<mlp::activation_kernel<double>> kernels;
    for (const std::string& a : fit.acts)
        kernels.push_back(mlp::catalog_kernel<double>(actlab::at(a)));
    ex::width_options wo{.a = fit.interval[0],
                         .b = fit.interval[1],
                         .train_points = fit.points,
                         .test_points = fit.test_points,
                         .steps = fit.steps,
                         .learning_rate = fit.lr};
    for (const double x : ex::grid(wo.a, wo.b, wo.test_points))
        if (!std::isfinite(f(x)))
            bad("fit", "the target '" + fit.target + "' is not finite at " + mlp::shortest(x));
    const std::vector<std::string> seeds = seed_list(fit.seed, fit.seeds);
    std::vector<fit_row> rows;
    for (const std::string& a : fit.acts)
        for (const int w : fit.widths)
            rows.push_back({a, w, std::vector<ex::width_fit>(seeds.size())});
    const std::size_t per_row = seeds.size();
    ex::parallel_for(rows.size() * per_row, thread_count(fit.output.threads), [&](std::size_t k) {
        fit_row& r = rows[k / per_row];
        const std::size_t a = static_cast<std::size_t>(
            std::find(fit.acts.begin(), fit.acts.end(), r.act) - fit.acts.begin());
        r.runs[k % per_row] = ex::fit_width(kernels[a], f, r.width, seeds[k % per_row], wo);
    });
    const ex::polynomial_fit line =
        ex::best_polynomial(f, 1, wo.a, wo.b, wo.train_points, wo.test_points);
    const ex::polynomial_fit quadratic =
        ex::best_polynomial(f, 2, wo.a, wo.b, wo.train_points, wo.test_points);
    if (fit.output.format == "json")
        write_fit_json(out, rows, line, quadratic);
    else
        write_fit_table(out, rows, line, quadratic);
    if (!fit.output.plot.empty()) plot_fit(rows, line, quadratic);
    return 0;
}

// ---- mlp depth -------------------------------------------------------------------------------

struct depth_cli {
    std::string act = "tanh";
    std::string expr;
    int layers = 50;
    int width = 200;
    std::string sigma_w2 = "1", sigma_b2 = "0";
    int seeds = 10;
    std::string seed = "0";
    output_options output;
};

depth_cli depth;
CLI::App* depth_cmd = nullptr;

void add_depth(CLI::App& mlp) {
    depth_cmd = mlp.add_subcommand(
        "depth", "gradient norms across the layers of a random network against the mean field");
    auto& o = depth;
    auto& c = *depth_cmd;
    c.add_option("--act", o.act, "activation (catalogue name, default tanh)");
    c.add_option("--layers", o.layers, "depth L (default 50)");
    c.add_option("--width", o.width, "width N (default 200)");
    c.add_option("--sigma-w2", o.sigma_w2, "weight variance σ_w² (weights N(0, σ_w²/N))");
    c.add_option("--sigma-b2", o.sigma_b2, "bias variance σ_b² (default 0)");
    c.add_option("--seeds", o.seeds, "random networks (default 10)");
    c.add_option("--seed", o.seed, "the first seed string (default 0)");
    add_output_options(c, o.output, "figure of ln‖g_l‖² against the layer");
}

double decimal_arg(const std::string& text, const std::string& what, bool positive) {
    std::size_t used = 0;
    double v = NAN;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(v) || v < 0 || (positive && v == 0))
        bad("depth",
            what + " '" + text + "' must be a decimal number " + (positive ? "> 0" : ">= 0"));
    return v;
}

struct depth_result {
    ex::mean_field_prediction mf;
    std::vector<std::vector<double>> norms;  // per seed, per layer
    std::vector<double> slopes;              // per seed
    double mean_slope = 0, sd_slope = 0;
};

depth_result measure_depth(const mlp::activation_kernel<double>& k, const actlab::expr& f) {
    const auto& o = depth;
    ex::depth_options d{.layers = o.layers,
                        .width = o.width,
                        .sigma_w2 = decimal_arg(o.sigma_w2, "--sigma-w2", true),
                        .sigma_b2 = decimal_arg(o.sigma_b2, "--sigma-b2", false)};
    if (o.layers < 2 || o.layers > 10000) bad("depth", "--layers must be 2..10000");
    if (o.width < 1 || o.width > 4000) bad("depth", "--width must be 1..4000");
    if (static_cast<double>(o.width) * o.width * o.layers > 1e8)
        bad("depth", "--width² × --layers must be at most 1e8 (the weights are kept in memory)");
    if (o.seeds < 2 || o.seeds > 10000)
        bad("depth", "--seeds must be 2..10000 (a spread needs two)");
    if (o.seed.empty()) bad("depth", "--seed: an empty seed");
    if (o.output.threads < 0) bad("depth", "--threads must be >= 0");
    depth_result r;
    r.mf = ex::predict_mean_field(f, o.sigma_w2, o.sigma_b2);
    if (std::isfinite(r.mf.q_star) && r.mf.q_star > 0) d.q0 = r.mf.q_star;
    const std::vector<std::string> seeds = seed_list(o.seed, o.seeds);
    r.norms.resize(seeds.size());
    ex::parallel_for(seeds.size(), thread_count(o.output.threads),
                     [&](std::size_t s) { r.norms[s] = ex::gradient_norms(k, d, seeds[s]); });
    for (const auto& n : r.norms) r.slopes.push_back(ex::depth_slope(n));
    for (const double s : r.slopes) r.mean_slope += s / static_cast<double>(r.slopes.size());
    for (const double s : r.slopes)
        r.sd_slope +=
            (s - r.mean_slope) * (s - r.mean_slope) / static_cast<double>(r.slopes.size() - 1);
    r.sd_slope = std::sqrt(r.sd_slope);
    return r;
}

//! ln of the mean over seeds of ‖δ^l‖² / ‖δ^L‖² (what E‖δ^l‖²/E‖δ^L‖² = χ1^(L−l) predicts).
std::vector<double> mean_log_ratio(const depth_result& r) {
    const std::size_t L = r.norms[0].size();
    std::vector<double> v(L, 0.0);
    for (std::size_t l = 0; l < L; ++l) {
        for (const auto& n : r.norms) v[l] += n[l] / n[L - 1] / static_cast<double>(r.norms.size());
        v[l] = std::log(v[l]);
    }
    return v;
}

void plot_depth(const depth_result& r) {
    actlab::plot p(depth.output.plot,
                   {.width = 900, .height = 600, .keep_script = depth.output.keep_script});
    const std::vector<double> m = mean_log_ratio(r);
    const std::size_t L = m.size();
    std::string seeds_rows, mean_rows;
    for (const auto& n : r.norms) {
        for (std::size_t l = 0; l < L; ++l)
            seeds_rows +=
                std::to_string(l + 1) + " " + mlp::shortest(std::log(n[l] / n[L - 1])) + "\n";
        seeds_rows += "\n";
    }
    for (std::size_t l = 0; l < L; ++l)
        mean_rows += std::to_string(l + 1) + " " + mlp::shortest(m[l]) + "\n";
    p.data("seeds", seeds_rows);
    p.data("mean", mean_rows);
    std::string body =
        "set xlabel 'layer l'\nset ylabel 'ln(|g_l|^2/|g_L|^2)'\nset key top right\nset grid\n"
        "set title '" +
        depth.act + ", sigma_w^2 = " + depth.sigma_w2 + ", sigma_b^2 = " + depth.sigma_b2 +
        ", width " + std::to_string(depth.width) +
        "' noenhanced\nplot $seeds using 1:2 with lines lc rgb '#c0c0c0' title 'each seed', "
        "$mean using 1:2 with points pt 7 lc rgb '#0877bd' title 'ln mean over seeds'";
    if (std::isfinite(r.mf.chi1))
        body += ", " + mlp::shortest(std::log(r.mf.chi1)) + "*(" + std::to_string(L) +
                "-x) with lines lw 2 lc rgb '#f59322' title 'mean field: (L-l) ln chi1'";
    p.run(body + "\n");
}

void write_depth(std::ostream& out, const depth_result& r) {
    const std::vector<double> m = mean_log_ratio(r);
    const std::size_t L = m.size();
    const double ln_chi = std::log(r.mf.chi1);
    if (depth.output.format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"activation\": ";
        str(depth.act);
        out << ", \"sigma_w2\": ";
        str(depth.sigma_w2);
        out << ", \"sigma_b2\": ";
        str(depth.sigma_b2);
        out << ", \"width\": " << depth.width << ", \"layers\": " << L
            << ", \"seeds\": " << r.slopes.size() << ",\n  \"chi1\": ";
        str(actlab::report::text_or(r.mf.chi1_shown, ""));
        out << ", \"ln_chi1\": ";
        str(std::isfinite(ln_chi) ? ex::rounded(ln_chi, 6) : "");
        out << ", \"slope_mean\": ";
        str(mlp::shortest(r.mean_slope));
        out << ", \"slope_sd\": ";
        str(mlp::shortest(r.sd_slope));
        out << ",\n  \"rows\": [";
        for (std::size_t l = 0; l < L; ++l) {
            out << (l ? ",\n" : "\n") << "    {\"layer\": " << l + 1 << ", \"ln_ratio\": ";
            str(mlp::shortest(m[l]));
            out << ", \"ln_ratio_mean_field\": ";
            str(std::isfinite(ln_chi) ? mlp::shortest(ln_chi * static_cast<double>(L - 1 - l))
                                      : "");
            out << "}";
        }
        out << "\n  ]\n}\n";
        return;
    }
    mlp::table t;
    t.header = {"layer", "ln(E|g_l|^2/E|g_L|^2)", "mean field (L-l) ln chi1"};
    for (std::size_t l = 0; l < L; ++l)
        if (l == 0 || l + 1 == L || (L - 1 - l) % std::max<std::size_t>(1, L / 10) == 0)
            t.rows.push_back({std::to_string(l + 1), ex::rounded(m[l]),
                              std::isfinite(ln_chi)
                                  ? ex::rounded(ln_chi * static_cast<double>(L - 1 - l))
                                  : "unknown"});
    write_table(out, t, depth.output.format);
    if (depth.output.format != "text") return;
    out << "\nchi1 (mean field, " << actlab::report::text(r.mf.q_status)
        << "): " << actlab::report::text_or(r.mf.chi1_shown, "unknown")
        << "   ln chi1: " << (std::isfinite(ln_chi) ? ex::rounded(ln_chi, 4) : "unknown") << "\n"
        << "slope of ln|g_l|^2 against L - l, over " << r.slopes.size() << " seeds: mean "
        << ex::rounded(r.mean_slope, 3) << ", sd " << ex::rounded(r.sd_slope, 2) << "\n"
        << "g_l = dE/db^l, the gradient of layer l's biases, for a random error N(0, 1) at the top;"
           " weights N(0, sigma_w2/width), biases N(0, sigma_b2), input variance q*.\n";
}

int run_depth(std::ostream& out) {
    const actlab::activation& a = actlab::at(depth.act);
    const mlp::activation_kernel<double> k = mlp::catalog_kernel<double>(a);
    const depth_result r = measure_depth(k, *a.definition);
    write_depth(out, r);
    if (!depth.output.plot.empty()) plot_depth(r);
    return 0;
}

// ---- mlp --model activations-only|kan --------------------------------------------------------

struct model_cli {
    std::string model = "mlp";
    int depth = 3;
    bool learn = false;
    int grid = 5;
    int order = 3;
    std::vector<int> grid_extend;  // epochs at which the KAN's grid doubles
    std::string learn_act;         // per-layer or per-unit
    std::string plot_act;
};

model_cli model;

void add_model(CLI::App& mlp) {
    auto& o = model;
    mlp.add_option("--model", o.model, "mlp (default), activations-only or kan")
        ->check(CLI::IsMember({"mlp", "activations-only", "kan"}));
    mlp.add_option("--depth", o.depth, "activations-only: activations stacked (default 3)");
    mlp.add_flag("--learn-params", o.learn,
                 "activations-only: train the activation's learnable parameters");
    mlp.add_option("--grid", o.grid, "kan: spline grid intervals (pykan default 5)");
    mlp.add_option("--spline-order", o.order, "kan: spline order k (pykan default 3)");
    mlp.add_option("--grid-extend", o.grid_extend, "kan: epochs at which the grid is doubled")
        ->delimiter(',');
    mlp.add_option("--learn-act", o.learn_act,
                   "train the activations' parameters with the weights: per-layer or per-unit")
        ->check(CLI::IsMember({"per-layer", "per-unit"}));
    mlp.add_option("--plot-act", o.plot_act,
                   "--learn-act: the learned activations against their initial shape (figure)");
}

std::string edge_formula(const ex::edge_reading& e) {
    const bool inner = e.shape == "sin" || e.shape == "tanh" || e.shape == "exp";
    std::string arg = "x";
    if (inner)
        arg = ex::rounded(e.c, 3) + "*x" +
              (e.d == 0 ? "" : (e.d > 0 ? " + " : " - ") + ex::rounded(std::fabs(e.d), 3));
    std::string g = e.shape == "x"     ? arg
                    : e.shape == "x^2" ? "x^2"
                    : e.shape == "x^3" ? "x^3"
                    : e.shape == "abs" ? "|x|"
                                       : e.shape + "(" + arg + ")";
    return ex::rounded(e.a, 4) + "*" + g + (e.b >= 0 ? " + " : " - ") +
           ex::rounded(std::fabs(e.b), 4);
}

struct kan_run {
    std::string seed;
    double train_accuracy = 0, test_accuracy = 0;
    std::vector<std::string> edges;  // "l:i->j"
    std::vector<ex::edge_reading> readings;
};

double kan_accuracy(const ex::kan& k, const ex::labelled& d) {
    int right = 0;
    for (std::size_t i = 0; i < d.x.size(); ++i)
        right += ((k(d.x[i]) > 0 ? 1.0 : -1.0) == d.y[i]) ? 1 : 0;
    return d.x.empty() ? 0 : static_cast<double>(right) / static_cast<double>(d.x.size());
}

void write_kan(std::ostream& out, const std::vector<kan_run>& runs, const std::string& format) {
    if (format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"model\": \"kan\", \"grid\": " << model.grid
            << ", \"spline_order\": " << model.order << ",\n  \"runs\": [";
        for (std::size_t r = 0; r < runs.size(); ++r) {
            out << (r ? ",\n" : "\n") << "    {\"seed\": ";
            str(runs[r].seed);
            out << ", \"train_accuracy\": ";
            str(mlp::shortest(runs[r].train_accuracy));
            out << ", \"test_accuracy\": ";
            str(mlp::shortest(runs[r].test_accuracy));
            out << ", \"edges\": [";
            for (std::size_t e = 0; e < runs[r].edges.size(); ++e) {
                out << (e ? ", " : "") << "{\"edge\": ";
                str(runs[r].edges[e]);
                out << ", \"shape\": ";
                str(runs[r].readings[e].shape);
                out << ", \"formula\": ";
                str(edge_formula(runs[r].readings[e]));
                out << ", \"r2\": ";
                str(ex::rounded(runs[r].readings[e].r2, 6));
                out << "}";
            }
            out << "]}";
        }
        out << "\n  ]\n}\n";
        return;
    }
    mlp::table t;
    t.header = {"seed", "train_accuracy", "test_accuracy", "edges read as"};
    for (const auto& r : runs) {
        std::string shapes;
        for (const auto& e : r.readings) shapes += (shapes.empty() ? "" : ",") + e.shape;
        t.rows.push_back(
            {r.seed, mlp::shortest(r.train_accuracy), mlp::shortest(r.test_accuracy), shapes});
    }
    write_table(out, t, format);
    if (format != "text") return;
    out << "\nthe edges of seed " << runs[0].seed
        << " (best a*g(c*x + d) + b by R^2 over x, x^2, x^3, |x|, "
        << "sin, tanh, exp, on the range of the edge's inputs):\n";
    for (std::size_t e = 0; e < runs[0].edges.size(); ++e)
        out << "  phi " << runs[0].edges[e] << "(x) ~ " << edge_formula(runs[0].readings[e])
            << "   R^2 " << ex::rounded(runs[0].readings[e].r2, 6) << "\n";
    out << "KAN: phi(x) = w_b*silu(x) + w_s*spline(x), B-splines of order " << model.order << " on "
        << model.grid << " grid intervals over each input's range (pykan's defaults); Adam, "
        << "squared loss on the +-1 labels, label sign(out)\n";
}

int run_kan(std::ostream& out, const mlp::train_options& t, const std::vector<std::string>& seeds,
            const std::string& format) {
    if (model.grid < 1 || model.grid > 1000) bad("--model kan", "--grid must be 1..1000");
    if (model.order < 1 || model.order > 10) bad("--model kan", "--spline-order must be 1..10");
    for (const int e : model.grid_extend)
        if (e < 0 || e >= t.epochs)
            bad("--model kan",
                "--grid-extend epoch " + std::to_string(e) + " is not in 0..--epochs-1");
    std::vector<int> shape{static_cast<int>(t.features.size())};
    shape.insert(shape.end(), t.hidden.begin(), t.hidden.end());
    shape.push_back(1);
    std::vector<kan_run> runs(seeds.size());
    ex::parallel_for(seeds.size(), thread_count(0), [&](std::size_t s) {
        const ex::train_test d = ex::make_data(t, seeds[s]);
        ex::random_stream r(seeds[s] + "/init");
        ex::kan k(shape, model.grid, model.order, r);
        k.fit_grids(d.train.x, model.grid);
        ex::train_kan(k, d.train.x, d.train.y, t.epochs, t.update.learning_rate, t.batch,
                      model.grid_extend);
        kan_run& run = runs[s];
        run.seed = seeds[s];
        run.train_accuracy = kan_accuracy(k, d.train);
        run.test_accuracy = kan_accuracy(k, d.test);
        for (std::size_t l = 0; l < k.layers.size(); ++l)
            for (int i = 0; i < k.layers[l].n_in; ++i)
                for (int j = 0; j < k.layers[l].n_out; ++j) {
                    run.edges.push_back(std::to_string(l) + ":" + std::to_string(i) + "->" +
                                        std::to_string(j));
                    run.readings.push_back(ex::read_kan_edge(k, l, i, j, d.train.x));
                }
    });
    write_kan(out, runs, format);
    return 0;
}

std::string parameter_cell(const std::vector<double>& v) {
    if (v.size() == 1) return ex::rounded(v[0], 4);
    return ex::rounded(v[0], 4) + " [" + ex::rounded(v[1], 3) + ", " + ex::rounded(v[2], 3) + "]";
}

mlp::table learnable_table(const std::vector<ex::learnable_checkpoint>& cps) {
    mlp::table t;
    t.header = {"epoch", "train_loss", "test_accuracy"};
    for (std::size_t l = 0; l < cps[0].params.size(); ++l)
        for (const auto& [name, v] : cps[0].params[l])
            t.header.push_back("layer" + std::to_string(l + 1) + "." + name);
    for (const auto& c : cps) {
        std::vector<std::string> row = {std::to_string(c.epoch), ex::rounded(c.train_loss, 4),
                                        mlp::shortest(c.test_accuracy)};
        for (const auto& layer : c.params)
            for (const auto& [name, v] : layer) row.push_back(parameter_cell(v));
        t.rows.push_back(row);
    }
    return t;
}

void plot_learned(const ex::learnable_net& initial, const ex::learnable_net& learned) {
    actlab::plot p(model.plot_act, {.width = 900, .height = 600});
    std::string body = "set xlabel 'z'\nset ylabel 'f(z)'\nset key top left\nset grid\nplot ";
    for (std::size_t l = 0; l + 1 < learned.layers.size(); ++l) {
        for (const auto* n : {&initial, &learned}) {
            const ex::learnable_layer& L = n->layers[l];
            std::vector<double> theta(L.n_params(), 0.0);  // per unit: the mean over units
            const int units = L.per_unit ? L.n_out : 1;
            for (int u = 0; u < units; ++u)
                for (std::size_t k = 0; k < theta.size(); ++k) theta[k] += L.theta_of(u)[k] / units;
            std::string rows;
            for (int i = 0; i <= 200; ++i) {
                double z = -4 + 8.0 * i / 200, a = 0, da = 0;
                L.act.apply(&z, &a, &da, 1, theta.data());
                rows += mlp::shortest(z) + " " + mlp::shortest(a) + "\n";
            }
            const std::string id = std::to_string(l) + (n == &initial ? "i" : "l");
            p.data("f" + id, rows);
            body += std::string(body.back() == ' ' ? "" : ", ") + "$f" + id +
                    " using 1:2 with lines " + (n == &initial ? "dt 2 " : "lw 2 ") +
                    "title 'layer " + std::to_string(l + 1) + " " + L.act.name +
                    (n == &initial ? " initial" : " learned") + "' noenhanced";
        }
    }
    p.run(body + "\n");
}

int run_learnable(std::ostream& out, const mlp::train_options& t,
                  const std::vector<std::string>& seeds, const std::string& act,
                  const std::string& format) {
    std::vector<mlp::activation_kernel<double>> acts;
    std::vector<std::string> names;
    std::stringstream in(act);
    for (std::string n; std::getline(in, n, ',');) names.push_back(n);
    if (t.hidden.empty()) bad("--learn-act", "needs a hidden layer (--shape)");
    if (names.size() != 1 && names.size() != t.hidden.size())
        bad("--learn-act", "--act lists " + std::to_string(names.size()) + " activations for " +
                               std::to_string(t.hidden.size()) + " hidden layers");
    for (std::size_t l = 0; l < t.hidden.size(); ++l)
        acts.push_back(mlp::catalog_kernel<double>(actlab::at(names[names.size() == 1 ? 0 : l])));
    bool any = false;
    for (const auto& k : acts)
        for (const bool b : k.learnable) any = any || b;
    if (!any)
        bad("--learn-act",
            "no learnable parameter in '" + act + "' (prelu, swish, snake, apl, bspline)");
    const bool per_unit = model.learn_act == "per-unit";
    const auto str = [&](const std::string& v) { mlp::detail::json_string(out, v); };
    if (format == "json") out << "{\n  \"learn_act\": \"" << model.learn_act << "\", \"runs\": [";
    for (std::size_t s = 0; s < seeds.size(); ++s) {
        const ex::train_test d = ex::make_data(t, seeds[s]);
        ex::random_stream r(seeds[s] + "/init");
        ex::learnable_net n(static_cast<int>(t.features.size()), t.hidden, acts, per_unit, r);
        const ex::learnable_net initial = n;
        const auto cps = ex::train_learnable(n, d.train.x, d.train.y, d.test.x, d.test.y, t.epochs,
                                             t.update.learning_rate, t.batch, t.checkpoints);
        if (format == "text" || format == "md")
            out << (s ? "\n" : "") << "seed " << seeds[s] << ", " << act << ", " << model.learn_act
                << ":\n";
        if (format == "json") {
            out << (s ? ",\n" : "\n") << "    {\"seed\": ";
            str(seeds[s]);
            out << ", \"checkpoints\": [";
            for (std::size_t c = 0; c < cps.size(); ++c) {
                out << (c ? ",\n" : "\n") << "      {\"epoch\": " << cps[c].epoch
                    << ", \"train_loss\": ";
                str(mlp::shortest(cps[c].train_loss));
                out << ", \"test_accuracy\": ";
                str(mlp::shortest(cps[c].test_accuracy));
                out << ", \"parameters\": [";
                bool first = true;
                for (std::size_t l = 0; l < cps[c].params.size(); ++l)
                    for (const auto& [name, v] : cps[c].params[l]) {
                        out << (first ? "" : ", ") << "{\"layer\": " << l + 1 << ", \"name\": ";
                        first = false;
                        str(name);
                        const char* keys[] = {"mean", "min", "max"};
                        for (std::size_t k = 0; k < v.size(); ++k) {
                            out << ", \"" << (v.size() == 1 ? "value" : keys[k]) << "\": ";
                            str(mlp::shortest(v[k]));
                        }
                        out << "}";
                    }
                out << "]}";
            }
            out << "]}";
        } else {
            write_table(out, learnable_table(cps), format);
        }
        if (s == 0 && !model.plot_act.empty()) plot_learned(initial, n);
    }
    if (format == "json") out << "\n  ]\n}\n";
    if (format == "text")
        out << "\nAdam on weights, biases and the activations' learnable parameters (d(f, theta) "
               "from the symbolic engine); per unit: mean [min, max] over the layer's units\n";
    return 0;
}

int run_activations_only(std::ostream& out, const mlp::train_options& t,
                         const std::vector<std::string>& seeds, const std::string& act,
                         const std::string& format) {
    if (model.depth < 1 || model.depth > 1000)
        bad("--model activations-only", "--depth must be 1..1000");
    if (act.find(',') != std::string::npos)
        bad("--model activations-only", "one --act for the whole stack");
    const actlab::activation& a = actlab::at(act);
    const mlp::activation_kernel<double> k = mlp::catalog_kernel<double>(a);
    mlp::table tab;
    tab.header = {"activation", "depth", "seed", "train_accuracy", "test_accuracy"};
    double mean = 0;
    int at_most_07 = 0;
    for (const std::string& seed : seeds) {
        const ex::train_test d = ex::make_data(t, seed);
        ex::stack_model m(k, model.depth);
        if (model.learn) ex::train_stack(m, d.train.x, d.train.y, t.epochs, t.update.learning_rate);
        const double tr = ex::stack_accuracy(m, d.train.x, d.train.y);
        const double te = ex::stack_accuracy(m, d.test.x, d.test.y);
        mean += te / static_cast<double>(seeds.size());
        at_most_07 += te <= 0.7 ? 1 : 0;
        tab.rows.push_back(
            {act, std::to_string(model.depth), seed, mlp::shortest(tr), mlp::shortest(te)});
    }
    const std::vector<std::string> why = ex::nesting_reasons(*a.definition);
    if (format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"model\": \"activations-only\", \"activation\": ";
        str(act);
        out << ", \"depth\": " << model.depth << ", \"mean_test_accuracy\": ";
        str(mlp::shortest(mean));
        out << ", \"runs_at_most_0.7\": " << at_most_07 << ",\n  \"runs\": [";
        for (std::size_t r = 0; r < tab.rows.size(); ++r) {
            out << (r ? ",\n" : "\n") << "    {\"seed\": ";
            str(tab.rows[r][2]);
            out << ", \"train_accuracy\": ";
            str(tab.rows[r][3]);
            out << ", \"test_accuracy\": ";
            str(tab.rows[r][4]);
            out << "}";
        }
        out << "\n  ],\n  \"nesting\": [";
        for (std::size_t r = 0; r < why.size(); ++r) {
            out << (r ? ", " : "");
            str(why[r]);
        }
        out << "]\n}\n";
        return 0;
    }
    write_table(out, tab, format);
    if (format != "text") return 0;
    out << "\nmean test accuracy " << ex::rounded(mean, 3) << "; " << at_most_07 << " of "
        << seeds.size() << " runs at most 0.7 (chance is about 0.5)\n"
        << "out(x) = sum_i f^" << model.depth << "(x_i), label sign(out); no weights, no biases"
        << (model.learn ? "; the activation's learnable parameters trained (Adam, per layer)" : "")
        << "\nwhy (the nesting analysis of " << act << "):\n";
    for (const std::string& line : why) out << "  " << line << "\n";
    return 0;
}

}  // namespace

void add_experiment_commands(CLI::App& mlp) {
    add_fit(mlp);
    add_depth(mlp);
    add_model(mlp);
}

int run_experiment_commands(std::ostream& out) {
    if (fit_cmd && fit_cmd->parsed()) return run_fit(out);
    if (depth_cmd && depth_cmd->parsed()) return run_depth(out);
    return -1;
}

bool other_model() { return model.model != "mlp" || !model.learn_act.empty(); }

int run_model(std::ostream& out, const actlab::mlp::train_options& t,
              const std::vector<std::string>& seeds, const std::string& act,
              const std::string& format) {
    if (!model.learn_act.empty() && model.model != "mlp")
        bad("--learn-act", "trains the MLP's activations (not with --model " + model.model + ")");
    if (!model.learn_act.empty()) return run_learnable(out, t, seeds, act, format);
    if (model.model == "activations-only") return run_activations_only(out, t, seeds, act, format);
    return run_kan(out, t, seeds, format);
}

}  // namespace actlab_cli
