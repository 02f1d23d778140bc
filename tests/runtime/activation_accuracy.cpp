// Every catalogue activation — f, f', f'' and the derivatives in its learnable parameters —
// against the independent mpmath references in tests/data/activations/ (regenerate with
// `python3 tests/data/generate_activation_references.py`): correctly rounded in double at
// >= 2000 points each (dense near 0, at and around every kink and formula threshold, tails to
// |x| = 750). The 50- and 100-digit checks are in activation_accuracy_mp.cpp (a second
// executable, so that CTest runs the two in parallel).
#include <support/accuracy_check.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

using namespace actlab_test;
using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::mpfr_float;

TEST_CASE("every catalogue activation is correctly rounded in double", "[accuracy]") {
    for (const actlab::activation& a : actlab::catalog()) {
        INFO(a.name);
        const auto table = actlab_test::read_reference_table(table_path(a.name, ".csv"));
        CHECK(table.x.size() >= 2000);
        CHECK(table.x.front() <= -750);
        CHECK(table.x.back() >= 750);
        // Every learnable parameter has its derivative column.
        for (const auto& p : a.parameters) {
            if (!p.learnable) continue;
            const std::string column = "d_" + std::string(p.name);
            CHECK(std::find(table.columns.begin(), table.columns.end(), column) !=
                  table.columns.end());
        }
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            INFO("column " << table.columns[c]);
            const actlab::expr g = column_expression(*a.definition, table.columns[c]);
            const column_result r = check_column<double>(
                table, c, g, 53, -1021,
                [](const actlab::expr& e, double at) { return actlab::eval_certified(e, at); });
            INFO("worst at x = " << r.worst_x);
            CHECK(r.max_ulps <= correctly_rounded);
            CHECK(r.checked + r.undefined == static_cast<int>(table.x.size()));
            CHECK(r.unresolved == 0);
        }
    }
}
