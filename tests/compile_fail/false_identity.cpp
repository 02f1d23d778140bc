// expect: actlab: sigmoid' is sigma\(1 - sigma\)
// A static_assert on a derivative identity is checked by the compiler: a wrong identity
// (here σ' = σ(2 − σ)) does not compile.
#include <actlab/actlab.hpp>

using namespace actlab;

#ifdef ACTLAB_KO
static_assert(d(sigmoid(x)) == sigmoid(x) * (2 - sigmoid(x)),
              "actlab: sigmoid' is sigma(1 - sigma)");
#else
static_assert(d(sigmoid(x)) == sigmoid(x) * (1 - sigmoid(x)),
              "actlab: sigmoid' is sigma(1 - sigma)");
#endif

int main() {}
