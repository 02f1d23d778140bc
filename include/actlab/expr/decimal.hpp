// actlab: exact conversion of double literals and decimal strings to rationals.
#pragma once

#include <actlab/expr/error.hpp>
#include <actlab/expr/rational.hpp>

#include <bit>
#include <cstdint>
#include <string_view>

namespace actlab::detail {

constexpr bool pow10(int k, int128& out) {
    out = 1;
    for (int i = 0; i < k; ++i)
        if (!mul_checked(out, 10, out)) return false;
    return true;
}

//! The shortest decimal that rounds to `v` (so the literal 0.044715 is exactly 44715/10^6).
//! Returns false for NaN, infinities and magnitudes whose decimal does not fit 128 bits.
constexpr bool shortest_decimal(double v, rational& out) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(v);
    const bool negative = (bits >> 63) != 0;
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    std::uint64_t frac = bits & ((std::uint64_t{1} << 52) - 1);
    if (biased == 0x7ff) return false;
    if (biased == 0 && frac == 0) {
        out = rational{0, 1};
        return true;
    }
    // v = m * 2^e exactly.
    int128 m = biased == 0 ? int128(frac) : int128(frac | (std::uint64_t{1} << 52));
    int e = biased == 0 ? -1074 : biased - 1075;
    while (m % 2 == 0) {  // shortest exact binary form; the rounding interval uses the true ulp
        m /= 2;
        ++e;
    }
    const int ulp_exp = (biased == 0 ? -1074 : biased - 1075);
    rational r{};
    if (e >= 0) {
        // An integer: try multiples of 10^j, largest j first, that still round to v.
        if (e > 120) return false;
        const int128 value = m << e;
        for (int j = 30; j >= 0; --j) {
            int128 p = 0;
            if (!pow10(j, p) || p > value * 2) continue;
            const int128 d = (value + p / 2) / p;
            int128 cand = 0;
            if (!mul_checked(d, p, cand)) continue;
            const int128 diff = cand > value ? cand - value : value - cand;
            // |cand - v| < ulp/2, with ulp = 2^ulp_exp
            if (ulp_exp >= 1 && diff < (int128(1) << (ulp_exp - 1))) {
                out = rational{negative ? -cand : cand, 1};
                return true;
            }
        }
        out = rational{negative ? -value : value, 1};
        return true;
    }
    const int E = -e;  // v = m / 2^E
    if (E > 125) return false;
    for (int K = 0; K <= 40; ++K) {
        int128 p = 0, mp = 0;
        if (!pow10(K, p) || !mul_checked(m, p, mp)) return false;
        // D = round(m 10^K / 2^E)
        const int128 D = (mp + (int128(1) << (E - 1))) >> E;
        // |D/10^K - m/2^E| < 2^(ulp_exp-1)  <=>  |D 2^E - m 10^K| < 2^(E+ulp_exp-1) 10^K
        const int shift = E + ulp_exp - 1;
        int128 lhs = 0, rhs = 0;
        if (D > (int128(1) << (126 - E))) return false;
        lhs = (D << E) - mp;
        // Below a power of two the spacing of doubles halves, and so does the interval.
        const bool narrow_below = lhs < 0 && frac == 0 && biased > 1;
        if (lhs < 0) lhs = -lhs;
        // shift < 0 always (e >= ulp_exp): compare lhs * 2^-shift < 10^K.
        const int scale = -shift + (narrow_below ? 1 : 0);
        if (scale > 120 || !mul_checked(lhs, int128(1) << scale, lhs)) continue;
        rhs = p;
        if (lhs < rhs) return normalize(negative ? -D : D, p, out);
    }
    return normalize(negative ? -m : m, int128(1) << E, r) && ((out = r), true);
}

//! Parses an exact decimal such as "-1.6732632423543772848170429916717" or "2.5e-3".
//! Returns the number of characters consumed (0 on failure or overflow).
constexpr std::size_t parse_decimal(std::string_view s, rational& out) {
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    int128 num = 0;
    int frac_digits = 0;
    bool any = false, dot = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        any = true;
        if (!mul_checked(num, 10, num) || !add_checked(num, c - '0', num)) return 0;
        if (dot) ++frac_digits;
    }
    if (!any) return 0;
    int exponent = -frac_digits;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        bool eneg = false;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) eneg = s[j++] == '-';
        int ev = 0;
        bool edig = false;
        for (; j < s.size() && s[j] >= '0' && s[j] <= '9'; ++j) {
            edig = true;
            if (ev > 1000) return 0;
            ev = ev * 10 + (s[j] - '0');
        }
        if (edig) {
            exponent += eneg ? -ev : ev;
            i = j;
        }
    }
    int128 p = 0;
    if (!pow10(exponent < 0 ? -exponent : exponent, p)) return 0;
    bool ok =
        exponent >= 0 ? mul_checked(num, p, num) && normalize(num, 1, out) : normalize(num, p, out);
    if (!ok) return 0;
    if (negative) out.num = -out.num;
    return i;
}

}  // namespace actlab::detail
