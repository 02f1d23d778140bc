#pragma once
// Bit access, special constants, exact power-of-two scaling and double-double
// arithmetic shared by the actlab::math kernels. Everything is constexpr and
// never produces an infinity or NaN through arithmetic (Clang rejects that in
// constant expressions), so callers must filter special inputs first.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace actlab::math::detail {

inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

constexpr std::uint64_t to_bits(double x) noexcept { return std::bit_cast<std::uint64_t>(x); }
constexpr double from_bits(std::uint64_t b) noexcept { return std::bit_cast<double>(b); }

inline constexpr std::uint64_t sign_mask = 0x8000'0000'0000'0000ULL;
inline constexpr std::uint64_t exp_mask = 0x7ff0'0000'0000'0000ULL;

constexpr bool is_nan(double x) noexcept { return (to_bits(x) & ~sign_mask) > exp_mask; }
constexpr bool is_finite(double x) noexcept { return (to_bits(x) & exp_mask) != exp_mask; }
constexpr bool sign_bit(double x) noexcept { return (to_bits(x) & sign_mask) != 0; }
constexpr double fabs(double x) noexcept { return from_bits(to_bits(x) & ~sign_mask); }
constexpr double copysign(double mag, double sgn) noexcept {
    return from_bits((to_bits(mag) & ~sign_mask) | (to_bits(sgn) & sign_mask));
}

//! 2^k for -1074 <= k <= 1023, built from bits (subnormal powers included).
constexpr double pow2(int k) noexcept {
    if (k >= -1022) return from_bits(static_cast<std::uint64_t>(k + 1023) << 52);
    return from_bits(std::uint64_t{1} << (k + 1074));
}

//! Unbiased exponent of a nonzero finite x (subnormals give their true exponent).
constexpr int exponent(double x) noexcept {
    const std::uint64_t b = to_bits(x) & ~sign_mask;
    const int e = static_cast<int>(b >> 52);
    if (e != 0) return e - 1023;
    return -1011 - std::countl_zero(b);  // 64 - 52 - 1023 - clz
}

//! x * 2^k, exact whenever the true result is normal; steps keep every
//! intermediate in the normal range so nothing overflows early.
constexpr double mul_pow2(double x, int k) noexcept {
    while (k > 1000) {
        x *= pow2(1000);
        k -= 1000;
    }
    while (k < -1000) {
        x *= pow2(-1000);
        k += 1000;
    }
    return x * pow2(k);
}

//! Round-half-even to an integer for |x| < 2^51 without calling std::nearbyint.
constexpr double round_int(double x) noexcept {
    constexpr double shifter = 0x1.8p52;
    return (x + shifter) - shifter;
}

struct dd {
    double hi;
    double lo;
};

//! Error-free a + b when |a| >= |b| (or a == 0).
constexpr dd fast_two_sum(double a, double b) noexcept {
    const double s = a + b;
    return {s, b - (s - a)};
}

//! Error-free a + b (Knuth), no ordering requirement.
constexpr dd two_sum(double a, double b) noexcept {
    const double s = a + b;
    const double bb = s - a;
    return {s, (a - (s - bb)) + (b - bb)};
}

//! Veltkamp split into two 26-bit halves; requires |a| < 2^995.
constexpr dd split(double a) noexcept {
    const double t = 134217729.0 * a;  // 2^27 + 1
    const double hi = t - (t - a);
    return {hi, a - hi};
}

//! Error-free a * b (Dekker); no FMA needed. Exact unless the low part underflows.
constexpr dd two_prod(double a, double b) noexcept {
    const double p = a * b;
    const dd as = split(a);
    const dd bs = split(b);
    return {p, ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo};
}

constexpr dd operator-(dd a) noexcept { return {-a.hi, -a.lo}; }

constexpr dd add(dd a, dd b) noexcept {
    dd s = two_sum(a.hi, b.hi);
    const dd t = two_sum(a.lo, b.lo);
    s = fast_two_sum(s.hi, s.lo + t.hi);
    return fast_two_sum(s.hi, s.lo + t.lo);
}

constexpr dd add(dd a, double b) noexcept {
    const dd s = two_sum(a.hi, b);
    return fast_two_sum(s.hi, s.lo + a.lo);
}

constexpr dd mul(dd a, dd b) noexcept {
    const dd p = two_prod(a.hi, b.hi);
    return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

constexpr dd mul(dd a, double b) noexcept {
    const dd p = two_prod(a.hi, b);
    return fast_two_sum(p.hi, p.lo + a.lo * b);
}

constexpr dd div(dd a, dd b) noexcept {
    const double q1 = a.hi / b.hi;
    const dd p = two_prod(q1, b.hi);
    const double r = (((a.hi - p.hi) - p.lo) + a.lo) - q1 * b.lo;
    return fast_two_sum(q1, r / b.hi);
}

//! round((a.hi + a.lo) * 2^k) with a single rounding, also when the result is
//! subnormal (no double rounding) or overflows. a must be normalized
//! (a.hi == fl(a.hi + a.lo)) and nonzero.
constexpr double scale_round(dd a, int k) noexcept {
    const int e = exponent(a.hi) + k;
    if (e > 1023) return copysign(inf, a.hi);
    if (e >= -1022) return mul_pow2(a.hi, k);
    if (e < -1076) return copysign(0.0, a.hi);
    // Bring the value to [2^-54, 1) and add 1: the sum is rounded at the spacing
    // 2^-52, which is exactly the subnormal spacing 2^-1074 after scaling by 2^-1022.
    const double yh = mul_pow2(a.hi, k + 1022);
    const double yl = mul_pow2(a.lo, k + 1022);
    const double one = copysign(1.0, a.hi);
    const dd s = fast_two_sum(one, yh);
    const double r = (s.hi + (s.lo + yl)) - one;
    return r * pow2(-1022);
}

//! Horner evaluation in plain double, coefficients from degree 0 upwards.
template <std::size_t N>
constexpr double horner(double x, const double (&c)[N]) noexcept {
    double acc = c[N - 1];
    for (std::size_t i = N - 1; i-- > 0;) acc = acc * x + c[i];
    return acc;
}

}  // namespace actlab::math::detail
