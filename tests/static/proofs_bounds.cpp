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
// Pieces with a jump or a kink: f′ ≥ 0 on each piece and no downward jump (heaviside,
// hardshrink); parity and idempotence exactly at the kinks ±lambd; threshold's kink 0.1 is no
// double (a bracket of two doubles around it); elu is continuous at 0, so its Lipschitz bound
// is the sup of |elu′| = 1.
static_assert(actlab::is_monotone_increasing(act::elu));
static_assert(actlab::lipschitz_bound(act::elu) == 1);
static_assert(actlab::lipschitz_bound(act::leaky_relu) == 1);
static_assert(actlab::is_monotone_increasing(act::heaviside));
static_assert(actlab::is_monotone_increasing(act::hardshrink));
static_assert(!actlab::is_monotone_increasing(act::threshold));
static_assert(!actlab::is_monotone_increasing(act::square));
static_assert(actlab::is_odd(act::softshrink));
static_assert(actlab::is_idempotent(act::hardshrink));
static_assert(actlab::is_idempotent(act::threshold));
static_assert(actlab::universal_approximator(act::threshold));
// Tails t^k·I: softsign x/(1 + |x|) is bounded by ±1 (interval arithmetic alone has ∞/∞).
static_assert(actlab::range_bounds(act::softsign) == bounds{-1, 1});
static_assert(actlab::is_monotone_increasing(act::softsign));
// sin(u)·cos(u) enclosed as sin(2u)/2: snake′ = 1 + 2·sin(x)·cos(x) ∈ [0, 2].
static_assert(actlab::derivative_bounds(act::snake) == bounds{0, 2});
static_assert(actlab::is_monotone_increasing(act::snake));
// log σ(x) is locally bounded (σ > 0 and continuous): a universal approximator.
static_assert(actlab::universal_approximator(act::logsigmoid));
// Unknown is neither: silu is unbounded, but x*sigmoid(x) on a tail is inf*0 in intervals.
static_assert(actlab::is_bounded(act::silu).unknown());

int main() {}
