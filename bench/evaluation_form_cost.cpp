// The cost of the evaluation form: compiled<f> (which computes evaluation_form(f)) against the
// same straight-line code made from the printed form f, for every column of the catalogue's
// reference tables (f, f′, f″, ∂f/∂θ), in double with glibc libm.
//
// Each measurement sums the function over 4096 inputs drawn uniformly from [-8, 8] (fixed
// seed); the time per element is the minimum over 15 runs of that loop (one process, so the
// ratio of two neighbouring measurements is what counts, not the absolute numbers). Prints the
// markdown table of docs/reference/compiled_benchmark.md ("Cost of the evaluation form").
#include "../tests/support/catalog_columns.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

template <class Fn>
double ns_per_element(const std::vector<double>& in, Fn fn) {
    double best = 1e300;
    volatile double sink = 0;
    for (int run = 0; run < 15; ++run) {
        const auto start = std::chrono::steady_clock::now();
        double s = 0;
        for (const double v : in) s += fn(v);
        const auto stop = std::chrono::steady_clock::now();
        sink = sink + s;
        best = std::min(best, std::chrono::duration<double, std::nano>(stop - start).count());
    }
    return best / static_cast<double>(in.size());
}

//! The printed form F compiled as it is (what compiled<F> computed before the evaluation form).
template <actlab::expr F>
struct printed_program {
    static double run(double v) {
        using program = actlab::detail::compiled_program<F, actlab::compiled_math::libm>;
        if constexpr (F.n_parameters == 0) {
            return program::run(v, static_cast<const double*>(nullptr));
        } else {
            double p[F.n_parameters];
            for (int k = 0; k < F.n_parameters; ++k)
                p[k] = actlab::detail::to_real<double>(F.parameters[k].default_value);
            return program::run(v, p);
        }
    }
};

}  // namespace

int main() {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> dist(-8, 8);
    std::vector<double> in(4096);
    for (double& v : in) v = dist(rng);
    std::printf(
        "| activation | value | printed form (ns/elem) | evaluation form (ns/elem) | ratio |\n");
    std::printf("|---|---|---:|---:|---:|\n");
    double log_sum = 0, worst = 0;
    int n = 0;
    std::string worst_name;
    actlab_test::visit_compiled_columns(
        [&](const actlab::activation& a, const std::string& column, const auto& f) {
            using type = std::remove_cvref_t<decltype(f)>;
            const double printed =
                ns_per_element(in, [](double v) { return printed_program<type::value>::run(v); });
            const double stable = ns_per_element(in, [&](double v) { return f(v); });
            const double ratio = stable / printed;
            std::printf("| %s | %s | %.2f | %.2f | %.2f |\n", std::string(a.name).c_str(),
                        column.c_str(), printed, stable, ratio);
            log_sum += std::log(ratio);
            ++n;
            if (ratio > worst) {
                worst = ratio;
                worst_name = std::string(a.name) + " " + column;
            }
        });
    std::printf("\nGeometric mean of the ratios over %d columns: %.3f; largest: %.2f (%s).\n", n,
                std::exp(log_sum / n), worst, worst_name.c_str());
}
