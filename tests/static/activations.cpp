// Compile-time tier: the catalogue's activations, their textbook derivatives (structurally
// where the canonical forms agree, by value where an identity needs more than the canonical
// form knows), derivatives in the parameters, and values.
#include <actlab/actlab.hpp>

namespace a = actlab::activations;
using namespace actlab;

namespace {

constexpr double distance(double u, double v) { return u > v ? u - v : v - u; }

// f = g by value: |f(v) − g(v)| ≤ 1e-15·(1 + |g(v)|) at a few points on both sides of 0.
constexpr bool same_values(const expr& f, const expr& g) {
    constexpr double points[] = {-3.5, -1.0, -0.25, 0.3, 2.0, 7.0};
    for (const double v : points) {
        const double fv = eval(f, v), gv = eval(g, v);
        if (distance(fv, gv) > 1e-15 * (1 + distance(gv, 0))) return false;
    }
    return true;
}

constexpr expr s = sigmoid(x);
constexpr expr t = tanh(x);

}  // namespace

// --- first derivatives, structurally --------------------------------------------------------

static_assert(d(a::identity) == expr(1));
static_assert(d(a::relu) == step(x));  // H(0) = ½: the mean of the one-sided derivatives
static_assert(d(a::leaky_relu) == step(x) + param("negative_slope", 0.01) * step(-x));
static_assert(d(a::prelu) == step(x) + param("alpha", 0.25) * step(-x));
static_assert(d(a::relu6) == step(x) * step(6 - max(0, x)));
static_assert(d(a::elu) == where(x > 0, 1, param("alpha", 1) * exp(x)));
static_assert(d(a::selu) ==
              param("scale", constant("1.0507009873554804934193349852946")) *
                  where(x > 0, 1,
                        param("alpha", constant("1.6732632423543772848170429916717")) * exp(x)));
// σ′ = σ(1 − σ), tanh′ = 1 − tanh², silu′ = σ(x)(1 + x(1 − σ(x))) with x(1 − σ) multiplied out.
static_assert(d(a::sigmoid) == s * (1 - s));
static_assert(d(a::tanh) == 1 - pow(t, 2));
static_assert(d(a::silu) == s * (1 + x - x * s));
static_assert(d(a::swish) == sigmoid(param("beta", 1) * x) *
                                 (1 + param("beta", 1) * x -
                                  param("beta", 1) * x * sigmoid(param("beta", 1) * x)));
static_assert(d(a::mish) == tanh(softplus(x)) + x * s * (1 - pow(tanh(softplus(x)), 2)));
// gelu′ = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π) spelled 1/(√2·√π): (2π)^(−1/2) would stay a
// power of a product, while 1/√2 and 1/√π are numbers' powers in canonical form.
static_assert(d(a::gelu) ==
              (1 + erf(x / sqrt(2))) / 2 + x * exp(-pow(x, 2) / 2) / (sqrt(2) * sqrt(pi)));
// gelu_tanh′ = (1 + tanh u)/2 + x(1 − tanh² u)·u′/2, u = √(2/π)(x + 0.044715x³).
static_assert(d(a::gelu_tanh) ==
              (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * pow(x, 3)))) / 2 +
                  x * (1 - pow(tanh(sqrt(2 / pi) * (x + 0.044715 * pow(x, 3))), 2)) * sqrt(2 / pi) *
                      (1 + 3 * 0.044715 * pow(x, 2)) / 2);
static_assert(d(a::tanhshrink) == pow(t, 2));
static_assert(d(a::hardtanh) == step(x - param("min_val", -1)) *
                                    step(param("max_val", 1) - max(param("min_val", -1), x)));
static_assert(d(a::hardsigmoid) == step(x + 3) * step(6 - max(0, x + 3)) / 6);
static_assert(d(a::hardswish) == a::hardsigmoid + x * d(a::hardsigmoid));
static_assert(d(a::softshrink) ==
              where(x > param("lambd", 0.5), 1, where(x < -param("lambd", 0.5), 1, 0)));
static_assert(d(a::hardshrink) == d(a::softshrink));
static_assert(d(a::threshold) == where(x > param("threshold", 0.1), 1, 0));
static_assert(d(a::heaviside) == expr(0));  // the jump is reported by kinks()
static_assert(d(a::abs) == sign(x));
static_assert(d(a::sin) == cos(x));
static_assert(d(a::cos) == -sin(x));
static_assert(d(a::square) == 2 * x);
static_assert(d(a::cube) == 3 * pow(x, 2));
static_assert(d(a::gaussian) == -2 * x * a::gaussian);
static_assert(d(a::erf) == 2 / sqrt(pi) * exp(-pow(x, 2)));
static_assert(d(a::apl) == step(x) - param("a1", 0.5) * step(param("b1", 0.5) - x) -
                               param("a2", -0.25) * step(param("b2", -1) - x));

// --- first derivatives that need an identity the canonical form does not apply ------------------
// x·x⁻¹ stays unsimplified (it is undefined at 0; docs/design.md), so β/β, α/α and σ/σ remain:
// the structural form is asserted, and the textbook form by value.

// softplus′ = σ(βx): structurally β·σ(βx)/β; exactly σ at β = 1.
static_assert(d(a::softplus) ==
              param("beta", 1) * sigmoid(param("beta", 1) * x) / param("beta", 1));
static_assert(d(substitute(a::softplus, "beta", 1)) == s);
static_assert(same_values(d(a::softplus), sigmoid(x)));
// celu′ = e^(x/α) for x ≤ 0: structurally α·e^(x/α)/α.
static_assert(d(a::celu) ==
              where(x > 0, 1, param("alpha", 1) * exp(x / param("alpha", 1)) / param("alpha", 1)));
static_assert(same_values(d(a::celu), where(x > 0, 1, exp(x))));
// logsigmoid′ = 1 − σ: structurally σ(1 − σ)/σ.
static_assert(d(a::logsigmoid) == s * (1 - s) / s);
static_assert(same_values(d(a::logsigmoid), 1 - s));
// softsign′ = 1/(1 + |x|)²: structurally the quotient rule, 1/(1 + |x|) − x·sign(x)/(1 + |x|)².
static_assert(d(a::softsign) == 1 / (1 + abs(x)) - x * sign(x) / pow(1 + abs(x), 2));
static_assert(same_values(d(a::softsign), 1 / pow(1 + abs(x), 2)));
// snake′ = 1 + 2α·sin(αx)·cos(αx)/α, which the canonical form writes 1 + sin(2αx) (its one
// trigonometric identity: sin(u)^k·cos(u)^k = sin(2u)^k/2^k).
static_assert(d(a::snake) ==
              1 + param("alpha", 1) * sin(2 * param("alpha", 1) * x) / param("alpha", 1));
static_assert(same_values(d(a::snake), 1 + sin(2 * x)));

// --- derivatives in the parameters --------------------------------------------------------------

static_assert(d(a::prelu, "alpha") == min(0, x));
static_assert(d(a::leaky_relu, "negative_slope") == min(0, x));
static_assert(d(a::swish, "beta") ==
              pow(x, 2) * sigmoid(param("beta", 1) * x) * (1 - sigmoid(param("beta", 1) * x)));
static_assert(d(a::apl, "a1") == max(0, param("b1", 0.5) - x));
static_assert(d(a::apl, "b1") == param("a1", 0.5) * step(param("b1", 0.5) - x));
// ∂snake/∂α = 2x·sin(αx)·cos(αx)/α − sin²(αx)/α² = x·sin(2αx)/α − sin²(αx)/α².
static_assert(d(a::snake, "alpha") ==
              x * sin(2 * param("alpha", 1) * x) / param("alpha", 1) -
                  pow(sin(param("alpha", 1) * x), 2) / pow(param("alpha", 1), 2));

// ∂bspline/∂c3 = B_{3,3}, the cubic B-spline on [t_3, t_7] = [−1, 0.6]: 1/6, 2/3, 1/6 at the
// inner knots −0.6, −0.2, 0.2, 23/48 half-way, 0 outside. (±1 ulp-ish: the doubles −0.6 etc.
// are not the exact knots, and the derivative is stored as polynomials in x.)
constexpr bool bspline_basis_values() {
    const expr b3 = d(a::bspline, "c3");
    const double at[] = {-1.5, -1.0, -0.6, -0.4, -0.2, 0.0, 0.2, 0.6, 1.0, 2.0};
    const double want[] = {0, 0, 1.0 / 6, 23.0 / 48, 2.0 / 3, 23.0 / 48, 1.0 / 6, 0, 0, 0};
    for (int k = 0; k < 10; ++k)
        if (distance(eval(b3, at[k]), want[k]) > 1e-15) return false;
    return true;
}
static_assert(bspline_basis_values());

// --- values -------------------------------------------------------------------------------------

static_assert(eval(a::relu, -3.0) == 0.0);
static_assert(eval(a::prelu, -4.0) == -1.0);
static_assert(eval(a::leaky_relu, -100.0) == -1.0);
static_assert(eval(a::relu6, 7.5) == 6.0);
static_assert(eval(a::hardsigmoid, 0.0) == 0.5);
static_assert(eval(a::hardswish, 3.0) == 3.0);
static_assert(eval(a::hardtanh, -2.0) == -1.0);
static_assert(eval(a::heaviside, 0.0) == 0.5);
static_assert(eval(a::threshold, 0.05) == 20.0);
static_assert(eval(a::softshrink, 0.75) == 0.25);
static_assert(eval(a::hardshrink, 0.5) == 0.0);
static_assert(eval(a::gelu, 0.0) == 0.0);
static_assert(eval(d(a::gelu), 0.0) == 0.5);
static_assert(eval(d(a::sigmoid), 0.0) == 0.25);
static_assert(eval(a::apl, 0.0) == 0.25);  // a1·b1 = 0.5·0.5; the a2 hinge is 0 right of b2 = −1
// selu(−1) = scale·α·(e⁻¹ − 1) = −1.11133073781256276179864066…
static_assert(distance(eval(a::selu, -1.0), -1.1113307378125628) <= 4.5e-16);
// The default spline is x on [−1, 1] (the coefficients are the Greville abscissae) and 0
// outside [−2.2, 2.2].
static_assert(distance(eval(a::bspline, 0.3), 0.3) <= 1e-15);
static_assert(distance(eval(a::bspline, -0.9), -0.9) <= 1e-15);
static_assert(distance(eval(d(a::bspline), 0.3), 1.0) <= 1e-14);
static_assert(eval(a::bspline, -2.5) == 0.0 && eval(a::bspline, 2.2) == 0.0);

int main() {}
