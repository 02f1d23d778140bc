// actlab: a real result known to the digits on which two working precisions agree, and the
// one primitive that computes it (needs MPFR). Formatting lives in <actlab/report/number.hpp>.
#pragma once

#include <actlab/eval/multiprecision.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace actlab {

//! The two working precisions of a result shown to `digits` significant digits: `working()`
//! = ⌈3.32·digits⌉ + 40 bits (40 guard bits for the roundings of a long computation) and
//! `check()` = 2·working() + 32. Every two-precision computation takes its precisions here.
struct precisions {
    int digits = 50;

    mpfr_prec_t working() const {
        return static_cast<mpfr_prec_t>(std::ceil(digits * 3.3219280948873623)) + 40;
    }
    mpfr_prec_t check() const { return 2 * working() + 32; }
};

//! The significant decimal digits of a finite nonzero number: 0.mantissa × 10^exp10, the
//! mantissa without trailing zeros. What a reader sees of a value, so two values are the same
//! result when these are equal.
struct decimal_digits {
    bool negative = false;
    std::string mantissa;  //!< "" for 0
    long exp10 = 0;
    friend bool operator==(const decimal_digits&, const decimal_digits&) = default;
};

//! v rounded to n ≥ 1 significant decimal digits (v finite).
inline decimal_digits round_to_digits(mpfr_srcptr v, int n) {
    decimal_digits out;
    if (mpfr_zero_p(v)) return out;
    mpfr_exp_t ex = 0;
    char* s = mpfr_get_str(nullptr, &ex, 10, static_cast<std::size_t>(n), v, MPFR_RNDN);
    std::string m = s;
    mpfr_free_str(s);
    out.negative = m[0] == '-';
    if (out.negative) m.erase(0, 1);
    while (m.size() > 1 && m.back() == '0') m.pop_back();
    out.mantissa = std::move(m);
    out.exp10 = ex;
    return out;
}

//! A real result: a value and the number of significant digits it is known to (the digits
//! on which two computations at different precisions agree, or all of them for an exact
//! value), or ±∞, or unknown (the two precisions did not agree on one digit, or the
//! computation failed). An exact 0 has 0 digits. Never formatted here.
class approx {
public:
    enum class state : unsigned char { unknown, finite, plus_infinity, minus_infinity };

    approx() = default;  //!< unknown

    //! v (finite) known to `digits` significant digits; an exact 0 when v is 0.
    static approx known_to(mpfr_srcptr v, int digits) {
        if (mpfr_nan_p(v)) return {};
        if (mpfr_inf_p(v)) return infinity(mpfr_sgn(v));
        approx a;
        a.state_ = state::finite;
        a.value_ = make_mpfr(v, mpfr_get_prec(v));
        a.digits_ = mpfr_zero_p(v) ? 0 : digits;
        return a;
    }
    static approx infinity(int sign) {
        approx a;
        a.state_ = sign > 0 ? state::plus_infinity : state::minus_infinity;
        return a;
    }
    static approx zero() {
        approx a;
        a.state_ = state::finite;
        a.value_ = make_mpfr(64);
        a.value_ = 0;
        return a;
    }
    //! An integer shown with `digits` significant digits (its digits are all exact).
    static approx integer(long v, int digits) {
        mpfr_float t = make_mpfr(64);
        t = v;
        return known_to(t.backend().data(), digits);
    }

    state what() const { return state_; }
    bool known() const { return state_ != state::unknown; }
    bool finite() const { return state_ == state::finite; }
    bool infinite() const {
        return state_ == state::plus_infinity || state_ == state::minus_infinity;
    }
    //! −1, 0, 1 (unknown: 0).
    int sign() const {
        if (state_ == state::plus_infinity) return 1;
        if (state_ == state::minus_infinity) return -1;
        if (state_ == state::finite) return value_.sign();
        return 0;
    }
    bool is_zero() const { return state_ == state::finite && value_.is_zero(); }
    //! The significant digits shown (0 for 0 and ±∞).
    int digits() const { return digits_; }
    //! The more precise of the two values (finite only).
    const mpfr_float& value() const { return value_; }
    //! The decimal digits shown: the value rounded to digits() (finite only).
    decimal_digits shown() const {
        if (!finite() || digits_ == 0) return {};
        return round_to_digits(value_.backend().data(), digits_);
    }
    //! The value of the decimal shown, at `bits` rounded by `rnd` (what a reader of the
    //! digits would compute with).
    mpfr_float shown_value(mpfr_prec_t bits, mpfr_rnd_t rnd = MPFR_RNDN) const {
        mpfr_float v = make_mpfr(bits);
        if (state_ == state::plus_infinity || state_ == state::minus_infinity) {
            mpfr_set_inf(v.backend().data(), sign());
        } else if (finite() && digits_ > 0) {
            const decimal_digits d = shown();
            const std::string s =
                (d.negative ? "-0." : "0.") + d.mantissa + "e" + std::to_string(d.exp10);
            mpfr_set_str(v.backend().data(), s.c_str(), 10, rnd);
        } else {
            v = 0;
        }
        return v;
    }
    //! |a|: the same digits without the sign.
    friend approx abs(approx a) {
        if (a.state_ == state::minus_infinity) a.state_ = state::plus_infinity;
        if (a.finite()) a.value_ = boost::multiprecision::abs(a.value_);
        return a;
    }
    friend approx operator-(approx a) {
        if (a.infinite()) return infinity(-a.sign());
        if (a.finite()) a.value_ = -a.value_;
        return a;
    }

    //! The same result: both unknown, or equal in state, digits and the digits shown.
    friend bool operator==(const approx& a, const approx& b) {
        return a.state_ == b.state_ && a.digits_ == b.digits_ && a.shown() == b.shown();
    }

private:
    state state_ = state::unknown;
    mpfr_float value_;
    int digits_ = 0;
};

//! The result of b, the more precise of two computations, to the significant digits on
//! which it and the less precise a round alike: the largest k ≤ max_digits at which a and b
//! rounded to k significant digits are the same decimal (exact agreement: max_digits). When
//! the truth lies between a and b, it rounds to the same k digits (rounding is monotone), so
//! every digit shown is right, also where a and b straddle a rounding boundary of a shorter
//! length (0.1234499 and 0.1234501 agree on 0.12345, not on 0.1235). Unknown when they do not
//! agree on one digit. The rule of every two-precision result (two_precision).
inline approx agree_digits(mpfr_srcptr a, mpfr_srcptr b, int max_digits) {
    if (mpfr_nan_p(a) || mpfr_nan_p(b)) return {};
    if (mpfr_inf_p(a) || mpfr_inf_p(b))
        return mpfr_equal_p(a, b) ? approx::infinity(mpfr_sgn(b)) : approx{};
    if (mpfr_zero_p(b) || mpfr_zero_p(a))
        return mpfr_zero_p(a) && mpfr_zero_p(b) ? approx::zero() : approx{};
    if (mpfr_equal_p(a, b)) return approx::known_to(b, max_digits);
    if (mpfr_sgn(a) != mpfr_sgn(b)) return {};
    // Where to start looking: a and b rounding alike to 0.d1…dk × 10^E are within one unit
    // 10^(E−k) of each other, and |b| ≥ 10^(E−1)/2, so k ≤ 1 + log10 2 + log10 |b|/|a − b|
    // (+1 for the roundings of this estimate). Saves rounding 1000-digit values 1000 times.
    mpfr_float rel_number = make_mpfr(64);
    const mpfr_ptr rel = rel_number.backend().data();
    mpfr_sub(rel, a, b, MPFR_RNDN);
    mpfr_div(rel, rel, b, MPFR_RNDN);
    mpfr_abs(rel, rel, MPFR_RNDN);
    mpfr_log10(rel, rel, MPFR_RNDN);
    const double shared = -mpfr_get_d(rel, MPFR_RNDN);
    int from = max_digits;
    if (shared + 3 < from) from = std::max(1, static_cast<int>(std::floor(shared)) + 3);
    for (int k = from; k >= 1; --k)
        if (round_to_digits(a, k) == round_to_digits(b, k)) return approx::known_to(b, k);
    return {};
}

inline approx agree_digits(const mpfr_float& a, const mpfr_float& b, int max_digits) {
    return agree_digits(a.backend().data(), b.backend().data(), max_digits);
}

//! The decimal digits of a value whose exponent may not fit a machine integer:
//! 0.mantissa × 10^exp10 (mantissa "" for 0).
struct wide_decimal_digits {
    bool negative = false;
    std::string mantissa;
    mpz_int exp10;
    friend bool operator==(const wide_decimal_digits&, const wide_decimal_digits&) = default;
};

//! A two-precision result whose magnitude may lie beyond MPFR's exponent range (the orbit of
//! x³ from 0.9 reaches 10^(−3.3·10^22) at n = 50): significand × 10^exp10, the significand
//! an approx (its digits are the digits known), exp10 an exact integer of any size. A value
//! within MPFR's range is its own significand (exp10 = 0). Never formatted here.
class wide_approx {
public:
    wide_approx() = default;  //!< unknown
    explicit wide_approx(approx value) : significand_(std::move(value)) {}
    wide_approx(approx significand, mpz_int exp10)
        : significand_(std::move(significand)), exp10_(std::move(exp10)) {
        if (!significand_.finite() || significand_.is_zero()) exp10_ = 0;
    }

    const approx& significand() const { return significand_; }
    const mpz_int& exp10() const { return exp10_; }
    bool known() const { return significand_.known(); }
    bool finite() const { return significand_.finite(); }
    bool infinite() const { return significand_.infinite(); }
    bool is_zero() const { return significand_.is_zero(); }
    int sign() const { return significand_.sign(); }
    int digits() const { return significand_.digits(); }
    //! The value as an approx when it needs no decimal exponent of its own.
    std::optional<approx> narrow() const {
        if (exp10_ == 0) return significand_;
        return std::nullopt;
    }
    //! The decimal digits shown (finite only).
    wide_decimal_digits shown() const {
        const decimal_digits d = significand_.shown();
        if (d.mantissa.empty()) return {};
        return {d.negative, d.mantissa, exp10_ + d.exp10};
    }
    friend wide_approx abs(wide_approx a) {
        a.significand_ = abs(a.significand_);
        return a;
    }
    friend bool operator==(const wide_approx& a, const wide_approx& b) {
        return a.significand_.what() == b.significand_.what() && a.digits() == b.digits() &&
               a.shown() == b.shown();
    }

private:
    approx significand_;
    mpz_int exp10_ = 0;
};

//! agree_digits for a = sa·10^ea and b = sb·10^eb with exact integer exponents of any size and
//! significands 1 ≤ |s| < 10 (or 0, ±inf, NaN): the same rule, the digits on which a and b
//! round alike. Exponents one apart (9.99… and 1.00…·10) are compared at the smaller one.
inline wide_approx agree_digits(mpfr_srcptr sa, const mpz_int& ea, mpfr_srcptr sb,
                                const mpz_int& eb, int max_digits) {
    if (!mpfr_regular_p(sa) || !mpfr_regular_p(sb) || ea == eb)
        return {agree_digits(sa, sb, max_digits), eb};
    const bool a_higher = ea > eb;
    if ((a_higher ? mpz_int(ea - eb) : mpz_int(eb - ea)) != 1) return {};
    // ×10 is exact with 4 more bits.
    mpfr_srcptr high = a_higher ? sa : sb;
    mpfr_float scaled = make_mpfr(mpfr_get_prec(high) + 4);
    mpfr_mul_ui(scaled.backend().data(), high, 10, MPFR_RNDN);
    mpfr_srcptr s = scaled.backend().data();
    return {agree_digits(a_higher ? s : sa, a_higher ? sb : s, max_digits), a_higher ? eb : ea};
}

//! The one primitive of every two-precision result: compute(bits) at p.working() and at
//! p.check(), kept to the digits they agree on (at most p.digits). compute returns an
//! mpfr_float (or anything convertible to one).
template <class Compute>
approx two_precision(const precisions& p, Compute&& compute) {
    const mpfr_float lo = compute(p.working());
    const mpfr_float hi = compute(p.check());
    return agree_digits(lo, hi, p.digits);
}

}  // namespace actlab
