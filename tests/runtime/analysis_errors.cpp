// Errors by type, not by message: an expression beyond the engine's capacity is an
// actlab::capacity_error (an actlab::error), which is how analyze() tells it from a formula
// that is not defined on all of R (include/actlab/expr/error.hpp, analysis/analyze.hpp).
#include <actlab/expr/build.hpp>
#include <actlab/expr/error.hpp>

#include <catch2/catch.hpp>

namespace {

using namespace actlab;

expr with_parameters(int n) {
    const char* names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    expr s = x;
    for (int k = 0; k < n; ++k) s = s + param(names[k], 1) * x;
    return s;
}

}  // namespace

TEST_CASE("capacity: a typed error", "[analysis][errors]") {
    CHECK_NOTHROW(with_parameters(8));
    CHECK_THROWS_AS(with_parameters(9), capacity_error);
    CHECK_THROWS_AS(with_parameters(9), error);
    // An error that is not about capacity stays a plain actlab::error.
    try {
        (void)param("", 1);
        FAIL("an empty parameter name was accepted");
    } catch (const capacity_error&) {
        FAIL("an empty parameter name reported as a capacity error");
    } catch (const error&) {
    }
}
