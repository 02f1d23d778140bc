// The backward pass of the MLP against finite differences, in 50-digit arithmetic: every
// weight, bias and learnable activation parameter of a 2-3-2-1 network, for every activation
// of the catalogue. The derivatives are d(f) and d(f, p) (nothing hand-written), so this checks
// the symbolic derivatives and the backpropagation together. In 50 digits the kernels are the
// run-time path (d(f) evaluated by `eval`): the compiled table for a multiprecision type would
// take many minutes to compile; the second test checks that the compiled table (double) equals
// the run-time path for every activation, f, f′ and every ∂f/∂p.
#include <actlab/mlp/network.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <string>
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

// This test found that the run-time path passed f's parameter values to d(f) and d(f, p) in
// f's order, though a derivative may drop or reorder parameters (apl, selu): they are now
// matched by name (activation_kernel::parameter_maps).
TEST_CASE("backpropagation equals finite differences for every catalogue activation", "[mlp]") {
    for (const actlab::activation& a : actlab::catalog()) {
        INFO("activation " << a.name);
        seedrandom r(std::string(a.name));
        auto k = formula_kernel<real>(*a.definition, std::string(a.name));
        for (std::size_t p = 0; p < a.parameters.size(); ++p)
            k.learnable[p] = a.parameters[p].learnable;
        const auto out = formula_kernel<real>(actlab::activations::tanh, "tanh");
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

TEST_CASE("the compiled table equals the run-time path for every catalogue activation", "[mlp]") {
    const double z[7] = {-3.5, -1.2, -0.3, 0.05, 0.45, 1.7, 4.2};
    for (const actlab::activation& a : actlab::catalog()) {
        INFO("activation " << a.name);
        const auto compiled_kernel = catalog_kernel<double>(a);
        const auto formula = formula_kernel<double>(*a.definition, std::string(a.name));
        REQUIRE(compiled_kernel.defaults == formula.defaults);
        const double* p = compiled_kernel.defaults.data();
        double a1[7], d1[7], a2[7], d2[7];
        compiled_kernel.apply(z, a1, d1, 7, p);
        formula.apply(z, a2, d2, 7, p);
        for (int i = 0; i < 7; ++i) {
            INFO("z = " << z[i]);
            // compiled: libm; run-time: libm for f and f′, eval for ∂f/∂p. Values are O(1), so
            // an absolute 1e-12 covers cancellation near a zero of f′; 1e-13 relative elsewhere.
            CHECK(a2[i] == Approx(a1[i]).epsilon(1e-13).margin(1e-12));
            CHECK(d2[i] == Approx(d1[i]).epsilon(1e-13).margin(1e-12));
            std::vector<double> g1(compiled_kernel.defaults.size()), g2(g1.size());
            compiled_kernel.derivatives(z[i], g1.data(), p);
            formula.derivatives(z[i], g2.data(), p);
            for (std::size_t k = 0; k < g1.size(); ++k)
                CHECK(g2[k] == Approx(g1[k]).epsilon(1e-13).margin(1e-12));
        }
    }
}
