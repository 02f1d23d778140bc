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
    double learning_rate = 0.01;
    //! The stopping rule of Adam (full batch): every `window` steps, the lowest training loss
    //! of the window just ended is compared with the lowest before it; Adam stops (converged)
    //! when it fell by less than `tolerance` of the latter, or when the loss is below 1e-24 of
    //! the target's mean square (an exact fit, to rounding); else at `max_steps` (not
    //! converged, which is reported).
    long window = 500;
    double tolerance = 0.01;
    long max_steps = 20000;
};

//! One fitted network: its error on the dense grid, the Adam steps it took and whether the
//! stopping rule held within the budget.
struct width_fit {
    double max_error = 0, rms_error = 0;
    long steps = 0;
    bool converged = false;
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

//! The initial parameters p = (w, b, c, c0) of a width-`width` layer (seeded): centres u_j
//! uniform in [a, b]; slopes w_j = ±(6/(b − a))·s_j with s_j log-uniform on [1, width] (wider
//! layers get finer features: with slopes of order 1 only, sin's frequencies could not resolve
//! a kink however wide the layer); b_j = −w_j·u_j; output weights 0, c0 the mean of t.
inline std::vector<double> initial_parameters(int width, const std::string& seed,
                                              const width_options& o,
                                              const std::vector<double>& t) {
    random_stream r(seed);
    const auto h = static_cast<std::size_t>(width);
    std::vector<double> p(3 * h + 1);
    const double scale = 6 / (o.b - o.a), top = std::log(static_cast<double>(width));
    for (std::size_t j = 0; j < h; ++j) {
        p[j] = scale * std::exp(r.uniform(0, top)) * (r.uniform() < 0.5 ? -1 : 1);
        p[h + j] = -p[j] * r.uniform(o.a, o.b);
    }
    for (const double v : t) p[3 * h] += v / static_cast<double>(t.size());
    return p;
}

//! The hidden layer's outputs on x for the parameters p (columns 1..H; column 0 is 1).
inline Eigen::MatrixXd hidden_features(const activation_kernel<double>& act,
                                       const std::vector<double>& p, const std::vector<double>& x) {
    const auto h = static_cast<long>((p.size() - 1) / 3);
    return features(act, {p.begin(), p.begin() + h}, {p.begin() + h, p.begin() + 2 * h}, x);
}

//! Replaces the output layer (c, c0) of p by the least-squares fit to t on x.
inline void solve_output(const activation_kernel<double>& act, std::vector<double>& p,
                         const std::vector<double>& x, const std::vector<double>& t) {
    const std::size_t h = (p.size() - 1) / 3;
    const std::vector<double> c = least_squares(hidden_features(act, p, x), t);
    p[3 * h] = c[0];
    for (std::size_t j = 0; j < h; ++j) p[2 * h + j] = c[j + 1];
}

//! The max and RMS error of the network p against f on xs (NaN for both if not finite).
inline width_fit errors(const activation_kernel<double>& act, const std::vector<double>& p,
                        const target_function& f, const std::vector<double>& xs) {
    const std::size_t h = (p.size() - 1) / 3;
    const Eigen::MatrixXd m = hidden_features(act, p, xs);
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

//! The stopping rule: true when the best loss of the window just ended is lower than the best
//! before it by less than `tolerance` of the latter, or is below `floor` (exact to rounding).
inline bool stalled(double before, double now, double tolerance, double floor) {
    return now <= floor || before - now < tolerance * before;
}

}  // namespace detail

//! Fits a width-`width` hidden layer of `act` to `f` (seeded, `detail::initial_parameters`):
//! full-batch Adam on everything until the stopping rule holds (`width_options`) or
//! `max_steps` are spent, then the output layer solved by least squares.
inline width_fit fit_width(const activation_kernel<double>& act, const target_function& f,
                           int width, const std::string& seed, const width_options& o) {
    const std::vector<double> x = grid(o.a, o.b, o.train_points);
    std::vector<double> t(x.size());
    double mean_square = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        t[i] = f(x[i]);
        mean_square += t[i] * t[i] / static_cast<double>(x.size());
    }
    std::vector<double> p = detail::initial_parameters(width, seed, o, t);
    adam opt(p.size(), o.learning_rate);
    std::vector<double> grad(p.size());
    width_fit e;
    double before = INFINITY, now = INFINITY;
    const double floor = 1e-24 * mean_square;
    while (e.steps < o.max_steps) {
        now = std::min(now, detail::loss_gradient(act, p, x, t, grad));
        opt.step(p, grad);
        ++e.steps;
        if (e.steps % o.window == 0) {
            if (detail::stalled(before, now, o.tolerance, floor)) {
                e.converged = true;
                break;
            }
            before = std::min(before, now);
            now = INFINITY;
        }
    }
    detail::solve_output(act, p, x, t);
    const width_fit errors = detail::errors(act, p, f, grid(o.a, o.b, o.test_points));
    e.max_error = errors.max_error;
    e.rms_error = errors.rms_error;
    return e;
}

}  // namespace actlab::mlp::experiments
