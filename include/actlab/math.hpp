#pragma once
// actlab::math: constexpr elementary functions for double, usable in constant
// expressions with GCC and Clang and bit-identical between compile time and run
// time. Accuracy (max error, measured against MPFR): docs/reference/kernel_accuracy.md.
//
// The kernels use explicit error-free transformations and never rely on fused
// multiply-add. If you compile with FMA available (e.g. -march=native or -mfma),
// add -ffp-contract=off so the compiler cannot contract a*b+c at run time while
// the constant evaluator rounds twice; otherwise compile-time and run-time
// results may differ in the last bit (and the double-double tricks may break).

#include "actlab/math/erf.hpp"
#include "actlab/math/exp.hpp"
#include "actlab/math/log.hpp"
#include "actlab/math/pow.hpp"
#include "actlab/math/sigmoid.hpp"
#include "actlab/math/sqrt.hpp"
#include "actlab/math/tanh.hpp"
#include "actlab/math/trig.hpp"
