#pragma once
// Logistic function and its logarithmic relatives, evaluated without
// cancellation or overflow for every x:
//   sigmoid(x) = 1/(1 + e^-x) for x >= 0,  e^x/(1 + e^x) for x < 0,
//   softplus(x) = max(x, 0) + log1p(e^-|x|),  log_sigmoid(x) = -softplus(-x).
// e^(+-|x|) stays in the scaled form 2^k * m until the final rounding, so the
// subnormal tail of sigmoid is rounded once.

#include "actlab/math/detail/exp_core.hpp"
#include "actlab/math/detail/fp.hpp"
#include "actlab/math/exp.hpp"
#include "actlab/math/log.hpp"

namespace actlab::math {

//! 1/(1 + e^-x), max error < 0.52 ulp, full relative accuracy down to the subnormal tail.
constexpr double sigmoid(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x > 40.0) return 1.0;    // e^-40 < 2^-57: rounds to 1
    if (x < -746.0) return 0.0;  // below e^x < 2^-1075
    if (x >= 0.0) {
        const exp_parts p = exp_core(-x);  // k >= -58
        const dd t = {mul_pow2(p.m.hi, p.k), mul_pow2(p.m.lo, p.k)};
        return div(dd{1.0, 0.0}, add(t, 1.0)).hi;
    }
    const exp_parts p = exp_core(x);
    // e^x / (1 + e^x) = 2^k * m / (1 + 2^k m); for k < -110, 1 + 2^k m rounds to 1 in
    // double-double.
    const dd den =
        p.k < -110 ? dd{1.0, 0.0} : add(dd{mul_pow2(p.m.hi, p.k), mul_pow2(p.m.lo, p.k)}, 1.0);
    return scale_round(div(p.m, den), p.k);
}

//! log(1 + e^x), max error < 0.52 ulp.
constexpr double softplus(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x > 40.0) return x;        // e^-x < 2^-57 < ulp(x)/2^10: rounds to x (and covers +inf)
    if (x < -40.0) return exp(x);  // log1p(t) = t(1 - t/2 ...), t < 2^-57
    const double ax = fabs(x);
    const exp_parts p = exp_core(-ax);
    const dd t = {mul_pow2(p.m.hi, p.k), mul_pow2(p.m.lo, p.k)};
    const dd l = log1p_dd(t);
    return x > 0.0 ? add(l, x).hi : l.hi;
}

//! log(sigmoid(x)) = -softplus(-x), max error < 0.52 ulp; underflow gives -0.
constexpr double log_sigmoid(double x) noexcept { return -softplus(-x); }

}  // namespace actlab::math
