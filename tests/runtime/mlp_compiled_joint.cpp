// compiled_joint<F, G> / compiled_with_derivative<F> (eval/compiled_joint.hpp), which the MLP's
// activation table runs in double: f and f′ by one program must be compiled<f> and
// compiled<d(f)> — bit for bit where merging the two DAGs gives no sigmoid/softplus/tanh a new
// partner to share e^−|u| with, and as accurate where it does (tanh with d(tanh)'s σ(±2x)).
#include <actlab/actlab.hpp>
#include <actlab/eval/compiled_joint.hpp>
#include <actlab/mlp/activation.hpp>

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

using namespace actlab;

namespace {

std::vector<double> points() {
    std::vector<double> v;
    for (int i = -3000; i <= 3000; ++i) v.push_back(i * 0.00731);  // [−21.9, 21.9]
    for (const double s : {1e-300, 1e-20, 1e-8, 0.0, -0.0, 30.0, -30.0, 700.0, -700.0})
        v.push_back(s);
    return v;
}

template <expr F>
void same_bits(const char* name) {
    INFO(name);
    const compiled_with_derivative<F> fd;
    const compiled<F> f;
    const compiled<d(F)> df;
    for (const double v : points()) {
        INFO(v);
        const auto [y, dy] = fd(v);
        CHECK(std::bit_cast<std::uint64_t>(y) == std::bit_cast<std::uint64_t>(f(v)));
        CHECK(std::bit_cast<std::uint64_t>(dy) == std::bit_cast<std::uint64_t>(df(v)));
    }
}

//! |a − r| in units of the spacing of doubles at r.
double ulps(double a, double r) {
    const double u = std::nextafter(std::fabs(r), INFINITY) - std::fabs(r);
    return std::fabs(a - r) / u;
}

}  // namespace

TEST_CASE("compiled_with_derivative is compiled<f> and compiled<d(f)> bit for bit", "[mlp]") {
    same_bits<activations::relu>("relu");
    same_bits<activations::sigmoid>("sigmoid");  // σ and σ·σ(−x) share e^−|x| in both
    same_bits<activations::elu>("elu");
    same_bits<activations::gelu>("gelu");
    same_bits<activations::sin>("sin");
    same_bits<activations::square>("square");
}

TEST_CASE("compiled_joint takes the parameters in F's order", "[mlp]") {
    constexpr expr f = activations::prelu;
    const compiled_with_derivative<f> fd;
    const compiled<f> cf;
    const compiled<d(f)> cdf;
    const std::vector<double> alpha = {0.3};
    for (const double v : {-2.0, -0.5, 0.5, 2.0}) {
        const auto [y, dy] = fd(v, alpha);
        CHECK(y == cf(v, alpha));
        CHECK(dy == cdf(v, std::span<const double>(alpha).first(
                               static_cast<std::size_t>(compiled<d(f)>::parameter_count))));
    }
    CHECK(fd(-2.0).first == cf(-2.0));  // the default α
}

TEST_CASE("tanh and d(tanh) sharing one e^-2|x| are as accurate as separate", "[mlp]") {
    // tanh(x) and d(tanh) = 4·σ(−2x)·σ(2x) in one DAG share e^−2|x|, so tanh is computed as
    // sign(x)·(1 − e)/(1 + e), not by glibc: other last bits. Against the actlab kernels
    // (compiled_math::actlab, < 0.52 ulp) the separate libm compiled<tanh> and compiled<d(tanh)>
    // are off by up to 2 and 3 ulp on these points (glibc tanh, exp); the joint program must
    // stay within the same bounds.
    constexpr expr f = activations::tanh;
    const compiled_with_derivative<f> fd;
    const compiled<f, compiled_math::actlab> rf;
    const compiled<d(f), compiled_math::actlab> rdf;
    double worst_f = 0, worst_df = 0;
    for (const double v : points()) {
        const auto [y, dy] = fd(v);
        worst_f = std::max(worst_f, ulps(y, rf(v)));
        if (rdf(v) != 0) worst_df = std::max(worst_df, ulps(dy, rdf(v)));
        CHECK(std::signbit(y) == std::signbit(v));
    }
    CHECK(worst_f <= 2);
    CHECK(worst_df <= 3);
}

TEST_CASE("the activation table computes f and f' by compiled_with_derivative", "[mlp]") {
    const auto k = mlp::catalog_kernel<double>(*find("tanh"));
    const std::vector<double> z = points();
    std::vector<double> a(z.size()), da(z.size());
    k.apply(z.data(), a.data(), da.data(), z.size(), nullptr);
    const compiled_with_derivative<activations::tanh> fd;
    for (std::size_t i = 0; i < z.size(); ++i) {
        CHECK(a[i] == fd(z[i]).first);
        CHECK(da[i] == fd(z[i]).second);
    }
}
