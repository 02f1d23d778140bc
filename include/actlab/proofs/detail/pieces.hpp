// actlab: the formula f follows on a box — its switches (min, max, where) replaced by the
// branch they take everywhere on the box, parameters by their defaults — and the structural
// parity of an expression (odd and even functions of odd and even arguments). Both are
// symbolic: a piece that equals x, or a parity read off the tree, is an identity on the box.
#pragma once

#include <actlab/expr/detail/transform.hpp>
#include <actlab/proofs/detail/extremum.hpp>

#include <algorithm>
#include <vector>

namespace actlab::detail::proof {

//! f restricted to X as an expression: a min or max whose arguments are ordered on all of X
//! (ties allowed: both branches agree there) becomes the smaller or larger one, a `where`
//! whose condition is decided becomes its branch. Equal to f at every point of X.
constexpr expr piece_on(const expr& f, const ival& X) {
    const node_enclosures e = enclose_nodes(f, X);
    expr w{raw_tag{}};
    index m[expr::max_nodes] = {};  // arrays, not std::vector<int>(n): Clang + libstdc++
    for (int i = 0; i < f.n_nodes; ++i) {
        const node& n = f.nodes[i];
        const auto c = [&](int k) -> const ival& {
            return e.v[static_cast<std::size_t>(f.child(i, k))];
        };
        const auto mc = [&](int k) { return m[f.child(i, k)]; };
        index& out = m[i];
        if ((n.kind == op::min || n.kind == op::max) && c(0).ok && c(1).ok) {
            const bool first_below = c(0).hi <= c(1).lo, second_below = c(1).hi <= c(0).lo;
            if (first_below || second_below) {
                const bool take_first = (n.kind == op::min) == first_below;
                out = mc(take_first ? 0 : 1);
                continue;
            }
        }
        if (n.kind == op::where && c(0).ok && (c(0).lo == 1 || c(0).hi == 0)) {
            out = mc(c(0).lo == 1 ? 1 : 2);
            continue;
        }
        if ((n.kind == op::abs || n.kind == op::step || n.kind == op::sign) && c(0).ok &&
            (c(0).lo > 0 || c(0).hi < 0 || (n.kind == op::abs && (c(0).lo == 0 || c(0).hi == 0)))) {
            const bool positive = c(0).lo >= 0;
            if (n.kind == op::abs)
                out = positive ? mc(0) : detail::neg(w, mc(0));
            else if (n.kind == op::step)
                out = number(w, positive ? 1LL : 0LL);
            else
                out = number(w, positive ? 1LL : -1LL);
            continue;
        }
        if (n.kind == op::parameter) {
            out = number(w, f.parameters[n.aux].default_value);
            continue;
        }
        index ch[max_terms] = {};
        for (int k = 0; k < n.count; ++k) ch[k] = mc(k);
        out = n.count == 0 ? import_node(w, f, i, ch) : rebuild(w, n, ch);
    }
    return compact(w, m[f.root()]);
}

//! The points where a switch of f may change branch (affine switching functions), inside
//! (a, b), with a and b: the ends of the pieces of f on [a, b].
constexpr std::vector<double> piece_ends(const expr& f, double a, double b,
                                         const std::vector<double>& extra = {}) {
    std::vector<double> out{a, b};
    for (const double p : switch_points(f))
        if (a < p && p < b) out.push_back(p);
    for (const double p : extra)
        if (a < p && p < b) out.push_back(p);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

//! Structural parity: +1 even, −1 odd, 0 not known. Constants are even, x is odd; a sum is
//! even (odd) when all its terms are, a product's parity multiplies; an odd function (tanh,
//! sin, erf, sign) keeps its argument's parity, an even one (cos, abs) of an odd argument is
//! even, and any node whose arguments are all even is even.
constexpr int structural_parity(const expr& f) {
    int p[expr::max_nodes] = {};
    for (int i = 0; i < f.n_nodes; ++i) {
        const node& n = f.nodes[i];
        const auto pc = [&](int k) { return p[f.child(i, k)]; };
        int& out = p[i];
        bool all_even = true, all_odd = true, any_unknown = false;
        int product = 1;
        for (int k = 0; k < n.count; ++k) {
            all_even = all_even && pc(k) == 1;
            all_odd = all_odd && pc(k) == -1;
            any_unknown = any_unknown || pc(k) == 0;
            product *= pc(k);
        }
        if (n.count == 0) {
            out = n.kind == op::variable ? -1 : 1;
        } else if (all_even) {
            out = 1;
        } else if (n.kind == op::add) {
            out = all_odd ? -1 : 0;
        } else if (n.kind == op::mul) {
            out = any_unknown ? 0 : product;
        } else if (n.kind == op::pow) {
            const node& ex = f.nodes[f.child(i, 1)];
            const bool integer =
                ex.kind == op::number && f.constants[ex.aux].den == 1 && pc(1) == 1;
            const bool even_power = integer && f.constants[ex.aux].num % 2 == 0;
            out = integer && pc(0) == -1 ? (even_power ? 1 : -1) : 0;
        } else if (n.count == 1 && pc(0) == -1) {
            out = traits(n.kind).parity == op_parity::odd    ? -1
                  : traits(n.kind).parity == op_parity::even ? 1
                                                             : 0;
        } else {
            out = 0;
        }
    }
    return p[f.root()];
}

}  // namespace actlab::detail::proof
