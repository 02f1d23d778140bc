// actlab::analyze's range (of f) and derivative_range (of f') against
// tests/data/analysis/range.csv and derivative_extrema.csv (mpmath, 50 digits; written by
// tests/data/generate_analysis_references.py): inf, sup, where they are attained, and whether.
//
// Conventions of the tables (see the script): inf/sup may be ±inf; an arg is "null" when the
// extremum is not attained (then the library must give no arg), "lo..hi" when it is attained
// on a whole interval (the library's arg must lie in it), and for extrema attained on an
// infinite discrete set (sin, snake) the representative of smallest |x| (the library may give
// another member: ref + k·period, checked to the digits it shows). A derivative that does not
// exist at a kink is no candidate (selu: sup f' = scale·alpha is approached, not attained).
//
// Digits: analyze at 50 digits; every shown number must be the reference rounded to the
// digits it shows (decimal_mismatch), with at least kMinDigits = 40 of them. An unknown
// (empty) inf, sup, arg or attained flag where the reference has a value is a failure.
#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <support/reference_table.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
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

// ---- ranges ----------------------------------------------------------------------------------

namespace {

constexpr int kDigits = 50;
constexpr int kRefDigits = 50;  //!< the tables' significant digits (55 checked by the script)
constexpr int kMinDigits = 40;

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

//! The period of the family of args the tables pick one representative of (0: none).
//! sin: f = sin and f' = cos have period 2π; snake: f' = 1 + sin 2x has period π.
int pi_multiple_period(const std::string& name) {
    if (name == "sin") return 2;
    if (name == "snake") return 1;
    return 0;
}

//! ref + k·period·π for the integer k nearest to (shown − ref)/(period·π), printed to
//! kRefDigits digits (for comparing another member of the family).
std::string family_member(const std::string& shown, const std::string& ref, int period) {
    mpfr_t s, r, p, k;
    mpfr_inits2(1024, s, r, p, k, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_str(s, shown.c_str(), 10, MPFR_RNDN);
    mpfr_set_str(r, ref.c_str(), 10, MPFR_RNDN);
    mpfr_const_pi(p, MPFR_RNDN);
    mpfr_mul_si(p, p, period, MPFR_RNDN);
    mpfr_sub(k, s, r, MPFR_RNDN);
    mpfr_div(k, k, p, MPFR_RNDN);
    mpfr_round(k, k);
    mpfr_mul(k, k, p, MPFR_RNDN);
    mpfr_add(r, r, k, MPFR_RNDN);
    char buffer[128];
    mpfr_snprintf(buffer, sizeof buffer, "%.*Re", kRefDigits - 1, r);
    mpfr_clears(s, r, p, k, static_cast<mpfr_ptr>(nullptr));
    return buffer;
}

std::string text_of(const std::optional<actlab::decimal>& d) {
    return d ? (d->known() ? d->text : "unknown") : "none";
}

std::string text_of(const std::optional<bool>& b) {
    return b ? (*b ? "true" : "false") : "unknown";
}

std::string describe(const actlab::extremum_report& e) {
    std::ostringstream o;
    o << "library: inf " << (e.inf.known() ? e.inf.text : "unknown") << " (" << e.inf.digits
      << " digits), sup " << (e.sup.known() ? e.sup.text : "unknown") << " (" << e.sup.digits
      << " digits), arginf " << text_of(e.arginf) << ", argsup " << text_of(e.argsup)
      << ", inf_attained " << text_of(e.inf_attained) << ", sup_attained "
      << text_of(e.sup_attained) << "; " << e.reason;
    return o.str();
}

//! One table row against one extremum report.
void check_extremum(const std::string& name, const actlab::extremum_report& e, const csv_table& t,
                    const std::vector<std::string>& row) {
    INFO(describe(e));
    for (const char* side : {"inf", "sup"}) {
        const bool low = std::string(side) == "inf";
        const std::string& value = row[t.column(side)];
        const std::string& arg = row[t.column(low ? "arginf" : "argsup")];
        const std::string& attained = row[t.column(low ? "inf_attained" : "sup_attained")];
        const actlab::decimal& shown = low ? e.inf : e.sup;
        const std::optional<actlab::decimal>& shown_arg = low ? e.arginf : e.argsup;
        const std::optional<bool>& shown_attained = low ? e.inf_attained : e.sup_attained;
        INFO(side << ": reference " << value << " at " << arg << ", attained " << attained);
        {
            const std::string m = decimal_mismatch(shown, value, kRefDigits, kMinDigits);
            INFO("value: " << m);
            CHECK(m.empty());
        }
        {
            INFO("attained: library " << text_of(shown_attained));
            REQUIRE((attained == "true" || attained == "false"));
            CHECK(shown_attained == std::optional<bool>(attained == "true"));
        }
        if (arg == "null") {
            INFO("arg: the reference has none, library " << text_of(shown_arg));
            CHECK_FALSE(shown_arg.has_value());
        } else if (const std::size_t dots = arg.find(".."); dots != std::string::npos) {
            INFO("arg: must lie in " << arg << ", library " << text_of(shown_arg));
            CHECK((shown_arg.has_value() && shown_arg->known()));
            if (!shown_arg || !shown_arg->known()) continue;
            const double a = std::strtod(shown_arg->text.c_str(), nullptr);
            const std::string lo = arg.substr(0, dots), hi = arg.substr(dots + 2);
            CHECK((lo == "-inf" || a >= std::strtod(lo.c_str(), nullptr)));
            CHECK((hi == "inf" || a <= std::strtod(hi.c_str(), nullptr)));
        } else {
            INFO("arg: the reference has " << arg << ", library " << text_of(shown_arg));
            CHECK(shown_arg.has_value());
            if (!shown_arg) continue;
            std::string m = decimal_mismatch(*shown_arg, arg, kRefDigits, kMinDigits);
            if (!m.empty() && shown_arg->known() && pi_multiple_period(name) != 0) {
                const std::string member =
                    family_member(shown_arg->text, arg, pi_multiple_period(name));
                const std::string m2 = decimal_mismatch(*shown_arg, member, kRefDigits, kMinDigits);
                m = m2.empty() ? "" : m + "; as the family member " + member + ": " + m2;
            }
            INFO("arg: " << m);
            CHECK(m.empty());
        }
    }
}

}  // namespace

TEST_CASE("analyze: range and derivative_range match mpmath", "[analysis][ranges]") {
    const csv_table range = read_csv("range.csv");
    const csv_table dext = read_csv("derivative_extrema.csv");
    REQUIRE(range.rows.size() == 19);
    REQUIRE(dext.rows.size() == 19);
    fewest_digits_passed() = 1 << 30;
    const std::size_t c_act = range.column("activation");
    for (std::size_t k = 0; k < range.rows.size(); ++k) {
        const std::string& name = range.rows[k][c_act];
        REQUIRE(dext.rows[k][dext.column("activation")] == name);
        const auto t0 = std::chrono::steady_clock::now();
        actlab::analysis_report r;
        try {
            r = actlab::analyze(*actlab::at(name).definition, {.digits = kDigits});
        } catch (const std::exception& e) {  // one activation's error must not hide the rest
            FAIL_CHECK("analyze " << name << " threw: " << e.what());
            continue;
        }
        WARN("analyze " << name << ": " << seconds_since(t0) << " s");
        {
            INFO(name << ": range of f");
            check_extremum(name, r.range, range, range.rows[k]);
        }
        {
            INFO(name << ": range of f'");
            check_extremum(name, r.derivative_range, dext, dext.rows[k]);
        }
    }
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}
