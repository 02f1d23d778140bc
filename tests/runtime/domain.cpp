// actlab::prove_defined_on_reals: every formula of issue 12's list (and kin) is refuted with
// the reason, the offending sub-expression and a point where it fails; the catalogue and
// formulas defined on all of R are proved; an undecidable pole gives "could not prove";
// the analyses (analyze, orbit, mean field, edge of chaos) refuse what is not proved.
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/analysis/meanfield.hpp>
#include <actlab/analysis/orbit.hpp>
#include <actlab/catalog.hpp>
#include <actlab/expr/parse.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

struct refuted_case {
    const char* formula;
    const char* reason;         // a part of the reason
    const char* subexpression;  // the offending sub-expression, as printed
    const char* point;          // the point found
};

}  // namespace

TEST_CASE("formulas not defined on all of R are refuted with a witness point", "[domain]") {
    const refuted_case cases[] = {
        {"1/(1+x)", "denominator is 0", "1/(1 + x)", "-1"},
        {"tanh(x)/(x-3)", "denominator is 0", "1/(−3 + x)", "3"},
        {"1/(1-x^2)", "denominator is 0", "1/(−1 + x²)", "-1"},
        {"sqrt(1-x^2)", "even root of a negative number", "√(1 − x²)", "-2"},
        {"log(2-x)", "log of a number <= 0", "log(2 − x)", "2"},
        {"log(1+x)", "log of a number <= 0", "log(1 + x)", "-1"},
        {"log(-1)", "log of a number <= 0", "log(−1)", "0"},
        {"log(0)", "log of a number <= 0", "log(0)", "0"},
        {"1/x", "denominator is 0", "1/x", "0"},
        {"x^x", "non-constant exponent", "x^x", "0"},
        {"x^(-1/3)", "denominator is 0", "1/x^(1/3)", "0"},
        {"log((x+5)^2)", "log of a number <= 0", "log((5 + x)²)", "-5"},
        {"exp(1e10)*x", "beyond the number format", "exp(10000000000)", "0"},
        {"log(x+10)", "log of a number <= 0", "log(10 + x)", "-16"},
    };
    for (const auto& c : cases) {
        INFO(c.formula);
        const actlab::domain_report r = actlab::prove_defined_on_reals(actlab::parse(c.formula));
        INFO(r.message());
        CHECK(r.status == actlab::domain_status::undefined);
        CHECK(r.reason.find(c.reason) != std::string::npos);
        CHECK(r.subexpression == c.subexpression);
        REQUIRE(r.point);
        CHECK(*r.point == c.point);
    }
}

TEST_CASE("every catalogue activation is proved defined on R", "[domain]") {
    for (const actlab::activation& a : actlab::catalog()) {
        INFO(a.name);
        const actlab::domain_report r = actlab::prove_defined_on_reals(*a.definition);
        INFO(r.message());
        CHECK(r.proved());
    }
}

TEST_CASE("formulas defined on R, some by structure only, are proved", "[domain]") {
    // 1/σ(x) and log σ(x): the enclosure of σ on [−inf, −R] reaches 0 (its limit); σ > 0 at
    // every real x is known from its structure.
    for (const char* f : {"x^(1/3)", "abs(x)^0.5", "1/(1+x^2)", "x/(1+abs(x))", "1/sigmoid(x)",
                          "log(sigmoid(x))", "log(1+x^2)", "exp(exp(exp(x)))", "(x+5)^2",
                          "x-tanh(x)", "sin(x)/(2+cos(x))", "where(x<0, exp(x)-1, x)"}) {
        INFO(f);
        const actlab::domain_report r = actlab::prove_defined_on_reals(actlab::parse(f));
        INFO(r.message());
        CHECK(r.proved());
    }
}

TEST_CASE("a pole at no double is 'could not prove', never proved", "[domain]") {
    for (const char* f : {"1/(x-1/3)", "1/(x-1e30)"}) {
        INFO(f);
        const actlab::domain_report r = actlab::prove_defined_on_reals(actlab::parse(f));
        INFO(r.message());
        CHECK(r.status == actlab::domain_status::could_not_prove);
        CHECK(r.message().rfind("could not prove", 0) == 0);
    }
}

TEST_CASE("the budget bounds the work", "[domain]") {
    const actlab::domain_report r =
        actlab::prove_defined_on_reals(actlab::parse("1/(x-1/3)"), {.max_boxes = 10});
    CHECK(r.status == actlab::domain_status::could_not_prove);
    CHECK(r.boxes <= 11);
}

TEST_CASE("every analysis refuses a formula not proved defined on R", "[domain]") {
    for (const char* text : {"1/(1+x)", "log(1+x)", "log(x+10)", "1/(x-1/3)"}) {
        INFO(text);
        const actlab::expr f = actlab::parse(text);
        CHECK_THROWS_WITH(actlab::analyze(f, {.digits = 10}),
                          Catch::Contains("defined and finite on all of R"));
        CHECK_THROWS_WITH(actlab::orbit(f, "0.5", 3), Catch::Contains("on all of R"));
        CHECK_THROWS_WITH(actlab::mean_field(f, "1", "0.1"), Catch::Contains("on all of R"));
        CHECK_THROWS_WITH(actlab::edge_of_chaos(f, "0.1"), Catch::Contains("on all of R"));
    }
}
