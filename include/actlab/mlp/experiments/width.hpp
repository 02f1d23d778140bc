// actlab: universal approximation by width — one hidden layer y(x) = c0 + Σ_j c_j·σ(w_j x + b_j)
// fitted to a function of one variable on [a, b], for growing widths.
//
// Training: Adam on all parameters (full batch, ½·mean squared error on an equispaced
// training grid), then the output layer (c0, c) solved exactly by linear least squares for
// the trained hidden layer (Eigen's complete orthogonal decomposition). The error is measured
// on a denser grid that includes points between the training points.
//
// The theorem (Leshno et al. 1993): the span of σ(w x + b) is dense in C[a, b] iff σ is not a
// polynomial. A polynomial σ of degree d spans only polynomials of degree ≤ d, so the error
// stops falling at the best fit of that degree (`polynomial_fit`).
#pragma once

#include <actlab/mlp/experiments/common.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace actlab::mlp::experiments {

struct width_options {
    double a = -3, b = 3;
    int train_points = 256;  //!< equispaced training grid on [a, b]
    int test_points = 2001;  //!< the dense grid of the error
    long steps = 2000;       //!< Adam steps (full batch)
    double learning_rate = 0.01;
};

//! One fitted network: its error on the dense grid.
struct width_fit {
    double max_error = 0, rms_error = 0;
};

namespace detail {

//! The hidden layer's outputs σ(w_j x_i + b_j) as the columns 1..H of a matrix whose column 0
//! is 1 (the output bias).
inline Eigen::MatrixXd features(const activation_kernel<double>& act, const std::vector<double>& w,
                                const std::vector<double>& bias, const std::vector<double>& x) {
    const std::size_t n = x.size(), h = w.size();
    Eigen::MatrixXd m(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(h + 1));
    std::vector<double> z(n), a(n), da(n);
    for (std::size_t i = 0; i < n; ++i) m(static_cast<Eigen::Index>(i), 0) = 1;
    for (std::size_t j = 0; j < h; ++j) {
        for (std::size_t i = 0; i < n; ++i) z[i] = w[j] * x[i] + bias[j];
        act.apply(z.data(), a.data(), da.data(), n, act.defaults.data());
        for (std::size_t i = 0; i < n; ++i)
            m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j + 1)) = a[i];
    }
    return m;
}

//! ½·mean (y − t)² of p = (w, b, c, c0) and its gradient (into grad).
inline double loss_gradient(const activation_kernel<double>& act, const std::vector<double>& p,
                            const std::vector<double>& x, const std::vector<double>& t,
                            std::vector<double>& grad) {
    const std::size_t n = x.size(), h = (p.size() - 1) / 3;
    std::vector<double> y(n, p[3 * h]), z(n), a(n * h), da(n * h);
    for (std::size_t j = 0; j < h; ++j) {
        for (std::size_t i = 0; i < n; ++i) z[i] = p[j] * x[i] + p[h + j];
        act.apply(z.data(), &a[j * n], &da[j * n], n, act.defaults.data());
        for (std::size_t i = 0; i < n; ++i) y[i] += p[2 * h + j] * a[j * n + i];
    }
    std::fill(grad.begin(), grad.end(), 0.0);
    double loss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = (y[i] - t[i]) / static_cast<double>(n);
        loss += (y[i] - t[i]) * (y[i] - t[i]) / (2 * static_cast<double>(n));
        grad[3 * h] += r;
        for (std::size_t j = 0; j < h; ++j) {
            const double back = r * p[2 * h + j] * da[j * n + i];
            grad[j] += back * x[i];
            grad[h + j] += back;
            grad[2 * h + j] += r * a[j * n + i];
        }
    }
    return loss;
}

}  // namespace detail

//! Fits a width-`width` hidden layer of `act` to `f` (seeded). Centres u_j uniform in [a, b];
//! slopes w_j = ±(6/(b − a))·s_j with s_j log-uniform on [1, width] (wider layers
//! get finer features: with slopes of order 1 only, sin's frequencies could not resolve a kink
//! however wide the layer); b_j = −w_j·u_j; output weights 0 and c0 the mean of the target.
//! Adam on everything, then the output layer solved by least squares.
inline width_fit fit_width(const activation_kernel<double>& act, const target_function& f,
                           int width, const std::string& seed, const width_options& o) {
    random_stream r(seed);
    const auto h = static_cast<std::size_t>(width);
    std::vector<double> p(3 * h + 1);
    const double scale = 6 / (o.b - o.a), top = std::log(static_cast<double>(width));
    for (std::size_t j = 0; j < h; ++j) {
        p[j] = scale * std::exp(r.uniform(0, top)) * (r.uniform() < 0.5 ? -1 : 1);
        p[h + j] = -p[j] * r.uniform(o.a, o.b);
    }
    const std::vector<double> x = grid(o.a, o.b, o.train_points);
    std::vector<double> t(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) t[i] = f(x[i]);
    const auto solve_output = [&] {
        const std::vector<double> c = least_squares(
            detail::features(
                act, {p.begin(), p.begin() + static_cast<long>(h)},
                {p.begin() + static_cast<long>(h), p.begin() + 2 * static_cast<long>(h)}, x),
            t);
        p[3 * h] = c[0];
        for (std::size_t j = 0; j < h; ++j) p[2 * h + j] = c[j + 1];
    };
    for (const double v : t) p[3 * h] += v / static_cast<double>(t.size());
    adam opt(p.size(), o.learning_rate);
    std::vector<double> grad(p.size());
    for (long s = 0; s < o.steps; ++s) {
        detail::loss_gradient(act, p, x, t, grad);
        opt.step(p, grad);
    }
    solve_output();
    const std::vector<double> xs = grid(o.a, o.b, o.test_points);
    const Eigen::MatrixXd m = detail::features(
        act, {p.begin(), p.begin() + static_cast<long>(h)},
        {p.begin() + static_cast<long>(h), p.begin() + 2 * static_cast<long>(h)}, xs);
    width_fit e;
    double sum = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        double y = p[3 * h];
        for (std::size_t j = 0; j < h; ++j)
            y += p[2 * h + j] * m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j + 1));
        const double d = std::fabs(y - f(xs[i]));
        e.max_error = std::max(e.max_error, d);
        sum += d * d;
    }
    e.rms_error = std::sqrt(sum / static_cast<double>(xs.size()));
    if (!std::isfinite(e.max_error) || !std::isfinite(e.rms_error)) e.max_error = e.rms_error = NAN;
    return e;
}

}  // namespace actlab::mlp::experiments
