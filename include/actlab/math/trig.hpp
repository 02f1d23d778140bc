#pragma once
// sin and cos: exact Payne-Hanek reduction (detail/trig_reduce.hpp) to
// r = r.hi + r.lo, |r| <= pi/4, then Taylor polynomials (through r^17 for sin,
// r^18 for cos; truncation < 2^-62 relative) with the leading terms kept in
// double-double: sin r = r.hi - r^3/6 [double-double] + (r.lo (1 - r^2/2) + r^5 S(r^2)),
// cos r = (1 - r.hi^2/2) [exact two_prod] + (r^4 C(r^2) - r.hi r.lo).

#include "actlab/math/detail/fp.hpp"
#include "actlab/math/detail/trig_reduce.hpp"

namespace actlab::math {
namespace detail {

constexpr double sin_kernel(dd r) noexcept {
    constexpr double s[] = {
        1.0 / 120,        -1.0 / 5040,          1.0 / 362880,         -1.0 / 39916800,
        1.0 / 6227020800, -1.0 / 1307674368000, 1.0 / 355687428096000};
    constexpr double sixth = 1.0 / 6;  // -r^3/6 in double-double: it is up to 10% of sin r
    constexpr dd minus_sixth = {-sixth,
                                -((1.0 - two_prod(sixth, 6.0).hi) - two_prod(sixth, 6.0).lo) / 6.0};
    const dd h = two_prod(r.hi, r.hi);
    dd cube = two_prod(r.hi, h.hi);
    cube = fast_two_sum(cube.hi, cube.lo + r.hi * h.lo);
    const dd c = mul(cube, minus_sixth);
    const double x2 = h.hi;
    const dd sum = two_sum(r.hi, c.hi);
    const double tail = sum.lo + c.lo + r.lo * (1.0 - 0.5 * x2) + r.hi * x2 * x2 * horner(x2, s);
    return sum.hi + tail;
}

constexpr double cos_kernel(dd r) noexcept {
    constexpr double c[] = {
        1.0 / 24,        -1.0 / 720,         1.0 / 40320,          -1.0 / 3628800,
        1.0 / 479001600, -1.0 / 87178291200, 1.0 / 20922789888000, -1.0 / 6402373705728000};
    const dd h = two_prod(r.hi, r.hi);  // r.hi^2 exactly; halving below stays exact
    const dd w = fast_two_sum(1.0, -0.5 * h.hi);
    const double x2 = h.hi;
    const double tail = x2 * x2 * horner(x2, c) - r.hi * r.lo - 0.5 * h.lo + w.lo;
    return w.hi + tail;
}

}  // namespace detail

//! Sine, max error < 1 ulp for every finite x (exact reduction); sin(-0) = -0, sin(+-inf) = NaN.
constexpr double sin(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (!is_finite(x)) return qnan;
    const double ax = fabs(x);
    if (ax < 0x1p-26) return x;  // x - x^3/6 rounds to x
    const trig_reduced t = trig_reduce(ax);
    const double v = (t.q & 1) ? cos_kernel(t.r) : sin_kernel(t.r);
    return copysign(1.0, x) * ((t.q & 2) ? -v : v);
}

//! Cosine, max error < 1 ulp for every finite x; cos(+-inf) = NaN.
constexpr double cos(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (!is_finite(x)) return qnan;
    const double ax = fabs(x);
    if (ax < 0x1p-27) return 1.0;  // 1 - x^2/2 rounds to 1
    const trig_reduced t = trig_reduce(ax);
    const double v = (t.q & 1) ? sin_kernel(t.r) : cos_kernel(t.r);
    return ((t.q + 1) & 2) ? -v : v;
}

}  // namespace actlab::math
