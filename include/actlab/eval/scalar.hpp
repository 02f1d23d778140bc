// actlab: the scalar functions of every node kind, for any real type (internal).
//
// double goes through actlab's own constexpr kernels, so a value computed at compile time
// is bit-identical to the same value computed at run time. Other types reach exp, log, ...
// by ADL (float and long double: <cmath>; Boost.Multiprecision: its own overloads) and
// Boost.Math for erf, erfc, expm1 and log1p. Kernels return T, never auto: a
// Boost.Multiprecision expression template must not escape.
#pragma once

#include <actlab/expr/expression.hpp>
#include <actlab/math.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/log1p.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace actlab::detail {

template <class T>
inline constexpr bool is_double = std::is_same_v<T, double>;

//! Dekker's exact product a*b = p + e (no FMA needed).
constexpr void two_product(double a, double b, double& p, double& e) {
    constexpr double split = 134217729.0;  // 2^27 + 1
    p = a * b;
    const double ca = split * a, cb = split * b;
    const double ah = ca - (ca - a), al = a - ah;
    const double bh = cb - (cb - b), bl = b - bh;
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

//! An exact rational rounded to double (one rounding in all but pathological cases).
constexpr double to_double(const rational& r) {
    constexpr int128 exact = int128(1) << 53;
    const auto fits = [](int128 v) { return v > -exact && v < exact; };
    if (fits(r.num) && fits(r.den)) return static_cast<double>(r.num) / static_cast<double>(r.den);
    // num and den as double-doubles, then one correction step of the quotient.
    const double nh = static_cast<double>(r.num), dh = static_cast<double>(r.den);
    const double nl = static_cast<double>(r.num - static_cast<int128>(nh));
    const double dl = static_cast<double>(r.den - static_cast<int128>(dh));
    const double q = nh / dh;
    double p = 0, e = 0;
    two_product(q, dh, p, e);
    return q + (((nh - p) - e) + nl - q * dl) / dh;
}

template <class T>
constexpr T from_int128(int128 v) {
    const bool negative = v < 0;
    const auto u = static_cast<uint128>(negative ? -v : v);
    const auto hi = static_cast<std::uint64_t>(u >> 64), lo = static_cast<std::uint64_t>(u);
    T r = T(hi);
    r *= T(18446744073709551616.0);  // 2^64, exact in every binary type
    r += T(lo);
    return negative ? T(-r) : r;
}

template <class T>
constexpr T to_real(const rational& r) {
    if constexpr (is_double<T>) {
        return to_double(r);
    } else {
        return T(from_int128<T>(r.num) / from_int128<T>(r.den));
    }
}

template <class T>
constexpr T named_value(named_constant c) {
    if constexpr (is_double<T>) {
        return c == named_constant::pi ? 0x1.921fb54442d18p+1 : 0x1.5bf0a8b145769p+1;
    } else {
        return c == named_constant::pi ? boost::math::constants::pi<T>()
                                       : boost::math::constants::e<T>();
    }
}

// One function per node kind. For double: the constexpr kernels.
template <class T>
constexpr T exp_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::exp(v);
    } else {
        using std::exp;
        return T(exp(v));
    }
}
template <class T>
constexpr T expm1_of(const T& v) {
    if constexpr (is_double<T>)
        return math::expm1(v);
    else
        return T(boost::math::expm1(v));
}
template <class T>
constexpr T log_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::log(v);
    } else {
        using std::log;
        return T(log(v));
    }
}
template <class T>
constexpr T log1p_of(const T& v) {
    if constexpr (is_double<T>)
        return math::log1p(v);
    else
        return T(boost::math::log1p(v));
}
template <class T>
constexpr T sqrt_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::sqrt(v);
    } else {
        using std::sqrt;
        return T(sqrt(v));
    }
}
template <class T>
constexpr T tanh_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::tanh(v);
    } else {
        using std::tanh;
        return T(tanh(v));
    }
}
template <class T>
constexpr T sin_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::sin(v);
    } else {
        using std::sin;
        return T(sin(v));
    }
}
template <class T>
constexpr T cos_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::cos(v);
    } else {
        using std::cos;
        return T(cos(v));
    }
}
template <class T>
constexpr T erf_of(const T& v) {
    if constexpr (is_double<T>)
        return math::erf(v);
    else
        return T(boost::math::erf(v));
}
template <class T>
constexpr T erfc_of(const T& v) {
    if constexpr (is_double<T>)
        return math::erfc(v);
    else
        return T(boost::math::erfc(v));
}
//! σ(v) = 1/(1 + e^−v), evaluated without overflow and with full relative accuracy.
template <class T>
constexpr T sigmoid_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::sigmoid(v);
    } else {
        if (v >= 0) return T(1 / (1 + exp_of(T(-v))));
        const T e = exp_of(v);
        return T(e / (1 + e));
    }
}
//! softplus(v) = log(1 + e^v) = max(v, 0) + log1p(e^−|v|).
template <class T>
constexpr T softplus_of(const T& v) {
    if constexpr (is_double<T>) {
        return math::softplus(v);
    } else {
        if (v > 0) return T(v + log1p_of(exp_of(T(-v))));
        return log1p_of(exp_of(v));
    }
}
template <class T>
constexpr T abs_of(const T& v) {
    return v < 0 ? T(-v) : v;
}
template <class T>
constexpr T sign_of(const T& v) {
    return v > 0 ? T(1) : (v < 0 ? T(-1) : T(0));
}
template <class T>
constexpr T step_of(const T& v) {
    return v > 0 ? T(1) : (v < 0 ? T(0) : T(0.5));
}
template <class T>
constexpr T integer_power(T b, int128 k) {
    if (k < 0) return T(1 / integer_power(b, -k));
    T acc = T(1);
    while (k > 0) {
        if (k & 1) acc *= b;
        k >>= 1;
        if (k > 0) b *= b;
    }
    return acc;
}
//! b^r for an exact rational r; odd roots of negative numbers are real (∛−8 = −2).
template <class T>
constexpr T rational_power(const T& b, const rational& r) {
    if (r.den == 1) return integer_power(b, r.num);
    if (r.den == 2) return integer_power(sqrt_of(b), r.num);
    const bool odd_root_of_negative = b < 0 && r.den % 2 == 1;
    const T mag = odd_root_of_negative ? T(-b) : b;
    T v{};
    if constexpr (is_double<T>) {
        v = math::pow(mag, to_double(r));
    } else {
        using std::pow;
        v = T(pow(mag, to_real<T>(r)));
    }
    return odd_root_of_negative && r.num % 2 != 0 ? T(-v) : v;
}
template <class T>
constexpr T real_power(const T& b, const T& p) {
    if constexpr (is_double<T>) {
        return math::pow(b, p);
    } else {
        using std::pow;
        return T(pow(b, p));
    }
}

}  // namespace actlab::detail
