// actlab: smooth activations — sigmoids, softplus, and the gated units built from them.
#pragma once

#include <actlab/expr/build.hpp>

namespace actlab::activations {

//! sigmoid(x) = σ(x) = 1/(1 + e^(−x)).
inline constexpr expr sigmoid = actlab::sigmoid(x);

//! tanh(x).
inline constexpr expr tanh = actlab::tanh(x);

//! gelu(x) = x·Φ(x) = x·(1 + erf(x/√2))/2.
//! Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs).
inline constexpr expr gelu = x * (1 + actlab::erf(x / actlab::sqrt(2))) / 2;

//! gelu_tanh(x) = x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))/2, PyTorch's
//! GELU(approximate='tanh'). Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs).
inline constexpr expr gelu_tanh =
    x * (1 + actlab::tanh(actlab::sqrt(2 / pi) * (x + 0.044715 * pow(x, 3)))) / 2;

//! silu(x) = x·σ(x).
//! Elfwing, Uchibe & Doya 2018, Sigmoid-Weighted Linear Units for Neural Network Function
//! Approximation in Reinforcement Learning.
inline constexpr expr silu = x * actlab::sigmoid(x);

//! swish(x) = x·σ(β·x), β = 1 (learnable).
//! Ramachandran, Zoph & Le 2017, Searching for Activation Functions.
inline constexpr expr swish = x * actlab::sigmoid(param("beta", 1) * x);

//! mish(x) = x·tanh(softplus(x)).
//! Misra 2019, Mish: A Self Regularized Non-Monotonic Activation Function.
inline constexpr expr mish = x * actlab::tanh(actlab::softplus(x));

//! softplus(x) = softplus(β·x)/β = log(1 + e^(βx))/β, β = 1 (fixed).
//! Dugas et al. 2001, Incorporating Second-Order Functional Knowledge for Better Option Pricing.
inline constexpr expr softplus = actlab::softplus(param("beta", 1) * x) / param("beta", 1);

//! softsign(x) = x/(1 + |x|).
//! Bergstra, Desjardins, Lamblin & Bengio 2009, Quadratic Polynomials Learn Better Image
//! Features.
inline constexpr expr softsign = x / (1 + actlab::abs(x));

//! logsigmoid(x) = log(σ(x)).
inline constexpr expr logsigmoid = actlab::log(actlab::sigmoid(x));

//! tanhshrink(x) = x − tanh(x).
inline constexpr expr tanhshrink = x - actlab::tanh(x);

}  // namespace actlab::activations
