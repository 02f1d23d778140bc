// expect: actlab: could not prove is_bounded\(f\) or its negation within the step budget
// An undecided claim passes neither static_assert(p) nor static_assert(!p): silu is
// unbounded, but its tail x*sigmoid(x) is inf*0 for interval arithmetic, so it is unknown.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;

#ifdef ACTLAB_KO
static_assert(!actlab::is_bounded(act::silu));
#else
static_assert(actlab::is_bounded(act::silu).unknown());
#endif

int main() {}
