// actlab: what the shape of an expression proves — its degree as a polynomial in x, and the
// frequency of the sin/cos that hold every x (hence a period). Purely symbolic: no MPFR,
// constexpr (the compile-time predicates reuse it).
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/expr/expression.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace actlab::detail {

//! The degree of node i of f as a polynomial in x by its structure, or empty.
constexpr std::optional<int> structural_degree(const expr& f, int i) {
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::number:
        case op::named:
        case op::parameter: return 0;
        case op::variable: return 1;
        case op::add:
        case op::mul: {
            int deg = 0;
            for (int k = 0; k < n.count; ++k) {
                const auto dk = structural_degree(f, f.child(i, k));
                if (!dk) return std::nullopt;
                deg = n.kind == op::add ? std::max(deg, *dk) : deg + *dk;
            }
            return deg;
        }
        case op::pow: {
            const auto base = structural_degree(f, f.child(i, 0));
            const int ex = f.child(i, 1);
            if (!base) return std::nullopt;
            if (*base == 0 && structural_degree(f, ex) == 0) return 0;
            if (f.nodes[ex].kind != op::number) return std::nullopt;
            const rational& q = f.constants[f.nodes[ex].aux];
            if (q.den != 1 || q.num < 0) return std::nullopt;
            return *base * static_cast<int>(q.num);
        }
        default: {
            for (int k = 0; k < n.count; ++k)
                if (structural_degree(f, f.child(i, k)) != 0) return std::nullopt;
            return 0;  // a function of constants is a constant
        }
    }
}

constexpr std::optional<int> structural_degree(const expr& f) {
    return structural_degree(f, f.root());
}

//! When every x in f sits inside sin/cos(a·x + b) with rational a: the gcd g of the a's
//! (f is then 2π/g-periodic). Empty otherwise.
constexpr std::optional<rational> trig_frequency(const expr& f) {
    bool ok = true;
    bool any = false;
    rational g{0, 1};
    // Walk the tree from the root: a path to x must pass through sin or cos.
    std::vector<int> trig;
    std::vector<std::pair<int, bool>> stack{{f.root(), false}};
    while (!stack.empty()) {
        const auto [i, inside] = stack.back();
        stack.pop_back();
        const node& n = f.nodes[i];
        if (n.kind == op::variable && !inside) ok = false;
        const bool is_trig = n.kind == op::sin || n.kind == op::cos;
        if (is_trig && !inside) trig.push_back(i);
        if (!is_trig || inside)
            for (int k = 0; k < n.count; ++k) stack.push_back({f.child(i, k), inside});
    }
    for (const int i : trig) {
        const expr slope = d(compact(f, f.child(i, 0)));
        if (!is_number_expr(slope)) {
            ok = false;
            continue;
        }
        const rational a = slope.constants[0];
        if (a.num == 0) continue;
        // gcd of rationals p/q and r/s: gcd(p·s, r·q)/(q·s), reduced
        if (!any) {
            g = {a.num < 0 ? -a.num : a.num, a.den};
        } else {
            const int128 num = gcd128(g.num * a.den, a.num * g.den);
            const int128 den = g.den * a.den;
            const int128 c = gcd128(num, den);
            g = {num / c, den / c};
        }
        any = true;
    }
    if (!ok || !any) return std::nullopt;
    return g;
}

//! An upper bound on the period 2π/g proved by trig_frequency, or empty.
constexpr std::optional<double> structural_period(const expr& f) {
    const auto g = trig_frequency(f);
    if (!g) return std::nullopt;
    return 2 * 3.14159265358979324 * static_cast<double>(g->den) / static_cast<double>(g->num) *
           (1 + 1e-12);
}

}  // namespace actlab::detail
