// actlab: the certified extent of a function over [a, b] — enclosures of its inf and its
// sup, from two branch-and-bound searches — and whether a function can jump (then a bound on
// its derivative is no Lipschitz bound).
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/proofs/detail/extremum.hpp>

#ifndef ACTLAB_PROOF_BUDGET
//! Boxes one branch-and-bound search may examine before it settles for the looser bound it
//! has. The default keeps every catalogue proof within the compilers' default constexpr
//! limits (docs/reference/compile_time_cost.md).
#define ACTLAB_PROOF_BUDGET 160
#endif

namespace actlab::detail::proof {

//! sup g is in [upper.lo, upper.hi]; inf g is in [−lower.hi, −lower.lo].
struct extent {
    sup_enclosure upper;
    sup_enclosure lower;

    constexpr bool defined() const { return upper.defined && lower.defined; }
    constexpr bool exhausted() const { return upper.exhausted || lower.exhausted; }
    //! The outer enclosure of the values of g: {inf ≥ lo, sup ≤ hi}.
    constexpr double lo() const { return -lower.hi; }
    constexpr double hi() const { return upper.hi; }
};

//! The extent of g over [a, b], given dg = g′ (and g′ in textbook form, see `supremum`).
constexpr extent extent_of(const expr& g, const expr& dg, double a, double b,
                           const expr* dg_text = nullptr) {
    sup_search search = search_for(g, dg, +1, ACTLAB_PROOF_BUDGET, dg_text);
    search.run(a, b);
    const sup_enclosure upper = search.r;
    search.restart(-1);  // the cuts, values and pieces are the upper search's
    search.run(a, b);
    return {upper, search.r};
}

//! Whether f is proved continuous: no step or sign, and both branches of every `where` agree
//! (as exact points) at its switching point.
constexpr bool proved_continuous(const expr& f) {
    for (int i = 0; i < f.n_nodes; ++i) {
        const op k = f.nodes[i].kind;
        if (k == op::step || k == op::sign) return false;
        if (k != op::where) continue;
        const expr cond = compact(f, f.child(i, 0));
        const std::vector<double> at = switch_points(cond);
        if (at.size() != 1) return false;
        const node_enclosures e = enclose_nodes(f, point(at[0]));
        const ival a = e.v[static_cast<std::size_t>(f.child(i, 1))];
        const ival b = e.v[static_cast<std::size_t>(f.child(i, 2))];
        if (!(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo && a.ok && b.ok)) return false;
    }
    return true;
}

}  // namespace actlab::detail::proof
