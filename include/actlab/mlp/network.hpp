// actlab: a fully connected network with one activation per layer, trained example by
// example — forward pass, backward pass through the symbolic derivatives of the activations
// (activation_kernel), and the updates SGD (the TensorFlow Playground's rule), momentum, Adam.
//
// Layout: layer l has W (outputs × inputs, row j holds the weights into unit j, in the order
// of the inputs) and b. The arithmetic is done in the Playground's order (z = b, then
// z += w·a input by input; backward unit by unit; mean of the batch at the update), so that
// with the Playground's settings the numbers are the Playground's numbers bit for bit.
//
// This is the per-example path: evaluation, diagnostics, the gradient check and any real type.
// Training in double runs the batched kernel of batch.hpp (through epoch_trainer), which does
// the same operations in the same order over a batch at once and gives the same bits.
// Dense layers are plain loops, not Eigen: at these widths (2 to 64) our loops are faster than
// Eigen's products and keep the Playground's order of additions (docs/reference/mlp_benchmark.md).
#pragma once

#include <actlab/expr/error.hpp>
#include <actlab/mlp/activation.hpp>
#include <actlab/mlp/dataset.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace actlab::mlp {

enum class loss_kind : unsigned char { half_mse, bce };  //!< ½(out − y)², binary cross-entropy
enum class optimizer_kind : unsigned char { sgd, momentum, adam };
enum class init_kind : unsigned char { playground, xavier, he };
enum class regularization_kind : unsigned char { none, l1, l2 };

//! How the weights move.
struct update_options {
    double learning_rate = 0.03;
    optimizer_kind optimizer = optimizer_kind::sgd;
    double momentum = 0.9;              //!< for momentum
    double beta1 = 0.9, beta2 = 0.999;  //!< for Adam
    double epsilon = 1e-8;              //!< for Adam
    regularization_kind regularization = regularization_kind::none;
    double regularization_rate = 0;
};

//! One dense layer and its training state.
template <class T>
struct layer {
    int inputs = 0, outputs = 0;
    std::vector<T> w, b;  //!< w[j·inputs + i]: from input i to unit j
    activation_kernel<T> act;
    std::vector<T> params;      //!< the activation's parameters, shared by the layer
    std::vector<char> dead;     //!< weights set to 0 for good by L1 (the Playground's rule)
    std::vector<T> gw, gb, gp;  //!< gradients accumulated since the last update
    std::vector<T> mw, mb, mp, vw, vb, vp;  //!< optimizer state
    std::vector<T> z, a, da, delta;         //!< per example: inputs, outputs, f′, dE/dz
};

//! A network: inputs → hidden layers → one output unit.
template <class T>
struct network {
    int inputs = 0;
    std::vector<layer<T>> layers;
    int accumulated = 0;        //!< examples since the last update
    long updates = 0;           //!< for Adam's bias correction
    std::vector<T> input_grad;  // scratch: dE/da of the layer below

    //! The output for one input vector (also leaves z, a, da of every layer in place).
    T forward(const T* input) {
        const T* in = input;
        for (layer<T>& L : layers) {
            // z_j = b_j + w_j0·a_0 + w_j1·a_1 + ... in this order (the Playground's), with the
            // units as the inner loop: independent sums instead of one dependency chain.
            T* z = L.z.data();
            const T* w = L.w.data();
            const auto n_in = static_cast<std::size_t>(L.inputs);
            const auto n_out = static_cast<std::size_t>(L.outputs);
            for (std::size_t j = 0; j < n_out; ++j) z[j] = L.b[j];
            for (std::size_t i = 0; i < n_in; ++i) {
                const T ai = in[i];
                for (std::size_t j = 0; j < n_out; ++j) z[j] += w[j * n_in + i] * ai;
            }
            L.act.apply(L.z.data(), L.a.data(), L.da.data(), static_cast<std::size_t>(L.outputs),
                        L.params.data());
            in = L.a.data();
        }
        return layers.back().a[0];
    }

    //! Accumulates the gradients of one example after forward(input); output_der is dE/d(output)
    //! (or dE/dz of the output unit when output_der_is_z).
    void backward(const T* input, T output_der, bool output_der_is_z = false) {
        T* der = nullptr;  // dE/da of the current layer's units
        input_grad.assign(1, output_der);
        for (std::size_t l = layers.size(); l-- > 0;) {
            layer<T>& L = layers[l];
            der = l + 1 == layers.size() ? input_grad.data() : der;
            const T* in = l == 0 ? input : layers[l - 1].a.data();
            for (int j = 0; j < L.outputs; ++j) {
                const auto uj = static_cast<std::size_t>(j);
                const T g =
                    (output_der_is_z && l + 1 == layers.size()) ? der[uj] : der[uj] * L.da[uj];
                L.delta[uj] = g;
                L.gb[uj] += g;
            }
            for (int j = 0; j < L.outputs; ++j) {
                const T g = L.delta[static_cast<std::size_t>(j)];
                T* grow = &L.gw[static_cast<std::size_t>(j * L.inputs)];
                if (L.dead.empty()) {
                    for (int i = 0; i < L.inputs; ++i) grow[i] += g * in[i];
                    continue;
                }
                const char* drow = &L.dead[static_cast<std::size_t>(j * L.inputs)];
                for (int i = 0; i < L.inputs; ++i)
                    if (!drow[i]) grow[i] += g * in[i];
            }
            accumulate_parameter_gradients(L, der);
            if (l == 0) break;
            layer<T>& below = layers[l - 1];
            // dE/da_i = 0 + w_0i·δ_0 + w_1i·δ_1 + ... in this order (the Playground's), rows of
            // W as the inner loop (contiguous).
            scratch_.assign(static_cast<std::size_t>(below.outputs), T(0));
            T* sums = scratch_.data();
            for (int j = 0; j < L.outputs; ++j) {
                const T dj = L.delta[static_cast<std::size_t>(j)];
                const T* row = &L.w[static_cast<std::size_t>(j * L.inputs)];
                for (int i = 0; i < L.inputs; ++i) sums[i] += row[i] * dj;
            }
            std::swap(scratch_, carried_);
            der = carried_.data();
        }
        ++accumulated;
    }

    //! Applies the accumulated gradients (mean over the examples since the last update).
    void update(const update_options& o) {
        if (accumulated == 0) return;
        ++updates;
        for (layer<T>& L : layers) update_layer(L, o);
        accumulated = 0;
    }

private:
    std::vector<T> scratch_, carried_, dp_;

    void accumulate_parameter_gradients(layer<T>& L, const T* der) {
        if (L.gp.empty()) return;
        dp_.resize(L.params.size());
        for (int j = 0; j < L.outputs; ++j) {
            L.act.derivatives(L.z[static_cast<std::size_t>(j)], dp_.data(), L.params.data());
            for (std::size_t k = 0; k < L.params.size(); ++k)
                if (L.act.learnable[k]) L.gp[k] += der[static_cast<std::size_t>(j)] * dp_[k];
        }
    }

    // One parameter's step from its summed gradient g over n examples.
    T step(T& value, T g, int n, T& m, T& v, const update_options& o) const {
        const T lr = T(o.learning_rate);
        switch (o.optimizer) {
            case optimizer_kind::sgd: return value - (lr / T(n)) * g;
            case optimizer_kind::momentum: m = T(o.momentum) * m + g / T(n); return value - lr * m;
            case optimizer_kind::adam: {
                const T mean = g / T(n);
                m = T(o.beta1) * m + (1 - T(o.beta1)) * mean;
                v = T(o.beta2) * v + (1 - T(o.beta2)) * mean * mean;
                using std::pow;
                using std::sqrt;
                const T mh = m / (1 - T(pow(o.beta1, static_cast<double>(updates))));
                const T vh = v / (1 - T(pow(o.beta2, static_cast<double>(updates))));
                return value - lr * mh / (T(sqrt(vh)) + T(o.epsilon));
            }
        }
        return value;
    }

    void update_layer(layer<T>& L, const update_options& o) {
        const int n = accumulated;
        const T lr = T(o.learning_rate);
        for (std::size_t j = 0; j < L.b.size(); ++j) {
            if (o.optimizer == optimizer_kind::sgd)
                L.b[j] -= lr * L.gb[j] / T(n);  // the Playground's bias update, in its order
            else
                L.b[j] = step(L.b[j], L.gb[j], n, L.mb[j], L.vb[j], o);
            L.gb[j] = T(0);
        }
        if (o.optimizer == optimizer_kind::sgd && o.regularization == regularization_kind::none &&
            L.dead.empty()) {
            const T rate = lr / T(n);  // step()'s SGD update without its switches: same bits
            for (std::size_t k = 0; k < L.w.size(); ++k) {
                L.w[k] = L.w[k] - rate * L.gw[k];
                L.gw[k] = T(0);
            }
        } else {
            update_weights(L, o, n);
        }
        for (std::size_t k = 0; k < L.gp.size(); ++k) {
            if (L.act.learnable[k])
                L.params[k] = step(L.params[k], L.gp[k], n, L.mp[k], L.vp[k], o);
            L.gp[k] = T(0);
        }
    }

    // Weights with momentum or Adam, regularization, dead links.
    void update_weights(layer<T>& L, const update_options& o, int n) {
        const T lr = T(o.learning_rate);
        for (std::size_t k = 0; k < L.w.size(); ++k) {
            if (!L.dead.empty() && L.dead[k]) continue;
            const T reg = regularization_derivative(L.w[k], o.regularization);
            L.w[k] = step(L.w[k], L.gw[k], n, L.mw[k], L.vw[k], o);
            L.gw[k] = T(0);
            if (o.regularization == regularization_kind::none) continue;
            const T moved = L.w[k] - (lr * T(o.regularization_rate)) * reg;
            if (o.regularization == regularization_kind::l1 && L.w[k] * moved < 0) {
                L.w[k] = T(0);  // crossed 0 by the penalty alone: the Playground kills the link
                if (L.dead.empty()) L.dead.assign(L.w.size(), 0);
                L.dead[k] = 1;
            } else {
                L.w[k] = moved;
            }
        }
    }

    static T regularization_derivative(const T& w, regularization_kind r) {
        switch (r) {
            case regularization_kind::none: return T(0);
            case regularization_kind::l1: return w < 0 ? T(-1) : (w > 0 ? T(1) : T(0));
            case regularization_kind::l2: return w;
        }
        return T(0);
    }
};

//! Builds a network: `widths` are the hidden layers' widths, `acts` one kernel per hidden
//! layer, then the output kernel. Weights drawn from `r` in the Playground's order (layer by
//! layer, unit by unit, input by input).
template <class T>
network<T> make_network(int inputs, const std::vector<int>& widths,
                        const std::vector<activation_kernel<T>>& acts, init_kind init,
                        const uniform_source& r) {
    if (acts.size() != widths.size() + 1)
        throw error("actlab: one activation per hidden layer and one for the output");
    network<T> net;
    net.inputs = inputs;
    int in = inputs;
    for (std::size_t l = 0; l <= widths.size(); ++l) {
        const int out = l < widths.size() ? widths[l] : 1;
        if (out <= 0) throw error("actlab: a layer needs at least one unit");
        layer<T> L;
        L.inputs = in;
        L.outputs = out;
        L.act = acts[l];
        L.params = L.act.defaults;
        const auto nw = static_cast<std::size_t>(in * out), no = static_cast<std::size_t>(out);
        L.w.resize(nw);
        const double xavier = std::sqrt(6.0 / (in + out)), he = std::sqrt(2.0 / in);
        for (std::size_t k = 0; k < nw; ++k) {
            switch (init) {
                case init_kind::playground: L.w[k] = T(r() - 0.5); break;
                case init_kind::xavier: L.w[k] = T(detail::uniform(r, -xavier, xavier)); break;
                case init_kind::he: L.w[k] = T(detail::normal(r, 0, 1) * he); break;
            }
        }
        L.b.assign(no, T(init == init_kind::playground ? 0.1 : 0.0));
        L.gw.assign(nw, T(0));
        L.gb.assign(no, T(0));
        L.mw = L.vw = L.gw;
        L.mb = L.vb = L.gb;
        bool any_learnable = false;
        for (const bool b : L.act.learnable) any_learnable = any_learnable || b;
        if (any_learnable) L.gp.assign(L.params.size(), T(0));
        L.mp = L.vp = L.gp;
        L.z.assign(no, T(0));
        L.a = L.da = L.delta = L.z;
        net.layers.push_back(std::move(L));
        in = out;
    }
    return net;
}

}  // namespace actlab::mlp
