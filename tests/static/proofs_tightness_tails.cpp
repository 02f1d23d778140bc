// Tightness of the compile-time bounds for the smooth catalogue activations (issue 15, item
// 4): each bound contains the true extremum and lies within 1e-12 (relative) of it. The true
// values are mpmath's (tests/data/proofs/generate_smooth_extrema.py -> smooth_extrema.hpp).
// In two translation units (this one and proofs_tightness.cpp), each within the cost
// target (docs/reference/compile_time_cost.md).
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

#include <data/proofs/smooth_extrema.hpp>
#include <data/proofs/tightness.hpp>

namespace act = actlab::activations;
namespace ex = actlab_test::proofs::extrema;
using actlab::bounds;
using actlab_test::proofs::tight;
using actlab_test::proofs::tight_above;
using actlab_test::proofs::tight_below;

static_assert(tight(actlab::derivative_bounds(act::gelu_tanh), ex::gelu_tanh_d_min,
                    ex::gelu_tanh_d_max));
static_assert(tight(actlab::derivative_bounds(act::mish), ex::mish_d_min, ex::mish_d_max));

// Ranges: the minimum of the non-monotone smooth activations.
static_assert(tight_below(actlab::range_bounds(act::silu).lo, ex::silu_min));
static_assert(tight_below(actlab::range_bounds(act::gelu).lo, ex::gelu_min));
static_assert(tight_below(actlab::range_bounds(act::gelu_tanh).lo, ex::gelu_tanh_min));
static_assert(tight_below(actlab::range_bounds(act::mish).lo, ex::mish_min));
static_assert(actlab::range_bounds(act::mish).hi == actlab::detail::proof::inf);

int main() {}
