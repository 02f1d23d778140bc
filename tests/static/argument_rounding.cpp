// Compile-time tier: where compiled<f> may recompute a rounded argument (of e^u, σ(u),
// erfc(u)) in a wider type instead of double-double (scalar.hpp: argument_roundings, the
// relative-error bound of the arithmetic in rounding units; wide_argument_limit, the largest
// |u| for which the bound keeps the corrected value within ¼ ulp more). The rule is the
// expression's, not the activation's: sums whose terms may differ in sign have no bound.
#include <actlab/actlab.hpp>

#include <limits>

using namespace actlab;

namespace {

//! The argument of the first σ, erfc or e^u of f.
constexpr int argument_of_first(const expr& f, op k) {
    for (int i = 0; i < f.n_nodes; ++i)
        if (f.nodes[i].kind == k) return f.child(i, 0);
    return -1;
}

constexpr int roundings(const expr& f, op k) {
    return detail::argument_roundings(f, argument_of_first(f, k));
}

template <class W, class T>
constexpr double limit(const expr& f, op k) {
    return detail::wide_argument_limit<W, T>(f, argument_of_first(f, k), k);
}

constexpr expr beta = param("beta", 1);
constexpr expr gelu_tanh_form = evaluation_form(activations::gelu_tanh);
constexpr expr gelu_form = evaluation_form(activations::gelu);

}  // namespace

// gelu_tanh: σ(2·√(2/π)·(x + 0.044715·x³)): x³ 3 (b^k: k times b's, plus k), 0.044715·x³ 5,
// the sum of one sign 6, then the constant √(2/π) (1) and two products: 9.
static_assert(roundings(gelu_tanh_form, op::sigmoid) == 9);
// gelu: erfc(−½·√2·x): −½ counted as a constant (1), √2 (1), two products: 4.
static_assert(roundings(gelu_form, op::erfc) == 4);
// Sums: of one sign, no worse than the worst term plus one rounding; of different or unknown
// signs, no bound (-1).
static_assert(roundings(sigmoid(x + pow(x, 3)), op::sigmoid) == 4);
static_assert(roundings(sigmoid(pow(x, 2) + 1), op::sigmoid) == 3);
static_assert(roundings(exp(x - pow(x, 3)), op::exp) == -1);
static_assert(roundings(sigmoid(x + beta), op::sigmoid) == -1);
// A product with a parameter has a relative bound whatever the parameter's sign.
static_assert(roundings(sigmoid(beta * x), op::sigmoid) == 1);

// The limits: κ·R ≤ 2^(extra bits − 2), κ = |u| for σ and e^u, 2u² + 1 for erfc.
static_assert(limit<double, float>(sigmoid(x + pow(x, 3)), op::sigmoid) == (1 << 27) / 4.0);
static_assert(limit<double, float>(exp(x - pow(x, 3)), op::exp) == 0);
static_assert(limit<double, double>(gelu_tanh_form, op::sigmoid) == 0);  // no wider type
static_assert(std::numeric_limits<long double>::digits != 64 ||
              limit<long double, double>(gelu_tanh_form, op::sigmoid) == 512.0 / 9);
static_assert(std::numeric_limits<long double>::digits != 64 ||
              (limit<long double, double>(gelu_form, op::erfc) > 7.96 &&
               limit<long double, double>(gelu_form, op::erfc) < 7.97));

int main() {}
