// actlab: erf and erfc on the balls of the quick phase (detail/quick_ball.hpp), with rigorous
// error bounds: the returned ball contains erf(t) (erfc(t)) for every t in the argument ball.
//
// Each function evaluates at the ball's midpoint t = a.m with every rounding bounded (by the
// ball operations of quick_ball.hpp, or by an error sum carried beside a double-double
// loop where noted), adds the truncation bound of its series or continued fraction, and then the
// spread of the argument: a.r times a bound of the derivative on the ball. Two methods, chosen by
// the midpoint:
//
//  - |t| < 2.5: the Maclaurin series erf(t) = 2t/√π Σ c_n t^(2n), c_n = (−1)^n/(n! (2n + 1)),
//    by Horner in u = t² with N + 1 terms (`maclaurin_terms`: chosen offline so that the
//    truncation is below 2^-92 of min(erf, erfc) at the top of each eighth of [0, 3]; the
//    small high-order terms in double, the rest in double-double, the error summed as it
//    goes, see maclaurin_sum). The truncation is bounded at run time: once n + 2 > u the
//    terms alternate and decrease, so the remainder is below the first omitted term
//    |c_(N+1)| u^(N+1). The terms cancel (at t = 2.5 they reach 6.6 for a sum of 0.35),
//    erfc = 1 − erf cancels too (erfc(2.5) = 4e-4): the relative radius of erfc_split's
//    F stays below 2^-80 at the test's points (tests/runtime/quick_erf.cpp prints it).
//  - |t| >= 2.5: Laplace's continued fraction √π e^(t²) erfc(t) = 1/(t + (1/2)/(t + 1/(t +
//    (3/2)/(t + …)))), i.e. K(α_k / t) with α_1 = 1, α_k = (k − 1)/2 (for t <= −2.5,
//    erfc(t) = 2 − erfc(−t) and erf(t) = −erf(−t)). It is not only a limit: with the
//    repeated integrals i^n erfc(t) = 2/√π ∫_t^∞ (s − t)^n/n! e^(−s²) ds > 0 (DLMF §7.18;
//    i^0 erfc = erfc, i^-1 erfc = 2/√π e^(−t²)), ρ_n = i^n erfc / i^(n−1) erfc > 0, and
//    their recurrence 2n i^n erfc = i^(n−2) erfc − 2t i^(n−1) erfc (DLMF §7.18, A&S 7.2.5),
//    ρ_(n−1) = (1/2)/(t + n ρ_n) exactly, so n ρ_n = (n/2)/(t + (n + 1) ρ_(n+1)) and for
//    every k the value is the k-th approximant with the positive tail w = k ρ_k:
//    (A_k + w A_(k−1)) / (B_k + w B_(k−1)), a monotone function of w on [0, ∞] that runs
//    from the convergent S_k = A_k/B_k to S_(k−1). Hence |value − S_k| <= |S_k − S_(k−1)|
//    = Π α_j / (B_k B_(k−1)) (the determinant formula), and a tail known to within δ moves
//    the value by at most δ Π α_j / B_k². A_k, B_k come from the forward recurrence
//    X_k = t X_(k−1) + α_k X_(k−2), all terms positive for t > 0: each double-double step
//    adds at most 2^-97 (mul) + 2^-97 (mul by the double α_k) + 2^-99 (add) to the
//    relative error (quick_ball.hpp's charges), so after k <= 100 steps A_k and B_k are
//    within k·2^-95.9 < k·2^-95 relative, the radius charged. The leading steps run in
//    double-double until |S_k − S_(k−1)| <= 2^-40 S; the tail w_k, a positive fraction of
//    the same kind, in double to ~2^-43 (fraction_tail), bracketed by its own convergents.
//    The value is written erfc(t) = e^E·F with E = −t² and F = e^(t²) erfc(t) = S/√π, so
//    that a caller can scale e^E beyond the double range (erfc(530) ≈ e^-280900).
//
// Spread of the argument: |erf′(t)| = 2/√π e^(−t²) <= 2/√π / (1 + s² + s⁴/2 + s⁶/6),
// s = min |t| on the ball (the partial sum of e^(s²)); for F(t) = e^(t²) erfc(t),
// F′ = 2tF − 2/√π, and A&S 7.1.13 (2/(√π (t + √(t² + 2))) < F < 2/(√π (t + √(t² + 4/π))))
// gives −4/(√π (t + √(t² + 2))²) < F′ < 0, so |F′| < 1/(√π t²) <= 0.5642/s².
// Declines (nullopt) where the radius exceeds 2^-12, and for |t| > 2^26 in erfc_split
// (where E's magnitude and B_k grow beyond what is checked here; erf and erfc saturate
// long before, from |t| >= 10 on).
#pragma once

#include <actlab/eval/detail/quick_ball.hpp>

#include <array>
#include <optional>

namespace actlab::detail::quick {

namespace erf_detail {

//! 1/√π and 2/√π as double-double (hi + lo within 2^-107 relative: checked in
//! tests/runtime/quick_erf.cpp against MPFR); the balls charge 2^-104.
inline constexpr dd inv_sqrt_pi = {0x1.20dd750429b6dp-1, 0x1.1ae3a914fed80p-57};
inline constexpr dd two_over_sqrt_pi = {0x1.20dd750429b6dp+0, 0x1.1ae3a914fed80p-56};
inline constexpr ball inv_sqrt_pi_ball = {inv_sqrt_pi, 0x1p-104};
inline constexpr ball two_over_sqrt_pi_ball = {two_over_sqrt_pi, 0x1p-103};

//! The series below this |t|, the continued fraction from it on (the series' table reaches 3).
inline constexpr double fraction_from = 2.5;

inline constexpr int max_terms = 68;  // the Maclaurin table holds c_0 … c_68

//! c_n = (−1)^n / (n! (2n + 1)) in double-double, built by dd divisions at compile time
//! (within 2^-104 relative of the exact rational: checked in tests/runtime/quick_erf.cpp);
//! the Horner loop charges 2^-102 relative per coefficient.
inline constexpr std::array<dd, max_terms + 1> maclaurin = [] {
    std::array<dd, max_terms + 1> c{};
    dd inv_factorial = {1.0, 0.0};
    for (int n = 0; n <= max_terms; ++n) {
        if (n > 0) inv_factorial = math::detail::div(inv_factorial, dd{double(n), 0.0});
        const dd v = math::detail::div(inv_factorial, dd{double(2 * n + 1), 0.0});
        c[static_cast<std::size_t>(n)] = n % 2 == 0 ? v : -v;
    }
    return c;
}();

//! N (the last index used) for |t| in [j/8, (j + 1)/8): the smallest N with |c_(N+1)|
//! ((j + 1)/8)^(2N + 2) <= 2^-92 min(erf, erfc)·√π/(2t) at t = (j + 1)/8 (mpmath; only
//! the accuracy depends on it, the truncation charged is computed at run time).
inline constexpr int maclaurin_terms[24] = {10, 13, 15, 17, 19, 21, 24, 26, 28, 30, 32, 34,
                                            37, 39, 41, 44, 47, 49, 52, 55, 58, 60, 64, 67};

//! K: the terms from c_K on are summed in double (their Horner part is below 2^-46
//! min(erf, erfc)·√π/(2t), so its ~2^-51 relative rounding is below 2^-97; mpmath, at the
//! top of each eighth, again only for the accuracy: the error charged is computed).
inline constexpr int maclaurin_double_from[24] = {6,  8,  9,  11, 12, 13, 15, 16, 18, 20, 21, 23,
                                                  25, 27, 29, 31, 33, 35, 38, 40, 43, 45, 48, 51};

//! An upper bound of x^n for x >= 0 (binary powering: <= 2 log2 n + 2 roundings, each
//! within 1 + 2^-53, so the factor 1 + 2^-45 covers them for n < 2^20).
inline double power_up(double x, int n) {
    double r = 1.0, b = x;
    for (; n > 0; n >>= 1) {
        if (n & 1) r *= b;
        b *= b;
    }
    return up(r * (1 + 0x1p-45));
}

//! 1/(1 + s² + s⁴/2 + s⁶/6) rounded up, >= e^(−s²) (s >= 0).
inline double gaussian_up(double s) {
    const double s2 = s * s;
    // The denominator is computed with <= 6 roundings to nearest of positive terms:
    // dividing by it·(1 − 2^-48) leaves an upper bound.
    const double den = 1 + s2 * (1 + s2 * (0.5 + s2 * (1.0 / 6)));
    return up(1 / (den * (1 - 0x1p-48)));
}

//! The smallest |t| on the ball, rounded down (0 if the ball holds 0).
inline double min_abs(const ball& a) {
    const double s = math::detail::fabs(a.m.hi) - up(a.r + math::detail::fabs(a.m.lo));
    return s > 0 ? s * (1 - 0x1p-50) : 0.0;
}

//! S(t²) = Σ c_n t^(2n) for the midpoint t = m, |t| < 3 (the Maclaurin series of the header).
//! u = t² is rounded to the double-double û; the Horner loop evaluates the polynomial at û
//! in double-double with its own error sum (tighter than chaining ball operations, whose
//! charges assume nothing about the operands): fp.hpp's mul is DWTimesDW1 of Joldes, Muller,
//! Popescu 2017 (relative error <= 7u² = 2^-103.2, u = 2^-53), charged 2^-100 of |p.hi|;
//! its add is AccurateDWPlusDW (<= 3u² + 13u³ < 2^-104.4), charged 2^-101 of |sum.hi|;
//! a coefficient 2^-102 (its test checks 2^-104). The error at step n is carried to the
//! result multiplied by û^n, so err_n = err_(n+1)·û + (the step's own errors). û's own
//! error moves the value by at most |u − û|/3: S(u) = ∫_0^1 e^(−u s²) ds (from erf(t) = 2t/√π
//! ∫_0^1 e^(−t² s²) ds), so −1/3 <= S′(u) <= 0.
inline ball maclaurin_sum(dd m) {
    using math::detail::fabs;
    const dd u = math::detail::mul(m, m);
    const double u_error = up(magnitude(u) * 0x1p-100);  // |u − û|
    const int j = static_cast<int>(fabs(m.hi) * 8);
    const int n_last = maclaurin_terms[j < 24 ? j : 23];
    const double u_up = up(magnitude(u) + u_error);
    // Terms K … N in double: c_n.hi is within 2^-52 |c_n| of c_n (its lo and the table's
    // 2^-102), acc·û.hi within 2^-53 of acc·û, and two roundings: charged 2^-51 |c|,
    // 2^-51 |p|, 2^-52 |acc| (each with a factor 2 to spare).
    const int k_double = maclaurin_double_from[j < 24 ? j : 23];
    double acc_d = maclaurin[static_cast<std::size_t>(n_last)].hi;
    double err = fabs(acc_d) * 0x1p-51;
    for (int n = n_last - 1; n >= k_double; --n) {
        const double c = maclaurin[static_cast<std::size_t>(n)].hi;
        const double p = acc_d * u.hi;
        acc_d = p + c;
        err = up_sum(err * u_up + (fabs(c) + fabs(p)) * 0x1p-51 + fabs(acc_d) * 0x1p-52);
    }
    // The rest in double-double, two terms per step off one product by û2 = û² (1 + η),
    // |η| <= 2^-100, so that the chain through acc is one mul and one add per two terms:
    // P_(n−1) = (c_(n−1) + c_n û) + û² P_(n+1). acc·û2 − P_(n+1) û² = (acc − P_(n+1)) û2 +
    // P_(n+1) û² η: η is charged like a second rounding of p (2^-99 |p|, doubled).
    const dd u2 = math::detail::mul(u, u);
    const double u2_up = up(magnitude(u2) * (1 + 0x1p-99));
    dd acc = {acc_d, 0.0};
    int n = k_double - 1;  // the next index to add
    for (; n >= 1; n -= 2) {
        const dd c1 = maclaurin[static_cast<std::size_t>(n)];
        const dd c0 = maclaurin[static_cast<std::size_t>(n - 1)];
        const dd q = math::detail::mul(c1, u);
        const dd r = math::detail::add(c0, q);
        const dd p = math::detail::mul(acc, u2);
        acc = math::detail::add(p, r);
        // 2^-100 |q| + 2^-102 |c1| u, 2^-101 |r| + 2^-102 |c0|, 2^-99 |p|, 2^-101 |acc|, each
        // doubled as below, in one up_sum (8 terms).
        err = up_sum(err * u2_up + fabs(q.hi) * 0x1p-99 + fabs(c1.hi) * u_up * 0x1p-101 +
                     fabs(r.hi) * 0x1p-100 + fabs(c0.hi) * 0x1p-101 + fabs(p.hi) * 0x1p-98 +
                     fabs(acc.hi) * 0x1p-100);
    }
    if (n == 0) {
        const dd c = maclaurin[0];
        const dd p = math::detail::mul(acc, u);
        acc = math::detail::add(p, c);
        // 2^-102 |c|, 2^-100 |p|, 2^-101 |acc|, each doubled (|x| <= |x.hi| (1 + 2^-52) and a
        // margin), in one up_sum (<= 8 roundings, err·u_up's included).
        err = up_sum(err * u_up + fabs(c.hi) * 0x1p-101 + fabs(p.hi) * 0x1p-99 +
                     fabs(acc.hi) * 0x1p-100);
    }
    // u <= 9.01 and N >= 10: N + 2 > u, so the remainder is below the first omitted term.
    const double first_omitted =
        up(magnitude(maclaurin[static_cast<std::size_t>(n_last + 1)]) * power_up(u_up, n_last + 1));
    return {acc, up_sum(err + first_omitted + u_error / 3 + tiny)};
}

//! erf at the midpoint m, |m| < 3, as a ball (rounding and truncation only).
inline ball erf_series(dd m) {
    return mul(mul(two_over_sqrt_pi_ball, ball{m, 0.0}), maclaurin_sum(m));
}

//! A double w and a radius: the tail value lies in [w − radius, w + radius].
struct tail_value {
    double w;
    double radius;
};

//! The tail w_k = α_(k+1)/(t + α_(k+2)/(t + …)) of the fraction (α_j = (j − 1)/2) in double,
//! to about 2^-46 relative: its convergents P_m/Q_m bracket it as the whole fraction's do
//! (same argument, the tail of a tail is positive), |P_m/Q_m − P_(m−1)/Q_(m−1)| = R_m =
//! Π_(i<=m) α_(k+i) / (Q_m Q_(m−1)), kept as a running product (no overflow; P and Q are
//! rescaled by 2^-600). Rounding: P, Q, R are recurrences of positive terms in t.hi =
//! t (1 + η), |η| <= 2^-53, each step 3 roundings (and 4 for R, which also inherits the
//! errors of two Q's): within (10m + 10)·2^-53 of their values at t, charged on w and R.
inline std::optional<tail_value> fraction_tail(double t, int k) {
    double p_prev = 0, p = 0.5 * k, q_prev = 1, q = t;  // P_0, P_1, Q_0, Q_1
    double r = p / t;                                   // R_1
    int m = 1;
    for (; m < 400; ++m) {
        if (r * q <= 0x1p-46 * p) break;     // R_m <= 2^-46 P_m/Q_m
        const double alpha = 0.5 * (k + m);  // α_(k+m+1)
        const double p_next = t * p + alpha * p_prev, q_next = t * q + alpha * q_prev;
        r *= alpha * (q_prev / q_next);
        p_prev = p, p = p_next, q_prev = q, q = q_next;
        if (q > 0x1p600) {
            p *= 0x1p-600, p_prev *= 0x1p-600, q *= 0x1p-600, q_prev *= 0x1p-600;
        }
    }
    if (m >= 400) return std::nullopt;
    const double w = p / q, rel = (10.0 * m + 10) * 0x1p-53;
    return tail_value{w, up_sum(r * (1 + rel) + w * (2 * rel))};
}

//! √π e^(t²) erfc(t) at the midpoint t = m >= 2.5 (the continued fraction of the header), or
//! nullopt if 100 steps do not reach 2^-40. The leading k steps in double-double until
//! |S_k − S_(k−1)| <= 2^-40 S, then the tail w_k in double (fraction_tail), and the value
//! is S_k(w) = (A_k + w A_(k−1)) / (B_k + w B_(k−1)) for the true tail w >= 0: moving w by
//! δ moves S_k(w) by at most δ Π α_j / (B_k + w B_(k−1))² <= δ Π α_j / B_k².
inline std::optional<ball> laplace_fraction(dd t) {
    dd a_prev = {0.0, 0.0}, a = {1.0, 0.0};      // A_0, A_1
    dd b_prev = {1.0, 0.0}, b = t;               // B_0, B_1
    double product = 1.0;                        // Π α_j, j <= k
    const double stop = 0x1p-40 / (t.hi + 1.5);  // 2^-40 · a lower bound of S >= 1/(t + 1)
    int k = 1;
    for (; k < 100; ++k) {
        // S_k − S_(k−1) = Π α_j/(B_k B_(k−1)): stop once it is below 2^-40 S.
        if (k >= 2 && product < stop * (b.hi * b_prev.hi)) break;
        const double alpha = 0.5 * k;  // α_(k+1) = k/2
        const dd a_next =
            math::detail::add(math::detail::mul(t, a), math::detail::mul(a_prev, alpha));
        const dd b_next =
            math::detail::add(math::detail::mul(t, b), math::detail::mul(b_prev, alpha));
        a_prev = a, a = a_next, b_prev = b, b = b_next;
        product *= alpha;
    }
    if (k >= 100) return std::nullopt;
    const auto tail = fraction_tail(t.hi, k);
    if (!tail) return std::nullopt;
    // Relative errors of A_k, B_k <= k·2^-95 (header), and of A_k + w A_(k−1), B_k + w
    // B_(k−1) (positive terms, one mul by the double w and one add) <= (k + 1)·2^-95.
    const double err = (k + 1) * 0x1p-95;
    const dd num = math::detail::add(a, math::detail::mul(a_prev, tail->w));
    const dd den = math::detail::add(b, math::detail::mul(b_prev, tail->w));
    const auto q = reciprocal(ball{den, up(magnitude(den) * err)});
    if (!q) return std::nullopt;
    const ball s = mul(ball{num, up(magnitude(num) * err)}, *q);
    // product: k roundings (1 + 2^-45); b.hi within 2^-50 of B_k.
    const double moved =
        up(tail->radius * (product * (1 + 0x1p-45)) / (b.hi * b.hi * (1 - 0x1p-48)));
    return ball{s.m, up_sum(s.r + moved)};
}

}  // namespace erf_detail

//! erfc(t) ∈ e^E·F for every t in the ball (see the header).
struct erfc_parts {
    ball e;
    ball f;
};

//! erfc as e^E·F: E = −t², F = e^(t²) erfc(t) for t >= 2.5 (midpoint); E = {0}, F = erfc
//! for smaller t (1 − erf by the series for |t| < 2.5, 2 − erfc(−t) from −2.5 down).
inline std::optional<erfc_parts> erfc_split(ball a);

//! erf on the ball: the series for |t| < 2.5, 1 − erfc beyond (odd in t).
inline std::optional<ball> erf(ball a) {
    using namespace erf_detail;
    if (!(a.r <= 0x1p-12) || !math::detail::is_finite(a.m.hi)) return std::nullopt;
    const double x = a.m.hi, ax = math::detail::fabs(x);
    if (x < 0) {
        const auto e = erf(neg(a));
        if (!e) return std::nullopt;
        return neg(*e);
    }
    // erfc(t) <= e^(−t²)/(t√π) < e^-100/10 < 2^-147 for t >= 10.
    if (x - up(a.r) >= 10) return ball{{1.0, 0.0}, 0x1p-140};
    if (ax < fraction_from) {
        const ball v = erf_series(a.m);
        // Spread: r · 2/√π · e^(−s²), s the smallest |t| on the ball.
        return ball{v.m, up_sum(v.r + a.r * 1.1284 * gaussian_up(min_abs(a)) + tiny)};
    }
    const auto parts = erfc_split(a);
    if (!parts) return std::nullopt;
    const auto e = exp(parts->e);
    if (!e) return std::nullopt;
    return add(point(1.0), neg(mul(*e, parts->f)));
}

inline std::optional<erfc_parts> erfc_split(ball a) {
    using namespace erf_detail;
    if (!(a.r <= 0x1p-12) || !math::detail::is_finite(a.m.hi)) return std::nullopt;
    const double x = a.m.hi;
    const ball zero = point(0.0);
    if (x + up(a.r) < -10) return erfc_parts{zero, ball{{2.0, 0.0}, 0x1p-139}};  // 2 − (< 2^-147)
    if (x <= -fraction_from) {                                                   // 2 − erfc(−t)
        const auto c = erfc_split(neg(a));
        if (!c) return std::nullopt;
        const auto e = exp(c->e);
        if (!e) return std::nullopt;
        return erfc_parts{zero, add(point(2.0), neg(mul(*e, c->f)))};
    }
    if (x < fraction_from) {
        const auto v = erf(a);
        if (!v) return std::nullopt;
        return erfc_parts{zero, add(point(1.0), neg(*v))};
    }
    if (!(x <= 0x1p26)) return std::nullopt;
    const auto s = laplace_fraction(a.m);
    if (!s) return std::nullopt;
    ball f = mul(*s, inv_sqrt_pi_ball);
    // Truncation and rounding are inside s; the spread: r · 0.5642/s² (header).
    const double lo = min_abs(a);
    f.r = up_sum(f.r + a.r * 0.5643 / (lo * lo * (1 - 0x1p-50)) + tiny);
    return erfc_parts{neg(mul(a, a)), f};
}

//! erfc on the ball as e^E·F with quick::exp (which returns {0, 2^-1021} for E < −708).
inline std::optional<ball> erfc(ball a) {
    const auto p = erfc_split(a);
    if (!p) return std::nullopt;
    if (p->e.m.hi == 0 && p->e.r == 0) return p->f;
    const auto e = exp(p->e);
    if (!e) return std::nullopt;
    return mul(*e, p->f);
}

}  // namespace actlab::detail::quick
