// Compile-time tier: the engine's identities and values, checked by the compiler alone.
#include <actlab/actlab.hpp>

using namespace actlab;

// Derivatives of the known functions have the forms people write.
static_assert(d(sigmoid(x)) == sigmoid(x) * (1 - sigmoid(x)));
static_assert(d(tanh(x)) == 1 - pow(tanh(x), 2));
static_assert(d(softplus(x)) == sigmoid(x));
static_assert(d(erf(x)) == 2 / sqrt(pi) * exp(-pow(x, 2)));
static_assert(d(erfc(x)) == -2 / sqrt(pi) * exp(-pow(x, 2)));
static_assert(d(exp(x)) == exp(x));
static_assert(d(log(x)) == 1 / x);
static_assert(d(log1p(x)) == 1 / (1 + x));
static_assert(d(sin(x)) == cos(x));
static_assert(d(cos(x)) == -sin(x));
static_assert(d(abs(x)) == sign(x));
static_assert(d(max(0, x)) == step(x));
static_assert(d(x * x) == 2 * x);
static_assert(d<2>(x * x * x) == 6 * x);
static_assert(d<3>(sin(x)) == -cos(x));
static_assert(d(sqrt(x)) == ratio(1, 2) / sqrt(x));
static_assert(d(x * sigmoid(x)) == sigmoid(x) * (1 + x - x * sigmoid(x)));
static_assert(d(where(x < 0, param("alpha", 0.25) * x, x)) ==
              where(x < 0, param("alpha", 0.25), 1));
static_assert(d(param("alpha", 0.25) * x * x, param("alpha", 0.25)) == x * x);
static_assert(d(x * sigmoid(param("beta", 1) * x), "beta") ==
              x * x * sigmoid(param("beta", 1) * x) * (1 - sigmoid(param("beta", 1) * x)));

// Values at compile time, in double.
static_assert(eval(d(sigmoid(x)), 0.0) == 0.25);
static_assert(eval(d(tanh(x)), 0.0) == 1.0);
static_assert(eval(sigmoid(x), 0.0) == 0.5);
static_assert(eval(x * x - 2, 3.0) == 7.0);
static_assert(eval(d(x * (1 + erf(x / sqrt(2))) / 2), 0.0) == 0.5);
static_assert(eval(where(x < 0, exp(-1000 * x), x), 5.0) ==
              5.0);  // the overflowing branch is not computed
static_assert(eval(where(x < 0, param("alpha", 0.25) * x, x), -2.0) == -0.5);
static_assert(eval(where(x < 0, param("alpha", 0.25) * x, x), -2.0, {{"alpha", 0.5}}) == -1.0);
static_assert(d(sigmoid(x))(0.0) == 0.25);

// Exact literals and canonical spelling.
static_assert(x * 0.044715 == x * constant("0.044715"));
static_assert(expr(0.1) == ratio(1, 10));
static_assert(x + x == 2 * x);
static_assert(x * x == pow(x, 2));
static_assert(x - x == expr(0));
static_assert(2 * (1 + x) == 2 + 2 * x);
static_assert(1 / sqrt(expr(2)) == sqrt(expr(2)) / 2);
static_assert(sqrt(2) == sqrt(expr(2)));  // integer arguments stay exact
static_assert(pow(e, x) == exp(x));

// Rules that do not hold on all of R are not applied.
static_assert(!(pow(sqrt(x), 2) == x));  // √x² is undefined for x < 0
static_assert(!(sqrt(pow(x, 2)) == x));  // √(x²) = |x|
static_assert(sqrt(pow(x, 2)) == abs(x));
static_assert(pow(pow(x, 4), ratio(3, 4)) == pow(abs(x), 3));
static_assert(sqrt(pow(1 + x, -2)) == 1 / abs(1 + x));  // both undefined at x = −1
static_assert(!(x / x == expr(1)));                     // undefined at 0
static_assert(!(exp(log(x)) == x));                     // undefined for x <= 0
static_assert(abs(abs(x)) == abs(x));
static_assert(sign(sign(x)) == sign(x));
static_assert(!(step(step(x)) == step(x)));  // H(H(x)) = H(0) = 1/2 for x < 0
static_assert(compose(step(step(x)), expr(-1)) == ratio(1, 2));
static_assert(pow(pow(x, 3), 2) == pow(x, 6));
static_assert(sin(x) * cos(x) == sin(2 * x) / 2);  // sin u·cos u = sin(2u)/2
static_assert(2 * pow(sin(3 * x), 2) * pow(cos(3 * x), 2) == pow(sin(6 * x), 2) / 2);
static_assert(!(sin(x) * pow(cos(x), 2) == sin(2 * x) * cos(x) / 2));  // equal powers only
static_assert(!(sin(x) * cos(2 * x) == sin(3 * x) / 2));  // different arguments: left alone
static_assert(d(pow(sin(x), 2)) == sin(2 * x));

// Composition.
static_assert(compose(sigmoid(x), 2 * x) == sigmoid(2 * x));
static_assert(nest(max(0, x), 2) == max(0, max(0, x)));
static_assert(nest(sigmoid(x), 0) == x);

// Sizes.
static_assert(dag_size(sigmoid(x) * (1 - sigmoid(x))) == 5);
static_assert(tree_size(x * x) == 3);

int main() {}
