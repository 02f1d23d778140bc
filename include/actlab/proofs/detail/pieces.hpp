// actlab: the formula f follows on a box — its switches (min, max, where) replaced by the
// branch they take everywhere on the box, parameters by their defaults — and the structural
// parity of an expression (odd and even functions of odd and even arguments). Both are
// symbolic: a piece that equals x, or a parity read off the tree, is an identity on the box.
#pragma once

#include <actlab/proofs/detail/extent.hpp>
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

//! The open segment (a, b) as a box of doubles inside it (empty when it holds fewer than two).
constexpr ival interior(double a, double b) {
    return wide_segment(a, b) ? ival{next_up(a), next_down(b), true} : ival{1, 0, true};
}

//! The exact root q of the one switch whose root lies in the segment (a, b): a comparison of
//! x with a number or parameter (bspline's knots, threshold's 0.1), q strictly inside (a, b),
//! and no other switch root in [a, b]. False when there is no such single known root.
constexpr bool single_root(const expr& f, double a, double b, rational& q) {
    int inside = 0;
    for (const ival& r : switch_roots(f))
        if (r.lo <= b && a <= r.hi) ++inside;
    if (inside != 1) return false;
    int known = 0;
    for (int i = 0; i < f.n_nodes; ++i) {
        rational v{};
        if (!known_root(f, i, v)) continue;
        const ival at = rational_ival(v);
        if (a < at.lo && at.hi < b) q = v, ++known;
    }
    return known == 1;
}

//! The double v as an exact rational (when its denominator is at most 2^40).
constexpr bool dyadic(double v, rational& q) {
    long long den = 1;
    while (den < (1LL << 40) && static_cast<double>(static_cast<long long>(v)) != v &&
           math::detail::fabs(v) < 0x1p52)
        v *= 2, den *= 2;
    if (!(math::detail::fabs(v) < 0x1p62) || static_cast<double>(static_cast<long long>(v)) != v)
        return false;
    normalize(static_cast<long long>(v), den, q);
    return true;
}

//! p at the rational q, exactly (its switches decided at q, its parameters at their
//! defaults): false unless that folds to a number.
constexpr bool exact_at(const expr& p, const rational& q, rational& value) {
    expr w{raw_tag{}};
    const expr at = compact(w, number(w, q));
    const expr p0 = piece_on(p, rational_ival(q));  // parameters at their defaults
    const expr v = substitute(p0, find_leaf(p0, op::variable), at);
    if (v.n_nodes != 1 || v.nodes[0].kind != op::number) return false;
    value = v.constants[v.nodes[0].aux];
    return true;
}

//! f is continuous, piece by piece: each piece of f on a segment between its switching points
//! is proved continuous; at each cut c that is a switching point, the pieces on both sides and
//! f agree exactly at c; a bracket's segment holds one known root q (`single_root`), where
//! the pieces on both sides have the same exact value (bspline's knots: its cubics meet).
constexpr bool continuous_by_pieces(const expr& f) {
    if (proved_continuous(f)) return true;
    const std::vector<double> ends = piece_ends(f, -inf, inf);
    if (ends.size() < 3) return false;
    std::vector<expr> pieces;
    std::vector<int> bracket;  // 1: the segment is a bracket's, its neighbours are pieces
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const ival in = interior(ends[k], ends[k + 1]);
        pieces.push_back(in.lo <= in.hi ? piece_on(f, in) : f);
        bracket.push_back(!(in.lo <= in.hi) || !proved_continuous(pieces.back()));
    }
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        if (!bracket[k]) continue;
        rational q{}, left{}, right{};
        if (k == 0 || k + 2 >= ends.size() || bracket[k - 1] || bracket[k + 1] ||
            !single_root(f, ends[k], ends[k + 1], q) || !exact_at(pieces[k - 1], q, left) ||
            !exact_at(pieces[k + 1], q, right) || !(left == right))
            return false;
    }
    for (std::size_t k = 1; k + 1 < ends.size(); ++k) {
        if (bracket[k - 1] || bracket[k]) continue;  // a bracket's end: no switch there
        const ival l = enclose(pieces[k - 1], point(ends[k]));
        const ival at = enclose(f, point(ends[k])), r = enclose(pieces[k], point(ends[k]));
        if (l.ok && at.ok && r.ok && l.lo == l.hi && at.lo == at.hi && r.lo == r.hi &&
            l.lo == at.lo && at.lo == r.lo)
            continue;
        rational c{}, vl{}, vf{}, vr{};  // the values at c as exact rationals
        if (!dyadic(ends[k], c) || !exact_at(pieces[k - 1], c, vl) || !exact_at(f, c, vf) ||
            !exact_at(pieces[k], c, vr) || !(vl == vf && vf == vr))
            return false;
    }
    return true;
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
