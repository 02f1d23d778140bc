#pragma once
// Correctly rounded square root by integer digit-by-digit extraction on the
// mantissa (54 result bits: 53 + a guard bit, remainder as sticky bit).

#include <cstdint>

#include "actlab/math/detail/fp.hpp"

namespace actlab::math {

//! sqrt(x), correctly rounded (0 ulp beyond the final rounding); sqrt(-0) = -0.
constexpr double sqrt(double x) noexcept {
    using namespace detail;
    if (is_nan(x) || x == 0.0) return x;
    if (x < 0.0) return qnan;
    if (x == inf) return inf;
    // x = mant * 2^e with mant in [2^52, 2^53), subnormals normalized.
    std::uint64_t b = to_bits(x);
    int e = static_cast<int>(b >> 52);
    std::uint64_t mant = b & 0x000f'ffff'ffff'ffffULL;
    if (e == 0) {
        const int sh = std::countl_zero(mant) - 11;
        mant <<= sh;
        e = 1 - sh;
    } else {
        mant |= std::uint64_t{1} << 52;
    }
    e -= 1075;
    if (e & 1) {  // make the exponent even
        mant <<= 1;
        --e;
    }
    // N = mant * 2^54 < 2^108, sqrt(N) in [2^53, 2^54): hi:lo holds N.
    const std::uint64_t hi = mant >> 10;
    const std::uint64_t lo = mant << 54;
    std::uint64_t root = 0;
    std::uint64_t rem = 0;           // stays below 2 * root + 1 < 2^56
    for (int i = 53; i >= 0; --i) {  // bit pairs 2i+1, 2i of N
        const int pos = 2 * i;
        const std::uint64_t pair = pos >= 64 ? (hi >> (pos - 64)) & 3 : (lo >> pos) & 3;
        rem = (rem << 2) | pair;
        const std::uint64_t trial = (root << 2) | 1;
        root <<= 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    std::uint64_t m = root >> 1;
    if ((root & 1) && (rem != 0 || (m & 1))) ++m;  // round half to even on guard + sticky
    int re = (e - 54) / 2 + 1;                     // sqrt(x) = m * 2^re
    if (m == (std::uint64_t{1} << 53)) {
        m >>= 1;
        ++re;
    }
    // m * 2^re with m in [2^52, 2^53): biased exponent re + 52 + 1023, always normal.
    return from_bits((static_cast<std::uint64_t>(re + 1075) << 52) |
                     (m & 0x000f'ffff'ffff'ffffULL));
}

}  // namespace actlab::math
