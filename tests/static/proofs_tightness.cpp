// Tightness of the compile-time bounds for the smooth catalogue activations (issue 15, item
// 4): each bound contains the true extremum and lies within 1e-12 (relative) of it. The true
// values are mpmath's (tests/data/proofs/generate_smooth_extrema.py -> smooth_extrema.hpp).
// In two translation units (this one and proofs_tightness_tails.cpp), each within the cost
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

// Derivatives: the textbook forms hit ∞·0 on the tails (x·σ(x)·(1 − σ(x))); the bounds
// go through the evaluation forms and the decay bound of products on tails.
static_assert(tight(actlab::derivative_bounds(act::silu), ex::silu_d_min, ex::silu_d_max));
static_assert(tight(actlab::derivative_bounds(act::swish), ex::silu_d_min, ex::silu_d_max));
static_assert(tight(actlab::derivative_bounds(act::gelu), ex::gelu_d_min, ex::gelu_d_max));
static_assert(tight_above(actlab::lipschitz_bound(act::silu), ex::silu_d_max));
static_assert(tight_above(actlab::lipschitz_bound(act::gelu), ex::gelu_d_max));

// Exact where the truth is a simple number: sigmoid′ ≤ 1/4 (at 0), tanh′ ≤ 1, softplus′ < 1.
static_assert(actlab::derivative_bounds(act::sigmoid) == bounds{0, 0.25});
static_assert(actlab::derivative_bounds(act::tanh) == bounds{0, 1});
static_assert(actlab::derivative_bounds(act::softplus) == bounds{0, 1});

int main() {}
