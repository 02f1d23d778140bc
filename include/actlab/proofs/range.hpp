// actlab: certified bounds at compile time — enclosures of the range of f and of f′ over ℝ or
// [a, b], and an upper bound of the Lipschitz constant sup |f′|.
//
// **Example**: `static_assert(actlab::lipschitz_bound(actlab::activations::tanh) <= 1.0);`
#pragma once

#include <actlab/eval/evaluation_form.hpp>
#include <actlab/proofs/bounds.hpp>
#include <actlab/proofs/detail/extent.hpp>
#include <actlab/proofs/detail/pieces.hpp>

namespace actlab {

namespace detail::proof {
inline constexpr double everywhere_lo = -inf;
inline constexpr double everywhere_hi = inf;

constexpr bounds outer(const extent& e) {
    if (!e.defined()) return {-inf, inf};
    return {e.lo(), e.hi()};
}
}  // namespace detail::proof

//! {lo, hi} with lo ≤ inf f and sup f ≤ hi over [a, b] (a, b may be ±infinity); parameters
//! at their defaults. {−inf, inf} when f is undefined somewhere on [a, b].
constexpr bounds range_bounds(const expr& f, double a, double b) {
    // The evaluation forms: the same functions, without the textbook forms' ∞·0 on tails.
    const expr df = d(f);
    return detail::proof::outer(detail::proof::extent_of(
        detail::proof_evaluation_form(f), detail::proof_evaluation_form(df), a, b, &df));
}

//! {lo, hi} enclosing the range of f over ℝ.
constexpr bounds range_bounds(const expr& f) {
    return range_bounds(f, detail::proof::everywhere_lo, detail::proof::everywhere_hi);
}

//! {lo, hi} enclosing the values of f′ over [a, b] (at a kink, f′ takes the value `d` gives
//! it, between the one-sided derivatives).
constexpr bounds derivative_bounds(const expr& f, double a, double b) {
    const expr df = d(f), ddf = d(df);
    return detail::proof::outer(detail::proof::extent_of(
        detail::proof_evaluation_form(df), detail::proof_evaluation_form(ddf), a, b, &ddf));
}

//! {lo, hi} enclosing the values of f′ over ℝ.
constexpr bounds derivative_bounds(const expr& f) {
    return derivative_bounds(f, detail::proof::everywhere_lo, detail::proof::everywhere_hi);
}

//! An upper bound of the Lipschitz constant of f on [a, b]: sup |f′| when f is proved
//! continuous (piece by piece: bspline's cubics meet at its knots), +infinity otherwise (a
//! jump has no Lipschitz constant).
constexpr double lipschitz_bound(const expr& f, double a, double b) {
    if (!detail::proof::continuous_by_pieces(f)) return detail::proof::inf;
    const bounds r = derivative_bounds(f, a, b);
    return detail::proof::max2(-r.lo, r.hi);
}

//! An upper bound of the Lipschitz constant of f on ℝ.
constexpr double lipschitz_bound(const expr& f) {
    return lipschitz_bound(f, detail::proof::everywhere_lo, detail::proof::everywhere_hi);
}

}  // namespace actlab
