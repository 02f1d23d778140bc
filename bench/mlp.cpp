// Training throughput of actlab's MLP (docs/reference/mlp_benchmark.md):
//   circle 2-4-2-1, batch 10, SGD — examples per second, per hidden activation;
//   a deep net, 20 hidden layers × 64 relu — examples per second and FLOP/s;
//   the dense layer's matrix–vector product: our loop against Eigen, widths 4 and 64.
#include <actlab/mlp/train.hpp>

#include <benchmark/benchmark.h>
#include <Eigen/Dense>

#include <numeric>

using namespace actlab::mlp;

namespace {

std::vector<activation_kernel<double>> kernels(const char* hidden, int layers) {
    std::vector<activation_kernel<double>> k(static_cast<std::size_t>(layers),
                                             catalog_kernel<double>(*actlab::find(hidden)));
    k.push_back(catalog_kernel<double>(*actlab::find("tanh")));
    return k;
}

// One epoch over the data = forward, backward and (every 10 examples) an update per example.
void train_epochs(benchmark::State& state, const char* hidden, std::vector<int> widths) {
    train_options o;
    o.epochs = 0;
    o.hidden = widths;
    run_result r = train(o, "bench", kernels(hidden, static_cast<int>(widths.size())));
    std::vector<double> x, y;
    for (const example& e : r.data.train) {
        x.push_back(e.x1);
        x.push_back(e.x2);
        y.push_back(e.label);
    }
    const std::size_t n = y.size();
    network<double>& net = r.net;
    for (auto _ : state) {
        for (std::size_t k = 0; k < n; ++k) {
            const double out = net.forward(&x[2 * k]);
            net.backward(&x[2 * k], out - y[k]);
            if ((k + 1) % 10 == 0) net.update(o.update);
        }
        benchmark::DoNotOptimize(net.layers.back().a[0]);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(n));
    // forward 2·(in·out) per layer, backward ~4·(in·out): multiply–adds of the dense layers
    double macs = 0;
    int in = 2;
    for (const int w : widths) {
        macs += in * w;
        in = w;
    }
    macs += in;
    state.counters["FLOP/s"] = benchmark::Counter(
        6 * macs * static_cast<double>(n) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}

void circle(benchmark::State& s, const char* a) { train_epochs(s, a, {4, 2}); }
void deep(benchmark::State& s, const char* a) { train_epochs(s, a, std::vector<int>(20, 64)); }

BENCHMARK_CAPTURE(circle, relu, "relu");
BENCHMARK_CAPTURE(circle, tanh, "tanh");
BENCHMARK_CAPTURE(circle, sigmoid, "sigmoid");
BENCHMARK_CAPTURE(circle, sin, "sin");
BENCHMARK_CAPTURE(circle, square, "square");
BENCHMARK_CAPTURE(circle, linear, "identity");
BENCHMARK_CAPTURE(circle, mish, "mish");
BENCHMARK_CAPTURE(deep, relu, "relu");
BENCHMARK_CAPTURE(deep, tanh, "tanh");

void circle_formula(benchmark::State& state) {
    // the run-time interpreter (--expr) against the compiled table, same activation
    train_options o;
    o.epochs = 0;
    std::vector<activation_kernel<double>> k(
        2, formula_kernel<double>(actlab::activations::relu, "relu"));
    k.push_back(formula_kernel<double>(actlab::activations::tanh, "tanh"));
    run_result r = train(o, "bench", k);
    std::vector<double> x;
    for (const example& e : r.data.train) x.insert(x.end(), {e.x1, e.x2});
    const std::size_t n = r.data.train.size();
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            const double out = r.net.forward(&x[2 * i]);
            r.net.backward(&x[2 * i], out - r.data.train[i].label);
            if ((i + 1) % 10 == 0) r.net.update(o.update);
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(n));
}
BENCHMARK(circle_formula);

void matvec_loop(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    std::vector<double> w(static_cast<std::size_t>(n * n), 0.01), a(static_cast<std::size_t>(n), 1),
        z(static_cast<std::size_t>(n));
    for (auto _ : state) {
        for (int j = 0; j < n; ++j) {
            double s = 0.1;
            for (int i = 0; i < n; ++i)
                s += w[static_cast<std::size_t>(j * n + i)] * a[static_cast<std::size_t>(i)];
            z[static_cast<std::size_t>(j)] = s;
        }
        benchmark::DoNotOptimize(z.data());
        benchmark::ClobberMemory();
    }
}

void matvec_eigen(benchmark::State& state) {
    const auto n = static_cast<Eigen::Index>(state.range(0));
    const Eigen::MatrixXd w = Eigen::MatrixXd::Constant(n, n, 0.01);
    const Eigen::VectorXd a = Eigen::VectorXd::Ones(n), b = Eigen::VectorXd::Constant(n, 0.1);
    Eigen::VectorXd z(n);
    for (auto _ : state) {
        z.noalias() = b;
        z.noalias() += w * a;
        benchmark::DoNotOptimize(z.data());
        benchmark::ClobberMemory();
    }
}

BENCHMARK(matvec_loop)->Arg(4)->Arg(64);
BENCHMARK(matvec_eigen)->Arg(4)->Arg(64);

}  // namespace

BENCHMARK_MAIN();
