// The MLP's batched training kernel (batch.hpp, epoch_trainer) against the per-example path
// (network::forward + network::backward + network::update after every batch-th example, the
// TensorFlow Playground's loop): the same weights, biases, parameters and accumulated
// gradients, bit for bit, after every epoch — for batches that divide the training set and
// batches that do not (an incomplete batch carries over), batches larger than the kernel's
// chunk, odd chunk sizes, L1 (dead links), L2, momentum, Adam, reshuffling, BCE with a sigmoid
// output, learnable activation parameters, --expr formulas, seven input features, deep nets.
#include <actlab/expr/parse.hpp>
#include <actlab/mlp/train.hpp>

#include <catch2/catch.hpp>

#include <numeric>
#include <string>
#include <vector>

using namespace actlab::mlp;

namespace {

struct setting {
    std::string name;
    train_options o;
    std::vector<activation_kernel<double>> kernels;
};

activation_kernel<double> named(const char* a) { return catalog_kernel<double>(*actlab::find(a)); }

std::vector<activation_kernel<double>> alike(const char* hidden, std::size_t layers,
                                             const char* out = "tanh") {
    std::vector<activation_kernel<double>> k(layers, named(hidden));
    k.push_back(named(out));
    return k;
}

// The per-example loop train() ran before the batched kernel (and the Playground runs).
void reference_epoch(network<double>& net, const detail::featured& d,
                     const std::vector<std::size_t>& order, const train_options& o, bool zero_one) {
    for (std::size_t k = 0; k < order.size(); ++k) {
        const double out = net.forward(d.row(order[k]));
        const double t = detail::target(d.y[order[k]], zero_one);
        net.backward(d.row(order[k]), out - t, o.loss == loss_kind::bce);
        if ((k + 1) % static_cast<std::size_t>(o.batch) == 0) net.update(o.update);
    }
}

void require_same(const network<double>& a, const network<double>& b) {
    REQUIRE(a.accumulated == b.accumulated);
    REQUIRE(a.updates == b.updates);
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        INFO("layer " << l);
        const layer<double>& p = a.layers[l];
        const layer<double>& q = b.layers[l];
        REQUIRE(p.w == q.w);
        REQUIRE(p.b == q.b);
        REQUIRE(p.params == q.params);
        REQUIRE(p.gw == q.gw);
        REQUIRE(p.gb == q.gb);
        REQUIRE(p.gp == q.gp);
        REQUIRE(p.dead == q.dead);
    }
}

// Returns whether L1 killed a link (so that the dead-link branches were taken).
bool check_setting(const setting& s, long epochs) {
    INFO(s.name);
    train_options o = s.o;
    o.epochs = 0;  // data and initial network only
    run_result r = train(o, "batch test", s.kernels);
    const detail::featured d = detail::map_features(r.data.train, o.features);
    const bool zero_one = s.kernels.back().name == "sigmoid";
    const network<double> initial = r.net;
    network<double> reference = r.net;
    epoch_trainer fast(r.net, d, o.batch, zero_one, o.loss == loss_kind::bce);
    std::vector<std::size_t> order(d.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    seedrandom shuffle("order");
    for (long epoch = 1; epoch <= epochs; ++epoch) {
        INFO("epoch " << epoch);
        if (o.reshuffle) playground_shuffle(order, [&] { return shuffle(); });
        reference_epoch(reference, d, order, o, zero_one);
        fast.epoch(order, o.update);
        require_same(reference, r.net);
    }
    CHECK(r.net.layers[0].w != initial.layers[0].w);  // trained networks, not untouched copies
    bool dead = false;
    for (const auto& L : r.net.layers) dead = dead || !L.dead.empty();
    return dead;
}

}  // namespace

TEST_CASE("batched training equals the per-example path bit for bit", "[mlp]") {
    std::vector<setting> settings;
    const auto add = [&](std::string name, auto&& change,
                         std::vector<activation_kernel<double>> k) {
        setting s{std::move(name), train_options{}, std::move(k)};
        change(s.o);
        settings.push_back(std::move(s));
    };
    add(
        "playground relu 4-2, batch 10", [](train_options& o) { o.playground = true; },
        alike("relu", 2));
    add(
        "tanh, batch 7 (does not divide 250)", [](train_options& o) { o.batch = 7; },
        alike("tanh", 2));
    add("sin, batch 1", [](train_options& o) { o.batch = 1; }, alike("sin", 2));
    add(
        "batch 75 (> the kernel's chunk), 3 hidden layers",
        [](train_options& o) {
            o.batch = 75;
            o.hidden = {5, 3, 2};
        },
        alike("tanh", 3));
    add(
        "batch 125: chunks of 32, 32, 32, 29", [](train_options& o) { o.batch = 125; },
        alike("relu", 2));
    add(
        "L1, large rate (dead links)",
        [](train_options& o) {
            o.update.regularization = regularization_kind::l1;
            o.update.regularization_rate = 0.01;
            o.update.learning_rate = 0.3;
        },
        alike("relu", 2));
    add(
        "L2, momentum, reshuffle",
        [](train_options& o) {
            o.update.regularization = regularization_kind::l2;
            o.update.regularization_rate = 0.003;
            o.update.optimizer = optimizer_kind::momentum;
            o.reshuffle = true;
        },
        alike("sigmoid", 2));
    add(
        "Adam, BCE with sigmoid output, xor, noise",
        [](train_options& o) {
            o.dataset = "xor";
            o.noise = 0.2;
            o.loss = loss_kind::bce;
            o.update.optimizer = optimizer_kind::adam;
            o.update.learning_rate = 0.01;
            o.init = init_kind::xavier;
        },
        alike("square", 2, "sigmoid"));
    add("learnable parameters: prelu, swish, apl per layer, spiral, seven features",
        [](train_options& o) {
            o.dataset = "spiral";
            o.features = parse_features("x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2");
            o.hidden = {6, 4, 3};
            o.update.optimizer = optimizer_kind::adam;
            o.update.learning_rate = 0.01;
            o.batch = 3;
        },
        {named("prelu"), named("swish"), named("apl"), named("identity")});
    add(
        "--expr formula, gauss, 20% train",
        [](train_options& o) {
            o.dataset = "gauss";
            o.train_percent = 20;
        },
        std::vector<activation_kernel<double>>{
            formula_kernel<double>(actlab::parse("x*sin(x)"), "x*sin(x)"),
            formula_kernel<double>(actlab::parse("x*sin(x)"), "x*sin(x)"), named("tanh")});
    add(
        "no hidden layer", [](train_options& o) { o.hidden = {}; },
        std::vector<activation_kernel<double>>{named("tanh")});
    add(
        "deep: 6 hidden layers x 33 (odd widths), He init, batch 9",
        [](train_options& o) {
            o.hidden = std::vector<int>(6, 33);
            o.init = init_kind::he;
            o.update.learning_rate = 0.001;
            o.batch = 9;
        },
        alike("relu", 6));
    for (const setting& s : settings) {
        const bool dead = check_setting(s, 4);
        if (s.name.find("dead links") != std::string::npos) CHECK(dead);
    }
}

TEST_CASE("train() gives the Playground's numbers through the batched kernel", "[mlp]") {
    // The batched kernel is what train() runs; the per-example path must land on the same bits
    // after 100 epochs of the Playground run.
    train_options o;
    o.playground = true;
    o.epochs = 100;
    o.checkpoints = {100};
    const run_result fast = train(o, "0.12345", alike("relu", 2));
    o.epochs = 0;
    o.checkpoints = {};
    run_result slow = train(o, "0.12345", alike("relu", 2));
    const detail::featured d = detail::map_features(slow.data.train, o.features);
    std::vector<std::size_t> order(d.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (int epoch = 0; epoch < 100; ++epoch) reference_epoch(slow.net, d, order, o, false);
    require_same(fast.net, slow.net);
    const detail::featured test = detail::map_features(slow.data.test, o.features);
    CHECK(evaluate(slow.net, test, o.loss, false).first == fast.checkpoints.back().test_loss);
}
