// Evaluation in every supported real type; compile time equals run time bit for bit.
#include <actlab/actlab.hpp>
#include <support/sample_expressions.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace {

using boost::multiprecision::cpp_bin_float_100;
using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::mpfr_float;

// Error of `value` against a 100-digit reference, in units of T's epsilon relative to the
// reference (absolute near zero, below 1).
template <class T>
double relative_error(const T& value, const cpp_bin_float_100& reference) {
    using boost::multiprecision::abs;
    const cpp_bin_float_100 scale = abs(reference) > 1 ? abs(reference) : cpp_bin_float_100(1);
    const cpp_bin_float_100 err = abs(cpp_bin_float_100(value) - reference) / scale;
    return static_cast<double>(err / cpp_bin_float_100(std::numeric_limits<T>::epsilon()));
}

}  // namespace

// The per-type budgets in units of epsilon: an expression of a few dozen operations
// accumulates a few roundings per node; the samples' condition numbers on [-4.9, 5.1] are
// modest (no cancellation near a root except as noted in the samples), so 64 eps is ample
// for sums of ~10 terms of size ~1 and still catches any wrong digit beyond the last two.
TEMPLATE_TEST_CASE("eval agrees with the 100-digit value in every type", "[eval]", float, double,
                   long double, cpp_bin_float_50) {
    for (const auto& s : actlab_test::sample_expressions()) {
        for (int k = 0; k < 20; ++k) {
            const double at = -4.9 + 0.4987 * k + 0.0123;
            const cpp_bin_float_100 reference = actlab::eval(s.f, cpp_bin_float_100(at));
            const TestType value = actlab::eval(s.f, TestType(at));
            INFO(s.name << " at " << at);
            CHECK(relative_error(value, reference) <= 64);
        }
    }
}

TEST_CASE("mpfr_float at run-time precision agrees with cpp_bin_float_100", "[eval]") {
    mpfr_float::default_precision(120);
    for (const auto& s : actlab_test::sample_expressions()) {
        for (int k = 0; k < 10; ++k) {
            const double at = -4.9 + 0.9987 * k + 0.0123;
            const cpp_bin_float_100 reference = actlab::eval(s.f, cpp_bin_float_100(at));
            const mpfr_float value = actlab::eval(s.f, mpfr_float(at));
            INFO(s.name << " at " << at);
            CHECK(static_cast<double>(abs(cpp_bin_float_100(value.str(0)) - reference)) <=
                  1e-95 * std::max(1.0, std::abs(static_cast<double>(reference))));
        }
    }
}

namespace {
constexpr actlab::expr gelu = actlab::x * (1 + actlab::erf(actlab::x / actlab::sqrt(2))) / 2;
constexpr actlab::expr mish = actlab::x * actlab::tanh(actlab::softplus(actlab::x));
constexpr std::array<double, 8> inputs = {-7.5, -2.25, -0.375, 0.0, 0.1, 1.0, 3.0, 19.0};

template <const actlab::expr& F>
constexpr std::array<double, inputs.size()> at_compile_time() {
    std::array<double, inputs.size()> out{};
    for (std::size_t k = 0; k < inputs.size(); ++k) out[k] = actlab::eval(F, inputs[k]);
    return out;
}
}  // namespace

TEST_CASE("double evaluation at compile time is bit-identical to run time", "[eval]") {
    constexpr auto gelu_ct = at_compile_time<gelu>();
    constexpr auto mish_ct = at_compile_time<mish>();
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        volatile double v = inputs[k];  // keep the run-time call a run-time call
        CHECK(std::bit_cast<std::uint64_t>(actlab::eval(gelu, static_cast<double>(v))) ==
              std::bit_cast<std::uint64_t>(gelu_ct[k]));
        CHECK(std::bit_cast<std::uint64_t>(actlab::eval(mish, static_cast<double>(v))) ==
              std::bit_cast<std::uint64_t>(mish_ct[k]));
    }
}

TEST_CASE("parameters take their defaults and can be overridden per call", "[eval]") {
    using namespace actlab;
    const expr prelu = where(x < 0, param("alpha", 0.25) * x, x);
    CHECK(eval(prelu, -2.0) == -0.5);
    CHECK(eval(prelu, -2.0, {{"alpha", 0.5}}) == -1.0);
    CHECK(eval(prelu, 3.0f, {{"alpha", 0.5f}}) == 3.0f);
    CHECK_THROWS_WITH(eval(prelu, 1.0, {{"beta", 1.0}}),
                      Catch::Contains("actlab: eval: no parameter"));
}

TEST_CASE("unselected branches and the tails stay finite", "[eval]") {
    using namespace actlab;
    CHECK(eval(where(x < 0, exp(-1000 * x), x), 5.0) == 5.0);
    CHECK(eval(sigmoid(x), -740.0) > 0.0);
    CHECK(std::isfinite(eval(softplus(x), 800.0)));
    CHECK(eval(softplus(x), 800.0) == 800.0);
    CHECK(eval(d(sigmoid(x)), -40.0) > 4.2e-18);
}
