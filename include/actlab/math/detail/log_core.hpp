#pragma once
// log(x) as double-double, shared by log, log1p, softplus and pow.
//
// x = 2^e * m with m in (sqrt(1/2), sqrt(2)], s = (m - 1)/(m + 1) (|s| <= 0.1716),
// log(m) = 2 atanh(s) = 2s * sum_{i=0}^{14} s^(2i)/(2i+1). The series is summed in
// double-double (truncation < 2^-76 relative), so log_dd has relative error
// ~2^-75, enough for pow where |y log x| may reach 745.

#include "actlab/math/detail/fp.hpp"

namespace actlab::math::detail {

inline constexpr dd ln2_dd = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56};

struct atanh_coeffs {
    dd c[15];
};

// 1/(2i+1) as double-double: the remainder of 1 - hi*(2i+1) is exact.
inline constexpr atanh_coeffs atanh_series = [] {
    atanh_coeffs a{};
    for (int i = 0; i < 15; ++i) {
        const double d = 2.0 * i + 1.0;
        const double hi = 1.0 / d;
        const dd p = two_prod(hi, d);
        a.c[i] = {hi, ((1.0 - p.hi) - p.lo) / d};
    }
    return a;
}();

//! log(x) for finite x > 0 (subnormals included) as a normalized double-double.
constexpr dd log_dd(double x) noexcept {
    int e = 0;
    if (x < 0x1p-1022) {
        x *= 0x1p54;
        e = -54;
    }
    const std::uint64_t b = to_bits(x);
    e += static_cast<int>(b >> 52) - 1023;
    double m = from_bits((b & 0x000f'ffff'ffff'ffffULL) | 0x3ff0'0000'0000'0000ULL);
    if (m > 0x1.6a09e667f3bcdp0) {
        m *= 0.5;
        ++e;
    }
    const dd s = div(dd{m - 1.0, 0.0}, two_sum(m, 1.0));  // m - 1 is exact (Sterbenz)
    const dd s2 = mul(s, s);
    dd acc = atanh_series.c[14];
    for (int i = 13; i >= 0; --i) acc = add(mul(acc, s2), atanh_series.c[i]);
    const dd log_m = mul(mul(s, acc), 2.0);
    if (e == 0) return log_m;
    return add(mul(ln2_dd, static_cast<double>(e)), log_m);
}

}  // namespace actlab::math::detail
