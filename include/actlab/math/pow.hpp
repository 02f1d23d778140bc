#pragma once
// pow(x, y) = 2^k m with y log|x| formed in double-double (log_dd has relative
// error ~2^-75, so |y log x| <= 746 loses < 2^-65) and exponentiated by exp_core
// with the low part carried into the reduced argument. Special cases follow
// C99/IEEE 754 Annex F.

#include <cstdint>

#include "actlab/math/detail/exp_core.hpp"
#include "actlab/math/detail/fp.hpp"
#include "actlab/math/detail/log_core.hpp"

namespace actlab::math {
namespace detail {

enum class int_kind { not_integer, even, odd };

constexpr int_kind classify_integer(double y) noexcept {
    const std::uint64_t b = to_bits(y) & ~sign_mask;
    const int e = static_cast<int>(b >> 52) - 1075;  // |y| = mant * 2^e
    if (e >= 1) return int_kind::even;               // also +-inf, not used for those
    if (b == 0) return int_kind::even;
    if (e < -52) return int_kind::not_integer;
    const std::uint64_t mant = (b & 0x000f'ffff'ffff'ffffULL) | (std::uint64_t{1} << 52);
    const std::uint64_t frac_mask = (std::uint64_t{1} << -e) - 1;
    if (mant & frac_mask) return int_kind::not_integer;
    return ((mant >> -e) & 1) ? int_kind::odd : int_kind::even;
}

}  // namespace detail

//! x^y, max error < 1 ulp; special values as in C99 Annex F (pow(x, +-0) = 1, pow(1, y) = 1, ...).
constexpr double pow(double x, double y) noexcept {
    using namespace detail;
    if (y == 0.0 || x == 1.0) return 1.0;
    if (is_nan(x) || is_nan(y)) return qnan;
    const double ax = fabs(x);
    const bool y_inf = !is_finite(y);
    if (y_inf) {
        if (ax == 1.0) return 1.0;
        return (ax < 1.0) == (y < 0.0) ? inf : 0.0;
    }
    const int_kind yk = classify_integer(y);
    const bool odd = yk == int_kind::odd;
    const double sign = (sign_bit(x) && odd) ? -1.0 : 1.0;
    if (ax == 0.0 || ax == inf) {
        const bool big = (ax == inf) == (y > 0.0);  // +inf or 0 magnitude
        return odd ? copysign(big ? inf : 0.0, x) : (big ? inf : 0.0);
    }
    if (x < 0.0 && yk == int_kind::not_integer) return qnan;
    if (ax == 1.0) return sign;  // x = -1, y an integer
    // |y| > 2^64 with x != +-1 always over/underflows since |log x| >= 2^-54.
    const bool grows = (ax > 1.0) == (y > 0.0);
    if (fabs(y) > 0x1p64) return copysign(grows ? inf : 0.0, sign);
    const dd z = mul(log_dd(ax), y);
    if (z.hi > 710.0) return copysign(inf, sign);
    if (z.hi < -746.0) return copysign(0.0, sign);
    const exp_parts p = exp_core(z.hi, z.lo);
    return copysign(scale_round(p.m, p.k), sign);
}

}  // namespace actlab::math
