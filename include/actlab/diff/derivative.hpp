// actlab: symbolic derivatives of any order, with respect to x or a parameter.
#pragma once

#include <actlab/expr/build.hpp>
#include <actlab/expr/detail/expand.hpp>

#include <string_view>

namespace actlab {

namespace detail {

//! Derivative of the node `i` given the derivatives `dc` of its children (all in `w`).
constexpr index derivative_rule(expr& w, index i, const index* dc) {
    const node n = w.nodes[i];
    const auto c = [&](int k) { return arg(w, i, k); };
    const auto num = [&](long long v) { return number(w, v); };
    switch (n.kind) {
        case op::number:
        case op::named:
        case op::variable:
        case op::parameter:
        case op::lt:
        case op::le:
        case op::sign:
        case op::step: return num(0);  // piecewise constant; the jump is reported by kinks()
        case op::add: {
            term_list t;
            for (int k = 0; k < n.count; ++k) t.push(dc[k]);
            return add(w, t);
        }
        case op::mul: {
            term_list sum;
            for (int k = 0; k < n.count; ++k) {
                if (is_number(w, dc[k], 0)) continue;
                term_list prod;
                for (int j = 0; j < n.count; ++j) prod.push(j == k ? dc[k] : c(j));
                sum.push(mul(w, prod));
            }
            return add(w, sum);
        }
        case op::pow: {
            const index b = c(0), p = c(1);
            if (is_number(w, p)) {
                rational r1{};
                detail::add(value(w, p), rational{-1, 1}, r1);
                term_list t;
                t.push(p);
                t.push(power(w, b, r1));
                t.push(dc[0]);
                return mul(w, t);
            }
            // (b^p)' = b^p (p' log b + p b' / b)
            const index inner = add(w, mul(w, dc[1], function(w, op::log, b)),
                                    mul(w, mul(w, p, dc[0]), power(w, b, rational{-1, 1})));
            return mul(w, i, inner);
        }
        case op::exp:
        case op::expm1: return mul(w, function(w, op::exp, c(0)), dc[0]);
        case op::log: return mul(w, dc[0], power(w, c(0), rational{-1, 1}));
        case op::log1p: return mul(w, dc[0], power(w, add(w, num(1), c(0)), rational{-1, 1}));
        case op::abs: return mul(w, function(w, op::sign, c(0)), dc[0]);
        case op::tanh: {
            // tanh' = 1 − tanh²
            const index t = add(w, num(1), neg(w, power(w, i, rational{2, 1})));
            return mul(w, t, dc[0]);
        }
        case op::sigmoid: {
            // σ' = σ(1 − σ)
            term_list t;
            t.push(i);
            t.push(sub(w, num(1), i));
            t.push(dc[0]);
            return mul(w, t);
        }
        case op::softplus: return mul(w, function(w, op::sigmoid, c(0)), dc[0]);
        case op::erf:
        case op::erfc: {
            // erf' = (2/√π) e^(−u²)
            term_list t;
            t.push(num(n.kind == op::erf ? 2 : -2));
            t.push(power(w, intern_leaf(w, op::named, static_cast<int>(named_constant::pi)),
                         rational{-1, 2}));
            t.push(function(w, op::exp, neg(w, power(w, c(0), rational{2, 1}))));
            t.push(dc[0]);
            return mul(w, t);
        }
        case op::sin: return mul(w, function(w, op::cos, c(0)), dc[0]);
        case op::cos: return neg(w, mul(w, function(w, op::sin, c(0)), dc[0]));
        case op::min:
        case op::max: {
            // max(a, b)' = a'·H(a − b) + b'·H(b − a) with H(0) = ½: at a tie the mean of the
            // one-sided derivatives (docs/design.md, "kinks"); relu' = H(x).
            const index a = c(0), b = c(1);
            const int s = n.kind == op::max ? 1 : -1;
            const index ha = function(w, op::step, s > 0 ? sub(w, a, b) : sub(w, b, a));
            const index hb = function(w, op::step, s > 0 ? sub(w, b, a) : sub(w, a, b));
            return add(w, mul(w, dc[0], ha), mul(w, dc[1], hb));
        }
        case op::where: return where(w, c(0), dc[1], dc[2]);
    }
    return num(0);
}

//! d e / d(leaf), where `leaf` is the index of the variable or parameter node in e (or -1).
constexpr expr derivative(const expr& e, int leaf) {
    if (leaf < 0) return expr(0);
    expr w = e;
    index d[expr::max_nodes] = {};
    const index zero = number(w, 0);
    for (int i = 0; i < e.n_nodes; ++i) {
        if (i == leaf) {
            d[i] = number(w, 1);
            continue;
        }
        index dc[max_terms] = {};
        bool all_zero = true;
        for (int k = 0; k < e.nodes[i].count; ++k) {
            dc[k] = d[arg(e, i, k)];
            all_zero = all_zero && dc[k] == zero;
        }
        // Leaves other than `leaf`, and nodes whose children all have derivative 0 (where(c, 0, 0)
        // included), have derivative 0.
        d[i] = all_zero ? zero : derivative_rule(w, i, dc);
    }
    return tidy(compact(w, d[e.root()]));
}

}  // namespace detail

//! df/dx. Kinks follow docs/design.md: `where` takes the derivative of the selected branch;
//! min, max and abs take the mean of the one-sided derivatives at a tie.
constexpr expr d(const expr& f) {
    return detail::derivative(f, detail::find_leaf(f, op::variable));
}

//! The n-th derivative dⁿf/dxⁿ.
template <int N>
constexpr expr d(const expr& f) {
    static_assert(N >= 0, "actlab: d<N>(f) needs N >= 0");
    expr r = f;
    for (int k = 0; k < N; ++k) r = d(r);
    return r;
}

//! ∂f/∂v, where v is the variable x or a parameter made by `param`.
constexpr expr d(const expr& f, const expr& v) {
    const node& n = v.nodes[v.root()];
    if (v.n_nodes != 1 || (n.kind != op::variable && n.kind != op::parameter)) {
        detail::fail("actlab: d(f, v) needs v to be the variable x or a parameter");
        return f;
    }
    if (n.kind == op::variable) return d(f);
    return detail::derivative(f,
                              detail::find_leaf(f, op::parameter, v.parameters[n.aux].name_view()));
}

//! ∂f/∂p for the parameter named `name`.
constexpr expr d(const expr& f, std::string_view name) {
    return detail::derivative(f, detail::find_leaf(f, op::parameter, name));
}

}  // namespace actlab
