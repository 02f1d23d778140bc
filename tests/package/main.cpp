// Consumer of an installed actlab: the umbrella header compiles and links outside the source tree.
#include <actlab/actlab.hpp>

#include <mpfr.h>

#include <cstdio>

int main() {
    constexpr actlab::expr mish = actlab::x * actlab::tanh(actlab::softplus(actlab::x));
    static_assert(mish.size() > 1);
    std::printf("actlab consumer OK (MPFR %s)\n", mpfr_get_version());
    return 0;
}
