// Guard rails a project can put in its build: claims about the activations it uses, proved
// by the compiler (actlab/proofs.hpp). A passing static_assert is a theorem; a false claim, or
// one that cannot be decided within the step budget, does not compile.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

#include <cstdio>

namespace act = actlab::activations;
using actlab::x;

// The activation of a residual block must be 1-Lipschitz.
constexpr actlab::expr my_act = act::tanh;
static_assert(actlab::lipschitz_bound(my_act) <= 1.0);
// Idempotent, not a polynomial, bounded range.
static_assert(actlab::is_idempotent(act::relu));
static_assert(!actlab::is_polynomial(act::gelu));
static_assert(actlab::range_bounds(act::tanh).hi <= 1.0);
// sigmoid is ¼-Lipschitz, exactly (sup σ′ = σ′(0) = ¼).
static_assert(actlab::lipschitz_bound(act::sigmoid) == 0.25);
// Iterating sigmoid converges: one fixed point, attracting, and no other.
constexpr actlab::fixed_point_list sigmoid_fixed = actlab::fixed_points(act::sigmoid);
static_assert(sigmoid_fixed.complete && sigmoid_fixed.size() == 1);
static_assert(sigmoid_fixed[0].stability == actlab::fixed_point_stability::attracting);
// A user formula, and a derivative identity.
constexpr actlab::expr gated = x * actlab::sigmoid(2 * x);
static_assert(!actlab::is_even(gated));
static_assert(actlab::d(actlab::sigmoid(x)) == actlab::sigmoid(x) * (1 - actlab::sigmoid(x)));

int main() { std::printf("lipschitz_bound(tanh) = %.17g\n", actlab::lipschitz_bound(my_act)); }
