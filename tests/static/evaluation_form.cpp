// Compile-time tier: the evaluation form is computed by the compiler, holds the stable
// rewrites of the examples, and is what eval computes in constant evaluation.
#include <actlab/actlab.hpp>
#include <actlab/eval/evaluation_form.hpp>

using namespace actlab;

// The rewrites, each on the canonical form `d` or the operators produce.
static_assert(evaluation_form(1 - sigmoid(x)) == sigmoid(-x));
static_assert(evaluation_form(d(sigmoid(x))) == sigmoid(x) * sigmoid(-x));
static_assert(evaluation_form(d(tanh(x))) == 4 * sigmoid(2 * x) * sigmoid(-2 * x));
static_assert(evaluation_form(1 + tanh(x)) == 2 * sigmoid(2 * x));
static_assert(evaluation_form(1 - tanh(x)) == 2 * sigmoid(-2 * x));
static_assert(evaluation_form(1 + erf(x)) == erfc(-x));
static_assert(evaluation_form(1 - erf(x)) == erfc(x));
static_assert(evaluation_form(exp(x) - 1) == expm1(x));
static_assert(evaluation_form(1 - cos(x)) == 2 * pow(sin(x / 2), 2));
static_assert(evaluation_form(log(1 + x)) == log1p(x));
static_assert(evaluation_form(log(sigmoid(x))) == -softplus(-x));
static_assert(evaluation_form(log(exp(x))) == x);
static_assert(evaluation_form(2 * sigmoid(x) - 1) == tanh(x / 2));
// σ″ = σ(1 − 3σ + 2σ²): both roots of the polynomial in σ are found.
static_assert(evaluation_form(d<2>(sigmoid(x))) == -tanh(x / 2) * sigmoid(x) * sigmoid(-x));
// A rewrite inside a larger sum leaves the other terms: gelu′ = ½·erfc(−x/√2) + x·φ(x).
static_assert(evaluation_form(d(activations::gelu)) ==
              erfc(-sqrt(2) * x / 2) / 2 + sqrt(2) * x * exp(-pow(x, 2) / 2) / (2 * sqrt(pi)));
// Products: σ·σ⁻¹ = 1 (σ > 0 on ℝ), x·sign(x) = |x|; exponentials of different arguments
// are kept apart (merging them rounds the sum of their arguments).
static_assert(evaluation_form(d(activations::logsigmoid)) == sigmoid(-x));
static_assert(evaluation_form(exp(x) * exp(-pow(x, 2))) == exp(x) * exp(-pow(x, 2)));
static_assert(evaluation_form(sigmoid(x) * pow(sigmoid(x), -1)) == 1);
static_assert(evaluation_form(x * sign(x)) == abs(x));
// Sums over powers of one denominator: softsign′ and softsign″.
static_assert(evaluation_form(d(activations::softsign)) == 1 / pow(1 + abs(x), 2));
static_assert(evaluation_form(d<2>(activations::softsign)) == -2 * sign(x) / pow(1 + abs(x), 3));
// Parameter derivatives and higher orders go through the same pass.
static_assert(evaluation_form(d(activations::softplus, "beta")) ==
              evaluation_form(evaluation_form(d(activations::softplus, "beta"))));
static_assert(evaluation_form(d<3>(tanh(x))) == evaluation_form(evaluation_form(d<3>(tanh(x)))));
// What needs no rewrite is left as it is.
static_assert(evaluation_form(activations::mish) == activations::mish);
static_assert(evaluation_form(x - tanh(x)) == x - tanh(x));

// eval computes the evaluation form, also in constant evaluation: σ′(40) is not 0 and
// tanh′(20) is not 0 (the printed forms give 0 for both), logsigmoid′(−745) is finite.
static_assert(eval(d(sigmoid(x)), 40.0) > 4.2e-18 && eval(d(sigmoid(x)), 40.0) < 4.3e-18);
static_assert(eval(d(tanh(x)), 20.0) > 1.6e-17 && eval(d(tanh(x)), 20.0) < 1.7e-17);
static_assert(eval(d(activations::logsigmoid), -745.0) == 1.0);
static_assert(eval(activations::gelu, -30.0) < 0);
static_assert(compiled<d(sigmoid(x))>{}(40.0) == eval(d(sigmoid(x)), 40.0));

int main() {}
