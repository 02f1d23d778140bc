// The analysis's work budgets and the factor split of critical points (analysis/roots.hpp,
// analysis/root_factors.hpp): zero_factors keeps the zero set exactly, isolate_roots stops at
// its budgets and marks what it did not examine, and sin(x)²⁰ — whose f″ has roots of
// multiplicity 18 — gets the range of f′ that the split makes reachable. Expected values are
// exact by hand: sup f′ of sin²⁰ is at sin² = 19/20, f′ = 20·(19/20)^(19/2)·(1/20)^(1/2),
// computed here with MPFR at 400 bits.
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/root_factors.hpp>
#include <actlab/analysis/roots.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace actlab;

bool holds(const std::vector<expr>& fs, const expr& u) {
    return std::find(fs.begin(), fs.end(), u) != fs.end();
}

long out_of_budget(const std::vector<root_box>& boxes) {
    return std::count_if(boxes.begin(), boxes.end(),
                         [](const root_box& b) { return b.out_of_budget; });
}

}  // namespace

TEST_CASE("zero_factors: the powers of a product and the common powers of a sum") {
    // −20·sin¹⁸·(sin² − 19cos²): sin and the cofactor.
    const std::vector<expr> a = detail::zero_factors(d(d(pow(sin(x), expr(20)))));
    REQUIRE(a.size() == 2);
    CHECK(holds(a, sin(x)));
    // 63·sin⁶²·cos⁶³ − 62·sin⁶⁴·cos⁶¹, a sum: sin⁶² and cos⁶¹ come out.
    const std::vector<expr> b =
        detail::zero_factors(d(pow(sin(x), expr(63)) * pow(cos(x), expr(62))));
    REQUIRE(b.size() == 3);
    CHECK(holds(b, sin(x)));
    CHECK(holds(b, cos(x)));
    const auto trig = [](const expr& u) { return u == sin(x) || u == cos(x); };
    const expr cofactor = !trig(b[0]) ? b[0] : !trig(b[1]) ? b[1] : b[2];
    // The cofactor 63·cos² − 62·sin² at a root of neither sin nor cos: nonzero, and zero
    // where tan² = 63/62.
    const double t = std::atan(std::sqrt(63.0 / 62.0));
    CHECK(std::fabs(cofactor(t)) < 1e-12);
    CHECK(std::fabs(cofactor(0.3)) > 1);
    // Nothing to gain: no power u^k (k ≥ 2) with x in it.
    CHECK(detail::zero_factors(d(tanh(x))).empty());
    CHECK(detail::zero_factors(x * sin(x)).empty());
}

TEST_CASE("isolate_roots: every root of a simple function within the default budget") {
    const std::vector<root_box> boxes = isolate_roots(sin(x), -64, 64);
    // kπ for |k| <= 20: 0 is a box end (an exact zero), the 40 others in proved boxes.
    CHECK(boxes.size() == 41);
    CHECK(out_of_budget(boxes) == 0);
    CHECK(std::count_if(boxes.begin(), boxes.end(),
                        [](const root_box& b) { return b.status == box_status::undecided; }) == 0);
}

TEST_CASE("isolate_roots: a used-up budget leaves undecided boxes marked out_of_budget") {
    root_search_budget few{.boxes = 10, .work = 1'000'000};
    const std::vector<root_box> boxes = isolate_roots(sin(x), -64, 64, 64, 1e-9, 128, &few);
    CHECK(out_of_budget(boxes) > 0);
    // The work budget: 1 + sin(2x) ≥ 0 has 41 double roots, each subdivided at up to 8192
    // bits; 2000 units end the search long before (the default takes ~4·10⁶).
    root_search_budget little{.boxes = 20000, .work = 2000};
    const std::vector<root_box> doubles =
        isolate_roots(1 + sin(2 * x), -64, 64, 64, 1e-9, 128, &little);
    CHECK(out_of_budget(doubles) > 0);
    CHECK(little.work < 0);
    // The analysis-wide budget stops a call whose own budget is far from used up.
    {
        const analysis_budget_scope scope(2000);
        CHECK(out_of_budget(isolate_roots(1 + sin(2 * x), -64, 64)) > 0);
    }
    CHECK(detail::analysis_work_left == nullptr);
}

TEST_CASE("undecided_argument: says when the budget, not the box width, stopped the search") {
    const std::vector<root_box> budget = {{1, 2, box_status::undecided, true}};
    const std::vector<root_box> width = {{1, 1 + 1e-9, box_status::undecided, false}};
    CHECK(detail::undecided_argument(budget).form.find("search budget exhausted") !=
          std::string::npos);
    CHECK(detail::undecided_argument(width).form.find("search budget exhausted") ==
          std::string::npos);
}

TEST_CASE("sin(x)^20: the range of f' through the factors of f''") {
    const analysis_report r = analyze(pow(sin(x), expr(20)), {.digits = 30, .two_cycles = false});
    REQUIRE(r.range.inf.known());
    REQUIRE(r.range.sup.known());
    CHECK(r.range.inf.is_zero());
    CHECK(mpfr_cmp_ui(r.range.sup.value().backend().data(), 1) == 0);
    REQUIRE(r.derivative_range.sup.known());
    REQUIRE(r.derivative_range.sup.digits() >= 25);
    // 20·(19/20)^(19/2)·(1/20)^(1/2), to the digits shown.
    mpfr_t v, w;
    mpfr_inits2(400, v, w, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(v, 19, MPFR_RNDN);
    mpfr_div_ui(v, v, 20, MPFR_RNDN);
    mpfr_set_ui(w, 19, MPFR_RNDN);
    mpfr_div_ui(w, w, 2, MPFR_RNDN);
    mpfr_pow(v, v, w, MPFR_RNDN);
    mpfr_set_ui(w, 20, MPFR_RNDN);
    mpfr_sqrt(w, w, MPFR_RNDN);
    mpfr_div(v, v, w, MPFR_RNDN);
    mpfr_mul_ui(v, v, 20, MPFR_RNDN);
    const approx expected = approx::known_to(v, r.derivative_range.sup.digits());
    mpfr_clears(v, w, static_cast<mpfr_ptr>(nullptr));
    CHECK(r.derivative_range.sup == expected);
    CHECK(r.derivative_range.inf == -expected);
}
