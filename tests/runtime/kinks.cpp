// kinks(f): switching points with exact one-sided values and the documented convention.
#include <actlab/diff/kinks.hpp>

#include <catch2/catch.hpp>

using namespace actlab;

TEST_CASE("relu = max(0, x): one kink at 0, convention H(0) = 1/2", "[kinks]") {
    const auto k = kinks(max(0, x));
    REQUIRE(k.size() == 1);
    CHECK(k[0].at == expr(0));
    CHECK(k[0].left_derivative == expr(0));
    CHECK(k[0].right_derivative == expr(1));
    CHECK(k[0].derivative_at == ratio(1, 2));
    CHECK_FALSE(k[0].smooth());
    CHECK_FALSE(k[0].jump());
}

TEST_CASE("where takes the branch its condition selects at the kink", "[kinks]") {
    const expr alpha = param("alpha", 0.25);
    const auto k = kinks(where(x < 0, alpha * x, x));
    REQUIRE(k.size() == 1);
    CHECK(k[0].left_derivative == alpha);  // exact and symbolic in the parameter
    CHECK(k[0].right_derivative == expr(1));
    CHECK(k[0].derivative_at == expr(1));
    const auto torch_relu = kinks(where(x > 0, x, 0));
    REQUIRE(torch_relu.size() == 1);
    CHECK(torch_relu[0].derivative_at == expr(0));
}

TEST_CASE("hardtanh = clamp(x, -1, 1) has kinks at -1 and 1", "[kinks]") {
    const auto k = kinks(clamp(x, -1, 1));
    REQUIRE(k.size() == 2);
    CHECK(k[0].at == expr(-1));
    CHECK(k[1].at == expr(1));
    CHECK(k[0].left_derivative == expr(0));
    CHECK(k[0].right_derivative == expr(1));
    CHECK(k[1].left_derivative == expr(1));
    CHECK(k[1].right_derivative == expr(0));
}

TEST_CASE("abs, sign, step and smooth switches", "[kinks]") {
    const auto a = kinks(abs(x - ratio(1, 3)));
    REQUIRE(a.size() == 1);
    CHECK(a[0].at == ratio(1, 3));
    CHECK(a[0].left_derivative == expr(-1));
    CHECK(a[0].derivative_at == expr(0));
    const auto s = kinks(sign(x));
    REQUIRE(s.size() == 1);
    CHECK(s[0].jump());
    CHECK(s[0].left_value == expr(-1));
    CHECK(s[0].right_value == expr(1));
    const auto elu = kinks(where(x > 0, x, expm1(x)));
    REQUIRE(elu.size() == 1);
    CHECK(elu[0].smooth());
    CHECK(kinks(sigmoid(x)).empty());
}

TEST_CASE("a switch that is not piecewise affine is reported, not guessed", "[kinks]") {
    CHECK_THROWS_WITH(kinks(where(x * x < 2, x, 0)), Catch::Contains("actlab: kinks:"));
    // Piecewise, with a nonlinear piece: x² = 1 at x = −1 must not be missed silently.
    CHECK_THROWS_WITH(kinks(where(where(x < 0, x * x, x) < 1, x, 0)),
                      Catch::Contains("not piecewise affine"));
}
