// actlab: exact rational numbers for the symbolic engine.
#pragma once

#include <cstdint>

namespace actlab {

//! 128-bit signed integer, the storage of exact rational constants.
__extension__ typedef __int128 int128;
//! Its unsigned twin.
__extension__ typedef unsigned __int128 uint128;

//! An exact rational number num/den in lowest terms with den > 0.
//!
//! All arithmetic is checked: operations return `false` instead of overflowing, so the
//! engine can keep a product it cannot fold as a symbolic product instead of rounding it.
struct rational {
    int128 num = 0;
    int128 den = 1;

    friend constexpr bool operator==(const rational&, const rational&) = default;
};

namespace detail {

constexpr int128 abs128(int128 v) { return v < 0 ? -v : v; }

constexpr int128 gcd128(int128 a, int128 b) {
    a = abs128(a);
    b = abs128(b);
    while (b != 0) {
        int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

constexpr bool normalize(int128 num, int128 den, rational& out) {
    if (den == 0) return false;
    if (den < 0) {
        // -INT128_MIN overflows; such values are rejected rather than mis-negated.
        if (num == -num && num != 0) return false;
        if (den == -den) return false;
        num = -num;
        den = -den;
    }
    const int128 g = gcd128(num, den);
    out = g > 1 ? rational{num / g, den / g} : rational{num, den};
    if (out.num == 0) out.den = 1;
    return true;
}

constexpr bool mul_checked(int128 a, int128 b, int128& out) {
    return !__builtin_mul_overflow(a, b, &out);
}

constexpr bool add_checked(int128 a, int128 b, int128& out) {
    return !__builtin_add_overflow(a, b, &out);
}

constexpr bool add(const rational& a, const rational& b, rational& out) {
    const int128 g = gcd128(a.den, b.den);
    int128 l = 0, r = 0, n = 0, d = 0;
    if (!mul_checked(a.num, b.den / g, l) || !mul_checked(b.num, a.den / g, r) ||
        !add_checked(l, r, n) || !mul_checked(a.den / g, b.den, d))
        return false;
    return normalize(n, d, out);
}

constexpr bool mul(const rational& a, const rational& b, rational& out) {
    const int128 g1 = gcd128(a.num, b.den);
    const int128 g2 = gcd128(b.num, a.den);
    const int128 an = g1 ? a.num / g1 : a.num, bd = g1 ? b.den / g1 : b.den;
    const int128 bn = g2 ? b.num / g2 : b.num, ad = g2 ? a.den / g2 : a.den;
    int128 n = 0, d = 0;
    if (!mul_checked(an, bn, n) || !mul_checked(ad, bd, d)) return false;
    return normalize(n, d, out);
}

constexpr bool negate(const rational& a, rational& out) {
    if (a.num != 0 && a.num == -a.num) return false;
    out = rational{-a.num, a.den};
    return true;
}

constexpr bool reciprocal(const rational& a, rational& out) { return normalize(a.den, a.num, out); }

constexpr bool div(const rational& a, const rational& b, rational& out) {
    rational r{};
    return reciprocal(b, r) && mul(a, r, out);
}

//! a^k for an integer k (k < 0 allowed unless a == 0).
constexpr bool pow_int(const rational& a, long long k, rational& out) {
    rational base = a;
    if (k < 0) {
        if (!reciprocal(a, base)) return false;
        k = -k;
    }
    rational acc{1, 1};
    while (k > 0) {
        if (k & 1)
            if (!mul(acc, base, acc)) return false;
        k >>= 1;
        if (k > 0 && !mul(base, base, base)) return false;
    }
    out = acc;
    return true;
}

constexpr int compare(const rational& a, const rational& b) {
    // Compare a.num*b.den with b.num*a.den; fall back to a difference when products overflow.
    int128 l = 0, r = 0;
    if (mul_checked(a.num, b.den, l) && mul_checked(b.num, a.den, r))
        return l < r ? -1 : (l > r ? 1 : 0);
    rational d{};
    rational nb{};
    if (negate(b, nb) && add(a, nb, d)) return d.num < 0 ? -1 : (d.num > 0 ? 1 : 0);
    // Signs differ or magnitudes are extreme: compare by integer parts.
    const int128 ia = a.num / a.den, ib = b.num / b.den;
    return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

constexpr bool is_integer(const rational& a) { return a.den == 1; }

}  // namespace detail
}  // namespace actlab
