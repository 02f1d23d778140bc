// The fast path `compiled<f>` in double (glibc libm at run time) over the reference tables of
// every catalogue activation and over random points (references from eval_certified): f, f′,
// f″ and every learnable-parameter derivative, each a type made at compile time from the
// catalogue entry. Same budgets as eval (tests/support/fast_accuracy.hpp).
#include <support/accuracy_check.hpp>
#include <support/fast_accuracy.hpp>

#include <catch2/catch.hpp>

using namespace actlab_test;

TEST_CASE("compiled<f> of every catalogue activation is within its budget", "[accuracy]") {
    int columns = 0;
    visit_compiled_columns([&](const actlab::activation& a, const std::string& column,
                               const auto& f) {
        INFO(a.name << ", column " << column);
        const auto table = read_reference_table(table_path(a.name, ".csv"));
        const reference_table& random = random_reference_table<long double>(a.name, table.columns);
        std::size_t c = 0;
        while (c < table.columns.size() && table.columns[c] != column) ++c;
        REQUIRE(c < table.columns.size());
        const column_budget budget = budget_of(a.name, column, compiled_double);
        for (const reference_table* t : {&table, &random}) {
            INFO((t == &table ? "table points" : "random points"));
            const fast_result r =
                measure_fast<double>(*t, c, [&](double at) { return f(at); }, budget);
            INFO("largest error " << r.max_ulps << " ulp at x = " << r.worst_x
                                  << "; above the budget: " << r.first_over);
            CHECK(r.over == 0);
            CHECK(r.checked > 1000);
        }
        ++columns;
    });
    CHECK(columns >= 3 * static_cast<int>(actlab::catalog().size()));
}
