// The fast path `eval` — the evaluation form in float, double and long double — over the
// reference tables of every catalogue activation (f, f′, f″ and every learnable-parameter
// derivative, ≥ 2000 points, tails to |x| = 750) and over random points (references from
// eval_certified): within 4 ulp and never NaN, ±inf or 0 where the exact value is a finite
// normal number, except on the intervals of the entries of fast_budgets, each with its reason
// (tests/support/fast_accuracy.hpp). compiled<f> is checked in activation_accuracy_compiled.cpp.
#include <actlab/catalog.hpp>
#include <actlab/eval/evaluate.hpp>
#include <support/accuracy_check.hpp>
#include <support/fast_accuracy.hpp>

#include <catch2/catch.hpp>

using namespace actlab_test;
using boost::multiprecision::cpp_bin_float_50;

TEMPLATE_TEST_CASE("eval of every catalogue activation is within its budget", "[accuracy]", float,
                   double, long double) {
    using reference =
        std::conditional_t<std::is_same_v<TestType, long double>, cpp_bin_float_50, long double>;
    for (const actlab::activation& a : actlab::catalog()) {
        INFO(a.name);
        const auto table = read_reference_table(table_path(a.name, ".csv"));
        const reference_table& random = random_reference_table<reference>(a.name, table.columns);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            INFO("column " << table.columns[c]);
            const actlab::expr g = column_expression(*a.definition, table.columns[c]);
            const actlab::expr form = actlab::evaluation_form(g);
            const std::vector<TestType> parameters =
                actlab::detail::parameter_values<TestType>(g, form, {});
            const auto evaluate = [&](TestType at) {
                return actlab::detail::evaluate(form, at, parameters);
            };
            const column_budget budget = budget_of(a.name, table.columns[c], eval_path<TestType>);
            for (const reference_table* t : {&table, &random}) {
                INFO((t == &table ? "table points" : "random points"));
                const fast_result r = measure_fast<TestType>(*t, c, evaluate, budget);
                INFO("largest error " << r.max_ulps << " ulp at x = " << r.worst_x
                                      << "; above the budget: " << r.first_over);
                CHECK(r.over == 0);
                CHECK(r.checked > 100);
            }
        }
    }
}

TEST_CASE("eval is the evaluation form", "[accuracy]") {
    // The loop above evaluates the form once per column for speed; eval does the same per call.
    const actlab::expr f = actlab::d(actlab::activations::mish);
    for (const double at : {-745.0, -3.5, 0.0, 1e-8, 20.0, 359.5})
        CHECK(actlab::eval(f, at) == actlab::detail::evaluate(actlab::evaluation_form(f), at, {}));
}

TEST_CASE("every budget of the fast paths names a column, and its zero is one", "[accuracy]") {
    for (const fast_budget& b : fast_budgets) {
        INFO(b.activation << " " << b.column << ": " << b.reason);
        const auto table = read_reference_table(table_path(b.activation, ".csv"));
        int columns = 0;
        for (const std::string& c : table.columns) {
            if (b.column != "*" && b.column != c) continue;
            ++columns;
            if (!(b.per_distance > 0)) continue;
            // A simple zero inside the bracket: the signs on either side of x0 differ, and
            // x0 is not at an end of the bracket.
            const double x0 = located_zero(b, c);
            const actlab::expr g = catalog_column(b.activation, c);
            CHECK(x0 > b.from);
            CHECK(x0 < b.to);
            CHECK(certified_sign(g, std::nextafter(x0, -inf)) *
                      certified_sign(g, std::nextafter(x0, inf)) <=
                  0);
        }
        CHECK(columns > 0);
        CHECK(b.from <= b.to);
        CHECK(b.paths != 0);
        CHECK(!b.reason.empty());
    }
}
