// actlab: a Kolmogorov–Arnold network (Liu et al. 2024, pykan's defaults): every edge (i → j)
// of a layer carries its own function of one variable,
//
//   φ_ij(x) = w_b·silu(x) + w_s·Σ_m c_m·B_m(x),   node j = Σ_i φ_ij(x_i),
//
// B_m the cubic (order k = 3) B-splines on a uniform grid of G = 5 intervals over the range of
// the edge's input samples, extended by k knots on each side. Trained by Adam on ½·(out − y)²;
// the grid can be extended (G → 2G) during training, the finer spline fitted by least squares
// to the coarser one's values (pykan's `refine`). Each trained edge is read symbolically
// (`read_edge`): a·g(x) + b or a·g(c·x + d) + b fitted for every candidate shape g (pykan's
// elementary ones and the catalogue), the reading chosen by pykan's rule (R² against
// complexity).
#pragma once

#include <actlab/mlp/experiments/common.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace actlab::mlp::experiments {

//! The uniform B-spline basis of order k on G intervals of [lo, lo + G·h].
struct spline_grid {
    double lo = -1, h = 0.4;
    int intervals = 5, order = 3;

    int size() const { return intervals + order; }

    //! B_m(x) and B_m′(x), m = 0..size()−1 (zero outside the extended grid).
    void basis(double x, double* b, double* db) const {
        const int n = intervals + 2 * order;  // knot intervals of the extended grid
        std::vector<double> v(static_cast<std::size_t>(n) + 1, 0.0), prev;
        const double u = (x - lo) / h + order;  // position in knot intervals
        const int cell = static_cast<int>(std::floor(u));
        if (cell >= 0 && cell < n) v[static_cast<std::size_t>(cell)] = 1;
        for (int p = 1; p <= order; ++p) {
            prev = v;
            for (int m = 0; m + p < n; ++m) {
                const double left = (u - m) / p, right = (m + p + 1 - u) / p;
                v[static_cast<std::size_t>(m)] = left * prev[static_cast<std::size_t>(m)] +
                                                 right * prev[static_cast<std::size_t>(m) + 1];
            }
            v[static_cast<std::size_t>(n - p)] = 0;
        }
        for (int m = 0; m < size(); ++m) {
            b[m] = v[static_cast<std::size_t>(m)];
            // Knots one apart in u: dB_(m,k)/du = B_(m,k−1) − B_(m+1,k−1); du/dx = 1/h.
            db[m] = (prev[static_cast<std::size_t>(m)] - prev[static_cast<std::size_t>(m) + 1]) / h;
        }
    }
};

inline double silu(double x) { return x / (1 + std::exp(-x)); }
inline double silu_derivative(double x) {
    const double s = 1 / (1 + std::exp(-x));
    return s * (1 + x * (1 - s));
}

//! One KAN layer: n_in × n_out edges; parameters flat: coefficients (edge-major), w_b, w_s.
struct kan_layer {
    int n_in = 0, n_out = 0;
    std::vector<spline_grid> grids;  //!< per input
    std::vector<double> p;

    int nb() const { return grids[0].size(); }
    std::size_t edge(int i, int j) const { return static_cast<std::size_t>(i * n_out + j); }
    double& coef(int i, int j, int m) {
        return p[edge(i, j) * static_cast<std::size_t>(nb()) + static_cast<std::size_t>(m)];
    }
    double coef(int i, int j, int m) const {
        return p[edge(i, j) * static_cast<std::size_t>(nb()) + static_cast<std::size_t>(m)];
    }
    std::size_t wb_at(int i, int j) const {
        return static_cast<std::size_t>(n_in * n_out * nb()) + edge(i, j);
    }
    std::size_t ws_at(int i, int j) const {
        return wb_at(i, j) + static_cast<std::size_t>(n_in * n_out);
    }

    //! φ_ij(x) and φ_ij′(x).
    std::pair<double, double> edge_value(int i, int j, double x) const {
        std::vector<double> b(static_cast<std::size_t>(nb())), db(b.size());
        grids[static_cast<std::size_t>(i)].basis(x, b.data(), db.data());
        double s = 0, ds = 0;
        for (int m = 0; m < nb(); ++m) {
            s += coef(i, j, m) * b[static_cast<std::size_t>(m)];
            ds += coef(i, j, m) * db[static_cast<std::size_t>(m)];
        }
        return {p[wb_at(i, j)] * silu(x) + p[ws_at(i, j)] * s,
                p[wb_at(i, j)] * silu_derivative(x) + p[ws_at(i, j)] * ds};
    }
};

struct kan {
    std::vector<kan_layer> layers;

    //! shape = {inputs, hidden..., 1}; the grids span [lo_i, hi_i] of the inputs (first layer)
    //! and [−1, 1] elsewhere until `fit_grids` sets them from samples.
    kan(const std::vector<int>& shape, int grid, int order, random_stream& r) {
        for (std::size_t l = 0; l + 1 < shape.size(); ++l) {
            kan_layer k;
            k.n_in = shape[l];
            k.n_out = shape[l + 1];
            k.grids.assign(static_cast<std::size_t>(k.n_in),
                           spline_grid{-1, 2.0 / grid, grid, order});
            k.p.assign(static_cast<std::size_t>(k.n_in * k.n_out * (k.nb() + 2)), 0.0);
            const double fan = std::sqrt(static_cast<double>(k.n_in));
            for (int i = 0; i < k.n_in; ++i)
                for (int j = 0; j < k.n_out; ++j) {
                    for (int m = 0; m < k.nb(); ++m) k.coef(i, j, m) = 0.1 * r.normal() / fan;
                    k.p[k.wb_at(i, j)] = r.uniform(-1, 1) / fan;
                    k.p[k.ws_at(i, j)] = 1;
                }
            layers.push_back(std::move(k));
        }
    }

    //! The activations of every layer for input x (acts[0] = x).
    std::vector<std::vector<double>> forward_all(const std::vector<double>& x) const {
        std::vector<std::vector<double>> acts{x};
        for (const kan_layer& k : layers) {
            std::vector<double> y(static_cast<std::size_t>(k.n_out), 0.0);
            for (int i = 0; i < k.n_in; ++i)
                for (int j = 0; j < k.n_out; ++j)
                    y[static_cast<std::size_t>(j)] +=
                        k.edge_value(i, j, acts.back()[static_cast<std::size_t>(i)]).first;
            acts.push_back(std::move(y));
        }
        return acts;
    }

    double operator()(const std::vector<double>& x) const { return forward_all(x).back()[0]; }

    //! ∂out/∂p of every layer, times `scale`, added to grads (one vector per layer).
    void backward(const std::vector<double>& x, double scale,
                  std::vector<std::vector<double>>& grads) const {
        const auto acts = forward_all(x);
        std::vector<double> g{scale};
        for (std::size_t l = layers.size(); l-- > 0;) {
            const kan_layer& k = layers[l];
            std::vector<double> gin(static_cast<std::size_t>(k.n_in), 0.0),
                b(static_cast<std::size_t>(k.nb())), db(b.size());
            for (int i = 0; i < k.n_in; ++i) {
                const double xi = acts[l][static_cast<std::size_t>(i)];
                k.grids[static_cast<std::size_t>(i)].basis(xi, b.data(), db.data());
                for (int j = 0; j < k.n_out; ++j) {
                    const double gj = g[static_cast<std::size_t>(j)];
                    double s = 0, ds = 0;
                    for (int m = 0; m < k.nb(); ++m) {
                        s += k.coef(i, j, m) * b[static_cast<std::size_t>(m)];
                        ds += k.coef(i, j, m) * db[static_cast<std::size_t>(m)];
                        grads[l][k.edge(i, j) * static_cast<std::size_t>(k.nb()) +
                                 static_cast<std::size_t>(m)] +=
                            gj * k.p[k.ws_at(i, j)] * b[static_cast<std::size_t>(m)];
                    }
                    grads[l][k.wb_at(i, j)] += gj * silu(xi);
                    grads[l][k.ws_at(i, j)] += gj * s;
                    gin[static_cast<std::size_t>(i)] +=
                        gj * (k.p[k.wb_at(i, j)] * silu_derivative(xi) + k.p[k.ws_at(i, j)] * ds);
                }
            }
            g = std::move(gin);
        }
    }

    //! Sets each layer's grids to span its input samples with `intervals` intervals, the
    //! splines refitted by least squares to their former values there (pykan's grid update
    //! and, with more intervals, grid extension).
    void fit_grids(const std::vector<std::vector<double>>& xs, int intervals) {
        std::vector<std::vector<double>> in = xs;
        for (kan_layer& k : layers) {
            kan_layer next = k;
            for (int i = 0; i < k.n_in; ++i) {
                double lo = INFINITY, hi = -INFINITY;
                for (const auto& x : in) {
                    lo = std::min(lo, x[static_cast<std::size_t>(i)]);
                    hi = std::max(hi, x[static_cast<std::size_t>(i)]);
                }
                if (!(hi > lo)) hi = lo + 1;
                const double margin = 0.01 * (hi - lo);
                next.grids[static_cast<std::size_t>(i)] = {
                    lo - margin, (hi - lo + 2 * margin) / intervals, intervals, k.grids[0].order};
            }
            next.p.assign(static_cast<std::size_t>(k.n_in * k.n_out * (next.nb() + 2)), 0.0);
            refit(k, next, in);
            std::vector<std::vector<double>> out;
            for (const auto& x : in) {
                std::vector<double> y(static_cast<std::size_t>(k.n_out), 0.0);
                for (int i = 0; i < k.n_in; ++i)
                    for (int j = 0; j < k.n_out; ++j)
                        y[static_cast<std::size_t>(j)] +=
                            next.edge_value(i, j, x[static_cast<std::size_t>(i)]).first;
                out.push_back(std::move(y));
            }
            k = std::move(next);
            in = std::move(out);
        }
    }

private:
    static void refit(const kan_layer& old, kan_layer& next,
                      const std::vector<std::vector<double>>& in) {
        const int nb = next.nb();
        for (int i = 0; i < old.n_in; ++i) {
            // Sample points: the data and a uniform sweep of the new grid (so every basis
            // function is pinned down).
            std::vector<double> xs;
            for (const auto& x : in) xs.push_back(x[static_cast<std::size_t>(i)]);
            const spline_grid& gr = next.grids[static_cast<std::size_t>(i)];
            for (int s = 0; s <= 4 * nb; ++s)
                xs.push_back(gr.lo + gr.h * gr.intervals * s / (4.0 * nb));
            Eigen::MatrixXd a(static_cast<Eigen::Index>(xs.size()), nb);
            std::vector<double> b(static_cast<std::size_t>(nb)), db(b.size());
            for (std::size_t r = 0; r < xs.size(); ++r) {
                gr.basis(xs[r], b.data(), db.data());
                for (int m = 0; m < nb; ++m)
                    a(static_cast<Eigen::Index>(r), m) = b[static_cast<std::size_t>(m)];
            }
            const auto cod = a.completeOrthogonalDecomposition();
            for (int j = 0; j < old.n_out; ++j) {
                const double ws = old.p[old.ws_at(i, j)], wb = old.p[old.wb_at(i, j)];
                next.p[next.wb_at(i, j)] = wb;
                next.p[next.ws_at(i, j)] = ws;
                Eigen::VectorXd y(static_cast<Eigen::Index>(xs.size()));
                for (std::size_t r = 0; r < xs.size(); ++r)
                    y(static_cast<Eigen::Index>(r)) =
                        ws == 0 ? 0 : (old.edge_value(i, j, xs[r]).first - wb * silu(xs[r])) / ws;
                const Eigen::VectorXd c = cod.solve(y);
                for (int m = 0; m < nb; ++m) next.coef(i, j, m) = c(m);
            }
        }
    }
};

//! A symbolic reading of an edge: φ(x) ≈ a·g(c·x + d) + b.
struct edge_reading {
    std::string shape;   //!< x, x^2, x^3, abs, sin, tanh, exp or a catalogue name
    bool inner = false;  //!< c and d searched (else c = 1, d = 0)
    double a = 0, b = 0, c = 1, d = 0, r2 = 0;
    int complexity = 0;  //!< pykan's complexity of g (the catalogue's entries: 4)
};

//! A candidate shape g of a symbolic reading: its values on a batch of points.
struct edge_candidate {
    std::string name;
    int complexity = 0;
    bool inner = false;
    std::function<void(const double*, double*, std::size_t)> values;
};

//! The candidates: pykan's x, x², x³, |x| (a·g(x) + b), sin, tanh, exp (a·g(c·x + d) + b) with
//! pykan's complexities (1, 2, 3, 3, 2, 3, 2; utils.SYMBOLIC_LIB), then every entry of the
//! catalogue at its default parameters (a·f(c·x + d) + b, complexity 4 — pykan's largest for a
//! named function of one argument: each is a composition of the elementary ones), evaluated in
//! double by the expression interpreter (`formula_kernel`).
inline const std::vector<edge_candidate>& edge_candidates() {
    static const std::vector<edge_candidate> all = [] {
        using fn = double (*)(double);
        const auto elementary = [](const char* name, int complexity, bool inner, fn g) {
            return edge_candidate{name, complexity, inner,
                                  [g](const double* x, double* y, std::size_t n) {
                                      for (std::size_t i = 0; i < n; ++i) y[i] = g(x[i]);
                                  }};
        };
        std::vector<edge_candidate> v = {
            elementary("x", 1, false, [](double u) { return u; }),
            elementary("x^2", 2, false, [](double u) { return u * u; }),
            elementary("x^3", 3, false, [](double u) { return u * u * u; }),
            elementary("abs", 3, false, [](double u) { return std::fabs(u); }),
            elementary("sin", 2, true, [](double u) { return std::sin(u); }),
            elementary("tanh", 3, true, [](double u) { return std::tanh(u); }),
            elementary("exp", 2, true, [](double u) { return std::exp(u); })};
        for (const activation& a : actlab::catalog()) {
            const auto k = std::make_shared<const activation_kernel<double>>(
                formula_kernel<double>(*a.definition, std::string(a.name)));
            v.push_back(
                {std::string(a.name), 4, true, [k](const double* x, double* y, std::size_t n) {
                     std::vector<double> dy(n);
                     k->apply(x, y, dy.data(), n, k->defaults.data());
                 }});
        }
        return v;
    }();
    return all;
}

//! The choice among readings: pykan's score (MultKAN.suggest_symbolic) with equal weights, the
//! lowest 0.5·complexity + 0.5·log2(1 + 1e-5 − R²) — one step of complexity is worth halving
//! the unexplained variance 1 − R². (pykan's default weight_simple = 0.8 makes a step worth a
//! 16-fold smaller 1 − R²: on the circle it read an edge as x with R² 0.013 rather than x².)
inline double reading_score(const edge_reading& r) {
    return 0.5 * r.complexity + 0.5 * std::log2(1 + 1e-5 - r.r2);
}

//! The best affine fit a·g(c·x + d) + b of candidate g to samples (x, y), over the grid of
//! inner (c, d) (c ∈ ±{1/4, 1/2, 1, 2, 4}, d ∈ {−2, −1, 0, 1, 2}) when the candidate has one;
//! a and b by least squares. R² = −∞ when g is not finite somewhere.
inline edge_reading fit_candidate(const edge_candidate& cand, const std::vector<double>& x,
                                  const std::vector<double>& y) {
    double mean = 0, total = 0;
    for (const double v : y) mean += v / static_cast<double>(y.size());
    for (const double v : y) total += (v - mean) * (v - mean);
    const std::vector<double> cs =
        cand.inner ? std::vector<double>{-4, -2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4}
                   : std::vector<double>{1};
    const std::vector<double> ds =
        cand.inner ? std::vector<double>{-2, -1, 0, 1, 2} : std::vector<double>{0};
    edge_reading best{cand.name, cand.inner, 0, 0, 1, 0, -INFINITY, cand.complexity};
    std::vector<double> u(x.size()), g(x.size());
    for (const double c : cs)
        for (const double d : ds) {
            for (std::size_t i = 0; i < x.size(); ++i) u[i] = c * x[i] + d;
            cand.values(u.data(), g.data(), x.size());
            if (!std::all_of(g.begin(), g.end(), [](double v) { return std::isfinite(v); }))
                continue;
            Eigen::MatrixXd m(static_cast<Eigen::Index>(x.size()), 2);
            for (std::size_t i = 0; i < x.size(); ++i) {
                m(static_cast<Eigen::Index>(i), 0) = g[i];
                m(static_cast<Eigen::Index>(i), 1) = 1;
            }
            const std::vector<double> ab = least_squares(m, y);
            double res = 0;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double e = y[i] - ab[0] * g[i] - ab[1];
                res += e * e;
            }
            const double r2 = total > 0 ? 1 - res / total : 1;
            if (std::isfinite(r2) && r2 > best.r2) {
                best.a = ab[0];
                best.b = ab[1];
                best.c = c;
                best.d = d;
                best.r2 = r2;
            }
        }
    return best;
}

//! The reading of samples (x, y): every candidate fitted (`fit_candidate`), the one with the
//! lowest `reading_score` chosen (the earlier candidate on a tie).
inline edge_reading read_edge(const std::vector<double>& x, const std::vector<double>& y) {
    edge_reading best;
    double best_score = INFINITY;
    for (const edge_candidate& cand : edge_candidates()) {
        const edge_reading r = fit_candidate(cand, x, y);
        if (!std::isfinite(r.r2)) continue;
        const double score = reading_score(r);
        if (score < best_score) {
            best = r;
            best_score = score;
        }
    }
    return best;
}

//! Trains k by Adam on ½·(out − y)² in mini-batches of `batch` rows (in the data's order),
//! for `epochs` epochs; at each epoch of `extend_at` the grids double (G → 2G), refitted, and
//! Adam restarts (as pykan's grid extension does).
inline void train_kan(kan& k, const std::vector<std::vector<double>>& x,
                      const std::vector<double>& y, long epochs, double learning_rate, int batch,
                      const std::vector<int>& extend_at) {
    const auto flat = [&] {
        std::vector<double> p;
        for (const kan_layer& l : k.layers) p.insert(p.end(), l.p.begin(), l.p.end());
        return p;
    };
    std::vector<double> p = flat();
    adam opt(p.size(), learning_rate);
    for (long e = 0; e < epochs; ++e) {
        if (std::find(extend_at.begin(), extend_at.end(), e) != extend_at.end()) {
            k.fit_grids(x, 2 * k.layers[0].grids[0].intervals);
            p = flat();
            opt = adam(p.size(), learning_rate);
        }
        for (std::size_t start = 0; start < x.size(); start += static_cast<std::size_t>(batch)) {
            const std::size_t end = std::min(x.size(), start + static_cast<std::size_t>(batch));
            std::vector<std::vector<double>> grads;
            for (const kan_layer& l : k.layers) grads.emplace_back(l.p.size(), 0.0);
            for (std::size_t i = start; i < end; ++i)
                k.backward(x[i], (k(x[i]) - y[i]) / static_cast<double>(end - start), grads);
            std::vector<double> g;
            for (const auto& v : grads) g.insert(g.end(), v.begin(), v.end());
            opt.step(p, g);
            std::size_t at = 0;
            for (kan_layer& l : k.layers) {
                std::copy(p.begin() + static_cast<long>(at),
                          p.begin() + static_cast<long>(at + l.p.size()), l.p.begin());
                at += l.p.size();
            }
        }
    }
}

//! The reading of edge (i → j) of layer l over the range of its input samples.
inline edge_reading read_kan_edge(const kan& k, std::size_t l, int i, int j,
                                  const std::vector<std::vector<double>>& x) {
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& row : x) {
        const double v = k.forward_all(row)[l][static_cast<std::size_t>(i)];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    std::vector<double> xs, ys;
    for (int s = 0; s <= 200; ++s) {
        const double v = lo + (hi - lo) * s / 200.0;
        xs.push_back(v);
        ys.push_back(k.layers[l].edge_value(i, j, v).first);
    }
    return read_edge(xs, ys);
}

}  // namespace actlab::mlp::experiments
