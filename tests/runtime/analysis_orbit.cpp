// actlab::orbit against the mpmath references of tests/data/generate_analysis_references.py:
// x_n, P_n = ∏_{k<n} f'(x_k) and log10 |P_n| at n = 1, 2, 5, …, 1000 (orbits.csv, 50 digits),
// and the first n with |P_n| < 2^-1074 (orbit_underflow.csv).
//
// Every shown decimal must be the reference rounded to the digits it shows (see
// decimal_mismatch below), and show at least kMinDigits = 45 of the 50 asked for.
// The underflow depths are searched to n = 10^6 at 50 digits: the five orbits that converge to a
// neutral fixed point (tanh, sin, softsign, elu, snake) stop after a few thousand steps with a
// proof that |P_n| stays above 2^-1074 to 10^6 (double_underflow_status "... (proved)"); every
// other orbit underflows within 5000 steps. The cube orbit's x_n and P_n for n >= 50 have
// decimal exponents beyond any machine integer: they are compared after subtracting the
// reference's exponent from both (orbit_mismatch).
#include <actlab/analysis/orbit.hpp>
#include <actlab/catalog.hpp>
#include <support/reference_table.hpp>

#include <gmp.h>
#include <mpfr.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

// ---- the same block in analysis_orbit.cpp, analysis_meanfield.cpp, analysis_nesting.cpp and
// analysis_ranges.cpp (keep them identical) ----------------------------------------------------

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

csv_table read_csv(const std::string& file) {
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

std::optional<parsed_decimal> parse_decimal(const std::string& s) {
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
int& fewest_digits_passed() {
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
std::string decimal_mismatch(const actlab::decimal& shown, const std::string& ref, int ref_digits,
                             int min_digits) {
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

}  // namespace

TEST_CASE("decimal_mismatch accepts exactly the correct roundings", "[analysis][helper]") {
    const auto d = [](const char* text, int digits) { return actlab::decimal{text, digits}; };
    const std::string pi = "3.1415926535897932384626433832795028841971693993751";
    CHECK(decimal_mismatch(d("3.14159", 6), pi, 50, 6).empty());
    CHECK(decimal_mismatch(d("3.1416", 5), pi, 50, 5).empty());
    CHECK_FALSE(decimal_mismatch(d("3.1415", 5), pi, 50, 5).empty());   // truncated, not rounded
    CHECK_FALSE(decimal_mismatch(d("3.14159", 6), pi, 50, 7).empty());  // below the floor
    CHECK_FALSE(decimal_mismatch(d("-3.14159", 6), pi, 50, 1).empty());
    CHECK_FALSE(decimal_mismatch(d("31.4159", 6), pi, 50, 1).empty());
    CHECK_FALSE(decimal_mismatch(d("3.14159", 3), pi, 50, 1).empty());  // more text than digits
    CHECK_FALSE(decimal_mismatch({}, pi, 50, 1).empty());
    CHECK(decimal_mismatch(d("0.5", 50), "0.5", 50, 50).empty());  // trailing zeros not printed
    CHECK(decimal_mismatch(d("1", 3), "0.99999996", 50, 3).empty());
    CHECK_FALSE(decimal_mismatch(d("1", 9), "0.99999996", 50, 3).empty());
    CHECK(decimal_mismatch(d("-2.5e-602", 2), "-2.4999e-602", 50, 2).empty());
    CHECK(decimal_mismatch(d("1.2e+94", 2),
                           "1.2153829588771107522888201187927409558544239502487e+94", 50, 2)
              .empty());
    CHECK(decimal_mismatch(d("0", 0), "0", 50, 40).empty());
    CHECK_FALSE(decimal_mismatch(d("0", 0), "1e-60", 50, 1).empty());
    CHECK_FALSE(decimal_mismatch(d("1e-60", 1), "0", 50, 1).empty());
    CHECK(decimal_mismatch(d("inf", 0), "inf", 50, 40).empty());
    CHECK_FALSE(decimal_mismatch(d("inf", 0), "-inf", 50, 40).empty());
    CHECK_FALSE(decimal_mismatch(d("1e5", 1), "1e12345678901234567890", 50, 1).empty());
}

// ---- orbits ----------------------------------------------------------------------------------

namespace {

constexpr int kDigits = 50;
//! References have 50 significant digits (agreeing to 55 between 90 and 120 working digits).
constexpr int kRefDigits = 50;
//! The floor: at least 45 of the 50 digits asked for (the library shows all 50 on every value it
//! knows today; 45 leaves room for the two-precision agreement rule to drop a few).
constexpr int kMinDigits = 45;

//! The exponent text after 'e' (empty if none) and the text before it.
std::pair<std::string, std::string> split_exponent(const std::string& text) {
    const std::size_t at = text.find_first_of("eE");
    if (at == std::string::npos) return {text, ""};
    return {text.substr(0, at), text.substr(at + 1)};
}

//! decimal_mismatch, also for references whose decimal exponent does not fit a machine integer
//! (cube): both texts get the reference's exponent K subtracted (exactly, with GMP), which
//! changes neither the digits nor the rounding test.
std::string orbit_mismatch(const actlab::decimal& shown, const std::string& ref, int ref_digits,
                           int min_digits) {
    const auto [ref_mant, ref_exp] = split_exponent(ref);
    const auto [shown_mant, shown_exp] = split_exponent(shown.text);
    const auto digits_of = [](const std::string& ex) {
        return ex.size() - (!ex.empty() && (ex[0] == '-' || ex[0] == '+') ? 1 : 0);
    };
    if (digits_of(ref_exp) <= 17) {
        if (shown.known() && digits_of(shown_exp) > 17)
            return "wrong magnitude: shown exponent " + shown_exp.substr(0, 30) + "...";
        return decimal_mismatch(shown, ref, ref_digits, min_digits);
    }
    if (!shown.known()) return decimal_mismatch(shown, ref, ref_digits, min_digits);
    mpz_t k, v;
    mpz_init(k);
    mpz_init(v);
    const std::string ke = ref_exp[0] == '+' ? ref_exp.substr(1) : ref_exp;
    const std::string se = shown_exp.empty()     ? "0"
                           : shown_exp[0] == '+' ? shown_exp.substr(1)
                                                 : shown_exp;
    mpz_set_str(k, ke.c_str(), 10);
    mpz_set_str(v, se.c_str(), 10);
    mpz_sub(v, v, k);
    std::string rest;
    if (mpz_sizeinbase(v, 10) <= 17) rest = std::to_string(mpz_get_si(v));
    mpz_clear(k);
    mpz_clear(v);
    if (rest.empty()) return "wrong magnitude: shown '" + shown.text.substr(0, 60) + "...'";
    return decimal_mismatch(actlab::decimal{shown_mant + "e" + rest, shown.digits}, ref_mant + "e0",
                            ref_digits, min_digits);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("orbit: x_n, P_n, log10|P_n| at depths 10, 100 and 1000 match mpmath",
          "[analysis][orbit][checkpoints]") {
    const csv_table t = read_csv("orbits.csv");
    const std::size_t c_act = t.column("activation"), c_x0 = t.column("x0"), c_n = t.column("n"),
                      c_x = t.column("x_n"), c_p = t.column("grad_product"),
                      c_l = t.column("log10_abs_grad_product");
    // The orbits in file order, each with its rows.
    std::vector<std::pair<std::string, std::string>> orbits;
    for (const auto& row : t.rows) {
        const std::pair<std::string, std::string> key{row[c_act], row[c_x0]};
        if (orbits.empty() || orbits.back() != key) orbits.push_back(key);
    }
    REQUIRE(orbits.size() == 17);
    fewest_digits_passed() = 1 << 30;
    for (const auto& [name, x0] : orbits) {
        const actlab::expr& f = *actlab::at(name).definition;
        for (const long depth : {10L, 100L, 1000L}) {
            INFO(name << " x0 = " << x0 << " depth " << depth);
            const auto t0 = std::chrono::steady_clock::now();
            // horizon 0: no underflow search past depth (that is the next test case)
            const actlab::orbit_report r =
                actlab::orbit(f, x0, depth, {.digits = kDigits, .every = false, .horizon = 0});
            WARN("orbit " << name << "(" << x0 << ") depth " << depth << ": " << seconds_since(t0)
                          << " s");
            std::vector<long> expected;
            for (const auto& row : t.rows)
                if (row[c_act] == name && row[c_x0] == x0 && std::stol(row[c_n]) <= depth)
                    expected.push_back(std::stol(row[c_n]));
            std::vector<long> shown;
            for (const auto& step : r.steps) shown.push_back(step.n);
            CHECK(shown == expected);  // the checkpoints 1, 2, 5, 10, ... <= depth
            for (const auto& row : t.rows) {
                if (row[c_act] != name || row[c_x0] != x0) continue;
                const long n = std::stol(row[c_n]);
                if (n > depth) continue;
                const actlab::orbit_step* s = nullptr;
                for (const auto& step : r.steps)
                    if (step.n == n) s = &step;
                CHECK(s != nullptr);
                if (s == nullptr) continue;
                INFO("n = " << n);
                const std::string mx = orbit_mismatch(s->x, row[c_x], kRefDigits, kMinDigits);
                const std::string mp =
                    orbit_mismatch(s->grad_product, row[c_p], kRefDigits, kMinDigits);
                const std::string ml =
                    orbit_mismatch(s->log10_abs_grad_product, row[c_l], kRefDigits, kMinDigits);
                {
                    INFO("x_n: " << mx);
                    CHECK(mx.empty());
                }
                {
                    INFO("P_n: " << mp);
                    CHECK(mp.empty());
                }
                {
                    INFO("log10|P_n|: " << ml);
                    CHECK(ml.empty());
                }
            }
        }
    }
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

TEST_CASE("orbit: double_underflow_depth matches mpmath", "[analysis][orbit][underflow]") {
    const csv_table t = read_csv("orbit_underflow.csv");
    const std::size_t c_act = t.column("activation"), c_x0 = t.column("x0"),
                      c_n = t.column("n_underflow");
    REQUIRE(t.rows.size() == 17);
    for (const auto& row : t.rows) {
        const std::string& name = row[c_act];
        INFO(name << " x0 = " << row[c_x0] << ": reference " << row[c_n]);
        const auto t0 = std::chrono::steady_clock::now();
        // depth 1000 and the default horizon 10^6 (the reference searches n <= 10^6)
        const actlab::orbit_report r = actlab::orbit(*actlab::at(name).definition, row[c_x0], 1000,
                                                     {.digits = kDigits, .horizon = 1000000});
        WARN("underflow " << name << "(" << row[c_x0] << "): " << seconds_since(t0) << " s");
        CHECK(r.searched_depth == 1000000);
        INFO("library: " << (r.double_underflow_depth ? std::to_string(*r.double_underflow_depth)
                                                      : std::string("none")));
        INFO("status: " << r.double_underflow_status << "; " << r.note);
        if (row[c_n] == "null") {
            CHECK_FALSE(r.double_underflow_depth.has_value());
            // none, and (neutral fixed points: P_n decays algebraically) proved without
            // computing all 10^6 steps
            CHECK(r.double_underflow_status == "none up to 1000000 (proved)");
        } else {
            REQUIRE(r.double_underflow_depth.has_value());
            CHECK(*r.double_underflow_depth == std::stol(row[c_n]));
            CHECK(r.double_underflow_status == "found");
            CHECK(r.double_subnormal_status == "found");
            REQUIRE(r.double_subnormal_depth.has_value());
            CHECK(*r.double_subnormal_depth <= *r.double_underflow_depth);
        }
    }
}
