// actlab: rectifiers — ReLU and its relatives, and the exponential linear units.
#pragma once

#include <actlab/expr/build.hpp>

namespace actlab::activations {

//! identity(x) = x.
inline constexpr expr identity = x;

//! relu(x) = max(0, x); relu′ = H(x) with H(0) = ½ (docs/design.md, kinks).
//! Nair & Hinton 2010, Rectified Linear Units Improve Restricted Boltzmann Machines.
inline constexpr expr relu = actlab::max(0, x);

//! leaky_relu(x) = max(0, x) + negative_slope·min(0, x), negative_slope = 0.01 (fixed).
//! Maas, Hannun & Ng 2013, Rectifier Nonlinearities Improve Neural Network Acoustic Models.
inline constexpr expr leaky_relu =
    actlab::max(0, x) + param("negative_slope", 0.01) * actlab::min(0, x);

//! prelu(x) = max(0, x) + α·min(0, x), α = 0.25 (learnable); PyTorch's form.
//! He, Zhang, Ren & Sun 2015, Delving Deep into Rectifiers: Surpassing Human-Level Performance
//! on ImageNet Classification.
inline constexpr expr prelu = actlab::max(0, x) + param("alpha", 0.25) * actlab::min(0, x);

//! relu6(x) = min(max(0, x), 6).
//! Krizhevsky 2010; Howard et al. 2017 (MobileNets).
inline constexpr expr relu6 = actlab::min(actlab::max(0, x), 6);

//! elu(x) = x for x > 0, α·(eˣ − 1) otherwise; α = 1 (fixed).
//! Clevert, Unterthiner & Hochreiter 2015, Fast and Accurate Deep Network Learning by
//! Exponential Linear Units (ELUs).
inline constexpr expr elu = where(x > 0, x, param("alpha", 1) * (actlab::exp(x) - 1));

//! selu(x) = scale·(x for x > 0, α·(eˣ − 1) otherwise), with PyTorch's constants (fixed)
//! α = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946.
//! Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-Normalizing Neural Networks.
inline constexpr expr selu =
    param("scale", constant("1.0507009873554804934193349852946")) *
    where(x > 0, x,
          param("alpha", constant("1.6732632423543772848170429916717")) * (actlab::exp(x) - 1));

//! celu(x) = x for x > 0, α·(e^(x/α) − 1) otherwise; α = 1 (fixed).
//! Barron 2017, Continuously Differentiable Exponential Linear Units.
inline constexpr expr celu =
    where(x > 0, x, param("alpha", 1) * (actlab::exp(x / param("alpha", 1)) - 1));

}  // namespace actlab::activations
