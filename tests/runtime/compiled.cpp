// compiled<f> against eval(f, v): the same value, for activations, their first derivatives,
// every node kind, piecewise forms whose unselected arm overflows or is NaN, and parameters.
//
// Budgets:
// - float, long double, cpp_bin_float_50, and double with compiled_math::actlab: identical
//   (bit for bit; NaN where eval gives NaN). compiled runs the same scalar functions as eval
//   in the same order (products and sums left to right, integer powers by the same squaring).
// - double with libm (the default): |compiled − eval| <= 16 ε · max(1, |eval|). glibc's exp,
//   tanh, erf, log1p are within 1 ulp; the mixed absolute/relative bound is needed where a
//   result is a cancellation of O(1) terms (1 − tanh², mish' near its zero), which turns one
//   ulp of an input into many ulps of a small result.
#include <catch2/catch.hpp>

#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/expr/build.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace {

using namespace actlab;
using boost::multiprecision::cpp_bin_float_50;

constexpr expr gelu = x * (1 + erf(x / sqrt(2))) / 2;
constexpr expr mish = x * tanh(softplus(x));
constexpr expr elu = where(x > 0, x, param("alpha", 1) * expm1(x));
constexpr expr swish = x * sigmoid(param("beta", 1) * x);

// One expression per line; each is checked with its first derivative too.
constexpr std::array samples = {
    sigmoid(x),
    tanh(x),
    gelu,
    mish,
    softplus(x),
    x* sigmoid(x),
    x / 2 * (1 + tanh(sqrt(2 / pi) * (x + constant("0.044715") * pow(x, 3)))),
    max(0, x),
    min(max(0, x), 6),
    clamp(x / 6 + ratio(1, 2), 0, 1),
    x / (1 + abs(x)),
    sign(x) * x* x + step(x),
    erfc(x) + log1p(x* x) + log(1 + exp(x)),
    sin(x) * cos(2 * x) + pow(x, 5) - pow(x, -2) + pow(1 + x * x, ratio(1, 3)),
    pow(x, ratio(1, 3)) + pow(abs(x) + 1, ratio(3, 2)) + pow(e, x) + pow(2, x),
    pow(1 + x * x, x),
    where(x < 0, exp(x) - 1, x) + pi* e,
    // unselected arms that overflow or are NaN (call arms: a real branch)
    where(x < 0, x, exp(-1000 * x)),
    where(x > 1, log(x - 1), x* x),
    // unselected arms that are inf or NaN (cheap arms: both computed, then selected)
    where(x <= 1, x, 1 / (x - 1)),
    where(x < 1, sqrt(1 - x), x),
    // nested where, shared subexpressions across arms
    where(x < 0, where(x < -1, sigmoid(x), softplus(x)), sigmoid(x) * softplus(x)),
    elu,
    swish,
};

template <class T>
std::vector<T> points() {
    std::vector<T> r;
    for (int k = -40; k <= 40; ++k) r.push_back(T(k) * T(0.15) + T(0.01));
    for (const double v :
         {0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 25.0, -25.0, 50.0, -50.0, 800.0, -800.0})
        r.push_back(T(v));
    return r;
}

template <class T>
bool is_nan(const T& v) {
    return v != v;
}

template <class T>
void require_same(const T& got, const T& want, const T& at, const char* what) {
    INFO(what << " at " << at << ": compiled " << got << ", eval " << want);
    if (is_nan(want)) {
        CHECK(is_nan(got));
    } else {
        CHECK(got == want);
    }
}

void require_close(double got, double want, double at, const char* what) {
    INFO(what << " at " << at << ": compiled " << got << ", eval " << want);
    if (is_nan(want)) {
        CHECK(std::isnan(got));
    } else if (std::isinf(want)) {
        CHECK(got == want);
    } else {
        const double budget =
            16 * std::numeric_limits<double>::epsilon() * std::fmax(1.0, std::fabs(want));
        CHECK(std::fabs(got - want) <= budget);
    }
}

template <expr F, class T>
void check_exact() {
    for (const T& v : points<T>()) {
        require_same(T(compiled<F>{}(v)), eval(F, v), v, "f");
        require_same(T(compiled<d(F)>{}(v)), eval(d(F), v), v, "f'");
    }
}

template <expr F>
void check_double() {
    for (const double v : points<double>()) {
        require_same(compiled<F, compiled_math::actlab>{}(v), eval(F, v), v, "f, actlab kernels");
        require_same(compiled<d(F), compiled_math::actlab>{}(v), eval(d(F), v), v,
                     "f', actlab kernels");
        require_close(compiled<F>{}(v), eval(F, v), v, "f, libm");
        require_close(compiled<d(F)>{}(v), eval(d(F), v), v, "f', libm");
    }
}

template <class T, std::size_t... K>
void check_all_exact(std::index_sequence<K...>) {
    (check_exact<samples[K], T>(), ...);
}

template <std::size_t... K>
void check_all_double(std::index_sequence<K...>) {
    (check_double<samples[K]>(), ...);
}

}  // namespace

TEST_CASE("compiled<f> and compiled<d(f)> equal eval in double", "[compiled]") {
    check_all_double(std::make_index_sequence<samples.size()>{});
}

TEMPLATE_TEST_CASE("compiled<f> and compiled<d(f)> equal eval bit for bit", "[compiled]", float,
                   long double, cpp_bin_float_50) {
    check_all_exact<TestType>(std::make_index_sequence<samples.size()>{});
}

TEST_CASE("compiled<f> keeps the stable forms of sigmoid and softplus", "[compiled]") {
    constexpr compiled<sigmoid(x)> s;
    constexpr compiled<softplus(x)> sp;
    CHECK(s(1000.0) == 1.0);
    CHECK(s(-1000.0) == 0.0);
    CHECK(s(-700.0) > 0.0);
    CHECK(s(-700.0) == Approx(std::exp(-700.0)).epsilon(1e-15));
    CHECK(s(-30.0) == Approx(std::exp(-30.0) / (1 + std::exp(-30.0))).epsilon(1e-15));
    CHECK(sp(1000.0) == 1000.0);
    CHECK(sp(-1000.0) == 0.0);
    CHECK(sp(-700.0) == Approx(std::exp(-700.0)).epsilon(1e-15));
    CHECK(std::isnan(s(std::numeric_limits<double>::quiet_NaN())));
    CHECK(std::isnan(sp(std::numeric_limits<double>::quiet_NaN())));
    CHECK(s(std::numeric_limits<double>::infinity()) == 1.0);
    CHECK(sp(-std::numeric_limits<double>::infinity()) == 0.0);
}

TEST_CASE("compiled<f> takes parameter values in the expression's parameter order", "[compiled]") {
    constexpr compiled<elu> f;
    constexpr compiled<d(swish)> ds;
    STATIC_REQUIRE(decltype(f)::parameter_count == 1);
    for (const double v : points<double>()) {
        const std::array<double, 1> alpha{0.5};
        require_close(f(v, alpha), eval(elu, v, {{"alpha", 0.5}}), v, "elu(alpha = 0.5)");
        const std::array<double, 1> beta{1.7};
        require_close(ds(v, beta), eval(d(swish), v, {{"beta", 1.7}}), v, "swish'(beta = 1.7)");
        const std::array<long double, 1> beta_ld{1.7L};
        require_same(ds(static_cast<long double>(v), std::span<const long double>(beta_ld)),
                     eval(d(swish), static_cast<long double>(v), {{"beta", 1.7L}}),
                     static_cast<long double>(v), "swish'(beta = 1.7) in long double");
    }
    const std::array<double, 2> two{1.0, 2.0};
    CHECK_THROWS_AS(f(1.0, two), actlab::error);
}
