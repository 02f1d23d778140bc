// Tests of include/actlab/expr/parse.hpp: formulas read back equal to the same formula
// written in C++, to_text round trips, and the exact messages and columns of parse errors.
#include "../support/sample_expressions.hpp"

#include <actlab/expr/parse.hpp>
#include <actlab/print/printer.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace actlab;

// Each expression is made by its own function (an expr is ~15 KB; see print.cpp).
struct parsed {
    const char* text;
    expr (*make)();
};

expr alpha() { return param("alpha", 0.25); }

const parsed formulas[] = {
    {"x*tanh(log1p(exp(x)))", [] { return x * tanh(log1p(exp(x))); }},
    {"x * (1 + erf(x / sqrt(2))) / 2", [] { return x * (1 + erf(x / sqrt(2))) / 2; }},
    {"0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x**3)))",
     [] {
         return ratio(1, 2) * x * (1 + tanh(sqrt(2 / pi) * (x + constant("0.044715") * pow(x, 3))));
     }},
    {"-x^2", [] { return -pow(x, 2); }},
    {"2^3^2", [] { return expr(512); }},
    {"2.5e-3 * x", [] { return constant("0.0025") * x; }},
    {"where(x < 0, alpha*x, x)", [] { return where(x < 0, alpha() * x, x); }},
    {"where(0 >= x, α·x, x)", [] { return where(0 >= x, alpha() * x, x); }},
    {"where(x ≤ 1, x, 2)", [] { return where(x <= 1, x, 2); }},
    {"clamp(x, -1, 1) + min(x, 0) - max(x, 0)",
     [] { return clamp(x, -1, 1) + min(x, 0) - max(x, 0); }},
    {"pow(x, 1/3) + abs(x) + sign(x)", [] { return pow(x, ratio(1, 3)) + abs(x) + sign(x); }},
    {"σ(x)·(1 − σ(x))", [] { return sigmoid(x) * (1 - sigmoid(x)); }},
    {"1 − tanh(x)²", [] { return 1 - pow(tanh(x), 2); }},
    {"2·exp(−x²)/√π", [] { return 2 * exp(-pow(x, 2)) / sqrt(pi); }},
    {"√(1 + x²) + |x| + x⁻¹ + x^(1/3)",
     [] { return sqrt(1 + x * x) + abs(x) + 1 / x + pow(x, ratio(1, 3)); }},
    {"softplus(x) - sigmoid(x) + erfc(x) * expm1(x) + sin(x) / cos(x)",
     [] { return softplus(x) - sigmoid(x) + erfc(x) * expm1(x) + sin(x) / cos(x); }},
    {"e^x + π + pi + e", [] { return exp(x) + 2 * pi + e; }},
    {"1.6732632423543772848170429916717",
     [] { return constant("1.6732632423543772848170429916717"); }},
};

struct failure {
    const char* text;
    int column;
    const char* message;
};

const failure failures[] = {
    {"x * tanhh(x)", 5, "parse error at column 5: unknown function 'tanhh'; did you mean 'tanh'?"},
    {"sigmod(x)", 1, "parse error at column 1: unknown function 'sigmod'; did you mean 'sigmoid'?"},
    {"2*alpah", 3, "parse error at column 3: unknown name 'alpah'; did you mean 'alpha'?"},
    {"foo + 1", 1, "parse error at column 1: unknown name 'foo'"},
    {"", 1, "parse error at column 1: empty expression"},
    {"   ", 1, "parse error at column 1: empty expression"},
    {"x +", 4, "parse error at column 4: unexpected end of input, expected an operand"},
    {"(x + 1", 1, "parse error at column 1: unbalanced parentheses: '(' is never closed"},
    {"x + 1)", 6, "parse error at column 6: unbalanced parentheses: ')' has no matching '('"},
    {"tanh(x", 5, "parse error at column 5: unbalanced parentheses: '(' is never closed"},
    {"|x + 1", 1, "parse error at column 1: unbalanced '|': this '|' is never closed"},
    {"tanh(x, 2)", 1, "parse error at column 1: 'tanh' takes 1 argument, not 2"},
    {"max(x)", 1, "parse error at column 1: 'max' takes 2 arguments, not 1"},
    {"where(x, 1, 2)", 7,
     "parse error at column 7: the first argument of 'where' must be a comparison such as 'x < 0'"},
    {"x < 1", 3,
     "parse error at column 3: a comparison is only allowed as the first argument of 'where'"},
    {"tanh x", 6, "parse error at column 6: expected '(' after the function name 'tanh'"},
    {"x y", 3, "parse error at column 3: expected an operator, found 'y'"},
    {"1e999 * x", 1, "parse error at column 1: number out of range: 1e999"},
    {"x ⁻ 2", 3, "parse error at column 3: expected superscript digits after '⁻'"},
    {"σ(x) $ 2", 6, "parse error at column 6: unexpected character '$'"},
    {"x·\xff", 3, "parse error at column 3: invalid UTF-8 byte 0xff"},
    {"()", 2, "parse error at column 2: expected an operand, found ')'"},
};

}  // namespace

TEST_CASE("parse builds the same expression as the C++ builders", "[parse]") {
    for (const parsed& p : formulas) {
        INFO(p.text);
        CHECK(parse(p.text, {alpha()}) == p.make());
    }
}

TEST_CASE("parse reads back to_text for every sample expression", "[parse]") {
    for (const actlab_test::sample& s : actlab_test::sample_expressions()) {
        const std::string text = to_text(s.f);
        INFO(s.name << ": " << text);
        CHECK(parse(text, s.parameters) == s.f);
    }
}

TEST_CASE("parse errors carry the column and an exact message", "[parse]") {
    for (const failure& f : failures) {
        INFO(f.text);
        try {
            (void)parse(f.text, {alpha()});
            FAIL("no parse_error");
        } catch (const parse_error& err) {
            CHECK(err.column() == f.column);
            CHECK(std::string(err.what()) == f.message);
        }
    }
}

TEST_CASE("parse_error is an actlab::error", "[parse]") { CHECK_THROWS_AS(parse("x +"), error); }

TEST_CASE("deep nesting is an error, not a stack overflow", "[parse]") {
    const std::string deep(100000, '(');
    try {
        (void)parse(deep + "x");
        FAIL("no parse_error");
    } catch (const parse_error& err) {
        CHECK(err.column() == 201);
        CHECK(std::string(err.what()) ==
              "parse error at column 201: expression nested too deeply (more than 200 levels)");
    }
    std::string minuses(100000, '-');
    CHECK_THROWS_AS(parse(minuses + "x"), parse_error);
    CHECK(parse(std::string(150, '(') + "x" + std::string(150, ')')) == x);
}

TEST_CASE("an expression beyond the engine capacity is the engine's error", "[parse]") {
    std::string text = "x";
    for (int k = 2; k <= 300; ++k) text += " + x^" + std::to_string(k);
    try {
        (void)parse(text);
        FAIL("no error");
    } catch (const parse_error&) {
        FAIL("a capacity error is not a parse error");
    } catch (const error& err) {
        CHECK(std::string(err.what()).rfind("actlab: expression capacity exceeded", 0) == 0);
    }
}

TEST_CASE("parse rejects parameters that are not parameters, and reserved names", "[parse]") {
    CHECK_THROWS_AS(parse("x", {x + 1}), error);
    CHECK_THROWS_AS(parse("x", {param("exp", 1)}), error);
}
