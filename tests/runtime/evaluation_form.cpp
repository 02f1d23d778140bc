// The evaluation form over random expressions of the grammar (a seeded generator): it equals
// the printed form in 100-digit arithmetic at random points, and in double it is never less
// accurate than the printed form (errors measured at the scale of f's largest term, see
// term_scale).
#include <actlab/actlab.hpp>
#include <actlab/eval/evaluation_form.hpp>

#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace actlab;
using boost::multiprecision::mpfr_float;

namespace {

class generator {
public:
    explicit generator(unsigned seed) : rng_(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

    expr leaf() {
        switch (pick(6)) {
            case 0: return 1;
            case 1: return 2;
            case 2: return ratio(1, 2);
            case 3: return -3;
            default: return x;
        }
    }

    // A random expression of the grammar, of depth at most `depth`.
    expr any(int depth) {
        if (depth == 0 || pick(5) == 0) return leaf();
        const expr a = any(depth - 1);
        switch (pick(16)) {
            case 0: return a + any(depth - 1);
            case 1: return a - any(depth - 1);
            case 2: return a * any(depth - 1);
            case 3: return a / (2 + pow(any(depth - 1), 2));
            case 4: return pow(a, 2);
            case 5: return pow(a, 3);
            case 6: return exp(a);
            case 7: return sigmoid(a);
            case 8: return tanh(a);
            case 9: return erf(a);
            case 10: return softplus(a);
            case 11: return sin(a);
            case 12: return cos(a);
            case 13: return log(1 + pow(a, 2));
            case 14: return abs(a);
            default: return saturating(a);
        }
    }

    // The shapes the pass rewrites, around a random argument: c ± g(u), polynomials in g.
    expr saturating(const expr& u) {
        const expr g = pick(2) == 0 ? sigmoid(u) : (pick(2) == 0 ? tanh(u) : erf(u));
        switch (pick(7)) {
            case 0: return 1 - g;
            case 1: return 1 + g;
            case 2: return g * (1 - g);
            case 3: return 1 - pow(g, 2);
            case 4: return exp(u) - 1;
            case 5: return log(sigmoid(u));
            default: return 1 - cos(u);
        }
    }

    // An expression, or one of its first three derivatives (what `d` produces).
    expr sample() {
        expr f = any(3);
        for (int k = pick(4); k > 0; --k) f = d(f);
        return f;
    }

    double point() {
        const double wide = std::uniform_real_distribution<double>(-40, 40)(rng_);
        const double near = std::uniform_real_distribution<double>(-3, 3)(rng_);
        return pick(2) == 0 ? wide : near;
    }

private:
    std::mt19937 rng_;
};

// Error of a double v against the exact value r, in ulps of `scale` (≥ |r|; the subnormal
// spacing below the smallest normal); inf when v is not finite.
double ulps(double v, const mpfr_float& r, const mpfr_float& scale) {
    if (!std::isfinite(v)) return std::numeric_limits<double>::infinity();
    const double s = std::fmax(static_cast<double>(scale), std::numeric_limits<double>::min());
    int e = 0;
    std::frexp(s, &e);
    const mpfr_float spacing = std::ldexp(1.0, e - 53);
    return static_cast<double>(abs(mpfr_float(v) - r) / spacing);
}

// The largest term of the sum s at `at`, over |s| (1 if s is not a sum): how much the sum
// cancels there.
mpfr_float cancellation(const expr& f, int s, double at) {
    if (f.nodes[s].kind != op::add) return 1;
    const mpfr_float total = abs(detail::evaluate(detail::compact(f, s), mpfr_float(at), {}));
    mpfr_float largest = total;
    for (int k = 0; k < f.nodes[s].count; ++k) {
        const expr t = detail::compact(f, f.child(s, k));
        const mpfr_float v = abs(detail::evaluate(t, mpfr_float(at), {}));
        if (v > largest) largest = v;
    }
    return total > 0 ? mpfr_float(largest / total) : mpfr_float(1);
}

// The size against which a rounding error of f at `at` is measured: |f| times the
// cancellation of f if it is a sum, or of each sum factor if f is a product. Where the terms of
// a sum cancel, any evaluation order leaves an error of a few ulps of the largest term,
// different for every order: the two forms are compared at that scale, not at the scale of the
// cancelled result.
mpfr_float term_scale(const expr& f, const mpfr_float& exact, double at) {
    mpfr_float s = abs(exact);
    const int root = f.root();
    if (f.nodes[root].kind == op::mul) {
        for (int k = 0; k < f.nodes[root].count; ++k) s *= cancellation(f, f.child(root, k), at);
    } else {
        s *= cancellation(f, root, at);
    }
    return s;
}
}  // namespace

TEST_CASE("the evaluation form equals the printed form and is no less accurate",
          "[evaluation_form]") {
    mpfr_float::default_precision(100);
    generator gen(20261206);
    int changed = 0, compared = 0, improved = 0;
    constexpr int expressions = 3000;
    for (int n = 0; n < expressions; ++n) {
        expr f = 0;
        try {
            f = gen.sample();
        } catch (const actlab::error&) {
            continue;  // capacity or an undefined constant: not a sample
        }
        const expr g = evaluation_form(f);
        INFO("f = " << to_text(f) << "\nform = " << to_text(g));
        if (!(g == f)) ++changed;
        for (int k = 0; k < 6; ++k) {
            const double at = gen.point();
            INFO("x = " << at);
            const mpfr_float stable = detail::evaluate(g, mpfr_float(at), {});
            mpfr_float exact = detail::evaluate(f, mpfr_float(at), {});
            using boost::multiprecision::isfinite;
            if (!isfinite(exact)) continue;  // outside f's domain, or beyond every double
            REQUIRE(isfinite(stable));
            // The form at 100 digits equals f to 1e-60 relative to |f| + 1e-300. Where f
            // itself cancels at 100 digits (1 − σ(x²) loses x²/2.3 digits), its value is taken
            // at 1200 digits, enough for every argument of the generator (|x| ≤ 40).
            const mpfr_float tiny("1e-300"), tolerance("1e-60");
            if (abs(stable - exact) / (abs(exact) + tiny) >= tolerance) {
                mpfr_float::default_precision(1200);
                exact = detail::evaluate(f, mpfr_float(at), {});
                mpfr_float::default_precision(100);
            }
            CHECK(abs(stable - exact) / (abs(exact) + tiny) < tolerance);
            if (abs(exact) > mpfr_float(std::numeric_limits<double>::max())) continue;
            // Double: the evaluation form's error is at most the printed form's, up to the
            // rounding noise of a different sequence of operations (a few ulps, and twice the
            // printed form's error where that is the larger), both in ulps of term_scale.
            const mpfr_float scale = term_scale(f, exact, at);
            const double printed = ulps(detail::evaluate(f, at, {}), exact, scale);
            const double form = ulps(eval(f, at), exact, scale);
            CHECK(form <= 2 * printed + 8);
            if (form + 1 < printed) ++improved;
            ++compared;
        }
    }
    // The generator exercises the pass: many forms differ, and many evaluations improve.
    CHECK(changed > expressions / 8);
    CHECK(compared > expressions * 3);
    CHECK(improved > 100);
    WARN("changed " << changed << " of " << expressions << " expressions; " << improved << " of "
                    << compared << " double evaluations more accurate");
}

TEST_CASE("unstabilised lists the sums the pass could not make cancellation-free",
          "[evaluation_form]") {
    // Stabilised: nothing left.
    CHECK(unstabilised(d(sigmoid(x))).empty());
    CHECK(unstabilised(d<2>(tanh(x))).empty());
    CHECK(unstabilised(d(activations::logsigmoid)).empty());
    CHECK(unstabilised(activations::gelu).empty());
    // Polynomials cancel only at their roots: not listed.
    CHECK(unstabilised(pow(x, 2) - 2).empty());
    // u − tanh u is computed by the evaluators with a kernel (tanh_shrink_of): not listed,
    // also inside a larger expression; x − sin x is.
    CHECK(unstabilised(activations::tanhshrink).empty());
    CHECK(unstabilised(exp(x - tanh(x)) * 2).empty());
    const auto sine = unstabilised(x - sin(x));
    REQUIRE(sine.size() == 1);
    CHECK(sine[0] == x - sin(x));
    // gelu′ = ½·erfc(−x/√2) + x·φ(x) as x → −∞.
    const auto gelu1 = unstabilised(d(activations::gelu));
    REQUIRE(gelu1.size() == 1);
    CHECK(gelu1[0] == evaluation_form(d(activations::gelu)));
}

TEST_CASE("the evaluators' kernels for u - tanh u and exp(c*r^2)", "[evaluation_form]") {
    mpfr_float::default_precision(100);
    using actlab::detail::exp_scaled_square;
    using actlab::detail::square_exponent;
    using actlab::detail::tanh_shrink_argument;
    using actlab::detail::tanh_shrink_of;
    // The patterns, in the form the canonical constructors give.
    const expr shrink = x - tanh(x);
    CHECK(tanh_shrink_argument(shrink, shrink.root()) >= 0);
    const expr not_shrink = x - tanh(2 * x);
    CHECK(tanh_shrink_argument(not_shrink, not_shrink.root()) < 0);
    actlab::rational c{};
    const expr g = exp(-pow(x, 2) / 2);
    CHECK(square_exponent(g, g.root(), c) >= 0);
    CHECK(c == actlab::rational{-1, 2});
    const expr h = exp(-pow(x, 2) / 3);  // c·r² would round: not the pattern
    CHECK(square_exponent(h, h.root(), c) < 0);
    // x − tanh x near 0 is x³/3 − 2x⁵/15 + …: 1e-8 gives 3.3333333333333333e-25 (the
    // textbook difference gives 0); long double and float through the continued fraction.
    const auto kernel_tanh = [](auto a) { return actlab::detail::tanh_of(a); };
    CHECK(tanh_shrink_of(1e-8, kernel_tanh) == Approx(1e-24 / 3).epsilon(1e-15));
    CHECK(tanh_shrink_of(1e-8L, kernel_tanh) == Approx(1e-24L / 3).epsilon(1e-15));
    CHECK(tanh_shrink_of(1e-4f, kernel_tanh) == Approx(1e-12f / 3).epsilon(1e-6));
    CHECK(tanh_shrink_of(-1e-8, kernel_tanh) == Approx(-1e-24 / 3).epsilon(1e-15));
    // e^(−x²) at 27: the rounding of x² (½ ulp of 729, relative 2⁻⁵³) would be multiplied by
    // 729; with the exact square, the result matches e^(−729) to a few ulp.
    const auto kernel_exp = [](auto a) { return actlab::detail::exp_of(a); };
    for (const double r : {26.1, -25.3, 19.7, 3.3}) {
        INFO("r = " << r);
        const mpfr_float exact = exp(-mpfr_float(r) * mpfr_float(r));
        const double v = exp_scaled_square(r, -1.0, kernel_exp);
        CHECK(abs(mpfr_float(v) - exact) / exact < 4 * std::numeric_limits<double>::epsilon());
        CHECK(eval(exp(-pow(x, 2)), r) == v);
    }
}
