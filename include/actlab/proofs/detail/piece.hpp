// actlab: the formula f follows on a box — its switches (min, max, where, abs, step, sign)
// replaced by the branch they take everywhere on the box, parameters by their defaults. A
// symbolic identity on the box: equal to f at every point of it.
#pragma once

#include <actlab/expr/detail/transform.hpp>
#include <actlab/proofs/detail/enclose.hpp>

namespace actlab::detail::proof {

//! f restricted to X as an expression: a min or max whose arguments are ordered on all of X
//! (ties allowed: both branches agree there) becomes the smaller or larger one, a `where`
//! whose condition is decided becomes its branch. Equal to f at every point of X.
constexpr expr piece_on(const expr& f, const ival& X) {
    const node_enclosures e = enclose_nodes(f, X);
    expr w{raw_tag{}};
    index m[expr::max_nodes] = {};  // arrays, not std::vector<int>(n): Clang + libstdc++
    // Only the nodes the piece uses are rebuilt (a decided `where` drops its other branch:
    // bspline's piece is one of its eleven cubics).
    bool used[expr::max_nodes] = {};
    used[f.root()] = true;
    for (int i = f.root(); i >= 0; --i) {
        if (!used[i]) continue;
        const node& n = f.nodes[i];
        const ival& cond = e.v[static_cast<std::size_t>(n.count > 0 ? f.child(i, 0) : 0)];
        if (n.kind == op::where && cond.ok && (cond.lo == 1 || cond.hi == 0)) {
            used[f.child(i, cond.lo == 1 ? 1 : 2)] = true;
            continue;
        }
        for (int k = 0; k < n.count; ++k) used[f.child(i, k)] = true;
    }
    for (int i = 0; i < f.n_nodes; ++i) {
        if (!used[i]) continue;
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

}  // namespace actlab::detail::proof
