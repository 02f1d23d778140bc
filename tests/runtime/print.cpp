// Tests of include/actlab/print/printer.hpp: exact output in the three dialects, and that
// the C++ dialect only uses builders that exist.
#include <actlab/diff/derivative.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/print/printer.hpp>

#include <catch2/catch.hpp>

namespace {

using namespace actlab;

// Each expression is made by its own function: an expr is ~15 KB, and a test body holding
// dozens of temporaries would need megabytes of stack in an unoptimised sanitizer build.
struct printed {
    const char* name;
    expr (*make)();
    const char* text;
    const char* latex;
    const char* cpp;
};

expr gelu() { return x * (1 + erf(x / sqrt(2))) / 2; }
expr alpha() { return param("alpha", 0.25); }

const printed activations[] = {
    {"identity", [] { return x; }, "x", "x", "x"},
    {"sigmoid", [] { return sigmoid(x); }, "σ(x)", "\\sigma(x)", "sigmoid(x)"},
    {"d sigmoid", [] { return d(sigmoid(x)); }, "σ(x)·(1 − σ(x))",
     "\\sigma(x)\\left(1-\\sigma(x)\\right)", "sigmoid(x) * (1 - sigmoid(x))"},
    {"d tanh", [] { return d(tanh(x)); }, "1 − tanh(x)²", "1-\\tanh^{2}(x)", "1 - pow(tanh(x), 2)"},
    {"d erf", [] { return d(erf(x)); }, "2·exp(−x²)/√π", "\\frac{2e^{-x^{2}}}{\\sqrt{\\pi}}",
     "2 * exp(-pow(x, 2)) / sqrt(pi)"},
    {"gelu", gelu, "x·(1 + erf(√2·x/2))/2",
     "\\frac{x\\left(1+\\operatorname{erf}\\left(\\frac{\\sqrt{2}x}{2}\\right)\\right)}{2}",
     "x * (1 + erf(sqrt(expr(2)) * x / 2)) / 2"},
    {"d gelu", [] { return d(gelu()); }, "0.5 + erf(√2·x/2)/2 + √2·x·exp(−x²/2)/(2·√π)",
     "0.5+\\frac{\\operatorname{erf}\\left(\\frac{\\sqrt{2}x}{2}\\right)}{2}+\\frac{\\sqrt{2}xe^{-"
     "\\frac{x^{2}}{2}}}"
     "{2\\sqrt{\\pi}}",
     "constant(\"0.5\") + erf(sqrt(expr(2)) * x / 2) / 2 + sqrt(expr(2)) * x * exp(-pow(x, 2) / 2) "
     "/ (2 * sqrt(pi))"},
    {"mish", [] { return x * tanh(softplus(x)); }, "x·tanh(softplus(x))",
     "x\\tanh\\left(\\operatorname{softplus}(x)\\right)", "x * tanh(softplus(x))"},
    {"silu", [] { return x * sigmoid(x); }, "x·σ(x)", "x\\sigma(x)", "x * sigmoid(x)"},
    {"prelu", [] { return where(x < 0, alpha() * x, x); }, "where(x < 0, α·x, x)",
     "\\begin{cases} \\alpha x & x < 0\\\\ x & \\text{otherwise}\\end{cases}",
     "where(x < 0, param(\"alpha\", constant(\"0.25\")) * x, x)"},
    {"relu", [] { return max(0, x); }, "max(0, x)", "\\max\\left(0, x\\right)", "max(0, x)"},
    {"d relu", [] { return d(max(0, x)); }, "step(x)", "H(x)", "step(x)"},
    {"selu",
     [] {
         return constant("1.0507009873554804934193349852946") *
                where(x > 0, x, constant("1.6732632423543772848170429916717") * expm1(x));
     },
     "1.0507009873554804934193349852946·where(x > 0, x, "
     "1.6732632423543772848170429916717·expm1(x))",
     "1.0507009873554804934193349852946\\begin{cases} x & x > 0\\\\ "
     "1.6732632423543772848170429916717"
     "\\operatorname{expm1}(x) & \\text{otherwise}\\end{cases}",
     "constant(\"1.0507009873554804934193349852946\") * where(x > 0, x, "
     "constant(\"1.6732632423543772848170429916717\") * expm1(x))"},
};

const printed forms[] = {
    {"integer", [] { return expr(3); }, "3", "3", "expr(3)"},
    {"negative rational", [] { return ratio(-1, 3); }, "−1/3", "-\\frac{1}{3}", "ratio(-1, 3)"},
    {"decimal", [] { return constant("0.044715"); }, "0.044715", "0.044715",
     "constant(\"0.044715\")"},
    {"rationals", [] { return ratio(1, 3) * x + ratio(2, 3) * x * x - ratio(7, 3); },
     "−7/3 + x/3 + 2·x²/3", "-\\frac{7}{3}+\\frac{x}{3}+\\frac{2x^{2}}{3}",
     "ratio(-7, 3) + x / 3 + 2 * pow(x, 2) / 3"},
    {"decimal coefficient", [] { return 1.5 * x - constant("0.044715") * pow(x, 3); },
     "1.5·x − 0.044715·x³", "1.5x-0.044715x^{3}",
     "constant(\"1.5\") * x - constant(\"0.044715\") * pow(x, 3)"},
    {"negative powers", [] { return 1 / x + pow(x, -2) + pow(x, ratio(-1, 2)); },
     "1/x² + 1/x + 1/√x", "\\frac{1}{x^{2}}+\\frac{1}{x}+\\frac{1}{\\sqrt{x}}",
     "1 / pow(x, 2) + 1 / x + 1 / sqrt(x)"},
    {"rational power", [] { return pow(1 + x * x, ratio(1, 3)); }, "(1 + x²)^(1/3)",
     "\\left(1+x^{2}\\right)^{\\frac{1}{3}}", "pow(1 + pow(x, 2), ratio(1, 3))"},
    {"power of a root", [] { return pow(sqrt(x), 3); }, "x^(3/2)", "x^{\\frac{3}{2}}",
     "pow(x, ratio(3, 2))"},
    {"power of a power", [] { return pow(pow(x, -1), -2); }, "(1/x)⁻²",
     "\\left(\\frac{1}{x}\\right)^{-2}", "pow(1 / x, -2)"},
    {"sqrt of a sum", [] { return sqrt(1 + x); }, "√(1 + x)", "\\sqrt{1+x}", "sqrt(1 + x)"},
    {"pi", [] { return 1 / sqrt(pi) + pi * x; }, "1/√π + π·x", "\\frac{1}{\\sqrt{\\pi}}+\\pi x",
     "1 / sqrt(pi) + pi * x"},
    {"e", [] { return e * x; }, "e·x", "ex", "e * x"},
    {"exp", [] { return exp(-x * x); }, "exp(−x²)", "e^{-x^{2}}", "exp(-pow(x, 2))"},
    {"division by a sum", [] { return x / (1 + abs(x)); }, "x/(1 + |x|)",
     "\\frac{x}{1+\\left|x\\right|}", "x / (1 + abs(x))"},
    {"clamp", [] { return clamp(x, -1, 1); }, "min(1, max(−1, x))",
     "\\min\\left(1, \\max\\left(-1, x\\right)\\right)", "min(1, max(-1, x))"},
    {"power with a variable exponent", [] { return pow(2, x) - sign(x); }, "−sign(x) + 2^x",
     "-\\operatorname{sign}(x)+2^{x}", "-sign(x) + pow(2, x)"},
    {"number between numbers", [] { return 3 * pow(2, x); }, "3·2^x", "3\\cdot 2^{x}",
     "3 * pow(2, x)"},
    {"functions of numbers", [] { return log(expr(2)) + tanh(expr(3)); }, "log(2) + tanh(3)",
     "\\log(2)+\\tanh(3)", "log(expr(2)) + tanh(expr(3))"},
    {"le and ge", [] { return where(x <= 1, x, where(x >= 2, 1, 0)); },
     "where(x ≤ 1, x, where(x ≥ 2, 1, 0))",
     "\\begin{cases} x & x \\le 1\\\\ 1 & x \\ge 2\\\\ 0 & \\text{otherwise}\\end{cases}",
     "where(x <= 1, x, where(x >= 2, 1, 0))"},
    {"parameters", [] { return param("lambda", 1) * x + param("slope", ratio(1, 3)); },
     "slope + λ·x", "\\mathrm{slope}+\\lambda x",
     "param(\"slope\", ratio(1, 3)) + param(\"lambda\", 1) * x"},
    {"negated sum factor", [] { return x * (1 - tanh(x)) * (1 - sigmoid(x)); },
     "x·(1 − tanh(x))·(1 − σ(x))", "x\\left(1-\\tanh(x)\\right)\\left(1-\\sigma(x)\\right)",
     "x * (1 - tanh(x)) * (1 - sigmoid(x))"},
};

void check(const printed& c) {
    INFO(c.name);
    const expr f = c.make();
    CHECK(to_text(f) == c.text);
    CHECK(to_latex(f) == c.latex);
    CHECK(to_cpp(f) == c.cpp);
}

}  // namespace

TEST_CASE("activations and their derivatives print in text, LaTeX and C++", "[print]") {
    for (const printed& c : activations) check(c);
}

TEST_CASE("numbers, powers, piecewise forms and parameters print exactly", "[print]") {
    for (const printed& c : forms) check(c);
}

TEST_CASE("the SELU constant prints as its exact decimal", "[print]") {
    const expr lambda = constant("1.0507009873554804934193349852946");
    CHECK(to_text(lambda) == "1.0507009873554804934193349852946");
    CHECK(to_text(-lambda) == "−1.0507009873554804934193349852946");
}

TEST_CASE("printing is deterministic", "[print]") {
    const expr f = d(gelu());
    CHECK(to_text(f) == to_text(f));
    CHECK(to_latex(d(gelu())) == to_latex(f));
}
