#pragma once
// Argument reduction x = q * pi/2 + r, |r| <= pi/4, for every finite double:
// Payne-Hanek in integer arithmetic. x = M * 2^E (M a 53-bit integer); only the
// bits of 2/pi from position E-1 on matter modulo 4, so a 256-bit window of 2/pi
// is multiplied by M exactly (32-bit limbs) and 2 integer + 128 fraction bits are
// read off. The dropped tail of 2/pi contributes < 2^-160, far below the worst
// case |x mod pi/2| ~ 2^-61 of doubles, so r keeps > 60 correct bits relative.

#include <cstdint>

#include "actlab/math/detail/fp.hpp"

namespace actlab::math::detail {

// 2/pi in 32-bit words, most significant first (generate_kernel_references.py --tables).
inline constexpr std::uint32_t two_over_pi_bits[40] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab, 0xdebbc561,
    0xb7246e3a, 0x424dd2e0, 0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484,
    0xe99c7026, 0xb45f7e41, 0x3991d639, 0x835339f4, 0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f,
    0xef2f118b, 0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d, 0x7527bac7, 0xebe5f17b,
    0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1, 0x1f8d5d08, 0x56033046, 0xfc7b6bab, 0xf0cfbc20, 0x9af4361d,
};

inline constexpr dd pi_over_2 = {0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54};

struct trig_reduced {
    int q;  // quadrant mod 4
    dd r;   // x - q * pi/2
};

//! Reduction for finite x >= 0.
constexpr trig_reduced trig_reduce(double x) noexcept {
    if (x <= 0x1.921fb54442d18p-1) return {0, {x, 0.0}};
    const std::uint64_t b = to_bits(x);
    const std::uint64_t mant = (b & 0x000f'ffff'ffff'ffffULL) | (std::uint64_t{1} << 52);
    const int e = static_cast<int>(b >> 52) - 1075;  // x = mant * 2^e, e >= -53
    // Word j holds bits 32j+1..32j+32 of 2/pi; bits i <= e-2 only add multiples of 4.
    const int j0 = e >= 2 ? (e - 2) / 32 : 0;
    // prod = mant * window (8 words), little-endian 32-bit limbs.
    std::uint32_t prod[10] = {};
    const std::uint64_t m_lo = mant & 0xffff'ffffULL;
    const std::uint64_t m_hi = mant >> 32;
    for (int w = 0; w < 8; ++w) {
        const std::uint64_t word =
            two_over_pi_bits[j0 + 7 - w];  // limb w (least significant first)
        std::uint64_t carry = 0;
        const std::uint64_t parts[2] = {m_lo, m_hi};
        for (int h = 0; h < 2; ++h) {
            const std::uint64_t t = parts[h] * word + prod[w + h] + carry;
            prod[w + h] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        for (int i = w + 2; carry != 0 && i < 10; ++i) {
            const std::uint64_t t = std::uint64_t{prod[i]} + carry;
            prod[i] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
    }
    // x * 2/pi = prod * 2^(e - 32(j0+8)) mod 4: the binary point sits at bit s.
    const int s = 32 * (j0 + 8) - e;
    auto bits_at = [&](int pos) -> std::uint64_t {  // 64 bits starting at bit pos (pos >= 0)
        std::uint64_t v = 0;
        for (int i = 63; i >= 0; --i) {
            const int p = pos + i;
            const std::uint64_t bit = p < 320 ? (prod[p / 32] >> (p % 32)) & 1 : 0;
            v = (v << 1) | bit;
        }
        return v;
    };
    int q = static_cast<int>(bits_at(s) & 3);
    std::uint64_t f_hi = bits_at(s - 64);
    std::uint64_t f_lo = bits_at(s - 128);
    bool negative = false;
    if (f_hi >> 63) {  // fraction >= 1/2: take the next quadrant, f -= 1 (two's complement negate)
        ++q;
        negative = true;
        f_lo = ~f_lo + 1;
        f_hi = ~f_hi + (f_lo == 0 ? 1 : 0);
    }
    // |f| = (f_hi * 2^64 + f_lo) * 2^-128 as a double-double: 53 + 53 leading bits.
    const int lz = f_hi != 0 ? std::countl_zero(f_hi) : 64 + std::countl_zero(f_lo);
    std::uint64_t a = 0;
    std::uint64_t c = 0;
    if (lz < 64) {
        const std::uint64_t h = lz == 0 ? f_hi : (f_hi << lz) | (f_lo >> (64 - lz));
        const std::uint64_t l = f_lo << lz;
        a = h >> 11;
        c = ((h & 0x7ff) << 42) | (l >> 22);
    } else {
        const std::uint64_t h = f_lo << (lz - 64);
        a = h >> 11;
        c = (h & 0x7ff) << 42;
    }
    const dd f = fast_two_sum(static_cast<double>(a) * pow2(-53 - lz),
                              static_cast<double>(c) * pow2(-106 - lz));
    dd r = mul(f, pi_over_2);
    if (negative) r = -r;
    return {q & 3, r};
}

}  // namespace actlab::math::detail
