// actlab: what the notes' MLP experiments share — random numbers from a seed string, Adam,
// the exact least-squares solve of a linear output layer (Eigen), a target function of x,
// and the rounding of measured numbers for tables.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/parse.hpp>
#include <actlab/mlp/activation.hpp>
#include <actlab/mlp/dataset.hpp>
#include <actlab/mlp/seedrandom.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace actlab::mlp::experiments {

//! Uniform and normal numbers from a seed string (seedrandom; normals by the polar method).
class random_stream {
public:
    explicit random_stream(const std::string& seed) : r_(seed) {}
    double uniform() { return r_(); }
    double uniform(double a, double b) { return a + (b - a) * r_(); }
    double normal() {
        const uniform_source u = [this] { return r_(); };
        return mlp::detail::normal(u, 0, 1);
    }

private:
    seedrandom r_;
};

//! Adam (Kingma & Ba) on a flat parameter vector: β1 = 0.9, β2 = 0.999, ε = 1e-8.
class adam {
public:
    adam(std::size_t n, double learning_rate) : lr_(learning_rate), m_(n), v_(n) {}

    void step(std::vector<double>& p, const std::vector<double>& g) {
        ++t_;
        const double c1 = 1 - std::pow(0.9, static_cast<double>(t_));
        const double c2 = 1 - std::pow(0.999, static_cast<double>(t_));
        for (std::size_t k = 0; k < p.size(); ++k) {
            m_[k] = 0.9 * m_[k] + 0.1 * g[k];
            v_[k] = 0.999 * v_[k] + 0.001 * g[k] * g[k];
            p[k] -= lr_ * (m_[k] / c1) / (std::sqrt(v_[k] / c2) + 1e-8);
        }
    }

private:
    double lr_;
    long t_ = 0;
    std::vector<double> m_, v_;
};

//! The least-squares solution c of A·c ≈ y (minimum norm when A is rank-deficient): Eigen's
//! complete orthogonal decomposition, so a layer of identical or affine units still gets the
//! best fit its span allows.
inline std::vector<double> least_squares(const Eigen::MatrixXd& a, const std::vector<double>& y) {
    const Eigen::Map<const Eigen::VectorXd> rhs(y.data(), static_cast<Eigen::Index>(y.size()));
    const Eigen::VectorXd c = a.completeOrthogonalDecomposition().solve(rhs);
    return {c.data(), c.data() + c.size()};
}

//! A function of x: a catalogue activation by name, or a formula in x (`parse`).
struct target_function {
    std::string name;
    activation_kernel<double> kernel;

    double operator()(double x) const {
        double a = 0, da = 0;
        kernel.apply(&x, &a, &da, 1, kernel.defaults.data());
        return a;
    }
};

//! The target called `text`: a catalogue name first, else a formula; throws actlab::error.
//! Evaluated by the expression interpreter (`formula_kernel`), also for a catalogue name: a
//! target is evaluated only on the grids, and the compiled path (`catalog_kernel`) would build
//! the whole catalogue's compile-time table in every translation unit that includes this.
inline target_function make_target(const std::string& text) {
    if (const activation* a = actlab::find(text))
        return {text, formula_kernel<double>(*a->definition, text)};
    return {text, formula_kernel<double>(actlab::parse(text), text)};
}

//! v to n significant digits ("%.*g"): measured numbers are shown to the digits that mean
//! something (a seed changes the third digit of a trained network's error; double rounding
//! changes the sixteenth).
inline std::string rounded(double v, int n = 3) {
    if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    if (v == 0) v = 0;  // no "-0"
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.*g", n, v);
    return buffer;
}

//! Runs job(k) for k = 0..n−1 on `threads` threads (results must go to slot k).
inline void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& job) {
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t k = next++; k < n; k = next++) job(k);
    };
    std::vector<std::thread> pool;
    const int extra = std::max(0, std::min<int>(threads, static_cast<int>(n)) - 1);
    for (int t = 0; t < extra; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

//! The equispaced grid of n points on [a, b].
inline std::vector<double> grid(double a, double b, int n) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        x[static_cast<std::size_t>(i)] = n == 1 ? (a + b) / 2 : a + (b - a) * i / (n - 1);
    return x;
}

//! The median of v (v not empty).
inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace actlab::mlp::experiments
