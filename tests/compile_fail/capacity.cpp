// expect: actlab: expression capacity exceeded
// An expression beyond the engine's capacity (here: more than 8 parameters) is a clear
// compile error naming the limit, not a crash.
#include <actlab/actlab.hpp>

using namespace actlab;

constexpr expr with_parameters(int n) {
    constexpr const char* names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    expr s = x;
    for (int k = 0; k < n; ++k) s = s + param(names[k], 1) * x;
    return s;
}

#ifdef ACTLAB_KO
[[maybe_unused]] constexpr expr too_big = with_parameters(9);
#else
[[maybe_unused]] constexpr expr fits = with_parameters(8);
#endif

int main() {}
