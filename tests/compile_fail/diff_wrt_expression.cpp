// expect: actlab: d\(f, v\) needs v to be the variable x or a parameter
// Differentiating with respect to something that is not a variable or a parameter is an
// error; in a constant expression the error stops compilation with this message.
#include <actlab/actlab.hpp>

using namespace actlab;

#ifdef ACTLAB_KO
[[maybe_unused]] constexpr expr wrong = d(sigmoid(x), 2 * x);
#else
[[maybe_unused]] constexpr expr right = d(sigmoid(x), x);
#endif

int main() {}
