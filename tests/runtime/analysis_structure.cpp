// What the shape of an expression proves (analysis/structure.hpp), at compile time: the
// structural degree and the trig frequency that the compile-time predicates will reuse.
#include <actlab/analysis/structure.hpp>
#include <actlab/expr/build.hpp>

#include <catch2/catch.hpp>

namespace {

using namespace actlab;

constexpr expr cubic = 3 * x * x * x - x + 2;
static_assert(detail::structural_degree(cubic) == 3);
static_assert(detail::structural_degree(x * tanh(expr(1))) == 1);  // tanh(1) is a constant
static_assert(!detail::structural_degree(tanh(x)).has_value());
static_assert(!detail::structural_degree(sqrt(x)).has_value());

constexpr auto frequency = detail::trig_frequency(sin(2 * x) + cos(3 * x));
static_assert(frequency && frequency->num == 1 && frequency->den == 1);  // gcd(2, 3) = 1
static_assert(!detail::trig_frequency(x + sin(x)).has_value());

}  // namespace

TEST_CASE("structure: degree and period from the shape of an expression", "[analysis]") {
    const auto g = detail::trig_frequency(sin(x / 2));
    REQUIRE(g.has_value());
    CHECK(g->num == 1);
    CHECK(g->den == 2);
    const auto period = detail::structural_period(sin(x / 2));
    REQUIRE(period.has_value());
    CHECK(*period > 4 * 3.14159265358979);
    CHECK(*period < 4 * 3.14159265358980 * (1 + 1e-11));
}
