// actlab: scaled balls for eval_certified's quick phase — a ball of detail/quick_ball.hpp
// with an integer binary exponent beside it, value in [m − r, m + r]·2^e, so that e^-252050
// (gelu″ at x = −710), products of tiny factors and results that round to a subnormal or to
// ±0 stay representable and decided.
//
// Canonical form (kept by `settle`): e = 0 and T = max(|m.hi|, r) in [2^-900, 2^900] (or the
// exact zero {0, 0}), or e != 0 and T in [1, 2) (up to the radius' rounding) with e <= −901
// or e >= 900: then every point t of the ball has |t| <= (|m| + r) 2^e < 4.1·2^e, so
// |t| < 2^-898 when e < 0, and |t| > 2^795 when e > 0 and the ball's sign is certain
// (m.hi − |m.lo| − r > 2^-105 |m.hi|). The
// ball kernels of quick_ball.hpp run on e = 0 balls exactly as before; an operation leaves the
// fast path (both e = 0) only in the tails. Exponents stay in [emin_clamp − 1100, 2000]: a
// value below 2^emin_clamp is replaced by the ball [−2^emin_clamp, 2^emin_clamp] (its sign is
// lost: the final rounding then declines a ±0 it cannot sign), one above 2^2000 declines.
//
// Rescaling a ball by 2^s multiplies hi, lo and r by a power of two: exact unless a word
// becomes subnormal, where each word errs by < 2^-1075 (in the new units); `rescaled` adds
// 2^-1021 (> 3·2^-1075 plus the rounding of the radius itself) to the radius for that. The
// sum hi + lo is renormalized by two_sum (error-free, no ordering needed).
#pragma once

#include <actlab/eval/detail/quick_ball.hpp>

#include <optional>

namespace actlab::detail::quick {

struct sball {
    dd m;
    double r;
    int e;
};

inline constexpr int emin_clamp = -(1 << 29);
inline constexpr double canonical_low = 0x1p-900, canonical_high = 0x1p900;

inline sball scaled(const ball& b) { return {b.m, b.r, 0}; }
inline ball unscaled(const sball& s) { return {s.m, s.r}; }  // only for s.e == 0
inline sball sneg(const sball& a) { return {{-a.m.hi, -a.m.lo}, a.r, a.e}; }
inline bool exact_zero(const sball& a) { return a.m.hi == 0 && a.r == 0; }
inline double top(const sball& a) { return std::max(math::detail::fabs(a.m.hi), a.r); }

//! The ball a·2^s written with exponent a.e − s (words times 2^s, see the header).
inline sball rescaled(const sball& a, int s) {
    const dd m =
        math::detail::two_sum(math::detail::mul_pow2(a.m.hi, s), math::detail::mul_pow2(a.m.lo, s));
    return {m, up(math::detail::mul_pow2(a.r, s) + 0x1p-1021), a.e - s};
}

//! a with T = max(|m.hi|, r) in [1, 2) (an exact zero stays {0, 0, 0}).
inline sball normalized(const sball& a) {
    const double t = top(a);
    if (t == 0) return {{0.0, 0.0}, 0.0, 0};
    return rescaled(a, -math::detail::exponent(t));
}

//! settle's work outside the fast case.
inline std::optional<sball> settle_slow(const sball& a) {
    const double t = top(a);
    if (!math::detail::is_finite(t) || !math::detail::is_finite(a.m.lo)) return std::nullopt;
    if (t == 0) return sball{{a.m.hi, 0.0}, 0.0, 0};
    const long big = static_cast<long>(math::detail::exponent(t)) + a.e;  // |a| < 2^(big + 2)
    if (big > 2000) return std::nullopt;
    if (big < emin_clamp) return sball{{0.0, 0.0}, 1.0, emin_clamp};
    if (big >= -900 && big < 900) return rescaled(a, a.e);  // back to e = 0
    return normalized(a);
}

//! settle in place (false where settle gives nullopt): no copy through an optional on the
//! fast path, whose 8-byte stores read back as 16-byte halves would stall store forwarding.
[[gnu::always_inline]] inline bool settle_in_place(sball& a) {
    const double t = top(a);
    if (a.e == 0 && t >= canonical_low && t <= canonical_high) [[likely]]
        return true;
    const auto s = settle_slow(a);
    if (!s) return false;
    a = *s;
    return true;
}

//! The canonical form of a (header), or nullopt if a is not finite or above 2^2000.
[[gnu::always_inline]] inline std::optional<sball> settle(const sball& a) {
    const double t = top(a);
    if (a.e == 0 && t >= canonical_low && t <= canonical_high) [[likely]]
        return a;
    return settle_slow(a);
}

inline sball sadd(const sball& a, const sball& b) {
    if ((a.e | b.e) == 0) return scaled(add(unscaled(a), unscaled(b)));
    if (exact_zero(a)) return b;
    if (exact_zero(b)) return a;
    sball x = normalized(a), y = normalized(b);
    if (x.e < y.e) std::swap(x, y);
    // |y| < 4.1·2^y.e: shifted by more than 1100 binades it is inside ±2^-1021 (x's units).
    const int d = y.e - x.e;
    const ball ys = d < -1100 ? ball{{0.0, 0.0}, 0x1p-1021} : unscaled(rescaled(y, d));
    const ball s = add(unscaled(x), ys);
    return {s.m, s.r, x.e};
}

inline sball smul(const sball& a, const sball& b) {
    if ((a.e | b.e) == 0) {
        const ball p = mul(unscaled(a), unscaled(b));
        const double t = std::max(math::detail::fabs(p.m.hi), p.r);
        // Operands >= 2^-900 whose product is >= 2^-900: no word of it underflowed beyond
        // the absolute 2^-1020 in mul's radius (relative <= 2^-120 here).
        if (t >= canonical_low && t <= canonical_high) return scaled(p);
    }
    if (exact_zero(a) || exact_zero(b)) return {{0.0, 0.0}, 0.0, 0};
    const sball x = normalized(a), y = normalized(b);
    const ball p = mul(unscaled(x), unscaled(y));
    return {p.m, p.r, x.e + y.e};
}

inline std::optional<sball> sreciprocal(const sball& b) {
    const double t = top(b);
    if (b.e == 0 && t >= 0x1p-500 && t <= 0x1p500) {
        const auto q = reciprocal(unscaled(b));
        if (!q) return std::nullopt;
        return scaled(*q);
    }
    if (t == 0) return std::nullopt;
    const sball x = normalized(b);
    const auto q = reciprocal(unscaled(x));
    if (!q) return std::nullopt;
    return sball{q->m, q->r, -x.e};
}

//! f(t) for |t| < 2^-898 where f(t) = t (1 + δ), |δ| <= |t| (tanh, expm1, log1p): a with its
//! radius grown by 2^-897 (|m| + r).
inline sball tiny_odd(const sball& a) {
    return {a.m, up(a.r + up(magnitude(a.m) + a.r) * 0x1p-897), a.e};
}

//! The sign of a nonzero e != 0 ball: 1, −1, or 0 when the ball holds 0.
inline int certain_sign(const sball& a) {
    const double margin = up(a.r + math::detail::fabs(a.m.lo));
    return a.m.hi > margin ? 1 : (-a.m.hi > margin ? -1 : 0);
}

inline constexpr sball negligible = {{0.0, 0.0}, 1.0, emin_clamp};

//! 2a, exact (every word doubled; a settled ball's words are far below overflow).
inline sball doubled(const sball& a) { return {{2 * a.m.hi, 2 * a.m.lo}, 2 * a.r, a.e}; }

//! e^a. |a| <= 708: exp_core's 2^k·m, m and its error bound as in quick_ball.hpp's exp, the
//! exponent k kept aside. |a| > 708 (up to 0.7·2^29): a first reduced by k1·ln 2, k1 =
//! round(a/ln 2), ln 2 = L1 + L2 + L3 (21 + 53 + 53 bits, |ln 2 − L1 − L2 − L3| < 2^-136):
//! k1·L1 is exact (|k1| < 2^30), x − k1·L1 exact (Sterbenz), k1·L2 exact (two_prod), k1·L3
//! errs < 2^-150; the three double-double adds err < 2^-100 each (every partial sum is
//! below 17 in magnitude: <= 17·2^-100 each), the L's residual < 2^30·2^-136: the reduced
//! argument y errs < 2^-93, charged 2^-89 as an extra argument radius.
inline std::optional<sball> sexp(const sball& a) {
    if (a.e != 0) {
        if (a.e < 0) return sball{{1.0, 0.0}, 0x1p-896, 0};  // |e^t − 1| <= 2|t| < 2^-897
        const int s = certain_sign(a);                       // |a| > 2^900
        if (s < 0) return negligible;
        return std::nullopt;
    }
    const double x = a.m.hi;
    if (!(a.r <= 0x1p-12)) return std::nullopt;
    double ra = a.r;
    int k1 = 0;
    math::detail::exp_parts p{};
    if (math::detail::fabs(x) <= 708) {
        p = math::detail::exp_core(x, a.m.lo);
    } else {
        // e^a < 2^(−0.7·2^29/ln 2) < 2^-(1.0099·2^29) below; |k1| < 1.01·2^29 < 2^30 above.
        if (x < -0x1p29 * 0.7) return negligible;
        if (!(x < 0x1p29 * 0.7)) return std::nullopt;
        constexpr double inv_ln2 = 0x1.71547652b82fep0, l1 = 0x1.62e4300000000p-1,
                         l2 = -0x1.05c610ca86c39p-29, l3 = 0x1.9cc01f97b57a0p-83;
        const double kd = math::detail::round_int(x * inv_ln2);
        const dd p2 = math::detail::two_prod(kd, l2);
        dd y = math::detail::add(dd{x - kd * l1, 0.0}, dd{-p2.hi, -p2.lo});
        y = math::detail::add(y, a.m.lo);
        y = math::detail::add(y, -(kd * l3));
        p = math::detail::exp_core(y.hi, y.lo);
        k1 = static_cast<int>(kd);
        ra = up(ra + 0x1p-89);
    }
    // e^t − e^m = e^m (e^(t−m) − 1), |e^(t−m) − 1| <= ra (1 + ra) for ra <= 2^-12; e^m <=
    // |p.m| (1 + 2^-69) 2^k <= |p.m.hi| (1 + 2^-51) 2^k; the kernel's 2^-69 |p.m| <= 2^-68
    // |p.m.hi| (quick_ball.hpp's exp, there after scaling by 2^k).
    const double mv = math::detail::fabs(p.m.hi);
    return settle(sball{p.m, up_sum(mv * (0x1p-68 + ra * (1 + 0x1p-11))), p.k + k1});
}

inline const sball one = {{1.0, 0.0}, 0.0, 0};

//! σ(a) = 1/(1 + e^−a) for a >= 0, e^a/(1 + e^a) for a < 0 (no cancellation; the scaled e^a
//! keeps σ's tail: σ(−745) ~ 2^-1075 is decided on the subnormal grid).
inline std::optional<sball> ssigmoid(const sball& a) {
    if (a.e != 0) {
        if (a.e < 0) return sball{{0.5, 0.0}, 0x1p-899, 0};  // |σ(t) − 1/2| <= |t|/4
        const int s = certain_sign(a);
        if (s > 0) return sball{{1.0, 0.0}, 0x1p-1000, 0};  // 1 − σ(t) < e^-t
        if (s < 0) return negligible;                       // σ(t) < e^t
        return std::nullopt;
    }
    if (a.m.hi - up(a.r) > 700) return sball{{1.0, 0.0}, 0x1p-1000, 0};  // 1 − σ < e^-700
    const bool positive = a.m.hi >= 0;
    const auto e = sexp(positive ? sneg(a) : a);
    if (!e) return std::nullopt;
    const auto d = settle(sadd(one, *e));
    if (!d) return std::nullopt;
    const auto q = sreciprocal(*d);
    if (!q || positive) return q;
    return smul(*e, *q);
}

//! log(1 + a): quick_ball.hpp's log1p for e = 0, tiny_odd below 2^-900.
inline std::optional<sball> slog1p(const sball& a) {
    if (a.e < 0) return tiny_odd(a);
    if (a.e > 0) return std::nullopt;
    const auto v = log1p(unscaled(a));
    if (!v) return std::nullopt;
    return scaled(*v);
}

//! softplus(a) = log1p(e^a), or a + log1p(e^−a) for a > 0.
inline std::optional<sball> ssoftplus(const sball& a) {
    if (a.e != 0) {
        // |softplus(t) − ln 2| <= |t|/2 < 2^-899; ln 2 as a double-double errs < 2^-110.
        if (a.e < 0) return sball{{0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56}, 0x1p-109, 0};
        const int s = certain_sign(a);
        if (s < 0) return negligible;  // softplus(t) < e^t
        return std::nullopt;
    }
    if (a.m.hi - up(a.r) > 700) return sball{a.m, up(a.r + 0x1p-1000), 0};  // < e^-700
    const bool positive = a.m.hi > 0;
    const auto e = sexp(positive ? sneg(a) : a);
    if (!e) return std::nullopt;
    const auto l = slog1p(*e);
    if (!l) return std::nullopt;
    return positive ? sadd(a, *l) : *l;
}

//! tanh: quick_ball.hpp's for e = 0, tiny_odd below 2^-900 (|tanh t / t − 1| <= t²/3),
//! ±1 above 2^900.
inline std::optional<sball> stanh(const sball& a) {
    if (a.e < 0) return tiny_odd(a);
    if (a.e > 0) {
        const int s = certain_sign(a);
        if (s == 0) return std::nullopt;
        return sball{{static_cast<double>(s), 0.0}, 0x1p-1000, 0};
    }
    const auto v = tanh(unscaled(a));
    if (!v) return std::nullopt;
    return scaled(*v);
}

// ---- e^-|t| shared within one evaluation ----
//
// σ(t), σ(−t), softplus(t) and tanh(t/2) all follow from E = e^-|t| and q = 1/(1 + E) =
// σ(|t|): σ(t) = q for t > 0 and E·q for t < 0, softplus(t) = max(t, 0) + log1p(E), tanh(s) =
// (1 − E)·q at |t| = 2s. exp_memo keeps E and q at the midpoint |m| of the last few arguments
// (computed for a point argument, so only the kernel's error is in their radii) and widens
// them for an argument ball of radius r: for |t| within r of |m| (also when the ball holds
// 0: ||t| − |m|| <= |t − m|), |e^-|t| − e^-|m|| <= e^-|m| (e^r − 1) <= e^-|m| r (1 + 2^-11)
// (r <= 2^-12), and e^-|m| <= |E.m| + E.r; σ(s) has d log σ/ds = 1 − σ <= 1, so q widens by
// the same relative amount. The signs of σ(t)'s two formulas need t's sign: the memo is used
// only where the ball keeps it (|m| > 2r).
struct exp_memo {
    struct entry {
        double hi, lo;  // |m| (hi > 0)
        sball E;
        std::optional<sball> q;
        bool has_q;
    };
    entry slots[4];
    int used = 0, next = 0;

    //! The entry for |a.m| (a.e == 0), computing E (and q when asked) on first use.
    entry* find(const sball& a, bool need_q) {
        const double hi = math::detail::fabs(a.m.hi), lo = a.m.hi < 0 ? -a.m.lo : a.m.lo;
        entry* e = nullptr;
        for (int k = 0; k < used && !e; ++k)
            if (slots[k].hi == hi && slots[k].lo == lo) e = &slots[k];
        if (!e) {
            const auto E = sexp(sball{{-hi, -lo}, 0.0, 0});
            if (!E) return nullptr;
            e = &slots[next];
            next = (next + 1) % 4;
            used = used < 4 ? used + 1 : 4;
            *e = entry{hi, lo, *E, std::nullopt, false};
        }
        if (need_q && !e->has_q) {
            e->has_q = true;
            const auto d = settle(sadd(one, e->E));
            if (d) e->q = sreciprocal(*d);
        }
        return e;
    }
};

//! b widened for an argument radius r <= 2^-12 (exp_memo's header).
inline sball widened(const sball& b, double r) {
    if (r == 0) return b;  // a point argument (x itself): nothing to widen
    const double mag = up(magnitude(b.m) + b.r);
    return {b.m, up_sum(b.r + mag * r * (1 + 0x1p-11)), b.e};
}

//! Whether exp_memo serves a: e = 0, a point or a ball that keeps its sign, r <= 2^-12, and
//! |m| <= 700 (beyond, the kernels' shortcuts are cheaper).
inline bool memo_serves(const sball& a) {
    const double m = math::detail::fabs(a.m.hi);
    return a.e == 0 && a.r <= 0x1p-12 && m > 2 * up(a.r) && m <= 700;
}

inline std::optional<sball> ssigmoid(const sball& a, exp_memo& memo) {
    if (!memo_serves(a)) return ssigmoid(a);
    exp_memo::entry* e = memo.find(a, true);
    if (!e || !e->q) return ssigmoid(a);
    const sball q = widened(*e->q, a.r);
    if (a.m.hi > 0) return q;
    return smul(widened(e->E, a.r), q);
}

inline std::optional<sball> ssoftplus(const sball& a, exp_memo& memo) {
    if (!memo_serves(a)) return ssoftplus(a);
    exp_memo::entry* e = memo.find(a, false);
    if (!e) return ssoftplus(a);
    const auto l = slog1p(widened(e->E, a.r));
    if (!l) return std::nullopt;
    return a.m.hi > 0 ? sadd(a, *l) : *l;
}

//! tanh(s) = (1 − E)·q at |t| = 2s, for s >= 1/4 (E <= e^-1/2: 1 − E >= 0.39 keeps E's
//! relative error within a factor 1.6).
inline std::optional<sball> stanh(const sball& a, exp_memo& memo) {
    const sball twice = doubled(a);
    if (!memo_serves(twice) || !(math::detail::fabs(a.m.hi) - up(a.r) >= 0.25)) return stanh(a);
    exp_memo::entry* e = memo.find(twice, true);
    if (!e || !e->q) return stanh(a);
    const auto d = settle(sadd(one, sneg(widened(e->E, twice.r))));
    if (!d) return std::nullopt;
    const sball t = smul(*d, widened(*e->q, twice.r));
    return a.m.hi > 0 ? t : sneg(t);
}

//! e^a − 1: quick_ball.hpp's for e = 0, tiny_odd below 2^-900, −1 below −2^900.
inline std::optional<sball> sexpm1(const sball& a) {
    if (a.e < 0) return tiny_odd(a);
    if (a.e > 0) {
        if (certain_sign(a) < 0) return sball{{-1.0, 0.0}, 0x1p-1021, 0};
        return std::nullopt;
    }
    const auto v = expm1(unscaled(a));
    if (!v) return std::nullopt;
    return scaled(*v);
}

//! log a: quick_ball.hpp's for e = 0 (declines otherwise).
inline std::optional<sball> slog(const sball& a) {
    if (a.e != 0) return std::nullopt;
    const auto v = log(unscaled(a));
    if (!v) return std::nullopt;
    return scaled(*v);
}

//! An unscaled ball kernel (std::optional<ball> f(ball), e.g. erf) applied to a scaled
//! argument: e = 0 arguments only (tiny or huge ones decline: the kernel knows no exponent).
template <class Kernel>
std::optional<sball> on_unscaled(const sball& a, Kernel kernel) {
    if (a.e != 0) return std::nullopt;
    const std::optional<ball> v = kernel(unscaled(a));
    if (!v) return std::nullopt;
    return scaled(*v);
}

//! exp(E)·F as a scaled ball, for a kernel that returns a value split so (erfc of a large
//! argument: erfc(a) in exp(E)·F, E ~ −a², far below 2^-1074 for a > 27): exact enclosure,
//! since sexp encloses e^t for every t in E and smul multiplies enclosures.
inline std::optional<sball> exp_times(const ball& E, const ball& F) {
    const auto x = sexp(scaled(E));
    if (!x) return std::nullopt;
    sball p = smul(*x, scaled(F));
    if (!settle_in_place(p)) return std::nullopt;
    return p;
}

//! a^n, n an integer (n < 0 through the reciprocal).
inline std::optional<sball> sinteger_power(const sball& a, long n) {
    if (n == 0) return one;
    if (n < 0) {
        const auto p = sinteger_power(a, -n);
        if (!p) return std::nullopt;
        const auto s = settle(*p);
        if (!s) return std::nullopt;
        return sreciprocal(*s);
    }
    if (n > 64) return std::nullopt;
    sball result = a;
    for (long k = 1; k < n; ++k) {
        const auto s = settle(smul(result, a));
        if (!s) return std::nullopt;
        result = *s;
    }
    return result;
}

}  // namespace actlab::detail::quick
