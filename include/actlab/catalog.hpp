// actlab: the activation catalogue — every activation's name, aliases, definition and metadata,
// the one table that tools, documentation and tests read.
#pragma once

#include <actlab/activations.hpp>
#include <actlab/detail/edit_distance.hpp>
#include <actlab/expr/error.hpp>

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actlab {

//! A parameter of a catalogue activation. Its default value is in the expression
//! (`definition->parameters[k].default_value`), not repeated here.
struct parameter_doc {
    std::string_view name;          //!< the name in the expression: `param("alpha", 0.25)`
    bool learnable = false;         //!< trained with the weights (a PyTorch nn.Parameter)
    std::string_view meaning = {};  //!< one line
};

//! One activation of the catalogue.
//!
//! **Example**: `actlab::find("GELU")->definition == &actlab::activations::gelu`, in a
//! constant expression.
struct activation {
    std::string_view name;                           //!< canonical snake_case name
    std::span<const std::string_view> aliases = {};  //!< PyTorch class name first if one exists
    const expr* definition = nullptr;                //!< &actlab::activations::<name>
    std::string_view description = {};               //!< one line
    std::string_view reference = {};                 //!< "Authors Year, Title"; empty if none
    std::span<const parameter_doc> parameters = {};  //!< in the order of definition->parameters
    std::string_view note = {};                      //!< remarks on conventions; may be empty
};

namespace detail {

inline constexpr std::string_view identity_aliases[] = {"Identity", "linear"};
inline constexpr std::string_view relu_aliases[] = {"ReLU"};
inline constexpr std::string_view leaky_relu_aliases[] = {"LeakyReLU", "lrelu"};
inline constexpr std::string_view prelu_aliases[] = {"PReLU"};
inline constexpr std::string_view relu6_aliases[] = {"ReLU6"};
inline constexpr std::string_view elu_aliases[] = {"ELU"};
inline constexpr std::string_view selu_aliases[] = {"SELU"};
inline constexpr std::string_view celu_aliases[] = {"CELU"};
inline constexpr std::string_view gelu_aliases[] = {"GELU"};
inline constexpr std::string_view gelu_tanh_aliases[] = {"gelu_approximate", "gelu_new"};
inline constexpr std::string_view silu_aliases[] = {"SiLU"};
inline constexpr std::string_view swish_aliases[] = {"Swish"};
inline constexpr std::string_view mish_aliases[] = {"Mish"};
inline constexpr std::string_view softplus_aliases[] = {"Softplus"};
inline constexpr std::string_view softsign_aliases[] = {"Softsign"};
inline constexpr std::string_view sigmoid_aliases[] = {"Sigmoid", "logistic"};
inline constexpr std::string_view tanh_aliases[] = {"Tanh"};
inline constexpr std::string_view hardtanh_aliases[] = {"Hardtanh"};
inline constexpr std::string_view hardsigmoid_aliases[] = {"Hardsigmoid"};
inline constexpr std::string_view hardswish_aliases[] = {"Hardswish"};
inline constexpr std::string_view logsigmoid_aliases[] = {"LogSigmoid"};
inline constexpr std::string_view tanhshrink_aliases[] = {"Tanhshrink"};
inline constexpr std::string_view softshrink_aliases[] = {"Softshrink"};
inline constexpr std::string_view hardshrink_aliases[] = {"Hardshrink"};
inline constexpr std::string_view threshold_aliases[] = {"Threshold"};
inline constexpr std::string_view heaviside_aliases[] = {"step", "binary_step"};
inline constexpr std::string_view abs_aliases[] = {"absolute"};
inline constexpr std::string_view sin_aliases[] = {"sine", "siren"};
inline constexpr std::string_view cos_aliases[] = {"cosine"};
inline constexpr std::string_view square_aliases[] = {"quadratic"};
inline constexpr std::string_view cube_aliases[] = {"cubic"};
inline constexpr std::string_view gaussian_aliases[] = {"rbf"};
inline constexpr std::string_view snake_aliases[] = {"Snake"};
inline constexpr std::string_view apl_aliases[] = {"adaptive_piecewise_linear"};
inline constexpr std::string_view bspline_aliases[] = {"kan_spline", "kan"};

inline constexpr parameter_doc leaky_relu_parameters[] = {
    {"negative_slope", false, "slope for x < 0"}};
inline constexpr parameter_doc prelu_parameters[] = {{"alpha", true, "slope for x < 0"}};
inline constexpr parameter_doc elu_parameters[] = {
    {"alpha", false, "scale of the negative branch: f → −α as x → −∞"}};
inline constexpr parameter_doc selu_parameters[] = {
    {"scale", false, "overall scale (λ in the paper)"},
    {"alpha", false, "scale of the negative branch (α in the paper)"}};
inline constexpr parameter_doc celu_parameters[] = {
    {"alpha", false, "scale of the negative branch and of its argument: f → −α as x → −∞"}};
inline constexpr parameter_doc swish_parameters[] = {
    {"beta", true, "sharpness of the gate σ(βx): β = 1 is SiLU, β → ∞ approaches ReLU"}};
inline constexpr parameter_doc softplus_parameters[] = {
    {"beta", false, "sharpness: β → ∞ approaches ReLU"}};
inline constexpr parameter_doc hardtanh_parameters[] = {
    {"max_val", false, "upper bound of the output"},
    {"min_val", false, "lower bound of the output"}};
inline constexpr parameter_doc shrink_parameters[] = {
    {"lambd", false, "half-width λ of the interval [−λ, λ] mapped to 0"}};
inline constexpr parameter_doc threshold_parameters[] = {
    {"threshold", false, "inputs above it pass unchanged"},
    {"value", false, "the output for inputs at or below the threshold"}};
inline constexpr parameter_doc snake_parameters[] = {
    {"alpha", true, "frequency of the periodic term"}};
inline constexpr parameter_doc apl_parameters[] = {
    {"a1", true, "weight of the first hinge max(0, b1 − x)"},
    {"b1", true, "position of the first hinge"},
    {"a2", true, "weight of the second hinge max(0, b2 − x)"},
    {"b2", true, "position of the second hinge"}};
inline constexpr parameter_doc bspline_parameters[] = {
    {"c0", true, "coefficient of B₀,₃, supported on [−2.2, −0.6]"},
    {"c1", true, "coefficient of B₁,₃, supported on [−1.8, −0.2]"},
    {"c2", true, "coefficient of B₂,₃, supported on [−1.4, 0.2]"},
    {"c3", true, "coefficient of B₃,₃, supported on [−1, 0.6]"},
    {"c4", true, "coefficient of B₄,₃, supported on [−0.6, 1]"},
    {"c5", true, "coefficient of B₅,₃, supported on [−0.2, 1.4]"},
    {"c6", true, "coefficient of B₆,₃, supported on [0.2, 1.8]"},
    {"c7", true, "coefficient of B₇,₃, supported on [0.6, 2.2]"}};

// In the order of the catalogue's specification.
inline constexpr activation catalog_entries[] = {
    {.name = "identity",
     .aliases = identity_aliases,
     .definition = &activations::identity,
     .description = "Passes the input through unchanged: the activation of a linear layer."},
    {.name = "relu",
     .aliases = relu_aliases,
     .definition = &activations::relu,
     .description = "Rectified linear unit: the positive part of x.",
     .reference =
         "Nair & Hinton 2010, Rectified Linear Units Improve Restricted Boltzmann Machines",
     .note = "relu′(0) = H(0) = ½ by actlab's convention for max (PyTorch's backward gives 0)."},
    {.name = "leaky_relu",
     .aliases = leaky_relu_aliases,
     .definition = &activations::leaky_relu,
     .description =
         "ReLU with a small fixed slope for negative inputs, so that the gradient never vanishes.",
     .reference =
         "Maas, Hannun & Ng 2013, Rectifier Nonlinearities Improve Neural Network Acoustic Models",
     .parameters = leaky_relu_parameters,
     .note = "PyTorch's form max(0, x) + negative_slope·min(0, x)."},
    {.name = "prelu",
     .aliases = prelu_aliases,
     .definition = &activations::prelu,
     .description = "Parametric ReLU: a leaky ReLU whose negative slope is learned.",
     .reference = "He, Zhang, Ren & Sun 2015, Delving Deep into Rectifiers: Surpassing Human-Level "
                  "Performance on ImageNet Classification",
     .parameters = prelu_parameters,
     .note = "PyTorch's form max(0, x) + α·min(0, x); nn.PReLU learns one α shared by all channels "
             "by default."},
    {.name = "relu6",
     .aliases = relu6_aliases,
     .definition = &activations::relu6,
     .description = "ReLU capped at 6, robust in low-precision arithmetic.",
     .reference =
         "Krizhevsky 2010, Convolutional Deep Belief Networks on CIFAR-10; Howard et al. 2017, "
         "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications"},
    {.name = "elu",
     .aliases = elu_aliases,
     .definition = &activations::elu,
     .description =
         "Exponential linear unit: the identity for x > 0, an exponential saturating at −α below.",
     .reference = "Clevert, Unterthiner & Hochreiter 2015, Fast and Accurate Deep Network Learning "
                  "by Exponential Linear Units (ELUs)",
     .parameters = elu_parameters,
     .note = "With α = 1, f′ is continuous at 0 and f″ jumps there."},
    {.name = "selu",
     .aliases = selu_aliases,
     .definition = &activations::selu,
     .description =
         "Scaled ELU whose constants make activations self-normalising (zero mean, unit variance).",
     .reference =
         "Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-Normalizing Neural Networks",
     .parameters = selu_parameters,
     .note = "α and scale are PyTorch's constants, to 32 significant digits."},
    {.name = "celu",
     .aliases = celu_aliases,
     .definition = &activations::celu,
     .description = "Continuously differentiable ELU: the exponential's argument is scaled by 1/α.",
     .reference = "Barron 2017, Continuously Differentiable Exponential Linear Units",
     .parameters = celu_parameters,
     .note = "f′ is continuous at 0 for every α; f″ jumps there."},
    {.name = "gelu",
     .aliases = gelu_aliases,
     .definition = &activations::gelu,
     .description = "Gaussian error linear unit: x weighted by the standard normal distribution "
                    "function Φ(x).",
     .reference = "Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs)"},
    {.name = "gelu_tanh",
     .aliases = gelu_tanh_aliases,
     .definition = &activations::gelu_tanh,
     .description = "The tanh approximation of GELU (BERT, GPT-2).",
     .reference = "Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs)",
     .note = "PyTorch's GELU(approximate='tanh')."},
    {.name = "silu",
     .aliases = silu_aliases,
     .definition = &activations::silu,
     .description = "Sigmoid-weighted linear unit x·σ(x) (Swish with β = 1).",
     .reference = "Elfwing, Uchibe & Doya 2018, Sigmoid-Weighted Linear Units for Neural Network "
                  "Function Approximation in Reinforcement Learning"},
    {.name = "swish",
     .aliases = swish_aliases,
     .definition = &activations::swish,
     .description = "x gated by σ(βx), with a learnable sharpness β.",
     .reference = "Ramachandran, Zoph & Le 2017, Searching for Activation Functions",
     .parameters = swish_parameters},
    {.name = "mish",
     .aliases = mish_aliases,
     .definition = &activations::mish,
     .description = "Self-regularised non-monotonic activation x·tanh(softplus(x)).",
     .reference = "Misra 2019, Mish: A Self Regularized Non-Monotonic Activation Function"},
    {.name = "softplus",
     .aliases = softplus_aliases,
     .definition = &activations::softplus,
     .description = "Smooth approximation of ReLU: log(1 + e^(βx))/β.",
     .reference = "Dugas et al. 2001, Incorporating Second-Order Functional Knowledge for Better "
                  "Option Pricing",
     .parameters = softplus_parameters,
     .note = "PyTorch switches to the identity when β·x > threshold (= 20); that is an evaluation "
             "shortcut, not the definition."},
    {.name = "softsign",
     .aliases = softsign_aliases,
     .definition = &activations::softsign,
     .description = "Sigmoid-shaped rational function x/(1 + |x|), with polynomial tails.",
     .reference = "Bergstra, Desjardins, Lamblin & Bengio 2009, Quadratic Polynomials Learn Better "
                  "Image Features"},
    {.name = "sigmoid",
     .aliases = sigmoid_aliases,
     .definition = &activations::sigmoid,
     .description = "Logistic sigmoid 1/(1 + e^(−x)), from 0 to 1."},
    {.name = "tanh",
     .aliases = tanh_aliases,
     .definition = &activations::tanh,
     .description = "Hyperbolic tangent, from −1 to 1."},
    {.name = "hardtanh",
     .aliases = hardtanh_aliases,
     .definition = &activations::hardtanh,
     .description = "Piecewise linear tanh: x clamped to [min_val, max_val].",
     .reference = "Collobert 2004, Large Scale Machine Learning (PhD thesis)",
     .parameters = hardtanh_parameters},
    {.name = "hardsigmoid",
     .aliases = hardsigmoid_aliases,
     .definition = &activations::hardsigmoid,
     .description = "Piecewise linear approximation of the sigmoid.",
     .reference = "Howard et al. 2019, Searching for MobileNetV3"},
    {.name = "hardswish",
     .aliases = hardswish_aliases,
     .definition = &activations::hardswish,
     .description = "x·hardsigmoid(x), a piecewise approximation of Swish.",
     .reference = "Howard et al. 2019, Searching for MobileNetV3"},
    {.name = "logsigmoid",
     .aliases = logsigmoid_aliases,
     .definition = &activations::logsigmoid,
     .description =
         "Logarithm of the sigmoid, −softplus(−x); the log-likelihood of a logistic model."},
    {.name = "tanhshrink",
     .aliases = tanhshrink_aliases,
     .definition = &activations::tanhshrink,
     .description = "x minus tanh(x)."},
    {.name = "softshrink",
     .aliases = softshrink_aliases,
     .definition = &activations::softshrink,
     .description = "Soft thresholding: shrinks x towards 0 by λ and maps [−λ, λ] to 0.",
     .reference = "Donoho 1995, De-noising by Soft-Thresholding",
     .parameters = shrink_parameters},
    {.name = "hardshrink",
     .aliases = hardshrink_aliases,
     .definition = &activations::hardshrink,
     .description = "Hard thresholding: maps [−λ, λ] to 0 and passes the rest unchanged.",
     .parameters = shrink_parameters,
     .note = "f jumps at ±λ, where f(±λ) = 0."},
    {.name = "threshold",
     .aliases = threshold_aliases,
     .definition = &activations::threshold,
     .description = "x above the threshold, a constant value at or below it.",
     .parameters = threshold_parameters,
     .note = "PyTorch's nn.Threshold has no defaults; these are its documentation's example "
             "nn.Threshold(0.1, 20)."},
    {.name = "heaviside",
     .aliases = heaviside_aliases,
     .definition = &activations::heaviside,
     .description = "Unit step: 0 for x < 0 and 1 for x > 0, the perceptron's activation.",
     .reference = "McCulloch & Pitts 1943, A Logical Calculus of the Ideas Immanent in Nervous "
                  "Activity; Rosenblatt 1958, The Perceptron: A Probabilistic Model for "
                  "Information Storage and Organization in the Brain",
     .note = "H(0) = ½."},
    {.name = "abs",
     .aliases = abs_aliases,
     .definition = &activations::abs,
     .description = "Absolute value |x|."},
    {.name = "sin",
     .aliases = sin_aliases,
     .definition = &activations::sin,
     .description = "Sine, the periodic activation of SIREN networks.",
     .reference = "Sitzmann et al. 2020 (SIREN), Implicit Neural Representations with Periodic "
                  "Activation Functions"},
    {.name = "cos",
     .aliases = cos_aliases,
     .definition = &activations::cos,
     .description = "Cosine."},
    {.name = "square",
     .aliases = square_aliases,
     .definition = &activations::square,
     .description = "x², the quadratic activation."},
    {.name = "cube",
     .aliases = cube_aliases,
     .definition = &activations::cube,
     .description = "x³, the cubic activation."},
    {.name = "gaussian",
     .aliases = gaussian_aliases,
     .definition = &activations::gaussian,
     .description = "Gaussian bump e^(−x²), a radial basis function.",
     .reference =
         "Broomhead & Lowe 1988, Multivariable Functional Interpolation and Adaptive Networks"},
    {.name = "erf",
     .definition = &activations::erf,
     .description = "Gauss error function, from −1 to 1."},
    {.name = "snake",
     .aliases = snake_aliases,
     .definition = &activations::snake,
     .description = "x plus the periodic term sin²(αx)/α, for learning periodic functions.",
     .reference = "Liu Ziyin, Hartwig & Ueda 2020, Neural Networks Fail to Learn Periodic "
                  "Functions and How to Fix It",
     .parameters = snake_parameters},
    {.name = "apl",
     .aliases = apl_aliases,
     .definition = &activations::apl,
     .description = "Adaptive piecewise linear unit: ReLU plus two learned hinges.",
     .reference = "Agostinelli, Hoffman, Sadowski & Baldi 2014, Learning Activation Functions to "
                  "Improve Deep Neural Networks",
     .parameters = apl_parameters,
     .note = "S = 2 hinges."},
    {.name = "bspline",
     .aliases = bspline_aliases,
     .definition = &activations::bspline,
     .description = "Learnable cubic B-spline on KAN's default grid, the edge function of a "
                    "Kolmogorov–Arnold network.",
     .reference = "Liu et al. 2024, KAN: Kolmogorov-Arnold Networks",
     .parameters = bspline_parameters,
     .note =
         "Knots t_j = −2.2 + 0.4·j (j = 0..11): G = 5 intervals on [−1, 1], order k = 3, extended "
         "by 3 knots on each side. The defaults are the Greville abscissae, so the spline equals x "
         "on [−1, 1]; 0 outside [−2.2, 2.2]. f, f′ and f″ are continuous; f‴ jumps at the knots."},
};

//! Case folding for activation names: ASCII letters compare case-insensitively and '-', '_'
//! and ' ' are one character.
constexpr char fold_name_char(char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') return '_';
    return c;
}

constexpr bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (fold_name_char(a[k]) != fold_name_char(b[k])) return false;
    return true;
}

inline std::string folded_name(std::string_view name) {
    std::string s(name);
    for (char& c : s) c = fold_name_char(c);
    return s;
}

}  // namespace detail

//! Every activation of the catalogue, in the order of its specification.
constexpr std::span<const activation> catalog() noexcept { return detail::catalog_entries; }

//! The activation called `name` (canonical name or alias; case-insensitive, '-', '_' and ' '
//! equivalent), or nullptr.
//!
//! **Example**: `find("Leaky-ReLU") == find("leaky_relu")`; `find("gleu") == nullptr`.
constexpr const activation* find(std::string_view name) noexcept {
    for (const activation& a : catalog()) {
        if (detail::same_name(a.name, name)) return &a;
        for (const std::string_view alias : a.aliases)
            if (detail::same_name(alias, name)) return &a;
    }
    return nullptr;
}

//! The canonical names of at most `max` activations whose name or an alias is nearest to
//! `name` (edit distance on folded names, at most 2 and less than half the length; ties in
//! catalogue order), for "did you mean" hints.
//!
//! **Example**: `suggest("gleu")` is `{"gelu"}`.
inline std::vector<std::string_view> suggest(std::string_view name, std::size_t max = 3) {
    const std::string typed = detail::folded_name(name);
    const int limit = std::min(2, (static_cast<int>(typed.size()) - 1) / 2);
    struct candidate {
        int distance;
        int order;
        std::string_view name;
    };
    std::vector<candidate> found;
    for (const activation& a : catalog()) {
        int best = detail::edit_distance(typed, detail::folded_name(a.name));
        for (const std::string_view alias : a.aliases)
            best = std::min(best, detail::edit_distance(typed, detail::folded_name(alias)));
        if (best <= limit) found.push_back({best, static_cast<int>(found.size()), a.name});
    }
    std::sort(found.begin(), found.end(), [](const candidate& l, const candidate& r) {
        return l.distance != r.distance ? l.distance < r.distance : l.order < r.order;
    });
    std::vector<std::string_view> out;
    for (std::size_t k = 0; k < found.size() && k < max; ++k) out.push_back(found[k].name);
    return out;
}

//! Like find, but an unknown name throws actlab::error:
//! "actlab: unknown activation 'gleu' (did you mean 'gelu'?)".
inline const activation& at(std::string_view name) {
    if (const activation* a = find(name)) return *a;
    std::string message = "actlab: unknown activation '" + std::string(name) + "'";
    if (const auto hint = suggest(name, 1); !hint.empty())
        message += " (did you mean '" + std::string(hint.front()) + "'?)";
    throw error(message);
}

}  // namespace actlab
