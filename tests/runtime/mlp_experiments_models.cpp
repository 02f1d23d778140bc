// The other models of the notes (issue 17): a stack of activations with no weights stays near
// chance on the circle (and the nesting analysis says why); a KAN [2,1] separates it and its
// two edges read as x². Every learnable-parameter gradient (the activations' θ through d(f, θ),
// the KAN's spline coefficients and scales) against central differences.
#include <actlab/mlp/experiments/activations_only.hpp>
#include <actlab/mlp/experiments/data.hpp>
#include <actlab/mlp/experiments/kan.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace actlab::mlp::experiments;
using actlab::mlp::catalog_kernel;
using actlab::mlp::formula_kernel;

namespace {

const std::vector<std::string> seeds = {"0", "1", "2", "3", "4"};

// Step ≈ ε^(1/3)·scale balances the O(h²) truncation of the central difference against the
// O(ε/h) rounding: about 8 correct digits, so a 1e-6 relative tolerance is a real check.
double step_for(double p) { return 6e-6 * std::max(1.0, std::fabs(p)); }

}  // namespace

TEST_CASE("activations only: at most 0.7 test accuracy on the circle in most seeds") {
    const actlab::mlp::train_options t;  // circle, 500 points, half train
    for (const char* act : {"tanh", "relu", "sigmoid", "sin", "swish"})
        for (const bool learn : {false, true}) {
            int near_chance = 0;
            for (const std::string& seed : seeds) {
                const train_test d = make_data(t, seed);
                stack_model m(catalog_kernel<double>(actlab::at(act)), 3);
                if (learn) train_stack(m, d.train.x, d.train.y, 30, 0.03);
                near_chance += stack_accuracy(m, d.test.x, d.test.y) <= 0.7 ? 1 : 0;
            }
            INFO(act << (learn ? " (parameters trained)" : ""));
            CHECK(near_chance >= 4);
        }
}

TEST_CASE("activations only: the nesting analysis explains the failure") {
    const auto relu = nesting_reasons(*actlab::at("relu").definition);
    CHECK(relu[0].find("proved") != std::string::npos);  // relu∘relu = relu
    const auto tanh = nesting_reasons(*actlab::at("tanh").definition);
    CHECK(tanh[0].find("refuted") != std::string::npos);
    CHECK(tanh[1].find("0 (") != std::string::npos);  // the fixed point 0
    bool flattens = false;
    for (const auto& line : tanh)
        flattens = flattens || line.find("converges") != std::string::npos;
    CHECK(flattens);
}

TEST_CASE("activations only: the gradient of every learnable parameter") {
    const std::vector<std::vector<double>> x = {{0.7, -1.3}, {-0.45, 0.2}, {1.9, 0.35}};
    const std::vector<double> y = {1, -1, 1};
    for (const char* act : {"prelu", "swish", "snake", "apl"}) {
        stack_model m(catalog_kernel<double>(actlab::at(act)), 3);
        random_stream r(act);
        for (auto& layer : m.params)
            for (double& v : layer) v += 0.2 * r.normal();
        const auto loss = [&](const stack_model& s) {
            double e = 0;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double d = s.forward(x[i].data(), 2) - y[i];
                e += d * d / 2;
            }
            return e;
        };
        const std::size_t np = m.act.defaults.size();
        REQUIRE(np > 0);
        std::vector<double> g(np * 3, 0.0);
        for (std::size_t i = 0; i < x.size(); ++i)
            m.backward(x[i].data(), 2, m.forward(x[i].data(), 2) - y[i], g);
        for (std::size_t l = 0; l < 3; ++l)
            for (std::size_t k = 0; k < np; ++k) {
                stack_model up = m, down = m;
                const double h = step_for(m.params[l][k]);
                up.params[l][k] += h;
                down.params[l][k] -= h;
                INFO(act << " layer " << l << " parameter " << m.act.parameter_names[k]);
                CHECK(g[l * np + k] ==
                      Approx((loss(up) - loss(down)) / (2 * h)).epsilon(1e-6).margin(1e-9));
            }
    }
}

TEST_CASE("KAN: B-spline basis sums to one inside the grid, derivative by differences") {
    const spline_grid g{-2, 0.8, 5, 3};
    for (double x = -1.99; x < 2; x += 0.173) {
        double b[8], db[8], bu[8], dbu[8], bd[8], dbd[8];
        g.basis(x, b, db);
        double sum = 0;
        for (const double v : b) sum += v;
        CHECK(sum == Approx(1).epsilon(1e-14));
        const double h = 1e-6;
        g.basis(x + h, bu, dbu);
        g.basis(x - h, bd, dbd);
        for (int m = 0; m < 8; ++m) CHECK(db[m] == Approx((bu[m] - bd[m]) / (2 * h)).margin(1e-7));
    }
}

TEST_CASE("KAN: the gradient of every parameter") {
    random_stream r("kan-fd");
    kan k({2, 3, 1}, 5, 3, r);
    const std::vector<std::vector<double>> x = {{0.7, -1.3}, {-0.45, 0.2}, {1.9, 0.35}, {-2, 1.5}};
    const std::vector<double> y = {1, -1, 1, -1};
    k.fit_grids(x, 5);
    const auto loss = [&](const kan& n) {
        double e = 0;
        for (std::size_t i = 0; i < x.size(); ++i) e += (n(x[i]) - y[i]) * (n(x[i]) - y[i]) / 2;
        return e;
    };
    std::vector<std::vector<double>> g;
    for (const auto& l : k.layers) g.emplace_back(l.p.size(), 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) k.backward(x[i], k(x[i]) - y[i], g);
    for (std::size_t l = 0; l < k.layers.size(); ++l)
        for (std::size_t q = 0; q < k.layers[l].p.size(); ++q) {
            kan up = k, down = k;
            const double h = step_for(k.layers[l].p[q]);
            up.layers[l].p[q] += h;
            down.layers[l].p[q] -= h;
            INFO("layer " << l << " parameter " << q);
            CHECK(g[l][q] == Approx((loss(up) - loss(down)) / (2 * h)).epsilon(1e-6).margin(1e-9));
        }
}

TEST_CASE("KAN: grid extension keeps the function") {
    random_stream r("kan-grid");
    kan k({2, 1}, 5, 3, r);
    const train_test d = make_data(actlab::mlp::train_options{}, "0");
    k.fit_grids(d.train.x, 5);
    train_kan(k, d.train.x, d.train.y, 3, 0.03, 10, {});
    kan finer = k;
    finer.fit_grids(d.train.x, 10);
    // The cubic splines on 5 intervals lie in the space of those on 10 (the knots nest when
    // the range is the same), so the refit is exact up to rounding inside the range (the
    // training points; outside it the two extensions differ).
    for (std::size_t i = 0; i < 20; ++i)
        CHECK(finer(d.train.x[i]) == Approx(k(d.train.x[i])).margin(1e-9));
}

TEST_CASE("KAN [2,1] on the circle: at least 0.95 and both edges read as x^2") {
    for (const char* s : {"0", "1", "2"}) {
        const std::string seed = s;
        const train_test d = make_data(actlab::mlp::train_options{}, seed);
        random_stream r(seed + "/init");
        kan k({2, 1}, 5, 3, r);
        k.fit_grids(d.train.x, 5);
        train_kan(k, d.train.x, d.train.y, 60, 0.03, 10, {30});
        int right = 0;
        for (std::size_t i = 0; i < d.test.x.size(); ++i)
            right += ((k(d.test.x[i]) > 0 ? 1.0 : -1.0) == d.test.y[i]) ? 1 : 0;
        INFO("seed " << seed);
        CHECK(right >= 0.95 * static_cast<double>(d.test.x.size()));
        for (int i = 0; i < 2; ++i) {
            const edge_reading e = read_kan_edge(k, 0, i, 0, d.train.x);
            INFO("edge " << i << ": " << e.shape << " R2 " << e.r2);
            CHECK(e.shape == "x^2");
            CHECK(e.a < 0);  // inside (small x²) is +1
        }
    }
}

TEST_CASE("symbolic reading: known shapes are recognised") {
    std::vector<double> x, sq, sn, ab;
    for (int i = 0; i <= 100; ++i) {
        const double v = -3 + 0.06 * i;
        x.push_back(v);
        sq.push_back(-0.5 * v * v + 2);
        sn.push_back(1.5 * std::sin(2 * v) - 1);
        ab.push_back(std::fabs(v) + 0.3);
    }
    CHECK(read_edge(x, sq).shape == "x^2");
    CHECK(read_edge(x, sq).r2 == Approx(1).epsilon(1e-12));
    CHECK(read_edge(x, sn).shape == "sin");
    CHECK(read_edge(x, ab).shape == "abs");
}

TEST_CASE("symbolic reading: the catalogue's activations are candidates, the simpler shape wins") {
    // Every catalogue entry is a candidate (a·f(c·x + d) + b), after pykan's elementary shapes.
    const auto& all = edge_candidates();
    REQUIRE(all.size() == 7 + actlab::catalog().size());
    CHECK(all[7].name == actlab::catalog()[0].name);
    std::vector<double> x, bump, gelu;
    double y0 = 0, dy0 = 0;
    const auto g = formula_kernel<double>(*actlab::at("gelu").definition, "gelu");
    for (int i = 0; i <= 100; ++i) {
        const double v = -3 + 0.06 * i, u = 0.5 * v + 1;
        x.push_back(v);
        bump.push_back(2 * std::exp(-(0.5 * v - 1) * (0.5 * v - 1)) + 0.3);
        g.apply(&u, &y0, &dy0, 1, g.defaults.data());
        gelu.push_back(-1.5 * y0 + 0.25);
    }
    const edge_reading b = read_edge(x, bump);
    CHECK(b.shape == "gaussian");
    CHECK(b.inner);
    CHECK(b.r2 == Approx(1).epsilon(1e-12));
    CHECK(b.c * b.c == Approx(0.25));  // exp(−u²) is even: c = ±1/2, d = ∓1
    const edge_reading e = read_edge(x, gelu);
    CHECK(e.shape == "gelu");
    CHECK(e.a == Approx(-1.5).epsilon(1e-9));
    CHECK(e.b == Approx(0.25).epsilon(1e-9));
    CHECK(e.c == 0.5);
    CHECK(e.d == 1);
    // A parabola fits the catalogue's `square` as exactly, but x^2 is simpler (pykan's rule).
    std::vector<double> sq;
    for (const double v : x) sq.push_back(3 * v * v - 1);
    CHECK(read_edge(x, sq).shape == "x^2");
}
