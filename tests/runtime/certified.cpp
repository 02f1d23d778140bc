// eval_certified and enclose: correct rounding in every type, soundness of the interval
// arithmetic, the tails where textbook formulas cancel, and the failure modes.
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/certified.hpp>
#include <actlab/expr/build.hpp>
#include <support/sample_expressions.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace {

using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::mpfr_float;

// Sets mpfr_float's default precision for one scope.
class mpfr_digits {
public:
    explicit mpfr_digits(unsigned digits) : saved_(mpfr_float::default_precision()) {
        mpfr_float::default_precision(digits);
    }
    mpfr_digits(const mpfr_digits&) = delete;
    mpfr_digits& operator=(const mpfr_digits&) = delete;
    ~mpfr_digits() { mpfr_float::default_precision(saved_); }

private:
    unsigned saved_;
};

// The distance of v from the exact reference r, in units of the last place of T at r
// (T's subnormal spacing below its smallest normal).
template <class T>
double ulps(const T& v, const mpfr_float& r) {
    using std::ldexp;
    const int digits = std::numeric_limits<T>::digits;
    const long min_exponent = std::numeric_limits<T>::min_exponent;
    if (r == 0) return v == 0 ? 0.0 : std::numeric_limits<double>::infinity();
    long e = 0;
    mpfr_get_d_2exp(&e, r.backend().data(), MPFR_RNDN);  // |r| in [2^(e-1), 2^e)
    const long scale = std::max(e, min_exponent) - digits;
    mpfr_float diff = mpfr_float(v) - r;
    mpfr_mul_2si(diff.backend().data(), diff.backend().data(), -scale, MPFR_RNDN);
    return static_cast<double>(abs(diff));
}

}  // namespace

TEMPLATE_TEST_CASE("eval_certified rounds every sample expression correctly", "[certified]", float,
                   double, long double, cpp_bin_float_50) {
    // The reference: the ordinary evaluator in MPFR at 400 digits, a different code path
    // (Boost.Multiprecision's mpfr functions on points, no intervals), ~1100 bits to spare.
    const mpfr_digits guard(400);
    for (const auto& s : actlab_test::sample_expressions()) {
        for (int k = 0; k < 12; ++k) {
            const TestType at(-4.9 + 0.8313 * k + 0.0123);
            const mpfr_float reference = actlab::eval(s.f, mpfr_float(at));  // exact argument
            if (!isfinite(reference)) continue;
            const TestType value = actlab::eval_certified(s.f, at);
            INFO(s.name << " at " << at << ": " << value << " vs " << reference);
            CHECK(ulps(value, reference) <= 0.5);
        }
    }
}

TEST_CASE("eval_certified rounds to mpfr_float's run-time precision", "[certified]") {
    for (const unsigned digits : {30U, 100U, 250U}) {
        for (const auto& s : actlab_test::sample_expressions()) {
            const double at = 0.7182818284590451;
            mpfr_float reference;
            {
                const mpfr_digits guard(digits + 300);
                reference = actlab::eval(s.f, mpfr_float(at));
            }
            const mpfr_digits target(digits);
            const mpfr_float value = actlab::eval_certified(s.f, mpfr_float(at));
            INFO(s.name << " at " << digits << " digits");
            CHECK(mpfr_get_prec(value.backend().data()) ==
                  mpfr_get_prec(mpfr_float(1).backend().data()));
            if (reference == 0) {
                CHECK(value == 0);
                continue;
            }
            // Relative error in units of mpfr_float's epsilon at this precision (2^(1-p)):
            // correct rounding keeps it at or below one.
            const mpfr_float err = abs(value - reference) /
                                   (abs(reference) * std::numeric_limits<mpfr_float>::epsilon());
            CHECK(err <= 1);
        }
    }
}

namespace {

// An independent tail value: σ'(t) = e^−|t| / (1 + e^−|t|)², with no cancellation.
mpfr_float sigmoid_derivative(double t) {
    const mpfr_float e = exp(-abs(mpfr_float(t)));
    return e / ((1 + e) * (1 + e));
}

// 1 − tanh²(t) = 4e^−2|t| / (1 + e^−2|t|)².
mpfr_float tanh_derivative(double t) {
    const mpfr_float e = exp(-2 * abs(mpfr_float(t)));
    return 4 * e / ((1 + e) * (1 + e));
}

}  // namespace

TEST_CASE("eval_certified is exact in the tails where the textbook formula cancels",
          "[certified]") {
    using namespace actlab;
    const mpfr_digits guard(400);
    const expr sigmoid_d = d(sigmoid(x));  // σ·(1 − σ)
    const expr tanh_d = d(tanh(x));        // 1 − tanh²
    for (const double t :
         {-745.0, -700.0, -40.0, -20.0, 20.0, 36.0, 37.5, 40.0, 300.0, 708.0, 745.0}) {
        INFO("t = " << t);
        CHECK(ulps(eval_certified(sigmoid_d, t), sigmoid_derivative(t)) <= 0.5);
        CHECK(ulps(eval_certified(tanh_d, t / 2), tanh_derivative(t / 2)) <= 0.5);
        // The textbook formula in double loses everything there; eval computes the evaluation
        // form σ(x)·σ(−x) and 4σ(2x)σ(−2x) instead.
        if (t >= 40) CHECK(detail::evaluate(sigmoid_d, t, {}) == 0.0);
        CHECK(ulps(eval(sigmoid_d, t), sigmoid_derivative(t)) <= 4);
        CHECK(ulps(eval(tanh_d, t / 2), tanh_derivative(t / 2)) <= 4);
    }
    // x − tanh x ≈ x³/3 near 0 (normal down to x ≈ 2e−103): 400 digits leave 200 after the
    // cancellation at 1e−100.
    for (const double t : {1e-5, 1e-20, 1e-100}) {
        const mpfr_float exact = mpfr_float(t) - tanh(mpfr_float(t));
        CHECK(ulps(eval_certified(x - tanh(x), t), exact) <= 0.5);
    }
    // Subnormal results are rounded once, like every other result.
    CHECK(ulps(eval_certified(exp(-pow(x, 2)), 27.0), mpfr_float(exp(-mpfr_float(729)))) <= 0.5);
}

TEST_CASE("eval_certified gets the sign of tiny and exact zeros", "[certified]") {
    using namespace actlab;
    const double plus = eval_certified(d(tanh(x)), 750.0);  // 4e−1500 > 0 rounds to +0
    CHECK(plus == 0.0);
    CHECK_FALSE(std::signbit(plus));
    const double minus = eval_certified(tanh(x) - 1, 750.0);  // −2e−651 rounds to −0
    CHECK(minus == 0.0);
    CHECK(std::signbit(minus));
    CHECK_FALSE(std::signbit(eval_certified(max(x, 0), -3.0)));
    // sin(π) is exactly 0; no precision proves the sign, and the magnitude rounds to 0.
    CHECK(eval_certified(sin(pi * x), 1.0, {}, {.max_bits = 2048}) == 0.0);
}

TEST_CASE("eval_certified reports what it cannot do", "[certified]") {
    using namespace actlab;
    CHECK_THROWS_WITH(eval_certified(log(x), -1.0),
                      Catch::Contains("actlab: eval_certified: f is undefined"));
    CHECK_THROWS_WITH(eval_certified(sqrt(x - 1), 0.5),
                      Catch::Contains("actlab: eval_certified: f is undefined"));
    CHECK_THROWS_WITH(eval_certified(pow(x, -1), 0.0),
                      Catch::Contains("actlab: eval_certified: f is undefined"));
    // A jump exactly at the argument, behind a condition no precision decides.
    const expr jump = where(sin(pi * x) < 0, x, x + 1);
    CHECK_THROWS_WITH(eval_certified(jump, 1.0, {}, {.max_bits = 1024}),
                      Catch::Contains("did not converge"));
    CHECK_THROWS_WITH(eval_certified(param("alpha", 1) * x, 1.0, {{"beta", 2.0}}),
                      Catch::Contains("no parameter of that name"));
}

TEST_CASE("eval_certified takes parameter values exactly", "[certified]") {
    using namespace actlab;
    const expr prelu_like = where(x < 0, param("alpha", 0.25) * x, x);
    CHECK(eval_certified(prelu_like, -3.0) == -0.75);
    CHECK(eval_certified(prelu_like, -3.0, {{"alpha", 0.1}}) == -0.30000000000000004);
    // 0.1 is the double nearest 1/10, not 1/10: 3·0.1 rounds to 0.30000000000000004.
    CHECK(eval_certified(prelu_like, -3.0, {{"alpha", 0.1}}) != -0.3);
}

TEST_CASE("enclose contains the value at every point of the interval", "[certified]") {
    const mpfr_digits guard(60);
    std::mt19937_64 random(20261128);
    std::uniform_real_distribution<double> centre(-6, 6), width(0, 2);
    for (const auto& s : actlab_test::sample_expressions()) {
        for (int k = 0; k < 6; ++k) {
            const double a = centre(random), b = a + width(random);
            actlab::interval range(128);
            mpfr_set_d(range.lower(), a, MPFR_RNDD);
            mpfr_set_d(range.upper(), b, MPFR_RNDU);
            const actlab::interval box = actlab::enclose(s.f, range);
            for (int j = 0; j <= 8; ++j) {
                const double t = a + (b - a) * j / 8;
                const mpfr_float v = actlab::eval(s.f, mpfr_float(t));
                if (!isfinite(v)) continue;
                INFO(s.name << " on [" << a << ", " << b << "] at " << t);
                REQUIRE(box.valid());
                CHECK(mpfr_lessequal_p(box.lower(), v.backend().data()));
                CHECK(mpfr_greaterequal_p(box.upper(), v.backend().data()));
            }
        }
    }
}

TEST_CASE("enclose finds the extrema of sin and cos inside an interval", "[certified]") {
    using namespace actlab;
    interval range(64);
    mpfr_set_d(range.lower(), 1.0, MPFR_RNDD);  // [1, 5] holds π/2 (max of sin), π (min of cos)
    mpfr_set_d(range.upper(), 5.0, MPFR_RNDU);
    const interval s = enclose(sin(x), range), c = enclose(cos(x), range);
    CHECK(mpfr_cmp_si(s.upper(), 1) == 0);
    CHECK(mpfr_cmp_d(s.lower(), std::sin(5.0)) <= 0);
    CHECK(mpfr_cmp_si(c.lower(), -1) == 0);
    CHECK(mpfr_cmp_d(c.upper(), std::cos(5.0)) >= 0);
    CHECK(mpfr_cmp_d(c.upper(), 0.6) < 0);  // no spurious maximum (cos 5 ≈ 0.28)
    // The even power of an interval across 0 starts at 0; the odd cube root is real.
    mpfr_set_d(range.lower(), -2.0, MPFR_RNDD);
    mpfr_set_d(range.upper(), 1.0, MPFR_RNDU);
    const interval sq = enclose(pow(x, 2), range), cr = enclose(pow(x, ratio(1, 3)), range);
    CHECK(mpfr_zero_p(sq.lower()));
    CHECK(mpfr_cmp_si(sq.upper(), 4) == 0);
    CHECK(mpfr_cmp_d(cr.lower(), -1.259921049894873) <= 0);  // −∛2 = −1.2599210498948731647…
    CHECK(mpfr_cmp_d(cr.lower(), -1.26) > 0);
    CHECK(mpfr_cmp_si(cr.upper(), 1) == 0);
}
