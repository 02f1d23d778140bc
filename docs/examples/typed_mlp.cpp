// A typed MLP: three layers of three types in a Boost.Hana tuple, each with its activation as
// a compile-time expression (relu, sin, tanh), trained on the TensorFlow Playground's circle.
// f and f′ of every layer are compiled<f> and compiled<d(f)>: no hand-written derivative.
#include <actlab/actlab.hpp>
#include <actlab/mlp/dataset.hpp>
#include <actlab/mlp/typed_network.hpp>

#include <cstdio>

using namespace actlab;

int main() {
    mlp::typed_network<mlp::dense<activations::relu, 2, 4>, mlp::dense<sin(x), 4, 2>,
                       mlp::dense<activations::tanh, 2, 1>>
        net;
    mlp::seedrandom r("0.12345");
    const mlp::uniform_source uniform = [&] { return r(); };
    std::vector<mlp::example> points = mlp::circle_data(500, 0, uniform);
    mlp::playground_shuffle(points, uniform);
    const mlp::split_data data = mlp::split(points, 50);
    net.init(uniform);

    const auto accuracy = [&](const std::vector<mlp::example>& set) {
        int right = 0;
        for (const mlp::example& e : set)
            right += (net.forward({e.x1, e.x2}) >= 0) == (e.label > 0);
        return static_cast<double>(right) / static_cast<double>(set.size());
    };
    const double before = accuracy(data.test);
    for (int epoch = 0; epoch < 300; ++epoch)
        for (std::size_t k = 0; k < data.train.size(); ++k) {
            const mlp::example& e = data.train[k];
            const double out = net.forward({e.x1, e.x2});
            net.backward({e.x1, e.x2}, out - e.label);  // ½(out − label)²
            if ((k + 1) % 10 == 0) net.update(0.03);
        }
    const double after = accuracy(data.test);
    std::printf("relu-sin-tanh on the circle: test accuracy %.3f before, %.3f after 300 epochs\n",
                before, after);
    return after > 0.9 ? 0 : 1;  // the example fails loudly if training does not work
}
