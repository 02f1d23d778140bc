// Differential test of actlab::analyze: seeded random formulas that are defined on all of R
// (built from x, small constants, +, ·, max and tanh, σ, softplus, erf, sin, |·|, e^(−u²); a
// second run also with √(u² + c) and u ± √(u² + c)),
// each proved so by prove_defined_on_reals, then analysed; no claim may be contradicted by an
// independent MPFR evaluation (mpfr_evaluator at 256 bits) on a dense grid of [−8, 8] and at a
// few far points:
//   * range: inf ≤ f(t) ≤ sup, the shown bounds taken with one unit of their last digit;
//   * a proved monotonicity: the grid values are ordered accordingly (to 2^-200 relative);
//   * proved parity: f(−t) = ±f(t);
//   * every shown fixed point: f(x*) − x* vanishes to the shown digits' accuracy
//     (|f(x*) − x*| ≤ 10^(1−d)·(1 + |x*|)·(1 + |f'(x*)|));
//   * a proved complete list of fixed points: every sign change of f(t) − t on the grid lies
//     within one grid step of a listed fixed point (or a listed interval of fixed points).
// The seed is fixed: the same formulas on every run (printed when a check fails).
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/report/number.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

//! With `roots`, also √(a² + c) and a ± √(a² + c) for c in {1/4, 1, 2, 4}: square roots of
//! polynomials, whose tails cancel (x + √(x² + c) → 0 as x → −∞).
actlab::expr random_formula(std::mt19937& rng, int depth, bool roots = false) {
    using namespace actlab;
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    if (depth == 0 || pick(4) == 0) {
        if (pick(3) == 0) return expr(ratio(pick(7) - 3, 1 + pick(3)));
        return x;
    }
    const expr a = random_formula(rng, depth - 1, roots);
    const auto c = [&] {
        const long long cs[] = {1, 4, 8, 16};
        return expr(ratio(cs[pick(4)], 4));
    };
    switch (roots ? pick(14) : pick(11)) {
        case 11: return sqrt(a * a + c());
        case 12: return a + sqrt(a * a + c());
        case 13: return a - sqrt(a * a + c());
        case 0: return tanh(a);
        case 1: return sigmoid(a);
        case 2: return softplus(a);
        case 3: return erf(a);
        case 4: return sin(a);
        case 5: return abs(a);
        case 6: return exp(-(a * a));
        case 7: return a + random_formula(rng, depth - 1);
        case 8: return a * random_formula(rng, depth - 1);
        case 9: return max(a, random_formula(rng, depth - 1));
        default: return a + x;
    }
}

//! A decimal as an MPFR number (256 bits).
struct number {
    mpfr_t v;
    explicit number(const std::string& text) {
        mpfr_init2(v, 256);
        mpfr_set_str(v, text.c_str(), 10, MPFR_RNDN);
    }
    number(const number&) = delete;
    number& operator=(const number&) = delete;
    ~number() { mpfr_clear(v); }
    double d() const { return mpfr_get_d(v, MPFR_RNDN); }
};

//! The decimal a reader sees of a (finite), as a double.
double shown(const actlab::approx& a) { return number(actlab::report::text(a)).d(); }

//! One unit of the last shown digit of a (relative to its magnitude), as a double.
double last_digit_unit(const actlab::approx& a) {
    const double m = std::max(std::fabs(shown(a)), 1e-300);
    return m * std::pow(10.0, 1 - std::max(a.digits(), 1));
}

struct grid_values {
    std::vector<double> t, f;  // f at 256 bits, rounded to double for the comparisons
};

grid_values on_grid(const actlab::expr& f) {
    actlab::mpfr_evaluator F(actlab::detail::at_defaults(f), 256);
    grid_values g;
    mpfr_t x;
    mpfr_init2(x, 256);
    for (int k = -1600; k <= 1600; ++k) g.t.push_back(k / 200.0);
    for (const double far : {-1e6, -1e3, -50.0, 50.0, 1e3, 1e6}) g.t.push_back(far);
    for (const double t : g.t) {
        mpfr_set_d(x, t, MPFR_RNDN);
        g.f.push_back(mpfr_get_d(F(x), MPFR_RNDN));
    }
    mpfr_clear(x);
    return g;
}

void check_claims(const actlab::expr& f, const actlab::analysis_report& r) {
    const grid_values g = on_grid(f);
    const std::size_t dense = 3201;  // the grid points of [−8, 8], in order
    if (r.range.inf.finite()) {
        const double lo = shown(r.range.inf) - last_digit_unit(r.range.inf);
        for (std::size_t k = 0; k < g.t.size(); ++k) {
            INFO("inf f = " << actlab::report::text(r.range.inf) << " but f(" << g.t[k]
                            << ") = " << g.f[k]);
            CHECK(g.f[k] >= lo - 1e-12 * std::fabs(lo));
        }
    }
    if (r.range.sup.finite()) {
        const double hi = shown(r.range.sup) + last_digit_unit(r.range.sup);
        for (std::size_t k = 0; k < g.t.size(); ++k) {
            INFO("sup f = " << actlab::report::text(r.range.sup) << " but f(" << g.t[k]
                            << ") = " << g.f[k]);
            CHECK(g.f[k] <= hi + 1e-12 * std::fabs(hi));
        }
    }
    if (r.monotone_claim.status == actlab::proof_status::proved) {
        using actlab::monotonicity;
        const bool up =
            r.monotone == monotonicity::increasing || r.monotone == monotonicity::non_decreasing;
        for (std::size_t k = 1; k < dense; ++k) {
            const double step = g.f[k] - g.f[k - 1];
            const double slack = 1e-13 * (1 + std::fabs(g.f[k]));
            INFO((up ? "increasing" : "decreasing")
                 << " (proved) but f(" << g.t[k - 1] << ") = " << g.f[k - 1] << ", f(" << g.t[k]
                 << ") = " << g.f[k]);
            CHECK((up ? step >= -slack : step <= slack));
        }
    }
    for (const auto& [c, sign] : {std::pair{&r.even, 1.0}, std::pair{&r.odd, -1.0}}) {
        if (c->status != actlab::proof_status::proved) continue;
        for (std::size_t k = 0; k < dense; ++k) {
            const double mirrored = g.f[dense - 1 - k];
            INFO((sign > 0 ? "even" : "odd") << " (proved) but f(" << g.t[k] << ") = " << g.f[k]
                                             << ", f(" << -g.t[k] << ") = " << mirrored);
            CHECK(std::fabs(mirrored - sign * g.f[k]) <= 1e-13 * (1 + std::fabs(g.f[k])));
        }
    }
    actlab::mpfr_evaluator F(actlab::detail::at_defaults(f), 256);
    actlab::mpfr_evaluator D(actlab::detail::at_defaults(actlab::d(f)), 256);
    std::vector<double> fixed;
    for (const auto& p : r.fixed_points) {
        if (!p.x.finite()) continue;
        const number x(actlab::report::text(p.x));
        const double fx = mpfr_get_d(F(x.v), MPFR_RNDN), xd = x.d();
        const double slope = std::fabs(mpfr_get_d(D(x.v), MPFR_RNDN));
        INFO("fixed point " << actlab::report::text(p.x) << ": f(x*) = " << fx);
        CHECK(std::fabs(fx - xd) <=
              std::pow(10.0, 1 - p.x.digits()) * (1 + std::fabs(xd)) * (1 + slope) + 1e-15);
        fixed.push_back(xd);
    }
    for (const actlab::interval_report& i : r.fixed_intervals) {
        if (i.lo.finite()) fixed.push_back(shown(i.lo));
        if (i.hi.finite()) fixed.push_back(shown(i.hi));
    }
    if (r.fixed_points_complete.status == actlab::proof_status::proved) {
        for (std::size_t k = 1; k < dense; ++k) {
            const double a = g.f[k - 1] - g.t[k - 1], b = g.f[k] - g.t[k];
            if ((a < 0) == (b < 0) || a == 0 || b == 0) continue;  // no strict sign change
            bool listed = false;
            for (const double x : fixed) listed = listed || std::fabs(x - g.t[k]) <= 0.01;
            INFO("f(t) - t changes sign between " << g.t[k - 1] << " and " << g.t[k]
                                                  << ", but no listed fixed point is there");
            CHECK(listed);
        }
    }
}

}  // namespace

namespace {

void differential(std::uint32_t seed, bool roots) {
    std::mt19937 rng(seed);
    int analysed = 0;
    for (int k = 0; k < 12; ++k) {
        const actlab::expr f = random_formula(rng, 3, roots);
        INFO("formula " << k << ": " << actlab::to_text(f));
        const actlab::domain_report dom = actlab::prove_defined_on_reals(f);
        INFO(dom.message());
        REQUIRE(dom.proved());  // the grammar only builds formulas defined on R
        actlab::analysis_report r;
        try {
            r = actlab::analyze(f, {.digits = 12});
        } catch (const actlab::error& e) {
            WARN("not analysed: " << e.what());  // e.g. beyond the analysis' capacity
            continue;
        }
        ++analysed;
        check_claims(f, r);
    }
    CHECK(analysed >= 8);
}

}  // namespace

TEST_CASE("analyze: random formulas defined on R, no claim contradicted by MPFR on a grid",
          "[analysis][differential]") {
    differential(20261206, false);
}

TEST_CASE("analyze: random formulas with square roots, no claim contradicted by MPFR",
          "[analysis][differential][sqrt]") {
    differential(20261207, true);
}
