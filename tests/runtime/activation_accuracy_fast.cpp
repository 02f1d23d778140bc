// The fast path `eval` — the evaluation form in float, double and long double — over the
// reference tables of every catalogue activation (f, f′, f″ and every learnable-parameter
// derivative, ≥ 2000 points, tails to |x| = 750): within 4 ulp and never NaN, ±inf or 0 where
// the exact value is a finite normal number, except the entries of fast_budgets, each with
// its reason (tests/support/fast_accuracy.hpp). compiled<f> is checked in
// activation_accuracy_compiled.cpp.
#include <actlab/catalog.hpp>
#include <actlab/eval/evaluate.hpp>
#include <support/accuracy_check.hpp>
#include <support/fast_accuracy.hpp>

#include <catch2/catch.hpp>

using namespace actlab_test;

TEMPLATE_TEST_CASE("eval of every catalogue activation is within its budget", "[accuracy]", float,
                   double, long double) {
    for (const actlab::activation& a : actlab::catalog()) {
        INFO(a.name);
        const auto table = read_reference_table(table_path(a.name, ".csv"));
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            INFO("column " << table.columns[c]);
            const actlab::expr g = column_expression(*a.definition, table.columns[c]);
            const actlab::expr form = actlab::evaluation_form(g);
            const std::vector<TestType> parameters =
                actlab::detail::parameter_values<TestType>(g, form, {});
            const fast_result r = measure_fast<TestType>(table, c, [&](TestType at) {
                return actlab::detail::evaluate(form, at, parameters);
            });
            const fast_budget* b = find_fast_budget(a.name, table.columns[c]);
            INFO("worst at x = " << r.worst_x << (b ? "; budget: " : "")
                                 << (b ? b->reason : std::string_view{}));
            CHECK(r.max_ulps <= (b ? b->budget<TestType>() : default_fast_ulps));
            CHECK(r.wrong <= (b ? b->wrong : 0));
            CHECK(r.checked > 100);
        }
    }
}

TEST_CASE("eval is the evaluation form", "[accuracy]") {
    // The loop above evaluates the form once per column for speed; eval does the same per call.
    const actlab::expr f = actlab::d(actlab::activations::mish);
    for (const double at : {-745.0, -3.5, 0.0, 1e-8, 20.0, 359.5})
        CHECK(actlab::eval(f, at) == actlab::detail::evaluate(actlab::evaluation_form(f), at, {}));
}
