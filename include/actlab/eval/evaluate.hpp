// actlab: interpreted evaluation of an expression in any real type.
#pragma once

#include <actlab/eval/evaluation_form.hpp>
#include <actlab/eval/scalar.hpp>
#include <actlab/expr/expression.hpp>

#include <initializer_list>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace actlab {

//! A parameter value for one evaluation: `eval(f, 1.0, {{"alpha", 0.1}})`.
template <class T>
struct parameter_value {
    std::string_view name;
    T value;
};

namespace detail {

//! f(u) of node i (e^u, σ(u) or erfc(u), computed as v from the rounded argument u) corrected
//! for the rounding of u (argument_correction, scalar.hpp).
template <class T>
constexpr T corrected(const expr& f, int i, const std::vector<T>& v, const T& value) {
    if constexpr (std::is_floating_point_v<T>) {
        const int a = f.child(i, 0);
        if (!rounded_argument(f, i) || !needs_correction(f.nodes[i].kind, v[a])) return value;
        const twofold<T> exact = twofold_value<T>(f, a, [&](int j) { return v[j]; });
        return argument_correction(f.nodes[i].kind, value, v[a], exact);
    } else {
        return value;
    }
}

//! e^u·2^K (value) for node i, e^u or σ(u) of u below the normal range (σ(u) is e^u there),
//! corrected for the rounding of u as e^u is.
template <class T>
constexpr T corrected_tiny_exp(const expr& f, int i, const std::vector<T>& v, const T& value) {
    if constexpr (std::is_floating_point_v<T>) {
        const int a = f.child(i, 0);
        if (!rounded_argument(f, i)) return value;
        const twofold<T> exact = twofold_value<T>(f, a, [&](int j) { return v[j]; });
        return argument_correction(op::exp, value, v[a], exact);
    } else {
        return value;
    }
}

//! Node i's value times 2^K (tiny_shift), for a node whose value is below the normal range:
//! e^u (also e^(c·r²)); σ(u) and softplus(u) for u < 0 (both e^u to within a factor
//! 1 − e^u, which rounds to 1 there); erfc(u) for u > 0; tanh(w) of such a node w (w to within a
//! factor 1 − w²/3; tanh(w) below the normal range means w is). False for other nodes.
template <class T>
constexpr bool scaled_tiny(const expr& f, int i, const std::vector<T>& v, T& out) {
    const auto scaled_exp = [](const T& a) {
        return exp_times_scale(a, [](const T& b) { return exp_of(b); });
    };
    const node& n = f.nodes[i];
    const T& u = v[f.child(i, 0)];
    switch (n.kind) {
        case op::exp: {
            rational k{};
            const int r = square_exponent(f, i, k);
            out = r < 0 ? corrected_tiny_exp(f, i, v, scaled_exp(u))
                        : exp_scaled_square(v[r], to_real<T>(k), scaled_exp);
            return true;
        }
        case op::sigmoid:
            if (!(u < 0)) return false;
            out = corrected_tiny_exp(f, i, v, scaled_exp(u));
            return true;
        case op::softplus:
            if (!(u < 0)) return false;
            out = scaled_exp(u);
            return true;
        case op::erfc:
            if (!(u > 0)) return false;
            out = corrected(f, i, v, erfc_times_scale(u));
            return true;
        case op::tanh: return scaled_tiny(f, f.child(i, 0), v, out);
        default: return false;
    }
}

//! The product of node i's factors; where it is below tiny_product_bound and one or two of
//! the factors are below the normal range and scaled_tiny knows them, with those scaled and
//! the product scaled back once.
template <class T>
constexpr T product_of(const expr& f, int i, const std::vector<T>& v) {
    const node& n = f.nodes[i];
    T r = v[f.child(i, 0)];
    for (int k = 1; k < n.count; ++k) r *= v[f.child(i, k)];
    if constexpr (scales_tiny<T>) {
        if (!(abs_of(r) < tiny_product_bound<T>())) return r;
        int scaled = 0;
        T s = 1;
        for (int k = 0; k < n.count; ++k) {
            const int c = f.child(i, k);
            T t{};
            if (scaled < 2 && below_normal(v[c]) && scaled_tiny(f, c, v, t)) {
                ++scaled;
                s *= t;
            } else {
                s *= v[c];
            }
        }
        if (scaled > 0) return T(s * tiny_unscale<T>(scaled));
    }
    return r;
}

template <class T>
constexpr T node_value(const expr& f, int i, const std::vector<T>& v, const T& at,
                       const std::vector<T>& params) {
    const node& n = f.nodes[i];
    const auto c = [&](int k) -> const T& { return v[f.child(i, k)]; };
    switch (n.kind) {
        case op::number: return to_real<T>(f.constants[n.aux]);
        case op::named: return named_value<T>(static_cast<named_constant>(n.aux));
        case op::parameter: return params[n.aux];
        case op::variable: return at;
        case op::exp: {
            rational k{};
            const int r = square_exponent(f, i, k);
            if (r < 0) return corrected(f, i, v, exp_of(c(0)));
            return exp_scaled_square(v[r], to_real<T>(k), [](const T& a) { return exp_of(a); });
        }
        case op::expm1: return expm1_of(c(0));
        case op::log: return log_of(c(0));
        case op::log1p: return log1p_of(c(0));
        case op::abs: return abs_of(c(0));
        case op::sign: return sign_of(c(0));
        case op::step: return step_of(c(0));
        case op::tanh: return tanh_of(c(0));
        case op::sigmoid: return corrected(f, i, v, sigmoid_of(c(0)));
        case op::softplus: return softplus_of(c(0));
        case op::erf: return erf_of(c(0));
        case op::erfc: return corrected(f, i, v, erfc_of(c(0)));
        case op::sin: return sin_of(c(0));
        case op::cos: return cos_of(c(0));
        case op::min: return c(1) < c(0) ? c(1) : c(0);
        case op::max: return c(0) < c(1) ? c(1) : c(0);
        case op::lt: return c(0) < c(1) ? T(1) : T(0);
        case op::le: return c(0) <= c(1) ? T(1) : T(0);
        case op::where: return T(0);  // handled lazily by the caller
        case op::pow: {
            const int e = f.child(i, 1);
            if (f.nodes[e].kind == op::number)
                return rational_power(c(0), f.constants[f.nodes[e].aux]);
            return real_power(c(0), c(1));
        }
        case op::mul: return product_of(f, i, v);
        case op::add: {
            const int u = tanh_shrink_argument(f, i);
            if (u >= 0) return tanh_shrink_of(v[u], [](const T& a) { return tanh_of(a); });
            T r = c(0);
            for (int k = 1; k < n.count; ++k) r += c(k);
            return r;
        }
    }
    return T(0);
}

//! Computes the values of the nodes the root needs, children first, into v (one slot per
//! node). Of a `where`, only the branch that `branch(condition value)` selects (1: then,
//! 2: else) is computed, so an unselected branch that overflows is never computed (that
//! matters in constant evaluation); 0 selects both, and `join(then, else)` makes the value.
template <class V, class Value, class Branch, class Join>
constexpr const V& walk(const expr& f, std::vector<V>& v, Value value_of, Branch branch,
                        Join join) {
    std::vector<char> done(static_cast<std::size_t>(f.n_nodes),
                           0);  // vector<bool> is not constexpr in libstdc++ 12
    std::vector<int> stack;
    stack.reserve(static_cast<std::size_t>(f.n_nodes));
    stack.push_back(f.root());
    while (!stack.empty()) {
        const int i = stack.back();
        if (done[i]) {
            stack.pop_back();
            continue;
        }
        const node& n = f.nodes[i];
        if (n.kind == op::where) {
            const int cond = f.child(i, 0);
            if (!done[cond]) {
                stack.push_back(cond);
                continue;
            }
            const int which = branch(v[cond]);
            const int a = f.child(i, 1), b = f.child(i, 2);
            const bool need_a = which != 2 && !done[a], need_b = which != 1 && !done[b];
            if (need_a) stack.push_back(a);
            if (need_b) stack.push_back(b);
            if (need_a || need_b) continue;
            if (which == 0)
                v[i] = join(v[a], v[b]);
            else
                v[i] = v[which == 1 ? a : b];
        } else {
            bool ready = true;
            for (int k = n.count - 1; k >= 0; --k) {
                const int ch = f.child(i, k);
                if (!done[ch]) {
                    stack.push_back(ch);
                    ready = false;
                }
            }
            if (!ready) continue;
            value_of(i);
        }
        done[i] = 1;
        stack.pop_back();
    }
    return v[f.root()];
}

template <class T>
constexpr T evaluate(const expr& f, const T& at, const std::vector<T>& params) {
    std::vector<T> v(static_cast<std::size_t>(f.n_nodes), T(0));
    return walk(
        f, v, [&](int i) { v[i] = node_value(f, i, v, at, params); },
        [](const T& c) { return c != T(0) ? 1 : 2; }, [](const T& a, const T&) { return a; });
}

//! The parameter values of g (f's evaluation form, which may have fewer parameters than f):
//! defaults, then the given values; a name that is not a parameter of f is an error.
template <class T>
constexpr std::vector<T> parameter_values(const expr& f, const expr& g,
                                          std::span<const parameter_value<T>> values) {
    std::vector<T> p;
    for (int k = 0; k < g.n_parameters; ++k) p.push_back(to_real<T>(g.parameters[k].default_value));
    for (const auto& pv : values) {
        bool found = false;
        for (int k = 0; k < f.n_parameters; ++k)
            found = found || f.parameters[k].name_view() == pv.name;
        if (!found) fail("actlab: eval: no parameter of that name in the expression");
        for (int k = 0; k < g.n_parameters; ++k)
            if (g.parameters[k].name_view() == pv.name) p[static_cast<std::size_t>(k)] = pv.value;
    }
    return p;
}

//! f(v) through f's evaluation form: computed by the pass in constant evaluation, taken from
//! the per-thread cache at run time.
template <class T>
constexpr T evaluate_stable(const expr& f, const T& v, std::span<const parameter_value<T>> values) {
    if (std::is_constant_evaluated()) {
        const expr g = evaluation_form(f);
        return evaluate(g, v, parameter_values<T>(f, g, values));
    }
    const expr& g = cached_evaluation_form(f);
    return evaluate(g, v, parameter_values<T>(f, g, values));
}

}  // namespace detail

//! f(v) in the real type T (float, double, long double, Boost.Multiprecision types), with
//! parameters at their defaults. In double it is a constant expression, bit-identical to
//! the run-time result. What is evaluated is f's evaluation form (`evaluation_form(f)`:
//! the same function, rewritten where the printed formula cancels or overflows).
template <class T>
constexpr T eval(const expr& f, const T& v) {
    return detail::evaluate_stable<T>(f, v, {});
}

//! f(v) with some parameters given values: `eval(prelu, -2.0, {{"alpha", 0.1}})`.
template <class T>
constexpr T eval(const expr& f, const T& v,
                 std::span<const parameter_value<std::type_identity_t<T>>> values) {
    return detail::evaluate_stable<T>(f, v, values);
}

template <class T>
constexpr T eval(const expr& f, const T& v,
                 std::initializer_list<parameter_value<std::type_identity_t<T>>> values) {
    return eval(f, v, std::span<const parameter_value<T>>(values.begin(), values.size()));
}

template <class T>
constexpr T expr::operator()(const T& v) const {
    return eval(*this, v);
}

}  // namespace actlab
