// actlab mlp fit --target abs --interval -3,3 --widths 1,2,4,...,256 --acts relu,tanh,sin,...
// (issue 17: universal approximation by width).
#include "mlp_experiments_common.hpp"

#include <actlab/mlp/experiments/polynomial_fit.hpp>
#include <actlab/mlp/experiments/width.hpp>
#include <actlab/report/plot.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace actlab_cli::experiments {
namespace {

namespace ex = actlab::mlp::experiments;

struct fit_options {
    std::string target = "abs";
    std::vector<double> interval = {-3, 3};
    std::vector<int> widths = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    std::vector<std::string> acts = {"relu", "tanh", "sin", "square", "identity"};
    int seeds = 1;
    std::string seed = "0";
    long max_steps = ex::width_options{}.max_steps;
    long window = ex::width_options{}.window;
    double tolerance = ex::width_options{}.tolerance;
    double lr = 0.01;
    int points = 512;
    int test_points = 2001;
    output_options output;
};

fit_options fit;
CLI::App* fit_cmd = nullptr;

void register_fit(CLI::App& mlp) {
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
    c.add_option("--max-steps", o.max_steps,
                 "Adam's step budget, full batch (default " + std::to_string(o.max_steps) + ")");
    c.add_option("--window", o.window,
                 "the stopping rule's window of steps (default " + std::to_string(o.window) + ")");
    c.add_option("--tolerance", o.tolerance,
                 "stop when the loss fell by less than this fraction over a window (default " +
                     mlp::shortest(o.tolerance) + ")");
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

//! The most Adam steps any seed of the row took.
long steps_of(const fit_row& r) {
    long n = 0;
    for (const auto& e : r.runs) n = std::max(n, e.steps);
    return n;
}

//! "yes", or how many seeds did not converge within the budget (said, not hidden).
//! A value with the digits two precisions agree on, as shown: "unknown" when none agree.
std::string agreed_text(const ex::agreed_value& v) {
    return v.digits > 0 ? ex::rounded(v.value, v.digits) : std::string("unknown");
}

std::string converged_of(const fit_row& r) {
    long missed = 0;
    for (const auto& e : r.runs) missed += e.converged ? 0 : 1;
    if (missed == 0) return "yes";
    const std::string within =
        "did not converge within " + std::to_string(fit.max_steps) + " steps";
    if (r.runs.size() == 1) return within;
    return std::to_string(missed) + " of " + std::to_string(r.runs.size()) + " seeds " + within;
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
    if (o.max_steps < 0 || o.max_steps > 10000000) bad("fit", "--max-steps must be 0..10000000");
    if (o.window < 1 || o.window > 1000000) bad("fit", "--window must be 1..1000000");
    if (!(o.tolerance >= 0 && o.tolerance < 1)) bad("fit", "--tolerance must be in [0, 1)");
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
        long missed = 0;
        for (const auto& e : rows[k].runs) missed += e.converged ? 0 : 1;
        out << ", \"steps\": " << steps_of(rows[k])
            << ", \"converged\": " << (missed == 0 ? "true" : "false")
            << ", \"seeds_not_converged\": " << missed << "}";
    }
    out << "\n  ],\n  \"plateaus\": [";
    for (const auto* q : {&line, &quadratic}) {
        out << (q == &line ? "\n" : ",\n") << "    {\"degree\": " << q->degree
            << ", \"max_error\": ";
        str(agreed_text(q->max_error));
        out << ", \"rms_error\": ";
        str(agreed_text(q->rms_error));
        out << "}";
    }
    out << "\n  ]\n}\n";
}

void write_fit_table(std::ostream& out, const std::vector<fit_row>& rows,
                     const ex::polynomial_fit& line, const ex::polynomial_fit& quadratic) {
    mlp::table t;
    t.header = {"activation", "width", "max_error", "rms_error"};
    if (fit.seeds > 1) t.header.insert(t.header.end(), {"max_error_min", "max_error_max"});
    t.header.insert(t.header.end(), {"steps", "converged"});
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
        row.push_back(std::to_string(steps_of(r)));
        row.push_back(converged_of(r));
        t.rows.push_back(row);
    }
    for (const auto* q : {&line, &quadratic})
        t.rows.push_back({q->degree == 1 ? "best line" : "best quadratic", "-",
                          agreed_text(q->max_error), agreed_text(q->rms_error)});
    for (std::size_t k = t.rows.size() - 2; k < t.rows.size(); ++k)
        t.rows[k].resize(t.header.size(), "-");
    write_table(out, t, fit.output.format);
    if (fit.output.format != "text") return;
    out << "\nerrors on " << fit.test_points << " equispaced points of [" << fit.interval[0] << ", "
        << fit.interval[1] << "]"
        << (fit.seeds > 1 ? "; median over " + std::to_string(fit.seeds) + " seeds" : "")
        << ". Training: full-batch Adam (lr " << fit.lr << ") on " << fit.points
        << " equispaced points until converged: every " << fit.window
        << " steps the lowest loss of the window is compared with the lowest before it, and Adam "
           "stops when it fell by less than "
        << mlp::shortest(fit.tolerance) << " of it (or the fit is exact to rounding); at most "
        << fit.max_steps
        << " steps (steps: the most any seed took; a row that ran out says so). Then the "
           "output layer solved exactly by linear least squares (Eigen, complete orthogonal "
           "decomposition).\n"
           "best line / best quadratic: the least-squares polynomial of degree 1 / 2 on the same "
           "training points (computed apart, Householder QR in double and long double, agreeing "
           "digits): a hidden layer of identity units spans only lines, one of square units only "
           "quadratics, so their errors cannot fall below these with any width.\n";
}

}  // namespace

CLI::App* add_fit(CLI::App& mlp) {
    register_fit(mlp);
    return fit_cmd;
}

int run_fit(std::ostream& out) {
    check_fit();
    const ex::target_function f = ex::make_target(fit.target);
    std::vector<mlp::activation_kernel<double>> kernels;
    for (const std::string& a : fit.acts) kernels.push_back(catalogue_kernel(actlab::at(a)));
    ex::width_options wo{.a = fit.interval[0],
                         .b = fit.interval[1],
                         .train_points = fit.points,
                         .test_points = fit.test_points,
                         .learning_rate = fit.lr,
                         .window = fit.window,
                         .tolerance = fit.tolerance,
                         .max_steps = fit.max_steps};
    for (const double x : ex::grid(wo.a, wo.b, wo.test_points))
        if (!std::isfinite(f(x)))
            bad("fit", "the target '" + fit.target + "' is not finite at " + mlp::shortest(x));
    const std::vector<std::string> seeds = mlp::derive_seeds(fit.seed, fit.seeds);
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

}  // namespace actlab_cli::experiments
