// actlab: the MLP's training kernel — the forward and backward passes of a whole batch of
// examples at once, with the same operations in the same order as one `network::forward` and
// `network::backward` per example, so the same bits (the TensorFlow Playground's numbers).
//
// Why it is faster than an example at a time: every layer's values are stored unit by unit
// with the examples contiguous (`z[j·stride + e]`), so each multiply–add of a weight runs over
// all the examples of the batch in SIMD lanes, with the sums held in registers; the number of
// lanes (and, for a full batch, of examples) is a compile-time constant, so these loops have no
// remainder; the activation is one call over a layer's whole block; nothing is allocated after
// construction. Examples never mix inside a lane, so the sums of each example keep the
// Playground's order (z = b + w₀a₀ + w₁a₁ + …, dE/da_i = 0 + w₀ᵢδ₀ + w₁ᵢδ₁ + …); the gradient
// of a weight is summed example after example, as the per-example path does
// (tests/runtime/mlp_batch.cpp compares the two bit for bit).
#pragma once

#include <actlab/mlp/network.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <utility>
#include <vector>

namespace actlab::mlp {

namespace detail {

#if defined(__GNUC__) || defined(__clang__)
//! Two doubles in one SSE2 register (GCC/Clang vector extension): the baseline of x86-64 and
//! of AArch64's NEON, so no -march flag is needed. Lane arithmetic is IEEE double arithmetic.
using lane_pair = double __attribute__((vector_size(16)));

inline lane_pair load_pair(const double* p) {
    lane_pair v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store_pair(double* p, lane_pair v) { std::memcpy(p, &v, sizeof v); }

//! out[e] = init + w[0]·x[e] + w[s]·x[stride + e] + w[2s]·x[2·stride + e] + … (count terms,
//! added in this order) for the 2K lanes e of one block, held in K registers (unrolled by
//! hand: GCC's -O2 does not unroll the loop over the block, and keeps it in memory).
template <std::size_t K>
[[gnu::always_inline]] inline void combine_block(double* out, double init, const double* w,
                                                 std::size_t s, const double* x, std::size_t stride,
                                                 std::size_t count) {
    [&]<std::size_t... k>(std::index_sequence<k...>) {
        lane_pair acc[K] = {(static_cast<void>(k), lane_pair{init, init})...};
        for (std::size_t i = 0; i < count; ++i) {
            const lane_pair wv = {w[i * s], w[i * s]};
            const double* xi = x + i * stride;
            ((acc[k] += wv * load_pair(xi + 2 * k)), ...);
        }
        (store_pair(out + 2 * k, acc[k]), ...);
    }(std::make_index_sequence<K>{});
}

//! y[e] = u[e] · v[e] for e < n (n even).
[[gnu::always_inline]] inline void multiply(double* __restrict y, const double* u, const double* v,
                                            std::size_t n) {
    for (std::size_t e = 0; e < n; e += 2) store_pair(y + e, load_pair(u + e) * load_pair(v + e));
}

//! (g[0], g[1]) += d[e] · (x0[e], x1[e]) for e = 0, 1, …, n − 1 in turn: two sums in a pair
//! (N = n known at compile time: unrolled by hand; N = 0: a loop).
template <std::size_t N>
[[gnu::always_inline]] inline void dot_pair(double* g, const double* d, const double* x0,
                                            const double* x1, std::size_t n) {
    lane_pair s = load_pair(g);
    if constexpr (N == 0) {
        for (std::size_t e = 0; e < n; ++e) s += lane_pair{d[e], d[e]} * lane_pair{x0[e], x1[e]};
    } else {
        [&]<std::size_t... e>(std::index_sequence<e...>) {
            ((s += lane_pair{d[e], d[e]} * lane_pair{x0[e], x1[e]}), ...);
        }(std::make_index_sequence<N>{});
    }
    store_pair(g, s);
}

//! y[i] += g · x[i] for i < n (a row of a gradient).
inline void axpy(double* __restrict y, double g, const double* __restrict x, std::size_t n) {
    const lane_pair gv = {g, g};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        store_pair(y + i, load_pair(y + i) + gv * load_pair(x + i));
        store_pair(y + i + 2, load_pair(y + i + 2) + gv * load_pair(x + i + 2));
    }
    for (; i + 2 <= n; i += 2) store_pair(y + i, load_pair(y + i) + gv * load_pair(x + i));
    if (i < n) y[i] += g * x[i];
}
#else
template <std::size_t K>
inline void combine_block(double* out, double init, const double* w, std::size_t s, const double* x,
                          std::size_t stride, std::size_t count) {
    for (std::size_t e = 0; e < 2 * K; ++e) {
        double acc = init;
        for (std::size_t i = 0; i < count; ++i) acc += w[i * s] * x[i * stride + e];
        out[e] = acc;
    }
}

inline void multiply(double* y, const double* u, const double* v, std::size_t n) {
    for (std::size_t e = 0; e < n; ++e) y[e] = u[e] * v[e];
}

template <std::size_t N>
inline void dot_pair(double* g, const double* d, const double* x0, const double* x1,
                     std::size_t n) {
    for (std::size_t e = 0; e < n; ++e) {
        g[0] += d[e] * x0[e];
        g[1] += d[e] * x1[e];
    }
}

inline void axpy(double* y, double g, const double* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += g * x[i];
}
#endif

//! combine_block over `lanes` lanes (S of them when S > 0, known at compile time): blocks
//! of 8 pairs, at most 8 accumulators + 1 operand in the 16 SIMD registers of x86-64.
template <std::size_t S>
[[gnu::always_inline]] inline void combine(double* out, double init, const double* w, std::size_t s,
                                           const double* x, std::size_t stride, std::size_t count,
                                           std::size_t lanes) {
    if constexpr (S == 0) {
        for (std::size_t e = 0; e < lanes; e += 2)
            combine_block<1>(out + e, init, w, s, x + e, stride, count);
    } else {
        constexpr std::size_t full = S / 16, rest = (S % 16) / 2;
        for (std::size_t b = 0; b < full; ++b)
            combine_block<8>(out + 16 * b, init, w, s, x + 16 * b, stride, count);
        if constexpr (rest > 0)
            combine_block<rest>(out + 16 * full, init, w, s, x + 16 * full, stride, count);
    }
}

}  // namespace detail

//! Forward and backward passes of up to `max_batch` examples at once for a network<double>:
//! gradients accumulated into the network's gw, gb, gp (and its `accumulated` count) exactly as
//! `forward` + `backward` per example would; the update stays `network::update`.
class batch_trainer {
public:
    batch_trainer(network<double>& net, std::size_t max_batch)
        : net_(&net),
          stride_(std::max<std::size_t>(2, max_batch + (max_batch & 1))),
          pass_(select(stride_)) {
        layers_.resize(net.layers.size());
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            const auto out = static_cast<std::size_t>(net.layers[l].outputs);
            const auto in = static_cast<std::size_t>(net.layers[l].inputs);
            for (std::vector<double>* v :
                 {&layers_[l].z, &layers_[l].a, &layers_[l].da, &layers_[l].der, &layers_[l].delta})
                v->assign(out * stride_, 0.0);
            if (in > narrow) layers_[l].rows.assign(stride_ * in, 0.0);
        }
        input_.assign(static_cast<std::size_t>(net.inputs) * stride_, 0.0);
    }

    //! Lanes per unit: a block of inputs holds input i of example e at [i·stride() + e].
    std::size_t stride() const { return stride_; }

    //! Examples rows[0..n) (each `net.inputs` values) with dE/d(output) = output − targets[e]
    //! (or dE/dz of the output unit when output_der_is_z); n ≤ max_batch.
    void accumulate(const double* const* rows, const double* targets, std::size_t n,
                    bool output_der_is_z) {
        const auto n_in = static_cast<std::size_t>(net_->inputs);
        for (std::size_t i = 0; i < n_in; ++i) {
            double* x = &input_[i * stride_];
            for (std::size_t e = 0; e < n; ++e) x[e] = rows[e][i];
            std::fill(x + n, x + stride_, 0.0);  // lanes past n: computed, never summed
        }
        accumulate_block(input_.data(), targets, n, output_der_is_z);
    }

    //! The same with the inputs as a block (input i of example e at block[i·stride() + e];
    //! lanes e ≥ n finite, they are computed and never summed).
    void accumulate_block(const double* block, const double* targets, std::size_t n,
                          bool output_der_is_z) {
        block_ = block;
        (this->*pass_)(targets, n, output_der_is_z);
        net_->accumulated += static_cast<int>(n);
    }

private:
    struct buffers {
        std::vector<double> z, a, da;  // unit j, example e at [j·stride + e]
        std::vector<double> der;       // dE/da
        std::vector<double> delta;     // dE/dz
        std::vector<double> rows;      // wide layers: the inputs, example e at [e·inputs + i]
    };
    using pass_fn = void (batch_trainer::*)(const double*, std::size_t, bool);

    //! Layers with at most this many inputs sum their weight gradients input by input over the
    //! examples (two inputs per SIMD pair); wider ones example by example over rows of inputs.
    static constexpr std::size_t narrow = 8;

    network<double>* net_;
    std::size_t stride_;  // lanes per unit: max_batch rounded up to even
    pass_fn pass_;
    std::vector<double> input_;      // input i, example e at [i·stride + e]
    const double* block_ = nullptr;  // the inputs of the current pass (input_ or the caller's)
    std::vector<buffers> layers_;
    std::vector<double> dp_;

    // The pass with the lane count S known at compile time (S = 0: stride_ at run time), so
    // that the loops over the lanes are unrolled without a remainder.
    static pass_fn select(std::size_t stride) {
        return [&]<std::size_t... K>(std::index_sequence<K...>) {
            pass_fn f = &batch_trainer::pass<0>;
            ((stride == 2 * (K + 1) ? (f = &batch_trainer::pass<2 * (K + 1)>, 0) : 0), ...);
            return f;
        }(std::make_index_sequence<16>{});
    }

    // A full batch (n = S) also has its example count known at compile time.
    template <std::size_t S>
    void pass(const double* targets, std::size_t n, bool is_z) {
        if (S > 0 && n == S) return run<S, S>(targets, S, is_z);
        run<S, 0>(targets, n, is_z);
    }

    template <std::size_t S, std::size_t N>
    void run(const double* targets, std::size_t n, bool is_z) {
        forward<S>(N ? N : n);
        backward<S, N>(targets, N ? N : n, is_z);
    }

    const double* input_of(std::size_t l) const {
        return l == 0 ? block_ : layers_[l - 1].a.data();
    }

    template <std::size_t S>
    [[gnu::always_inline]] void forward(std::size_t n) {
        const std::size_t lanes = S ? S : stride_;
        for (std::size_t l = 0; l < layers_.size(); ++l) {
            const layer<double>& L = net_->layers[l];
            buffers& B = layers_[l];
            const auto n_in = static_cast<std::size_t>(L.inputs);
            const auto n_out = static_cast<std::size_t>(L.outputs);
            for (std::size_t j = 0; j < n_out; ++j)  // z_j = b_j + w_j0·a_0 + w_j1·a_1 + …
                detail::combine<S>(&B.z[j * stride_], L.b[j], &L.w[j * n_in], 1, input_of(l),
                                   stride_, n_in, lanes);
            if (n == stride_) {
                L.act.apply(B.z.data(), B.a.data(), B.da.data(), n_out * n, L.params.data());
                continue;
            }
            for (std::size_t j = 0; j < n_out; ++j)
                L.act.apply(&B.z[j * stride_], &B.a[j * stride_], &B.da[j * stride_], n,
                            L.params.data());
        }
    }

    template <std::size_t S, std::size_t N>
    [[gnu::always_inline]] void backward(const double* targets, std::size_t n,
                                         bool output_der_is_z) {
        const std::size_t lanes = S ? S : stride_;
        const std::size_t last = layers_.size() - 1;
        for (std::size_t e = 0; e < n; ++e) layers_[last].der[e] = layers_[last].a[e] - targets[e];
        for (std::size_t l = layers_.size(); l-- > 0;) {
            layer<double>& L = net_->layers[l];
            buffers& B = layers_[l];
            const auto n_out = static_cast<std::size_t>(L.outputs);
            const auto n_in = static_cast<std::size_t>(L.inputs);
            if (output_der_is_z && l == last)
                B.delta = B.der;
            else
                detail::multiply(B.delta.data(), B.der.data(), B.da.data(), n_out * stride_);
            for (std::size_t j = 0; j < n_out; ++j) {
                const double* delta = &B.delta[j * stride_];
                double gb = L.gb[j];
                for (std::size_t e = 0; e < n; ++e) gb += delta[e];
                L.gb[j] = gb;
            }
            if (n_in <= narrow)
                narrow_weight_gradients<N>(L, B, input_of(l), n);
            else
                wide_weight_gradients(L, B, input_of(l), n);
            parameter_gradients(L, B, n);
            if (l == 0) break;
            // dE/da_i of the layer below = 0 + w_0i·δ_0 + w_1i·δ_1 + …
            buffers& below = layers_[l - 1];
            for (std::size_t i = 0; i < n_in; ++i)
                detail::combine<S>(&below.der[i * stride_], 0.0, &L.w[i], n_in, B.delta.data(),
                                   stride_, n_out, lanes);
        }
    }

    // gw[j][i] += δ_j(e) · in_i(e), example after example, two inputs i at a time.
    template <std::size_t N>
    [[gnu::always_inline]] void narrow_weight_gradients(layer<double>& L, const buffers& B,
                                                        const double* in, std::size_t n) const {
        const auto n_out = static_cast<std::size_t>(L.outputs);
        const auto n_in = static_cast<std::size_t>(L.inputs);
        for (std::size_t j = 0; j < n_out; ++j) {
            double* g = &L.gw[j * n_in];
            const double* delta = &B.delta[j * stride_];
            if (!L.dead.empty()) {
                const char* dead = &L.dead[j * n_in];
                for (std::size_t e = 0; e < n; ++e)
                    for (std::size_t i = 0; i < n_in; ++i)
                        if (!dead[i]) g[i] += delta[e] * in[i * stride_ + e];
                continue;
            }
            std::size_t i = 0;
            for (; i + 2 <= n_in; i += 2)
                detail::dot_pair<N>(g + i, delta, in + i * stride_, in + (i + 1) * stride_, n);
            if (i < n_in) {
                double s = g[i];
                for (std::size_t e = 0; e < n; ++e) s += delta[e] * in[i * stride_ + e];
                g[i] = s;
            }
        }
    }

    // gw[j][i] += δ_j(e) · in_i(e), example after example over rows of inputs (wide layers).
    void wide_weight_gradients(layer<double>& L, buffers& B, const double* in,
                               std::size_t n) const {
        const auto n_out = static_cast<std::size_t>(L.outputs);
        const auto n_in = static_cast<std::size_t>(L.inputs);
        for (std::size_t i = 0; i < n_in; ++i)
            for (std::size_t e = 0; e < n; ++e) B.rows[e * n_in + i] = in[i * stride_ + e];
        for (std::size_t j = 0; j < n_out; ++j) {
            double* g = &L.gw[j * n_in];
            const double* delta = &B.delta[j * stride_];
            for (std::size_t e = 0; e < n; ++e) {
                const double* x = &B.rows[e * n_in];
                if (L.dead.empty()) {
                    detail::axpy(g, delta[e], x, n_in);
                    continue;
                }
                const char* dead = &L.dead[j * n_in];
                for (std::size_t i = 0; i < n_in; ++i)
                    if (!dead[i]) g[i] += delta[e] * x[i];
            }
        }
    }

    // gp[k] += dE/da_j(e) · ∂f/∂p_k(z_j(e)), example after example, unit after unit.
    void parameter_gradients(layer<double>& L, const buffers& B, std::size_t n) {
        if (L.gp.empty()) return;
        if (dp_.size() < L.params.size()) dp_.resize(L.params.size());
        const auto n_out = static_cast<std::size_t>(L.outputs);
        for (std::size_t e = 0; e < n; ++e)
            for (std::size_t j = 0; j < n_out; ++j) {
                L.act.derivatives(B.z[j * stride_ + e], dp_.data(), L.params.data());
                for (std::size_t k = 0; k < L.params.size(); ++k)
                    if (L.act.learnable[k]) L.gp[k] += B.der[j * stride_ + e] * dp_[k];
            }
    }
};

}  // namespace actlab::mlp
