// expect: actlab: (sigmoid is not idempotent|tanh is not even|cube is a polynomial)
// False claims about activations do not compile: each is refuted, so static_assert fails.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;

#ifdef ACTLAB_KO
static_assert(actlab::is_idempotent(act::sigmoid), "actlab: sigmoid is not idempotent");
static_assert(actlab::is_even(act::tanh), "actlab: tanh is not even");
static_assert(!actlab::is_polynomial(act::cube), "actlab: cube is a polynomial");
#else
static_assert(!actlab::is_idempotent(act::sigmoid), "actlab: sigmoid is not idempotent");
static_assert(!actlab::is_even(act::tanh), "actlab: tanh is not even");
static_assert(actlab::is_polynomial(act::cube), "actlab: cube is a polynomial");
#endif

int main() {}
