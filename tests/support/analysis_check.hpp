// Shared by the analysis tests (tests/runtime/analysis_*.cpp): the CSV tables of
// tests/data/analysis and the check that a shown decimal is the reference rounded to the
// digits it shows (decimal_mismatch; its self-test is in analysis_orbit.cpp).
#pragma once

#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/approx.hpp>
#include <actlab/catalog.hpp>
#include <actlab/report/number.hpp>
#include <support/decimal.hpp>
#include <support/reference_table.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace actlab_test::analysis {

//! A table of tests/data/analysis: the header and the rows, cells as written (an empty last
//! cell kept).
struct csv_table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    std::size_t column(const std::string& name) const {
        for (std::size_t k = 0; k < header.size(); ++k)
            if (header[k] == name) return k;
        throw std::runtime_error("no column " + name);
    }
};

inline csv_table read_csv(const std::string& file) {
    const std::string path = std::string(ACTLAB_TEST_DATA_DIR) + "/analysis/" + file;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    csv_table t;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells = actlab_test::split_csv(line);
        if (line.back() == ',') cells.emplace_back();
        if (t.header.empty()) {
            t.header = std::move(cells);
            continue;
        }
        if (cells.size() != t.header.size()) throw std::runtime_error("bad row in " + path);
        t.rows.push_back(std::move(cells));
    }
    return t;
}

//! A decimal text: 0.mantissa × 10^exp10 (mantissa without leading or trailing zeros), 0, or
//! ±inf. `huge` when the exponent does not fit (only the cube orbits' references).
struct parsed_decimal {
    enum { finite, zero, plus_inf, minus_inf } kind = zero;
    bool negative = false;
    std::string mantissa;
    long long exp10 = 0;
    bool huge = false;
};

inline std::optional<parsed_decimal> parse_decimal(const std::string& s) {
    parsed_decimal p;
    if (s == "inf" || s == "+inf") return p.kind = parsed_decimal::plus_inf, p;
    if (s == "-inf") return p.kind = parsed_decimal::minus_inf, p;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) p.negative = s[i++] == '-';
    std::string digits;
    long long point = -1;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i) {
        if (s[i] == '.') {
            if (point >= 0) return std::nullopt;
            point = static_cast<long long>(digits.size());
        } else {
            digits += s[i];
        }
    }
    if (digits.empty()) return std::nullopt;
    if (point < 0) point = static_cast<long long>(digits.size());
    long long written = 0;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
        ++i;
        bool neg = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        const std::string e = s.substr(i);
        if (e.empty() || e.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        if (e.size() > 17) {
            p.huge = true;
        } else {
            written = std::stoll(e);
            if (neg) written = -written;
        }
    }
    std::size_t lead = 0;
    while (lead < digits.size() && digits[lead] == '0') ++lead;
    if (lead == digits.size()) return p;  // zero
    p.kind = parsed_decimal::finite;
    p.mantissa = digits.substr(lead);
    while (p.mantissa.back() == '0') p.mantissa.pop_back();
    p.exp10 = point - static_cast<long long>(lead) + written;
    return p;
}

//! The fewest digits of a finite nonzero value that passed decimal_mismatch (for the log).
inline int& fewest_digits_passed() {
    static int fewest = 1 << 30;
    return fewest;
}

//! Empty when `shown` is the reference `ref` rounded to the significant digits it shows
//! (shown.digits; trailing zeros are not printed), with at least `min_digits` of them;
//! otherwise what is wrong. With shown = 0.s × 10^E to k digits the test is
//!     |shown − ref| ≤ 0.5·10^(E−k) + 0.5·10^(E_ref−ref_digits)
//! (half a unit in the last shown digit, plus the rounding of the reference itself, which is
//! printed to ref_digits significant digits), evaluated in MPFR at 4096 bits.
//! Exact 0 and ±inf must match exactly and need no digits.
//! A two-precision result as the decimal the report layer shows.
inline actlab::decimal as_decimal(const actlab::approx& a) {
    return {actlab::report::text(a), a.digits()};
}

inline std::string decimal_mismatch(const actlab::decimal& shown, const std::string& ref,
                                    int ref_digits, int min_digits) {
    const auto brief = [](const std::string& text) {  // the cube orbits' 500-digit exponents
        return text.size() <= 90 ? text
                                 : text.substr(0, 60) + "..." + text.substr(text.size() - 20);
    };
    const std::string what = "shown '" + brief(shown.text) + "' (" + std::to_string(shown.digits) +
                             " digits) vs reference '" + brief(ref) + "'";
    if (!shown.known()) return "unknown (empty decimal); reference '" + brief(ref) + "'";
    const std::optional<parsed_decimal> s = parse_decimal(shown.text);
    const std::optional<parsed_decimal> r = parse_decimal(ref);
    if (!r) throw std::runtime_error("bad reference decimal " + ref);
    if (!s) return "unparsable: " + what;
    if (s->kind != parsed_decimal::finite || r->kind != parsed_decimal::finite)
        return s->kind == r->kind ? "" : "different: " + what;
    if (s->negative != r->negative) return "wrong sign: " + what;
    if (static_cast<int>(s->mantissa.size()) > shown.digits)
        return "the text has more digits than its digits field: " + what;
    if (shown.digits < min_digits)
        return "too few digits (floor " + std::to_string(min_digits) + "): " + what;
    if (r->huge) return "reference exponent beyond any MPFR range: " + what;
    const long long shift = s->exp10 - r->exp10;
    if (shift < -1 || shift > 1) return "wrong magnitude: " + what;
    // In units of 10^E_ref: S = 0.s·10^shift, R = 0.r.
    mpfr_t S, R, tol, t;
    for (mpfr_ptr v : {S, R, tol, t}) mpfr_init2(v, 4096);
    mpfr_set_str(S, ("0." + s->mantissa).c_str(), 10, MPFR_RNDN);
    mpfr_set_str(R, ("0." + r->mantissa).c_str(), 10, MPFR_RNDN);
    mpfr_set_si(t, 10, MPFR_RNDN);
    mpfr_pow_si(t, t, static_cast<long>(shift), MPFR_RNDN);
    mpfr_mul(S, S, t, MPFR_RNDN);
    mpfr_sub(S, S, R, MPFR_RNDN);
    mpfr_abs(S, S, MPFR_RNDN);  // |shown − ref| / 10^E_ref
    mpfr_set_si(tol, 10, MPFR_RNDN);
    mpfr_pow_si(tol, tol, static_cast<long>(shift) - shown.digits, MPFR_RNDN);
    mpfr_set_si(t, 10, MPFR_RNDN);
    mpfr_pow_si(t, t, -ref_digits, MPFR_RNDN);
    mpfr_add(tol, tol, t, MPFR_RNDN);
    mpfr_mul_d(tol, tol, 0.5 * (1 + 1e-12), MPFR_RNDN);
    const bool ok = mpfr_lessequal_p(S, tol) != 0;
    std::string out;
    if (!ok) {
        // the error in units of the last shown digit
        mpfr_div(S, S, tol, MPFR_RNDN);
        std::ostringstream o;
        o << "not a correct rounding (error " << mpfr_get_d(S, MPFR_RNDN)
          << " x allowed): " << what;
        out = o.str();
    }
    for (mpfr_ptr v : {S, R, tol, t}) mpfr_clear(v);
    if (ok) fewest_digits_passed() = std::min(fewest_digits_passed(), shown.digits);
    return out;
}

//! decimal_mismatch for a two-precision result, as the report layer shows it.
inline std::string value_mismatch(const actlab::approx& shown, const std::string& ref,
                                  int ref_digits, int min_digits) {
    return decimal_mismatch(as_decimal(shown), ref, ref_digits, min_digits);
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

//! analyze(catalogue activation) with its time as a Catch2 warning; an exception fails the
//! check and gives nothing, so that one activation's error does not hide the rest.
inline std::optional<actlab::analysis_report> analyze_or_fail(const std::string& name, int digits) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
        actlab::analysis_report r =
            actlab::analyze(*actlab::at(name).definition, {.digits = digits});
        WARN("analyze " << name << ": " << seconds_since(t0) << " s");
        return r;
    } catch (const std::exception& e) {
        FAIL_CHECK("analyze " << name << " threw: " << e.what());
        return std::nullopt;
    }
}

}  // namespace actlab_test::analysis
