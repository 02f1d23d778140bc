// actlab: spelling exact rationals — integers, exact decimals, superscripts (internal).
#pragma once

#include <actlab/expr/decimal.hpp>
#include <actlab/expr/rational.hpp>

#include <string>
#include <vector>

namespace actlab::detail {

//! The most negative int128, whose negation overflows.
inline constexpr int128 int128_min = static_cast<int128>(static_cast<uint128>(1) << 127);

//! Magnitude of a 128-bit integer; unsigned, so the most negative value is spelled too.
inline uint128 magnitude(int128 v) {
    return v < 0 ? static_cast<uint128>(0) - static_cast<uint128>(v) : static_cast<uint128>(v);
}

//! Decimal digits of |v|.
inline std::string digits_of(int128 v) {
    uint128 m = magnitude(v);
    std::string s;
    do {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
    } while (m != 0);
    return s;
}

//! The exact decimal spelling of |r| ("0.044715"), or "" when the denominator has a prime
//! factor other than 2 and 5, or when `parse_decimal` could not read the spelling back
//! (the mantissa or the power of ten would not fit 128 bits).
inline std::string decimal_of(const rational& r) {
    if (r.den == 1) return digits_of(r.num);
    if (r.num == int128_min) return {};
    int128 den = r.den;
    int twos = 0, fives = 0;
    for (; den % 2 == 0; den /= 2) ++twos;
    for (; den % 5 == 0; den /= 5) ++fives;
    if (den != 1) return {};
    // |r| * 10^k is an integer for k = max(twos, fives): multiply |num| by the missing factors.
    const int k = twos > fives ? twos : fives;
    std::vector<int> digit;  // little-endian base 10
    for (const char c : digits_of(r.num)) digit.insert(digit.begin(), c - '0');
    auto scale = [&digit](int factor) {
        int carry = 0;
        for (int& dg : digit) {
            const int v = dg * factor + carry;
            dg = v % 10;
            carry = v / 10;
        }
        for (; carry != 0; carry /= 10) digit.push_back(carry % 10);
    };
    for (int i = twos; i < k; ++i) scale(2);
    for (int i = fives; i < k; ++i) scale(5);
    while (static_cast<int>(digit.size()) <= k) digit.push_back(0);
    std::string s;
    for (std::size_t i = digit.size(); i-- > 0;) {
        s += static_cast<char>('0' + digit[i]);
        if (static_cast<int>(i) == k) s += '.';
    }
    rational back{};
    const rational target{r.num < 0 ? -r.num : r.num, r.den};
    if (parse_decimal(s, back) != s.size() || !(back == target)) return {};
    return s;
}

//! Unicode superscript spelling of an integer: 2 → "²", -1 → "⁻¹".
inline std::string superscript_of(int128 v) {
    static constexpr const char* glyph[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string s = v < 0 ? "⁻" : "";
    for (const char c : digits_of(v)) s += glyph[c - '0'];
    return s;
}

}  // namespace actlab::detail
