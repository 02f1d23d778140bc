// actlab: an MLP whose activations learn — PReLU's α, Swish's β, snake's α, APL's hinges, the
// B-spline's coefficients — one set per layer or one per unit, trained with the weights by
// Adam through ∂f/∂θ = d(f, θ) from the symbolic engine (activation_kernel::derivatives).
//
// Layers: z = W·a + b, a = f(z; θ) (θ of the layer, or of the unit), output tanh, loss
// ½·(out − y)² with labels ±1, Xavier-normal weights, zero biases, θ at the defaults.
#pragma once

#include <actlab/mlp/experiments/common.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace actlab::mlp::experiments {

struct learnable_layer {
    int n_in = 0, n_out = 0;
    activation_kernel<double> act;
    bool per_unit = false;
    std::vector<double> w, b, theta;  // theta: (per_unit ? n_out : 1) × n_params

    std::size_t n_params() const { return act.defaults.size(); }
    const double* theta_of(int unit) const {
        return theta.data() + (per_unit ? static_cast<std::size_t>(unit) * n_params() : 0);
    }
};

struct learnable_net {
    std::vector<learnable_layer> layers;  //!< hidden layers, then the tanh output

    learnable_net(int inputs, const std::vector<int>& hidden,
                  const std::vector<activation_kernel<double>>& acts, bool per_unit,
                  random_stream& r) {
        int n_in = inputs;
        for (std::size_t l = 0; l <= hidden.size(); ++l) {
            learnable_layer L;
            L.n_in = n_in;
            L.n_out = l < hidden.size() ? hidden[l] : 1;
            // The output's tanh by the interpreter (one unit; catalog_kernel would build the
            // catalogue's compile-time table wherever this header is included).
            L.act = l < hidden.size()
                        ? acts[l]
                        : formula_kernel<double>(*actlab::at("tanh").definition, "tanh");
            L.per_unit = per_unit && l < hidden.size();
            const double sd = std::sqrt(2.0 / (L.n_in + L.n_out));
            for (int k = 0; k < L.n_in * L.n_out; ++k) L.w.push_back(sd * r.normal());
            L.b.assign(static_cast<std::size_t>(L.n_out), 0.0);
            for (int u = 0; u < (L.per_unit ? L.n_out : 1); ++u)
                L.theta.insert(L.theta.end(), L.act.defaults.begin(), L.act.defaults.end());
            layers.push_back(std::move(L));
            n_in = layers.back().n_out;
        }
    }

    //! Every parameter, flat: per layer w, b, θ.
    std::vector<double> flat() const {
        std::vector<double> p;
        for (const auto& L : layers) {
            p.insert(p.end(), L.w.begin(), L.w.end());
            p.insert(p.end(), L.b.begin(), L.b.end());
            p.insert(p.end(), L.theta.begin(), L.theta.end());
        }
        return p;
    }

    void set_flat(const std::vector<double>& p) {
        std::size_t at = 0;
        for (auto& L : layers)
            for (std::vector<double>* v : {&L.w, &L.b, &L.theta})
                for (double& x : *v) x = p[at++];
    }

    //! The pre-activations and activations of every layer (a[0] = x).
    void forward(const std::vector<double>& x, std::vector<std::vector<double>>& z,
                 std::vector<std::vector<double>>& a, std::vector<std::vector<double>>& da) const {
        a.assign(1, x);
        z.clear();
        da.clear();
        for (const auto& L : layers) {
            std::vector<double> zl(static_cast<std::size_t>(L.n_out)), al(zl.size()), dl(zl.size());
            for (int j = 0; j < L.n_out; ++j) {
                double s = L.b[static_cast<std::size_t>(j)];
                for (int i = 0; i < L.n_in; ++i)
                    s += L.w[static_cast<std::size_t>(j * L.n_in + i)] *
                         a.back()[static_cast<std::size_t>(i)];
                zl[static_cast<std::size_t>(j)] = s;
                L.act.apply(&zl[static_cast<std::size_t>(j)], &al[static_cast<std::size_t>(j)],
                            &dl[static_cast<std::size_t>(j)], 1, L.theta_of(j));
            }
            z.push_back(std::move(zl));
            a.push_back(std::move(al));
            da.push_back(std::move(dl));
        }
    }

    double operator()(const std::vector<double>& x) const {
        std::vector<std::vector<double>> z, a, da;
        forward(x, z, a, da);
        return a.back()[0];
    }

    //! ∂(½(out − y)²)/∂p (flat order) added to grad, times `scale`; returns the loss.
    double backward(const std::vector<double>& x, double y, double scale,
                    std::vector<double>& grad) const {
        std::vector<std::vector<double>> z, a, da;
        forward(x, z, a, da);
        const double out = a.back()[0];
        std::vector<std::size_t> offset;
        std::size_t at = 0;
        for (const auto& L : layers) {
            offset.push_back(at);
            at += L.w.size() + L.b.size() + L.theta.size();
        }
        std::vector<double> g{scale * (out - y)};  // ∂/∂a of the layer's outputs
        std::vector<double> dp;
        for (std::size_t l = layers.size(); l-- > 0;) {
            const learnable_layer& L = layers[l];
            dp.resize(L.n_params());
            std::vector<double> gin(static_cast<std::size_t>(L.n_in), 0.0);
            const std::size_t ow = offset[l], ob = ow + L.w.size(), ot = ob + L.b.size();
            for (int j = 0; j < L.n_out; ++j) {
                const auto uj = static_cast<std::size_t>(j);
                if (L.n_params() > 0) {
                    L.act.derivatives(z[l][uj], dp.data(), L.theta_of(j));
                    const std::size_t base = ot + (L.per_unit ? uj * L.n_params() : 0);
                    for (std::size_t k = 0; k < L.n_params(); ++k)
                        if (L.act.learnable[k]) grad[base + k] += g[uj] * dp[k];
                }
                const double gz = g[uj] * da[l][uj];
                grad[ob + uj] += gz;
                for (int i = 0; i < L.n_in; ++i) {
                    const auto ui = static_cast<std::size_t>(i);
                    grad[ow + uj * static_cast<std::size_t>(L.n_in) + ui] += gz * a[l][ui];
                    gin[ui] += gz * L.w[uj * static_cast<std::size_t>(L.n_in) + ui];
                }
            }
            g = std::move(gin);
        }
        return (out - y) * (out - y) / 2;
    }
};

//! The state of a training run at one epoch.
struct learnable_checkpoint {
    long epoch = 0;
    double train_loss = 0, test_accuracy = 0;
    //! Per hidden layer, per learnable parameter: name, then the value (per layer) or the
    //! mean, min and max over the units (per unit).
    std::vector<std::vector<std::pair<std::string, std::vector<double>>>> params;
};

inline learnable_checkpoint measure(const learnable_net& n, long epoch,
                                    const std::vector<std::vector<double>>& xs,
                                    const std::vector<double>& ys,
                                    const std::vector<std::vector<double>>& test_x,
                                    const std::vector<double>& test_y) {
    learnable_checkpoint c;
    c.epoch = epoch;
    for (std::size_t i = 0; i < xs.size(); ++i)
        c.train_loss +=
            (n(xs[i]) - ys[i]) * (n(xs[i]) - ys[i]) / (2 * static_cast<double>(xs.size()));
    int right = 0;
    for (std::size_t i = 0; i < test_x.size(); ++i)
        right += ((n(test_x[i]) > 0 ? 1.0 : -1.0) == test_y[i]) ? 1 : 0;
    c.test_accuracy =
        test_x.empty() ? 0 : static_cast<double>(right) / static_cast<double>(test_x.size());
    for (std::size_t l = 0; l + 1 < n.layers.size(); ++l) {
        const learnable_layer& L = n.layers[l];
        auto& layer = c.params.emplace_back();
        for (std::size_t k = 0; k < L.n_params(); ++k) {
            if (!L.act.learnable[k]) continue;
            std::vector<double> v;
            for (int u = 0; u < (L.per_unit ? L.n_out : 1); ++u) v.push_back(L.theta_of(u)[k]);
            double mean = 0, lo = v[0], hi = v[0];
            for (const double x : v) {
                mean += x / static_cast<double>(v.size());
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
            layer.emplace_back(L.act.parameter_names[k], L.per_unit
                                                             ? std::vector<double>{mean, lo, hi}
                                                             : std::vector<double>{mean});
        }
    }
    return c;
}

//! Mini-batch Adam on every parameter (weights, biases, θ) in the data's order; a checkpoint at
//! each epoch listed (sorted).
inline std::vector<learnable_checkpoint> train_learnable(
    learnable_net& n, const std::vector<std::vector<double>>& xs, const std::vector<double>& ys,
    const std::vector<std::vector<double>>& test_x, const std::vector<double>& test_y, long epochs,
    double learning_rate, int batch, const std::vector<long>& checkpoints) {
    std::vector<learnable_checkpoint> out;
    std::vector<double> p = n.flat(), grad(p.size());
    adam opt(p.size(), learning_rate);
    for (long e = 0; e <= epochs; ++e) {
        if (std::find(checkpoints.begin(), checkpoints.end(), e) != checkpoints.end())
            out.push_back(measure(n, e, xs, ys, test_x, test_y));
        if (e == epochs) break;
        for (std::size_t start = 0; start < xs.size(); start += static_cast<std::size_t>(batch)) {
            const std::size_t end = std::min(xs.size(), start + static_cast<std::size_t>(batch));
            std::fill(grad.begin(), grad.end(), 0.0);
            for (std::size_t i = start; i < end; ++i)
                n.backward(xs[i], ys[i], 1.0 / static_cast<double>(end - start), grad);
            opt.step(p, grad);
            n.set_flat(p);
        }
    }
    return out;
}

}  // namespace actlab::mlp::experiments
