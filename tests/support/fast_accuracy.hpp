// The accuracy of the fast paths (`eval` in float, double and long double, `compiled<f>` in
// double) over the reference tables of tests/data/activations/ and over random points whose
// references eval_certified computes, and their budgets. Shared by
// tests/runtime/activation_accuracy_fast*.cpp, activation_accuracy_compiled.cpp and
// tools/accuracy_table.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/eval/certified.hpp>
#include <support/catalog_columns.hpp>
#include <support/reference_table.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace actlab_test {

inline constexpr double default_fast_ulps = 4;

//! The fast paths, as bits of fast_budget::paths.
enum fast_path : unsigned {
    eval_float = 1,
    eval_double = 2,
    eval_long_double = 4,
    compiled_double = 8,
    every_path = 15,
};

template <class T>
inline constexpr fast_path eval_path = std::is_same_v<T, float>    ? eval_float
                                       : std::is_same_v<T, double> ? eval_double
                                                                   : eval_long_double;

//! A budget above 4 ulp, for the fast paths `paths`, on the closed interval [from, to] of x
//! only; everywhere else in the row the budget is 4 ulp (default_fast_ulps). Two shapes:
//! - flat (per_distance = 0): `ulps` on [from, to];
//! - around a zero (per_distance > 0): [from, to] brackets a simple zero x0 of the column (the
//!   tests check the sign change; x0 is located by bisection with eval_certified,
//!   located_zero), and the budget is ulps + per_distance/|x − x0|. Near a simple zero the
//!   value is f′(x0)·(x − x0) while the rounding errors of the terms that cancel there stay of
//!   the size of the terms, so the error in ulps grows as 1/|x − x0|; per_distance is that
//!   error times the distance (ulp·length), the same in every type to a small factor.
//! An infinite budget also allows a wrong result (NaN, ±inf, or 0 where the exact value is a
//! finite normal number), which is otherwise never allowed.
struct fast_budget {
    std::string_view activation;
    std::string_view column;  //!< "f", "d1", "d2", "d_<parameter>", or "*" for every column
    unsigned paths;
    double from, to;
    double ulps;
    double per_distance;
    std::string_view reason;
};

inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr unsigned eval_all = eval_float | eval_double | eval_long_double;

// Each entry names what the evaluation form and the evaluators' kernels do not remove, where it
// applies (see docs/reference/accuracy.md): a zero of the function, where the condition number
// is unbounded and terms of different shapes cancel; a threshold decided against a rounded
// constant; an error of a library function (long double: Boost.Math, glibc's tanhl).
inline constexpr fast_budget fast_budgets[] = {
    // Zeros: the column changes sign at x0 inside [from, to]; 4 + per_distance/|x − x0| ulp
    // there. per_distance is about 1.3 times the largest (error − 4)·|x − x0| measured over
    // the table and random points of the four paths (named in the reason), and [from, to]
    // reaches beyond the farthest point above 4 ulp.
    {"gelu", "d1", every_path, -3.5, -0.25, 4, 3.1,
     "gelu′ = ½erfc(−x/√2) + x·φ(x) has a zero at x0 ≈ −0.7518, where its condition number "
     "|x·f″/f′| is unbounded and the two terms cancel: (error − 4)·|x − x0| ≤ 2.36 (long "
     "double, at −0.914); 225 ulp at the table point −0.75 in double, 1004 in long double; "
     "4.16 at −2.62 (bench/argument_rounding_accuracy, compiled<>)"},
    {"gelu", "d2", every_path, -2, -1, 4, 0.6,
     "gelu″ = φ(x)·(2 − x²) has zeros at x0 = ±√2, where x² is rounded before 2 − x² cancels: "
     "(error − 4)·|x − x0| ≤ 0.45 (float, 116 ulp at ±1.4182); 711 ulp at −1.41441 in double"},
    {"gelu", "d2", every_path, 1, 2, 4, 0.6, "as at −√2"},
    {"gelu_tanh", "d1", every_path, -4, -0.3, 4, 3.5,
     "gelu_tanh′ = σ(2u) + 2x·u′·σ(2u)σ(−2u) has a zero at x0 ≈ −0.7525, where its terms "
     "cancel: (error − 4)·|x − x0| ≤ 2.7 (long double, 5.28 ulp at −2.89), 2.1 (float, at "
     "−1.137); 123 ulp at −0.75 in double"},
    {"gelu_tanh", "d2", every_path, -2.4, -0.5, 4, 5.2,
     "gelu_tanh″ has zeros at x0 ≈ ±1.4185, where its three terms cancel: (error − 4)·|x − x0| "
     "≤ 3.98 (float at −2.21, long double at 1.56); 615 ulp at −1.41406 in double"},
    {"gelu_tanh", "d2", every_path, 0.5, 2.4, 4, 5.2, "as at −1.4185"},
    {"silu", "d1", every_path, -6, -0.8, 4, 2,
     "silu′ = σ(x)(1 + x·σ(−x)) has a zero at x0 ≈ −1.2785, where 1 + x·σ(−x) cancels and "
     "multiplies the error of σ(−x) by |x·σ(−x)/(1 + x·σ(−x))|: (error − 4)·|x − x0| ≤ 1.48 "
     "(float, at −1.341); 4.28 ulp at −3.78 in float"},
    {"silu", "d2", every_path, -3.2, -1.5, 4, 2.7,
     "silu″ = σ(x)σ(−x)(2 − x·tanh(x/2)) has zeros at x0 ≈ ±2.3994, where 2 − x·tanh(x/2) "
     "multiplies the error of tanh(x/2) by |x·tanh(x/2)/(2 − x·tanh(x/2))|: (error − 4)·"
     "|x − x0| ≤ 2.08 (compiled<>, at ±2.857)"},
    {"silu", "d2", every_path, 1.5, 3.2, 4, 2.7, "as at −2.3994"},
    {"swish", "d1", every_path, -6, -0.8, 4, 2, "as silu′ (β = 1)"},
    {"swish", "d2", every_path, -3.2, -1.5, 4, 2.7, "as silu″ (β = 1)"},
    {"swish", "d2", every_path, 1.5, 3.2, 4, 2.7, "as silu″ (β = 1)"},
    {"mish", "d1", every_path, -8, 0.5, 4, 7,
     "mish′ = tanh(sp) + 4x·σ(x)σ(−2sp)σ(2sp) (sp = softplus(x)) has a zero at x0 ≈ −1.1924, "
     "where its terms cancel: (error − 4)·|x − x0| ≤ 5.32 (long double, at −1.180), 4.56 "
     "(float); 6.78 ulp at −2.305 (compiled<>), 4.49 at −7.56 (float)"},
    {"mish", "d2", every_path, -4, 0, 4, 8,
     "mish″ has zeros at x0 ≈ −2.2564 and 1.4906, where its three terms cancel: (error − 4)·"
     "|x − x0| ≤ 6.21 (compiled<>, 18.7 ulp at −2.68)"},
    {"mish", "d2", every_path, 0.2, 6, 4, 8,
     "as at −2.2564: (error − 4)·|x − x0| ≤ 5.94 (float, at 2.19); 7.9 ulp at 2.98 "
     "(compiled<>)"},
    {"hardswish", "d1", every_path, -1.6, -1.4, 4, 0.45,
     "(3 + x)/6 + x/6 on (−3, 3) has a zero at x0 = −3/2, where the two terms cancel: "
     "(error − 4)·|x − x0| ≤ 0.342 (85 ulp at −1.5042)"},
    {"gaussian", "d2", every_path, -1, -0.5, 4, 0.35,
     "(4x² − 2)·e^(−x²) has zeros at x0 = ±1/√2, where x² is rounded before 4x² − 2 cancels: "
     "(error − 4)·|x − x0| ≤ 0.26 (float, 63 ulp at 0.7115), 10 ulp at ±0.689 in long double"},
    {"gaussian", "d2", every_path, 0.5, 1, 4, 0.35, "as at −1/√2"},
    // Other reasons, flat on [from, to].
    {"gelu_tanh", "d2", every_path, -10, -2.4, 10, 0,
     "each of the three terms is a product of up to eight factors (seven roundings) and of "
     "σ(2u), σ(−2u), tanh(u) (about 1 ulp each), and the terms still cancel by a factor up to "
     "1.5 at |x| ≈ 3: 7.6 ulp at the table point ±3.742 (compiled<>), 9.70 at 200 000 random "
     "points (bench/argument_rounding_accuracy); summing the terms from their exact products "
     "(a double-double sum of their exact products, exact_sum in commit 0c2a296) "
     "takes it to 4.25 but makes compiled<gelu_tanh″> 4.9 times slower"},
    {"gelu_tanh", "d2", every_path, 2.4, 10, 10, 0, "as for x < −2.4"},
    {"gelu_tanh", "d2", every_path, -25, -10, 5, 0,
     "as for −10 < x < −2.4, without the cancellation, and σ(∓2u) scaled back from below the "
     "normal range by the products (docs/design.md): 4.43 ulp at 20.59 "
     "(bench/argument_rounding_accuracy)"},
    {"gelu_tanh", "d2", every_path, 10, 25, 5, 0, "as for x < −10"},
    {"gelu_tanh", "d1", every_path, -10, -2.4, 7, 0,
     "2x·u′·σ(2u)σ(−2u) is a product of six factors, u′ = √(2/π)(1 + 0.134145x²) with x² "
     "rounded, and σ(2u) corrected for the rounding of u to first order: 6.26 ulp at −4.49 "
     "(compiled<>), 4.96 at −4.74 (eval; bench/argument_rounding_accuracy, 200 000 points)"},
    {"mish", "d2", every_path, -inf, -4, 6, 0,
     "the terms 8σ(x)·S and 4x·σ(x)σ(−x)·S (S = σ(−2sp)σ(2sp)) still cancel by about "
     "(4|x| + 8)/(4|x| − 8) (1.4 at x = −11), multiplying the errors of the products and "
     "function values: 5.64 ulp at −8.23 (compiled<>), 5.29 at −10.5 (long double)"},
    {"mish", "d2", every_path, 6, inf, 6.5, 0,
     "8σ(x)·S − 8x·tanh(sp)σ(x)²·S (S = σ(−2sp)σ(2sp), sp = softplus(x)): products of up to "
     "six factors and the σ(±2sp), corrected for the rounding of sp (softplus_twofold; "
     "without it 54 ulp at x = 33.3), cancelling by (8x + 8)/(8x − 8): 6.0 ulp at 9.55 "
     "(compiled<>), 5.36 at 8.30 (float) and at 21.7 (long double)"},
    {"gelu", "f", eval_long_double, -inf, -10, 5.5, 0,
     "Boost.Math's erfc in long double for large arguments: 4.9 ulp at x = −25 (erfc(17.7)); "
     "the rounding of x/√2 is corrected (argument_correction)"},
    {"gelu", "d2", eval_long_double, -inf, -10, 5, 0,
     "φ(x)·(2 − x²) in long double at |x| > 10: 4.6 ulp at x = ±17.1 (e^(−x²/2)'s error, "
     "then two products)"},
    {"gelu", "d2", eval_long_double, 10, inf, 5, 0, "as for x < −10"},
    {"silu", "d2", compiled_double | eval_long_double | eval_float, -inf, -3.2, 6, 0,
     "compiled<>: σ(x), σ(−x) and tanh(x/2) from one e^(−|x|) (two roundings each after the "
     "exp), and 2 − x·tanh(x/2) multiplies tanh's error by up to 3 at |x| ≈ 4: 5.61 ulp at "
     "−4.23; long double: tanhl, 4.16 at ±10.66; float 4.55 at 4.20"},
    {"silu", "d2", compiled_double | eval_long_double | eval_float, 3.2, inf, 6, 0,
     "as for x < −3.2"},
    {"swish", "d2", compiled_double | eval_long_double | eval_float, -inf, -3.2, 6, 0,
     "as silu″ (β = 1)"},
    {"swish", "d2", compiled_double | eval_long_double | eval_float, 3.2, inf, 6, 0,
     "as silu″ (β = 1)"},
    {"swish", "d_beta", eval_float, -inf, inf, 4.5, 0,
     "x²·σ(βx)·σ(−βx) in float: x² rounded, three products and two float σ: 4.1 ulp at "
     "x = −11.05"},
    {"sigmoid", "d2", compiled_double | eval_long_double, -inf, inf, 4.5, 0,
     "−tanh(x/2)·σ(x)·σ(−x): three function values (compiled<>: from one e^(−|x|)) and two "
     "products; 4.12 ulp at x = 4.12 (compiled<>), 4.28 at 0.532 (long double: tanhl)"},
    {"tanh", "d2", compiled_double, -inf, inf, 4.5, 0,
     "−8·tanh(x)·σ(−2x)·σ(2x) in compiled<>: tanh and the two σ from one e^(−2|x|), two "
     "products: 4.34 ulp at x = −5.55"},
    {"tanhshrink", "d2", compiled_double, -inf, inf, 4.5, 0, "as tanh″ (the same form)"},
    {"softsign", "d2", every_path, -inf, inf, 5, 0,
     "−2·sign(x)/(1 + |x|)³: one rounding of 1 + |x| cubed (1.5 ulp) plus four operations: "
     "4.63 ulp at ±31.0"},
    {"tanhshrink", "d1", every_path, -1, 1, 5, 0,
     "tanh(x)²: the error of tanh doubled by the square — glibc's tanh in compiled<> (4.6 ulp "
     "at x = ±0.36), tanhl in long double (4.9 at ±0.35), float 4.4 at −0.35"},
    {"threshold", "*", every_path, 0.1, 0.1, inf, 0,
     "x > 1/10 decided against the double 0.1 (which is above 1/10): at x = 0.1 the branch "
     "differs from the exact one"},
    {"snake", "d1", every_path, -inf, inf, inf, 0,
     "f′ = 1 + sin(2αx) cancels at its double zeros x = −π/4 + kπ, and the argument 2αx is "
     "rounded before sin (an error that grows with |x|): 1.1e5 ulp at the table point −3.516 "
     "in double, and 0 where the exact value is a normal number; the pass has no rewrite for "
     "sin near −1, so each zero would need its own interval (tens of them on [−40, 40]); "
     "not bounded"},
    {"snake", "d_alpha", every_path, -inf, inf, inf, 0,
     "∂f/∂α = x·sin(2αx)/α − sin²(αx)/α² cancels at its zeros (tens on [−40, 40]): 147 ulp at "
     "the table point −1.320 in double; not bounded"},
    {"bspline", "*", every_path, -inf, inf, inf, 0,
     "knots at decimal thresholds (−2.2, −1.8, …) decided against their doubles, and the "
     "cubic pieces cancel near the knots where they meet"},
};

//! The expression of column `column` of catalogue activation `name`.
inline actlab::expr catalog_column(std::string_view name, const std::string& column) {
    for (const actlab::activation& a : actlab::catalog())
        if (a.name == name) return column_expression(*a.definition, column);
    throw std::runtime_error("no catalogue activation " + std::string(name));
}

//! The sign of column g at x (eval_certified in double: correctly rounded, so its sign is
//! exact); 0 where it is 0 or undefined.
inline int certified_sign(const actlab::expr& g, double x) {
    try {
        const double v = actlab::eval_certified(g, x);
        return v > 0 ? 1 : (v < 0 ? -1 : 0);
    } catch (const actlab::error&) {
        return 0;
    }
}

//! The zero x0 of the column in [b.from, b.to], for a zero budget: bisection on the signs of
//! eval_certified until the bracket is two adjacent doubles (x0 to within 1 ulp of double).
//! Throws if the column does not change sign between b.from and b.to. Cached.
inline double located_zero(const fast_budget& b, const std::string& column) {
    static std::mutex m;
    static std::map<std::pair<const fast_budget*, std::string>, double> cache;
    const std::lock_guard<std::mutex> lock(m);
    const auto found = cache.find({&b, column});
    if (found != cache.end()) return found->second;
    const actlab::expr g = catalog_column(b.activation, column);
    double lo = b.from, hi = b.to;
    const int s_lo = certified_sign(g, lo), s_hi = certified_sign(g, hi);
    if (s_lo == 0 || s_hi == 0 || s_lo == s_hi)
        throw std::runtime_error("fast_budget of " + std::string(b.activation) + " " + column +
                                 ": no sign change on [from, to]");
    for (;;) {
        const double mid = lo + (hi - lo) / 2;
        if (!(mid > lo && mid < hi)) break;
        const int s = certified_sign(g, mid);
        if (s == 0) {
            lo = hi = mid;
            break;
        }
        (s == s_lo ? lo : hi) = mid;
    }
    const double x0 = lo + (hi - lo) / 2;
    cache[{&b, column}] = x0;
    return x0;
}

//! The budgets of one column on one fast path: 4 ulp, or the largest of the entries that
//! apply at x.
struct column_budget {
    struct zone {
        const fast_budget* entry;
        double zero;
    };
    std::vector<zone> zones;

    double at(double x) const {
        double b = default_fast_ulps;
        for (const zone& z : zones) {
            const fast_budget& e = *z.entry;
            if (!(x >= e.from && x <= e.to)) continue;
            const double here =
                e.per_distance > 0 ? e.ulps + e.per_distance / std::fabs(x - z.zero) : e.ulps;
            if (!(here <= b)) b = here;
        }
        return b;
    }
};

inline column_budget budget_of(std::string_view activation, const std::string& column,
                               fast_path path) {
    column_budget out;
    for (const fast_budget& b : fast_budgets) {
        if (b.activation != activation || (b.paths & path) == 0) continue;
        if (b.column != "*" && b.column != column) continue;
        out.zones.push_back({&b, b.per_distance > 0 ? located_zero(b, column) : 0.0});
    }
    return out;
}

struct fast_result {
    double max_ulps = 0;
    double worst_x = 0;
    int checked = 0;
    int wrong = 0;           //!< NaN, ±inf or 0 where the exact value is finite (and normal, for 0)
    int over = 0;            //!< points above their budget
    std::string first_over;  //!< the first few of them: "x: error > budget"
};

//! Evaluates column `column` at every row whose x is exact in T with `evaluate(T x)`,
//! measures the error in ulps of T and counts the points above `budget` (a column_budget).
template <class T, class Evaluate>
fast_result measure_fast(const reference_table& table, std::size_t column, Evaluate evaluate,
                         const column_budget& budget = {}) {
    using limits = std::numeric_limits<T>;
    fast_result out;
    mpfr_t reference, value;
    mpfr_init2(reference, 600);
    mpfr_init2(value, 600);
    for (std::size_t row = 0; row < table.x.size(); ++row) {
        if (!read_value(reference, table.values[row][column])) continue;
        const double at = table.x[row];
        if (static_cast<double>(static_cast<T>(at)) != at) continue;  // not a point of T
        const T v = evaluate(static_cast<T>(at));
        double err = 0;
        const bool finite_exact = mpfr_cmpabs_ui(reference, 0) == 0 || [&] {
            mpfr_set_ld(value, static_cast<long double>(limits::max()), MPFR_RNDN);
            return mpfr_cmpabs(reference, value) <= 0;
        }();
        mpfr_set_ld(value, static_cast<long double>(limits::min()), MPFR_RNDN);
        const bool normal_exact = mpfr_cmpabs(reference, value) >= 0 && finite_exact;
        if (std::isnan(v) || (finite_exact && std::isinf(v)) || (v == 0 && normal_exact)) {
            ++out.wrong;
            err = inf;
        } else {
            actlab::detail::certified_target<T>::to_mpfr(value, v);
            err = ulps(value, reference, limits::digits, limits::min_exponent);
        }
        if (!(err <= out.max_ulps)) {
            out.max_ulps = err;
            out.worst_x = at;
        }
        const double allowed = budget.at(at);
        if (!(err <= allowed)) {
            if (++out.over <= 8) {
                char buf[96];
                std::snprintf(buf, sizeof buf, "x = %.17g: %.3g ulp > %.3g; ", at, err, allowed);
                out.first_over += buf;
            }
        }
        ++out.checked;
    }
    mpfr_clear(reference);
    mpfr_clear(value);
    return out;
}

// Random points beside the tables: the tables are dense near 0, at the kinks and in the tails,
// and can miss a spot where the fast paths lose accuracy (gelu_tanh″ at 3 < |x| < 5 lost 9.7 ulp
// in compiled<> between the table points). eval_certified, correctly rounded and itself held to
// the mpmath tables (runtime.activation_accuracy, activation_accuracy_mp), gives the
// references.

//! n points, the same for every column (seeded): x uniform on [−40, 40], every second one
//! scaled by 1/5, every fourth by 1/20 (|x| ≤ 2, where the zeros are), rounded to float so that
//! every fast path evaluates at every point.
inline std::vector<double> random_points(int n) {
    std::mt19937_64 rng(20261207);
    std::uniform_real_distribution<double> dist(-40, 40);
    std::vector<double> out;
    for (int i = 0; i < n; ++i) {
        double x = dist(rng);
        if (i % 2 == 1) x /= 5;
        if (i % 4 == 3) x /= 4;
        out.push_back(static_cast<double>(static_cast<float>(x)));
    }
    return out;
}

inline constexpr int random_point_count = 3000;
inline constexpr int random_point_count_long_double = 400;

//! A reference table of the activation's columns at random_points, from eval_certified in
//! Reference: long double (correctly rounded to 64 bits: within 2⁻¹¹ ulp of double) for float,
//! double and compiled<>, cpp_bin_float_50 for long double. "undef" where eval_certified
//! reports an undefined value or does not converge (only at an exact 0). Cached.
template <class Reference>
const reference_table& random_reference_table(std::string_view activation,
                                              const std::vector<std::string>& columns) {
    static std::mutex m;
    static std::map<std::string, reference_table> cache;
    const std::lock_guard<std::mutex> lock(m);
    auto& t = cache[std::string(activation)];
    if (!t.x.empty()) return t;
    t.columns = columns;
    const int n = std::is_same_v<Reference, long double> ? random_point_count
                                                         : random_point_count_long_double;
    t.x = random_points(n);
    std::vector<actlab::expr> g;
    for (const std::string& c : columns) g.push_back(catalog_column(activation, c));
    for (const double at : t.x) {
        std::vector<std::string> row;
        for (const actlab::expr& e : g) {
            try {
                const Reference v = actlab::eval_certified(e, Reference(at));
                if constexpr (std::is_same_v<Reference, long double>) {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%.21Lg", v);
                    row.push_back(std::isfinite(v) ? std::string(buf) : std::string("undef"));
                } else {
                    row.push_back(v.str(60, std::ios_base::scientific));
                }
            } catch (const actlab::error&) {
                row.push_back("undef");
            }
        }
        t.values.push_back(std::move(row));
    }
    return t;
}

}  // namespace actlab_test
