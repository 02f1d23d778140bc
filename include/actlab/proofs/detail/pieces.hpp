// actlab: the formula f follows on a box — its switches (min, max, where) replaced by the
// branch they take everywhere on the box, parameters by their defaults — and the structural
// parity of an expression (odd and even functions of odd and even arguments). Both are
// symbolic: a piece that equals x, or a parity read off the tree, is an identity on the box.
#pragma once

#include <actlab/proofs/detail/extremum.hpp>
#include <actlab/proofs/detail/piece.hpp>

#include <algorithm>
#include <vector>

namespace actlab::detail::proof {

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
