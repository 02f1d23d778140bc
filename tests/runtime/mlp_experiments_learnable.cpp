// Learnable activations (issue 17): PReLU's α, Swish's β, snake's α, APL's hinges and the
// B-spline's coefficients, per layer and per unit, trained with the weights. Every gradient
// (weights, biases, θ through d(f, θ)) against central differences; training adapts θ.
#include <actlab/mlp/experiments/data.hpp>
#include <actlab/mlp/experiments/learnable.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace actlab::mlp::experiments;
using actlab::mlp::catalog_kernel;

TEST_CASE("learnable activations: every gradient against central differences") {
    const std::vector<std::vector<double>> x = {{0.7, -1.3}, {-0.45, 0.2}, {1.9, 0.35}};
    const std::vector<double> y = {1, -1, 1};
    for (const char* act : {"prelu", "swish", "snake", "apl", "bspline"})
        for (const bool per_unit : {false, true}) {
            random_stream r(act);
            const auto k = catalog_kernel<double>(actlab::at(act));
            learnable_net n(2, {3, 2}, {k, k}, per_unit, r);
            // Move θ off its defaults so that every ∂f/∂θ term is exercised.
            std::vector<double> p = n.flat();
            for (double& v : p) v += 0.1 * r.normal();
            n.set_flat(p);
            std::vector<double> g(p.size(), 0.0);
            for (std::size_t i = 0; i < x.size(); ++i) n.backward(x[i], y[i], 1.0, g);
            const auto loss = [&](const std::vector<double>& q) {
                learnable_net m = n;
                m.set_flat(q);
                double e = 0;
                for (std::size_t i = 0; i < x.size(); ++i)
                    e += (m(x[i]) - y[i]) * (m(x[i]) - y[i]) / 2;
                return e;
            };
            // Which flat entries are trained: weights, biases and the learnable θ.
            std::vector<bool> trained;
            std::size_t theta_checked = 0;
            for (const auto& L : n.layers) {
                trained.insert(trained.end(), L.w.size() + L.b.size(), true);
                for (std::size_t q = 0; q < L.theta.size(); ++q) {
                    trained.push_back(L.act.learnable[q % L.n_params()]);
                    theta_checked += trained.back() ? 1 : 0;
                }
            }
            REQUIRE(trained.size() == p.size());
            CHECK(theta_checked > 0);
            for (std::size_t q = 0; q < p.size(); ++q) {
                // Step ≈ ε^(1/3)·scale: O(h²) truncation against O(ε/h) rounding, about 8
                // correct digits, so 1e-6 is a real check. (A kink of prelu/apl crossing the
                // step would break it: the points and seeds keep every z well away from them.)
                const double h = 6e-6 * std::max(1.0, std::fabs(p[q]));
                std::vector<double> up = p, down = p;
                up[q] += h;
                down[q] -= h;
                const double fd = (loss(up) - loss(down)) / (2 * h);
                INFO(act << (per_unit ? " per unit" : " per layer") << " parameter " << q);
                if (trained[q])
                    CHECK(g[q] == Approx(fd).epsilon(1e-6).margin(1e-9));
                else
                    CHECK(g[q] == 0);  // a fixed θ gets no gradient
            }
        }
}

TEST_CASE("learnable activations: training moves theta and lowers the loss") {
    const actlab::mlp::train_options t;
    const train_test d = make_data(t, "0");
    for (const char* act : {"prelu", "swish", "snake"})
        for (const bool per_unit : {false, true}) {
            random_stream r("0/init");
            const auto k = catalog_kernel<double>(actlab::at(act));
            learnable_net n(2, {4, 2}, {k, k}, per_unit, r);
            const auto cps =
                train_learnable(n, d.train.x, d.train.y, d.test.x, d.test.y, 30, 0.01, 10, {0, 30});
            REQUIRE(cps.size() == 2);
            INFO(act << (per_unit ? " per unit" : " per layer"));
            CHECK(cps[1].train_loss < cps[0].train_loss / 2);
            CHECK(cps[1].test_accuracy >= 0.9);
            const double before = cps[0].params[0][0].second[0],
                         after = cps[1].params[0][0].second[0];
            CHECK(std::fabs(after - before) > 1e-3);
        }
}
