// Measures the accuracy of the actlab::math kernels against MPFR (256-bit
// references) and prints a Markdown table. Exit status 1 if any kernel exceeds
// its ulp budget, returns NaN/inf where the exact value is finite, or returns a
// wrong special value (NaN, infinity, signed zero).
//
//   kernel_accuracy [--n N] [--seed S] [--quick] [--out FILE]
//
// --out FILE writes the table to FILE as well; if FILE already contains the
// marker line below, the text above it is kept (used to regenerate
// docs/reference/kernel_accuracy.md in place).
//
// error = |computed - exact| / ulp(exact), ulp(v) = 2^(floor(log2|v|) - 52),
// never below the subnormal spacing 2^-1074.

#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "actlab/math.hpp"

namespace {

constexpr mpfr_prec_t prec = 256;
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform(double a, double b) {
        return a + (b - a) * static_cast<double>(next() >> 11) * 0x1p-53;
    }
    double sign() { return (next() & 1) ? 1.0 : -1.0; }
    double log_uniform(double e_lo, double e_hi) {  // magnitude 2^u, u uniform in [e_lo, e_hi]
        const double m = uniform(1.0, 2.0);
        return std::ldexp(m, static_cast<int>(std::floor(uniform(e_lo, e_hi))));
    }
};

using ref1 = void (*)(mpfr_t, mpfr_t);
using fn1 = double (*)(double);

void sigmoid_ref(mpfr_t r, mpfr_t x) {
    mpfr_t e;
    mpfr_init2(e, prec);
    if (mpfr_sgn(x) >= 0) {  // 1/(1+e^-x)
        mpfr_neg(e, x, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);
        mpfr_add_ui(e, e, 1, MPFR_RNDN);
        mpfr_ui_div(r, 1, e, MPFR_RNDN);
    } else {  // e^x/(1+e^x)
        mpfr_exp(e, x, MPFR_RNDN);
        mpfr_add_ui(r, e, 1, MPFR_RNDN);
        mpfr_div(r, e, r, MPFR_RNDN);
    }
    mpfr_clear(e);
}

// mpfr_erfc takes milliseconds for 2 < x < 27 at any precision, too slow for
// 10^6 inputs. There the reference is the Laplace continued fraction
// erfc x = e^-x^2/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) at 256 bits,
// depth 100 + 4000/x^2 (truncation < 2^-220); check_erfc_ref() compares it with
// mpfr_erfc before any measurement.
void erfc_cf(mpfr_t r, mpfr_t x) {  // x >= 2
    mpfr_t f, t;
    mpfr_inits2(prec, f, t, static_cast<mpfr_ptr>(nullptr));
    const double xd = mpfr_get_d(x, MPFR_RNDN);
    const long depth = 100 + static_cast<long>(4000 / (xd * xd));
    mpfr_set(f, x, MPFR_RNDN);
    for (long n = depth; n >= 1; --n) {
        mpfr_set_ui(t, static_cast<unsigned long>(n), MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_div(t, t, f, MPFR_RNDN);
        mpfr_add(f, x, t, MPFR_RNDN);
    }
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_sqrt(t, t, MPFR_RNDN);
    mpfr_mul(f, f, t, MPFR_RNDN);
    mpfr_sqr(t, x, MPFR_RNDN);
    mpfr_neg(t, t, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_div(r, t, f, MPFR_RNDN);
    mpfr_clears(f, t, static_cast<mpfr_ptr>(nullptr));
}

void erfc_ref(mpfr_t r, mpfr_t x) {
    if (!mpfr_number_p(x) || (mpfr_cmp_d(x, 2.0) < 0 && mpfr_cmp_d(x, -2.0) > 0) ||
        mpfr_cmp_d(x, 30.0) > 0 || mpfr_cmp_d(x, -30.0) < 0) {
        mpfr_erfc(r, x, MPFR_RNDN);
        return;
    }
    if (mpfr_sgn(x) > 0) {
        erfc_cf(r, x);
        return;
    }
    mpfr_t ax;
    mpfr_init2(ax, prec);
    mpfr_neg(ax, x, MPFR_RNDN);
    erfc_cf(r, ax);
    mpfr_ui_sub(r, 2, r, MPFR_RNDN);
    mpfr_clear(ax);
}

bool check_erfc_ref() {
    mpfr_t x, a, b;
    mpfr_inits2(prec, x, a, b, static_cast<mpfr_ptr>(nullptr));
    bool ok = true;
    for (double v : {2.0, 2.5, 3.7, 6.0, 11.3, 26.9, 29.9}) {
        mpfr_set_d(x, v, MPFR_RNDN);
        erfc_cf(a, x);
        mpfr_erfc(b, x, MPFR_RNDN);
        mpfr_sub(a, a, b, MPFR_RNDN);
        mpfr_div(a, a, b, MPFR_RNDN);
        if (mpfr_zero_p(a) == 0 && mpfr_get_exp(a) > -220) {
            std::fprintf(stderr, "erfc continued fraction disagrees with mpfr_erfc at %g\n", v);
            ok = false;
        }
    }
    mpfr_clears(x, a, b, static_cast<mpfr_ptr>(nullptr));
    return ok;
}

void softplus_ref(mpfr_t r, mpfr_t x) {
    mpfr_t e;
    mpfr_init2(e, prec);
    if (mpfr_sgn(x) > 0) {  // x + log1p(e^-x)
        mpfr_neg(e, x, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);
        mpfr_log1p(e, e, MPFR_RNDN);
        mpfr_add(r, x, e, MPFR_RNDN);
    } else {
        mpfr_exp(e, x, MPFR_RNDN);
        mpfr_log1p(r, e, MPFR_RNDN);
    }
    mpfr_clear(e);
}

void log_sigmoid_ref(mpfr_t r, mpfr_t x) {
    mpfr_t nx;
    mpfr_init2(nx, prec);
    mpfr_neg(nx, x, MPFR_RNDN);
    softplus_ref(r, nx);
    mpfr_neg(r, r, MPFR_RNDN);
    mpfr_clear(nx);
}

#define ACTLAB_MPFR_REF(name) [](mpfr_t r, mpfr_t x) { mpfr_##name(r, x, MPFR_RNDN); }

struct kernel {
    const char* name;
    fn1 f;  // nullptr for pow
    ref1 ref;
    double budget;      // max ulp
    double lo, hi;      // core interval, sampled uniformly
    double e_lo, e_hi;  // log-uniform magnitudes 2^e_lo .. 2^e_hi, both signs
    bool positive_only;
    std::vector<double> thresholds;  // every method switch, tested densely
};

constexpr double ln2_128 = 0x1.62e42fefa39efp-1 / 128;

std::vector<kernel> kernels() {
    namespace m = actlab::math;
    const double pio4 = 0x1.921fb54442d18p-1;
    return {
        {"exp",
         m::exp,
         ACTLAB_MPFR_REF(exp),
         1,
         -746,
         710,
         -60,
         10,
         false,
         {710, 709.782712893384, -746, -745.1332191019411, -744.4400719213812, -708.3964185322641,
          ln2_128, -ln2_128, 0x1p-54, -0x1p-54, 1, -1}},
        {"expm1",
         m::expm1,
         ACTLAB_MPFR_REF(expm1),
         1,
         -45,
         710,
         -60,
         10,
         false,
         {710, 709.782712893384, -40, 0x1p-54, -0x1p-54, ln2_128, -ln2_128, 3 * ln2_128,
          -3 * ln2_128, 0.6931471805599453, -0.6931471805599453}},
        {"log",
         m::log,
         ACTLAB_MPFR_REF(log),
         1,
         0,
         4,
         -1074,
         1024,
         true,
         {1, 0x1.6a09e667f3bcdp0, 0x1.6a09e667f3bcdp-1, 0x1p-1022, 0.5, 2, 0x1.fffffffffffffp1023}},
        {"log1p",
         m::log1p,
         ACTLAB_MPFR_REF(log1p),
         1,
         -1,
         4,
         -70,
         1024,
         false,
         {-1, 0x1p900, 0x1p-54, -0x1p-54, 0x1p-53, -0x1p-53, 0x1.6a09e667f3bcdp0 - 1,
          0x1.6a09e667f3bcdp-1 - 1, 1, -0.5}},
        {"tanh",
         m::tanh,
         ACTLAB_MPFR_REF(tanh),
         1,
         -23,
         23,
         -60,
         6,
         false,
         {22, -22, 0x1p-27, -0x1p-27, ln2_128 / 2, -ln2_128 / 2, 19.06, 1}},
        {"erf",
         m::erf,
         ACTLAB_MPFR_REF(erf),
         2,
         -7,
         7,
         -1074,
         4,
         false,
         {6, -6, 0x1p-27, -0x1p-27, 2.5, -2.5, 1}},
        {"erfc",
         m::erfc,
         erfc_ref,
         2,
         -7,
         28,
         -1074,
         5,
         false,
         {-6, 27.3, 0x1p-56, -0x1p-56, 2.5, -2.5, 26.5432, 26.55, 27.2, 0.5}},
        {"sin",
         m::sin,
         ACTLAB_MPFR_REF(sin),
         2,
         -10,
         10,
         -1074,
         1024,
         false,
         {pio4, 0x1p-26, -0x1p-26, 1.5707963267948966, 3.141592653589793, 4.71238898038469,
          6.283185307179586, 6381956970095103.0 * 0x1p797, 0x1.fffffffffffffp1023, 1e22, 355,
          103993}},
        {"cos",
         m::cos,
         ACTLAB_MPFR_REF(cos),
         2,
         -10,
         10,
         -1074,
         1024,
         false,
         {pio4, 0x1p-27, -0x1p-27, 1.5707963267948966, 3.141592653589793, 4.71238898038469,
          6.283185307179586, 6381956970095103.0 * 0x1p797, 0x1.fffffffffffffp1023, 1e22, 355,
          103993}},
        {"sqrt",
         m::sqrt,
         ACTLAB_MPFR_REF(sqrt),
         0.5,
         0,
         4,
         -1074,
         1024,
         true,
         {0x1p-1022, 1, 2, 4, 0x1.fffffffffffffp1023, 0x1p-1074}},
        {"sigmoid",
         m::sigmoid,
         sigmoid_ref,
         1,
         -746,
         41,
         -60,
         10,
         false,
         {40, -746, 0, -745.1332191019411, -708.3964185322641, -76.24, -110 * 0.6931471805599453,
          0x1p-54}},
        {"softplus",
         m::softplus,
         softplus_ref,
         1,
         -746,
         41,
         -60,
         10,
         false,
         {40, -40, 0, 0x1p-54, -0x1p-54, -745.1332191019411, 1}},
        {"log_sigmoid",
         m::log_sigmoid,
         log_sigmoid_ref,
         1,
         -41,
         746,
         -60,
         10,
         false,
         {40, -40, 0, 745.1332191019411, -1}},
        {"pow", nullptr, nullptr, 1, 0, 0, 0, 0, false, {}},
    };
}

const std::vector<double> specials = {0.0,
                                      -0.0,
                                      inf,
                                      -inf,
                                      nan,
                                      1.0,
                                      -1.0,
                                      0.5,
                                      -0.5,
                                      2.0,
                                      5e-324,
                                      -5e-324,
                                      0x1p-1022,
                                      -0x1p-1022,
                                      0x1.fffffffffffffp1023,
                                      -0x1.fffffffffffffp1023};

struct stats {
    long count = 0;
    double max_ulp = 0, sum_ulp = 0;
    double worst_x = 0, worst_y = 0;
    long bad_special = 0, nonfinite = 0;
    std::string first_bad;
};

std::uint64_t bits(double x) {
    std::uint64_t b;
    std::memcpy(&b, &x, 8);
    return b;
}

// Error in ulp of `got` against the exact value; < 0 flags a special-value failure.
double ulp_error(double got, mpfr_t exact, mpfr_t tmp, bool& nonfinite) {
    nonfinite = false;
    if (mpfr_nan_p(exact)) return std::isnan(got) ? 0 : -1;
    if (std::isnan(got)) {
        nonfinite = true;
        return -1;
    }
    const double rn = mpfr_get_d(exact, MPFR_RNDN);
    if (mpfr_inf_p(exact) || mpfr_zero_p(exact)) return bits(got) == bits(rn) ? 0 : -1;
    if (std::isinf(got)) {
        if (got == rn) return 0;
        nonfinite = true;
        return -1;
    }
    if (got == 0 && std::signbit(got) != std::signbit(rn)) return -1;
    mpfr_set_d(tmp, got, MPFR_RNDN);
    mpfr_sub(tmp, tmp, exact, MPFR_RNDN);
    mpfr_abs(tmp, tmp, MPFR_RNDN);
    long ue = mpfr_get_exp(exact) - 53;
    if (ue < -1074) ue = -1074;
    mpfr_mul_2si(tmp, tmp, -ue, MPFR_RNDN);
    return mpfr_get_d(tmp, MPFR_RNDN);
}

void record(stats& s, double err, bool nonfinite, double x, double y, double got) {
    ++s.count;
    if (err < 0) {
        (nonfinite ? s.nonfinite : s.bad_special) += 1;
        if (s.first_bad.empty()) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "x=%a y=%a got=%a", x, y, got);
            s.first_bad = buf;
        }
        return;
    }
    s.sum_ulp += err;
    if (err > s.max_ulp) {
        s.max_ulp = err;
        s.worst_x = x;
        s.worst_y = y;
    }
}

// --out FILE keeps everything up to this line of an existing FILE (the prose of
// docs/reference/kernel_accuracy.md) and replaces what follows with the table.
constexpr const char* table_marker = "<!-- kernel_accuracy: generated table below -->";

// Inputs: specials, dense neighbourhoods of thresholds, near-zero, subnormal,
// huge, log-uniform and uniform-core samples.
std::vector<double> make_inputs(const kernel& k, long n, rng& g) {
    std::vector<double> v = specials;
    for (double t : k.thresholds) {
        for (double s : {t, -t}) {
            if (k.positive_only && s < 0) continue;
            double a = s, b = s;
            for (int i = 0; i < 100; ++i) {
                v.push_back(a);
                v.push_back(b);
                a = std::nextafter(a, inf);
                b = std::nextafter(b, -inf);
            }
        }
    }
    const long per_threshold =
        k.thresholds.empty() ? 0 : n / 8 / static_cast<long>(k.thresholds.size());
    // Every RNG draw is its own statement: operand evaluation order is unspecified,
    // and GCC and Clang would otherwise generate different inputs.
    for (double t : k.thresholds)
        for (long i = 0; i < per_threshold; ++i) {
            const double s = g.sign();
            v.push_back(t * (1 + s * std::ldexp(1.0, -static_cast<int>(g.uniform(1, 53)))));
        }
    while (static_cast<long>(v.size()) < n) {
        const double u = g.uniform(0, 1);
        const double s = g.sign();
        double x;
        if (u < 0.45)
            x = g.uniform(k.lo, k.hi);
        else if (u < 0.80)
            x = s * g.log_uniform(k.e_lo, k.e_hi);
        else if (u < 0.90)
            x = s * g.log_uniform(-80, -1);
        else if (u < 0.95)
            x = s * g.uniform(0, 1) * 0x1p-1022;
        else
            x = s * g.log_uniform(30, 1024);
        if (k.positive_only) x = std::fabs(x);
        v.push_back(x);
    }
    return v;
}

void run1(const kernel& k, long n, rng& g, stats& s) {
    mpfr_t x, r, tmp;
    mpfr_inits2(prec, x, r, tmp, static_cast<mpfr_ptr>(nullptr));
    for (double xi : make_inputs(k, n, g)) {
        volatile double vx = xi;  // keep the call a run-time evaluation
        const double got = k.f(vx);
        mpfr_set_d(x, xi, MPFR_RNDN);
        k.ref(r, x);
        bool nonfinite = false;
        record(s, ulp_error(got, r, tmp, nonfinite), nonfinite, xi, 0, got);
    }
    mpfr_clears(x, r, tmp, static_cast<mpfr_ptr>(nullptr));
}

void run_pow(long n, rng& g, stats& s) {
    mpfr_t x, y, r, tmp;
    mpfr_inits2(prec, x, y, r, tmp, static_cast<mpfr_ptr>(nullptr));
    std::vector<std::pair<double, double>> in;
    for (double a : specials)
        for (double b : specials) in.push_back({a, b});
    for (double a : {-2.0, -0.5, -3.0, 2.0, 0.5})
        for (double b : {3.0, -3.0, 2.0, 0.5, -0.5, 1e300, -1e300, 0x1p64, 0x1.0000000000001p64,
                         1075.0, -1074.0, -1075.0, 1023.0, 1024.0, -1022.0})
            in.push_back({a, b});
    // thresholds: results near overflow / subnormal / underflow, |y| near 2^64
    // y log2 x near 1024 (overflow), 710/ln2 and -746/ln2 (early exits), -1022/-1074/-1075
    // (subnormal, underflow)
    for (double t : {1024.0, 1024.33, -1022.0, -1074.0, -1075.0, -1076.25}) {
        for (int i = 0; i < n / 24; ++i) {
            const double xv = g.log_uniform(-20, 20);
            in.push_back({xv, t / std::log2(xv) * (1 + g.uniform(-1e-6, 1e-6))});
        }
    }
    for (int i = 0; i < n / 32; ++i) {
        const double d = g.uniform(-1e-3, 1e-3);
        const double xv = 1 + d * g.log_uniform(-40, 0);
        const double sy = g.sign();
        in.push_back({xv, sy * g.log_uniform(10, 70)});
    }
    while (static_cast<long>(in.size()) < n) {
        const double u = g.uniform(0, 1);
        double xv, yv;
        if (u < 0.5) {
            xv = g.log_uniform(-1074, 1024);
            yv = g.uniform(-1100, 1100) / std::log2(xv);
        } else if (u < 0.7) {
            xv = g.uniform(0, 4);
            yv = g.uniform(-50, 50);
        } else if (u < 0.85) {
            xv = -g.log_uniform(-30, 30);
            yv = std::floor(g.uniform(-60, 60));
        } else {
            const double sx = g.sign();
            xv = sx * g.log_uniform(-1074, 1024);
            const double sy = g.sign();
            yv = sy * g.log_uniform(-60, 20);
        }
        in.push_back({xv, yv});
    }
    for (auto [xi, yi] : in) {
        volatile double vx = xi, vy = yi;
        const double got = actlab::math::pow(vx, vy);
        mpfr_set_d(x, xi, MPFR_RNDN);
        mpfr_set_d(y, yi, MPFR_RNDN);
        mpfr_pow(r, x, y, MPFR_RNDN);
        bool nonfinite = false;
        record(s, ulp_error(got, r, tmp, nonfinite), nonfinite, xi, yi, got);
    }
    mpfr_clears(x, y, r, tmp, static_cast<mpfr_ptr>(nullptr));
}

}  // namespace

int main(int argc, char** argv) {
    long n = 1000000;
    std::uint64_t seed = 1;
    const char* out = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--n" && i + 1 < argc)
            n = std::atol(argv[++i]);
        else if (a == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--quick")
            n = 100000;
        else if (a == "--out" && i + 1 < argc)
            out = argv[++i];
        else {
            std::fprintf(stderr, "usage: %s [--n N] [--seed S] [--quick] [--out FILE]\n", argv[0]);
            return 2;
        }
    }
    if (!check_erfc_ref()) return 2;
    std::string table =
        "| kernel | inputs | max ulp | at argument | mean ulp | budget | result |\n"
        "|---|---:|---:|---|---:|---:|---|\n";
    std::string footer = "\nInputs per kernel: " + std::to_string(n) + ", seed " +
                         std::to_string(seed) + ", compiler " + __VERSION__ + ".\n";
    bool ok = true;
    for (const kernel& k : kernels()) {
        rng g{seed * 0x2545f4914f6cdd1dULL + std::hash<std::string>{}(k.name)};
        stats s;
        if (k.f)
            run1(k, n, g, s);
        else
            run_pow(n, g, s);
        const bool pass = s.max_ulp <= k.budget && s.bad_special == 0 && s.nonfinite == 0;
        ok = ok && pass;
        char arg[128];
        if (k.f)
            std::snprintf(arg, sizeof arg, "%.17g (%a)", s.worst_x, s.worst_x);
        else
            std::snprintf(arg, sizeof arg, "%.17g, %.17g", s.worst_x, s.worst_y);
        char row[512];
        std::snprintf(row, sizeof row, "| %s | %ld | %.3f | %s | %.4f | %g | %s |\n", k.name,
                      s.count, s.max_ulp, arg, s.sum_ulp / static_cast<double>(s.count), k.budget,
                      pass ? "pass" : "FAIL");
        table += row;
        if (!pass)
            std::fprintf(
                stderr, "%s: %ld wrong special values, %ld NaN/inf for finite results; first: %s\n",
                k.name, s.bad_special, s.nonfinite, s.first_bad.c_str());
        std::fprintf(stderr, "%s", row);
    }
    table += footer;
    std::fputs(table.c_str(), stdout);
    if (out) {
        // Keep the prose of an existing document above the marker line; replace the rest.
        std::string prefix;
        if (std::FILE* in = std::fopen(out, "r")) {
            std::string text;
            char buf[4096];
            for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, in)) > 0;)
                text.append(buf, got);
            std::fclose(in);
            const std::size_t at = text.find(table_marker);
            if (at != std::string::npos)
                prefix = text.substr(0, at + std::strlen(table_marker)) + "\n\n";
        }
        table = prefix + table;
        std::FILE* f = std::fopen(out, "w");
        if (!f) {
            std::perror(out);
            return 2;
        }
        std::fputs(table.c_str(), f);
        std::fclose(f);
    }
    return ok ? 0 : 1;
}
