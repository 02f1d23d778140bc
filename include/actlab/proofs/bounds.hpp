// actlab: a certified enclosure {lo, hi} of a real quantity, the result type of the
// compile-time bounds (range_bounds, derivative_bounds, lipschitz_bound's interval form).
#pragma once

namespace actlab {

//! A closed interval of the extended reals: lo ≤ hi, either may be ±infinity. A bound
//! returned by actlab is sound: the true value (or set of values) lies inside.
struct bounds {
    double lo = 0;
    double hi = 0;

    friend constexpr bool operator==(const bounds&, const bounds&) = default;
};

}  // namespace actlab
