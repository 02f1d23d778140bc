// actlab: two functions of the same variable — typically f and its derivative — computed by one
// straight-line program, so that what they have in common is computed once.
//
// `compiled_joint<F, G>` lifts F and G into one DAG (their evaluation forms, as compiled<F> and
// compiled<G> compute them, with equal sub-expressions merged) and runs compiled<>'s program
// over it. Every node is computed once: tanh(x) in f and 4·σ(−2x)·σ(2x) in d(tanh) share one
// e^−2|x| (one library call instead of glibc's tanh and an exp), σ(x) and σ(x)·σ(−x) of the
// sigmoid one e^−|x|, mish's tanh(softplus(x)) appears once. The derivative is still the
// symbolic d(F): nothing is written by hand.
//
// Values are those of compiled<F> and compiled<G> (the same expressions, the same libm calls)
// except where the merge makes a sigmoid, softplus or tanh share its e^−|u| with another one
// that compiled<F> or compiled<G> alone did not have: then the shared forms of compiled.hpp run
// (tanh(b) = sign(b)·(1 − e)/(1 + e) with e = e^−2|b| instead of glibc's tanh), which differ
// from the separate calls in the last bits.
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>

#include <array>
#include <span>
#include <type_traits>

namespace actlab {

namespace detail {

//! One expression lt(F′, G′) of the evaluation forms F′ and G′ of F and G, with their common
//! nodes merged; its root's value is never used, its children are F′ (first) and G′.
constexpr expr joint_form(const expr& f, const expr& g) {
    expr w = evaluation_form(f);
    const index c[2] = {w.root(), import(w, evaluation_form(g))};
    return compact(w, intern(w, op::lt, 0, c, 2));
}

}  // namespace detail

//! The values of F and G at one point.
template <class T>
struct joint_values {
    T first;   //!< F(v)
    T second;  //!< G(v)
};

//! F and G computed together (see the top of this header). The parameters of G must be among
//! those of F (as for G = d(F)); the call takes them in F's parameter order.
//!
//! **Example**:
//! ```
//! constexpr expr f = tanh(x);
//! const compiled_joint<f, d(f)> fd;  // or compiled_with_derivative<f>
//! const auto [y, dy] = fd(0.5);      // tanh(0.5), 1 − tanh(0.5)²
//! ```
template <expr F, expr G, compiled_math M = compiled_math::libm>
struct compiled_joint {
    static constexpr int parameter_count = F.n_parameters;

    //! F(v) and G(v) with the parameters at F's defaults.
    template <class T>
    constexpr joint_values<T> operator()(const T& v) const {
        T p[F.n_parameters > 0 ? F.n_parameters : 1] = {};
        for (int k = 0; k < F.n_parameters; ++k)
            p[k] = detail::to_real<T>(F.parameters[k].default_value);
        return (*this)(v, std::span<const T>(p, static_cast<std::size_t>(F.n_parameters)));
    }

    //! F(v) and G(v) with all of F's parameter values, in F's parameter order.
    template <class T>
    constexpr joint_values<T> operator()(const T& v,
                                         std::span<const std::type_identity_t<T>> params) const {
        if (params.size() != static_cast<std::size_t>(parameter_count))
            detail::fail(
                "actlab: compiled_joint<F, G>(v, params) needs one value per parameter of F");
        detail::compiled_state<T, program::n> s{v, nullptr};
        if constexpr (form.n_parameters == 0) {
            program::template run_scope<0>(s);
        } else {
            T p[form.n_parameters];
            for (int k = 0; k < form.n_parameters; ++k)
                p[k] = params[static_cast<std::size_t>(parameter_of_form[k])];
            s.params = p;
            program::template run_scope<0>(s);
        }
        return {s.v[form.child(form.root(), 0)], s.v[form.child(form.root(), 1)]};
    }

private:
    static constexpr expr form = detail::joint_form(F, G);
    //! Where each parameter of the joint form sits among F's (G's must be F's too).
    static constexpr std::array<int, expr::max_parameters> parameter_of_form = [] {
        std::array<int, expr::max_parameters> m{};
        for (int k = 0; k < form.n_parameters; ++k) {
            m[k] = -1;
            for (int j = 0; j < F.n_parameters; ++j)
                if (F.parameters[j].name_view() == form.parameters[k].name_view()) m[k] = j;
            if (m[k] < 0) detail::fail("actlab: compiled_joint<F, G>: G has a parameter F has not");
        }
        return m;
    }();
    using program = detail::compiled_program<form, M>;
};

//! f and f′ = d(F) computed together.
template <expr F, compiled_math M = compiled_math::libm>
using compiled_with_derivative = compiled_joint<F, d(F), M>;

}  // namespace actlab
