// Compile-time tier: the catalogue's invariants — names, aliases, lookup, and parameter
// documentation that matches each expression.
#include <actlab/catalog.hpp>

#include <initializer_list>
#include <iterator>
#include <string_view>

using actlab::activation;
using actlab::catalog;
using actlab::find;
namespace a = actlab::activations;

namespace {

// The canonical names in the order of the catalogue's specification.
constexpr std::string_view spec_order[] = {
    "identity",    "relu",      "leaky_relu", "prelu",      "relu6",      "elu",
    "selu",        "celu",      "gelu",       "gelu_tanh",  "silu",       "swish",
    "mish",        "softplus",  "softsign",   "sigmoid",    "tanh",       "hardtanh",
    "hardsigmoid", "hardswish", "logsigmoid", "tanhshrink", "softshrink", "hardshrink",
    "threshold",   "heaviside", "abs",        "sin",        "cos",        "square",
    "cube",        "gaussian",  "erf",        "snake",      "apl",        "bspline"};

constexpr bool in_spec_order() {
    if (catalog().size() < std::size(spec_order)) return false;
    for (std::size_t k = 0; k < std::size(spec_order); ++k)
        if (catalog()[k].name != spec_order[k]) return false;
    return true;
}

constexpr bool snake_case(std::string_view s) {
    if (s.empty() || s.front() == '_' || s.back() == '_') return false;
    for (const char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// Every name and alias finds its own entry, so no key is shared by two entries after folding.
constexpr bool every_key_finds_its_entry() {
    for (const activation& e : catalog()) {
        if (find(e.name) != &e) return false;
        for (const std::string_view alias : e.aliases)
            if (find(alias) != &e) return false;
    }
    return true;
}

constexpr bool keys_unique_across_entries() {
    for (const activation& e : catalog())
        for (const activation& f : catalog()) {
            if (&e == &f) continue;
            const auto clash = [&](std::string_view key) {
                if (actlab::detail::same_name(key, f.name)) return true;
                for (const std::string_view alias : f.aliases)
                    if (actlab::detail::same_name(key, alias)) return true;
                return false;
            };
            if (clash(e.name)) return false;
            for (const std::string_view alias : e.aliases)
                if (clash(alias)) return false;
        }
    return true;
}

constexpr bool entries_well_formed() {
    for (const activation& e : catalog()) {
        if (!snake_case(e.name) || e.description.empty() || e.definition == nullptr) return false;
        // Parameter docs: the expression's parameters, same count, same order.
        const actlab::expr& f = *e.definition;
        if (static_cast<std::size_t>(f.n_parameters) != e.parameters.size()) return false;
        for (std::size_t k = 0; k < e.parameters.size(); ++k)
            if (f.parameters[k].name_view() != e.parameters[k].name ||
                e.parameters[k].meaning.empty())
                return false;
    }
    return true;
}

constexpr int learnable_parameters(std::string_view name) {
    int n = 0;
    for (const auto& p : find(name)->parameters) n += p.learnable ? 1 : 0;
    return n;
}

constexpr bool defaults_are(std::string_view name, std::initializer_list<actlab::expr> values) {
    const actlab::expr& f = *find(name)->definition;
    int k = 0;
    for (const actlab::expr& v : values)
        if (!(f.parameters[k++].default_value == v.constants[0])) return false;
    return k == f.n_parameters;
}

}  // namespace

static_assert(catalog().size() >= 36);
static_assert(in_spec_order());
static_assert(every_key_finds_its_entry());
static_assert(keys_unique_across_entries());
static_assert(entries_well_formed());

// Lookup: canonical names and aliases, case-insensitive, '-', '_' and ' ' equivalent.
static_assert(find("GELU")->definition == &a::gelu);
static_assert(find("gelu")->definition == &a::gelu);
static_assert(find("LeakyReLU") == find("leaky_relu"));
static_assert(find("Leaky-ReLU") == find("leaky_relu"));
static_assert(find("LEAKY RELU") == find("leaky_relu"));
static_assert(find("lrelu") == find("leaky_relu"));
static_assert(find("gelu approximate")->definition == &a::gelu_tanh);
static_assert(find("logistic")->definition == &a::sigmoid);
static_assert(find("binary-step")->definition == &a::heaviside);
static_assert(find("KAN")->definition == &a::bspline);
static_assert(find("siren")->definition == &a::sin);
static_assert(find("gleu") == nullptr);
static_assert(find("") == nullptr);
static_assert(find("leakyrelu_") == nullptr);

// Aliases: the PyTorch class name first where one exists.
static_assert(find("prelu")->aliases.front() == "PReLU");
static_assert(find("logsigmoid")->aliases.front() == "LogSigmoid");
static_assert(find("erf")->aliases.empty());

// Learnable parameters (the rest are fixed): PReLU's α, Swish's β, Snake's α, APL's hinges and
// the spline's coefficients.
static_assert(learnable_parameters("prelu") == 1 && learnable_parameters("leaky_relu") == 0);
static_assert(learnable_parameters("swish") == 1 && learnable_parameters("softplus") == 0);
static_assert(learnable_parameters("snake") == 1 && learnable_parameters("apl") == 4);
static_assert(learnable_parameters("bspline") == 8 && learnable_parameters("selu") == 0);
static_assert(learnable_parameters("elu") == 0 && learnable_parameters("hardtanh") == 0);

// Defaults live in the expressions, exact.
static_assert(defaults_are("selu", {actlab::constant("1.0507009873554804934193349852946"),
                                    actlab::constant("1.6732632423543772848170429916717")}));
static_assert(defaults_are("leaky_relu", {0.01}));
static_assert(defaults_are("threshold", {0.1, 20}));
static_assert(defaults_are("hardtanh", {1, -1}));
static_assert(defaults_are("apl", {0.5, 0.5, -0.25, -1}));
static_assert(defaults_are("bspline", {-1.4, -1, -0.6, -0.2, 0.2, 0.6, 1, 1.4}));

// References and notes where the specification has them.
static_assert(find("gelu")->reference.starts_with("Hendrycks & Gimpel 2016"));
static_assert(find("sigmoid")->reference.empty());
static_assert(find("softplus")->note.find("threshold") != std::string_view::npos);

int main() {}
