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
//
// A second table is the floor of the interpreter: gelu″ and mish written out by hand as
// straight-line code over the same scaled-ball kernels (what a compiled quick phase for a form
// known at compile time would run), timed at the same points beside the quick phase alone.
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

namespace q = actlab::detail::quick;

//! gelu″(x) = c·e^(−x²/2)·(x² − 2), c = −1/√(2π) (the evaluation form's steps, in order).
[[gnu::noinline]] std::optional<double> gelu2_by_hand(double x, const q::sball& c) {
    const q::sball X{{x, 0.0}, 0.0, 0};
    q::sball x2 = q::smul(X, X);
    if (!q::settle_in_place(x2)) return std::nullopt;
    q::sball h{{-0.5 * x2.m.hi, -0.5 * x2.m.lo}, 0.5 * x2.r, x2.e};  // exact (x² >= 2^-900)
    if (!q::settle_in_place(h)) return std::nullopt;
    const auto e = q::sexp(h);
    if (!e) return std::nullopt;
    q::sball d = q::sadd(x2, q::constant_point(-2.0));
    q::sball p = q::smul(c, *e);
    if (!q::settle_in_place(d) || !q::settle_in_place(p)) return std::nullopt;
    p = q::smul(p, d);
    if (!q::settle_in_place(p)) return std::nullopt;
    return q::round_scaled(p, 53, -1022, 1023);
}

//! mish(x) = x·tanh(softplus(x)) = x·num/den with E = e^-|x| (the quick phase's fused form).
[[gnu::noinline]] std::optional<double> mish_by_hand(double x) {
    const auto E = q::sexp(q::sball{{-std::abs(x), 0.0}, 0.0, 0});
    if (!E) return std::nullopt;
    bool ok = true;
    const auto fix = [&ok](q::sball v) {
        ok = ok && q::settle_in_place(v);
        return v;
    };
    const q::sball two = q::constant_point(2.0);
    const bool positive = x > 0;
    const q::sball num =
        positive ? fix(q::sadd(q::one, q::doubled(*E))) : fix(q::smul(*E, fix(q::sadd(*E, two))));
    const q::sball den = fix(q::sadd(num, positive ? fix(q::doubled(fix(q::smul(*E, *E)))) : two));
    if (!ok) return std::nullopt;
    const auto r = q::sreciprocal(den);
    if (!r) return std::nullopt;
    q::sball t = q::smul(num, *r);
    if (!q::settle_in_place(t)) return std::nullopt;
    t = q::smul(q::constant_point(x), t);
    if (!q::settle_in_place(t)) return std::nullopt;
    return q::round_scaled(t, 53, -1022, 1023);
}

//! Best of five timings of fn over xs, µs per call.
template <class Fn>
double per_call(const std::vector<double>& xs, Fn fn) {
    double best = 1e300;
    for (int rep = 0; rep < 5; ++rep) {
        const double start = cpu_seconds();
        for (double x : xs) fn(x);
        best = std::min(best, cpu_seconds() - start);
    }
    return 1e6 * best / static_cast<double>(xs.size());
}

//! The floor table: by hand vs the quick phase alone, at the points where both decide (and
//! agree, checked: a mismatch exits 1).
void floor_table() {
    std::printf(
        "\n| row | points | by hand, µs/call | quick phase alone, µs/call | eval_certified, "
        "µs/call |\n|---|---:|---:|---:|---:|\n");
    const actlab::expr gelu2 = actlab::d(actlab::d(*actlab::find("gelu")->definition));
    const actlab::expr mish = *actlab::find("mish")->definition;
    // c = −1/√(2π) as a ball: [−1/√(2π) rounded away, −1/√(2π) rounded toward 0] at 256 bits.
    const q::sball c = q::scaled(*q::to_ball([] {
        actlab::interval v(256);
        actlab::interval two_pi(256);
        mpfr_const_pi(two_pi.lower(), MPFR_RNDD);
        mpfr_const_pi(two_pi.upper(), MPFR_RNDU);
        mpfr_mul_2ui(two_pi.lower(), two_pi.lower(), 1, MPFR_RNDD);
        mpfr_mul_2ui(two_pi.upper(), two_pi.upper(), 1, MPFR_RNDU);
        mpfr_rec_sqrt(v.lower(), two_pi.lower(), MPFR_RNDU);  // 1/√(2π) <= this
        mpfr_rec_sqrt(v.upper(), two_pi.upper(), MPFR_RNDD);
        mpfr_neg(v.lower(), v.lower(), MPFR_RNDD);
        mpfr_neg(v.upper(), v.upper(), MPFR_RNDU);
        return v;
    }()));
    struct row {
        const char* name;
        const actlab::expr* f;
        std::optional<double> (*by_hand)(double, const q::sball&);
    };
    const row rows[] = {{"gelu″", &gelu2, gelu2_by_hand},
                        {"mish", &mish, [](double x, const q::sball&) { return mish_by_hand(x); }}};
    for (const row& r : rows) {
        const std::string file = r.f == &mish ? "mish" : "gelu";
        const actlab::expr& g = actlab::detail::cached_evaluation_form(*r.f);
        std::vector<double> xs;
        for (double x : table_points(file)) {
            const auto a = r.by_hand(x, c);
            const auto b = actlab::detail::quick_certified(g, x);
            if (!a || !b) continue;
            if (*a != *b) {
                std::fprintf(stderr, "certified_quick: %s by hand differs at %a\n", r.name, x);
                std::exit(1);
            }
            xs.push_back(x);
        }
        const double hand = per_call(xs, [&](double x) {
            volatile double v = *r.by_hand(x, c);
            (void)v;
        });
        const double alone = per_call(xs, [&](double x) {
            volatile double v = *actlab::detail::quick_certified(g, x);
            (void)v;
        });
        const double full = per_call(xs, [&](double x) {
            volatile double v = actlab::eval_certified(*r.f, x);
            (void)v;
        });
        std::printf("| %s | %zu | %.3g | %.3g | %.3g |\n", r.name, xs.size(), hand, alone, full);
    }
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
    floor_table();
}
