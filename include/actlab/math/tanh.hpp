#pragma once
// tanh(x) = e / (e + 2) with e = expm1(2|x|) in double-double; odd symmetry.

#include "actlab/math/detail/exp_core.hpp"
#include "actlab/math/detail/fp.hpp"

namespace actlab::math {

//! Hyperbolic tangent, max error < 0.51 ulp; tanh(-0) = -0.
constexpr double tanh(double x) noexcept {
    using namespace detail;
    if (is_nan(x)) return x;
    const double ax = fabs(x);
    if (ax > 22.0) return copysign(1.0, x);  // 1 - tanh < 2e^-44 < 2^-54
    if (ax < 0x1p-27) return x;              // x - x^3/3 rounds to x
    const dd e = expm1_dd(2.0 * ax);
    return copysign(div(e, add(e, 2.0)).hi, x);
}

}  // namespace actlab::math
