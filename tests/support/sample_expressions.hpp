// Sample expressions shared by several test files: activations, their compositions and
// derivatives, and expressions chosen to exercise every node kind, numbers of every kind
// (integers, exact decimals, other rationals, π, e), parameters and piecewise forms.
// Every sample is finite on [-5, 5] except at isolated points.
#pragma once

#include <actlab/activations.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/expr/build.hpp>

#include <string>
#include <vector>

namespace actlab_test {

struct sample {
    std::string name;
    actlab::expr f;
    std::vector<actlab::expr> parameters;  //!< the parameters f uses, as made by param()
};

namespace samples {

// Each sample is made in its own small function: an expr is ~15 KB, and one function holding
// the temporaries of sixty formulas would need megabytes of stack in an unoptimised build.
using namespace actlab;

inline expr alpha() { return param("alpha", 0.25); }
inline expr elu_alpha() { return param("alpha", 1); }
inline expr beta() { return param("beta", 1); }
inline expr gelu() { return activations::gelu; }
inline expr gelu_tanh() {
    return x / 2 * (1 + tanh(sqrt(2 / pi) * (x + constant("0.044715") * pow(x, 3))));
}
inline expr silu() { return activations::silu; }
inline expr mish() { return activations::mish; }
inline expr prelu() { return activations::prelu; }
inline expr selu() {
    return constant("1.0507009873554804934193349852946") *
           where(x > 0, x, constant("1.6732632423543772848170429916717") * expm1(x));
}

template <class Make>
void add(std::vector<sample>& out, std::string name, Make make, std::vector<expr> parameters = {}) {
    out.push_back({std::move(name), make(), std::move(parameters)});
}

}  // namespace samples

//! About sixty named expressions with the parameters each one uses.
inline std::vector<sample> sample_expressions() {
    using namespace actlab;
    using namespace samples;
    std::vector<sample> out;
    // activations
    add(out, "identity", [] { return x; });
    add(out, "relu", [] { return activations::relu; });
    add(out, "sigmoid", [] { return sigmoid(x); });
    add(out, "tanh", [] { return tanh(x); });
    add(out, "softplus", [] { return softplus(x); });
    add(out, "gelu", [] { return gelu(); });
    add(out, "gelu_tanh", [] { return gelu_tanh(); });
    add(out, "silu", [] { return silu(); });
    add(out, "swish", [] { return x * sigmoid(beta() * x); }, {beta()});
    add(out, "mish", [] { return mish(); });
    add(out, "prelu", [] { return prelu(); }, {alpha()});
    add(out, "leaky_relu", [] { return max(x, constant("0.01") * x); });
    add(out, "elu", [] { return where(x > 0, x, elu_alpha() * expm1(x)); }, {elu_alpha()});
    add(out, "selu", [] { return selu(); });
    add(out, "hardtanh", [] { return clamp(x, -1, 1); });
    add(out, "hardsigmoid", [] { return clamp(x / 6 + ratio(1, 2), 0, 1); });
    add(out, "relu6", [] { return min(max(0, x), 6); });
    add(out, "softsign", [] { return x / (1 + abs(x)); });
    add(out, "sin", [] { return sin(x); });
    add(out, "square", [] { return pow(x, 2); });
    // single functions and simple forms
    add(out, "abs", [] { return abs(x); });
    add(out, "sign_square", [] { return sign(x) * x * x; });
    add(out, "erfc", [] { return erfc(x); });
    add(out, "expm1", [] { return expm1(x); });
    add(out, "log1p_square", [] { return log1p(x * x); });
    add(out, "gaussian", [] { return exp(-x * x); });
    add(out, "normal_pdf", [] { return exp(-x * x / 2) / sqrt(2 * pi); });
    add(out, "euler", [] { return e * x - 1 / e; });
    add(out, "sqrt_one_plus_square", [] { return sqrt(1 + x * x); });
    add(out, "inverse_square_root", [] { return 1 / sqrt(1 + pow(x, 2)); });
    add(out, "lorentzian", [] { return 1 / (1 + x * x); });
    add(out, "cube_root", [] { return pow(1 + x * x, ratio(1, 3)); });
    add(out, "rational_exponents",
        [] { return pow(2 + x * x, ratio(-3, 2)) + pow(1 + x * x, ratio(5, 4)); });
    add(out, "power_of_two", [] { return pow(2, x); });
    add(out, "sinc", [] { return sin(x) / x; });
    add(out, "rationals", [] { return ratio(1, 3) * pow(x, 3) - ratio(2, 7) * x + ratio(5, 11); });
    add(out, "decimals",
        [] { return constant("0.044715") * pow(x, 3) + constant("-1.5") * x + constant("2.25"); });
    add(out, "min_sin_cos", [] { return min(sin(x), cos(x)); });
    add(out, "where_le", [] { return where(x <= 1, x * x, 2 * x - 1); });
    // compositions and nesting
    add(out, "tanh_tanh", [] { return tanh(tanh(x)); });
    add(out, "sin_cos", [] { return sin(cos(x)); });
    add(out, "sigmoid_of_tanh", [] { return compose(sigmoid(x), tanh(x)); });
    add(out, "nest_tanh_3", [] { return nest(tanh(x), 3); });
    add(out, "log_one_plus_exp", [] { return log(1 + exp(x)); });
    add(out, "erf_of_sigmoid", [] { return erf(sigmoid(2 * x) - ratio(1, 2)); });
    // derivatives
    add(out, "d_sigmoid", [] { return d(sigmoid(x)); });
    add(out, "d_tanh", [] { return d(tanh(x)); });
    add(out, "d_erf", [] { return d(erf(x)); });
    add(out, "d_softplus", [] { return d(softplus(x)); });
    add(out, "d_gelu", [] { return d(gelu()); });
    add(out, "d_gelu_tanh", [] { return d(gelu_tanh()); });
    add(out, "d_silu", [] { return d(silu()); });
    add(out, "d_mish", [] { return d(mish()); });
    add(out, "d_relu", [] { return d(max(0, x)); });
    add(out, "d_prelu", [] { return d(prelu()); }, {alpha()});
    add(out, "d_prelu_alpha", [] { return d(prelu(), alpha()); });
    add(out, "d_selu", [] { return d(selu()); });
    add(out, "d2_tanh", [] { return d<2>(tanh(x)); });
    add(out, "d2_gelu", [] { return d<2>(gelu()); });
    add(out, "d2_silu", [] { return d<2>(silu()); });
    add(out, "d2_sqrt_one_plus_square", [] { return d<2>(sqrt(1 + x * x)); });
    return out;
}

}  // namespace actlab_test
