// actlab: the random numbers of the TensorFlow Playground — David Bau's seedrandom (ARC4).
//
// The Playground calls `Math.seedrandom(seed)` with its seed string and then draws every random
// number (data, shuffle, weights) from `Math.random`, which seedrandom has replaced by an ARC4
// generator. `seedrandom` reproduces that generator: the same doubles in [0, 1) for the same
// seed string (seeds are taken byte by byte as character codes, so ASCII seeds match exactly).
//
// **Example**: `seedrandom r("hello."); r()` is 0.9282578795792454, then 0.3752569768646784.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace actlab::mlp {

//! seedrandom's ARC4 generator seeded with a string, as the Playground uses it.
class seedrandom {
public:
    explicit seedrandom(std::string_view seed) {
        // mixkey: the key is the seed folded into at most 256 bytes with a running XOR "smear".
        std::array<int, 256> key{};
        int length = 0;
        int smear = 0;
        for (std::size_t j = 0; j < seed.size(); ++j) {
            const std::size_t slot = j & 255u;
            smear ^= key[slot] * 19;
            key[slot] = 255 & (smear + static_cast<unsigned char>(seed[j]));
            if (static_cast<int>(slot) + 1 > length) length = static_cast<int>(slot) + 1;
        }
        if (length == 0) length = 1;  // the empty key is [0]
        for (int i = 0; i < 256; ++i)
            s_[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
        int j = 0;
        for (int i = 0; i < 256; ++i) {
            const std::uint8_t t = s_[static_cast<std::size_t>(i)];
            j = 255 & (j + key[static_cast<std::size_t>(i % length)] + t);
            s_[static_cast<std::size_t>(i)] = s_[static_cast<std::size_t>(j)];
            s_[static_cast<std::size_t>(j)] = t;
        }
        // seedrandom discards the first 256 outputs.
        for (int k = 0; k < 256; ++k) next_byte();
    }

    //! The next double in [0, 1): 52 random bits and one more, exactly as seedrandom forms it.
    double operator()() {
        std::uint64_t n = bytes(6);    // < 2^48
        double d = 281474976710656.0;  // 2^48
        std::uint64_t x = 0;
        constexpr std::uint64_t significance = std::uint64_t{1} << 52;
        constexpr std::uint64_t overflow = std::uint64_t{1} << 53;
        while (n < significance) {
            n = (n + x) * 256;
            d *= 256;
            x = next_byte();
        }
        while (n >= overflow) {
            n /= 2;
            d /= 2;
            x >>= 1;
        }
        return static_cast<double>(n + x) / d;
    }

private:
    std::uint8_t next_byte() {
        i_ = static_cast<std::uint8_t>(i_ + 1);
        const std::uint8_t t = s_[i_];
        j_ = static_cast<std::uint8_t>(j_ + t);
        s_[i_] = s_[j_];
        s_[j_] = t;
        return s_[static_cast<std::uint8_t>(s_[i_] + t)];
    }

    std::uint64_t bytes(int count) {
        std::uint64_t r = 0;
        while (count-- > 0) r = r * 256 + next_byte();
        return r;
    }

    std::array<std::uint8_t, 256> s_{};
    std::uint8_t i_ = 0;
    std::uint8_t j_ = 0;
};

}  // namespace actlab::mlp
