// actlab: the 2-cycles of f, {p, q} with f(p) = q, f(q) = p, p < q — roots of f(f(x)) − x
// that are not fixed points — and whether the list is complete (needs MPFR).
#pragma once

#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace actlab::detail {

//! The roots of f(f(x)) − x at which f(x) ≠ x, at two precisions, or empty when a piece has
//! f(f(x)) = x on a whole interval; undecided boxes are collected.
inline std::optional<std::vector<std::pair<mpfr_float, mpfr_float>>> cycle_points(
    const expr& f, const std::vector<actlab::piece>& ps, int digits,
    std::vector<root_box>& undecided, long& too_many) {
    const precisions prec{digits};
    std::vector<std::pair<mpfr_float, mpfr_float>> points;
    for (const actlab::piece& p : ps) {
        const expr g = p.f - x;
        if (is_zero_form(g)) return std::nullopt;
        const std::vector<root_box> boxes =
            isolate_roots(g, piece_end(p.lo, true), piece_end(p.hi, false));
        const long found = decided_roots(boxes);
        if (found > max_refined_roots) too_many = std::max(too_many, found);
        for (const root_box& bx : boxes) {
            if (bx.status == box_status::undecided) {
                undecided.push_back(bx);
                continue;
            }
            if (found > max_refined_roots) continue;  // none refined: the list is not complete
            mpfr_float a = make_mpfr(prec.working()), b = make_mpfr(prec.check());
            if (bx.status == box_status::zero) {
                if (!certainly_differ(f, x, bx.lo)) continue;  // a fixed point
                mpfr_set_d(ptr(a), bx.lo, MPFR_RNDN);
                mpfr_set_d(ptr(b), bx.lo, MPFR_RNDN);
            } else {
                const refined_root rr = refine_root(g, bx.lo, bx.hi, digits);
                const interval fx = enclose(f - x, rr.box);
                if (!fx.valid() || (!fx.positive() && !fx.negative())) continue;  // fixed/unsure
                mpfr_set(ptr(a), ptr(rr.lo_value), MPFR_RNDN);
                mpfr_set(ptr(b), ptr(rr.hi_value), MPFR_RNDN);
            }
            points.push_back({std::move(a), std::move(b)});
        }
    }
    return points;
}

//! 2-cycles: roots of f(f(x)) − x that are not fixed points, paired as {p, f(p)}. A
//! non-decreasing f has none (p < q = f(p) would give q = f(p) ≤ f(q) = p). Needs
//! r.monotone.
inline void two_cycles(analysis_report& r, const expr& f, const expr& ff, int digits) {
    if (r.monotone == monotonicity::increasing || r.monotone == monotonicity::non_decreasing ||
        r.monotone == monotonicity::constant) {
        r.two_cycles_complete = {proof_status::proved,
                                 "f is non-decreasing: p < q = f(p) would give q = f(p) <= f(q) "
                                 "= p, so there is no 2-cycle",
                                 basis::monotonicity};
        return;
    }
    std::vector<actlab::piece> ps;
    try {
        ps = pieces(ff);
    } catch (const error&) {
        r.two_cycles_complete = {proof_status::unknown, "f(f(x)) could not be cut into pieces"};
        return;
    }
    std::vector<root_box> undecided;
    long too_many = 0;
    const auto points = cycle_points(f, ps, digits, undecided, too_many);
    if (!points) {
        r.two_cycles_complete = {proof_status::unknown,
                                 "f(f(x)) = x on a whole interval: not listed"};
        return;
    }
    const precisions prec{digits};
    mpfr_evaluator flo(f, prec.working()), fhi(f, prec.check());
    for (const auto& [a, b] : *points) {
        mpfr_float qa = make_mpfr(prec.working()), qb = make_mpfr(prec.check());
        mpfr_set(ptr(qa), flo(ptr(a)), MPFR_RNDN);
        mpfr_set(ptr(qb), fhi(ptr(b)), MPFR_RNDN);
        if (mpfr_cmp(ptr(b), ptr(qb)) >= 0)
            continue;  // list each cycle once, from its smaller point
        r.two_cycles.push_back(
            {agree_digits(a, b, digits), agree_digits(ptr(qa), ptr(qb), digits)});
    }
    if (too_many)
        r.two_cycles_complete = {
            proof_status::unknown,
            too_many_roots(too_many, "roots of f(f(x)) - x on one piece") + "; none listed there"};
    else if (undecided.empty())
        r.two_cycles_complete = {proof_status::proved,
                                 "roots of f(f(x)) - x isolated by interval arithmetic on every "
                                 "piece; those with f(x) != x listed",
                                 basis::root_isolation};
    else
        r.two_cycles_complete = {proof_status::unknown, undecided_argument(undecided)};
}

}  // namespace actlab::detail
