// actlab: what an activation is — properties with proofs or witnesses, ranges of f and f′,
// fixed points and idempotence — at two precisions (needs MPFR).
#pragma once

#include <actlab/analysis/decimal.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/roots.hpp>
#include <actlab/analysis/symmetry.hpp>
#include <actlab/analysis/tails.hpp>
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
    //! |w| below which a chain must vanish (1/sup|f′|), and from which it cannot (1/inf|f′|).
    decimal vanishing_weight, non_vanishing_weight;
    //! (L, (inf|f′|)^L, (sup|f′|)^L) for L = 10, 100, 1000: the best and worst case of
    //! |∂x_L/∂x_0| for a chain without weights.
    struct depth_bound {
        int depth = 0;
        decimal best, worst;
    };
    std::vector<depth_bound> depth_bounds;
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

//! The exact value of node i of a constant built from numbers by +, · and integer powers,
//! as a GMP rational (the canonical form keeps such products unfolded when they overflow
//! 128 bits: SELU's scale·alpha). False for anything else.
inline bool exact_constant(const expr& f, int i, mpq_t out) {
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::number: {
            const rational& q = f.constants[n.aux];
            const mpz_int128 num(q.num), den(q.den);
            mpq_set_num(out, num.get());
            mpq_set_den(out, den.get());
            mpq_canonicalize(out);
            return true;
        }
        case op::add:
        case op::mul: {
            mpq_t t;
            mpq_init(t);
            mpq_set_si(out, n.kind == op::add ? 0 : 1, 1);
            bool ok = true;
            for (int k = 0; k < n.count && ok; ++k) {
                ok = exact_constant(f, f.child(i, k), t);
                if (ok) {
                    if (n.kind == op::add)
                        mpq_add(out, out, t);
                    else
                        mpq_mul(out, out, t);
                }
            }
            mpq_clear(t);
            return ok;
        }
        case op::pow: {
            const int ex = f.child(i, 1);
            if (f.nodes[ex].kind != op::number) return false;
            const rational& q = f.constants[f.nodes[ex].aux];
            if (q.den != 1 || q.num > 64 || q.num < -64) return false;
            mpq_t b;
            mpq_init(b);
            bool ok = exact_constant(f, f.child(i, 0), b);
            if (ok && q.num < 0 && mpq_sgn(b) == 0) ok = false;
            if (ok) {
                mpq_set_si(out, 1, 1);
                for (int k = 0; k < (q.num < 0 ? -q.num : q.num); ++k) mpq_mul(out, out, b);
                if (q.num < 0) mpq_inv(out, out);
            }
            mpq_clear(b);
            return ok;
        }
        default: return false;
    }
}

//! Whether two constant expressions are equal: structurally, exactly (GMP rationals), or
//! certainly different (disjoint enclosures); empty when undecided.
inline std::optional<bool> same_constant(const expr& a, const expr& b) {
    if (a == b) return true;
    const expr diff = a - b;
    mpq_t q;
    mpq_init(q);
    const bool exact = exact_constant(diff, diff.root(), q);
    const int sign = mpq_sgn(q);
    mpq_clear(q);
    if (exact) return sign == 0;
    const interval v = enclose(diff, box_interval(0, 0, 512));
    if (v.positive() || v.negative()) return false;
    return std::nullopt;
}

//! When every x in f sits inside sin/cos(a·x + b) with rational a: the gcd g of the a's
//! (f is then 2π/g-periodic). Empty otherwise.
inline std::optional<rational> trig_frequency(const expr& f) {
    bool ok = true;
    bool any = false;
    rational g{0, 1};
    const auto gcd128 = [](int128 a, int128 b) {
        if (a < 0) a = -a;
        if (b < 0) b = -b;
        while (b != 0) {
            const int128 t = a % b;
            a = b;
            b = t;
        }
        return a;
    };
    // Walk the tree from the root: a path to x must pass through sin or cos.
    std::vector<int> trig;
    std::vector<std::pair<int, bool>> stack{{f.root(), false}};
    while (!stack.empty()) {
        const auto [i, inside] = stack.back();
        stack.pop_back();
        const node& n = f.nodes[i];
        if (n.kind == op::variable && !inside) ok = false;
        const bool is_trig = n.kind == op::sin || n.kind == op::cos;
        if (is_trig && !inside) trig.push_back(i);
        if (!is_trig || inside)
            for (int k = 0; k < n.count; ++k) stack.push_back({f.child(i, k), inside});
    }
    for (const int i : trig) {
        const expr arg = compact(f, f.child(i, 0));
        const expr slope = d(arg);
        if (!is_number_expr(slope)) {
            ok = false;
            continue;
        }
        const rational a = slope.constants[0];
        if (a.num == 0) continue;
        // gcd of rationals p/q and r/s: gcd(p·s, r·q)/(q·s), reduced
        if (!any) {
            g = {a.num < 0 ? -a.num : a.num, a.den};
        } else {
            const int128 num = gcd128(g.num * a.den, a.num * g.den);
            const int128 den = g.den * a.den;
            const int128 c = gcd128(num, den);
            g = {num / c, den / c};
        }
        any = true;
    }

    if (!ok || !any) return std::nullopt;
    return g;
}

//! An upper bound on the period 2π/g proved by trig_frequency, or empty.
inline std::optional<double> structural_period(const expr& f) {
    const auto g = trig_frequency(f);
    if (!g) return std::nullopt;
    return 2 * 3.14159265358979324 * static_cast<double>(g->den) / static_cast<double>(g->num) *
           (1 + 1e-12);
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

inline std::string point_text(double t) {
    std::ostringstream s;
    s.precision(17);
    s << t;
    return s.str();
}

//! "f → L at −∞ but f(t) ≠ L": a non-constant polynomial has no finite limit (asymptotic
//! expansion, exact), so f is not one.
inline std::optional<std::string> finite_limit_witness(const expr& f);

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

inline std::optional<std::string> finite_limit_witness(const expr& f) {
    const auto t = nonconstant_witness(f);
    if (!t) return std::nullopt;
    for (const bool right : {false, true}) {
        const auto b = asymptotic::behaviour(f, right);
        if (b.known && b.limit_infinite == 0)
            return "f has the finite limit " + to_text(b.limit) + " at " +
                   (right ? "+inf" : "-inf") + " and is not constant (f(" + point_text(*t) +
                   ") != f(0)); a non-constant polynomial tends to +-inf";
    }
    return std::nullopt;
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
    // A root at exactly 0 (g(0) folds to 0) has no relative accuracy to agree on.
    if (a <= 0 && 0 <= b && is_zero_form(compose(g, expr(0)))) {
        mpfr_set_zero(r.lo_value, 1);
        mpfr_set_zero(r.hi_value, 1);
    }
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

//! "undecided: [a, b], [c, d] and 12 more boxes (…% of [lo, hi])": a bounded summary.
inline std::string undecided_text(const std::vector<root_box>& boxes) {
    std::string out = "no proof on " + std::to_string(boxes.size()) + " box" +
                      (boxes.size() == 1 ? "" : "es") + ":";
    for (std::size_t k = 0; k < boxes.size() && k < 4; ++k)
        out += std::string(k ? "," : "") + " [" + point_text(boxes[k].lo) + ", " +
               point_text(boxes[k].hi) + "]";
    if (boxes.size() > 4) out += ", ...";
    return out;
}

//! f^(k)(x*)/k! at the two precisions, for k = 1..6.
struct taylor_coefficients {
    std::vector<mpfr_number> lo, hi;
};

inline taylor_coefficients taylor_at(const expr& f, mpfr_srcptr at_lo, mpfr_srcptr at_hi,
                                     int digits, int order) {
    taylor_coefficients t;
    expr g = f;
    mpfr_number factorial(64);
    mpfr_set_ui(factorial, 1, MPFR_RNDN);
    for (int k = 1; k <= order; ++k) {
        try {
            g = d(g);
        } catch (const error&) {
            break;  // beyond the expression capacity: fewer coefficients
        }
        mpfr_mul_ui(factorial, factorial, static_cast<unsigned long>(k), MPFR_RNDN);
        mpfr_evaluator lo(g, working_bits(digits)), hi(g, check_bits(digits));
        mpfr_number a(working_bits(digits)), b(check_bits(digits));
        mpfr_div(a, lo(at_lo), factorial, MPFR_RNDN);
        mpfr_div(b, hi(at_hi), factorial, MPFR_RNDN);
        t.lo.push_back(std::move(a));
        t.hi.push_back(std::move(b));
    }
    return t;
}

//! How the iterates approach an attracting (or one-sided attracting neutral) fixed point
//! x* of the smooth piece f: geometric with ratio |f′(x*)|; of order k when f′(x*) = … =
//! f^(k−1)(x*) = 0; algebraic when f′(x*) = 1: with c_k the first nonzero Taylor
//! coefficient beyond the linear one, e_(n+1) = e_n + c_k e_n^k + … gives
//! e_n ~ ±(C/n)^(1/(k−1)), C = 1/((k−1)|c_k|) (tanh: k = 3, c_3 = −1/3, x_n ~ √(1.5/n)).
inline std::string convergence_law(const expr& f, mpfr_srcptr at_lo, mpfr_srcptr at_hi,
                                   const fixed_point_report& fp, int digits) {
    const bool attracting = fp.stability == "attracting";
    const bool neutral =
        fp.stability == "neutral" && fp.note.find("attracting") != std::string::npos;
    if (!attracting && !neutral) return "";
    const int shown = std::min(digits, 20);
    // f′(x*) alone decides a geometric rate; higher orders only when it is 0 or ±1.
    const bool unit = fp.derivative.text == "0" || fp.derivative.text == "1";
    const taylor_coefficients t = taylor_at(f, at_lo, at_hi, digits, unit ? 6 : 1);
    const int available = static_cast<int>(t.lo.size());
    if (available == 0) return "";
    const auto is_zero = [&](int k) {  // Taylor coefficient k (1-based) is 0 at both precisions
        return mpfr_zero_p(t.lo[static_cast<std::size_t>(k - 1)]) &&
               mpfr_zero_p(t.hi[static_cast<std::size_t>(k - 1)]);
    };
    const auto first_nonzero = [&](int from) {
        for (int k = from; k <= available; ++k) {
            if (is_zero(k)) continue;
            return agree(t.lo[static_cast<std::size_t>(k - 1)],
                         t.hi[static_cast<std::size_t>(k - 1)], shown)
                           .known()
                       ? k
                       : 0;
        }
        return 0;
    };
    if (attracting) {
        if (!is_zero(1)) {
            const bool alternating = mpfr_sgn(static_cast<mpfr_srcptr>(t.hi[0])) < 0;
            mpfr_number a(working_bits(digits)), b(check_bits(digits));
            mpfr_abs(a, t.lo[0], MPFR_RNDN);
            mpfr_abs(b, t.hi[0], MPFR_RNDN);
            return "geometric: |x_n - x*| ~ C*" + agree(a, b, shown).text + "^n" +
                   (alternating ? " (alternating sides)" : "");
        }
        const int k = first_nonzero(2);
        if (k == 0) return "superlinear (f'(x*) = 0)";
        return "order " + std::to_string(k) + ": x_(n+1) - x* ~ " +
               agree(t.lo[static_cast<std::size_t>(k - 1)], t.hi[static_cast<std::size_t>(k - 1)],
                     shown)
                   .text +
               "*(x_n - x*)^" + std::to_string(k);
    }
    // Neutral, f'(x*) = 1.
    const int k = first_nonzero(2);
    if (k == 0) return "";
    mpfr_number a(working_bits(digits)), b(check_bits(digits));
    const auto c_of = [&](mpfr_number& out, const mpfr_number& ck) {
        mpfr_abs(out, ck, MPFR_RNDN);
        mpfr_mul_ui(out, out, static_cast<unsigned long>(k - 1), MPFR_RNDN);
        mpfr_ui_div(out, 1, out, MPFR_RNDN);
    };
    c_of(a, t.lo[static_cast<std::size_t>(k - 1)]);
    c_of(b, t.hi[static_cast<std::size_t>(k - 1)]);
    const std::string root = k == 2 ? "" : "^(1/" + std::to_string(k - 1) + ")";
    const bool negative =
        mpfr_sgn(static_cast<mpfr_srcptr>(t.hi[static_cast<std::size_t>(k - 1)])) < 0;
    // e_n → 0 from the side where c_k e^k has the sign opposite to e.
    const std::string side = k % 2 == 1 ? (negative ? "+-" : "") : (negative ? "+" : "-");
    if (side.empty()) return "";
    return "algebraic: x_n - x* ~ " + side + "(" + agree(a, b, shown).text + "/n)" + root +
           (k % 2 == 1 ? "" : (negative ? " (from the right)" : " (from the left)"));
}

//! One candidate for an extremum: its value at both precisions, where, and whether it is a
//! value of the function (attained) or only approached (a one-sided or infinite limit).
struct candidate {
    mpfr_number lo{64}, hi{64};
    decimal arg;
    bool attained = false;
    double where = 0;  //!< the argument, to prefer the one nearest 0 among equal values
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
    c.where = mpfr_get_d(at_hi, MPFR_RNDN);
    c.attained = attained;
    return c;
}

inline candidate value_candidate(const expr& h, double t, int digits, bool attained) {
    mpfr_number a(working_bits(digits)), b(check_bits(digits));
    mpfr_set_d(a, t, MPFR_RNDN);
    mpfr_set_d(b, t, MPFR_RNDN);
    return value_candidate(h, a, b, digits, attained);
}

//! An enclosure [lo, hi] of an exact value (a limit, f at a cut) as a candidate; empty when
//! the enclosure is not finite.
inline std::optional<candidate> enclosed_candidate(const interval& v, int digits, decimal arg,
                                                   double where, bool attained) {
    if (!v.valid() || !mpfr_number_p(v.lower()) || !mpfr_number_p(v.upper())) return std::nullopt;
    candidate c;
    c.lo = mpfr_number(check_bits(digits));
    c.hi = mpfr_number(check_bits(digits));
    mpfr_set(c.lo, v.lower(), MPFR_RNDD);
    mpfr_set(c.hi, v.upper(), MPFR_RNDU);
    c.arg = std::move(arg);
    c.where = where;
    c.attained = attained;
    return c;
}

//! The exact value of a constant expression (f composed with a rational) as a candidate.
inline std::optional<candidate> exact_candidate(const expr& value, int digits, decimal arg,
                                                double where, bool attained) {
    return enclosed_candidate(enclose(value, box_interval(0, 0, check_bits(digits))), digits,
                              std::move(arg), where, attained);
}

//! The limit of h at +inf (right) or −inf as a candidate: an enclosure of h over
//! [2^40, inf) (mirrored) narrow enough to show digits. The enclosure is computed at 8×
//! the check precision, so a limit of 0 shows as an enclosure within 2^(−8·check bits) of
//! 0 and is shown as 0. Empty when not pinned down.
inline std::optional<candidate> tail_limit(const expr& h, bool right, int digits) {
    const auto b = asymptotic::behaviour(h, right);
    if (b.known && b.limit_infinite != 0) return std::nullopt;  // h → ±∞: no finite limit
    if (b.known) {
        // The exact limit (a constant expression), enclosed at the check precision.
        auto c = exact_candidate(b.limit, digits, {right ? "inf" : "-inf", 0},
                                 right ? HUGE_VAL : -HUGE_VAL, false);
        if (c && agree(c->lo, c->hi, digits).known()) return c;
    }
    const double inf = std::numeric_limits<double>::infinity();
    const double big = right ? 0x1p40 : -0x1p40;
    const mpfr_prec_t bits = 8 * check_bits(digits) + 64;
    const interval limit =
        enclose(h, right ? box_interval(big, inf, bits) : box_interval(-inf, big, bits));
    if (!limit.valid() || !mpfr_number_p(limit.lower()) || !mpfr_number_p(limit.upper()))
        return std::nullopt;
    candidate c;
    c.lo = mpfr_number(check_bits(digits));
    c.hi = mpfr_number(check_bits(digits));
    mpfr_set(c.lo, limit.lower(), MPFR_RNDD);
    mpfr_set(c.hi, limit.upper(), MPFR_RNDU);
    const long tiny = -static_cast<long>(8 * check_bits(digits));
    if (mpfr_cmp_si_2exp(limit.upper(), 1, tiny) < 0 &&
        mpfr_cmp_si_2exp(limit.lower(), -1, tiny) > 0) {
        mpfr_set_zero(c.lo, 1);
        mpfr_set_zero(c.hi, 1);
    }
    if (!agree(c.lo, c.hi, digits).known()) return std::nullopt;
    c.arg = {right ? "inf" : "-inf", 0};
    c.attained = false;
    return c;
}

//! The limit of h at ±inf as a decimal: a finite limit (tail_limit), "inf"/"-inf" when
//! h′ ≥ c > 0 or ≤ −c < 0 on the tail beyond 64, or unknown.
inline decimal limit_decimal(const expr& h, bool right, int digits) {
    if (const auto b = asymptotic::behaviour(h, right); b.known && b.limit_infinite != 0)
        return {b.limit_infinite > 0 ? "inf" : "-inf", 0};
    if (const auto c = tail_limit(h, right, digits)) return agree(c->lo, c->hi, digits);
    const double inf = std::numeric_limits<double>::infinity();
    const interval slope =
        enclose(d(h), right ? box_interval(64, inf, 128) : box_interval(-inf, -64, 128));
    if (slope.valid() && (slope.positive() || slope.negative()))
        return {slope.positive() == right ? "inf" : "-inf", 0};
    return {};
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
    std::vector<root_box> undecided_boxes;
    std::string periodic_note;
    bool grows_up = false, grows_down = false;
    interval tails_hull(check_bits(digits));
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
                undecided_boxes.push_back(bx);
            }
        }
        // One-sided values at the cuts, approached from inside the piece.
        for (const auto& cut : {p.lo, p.hi}) {
            if (!cut) continue;
            // The one-sided limit: the piece's own formula at the exact cut.
            auto c = exact_candidate(compose(hp, expr(*cut)), digits,
                                     rational_decimal(*cut, digits), to_double(*cut), false);
            if (c)
                cands.push_back(std::move(*c));
            else
                complete = false;
        }
        // A periodic h (period < 128) takes all its values on [−64, 64]: no tails.
        const auto period = structural_period(hp);
        if (period && *period < 128 && !std::isfinite(a) && !std::isfinite(b)) {
            periodic_note = "; h is periodic (period <= " + point_text(*period) +
                            "), so [-64, 64] holds all its values";
            continue;
        }
        // The tails: an enclosure to bound them, and the limit when it is pinned down.
        for (const bool right : {false, true}) {
            if (right ? std::isfinite(b) : std::isfinite(a)) continue;
            const tail_facts t = tail(hp, right, 64, 3, check_bits(digits));
            interval h(check_bits(digits));
            iv::hull(h, tails_hull, t.hull);
            tails_hull = h;
            // Growth: h → ±inf on a tail (asymptotic expansion).
            grows_up = grows_up || (t.limit.known && t.limit.limit_infinite > 0);
            grows_down = grows_down || (t.limit.known && t.limit.limit_infinite < 0);
            if (auto c = tail_limit(hp, right, digits)) cands.push_back(std::move(*c));
        }
    }
    if (derivative) {
        // f′ at a switching point where f is differentiable (equal one-sided derivatives,
        // no jump): a value of f′, attained there.
        try {
            for (const kink& k : kinks(f)) {
                const auto same_value = same_constant(k.left_value, k.right_value);
                const auto same_slope = same_constant(k.left_derivative, k.right_derivative);
                if (!same_value.value_or(false) || !same_slope.value_or(false)) continue;
                if (!is_number_expr(k.at)) continue;
                const rational at = k.at.constants[0];
                if (auto c = exact_candidate(k.left_derivative, digits,
                                             rational_decimal(at, digits), to_double(at), true))
                    cands.push_back(std::move(*c));
            }
        } catch (const error&) {
            complete = false;
        }
    }
    if (!derivative) {
        try {
            for (const rational& sp : switching_points(f)) {
                // f at the exact switching point (the switch decided exactly), enclosed.
                auto c = exact_candidate(compose(f, expr(sp)), digits, rational_decimal(sp, digits),
                                         to_double(sp), true);
                if (c)
                    cands.push_back(std::move(*c));
                else
                    complete = false;
            }
        } catch (const error&) {
            complete = false;
        }
    }
    if (cands.empty()) {
        if (grows_up) out.sup = {"inf", 0}, out.sup_attained = false;
        if (grows_down) out.inf = {"-inf", 0}, out.inf_attained = false;
        out.reason = grows_up && grows_down ? "grows without bound at both ends"
                                            : "no critical point, cut or finite limit found";
        return out;
    }
    const auto pick = [&](bool want_max) -> const candidate& {
        const candidate* best = &cands.front();
        for (const candidate& c : cands) {
            const int cmp = mpfr_cmp(c.hi, best->hi);
            const bool better = want_max ? cmp > 0 : cmp < 0;
            if (better) best = &c;
        }
        // Attained if an attained candidate has the same value (to the digits shown); of
        // several (a periodic f′), the one nearest 0.
        const candidate* hit = nullptr;
        const decimal value = agree(best->lo, best->hi, digits);
        for (const candidate& c : cands)
            if (c.attained && agree(c.hi, best->hi, digits) == value &&
                (!hit || std::fabs(c.where) < std::fabs(hit->where)))
                hit = &c;
        return hit ? *hit : *best;
    };
    const candidate& top = pick(true);
    const candidate& bottom = pick(false);
#ifdef ACTLAB_DEBUG_EXTREMES
    for (const candidate& c : cands)
        mpfr_printf("cand %.20Rg %.20Rg %d %s\n", (mpfr_srcptr)c.lo, (mpfr_srcptr)c.hi,
                    (int)c.attained, c.arg.text.c_str());
#endif
    out.sup = agree(top.lo, top.hi, digits);
    out.inf = agree(bottom.lo, bottom.hi, digits);
    // Unbounded tails: +-inf only with a growth witness; an unbounded enclosure alone
    // proves nothing.
    if (grows_up) out.sup = {"inf", 0};
    if (grows_down) out.inf = {"-inf", 0};
    // A tail bound beyond the best candidate still proves it when both show the same
    // digits: the true extremum lies between them, and rounding is monotone.
    const auto same_digits = [](mpfr_srcptr bound, const decimal& shown) {
        return shown.known() && shown.digits > 0 &&
               detail::to_decimal(bound, shown.digits) == shown;
    };
    const bool sup_proved =
        complete &&
        (grows_up ||
         (mpfr_number_p(tails_hull.upper()) && (mpfr_cmp(tails_hull.upper(), top.hi) <= 0 ||
                                                same_digits(tails_hull.upper(), out.sup))) ||
         (mpfr_inf_p(tails_hull.upper()) && mpfr_sgn(tails_hull.upper()) < 0));
    const bool inf_proved =
        complete &&
        (grows_down ||
         (mpfr_number_p(tails_hull.lower()) && (mpfr_cmp(tails_hull.lower(), bottom.hi) >= 0 ||
                                                same_digits(tails_hull.lower(), out.inf))) ||
         (mpfr_inf_p(tails_hull.lower()) && mpfr_sgn(tails_hull.lower()) > 0));
    if (!sup_proved && !grows_up) out.sup = {};
    if (!inf_proved && !grows_down) out.inf = {};
    // Proved by shown digits only, with a tail bound beyond an attained candidate: the tail
    // might go past it by less than the last digit, so where the sup is attained is open.
    const bool sup_by_digits =
        !grows_up && mpfr_number_p(tails_hull.upper()) && mpfr_cmp(tails_hull.upper(), top.hi) > 0;
    const bool inf_by_digits = !grows_down && mpfr_number_p(tails_hull.lower()) &&
                               mpfr_cmp(tails_hull.lower(), bottom.hi) < 0;
    if (out.sup.text == "inf") {
        out.sup_attained = false;
    } else if (sup_proved && !(sup_by_digits && top.attained)) {
        out.sup_attained = top.attained;
        if (top.attained) out.argsup = top.arg;
    }
    if (out.inf.text == "-inf") {
        out.inf_attained = false;
    } else if (inf_proved && !(inf_by_digits && bottom.attained)) {
        out.inf_attained = bottom.attained;
        if (bottom.attained) out.arginf = bottom.arg;
    }
    out.reason =
        std::string(sup_proved ? "sup proved" : "sup numerical (global bound not proved)") + "; " +
        (inf_proved ? "inf proved" : "inf numerical (global bound not proved)") +
        ": candidates are the critical points on every smooth piece (roots of the "
        "derivative isolated by interval arithmetic), the values at the cuts and the "
        "limits at +-inf; tails beyond |x| = 64 bounded by monotone enclosures" +
        (undecided_boxes.empty() ? "" : "; critical points: " + undecided_text(undecided_boxes)) +
        periodic_note;
    return out;
}

//! Open intervals where f′ ≡ 0: the pieces on which f is constant.
inline void dead_regions(analysis_report& r, const std::vector<actlab::piece>& ps, int digits) {
    std::vector<std::pair<std::optional<rational>, std::optional<rational>>> runs;
    for (const actlab::piece& p : ps) {
        // Each constant piece on its own: a cut between two of them is a jump or a kink.
        if (is_zero_form(d(p.f))) runs.push_back({p.lo, p.hi});
    }
    for (const auto& [lo, hi] : runs)
        r.dead_regions.push_back({end_decimal(lo, true, digits), end_decimal(hi, false, digits)});
}

//! Periodicity. Proved when every x sits in sin/cos arguments a·x + b with rational a:
//! then T = 2π/gcd(a) is a period, and the fundamental one is T/k for the one k ≥ 1 not
//! excluded by a witness (k ≤ T·sup|f′|/(2·(sup f − inf f)): over a period f travels from
//! its inf to its sup and back). Refuted by a finite limit at ±inf with f ≠ that limit
//! somewhere, by unbounded growth of a continuous f, by strict monotonicity, or by a
//! finite, nonzero number of kinks.
inline void periodicity(analysis_report& r, const expr& f) {
    r.periodic = {proof_status::unknown, "no proof and no witness"};
    if (r.monotone == "increasing" || r.monotone == "decreasing") {
        r.periodic = {proof_status::refuted, "strictly monotone"};
        return;
    }
    if (r.monotone == "constant") {
        r.periodic = {proof_status::proved,
                      "constant: every T > 0 is a period, none is fundamental"};
        return;
    }
    if (!r.kinks.empty()) {
        r.periodic = {proof_status::refuted,
                      "finitely many switching points (the first at x = " + r.kinks.front().x.text +
                          "); a periodic f would repeat them"};
        return;
    }
    if (r.bounded_above.status == proof_status::refuted ||
        r.bounded_below.status == proof_status::refuted) {
        r.periodic = {proof_status::refuted, "unbounded (" +
                                                 (r.bounded_above.status == proof_status::refuted
                                                      ? r.bounded_above.reason
                                                      : r.bounded_below.reason) +
                                                 "); a continuous periodic function is bounded"};
        return;
    }
    for (const bool right : {false, true}) {
        const auto lim = tail_limit(f, right, 20);
        if (!lim) continue;
        for (const double t : probe_points()) {
            const interval v = enclose(f, box_interval(t, t, 256));
            if (!v.valid()) continue;
            if (mpfr_less_p(v.upper(), lim->lo) || mpfr_greater_p(v.lower(), lim->hi)) {
                r.periodic = {proof_status::refuted,
                              std::string("f has the limit ") + agree(lim->lo, lim->hi, 20).text +
                                  " at " + (right ? "+inf" : "-inf") + " but f(" + point_text(t) +
                                  ") differs from it; a periodic f with a limit is constant"};
                return;
            }
        }
    }
    // The structural proof: x only inside sin/cos(a·x + b), a rational.
    const std::optional<rational> frequency = trig_frequency(f);
    if (!frequency) return;
    const rational g = *frequency;
    // T = 2π/g; the fundamental period divides it.
    const int shown = std::max(r.digits, 1);
    interval T(working_bits(shown) + 64), Tc(check_bits(shown));
    for (interval* v : {&T, &Tc}) {
        interval q(v->precision()), pi2(v->precision());
        iv::set_rational(q, rational{2 * g.den, g.num});
        mpfr_const_pi(pi2.lower(), MPFR_RNDD);
        mpfr_const_pi(pi2.upper(), MPFR_RNDU);
        iv::mul(*v, q, pi2);
    }
    // Witnesses against T/k, k = 2..8 (the bound above keeps k small for the catalogue).
    int fundamental = 1;
    for (int k = 2; k <= 8; ++k) {
        interval shift(256), step(256);
        iv::set_rational(step, rational{2 * g.den, g.num * k});
        interval pi(256);
        mpfr_const_pi(pi.lower(), MPFR_RNDD);
        mpfr_const_pi(pi.upper(), MPFR_RNDU);
        iv::mul(shift, step, pi);
        bool excluded = false;
        for (const double t : probe_points()) {
            interval at(256), moved(256);
            mpfr_set_d(at.lower(), t, MPFR_RNDN);
            mpfr_set_d(at.upper(), t, MPFR_RNDN);
            iv::add(moved, at, shift);
            const interval a = enclose(f, at), b = enclose(f, moved);
            if (a.valid() && b.valid() &&
                (mpfr_less_p(a.upper(), b.lower()) || mpfr_less_p(b.upper(), a.lower()))) {
                excluded = true;
                break;
            }
        }
        if (!excluded) {
            fundamental = 0;
            break;
        }
    }
    // k beyond 8: over a period f must rise from inf to sup and come back, so
    // period ≥ 2·(sup − inf)/sup|f′|; the catalogue's bounded trigonometric activations
    // have sup − inf = 2 and sup|f′| = 1, so k ≤ T/4 < 8.
    bool bound_ok = false;
    if (fundamental == 1 && r.range.sup.known() && r.range.inf.known() &&
        r.derivative_range.sup.known() && r.derivative_range.inf.known()) {
        mpfr_number lo(64), hi(64), dlo(64), dhi(64), m(64), k(64);
        mpfr_set_str(hi, r.range.sup.text.c_str(), 10, MPFR_RNDD);
        mpfr_set_str(lo, r.range.inf.text.c_str(), 10, MPFR_RNDU);
        mpfr_set_str(dhi, r.derivative_range.sup.text.c_str(), 10, MPFR_RNDU);
        mpfr_set_str(dlo, r.derivative_range.inf.text.c_str(), 10, MPFR_RNDD);
        mpfr_abs(dlo, dlo, MPFR_RNDU);
        mpfr_max(m, dhi, dlo, MPFR_RNDU);
        mpfr_sub(hi, hi, lo, MPFR_RNDD);  // sup − inf (rounded down, slightly below)
        // the sup/inf text is rounded to its digits: shave a relative 1e-15 for safety
        mpfr_mul_d(hi, hi, 1 - 1e-15, MPFR_RNDD);
        if (mpfr_sgn(static_cast<mpfr_srcptr>(hi)) > 0) {
            mpfr_mul(k, Tc.upper(), m, MPFR_RNDU);
            mpfr_div(k, k, hi, MPFR_RNDU);
            mpfr_div_ui(k, k, 2, MPFR_RNDU);
            bound_ok = mpfr_cmp_ui(k, 9) < 0;
        }
    }
    if (fundamental == 1 && bound_ok) {
        r.period = agree(T.upper(), Tc.upper(), r.digits);
        r.periodic = {proof_status::proved,
                      "x occurs only in sin/cos arguments a*x + b with a in (" +
                          std::to_string(static_cast<long long>(g.num)) + "/" +
                          std::to_string(static_cast<long long>(g.den)) + ")Z, so 2*pi/" +
                          std::to_string(static_cast<long long>(g.num)) +
                          (g.den == 1 ? "" : "*" + std::to_string(static_cast<long long>(g.den))) +
                          " is a period; T/k for k = 2..8 refuted by witnesses, larger k by "
                          "period >= 2*(sup f - inf f)/sup|f'|"};
    } else {
        r.periodic = {proof_status::proved,
                      "x occurs only in sin/cos arguments a*x + b with rational a; the "
                      "fundamental period (a divisor of the one found) is undecided"};
        r.period = {};
    }
}

//! 2-cycles: roots of f(f(x)) − x that are not fixed points, paired as {p, f(p)}. A
//! non-decreasing f has none (p < q = f(p) would give q = f(p) ≤ f(q) = p).
inline void two_cycles(analysis_report& r, const expr& f, const expr& ff, int digits) {
    if (r.monotone == "increasing" || r.monotone == "non-decreasing" || r.monotone == "constant") {
        r.two_cycles_complete = {proof_status::proved,
                                 "f is non-decreasing: p < q = f(p) would give q = f(p) <= f(q) "
                                 "= p, so there is no 2-cycle"};
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
    std::vector<std::pair<mpfr_number, mpfr_number>> points;  // (lo, hi precision)
    const mpfr_prec_t hb = check_bits(digits);
    for (const actlab::piece& p : ps) {
        const expr g = p.f - x;
        if (is_zero_form(g)) {
            r.two_cycles_complete = {proof_status::unknown,
                                     "f(f(x)) = x on a whole interval: not listed"};
            return;
        }
        for (const root_box& bx : isolate_roots(g, piece_end(p.lo, true), piece_end(p.hi, false))) {
            if (bx.status == box_status::undecided) {
                undecided.push_back(bx);
                continue;
            }
            if (bx.status == box_status::zero) {
                if (!certainly_differ(f, x, bx.lo)) continue;  // a fixed point
                mpfr_number a(working_bits(digits)), b(hb);
                mpfr_set_d(a, bx.lo, MPFR_RNDN);
                mpfr_set_d(b, bx.lo, MPFR_RNDN);
                points.push_back({std::move(a), std::move(b)});
                continue;
            }
            const refined_root rr = refine_root(g, bx.lo, bx.hi, digits);
            const interval fx = enclose(f - x, rr.box);
            if (!fx.valid() || (!fx.positive() && !fx.negative())) continue;  // fixed (or unsure)
            mpfr_number a(working_bits(digits)), b(hb);
            mpfr_set(a, rr.lo_value, MPFR_RNDN);
            mpfr_set(b, rr.hi_value, MPFR_RNDN);
            points.push_back({std::move(a), std::move(b)});
        }
    }
    mpfr_evaluator flo(f, working_bits(digits)), fhi(f, hb);
    for (const auto& [a, b] : points) {
        mpfr_number qa(working_bits(digits)), qb(hb);
        mpfr_set(qa, flo(a), MPFR_RNDN);
        mpfr_set(qb, fhi(b), MPFR_RNDN);
        if (mpfr_cmp(b, qb) >= 0) continue;  // list each cycle once, from its smaller point
        r.two_cycles.push_back({agree(a, b, digits), agree(qa, qb, digits)});
    }
    if (undecided.empty())
        r.two_cycles_complete = {proof_status::proved,
                                 "roots of f(f(x)) - x isolated by interval arithmetic on every "
                                 "piece; those with f(x) != x listed"};
    else
        r.two_cycles_complete = {proof_status::unknown, undecided_text(undecided)};
}

//! sup|f′| and inf|f′| over ℝ, and what they mean for a chain of L layers.
inline void gradient_bounds(analysis_report& r, int digits) {
    const extremum_report& e = r.derivative_range;
    if (!e.inf.known() || !e.sup.known()) {
        r.gradient_note = "the range of f' is not known, so no depth bounds";
        return;
    }
    const auto abs_text = [](const decimal& v) {
        decimal a = v;
        if (!a.text.empty() && a.text[0] == '-') a.text.erase(0, 1);
        return a;
    };
    const bool lo_neg = e.inf.text[0] == '-', hi_neg = e.sup.text[0] == '-';
    const decimal a_lo = abs_text(e.inf), a_hi = abs_text(e.sup);
    // sup|f′| = max(|inf f′|, |sup f′|).
    if (e.inf.text == "-inf" || e.sup.text == "inf") {
        r.sup_abs_derivative = {"inf", 0};
    } else {
        mpfr_number p(working_bits(digits) + 64), q(working_bits(digits) + 64);
        mpfr_set_str(p, a_lo.text.c_str(), 10, MPFR_RNDN);
        mpfr_set_str(q, a_hi.text.c_str(), 10, MPFR_RNDN);
        r.sup_abs_derivative = mpfr_cmp(p, q) > 0 ? a_lo : a_hi;
    }
    // inf|f′|: 0 when f′ takes both signs or reaches 0; else the end nearer 0.
    if (lo_neg != hi_neg || e.inf.text == "0" || e.sup.text == "0")
        r.inf_abs_derivative = {"0", 0};
    else
        r.inf_abs_derivative = lo_neg ? a_hi : a_lo;
    // 1/v and v^L from a shown decimal v with d digits: relative error ≈ L·10^−d, so
    // d − ⌈log10 L⌉ − 1 digits of the power are right.
    const auto from_text = [&](const decimal& v, bool invert, int power) -> decimal {
        if (!v.known() || v.text == "inf" || v.text == "-inf") return {};
        const mpfr_prec_t bits = working_bits(digits) + 64;
        mpfr_number m(bits);
        mpfr_set_str(m, v.text.c_str(), 10, MPFR_RNDN);
        if (mpfr_zero_p(m)) return invert ? decimal{} : decimal{"0", 0};
        if (invert) mpfr_ui_div(m, 1, m, MPFR_RNDN);
        if (power > 1) mpfr_pow_ui(m, m, static_cast<unsigned long>(power), MPFR_RNDN);
        const int shown = std::min(v.digits, digits) -
                          (power > 1 ? static_cast<int>(std::ceil(std::log10(power))) + 1 : 0);
        if (shown < 1) return {};
        return to_decimal(m, shown);
    };
    r.vanishing_weight = from_text(r.sup_abs_derivative, true, 1);
    r.non_vanishing_weight = from_text(r.inf_abs_derivative, true, 1);
    for (const int L : {10, 100, 1000})
        r.depth_bounds.push_back({L, from_text(r.inf_abs_derivative, false, L),
                                  r.sup_abs_derivative.text == "inf"
                                      ? decimal{"inf", 0}
                                      : from_text(r.sup_abs_derivative, false, L)});
    const std::string s = r.sup_abs_derivative.text, i = r.inf_abs_derivative.text;
    r.gradient_note = "for a chain x_(k+1) = w*f(x_k) of L layers, |dx_L/dx_0| lies between (|w|*" +
                      i + ")^L and (|w|*" + s + ")^L";
    if (s != "inf" && s != "0")
        r.gradient_note += "; it must vanish (geometrically) for |w| < 1/" + s;
    if (i == "0")
        r.gradient_note += "; no weight scale rules out vanishing, since inf|f'| = 0";
    else
        r.gradient_note += "; it cannot vanish for |w| >= 1/" + i + " (every factor |w f'| >= 1)";
}

}  // namespace detail

//! analyze() without the range check of digits and without the context added to errors.
inline analysis_report analyze_unchecked(const expr& f0, int digits) {
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
    std::string smoothness_break;  // where a derivative first jumps (finite smoothness)
    bool jumps_up = false, jumps_down = false;  // f jumps (monotonically) up / down somewhere
    std::string jump_up_at, jump_down_at;
    for (const kink& k : ks) {
        const auto same_value = detail::same_constant(k.left_value, k.right_value);
        const auto same_slope = detail::same_constant(k.left_derivative, k.right_derivative);
        if (!same_value || (*same_value && !same_slope)) kinks_known = false;
        if (same_value.value_or(false) && same_slope.value_or(false)) continue;
        kink_report kr;
        kr.x = detail::rational_decimal(k.at.constants[0], digits);
        const auto side = [&](const expr& v) {
            return detail::is_number_expr(v) ? detail::rational_decimal(v.constants[0], digits)
                                             : detail::value_at(v, 0.0, digits);
        };
        kr.left_derivative = side(k.left_derivative);
        kr.right_derivative = side(k.right_derivative);
        kr.jump = !same_value.value_or(true);
        if (kr.jump) {
            // Which way f jumps, and whether f(s) lies between the one-sided values.
            const interval up =
                enclose(k.right_value - k.left_value, detail::box_interval(0, 0, 256));
            const rational s0 = k.at.constants[0];
            const interval mid_lo =
                enclose(compose(f, expr(s0)) - k.left_value, detail::box_interval(0, 0, 256));
            const interval mid_hi =
                enclose(k.right_value - compose(f, expr(s0)), detail::box_interval(0, 0, 256));
            const auto nonneg_iv = [](const interval& v) {
                return v.valid() && mpfr_sgn(v.lower()) >= 0;
            };
            const auto nonpos_iv = [](const interval& v) {
                return v.valid() && mpfr_sgn(v.upper()) <= 0;
            };
            if (up.positive() && nonneg_iv(mid_lo) && nonneg_iv(mid_hi))
                jumps_up = true;
            else if (up.negative() && nonpos_iv(mid_lo) && nonpos_iv(mid_hi))
                jumps_down = true;
            else
                jumps_up = jumps_down = true;  // undecided or f(s) outside: no monotone claim
            if (up.positive()) jump_up_at = kr.x.text;
            if (up.negative()) jump_down_at = kr.x.text;
        }
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
        for (int k = 1; k <= 4 && order < 0 && !ks.empty(); ++k) {
            g = d(g);
            for (const kink& kk : kinks(g)) {
                const auto same_value = detail::same_constant(kk.left_value, kk.right_value);
                const auto same_slope =
                    detail::same_constant(kk.left_derivative, kk.right_derivative);
                if (!same_value || !same_slope) continue;  // undecided: no claim
                if (*same_value && *same_slope) continue;
                order = *same_value ? k : k - 1;
                smoothness_break =
                    "the derivative of order " + std::to_string(*same_value ? k + 1 : k) +
                    " jumps at x = " + detail::rational_decimal(kk.at.constants[0], 17).text;
                break;
            }
        }
        r.smoothness =
            order >= 0 ? "C" + std::to_string(order) : (ks.empty() ? "C-infinity" : "at least C4");
    }

    // Polynomial, linear, affine, universal approximation.
    r.polynomial_degree = detail::structural_degree(f, f.root());
    // Tails on the outermost pieces, where every switch is decided.
    std::vector<piece> ps;
    try {
        ps = pieces(f);
    } catch (const error&) {
    }
    const expr f_left = ps.empty() ? f : ps.front().f, f_right = ps.empty() ? f : ps.back().f;
    const detail::real_line_bounds fb = detail::bounds_over_reals(f, f_left, f_right);
    const detail::real_line_bounds db = detail::bounds_over_reals(df, d(f_left), d(f_right));
    if (r.polynomial_degree) {
        r.polynomial = {proof_status::proved,
                        "built from x and numbers by +, * and integer powers: degree " +
                            std::to_string(*r.polynomial_degree)};
    } else if (has_kink) {
        r.polynomial = {proof_status::refuted, std::string(has_jump ? "a jump" : "a kink") +
                                                   " at x = " + r.kinks.front().x.text +
                                                   "; polynomials are smooth"};
    } else if (!smoothness_break.empty()) {
        r.polynomial = {proof_status::refuted,
                        smoothness_break + " (f is " + r.smoothness + "); polynomials are smooth"};
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
    } else if (const auto lim = detail::finite_limit_witness(f)) {
        r.polynomial = {proof_status::refuted, *lim};
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
        // Leshno et al.'s theorem covers every locally bounded activation whose points of
        // discontinuity have a closure of measure zero: here finitely many jumps between
        // pieces that are defined on all of R (the enclosures over R are valid).
        const bool defined = fb.hull.valid();
        if (r.polynomial.status == proof_status::refuted && kinks_known && !has_jump && defined)
            r.universal_approximator = {proof_status::proved,
                                        "continuous and not a polynomial (" + r.polynomial.reason +
                                            "): Leshno, Lin, Pinkus & Schocken 1993"};
        else if (r.polynomial.status == proof_status::refuted && kinks_known && has_jump && defined)
            r.universal_approximator = {
                proof_status::proved,
                "locally bounded, discontinuous only at finitely many points, and not a.e. a "
                "polynomial (" +
                    r.polynomial.reason + "): Leshno, Lin, Pinkus & Schocken 1993, Theorem 1"};
        else if (!defined)
            r.universal_approximator = {proof_status::unknown,
                                        "f is not finite on all of R (or its enclosure failed)"};
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
        if (r.parity.empty() && detail::zero_by_pieces(reflected + f)) {
            r.parity = "odd";
            r.odd = {proof_status::proved,
                     "f(-x) + f(x) is identically 0 on every piece between the switching points"};
            r.even = {proof_status::unknown, ""};
        } else if (r.parity.empty() && detail::zero_by_pieces(reflected - f)) {
            r.parity = "even";
            r.even = {proof_status::proved,
                      "f(-x) - f(x) is identically 0 on every piece between the switching points"};
            r.odd = {proof_status::unknown, ""};
        } else if (r.parity.empty()) {
            r.even = r.odd = {proof_status::unknown, "no canonical proof and no witness"};
        }
    }

    // Odd and even together mean f ≡ 0: one nonzero value refutes the other parity.
    if (r.parity == "odd" || r.parity == "even") {
        claim& other = r.parity == "odd" ? r.even : r.odd;
        for (const double t : detail::probe_points()) {
            const interval v = enclose(f, detail::box_interval(t, t, 256));
            if (v.positive() || v.negative()) {
                other = {proof_status::refuted,
                         std::string("f is ") + r.parity + " and f(" + detail::point_text(t) +
                             ") != 0, so f(-x) = " + (r.parity == "odd" ? "" : "-") +
                             "f(x) fails at x = " + detail::point_text(t)};
                break;
            }
        }
        if (other.status == proof_status::unknown && other.reason.empty())
            other.reason = "no nonzero value of f found";
    }

    // Monotone: the sign of f′ over ℝ.
    const bool nonneg = mpfr_sgn(db.hull.lower()) >= 0 && db.hull.valid();
    const bool nonpos = mpfr_sgn(db.hull.upper()) <= 0 && db.hull.valid();
    bool constant_piece = false;
    for (const piece& p : ps)
        if (detail::is_zero_form(d(p.f))) constant_piece = true;
    // With jumps, f' alone does not decide: every jump must go the same way as f'.
    const bool up_ok = nonneg && !jumps_down, down_ok = nonpos && !jumps_up;
    if (has_jump && !jump_up_at.empty() && !jump_down_at.empty()) {
        r.monotone = "none";
        r.monotone_claim = {proof_status::refuted,
                            "f jumps up at x = " + jump_up_at + " and down at x = " + jump_down_at};
    } else if (has_jump && !up_ok && !down_ok &&
               ((nonneg && !jump_down_at.empty()) || (nonpos && !jump_up_at.empty()))) {
        r.monotone = "none";
        r.monotone_claim = {proof_status::refuted,
                            nonneg
                                ? "f' >= 0 on every piece but f jumps down at x = " + jump_down_at
                                : "f' <= 0 on every piece but f jumps up at x = " + jump_up_at};
    } else if (up_ok || down_ok) {
        const bool strict = !ps.empty() && !constant_piece;
        r.monotone = up_ok && !down_ok ? (strict ? "increasing" : "non-decreasing")
                                       : (strict ? "decreasing" : "non-increasing");
        if (up_ok && down_ok) r.monotone = "constant";
        r.monotone_claim = {
            proof_status::proved,
            std::string("f' ") + (up_ok ? ">= 0" : "<= 0") + " on an interval enclosure over R" +
                (has_jump ? std::string(", and every jump goes ") + (up_ok ? "up" : "down") : "") +
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
        for (const bool right : {true, false}) {
            const auto b = asymptotic::behaviour(f, right);
            if (b.known && b.limit_infinite == (up ? 1 : -1))
                return std::string("f -> ") + (up ? "+inf" : "-inf") + " as x -> " +
                       (right ? "+inf" : "-inf") + " (asymptotic expansion)";
        }
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
    std::vector<root_box> undecided;
    std::string periodic_family;  // set when f − x is periodic
    const mpfr_prec_t hb = check_bits(digits);
    struct identity_run {
        std::optional<rational> lo, hi;
        bool lo_closed, hi_closed;
    };
    std::vector<identity_run> identity_runs;
    std::vector<rational> inside_runs;  // switching points inside a merged run
    for (const piece& p : ps) {
        const expr g = p.f - x, dp = d(p.f);
        const double a = detail::piece_end(p.lo, true), b = detail::piece_end(p.hi, false);
        if (detail::is_zero_form(g)) {
            const auto fixed_at = [&](const std::optional<rational>& ex) {
                return ex && detail::is_zero_form(compose(f - x, expr(*ex)));
            };
            // Adjacent pieces with f = x meet at a fixed switching point: one interval.
            if (!identity_runs.empty() && identity_runs.back().hi && p.lo &&
                *identity_runs.back().hi == *p.lo && identity_runs.back().hi_closed) {
                inside_runs.push_back(*p.lo);
                identity_runs.back().hi = p.hi;
                identity_runs.back().hi_closed = fixed_at(p.hi);
            } else {
                identity_runs.push_back({p.lo, p.hi, fixed_at(p.lo), fixed_at(p.hi)});
            }
            continue;
        }
        // f − x periodic (x only in sin/cos): its roots repeat with the period, so one
        // window longer than the period holds them all; an even power h^(2k) has the
        // roots of h, which are simple where those of h^(2k) are not.
        const auto period = ps.size() == 1 ? detail::structural_period(g) : std::nullopt;
        expr root_of = g;
        double lo_end = detail::clear_exact_zero(g, p.lo, a, b, true),
               hi_end = detail::clear_exact_zero(g, p.hi, b, a, false);
        if (period && *period < 20) {
            lo_end = -10;
            hi_end = 10;
            periodic_family = "f(x) - x is periodic with period " + detail::point_text(*period) +
                              " (up to rounding: 2*pi/k), so the fixed points are the ones listed "
                              "on [-10, 10] and their translates by multiples of the period";
            const int rt = g.root();
            if (g.nodes[rt].kind == op::pow && detail::is_number(g, g.child(rt, 1))) {
                const rational q = detail::value(g, g.child(rt, 1));
                if (q.den == 1 && q.num >= 2 && q.num % 2 == 0)
                    root_of = detail::compact(g, g.child(rt, 0));
            }
        }
        for (const root_box& bx : isolate_roots(root_of, lo_end, hi_end)) {
            fixed_point_report fp;
            if (bx.status == box_status::undecided) {
                undecided.push_back(bx);
                continue;
            }
            interval where_(hb);
            mpfr_number at_lo(working_bits(digits)), at_hi(hb);
            if (bx.status == box_status::zero) {
                where_ = detail::point_interval(bx.lo, hb);
                fp.x = detail::value_at(x, bx.lo, digits);
                fp.derivative = detail::value_at(dp, bx.lo, digits);
                mpfr_set_d(at_lo, bx.lo, MPFR_RNDN);
                mpfr_set_d(at_hi, bx.lo, MPFR_RNDN);
            } else {
                const detail::refined_root rr = detail::refine_root(root_of, bx.lo, bx.hi, digits);
                fp.x = agree(rr.lo_value, rr.hi_value, digits);
                mpfr_evaluator lo(dp, working_bits(digits)), hi(dp, hb);
                fp.derivative = agree(lo(rr.lo_value), hi(rr.hi_value), digits);
                where_ = rr.box;
                mpfr_set(at_lo, rr.lo_value, MPFR_RNDN);
                mpfr_set(at_hi, rr.hi_value, MPFR_RNDN);
                if (!rr.certified) fp.note = "sign change not certified at the refined point";
            }
            fp.stability = detail::stability_of(enclose(dp, where_));
            if (!(root_of == g)) {
                // g = h^(2k): g′ = 2k·h^(2k−1)·h′ vanishes at the root, so f′(x*) = 1 exactly.
                fp.stability = "neutral";
                fp.derivative = {"1", digits};
            }
            if (fp.stability == "neutral" &&
                (!(root_of == g) || mpfr_cmp_si(enclose(dp, where_).lower(), 1) == 0))
                fp.note = detail::neutral_sides(g, where_);
            fp.convergence = detail::convergence_law(p.f, at_lo, at_hi, fp, digits);
            r.fixed_points.push_back(std::move(fp));
        }
    }
    for (const identity_run& run : identity_runs) {
        r.fixed_intervals.push_back({detail::end_decimal(run.lo, true, digits),
                                     detail::end_decimal(run.hi, false, digits)});
        r.fixed_interval_closed.push_back({run.lo_closed, run.hi_closed});
    }
    if (kinks_known) {
        for (const rational& sp : detail::switching_points(f)) {
            const interval at = detail::point_interval(sp, hb);
            // Exactly: the canonical form of f(s) − s folds to the number 0.
            if (!(compose(f - x, expr(sp)) == expr(0)) && !enclose(f - x, at).is_zero()) continue;
            bool in_interval = false;
            const decimal sx = detail::rational_decimal(sp, digits);
            for (const identity_run& run : identity_runs)
                if ((run.lo && *run.lo == sp) || (run.hi && *run.hi == sp)) in_interval = true;
            for (const rational& q : inside_runs)
                if (q == sp) in_interval = true;
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
                if (fp.stability == "neutral" && l == expr(1) && rr == expr(1))
                    fp.note = detail::neutral_sides(f - x, at) + "; " + fp.note;
            }
            if (fp.stability.empty()) fp.stability = detail::stability_of(enclose(df, at));
            // The law on each side, from the piece on that side.
            if (fp.stability == "attracting" || fp.stability == "neutral") {
                mpfr_number a_lo(working_bits(digits)), a_hi(hb);
                mpfr_set(a_lo, at.lower(), MPFR_RNDN);
                mpfr_set(a_hi, at.lower(), MPFR_RNDN);
                std::string laws;
                for (const piece& p : ps) {
                    const bool left = p.hi && *p.hi == sp, right = p.lo && *p.lo == sp;
                    if (!left && !right) continue;
                    fixed_point_report side = fp;
                    const expr slope = compose(d(p.f), expr(sp));
                    side.derivative = detail::is_number_expr(slope)
                                          ? detail::rational_decimal(slope.constants[0], digits)
                                          : decimal{};
                    const std::string law = detail::convergence_law(p.f, a_lo, a_hi, side, digits);
                    if (law.empty()) continue;
                    const bool wrong_side =
                        (left && law.find("(from the right)") != std::string::npos) ||
                        (right && law.find("(from the left)") != std::string::npos);
                    if (wrong_side) continue;
                    laws +=
                        std::string(laws.empty() ? "" : "; ") + (left ? "left: " : "right: ") + law;
                }
                fp.convergence = laws;
            }
            r.fixed_points.push_back(std::move(fp));
        }
    }
    if (ps.empty())
        r.fixed_points_complete = {proof_status::unknown, "f could not be cut into smooth pieces"};
    else if (undecided.empty() && !periodic_family.empty())
        r.fixed_points_complete = {proof_status::proved,
                                   "roots of f(x) - x isolated by interval arithmetic on "
                                   "[-10, 10]; " +
                                       periodic_family};
    else if (undecided.empty())
        r.fixed_points_complete = {
            proof_status::proved,
            "roots of f(x) - x isolated by interval arithmetic on every smooth piece; "
            "each listed root is unique in its box, the rest of R is root-free"};
    else
        r.fixed_points_complete = {proof_status::unknown, detail::undecided_text(undecided)};

    r.range = detail::extremes(f, ps, false, digits);
    r.derivative_range = detail::extremes(f, ps, true, digits);

    // Idempotence: f∘f = f.
    const expr ff = compose(f, f);
    if (ff == f) {
        r.idempotent = {proof_status::proved, "f(f(x)) and f(x) have the same canonical form"};
    } else {
        // A witness at the probe points first, then the proof piece by piece, then a finer
        // search for a witness on [−4, 4].
        const auto refute_at = [&](double t) {
            if (r.idempotent.status != proof_status::unknown || !detail::certainly_differ(ff, f, t))
                return;
            r.idempotent = {proof_status::refuted, "f(f(" + detail::point_text(t) +
                                                       ")) = " + detail::value_at(ff, t, 12).text +
                                                       " differs from f(" + detail::point_text(t) +
                                                       ") = " + detail::value_at(f, t, 12).text};
        };
        for (const double t0 : detail::probe_points()) {
            refute_at(t0);
            refute_at(-t0);
        }
        if (r.idempotent.status == proof_status::unknown && detail::zero_by_pieces(ff - f))
            r.idempotent = {proof_status::proved,
                            "f(f(x)) - f(x) is identically 0 on every piece between its "
                            "switching points"};
        for (int k = -64; k <= 64; ++k) refute_at(k / 16.0);
    }

    // f′'s proved range can decide monotonicity where the enclosure of f′ could not.
    if (r.monotone_claim.status == proof_status::unknown && !has_jump &&
        r.derivative_range.inf.known() && r.derivative_range.sup.known()) {
        const bool up = r.derivative_range.inf.text[0] != '-';
        const bool down =
            r.derivative_range.sup.text[0] == '-' || r.derivative_range.sup.text == "0";
        if (up || down) {
            const bool strict = !ps.empty() && !constant_piece;
            r.monotone = up ? (strict ? "increasing" : "non-decreasing")
                            : (strict ? "decreasing" : "non-increasing");
            r.monotone_claim = {proof_status::proved,
                                std::string("inf f' = ") + r.derivative_range.inf.text +
                                    ", sup f' = " + r.derivative_range.sup.text + " (proved)" +
                                    (strict ? "; f' is analytic and not identically 0 on each "
                                              "smooth piece, so its zeros are isolated"
                                            : "")};
        }
    }
    detail::dead_regions(r, ps, digits);
    r.derivative_limit_left = detail::limit_decimal(df, false, digits);
    r.derivative_limit_right = detail::limit_decimal(df, true, digits);
    detail::periodicity(r, f);
    try {
        detail::two_cycles(r, f, ff, digits);
    } catch (const error& e2) {
        r.two_cycles.clear();
        r.two_cycles_complete = {proof_status::unknown,
                                 std::string("f(f(x)) - x is beyond reach: ") + e2.what()};
    }
    detail::gradient_bounds(r, digits);
    return r;
}

//! Everything `actlab analyze` reports about f (parameters at their defaults). f must be
//! defined and finite on all of ℝ (an activation); otherwise, and for expressions beyond the
//! capacity, an actlab::error says what failed.
inline analysis_report analyze(const expr& f0, const analysis_options& options = {}) {
    if (options.digits < 1 || options.digits > 1000)
        detail::fail("actlab: analyze: digits must be in 1..1000");
    require_defined_on_reals(f0, "analyze");
    try {
        return analyze_unchecked(f0, options.digits);
    } catch (const error& problem) {
        std::string what = problem.what();
        if (what.rfind("actlab: ", 0) == 0) what.erase(0, 8);
        const bool capacity = what.find("capacity") != std::string::npos;
        throw error("actlab: analyze: " + what +
                    (capacity ? "" : " (an activation must be defined and finite on all of R)"));
    }
}

}  // namespace actlab
