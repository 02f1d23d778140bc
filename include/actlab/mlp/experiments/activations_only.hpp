// actlab: a "network" made only of activations — no weights, no biases. Each input feature
// passes through the same activation L times and the output is their sum:
//
//   out(x) = Σ_i f^L(x_i),   predicted label sign(out) (+1 when out > 0),
//
// optionally with the activation's learnable parameters (PReLU's α, Swish's β, ...) trained,
// one set per layer, by Adam on ½·(out − y)² with ∂f/∂θ from the symbolic engine (d(f, θ)).
//
// Why it fails (the nesting analysis, `nesting_reasons`): f^L is again a function of one
// variable — f∘f = f for an idempotent f (relu: depth adds nothing), fⁿ flattens towards an
// attracting fixed point otherwise (tanh → 0) — and without weights the features are never
// mixed nor shifted: the boundary out = 0 cannot be the circle x1² + x2² = r².
#pragma once

#include <actlab/analysis/analyze.hpp>
#include <actlab/mlp/experiments/common.hpp>
#include <actlab/report/number.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace actlab::mlp::experiments {

struct stack_model {
    activation_kernel<double> act;
    int depth = 3;
    std::vector<std::vector<double>> params;  //!< per layer: the activation's parameters

    stack_model(activation_kernel<double> k, int layers)
        : act(std::move(k)),
          depth(layers),
          params(static_cast<std::size_t>(layers), act.defaults) {}

    //! out(x) for the features x (n of them).
    double forward(const double* x, std::size_t n) const {
        double out = 0;
        for (std::size_t i = 0; i < n; ++i) {
            double u = x[i], a = 0, da = 0;
            for (int l = 0; l < depth; ++l) {
                act.apply(&u, &a, &da, 1, params[static_cast<std::size_t>(l)].data());
                u = a;
            }
            out += u;
        }
        return out;
    }

    //! ∂out/∂θ_(l,k) added to grad (flat, layer-major), times `scale`.
    void backward(const double* x, std::size_t n, double scale, std::vector<double>& grad) const {
        const std::size_t np = act.defaults.size();
        std::vector<double> u(static_cast<std::size_t>(depth) + 1),
            da(static_cast<std::size_t>(depth)), dp(np);
        for (std::size_t i = 0; i < n; ++i) {
            u[0] = x[i];
            for (std::size_t l = 0; l < static_cast<std::size_t>(depth); ++l)
                act.apply(&u[l], &u[l + 1], &da[l], 1, params[l].data());
            double back = scale;  // ∂out/∂u_(l+1)
            for (std::size_t l = static_cast<std::size_t>(depth); l-- > 0;) {
                act.derivatives(u[l], dp.data(), params[l].data());
                for (std::size_t k = 0; k < np; ++k) grad[l * np + k] += back * dp[k];
                back *= da[l];
            }
        }
    }
};

//! The accuracy of sign(out) on labelled feature rows.
inline double stack_accuracy(const stack_model& m, const std::vector<std::vector<double>>& x,
                             const std::vector<double>& y) {
    int right = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        right += ((m.forward(x[i].data(), x[i].size()) > 0 ? 1.0 : -1.0) == y[i]) ? 1 : 0;
    return x.empty() ? 0 : static_cast<double>(right) / static_cast<double>(x.size());
}

//! Adam on the learnable parameters (per layer) for `epochs` full-batch steps.
inline void train_stack(stack_model& m, const std::vector<std::vector<double>>& x,
                        const std::vector<double>& y, long epochs, double learning_rate) {
    const std::size_t np = m.act.defaults.size();
    if (np == 0) return;
    std::vector<double> p, grad(np * static_cast<std::size_t>(m.depth));
    for (const auto& layer : m.params) p.insert(p.end(), layer.begin(), layer.end());
    adam opt(p.size(), learning_rate);
    for (long e = 0; e < epochs; ++e) {
        std::fill(grad.begin(), grad.end(), 0.0);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double r =
                (m.forward(x[i].data(), x[i].size()) - y[i]) / static_cast<double>(x.size());
            m.backward(x[i].data(), x[i].size(), r, grad);
        }
        for (std::size_t k = 0; k < np * static_cast<std::size_t>(m.depth); ++k)
            if (!m.act.learnable[k % np]) grad[k] = 0;
        opt.step(p, grad);
        for (std::size_t l = 0; l < m.params.size(); ++l)
            for (std::size_t k = 0; k < np; ++k) m.params[l][k] = p[l * np + k];
    }
}

//! What the nesting analysis says about stacking f, one line each.
inline std::vector<std::string> nesting_reasons(const expr& f) {
    const analysis_report r = analyze(f, {.digits = 6});
    std::vector<std::string> lines;
    const auto idem = r.idempotent.value();
    lines.emplace_back(std::string("idempotent (f∘f = f): ") +
                       (!idem   ? "unknown"
                        : *idem ? "proved — a stack of any depth computes f itself"
                                : "refuted"));
    std::string fixed;
    for (const auto& fp : r.fixed_points) {
        const char* kind = fp.kind == stability::attracting  ? "attracting"
                           : fp.kind == stability::repelling ? "repelling"
                           : fp.kind == stability::neutral   ? "neutral"
                                                             : "stability unknown";
        fixed += (fixed.empty() ? "" : ", ") + report::text_or(fp.x, "?") + " (" + kind + ")";
    }
    for (const auto& iv : r.fixed_intervals)
        fixed += (fixed.empty() ? "" : ", ") + std::string(iv.lo_closed ? "[" : "(") +
                 report::text_or(iv.lo, "?") + ", " + report::text_or(iv.hi, "?") +
                 (iv.hi_closed ? "]" : ")") + " (every point fixed)";
    lines.push_back("fixed points of f: " + (fixed.empty() ? std::string("none found") : fixed));
    bool attracting = false;
    for (const auto& fp : r.fixed_points)
        attracting = attracting || fp.kind == stability::attracting ||
                     (fp.kind == stability::neutral && !fp.convergence.empty());
    if (attracting)
        lines.emplace_back(
            "f^n(x) converges to a fixed point: deeper stacks flatten each feature "
            "towards a constant");
    lines.emplace_back(
        "with no weights the features are never mixed or shifted: out = Σ f^L(x_i) "
        "and the boundary out = 0 is not x1² + x2² = r²");
    return lines;
}

}  // namespace actlab::mlp::experiments
