// actlab::mean_field and actlab::edge_of_chaos against tests/data/analysis/meanfield.csv and
// eoc.csv (mpmath at 40 and 50 digits, agreeing to 32, printed to 30; written by
// tests/data/generate_analysis_references.py).
//
// Conventions of the tables (see the script): q_star is a number, "diverges" (no finite q*:
// q_status "diverges") or "degenerate" (every q is a fixed point: q_status "degenerate");
// q_star = 0 means the q map contracts to 0 (q_status "zero"); "null" marks a quantity that
// does not exist (the library must show none); xi = inf where chi = 1. eoc.csv: sigma_w2 where
// chi1 = 1 and q* there ("null": q* diverges, "degenerate": every q is fixed, 0: q_status zero).
//
// Digits: mean_field at 20 digits, every shown number the reference rounded to the digits it
// shows (decimal_mismatch), at least kMinDigits = 15 of them; edge_of_chaos at 15 digits, at
// least kEocMinDigits = 12. An unknown (empty) value where the reference has one is a failure.
// Run time: every row of both tables runs by default (times logged per row).
#include <actlab/analysis/meanfield.hpp>
#include <actlab/catalog.hpp>
#include <support/reference_table.hpp>

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

// ---- mean field ------------------------------------------------------------------------------

namespace {

constexpr int kDigits = 20;
constexpr int kEocDigits = 15;
constexpr int kRefDigits = 30;  //!< the tables' significant digits (32 checked by the script)
constexpr int kMinDigits = 15;
constexpr int kEocMinDigits = 12;

// Every row runs by default (the library takes well under a second per mean-field point and a
// few seconds per edge-of-chaos row at these digits; the per-row times are logged as warnings).

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string text_of(const actlab::decimal& d) {
    return d.known() ? d.text + " (" + std::to_string(d.digits) + " digits)" : "unknown";
}

//! One number against its reference cell: "null" means it must not be shown.
void check_value(const char* what, const actlab::decimal& shown, const std::string& ref,
                 int min_digits) {
    if (ref == "null") {
        INFO(what << ": does not exist; library " << text_of(shown));
        CHECK_FALSE(shown.known());
        return;
    }
    const std::string m = decimal_mismatch(shown, ref, kRefDigits, min_digits);
    INFO(what << ": " << m);
    CHECK(m.empty());
}

void check_mean_field(const csv_table& t, const std::vector<std::string>& row) {
    const auto at = [&](const char* c) -> const std::string& { return row[t.column(c)]; };
    const std::string& name = at("activation");
    const auto t0 = std::chrono::steady_clock::now();
    const actlab::mean_field_report r = actlab::mean_field(
        *actlab::at(name).definition, at("sigma_w2"), at("sigma_b2"), {.digits = kDigits});
    WARN("mean_field " << name << " (" << at("sigma_w2") << ", " << at("sigma_b2")
                       << "): " << seconds_since(t0) << " s");
    INFO(name << " sigma_w2 = " << at("sigma_w2") << ", sigma_b2 = " << at("sigma_b2")
              << "; library q_status '" << r.q_status << "', q* " << text_of(r.q_star) << ", chi1 "
              << text_of(r.chi1) << ", c* " << text_of(r.c_star) << ", chi_c " << text_of(r.chi_c)
              << ", xi_c " << text_of(r.xi_c) << ", xi_grad " << text_of(r.xi_grad));
    const std::string& q = at("q_star");
    if (q == "diverges" || q == "degenerate") {
        CHECK(r.q_status == q);
    } else {
        CHECK(r.q_status == (q == "0" ? "zero" : "fixed point"));
        check_value("q*", r.q_star, q, kMinDigits);
    }
    check_value("chi1", r.chi1, at("chi1"), kMinDigits);
    check_value("c*", r.c_star, at("c_star"), kMinDigits);
    check_value("chi_c", r.chi_c, at("chi_c"), kMinDigits);
    check_value("xi_c", r.xi_c, at("xi_c"), kMinDigits);
    check_value("xi_grad", r.xi_grad, at("xi_grad"), kMinDigits);
}

void check_edge(const csv_table& t, const std::vector<std::string>& row) {
    const auto at = [&](const char* c) -> const std::string& { return row[t.column(c)]; };
    const std::string& name = at("activation");
    const auto t0 = std::chrono::steady_clock::now();
    const actlab::edge_of_chaos_report r =
        actlab::edge_of_chaos(*actlab::at(name).definition, at("sigma_b2"), {.digits = kEocDigits});
    WARN("edge_of_chaos " << name << " (" << at("sigma_b2") << "): " << seconds_since(t0) << " s");
    INFO(name << " sigma_b2 = " << at("sigma_b2") << " (reference note: " << at("note")
              << "); library sigma_w2 " << (r.sigma_w2 ? text_of(*r.sigma_w2) : "none")
              << ", q_status '" << r.q_status << "', q* " << text_of(r.q_star) << ", note '"
              << r.note << "'");
    {
        INFO("sigma_w2: the reference has " << at("sigma_w2"));
        CHECK(r.sigma_w2.has_value());
    }
    if (r.sigma_w2) check_value("sigma_w2", *r.sigma_w2, at("sigma_w2"), kEocMinDigits);
    const std::string& q = at("q_star");
    if (q == "degenerate") {
        CHECK(r.q_status == "degenerate");
    } else if (q == "null") {
        check_value("q*", r.q_star, q, kEocMinDigits);
    } else {
        CHECK(r.q_status == (q == "0" ? "zero" : "fixed point"));
        check_value("q*", r.q_star, q, kEocMinDigits);
    }
}

}  // namespace

TEST_CASE("mean_field: every row of meanfield.csv matches mpmath", "[analysis][meanfield]") {
    const csv_table t = read_csv("meanfield.csv");
    REQUIRE(t.rows.size() == 23);
    fewest_digits_passed() = 1 << 30;
    for (const auto& row : t.rows) check_mean_field(t, row);
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

TEST_CASE("edge_of_chaos: every row of eoc.csv matches mpmath", "[analysis][meanfield][eoc]") {
    const csv_table t = read_csv("eoc.csv");
    REQUIRE(t.rows.size() == 15);
    fewest_digits_passed() = 1 << 30;
    for (const auto& row : t.rows) check_edge(t, row);
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}
