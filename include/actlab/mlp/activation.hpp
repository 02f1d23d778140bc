// actlab: the activations of an MLP layer — f and f′ of a whole layer in one call, plus the
// derivatives with respect to the activation's parameters (PReLU's α, Swish's β, ...).
//
// Nothing here is a hand-written derivative: f′ is the symbolic `d(f)` and ∂f/∂p is
// `d(f, p)`. Two paths reach them:
//
// - **Catalogue activations** (`catalog_kernel`): a table built at compile time over the whole
//   catalogue, one entry per activation, whose functions are `compiled<f>`, `compiled<d(f)>`
//   (in double f and f′ together: `compiled_with_derivative<f>`, which computes their common
//   sub-expressions once) and `compiled<d(f, p)>` — straight-line code, libm for exp/tanh/... (see
//   eval/compiled.hpp). This is the fast path (a few ns per unit).
// - **Formulas typed at run time** (`formula_kernel`, `--expr`): f, d(f) and d(f, p) are
//   built at run time and evaluated by a node-by-node interpreter over the expression's DAG
//   with libm (double) — every node costs a switch and a load, about 3 to 10 times the
//   compiled path. Other real types go through `eval`.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>
#include <actlab/eval/compiled_joint.hpp>
#include <actlab/eval/evaluate.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace actlab::mlp {

namespace detail {

//! A run-time expression prepared for fast repeated evaluation in double: the constants
//! rounded once, the DAG walked in node order (children first), both arms of a `where`
//! computed and one selected.
struct formula_program {
    expr f;
    std::vector<double> constant;  // per node: the value of number/named nodes

    explicit formula_program(const expr& e) : f(e), constant(static_cast<std::size_t>(e.n_nodes)) {
        for (int i = 0; i < f.n_nodes; ++i) {
            const node& n = f.nodes[i];
            if (n.kind == op::number)
                constant[static_cast<std::size_t>(i)] =
                    actlab::detail::to_double(f.constants[n.aux]);
            if (n.kind == op::named)
                constant[static_cast<std::size_t>(i)] =
                    actlab::detail::named_value<double>(static_cast<named_constant>(n.aux));
        }
    }

    double operator()(double at, const double* params, double* v) const {
        for (int i = 0; i < f.n_nodes; ++i) v[i] = value(i, at, params, v);
        return v[f.root()];
    }

private:
    double value(int i, double at, const double* params, const double* v) const {
        const node& n = f.nodes[i];
        const auto c = [&](int k) { return v[f.child(i, k)]; };
        switch (n.kind) {
            case op::number:
            case op::named: return constant[static_cast<std::size_t>(i)];
            case op::parameter: return params[n.aux];
            case op::variable: return at;
            case op::exp: return std::exp(c(0));
            case op::expm1: return std::expm1(c(0));
            case op::log: return std::log(c(0));
            case op::log1p: return std::log1p(c(0));
            case op::abs: return std::fabs(c(0));
            case op::sign: return c(0) > 0 ? 1.0 : c(0) < 0 ? -1.0 : 0.0;
            case op::step: return c(0) > 0 ? 1.0 : c(0) < 0 ? 0.0 : 0.5;
            case op::tanh: return std::tanh(c(0));
            case op::sigmoid: {
                const double em = std::exp(-std::fabs(c(0)));
                return (c(0) >= 0 ? 1.0 : em) / (1.0 + em);
            }
            case op::softplus:
                return (c(0) > 0 ? c(0) : 0.0) + std::log1p(std::exp(-std::fabs(c(0))));
            case op::erf: return std::erf(c(0));
            case op::erfc: return std::erfc(c(0));
            case op::sin: return std::sin(c(0));
            case op::cos: return std::cos(c(0));
            case op::min: return c(1) < c(0) ? c(1) : c(0);
            case op::max: return c(0) < c(1) ? c(1) : c(0);
            case op::lt: return c(0) < c(1) ? 1.0 : 0.0;
            case op::le: return c(0) <= c(1) ? 1.0 : 0.0;
            case op::where: return c(0) != 0 ? c(1) : c(2);
            case op::pow: return power(i, c(0), c(1));
            case op::mul: {
                double r = c(0);
                for (int k = 1; k < n.count; ++k) r *= c(k);
                return r;
            }
            case op::add: {
                double r = c(0);
                for (int k = 1; k < n.count; ++k) r += c(k);
                return r;
            }
        }
        return 0;
    }

    double power(int i, double u, double w) const {
        const node& exponent = f.nodes[f.child(i, 1)];
        if (exponent.kind != op::number) return std::pow(u, w);
        const rational r = f.constants[exponent.aux];
        if (r.den == 1 && r.num >= -64 && r.num <= 64) {
            double p = 1;
            for (int k = 0; k < (r.num < 0 ? -r.num : r.num); ++k) p *= u;
            return r.num < 0 ? 1 / p : p;
        }
        if (r.den % 2 == 1) {  // odd roots of negative numbers are real
            const double m = std::pow(std::fabs(u), w);
            return u < 0 && r.num % 2 != 0 ? -m : m;
        }
        return std::pow(u, w);
    }
};

}  // namespace detail

//! f, f′ and ∂f/∂p of one activation, for a whole layer at once, in real type T.
template <class T>
struct activation_kernel {
    using values_fn = void (*)(const T* z, T* a, T* da, std::size_t n, const T* params);
    using parameters_fn = void (*)(const T& z, T* dp, const T* params);

    std::string name;                               //!< catalogue name or the formula as typed
    values_fn values = nullptr;                     //!< a[i] = f(z[i]), da[i] = f′(z[i])
    parameters_fn parameter_derivatives = nullptr;  //!< dp[k] = ∂f/∂p_k (z)
    std::vector<std::string> parameter_names;
    std::vector<T> defaults;      //!< the parameters' default values
    std::vector<bool> learnable;  //!< trained with the weights
    //! For formulas typed at run time (values == nullptr): f, f′ and each ∂f/∂p_k.
    std::shared_ptr<const std::vector<expr>> formulas;
    //! For each of `formulas`, where its j-th parameter sits among f's: a derivative may drop
    //! a parameter or list them in another order (matched by name).
    std::shared_ptr<const std::vector<std::vector<int>>> parameter_maps;

    //! a = f(z), da = f′(z) over a layer.
    void apply(const T* z, T* a, T* da, std::size_t n, const T* params) const {
        if (values) return values(z, a, da, n, params);
        apply_formula(z, a, da, n, params);
    }

    //! dp[k] = ∂f/∂p_k at z, for every parameter k.
    void derivatives(const T& z, T* dp, const T* params) const {
        if (parameter_derivatives) return parameter_derivatives(z, dp, params);
        for (std::size_t k = 0; k < defaults.size(); ++k)
            dp[k] = actlab::detail::evaluate((*formulas)[2 + k], z, parameters_of(2 + k, params));
    }

private:
    //! f's parameter values in the order of formula k's parameters.
    std::vector<T> parameters_of(std::size_t k, const T* params) const {
        const std::vector<int>& map = (*parameter_maps)[k];
        std::vector<T> p(map.size());
        for (std::size_t j = 0; j < map.size(); ++j) p[j] = params[map[j]];
        return p;
    }

    // Out of line: the batched training kernel inlines `apply`, whose hot path is the table.
    [[gnu::noinline]] void apply_formula(const T* z, T* a, T* da, std::size_t n,
                                         const T* params) const {
        if constexpr (std::is_same_v<T, double>) {
            // per thread, reused: no allocation per call once the buffers have grown
            thread_local std::vector<double> scratch, p0, p1;
            const auto& programs = *programs_for_double();
            std::size_t need = 0;
            for (const auto& p : programs)
                need = std::max(need, static_cast<std::size_t>(p.f.n_nodes));
            if (scratch.size() < need) scratch.resize(need);
            for (std::size_t k = 0; k < 2; ++k) {
                const std::vector<int>& map = (*parameter_maps)[k];
                std::vector<double>& p = k == 0 ? p0 : p1;
                p.resize(map.size());
                for (std::size_t j = 0; j < map.size(); ++j)
                    p[j] = params[static_cast<std::size_t>(map[j])];
            }
            for (std::size_t i = 0; i < n; ++i) {
                a[i] = programs[0](z[i], p0.data(), scratch.data());
                da[i] = programs[1](z[i], p1.data(), scratch.data());
            }
        } else {
            const std::vector<T> p0 = parameters_of(0, params), p1 = parameters_of(1, params);
            for (std::size_t i = 0; i < n; ++i) {
                a[i] = actlab::detail::evaluate((*formulas)[0], z[i], p0);
                da[i] = actlab::detail::evaluate((*formulas)[1], z[i], p1);
            }
        }
    }

    const std::vector<detail::formula_program>* programs_for_double() const {
        if (!programs_) {
            auto p = std::make_shared<std::vector<detail::formula_program>>();
            for (std::size_t k = 0; k < 2; ++k) p->emplace_back((*formulas)[k]);
            programs_ = p;
        }
        return programs_.get();
    }

    mutable std::shared_ptr<const std::vector<detail::formula_program>> programs_;

public:
    //! Prepares the interpreter ahead of use (call before sharing the kernel across threads).
    void prepare() const {
        if constexpr (std::is_same_v<T, double>)
            if (!values) programs_for_double();
    }
};

namespace detail {

//! Where each parameter of G (a derivative of F) sits among F's parameters: derivatives may
//! drop a parameter or list them in another order.
template <expr F, expr G>
constexpr std::array<int, expr::max_parameters> parameter_map() {
    std::array<int, expr::max_parameters> m{};
    for (int k = 0; k < G.n_parameters; ++k)
        for (int j = 0; j < F.n_parameters; ++j)
            if (G.parameters[k].name_view() == F.parameters[j].name_view())
                m[static_cast<std::size_t>(k)] = j;
    return m;
}

//! G(z) with F's parameter values.
template <expr F, expr G, class T>
[[gnu::always_inline]] inline T call_with(const T& z, const T* pf) {
    constexpr int n = G.n_parameters;
    if constexpr (n == 0) {
        return compiled<G>{}(z);
    } else {
        constexpr auto map = parameter_map<F, G>();
        T p[n];
        for (int k = 0; k < n; ++k) p[k] = pf[map[static_cast<std::size_t>(k)]];
        return compiled<G>{}(z, std::span<const T>(p, static_cast<std::size_t>(n)));
    }
}

//! The compiled functions of catalogue entry I.
template <std::size_t I>
struct catalog_program {
    static constexpr expr f = *actlab::catalog()[I].definition;
    static constexpr expr df = d(f);

    template <class T>
    static void values(const T* z, T* a, T* da, std::size_t n, const T* params) {
        if constexpr (std::is_same_v<T, double>) {
            // f and f′ by one program: their common sub-expressions (tanh's and d(tanh)'s
            // e^−2|z|, σ's e^−|z|, ...) computed once (eval/compiled_joint.hpp).
            const compiled_with_derivative<f> fd;
            const std::span<const double> p(params, static_cast<std::size_t>(f.n_parameters));
            for (std::size_t i = 0; i < n; ++i) {
                const auto [y, dy] = fd(z[i], p);
                a[i] = y;
                da[i] = dy;
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                a[i] = call_with<f, f>(z[i], params);
                da[i] = call_with<f, df>(z[i], params);
            }
        }
    }

    template <class T, std::size_t K>
    static T parameter_derivative(const T& z, const T* params) {
        static constexpr expr g = d(f, f.parameters[K].name_view());
        return call_with<f, g>(z, params);
    }

    template <class T>
    static void parameter_derivatives(const T& z, T* dp, const T* params) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            ((dp[K] = parameter_derivative<T, K>(z, params)), ...);
        }(std::make_index_sequence<static_cast<std::size_t>(f.n_parameters)>{});
    }
};

template <class T>
struct catalog_functions {
    typename activation_kernel<T>::values_fn values;
    typename activation_kernel<T>::parameters_fn parameter_derivatives;
};

//! The table over the whole catalogue, built at compile time.
template <class T>
inline constexpr auto catalog_table = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<catalog_functions<T>, sizeof...(I)>{
        catalog_functions<T>{&catalog_program<I>::template values<T>,
                             &catalog_program<I>::template parameter_derivatives<T>}...};
}(std::make_index_sequence<actlab::catalog().size()>{});

template <class T>
void fill_parameters(activation_kernel<T>& k, const expr& f) {
    for (int p = 0; p < f.n_parameters; ++p) {
        k.parameter_names.emplace_back(f.parameters[p].name_view());
        k.defaults.push_back(actlab::detail::to_real<T>(f.parameters[p].default_value));
        k.learnable.push_back(false);
    }
}

}  // namespace detail

//! The kernel of a catalogue activation (its learnable parameters marked as such).
template <class T = double>
activation_kernel<T> catalog_kernel(const activation& a) {
    const auto index = static_cast<std::size_t>(&a - actlab::catalog().data());
    activation_kernel<T> k;
    k.name = std::string(a.name);
    k.values = detail::catalog_table<T>[index].values;
    k.parameter_derivatives = detail::catalog_table<T>[index].parameter_derivatives;
    detail::fill_parameters(k, *a.definition);
    for (std::size_t p = 0; p < a.parameters.size() && p < k.learnable.size(); ++p)
        k.learnable[p] = a.parameters[p].learnable;
    return k;
}

//! The kernel of a formula built at run time (`parse`): f, d(f) and d(f, p) by the
//! interpreter. Its parameters are fixed at their defaults (not learnable).
template <class T = double>
activation_kernel<T> formula_kernel(const expr& f, std::string name) {
    activation_kernel<T> k;
    k.name = std::move(name);
    auto formulas = std::make_shared<std::vector<expr>>();
    formulas->push_back(f);
    formulas->push_back(d(f));
    for (int p = 0; p < f.n_parameters; ++p) formulas->push_back(d(f, f.parameters[p].name_view()));
    auto maps = std::make_shared<std::vector<std::vector<int>>>();
    for (const expr& g : *formulas) {
        std::vector<int>& map = maps->emplace_back();
        for (int j = 0; j < g.n_parameters; ++j)
            for (int i = 0; i < f.n_parameters; ++i)
                if (g.parameters[j].name_view() == f.parameters[i].name_view()) map.push_back(i);
        if (map.size() != static_cast<std::size_t>(g.n_parameters))
            throw actlab::error("actlab: mlp: a derivative has a parameter the formula has not");
    }
    k.formulas = formulas;
    k.parameter_maps = maps;
    detail::fill_parameters(k, f);
    k.prepare();
    return k;
}

}  // namespace actlab::mlp
