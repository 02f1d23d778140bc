// expect: actlab: could not prove is_idempotent\(f\) or its negation within the step budget
// An undecided claim passes neither static_assert(p) nor static_assert(!p): relu's
// idempotence is true, but f(f(x)) does not simplify to f symbolically, so it is unknown.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;

#ifdef ACTLAB_KO
static_assert(actlab::is_idempotent(act::relu));
#else
static_assert(actlab::is_idempotent(act::relu).unknown());
#endif

int main() {}
