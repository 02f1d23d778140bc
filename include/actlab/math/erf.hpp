#pragma once
// erf and erfc in double-double.
//   |x| < 2.5:  erf(x) = 2/sqrt(pi) x e^-x^2 sum_n (2x^2)^n / (1*3*...*(2n+1)),
//               a series of positive terms (no cancellation), at most ~56 terms.
//   x >= 2.5:   erfc(x) = e^-x^2 / (sqrt(pi) f), f = x + (1/2)/(x + 1/(x + (3/2)/(x + ...))),
//               the Laplace continued fraction evaluated backwards from depth
//               10 + 420/x^2 (relative truncation < 2^-70, checked with mpmath).
// e^-x^2 uses x^2 as an exact double-double; erfc keeps it as 2^k * m so the
// subnormal tail (x > 26.55) is rounded once. erf = 1 - erfc and erfc = 1 - erf
// are taken only where the subtraction loses < 16 bits.

#include "actlab/math/detail/exp_core.hpp"
#include "actlab/math/detail/fp.hpp"

namespace actlab::math {
namespace detail {

inline constexpr dd two_over_sqrt_pi = {0x1.20dd750429b6dp+0, 0x1.1ae3a914fed80p-56};
inline constexpr dd sqrt_pi = {0x1.c5bf891b4ef6bp+0, -0x1.618f13eb7ca89p-54};
inline constexpr double erf_switch = 2.5;

//! erf(x) for 2^-27 <= x < erf_switch as double-double.
constexpr dd erf_series(double x) noexcept {
    const dd x2 = two_prod(x, x);
    const dd a = mul(x2, 2.0);
    dd term = {1.0, 0.0};
    dd sum = term;
    for (int n = 1; n < 200; ++n) {
        term = div(mul(term, a), dd{2.0 * n + 1.0, 0.0});
        sum = add(sum, term);
        if (term.hi < 0x1p-110 * sum.hi) break;
    }
    const exp_parts p = exp_core(-x2.hi, -x2.lo);  // k in [-10, 0]
    const dd e = {mul_pow2(p.m.hi, p.k), mul_pow2(p.m.lo, p.k)};
    return mul(mul(mul(sum, e), x), two_over_sqrt_pi);
}

struct erfc_parts {
    int k;
    dd m;  // erfc(x) = 2^k * m
};

//! erfc(x) for erf_switch <= x <= 27.3.
constexpr erfc_parts erfc_fraction(double x) noexcept {
    const int depth = 10 + static_cast<int>(420.0 / (x * x));
    dd f = {x, 0.0};
    for (int n = depth; n >= 1; --n) f = add(div(dd{0.5 * n, 0.0}, f), x);
    const dd x2 = two_prod(x, x);
    const exp_parts p = exp_core(-x2.hi, -x2.lo);
    return {p.k, div(p.m, mul(f, sqrt_pi))};
}

}  // namespace detail

//! Error function, max error < 1 ulp; erf(-0) = -0.
constexpr double erf(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    const double ax = fabs(x);
    if (ax >= 6.0) return copysign(1.0, x);  // erfc(6) < 2^-55
    if (ax < 0x1p-27) {
        // erf(x) = 2/sqrt(pi) x (1 - x^2/3); pre-scale so subnormal x keeps its bits.
        dd y = mul(two_over_sqrt_pi, ax * 0x1p64);
        y = fast_two_sum(y.hi, y.lo - y.hi * (ax * ax / 3.0));
        return copysign(y.hi == 0.0 ? 0.0 : scale_round(y, -64), x);
    }
    if (ax < erf_switch) return copysign(erf_series(ax).hi, x);
    const erfc_parts c = erfc_fraction(ax);
    const dd r = add(dd{1.0, 0.0}, -dd{mul_pow2(c.m.hi, c.k), mul_pow2(c.m.lo, c.k)});
    return copysign(r.hi, x);
}

//! Complementary error function 1 - erf(x), max error < 1 ulp, accurate into the subnormal tail.
constexpr double erfc(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x < -6.0) return 2.0;  // 2 - erfc(6) rounds to 2
    if (x > 27.3) return 0.0;  // erfc(27.3) < 2^-1080
    if (fabs(x) < 0x1p-56) return 1.0;
    if (x <= -erf_switch) {  // 2 - erfc(-x)
        const erfc_parts c = erfc_fraction(-x);
        return add(dd{2.0, 0.0}, -dd{mul_pow2(c.m.hi, c.k), mul_pow2(c.m.lo, c.k)}).hi;
    }
    if (x < 0.0) return add(erf_series(-x), 1.0).hi;
    if (x < erf_switch) return add(-erf_series(x), 1.0).hi;
    const erfc_parts c = erfc_fraction(x);
    return scale_round(c.m, c.k);
}

//! erfc(x)·2^k rounded once (k ≥ 0): erfc below the normal range (x > 26.55) keeps its
//! significant bits, for a product whose other factors bring it back into the normal range.
constexpr double erfc_times_pow2(double x, int k) noexcept {
    using namespace detail;
    if (is_nan(x) || x < erf_switch || x > 27.3) return mul_pow2(erfc(x), k);
    const erfc_parts c = erfc_fraction(x);
    return scale_round(c.m, c.k + k);
}

}  // namespace actlab::math
