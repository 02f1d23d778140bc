// actlab: piecewise activations — hard (piecewise linear) approximations, shrinkage,
// thresholds and steps.
#pragma once

#include <actlab/expr/build.hpp>

namespace actlab::activations {

//! hardtanh(x) = min(max(x, min_val), max_val); min_val = −1, max_val = 1 (fixed).
//! Collobert 2004, Large Scale Machine Learning.
inline constexpr expr hardtanh =
    actlab::min(actlab::max(x, param("min_val", -1)), param("max_val", 1));

//! hardsigmoid(x) = min(max(0, x + 3), 6)/6.
//! Howard et al. 2019, Searching for MobileNetV3.
inline constexpr expr hardsigmoid = actlab::min(actlab::max(0, x + 3), 6) / 6;

//! hardswish(x) = x·min(max(0, x + 3), 6)/6.
//! Howard et al. 2019, Searching for MobileNetV3.
inline constexpr expr hardswish = x * actlab::min(actlab::max(0, x + 3), 6) / 6;

//! softshrink(x) = x − λ for x > λ, x + λ for x < −λ, 0 otherwise; λ = lambd = 0.5 (fixed).
//! Donoho 1995, De-noising by Soft-Thresholding.
inline constexpr expr softshrink =
    where(x > param("lambd", 0.5), x - param("lambd", 0.5),
          where(x < -param("lambd", 0.5), x + param("lambd", 0.5), 0));

//! hardshrink(x) = x for |x| > λ, 0 otherwise; λ = lambd = 0.5 (fixed).
inline constexpr expr hardshrink =
    where(x > param("lambd", 0.5), x, where(x < -param("lambd", 0.5), x, 0));

//! threshold(x) = x for x > threshold, value otherwise; threshold = 0.1, value = 20 (fixed:
//! PyTorch has no defaults, these are its documentation's example nn.Threshold(0.1, 20)).
inline constexpr expr threshold = where(x > param("threshold", 0.1), x, param("value", 20));

//! heaviside(x) = H(x): 0 for x < 0, ½ at 0, 1 for x > 0.
//! McCulloch & Pitts 1943; Rosenblatt 1958.
inline constexpr expr heaviside = actlab::step(x);

//! abs(x) = |x|.
inline constexpr expr abs = actlab::abs(x);

}  // namespace actlab::activations
