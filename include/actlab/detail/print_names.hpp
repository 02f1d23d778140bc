// actlab: the spellings of functions and Greek parameter names, shared by the printer and
// the parser (internal).
#pragma once

#include <actlab/expr/error.hpp>
#include <actlab/expr/expression.hpp>

#include <string_view>

namespace actlab::detail {

//! How one function is spelled: `ascii` is its C++ builder and the name `parse` reads;
//! `text` the Unicode text dialect; `latex` the LaTeX command.
struct function_spelling {
    op kind;
    std::string_view ascii;
    std::string_view text;
    std::string_view latex;
};

inline constexpr function_spelling function_spellings[] = {
    {op::exp, "exp", "exp", "\\exp"},  // LaTeX prints exp(u) as e^{u}
    {op::expm1, "expm1", "expm1", "\\operatorname{expm1}"},
    {op::log, "log", "log", "\\log"},
    {op::log1p, "log1p", "log1p", "\\operatorname{log1p}"},
    {op::abs, "abs", "abs", "\\operatorname{abs}"},  // text and LaTeX print |u|
    {op::sign, "sign", "sign", "\\operatorname{sign}"},
    {op::step, "step", "step", "H"},  // Heaviside
    {op::tanh, "tanh", "tanh", "\\tanh"},
    {op::sigmoid, "sigmoid", "σ", "\\sigma"},
    {op::softplus, "softplus", "softplus", "\\operatorname{softplus}"},
    {op::erf, "erf", "erf", "\\operatorname{erf}"},
    {op::erfc, "erfc", "erfc", "\\operatorname{erfc}"},
    {op::sin, "sin", "sin", "\\sin"},
    {op::cos, "cos", "cos", "\\cos"},
    {op::min, "min", "min", "\\min"},
    {op::max, "max", "max", "\\max"},
};

//! Whether `kind` is spelled as a named function. A switch without default, so that a new
//! node kind is a -Wswitch warning here until it has a spelling.
constexpr bool has_spelling(op kind) {
    switch (kind) {
        case op::number:
        case op::named:
        case op::parameter:
        case op::variable:
        case op::lt:
        case op::le:
        case op::where:
        case op::pow:
        case op::mul:
        case op::add: return false;
        case op::exp:
        case op::expm1:
        case op::log:
        case op::log1p:
        case op::abs:
        case op::sign:
        case op::step:
        case op::tanh:
        case op::sigmoid:
        case op::softplus:
        case op::erf:
        case op::erfc:
        case op::sin:
        case op::cos:
        case op::min:
        case op::max: return true;
    }
    return false;
}

//! The spelling of a function node kind (`has_spelling(kind)`).
constexpr const function_spelling& spelling_of(op kind) {
    for (const function_spelling& s : function_spellings)
        if (s.kind == kind) return s;
    fail("actlab: internal error: a node kind without a spelling");
    return function_spellings[0];
}

//! A Greek letter a parameter name may spell out. `pi` is absent: π is the constant.
struct greek_letter {
    std::string_view ascii;
    std::string_view text;
    std::string_view latex;
};

inline constexpr greek_letter greek_letters[] = {
    {"alpha", "α", "\\alpha"}, {"beta", "β", "\\beta"},       {"gamma", "γ", "\\gamma"},
    {"delta", "δ", "\\delta"}, {"epsilon", "ε", "\\epsilon"}, {"zeta", "ζ", "\\zeta"},
    {"eta", "η", "\\eta"},     {"theta", "θ", "\\theta"},     {"iota", "ι", "\\iota"},
    {"kappa", "κ", "\\kappa"}, {"lambda", "λ", "\\lambda"},   {"mu", "μ", "\\mu"},
    {"nu", "ν", "\\nu"},       {"xi", "ξ", "\\xi"},           {"rho", "ρ", "\\rho"},
    {"sigma", "σ", "\\sigma"}, {"tau", "τ", "\\tau"},         {"upsilon", "υ", "\\upsilon"},
    {"phi", "φ", "\\phi"},     {"chi", "χ", "\\chi"},         {"psi", "ψ", "\\psi"},
    {"omega", "ω", "\\omega"}, {"Gamma", "Γ", "\\Gamma"},     {"Delta", "Δ", "\\Delta"},
    {"Theta", "Θ", "\\Theta"}, {"Lambda", "Λ", "\\Lambda"},   {"Xi", "Ξ", "\\Xi"},
    {"Pi", "Π", "\\Pi"},       {"Sigma", "Σ", "\\Sigma"},     {"Upsilon", "Υ", "\\Upsilon"},
    {"Phi", "Φ", "\\Phi"},     {"Psi", "Ψ", "\\Psi"},         {"Omega", "Ω", "\\Omega"},
};

//! The Greek letter spelled `name` in ASCII or as the letter itself, or nullptr.
constexpr const greek_letter* find_greek(std::string_view name) {
    for (const greek_letter& g : greek_letters)
        if (g.ascii == name || g.text == name) return &g;
    return nullptr;
}

}  // namespace actlab::detail
