// actlab: activations whose shape is learned — Snake, the adaptive piecewise linear unit and
// KAN's cubic B-spline.
#pragma once

#include <actlab/expr/build.hpp>
#include <actlab/expr/detail/transform.hpp>

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace actlab {

namespace detail {

// KAN's default grid: G = 5 intervals on [−1, 1], order k = 3, extended by 3 knots on each
// side: knots t_j = −2.2 + 0.4·j = (2j − 11)/5 (j = 0..11), spacing h = 2/5, eight cubic
// B-splines B_{i,3} (i = 0..7), B_{i,3} supported on [t_i, t_{i+4}].
inline constexpr int bspline_knots = 12;
inline constexpr int bspline_intervals = bspline_knots - 1;
inline constexpr int bspline_coefficients = bspline_knots - 4;

//! p/q in lowest terms (t_3 = −1, not −5/5).
constexpr rational fraction(long long p, long long q) {
    rational r{};
    normalize(p, q, r);
    return r;
}

constexpr rational bspline_knot(int j) { return fraction(2 * j - 11, 5); }

//! The spline on [t_k, t_{k+1}]: with u = (x − t_k)/h ∈ [0, 1], Σ c_i·B_{i,3} over the
//! i = k−3..k that exist, B_{k−3..k} being the uniform cubic B-spline polynomials
//! (1 − u)³/6, (3u³ − 6u² + 4)/6, (−3u³ + 3u² + 3u + 1)/6 and u³/6. (Truncated powers
//! (x − t)₊³ would cancel catastrophically far from the knots.) Built in one workspace, with
//! the numbers divided into the sums as the canonical form stores them: the public operators
//! would copy and compact the expression at every step, too slow for every translation unit.
constexpr expr bspline_piece(int k) {
    constexpr std::string_view names[bspline_coefficients] = {"c0", "c1", "c2", "c3",
                                                              "c4", "c5", "c6", "c7"};
    expr w{raw_tag{}};
    const auto num = [&w](long long p, long long q) { return number(w, fraction(p, q)); };
    const auto times = [&w](long long p, long long q, index f) {
        return mul_number(w, fraction(p, q), f);
    };
    const auto sum = [&w](std::initializer_list<index> terms) {
        term_list t;
        for (const index i : terms) t.push(i);
        return add(w, t);
    };
    const index xv = intern_leaf(w, op::variable, 0);
    const index u = sum({num(11 - 2 * k, 2), times(5, 2, xv)});  // (x − t_k)/h
    const index v = sum({num(2 * k - 9, 2), times(-5, 2, xv)});  // 1 − u
    const index u2 = power(w, u, rational{2, 1});
    const index u3 = power(w, u, rational{3, 1});
    const index basis[4] = {
        times(1, 6, power(w, v, rational{3, 1})),                             // (1 − u)³/6
        sum({times(1, 2, u3), times(-1, 1, u2), num(2, 3)}),                  // (3u³ − 6u² + 4)/6
        sum({times(-1, 2, u3), times(1, 2, u2), times(1, 2, u), num(1, 6)}),  // (−3u³ + …)/6
        times(1, 6, u3)};                                                     // u³/6
    term_list piece;
    for (int m = 0; m < 4; ++m) {
        const int i = k - 3 + m;
        if (i < 0 || i >= bspline_coefficients) continue;
        // Defaults c_i = −1.4 + 0.4·i, the Greville abscissae: the spline is x on [−1, 1].
        const index c =
            intern_leaf(w, op::parameter, intern_parameter(w, names[i], fraction(2 * i - 7, 5)));
        piece.push(mul(w, c, basis[m]));
    }
    return compact(w, add(w, piece));
}

// One constant evaluation per piece: the whole spline in one would exceed Clang's default
// budget of constexpr steps.
template <int K>
inline constexpr expr bspline_piece_v = bspline_piece(K);

//! where(x < t_0, 0, where(x < t_1, piece_0, … where(x < t_11, piece_10, 0))).
template <std::size_t... K>
constexpr expr bspline(std::index_sequence<K...>) {
    const expr* pieces[] = {&bspline_piece_v<static_cast<int>(K)>...};
    expr w{raw_tag{}};
    const index xv = intern_leaf(w, op::variable, 0);
    const auto below = [&](int j) { return comparison(w, op::lt, xv, number(w, bspline_knot(j))); };
    index f = number(w, 0);
    for (int k = bspline_intervals - 1; k >= 0; --k)
        f = where(w, below(k + 1), import(w, *pieces[k]), f);
    return compact(w, where(w, below(0), number(w, 0), f));
}

}  // namespace detail

namespace activations {

//! snake(x) = x + sin²(α·x)/α, α = 1 (learnable).
//! Liu Ziyin, Hartwig & Ueda 2020, Neural Networks Fail to Learn Periodic Functions and How to
//! Fix It.
inline constexpr expr snake = x + pow(actlab::sin(param("alpha", 1) * x), 2) / param("alpha", 1);

//! apl(x) = max(0, x) + a1·max(0, −x + b1) + a2·max(0, −x + b2) (S = 2 hinges), all learnable:
//! a1 = 0.5, b1 = 0.5, a2 = −0.25, b2 = −1.
//! Agostinelli, Hoffman, Sadowski & Baldi 2014, Learning Activation Functions to Improve Deep
//! Neural Networks.
inline constexpr expr apl = actlab::max(0, x) +
                            param("a1", 0.5) * actlab::max(0, -x + param("b1", 0.5)) +
                            param("a2", -0.25) * actlab::max(0, -x + param("b2", -1));

//! bspline(x) = Σ_{i=0..7} c_i·B_{i,3}(x): cubic B-splines on the uniform knots
//! t_j = −2.2 + 0.4·j (j = 0..11), KAN's default grid (G = 5 intervals on [−1, 1], k = 3,
//! extended by 3 knots each side); 0 outside [−2.2, 2.2]. c_i = −1.4 + 0.4·i (learnable), the
//! Greville abscissae, so the default spline equals x on [−1, 1]. Written as a `where` over the
//! knot intervals, each piece a cubic in u = (x − t_k)/0.4.
//! Liu et al. 2024, KAN: Kolmogorov-Arnold Networks.
inline constexpr expr bspline =
    detail::bspline(std::make_index_sequence<detail::bspline_intervals>{});

}  // namespace activations

}  // namespace actlab
