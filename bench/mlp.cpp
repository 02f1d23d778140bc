// Training throughput of actlab's MLP (docs/reference/mlp_benchmark.md), items/s = examples/s:
//   circle/<act>         circle 2-4-2-1, batch 10, SGD, tanh output: the path train() runs
//                        (epoch_trainer: batched kernel, the Playground's bits);
//   circle_per_example   the same through network::forward/backward one example at a time;
//   circle_formula       the same with --expr-style kernels (the run-time interpreter);
//   deep/<act>           20 hidden layers × 64, batch 10, with FLOP/s;
//   *_eigen              the same training with Eigen's dense products (when libeigen3-dev is
//                        installed): W·A, Wᵀ·Δ and Δ·Aᵀ per batch, the same activation kernels.
#include <actlab/mlp/train.hpp>

#include <benchmark/benchmark.h>

#if ACTLAB_BENCH_EIGEN
#include <Eigen/Dense>
#endif

#include <numeric>

using namespace actlab::mlp;

namespace {

std::vector<activation_kernel<double>> kernels(const char* hidden, std::size_t layers) {
    std::vector<activation_kernel<double>> k(layers, catalog_kernel<double>(*actlab::find(hidden)));
    k.push_back(catalog_kernel<double>(*actlab::find("tanh")));
    return k;
}

std::vector<int> circle_widths() { return {4, 2}; }
std::vector<int> deep_widths() { return std::vector<int>(20, 64); }

//! An untrained network and its training set (Playground init for the circle net, He for the
//! deep one: U(−0.5, 0.5) weights through 20 relu layers would shrink the signal to nothing).
struct problem {
    train_options o;
    run_result r;
    detail::featured data;
    std::vector<std::size_t> order;

    problem(const std::vector<activation_kernel<double>>& k, std::vector<int> widths) {
        o.epochs = 0;
        o.hidden = std::move(widths);
        if (o.hidden.size() > 2) {
            o.init = init_kind::he;
            o.update.learning_rate = 0.001;
        }
        r = train(o, "bench", k);
        data = detail::map_features(r.data.train, o.features);
        order.resize(data.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
    }
};

// Multiply–adds of the dense layers per example: forward 1, backward 2 (Wᵀδ and δaᵀ) each.
double flop_per_example(const std::vector<int>& widths) {
    double macs = 0;
    int in = 2;
    for (const int w : widths) {
        macs += in * w;
        in = w;
    }
    macs += in;
    return 6 * macs;
}

void count(benchmark::State& state, std::size_t examples, const std::vector<int>& widths) {
    const auto n = static_cast<double>(examples) * static_cast<double>(state.iterations());
    state.SetItemsProcessed(static_cast<long>(n));
    state.counters["FLOP/s"] =
        benchmark::Counter(flop_per_example(widths) * n, benchmark::Counter::kIsRate);
}

// One epoch, out of line: `valgrind --tool=callgrind --toggle-collect='*one_epoch*'` counts the
// instructions of the training alone (docs/reference/mlp_benchmark.md).
[[gnu::noinline]] void one_epoch(epoch_trainer& t, const problem& p) {
    t.epoch(p.order, p.o.update);
}

// One iteration = one epoch over the 250 training points.
void train_epochs(benchmark::State& state, const char* hidden, const std::vector<int>& widths) {
    problem p(kernels(hidden, widths.size()), widths);
    epoch_trainer t(p.r.net, p.data, p.o.batch, false, false);
    for (auto _ : state) {
        one_epoch(t, p);
        benchmark::DoNotOptimize(p.r.net.layers.back().b[0]);
    }
    count(state, p.data.size(), widths);
}

void per_example(benchmark::State& state, const std::vector<activation_kernel<double>>& k) {
    problem p(k, circle_widths());
    network<double>& net = p.r.net;
    for (auto _ : state) {
        for (std::size_t i = 0; i < p.data.size(); ++i) {
            const double out = net.forward(p.data.row(i));
            net.backward(p.data.row(i), out - p.data.y[i]);
            if ((i + 1) % 10 == 0) net.update(p.o.update);
        }
        benchmark::DoNotOptimize(net.layers.back().b[0]);
    }
    count(state, p.data.size(), circle_widths());
}

void circle(benchmark::State& s, const char* a) { train_epochs(s, a, circle_widths()); }
void deep(benchmark::State& s, const char* a) { train_epochs(s, a, deep_widths()); }
void circle_per_example(benchmark::State& s) { per_example(s, kernels("relu", 2)); }
void circle_formula(benchmark::State& state) {
    std::vector<activation_kernel<double>> k(
        2, formula_kernel<double>(actlab::activations::relu, "relu"));
    k.push_back(formula_kernel<double>(actlab::activations::tanh, "tanh"));
    problem p(k, circle_widths());
    epoch_trainer t(p.r.net, p.data, p.o.batch, false, false);
    for (auto _ : state) t.epoch(p.order, p.o.update);
    count(state, p.data.size(), circle_widths());
}

BENCHMARK_CAPTURE(circle, relu, "relu");
BENCHMARK_CAPTURE(circle, tanh, "tanh");
BENCHMARK_CAPTURE(circle, sigmoid, "sigmoid");
BENCHMARK_CAPTURE(circle, sin, "sin");
BENCHMARK_CAPTURE(circle, square, "square");
BENCHMARK_CAPTURE(circle, linear, "identity");
BENCHMARK_CAPTURE(circle, mish, "mish");
BENCHMARK(circle_per_example);
BENCHMARK(circle_formula);
BENCHMARK_CAPTURE(deep, relu, "relu");
BENCHMARK_CAPTURE(deep, tanh, "tanh");

#if ACTLAB_BENCH_EIGEN
// The same training with Eigen doing the dense layers: per batch of 10 examples (columns),
// Z = W·A + b, the activation kernel per unit, Δ = dE/dA ⊙ f′, gW = Δ·Aᵀ, gb = Δ·1,
// dE/dA_below = Wᵀ·Δ, then W −= (lr/10)·gW. Row-major, so a unit's batch is contiguous for
// the kernel. Eigen sums in its own order (blocked, vectorized), not the Playground's.
using matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct eigen_layer {
    matrix w, gw, z, a, da, delta, der;
    Eigen::VectorXd b, gb;
    activation_kernel<double> act;
    std::vector<double> params;
};

void eigen_train(benchmark::State& state, const char* hidden, const std::vector<int>& widths) {
    problem p(kernels(hidden, widths.size()), widths);
    const Eigen::Index batch = 10;
    std::vector<eigen_layer> layers;
    for (const layer<double>& L : p.r.net.layers) {
        eigen_layer E;
        E.w = Eigen::Map<const matrix>(L.w.data(), L.outputs, L.inputs);
        E.gw = matrix::Zero(L.outputs, L.inputs);
        E.b = Eigen::Map<const Eigen::VectorXd>(L.b.data(), L.outputs);
        E.gb = Eigen::VectorXd::Zero(L.outputs);
        E.z = E.a = E.da = E.delta = E.der = matrix::Zero(L.outputs, batch);
        E.act = L.act;
        E.params = L.params;
        layers.push_back(std::move(E));
    }
    // the inputs as columns, batch by batch
    matrix x(2, static_cast<Eigen::Index>(p.data.size()));
    Eigen::RowVectorXd y(static_cast<Eigen::Index>(p.data.size()));
    for (std::size_t k = 0; k < p.data.size(); ++k) {
        x(0, static_cast<Eigen::Index>(k)) = p.data.row(k)[0];
        x(1, static_cast<Eigen::Index>(k)) = p.data.row(k)[1];
        y(static_cast<Eigen::Index>(k)) = p.data.y[k];
    }
    const double step = p.o.update.learning_rate / static_cast<double>(batch);
    for (auto _ : state) {
        for (Eigen::Index start = 0; start + batch <= x.cols(); start += batch) {
            const auto in0 = x.middleCols(start, batch);
            for (std::size_t l = 0; l < layers.size(); ++l) {
                eigen_layer& L = layers[l];
                if (l == 0)
                    L.z.noalias() = L.w * in0;
                else
                    L.z.noalias() = L.w * layers[l - 1].a;
                L.z.colwise() += L.b;
                for (Eigen::Index j = 0; j < L.z.rows(); ++j)
                    L.act.apply(&L.z(j, 0), &L.a(j, 0), &L.da(j, 0),
                                static_cast<std::size_t>(batch), L.params.data());
            }
            layers.back().der = layers.back().a - y.middleCols(start, batch);
            for (std::size_t l = layers.size(); l-- > 0;) {
                eigen_layer& L = layers[l];
                L.delta = L.der.cwiseProduct(L.da);
                L.gb = L.delta.rowwise().sum();
                if (l == 0) {
                    L.gw.noalias() = L.delta * in0.transpose();
                } else {
                    L.gw.noalias() = L.delta * layers[l - 1].a.transpose();
                    layers[l - 1].der.noalias() = L.w.transpose() * L.delta;
                }
                L.w -= step * L.gw;
                L.b -= step * L.gb;
            }
        }
        benchmark::DoNotOptimize(layers.back().b(0));
    }
    count(state, p.data.size(), widths);
}

void circle_eigen(benchmark::State& s, const char* a) { eigen_train(s, a, circle_widths()); }
void deep_eigen(benchmark::State& s, const char* a) { eigen_train(s, a, deep_widths()); }
BENCHMARK_CAPTURE(circle_eigen, relu, "relu");
BENCHMARK_CAPTURE(deep_eigen, relu, "relu");
BENCHMARK_CAPTURE(deep_eigen, tanh, "tanh");
#endif

}  // namespace

BENCHMARK_MAIN();
