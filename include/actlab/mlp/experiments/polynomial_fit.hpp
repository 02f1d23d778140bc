// actlab: the best polynomial of degree ≤ d in the least-squares sense on a grid — the value
// at which a hidden layer of a polynomial activation of degree d must stop improving (the
// identity gives lines, x² gives quadratics, whatever the width).
//
// Computed independently of the networks: Householder QR of the Legendre-basis design matrix
// (x mapped to [−1, 1]) in double and in long double; the errors are shown to the digits on
// which the two precisions agree.
#pragma once

#include <actlab/mlp/experiments/common.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::mlp::experiments {

namespace detail {

//! P_0..P_d at u ∈ [−1, 1] (Bonnet's recurrence).
template <class T>
std::vector<T> legendre(T u, int d) {
    std::vector<T> p(static_cast<std::size_t>(d + 1));
    p[0] = 1;
    if (d >= 1) p[1] = u;
    for (int k = 1; k < d; ++k)
        p[static_cast<std::size_t>(k + 1)] = (T(2 * k + 1) * u * p[static_cast<std::size_t>(k)] -
                                              T(k) * p[static_cast<std::size_t>(k - 1)]) /
                                             T(k + 1);
    return p;
}

//! Least squares by Householder QR (n ≥ cols, full column rank): the coefficients.
template <class T>
std::vector<T> householder_solve(std::vector<std::vector<T>> a, std::vector<T> y) {
    const std::size_t n = a.size(), m = a[0].size();
    for (std::size_t k = 0; k < m; ++k) {
        T norm = 0;
        for (std::size_t i = k; i < n; ++i) norm += a[i][k] * a[i][k];
        norm = std::sqrt(norm);
        const T alpha = a[k][k] > 0 ? -norm : norm;
        std::vector<T> v(n, T(0));
        for (std::size_t i = k; i < n; ++i) v[i] = a[i][k];
        v[k] -= alpha;
        T vv = 0;
        for (std::size_t i = k; i < n; ++i) vv += v[i] * v[i];
        if (vv == 0) continue;
        for (std::size_t j = k; j < m; ++j) {
            T s = 0;
            for (std::size_t i = k; i < n; ++i) s += v[i] * a[i][j];
            for (std::size_t i = k; i < n; ++i) a[i][j] -= 2 * s / vv * v[i];
        }
        T s = 0;
        for (std::size_t i = k; i < n; ++i) s += v[i] * y[i];
        for (std::size_t i = k; i < n; ++i) y[i] -= 2 * s / vv * v[i];
    }
    std::vector<T> c(m);
    for (std::size_t k = m; k-- > 0;) {
        T s = y[k];
        for (std::size_t j = k + 1; j < m; ++j) s -= a[k][j] * c[j];
        c[k] = s / a[k][k];
    }
    return c;
}

template <class T>
std::pair<T, T> polynomial_errors(const target_function& f, int degree, double a, double b,
                                  int train_points, int test_points) {
    const T mid = (T(a) + T(b)) / 2, half = (T(b) - T(a)) / 2;
    const auto design = [&](const std::vector<double>& xs) {
        std::vector<std::vector<T>> m;
        for (const double x : xs) m.push_back(legendre<T>((T(x) - mid) / half, degree));
        return m;
    };
    const std::vector<double> x = grid(a, b, train_points), xs = grid(a, b, test_points);
    std::vector<T> t;
    for (const double v : x) t.push_back(T(f(v)));
    const std::vector<T> c = householder_solve(design(x), t);
    const std::vector<std::vector<T>> m = design(xs);
    T worst = 0, sum = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        T y = 0;
        for (std::size_t k = 0; k < c.size(); ++k) y += c[k] * m[i][k];
        const T d = std::fabs(y - T(f(xs[i])));
        worst = std::max(worst, d);
        sum += d * d;
    }
    return {worst, std::sqrt(sum / T(xs.size()))};
}

//! The digits of `hi` on which `lo` agrees (at most `most`), as text; "unknown" if none.
//! The significant digits (at most `most`) on which lo (double) and hi (long double) agree,
//! 0 when none.
inline int agreeing_digits(double lo, long double hi, int most = 6) {
    for (int n = most; n >= 1; --n) {
        char l[48], h[48];
        std::snprintf(l, sizeof l, "%.*e", n - 1, lo);
        std::snprintf(h, sizeof h, "%.*Le", n - 1, hi);
        if (std::string_view(l) == std::string_view(h)) return n;
    }
    return 0;
}

}  // namespace detail

//! A value computed in double and in long double: the long double one rounded to double and
//! the significant digits the two agree on (0: none, the value is unknown).
struct agreed_value {
    double value = 0;
    int digits = 0;
};

//! The errors of the best polynomial of degree ≤ d on the training grid, measured on the dense
//! grid, each with the digits the two precisions agree on.
struct polynomial_fit {
    int degree = 0;
    agreed_value max_error, rms_error;
    double max_value = 0, rms_value = 0;  //!< the long double results, rounded to double
};

inline polynomial_fit best_polynomial(const target_function& f, int degree, double a, double b,
                                      int train_points, int test_points) {
    const auto lo = detail::polynomial_errors<double>(f, degree, a, b, train_points, test_points);
    const auto hi =
        detail::polynomial_errors<long double>(f, degree, a, b, train_points, test_points);
    const auto agreed = [](double l, long double h) {
        return agreed_value{static_cast<double>(h), detail::agreeing_digits(l, h)};
    };
    return {degree, agreed(lo.first, hi.first), agreed(lo.second, hi.second),
            static_cast<double>(hi.first), static_cast<double>(hi.second)};
}

}  // namespace actlab::mlp::experiments
