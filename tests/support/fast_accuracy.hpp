// The accuracy of the fast paths (`eval` in float, double and long double, `compiled<f>` in
// double) over the reference tables of tests/data/activations/, and their budgets. Shared by
// tests/runtime/activation_accuracy_fast*.cpp and tools/accuracy_table.
#pragma once

#include <actlab/eval/certified.hpp>
#include <support/catalog_columns.hpp>
#include <support/reference_table.hpp>

#include <cmath>
#include <limits>
#include <string_view>
#include <type_traits>

namespace actlab_test {

struct fast_result {
    double max_ulps = 0;
    double worst_x = 0;
    int checked = 0;
    int wrong = 0;  //!< NaN, ±inf or 0 where the exact value is finite (and normal, for 0)
};

//! Evaluates column `column` at every row whose x is exact in T with `evaluate(T x)` and
//! measures the error in ulps of T.
template <class T, class Evaluate>
fast_result measure_fast(const reference_table& table, std::size_t column, Evaluate evaluate) {
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
            err = std::numeric_limits<double>::infinity();
        } else {
            actlab::detail::certified_target<T>::to_mpfr(value, v);
            err = ulps(value, reference, limits::digits, limits::min_exponent);
        }
        if (!(err <= out.max_ulps)) {
            out.max_ulps = err;
            out.worst_x = at;
        }
        ++out.checked;
    }
    mpfr_clear(reference);
    mpfr_clear(value);
    return out;
}

//! The budget of the fast paths: 4 ulp and no wrong class, unless an entry below says
//! otherwise, with its reason.
struct fast_budget {
    std::string_view activation;
    std::string_view column;  //!< "f", "d1", "d2", "d_<parameter>", or "*" for every column
    double ulps;
    int wrong;
    std::string_view reason;
    //! The budget in long double when it differs: the tails of long double reach |x| ≈ 150
    //! where those of double stop at ≈ 38, and an error proportional to x² grows with them.
    double long_double_ulps = 0;

    template <class T>
    constexpr double budget() const {
        return std::is_same_v<T, long double> && long_double_ulps > 0 ? long_double_ulps : ulps;
    }
};

inline constexpr double default_fast_ulps = 4;

// Each exception names what the evaluation form and the evaluators' kernels cannot remove
// (see docs/reference/accuracy.md): a zero of the function, where the condition number is
// unbounded and terms of different shapes cancel; a threshold decided against a rounded
// constant; an error of a library function (long double: Boost.Math, glibc's tanhl).
inline constexpr fast_budget fast_budgets[] = {
    {"gelu", "f", 4, 0,
     "long double: Boost.Math's erfc in long double, 4.9 ulp at x = −25 (erfc(17.7)); the "
     "rounding of x/√2 is corrected (argument_correction)",
     5.5},
    {"gelu", "d1", 1100, 0,
     "gelu′ = ½erfc(−x/√2) + x·φ(x) has a zero at x ≈ −0.7518, where its condition number "
     "|x·f″/f′| is unbounded and the two terms cancel: 225 ulp at the table point −0.75 in "
     "double, 1004 in long double"},
    {"gelu", "d2", 4, 0,
     "long double: (1 − x²)·φ(x) at x = −17.1, 4.6 ulp (x² rounded before 1 − x², then "
     "two products)",
     5},
    {"gelu_tanh", "d1", 200, 0,
     "gelu_tanh′ has a zero at x ≈ −0.7524, where its terms σ(2u) and 2x·u′·σ(2u)σ(−2u) "
     "cancel: 123 ulp at −0.75 in double, 182 at the float point −0.75"},
    {"gelu_tanh", "d2", 700, 0,
     "gelu_tanh″ has zeros at x ≈ ±1.4185, where its three terms cancel: 615 ulp at "
     "−1.41406 in double, 441 in long double"},
    {"silu", "d1", 400, 0,
     "silu′ = σ(x)(1 + x·σ(−x)) has a zero at x ≈ −1.2785, where its condition number is "
     "unbounded: 361 ulp at the float point −1.28125, 64 in double, 124 in long double"},
    {"silu", "d2", 1100, 0,
     "silu″ = σ(x)σ(−x)(2 − x·tanh(x/2)) has zeros at x ≈ ±2.3994: 1000 ulp at −2.39844 "
     "(eval, double)"},
    {"swish", "d1", 400, 0, "as silu (β = 1)"},
    {"swish", "d2", 1100, 0, "as silu (β = 1)"},
    {"mish", "d1", 1000, 0,
     "mish′ has a zero at x ≈ −1.1924, where its condition number is unbounded: 892 ulp at "
     "−1.19531 in long double, 360 at −1.1875 in double"},
    {"mish", "d2", 1000, 0,
     "mish″ has zeros at x ≈ −2.2564 and 1.4906, where its three terms cancel: 904 ulp at "
     "1.4921875 in long double, 644 at −2.25781 in double"},
    {"softsign", "d2", 5, 0,
     "−2·sign(x)/(1 + |x|)³: one rounding of 1 + |x| cubed (1.5 ulp) plus four operations"},
    {"hardswish", "d1", 25, 0,
     "(3 + x)/6 + x/6 on (−3, 3) has a zero at x = −3/2, where the two terms cancel: 21.3 ulp "
     "at −1.50781"},
    {"tanhshrink", "d1", 5, 0,
     "tanh(x)²: the error of tanh — glibc's tanh in compiled<> (4.6 ulp at x = −0.36), tanhl in "
     "long double — doubled by the square",
     6},
    {"threshold", "*", std::numeric_limits<double>::infinity(), 1,
     "x > 1/10 decided against the double 0.1 (which is above 1/10): at x = 0.1 the branch "
     "differs from the exact one"},
    {"gaussian", "d2", 4, 0,
     "long double: (4x² − 2)·e^(−x²) has zeros at ±1/√2, where its condition number is "
     "unbounded: 10 ulp at x = −0.689",
     12},
    {"snake", "*", 2e5, 0,
     "1 + sin(2αx) at its double zeros x = −π/4 + kπ cancels to 0: no saturation rewrite "
     "for sin; and sin² of a rounded argument (the error grows as 1/distance to the zero)",
     1e6},
    {"bspline", "*", std::numeric_limits<double>::infinity(), 6,
     "knots at decimal thresholds (−2.2, −1.8, …) decided against their doubles, and the "
     "cubic pieces cancel near the knots where they meet"},
};

inline const fast_budget* find_fast_budget(std::string_view activation, std::string_view column) {
    const fast_budget* any = nullptr;
    for (const fast_budget& b : fast_budgets) {
        if (b.activation != activation) continue;
        if (b.column == column) return &b;
        if (b.column == "*") any = &b;
    }
    return any;
}

}  // namespace actlab_test
