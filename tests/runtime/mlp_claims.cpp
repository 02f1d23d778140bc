// The study note's circle experiment as tests over seeds (docs: cs231n activation functions):
// a linear network stays near chance on "circle inside vs outside", while relu, tanh, sin and
// x² networks separate it. Playground settings (4-2 hidden units, tanh output, lr 0.03,
// batch 10), 1000 epochs, the seeds `actlab mlp compare --seeds 10` uses.
#include <actlab/mlp/train.hpp>

#include <catch2/catch.hpp>

using namespace actlab::mlp;

namespace {

summary circle_summary(const char* hidden) {
    train_options o;
    o.epochs = 1000;
    o.checkpoints = {1000};
    activation_setting s;
    s.kernels.assign(2, catalog_kernel<double>(*actlab::find(hidden)));
    s.kernels.push_back(catalog_kernel<double>(*actlab::find("tanh")));
    const auto runs = train_all(o, {s}, derive_seeds("0.12345", 10), 2);
    std::vector<const run_result*> p;
    for (const auto& r : runs) p.push_back(&r);
    return summarize(p, 0.95);
}

}  // namespace

TEST_CASE("a linear network stays near chance on the circle", "[mlp]") {
    const summary s = circle_summary("linear");
    INFO("max test accuracy " << s.max_test_accuracy);
    CHECK(s.runs == 10);
    CHECK(s.max_test_accuracy <= 0.7);
}

TEST_CASE("relu, tanh, sin and x² separate the circle in most seeds", "[mlp]") {
    for (const char* a : {"relu", "tanh", "sin", "square"}) {
        const summary s = circle_summary(a);
        INFO(a << ": " << s.reached_target << " of " << s.runs << " runs reach 0.95, mean "
               << s.mean_test_accuracy);
        CHECK(s.reached_target >= 8);
        CHECK(s.diverged == 0);
    }
}
