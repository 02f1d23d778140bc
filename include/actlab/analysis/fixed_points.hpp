// actlab: the fixed points of f — every root of f(x) − x on every smooth piece and at the
// switching points, intervals of fixed points, the stability of each and the law by which
// nearby iterates converge — with the proof that the list is complete (needs MPFR).
#pragma once

#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/roots.hpp>
#include <actlab/analysis/smoothness.hpp>
#include <actlab/analysis/structure.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace actlab::detail {

//! Where g has an exact zero at the end c of a piece (bspline's f − x at the end of its
//! identity run), root isolation cannot separate the open piece from c. If g, g′, …,
//! g^(m−1) vanish at c exactly and g^(m) keeps one sign on [c − δ, c] (or [c, c + δ]),
//! Taylor's theorem with the Lagrange remainder, g(x) = g^(m)(ξ)(x − c)^m/m!, shows g ≠ 0
//! there. Returns the end moved inwards by that δ, or the end itself.
inline double clear_exact_zero(const expr& g, const std::optional<rational>& cut, double end,
                               double other_end, bool lower) {
    if (!cut || !std::isfinite(other_end)) return end;
    expr dk = g;
    for (int m = 0; m <= 6; ++m) {
        const expr at = compose(dk, expr(*cut));
        if (!is_number_expr(at)) return end;
        if (at.constants[0].num != 0) {
            if (m == 0) return end;  // not a zero at all
            for (double delta = (other_end - end) * 0.3671875; std::fabs(delta) > 1e-6;
                 delta /= 4) {
                const double inner = end + delta;
                const interval v = enclose(
                    dk, lower ? box_interval(end, inner, 256) : box_interval(inner, end, 256));
                if (v.positive() || v.negative()) return inner;
            }
            return end;
        }
        try {
            dk = d(dk);
        } catch (const error&) {
            return end;
        }
    }
    return end;
}

//! Attracting / repelling from an enclosure of f′ over a box around the fixed point.
inline stability stability_of(const interval& slope) {
    if (!slope.valid()) return stability::unknown;
    interval a(slope.precision());
    iv::abs(a, slope);
    if (mpfr_cmp_ui(a.upper(), 1) < 0) return stability::attracting;
    if (mpfr_cmp_ui(a.lower(), 1) > 0) return stability::repelling;
    if (slope.is_point() && mpfr_cmpabs_ui(slope.lower(), 1) == 0) return stability::neutral;
    return stability::unknown;
}

//! For a neutral fixed point x* with f′(x*) = 1: which sides the iterates come from (the
//! sign of g = f − x just left and right of the box `at`).
inline neutral_approach neutral_sides(const expr& g, const interval& at) {
    const mpfr_prec_t bits = at.precision();
    interval left(bits), right(bits);
    mpfr_set(left.lower(), at.lower(), MPFR_RNDD);
    mpfr_sub_d(left.lower(), left.lower(), 0x1p-20, MPFR_RNDD);
    mpfr_set(left.upper(), left.lower(), MPFR_RNDU);
    mpfr_set(right.upper(), at.upper(), MPFR_RNDU);
    mpfr_add_d(right.upper(), right.upper(), 0x1p-20, MPFR_RNDU);
    mpfr_set(right.lower(), right.upper(), MPFR_RNDD);
    const interval gl = enclose(g, left), gr = enclose(g, right);
    const bool from_left = gl.positive(), from_right = gr.negative();
    if (from_left && from_right) return neutral_approach::both_sides;
    if (from_left) return neutral_approach::from_left;
    if (from_right) return neutral_approach::from_right;
    return neutral_approach::neither;
}

//! f^(k)(x*)/k! at the two precisions, for k = 1..order (fewer beyond the capacity).
struct taylor_coefficients {
    std::vector<mpfr_float> lo, hi;
};

inline taylor_coefficients taylor_at(const expr& f, mpfr_srcptr at_lo, mpfr_srcptr at_hi,
                                     int digits, int order) {
    const precisions p{digits};
    taylor_coefficients t;
    expr g = f;
    mpfr_float factorial = make_mpfr(64);
    mpfr_set_ui(ptr(factorial), 1, MPFR_RNDN);
    for (int k = 1; k <= order; ++k) {
        try {
            g = d(g);
        } catch (const error&) {
            break;  // beyond the expression capacity: fewer coefficients
        }
        mpfr_mul_ui(ptr(factorial), ptr(factorial), static_cast<unsigned long>(k), MPFR_RNDN);
        mpfr_evaluator lo(g, p.working()), hi(g, p.check());
        mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
        mpfr_div(ptr(a), lo(at_lo), ptr(factorial), MPFR_RNDN);
        mpfr_div(ptr(b), hi(at_hi), ptr(factorial), MPFR_RNDN);
        t.lo.push_back(std::move(a));
        t.hi.push_back(std::move(b));
    }
    return t;
}

//! 1 when a shows exactly the digit 1.
inline bool shows_one(const approx& a) {
    return a.finite() && a.shown() == decimal_digits{false, "1", 1};
}

//! How the iterates approach an attracting (or one-sided attracting neutral) fixed point
//! x* of the smooth piece f: geometric with ratio |f′(x*)|; of order k when f′(x*) = … =
//! f^(k−1)(x*) = 0; algebraic when f′(x*) = 1: with c_k the first nonzero Taylor
//! coefficient beyond the linear one, e_(n+1) = e_n + c_k e_n^k + … gives
//! e_n ~ ±(C/n)^(1/(k−1)), C = 1/((k−1)|c_k|) (tanh: k = 3, c_3 = −1/3, x_n ~ √(1.5/n)).
inline std::optional<convergence_law> law_of(const expr& f, mpfr_srcptr at_lo, mpfr_srcptr at_hi,
                                             const fixed_point_report& fp, int digits) {
    using law = convergence_law;
    const bool attracting = fp.kind == stability::attracting;
    const bool neutral =
        fp.kind == stability::neutral && fp.approach && *fp.approach != neutral_approach::neither;
    if (!attracting && !neutral) return std::nullopt;
    const precisions p{digits};
    const int shown = std::min(digits, 20);
    // f′(x*) alone decides a geometric rate; higher orders only when it is 0 or ±1.
    const bool unit = fp.derivative.is_zero() || shows_one(fp.derivative);
    if (!fp.derivative.known()) return std::nullopt;  // its digits decide the law
    mpfr_clear_flags();
    const taylor_coefficients t = taylor_at(f, at_lo, at_hi, digits, unit ? 6 : 1);
    const int available = static_cast<int>(t.lo.size());
    // A coefficient flushed to 0 would fake a higher order: no law then.
    if (available == 0 || mpfr_underflow_p()) return std::nullopt;
    const auto lo = [&](int k) { return ptr(t.lo[std::size_t(k - 1)]); };
    const auto hi = [&](int k) { return ptr(t.hi[std::size_t(k - 1)]); };
    const auto is_zero = [&](int k) { return mpfr_zero_p(lo(k)) && mpfr_zero_p(hi(k)); };
    const auto first_nonzero = [&](int from) {
        for (int k = from; k <= available; ++k) {
            if (is_zero(k)) continue;
            return agree_digits(lo(k), hi(k), shown).known() ? k : 0;
        }
        return 0;
    };
    if (attracting) {
        if (!is_zero(1)) {
            mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
            mpfr_abs(ptr(a), lo(1), MPFR_RNDN);
            mpfr_abs(ptr(b), hi(1), MPFR_RNDN);
            law g{law::kind::geometric, agree_digits(ptr(a), ptr(b), shown)};
            g.alternating = mpfr_sgn(hi(1)) < 0;
            return g;
        }
        const int k = first_nonzero(2);
        if (k == 0) return law{law::kind::superlinear};
        return law{law::kind::order, agree_digits(lo(k), hi(k), shown), k};
    }
    // Neutral, f'(x*) = 1: C = 1/((k − 1)|c_k|).
    const int k = first_nonzero(2);
    if (k == 0) return std::nullopt;
    mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
    const auto c_of = [&](mpfr_ptr out, mpfr_srcptr ck) {
        mpfr_abs(out, ck, MPFR_RNDN);
        mpfr_mul_ui(out, out, static_cast<unsigned long>(k - 1), MPFR_RNDN);
        mpfr_ui_div(out, 1, out, MPFR_RNDN);
    };
    c_of(ptr(a), lo(k));
    c_of(ptr(b), hi(k));
    const bool negative = mpfr_sgn(hi(k)) < 0;
    // e_n → 0 from the side where c_k e^k has the sign opposite to e.
    if (k % 2 == 1 && !negative) return std::nullopt;
    law alg{law::kind::algebraic, agree_digits(ptr(a), ptr(b), shown), k};
    alg.approach =
        k % 2 == 1 ? law::sign::plus_minus : (negative ? law::sign::plus : law::sign::minus);
    return alg;
}

//! One isolated fixed point of the piece p: the root in box bx of root_of (g = f − x, or the
//! base h of g = h^(2k)), with f′ there, its stability and convergence law.
inline fixed_point_report smooth_fixed_point(const actlab::piece& p, const expr& g,
                                             const expr& root_of, const root_box& bx, int digits) {
    const precisions prec{digits};
    const expr dp = d(p.f);
    fixed_point_report fp;
    // f′(x*) may be tiny and nonzero (tanh(10^10 x) at x* ≈ 1: 4·10^10·e^(−2·10^10)): below
    // MPFR's default exponent range it would be flushed to a false 0, so the widest range
    // holds for the whole computation; and a 0 that both precisions reach by cancellation
    // (10^10 − 10^10·tanh(10^10 x)² where tanh rounds to 1) is accepted only when the
    // enclosure of f′ over the root's box is exactly [0, 0]: otherwise f′(x*) is unknown
    // (never a false 0, nor the false "superlinear" it would bring).
    const wide_exponents range;
    interval where(prec.check());
    mpfr_float at_lo = make_mpfr(prec.working()), at_hi = make_mpfr(prec.check());
    if (bx.status == box_status::zero) {
        where = point_interval(bx.lo, prec.check());
        fp.x = value_at(x, bx.lo, digits);
        fp.derivative = value_at(dp, bx.lo, digits);
        mpfr_set_d(ptr(at_lo), bx.lo, MPFR_RNDN);
        mpfr_set_d(ptr(at_hi), bx.lo, MPFR_RNDN);
    } else {
        const refined_root rr = refine_root(root_of, bx.lo, bx.hi, digits);
        fp.x = agree_digits(rr.lo_value, rr.hi_value, digits);
        mpfr_evaluator lo(dp, prec.working()), hi(dp, prec.check());
        fp.derivative = agree_digits(lo(ptr(rr.lo_value)), hi(ptr(rr.hi_value)), digits);
        where = rr.box;
        mpfr_set(ptr(at_lo), ptr(rr.lo_value), MPFR_RNDN);
        mpfr_set(ptr(at_hi), ptr(rr.hi_value), MPFR_RNDN);
        fp.certified = rr.certified;
    }
    const interval slope = enclose(dp, where);
    if (fp.derivative.is_zero() && (mpfr_underflow_p() || !slope.is_zero()))
        fp.derivative = approx{};
    fp.kind = stability_of(slope);
    const bool even_power = !(root_of == g);
    if (even_power) {
        // g = h^(2k): g′ = 2k·h^(2k−1)·h′ vanishes at the root, so f′(x*) = 1 exactly.
        fp.kind = stability::neutral;
        fp.derivative = approx::integer(1, digits);
    }
    if (fp.kind == stability::neutral && (even_power || mpfr_cmp_si(slope.lower(), 1) == 0))
        fp.approach = neutral_sides(g, where);
    if (const auto law = law_of(p.f, ptr(at_lo), ptr(at_hi), fp, digits))
        fp.convergence.push_back(*law);
    return fp;
}

//! A run of pieces on which f ≡ x: an interval of fixed points.
struct identity_run {
    std::optional<rational> lo, hi;
    bool lo_closed, hi_closed;
};

//! What the search on the smooth pieces found besides the points.
struct fixed_point_search {
    std::vector<root_box> undecided;
    std::optional<double> period;  //!< set when f − x is periodic (searched on [−10, 10])
    long too_many = 0;  //!< roots found on a piece, when more than max_refined_roots: none listed
    std::vector<identity_run> runs;
    std::vector<rational> inside_runs;  //!< switching points inside a merged run
};

//! Adds the piece p (f ≡ x there) to the runs, merging it with the previous one when they
//! meet at a fixed switching point.
inline void add_identity_piece(fixed_point_search& s, const expr& f, const actlab::piece& p) {
    const auto fixed_at = [&](const std::optional<rational>& end) {
        return end && is_zero_form(compose(f - x, expr(*end)));
    };
    if (!s.runs.empty() && s.runs.back().hi && p.lo && *s.runs.back().hi == *p.lo &&
        s.runs.back().hi_closed) {
        s.inside_runs.push_back(*p.lo);
        s.runs.back().hi = p.hi;
        s.runs.back().hi_closed = fixed_at(p.hi);
    } else {
        s.runs.push_back({p.lo, p.hi, fixed_at(p.lo), fixed_at(p.hi)});
    }
}

//! The fixed points inside the smooth pieces (roots of f − x isolated on each), and the runs
//! of pieces where f ≡ x.
inline fixed_point_search fixed_points_on_pieces(analysis_report& r, const expr& f,
                                                 const std::vector<actlab::piece>& ps, int digits) {
    fixed_point_search s;
    for (const actlab::piece& p : ps) {
        const expr g = p.f - x;
        const double a = piece_end(p.lo, true), b = piece_end(p.hi, false);
        if (is_zero_form(g)) {
            add_identity_piece(s, f, p);
            continue;
        }
        // f − x periodic (x only in sin/cos): its roots repeat with the period, so one
        // window longer than the period holds them all; an even power h^(2k) has the
        // roots of h, which are simple where those of h^(2k) are not.
        const auto period = ps.size() == 1 ? structural_period(g) : std::nullopt;
        expr root_of = g;
        double lo_end = clear_exact_zero(g, p.lo, a, b, true),
               hi_end = clear_exact_zero(g, p.hi, b, a, false);
        if (period && *period < 20) {
            lo_end = -10;
            hi_end = 10;
            s.period = *period;
            const int rt = g.root();
            if (g.nodes[rt].kind == op::pow && is_number(g, g.child(rt, 1))) {
                const rational q = value(g, g.child(rt, 1));
                if (q.den == 1 && q.num >= 2 && q.num % 2 == 0)
                    root_of = compact(g, g.child(rt, 0));
            }
        }
        const std::vector<root_box> boxes = isolate_roots(root_of, lo_end, hi_end);
        const long found = decided_roots(boxes);
        // Each listed point is refined and its convergence law derived: a bounded number.
        if (found > max_refined_roots) s.too_many = std::max(s.too_many, found);
        for (const root_box& bx : boxes) {
            if (bx.status == box_status::undecided)
                s.undecided.push_back(bx);
            else if (found <= max_refined_roots)
                r.fixed_points.push_back(smooth_fixed_point(p, g, root_of, bx, digits));
        }
    }
    return s;
}

//! The convergence law on each side of the switching point sp, each from the piece on that
//! side (a law that converges only from the other side does not apply).
inline std::vector<convergence_law> one_sided_laws(const fixed_point_report& fp,
                                                   const std::vector<actlab::piece>& ps,
                                                   const rational& sp, const interval& at,
                                                   int digits) {
    const precisions prec{digits};
    mpfr_float a_lo = make_mpfr(prec.working()), a_hi = make_mpfr(prec.check());
    mpfr_set(ptr(a_lo), at.lower(), MPFR_RNDN);
    mpfr_set(ptr(a_hi), at.lower(), MPFR_RNDN);
    std::vector<convergence_law> laws;
    for (const actlab::piece& p : ps) {
        const bool left = p.hi && *p.hi == sp, right = p.lo && *p.lo == sp;
        if (!left && !right) continue;
        fixed_point_report side = fp;
        const expr slope = compose(d(p.f), expr(sp));
        side.derivative =
            is_number_expr(slope) ? rational_value(slope.constants[0], digits) : approx{};
        auto law = law_of(p.f, ptr(a_lo), ptr(a_hi), side, digits);
        if (!law) continue;
        const bool algebraic = law->k == convergence_law::kind::algebraic;
        const bool wrong_side =
            algebraic && ((left && law->approach == convergence_law::sign::plus) ||
                          (right && law->approach == convergence_law::sign::minus));
        if (wrong_side) continue;
        law->applies = left ? convergence_law::side::left : convergence_law::side::right;
        laws.push_back(*law);
    }
    return laws;
}

//! The switching point sp as a fixed point: f′ on each side, stability, the laws.
inline fixed_point_report switching_fixed_point(const expr& f, const switching_facts& sw,
                                                const std::vector<actlab::piece>& ps,
                                                const rational& sp, int digits) {
    const interval at = point_interval(sp, precisions{digits}.check());
    fixed_point_report fp;
    fp.x = rational_value(sp, digits);
    std::optional<stability> kind;
    for (const kink& k : sw.ks) {
        if (!(k.at == expr(sp))) continue;
        const expr l = k.left_derivative, rr = k.right_derivative;
        fp.derivative = l == rr ? value_at(l, 0.0, digits) : approx{};
        fp.one_sided = {value_at(l, 0.0, digits), value_at(rr, 0.0, digits)};
        const stability sl = stability_of(enclose(l, at)), sr = stability_of(enclose(rr, at));
        kind = sl == sr ? sl : stability::unknown;
        if (*kind == stability::neutral && l == expr(1) && rr == expr(1))
            fp.approach = neutral_sides(f - x, at);
    }
    fp.kind = kind ? *kind : stability_of(enclose(d(f), at));
    if (fp.kind == stability::attracting || fp.kind == stability::neutral)
        fp.convergence = one_sided_laws(fp, ps, sp, at, digits);
    return fp;
}

//! Every fixed point of f (r.fixed_points, r.fixed_intervals) and whether the list is
//! complete (r.fixed_points_complete).
inline void fixed_points(analysis_report& r, const expr& f, const switching_facts& sw,
                         const std::vector<actlab::piece>& ps, int digits) {
    const fixed_point_search s = fixed_points_on_pieces(r, f, ps, digits);
    for (const identity_run& run : s.runs)
        r.fixed_intervals.push_back({end_value(run.lo, true, digits),
                                     end_value(run.hi, false, digits), run.lo_closed,
                                     run.hi_closed});
    if (sw.known) {
        const mpfr_prec_t bits = precisions{digits}.check();
        for (const rational& sp : switching_points(f)) {
            // Exactly: the canonical form of f(s) − s folds to the number 0.
            if (!(compose(f - x, expr(sp)) == expr(0)) &&
                !enclose(f - x, point_interval(sp, bits)).is_zero())
                continue;
            bool in_interval = false;
            for (const identity_run& run : s.runs)
                if ((run.lo && *run.lo == sp) || (run.hi && *run.hi == sp)) in_interval = true;
            for (const rational& q : s.inside_runs)
                if (q == sp) in_interval = true;
            if (!in_interval)
                r.fixed_points.push_back(switching_fixed_point(f, sw, ps, sp, digits));
        }
    }
    if (ps.empty())
        r.fixed_points_complete = {proof_status::unknown, "f could not be cut into smooth pieces"};
    else if (s.too_many)
        r.fixed_points_complete = {
            proof_status::unknown,
            too_many_roots(s.too_many, "roots of f(x) - x on one piece") + "; none listed there"};
    else if (s.undecided.empty() && s.period)
        r.fixed_points_complete = {
            proof_status::proved,
            "roots of f(x) - x isolated by interval arithmetic on [-10, 10]; f(x) - x is "
            "periodic with period " +
                cite(*s.period) +
                " (up to rounding: 2*pi/k), so the fixed points are the ones listed on "
                "[-10, 10] and their translates by multiples of the period",
            basis::root_isolation};
    else if (s.undecided.empty())
        r.fixed_points_complete = {
            proof_status::proved,
            "roots of f(x) - x isolated by interval arithmetic on every smooth piece; "
            "each listed root is unique in its box, the rest of R is root-free",
            basis::root_isolation};
    else
        r.fixed_points_complete = {proof_status::unknown, undecided_argument(s.undecided)};
}

}  // namespace actlab::detail
