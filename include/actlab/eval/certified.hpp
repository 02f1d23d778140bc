// actlab: correctly rounded evaluation, certified by interval arithmetic (needs MPFR: link
// actlab::mpfr).
#pragma once

#include <actlab/diff/kinks.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/evaluation_form.hpp>
#include <actlab/eval/quick_enclose.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/expr/error.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <type_traits>

namespace actlab {

//! Limits of eval_certified.
struct certified_options {
    //! The largest working precision tried before giving up (bits).
    mpfr_prec_t max_bits = 1 << 15;
};

namespace detail {

template <class T>
struct is_mpfr_number : std::false_type {};
template <unsigned Digits, boost::multiprecision::expression_template_option E>
struct is_mpfr_number<
    boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<Digits>, E>>
    : std::true_type {};

//! How a real type T meets MPFR: its precision, exact conversion in, rounding out.
template <class T>
struct certified_target {
    static_assert(is_mpfr_number<T>::value || (std::numeric_limits<T>::is_specialized &&
                                               std::numeric_limits<T>::radix == 2),
                  "actlab: eval_certified needs a binary floating-point type");

    static mpfr_prec_t bits(const T&) {
        if constexpr (is_mpfr_number<T>::value)
            return mpfr_get_prec(T().backend().data());
        else
            return std::numeric_limits<T>::digits;
    }

    static mpfr_prec_t input_bits(const T& v) {
        if constexpr (is_mpfr_number<T>::value)
            return mpfr_get_prec(v.backend().data());
        else
            return std::numeric_limits<T>::digits;
    }

    //! out = v exactly (out has at least input_bits(v) bits).
    static void to_mpfr(mpfr_ptr out, const T& v) {
        if constexpr (std::is_same_v<T, float>) {
            mpfr_set_flt(out, v, MPFR_RNDN);
        } else if constexpr (std::is_same_v<T, double>) {
            mpfr_set_d(out, v, MPFR_RNDN);
        } else if constexpr (std::is_same_v<T, long double>) {
            mpfr_set_ld(out, v, MPFR_RNDN);
        } else if constexpr (is_mpfr_number<T>::value) {
            mpfr_set(out, v.backend().data(), MPFR_RNDN);
        } else {
            using std::frexp, std::ldexp, std::isfinite;
            if (!isfinite(v)) fail("actlab: eval_certified needs a finite argument");
            if (v == 0) return mpfr_set_zero(out, 1);
            int ex = 0;
            const int digits = std::numeric_limits<T>::digits;
            const T mantissa = T(ldexp(T(frexp(v, &ex)), digits));  // an integer
            const auto z = mantissa.template convert_to<boost::multiprecision::cpp_int>();
            const mpz_int g(z.str());
            mpfr_set_z_2exp(out, ptr(g), ex - digits, MPFR_RNDN);
        }
    }

    //! v rounded to nearest in T.
    static T from_mpfr(mpfr_srcptr v) {
        if constexpr (std::is_same_v<T, float>) {
            return mpfr_get_flt(v, MPFR_RNDN);
        } else if constexpr (std::is_same_v<T, double>) {
            return mpfr_get_d(v, MPFR_RNDN);
        } else if constexpr (std::is_same_v<T, long double>) {
            return mpfr_get_ld(v, MPFR_RNDN);
        } else if constexpr (is_mpfr_number<T>::value) {
            T r;
            mpfr_set(r.backend().data(), v, MPFR_RNDN);
            return r;
        } else {
            using std::ldexp;
            if (mpfr_nan_p(v)) return std::numeric_limits<T>::quiet_NaN();
            if (mpfr_inf_p(v))
                return mpfr_sgn(v) > 0 ? std::numeric_limits<T>::infinity()
                                       : T(-std::numeric_limits<T>::infinity());
            if (mpfr_zero_p(v)) return T(0);
            mpfr_float rounded = make_mpfr(std::numeric_limits<T>::digits);
            mpfr_set(ptr(rounded), v, MPFR_RNDN);
            mpz_int g;
            const long ex = mpfr_get_z_2exp(ptr(g), ptr(rounded));
            const T mantissa(g.str());  // exact: at most digits bits
            return T(ldexp(mantissa, static_cast<int>(ex)));
        }
    }
};

//! v as an exact rational, if numerator and denominator fit 127 bits.
inline bool exact_rational(mpfr_srcptr v, rational& out) {
    if (mpfr_zero_p(v)) {
        out = rational{0, 1};
        return true;
    }
    if (!mpfr_number_p(v)) return false;
    mpz_int m_number;
    const mpz_ptr m = ptr(m_number);
    long ex = mpfr_get_z_2exp(m, v);  // v = m·2^ex
    const auto zeros = mpz_scan1(m, 0);
    mpz_tdiv_q_2exp(m, m, zeros);
    ex += static_cast<long>(zeros);
    const long size = static_cast<long>(mpz_sizeinbase(m, 2));
    const bool fits = ex >= -126 && size + std::max(ex, 0L) <= 126;
    if (fits) {
        std::uint64_t words[2] = {0, 0};
        mpz_export(words, nullptr, -1, sizeof(std::uint64_t), 0, 0, m);
        uint128 u = (static_cast<uint128>(words[1]) << 64) | words[0];
        if (ex > 0) u <<= ex;
        const int128 num = mpz_sgn(m) < 0 ? -static_cast<int128>(u) : static_cast<int128>(u);
        out = rational{num, ex < 0 ? static_cast<int128>(1) << -ex : 1};
    }
    return fits;
}

//! f(q) exactly, when f's canonical form at the exact point q folds to a number (f has no
//! transcendental part left there and nothing overflows 128 bits).
inline bool exact_value(const expr& f, const rational& q, rational& out) {
    try {
        const expr r = compose(at_defaults(f), expr(q));
        if (!is_number_expr(r)) return false;
        out = r.constants[0];
        return true;
    } catch (const error&) {
        return false;
    }
}

}  // namespace detail

//! f(v) correctly rounded to nearest in T (float, double, long double, cpp_bin_float_N,
//! mpfr_float at its default precision), parameters at their exact defaults or given values.
//!
//! f is enclosed by interval arithmetic at increasing working precision until both ends of
//! the enclosure round to the same T (Ziv's strategy, made rigorous by the intervals), so the
//! result is the exact value of f at v, rounded once — also far in the tails, where the
//! textbook formula cancels (σ(1 − σ) at 745, 1 − tanh² at 750). Throws actlab::error if f is
//! undefined at v, or "did not converge" when no working precision up to
//! `options.max_bits` decides the rounding (an exact zero reached by cancellation, like
//! sin(π), or a discontinuity exactly at v).
template <class T>
T eval_certified(const expr& f, const T& v, std::span<const parameter_value<T>> values,
                 certified_options options = {}) {
    using target = detail::certified_target<T>;
    // The evaluation form cancels less than the printed one, so a lower working precision
    // already decides the rounding; parameters it no longer holds are checked against f.
    const expr& form = detail::cached_evaluation_form(f);  // valid until the next call
    for (const auto& p : values) {
        bool found = false;
        for (int k = 0; k < f.n_parameters; ++k)
            found = found || f.parameters[k].name_view() == p.name;
        if (!found) detail::fail("actlab: enclose: no parameter of that name in the expression");
    }
    // The quick phase: double-double balls, no MPFR per call; it returns only a decided,
    // correctly rounded value and otherwise leaves the work to the loop below.
    if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
        if (values.empty()) {
            if (const auto quick = detail::quick_certified(form, v)) return *quick;
        }
    }
    const expr g = form;  // a copy (~15 KB) only on the slow path
    const auto in_form = [&](std::string_view name) {
        for (int k = 0; k < g.n_parameters; ++k)
            if (g.parameters[k].name_view() == name) return true;
        return false;
    };
    const mpfr_prec_t wanted = target::bits(v);
    mpfr_prec_t bits = std::max(wanted, target::input_bits(v)) + 32;
    bool tried_exact = false;
    for (;; bits *= 2) {
        bits = std::min(bits, options.max_bits);
        interval at(bits);
        target::to_mpfr(at.lower(), v);
        target::to_mpfr(at.upper(), v);
        std::vector<parameter_interval> given;
        for (const auto& p : values) {
            if (!in_form(p.name)) continue;
            given.push_back({p.name, interval(bits)});
            target::to_mpfr(given.back().value.lower(), p.value);
            target::to_mpfr(given.back().value.upper(), p.value);
        }
        const interval r = enclose(g, at, given);
        if (!r.valid()) detail::fail("actlab: eval_certified: f is undefined at this argument");
        const T lo = target::from_mpfr(r.lower()), hi = target::from_mpfr(r.upper());
        if (lo == hi) {
            if (lo != 0) return lo;
            if (mpfr_sgn(r.lower()) >= 0) return T(0);  // ±0: the sign, when it is known
            if (mpfr_sgn(r.upper()) <= 0) return T(-T(0));
            // The enclosure holds values of both signs, all too small to round to anything
            // but ±0: refine for the sign; at the last precision, the value may be an exact 0.
            if (bits >= options.max_bits) return T(0);
            continue;
        }
        // Still straddling after some refinement: an exact value on a rounding boundary (a
        // tie like (x + 3)/6, or an exact 0 reached by cancellation)? Where f at the exact
        // argument folds to a rational, round that rational instead.
        if (!tried_exact && bits >= 4 * (wanted + 32) && values.empty()) {
            tried_exact = true;
            interval point(bits);
            target::to_mpfr(point.lower(), v);
            rational q{}, value{};
            if (detail::exact_rational(point.lower(), q) && detail::exact_value(f, q, value)) {
                for (mpfr_prec_t b = wanted + 8; b <= 1 << 14; b *= 2) {
                    interval exact(b);
                    detail::iv::set_rational(exact, value);
                    const T a = target::from_mpfr(exact.lower()),
                            c = target::from_mpfr(exact.upper());
                    if (a == c) return a;
                }
            }
        }
        if (bits >= options.max_bits)
            detail::fail(
                "actlab: eval_certified: did not converge (the enclosure still straddles a "
                "rounding boundary at the largest working precision: an exact value reached by "
                "cancellation, or a discontinuity at this argument)");
    }
}

template <class T>
T eval_certified(const expr& f, const T& v,
                 std::initializer_list<parameter_value<std::type_identity_t<T>>> values = {},
                 certified_options options = {}) {
    return eval_certified(f, v, std::span<const parameter_value<T>>(values.begin(), values.size()),
                          options);
}

}  // namespace actlab
