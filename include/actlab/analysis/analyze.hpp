// actlab: what an activation is — properties with proofs or witnesses, ranges of f and f′,
// fixed points and idempotence — at two precisions (needs MPFR).
#pragma once

#include <actlab/analysis/decimal.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/roots.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/diff/kinks.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>
#include <actlab/print/printer.hpp>

#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace actlab {

enum class proof_status { proved, refuted, unknown };

inline const char* to_string(proof_status s) {
    return s == proof_status::proved    ? "proved"
           : s == proof_status::refuted ? "refuted"
                                        : "unknown";
}

//! A yes/no property: proved (with the proof's idea), refuted (with a witness), or unknown.
struct claim {
    proof_status status = proof_status::unknown;
    std::string reason;
    //! true/false when proved/refuted, empty when unknown.
    std::optional<bool> value() const {
        if (status == proof_status::unknown) return std::nullopt;
        return status == proof_status::proved;
    }
};

struct kink_report {
    decimal x, left_derivative, right_derivative;
    bool jump = false;  //!< f itself jumps there
};

//! inf and sup over ℝ, whether attained and where.
struct extremum_report {
    decimal inf, sup;
    std::optional<decimal> arginf, argsup;  //!< empty when not attained or unknown
    std::optional<bool> inf_attained, sup_attained;
    std::string reason;
};

struct fixed_point_report {
    decimal x, derivative;
    std::string stability;  //!< attracting, repelling, neutral, unknown
    std::string note;
    //! How fₙ(x₀) → x* for x₀ near an attracting or one-sided neutral x*: "geometric, ratio
    //! |f′(x*)| = …", "algebraic: xₙ − x* ~ …", "superlinear", or empty.
    std::string convergence;
};

struct analysis_report {
    std::string formula, latex, derivative_formula, derivative_latex;
    int digits = 0;
    claim linear, affine, polynomial, universal_approximator, even, odd;
    std::optional<int> polynomial_degree;
    std::string parity;    //!< "even", "odd", "none", or "" when unknown
    std::string monotone;  //!< increasing, non-decreasing, decreasing, non-increasing, none, ""
    claim monotone_claim, bounded_above, bounded_below;
    decimal f0;
    std::string smoothness;
    std::vector<kink_report> kinks;
    extremum_report range, derivative_range;
    std::vector<fixed_point_report> fixed_points;
    std::vector<std::pair<decimal, decimal>> fixed_intervals;  //!< "inf" ends allowed
    std::vector<std::pair<bool, bool>> fixed_interval_closed;  //!< whether each end belongs
    claim fixed_points_complete;
    claim idempotent;
    //! Periodicity: proved with the fundamental period, or refuted with a witness.
    claim periodic;
    decimal period;
    //! Open intervals where f′ ≡ 0 (ends may be "-inf"/"inf").
    std::vector<std::pair<decimal, decimal>> dead_regions;
    //! Saturation: the limits of f′ at −∞ and +∞ (unknown when they could not be pinned).
    decimal derivative_limit_left, derivative_limit_right;
    //! 2-cycles {p, q} with f(p) = q, f(q) = p, p < q.
    std::vector<std::pair<decimal, decimal>> two_cycles;
    claim two_cycles_complete;
    //! Gradients across depth: sup |f′| and inf |f′| over ℝ, and what they mean for a chain.
    decimal sup_abs_derivative, inf_abs_derivative;
    std::string gradient_note;
};

struct analysis_options {
    int digits = 50;  //!< significant digits of every number (1..1000)
};

namespace detail {

//! The degree of f as a polynomial in x by its structure, or empty.
inline std::optional<int> structural_degree(const expr& f, int i) {
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::number:
        case op::named:
        case op::parameter: return 0;
        case op::variable: return 1;
        case op::add:
        case op::mul: {
            int deg = 0;
            for (int k = 0; k < n.count; ++k) {
                const auto dk = structural_degree(f, f.child(i, k));
                if (!dk) return std::nullopt;
                deg = n.kind == op::add ? std::max(deg, *dk) : deg + *dk;
            }
            return deg;
        }
        case op::pow: {
            const auto base = structural_degree(f, f.child(i, 0));
            const int ex = f.child(i, 1);
            if (!base) return std::nullopt;
            if (*base == 0 && structural_degree(f, ex) == 0) return 0;
            if (f.nodes[ex].kind != op::number) return std::nullopt;
            const rational& q = f.constants[f.nodes[ex].aux];
            if (q.den != 1 || q.num < 0) return std::nullopt;
            return *base * static_cast<int>(q.num);
        }
        default: {
            for (int k = 0; k < n.count; ++k)
                if (structural_degree(f, f.child(i, k)) != 0) return std::nullopt;
            return 0;  // a function of constants is a constant
        }
    }
}

//! A value at two precisions, shown to the digits they agree on.
inline decimal value_at(const expr& g, double t, int digits) {
    mpfr_number a(working_bits(digits)), b(check_bits(digits));
    mpfr_set_d(a, t, MPFR_RNDN);
    mpfr_set_d(b, t, MPFR_RNDN);
    mpfr_evaluator lo(g, working_bits(digits)), hi(g, check_bits(digits));
    return agree(lo(a), hi(b), digits);
}

//! An exact rational as a decimal (to `digits` digits).
inline decimal rational_decimal(const rational& q, int digits) {
    interval v(working_bits(digits) + 64);
    iv::set_rational(v, q);
    return agree(v.lower(), v.upper(), digits);
}

//! Enclosures of g over ℝ: the tails [−inf, −64] and [64, inf], and the hull of those and
//! of 512 boxes covering [−64, 64].
struct real_line_bounds {
    interval hull{128}, lower_tail{128}, upper_tail{128};
};

//! A tail enclosure tightened by monotonicity: where g′ ≥ 0 (≤ 0) on [64, ∞), g is at least
//! (at most) g(64) there; mirrored on (−∞, −64].
inline interval tail_enclosure(const expr& g, const expr& dg, bool right) {
    const double inf = std::numeric_limits<double>::infinity();
    const double end = right ? 64 : -64;
    interval v = enclose(g, right ? box_interval(64, inf, 128) : box_interval(-inf, -64, 128));
    const interval slope =
        enclose(dg, right ? box_interval(64, inf, 128) : box_interval(-inf, -64, 128));
    if (!v.valid() || !slope.valid()) return v;
    const interval at = enclose(g, box_interval(end, end, 128));
    if (!at.valid()) return v;
    const bool rising = mpfr_sgn(slope.lower()) >= 0, falling = mpfr_sgn(slope.upper()) <= 0;
    // Going outwards from the finite end, g rises if (right and rising) or (left and falling).
    const bool outward_up = right ? rising : falling, outward_down = right ? falling : rising;
    if (outward_down && mpfr_cmp(at.upper(), v.upper()) < 0)
        mpfr_set(v.upper(), at.upper(), MPFR_RNDU);
    if (outward_up && mpfr_cmp(at.lower(), v.lower()) > 0)
        mpfr_set(v.lower(), at.lower(), MPFR_RNDD);
    return v;
}

inline real_line_bounds bounds_over_reals(const expr& g) {
    real_line_bounds r;
    const expr dg = d(g);
    r.lower_tail = tail_enclosure(g, dg, false);
    r.upper_tail = tail_enclosure(g, dg, true);
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

inline std::string point_text(double t) {
    std::ostringstream s;
    s.precision(17);
    s << t;
    return s.str();
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

inline decimal end_decimal(const std::optional<rational>& q, bool lower, int digits) {
    if (!q) return {lower ? "-inf" : "inf", 0};
    return rational_decimal(*q, digits);
}

//! A root of g refined at both precisions, certified inside [r − δ, r + δ] when g changes
//! sign there (δ = 2^−(working bits/2) relative); box holds that certified interval.
struct refined_root {
    mpfr_number lo_value, hi_value;  // at the two precisions
    interval box{64};
    bool certified = false;
};

inline refined_root refine_root(const expr& g, double a, double b, int digits) {
    refined_root r{bisect_root(g, a, b, working_bits(digits)),
                   bisect_root(g, a, b, check_bits(digits))};
    const mpfr_prec_t bits = check_bits(digits);
    mpfr_number delta(bits), lo(bits), hi(bits);
    mpfr_abs(delta, r.hi_value, MPFR_RNDN);
    if (mpfr_zero_p(delta)) mpfr_set_ui(delta, 1, MPFR_RNDN);
    mpfr_mul_2si(delta, delta, -static_cast<long>(working_bits(digits) / 2), MPFR_RNDN);
    mpfr_sub(lo, r.hi_value, delta, MPFR_RNDD);
    mpfr_add(hi, r.hi_value, delta, MPFR_RNDU);
    const auto sign_at = [&](mpfr_srcptr t) {
        interval p(bits);
        mpfr_set(p.lower(), t, MPFR_RNDD);
        mpfr_set(p.upper(), t, MPFR_RNDU);
        const interval v = enclose(g, p);
        return v.positive() ? 1 : (v.negative() ? -1 : 0);
    };
    const int sl = sign_at(lo), sh = sign_at(hi);
    r.box = interval(bits);
    mpfr_set(r.box.lower(), lo, MPFR_RNDD);
    mpfr_set(r.box.upper(), hi, MPFR_RNDU);
    r.certified = sl != 0 && sh != 0 && sl != sh;
    return r;
}

//! Attracting / repelling from an enclosure of f′ over a box around the fixed point.
inline std::string stability_of(const interval& slope) {
    if (!slope.valid()) return "unknown";
    interval a(slope.precision());
    iv::abs(a, slope);
    if (mpfr_cmp_ui(a.upper(), 1) < 0) return "attracting";
    if (mpfr_cmp_ui(a.lower(), 1) > 0) return "repelling";
    if (slope.is_point() && mpfr_cmpabs_ui(slope.lower(), 1) == 0) return "neutral";
    return "unknown";
}

inline interval point_interval(const rational& q, mpfr_prec_t bits) {
    interval v(bits);
    iv::set_rational(v, q);
    return v;
}

inline interval point_interval(double t, mpfr_prec_t bits) { return box_interval(t, t, bits); }

//! For a neutral fixed point x* with f′(x*) = 1: which sides the iterates come from.
inline std::string neutral_sides(const expr& g, const interval& at) {
    const mpfr_prec_t bits = at.precision();
    interval left(bits), right(bits);
    mpfr_set(left.lower(), at.lower(), MPFR_RNDD);
    mpfr_sub_d(left.lower(), left.lower(), 0x1p-20, MPFR_RNDD);
    mpfr_set(left.upper(), left.lower(), MPFR_RNDU);
    mpfr_set(right.upper(), at.upper(), MPFR_RNDU);
    mpfr_add_d(right.upper(), right.upper(), 0x1p-20, MPFR_RNDU);
    mpfr_set(right.lower(), right.upper(), MPFR_RNDD);
    const interval gl = enclose(g, left), gr = enclose(g, right);
    const bool from_left = gl.positive(), from_right = gr.negative();  // g = f − x
    if (from_left && from_right) return "attracting from both sides (algebraically)";
    if (from_left) return "attracting from the left, repelling to the right";
    if (from_right) return "attracting from the right, repelling to the left";
    return "repelling on both sides (algebraically)";
}

//! One candidate for an extremum: its value at both precisions, where, and whether it is a
//! value of the function (attained) or only approached (a one-sided or infinite limit).
struct candidate {
    mpfr_number lo{64}, hi{64};
    decimal arg;
    bool attained = false;
};

inline candidate value_candidate(const expr& h, mpfr_srcptr at_lo, mpfr_srcptr at_hi, int digits,
                                 bool attained) {
    candidate c;
    mpfr_evaluator lo(h, working_bits(digits)), hi(h, check_bits(digits));
    c.lo = mpfr_number(working_bits(digits));
    c.hi = mpfr_number(check_bits(digits));
    mpfr_set(c.lo, lo(at_lo), MPFR_RNDN);
    mpfr_set(c.hi, hi(at_hi), MPFR_RNDN);
    c.arg = agree(at_lo, at_hi, digits);
    c.attained = attained;
    return c;
}

inline candidate value_candidate(const expr& h, double t, int digits, bool attained) {
    mpfr_number a(working_bits(digits)), b(check_bits(digits));
    mpfr_set_d(a, t, MPFR_RNDN);
    mpfr_set_d(b, t, MPFR_RNDN);
    return value_candidate(h, a, b, digits, attained);
}

//! inf and sup over ℝ of h, where h is f (derivative = false) or f′, from: critical points
//! of h on each smooth piece of f (isolated roots of h′), constant pieces, one-sided values
//! at the cuts, the values at the cuts (for f), and the limits at ±∞. Proved when every box
//! was decided and the tail enclosures stay within the candidates.
inline extremum_report extremes(const expr& f, const std::vector<actlab::piece>& ps,
                                bool derivative, int digits) {
    extremum_report out;
    std::vector<candidate> cands;
    bool complete = !ps.empty();
    std::string why;
    const double inf = std::numeric_limits<double>::infinity();
    bool grows_up = false, grows_down = false;
    interval tails_hull(128);
    mpfr_set_inf(tails_hull.lower(), 1);
    mpfr_set_inf(tails_hull.upper(), -1);
    for (const actlab::piece& p : ps) {
        const expr hp = derivative ? d(p.f) : p.f;
        const expr dh = d(hp);
        const double a = piece_end(p.lo, true), b = piece_end(p.hi, false);
        if (dh == expr(0)) {
            const double t = std::isfinite(a) && std::isfinite(b) ? a + (b - a) / 2
                             : std::isfinite(a)                   ? a + 1
                             : std::isfinite(b)                   ? b - 1
                                                                  : 0.0;
            cands.push_back(value_candidate(hp, t, digits, true));
            continue;
        }
        for (const root_box& bx : isolate_roots(dh, a, b)) {
            if (bx.status == box_status::zero) {
                cands.push_back(value_candidate(hp, bx.lo, digits, true));
            } else if (bx.status == box_status::root) {
                const refined_root rr = refine_root(dh, bx.lo, bx.hi, digits);
                cands.push_back(value_candidate(hp, rr.lo_value, rr.hi_value, digits, true));
            } else if (std::isfinite(bx.lo) && std::isfinite(bx.hi)) {
                complete = false;
                why += " undecided box [" + point_text(bx.lo) + ", " + point_text(bx.hi) + "]";
            }
        }
        // One-sided values at the cuts, approached from inside the piece.
        for (const double ex : {a, b})
            if (std::isfinite(ex)) cands.push_back(value_candidate(hp, ex, digits, false));
        // The tails: an enclosure to bound them, and the limit when it is pinned down.
        for (const bool right : {false, true}) {
            if (right ? std::isfinite(b) : std::isfinite(a)) continue;
            const interval t = tail_enclosure(hp, dh, right);
            interval h(128);
            iv::hull(h, tails_hull, t);
            tails_hull = h;
            // Growth: h′ ≥ c > 0 (≤ −c < 0) on the tail sends h to ±inf there.
            const interval slope =
                enclose(dh, right ? box_interval(64, inf, 128) : box_interval(-inf, -64, 128));
            if (slope.valid()) {
                const bool up = right ? slope.positive() : slope.negative();
                const bool down = right ? slope.negative() : slope.positive();
                grows_up = grows_up || up;
                grows_down = grows_down || down;
            }
            const double big = right ? 0x1p40 : -0x1p40;
            const interval limit = enclose(hp, right ? box_interval(big, inf, check_bits(digits))
                                                     : box_interval(-inf, big, check_bits(digits)));
            if (limit.valid() && mpfr_number_p(limit.lower()) && mpfr_number_p(limit.upper())) {
                candidate c;
                c.lo = mpfr_number(check_bits(digits));
                c.hi = mpfr_number(check_bits(digits));
                mpfr_set(c.lo, limit.lower(), MPFR_RNDN);
                mpfr_set(c.hi, limit.upper(), MPFR_RNDN);
                // A limit of 0 shows as an enclosure of width far below every digit shown.
                const long tiny = -static_cast<long>(8 * check_bits(digits));
                if (mpfr_cmp_si_2exp(c.hi, 1, tiny) < 0 && mpfr_cmp_si_2exp(c.lo, -1, tiny) > 0) {
                    mpfr_set_zero(c.lo, 1);
                    mpfr_set_zero(c.hi, 1);
                }
                if (agree(c.lo, c.hi, digits).known()) {
                    c.arg = {right ? "inf" : "-inf", 0};
                    c.attained = false;
                    cands.push_back(std::move(c));
                }
            }
        }
    }
    if (!derivative) {
        try {
            for (const rational& sp : switching_points(f)) {
                interval v(check_bits(digits));
                iv::set_rational(v, sp);
                cands.push_back(value_candidate(f, v.lower(), v.upper(), digits, true));
            }
        } catch (const error&) {
            complete = false;
        }
    }
    if (cands.empty()) {
        out.reason = "no candidates";
        return out;
    }
    const auto pick = [&](bool want_max) -> const candidate& {
        const candidate* best = &cands.front();
        for (const candidate& c : cands) {
            const int cmp = mpfr_cmp(c.hi, best->hi);
            const bool better = want_max ? cmp > 0 : cmp < 0;
            if (better) best = &c;
        }
        // Attained if an attained candidate has the same value (to the digits shown).
        for (const candidate& c : cands)
            if (c.attained && agree(c.hi, best->hi, digits) == agree(best->lo, best->hi, digits))
                return c;
        return *best;
    };
    const candidate& top = pick(true);
    const candidate& bottom = pick(false);
    out.sup = agree(top.lo, top.hi, digits);
    out.inf = agree(bottom.lo, bottom.hi, digits);
    // Unbounded tails: +-inf only with a growth witness; an unbounded enclosure alone
    // proves nothing.
    if (grows_up) out.sup = {"inf", 0};
    if (grows_down) out.inf = {"-inf", 0};
    const bool sup_proved =
        complete &&
        (grows_up ||
         (mpfr_number_p(tails_hull.upper()) && mpfr_cmp(tails_hull.upper(), top.hi) <= 0) ||
         (mpfr_inf_p(tails_hull.upper()) && mpfr_sgn(tails_hull.upper()) < 0));
    const bool inf_proved =
        complete &&
        (grows_down ||
         (mpfr_number_p(tails_hull.lower()) && mpfr_cmp(tails_hull.lower(), bottom.hi) >= 0) ||
         (mpfr_inf_p(tails_hull.lower()) && mpfr_sgn(tails_hull.lower()) > 0));
    if (!sup_proved && !grows_up) out.sup = {};
    if (!inf_proved && !grows_down) out.inf = {};
    if (out.sup.text == "inf") {
        out.sup_attained = false;
    } else if (sup_proved) {
        out.sup_attained = top.attained;
        if (top.attained) out.argsup = top.arg;
    }
    if (out.inf.text == "-inf") {
        out.inf_attained = false;
    } else if (inf_proved) {
        out.inf_attained = bottom.attained;
        if (bottom.attained) out.arginf = bottom.arg;
    }
    out.reason =
        std::string(sup_proved ? "sup proved" : "sup numerical (global bound not proved)") + "; " +
        (inf_proved ? "inf proved" : "inf numerical (global bound not proved)") +
        ": candidates are the critical points on every smooth piece (roots of the "
        "derivative isolated by interval arithmetic), the values at the cuts and the "
        "limits at +-inf; tails beyond |x| = 64 bounded by monotone enclosures" +
        why;
    return out;
}

}  // namespace detail

//! Everything `actlab analyze` reports about f (parameters at their defaults).
inline analysis_report analyze(const expr& f0, const analysis_options& options = {}) {
    if (options.digits < 1 || options.digits > 1000)
        detail::fail("actlab: analyze: digits must be in 1..1000");
    const int digits = options.digits;
    const expr f = detail::at_defaults(f0);
    const expr df = d(f);
    analysis_report r;
    r.digits = digits;
    r.formula = to_text(f0);
    r.latex = to_latex(f0);
    r.derivative_formula = to_text(d(f0));
    r.derivative_latex = to_latex(d(f0));
    r.f0 = detail::value_at(f, 0.0, digits);

    // Kinks and smoothness.
    std::vector<kink> ks;
    bool kinks_known = true;
    try {
        ks = kinks(f);
    } catch (const error&) {
        kinks_known = false;
    }
    bool has_jump = false;
    for (const kink& k : ks) {
        if (k.smooth()) continue;
        kink_report kr;
        kr.x = detail::rational_decimal(k.at.constants[0], digits);
        const auto side = [&](const expr& v) {
            return detail::is_number_expr(v) ? detail::rational_decimal(v.constants[0], digits)
                                             : detail::value_at(v, 0.0, digits);
        };
        kr.left_derivative = side(k.left_derivative);
        kr.right_derivative = side(k.right_derivative);
        kr.jump = k.jump();
        has_jump = has_jump || kr.jump;
        r.kinks.push_back(std::move(kr));
    }
    const bool has_kink = !r.kinks.empty();
    if (!kinks_known) {
        r.smoothness = "unknown";
    } else if (has_jump) {
        r.smoothness = "discontinuous";
    } else if (has_kink) {
        r.smoothness = "C0";
    } else {
        int order = -1;
        expr g = f;
        for (int k = 1; k <= 4 && order < 0; ++k) {
            g = d(g);
            for (const kink& kk : kinks(g))
                if (!kk.smooth()) order = kk.jump() ? k - 1 : k;
        }
        r.smoothness =
            order >= 0 ? "C" + std::to_string(order) : (ks.empty() ? "C-infinity" : "at least C4");
    }

    // Polynomial, linear, affine, universal approximation.
    r.polynomial_degree = detail::structural_degree(f, f.root());
    const detail::real_line_bounds fb = detail::bounds_over_reals(f);
    const detail::real_line_bounds db = detail::bounds_over_reals(df);
    if (r.polynomial_degree) {
        r.polynomial = {proof_status::proved,
                        "built from x and numbers by +, * and integer powers: degree " +
                            std::to_string(*r.polynomial_degree)};
    } else if (has_kink) {
        r.polynomial = {proof_status::refuted, std::string(has_jump ? "a jump" : "a kink") +
                                                   " at x = " + r.kinks.front().x.text +
                                                   "; polynomials are smooth"};
    } else if (const auto t = detail::nonconstant_witness(f);
               t && detail::finite_interval(fb.hull)) {
        r.polynomial = {proof_status::refuted,
                        "bounded on R (interval enclosure) and not constant (f(" +
                            detail::point_text(*t) +
                            ") != f(0)); a bounded polynomial is constant"};
    } else if (const auto t1 = detail::nonconstant_witness(df);
               t1 && detail::finite_interval(db.hull)) {
        r.polynomial = {proof_status::refuted,
                        "f' is bounded on R (interval enclosure) and not constant (f'(" +
                            detail::point_text(*t1) +
                            ") != f'(0)), so f' is no polynomial and neither is f"};
    } else {
        r.polynomial = {proof_status::unknown, "no proof and no witness found"};
    }
    if (r.polynomial.status == proof_status::proved) {
        const int deg = *r.polynomial_degree;
        const bool zero_at_0 = r.f0.text == "0";
        r.affine = deg <= 1 ? claim{proof_status::proved, "a polynomial of degree <= 1"}
                            : claim{proof_status::refuted,
                                    "a polynomial of degree " + std::to_string(deg)};
        if (deg > 1)
            r.linear = {proof_status::refuted, "a polynomial of degree " + std::to_string(deg)};
        else if (zero_at_0)
            r.linear = {proof_status::proved, "degree <= 1 and f(0) = 0"};
        else
            r.linear = {proof_status::refuted, "f(0) = " + r.f0.text};
        r.universal_approximator = {
            proof_status::refuted,
            "a polynomial: networks of it compute polynomials of bounded degree "
            "(Leshno, Lin, Pinkus & Schocken 1993)"};
    } else {
        r.polynomial_degree.reset();
        r.affine = r.linear = {r.polynomial.status, "not a polynomial: " + r.polynomial.reason};
        if (r.polynomial.status == proof_status::refuted && kinks_known && !has_jump)
            r.universal_approximator = {proof_status::proved,
                                        "continuous and not a polynomial (" + r.polynomial.reason +
                                            "): Leshno, Lin, Pinkus & Schocken 1993"};
        else if (has_jump)
            r.universal_approximator = {
                proof_status::unknown,
                "discontinuous: Leshno et al.'s theorem is for continuous activations"};
        else
            r.universal_approximator = {proof_status::unknown, "polynomial or not: undecided"};
    }
    if (r.polynomial.status == proof_status::refuted) {
        r.polynomial_degree.reset();
    }

    // Parity.
    const expr reflected = detail::reflect(f);
    if (reflected == f) {
        r.parity = "even";
        r.even = {proof_status::proved, "f(-x) and f(x) have the same canonical form"};
        r.odd = {proof_status::unknown, ""};
    } else if (reflected == -f) {
        r.parity = "odd";
        r.odd = {proof_status::proved, "f(-x) and -f(x) have the same canonical form"};
        r.even = {proof_status::unknown, ""};
    } else {
        for (const double t : detail::probe_points()) {
            if (detail::certainly_differ(f, reflected, t) &&
                detail::certainly_differ(-f, reflected, t)) {
                r.parity = "none";
                const std::string p = detail::point_text(t);
                r.even = r.odd = {proof_status::refuted,
                                  "f(-" + p + ") differs from f(" + p + ") and from -f(" + p + ")"};
                break;
            }
        }
        if (r.parity.empty())
            r.even = r.odd = {proof_status::unknown, "no canonical proof and no witness"};
    }

    // Monotone: the sign of f′ over ℝ.
    const bool nonneg = mpfr_sgn(db.hull.lower()) >= 0 && db.hull.valid();
    const bool nonpos = mpfr_sgn(db.hull.upper()) <= 0 && db.hull.valid();
    std::vector<piece> ps;
    try {
        ps = pieces(f);
    } catch (const error&) {
    }
    bool constant_piece = false;
    for (const piece& p : ps)
        if (d(p.f) == expr(0)) constant_piece = true;
    if (nonneg || nonpos) {
        const bool strict = !ps.empty() && !constant_piece;
        r.monotone = nonneg ? (strict ? "increasing" : "non-decreasing")
                            : (strict ? "decreasing" : "non-increasing");
        if (nonneg && nonpos) r.monotone = "constant";
        r.monotone_claim = {
            proof_status::proved,
            std::string("f' ") + (nonneg ? ">= 0" : "<= 0") + " on an interval enclosure over R" +
                (strict ? "; f' is analytic and not identically 0 on each smooth piece, so "
                          "its zeros are isolated"
                        : "")};
    } else {
        std::optional<double> up, down;
        for (double t = -8; t <= 8 && !(up && down); t += 0.125) {
            const interval v = enclose(df, detail::box_interval(t, t, 128));
            if (!v.valid()) continue;
            if (v.positive() && !up) up = t;
            if (v.negative() && !down) down = t;
        }
        if (up && down) {
            r.monotone = "none";
            r.monotone_claim = {proof_status::refuted, "f'(" + detail::point_text(*up) +
                                                           ") > 0 and f'(" +
                                                           detail::point_text(*down) + ") < 0"};
        } else {
            r.monotone_claim = {proof_status::unknown, "the sign of f' is undecided"};
        }
    }

    // Bounded above / below: an enclosure over ℝ, or growth on a tail.
    const auto bound_text = [](mpfr_srcptr v, mpfr_rnd_t rnd) {
        mpfr_number b(64);
        mpfr_set(b, v, rnd);
        return detail::to_decimal(b, 6).text;
    };
    const auto grows = [&](bool up) -> std::optional<std::string> {
        const bool right_up = mpfr_sgn(db.upper_tail.lower()) > 0;    // f' ≥ c > 0 on [64, ∞)
        const bool right_down = mpfr_sgn(db.upper_tail.upper()) < 0;  // f' ≤ −c < 0 on [64, ∞)
        const bool left_down = mpfr_sgn(db.lower_tail.upper()) < 0;   // f' ≤ −c < 0 on (−∞, −64]
        const bool left_up = mpfr_sgn(db.lower_tail.lower()) > 0;     // f' ≥ c > 0 on (−∞, −64]
        if (up && right_up) return "f' >= c > 0 on [64, inf), so f -> +inf as x -> +inf";
        if (up && left_down) return "f' <= -c < 0 on (-inf, -64], so f -> +inf as x -> -inf";
        if (!up && right_down) return "f' <= -c < 0 on [64, inf), so f -> -inf as x -> +inf";
        if (!up && left_up) return "f' >= c > 0 on (-inf, -64], so f -> -inf as x -> -inf";
        return std::nullopt;
    };
    if (fb.hull.valid() && mpfr_number_p(fb.hull.upper()))
        r.bounded_above = {proof_status::proved, "f <= " + bound_text(fb.hull.upper(), MPFR_RNDU) +
                                                     " on R (interval enclosure)"};
    else if (const auto why = grows(true))
        r.bounded_above = {proof_status::refuted, *why};
    else
        r.bounded_above = {proof_status::unknown, "no bound and no growth witness"};
    if (fb.hull.valid() && mpfr_number_p(fb.hull.lower()))
        r.bounded_below = {proof_status::proved, "f >= " + bound_text(fb.hull.lower(), MPFR_RNDD) +
                                                     " on R (interval enclosure)"};
    else if (const auto why = grows(false))
        r.bounded_below = {proof_status::refuted, *why};
    else
        r.bounded_below = {proof_status::unknown, "no bound and no growth witness"};

    // Fixed points: on each smooth piece the roots of f − x, and f ≡ x pieces as intervals;
    // then the switching points themselves.
    std::string incomplete;
    const mpfr_prec_t hb = check_bits(digits);
    for (const piece& p : ps) {
        const expr g = p.f - x, dp = d(p.f);
        const double a = detail::piece_end(p.lo, true), b = detail::piece_end(p.hi, false);
        if (g == expr(0)) {
            r.fixed_intervals.push_back({detail::end_decimal(p.lo, true, digits),
                                         detail::end_decimal(p.hi, false, digits)});
            const auto fixed_at = [&](const std::optional<rational>& ex) {
                return ex && compose(f - x, expr(*ex)) == expr(0);
            };
            r.fixed_interval_closed.push_back({fixed_at(p.lo), fixed_at(p.hi)});
            continue;
        }
        for (const root_box& bx : isolate_roots(g, a, b)) {
            fixed_point_report fp;
            if (bx.status == box_status::undecided) {
                incomplete +=
                    " [" + detail::point_text(bx.lo) + ", " + detail::point_text(bx.hi) + "]";
                continue;
            }
            interval where_(hb);
            if (bx.status == box_status::zero) {
                where_ = detail::point_interval(bx.lo, hb);
                fp.x = detail::value_at(x, bx.lo, digits);
                fp.derivative = detail::value_at(dp, bx.lo, digits);
            } else {
                const detail::refined_root rr = detail::refine_root(g, bx.lo, bx.hi, digits);
                fp.x = agree(rr.lo_value, rr.hi_value, digits);
                mpfr_evaluator lo(dp, working_bits(digits)), hi(dp, hb);
                fp.derivative = agree(lo(rr.lo_value), hi(rr.hi_value), digits);
                where_ = rr.box;
                if (!rr.certified) fp.note = "sign change not certified at the refined point";
            }
            fp.stability = detail::stability_of(enclose(dp, where_));
            if (fp.stability == "neutral" && mpfr_cmp_si(enclose(dp, where_).lower(), 1) == 0)
                fp.note = detail::neutral_sides(g, where_);
            r.fixed_points.push_back(std::move(fp));
        }
    }
    if (kinks_known) {
        for (const rational& sp : detail::switching_points(f)) {
            const interval at = detail::point_interval(sp, hb);
            // Exactly: the canonical form of f(s) − s folds to the number 0.
            if (!(compose(f - x, expr(sp)) == expr(0)) && !enclose(f - x, at).is_zero()) continue;
            bool in_interval = false;
            const decimal sx = detail::rational_decimal(sp, digits);
            for (const auto& iv_ : r.fixed_intervals)
                if (iv_.first == sx || iv_.second == sx) in_interval = true;
            if (in_interval) continue;
            fixed_point_report fp;
            fp.x = sx;
            for (const kink& k : ks) {
                if (!(k.at == expr(sp))) continue;
                const expr l = k.left_derivative, rr = k.right_derivative;
                fp.derivative = l == rr ? detail::value_at(l, 0.0, digits) : decimal{};
                fp.note = "a switching point: f'(x-) = " + detail::value_at(l, 0.0, digits).text +
                          ", f'(x+) = " + detail::value_at(rr, 0.0, digits).text;
                const std::string sl = detail::stability_of(enclose(l, at)),
                                  sr = detail::stability_of(enclose(rr, at));
                fp.stability = sl == sr ? sl : "unknown";
            }
            if (fp.stability.empty()) fp.stability = detail::stability_of(enclose(df, at));
            r.fixed_points.push_back(std::move(fp));
        }
    }
    if (ps.empty())
        r.fixed_points_complete = {proof_status::unknown, "f could not be cut into smooth pieces"};
    else if (incomplete.empty())
        r.fixed_points_complete = {
            proof_status::proved,
            "roots of f(x) - x isolated by interval arithmetic on every smooth piece; "
            "each listed root is unique in its box, the rest of R is root-free"};
    else
        r.fixed_points_complete = {proof_status::unknown, "undecided boxes:" + incomplete};

    r.range = detail::extremes(f, ps, false, digits);
    r.derivative_range = detail::extremes(f, ps, true, digits);

    // Idempotence: f∘f = f.
    const expr ff = compose(f, f);
    if (ff == f) {
        r.idempotent = {proof_status::proved, "f(f(x)) and f(x) have the same canonical form"};
    } else {
        for (const double t0 : detail::probe_points()) {
            for (const double t : {t0, -t0}) {
                if (r.idempotent.status == proof_status::unknown &&
                    detail::certainly_differ(ff, f, t))
                    r.idempotent = {proof_status::refuted,
                                    "f(f(" + detail::point_text(t) +
                                        ")) = " + detail::value_at(ff, t, 12).text +
                                        " differs from f(" + detail::point_text(t) +
                                        ") = " + detail::value_at(f, t, 12).text};
            }
        }
        if (r.idempotent.status == proof_status::unknown) {
            try {
                bool all_zero = true;
                for (const piece& p : pieces(ff - f)) all_zero = all_zero && p.f == expr(0);
                if (all_zero)
                    r.idempotent = {proof_status::proved,
                                    "f(f(x)) - f(x) is identically 0 on every piece between its "
                                    "switching points"};
            } catch (const error&) {
            }
        }
    }
    return r;
}

}  // namespace actlab
