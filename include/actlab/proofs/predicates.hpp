// actlab: properties of an activation proved or refuted at compile time, as three-valued
// truths: symbolic arguments (structural degree, f(−x) against ±f, f∘f against f) prove,
// certified interval evaluations at points and on tails refute.
//
// **Example**: `static_assert(actlab::is_idempotent(actlab::activations::relu));`
#pragma once

#include <actlab/analysis/structure.hpp>
#include <actlab/expr/detail/transform.hpp>
#include <actlab/proofs/detail/pieces.hpp>
#include <actlab/proofs/range.hpp>
#include <actlab/proofs/truth.hpp>

#include <algorithm>
#include <vector>

namespace actlab {

namespace detail::proof {

inline constexpr double probes[] = {1, 0.5, 2, 3, 0.25, 1.5, 5, 1.25};

constexpr bool disjoint(const ival& a, const ival& b) {
    return a.ok && b.ok && (a.hi < b.lo || b.hi < a.lo);
}

constexpr truth verdict_of(bool proved, bool refuted, const char* message) {
    return {proved ? verdict::proved : refuted ? verdict::refuted : verdict::unknown, message};
}

//! g is bounded on the tail [L, ∞) (s = +1) or (−∞, −L] (s = −1). Monotone tails are bounded
//! by the value at the near end and the interval extension at the far end.
constexpr bool bounded_tail(const expr& g, const expr& dg, double L, int s) {
    const ival tail = s > 0 ? ival{L, inf, true} : ival{-inf, -L, true};
    const ival G = enclose(g, tail);
    if (!G.ok) return false;
    if (is_finite(G.lo) && is_finite(G.hi)) return true;
    const ival D = enclose(dg, tail);
    if (!D.ok) return false;
    const bool increasing_outward = s > 0 ? D.lo >= 0 : D.hi <= 0;
    const bool decreasing_outward = s > 0 ? D.hi <= 0 : D.lo >= 0;
    return (increasing_outward && is_finite(G.hi)) || (decreasing_outward && is_finite(G.lo));
}

//! g takes two different values (certified) at the probes.
constexpr bool takes_two_values(const expr& g) {
    const ival first = enclose(g, point(probes[0]));
    for (const double a : probes)
        for (const double s : {1.0, -1.0})
            if (disjoint(first, enclose(g, point(s * a)))) return true;
    return false;
}

//! f equals a polynomial p on the interior of a piece: were f a polynomial, it would be p
//! everywhere, so f(t) ≠ p(t) at a probe t (certified) refutes it.
constexpr bool refute_polynomial_by_pieces(const expr& f) {
    const std::vector<double> ends = piece_ends(f, -inf, inf);
    if (ends.size() < 3) return false;
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const double a = next_up(ends[k]), b = next_down(ends[k + 1]);
        if (!(a < b)) continue;
        const expr p = piece_on(f, {a, b, true});
        if (!detail::structural_degree(p).has_value()) continue;
        for (const double t : ends)
            for (const double u : {t - 1, t + 1})
                if (is_finite(u) && disjoint(enclose(f, point(u)), enclose(p, point(u))))
                    return true;
    }
    return false;
}

//! A polynomial bounded on a tail is constant: f or f′ (in evaluation form: no ∞·0 on the
//! tails) bounded on a tail and taking two values is no polynomial (nor is f then).
constexpr bool refute_polynomial(const expr& f) {
    if (refute_polynomial_by_pieces(f)) return true;
    const expr df = d(f);
    const expr forms[3] = {detail::proof_evaluation_form(f), detail::proof_evaluation_form(df),
                           detail::proof_evaluation_form(d(df))};
    for (int k = 0; k < 2; ++k) {
        bool bounded = false;
        for (const double L : {2.0, 8.0})
            for (const int s : {+1, -1})
                bounded = bounded || bounded_tail(forms[k], forms[k + 1], L, s);
        if (bounded && takes_two_values(forms[k])) return true;
    }
    return false;
}

//! f′ ≥ c > 0 or ≤ −c < 0 on a tail: f is unbounded there.
constexpr bool refute_bounded(const expr& f) {
    const expr df = d(f);
    for (const ival tail : {ival{8, inf, true}, ival{-inf, -8, true}}) {
        const ival D = enclose(df, tail);
        if (D.ok && (D.lo > 0 || D.hi < 0)) return true;
    }
    return false;
}

}  // namespace detail::proof

//! Whether f is a polynomial in x: proved by its structure, refuted when f or f′ is bounded
//! and not constant on a tail.
constexpr truth is_polynomial(const expr& f) {
    const bool proved = detail::structural_degree(f).has_value();
    return detail::proof::verdict_of(
        proved, !proved && detail::proof::refute_polynomial(f),
        "actlab: could not prove is_polynomial(f) or its negation within the step budget");
}

//! The degree of f as a polynomial (0 for constants), or −1 when f is proved not to be one.
constexpr int polynomial_degree(const expr& f) {
    const auto deg = detail::structural_degree(f);
    if (deg) return *deg;
    if (!detail::proof::refute_polynomial(f))
        detail::fail("actlab: could not prove polynomial_degree(f) within the step budget");
    return -1;
}

namespace detail::proof {
constexpr expr reflected(const expr& f) {
    return substitute(f, find_leaf(f, op::variable), -actlab::x);
}

//! f at v as an exact double, when its enclosure is one.
constexpr bool exact_value(const expr& f, double v, double& y) {
    const ival fv = enclose(f, point(v));
    y = fv.lo;
    return fv.ok && fv.lo == fv.hi;
}

//! f(−x) = sign·f(x) proved piece by piece: the pieces of f on the open segments of [0, ∞]
//! (cut at the switching points of f, their mirror images and 0) and on their mirror images
//! are expressions q and p with q(−x) = sign·p(x) in canonical form, or q = p with that
//! structural parity; a bracket's segment (`single_root`) mirrors one with the opposite root;
//! at each cut c, f(−c) = sign·f(c) exactly (unless f is continuous).
//! r = sign·p for polynomials r and p of degree ≤ n (in whatever form: bspline's cubics),
//! proved by their exact values at n + 1 integers.
constexpr bool mirrored_polynomials(const expr& r, const expr& p, int sign) {
    const auto dr = detail::structural_degree(r), dp = detail::structural_degree(p);
    if (!dr || !dp) return false;
    const int n = *dr > *dp ? *dr : *dp;
    for (int t = 0; t <= n; ++t) {
        rational vr{}, vp{};
        if (!exact_at(r, {t, 1}, vr) || !exact_at(p, {t, 1}, vp)) return false;
        if (!(vr.num == sign * vp.num && vr.den == vp.den)) return false;
    }
    return true;
}

constexpr bool parity_by_pieces(const expr& f, int sign) {
    std::vector<double> mirrored;
    for (const double p : switch_points(f)) mirrored.push_back(p < 0 ? -p : p);
    mirrored.push_back(0);
    const std::vector<double> ends = piece_ends(f, 0, inf, mirrored);
    int continuous = -1;  // continuous_by_pieces(f), formed when first needed
    const auto is_continuous = [&] {
        if (continuous < 0) continuous = continuous_by_pieces(f) ? 1 : 0;
        return continuous == 1;
    };
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const double a = ends[k], b = ends[k + 1];
        const ival in = interior(a, b);
        if (in.lo <= in.hi) {
            const expr p = piece_on(f, in);
            const expr q = piece_on(f, {-in.hi, -in.lo, true});
            const bool same = p == q && structural_parity(p) == sign;
            const expr r = reflected(q);
            if (same || (sign > 0 ? r == p : r == -p) || mirrored_polynomials(r, p, sign)) continue;
        }
        // A bracket's segment and its mirror image: roots q and −q exactly, f continuous
        // there, the neighbouring pieces mirror each other (checked as segments): bspline.
        rational q{}, qm{};
        if (!(single_root(f, a, b, q) && single_root(f, -b, -a, qm) && qm.num == -q.num &&
              qm.den == q.den && is_continuous()))
            return false;
    }
    if (is_continuous()) return true;  // the identity extends to the cuts
    for (const double c : ends) {
        double y = 0, ym = 0;
        if (is_finite(c) && !(exact_value(f, c, y) && exact_value(f, -c, ym) && ym == sign * y))
            return false;
    }
    return true;
}

constexpr truth parity(const expr& f, int sign, const char* message) {
    for (const double a : probes) {  // the cheap refutation first
        const ival fa = enclose(f, point(a)), fm = enclose(f, point(-a));
        if (disjoint(fa, sign > 0 ? fm : neg(fm))) return verdict_of(false, true, message);
    }
    const expr r = reflected(f);
    const bool proved =
        (sign > 0 ? r == f : r == -f) || structural_parity(f) == sign || parity_by_pieces(f, sign);
    return verdict_of(proved, false, message);
}

//! f(y) = y exactly at the double y.
constexpr bool fixed_at(const expr& f, double y) {
    double fy = 0;
    return exact_value(f, y, fy) && fy == y;
}

//! f(p(x)) = p(x) for x in [a, b]: p is x (each x is a fixed point), or f is the expression x
//! on an enclosure of p's values there, or p is a constant c with f(c) = c.
constexpr bool maps_to_fixed_points(const expr& f, const expr& p, double a, double b) {
    if (p == actlab::x) return true;
    const ival image = enclose(p, {a, b, true});
    if (!image.ok) return false;
    return image.lo == image.hi ? fixed_at(f, image.lo) : piece_on(f, image) == actlab::x;
}

//! f(f(x)) = f(x) proved piece by piece: on each open segment between the switching points
//! of f, its piece maps to fixed points of f (`maps_to_fixed_points`); at each switching
//! point c, y = f(c) (exact) is c or has f(y) = y. A bracket's segment (two doubles around a
//! switch's root q that no double is: threshold's 0.1) holds one root of one switch: f is the
//! left piece up to q and the right one after it, and at q one of them, so both must map to
//! fixed points there.
constexpr bool idempotent_by_pieces(const expr& f) {
    const std::vector<double> ends = piece_ends(f, -inf, inf);
    if (ends.size() < 3) return false;
    const std::vector<ival> roots = switch_roots(f);
    // Formed when first needed; push_back, not vector(n): Clang (see extremum.hpp).
    std::vector<expr> pieces;
    std::vector<int> formed;
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) pieces.push_back(f), formed.push_back(0);
    const auto piece = [&](std::size_t k) -> const expr& {
        if (!formed[k]) pieces[k] = piece_on(f, interior(ends[k], ends[k + 1])), formed[k] = true;
        return pieces[k];
    };
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const double a = ends[k], b = ends[k + 1];
        if (wide_segment(a, b) && maps_to_fixed_points(f, piece(k), a, b)) continue;
        int brackets = 0, others = 0;  // switches with the bracket (a, b), others inside
        for (const ival& q : roots) {
            if (q.lo == a && q.hi == b)
                ++brackets;
            else if (q.lo < b && a < q.hi)
                ++others;
        }
        const bool bracket = k > 0 && k + 2 < ends.size() && brackets == 1 && others == 0 &&
                             wide_segment(ends[k - 1], a) && wide_segment(b, ends[k + 2]);
        if (!bracket || !maps_to_fixed_points(f, piece(k - 1), a, b) ||
            !maps_to_fixed_points(f, piece(k + 1), a, b))
            return false;
    }
    for (std::size_t k = 1; k + 1 < ends.size(); ++k) {
        double y = 0;
        if (!exact_value(f, ends[k], y) || !(y == ends[k] || fixed_at(f, y))) return false;
    }
    return true;
}

//! f has no downward jump: f is proved continuous, or each piece of f on an open segment
//! between its switching points is, and at each switching point c the left piece's value
//! ≤ f(c) ≤ the right piece's value (certified enclosures). With f′ ≥ 0 on the pieces, f is
//! then non-decreasing (heaviside, hardshrink).
constexpr bool no_downward_jump(const expr& f) {
    if (proved_continuous(f)) return true;
    const std::vector<double> ends = piece_ends(f, -inf, inf);
    if (ends.size() < 3) return false;
    std::vector<expr> pieces;
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const ival in = interior(ends[k], ends[k + 1]);
        if (!(in.lo <= in.hi)) return false;
        pieces.push_back(piece_on(f, in));
        if (!proved_continuous(pieces.back())) return false;
    }
    for (std::size_t k = 1; k + 1 < ends.size(); ++k) {
        const ival left = enclose(pieces[k - 1], point(ends[k]));
        const ival at = enclose(f, point(ends[k]));
        const ival right = enclose(pieces[k], point(ends[k]));
        if (!(left.ok && at.ok && right.ok && left.hi <= at.lo && at.hi <= right.lo)) return false;
    }
    return true;
}

//! Consecutive sample points a < b (±probes, and each side of each switching point) with
//! f(a) > f(b), certified.
constexpr bool decreasing_pair(const expr& f) {
    std::vector<double> at;
    for (const double p : probes) at.push_back(p), at.push_back(-p);
    for (const double c : switch_points(f)) at.push_back(c - 1e-3), at.push_back(c + 1e-3);
    std::sort(at.begin(), at.end());
    ival before = enclose(f, point(at[0]));
    for (std::size_t k = 1; k < at.size(); ++k) {
        const ival now = enclose(f, point(at[k]));
        if (before.ok && now.ok && before.lo > now.hi) return true;
        before = now;
    }
    return false;
}
//! Node i of f is bounded away from 0 on every compact set (given the same for the nodes
//! before it, `away`): its enclosure over ℝ excludes 0, or it is exp, σ, softplus or erfc
//! (of a locally bounded argument: positive and continuous in it), a product of such nodes, or
//! a sum of such a node and nodes ≥ 0 (logsigmoid = log σ(x) is locally bounded).
constexpr bool away_from_zero(const expr& f, int i, const node_enclosures& whole,
                              const bool* away) {
    const ival& v = whole.v[static_cast<std::size_t>(i)];
    if (v.ok && (v.lo > 0 || v.hi < 0)) return true;
    const node& n = f.nodes[i];
    if (n.kind == op::exp || n.kind == op::sigmoid || n.kind == op::softplus || n.kind == op::erfc)
        return true;
    if (n.kind != op::mul && n.kind != op::add) return false;
    bool any = false;
    for (int k = 0; k < n.count; ++k) {
        const int c = f.child(i, k);
        const bool nonnegative = whole.v[static_cast<std::size_t>(c)].lo >= 0;
        if (n.kind == op::mul && !away[c]) return false;
        if (n.kind == op::add && !nonnegative) return false;
        any = any || (away[c] && nonnegative);
    }
    return any;
}
}  // namespace detail::proof

//! Whether f(−x) = f(x) for all x: proved symbolically, refuted at a point.
constexpr truth is_even(const expr& f) {
    return detail::proof::parity(
        f, +1, "actlab: could not prove is_even(f) or its negation within the step budget");
}

//! Whether f(−x) = −f(x) for all x.
constexpr truth is_odd(const expr& f) {
    return detail::proof::parity(
        f, -1, "actlab: could not prove is_odd(f) or its negation within the step budget");
}

//! Whether f is bounded on ℝ: proved by a finite range enclosure, refuted by a tail where f′
//! keeps away from 0.
constexpr truth is_bounded(const expr& f) {
    const char* message =
        "actlab: could not prove is_bounded(f) or its negation within the step budget";
    const detail::proof::ival whole =
        detail::proof::enclose(f, {-detail::proof::inf, detail::proof::inf, true});
    if (whole.ok && detail::proof::is_finite(whole.lo) && detail::proof::is_finite(whole.hi))
        return detail::proof::verdict_of(true, false, message);
    if (detail::proof::refute_bounded(f)) return detail::proof::verdict_of(false, true, message);
    const bounds r = range_bounds(f);
    return detail::proof::verdict_of(
        detail::proof::is_finite(r.lo) && detail::proof::is_finite(r.hi), false, message);
}

//! Whether f is non-decreasing on ℝ: proved when inf f′ ≥ 0 (a certified lower bound of
//! the evaluation form of f′) and f has no downward jump (`no_downward_jump`); refuted by two
//! points a < b with f(a) > f(b).
constexpr truth is_monotone_increasing(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove is_monotone_increasing(f) or its negation within the step budget";
    if (detail::proof::decreasing_pair(f)) return verdict_of(false, true, message);  // cheap
    const expr df = d(f);
    // sup of −f′: inf f′ ≥ −drop.hi, and f′ = −drop.lo at drop.at.
    constexpr double zero = 0;  // only the sign of inf f′ is sought
    const sup_enclosure drop =
        supremum(detail::proof_evaluation_form(df), detail::proof_evaluation_form(d(df)), -inf, inf,
                 -1, ACTLAB_PROOF_BUDGET, nullptr, &zero);
    if (drop.defined && drop.hi <= 0 && no_downward_jump(f))
        return verdict_of(true, false, message);
    if (drop.lo > 0) {  // f′(x0) < 0 at x0 = drop.at
        const double x0 = drop.at;
        for (const double h : {1e-2, 1e-4, 1e-6, 1e-8}) {
            const ival a = enclose(f, point(x0 - h)), b = enclose(f, point(x0 + h));
            if (a.ok && b.ok && a.lo > b.hi) return verdict_of(false, true, message);
        }
    }
    return verdict_of(false, false, message);
}

//! Whether f(f(x)) = f(x) for all x: proved when f∘f simplifies to f, or piece by piece
//! (each piece is x, or maps into a set where f is x, or is a fixed point of f; each value at
//! a switching point is a fixed point); refuted at a point.
constexpr truth is_idempotent(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove is_idempotent(f) or its negation within the step budget";
    for (const double a : probes) {  // the cheap refutation first
        for (const double s : {1.0, -1.0}) {
            const ival y = enclose(f, point(s * a));
            if (disjoint(y, enclose(f, y))) return verdict_of(false, true, message);
        }
    }
    const expr ff = detail::substitute(f, detail::find_leaf(f, op::variable), f);
    return verdict_of(ff == f || idempotent_by_pieces(f), false, message);
}

//! Whether one-hidden-layer networks with activation f are dense in C(K) for compact K
//! (Leshno, Lin, Pinkus & Schocken 1993: for a locally bounded, piecewise continuous f,
//! exactly when f is not a polynomial). Unknown unless f is proved locally bounded: every
//! log, log1p and negative power has an argument bounded away from its pole on compact sets
//! (`away_from_zero`).
constexpr truth universal_approximator(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove universal_approximator(f) or its negation within the step budget";
    const node_enclosures whole = enclose_nodes(f, {-inf, inf, true});
    bool away[expr::max_nodes] = {};
    for (int i = 0; i < f.n_nodes; ++i) {
        away[i] = away_from_zero(f, i, whole, away);
        const op k = f.nodes[i].kind;
        if (k != op::log && k != op::log1p && k != op::pow) continue;
        const int a = f.child(i, 0);
        const ival& arg = whole.v[static_cast<std::size_t>(a)];
        bool bounded = away[a];
        if (k == op::log1p) bounded = arg.lo > -1;
        if (k == op::pow) {
            const bool polynomial =
                detail::structural_degree(detail::compact(f, f.child(i, 1))).has_value();
            const node& ex = f.nodes[f.child(i, 1)];
            const bool negative = ex.kind == op::number && f.constants[ex.aux].num < 0;
            bounded = away[a] || arg.lo > 0 || arg.hi < 0 || (polynomial && !negative);
        }
        if (!bounded) return verdict_of(false, false, message);
    }
    const truth p = is_polynomial(f);
    return verdict_of(p.refuted(), p.proved(), message);
}

}  // namespace actlab
