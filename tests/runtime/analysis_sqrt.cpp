// actlab::analyze on formulas with square roots of polynomials, whose enclosures on the tails
// [64, ∞) and (−∞, −64] meet ∞/∞ (x/√(x² + b)) and cancellation (x + √(x² + b) as x → −∞):
// the tail forms (x/√(x² + b) = (1 + b·x⁻²)^(−1/2) for x > 0), the conjugate form
// (x + √(x² + b) = −b/(x − √(x² + b))) and the binomial series in the asymptotic expansion
// (√(x² + b) = x + (b/2)·x⁻¹ + …) must give proofs, each checked here as a typed result.
//
// The truth: squareplus f = (x + √(x² + 4))/2 has f′ = (1 + x/√(x² + 4))/2 in (0, 1), so f
// increases; inf f = 0 (x → −∞, not attained), sup f = ∞; f − x = (√(x² + 4) − x)/2 > 0, so
// no fixed point. √(1 + x²) has f′ = x/√(1 + x²) in (−1, 1), inf f = 1 at x = 0, and
// √(1 + x²) − x > 0 (no fixed point). Neither is a polynomial (f′ has finite limits at ±∞
// and is not constant).
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/asymptotic.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/report/analysis.hpp>
#include <catch2/catch.hpp>

#include <string>

namespace {

using actlab::proof_status;
using actlab::x;

std::string text(const actlab::approx& a) { return actlab::report::text(a); }

const actlab::expr squareplus = (x + actlab::sqrt(x * x + actlab::param("b", 4))) / 2;

}  // namespace

TEST_CASE("squareplus (b = 4): increasing, not a polynomial, ranges (0, inf) and (0, 1)",
          "[analysis][sqrt]") {
    const actlab::analysis_report r = actlab::analyze(squareplus, {.digits = 20});
    CHECK(r.monotone == actlab::monotonicity::increasing);
    CHECK(r.monotone_claim.status == proof_status::proved);
    CHECK(r.polynomial.status == proof_status::refuted);
    CHECK(!r.polynomial_degree);
    CHECK(r.universal_approximator.status == proof_status::proved);
    CHECK(r.bounded_above.status == proof_status::refuted);
    CHECK(r.bounded_below.status == proof_status::proved);
    // f in (0, inf): inf 0 approached as x -> -inf
    CHECK(r.range.inf.is_zero());
    CHECK(r.range.inf_attained == false);
    CHECK(!r.range.arginf);
    CHECK(text(r.range.sup) == "inf");
    CHECK(r.range.sup_attained == false);
    // f' in (0, 1), neither end attained
    CHECK(r.derivative_range.inf.is_zero());
    CHECK(r.derivative_range.inf_attained == false);
    CHECK(text(r.derivative_range.sup) == "1");
    CHECK(r.derivative_range.sup_attained == false);
    CHECK(!r.derivative_range.argsup);
    CHECK(text(r.derivative_limit_left) == "0");
    CHECK(text(r.derivative_limit_right) == "1");
    // no fixed point, and that is proved
    CHECK(r.fixed_points.empty());
    CHECK(r.fixed_intervals.empty());
    CHECK(r.fixed_points_complete.status == proof_status::proved);
}

TEST_CASE("sqrt(1 + x^2): not a polynomial, f in [1, inf), f' in (-1, 1), no fixed point",
          "[analysis][sqrt]") {
    const actlab::analysis_report r = actlab::analyze(actlab::sqrt(1 + x * x), {.digits = 20});
    CHECK(r.polynomial.status == proof_status::refuted);
    CHECK(!r.polynomial_degree);
    CHECK(r.universal_approximator.status == proof_status::proved);
    CHECK(r.monotone == actlab::monotonicity::none);
    CHECK(r.parity == actlab::parity_kind::even);
    CHECK(text(r.range.inf) == "1");
    CHECK(r.range.inf_attained == true);
    REQUIRE(r.range.arginf);
    CHECK(r.range.arginf->is_zero());
    CHECK(text(r.range.sup) == "inf");
    CHECK(text(r.derivative_range.inf) == "-1");
    CHECK(r.derivative_range.inf_attained == false);
    CHECK(text(r.derivative_range.sup) == "1");
    CHECK(r.derivative_range.sup_attained == false);
    CHECK(r.fixed_points.empty());
    CHECK(r.fixed_points_complete.status == proof_status::proved);
}

TEST_CASE("the binomial series of a root: sqrt(x^2 + 4) - x -> 0 from above at +inf",
          "[analysis][sqrt]") {
    namespace as = actlab::asymptotic;
    const as::tail_behaviour b = as::behaviour(actlab::sqrt(x * x + 4) - x, true);
    REQUIRE(b.known);
    CHECK(b.limit_infinite == 0);
    CHECK(b.limit == actlab::expr(0));
    REQUIRE(b.approach_known);
    CHECK(b.approach == 1);  // 2/x + ...
    // at -inf it grows like 2|x|
    const as::tail_behaviour left = as::behaviour(actlab::sqrt(x * x + 4) - x, false);
    REQUIRE(left.known);
    CHECK(left.limit_infinite == 1);
    // x^2 + x under the root: sqrt(x^2 + x) - x -> 1/2 (a constant from the second term)
    const as::tail_behaviour half = as::behaviour(actlab::sqrt(x * x + x) - x, true);
    REQUIRE(half.known);
    CHECK(half.limit_infinite == 0);
    CHECK(half.limit == actlab::ratio(1, 2));
}
