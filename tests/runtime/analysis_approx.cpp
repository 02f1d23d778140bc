// The two-precision rule (include/actlab/analysis/approx.hpp): a result shows exactly the
// significant digits on which the values at the two working precisions round alike — also
// where they straddle a rounding boundary, which the former rule (the relative difference,
// less one digit) got wrong — and the same rule for values beyond MPFR's exponent range.
#include <actlab/analysis/approx.hpp>
#include <actlab/report/number.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace {

using namespace actlab;

mpfr_float at(const char* s, mpfr_prec_t bits = 256) {
    mpfr_float v = make_mpfr(bits);
    mpfr_set_str(v.backend().data(), s, 10, MPFR_RNDN);
    return v;
}

//! Whether a and b round alike to k significant digits.
bool alike(const mpfr_float& a, const mpfr_float& b, int k) {
    return round_to_digits(a.backend().data(), k) == round_to_digits(b.backend().data(), k);
}

//! The former rule: ⌊−log10 |a − b|/|b|⌋ − 1 digits of b.
int former_digits(const mpfr_float& a, const mpfr_float& b) {
    mpfr_float d = make_mpfr(64);
    mpfr_sub(d.backend().data(), a.backend().data(), b.backend().data(), MPFR_RNDN);
    mpfr_div(d.backend().data(), d.backend().data(), b.backend().data(), MPFR_RNDN);
    mpfr_abs(d.backend().data(), d.backend().data(), MPFR_RNDN);
    mpfr_log10(d.backend().data(), d.backend().data(), MPFR_RNDN);
    return static_cast<int>(std::floor(-mpfr_get_d(d.backend().data(), MPFR_RNDN))) - 1;
}

}  // namespace

TEST_CASE("agree_digits: a pair straddling a rounding boundary", "[analysis][approx]") {
    // 0.1234499 and 0.1234501 differ in the 7th digit. The former rule showed 4 digits of b,
    // 0.1235, though a rounds to 0.1234 there: a digit the two precisions do not agree on.
    const mpfr_float a = at("0.1234499"), b = at("0.1234501");
    REQUIRE(former_digits(a, b) == 4);
    CHECK_FALSE(alike(a, b, 4));
    const approx r = agree_digits(a, b, 20);
    REQUIRE(r.known());
    // Both round to 0.12345 at 5 and at 6 digits (0.123450), apart at 7.
    CHECK(r.digits() == 6);
    CHECK(report::text(r) == "0.12345");
    CHECK(alike(a, b, r.digits()));
    // Symmetric in which of the two is the more precise.
    CHECK(report::text(agree_digits(b, a, 20)) == "0.12345");

    // Around 0.5: both round to 0.500 (3 digits), apart at 4.
    CHECK(agree_digits(at("0.4999"), at("0.5001"), 20).digits() == 3);
    CHECK(report::text(agree_digits(at("0.4999"), at("0.5001"), 20)) == "0.5");
    // 0.44 and 0.46 round alike at one digit only if a boundary is not between them: it is.
    CHECK_FALSE(agree_digits(at("0.44"), at("0.46"), 20).known());
    // A carry into a new decade: 9.9996 and 10.0004 agree on 10.00 (4 digits).
    const approx carry = agree_digits(at("9.9996"), at("10.0004"), 20);
    CHECK(carry.digits() == 4);
    CHECK(report::text(carry) == "10");
    // Signs differ, one is 0: unknown; equal values: every digit asked for.
    CHECK_FALSE(agree_digits(at("-1e-30"), at("1e-30"), 20).known());
    CHECK_FALSE(agree_digits(at("0"), at("1e-30"), 20).known());
    CHECK(agree_digits(at("0"), at("0"), 20).is_zero());
    CHECK(agree_digits(at("0.25"), at("0.25"), 20).digits() == 20);
    // At most max_digits.
    CHECK(agree_digits(at("0.1234499"), at("0.1234501"), 3).digits() == 3);
}

TEST_CASE("agree_digits: the largest k at which the two round alike, for many pairs",
          "[analysis][approx]") {
    // A fixed linear congruential sequence of pairs b = a·(1 + δ), δ from 10^-3 to 10^-40.
    std::uint64_t state = 12345;
    const auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 11;
    };
    int former_wrong = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        mpfr_float a = make_mpfr(256), b = make_mpfr(256), delta = make_mpfr(256);
        mpfr_set_ui(a.backend().data(), static_cast<unsigned long>(next() % 1000000 + 1),
                    MPFR_RNDN);
        mpfr_div_ui(a.backend().data(), a.backend().data(), 1000, MPFR_RNDN);
        mpfr_set_si(delta.backend().data(), static_cast<long>(next() % 2001) - 1000, MPFR_RNDN);
        mpfr_mul_2si(delta.backend().data(), delta.backend().data(),
                     -static_cast<long>(10 + next() % 120), MPFR_RNDN);
        mpfr_mul(b.backend().data(), a.backend().data(), delta.backend().data(), MPFR_RNDN);
        mpfr_add(b.backend().data(), b.backend().data(), a.backend().data(), MPFR_RNDN);
        if (mpfr_equal_p(a.backend().data(), b.backend().data())) continue;
        const int max_digits = 30;
        const approx r = agree_digits(a, b, max_digits);
        int expected = 0;
        for (int k = max_digits; k >= 1 && expected == 0; --k)
            if (alike(a, b, k)) expected = k;
        INFO("a = " << a.str(40) << ", b = " << b.str(40));
        CHECK(r.known() == (expected > 0));
        if (expected > 0) {
            CHECK(r.digits() == expected);
            CHECK(r.shown() == round_to_digits(b.backend().data(), expected));
        }
        const int former = std::min(max_digits, former_digits(a, b));
        if (former >= 1 && !alike(a, b, former)) ++former_wrong;
    }
    // The former rule showed a digit the two did not agree on for some of these pairs.
    CHECK(former_wrong > 0);
}

TEST_CASE("agree_digits: values beyond MPFR's exponent range", "[analysis][approx]") {
    const mpz_int e = mpz_int("1000000000000000000000000000000");  // 10^30
    // 9.9999999·10^e and 1.00000001·10^(e+1) round alike to 7 digits: 1.000000·10^(e+1).
    const wide_approx r = agree_digits(at("9.9999999").backend().data(), e,
                                       at("1.00000001").backend().data(), mpz_int(e + 1), 20);
    REQUIRE(r.known());
    CHECK(r.digits() == 7);
    CHECK(report::text(r) == "1e1000000000000000000000000000001");
    CHECK_FALSE(r.narrow().has_value());
    // Same exponent: the rule of plain values, the exponent exact.
    const wide_approx s = agree_digits(at("-3.1415926").backend().data(), mpz_int(-e),
                                       at("-3.1415929").backend().data(), mpz_int(-e), 20);
    CHECK(s.digits() == 7);
    CHECK(report::text(s) == "-3.141593e-1000000000000000000000000000000");
    CHECK(report::text(abs(s)) == "3.141593e-1000000000000000000000000000000");
    // Exponents two apart, or a zero: unknown.
    CHECK_FALSE(
        agree_digits(at("9.9").backend().data(), e, at("1.1").backend().data(), mpz_int(e + 2), 20)
            .known());
    CHECK_FALSE(
        agree_digits(at("0").backend().data(), e, at("1.1").backend().data(), e, 20).known());
    // Moderate exponents read as plain decimals.
    const wide_approx m = agree_digits(at("2.5").backend().data(), mpz_int(-3),
                                       at("2.5").backend().data(), mpz_int(-3), 4);
    CHECK(report::text(m) == "0.0025");
    CHECK(report::text(wide_approx(agree_digits(at("0.75"), at("0.75"), 3))) == "0.75");
    CHECK(report::text(wide_approx{}).empty());
}
