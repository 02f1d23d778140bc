// actlab: balls of double-double midpoint and double radius, with rigorous error bounds —
// the arithmetic of eval_certified's quick phase (include/actlab/eval/quick_enclose.hpp).
//
// A ball {m, r} stands for the real interval [m − r, m + r], m = m.hi + m.lo a normalized
// double-double (m.hi = RN(m.hi + m.lo), so |m.lo| <= ulp(m.hi)/2), r >= 0 a double. Every
// operation returns a ball that contains the exact result of the real operation at every
// point of the operand balls: new radius = the spread of the operands propagated by the
// usual ball rules + a bound on the rounding error of the double-double operation on the
// midpoints. Radii are computed in round-to-nearest and then pushed up by `up` (below).
//
// Error bounds used (u = 2^-53), each inflated well beyond the published or derived value:
//  - add (fp.hpp `add`, AccurateDWPlusDW of Joldes, Muller, Popescu 2017, "Tight and
//    rigorous error bounds for basic building blocks of double-word arithmetic", Alg. 6):
//    relative error <= 3u² + 13u³; we use 2^-99 |m.hi| = 128u² |m.hi| (>= 40×).
//  - mul (fp.hpp `mul`: DWTimesDW1, Alg. 10 without the lo·lo product): <= 7u²; we use
//    2^-97 |m.hi| = 512u² |m.hi|.
//  - reciprocal: not taken on trust; the residual 1 − q·b is computed and bounds the error.
//  - exp (exp_core): Taylor remainder r^8/8!·e^|r| <= 2^-75 for |r| <= ln2/128 (1 + 2^-36),
//    the double part of the polynomial carries <= 2^-80, the 2^(j/64) table is correctly
//    rounded double-double (<= 2^-106), the final t·(1 + q) <= 2^-98: relative <= 2^-74. We
//    use 2^-69. When n = 0, q = e^r − 1 itself is charged relative r²(r⁵/20000 + 2^-48)
//    + 2^-90: the Taylor remainder r^7/8! e^|r| relative to r, and the double-precision
//    roundings in the low part (< 2.2u r² relative, u = 2^-53), with margins >= 1.9 and 7.
//  - log, log1p: quick_log.hpp (table-driven, 2^-72 relative charged).
// Magnitudes are kept in [2^-900, 2^900] by the caller (quick_scaled.hpp: outside, a ball
// carries a binary exponent beside it and is rescaled to [1, 2)), so Dekker's split (needs
// |a| < 2^995) never overflows and underflow only touches the low words, whose absolute error
// (< 2^-1074) is covered by the absolute term `tiny` added to every radius.
#pragma once

#include <actlab/eval/detail/quick_log.hpp>
#include <actlab/math/detail/exp_core.hpp>
#include <actlab/math/detail/fp.hpp>

#include <algorithm>
#include <optional>

namespace actlab::detail::quick {

using math::detail::dd;

struct ball {
    dd m;
    double r;
};

//! An upper bound of the nonnegative x + whatever round-to-nearest lost in computing it:
//! fl(x·(1 + 2^-50)) >= x (1 + 2^-50)(1 − 2^-53) > x (1 + 2^-52), and the added 2^-1022
//! covers an underflowed product (error < 2^-1074). The absolute terms are the smallest
//! normal, not subnormals: an operation on a subnormal costs ~100 cycles on x86.
inline double up(double x) { return x * (1 + 0x1p-50) + 0x1p-1022; }

//! Absolute error term added to every result radius (covers subnormal low words).
inline constexpr double tiny = 0x1p-1022;

//! |m| <= magnitude(m).
inline double magnitude(dd m) { return up(math::detail::fabs(m.hi) * (1 + 0x1p-52)); }

inline ball point(double v) { return {{v, 0.0}, 0.0}; }
inline ball neg(ball a) { return {{-a.m.hi, -a.m.lo}, a.r}; }

//! An upper bound of a sum of at most 8 nonnegative terms, each computed with at most 8
//! roundings to nearest in all (so the computed x >= exact (1 − 2^-50) − 8·2^-1075): one
//! factor 1 + 2^-48 and 2^-1020 absorb that, a cheaper chain than an `up` after each step.
inline double up_sum(double x) { return x * (1 + 0x1p-48) + 0x1p-1020; }

inline ball add(ball a, ball b) {
    const dd m = math::detail::add(a.m, b.m);
    // |m| <= |m.hi| (1 + 2^-52), so |m.hi| 2^-99 covers the add's 2^-100 |m| (exact scaling).
    return {m, up_sum(a.r + b.r + math::detail::fabs(m.hi) * 0x1p-99)};
}

inline ball mul(ball a, ball b) {
    const dd m = math::detail::mul(a.m, b.m);
    // |a.m| <= |a.hi| (1 + 2^-52): that factor too is inside up_sum's 1 + 2^-48.
    const double ma = math::detail::fabs(a.m.hi), mb = math::detail::fabs(b.m.hi);
    return {m, up_sum(ma * b.r + mb * a.r + a.r * b.r + math::detail::fabs(m.hi) * 0x1p-97)};
}

//! 1/b, when b keeps away from 0 (|b.m| > 1024 b.r); the midpoint's error is bounded by
//! the computed residual 1 − q·b.m, not by an analysis of the division.
inline std::optional<ball> reciprocal(ball b) {
    const double mb = math::detail::fabs(b.m.hi);
    if (!(mb * (1 - 0x1p-50) > 1024 * up(b.r))) return std::nullopt;
    // q = q1 + q1·(1 − q1·b.m): one division and a correction step (any q would do: the
    // residual below bounds its error).
    const double q1 = 1.0 / b.m.hi;
    const dd p = math::detail::two_prod(q1, b.m.hi);
    const double rest = ((1.0 - p.hi) - p.lo) - q1 * b.m.lo;
    const dd q = math::detail::fast_two_sum(q1, rest * q1);
    const dd qb = math::detail::mul(q, b.m);
    const dd e = math::detail::add(qb, -1.0);
    // |q·b.m − 1| <= |e| + mul error (2^-98 |qb|) + add error (2^-100 |e|), and
    // |e| <= |e.hi| (1 + 2^-52), |qb| <= 2 |qb.hi|.
    const double delta =
        up_sum(math::detail::fabs(e.hi) * (1 + 0x1p-51) + math::detail::fabs(qb.hi) * 0x1p-97);
    if (!(delta < 0x1p-40)) return std::nullopt;
    // |1/b.m − q| = |q| |1/(q b.m) − 1| <= |q| δ/(1 − δ) <= 2 δ |q.hi|, and
    // |1/y − 1/b.m| <= b.r / (|y| |b.m|) <= b.r q.hi² (1 + 2^-9)(1 + 2^-38) for |y| >= |b.m|
    // (1 − 2^-10).
    const double mq = math::detail::fabs(q.hi);
    // (b.r q.hi) q.hi, not b.r q.hi²: q.hi² underflows for |b| > 2^537 (b.r q.hi <= 2^-10).
    return ball{q, up_sum(2 * delta * mq + (b.r * mq) * mq * (1 + 0x1p-8))};
}

//! e^t <= e^-708 < 2^-1021 on the ball: {0, 2^-1021} holds the values of exp and σ.
inline bool below_exp_range(ball a) { return a.m.hi + up(a.r) < -708; }
inline constexpr ball underflowed = {{0.0, 0.0}, 0x1p-1021};

//! e^a for |a| <= 708 (result radius also covers the subnormal low words near e^-708).
inline std::optional<ball> exp(ball a) {
    if (below_exp_range(a)) return underflowed;
    const double x = a.m.hi;
    if (!(math::detail::fabs(x) <= 708) || !(a.r <= 0x1p-12)) return std::nullopt;
    const math::detail::exp_parts p = math::detail::exp_core(x, a.m.lo);
    const dd v = {math::detail::mul_pow2(p.m.hi, p.k), math::detail::mul_pow2(p.m.lo, p.k)};
    // e^t − e^m = e^m (e^(t−m) − 1), |e^(t−m) − 1| <= r (1 + r) for r <= 2^-12, e^m <=
    // |v| (1 + 2^-69) <= |v.hi| (1 + 2^-51); the kernel's 2^-69 |v| <= 2^-68 |v.hi|.
    const double mv = math::detail::fabs(v.hi);
    return ball{math::detail::fast_two_sum(v.hi, v.lo),
                up_sum(mv * (0x1p-68 + a.r * (1 + 0x1p-11)))};
}

//! e^a − 1 for −708 <= a <= 708.
inline std::optional<ball> expm1(ball a) {
    if (below_exp_range(a)) return ball{{-1.0, 0.0}, 0x1p-1021};
    const double x = a.m.hi;
    if (!(math::detail::fabs(x) <= 708) || !(a.r <= 0x1p-12)) return std::nullopt;
    const math::detail::exp_parts p = math::detail::exp_core(x, a.m.lo);
    dd v{};
    double err = 0;
    if (p.n == 0) {
        v = p.q;  // e^r − 1, r = a.m exactly (see the header for the bound)
        const double ax = math::detail::fabs(x), r2 = ax * ax;
        err = up(magnitude(v) * up(up(r2 * up(up(r2 * r2 * ax) / 20000 + 0x1p-48)) + 0x1p-90));
    } else {
        // 2^k m − 1 = 2^k (m − 2^-k): m's error 2^-69 |m| scaled, plus the add's rounding.
        const dd d = math::detail::add(p.m, -math::detail::pow2(-p.k));
        v = {math::detail::mul_pow2(d.hi, p.k), math::detail::mul_pow2(d.lo, p.k)};
        v = math::detail::fast_two_sum(v.hi, v.lo);
        err = up(math::detail::mul_pow2(magnitude(p.m), p.k) * 0x1p-69 + magnitude(v) * 0x1p-99);
    }
    // The derivative e^t <= (1 + |v| + err)(1 + 2r) on the ball.
    const double slope = up(up(1 + magnitude(v) + err) * (1 + 0x1p-11));
    return ball{v, up(err + up(slope * a.r) + tiny)};
}

//! log a for a ball inside (0, inf) with |a.m| > 1024 a.r (quick_log.hpp's log_fast).
inline std::optional<ball> log(ball a) {
    if (!(a.m.hi > 0) || !(a.m.hi * (1 - 0x1p-50) > 1024 * up(a.r))) return std::nullopt;
    const dd v = log_fast(a.m);
    // |log t − log m| <= r / (m − r) <= (r / m)(1 + 2^-9).
    const double spread = up(up(a.r / a.m.hi) * (1 + 0x1p-8));
    return ball{v, up(log_error(v) + spread + tiny)};
}

//! log(1 + a) for a ball inside (−1/2, inf) with r <= 2^-12: log1p_small for |a.m| <= 2^-9,
//! log_fast(1 + a.m) otherwise (quick_log.hpp).
inline std::optional<ball> log1p(ball a) {
    const double x = a.m.hi;
    if (!(x > -0.5) || !(a.r <= 0x1p-12)) return std::nullopt;
    if (!(math::detail::fabs(x) <= 0x1p-9)) {
        // |log(1 + a)| >= 2^-9.01: the rounding of 1 + m (2^-100 |1 + m|, one ulp of a dd
        // add) moves the log by < 2^-99, and the derivative is <= 1/(0.5 − r) on the ball.
        const dd one_plus = math::detail::add(dd{1.0, 0.0}, a.m);
        const dd v = log_fast(one_plus);
        const double spread = up(up(a.r / (0.5 - a.r)) + 0x1p-99);
        return ball{v, up(log_error(v) + spread + tiny)};
    }
    // |m| <= 2^-9 (1 + 2^-52) < 2^-8.4: log1p_small, error 2^-74 |v| <= 2^-73 |v.hi|;
    // |d/dt log(1 + t)| <= 1/(1 − 2^-9 − r) < 1.003.
    const dd v = log1p_small(a.m);
    return ball{v, up(math::detail::fabs(v.hi) * 0x1p-73 + up(a.r * 1.003) + tiny)};
}

//! σ(a) = 1/(1 + e^−a), or e^a/(1 + e^a) for a < 0 (no cancellation either way).
inline std::optional<ball> sigmoid(ball a) {
    const double x = a.m.hi;
    if (x - up(a.r) > 700) return ball{{1.0, 0.0}, 0x1p-1000};  // 1 − σ < e^-700 < 2^-1010
    if (below_exp_range(a)) return underflowed;                 // σ(t) < e^t
    if (x >= 0) {
        const auto e = exp(neg(a));
        if (!e) return std::nullopt;
        return reciprocal(add(point(1.0), *e));
    }
    const auto e = exp(a);
    if (!e) return std::nullopt;
    const auto q = reciprocal(add(point(1.0), *e));
    if (!q) return std::nullopt;
    return mul(*e, *q);
}

//! tanh(a) = e/(e + 2), e = expm1(2a), for a >= 0 (odd symmetry for a < 0); 1 − 2σ(−2a)
//! from a > 20 on (where e/(e + 2) would need e^(2a) beyond Dekker's range).
inline std::optional<ball> tanh(ball a) {
    if (a.m.hi < 0) {
        const auto t = tanh(neg(a));
        if (!t) return std::nullopt;
        return neg(*t);
    }
    const double x = a.m.hi;
    if (x - up(a.r) > 300) return ball{{1.0, 0.0}, 0x1p-800};  // 1 − tanh < 2e^-600
    const ball twice = {{2 * a.m.hi, 2 * a.m.lo}, 2 * a.r};
    if (x > 20) {
        const auto s = sigmoid(neg(twice));
        if (!s) return std::nullopt;
        return add(point(1.0), mul(point(-2.0), *s));
    }
    const auto e = expm1(twice);
    if (!e) return std::nullopt;
    const auto q = reciprocal(add(*e, point(2.0)));
    if (!q) return std::nullopt;
    return mul(*e, *q);
}

}  // namespace actlab::detail::quick
