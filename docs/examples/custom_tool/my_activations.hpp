// Your activations, written as C++ expressions of actlab::x (docs/examples/custom_tool/README.md).
// Each is an actlab::expr, a constant: the tool analyses it exactly as a catalogue entry.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/expr/build.hpp>

#include <string_view>

namespace my_activations {

using actlab::param;
using actlab::x;

//! squareplus(x) = (x + √(x² + b))/2, b = 4: a smooth ReLU made of a square root
//! (Barron 2021, Squareplus: A Softplus-Like Algebraic Rectifier).
inline constexpr actlab::expr squareplus = (x + actlab::sqrt(x * x + param("b", 4))) / 2;

//! bent_identity(x) = (√(x² + 1) − 1)/2 + x.
inline constexpr actlab::expr bent_identity = (actlab::sqrt(x * x + 1) - 1) / 2 + x;

//! The tool's table of them: a name (snake_case), aliases, the expression, one line of text.
inline constexpr std::string_view squareplus_aliases[] = {"Squareplus"};
inline constexpr actlab::parameter_doc squareplus_parameters[] = {
    {.name = "b", .meaning = "the curvature at 0 (b -> 0 gives relu)"}};
inline constexpr actlab::activation all[] = {
    {.name = "squareplus",
     .aliases = squareplus_aliases,
     .definition = &squareplus,
     .description = "(x + sqrt(x^2 + b))/2, a smooth ReLU.",
     .reference = "Barron 2021, Squareplus: A Softplus-Like Algebraic Rectifier",
     .parameters = squareplus_parameters},
    {.name = "bent_identity",
     .definition = &bent_identity,
     .description = "(sqrt(x^2 + 1) - 1)/2 + x."},
};

}  // namespace my_activations
