// actlab: a Kolmogorov–Arnold network (Liu et al. 2024, pykan's defaults): every edge (i → j)
// of a layer carries its own function of one variable,
//
//   φ_ij(x) = w_b·silu(x) + w_s·Σ_m c_m·B_m(x),   node j = Σ_i φ_ij(x_i),
//
// B_m the cubic (order k = 3) B-splines on a uniform grid of G = 5 intervals over the range of
// the edge's input samples, extended by k knots on each side. Trained by Adam on ½·(out − y)²;
// the grid can be extended (G → 2G) during training, the finer spline fitted by least squares
// to the coarser one's values (pykan's `refine`). Each trained edge is read symbolically
// (`read_edge`): the best of a·g(x) + b over candidate shapes g, with its R².
#pragma once

#include <actlab/mlp/experiments/common.hpp>

#include <algorithm>
#include <cmath>
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
    std::string shape;  //!< x, x^2, x^3, sin, tanh, exp, abs
    double a = 0, b = 0, c = 1, d = 0, r2 = 0;
};

//! The best candidate for samples (x, y) by R² (the simpler shape when within 1e-3).
inline edge_reading read_edge(const std::vector<double>& x, const std::vector<double>& y) {
    struct candidate {
        const char* name;
        double (*g)(double);
        bool inner;  // searched over an inner affine c·x + d
    };
    static const candidate candidates[] = {{"x", [](double v) { return v; }, false},
                                           {"x^2", [](double v) { return v * v; }, false},
                                           {"x^3", [](double v) { return v * v * v; }, false},
                                           {"abs", [](double v) { return std::fabs(v); }, false},
                                           {"sin", [](double v) { return std::sin(v); }, true},
                                           {"tanh", [](double v) { return std::tanh(v); }, true},
                                           {"exp", [](double v) { return std::exp(v); }, true}};
    double mean = 0, total = 0;
    for (const double v : y) mean += v / static_cast<double>(y.size());
    for (const double v : y) total += (v - mean) * (v - mean);
    edge_reading best;
    best.r2 = -INFINITY;
    for (const candidate& cand : candidates) {
        const std::vector<double> cs =
            cand.inner ? std::vector<double>{-4, -2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4}
                       : std::vector<double>{1};
        const std::vector<double> ds =
            cand.inner ? std::vector<double>{-2, -1, 0, 1, 2} : std::vector<double>{0};
        for (const double c : cs)
            for (const double d : ds) {
                Eigen::MatrixXd m(static_cast<Eigen::Index>(x.size()), 2);
                for (std::size_t i = 0; i < x.size(); ++i) {
                    m(static_cast<Eigen::Index>(i), 0) = cand.g(c * x[i] + d);
                    m(static_cast<Eigen::Index>(i), 1) = 1;
                }
                const std::vector<double> ab = least_squares(m, y);
                double res = 0;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const double e = y[i] - ab[0] * cand.g(c * x[i] + d) - ab[1];
                    res += e * e;
                }
                const double r2 = total > 0 ? 1 - res / total : 1;
                if (std::isfinite(r2) && r2 > best.r2 + 1e-3)
                    best = {cand.name, ab[0], ab[1], c, d, r2};
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
