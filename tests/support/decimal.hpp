// actlab tests: the former text type of two-precision results, kept as the tests' way of
// comparing a shown number with a reference (the library's results are approx values:
// <actlab/analysis/approx.hpp>); built on approx and the report layer's formatting.
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/report/number.hpp>

#include <mpfr.h>

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

//! Working precision in bits for a result of `digits` significant digits (precisions).
inline mpfr_prec_t working_bits(int digits) { return precisions{digits}.working(); }

//! The second, higher working precision of every two-precision computation.
inline mpfr_prec_t check_bits(int digits) { return precisions{digits}.check(); }

//! An approx as the decimal it reads as.
inline decimal to_decimal(const approx& a) { return {report::text(a), a.digits()}; }

namespace detail {

//! 0.mantissa × 10^exp10 as text (report::decimal_text).
inline std::string format_decimal(bool negative, std::string mantissa, long exp10) {
    return report::decimal_text(negative, std::move(mantissa), exp10);
}

//! v rounded to n significant digits.
inline decimal to_decimal(mpfr_srcptr v, int n) {
    if (mpfr_nan_p(v)) return {};
    if (mpfr_inf_p(v)) return {mpfr_sgn(v) > 0 ? "inf" : "-inf", 0};
    if (mpfr_zero_p(v)) return {"0", 0};
    return {report::decimal_text(round_to_digits(v, n)), n};
}

}  // namespace detail

//! The decimal of the more precise value `b` to the significant digits on which it and the
//! less precise `a` agree (agree_digits).
inline decimal agree(mpfr_srcptr a, mpfr_srcptr b, int max_digits) {
    return to_decimal(agree_digits(a, b, max_digits));
}

}  // namespace actlab
