// The derivative law: for every sample expression, the symbolic derivative agrees with an
// independent numerical derivative computed in 100-digit arithmetic (central differences
// with h = 1e-20: truncation ~ h² ~ 1e-40, rounding ~ 1e-100/h ~ 1e-80) at 50 points.
#include <actlab/actlab.hpp>
#include <support/sample_expressions.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <vector>

namespace {

using real = boost::multiprecision::cpp_bin_float_100;

real central_difference(const actlab::expr& f, const real& at, const real& h) {
    return (actlab::eval(f, real(at + h)) - actlab::eval(f, real(at - h))) / (2 * h);
}

// Points in [-4.9, 5.1) that avoid the kinks of the samples (all at simple rationals).
std::vector<real> points() {
    std::vector<real> p;
    for (int k = 0; k < 50; ++k) p.push_back(real(-4.9) + real(0.19931) * k + real(0.0123));
    return p;
}

bool agrees(const real& symbolic, const real& numeric) {
    using boost::multiprecision::abs;
    const real scale = abs(symbolic) > 1 ? abs(symbolic) : real(1);
    return abs(symbolic - numeric) <= real(1e-30) * scale;
}

}  // namespace

TEST_CASE("d(f) agrees with a 100-digit numerical derivative for every sample", "[diff]") {
    const real h("1e-20");
    for (const auto& s : actlab_test::sample_expressions()) {
        const actlab::expr df = actlab::d(s.f);
        for (const real& at : points()) {
            const real symbolic = actlab::eval(df, at);
            const real numeric = central_difference(s.f, at, h);
            INFO(s.name << " at x = " << at.str(10) << ": d(f) = " << symbolic.str(30)
                        << ", numerical " << numeric.str(30));
            CHECK(agrees(symbolic, numeric));
        }
    }
}

TEST_CASE("d(f, p) agrees with a numerical derivative in the parameter", "[diff]") {
    const real h("1e-20");
    for (const auto& s : actlab_test::sample_expressions()) {
        for (int k = 0; k < s.f.n_parameters; ++k) {
            const std::string name(s.f.parameters[k].name_view());
            const actlab::expr dp = actlab::d(s.f, name);
            const real p0 =
                actlab::detail::to_real<real>(s.f.parameters[k].default_value) + real("0.01");
            for (const real& at : points()) {
                // ∂f/∂p may no longer contain p (prelu: ∂/∂α = where(x < 0, x, 0)).
                bool has_p = false;
                for (int j = 0; j < dp.n_parameters; ++j)
                    has_p = has_p || dp.parameters[j].name_view() == name;
                const real symbolic =
                    has_p ? actlab::eval(dp, at, {{name, p0}}) : actlab::eval(dp, at);
                const real numeric = (actlab::eval(s.f, at, {{name, real(p0 + h)}}) -
                                      actlab::eval(s.f, at, {{name, real(p0 - h)}})) /
                                     (2 * h);
                INFO(s.name << " d/d" << name << " at x = " << at.str(10));
                CHECK(agrees(symbolic, numeric));
            }
        }
    }
}

TEST_CASE("higher derivatives are repeated first derivatives", "[diff]") {
    using namespace actlab;
    const expr fs[] = {sigmoid(x), tanh(x), x * tanh(softplus(x)), x * (1 + erf(x / sqrt(2))) / 2,
                       x * sigmoid(x)};
    for (const expr& f : fs) {
        expr g = f;
        for (int n = 1; n <= 4; ++n) {
            const expr next = d(g);
            for (const real& at : points()) {
                INFO("order " << n << " at " << at.str(10));
                CHECK(agrees(eval(next, at), central_difference(g, at, real("1e-20"))));
            }
            g = next;
        }
        CHECK(d<4>(f) == g);
    }
}
