// actlab: elementary activations — periodic, polynomial, radial and the error function.
#pragma once

#include <actlab/expr/build.hpp>

namespace actlab::activations {

//! sin(x). Sitzmann et al. 2020 (SIREN), Implicit Neural Representations with Periodic
//! Activation Functions.
inline constexpr expr sin = actlab::sin(x);

//! cos(x).
inline constexpr expr cos = actlab::cos(x);

//! square(x) = x².
inline constexpr expr square = pow(x, 2);

//! cube(x) = x³.
inline constexpr expr cube = pow(x, 3);

//! gaussian(x) = e^(−x²).
//! Broomhead & Lowe 1988, Multivariable Functional Interpolation and Adaptive Networks.
inline constexpr expr gaussian = actlab::exp(-pow(x, 2));

//! erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt.
inline constexpr expr erf = actlab::erf(x);

}  // namespace actlab::activations
