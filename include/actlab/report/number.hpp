// actlab: how a two-precision result reads: "0.6590460684", "-2.5e-602", "0", "inf", "-inf"
// (needs MPFR). The only place where an analysis number becomes text.
#pragma once

#include <actlab/analysis/approx.hpp>

#include <cstddef>
#include <string>

namespace actlab::report {

//! 0.mantissa × 10^exp10 in plain notation when the exponent is moderate (−6 < exp10 ≤ 21),
//! in scientific notation otherwise; trailing zeros dropped.
inline std::string decimal_text(bool negative, std::string mantissa, long exp10) {
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

inline std::string decimal_text(const decimal_digits& d) {
    if (d.mantissa.empty()) return "0";
    return decimal_text(d.negative, d.mantissa, d.exp10);
}

//! 0.mantissa × 10^exp10 for an exponent of any size: as decimal_text while the exponent is
//! below 10^18, else in scientific notation with the exponent written out in full.
inline std::string decimal_text(const wide_decimal_digits& d) {
    if (d.mantissa.empty()) return "0";
    if (mpz_fits_slong_p(d.exp10.backend().data()) && abs(d.exp10) < mpz_int("1000000000000000000"))
        return decimal_text(d.negative, d.mantissa, d.exp10.convert_to<long>());
    std::string m = d.mantissa;
    while (m.size() > 1 && m.back() == '0') m.pop_back();
    std::string out = d.negative ? "-" : "";
    out += m.substr(0, 1);
    if (m.size() > 1) out += "." + m.substr(1);
    return out + "e" + mpz_int(d.exp10 - 1).str();
}

//! The digits of a result that are known; "" when unknown (the caller says how to show that).
inline std::string text(const approx& a) {
    switch (a.what()) {
        case approx::state::unknown: return "";
        case approx::state::plus_infinity: return "inf";
        case approx::state::minus_infinity: return "-inf";
        case approx::state::finite: break;
    }
    return decimal_text(a.shown());
}

//! The digits of a result of any magnitude; "" when unknown.
inline std::string text(const wide_approx& a) {
    if (const auto plain = a.narrow()) return text(*plain);
    return decimal_text(a.shown());
}

//! text(a), or `unknown` when a is unknown.
inline std::string text_or(const approx& a, const std::string& unknown) {
    return a.known() ? text(a) : unknown;
}

inline std::string text_or(const wide_approx& a, const std::string& unknown) {
    return a.known() ? text(a) : unknown;
}

}  // namespace actlab::report
