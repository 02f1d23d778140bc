// Every catalogue activation — f, f', f'' — against the 110-digit mpmath references
// (tests/data/activations/*.mp.csv): correctly rounded in cpp_bin_float_50 and in mpfr_float at
// 100 digits.
#include <support/accuracy_check.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

using namespace actlab_test;
using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::mpfr_float;

TEST_CASE("every catalogue activation is correctly rounded at 50 and 100 digits", "[accuracy]") {
    const unsigned saved = mpfr_float::default_precision();
    mpfr_float::default_precision(100);
    const long mpfr_bits = mpfr_get_prec(mpfr_float(0).backend().data());
    for (const actlab::activation& a : actlab::catalog()) {
        INFO(a.name);
        const auto table = actlab_test::read_reference_table(table_path(a.name, ".mp.csv"));
        CHECK(table.x.size() >= 100);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            INFO("column " << table.columns[c]);
            const actlab::expr g = column_expression(*a.definition, table.columns[c]);
            const auto certified = [](const actlab::expr& e, const auto& at) {
                return actlab::eval_certified(e, at);
            };
            const column_result r50 = check_column<cpp_bin_float_50>(
                table, c, g, std::numeric_limits<cpp_bin_float_50>::digits,
                std::numeric_limits<long>::min() / 4, certified);
            const column_result r100 = check_column<mpfr_float>(
                table, c, g, mpfr_bits, std::numeric_limits<long>::min() / 4, certified);
            // The budget for multiprecision is 10 ulp; certified evaluation does 0.5.
            CHECK(r50.max_ulps <= correctly_rounded);
            CHECK(r100.max_ulps <= correctly_rounded);
        }
    }
    mpfr_float::default_precision(saved);
}
