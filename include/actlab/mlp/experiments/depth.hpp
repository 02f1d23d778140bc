// actlab: gradients across depth at initialisation against the mean-field theory (Schoenholz
// et al. 2017). A random network of L layers of width N:
//
//   h⁰ ~ N(0, q*),   h^l = W^l·f(h^(l−1)) + b^l,   W^l_ij ~ N(0, σ_w²/N),  b^l_i ~ N(0, σ_b²),
//
// and a random error signal δ^L ~ N(0, 1) at the top, back-propagated:
// δ^(l−1) = f′(h^(l−1)) ⊙ (W^l)ᵀ δ^l. δ^l = ∂E/∂b^l is the gradient of layer l's biases (and
// ‖∂E/∂W^l‖ = ‖δ^l‖·‖f(h^(l−1))‖). The mean field predicts E‖δ^(l−1)‖² = χ1·E‖δ^l‖², so
// ln‖δ^l‖² against the distance L − l from the top has slope ln χ1.
#pragma once

#include <actlab/analysis/meanfield.hpp>
#include <actlab/mlp/experiments/common.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace actlab::mlp::experiments {

//! What the experiment needs from the mean-field analysis: the typed values to show, and
//! doubles to compare with.
struct mean_field_prediction {
    mean_field_status q_status = mean_field_status::unknown;
    approx chi1_shown;    //!< χ1 to the digits the two precisions agree on (unknown: not known)
    double chi1 = NAN;    //!< NaN when unknown
    double q_star = NAN;  //!< NaN when there is no finite positive fixed point
};

//! The one place that reads actlab::mean_field's result.
inline mean_field_prediction predict_mean_field(const expr& f, const std::string& sigma_w2,
                                                const std::string& sigma_b2) {
    const mean_field_report r = mean_field(f, sigma_w2, sigma_b2, {.digits = 12});
    mean_field_prediction p;
    p.q_status = r.q_status;
    p.chi1_shown = r.chi1;
    if (r.chi1.finite()) p.chi1 = r.chi1.value().convert_to<double>();
    if (r.q_star.finite() && r.q_status == mean_field_status::fixed_point)
        p.q_star = r.q_star.value().convert_to<double>();
    return p;
}

struct depth_options {
    int layers = 50;
    int width = 200;
    double sigma_w2 = 1, sigma_b2 = 0;
    double q0 = 1;  //!< variance of h⁰ (q* when there is one)
};

//! One seed: ‖δ^l‖² for l = 1..L (index l − 1).
inline std::vector<double> gradient_norms(const activation_kernel<double>& act,
                                          const depth_options& o, const std::string& seed) {
    // mt19937_64 (specified exactly by the standard) seeded from the seed string; normals by
    // Box–Muller, so every standard library draws the same network.
    random_stream s(seed);
    std::mt19937_64 gen(static_cast<std::uint64_t>(s.uniform() * 9007199254740992.0));
    const auto normal = [&] {
        const double u1 = (static_cast<double>(gen() >> 11) + 1) / 9007199254740993.0;
        const double u2 = static_cast<double>(gen() >> 11) / 9007199254740992.0;
        return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.141592653589793 * u2);
    };
    const auto n = static_cast<std::size_t>(o.width), layers = static_cast<std::size_t>(o.layers);
    const double sw = std::sqrt(o.sigma_w2 / static_cast<double>(n)), sb = std::sqrt(o.sigma_b2);
    std::vector<std::vector<double>> w(layers, std::vector<double>(n * n)), h(layers + 1),
        da(layers + 1, std::vector<double>(n));
    std::vector<double> a(n);
    h[0].resize(n);
    for (double& v : h[0]) v = std::sqrt(o.q0) * normal();
    for (std::size_t l = 1; l <= layers; ++l) {
        act.apply(h[l - 1].data(), a.data(), da[l - 1].data(), n, act.defaults.data());
        std::vector<double>& wl = w[l - 1];
        for (double& v : wl) v = sw * normal();
        h[l].assign(n, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            double z = sb * normal();
            for (std::size_t j = 0; j < n; ++j) z += wl[i * n + j] * a[j];
            h[l][i] = z;
        }
    }
    std::vector<double> delta(n), next(n), norms(layers);
    for (double& v : delta) v = normal();
    for (std::size_t l = layers; l >= 1; --l) {
        double sq = 0;
        for (const double v : delta) sq += v * v;
        norms[l - 1] = sq;
        if (l == 1) break;
        const std::vector<double>& wl = w[l - 1];
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) next[j] += wl[i * n + j] * delta[i];
        for (std::size_t j = 0; j < n; ++j) delta[j] = next[j] * da[l - 1][j];
    }
    return norms;
}

//! The least-squares slope of ln‖δ^l‖² against L − l.
inline double depth_slope(const std::vector<double>& norms) {
    const std::size_t L = norms.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t l = 0; l < L; ++l) {
        const double x = static_cast<double>(L - 1 - l), y = std::log(norms[l]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double n = static_cast<double>(L);
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace actlab::mlp::experiments
