// eval_certified's quick phase (double-double balls): its ball contains the 200-bit MPFR
// enclosure of every catalogue f, f', f'' and of random expressions, the value it returns
// is that enclosure rounded to nearest, it is taken at ordinary points, and it declines
// (leaving the work to the MPFR loop) where it cannot decide.
#include <actlab/actlab.hpp>
#include <actlab/eval/certified.hpp>
#include <actlab/eval/quick_enclose.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string_view>
#include <vector>

using namespace actlab;

namespace {

constexpr mpfr_prec_t reference_bits = 200;

// [m − r, m + r]·2^e as an MPFR interval (exact: 2200 bits hold any sum of these doubles,
// and the scaling by 2^e is exact in MPFR's exponent range).
interval as_interval(const detail::quick::sball& b) {
    interval r(2200);
    mpfr_set_d(r.lower(), b.m.hi, MPFR_RNDN);
    mpfr_add_d(r.lower(), r.lower(), b.m.lo, MPFR_RNDN);
    mpfr_set(r.upper(), r.lower(), MPFR_RNDN);
    mpfr_sub_d(r.lower(), r.lower(), b.r, MPFR_RNDN);
    mpfr_add_d(r.upper(), r.upper(), b.r, MPFR_RNDN);
    mpfr_mul_2si(r.lower(), r.lower(), b.e, MPFR_RNDN);
    mpfr_mul_2si(r.upper(), r.upper(), b.e, MPFR_RNDN);
    return r;
}

// Both the ball and the MPFR enclosure hold the exact value, so they meet; where the MPFR
// enclosure is tight (width below a thousandth of the ball's), the ball must hold it all.
// (MPFR's is wide where an intermediate overflows its exponent range: softplus(1e10) is
// log1p(e^1e10), enclosed in [7.4e8, inf].)
bool consistent(const detail::quick::sball& b, const interval& a) {
    const interval ball = as_interval(b);
    if (mpfr_less_p(ball.upper(), a.lower()) || mpfr_less_p(a.upper(), ball.lower())) return false;
    mpfr_float width = make_mpfr(2200);
    mpfr_sub(detail::ptr(width), a.upper(), a.lower(), MPFR_RNDU);
    mpfr_float limit = make_mpfr(64);
    mpfr_set_d(detail::ptr(limit), b.r / 1024, MPFR_RNDN);
    mpfr_mul_2si(detail::ptr(limit), detail::ptr(limit), b.e, MPFR_RNDN);
    if (!mpfr_number_p(detail::ptr(width)) || mpfr_cmp(detail::ptr(width), detail::ptr(limit)) > 0)
        return true;
    return mpfr_lessequal_p(ball.lower(), a.lower()) && mpfr_lessequal_p(a.upper(), ball.upper());
}

struct tally {
    int quick = 0;  // points where the quick phase returned a value
    int quick_float = 0;
    int enclosed = 0;  // points where it returned a ball
    int points = 0;
};

// Checks the quick phase of g (an evaluation form) at x against the MPFR enclosure.
void check_point(const expr& g, double x, tally& t) {
    ++t.points;
    const auto b = detail::quick_enclose_scaled(g, x);
    if (!b) return;
    ++t.enclosed;
    const interval r = enclose(g, interval(reference_bits, x));
    INFO("x = " << x << ", ball (" << b->m.hi << " + " << b->m.lo << " ± " << b->r << ")·2^"
                << b->e);
    REQUIRE(r.valid());
    REQUIRE(consistent(*b, r));
    const auto q = detail::quick_certified(g, x);
    if (!q) return;
    ++t.quick;
    // Where the 200-bit enclosure decides the rounding, it is the quick phase's value.
    const double lo = mpfr_get_d(r.lower(), MPFR_RNDN), hi = mpfr_get_d(r.upper(), MPFR_RNDN);
    if (lo == hi) CHECK(lo == *q);
    // In float (at the float nearest x, so that the argument is exact in both).
    const auto xf = static_cast<float>(x);
    const auto qf = detail::quick_certified(g, xf);
    if (!qf) return;
    const interval rf = enclose(g, interval(reference_bits, static_cast<double>(xf)));
    const float lo_f = mpfr_get_flt(rf.lower(), MPFR_RNDN),
                hi_f = mpfr_get_flt(rf.upper(), MPFR_RNDN);
    if (lo_f == hi_f) CHECK(lo_f == *qf);
    ++t.quick_float;
}

std::vector<double> sample_points() {
    std::vector<double> xs = {0.0,  1e-300, -1e-300, 1e-20, -1e-20, 700,   -700,  745,
                              -745, 750,    -750,    1e10,  -1e10,  1e300, -1e300};
    for (int k = -400; k <= 400; ++k) xs.push_back(k * 0.0625 + 0.01);
    // Around the kernels' switches: tanh's forms at 10 and 20 (2x) and its saturation at 300,
    // σ's and softplus' at 700, exp's range at 708, log1p's series below e^-x = 1/8 (x = ln 8).
    for (double edge : {10.0, 20.0, 150.0, 300.0, 350.0, 700.0, 708.0, 2.0794415416798357}) {
        for (double offset : {-1e-3, -1e-9, 0.0, 1e-9, 1e-3}) {
            xs.push_back(edge + offset);
            xs.push_back(-edge - offset);
        }
    }
    for (double x = 20; x < 800; x *= 1.07) {
        xs.push_back(x);
        xs.push_back(-x);
    }
    return xs;
}

// Random expressions over the ops the quick phase handles, plus erf (which it declines).
class generator {
public:
    explicit generator(unsigned seed) : rng_(seed) {}
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    expr any(int depth) {
        if (depth == 0 || pick(4) == 0) return pick(3) == 0 ? expr(ratio(3, 7)) : x;
        const expr a = any(depth - 1);
        switch (pick(14)) {
            case 0: return a + any(depth - 1);
            case 1: return a * any(depth - 1) - 1;
            case 2: return a / (1 + pow(any(depth - 1), 2));
            case 3: return pow(a, 3);
            case 4: return exp(a / 4);
            case 5: return expm1(a);
            case 6: return sigmoid(a);
            case 7: return tanh(a);
            case 8: return softplus(a);
            case 9: return log1p(pow(a, 2));
            case 10: return abs(a) * pi;
            case 11: return where(x < a, a, 2 * a);
            case 12: return max(a, x) + min(a, 1);
            default: return erf(a);
        }
    }

private:
    std::mt19937 rng_;
};

}  // namespace

TEST_CASE("the quick phase encloses every catalogue f, f', f'' and rounds like MPFR",
          "[quick_enclose]") {
    const std::vector<double> xs = sample_points();
    for (const activation& a : catalog()) {
        expr f = *a.definition;
        for (int order = 0; order < 3; ++order, f = d(f)) {
            INFO(a.name << ", derivative " << order);
            const expr g = detail::cached_evaluation_form(f);
            tally t;
            for (double at : xs) check_point(g, at, t);
            CHECK(t.points == static_cast<int>(xs.size()));
            // The rows of issue 13 are decided by the quick phase almost everywhere (the
            // rest: tails where the value underflows below 2^-960).
            const std::string_view name = a.name;
            if (name == "mish" || name == "silu" || (name == "gelu_tanh" && order < 2))
                CHECK(t.quick > static_cast<int>(xs.size()) * 3 / 4);
            if (name == "mish") CHECK(t.quick_float > static_cast<int>(xs.size()) / 2);
        }
    }
}

TEST_CASE("the quick phase encloses random expressions and their derivatives", "[quick_enclose]") {
    generator gen(20261207);
    int quick = 0, points = 0;
    for (int k = 0; k < 300; ++k) {
        expr f = gen.any(4);
        for (int n = gen.pick(3); n > 0; --n) f = d(f);
        const expr g = detail::cached_evaluation_form(f);
        INFO(to_text(f));
        tally t;
        for (double at : {-80.0, -37.5, -3.25, -1.0, -0.125, 0.0, 0.3, 1.5, 4.75, 29.0, 80.0})
            check_point(g, at, t);
        quick += t.quick;
        points += t.points;
    }
    // The generator reaches the quick phase (not all of it declines).
    CHECK(quick > points / 3);
}

TEST_CASE("the quick phase's reciprocal of a large ball keeps its radius", "[quick_enclose]") {
    // 1/b for |b| ~ 1e234: the radius b.r/b² once underflowed through q.hi² (found by a
    // longer run of the random expressions above).
    tally t;
    check_point(detail::cached_evaluation_form(x / (1 + pow(exp(x / 8), 2))), 2156.0, t);
    check_point(detail::cached_evaluation_form(1 / (1 + pow(exp(x), 2))), 269.5, t);
    CHECK(t.enclosed == 2);
}

TEST_CASE("the quick phase is taken for mish'' at ordinary points", "[quick_enclose]") {
    const expr g = detail::cached_evaluation_form(d(d(activations::mish)));
    for (double at : {-20.0, -3.5, -1.0, -0.1, 0.1, 0.5, 1.0, 2.0, 7.25, 30.0}) {
        INFO("x = " << at);
        const auto q = detail::quick_certified(g, at);
        REQUIRE(q.has_value());
        const interval r = enclose(g, interval(reference_bits, at));
        CHECK(mpfr_get_d(r.lower(), MPFR_RNDN) == *q);
        CHECK(mpfr_get_d(r.upper(), MPFR_RNDN) == *q);
    }
}

TEST_CASE("the quick phase declines what it cannot decide", "[quick_enclose]") {
    // An op it does not support (erf is left to MPFR).
    CHECK_FALSE(detail::quick_enclose(detail::cached_evaluation_form(erf(x)), 0.5));
    // A branch the ball cannot decide: x < 1 at x = 1 (the MPFR loop decides it exactly).
    const expr branch = where(x < 1, x, 2 * x);
    CHECK_FALSE(detail::quick_enclose(detail::cached_evaluation_form(branch), 1.0));
    CHECK(eval_certified(branch, 1.0) == 2.0);
    // A decided one is taken.
    CHECK(detail::quick_certified(detail::cached_evaluation_form(branch), 3.0) == 6.0);
    // An argument out of range (σ(1e300)'s e^-1e300 is below 2^-2^29), a ball around 0.
    CHECK_FALSE(detail::quick_certified(detail::cached_evaluation_form(sigmoid(x)), -1e300));
    CHECK_FALSE(detail::quick_certified(detail::cached_evaluation_form(tanh(x)), 0.0));
    // A deep form (the tape has no recursion limit): 250 nested σ.
    expr deep = x;
    for (int k = 0; k < 250; ++k) deep = sigmoid(deep);
    tally t;
    check_point(detail::cached_evaluation_form(deep), 0.5, t);
    CHECK(t.quick == 1);
    // A value on a rounding boundary: 1 + 2^-53 is a tie, so no ball decides it.
    CHECK_FALSE(detail::quick_certified(detail::cached_evaluation_form(1 + x), 0x1p-53));
    CHECK(eval_certified(1 + x, 0x1p-53) == 1.0);
    // Just above a tie by e^-700 (which the ball only bounds): RN is the upper neighbour, and
    // a quick phase that rounded the midpoint would return the tie's even neighbour.
    const expr above_tie = 1 + x + exp(x - 700);
    CHECK_FALSE(detail::quick_certified(detail::cached_evaluation_form(above_tie), 0x1p-53));
    CHECK(eval_certified(above_tie, 0x1p-53) == 1 + 0x1p-52);
    CHECK_FALSE(detail::quick_certified(detail::cached_evaluation_form(above_tie), 0x1p-24f));
    CHECK(eval_certified(above_tie, 0x1p-24f) == 1 + 0x1p-23f);
}
