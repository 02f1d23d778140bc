// The backward pass of the MLP against finite differences, in 50-digit arithmetic: every
// weight, bias and learnable activation parameter of a 2-3-2-1 network, for every activation
// of the catalogue. The derivatives come from d(f) and d(f, p) through compiled<> (nothing
// hand-written), so this checks the symbolic derivatives and the backpropagation together.
#include <actlab/mlp/network.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <vector>

using namespace actlab::mlp;
using real = boost::multiprecision::cpp_bin_float_50;

namespace {

struct sample {
    real x[2];
    real t;
};

const std::vector<sample> samples = {
    {{real("0.71"), real("-1.3")}, real(1)},
    {{real("-0.45"), real("0.2")}, real(-1)},
    {{real("1.9"), real("0.35")}, real(1)},
};

real loss(network<real>& net) {
    real total = 0;
    for (const sample& s : samples) {
        const real out = net.forward(s.x);
        total += (out - s.t) * (out - s.t) / 2;
    }
    return total;
}

// dL/dv by central differences; h² ~ 1e-30 truncation, 1e-50/h ~ 1e-35 rounding.
real numeric(network<real>& net, real& v) {
    const real h("1e-15");
    const real keep = v;
    v = keep + h;
    const real up = loss(net);
    v = keep - h;
    const real down = loss(net);
    v = keep;
    return (up - down) / (2 * h);
}

void check(network<real>& net, real analytic, real& v, const char* what, std::size_t index) {
    const real fd = numeric(net, v);
    using std::abs;
    INFO(what << " " << index << ": backprop " << analytic << ", finite difference " << fd);
    CHECK(abs(analytic - fd) <= real("1e-24") * (1 + abs(fd)));
}

}  // namespace

TEST_CASE("backpropagation equals finite differences for every catalogue activation", "[mlp]") {
    for (const actlab::activation& a : actlab::catalog()) {
        INFO("activation " << a.name);
        seedrandom r(std::string(a.name));
        const auto k = catalog_kernel<real>(a);
        const auto out = catalog_kernel<real>(*actlab::find("tanh"));
        network<real> net =
            make_network<real>(2, {3, 2}, {k, k, out}, init_kind::xavier, [&] { return r(); });
        for (auto& L : net.layers)
            for (std::size_t p = 0; p < L.params.size(); ++p)
                L.params[p] += real("0.1") * real(static_cast<int>(p) + 1);  // off the defaults
        for (const sample& s : samples) {
            const real o = net.forward(s.x);
            net.backward(s.x, o - s.t);
        }
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            auto& L = net.layers[l];
            for (std::size_t i = 0; i < L.w.size(); ++i) check(net, L.gw[i], L.w[i], "weight", i);
            for (std::size_t i = 0; i < L.b.size(); ++i) check(net, L.gb[i], L.b[i], "bias", i);
            for (std::size_t p = 0; p < L.gp.size(); ++p)
                if (L.act.learnable[p]) check(net, L.gp[p], L.params[p], "parameter", p);
        }
    }
}

TEST_CASE("a formula typed at run time trains like the same catalogue activation", "[mlp]") {
    const auto compiled_kernel = catalog_kernel<double>(*actlab::find("mish"));
    const auto formula = formula_kernel<double>(actlab::activations::mish, "mish");
    double z[5] = {-3, -0.5, 0, 0.7, 4}, a1[5], d1[5], a2[5], d2[5];
    compiled_kernel.apply(z, a1, d1, 5, nullptr);
    formula.apply(z, a2, d2, 5, nullptr);
    for (int i = 0; i < 5; ++i) {
        CHECK(a2[i] == Approx(a1[i]).epsilon(1e-14));
        CHECK(d2[i] == Approx(d1[i]).epsilon(1e-14));
    }
}
