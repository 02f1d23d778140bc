// actlab: results shown only to the digits two working precisions agree on (needs MPFR).
#pragma once

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace actlab {

//! A real result as a decimal string: "0.6590460684…", "-2.5e-602", "0", "inf", "-inf";
//! empty when unknown (the two precisions did not agree on a single digit, or the
//! computation failed). `digits` counts the significant digits shown.
struct decimal {
    std::string text;
    int digits = 0;

    bool known() const { return !text.empty(); }
    friend bool operator==(const decimal&, const decimal&) = default;
};

//! Working precision in bits for a result of `digits` significant digits: the digits, and
//! 40 guard bits for the roundings of a long computation.
inline mpfr_prec_t working_bits(int digits) {
    return static_cast<mpfr_prec_t>(std::ceil(digits * 3.3219280948873623)) + 40;
}

//! The second, higher working precision of every two-precision computation.
inline mpfr_prec_t check_bits(int digits) { return 2 * working_bits(digits) + 32; }

namespace detail {

//! The decimal with significant digits `mantissa` (no sign, no point) times 10^(exp10 − n)
//! where n = mantissa.size(), i.e. 0.mantissa × 10^exp10, in plain notation when the
//! exponent is moderate and scientific otherwise; trailing zeros dropped.
inline std::string format_decimal(bool negative, std::string mantissa, long exp10) {
    while (mantissa.size() > 1 && mantissa.back() == '0') mantissa.pop_back();
    std::string out = negative ? "-" : "";
    const long n = static_cast<long>(mantissa.size());
    if (exp10 > -6 && exp10 <= 21) {
        if (exp10 <= 0) {
            out += "0." + std::string(static_cast<std::size_t>(-exp10), '0') + mantissa;
        } else if (exp10 >= n) {
            out += mantissa + std::string(static_cast<std::size_t>(exp10 - n), '0');
        } else {
            out += mantissa.substr(0, static_cast<std::size_t>(exp10)) + "." +
                   mantissa.substr(static_cast<std::size_t>(exp10));
        }
        return out;
    }
    out += mantissa.substr(0, 1);
    if (n > 1) out += "." + mantissa.substr(1);
    out += "e" + std::to_string(exp10 - 1);
    return out;
}

//! v rounded to n significant digits.
inline decimal to_decimal(mpfr_srcptr v, int n) {
    if (mpfr_nan_p(v)) return {};
    if (mpfr_inf_p(v)) return {mpfr_sgn(v) > 0 ? "inf" : "-inf", 0};
    if (mpfr_zero_p(v)) return {"0", 0};
    mpfr_exp_t ex = 0;
    char* s = mpfr_get_str(nullptr, &ex, 10, static_cast<std::size_t>(n), v, MPFR_RNDN);
    std::string digits = s;
    mpfr_free_str(s);
    const bool negative = digits[0] == '-';
    if (negative) digits.erase(0, 1);
    return {format_decimal(negative, digits, ex), n};
}

}  // namespace detail

//! The decimal of the more precise value `b`, to the significant digits on which it and
//! the less precise `a` agree (at most max_digits): with d = |a − b|/|b|, the digits shown
//! are ⌊−log10 d⌋ − 1, one digit fewer than they share, so a difference in the last
//! shared digit cannot reach the printed one. Exact agreement shows max_digits.
inline decimal agree(mpfr_srcptr a, mpfr_srcptr b, int max_digits) {
    if (mpfr_nan_p(a) || mpfr_nan_p(b)) return {};
    if (mpfr_inf_p(a) || mpfr_inf_p(b))
        return mpfr_equal_p(a, b) ? detail::to_decimal(b, 1) : decimal{};
    if (mpfr_zero_p(b) || mpfr_zero_p(a))
        return mpfr_zero_p(a) && mpfr_zero_p(b) ? decimal{"0", 0} : decimal{};
    if (mpfr_equal_p(a, b)) return detail::to_decimal(b, max_digits);
    mpfr_t diff;
    mpfr_init2(diff, 64);
    mpfr_sub(diff, a, b, MPFR_RNDN);
    mpfr_div(diff, diff, b, MPFR_RNDN);
    mpfr_abs(diff, diff, MPFR_RNDN);
    mpfr_log10(diff, diff, MPFR_RNDN);
    const double shared = -mpfr_get_d(diff, MPFR_RNDN);
    mpfr_clear(diff);
    const int shown = std::min(max_digits, static_cast<int>(std::floor(shared)) - 1);
    if (shown < 1) return {};
    return detail::to_decimal(b, shown);
}

}  // namespace actlab
