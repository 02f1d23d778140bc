// erf and erfc_split of the quick phase (include/actlab/eval/detail/quick_erf.hpp) per call,
// at arguments in each method's range and at gelu's erfc arguments −x/√2 for the x of
// tests/data/activations/gelu.csv (2287 points, tails to |x| = 750).
//
//   cmake --preset bench && cmake --build --preset bench --target bench_quick_erf
//   ./build/bench/bench/quick_erf     (from the repository root, for the gelu row)
#include <actlab/eval/detail/quick_erf.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace q = actlab::detail::quick;

// Balls at 64 points spread over [lo, hi] (radius 2^-100 relative, as the quick phase's
// products with the ball of √2/2 carry).
std::vector<q::ball> spread(double lo, double hi) {
    std::vector<q::ball> v;
    for (int k = 0; k < 64; ++k) {
        const double t = lo + (hi - lo) * (k + 0.5) / 64;
        v.push_back(q::ball{{t, 0.0}, std::abs(t) * 0x1p-100});
    }
    return v;
}

// −x·√2/2 for the x of gelu.csv (empty when not run from the repository root).
std::vector<q::ball> gelu_arguments() {
    std::ifstream in("tests/data/activations/gelu.csv");
    std::vector<q::ball> v;
    std::string line;
    const q::ball half_sqrt2 = {{0x1.6a09e667f3bcdp-1, -0x1.bdd3413b26456p-55}, 0x1p-106};
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 'x') continue;
        const double x = std::strtod(line.c_str(), nullptr);
        v.push_back(q::mul(q::point(-x), half_sqrt2));
    }
    return v;
}

template <class F>
void run(benchmark::State& state, const std::vector<q::ball>& args, F f) {
    if (args.empty()) {
        state.SkipWithError("tests/data/activations/gelu.csv not found: run from the repository");
        return;
    }
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(f(args[i]));
        i = i + 1 == args.size() ? 0 : i + 1;
    }
}

void register_all() {
    struct range {
        const char* name;
        double lo, hi;
    };
    static const range ranges[] = {{"[0,1]", 0, 1},       {"[1,2]", 1, 2},    {"[2,3]", 2, 3},
                                   {"[3,4]", 3, 4},       {"[4,6]", 4, 6},    {"[6,27]", 6, 27},
                                   {"[27,530]", 27, 530}, {"[-6,-3]", -6, -3}};
    for (const range& r : ranges) {
        const auto args = spread(r.lo, r.hi);
        benchmark::RegisterBenchmark((std::string("erfc_split/") + r.name).c_str(),
                                     [args](benchmark::State& s) { run(s, args, q::erfc_split); });
        benchmark::RegisterBenchmark((std::string("erf/") + r.name).c_str(),
                                     [args](benchmark::State& s) { run(s, args, q::erf); });
    }
    const auto gelu = gelu_arguments();
    benchmark::RegisterBenchmark("erfc_split/gelu.csv",
                                 [gelu](benchmark::State& s) { run(s, gelu, q::erfc_split); });
    benchmark::RegisterBenchmark("erfc/gelu.csv",
                                 [gelu](benchmark::State& s) { run(s, gelu, q::erfc); });
}

}  // namespace

int main(int argc, char** argv) {
    register_all();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
