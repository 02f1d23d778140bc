// actlab: symmetry and identities decided exactly — f(−x) against ±f(x) with odd and even
// functions normalised, and g ≡ 0 proved piece by piece (needs MPFR for the pieces).
#pragma once

#include <actlab/analysis/pieces.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/expr/detail/expand.hpp>

#include <vector>

namespace actlab::detail {

//! g ≡ 0 as an expression: its canonical form, or its expanded polynomial form, is 0.
inline bool is_zero_form(const expr& g) { return g == expr(0) || expand(g) == expr(0); }

//! g ≡ 0 on ℝ, proved piece by piece between the switching points of g (and at them).
inline bool zero_by_pieces(const expr& g) {
    try {
        for (const actlab::piece& p : pieces(g))
            if (!is_zero_form(p.f)) return false;
        for (const rational& sp : switching_points(g))
            if (!is_zero_form(compose(at_defaults(g), expr(sp)))) return false;
        return true;
    } catch (const error&) {
        return false;
    }
}

//! The argument reads as a negation: a negative number, c·u with c < 0, or a sum whose
//! canonical sign is negative.
inline bool negated_form(const expr& w, index a) {
    if (is_number(w, a)) return value(w, a).num < 0;
    if (w.nodes[a].kind == op::mul && is_number(w, arg(w, a, 0)))
        return value(w, arg(w, a, 0)).num < 0;
    return leading_sign(w, a) < 0;
}

//! f(−x) with odd and even functions normalised (tanh(−u) = −tanh u, cos(−u) = cos u, …),
//! so that the canonical forms of f(−x) and ±f(x) can be compared.
inline expr reflect(const expr& f) {
    const expr h = compose(f, -x);
    expr w{raw_tag{}};
    std::vector<index> m(static_cast<std::size_t>(h.n_nodes));
    for (int i = 0; i < h.n_nodes; ++i) {
        const node& n = h.nodes[i];
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = m[static_cast<std::size_t>(h.child(i, k))];
        const bool odd =
            n.kind == op::tanh || n.kind == op::sin || n.kind == op::erf || n.kind == op::sign;
        const bool even = n.kind == op::cos || n.kind == op::abs;
        if ((odd || even) && negated_form(w, c[0])) {
            const index inner = function(w, n.kind, neg(w, c[0]));
            m[static_cast<std::size_t>(i)] = odd ? neg(w, inner) : inner;
            continue;
        }
        m[static_cast<std::size_t>(i)] = n.count == 0 ? import_node(w, h, i, c) : rebuild(w, n, c);
    }
    return compact(w, m[static_cast<std::size_t>(h.root())]);
}

//! +1 when f is even, −1 when odd (proved: canonical forms or piece by piece), 0 otherwise
//! or when undecided.
inline int proved_parity(const expr& f) {
    const expr reflected = reflect(f);
    if (reflected == f) return 1;
    if (reflected == -f) return -1;
    if (zero_by_pieces(reflected + f)) return -1;
    if (zero_by_pieces(reflected - f)) return 1;
    return 0;
}

}  // namespace actlab::detail
