// Tests of include/actlab/catalog.hpp at run time: lookup by name and alias, suggestions,
// at()'s error message, and how some entries print.
#include <actlab/catalog.hpp>
#include <actlab/print/printer.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace actlab;

TEST_CASE("find: canonical names and aliases, case-insensitive, '-' '_' ' ' equivalent",
          "[catalog]") {
    const std::vector<std::pair<std::string, std::string_view>> cases = {
        {"gelu", "gelu"},
        {"GELU", "gelu"},
        {"Gelu", "gelu"},
        {"LeakyReLU", "leaky_relu"},
        {"leaky-relu", "leaky_relu"},
        {"Leaky ReLU", "leaky_relu"},
        {"gelu_new", "gelu_tanh"},
        {"GELU-Approximate", "gelu_tanh"},
        {"step", "heaviside"},
        {"Binary Step", "heaviside"},
        {"kan_spline", "bspline"},
        {"ReLU6", "relu6"},
        {"adaptive-piecewise-linear", "apl"},
        {"rbf", "gaussian"}};
    for (const auto& [typed, canonical] : cases) {
        INFO(typed);
        const activation* a = find(typed);
        REQUIRE(a != nullptr);
        CHECK(a->name == canonical);
        CHECK(&at(typed) == a);
    }
    CHECK(find("gleu") == nullptr);
    CHECK(find("relu7") == nullptr);
    CHECK(find(" gelu") == nullptr);  // ' ' is '_', not trimmed
}

TEST_CASE("suggest: the nearest canonical names, best first", "[catalog]") {
    CHECK(suggest("gleu") == std::vector<std::string_view>{"gelu"});
    CHECK(suggest("GLEU") == std::vector<std::string_view>{"gelu"});
    CHECK(suggest("sigmod").front() == "sigmoid");
    // Matched through an alias, reported by its canonical name.
    CHECK(suggest("lrleu").front() == "leaky_relu");
    CHECK(suggest("LeakyRelu6").front() == "leaky_relu");
    CHECK(suggest("binary stop").front() == "heaviside");
    // Several at the same distance: catalogue order; `max` bounds the count.
    const auto near_relu = suggest("relu5");
    REQUIRE(near_relu.size() >= 2);
    CHECK(near_relu[0] == "relu");
    CHECK(near_relu[1] == "relu6");
    CHECK(suggest("relu5", 1).size() == 1);
    // Nothing within 2 edits (and fewer than half the characters): no guess.
    CHECK(suggest("foo").empty());
    CHECK(suggest("").empty());
    // An exact name is its own nearest name.
    CHECK(suggest("mish").front() == "mish");
}

TEST_CASE("at: unknown names throw actlab::error with a did-you-mean hint", "[catalog]") {
    CHECK_THROWS_AS(at("gleu"), error);
    CHECK_THROWS_WITH(at("gleu"), "actlab: unknown activation 'gleu' (did you mean 'gelu'?)");
    CHECK_THROWS_WITH(at("Sigmiod"),
                      "actlab: unknown activation 'Sigmiod' (did you mean 'sigmoid'?)");
    CHECK_THROWS_WITH(at("foo"), "actlab: unknown activation 'foo'");
    CHECK(at("SELU").definition == &activations::selu);
}

TEST_CASE("catalogue entries print as their textbook formulas", "[catalog]") {
    CHECK(to_text(*at("gelu").definition) == "x·(1 + erf(√2·x/2))/2");
    CHECK(to_text(*at("softplus").definition) == "softplus(β·x)/β");
    CHECK(to_text(*at("selu").definition) == "scale·where(x > 0, x, α·(−1 + exp(x)))");
    CHECK(to_text(*at("prelu").definition) == "max(0, x) + α·min(0, x)");
    CHECK(to_text(*at("hardswish").definition) == "x·min(6, max(0, 3 + x))/6");
    CHECK(to_latex(*at("elu").definition) ==
          "\\begin{cases} x & x > 0\\\\ \\alpha\\left(-1+e^{x}\\right) & "
          "\\text{otherwise}\\end{cases}");
    CHECK(to_cpp(*at("swish").definition) == "x * sigmoid(param(\"beta\", 1) * x)");
}

TEST_CASE("every entry: a definition, parameter docs in the expression's order", "[catalog]") {
    for (const activation& a : catalog()) {
        INFO(a.name);
        REQUIRE(a.definition != nullptr);
        REQUIRE(a.parameters.size() == static_cast<std::size_t>(a.definition->n_parameters));
        for (std::size_t k = 0; k < a.parameters.size(); ++k)
            CHECK(a.parameters[k].name == a.definition->parameters[k].name_view());
        CHECK_FALSE(to_text(*a.definition).empty());
    }
}
