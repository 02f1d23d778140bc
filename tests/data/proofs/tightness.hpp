// Helpers of the tightness tests (tests/static/proofs_tightness*.cpp): a bound contains the
// true extremum and lies within 1e-12 (relative) of it.
#pragma once

#include <actlab/proofs.hpp>

namespace actlab_test::proofs {

constexpr double mag(double v) { return v < 0 ? -v : v; }
// A reference double is the true value rounded to nearest: within 2^-53 relative of it.
constexpr double half_ulp(double v) { return mag(v) * 0x1p-53; }

// hi is an upper bound of the true value v, and within 1e-12 relative of it.
constexpr bool tight_above(double hi, double v) {
    return hi >= v - half_ulp(v) && hi - v <= 1e-12 * mag(v);
}
constexpr bool tight_below(double lo, double v) {
    return lo <= v + half_ulp(v) && v - lo <= 1e-12 * mag(v);
}
constexpr bool tight(const actlab::bounds& b, double lo, double hi) {
    return tight_below(b.lo, lo) && tight_above(b.hi, hi);
}

}  // namespace actlab_test::proofs
