// Gradients across depth at initialisation (issue 17): the slope of ln‖g_l‖² against the
// distance from the top agrees with ln χ1 of the mean-field analysis within the seed spread —
// tanh ordered, critical and chaotic, relu at σ_w² = 2.
#include <actlab/mlp/experiments/depth.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace actlab::mlp::experiments;

namespace {

struct phase {
    const char* act;
    const char* sigma_w2;
    const char* sigma_b2;
    int sign;  // of ln χ1: −1 vanishing, 0 critical, +1 exploding
};

}  // namespace

TEST_CASE("depth: measured slopes against ln chi1 of the mean field") {
    const phase phases[] = {{"tanh", "0.5", "0.05", -1},
                            {"tanh", "1.76", "0.05", 0},
                            {"tanh", "4", "0.05", 1},
                            {"relu", "2", "0", 0}};
    for (const phase& ph : phases) {
        const actlab::activation& a = actlab::at(ph.act);
        const mean_field_prediction mf =
            predict_mean_field(*a.definition, ph.sigma_w2, ph.sigma_b2);
        REQUIRE(std::isfinite(mf.chi1));
        depth_options o{.layers = 30,
                        .width = 150,
                        .sigma_w2 = std::stod(ph.sigma_w2),
                        .sigma_b2 = std::stod(ph.sigma_b2)};
        if (std::isfinite(mf.q_star)) o.q0 = mf.q_star;
        std::vector<double> slopes;
        for (int s = 0; s < 8; ++s)
            slopes.push_back(depth_slope(
                gradient_norms(actlab::mlp::catalog_kernel<double>(a), o, std::to_string(s))));
        double mean = 0, var = 0;
        for (const double s : slopes) mean += s / 8;
        for (const double s : slopes) var += (s - mean) * (s - mean) / 7;
        const double sd = std::sqrt(var), ln_chi = std::log(mf.chi1);
        INFO(ph.act << " sigma_w2 " << ph.sigma_w2 << ": slope " << mean << " sd " << sd
                    << ", ln chi1 " << ln_chi);
        // Within two standard deviations of one seed's slope (the seed spread).
        CHECK(std::fabs(mean - ln_chi) <= 2 * sd);
        if (ph.sign < 0) CHECK(mean < -2 * sd);
        if (ph.sign > 0) CHECK(mean > 2 * sd);
    }
}

TEST_CASE("depth: the slope of exact geometric norms is ln of the ratio") {
    std::vector<double> norms;
    for (int l = 0; l < 10; ++l) norms.push_back(std::pow(0.8, 9 - l));
    CHECK(depth_slope(norms) == Approx(std::log(0.8)).epsilon(1e-12));
}
