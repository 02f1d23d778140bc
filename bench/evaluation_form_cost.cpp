// The cost of the evaluation form: compiled<f> (which computes evaluation_form(f)) against the
// same straight-line code made from the printed form f, in double with glibc libm, for f, f′
// and f″ of the catalogue activations whose evaluation form differs from the printed form in
// some column, and their learnable-parameter derivatives. For every other catalogue column
// the two programs are the same code; the program checks that at run time and lists them.
//
// Each measurement sums the function over 4096 inputs drawn uniformly from [-8, 8] (fixed
// seed; [-r, r] with the argument r); the time per element is the minimum over 15 runs of that loop
// (one process, so the ratio of two neighbouring measurements is what counts, not the absolute
// numbers). Prints the markdown table of docs/reference/compiled_benchmark.md ("Cost of the
// evaluation form").
#include <actlab/activations.hpp>
#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

struct totals {
    double log_sum = 0, worst = 0;
    int n = 0;
    std::string worst_name;
};

template <actlab::expr G>
void measure(const std::vector<double>& in, const char* name, const char* column, totals& t) {
    const actlab::compiled<G> f;
    const double printed = ns_per_element(in, [](double v) { return printed_program<G>::run(v); });
    const double stable = ns_per_element(in, [&](double v) { return f(v); });
    const double ratio = stable / printed;
    std::printf("| %s | %s | %.2f | %.2f | %.2f |\n", name, column, printed, stable, ratio);
    t.log_sum += std::log(ratio);
    ++t.n;
    if (ratio > t.worst) {
        t.worst = ratio;
        t.worst_name = std::string(name) + " " + column;
    }
}

template <actlab::expr F>
void measure_all(const std::vector<double>& in, const char* name, totals& t) {
    constexpr actlab::expr d1 = actlab::d(F);
    measure<F>(in, name, "f", t);
    measure<d1>(in, name, "f′", t);
    measure<actlab::d(d1)>(in, name, "f″", t);
}

}  // namespace

int main(int argc, char** argv) {
    namespace a = actlab::activations;
    // The inputs are uniform in [-r, r], r = 8 unless given (argv[1]).
    const double r = argc > 1 ? std::atof(argv[1]) : 8;
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> dist(-r, r);
    std::vector<double> in(4096);
    for (double& v : in) v = dist(rng);
    std::printf(
        "| activation | value | printed form (ns/elem) | evaluation form (ns/elem) | ratio |\n");
    std::printf("|---|---|---:|---:|---:|\n");
    totals t;
    measure_all<a::elu>(in, "elu", t);
    measure_all<a::selu>(in, "selu", t);
    measure_all<a::celu>(in, "celu", t);
    measure_all<a::gelu>(in, "gelu", t);
    measure_all<a::gelu_tanh>(in, "gelu_tanh", t);
    measure_all<a::silu>(in, "silu", t);
    measure_all<a::swish>(in, "swish", t);
    measure<actlab::d(a::swish, "beta")>(in, "swish", "∂f/∂beta", t);
    measure_all<a::mish>(in, "mish", t);
    measure_all<a::softplus>(in, "softplus", t);
    measure<actlab::d(a::softplus, "beta")>(in, "softplus", "∂f/∂beta", t);
    measure_all<a::softsign>(in, "softsign", t);
    measure_all<a::sigmoid>(in, "sigmoid", t);
    measure_all<a::tanh>(in, "tanh", t);
    measure_all<a::logsigmoid>(in, "logsigmoid", t);
    measure_all<a::tanhshrink>(in, "tanhshrink", t);
    std::printf("\nGeometric mean of the ratios over %d columns: %.3f; largest: %.2f (%s).\n", t.n,
                std::exp(t.log_sum / t.n), t.worst, t.worst_name.c_str());
    // Every other catalogue column: the evaluation form is the printed form, so compiled<f> is
    // the same program as before (ratio 1 by construction).
    std::string same;
    for (const actlab::activation& e : actlab::catalog()) {
        actlab::expr g = *e.definition;
        bool unchanged = true;
        for (int k = 0; k < 3; ++k, g = actlab::d(g))
            unchanged = unchanged && actlab::evaluation_form(g) == g;
        for (const auto& p : e.parameters)
            if (p.learnable) {
                const actlab::expr dp = actlab::d(*e.definition, p.name);
                unchanged = unchanged && actlab::evaluation_form(dp) == dp;
            }
        if (unchanged) same += (same.empty() ? "" : ", ") + std::string(e.name);
    }
    std::printf("Columns whose evaluation form is the printed form (f, f′, f″, ∂f/∂θ): %s.\n",
                same.c_str());
}
