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

namespace actlab {

namespace detail::proof {

inline constexpr double probes[] = {1, 0.5, 2, 3, 0.25, 1.5, 5};

constexpr bool disjoint(const ival& a, const ival& b) {
    return a.ok && b.ok && (a.hi < b.lo || b.hi < a.lo);
}

constexpr truth verdict_of(bool proved, bool refuted, const char* message) {
    return {proved ? verdict::proved : refuted ? verdict::refuted : verdict::unknown, message};
}

//! g is bounded and not constant on the tail [L, ∞) (s = +1) or (−∞, −L] (s = −1): then g is
//! no polynomial (a polynomial bounded on a tail is constant). Monotone tails are bounded by
//! the value at the near end and the interval extension at the far end.
constexpr bool bounded_nonconstant_tail(const expr& g, const expr& dg, double L, int s) {
    const ival tail = s > 0 ? ival{L, inf, true} : ival{-inf, -L, true};
    const ival G = enclose(g, tail);
    const ival near = enclose(g, point(s * L)), far = enclose(g, point(2 * s * L));
    if (!G.ok || !disjoint(near, far)) return false;
    if (is_finite(G.lo) && is_finite(G.hi)) return true;
    const ival D = enclose(dg, tail);
    if (!D.ok) return false;
    const bool increasing_outward = s > 0 ? D.lo >= 0 : D.hi <= 0;
    const bool decreasing_outward = s > 0 ? D.hi <= 0 : D.lo >= 0;
    return (increasing_outward && is_finite(G.hi)) || (decreasing_outward && is_finite(G.lo));
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

constexpr bool refute_polynomial(const expr& f) {
    if (refute_polynomial_by_pieces(f)) return true;
    expr g = f;
    for (int k = 0; k < 2; ++k) {
        const expr dg = d(g);
        for (const double L : {2.0, 8.0})
            for (const int s : {+1, -1})
                if (bounded_nonconstant_tail(g, dg, L, s)) return true;
        g = dg;
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

//! f(−x) = sign·f(x) proved piece by piece: the pieces of f on [a, b] ⊆ [0, ∞] and on
//! [−b, −a] (cut at the switching points of f, their mirror images and 0) are expressions q
//! and p with q(−x) = sign·p(x) in canonical form, or q = p with that structural parity.
constexpr bool parity_by_pieces(const expr& f, int sign) {
    std::vector<double> mirrored;
    for (const double p : switch_points(f)) mirrored.push_back(p < 0 ? -p : p);
    mirrored.push_back(0);
    const std::vector<double> ends = piece_ends(f, 0, inf, mirrored);
    for (std::size_t k = 0; k + 1 < ends.size(); ++k) {
        const expr p = piece_on(f, {ends[k], ends[k + 1], true});
        const expr q = piece_on(f, {-ends[k + 1], -ends[k], true});
        const bool same = p == q && structural_parity(p) == sign;
        if (!same && !(sign > 0 ? reflected(q) == p : reflected(q) == -p)) return false;
    }
    return true;
}

constexpr truth parity(const expr& f, int sign, const char* message) {
    const expr r = reflected(f);
    if (sign > 0 ? r == f : r == -f) return verdict_of(true, false, message);
    if (structural_parity(f) == sign || parity_by_pieces(f, sign))
        return verdict_of(true, false, message);
    for (const double a : probes) {
        const ival fa = enclose(f, point(a)), fm = enclose(f, point(-a));
        if (disjoint(fa, sign > 0 ? fm : neg(fm))) return verdict_of(false, true, message);
    }
    return verdict_of(false, false, message);
}
//! f(y) = y for every y in a certified enclosure of the range of f (only tried when f has
//! switches: a smooth f is the identity on its range only if it is x).
constexpr bool identity_on_range(const expr& f) {
    if (switch_points(f).empty()) return false;
    const bounds r = range_bounds(f);
    const std::vector<double> ends = piece_ends(f, r.lo, r.hi);
    for (std::size_t k = 0; k + 1 < ends.size(); ++k)
        if (!(piece_on(f, {ends[k], ends[k + 1], true}) == actlab::x)) return false;
    return ends.size() >= 2;
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

//! Whether f is non-decreasing on ℝ: proved when f is continuous and f′ ≥ 0, refuted by two
//! points a < b with f(a) > f(b).
constexpr truth is_monotone_increasing(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove is_monotone_increasing(f) or its negation within the step budget";
    const expr df = d(f);
    const extent df_extent = extent_of(df, d(df), -inf, inf);
    if (df_extent.defined() && df_extent.lo() >= 0 && proved_continuous(f))
        return verdict_of(true, false, message);
    if (df_extent.lower.lo > 0) {  // f′(x0) < 0 at x0 = df_extent.lower.at
        const double x0 = df_extent.lower.at;
        for (const double h : {1e-2, 1e-4, 1e-6, 1e-8}) {
            const ival a = enclose(f, point(x0 - h)), b = enclose(f, point(x0 + h));
            if (a.ok && b.ok && a.lo > b.hi) return verdict_of(false, true, message);
        }
    }
    return verdict_of(false, false, message);
}

//! Whether f(f(x)) = f(x) for all x: proved when f∘f simplifies to f, or when f maps ℝ into
//! the set where f(y) = y (a certified enclosure of the range, cut at the switching points of
//! f, is covered by pieces on which f is the expression x); refuted at a point.
constexpr truth is_idempotent(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove is_idempotent(f) or its negation within the step budget";
    const expr ff = detail::substitute(f, detail::find_leaf(f, op::variable), f);
    if (ff == f || identity_on_range(f)) return verdict_of(true, false, message);
    for (const double a : probes) {
        for (const double s : {1.0, -1.0}) {
            const ival y = enclose(f, point(s * a));
            if (disjoint(y, enclose(f, y))) return verdict_of(false, true, message);
        }
    }
    return verdict_of(false, false, message);
}

//! Whether one-hidden-layer networks with activation f are dense in C(K) for compact K
//! (Leshno, Lin, Pinkus & Schocken 1993: for a locally bounded, piecewise continuous f,
//! exactly when f is not a polynomial). Unknown unless f is proved locally bounded (no log,
//! no negative power of a base that can vanish).
constexpr truth universal_approximator(const expr& f) {
    using namespace detail::proof;
    const char* message =
        "actlab: could not prove universal_approximator(f) or its negation within the step budget";
    const node_enclosures whole = enclose_nodes(f, {-inf, inf, true});
    for (int i = 0; i < f.n_nodes; ++i) {
        const op k = f.nodes[i].kind;
        const ival& arg = whole.v[static_cast<std::size_t>(f.child(i, 0))];
        const bool pole = k == op::pow && !(arg.lo > 0 || arg.hi < 0) &&
                          !detail::structural_degree(detail::compact(f, f.child(i, 1))).has_value();
        const bool negative_power = k == op::pow && f.nodes[f.child(i, 1)].kind == op::number &&
                                    f.constants[f.nodes[f.child(i, 1)].aux].num < 0 &&
                                    !(arg.lo > 0 || arg.hi < 0);
        if (k == op::log || k == op::log1p || pole || negative_power)
            return verdict_of(false, false, message);
    }
    const truth p = is_polynomial(f);
    return verdict_of(p.refuted(), p.proved(), message);
}

}  // namespace actlab
