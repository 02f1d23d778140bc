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

// Kernels for patterns of two or more nodes that the evaluators (eval, compiled<>) compute as
// one, where the nodes one by one would cancel or round an intermediate that the result is
// sensitive to. The patterns are recognised in the evaluation form (evaluation_form.hpp:
// tanh_shrink_argument, square_exponent); the expression itself is unchanged.

//! u − tanh(u) without cancellation near 0. For |u| < 3/2: u·q/(1 + q) with
//! q = u/tanh(u) − 1 = z/(3 + z/(5 + z/(7 + …))), z = u² (Lambert's continued fraction of
//! tanh, every term positive: no cancellation), truncated where its relative error at
//! |u| = 3/2 is below 2^−(digits + 3); in double its 10 levels as one rational function with
//! exact integer coefficients, u·z·N(z)/D(z). Beyond 3/2, u − tanh(u) loses at most one bit
//! (tanh(u) < 1.6·(u − tanh u)). `tanh` is the tanh of the caller (a kernel or libm).
template <class T, class Tanh>
constexpr T tanh_shrink_of(const T& u, Tanh tanh) {
    if (!(abs_of(u) < T(1.5))) return T(u - tanh(u));
    const T z = T(u * u);
    if constexpr (std::is_same_v<T, double>) {
        const double n =
            (((65.0 * z + 42900.0) * z + 6891885.0) * z + 349188840.0) * z + 4583103525.0;
        const double d =
            ((((66.0 * z + 45045.0) * z + 7567560.0) * z + 413513100.0) * z + 6547290750.0) * z +
            13749310575.0;
        return u * (z * n / d);
    } else {
        constexpr int digits = std::numeric_limits<T>::digits > 0
                                   ? std::numeric_limits<T>::digits
                                   : 400;  // a type whose precision is set at run time
        constexpr int levels = digits / 8 + 4;
        T q = T(z / T(2 * levels + 1));
        for (int k = levels - 1; k >= 1; --k) q = T(z / T(T(2 * k + 1) + q));
        return T(u * T(q / T(1 + q)));
    }
}

//! e^(c·r²) for c = ±2^k, with r² = hi + lo exactly (Dekker's product): e^(c·hi)·(1 + c·lo)
//! (c·hi and c·lo exact; |c·lo| ≤ 2^−53·|c·hi|, so (c·lo)²/2 is below the rounding). The
//! rounding of r², whose relative error ½ ulp the exponential multiplies by |c·r²| (730 at
//! r = 27 in e^(−r²)), is gone. Binary floating-point types of the standard only; others
//! compute e^(c·r·r). `exp` is the exp of the caller (a kernel or libm).
template <class T, class Exp>
constexpr T exp_scaled_square(const T& r, const T& c, Exp exp) {
    if constexpr (std::is_floating_point_v<T>) {
        constexpr int digits = std::numeric_limits<T>::digits;
        constexpr T split = [] {
            T s = 1;
            for (int k = 0; k < (digits + 1) / 2; ++k) s *= 2;
            return T(s + 1);
        }();
        // Beyond 2^(max_exponent/2 − digits), r² overflows or the split would.
        constexpr T limit = [] {
            T s = 1;
            for (int k = 0; k < std::numeric_limits<T>::max_exponent / 2 - digits; ++k) s *= 2;
            return s;
        }();
        const T hi = T(r * r);
        if (!(abs_of(r) < limit)) return exp(T(c * hi));
        const T cr = T(split * r);
        const T rh = T(cr - T(cr - r)), rl = T(r - rh);
        const T lo = T(T(T(T(rh * rh - hi) + rh * rl) + rl * rh) + rl * rl);
        const T e = exp(T(c * hi));
        if (lo == 0 || !(abs_of(e) <= std::numeric_limits<T>::max())) return e;
        return T(e + e * T(c * lo));
    } else {
        return exp(T(c * T(r * r)));
    }
}

// Arguments carried as an unevaluated sum hi + lo (a "twofold", double-double in double).
// e^u, σ(u) for u < 0 and erfc(u) for u > 0 multiply the relative error of their argument by
// |u| (e^u, σ) or about 2u² (erfc): gelu's erfc(−x/√2) at x = −36 turns the ½ ulp of the
// rounded x/√2 into 1200 ulp, gelu_tanh's σ(2√(2/π)(x + 0.044715x³)) at x = −21 into 1000.
// The evaluators compute such an argument u a second time as hi + lo, from the values of the
// non-arithmetic nodes below it (x, parameters, function values: their own errors stay), with
// the sums, products, integer and half-integer powers and constants of the arithmetic above
// them exact to about 2^−100, and correct the function value at the rounded u to first order:
// f(u + δ) = f(u)·(1 + δ·f′(u)/f(u)), δ = (hi − u) + lo (argument_correction). δ²-terms are
// below the rounding (|δ| ≤ 2 ulp of u, so δ·f′/f ≤ 2⁻⁴⁰ for the arguments where f is
// normal). Binary floating-point types of the standard only.

template <class T>
struct twofold {
    T hi{}, lo{};
};

//! Dekker's split constant 2^⌈digits/2⌉ + 1 of T.
template <class T>
inline constexpr T dekker_split = [] {
    T s = 1;
    for (int k = 0; k < (std::numeric_limits<T>::digits + 1) / 2; ++k) s *= 2;
    return T(s + 1);
}();

template <class T>
constexpr twofold<T> fast_two_sum_of(const T& a, const T& b) {
    const T s = T(a + b);
    return {s, T(b - T(s - a))};
}

template <class T>
constexpr twofold<T> two_sum_of(const T& a, const T& b) {
    const T s = T(a + b);
    const T bb = T(s - a);
    return {s, T(T(a - T(s - bb)) + T(b - bb))};
}

template <class T>
constexpr twofold<T> two_product_of(const T& a, const T& b) {
    const T p = T(a * b);
    const T ca = T(dekker_split<T> * a), cb = T(dekker_split<T> * b);
    const T ah = T(ca - T(ca - a)), al = T(a - ah);
    const T bh = T(cb - T(cb - b)), bl = T(b - bh);
    return {p, T(T(T(T(ah * bh - p) + ah * bl) + al * bh) + al * bl)};
}

template <class T>
constexpr twofold<T> twofold_add(const twofold<T>& a, const twofold<T>& b) {
    const twofold<T> s = two_sum_of(a.hi, b.hi);
    return fast_two_sum_of(s.hi, T(T(s.lo + a.lo) + b.lo));
}

template <class T>
constexpr twofold<T> twofold_mul(const twofold<T>& a, const twofold<T>& b) {
    const twofold<T> p = two_product_of(a.hi, b.hi);
    return fast_two_sum_of(p.hi, T(T(p.lo + a.hi * b.lo) + a.lo * b.hi));
}

template <class T>
constexpr twofold<T> twofold_reciprocal(const twofold<T>& a) {
    const T q = T(1 / a.hi);
    const twofold<T> r = two_product_of(q, a.hi);
    const T e = T(T(T(T(1) - r.hi) - r.lo) - q * a.lo);
    return fast_two_sum_of(q, T(q * e));
}

template <class T>
constexpr twofold<T> twofold_sqrt(const twofold<T>& a) {
    const T s = sqrt_of(a.hi);
    if (!(s > 0)) return {s, T(0)};
    const twofold<T> p = two_product_of(s, s);
    return fast_two_sum_of(s, T(T(T(T(a.hi - p.hi) - p.lo) + a.lo) / T(2 * s)));
}

//! b^k for an integer k (|k| ≤ 16 in use) by squaring.
template <class T>
constexpr twofold<T> twofold_power(twofold<T> b, int k) {
    const bool negative = k < 0;
    if (negative) k = -k;
    twofold<T> acc{T(1), T(0)};
    while (k > 0) {
        if (k & 1) acc = twofold_mul(acc, b);
        k >>= 1;
        if (k > 0) b = twofold_mul(b, b);
    }
    return negative ? twofold_reciprocal(acc) : acc;
}

//! An exact rational as hi + lo (lo = 0 when its numerator or denominator is not exact in T).
template <class T>
constexpr twofold<T> twofold_of(const rational& r) {
    const T hi = to_real<T>(r);
    int128 limit = 1;
    for (int k = 0; k < std::numeric_limits<T>::digits && k < 120; ++k) limit *= 2;
    if (r.den == 1 || r.num >= limit || -r.num >= limit || r.den >= limit) return {hi, T(0)};
    const T num = from_int128<T>(r.num), den = from_int128<T>(r.den);
    const twofold<T> p = two_product_of(hi, den);
    return {hi, T(T(T(num - p.hi) - p.lo) / den)};
}

template <class T>
constexpr twofold<T> twofold_named(named_constant c) {
    // The part of π and e below their long double and double values.
    const bool pi = c == named_constant::pi;
    if constexpr (std::numeric_limits<T>::digits == 64) {
        return {named_value<T>(c),
                T(pi ? -5.016557612668332023557327e-20L : -6.788063664127784117170386e-20L)};
    } else {
        const double lo = pi ? 1.2246467991473532e-16 : 1.4456468917292502e-16;
        const T hi = named_value<T>(c);
        return {hi, T(T(named_value<double>(c) - static_cast<double>(hi)) + T(lo))};
    }
}

//! True for the node kinds whose twofold value is computed from their children's.
constexpr bool twofold_arithmetic(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (n.kind == op::add || n.kind == op::mul || n.kind == op::number || n.kind == op::named)
        return true;
    if (n.kind != op::pow) return false;
    const node& e = f.nodes[f.child(i, 1)];
    if (e.kind != op::number) return false;
    const rational r = f.constants[e.aux];
    return (r.den == 1 || r.den == 2) && r.num >= -16 && r.num <= 16;
}

//! Whether the argument of node i can be rounded: some arithmetic that is not a scaling of one
//! value by a power of two (u, 2u, −u/2 are exact).
constexpr bool rounded_argument(const expr& f, int i) {
    const int a = f.child(i, 0);
    if (!twofold_arithmetic(f, a) || f.nodes[a].kind == op::number) return false;
    if (f.nodes[a].kind != op::mul || f.nodes[a].count != 2) return true;
    const node& c = f.nodes[f.child(a, 0)];
    if (c.kind != op::number || twofold_arithmetic(f, f.child(a, 1))) return true;
    if (f.nodes[f.child(a, 1)].kind == op::softplus) return true;  // softplus_twofold
    const rational r = f.constants[c.aux];
    const auto power_of_two = [](int128 v) { return v > 0 && (v & (v - 1)) == 0; };
    const int128 num = r.num < 0 ? -r.num : r.num;
    return !((num == 1 && power_of_two(r.den)) || (r.den == 1 && power_of_two(num)));
}

//! The sign of an arithmetic node as s·sign(x)^p (s = ±1, p = 0 or 1), or not known (a
//! parameter, a function value, a sum of terms of different signs).
struct sign_class {
    bool known = false;
    int s = 1, p = 0;
};

constexpr sign_class sign_class_of(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (n.kind == op::number) return {true, f.constants[n.aux].num < 0 ? -1 : 1, 0};
    if (n.kind == op::named) return {true, 1, 0};
    if (n.kind == op::variable) return {true, 1, 1};
    if (!twofold_arithmetic(f, i)) return {};
    sign_class c{true, 1, 0};
    if (n.kind == op::pow) {  // b^k, b^(k/2): even powers and roots are ≥ 0
        const rational r = f.constants[f.nodes[f.child(i, 1)].aux];
        return r.den == 2 || r.num % 2 == 0 ? c : sign_class_of(f, f.child(i, 0));
    }
    for (int k = 0; k < n.count; ++k) {
        const sign_class t = sign_class_of(f, f.child(i, k));
        if (!t.known) return {};
        if (n.kind == op::add && k > 0 && (t.s != c.s || t.p != c.p)) return {};
        c = n.kind == op::add ? t : sign_class{true, c.s * t.s, c.p ^ t.p};
    }
    return c;
}

constexpr bool input_free(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (n.kind == op::variable || n.kind == op::parameter) return false;
    for (int k = 0; k < n.count; ++k)
        if (!input_free(f, f.child(i, k))) return false;
    return true;
}

//! A bound R on the relative error of the arithmetic above the non-arithmetic nodes of node i,
//! computed in a type of precision ε, as R·ε (first order): one rounding per operation and
//! per constant (an input-free subtree is folded to one constant), the relative errors of the
//! factors of a product adding up, a sum of terms of one sign no worse than its worst term,
//! b^k k times b's; -1 where a sum's terms may have different signs (no relative bound).
constexpr int argument_roundings(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (!twofold_arithmetic(f, i)) return 0;
    if (input_free(f, i)) {
        if (n.kind != op::number) return 1;
        const rational r = f.constants[n.aux];
        return r.den == 1 && r.num <= (int128(1) << 53) && -r.num <= (int128(1) << 53) ? 0 : 1;
    }
    if (n.kind == op::add && !sign_class_of(f, i).known) return -1;
    if (n.kind == op::pow) {
        const rational r = f.constants[f.nodes[f.child(i, 1)].aux];
        int b = argument_roundings(f, f.child(i, 0));
        if (b < 0) return -1;
        if (r.den == 2) b = (b + 1) / 2 + 1;
        const int k = static_cast<int>(r.num < 0 ? -r.num : r.num);
        return k * b + k;
    }
    int total = 0;
    for (int k = 0; k < n.count; ++k) {
        const int c = argument_roundings(f, f.child(i, k));
        if (c < 0) return -1;
        total = n.kind == op::add ? (c > total ? c : total) : total + c;
    }
    return total + n.count - 1;
}

//! The largest |u| for which the argument u (node a) of f(u) of kind k (e^u, σ(u), erfc(u))
//! may be recomputed in the wider type W instead of as a twofold of T, 0 where never: where
//! W has 11 bits more than T and the condition number κ of f at u (|u| for e^u and σ(u),
//! at most 2u² + 1 for erfc(u)) times W's error bound R·2^−digits(W) (argument_roundings)
//! stays below 2^−(digits(T) + 2), so that the corrected value is off by at most ¼ ulp more.
template <class W, class T>
constexpr double wide_argument_limit(const expr& f, int a, op k) {
    constexpr int extra = std::numeric_limits<W>::digits - std::numeric_limits<T>::digits;
    if constexpr (extra < 11) {
        return 0;
    } else {
        const int r = argument_roundings(f, a);
        if (r < 0) return 0;
        double kappa = 1;
        for (int e = 0; e < extra - 2; ++e) kappa *= 2;
        kappa /= r > 0 ? r : 1;
        if (k != op::erfc) return kappa;
        return kappa > 1 ? sqrt_of((kappa - 1) / 2) : 0;
    }
}

//! softplus(u) = u + log1p(e^(−u)) as hi + lo from its rounded value v, for u ≥ 1: v is within
//! [u, 2u], so u − v is exact, and lo = (u − v) + log1p(e^(−u)) is its rounding to about 2⁻⁶⁰
//! of v. mish′ and mish″ take σ(±2·softplus(x)), whose condition number 2·softplus(x) turned
//! the ½ ulp of the rounded softplus into 54 ulp at x = 33 (where e^(−x) is still above ½ ulp
//! of x): the argument correction needs that rounding. Other u: {v, 0} (there 2·softplus(u) <
//! 2.7, and the ½ ulp of softplus costs σ(−2·softplus(u)) at most 1.3 ulp).
template <class T>
constexpr twofold<T> softplus_twofold(const T& u, const T& v) {
    if constexpr (std::is_floating_point_v<T>) {
        if (u >= T(1) && u <= std::numeric_limits<T>::max())
            return {v, T(T(u - v) + log1p_of(exp_of(T(-u))))};
    }
    return {v, T(0)};
}

//! The value of node i as hi + lo: arithmetic nodes from their children, a softplus from its
//! rounding (softplus_twofold), any other node (x, a parameter, a function value) is
//! `leaf(i)`, taken as exact.
template <class T, class Leaf>
constexpr twofold<T> twofold_value(const expr& f, int i, Leaf leaf) {
    const node& n = f.nodes[i];
    if (!twofold_arithmetic(f, i)) {
        if (f.nodes[i].kind == op::softplus) return softplus_twofold(leaf(f.child(i, 0)), leaf(i));
        return {leaf(i), T(0)};
    }
    switch (n.kind) {
        case op::number: return twofold_of<T>(f.constants[n.aux]);
        case op::named: return twofold_named<T>(static_cast<named_constant>(n.aux));
        case op::add: {
            twofold<T> r = twofold_value<T>(f, f.child(i, 0), leaf);
            for (int k = 1; k < n.count; ++k)
                r = twofold_add(r, twofold_value<T>(f, f.child(i, k), leaf));
            return r;
        }
        case op::mul: {
            twofold<T> r = twofold_value<T>(f, f.child(i, 0), leaf);
            for (int k = 1; k < n.count; ++k)
                r = twofold_mul(r, twofold_value<T>(f, f.child(i, k), leaf));
            return r;
        }
        default: {  // pow with an exponent k or k/2
            const rational r = f.constants[f.nodes[f.child(i, 1)].aux];
            twofold<T> b = twofold_value<T>(f, f.child(i, 0), leaf);
            if (r.den == 2) b = twofold_sqrt(b);
            return twofold_power(b, static_cast<int>(r.num));
        }
    }
}

//! Whether f(u) (kind k) needs the correction of a rounded u: where its condition number
//! |u·f′(u)/f(u)| exceeds ½ — σ(u) for u < −1 (|u|·σ(−u) ≤ 0.28 for u ≥ 0), erfc(u) for
//! u > ½ (≈ 2u² beyond), e^u except near 0. The others are left alone: their correction would
//! be below ½ ulp, and in compiled<f> computing u in double-double costs more than f(u).
template <class T>
constexpr bool needs_correction(op k, const T& u) {
    if (k == op::sigmoid) return u < T(-1);
    if (k == op::erfc) return u > T(0.5);
    return !(abs_of(u) < T(0.5));
}

//! v = f(u) corrected by δ: see argument_correction.
template <class T>
constexpr T correct_by(op k, const T& v, const T& u, const T& delta) {
    if (delta == 0 || !(abs_of(delta) <= std::numeric_limits<T>::max())) return v;
    if (k == op::exp) return T(v + v * delta);
    if (k == op::sigmoid) return T(v + v * T(delta * T(1 - v)));
    if (!(u > 0)) return v;
    constexpr T c = T(1.1283791670955126);  // 2/√π
    const T ratio = T(T(2 * u) + c / T(1 + c * u));
    return T(v - v * T(delta * ratio));
}

//! f(u + δ) from v = f(u) for f = e^u, σ(u) and erfc(u) (kind k), δ the rounding of u:
//! v·(1 + δ·f′(u)/f(u)), with f′/f = 1, σ(−u) = 1 − σ(u), and −(2u + c/(1 + c·u)), c = 2/√π,
//! for erfc at u > 0 (h(u) = 2e^(−u²)/(√π·erfc(u)) is c at 0 and 2u + 1/u − … as u → ∞; the
//! approximation is within 6.3% of h, a relative error of the correction, not of the value; at
//! u ≤ 0 the condition number of erfc is below 0.3 and no correction is made). v unchanged
//! when δ is 0 or not finite.
template <class T>
constexpr T argument_correction(op k, const T& v, const T& u, const twofold<T>& exact) {
    return correct_by(k, v, u, T(T(exact.hi - u) + exact.lo));
}

//! Products whose exponential factor lies below the normal range (float and double: e^u for
//! u < −708 in double) are recomputed with that factor scaled into the normal range, and the
//! product scaled back with one rounding at the end: x·σ(x) at x = −745 would otherwise carry
//! the rounding of σ(x) to a few subnormal units (½ ulp of 1e-323 is 10% of it), multiplied
//! by |x|. `tiny_scale<T>` is the scale 2^K, and `exp_times_scale` computes e^u·2^K as
//! e^(u + K·ln2_hi)·e^(K·ln2_lo), with ln2_hi short enough that u + K·ln2_hi is exact
//! for the u where e^u is subnormal (Cody and Waite's split).
template <class T>
inline constexpr int tiny_shift = std::is_same_v<T, float> ? 32 : 64;

template <class T>
inline constexpr bool scales_tiny = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <class T, class Exp>
constexpr T exp_times_scale(const T& u, Exp exp) {
    static_assert(scales_tiny<T>);
    // ln2_hi: ln 2 to 22 bits after the point (float: u + 32·ln2_hi is a multiple of 2⁻¹⁷,
    // below 128 in magnitude), to 32 bits (double: a multiple of 2⁻⁴³, below 1024).
    constexpr T ln2_hi = std::is_same_v<T, float> ? T(0x1.62e428p-1) : T(0x1.62e42feep-1);
    constexpr T ln2_lo =
        std::is_same_v<T, float> ? T(2.365139248016047e-07) : T(1.9082149292705877e-10);
    constexpr T k = T(tiny_shift<T>);
    const T b = T(k * ln2_lo);  // e^b = 1 + b + b²/2 to below the rounding
    return T(exp(T(u + k * ln2_hi)) * T(1 + T(b + b * b / 2)));
}

//! erfc(u)·2^K (tiny_shift) for u > 0, rounded once: double through the kernel, float through
//! the kernel in double.
template <class T>
constexpr T erfc_times_scale(const T& u) {
    static_assert(scales_tiny<T>);
    return T(math::erfc_times_pow2(static_cast<double>(u), tiny_shift<T>));
}

//! 2^−K·count: the factor that scales a product of `count` (at most 2) scaled factors back,
//! a normal number (2⁻¹²⁸ in double, 2⁻⁶⁴ in float).
template <class T>
constexpr T tiny_unscale(int count) {
    constexpr T step = [] {
        T r = 1;
        for (int k = 0; k < tiny_shift<T>; ++k) r /= 2;
        return r;
    }();
    return count == 0 ? T(1) : (count == 1 ? step : T(step * step));
}

//! Products below 2^K times the smallest normal number are checked for such factors: a
//! factor below the normal range makes the product smaller unless the others exceed 2^K.
template <class T>
constexpr T tiny_product_bound() {
    T b = std::numeric_limits<T>::min();
    for (int k = 0; k < tiny_shift<T>; ++k) b *= 2;
    return b;
}

//! Below the normal range, or 0 (an exponential that underflowed).
template <class T>
constexpr bool below_normal(const T& v) {
    return abs_of(v) < std::numeric_limits<T>::min();
}

}  // namespace actlab::detail
