// actlab: Greek letters that parameter names may spell out, shared by the parser and the
// printers (internal).
#pragma once

#include <string_view>

namespace actlab::detail {

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
