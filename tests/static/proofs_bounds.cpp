// Compile-time proofs: certified bounds and three-valued predicates (actlab/proofs.hpp).
// Exact values here are the rationals at kinks (read off the piecewise-linear definitions);
// smooth-function values are checked against the run-time analysis in docs/reference.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;
using actlab::bounds;

// Bounds over R, exact where the truth is a rational at a kink.
static_assert(actlab::range_bounds(act::relu) == bounds{0, actlab::detail::proof::inf});
static_assert(actlab::range_bounds(act::hardtanh) == bounds{-1, 1});
static_assert(actlab::derivative_bounds(act::hardtanh) == bounds{0, 1});
static_assert(actlab::derivative_bounds(act::hardswish) == bounds{-0.5, 1.5});
static_assert(actlab::lipschitz_bound(act::relu) == 1);
static_assert(actlab::range_bounds(act::tanh) == bounds{-1, 1});
static_assert(actlab::lipschitz_bound(act::tanh) == 1);
// A jump has no Lipschitz constant.
static_assert(actlab::lipschitz_bound(act::heaviside) == actlab::detail::proof::inf);

// Predicates: proved, refuted.
static_assert(actlab::is_polynomial(act::cube));
static_assert(actlab::polynomial_degree(act::square) == 2);
static_assert(!actlab::is_polynomial(act::gelu));
static_assert(actlab::polynomial_degree(act::sigmoid) == -1);
static_assert(actlab::is_even(act::square));
static_assert(!actlab::is_even(act::tanh));
static_assert(actlab::is_odd(act::cube));
static_assert(actlab::is_bounded(act::sigmoid));
static_assert(!actlab::is_bounded(act::relu));
static_assert(actlab::is_idempotent(act::identity));
static_assert(!actlab::is_idempotent(act::sigmoid));
static_assert(actlab::universal_approximator(act::sigmoid));
static_assert(!actlab::universal_approximator(act::square));
static_assert(actlab::is_monotone_increasing(act::tanh));
static_assert(!actlab::is_monotone_increasing(act::sin));
// Piece by piece: f maps R into the set where f(y) = y; odd by pieces and by structure.
static_assert(actlab::is_idempotent(act::relu));
static_assert(actlab::is_idempotent(act::hardtanh));
static_assert(actlab::is_idempotent(act::relu6));
static_assert(!actlab::is_idempotent(act::leaky_relu));
static_assert(actlab::is_odd(act::tanh));
static_assert(actlab::is_odd(act::sin));
static_assert(actlab::is_odd(act::hardtanh));
static_assert(!actlab::is_odd(act::relu));
static_assert(!actlab::is_even(act::relu));
// Unknown is neither: silu is unbounded, but x*sigmoid(x) on a tail is inf*0 in intervals.
static_assert(actlab::is_bounded(act::silu).unknown());

int main() {}
