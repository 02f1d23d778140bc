// actlab: the numerical tools the analyses share — values at two precisions, enclosures over
// ℝ, certified differences, roots refined at two precisions, exact constants (needs MPFR).
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/claim.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/roots.hpp>
#include <actlab/analysis/structure.hpp>
#include <actlab/analysis/symmetry.hpp>
#include <actlab/analysis/tails.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>

#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace actlab::detail {

//! The exact value of node i of a constant built from numbers by +, · and integer powers
//! (the canonical form keeps such products unfolded when they overflow 128 bits: SELU's
//! scale·alpha); empty for anything else.
inline std::optional<boost::multiprecision::mpq_rational> exact_constant(const expr& f, int i) {
    using boost::multiprecision::mpq_rational;
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::number: {
            const rational& q = f.constants[n.aux];
            return mpq_rational(mpz_int(q.num), mpz_int(q.den));
        }
        case op::add:
        case op::mul: {
            mpq_rational out = n.kind == op::add ? 0 : 1;
            for (int k = 0; k < n.count; ++k) {
                const auto t = exact_constant(f, f.child(i, k));
                if (!t) return std::nullopt;
                out = n.kind == op::add ? mpq_rational(out + *t) : mpq_rational(out * *t);
            }
            return out;
        }
        case op::pow: {
            const int ex = f.child(i, 1);
            if (f.nodes[ex].kind != op::number) return std::nullopt;
            const rational& q = f.constants[f.nodes[ex].aux];
            if (q.den != 1 || q.num > 64 || q.num < -64) return std::nullopt;
            const auto b = exact_constant(f, f.child(i, 0));
            if (!b || (q.num < 0 && *b == 0)) return std::nullopt;
            mpq_rational out = 1;
            for (int k = 0; k < (q.num < 0 ? -q.num : q.num); ++k) out *= *b;
            if (q.num < 0) out = 1 / out;
            return out;
        }
        default: return std::nullopt;
    }
}

//! Whether two constant expressions are equal: structurally, exactly (GMP rationals), or
//! certainly different (disjoint enclosures); empty when undecided.
inline std::optional<bool> same_constant(const expr& a, const expr& b) {
    if (a == b) return true;
    const expr diff = a - b;
    if (const auto q = exact_constant(diff, diff.root())) return *q == 0;
    const interval v = enclose(diff, box_interval(0, 0, 512));
    if (v.positive() || v.negative()) return false;
    return std::nullopt;
}

//! g at the point t, at two precisions.
inline approx value_at(const expr& g, double t, int digits) {
    const precisions p{digits};
    mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
    mpfr_set_d(ptr(a), t, MPFR_RNDN);
    mpfr_set_d(ptr(b), t, MPFR_RNDN);
    mpfr_evaluator lo(g, p.working()), hi(g, p.check());
    return agree_digits(lo(ptr(a)), hi(ptr(b)), digits);
}

//! An exact rational to `digits` digits.
inline approx rational_value(const rational& q, int digits) {
    interval v(precisions{digits}.working() + 64);
    iv::set_rational(v, q);
    return agree_digits(v.lower(), v.upper(), digits);
}

//! A constant expression that folded to a number, to `digits` digits; else its value at 0.
inline approx constant_value(const expr& v, int digits) {
    return is_number_expr(v) ? rational_value(v.constants[0], digits) : value_at(v, 0.0, digits);
}

//! Enclosures of g over ℝ: the tails [−inf, −64] and [64, inf], and the hull of those and
//! of 512 boxes covering [−64, 64].
struct real_line_bounds {
    interval hull{128}, lower_tail{128}, upper_tail{128};
};

//! g over a tail beyond ±64 (see tails.hpp: direct enclosures, monotone towards the limit).
inline interval tail_enclosure(const expr& g, bool right) { return tail(g, right).hull; }

inline real_line_bounds bounds_over_reals(const expr& g, const expr& g_left, const expr& g_right) {
    real_line_bounds r;
    r.lower_tail = tail_enclosure(g_left, false);
    r.upper_tail = tail_enclosure(g_right, true);
    iv::hull(r.hull, r.lower_tail, r.upper_tail);
    for (int k = 0; k < 512; ++k) {
        const double a = -64 + k * 0.25;
        const interval v = enclose(g, box_interval(a, a + 0.25, 128));
        interval h(128);
        iv::hull(h, r.hull, v);
        r.hull = h;
    }
    return r;
}

//! f(t) ≠ g(t), certified by disjoint enclosures at t.
inline bool certainly_differ(const expr& f, const expr& g, double t) {
    const interval a = enclose(f, box_interval(t, t, 256)), b = enclose(g, box_interval(t, t, 256));
    if (!a.valid() || !b.valid()) return false;
    return mpfr_less_p(a.upper(), b.lower()) || mpfr_less_p(b.upper(), a.lower());
}

inline const std::vector<double>& probe_points() {
    static const std::vector<double> points = {0.5, 1, 1.5, 2, 3, 0.25, 0.75, 5, 0.1, 7, 10, 0.3};
    return points;
}

inline std::optional<double> nonconstant_witness(const expr& g) {
    const expr g0 = compose(g, expr(0));
    for (const double t : probe_points())
        if (certainly_differ(g, g0, t)) return t;
    return std::nullopt;
}

inline bool finite_interval(const interval& v) {
    return v.valid() && mpfr_number_p(v.lower()) && mpfr_number_p(v.upper());
}

//! The end of a piece as a double, rounded into the piece (±inf for an open end).
inline double piece_end(const std::optional<rational>& q, bool lower) {
    if (!q)
        return lower ? -std::numeric_limits<double>::infinity()
                     : std::numeric_limits<double>::infinity();
    interval v(64);
    iv::set_rational(v, *q);
    return lower ? mpfr_get_d(v.upper(), MPFR_RNDU) : mpfr_get_d(v.lower(), MPFR_RNDD);
}

//! The end of a piece as a value (±∞ for an open end).
inline approx end_value(const std::optional<rational>& q, bool lower, int digits) {
    if (!q) return approx::infinity(lower ? -1 : 1);
    return rational_value(*q, digits);
}

inline interval point_interval(const rational& q, mpfr_prec_t bits) {
    interval v(bits);
    iv::set_rational(v, q);
    return v;
}

inline interval point_interval(double t, mpfr_prec_t bits) { return box_interval(t, t, bits); }

//! A root of g refined at both precisions, certified inside [r − δ, r + δ] when g changes
//! sign there (δ = 2^−(working bits/2) relative); box holds that certified interval.
struct refined_root {
    mpfr_float lo_value, hi_value;  // at the two precisions
    interval box{64};
    bool certified = false;
};

inline refined_root refine_root(const expr& g, double a, double b, int digits) {
    const precisions p{digits};
    refined_root r{bisect_root(g, a, b, p.working()), bisect_root(g, a, b, p.check())};
    // A root at exactly 0 (g(0) folds to 0) has no relative accuracy to agree on.
    if (a <= 0 && 0 <= b && is_zero_form(compose(g, expr(0)))) {
        mpfr_set_zero(ptr(r.lo_value), 1);
        mpfr_set_zero(ptr(r.hi_value), 1);
    }
    const mpfr_prec_t bits = p.check();
    mpfr_float delta = make_mpfr(bits), lo = make_mpfr(bits), hi = make_mpfr(bits);
    mpfr_abs(ptr(delta), ptr(r.hi_value), MPFR_RNDN);
    if (mpfr_zero_p(ptr(delta))) mpfr_set_ui(ptr(delta), 1, MPFR_RNDN);
    mpfr_mul_2si(ptr(delta), ptr(delta), -static_cast<long>(p.working() / 2), MPFR_RNDN);
    mpfr_sub(ptr(lo), ptr(r.hi_value), ptr(delta), MPFR_RNDD);
    mpfr_add(ptr(hi), ptr(r.hi_value), ptr(delta), MPFR_RNDU);
    const auto sign_at = [&](mpfr_srcptr t) {
        interval q(bits);
        mpfr_set(q.lower(), t, MPFR_RNDD);
        mpfr_set(q.upper(), t, MPFR_RNDU);
        const interval v = enclose(g, q);
        return v.positive() ? 1 : (v.negative() ? -1 : 0);
    };
    const int sl = sign_at(ptr(lo)), sh = sign_at(ptr(hi));
    r.box = interval(bits);
    mpfr_set(r.box.lower(), ptr(lo), MPFR_RNDD);
    mpfr_set(r.box.upper(), ptr(hi), MPFR_RNDU);
    r.certified = sl != 0 && sh != 0 && sl != sh;
    return r;
}

//! "no proof on 3 boxes: [a, b], [c, d], ...": a bounded summary of undecided boxes.
inline argument undecided_argument(const std::vector<root_box>& boxes) {
    argument out = "no proof on " + cite(static_cast<long long>(boxes.size())) + " box" +
                   (boxes.size() == 1 ? "" : "es") + ":";
    for (std::size_t k = 0; k < boxes.size() && k < 4; ++k)
        out += (k ? ", [" : " [") + cite(boxes[k].lo) + ", " + cite(boxes[k].hi) + "]";
    if (boxes.size() > 4) out += ", ...";
    // Boxes never examined: the search stopped at its budget (root_search_budget).
    if (std::any_of(boxes.begin(), boxes.end(), [](const root_box& b) { return b.out_of_budget; }))
        out += " (search budget exhausted)";
    return out;
}

//! The roots isolate_roots found (zero and root boxes, not the undecided ones): what one
//! question would refine, bounded by max_refined_roots.
inline long decided_roots(const std::vector<root_box>& boxes) {
    return std::count_if(boxes.begin(), boxes.end(),
                         [](const root_box& bx) { return bx.status != box_status::undecided; });
}

//! "search budget exhausted: N <what>, more than 3000 to refine" (N > max_refined_roots).
inline argument too_many_roots(long n, const char* what) {
    return "search budget exhausted: " + cite(static_cast<long long>(n)) + " " + what +
           ", more than " + cite(static_cast<long long>(max_refined_roots)) + " to refine";
}

}  // namespace actlab::detail
