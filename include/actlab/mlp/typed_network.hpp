// actlab: a typed MLP — the layers are types in a Boost.Hana tuple, each with its activation
// as a compile-time expression, so every layer's f and f′ are `compiled<f>` and
// `compiled<d(f)>` inlined into the layer's loop, and the widths are checked at compile time.
//
// **Example** (docs/examples/typed_mlp.cpp):
// ```
// using namespace actlab;
// mlp::typed_network<mlp::dense<activations::relu, 2, 4>, mlp::dense<sin(x), 4, 2>,
//                    mlp::dense<activations::tanh, 2, 1>> net;
// net.init(rng);                         // the Playground's init: U(−0.5, 0.5), bias 0.1
// double out = net.forward({x1, x2});
// net.backward({x1, x2}, out - label);   // accumulate ∂E/∂w through d(f)
// net.update(0.03);                      // mean over the examples since the last update
// ```
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>

#include <boost/hana/at.hpp>
#include <boost/hana/back.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/front.hpp>
#include <boost/hana/integral_constant.hpp>
#include <boost/hana/range.hpp>
#include <boost/hana/reverse.hpp>
#include <boost/hana/size.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <array>
#include <cstddef>
#include <functional>

namespace actlab::mlp {

//! A dense layer In → Out whose units apply F (an expression without parameters).
template <expr F, std::size_t In, std::size_t Out>
struct dense {
    static_assert(In > 0 && Out > 0, "actlab: a dense layer needs at least one input and output");
    static_assert(F.n_parameters == 0,
                  "actlab: typed layers take activations without parameters (bind them first)");
    static constexpr std::size_t inputs = In, outputs = Out;
    static constexpr compiled<F> f{};
    static constexpr compiled<d(F)> df{};

    std::array<double, In * Out> w{}, gw{};
    std::array<double, Out> b{}, gb{}, z{}, a{}, da{}, delta{};

    void forward(const double* in) {
        for (std::size_t j = 0; j < Out; ++j) {
            double s = b[j];
            for (std::size_t i = 0; i < In; ++i) s += w[j * In + i] * in[i];
            z[j] = s;
            a[j] = f(s);
            da[j] = df(s);
        }
    }

    //! der: dE/da of this layer's units; writes dE/d(in) into below (if not null).
    void backward(const double* in, const double* der, double* below) {
        for (std::size_t j = 0; j < Out; ++j) {
            delta[j] = der[j] * da[j];
            gb[j] += delta[j];
            for (std::size_t i = 0; i < In; ++i) gw[j * In + i] += delta[j] * in[i];
        }
        if (!below) return;
        for (std::size_t i = 0; i < In; ++i) {
            double s = 0;
            for (std::size_t j = 0; j < Out; ++j) s += w[j * In + i] * delta[j];
            below[i] = s;
        }
    }

    void update(double learning_rate, int n) {
        for (std::size_t j = 0; j < Out; ++j) {
            b[j] -= learning_rate * gb[j] / n;
            gb[j] = 0;
        }
        for (std::size_t k = 0; k < In * Out; ++k) {
            w[k] -= (learning_rate / n) * gw[k];
            gw[k] = 0;
        }
    }
};

namespace detail {

template <class... L>
constexpr bool chained() {
    constexpr std::size_t in[] = {L::inputs...};
    constexpr std::size_t out[] = {L::outputs...};
    for (std::size_t k = 1; k < sizeof...(L); ++k)
        if (in[k] != out[k - 1]) return false;
    return true;
}

}  // namespace detail

//! A network whose layers are the types L... (dense<F, In, Out>), held in a hana::tuple.
template <class... L>
class typed_network {
    static_assert(sizeof...(L) > 0, "actlab: a typed network needs at least one layer");
    static_assert(detail::chained<L...>(),
                  "actlab: each layer's inputs must equal the previous layer's outputs");

public:
    static constexpr std::size_t inputs = boost::hana::front(boost::hana::tuple<L...>{}).inputs;
    static constexpr std::size_t outputs = boost::hana::back(boost::hana::tuple<L...>{}).outputs;
    boost::hana::tuple<L...> layers;

    //! Weights from `uniform()` − 0.5 in layer, unit, input order; biases 0.1 (the Playground).
    void init(const std::function<double()>& uniform) {
        boost::hana::for_each(layers, [&](auto& layer) {
            for (double& v : layer.w) v = uniform() - 0.5;
            layer.b.fill(0.1);
        });
    }

    //! The first output for input x (the layers keep their z, f(z), f′(z)).
    double forward(const std::array<double, inputs>& x) {
        const double* in = x.data();
        boost::hana::for_each(layers, [&](auto& layer) {
            layer.forward(in);
            in = layer.a.data();
        });
        return in[0];
    }

    //! Accumulates ∂E/∂(w, b) of one example after forward(x); output_der is dE/d(output).
    void backward(const std::array<double, inputs>& x, double output_der) {
        std::array<double, max_width()> der{}, next{};
        der[0] = output_der;
        boost::hana::for_each(boost::hana::reverse(indices()), [&](auto k) {
            constexpr std::size_t l = decltype(k)::value;
            auto& layer = boost::hana::at_c<l>(layers);
            if constexpr (l == 0) {
                layer.backward(x.data(), der.data(), nullptr);
            } else {
                layer.backward(boost::hana::at_c<l - 1>(layers).a.data(), der.data(), next.data());
                der = next;
            }
        });
        ++accumulated_;
    }

    //! SGD step with the mean gradient since the last update.
    void update(double learning_rate) {
        if (accumulated_ == 0) return;
        boost::hana::for_each(layers,
                              [&](auto& layer) { layer.update(learning_rate, accumulated_); });
        accumulated_ = 0;
    }

private:
    int accumulated_ = 0;

    static constexpr std::size_t max_width() {
        std::size_t m = 1;
        for (const std::size_t w : {L::inputs..., L::outputs...}) m = w > m ? w : m;
        return m;
    }

    static constexpr auto indices() {
        return boost::hana::unpack(
            boost::hana::make_range(boost::hana::size_c<0>, boost::hana::size_c<sizeof...(L)>),
            boost::hana::make_tuple);
    }
};

}  // namespace actlab::mlp
