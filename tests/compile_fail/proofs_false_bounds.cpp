// expect: actlab: (square is not 1-Lipschitz|sin is not monotone)
// False claims about bounds and monotonicity do not compile: square' = 2x is unbounded, so
// its certified Lipschitz bound is +infinity; sin decreases on (pi/2, 3pi/2) (a witness pair).
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;

#ifdef ACTLAB_KO
static_assert(actlab::lipschitz_bound(act::square) <= 1, "actlab: square is not 1-Lipschitz");
static_assert(actlab::is_monotone_increasing(act::sin), "actlab: sin is not monotone");
#else
static_assert(!(actlab::lipschitz_bound(act::square) <= 1), "actlab: square is not 1-Lipschitz");
static_assert(!actlab::is_monotone_increasing(act::sin), "actlab: sin is not monotone");
#endif

int main() {}
