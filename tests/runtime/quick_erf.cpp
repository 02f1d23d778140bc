// erf and erfc on the quick phase's balls (detail/quick_erf.hpp): the returned balls contain
// MPFR's 300-bit enclosures of erf, erfc and (for erfc_split) e^E·F computed from the ball
// ends contains erfc, at point balls and at balls with a radius, over [−30, 30], tails to
// ±600 and around the method switches; the radius is small (2^-70 relative at point balls),
// and the same balls with the radius shrunk a millionfold miss MPFR's value somewhere.
#include <actlab/eval/detail/quick_erf.hpp>
#include <actlab/eval/multiprecision.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace actlab;
using detail::ptr;
namespace q = detail::quick;

namespace {

constexpr mpfr_prec_t bits = 300;

// A closed interval with MPFR ends.
struct range {
    mpfr_float lo = make_mpfr(2200), hi = make_mpfr(2200);
};

// [m − r, m + r] exactly (2200 bits hold any sum of these doubles).
range as_range(const q::ball& b) {
    range r;
    mpfr_set_d(ptr(r.lo), b.m.hi, MPFR_RNDN);
    mpfr_add_d(ptr(r.lo), ptr(r.lo), b.m.lo, MPFR_RNDN);
    mpfr_set(ptr(r.hi), ptr(r.lo), MPFR_RNDN);
    mpfr_sub_d(ptr(r.lo), ptr(r.lo), b.r, MPFR_RNDN);
    mpfr_add_d(ptr(r.hi), ptr(r.hi), b.r, MPFR_RNDN);
    return r;
}

using mpfr_fn = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);

// f(t) for the exact t, rounded down and up at 300 bits.
range reference(mpfr_fn f, const mpfr_float& t) {
    range r;
    mpfr_set_prec(ptr(r.lo), bits);
    mpfr_set_prec(ptr(r.hi), bits);
    f(ptr(r.lo), ptr(t), MPFR_RNDD);
    f(ptr(r.hi), ptr(t), MPFR_RNDU);
    return r;
}

bool contains(const range& outer, const range& inner) {
    return mpfr_lessequal_p(ptr(outer.lo), ptr(inner.lo)) &&
           mpfr_lessequal_p(ptr(inner.hi), ptr(outer.hi));
}

// e^E·F over the balls E and F (F > 0), rounded outward.
range product_range(const q::erfc_parts& p) {
    const range e = as_range(p.e), f = as_range(p.f);
    range r;
    mpfr_set_prec(ptr(r.lo), bits);
    mpfr_set_prec(ptr(r.hi), bits);
    mpfr_exp(ptr(r.lo), ptr(e.lo), MPFR_RNDD);
    mpfr_exp(ptr(r.hi), ptr(e.hi), MPFR_RNDU);
    mpfr_mul(ptr(r.lo), ptr(r.lo), ptr(f.lo), MPFR_RNDD);
    mpfr_mul(ptr(r.hi), ptr(r.hi), ptr(f.hi), MPFR_RNDU);
    return r;
}

// The argument points: a dense grid and random points on [−30, 30], tails to ±600, tiny
// values, and the method switches (±3, ±10, the eighths of the series table).
std::vector<double> sample_points() {
    std::vector<double> xs = {0.0, 1e-300, -1e-300, 1e-20, -1e-20, 0x1p-30, 600, -600, 530, -530};
    // Every 1/32 on [−10, 10], every 1/8 beyond (MPFR's erfc takes up to 2 ms there).
    for (int k = -30 * 32; k <= 30 * 32; k += std::abs(k) < 10 * 32 ? 1 : 4)
        xs.push_back(k / 32.0 + 0.00390625 / 3);
    std::mt19937 rng(13);
    std::uniform_real_distribution<double> u(-30, 30);
    for (int k = 0; k < 500; ++k) xs.push_back(u(rng));
    for (double t = 30; t < 600; t *= 1.05) {
        xs.push_back(t);
        xs.push_back(-t);
    }
    std::vector<double> edges = {3.0, 10.0, 26.6, 27.0};
    for (int j = 1; j <= 24; ++j) edges.push_back(j / 8.0);
    for (double edge : edges) {
        for (double at : {std::nextafter(edge, 0.0), edge, std::nextafter(edge, 100.0), edge - 1e-9,
                          edge + 1e-9}) {
            xs.push_back(at);
            xs.push_back(-at);
        }
    }
    return xs;
}

double relative(const q::ball& b) { return b.r / std::fabs(b.m.hi); }

// The results of the three kernels at one argument ball, checked against MPFR at the ball's
// ends (erf and erfc are monotone: containing both ends' values contains the whole image).
struct checker {
    double shrink = 1;  // divides every returned radius (1: the kernels as they are)
    int misses = 0;     // arguments where a (shrunk) ball missed MPFR's enclosure
    double worst_erf = 0, worst_erfc = 0, worst_split = 0;  // relative radii at point balls
    double worst_erf_at = 0, worst_erfc_at = 0, worst_split_at = 0;  // and where
    double worst_exponent = 0;  // E's radius: the relative error it puts on e^E

    void check(const q::ball& a) {
        const range ends = as_range(a);
        const range erf_lo = reference(mpfr_erf, ends.lo), erfc_lo = reference(mpfr_erfc, ends.lo);
        // (A point ball's two ends are the same number.)
        const range erf_hi = a.r == 0 ? erf_lo : reference(mpfr_erf, ends.hi);
        const range erfc_hi = a.r == 0 ? erfc_lo : reference(mpfr_erfc, ends.hi);
        INFO("t = " << a.m.hi << " + " << a.m.lo << " ± " << a.r);
        bool ok = true;
        auto e = q::erf(a);
        REQUIRE(e);
        e->r /= shrink;
        ok = ok && contains(as_range(*e), erf_lo) && contains(as_range(*e), erf_hi);
        auto p = q::erfc_split(a);
        REQUIRE(p);
        p->e.r /= shrink;
        p->f.r /= shrink;
        REQUIRE(p->f.m.hi - p->f.r > 0);
        const range pr = product_range(*p);
        ok = ok && contains(pr, erfc_lo) && contains(pr, erfc_hi);
        auto c = q::erfc(a);
        const bool in_range = p->e.m.hi >= -708;
        REQUIRE((c || !in_range));
        if (c) {
            c->r /= shrink;
            ok = ok && contains(as_range(*c), erfc_lo) && contains(as_range(*c), erfc_hi);
        }
        if (shrink == 1) {
            CHECK(ok);
        } else if (!ok) {
            ++misses;
        }
        if (a.r != 0 || shrink != 1) return;
        // Point balls: the radius is useful (2^-70 relative; E's radius is the relative
        // error it puts on e^E).
        // (Values below 2^-900 are left out: the quick phase turns those below 2^-960 into
        // {0, |m| + r}, and the absolute 2^-1020 of every radius dominates there.)
        const auto worst = [&](double& w, double& at, const q::ball& b) {
            if (std::fabs(b.m.hi) < 0x1p-900 || relative(b) <= w) return;
            w = relative(b);
            at = a.m.hi;
        };
        worst(worst_erf, worst_erf_at, *e);
        worst(worst_split, worst_split_at, p->f);
        worst_exponent = std::max(worst_exponent, p->e.r);
        if (c) worst(worst_erfc, worst_erfc_at, *c);
    }
};

}  // namespace

TEST_CASE("the dd constants of quick_erf are within their charged error", "[quick_erf]") {
    mpfr_float exact = make_mpfr(bits), err = make_mpfr(bits);
    const auto relative_error = [&](const math::detail::dd& v) {
        mpfr_set_d(ptr(err), v.hi, MPFR_RNDN);
        mpfr_add_d(ptr(err), ptr(err), v.lo, MPFR_RNDN);
        mpfr_sub(ptr(err), ptr(err), ptr(exact), MPFR_RNDN);
        mpfr_div(ptr(err), ptr(err), ptr(exact), MPFR_RNDN);
        return std::fabs(mpfr_get_d(ptr(err), MPFR_RNDU));
    };
    mpfr_const_pi(ptr(exact), MPFR_RNDN);
    mpfr_rec_sqrt(ptr(exact), ptr(exact), MPFR_RNDN);
    CHECK(relative_error(q::erf_detail::inv_sqrt_pi) <= 0x1p-107);
    mpfr_mul_ui(ptr(exact), ptr(exact), 2, MPFR_RNDN);
    CHECK(relative_error(q::erf_detail::two_over_sqrt_pi) <= 0x1p-107);
    // c_n = (−1)^n/(n!(2n + 1)): the Horner loop charges 2^-102 relative.
    mpz_int den;
    for (int n = 0; n <= q::erf_detail::max_terms; ++n) {
        mpz_fac_ui(ptr(den), static_cast<unsigned long>(n));
        mpz_mul_ui(ptr(den), ptr(den), static_cast<unsigned long>(2 * n + 1));
        mpfr_set_si(ptr(exact), n % 2 == 0 ? 1 : -1, MPFR_RNDN);
        mpfr_div_z(ptr(exact), ptr(exact), ptr(den), MPFR_RNDN);
        INFO("n = " << n);
        CHECK(relative_error(q::erf_detail::maclaurin[static_cast<std::size_t>(n)]) <= 0x1p-104);
    }
}

TEST_CASE("erf, erfc and erfc_split contain MPFR's values and are tight", "[quick_erf]") {
    const std::vector<double> xs = sample_points();
    checker c;
    for (double x : xs) {
        c.check(q::point(x));
        // A double-double midpoint, and balls with a radius (relative 2^-60, absolute 2^-20).
        c.check(q::ball{math::detail::fast_two_sum(x, x * 0x1p-60), 0.0});
        c.check(q::ball{{x, 0.0}, std::fabs(x) * 0x1p-60});
        c.check(q::ball{{x, 0.0}, 0x1p-20});
    }
    std::cout << "quick_erf: worst relative radius at point balls over " << xs.size()
              << " arguments: erf 2^" << std::log2(c.worst_erf) << " (t = " << c.worst_erf_at
              << "), erfc 2^" << std::log2(c.worst_erfc) << " (t = " << c.worst_erfc_at
              << "), erfc_split F 2^" << std::log2(c.worst_split) << " (t = " << c.worst_split_at
              << "), E (absolute) 2^" << std::log2(c.worst_exponent) << "\n";
    CHECK(c.worst_erf <= 0x1p-70);
    CHECK(c.worst_split <= 0x1p-70);
    CHECK(c.worst_exponent <= 0x1p-70);
    // erfc = e^E·F through quick::exp, which charges 2^-69 relative (its kernel's 2^-74
    // inflated 32×, quick_ball.hpp): the product cannot be tighter than ~2^-68.
    CHECK(c.worst_erfc <= 0x1p-67);
}

TEST_CASE("erfc_split contains erfc at gelu's arguments −x·√2/2 (tests/data gelu.csv)",
          "[quick_erf]") {
    std::ifstream in(ACTLAB_TEST_DATA_DIR "/activations/gelu.csv");
    REQUIRE(in);
    // √2/2 in double-double: hi + lo within 2^-108 of it.
    const q::ball half_sqrt2 = {{0x1.6a09e667f3bcdp-1, -0x1.bdd3413b26456p-55}, 0x1p-106};
    checker c;
    int points = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 'x') continue;
        const double x = std::strtod(line.c_str(), nullptr);  // stops at the comma
        c.check(q::mul(q::point(-x), half_sqrt2));
        ++points;
    }
    CHECK(points == 2287);
}

TEST_CASE("the radii of erf and erfc are needed: shrunk a millionfold they miss", "[quick_erf]") {
    checker c;
    c.shrink = 1e6;
    const std::vector<double> xs = sample_points();
    for (double x : xs) c.check(q::point(x));
    INFO(c.misses << " of " << xs.size() << " arguments missed");
    CHECK(c.misses > 0);
}

TEST_CASE("erf and erfc decline where they cannot decide", "[quick_erf]") {
    CHECK_FALSE(q::erf(q::ball{{1.0, 0.0}, 0x1p-11}));
    CHECK_FALSE(q::erfc(q::ball{{5.0, 0.0}, 0x1p-11}));
    CHECK_FALSE(q::erfc_split(q::point(std::nan(""))));
    CHECK_FALSE(q::erf(q::point(HUGE_VAL)));
    CHECK_FALSE(q::erfc_split(q::point(0x1p27)));
    // Saturation: erf(±20) = ±1, erfc(−20) = 2, erfc(600) below e^-708 (the underflow ball).
    const auto one = q::erf(q::point(20));
    REQUIRE(one);
    CHECK((one->m.hi == 1 && one->r < 0x1p-100));
    const auto two = q::erfc(q::point(-20));
    REQUIRE(two);
    CHECK((two->m.hi == 2 && two->r < 0x1p-100));
    const auto small = q::erfc(q::point(600));
    REQUIRE(small);
    CHECK((small->m.hi == 0 && small->r <= 0x1p-1000));
}
