// Building expressions: exact literals, canonical spelling, and clear errors.
#include <actlab/actlab.hpp>

#include <catch2/catch.hpp>

using namespace actlab;

TEST_CASE("double literals become the shortest exact decimal", "[build]") {
    CHECK(expr(0.1) == ratio(1, 10));
    CHECK(expr(0.044715) == constant("0.044715"));
    CHECK(expr(1e-7) == constant("1e-7"));
    CHECK(expr(0.5) == ratio(1, 2));
    CHECK(expr(-2.25) == constant("-2.25"));
    CHECK(expr(1e30) == constant("1e30"));
    CHECK(expr(123456789.0) == expr(123456789));
}

TEST_CASE("constant() parses exact decimals and rejects anything else", "[build]") {
    CHECK(constant("1.6732632423543772848170429916717") * 1 ==
          constant("1.6732632423543772848170429916717"));
    CHECK(constant("2.5e-3") == ratio(1, 400));
    CHECK_THROWS_WITH(constant("1.2.3"), Catch::Contains("actlab: constant"));
    CHECK_THROWS_WITH(constant(""), Catch::Contains("actlab: constant"));
    CHECK_THROWS_WITH(constant("1e400"), Catch::Contains("actlab: constant"));
}

TEST_CASE("capacity limits give clear errors", "[build]") {
    expr s = 0;
    const auto grow = [&] {
        for (int k = 1; k <= 300; ++k) s = s + pow(x, k);
    };
    CHECK_THROWS_WITH(grow(), Catch::Contains("actlab: expression capacity exceeded"));
    CHECK_THROWS_WITH(nest(sigmoid(x) * x + sin(x) * x, 2000),
                      Catch::Contains("actlab: expression capacity exceeded"));
}

TEST_CASE("errors in building are reported, not guessed", "[build]") {
    CHECK_THROWS_WITH(param("alpha", 0.25) + param("alpha", 0.5),
                      Catch::Contains("two different default values"));
    CHECK_THROWS_WITH(x / 0, Catch::Contains("actlab: division by zero"));
    CHECK_THROWS_WITH(pow(expr(-1), ratio(1, 2)), Catch::Contains("not real"));
    CHECK_THROWS_WITH(nest(x, -1), Catch::Contains("actlab: nest"));
    CHECK_THROWS_WITH(d(x * x, x + 1), Catch::Contains("actlab: d(f, v)"));
    CHECK_THROWS_WITH(param("a_name_longer_than_fifteen", 1),
                      Catch::Contains("1 to 15 characters"));
    CHECK_THROWS_WITH(expr(std::numeric_limits<double>::infinity()), Catch::Contains("finite"));
}

TEST_CASE("canonical forms: like terms, powers, signs", "[build]") {
    CHECK(x + 2 * x == 3 * x);
    CHECK(x * x * x == pow(x, 3));
    CHECK(pow(x, ratio(1, 3)) * pow(x, ratio(1, 3)) == pow(x, ratio(2, 3)));  // odd roots are real
    CHECK_FALSE(pow(x, ratio(1, 2)) * pow(x, ratio(1, 2)) == x);  // domain x >= 0 would grow
    CHECK_FALSE(x * pow(x, -1) == expr(1));                       // 0 would enter the domain
    CHECK(-(1 - sigmoid(x)) == sigmoid(x) - 1);
    CHECK(sigmoid(x) * (1 - sigmoid(x)) == -(sigmoid(x) * (sigmoid(x) - 1)));
    CHECK(min(x, x) == x);
    CHECK(where(expr(1) < 2, x, sin(x)) == x);
}

TEST_CASE("compose and nest", "[build]") {
    CHECK(compose(x * x, x + 1) == pow(x + 1, 2));
    CHECK(nest(2 * x, 3) == 8 * x);
    CHECK(substitute(param("alpha", 0.25) * x, "alpha", ratio(1, 2)) == x / 2);
    CHECK(eval(nest(sigmoid(x), 30), 0.0) == Approx(0.659046068).epsilon(1e-8));
}
