// actlab: the data and gnuplot scripts of the figures for notes (`actlab plot`): curves,
// derivatives, nesting fⁿ, cobweb diagrams, the gradient product across depth and the
// mean-field phase diagram. Values are computed in double (figures, not results); depth curves
// in the log domain, so nothing underflows. The fixed points of the cobweb and the mean-field
// values of the phase diagram are computed by the caller (they need MPFR).
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/expr/expression.hpp>
#include <actlab/report/plot.hpp>

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::report {

//! One curve of a figure: a title for the key and its rows "x y".
struct series {
    std::string title, rows;
    std::string columns = "1:2";  //!< gnuplot's `using` (1:2:3 for a heat map)
};

//! A figure: its series, axis labels, and extra gnuplot lines (styles, a log axis).
struct figure {
    std::string xlabel, ylabel, setup;
    std::vector<series> curves;
    std::vector<std::string> styles;  //!< one "with …" per series
};

namespace detail {

//! y(x) sampled at n + 1 points of [a, b]; points where y is not finite break the line.
template <class F>
std::string sample(F&& y, double a, double b, int n = 400) {
    std::string out;
    for (int k = 0; k <= n; ++k) {
        const double x = a + (b - a) * k / n;
        const double v = y(x);
        out += std::isfinite(v) ? fmt::format("{:.10g} {:.10g}\n", x, v) : "\n";
    }
    return out;
}

}  // namespace detail

//! f of each activation over [−4, 4].
inline figure curve_figure(
    const std::vector<std::pair<std::string, std::shared_ptr<const expr>>>& acts) {
    figure fig{"x", "f(x)", "", {}, {}};
    for (const auto& [name, f] : acts) {
        fig.curves.push_back({name, detail::sample([&](double x) { return eval(*f, x); }, -4, 4)});
        fig.styles.push_back("with lines lw 2");
    }
    return fig;
}

//! f, f′ and f″ of one activation over [−4, 4].
inline figure derivatives_figure(const std::string& name, const expr& f) {
    figure fig{"x", "", "", {}, {}};
    auto g = std::make_unique<expr>(f);
    // Primes as Unicode: figure_script turns an ASCII ' into " (it ends gnuplot's quoted title),
    // which would show f′ as f".
    const char* titles[] = {"f", "f′", "f″"};
    for (int k = 0; k < 3; ++k) {
        if (k > 0) *g = d(*g);
        fig.curves.push_back(
            {name + " " + titles[k], detail::sample([&](double x) { return eval(*g, x); }, -4, 4)});
        fig.styles.push_back("with lines lw 2");
    }
    return fig;
}

//! f, f∘f, …, fⁿ over [−4, 4]: what a network of activations only computes.
inline figure nest_figure(const std::string& name, const expr& f, int n = 6) {
    figure fig{"x", "f^n(x)", "", {}, {}};
    for (int k = 1; k <= n; ++k) {
        fig.curves.push_back(
            {name + (k == 1 ? "" : "^" + std::to_string(k)), detail::sample(
                                                                 [&](double x) {
                                                                     for (int j = 0; j < k; ++j)
                                                                         x = eval(f, x);
                                                                     return x;
                                                                 },
                                                                 -4, 4)});
        fig.styles.push_back("with lines lw 2");
    }
    return fig;
}

//! The cobweb of x_(n+1) = f(x_n) from x0 (30 steps) over f and the diagonal, with the
//! fixed points given marked.
inline figure cobweb_figure(const std::string& name, const expr& f, double x0,
                            const std::vector<double>& fixed_points) {
    double lo = std::min(-2.0, x0 - 1), hi = std::max(2.0, x0 + 1);
    figure fig{"x_n",
               "x_{n+1}",
               fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]", lo, hi, lo, hi),
               {},
               {}};
    fig.curves.push_back({name, detail::sample([&](double x) { return eval(f, x); }, lo, hi)});
    fig.styles.push_back("with lines lw 2");
    fig.curves.push_back({"y = x", fmt::format("{} {}\n{} {}\n", lo, lo, hi, hi)});
    fig.styles.push_back("with lines dt 2 lc rgb 'gray40'");
    std::string path = fmt::format("{:.10g} {:.10g}\n", x0, 0.0);
    double x = x0;
    for (int k = 0; k < 30 && std::isfinite(x) && std::abs(x) < 1e6; ++k) {
        const double y = eval(f, x);
        if (!std::isfinite(y)) break;
        path += fmt::format("{:.10g} {:.10g}\n{:.10g} {:.10g}\n", x, y, y, y);
        x = y;
    }
    fig.curves.push_back({fmt::format("x_n from x_0 = {:g}", x0), path});
    fig.styles.push_back("with lines lw 1.5");
    std::string marks;
    for (const double p : fixed_points)
        if (p >= lo && p <= hi) marks += fmt::format("{:.10g} {:.10g}\n", p, p);
    fig.curves.push_back({"fixed points", marks.empty() ? std::string("NaN NaN\n") : marks});
    fig.styles.push_back("with points pt 7 ps 1.5");
    return fig;
}

//! log10 |P_n| = Σ log10 |f′(x_k)| along the orbit from x0 = 1, n = 1 … depth, for each
//! activation (summed in the log domain: no underflow); a series ends where f′ = 0.
inline figure depth_figure(
    const std::vector<std::pair<std::string, std::shared_ptr<const expr>>>& acts,
    long depth = 10000) {
    figure fig{"depth L", "log10 |P_L|", "", {}, {}};
    for (const auto& [name, f] : acts) {
        const expr df = d(*f);
        std::string rows;
        double x = 1, sum = 0;
        for (long n = 1; n <= depth; ++n) {
            const double g = std::abs(eval(df, x));
            if (!(g > 0) || !std::isfinite(g)) break;
            sum += std::log10(g);
            x = eval(*f, x);
            if (n < 100 || n % 10 == 0) rows += fmt::format("{} {:.10g}\n", n, sum);
        }
        fig.curves.push_back({name, rows.empty() ? std::string("NaN NaN\n") : rows});
        fig.styles.push_back("with lines lw 2");
    }
    fig.setup = "set logscale x";
    return fig;
}

//! One point of the phase diagram: χ1 at (σ_w², σ_b²); NaN where it is unknown.
struct phase_point {
    double sigma_w2, sigma_b2, chi1;
};

//! The mean-field phase diagram of one activation: χ1 over the σ_w² × σ_b² grid as a heat
//! map (a diverging palette: blue ordered, χ1 < 1; white the edge; red chaotic, χ1 > 1; χ1
//! above 2 in the colour of 2), and the edge of chaos (σ_w² with χ1 = 1 at each σ_b²) as a
//! line. `grid` is ordered by σ_w², then σ_b² (a regular grid); `edge` holds (σ_w², σ_b²).
inline figure phase_figure(const std::string& name, const std::vector<phase_point>& grid,
                           const std::vector<std::pair<double, double>>& edge) {
    figure fig{"sigma_w^2",
               "sigma_b^2",
               "set cbrange [0:2]\nset cblabel 'chi_1 (" + name +
                   ")'\nset palette defined (0 '#2166ac', 1 '#f7f7f7', 2 '#b2182b')\n"
                   "set tics out\nset autoscale fix\nset key inside top left opaque box",
               {},
               {}};
    std::string rows;
    for (std::size_t k = 0; k < grid.size(); ++k) {
        if (k > 0 && grid[k].sigma_w2 != grid[k - 1].sigma_w2) rows += "\n";
        rows += std::isfinite(grid[k].chi1)
                    ? fmt::format("{:g} {:g} {:.10g}\n", grid[k].sigma_w2, grid[k].sigma_b2,
                                  grid[k].chi1)
                    : fmt::format("{:g} {:g} NaN\n", grid[k].sigma_w2, grid[k].sigma_b2);
    }
    fig.curves.push_back({"", rows, "1:2:3"});  // the colour box is its key
    fig.styles.push_back("with image");
    std::string line;
    for (const auto& [w, b] : edge) line += fmt::format("{:.10g} {:g}\n", w, b);
    fig.curves.push_back({"edge of chaos (chi_1 = 1)", line.empty() ? "NaN NaN\n" : line});
    fig.styles.push_back("with linespoints lw 2.5 pt 7 ps 0.6 lc rgb 'black'");
    return fig;
}

//! The figure as a plot: one data block per series, the gnuplot script that draws them.
inline std::string figure_script(const figure& fig, plot& p) {
    std::string body = "set grid\nset key outside right top\nset xlabel '" + fig.xlabel +
                       "'\nset ylabel '" + fig.ylabel + "'\n" + fig.setup + "\nplot ";
    for (std::size_t k = 0; k < fig.curves.size(); ++k) {
        const std::string block = "s" + std::to_string(k);
        p.data(block, fig.curves[k].rows);
        std::string title = fig.curves[k].title;
        for (char& c : title)
            if (c == '\'') c = '"';
        body += (k ? ", \\\n     $" : "$") + block + " using " + fig.curves[k].columns + " " +
                fig.styles[k] + " title '" + title + "'";
    }
    return body + "\n";
}

}  // namespace actlab::report
