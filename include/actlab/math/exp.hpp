#pragma once
// exp and expm1. Method: detail/exp_core.hpp (table 2^(j/64) + degree-6 polynomial,
// double-double reconstruction), then one final rounding, done by
// detail::scale_round so that subnormal results are rounded only once.

#include "actlab/math/detail/exp_core.hpp"
#include "actlab/math/detail/fp.hpp"

namespace actlab::math {

//! e^x, max error < 0.52 ulp (docs/reference/kernel_accuracy.md).
constexpr double exp(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x > 710.0) return inf;   // e^710 > DBL_MAX; the band up to 710 is decided by scale_round
    if (x < -746.0) return 0.0;  // e^-746 < 2^-1075: rounds to +0
    const exp_parts p = exp_core(x);
    return scale_round(p.m, p.k);
}

//! e^x - 1, max error < 0.52 ulp; expm1(-0) = -0.
constexpr double expm1(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    if (x > 710.0) return inf;
    if (x < -40.0) return -1.0;       // e^-40 < 2^-57: -1 + e^x rounds to -1
    if (fabs(x) < 0x1p-54) return x;  // x + x^2/2 rounds to x; keeps -0 and subnormals
    const exp_parts p = exp_core(x);
    if (p.n == 0) return p.q.hi;
    // 2^k m - 1 = 2^k (m - 2^-k), rounded once after scaling (k <= 1024 would
    // overflow a pre-scaled value).
    return scale_round(add(p.m, -pow2(-p.k)), p.k);
}

}  // namespace actlab::math
