// compiled<f> against hand-written C++, the interpreted eval, and compiled<f> on actlab's own
// constexpr kernels, for sigmoid, tanh, GELU (erf), Mish and their first derivatives in double.
//
// Each benchmark sums f over 4096 inputs drawn uniformly from [-8, 8] (fixed seed, random
// order, so branches on the sign are not predictable). The table in
// docs/reference/compiled_benchmark.md is made from this program's JSON output by
// scripts/bench-table; the command is on that page.
#include <actlab/activations/smooth.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/expr/build.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace actlab;

// The activations, written with the public builders.
constexpr expr sigmoid_f = activations::sigmoid;
constexpr expr tanh_f = activations::tanh;
constexpr expr gelu_f = activations::gelu;
constexpr expr mish_f = activations::mish;

// What a careful engineer writes by hand.
double hand_sigmoid(double v) {
    if (v >= 0) return 1 / (1 + std::exp(-v));
    const double e = std::exp(v);
    return e / (1 + e);
}

struct hand_sigmoid_f {
    double operator()(double v) const { return hand_sigmoid(v); }
};
struct hand_d_sigmoid_f {
    double operator()(double v) const {
        const double s = hand_sigmoid(v);
        return s * (1 - s);
    }
};
struct hand_tanh_f {
    double operator()(double v) const { return std::tanh(v); }
};
struct hand_d_tanh_f {
    double operator()(double v) const {
        const double t = std::tanh(v);
        return 1 - t * t;
    }
};
struct hand_gelu_f {
    double operator()(double v) const { return 0.5 * v * (1 + std::erf(v * M_SQRT1_2)); }
};
struct hand_d_gelu_f {
    double operator()(double v) const {
        constexpr double inv_sqrt_2pi = 0.5 * M_2_SQRTPI * M_SQRT1_2;
        return 0.5 * (1 + std::erf(v * M_SQRT1_2)) + v * inv_sqrt_2pi * std::exp(-0.5 * v * v);
    }
};
struct hand_mish_f {
    double operator()(double v) const {
        const double sp = v > 20 ? v : std::log1p(std::exp(v));  // e^v overflows, log1p(e^v) = v
        return v * std::tanh(sp);
    }
};
struct hand_d_mish_f {
    // mish' = tanh(sp) + x σ(x) (1 − tanh²(sp)), sp = softplus(x); e^x computed once.
    double operator()(double v) const {
        const double e = std::exp(v);
        const double sp = v > 20 ? v : std::log1p(e);
        const double s = v > 20 ? 1.0 : e / (1 + e);
        const double t = std::tanh(sp);
        return t + v * s * (1 - t * t);
    }
};

template <expr F>
struct interpreted {
    double operator()(double v) const { return eval(F, v); }
};

const std::vector<double>& inputs() {
    static const std::vector<double> xs = [] {
        std::vector<double> r(4096);
        std::uint64_t s = 0x9e3779b97f4a7c15u;
        for (double& v : r) {  // splitmix64, so the inputs do not depend on the library
            s += 0x9e3779b97f4a7c15u;
            std::uint64_t z = s;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
            z ^= z >> 31;
            v = -8.0 + 16.0 * static_cast<double>(z >> 11) * 0x1p-53;
        }
        return r;
    }();
    return xs;
}

template <class Fn>
void run(benchmark::State& state) {
    const std::vector<double>& xs = inputs();
    const Fn f{};
    for (auto _ : state) {
        double sum = 0;
        for (const double v : xs) sum += f(v);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(xs.size()));
    state.counters["ns_per_elem"] = benchmark::Counter(
        static_cast<double>(xs.size()),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <expr F, class Hand>
void add(const std::string& name) {
    benchmark::RegisterBenchmark((name + "/hand-written").c_str(), run<Hand>);
    benchmark::RegisterBenchmark((name + "/compiled").c_str(), run<compiled<F>>);
    benchmark::RegisterBenchmark((name + "/compiled-actlab-kernels").c_str(),
                                 run<compiled<F, compiled_math::actlab>>);
    benchmark::RegisterBenchmark((name + "/eval").c_str(), run<interpreted<F>>);
}

}  // namespace

int main(int argc, char** argv) {
    add<sigmoid_f, hand_sigmoid_f>("sigmoid");
    add<d(sigmoid_f), hand_d_sigmoid_f>("sigmoid'");
    add<tanh_f, hand_tanh_f>("tanh");
    add<d(tanh_f), hand_d_tanh_f>("tanh'");
    add<gelu_f, hand_gelu_f>("gelu");
    add<d(gelu_f), hand_d_gelu_f>("gelu'");
    add<mish_f, hand_mish_f>("mish");
    add<d(mish_f), hand_d_mish_f>("mish'");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
