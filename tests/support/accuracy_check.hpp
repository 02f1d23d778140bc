// The checks shared by tests/runtime/activation_accuracy*.cpp: the expression of a reference
// column, and the error of eval_certified over a whole column.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/certified.hpp>
#include <support/reference_table.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace actlab_test {

inline std::string table_path(std::string_view name, const char* suffix) {
    return std::string(ACTLAB_TEST_DATA_DIR) + "/activations/" + std::string(name) + suffix;
}

// The budget of every function, derivative order and parameter derivative, in ulps of the
// target type. eval_certified encloses the exact value and rounds it once, so the budget is
// correct rounding: 0.5 ulp, plus the rounding of the references themselves (25 significant
// digits for double, 110 for the 100-digit tables: below 1e-8 ulp). There are no exceptions;
// a function that needs one must say why here.
constexpr double correctly_rounded = 0.5 + 1e-6;

struct column_result {
    double max_ulps = 0;
    double worst_x = 0;
    int checked = 0;
    int undefined = 0;
    int unresolved = 0;  // did not converge, only at an exact 0 (see check_column)
};

// Evaluates one column at every row with `evaluate(g, x)` in T and measures the error;
// checks that no finite true value comes out as NaN or ±inf, and no normal one as 0.
template <class T, class Evaluate>
column_result check_column(const actlab_test::reference_table& table, std::size_t column,
                           const actlab::expr& g, long digits, long min_exponent,
                           Evaluate evaluate) {
    column_result out;
    mpfr_t reference, value;
    mpfr_init2(reference, 600);
    mpfr_init2(value, 600);
    for (std::size_t row = 0; row < table.x.size(); ++row) {
        if (!actlab_test::read_value(reference, table.values[row][column])) {
            ++out.undefined;
            continue;
        }
        const double at = table.x[row];
        INFO("x = " << at << ", reference " << table.values[row][column]);
        T v{};
        try {
            v = evaluate(g, T(at));
        } catch (const actlab::error& e) {
            // The one accepted failure: an exact 0 that the enclosure can only approach
            // (bspline'' on [-1, 1] at tiny x, whose exact rational does not fit the 128-bit
            // fold). It is reported ("did not converge"), never a wrong digit. (The tails of
            // gelu and gelu_tanh below 2^-10000, where 1 + erf(u) and 1 + tanh(u) cancelled
            // beyond the largest working precision, resolve since eval_certified encloses the
            // evaluation form erfc(−u), 2σ(2u).)
            if (!mpfr_zero_p(reference)) FAIL_CHECK(e.what());
            ++out.unresolved;
            continue;
        }
        actlab::detail::certified_target<T>::to_mpfr(value, v);
        const double err = actlab_test::ulps(value, reference, digits, min_exponent);
        CHECK_FALSE(std::isnan(err));
        if constexpr (std::is_same_v<T, double>) {
            const double magnitude = std::fabs(mpfr_get_d(reference, MPFR_RNDN));
            if (magnitude >= std::numeric_limits<double>::min()) CHECK(v != 0.0);
            if (magnitude <= std::numeric_limits<double>::max()) CHECK(std::isfinite(v));
        }
        if (err > out.max_ulps || std::isnan(err)) {
            out.max_ulps = err;
            out.worst_x = at;
        }
        ++out.checked;
    }
    mpfr_clear(reference);
    mpfr_clear(value);
    return out;
}

}  // namespace actlab_test
