// actlab: constexpr interval arithmetic over the extended reals in double. The rounding mode
// cannot be changed in a constant expression, so every operation computes round-to-nearest
// and then widens outward: + − × ÷ by their exact error terms (two_sum, two_prod: no widening
// when the result is exact, so rational kinks stay exact), the math kernels by their error
// budgets (docs/reference/kernel_accuracy.md) plus one ulp of margin.
#pragma once

#include <actlab/math/detail/fp.hpp>
#include <actlab/math/erf.hpp>
#include <actlab/math/exp.hpp>
#include <actlab/math/log.hpp>
#include <actlab/math/pow.hpp>
#include <actlab/math/sigmoid.hpp>
#include <actlab/math/sqrt.hpp>
#include <actlab/math/tanh.hpp>
#include <actlab/math/trig.hpp>

namespace actlab::detail::proof {

inline constexpr double inf = math::detail::inf;

//! [lo, hi]; `ok` is false after a domain error (log of a negative number, 0^-1).
struct ival {
    double lo = 0;
    double hi = 0;
    bool ok = true;
};

constexpr ival point(double v) { return {v, v, true}; }
constexpr ival invalid() { return {-inf, inf, false}; }
constexpr bool is_finite(double v) { return math::detail::is_finite(v); }

constexpr double next_up(double x) {
    if (math::detail::is_nan(x) || x == inf) return x;
    if (x == 0) return 0x1p-1074;
    const auto b = math::detail::to_bits(x);
    return math::detail::from_bits(x > 0 ? b + 1 : b - 1);
}
constexpr double next_down(double x) { return -next_up(-x); }

constexpr double up_ulps(double x, int k) {
    for (int i = 0; i < k; ++i) x = next_up(x);
    return x;
}
constexpr double down_ulps(double x, int k) {
    for (int i = 0; i < k; ++i) x = next_down(x);
    return x;
}

constexpr double min2(double a, double b) { return b < a ? b : a; }
constexpr double max2(double a, double b) { return a < b ? b : a; }

constexpr ival hull(const ival& a, const ival& b) {
    return {min2(a.lo, b.lo), max2(a.hi, b.hi), a.ok && b.ok};
}

//! The bound in direction `dir` of an exact result of magnitude above 2^1019 with sign
//! `positive`: a finite operation that overflows is no constant expression in GCC, so results
//! that big are not computed (2^1019 is a safe lower bound of their magnitude; ∞ an upper).
constexpr double overflowed(bool positive, int dir) {
    if (positive) return dir < 0 ? 0x1p1019 : inf;
    return dir < 0 ? -inf : -0x1p1019;
}

// Rounded sums: `dir` −1 gives a lower bound of the exact sum, +1 an upper bound.
constexpr double add_dir(double a, double b, int dir) {
    if (!is_finite(a) || !is_finite(b)) {
        if (a == inf && b == -inf) return dir < 0 ? -inf : inf;  // inf − inf: unbounded
        if (a == -inf && b == inf) return dir < 0 ? -inf : inf;
        return is_finite(a) ? b : a;
    }
    if (const double h = a / 2 + b / 2; math::detail::fabs(h) > 0x1p1020)  // halves: no overflow
        return overflowed(h > 0, dir);
    const double r = a + b;
    const math::detail::dd s = math::detail::two_sum(a, b);
    if (dir < 0) return s.lo < 0 ? next_down(r) : r;
    return s.lo > 0 ? next_up(r) : r;
}

// Rounded products with 0·inf = 0 (products of reals at the endpoints of unbounded sets).
constexpr double mul_dir(double a, double b, int dir) {
    if (a == 0 || b == 0) return 0;
    if (!is_finite(a) || !is_finite(b)) return (a > 0) == (b > 0) ? inf : -inf;
    if (a == 1 || a == -1) return a > 0 ? b : -b;  // exact (and no widening across 0 for
    if (b == 1 || b == -1) return b > 0 ? a : -a;  // subnormals: −x next to a cut at 0)
    const double aa = math::detail::fabs(a), ab = math::detail::fabs(b);
    if (aa > 1 && ab > 0x1p1020 / aa) return overflowed((a > 0) == (b > 0), dir);
    const double r = a * b;
    const double ar = math::detail::fabs(r);
    if (ar > 0x1p1000 || ar < 0x1p-960 || aa > 0x1p995 || ab > 0x1p995) {
        if (!is_finite(r)) return dir < 0 ? max2(r, -1.7976931348623157e308) : r;
        return dir < 0 ? down_ulps(r, 2) : up_ulps(r, 2);  // near over/underflow: widen
    }
    const math::detail::dd p = math::detail::two_prod(a, b);
    if (dir < 0) return p.lo < 0 ? next_down(r) : r;
    return p.lo > 0 ? next_up(r) : r;
}

// Rounded quotients a/b (b ≠ 0, finite a or b).
constexpr double div_dir(double a, double b, int dir) {
    if (a == 0) return 0;
    if (!is_finite(b)) return is_finite(a) ? 0.0 : (dir < 0 ? -inf : inf);
    if (!is_finite(a)) return (a > 0) == (b > 0) ? inf : -inf;
    if (math::detail::fabs(b) < 1 && math::detail::fabs(a) > 0x1p1020 * math::detail::fabs(b))
        return overflowed((a > 0) == (b > 0), dir);
    const double r = a / b;
    const double ar = math::detail::fabs(r);
    if (ar > 0x1p1000 || ar < 0x1p-960 || math::detail::fabs(b) > 0x1p995 ||
        math::detail::fabs(a) > 0x1p995) {
        if (!is_finite(r)) return dir < 0 ? max2(r, -1.7976931348623157e308) : r;
        return dir < 0 ? down_ulps(r, 2) : up_ulps(r, 2);
    }
    // a − r·b exactly: its sign (times b's) says on which side of a/b the quotient r lies.
    const math::detail::dd p = math::detail::two_prod(r, b);
    const double resid = (a - p.hi) - p.lo;  // a − p.hi is exact (Sterbenz)
    const bool r_low = (resid > 0) == (b > 0) && resid != 0;
    const bool r_high = (resid < 0) == (b > 0) && resid != 0;
    if (dir < 0) return r_high ? next_down(r) : r;
    return r_low ? next_up(r) : r;
}

constexpr ival add(const ival& a, const ival& b) {
    return {add_dir(a.lo, b.lo, -1), add_dir(a.hi, b.hi, +1), a.ok && b.ok};
}
constexpr ival neg(const ival& a) { return {-a.hi, -a.lo, a.ok}; }

constexpr ival mul(const ival& a, const ival& b) {
    if (a.lo >= 0 && b.lo >= 0)
        return {mul_dir(a.lo, b.lo, -1), mul_dir(a.hi, b.hi, +1), a.ok && b.ok};
    const double lo = min2(min2(mul_dir(a.lo, b.lo, -1), mul_dir(a.lo, b.hi, -1)),
                           min2(mul_dir(a.hi, b.lo, -1), mul_dir(a.hi, b.hi, -1)));
    const double hi = max2(max2(mul_dir(a.lo, b.lo, +1), mul_dir(a.lo, b.hi, +1)),
                           max2(mul_dir(a.hi, b.lo, +1), mul_dir(a.hi, b.hi, +1)));
    return {lo, hi, a.ok && b.ok};
}

//! 1/a; unbounded when a touches 0 from one side, invalid when 0 is inside or a = [0, 0].
constexpr ival reciprocal(const ival& a) {
    if (a.lo > 0 || a.hi < 0) return {div_dir(1, a.hi, -1), div_dir(1, a.lo, +1), a.ok};
    if (a.lo == 0 && a.hi > 0) return {div_dir(1, a.hi, -1), inf, a.ok};
    if (a.hi == 0 && a.lo < 0) return {-inf, div_dir(1, a.lo, +1), a.ok};
    return invalid();
}

constexpr ival abs(const ival& a) {
    if (a.lo >= 0) return a;
    if (a.hi <= 0) return neg(a);
    return {0, max2(-a.lo, a.hi), a.ok};
}

constexpr ival int_power(const ival& a, long long n) {
    if (n < 0) return reciprocal(int_power(a, -n));
    if (n == 0) return {1, 1, a.ok};
    const ival base = n % 2 == 0 ? abs(a) : a;
    ival r = base;
    for (long long k = 1; k < n; ++k) r = mul(r, base);
    return r;
}

//! A monotone kernel k with an error budget of `ulps` ulps (plus one of margin), clamped to
//! the kernel's range [floor, ceil]; with `exact0` the kernel's k(0) is exact (e^0 = 1).
template <class Kernel>
constexpr ival monotone(const ival& a, Kernel k, bool increasing, int ulps, double floor,
                        double ceil, bool exact0) {
    const auto down = [&](double v) {
        if (v == 0 && exact0) return max2(k(0.0), floor);
        return max2(down_ulps(k(v), ulps + 1), floor);
    };
    const auto up = [&](double v) {
        if (v == 0 && exact0) return min2(k(0.0), ceil);
        return min2(up_ulps(k(v), ulps + 1), ceil);
    };
    if (increasing) return {down(a.lo), up(a.hi), a.ok};
    return {max2(down_ulps(k(a.hi), ulps + 1), floor), min2(up_ulps(k(a.lo), ulps + 1), ceil),
            a.ok};
}

// Whether [lo, hi] (scaled by 1/(2π), shifted by `phase` turns) contains an integer: then
// the trig function reaches its extreme there. Conservative: a margin of 2^-40 turns.
constexpr bool contains_turn(const ival& a, double phase) {
    constexpr double inv_two_pi = 0.15915494309189535;
    const double t0 = a.lo * inv_two_pi - phase, t1 = a.hi * inv_two_pi - phase;
    const double m = 0x1p-40 * max2(1, max2(math::detail::fabs(t0), math::detail::fabs(t1)));
    const double lo = t0 - m, hi = t1 + m;
    if (hi - lo >= 1 || math::detail::fabs(lo) > 0x1p50 || math::detail::fabs(hi) > 0x1p50)
        return true;
    const auto floor_of = [](double v) {
        const auto i = static_cast<long long>(v);
        return static_cast<double>(v < static_cast<double>(i) ? i - 1 : i);
    };
    return floor_of(hi) >= lo;  // an integer n with lo ≤ n ≤ hi
}

//! sin (cos with cosine = true) of an interval: endpoints, or ±1 where an extremum is inside.
constexpr ival trig(const ival& a, bool cosine) {
    if (!is_finite(a.lo) || !is_finite(a.hi)) return {-1, 1, a.ok};
    const auto k = [cosine](double v) { return cosine ? math::cos(v) : math::sin(v); };
    const double y0 = k(a.lo), y1 = k(a.hi);
    double lo = max2(down_ulps(min2(y0, y1), 3), -1), hi = min2(up_ulps(max2(y0, y1), 3), 1);
    if (a.lo == a.hi && a.lo == 0) lo = hi = cosine ? 1 : 0;
    // sin peaks at 1/4 turn and dips at 3/4; cos peaks at 0 and dips at 1/2.
    if (contains_turn(a, cosine ? 0.0 : 0.25)) hi = 1;
    if (contains_turn(a, cosine ? 0.5 : 0.75)) lo = -1;
    return {lo, hi, a.ok};
}

//! a^q for a rational non-integer exponent q (as a double e and its exactness): needs a ≥ 0.
constexpr ival real_power(const ival& a, double e, bool half) {
    if (a.lo < 0) return invalid();
    const auto k = [e, half](double v) {
        if (half) return math::sqrt(v);
        if (v == inf) return e > 0 ? inf : 0.0;
        return math::pow(v, e);
    };
    const int ulps = half ? 1 : 2;  // sqrt is correctly rounded; pow's budget is 1 ulp
    if (e > 0) {
        const double lo = a.lo == 0 ? 0 : max2(down_ulps(k(a.lo), ulps), 0);
        return {lo, up_ulps(k(a.hi), ulps), a.ok};
    }
    const double hi = a.lo == 0 ? inf : up_ulps(k(a.lo), ulps);
    return {max2(down_ulps(k(a.hi), ulps), 0), hi, a.ok};
}

}  // namespace actlab::detail::proof
