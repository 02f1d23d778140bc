// Compile-time checks: the kernels are constant expressions (with default
// compiler limits for a single call), special inputs need no arithmetic that
// produces inf/NaN, and simple values are exact or correctly rounded.
#include <limits>

#include "actlab/math.hpp"

namespace m = actlab::math;
constexpr double inf = std::numeric_limits<double>::infinity();

constexpr bool is_nan(double x) { return x != x; }
constexpr bool is_neg_zero(double x) {
    return x == 0.0 && std::bit_cast<unsigned long long>(x) != 0;
}

// exact values
static_assert(m::exp(0.0) == 1.0);
static_assert(m::expm1(0.0) == 0.0);
static_assert(m::log(1.0) == 0.0);
static_assert(m::log1p(0.0) == 0.0);
static_assert(m::sqrt(4.0) == 2.0);
static_assert(m::sqrt(0x1p-1074) == 0x1p-537);
static_assert(m::sqrt(2.0) == 0x1.6a09e667f3bcdp+0);
static_assert(m::sigmoid(0.0) == 0.5);
static_assert(m::tanh(0.0) == 0.0);
static_assert(m::erf(0.0) == 0.0);
static_assert(m::erfc(0.0) == 1.0);
static_assert(m::sin(0.0) == 0.0);
static_assert(m::cos(0.0) == 1.0);
static_assert(m::pow(2.0, 10.0) == 1024.0);
static_assert(m::pow(-2.0, 3.0) == -8.0);
static_assert(m::pow(9.0, 0.5) == 3.0);

// correctly rounded values (mpmath), spelled as hex floats
static_assert(m::exp(1.0) == 0x1.5bf0a8b145769p+1);
static_assert(m::log(2.0) == 0x1.62e42fefa39efp-1);
static_assert(m::log(10.0) == 0x1.26bb1bbb55516p+1);
static_assert(m::expm1(1e-10) == 0x1.b7cdfd9dda4e3p-34);
static_assert(m::log1p(1e-10) == 0x1.b7cdfd9d1d693p-34);
static_assert(m::tanh(0.5) == 0x1.d9353d7568af3p-2);
static_assert(m::tanh(1.0) == 0x1.85efab514f394p-1);
static_assert(m::erf(0.5) == 0x1.0a7ef5c18edd2p-1);
static_assert(m::erf(1.0) == 0x1.af767a741088bp-1);
static_assert(m::erfc(3.0) == 0x1.729df6503422ap-16);
static_assert(m::sin(1.0) == 0x1.aed548f090ceep-1);
static_assert(m::cos(1.0) == 0x1.14a280fb5068cp-1);
static_assert(m::sin(1e22) == -0x1.b453ab76bf397p-1);
static_assert(m::sigmoid(1.0) == 0x1.764d4f5d5a2bdp-1);
static_assert(m::softplus(0.0) == 0x1.62e42fefa39efp-1);

// the most expensive paths still fit the default constexpr limits
static_assert(m::erfc(2.5) == 0x1.aab859b20ac9ep-12);      // deepest continued fraction
static_assert(m::erf(2.4999999) == 0x1.ffcaa8f2eabc2p-1);  // longest series
static_assert(m::sin(0x1.fffffffffffffp1023) == 0x1.452fc98b34e97p-8);  // widest Payne-Hanek window

// special values and signed zeros
static_assert(m::exp(1000.0) == inf);
static_assert(m::exp(-1000.0) == 0.0);
static_assert(m::exp(-inf) == 0.0);
static_assert(m::exp(-740.0) == 0x0.0000000000055p-1022);  // subnormal, correctly rounded
static_assert(is_nan(m::exp(std::numeric_limits<double>::quiet_NaN())));
static_assert(m::expm1(1000.0) == inf);
static_assert(m::expm1(-inf) == -1.0);
static_assert(is_neg_zero(m::expm1(-0.0)));
static_assert(m::log(0.0) == -inf);
static_assert(m::log(-0.0) == -inf);
static_assert(is_nan(m::log(-1.0)));
static_assert(m::log(inf) == inf);
static_assert(m::log1p(-1.0) == -inf);
static_assert(is_nan(m::log1p(-2.0)));
static_assert(is_neg_zero(m::log1p(-0.0)));
static_assert(is_neg_zero(m::tanh(-0.0)));
static_assert(m::tanh(inf) == 1.0 && m::tanh(-inf) == -1.0);
static_assert(is_neg_zero(m::erf(-0.0)));
static_assert(m::erf(inf) == 1.0 && m::erfc(inf) == 0.0 && m::erfc(-inf) == 2.0);
static_assert(is_neg_zero(m::sin(-0.0)));
static_assert(is_nan(m::sin(inf)) && is_nan(m::cos(-inf)));
static_assert(is_neg_zero(m::sqrt(-0.0)));
static_assert(is_nan(m::sqrt(-1.0)));
static_assert(m::sqrt(inf) == inf);
static_assert(m::sigmoid(inf) == 1.0 && m::sigmoid(-inf) == 0.0);
static_assert(m::sigmoid(-745.0) == 0x0.0000000000001p-1022);
static_assert(m::softplus(inf) == inf && m::softplus(-inf) == 0.0);
static_assert(m::log_sigmoid(-inf) == -inf);
static_assert(m::pow(0.0, -1.0) == inf);
static_assert(m::pow(-0.0, -1.0) == -inf);
static_assert(m::pow(-1.0, inf) == 1.0);
static_assert(m::pow(0.5, -inf) == inf);
static_assert(m::pow(10.0, 400.0) == inf);
static_assert(is_nan(m::pow(-2.0, 0.5)));
static_assert(m::pow(std::numeric_limits<double>::quiet_NaN(), 0.0) == 1.0);

int main() {}
