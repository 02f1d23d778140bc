// The fast path `compiled<f>` in double (glibc libm at run time) over the reference tables of
// every catalogue activation: f, f′, f″ and every learnable-parameter derivative, each a type
// made at compile time from the catalogue entry. Same budgets as eval
// (tests/support/fast_accuracy.hpp).
#include <support/accuracy_check.hpp>
#include <support/fast_accuracy.hpp>

#include <catch2/catch.hpp>

using namespace actlab_test;

TEST_CASE("compiled<f> of every catalogue activation is within its budget", "[accuracy]") {
    int columns = 0;
    visit_compiled_columns(
        [&](const actlab::activation& a, const std::string& column, const auto& f) {
            INFO(a.name << ", column " << column);
            const auto table = read_reference_table(table_path(a.name, ".csv"));
            std::size_t c = 0;
            while (c < table.columns.size() && table.columns[c] != column) ++c;
            REQUIRE(c < table.columns.size());
            const fast_result r = measure_fast<double>(table, c, [&](double at) { return f(at); });
            const fast_budget* b = find_fast_budget(a.name, column);
            INFO("worst at x = " << r.worst_x << (b ? "; budget: " : "")
                                 << (b ? b->reason : std::string_view{}));
            CHECK(r.max_ulps <= (b ? b->budget<double>() : default_fast_ulps));
            CHECK(r.wrong <= (b ? b->wrong : 0));
            CHECK(r.checked > 1000);
            ++columns;
        });
    CHECK(columns >= 3 * static_cast<int>(actlab::catalog().size()));
}
