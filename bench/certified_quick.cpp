// eval_certified<double> per call on the gelu, gelu_tanh and mish rows of
// docs/reference/accuracy.md (f, f′, f″ at the x of tests/data/activations/<name>.csv, as
// tools/accuracy_table times them), and how often the quick phase decides alone.
//
//   cmake --preset bench && cmake --build --preset bench --target bench_certified_quick
//   ./build/bench/bench/certified_quick     (from the repository root)
//
// Two timings: "table" is accuracy_table's method (process CPU time read around each call,
// the mean over the points that converge), "loop" is one CPU-time reading around all the
// calls of a row, repeated 5 times, best kept (no clock overhead per call); "quick phase
// alone" times detail::quick_certified alone at the points it decides. The last column says why
// the quick phase declines the other points: "no ball" (an unsupported op such as erfc, an
// undecided branch, a kernel out of range) or "straddles" (the ball does not decide the
// rounding: a near-tie, a ±0 of unknown sign, cancellation wider than the radius allows).
#include <actlab/actlab.hpp>
#include <actlab/eval/certified.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::vector<double> table_points(const std::string& name) {
    std::ifstream in("tests/data/activations/" + name + ".csv");  // run from the repository
    if (!in) {
        std::fprintf(stderr, "actlab: certified_quick: run it from the repository root\n");
        std::exit(2);
    }
    std::vector<double> xs;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 'x') continue;
        xs.push_back(std::strtod(line.c_str(), nullptr));  // stops at the comma
    }
    return xs;
}

}  // namespace

int main() {
    std::printf(
        "| row | points | quick phase decides | µs/call (table) | µs/call (loop) | quick phase "
        "alone, µs/call | declined: no ball / straddles |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (const char* name : {"gelu", "gelu_tanh", "mish"}) {
        const std::vector<double> xs = table_points(name);
        actlab::expr f = *actlab::find(name)->definition;
        for (int order = 0; order < 3; ++order, f = actlab::d(f)) {
            std::vector<double> ok;
            double table = 0;
            for (double x : xs) {
                const double start = cpu_seconds();
                try {
                    volatile double v = actlab::eval_certified(f, x);
                    (void)v;
                } catch (const actlab::error&) {
                    continue;
                }
                table += cpu_seconds() - start;
                ok.push_back(x);
            }
            double best = 1e300;
            for (int rep = 0; rep < 5; ++rep) {
                const double start = cpu_seconds();
                for (double x : ok) {
                    volatile double v = actlab::eval_certified(f, x);
                    (void)v;
                }
                best = std::min(best, cpu_seconds() - start);
            }
            // The quick phase alone, at the points it decides.
            const actlab::expr g = actlab::detail::cached_evaluation_form(f);
            std::vector<double> decided;
            int no_ball = 0, straddles = 0;
            for (double x : ok) {
                if (actlab::detail::quick_certified(g, x))
                    decided.push_back(x);
                else if (actlab::detail::quick_enclose_scaled(g, x))
                    ++straddles;
                else
                    ++no_ball;
            }
            double alone = 1e300;
            for (int rep = 0; rep < 5; ++rep) {
                const double start = cpu_seconds();
                for (double x : decided) {
                    volatile double v = *actlab::detail::quick_certified(g, x);
                    (void)v;
                }
                alone = std::min(alone, cpu_seconds() - start);
            }
            const double n = static_cast<double>(ok.size());
            std::printf("| %s%s | %zu | %zu | %.3g | %.3g | ", name,
                        order == 0 ? "" : (order == 1 ? "′" : "″"), ok.size(), decided.size(),
                        1e6 * table / n, 1e6 * best / n);
            if (decided.empty())
                std::printf("— | %d / %d |\n", no_ball, straddles);
            else
                std::printf("%.3g | %d / %d |\n", 1e6 * alone / static_cast<double>(decided.size()),
                            no_ball, straddles);
        }
    }
}
