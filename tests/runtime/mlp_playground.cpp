// The MLP against the TensorFlow Playground: seedrandom's numbers, the Playground's data, and
// its training numbers (issue 16); determinism across runs and thread counts.
#include <actlab/mlp/train.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace actlab::mlp;

namespace {

std::vector<activation_kernel<double>> kernels(const char* hidden, int layers, const char* out) {
    std::vector<activation_kernel<double>> k(static_cast<std::size_t>(layers),
                                             catalog_kernel<double>(*actlab::find(hidden)));
    k.push_back(catalog_kernel<double>(*actlab::find(out)));
    return k;
}

// Agreement to at least `digits` significant digits.
bool agrees(double got, double want, int digits) {
    return std::fabs(got - want) <= 0.5 * std::pow(10.0, 1 - digits) * std::fabs(want);
}

}  // namespace

TEST_CASE("seedrandom gives seedrandom.js's documented numbers", "[mlp]") {
    seedrandom r("hello.");
    CHECK(r() == 0.9282578795792454);
    CHECK(r() == 0.3752569768646784);
}

TEST_CASE("the Playground's circle data: 250 inside, 250 outside", "[mlp]") {
    seedrandom r("0.12345");
    const auto pts = circle_data(500, 0, [&] { return r(); });
    REQUIRE(pts.size() == 500);
    for (std::size_t k = 0; k < pts.size(); ++k) {
        const double radius = std::hypot(pts[k].x1, pts[k].x2);
        CHECK(pts[k].label == (k < 250 ? 1.0 : -1.0));
        CHECK(radius <= (k < 250 ? 2.5 : 5.0));
        if (k >= 250) CHECK(radius >= 3.5 * (1 - 1e-15));
    }
}

TEST_CASE("--playground reproduces the Playground's losses (circle, relu, 4-2)", "[mlp]") {
    train_options o;
    o.playground = true;
    o.epochs = 100;
    o.checkpoints = {0, 100};
    const run_result r = train(o, "0.12345", kernels("relu", 2, "tanh"));
    REQUIRE(r.checkpoints.size() == 2);
    // The numbers, from the Playground itself. 12 digits, not all 17: V8's Math.sin,
    // Math.cos and Math.tanh (fdlibm) may differ from glibc's by an ulp, and 25 000 updates
    // carry such differences into the last few digits.
    INFO("epoch 0: " << r.checkpoints[0].test_loss
                     << ", epoch 100: " << r.checkpoints[1].test_loss);
    CHECK(agrees(r.checkpoints[0].test_loss, 0.5093260521891815, 12));
    CHECK(agrees(r.checkpoints[1].test_loss, 0.022558114330129324, 12));
}

TEST_CASE("same seeds give bit-identical results, on any number of threads", "[mlp]") {
    train_options o;
    o.epochs = 30;
    o.checkpoints = {0, 10, 30};
    o.reshuffle = true;
    o.update.optimizer = optimizer_kind::adam;
    o.update.learning_rate = 0.01;
    std::vector<activation_setting> settings = {{kernels("tanh", 2, "tanh")},
                                                {kernels("sin", 2, "tanh")}};
    const auto seeds = derive_seeds("7", 3);
    const auto one = train_all(o, settings, seeds, 1);
    const auto two = train_all(o, settings, seeds, 2);
    const auto again = train_all(o, settings, seeds, 2);
    REQUIRE(one.size() == 6);
    for (std::size_t k = 0; k < one.size(); ++k) {
        REQUIRE(one[k].checkpoints.size() == 3);
        for (std::size_t c = 0; c < 3; ++c) {
            CHECK(one[k].checkpoints[c].test_loss == two[k].checkpoints[c].test_loss);
            CHECK(one[k].checkpoints[c].train_loss == again[k].checkpoints[c].train_loss);
        }
        CHECK(one[k].net.layers[0].w == two[k].net.layers[0].w);
    }
    CHECK(one[0].checkpoints[2].test_loss != one[1].checkpoints[2].test_loss);  // seeds differ
}

TEST_CASE("NaN or inf stops training cleanly at the epoch it appears", "[mlp]") {
    train_options o;
    o.epochs = 200;
    o.checkpoints = {0, 200};
    o.update.learning_rate = 1e6;  // x² with a huge step blows up within a few epochs
    const run_result r = train(o, "1", kernels("square", 2, "identity"));
    REQUIRE(r.diverged_at.has_value());
    CHECK(*r.diverged_at < 200);
    CHECK(r.checkpoints.back().epoch == *r.diverged_at);
    CHECK(r.checkpoints.front().epoch == 0);
}

TEST_CASE("CSV input: ±1 or 0/1 labels, errors name the line", "[mlp]") {
    const auto pts = parse_csv("x1,x2,label\n1,2,1\n3,4,0\n5,6,-1\n", "t.csv");
    REQUIRE(pts.size() == 3);
    CHECK(pts[1].label == -1);
    CHECK(pts[2].label == -1);
    CHECK_THROWS_WITH(parse_csv("1,2,1\n3,x,1\n", "t.csv"), Catch::Contains("t.csv:2"));
    CHECK_THROWS_WITH(parse_csv("1,2,3\n", "t.csv"), Catch::Contains("label"));
    CHECK_THROWS_WITH(parse_csv("1,2\n", "t.csv"), Catch::Contains("t.csv:1"));
    CHECK_THROWS(parse_features("x1,cosx"));
    CHECK(parse_features("y,x").size() == 2);
}
