// Compile-time tier: the first handful of activations and their textbook derivatives.
#include <actlab/actlab.hpp>

namespace a = actlab::activations;
using actlab::d;
using actlab::eval;
using actlab::x;

static_assert(d(a::identity) == actlab::expr(1));
static_assert(d(a::relu) == actlab::step(x));
static_assert(d(a::sigmoid) == a::sigmoid * (1 - a::sigmoid));
static_assert(d(a::tanh) == 1 - pow(a::tanh, 2));
static_assert(d(a::softplus) == a::sigmoid);
static_assert(d(a::silu) == a::sigmoid * (1 + x - x * a::sigmoid));
static_assert(d(a::prelu) == where(x < 0, actlab::param("alpha", 0.25), 1));
static_assert(d(a::prelu, "alpha") == where(x < 0, x, 0));
static_assert(d(a::sin) == cos(x));
static_assert(d(a::square) == 2 * x);
static_assert(eval(a::gelu, 0.0) == 0.0);
static_assert(eval(d(a::gelu), 0.0) == 0.5);
static_assert(eval(a::relu, -3.0) == 0.0);
static_assert(eval(a::prelu, -4.0) == -1.0);
static_assert(eval(d(a::sigmoid), 0.0) == 0.25);

int main() {}
