#pragma once
// log and log1p, both from the double-double logarithm in detail/log_core.hpp.

#include "actlab/math/detail/fp.hpp"
#include "actlab/math/detail/log_core.hpp"

namespace actlab::math {

//! Natural logarithm, max error < 0.51 ulp; log(+-0) = -inf, log(x < 0) = NaN.
constexpr double log(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x == 0.0) return -inf;
    if (x < 0.0) return qnan;
    if (x == inf) return inf;
    return log_dd(x).hi;
}

namespace detail {

//! log(1 + a) for a double-double a > -1 with 1 + a normal; relative error ~2^-70.
constexpr dd log1p_dd(dd a) noexcept {
    const dd u = two_sum(1.0, a.hi);
    if (u.hi > 0x1p900)
        return add(log_dd(u.hi), (u.lo + a.lo) / u.hi);  // log1p(c) = c; avoids split overflow
    // log(u.hi + rest) = log(u.hi) + log1p(c), c = rest/u.hi, |c| <~ 2^-52: c^3 is negligible.
    const dd c = div(two_sum(u.lo, a.lo), dd{u.hi, 0.0});
    return add(log_dd(u.hi), add(c, -0.5 * c.hi * c.hi));
}

}  // namespace detail

//! log(1 + x), max error < 0.51 ulp; log1p(-0) = -0, log1p(-1) = -inf.
constexpr double log1p(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x == inf) return inf;
    if (x == -1.0) return -inf;
    if (x < -1.0) return qnan;
    if (fabs(x) < 0x1p-54) return x;  // x - x^2/2 rounds to x; keeps -0 and subnormals
    return log1p_dd({x, 0.0}).hi;
}

}  // namespace actlab::math
