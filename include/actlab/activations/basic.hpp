// actlab: a first handful of activations, each one constexpr expression (the full catalogue
// with metadata is include/actlab/activations/ of a later stage).
#pragma once

#include <actlab/expr/build.hpp>

namespace actlab::activations {

//! identity(x) = x
inline constexpr expr identity = x;
//! relu(x) = max(0, x); relu′ = H(x), with H(0) = ½ (see docs/design.md, kinks)
inline constexpr expr relu = max(0, x);
//! σ(x) = 1/(1 + e^(−x))
inline constexpr expr sigmoid = actlab::sigmoid(x);
//! tanh(x)
inline constexpr expr tanh = actlab::tanh(x);
//! softplus(x) = log(1 + e^x)
inline constexpr expr softplus = actlab::softplus(x);
//! gelu(x) = x·Φ(x) = x·(1 + erf(x/√2))/2 (Hendrycks & Gimpel 2016, erf form)
inline constexpr expr gelu = x * (1 + erf(x / actlab::sqrt(2))) / 2;
//! silu(x) = x·σ(x) (Elfwing et al. 2018; Swish with β = 1)
inline constexpr expr silu = x * actlab::sigmoid(x);
//! mish(x) = x·tanh(softplus(x)) (Misra 2019)
inline constexpr expr mish = x * actlab::tanh(actlab::softplus(x));
//! prelu(x) = x for x ≥ 0, α·x otherwise, α = 0.25 learnable (He et al. 2015)
inline constexpr expr prelu = where(x < 0, param("alpha", 0.25) * x, x);
//! sin(x)
inline constexpr expr sin = actlab::sin(x);
//! square(x) = x²
inline constexpr expr square = pow(x, 2);

}  // namespace actlab::activations
