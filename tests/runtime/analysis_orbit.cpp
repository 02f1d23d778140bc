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
#include <actlab/report/orbit.hpp>
#include <support/reference_table.hpp>

#include <gmp.h>
#include <mpfr.h>
#include <catch2/catch.hpp>
#include <support/analysis_check.hpp>

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

using namespace actlab_test::analysis;

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

//! The same for the typed values of an orbit, as the report layer shows them.
std::string orbit_mismatch(const actlab::wide_approx& shown, const std::string& ref, int ref_digits,
                           int min_digits) {
    return orbit_mismatch(actlab::decimal{actlab::report::text(shown), shown.digits()}, ref,
                          ref_digits, min_digits);
}

std::string orbit_mismatch(const actlab::approx& shown, const std::string& ref, int ref_digits,
                           int min_digits) {
    return orbit_mismatch(as_decimal(shown), ref, ref_digits, min_digits);
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
        INFO("status: " << actlab::report::text(r.double_underflow_status, r.searched_depth) << "; "
                        << actlab::report::search_note(r));
        if (row[c_n] == "null") {
            CHECK_FALSE(r.double_underflow_depth.has_value());
            // none, and (neutral fixed points: P_n decays algebraically) proved without
            // computing all 10^6 steps
            CHECK(r.double_underflow_status == actlab::depth_search::none_proved);
            CHECK(r.invariant_at_both);
            REQUIRE(r.invariant.has_value());
            CHECK(r.steps_check < 1000000);
        } else {
            REQUIRE(r.double_underflow_depth.has_value());
            CHECK(*r.double_underflow_depth == std::stol(row[c_n]));
            CHECK(r.double_underflow_status == actlab::depth_search::found);
            CHECK(r.double_subnormal_status == actlab::depth_search::found);
            REQUIRE(r.double_subnormal_depth.has_value());
            CHECK(*r.double_subnormal_depth <= *r.double_underflow_depth);
        }
    }
}

// Orbits whose steps cancel (x − tanh x, x − sin x): x_n falls like x³ (x_10 ≈ 10^-17016 from
// 1), once shown as 0. Each value must be the mpmath reference (orbit_cancellation.csv,
// generate_orbit_cancellation_references.py, 30 digits) rounded to the digits shown, at least
// 10 of the 20 asked for (the two precisions agree on fewer digits where the precision had to
// rise with the cancellation).
TEST_CASE("orbit: cancelling steps carry their values (x - tanh x, x - sin x)",
          "[analysis][orbit][cancellation]") {
    const csv_table t = read_csv("orbit_cancellation.csv");
    REQUIRE(t.rows.size() == 16);
    const std::size_t c_act = t.column("activation"), c_x0 = t.column("x0"), c_n = t.column("n"),
                      c_x = t.column("x_n"), c_p = t.column("grad_product");
    for (std::size_t k = 0; k < t.rows.size(); k += 4) {
        const std::string& name = t.rows[k][c_act];
        const actlab::expr f = name == "tanhshrink" ? *actlab::at(name).definition
                                                    : actlab::x - actlab::sin(actlab::x);
        const actlab::orbit_report r =
            actlab::orbit(f, t.rows[k][c_x0], 10, {.digits = 20, .horizon = 0});
        REQUIRE(r.steps.size() == 4);
        for (std::size_t j = 0; j < 4; ++j) {
            const auto& row = t.rows[k + j];
            const actlab::orbit_step& s = r.steps[j];
            INFO(name << " from " << row[c_x0] << ", n = " << row[c_n] << ": x_n "
                      << actlab::report::text(s.x) << " (reference " << row[c_x] << "), P_n "
                      << actlab::report::text(s.grad_product) << " (reference " << row[c_p] << ")");
            CHECK(std::to_string(s.n) == row[c_n]);
            CHECK(orbit_mismatch(s.x, row[c_x], 30, 10).empty());
            CHECK(orbit_mismatch(s.grad_product, row[c_p], 30, 10).empty());
        }
    }
}

// Depth 10^8: orbits that converge geometrically to a fixed point x* != 0 repeat at the
// working precision after a few hundred steps (x_n = f(x_n), or x_n = x_(n−2) around gaussian's
// x*, where f' < 0); the rest follows by squaring. orbit_deep.csv
// (generate_orbit_deep_references.py) has x_n, P_n and log10|P_n| at n = 10^4 .. 10^8 from
// x* and log10|P_3000| + (n − 3000) log10|f'(x*)| at 100 and 130 digits.
TEST_CASE("orbit: depth 10^8 where the rounded orbit repeats matches mpmath",
          "[analysis][orbit][deep]") {
    const csv_table t = read_csv("orbit_deep.csv");
    REQUIRE(t.rows.size() == 20);
    const std::size_t c_act = t.column("activation"), c_x0 = t.column("x0"), c_n = t.column("n"),
                      c_x = t.column("x_n"), c_p = t.column("grad_product"),
                      c_l = t.column("log10_abs_grad_product");
    for (std::size_t k = 0; k < t.rows.size(); k += 5) {
        const std::string& name = t.rows[k][c_act];
        INFO(name << " from " << t.rows[k][c_x0]);
        const actlab::orbit_report r = actlab::orbit(*actlab::at(name).definition, t.rows[k][c_x0],
                                                     100000000, {.digits = kDigits, .horizon = 0});
        REQUIRE(r.settled_working.has_value());
        REQUIRE(r.settled_check.has_value());
        CHECK(r.steps_check < 5000);  // not stepped to 10^8
        CHECK(r.period_working == (name == "gaussian" ? 2 : 1));
        for (std::size_t j = k; j < k + 5; ++j) {
            const auto& row = t.rows[j];
            const long n = std::stol(row[c_n]);
            INFO("n = " << n);
            const actlab::orbit_step* s = nullptr;
            for (const auto& step : r.steps)
                if (step.n == n) s = &step;
            REQUIRE(s != nullptr);
            const std::string mx = orbit_mismatch(s->x, row[c_x], kRefDigits, kMinDigits);
            const std::string mp =
                orbit_mismatch(s->grad_product, row[c_p], kRefDigits, kMinDigits);
            const std::string ml =
                orbit_mismatch(s->log10_abs_grad_product, row[c_l], kRefDigits, kMinDigits);
            INFO("x_n: " << mx << "; P_n: " << mp << "; log10|P_n|: " << ml);
            CHECK(mx.empty());
            CHECK(mp.empty());
            CHECK(ml.empty());
        }
    }
}

TEST_CASE("orbit: the step budget refuses a depth it cannot reach and ends the search",
          "[analysis][orbit][budget]") {
    // tanh's orbit never repeats (x_n ~ (3/(2n))^(1/2)): 10^8 steps are refused, at once.
    try {
        (void)actlab::orbit(*actlab::at("tanh").definition, "0.5", 100000000);
        FAIL("no error");
    } catch (const actlab::error& e) {
        CHECK_THAT(e.what(), Catch::Matchers::StartsWith(
                                 "actlab: orbit: depth 100000000 needs more than 483091 steps"));
    }
    CHECK_THROWS_AS(actlab::orbit(*actlab::at("tanh").definition, "0.5", 100001, {.every = true}),
                    actlab::error);
    // Past depth, the budget ends the underflow search: 10^5 / 107 working bits = 934 steps.
    // The logistic map 4x(1 − x) from 0.3 is chaotic: no repeat, no invariant interval.
    const actlab::expr logistic = 4 * actlab::x * (1 - actlab::x);
    const actlab::orbit_report r =
        actlab::orbit(logistic, "0.3", 100, {.digits = 20, .horizon = 1000000, .step_budget = 1e5});
    REQUIRE(r.stopped_by_budget.has_value());
    CHECK(*r.stopped_by_budget == 935);
    CHECK(r.searched_depth == 934);
    CHECK(r.double_underflow_status != actlab::depth_search::none);
    CHECK(r.double_underflow_status != actlab::depth_search::none_proved);
    CHECK_FALSE(r.settled_working.has_value());
}
