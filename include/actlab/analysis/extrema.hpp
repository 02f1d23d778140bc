// actlab: the range of f and of f′ over ℝ — inf and sup, whether attained and where — the
// limits of f′ at ±∞ and the intervals where f′ ≡ 0 (needs MPFR).
#pragma once

#include <actlab/analysis/asymptotic.hpp>
#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/root_factors.hpp>
#include <actlab/diff/kinks.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace actlab::detail {

//! One candidate for an extremum: its value at both precisions, where, and whether it is a
//! value of the function (attained) or only approached (a one-sided or infinite limit).
struct candidate {
    mpfr_float lo = make_mpfr(64), hi = make_mpfr(64);
    approx arg;
    bool attained = false;
    double where = 0;  //!< the argument, to prefer the one nearest 0 among equal values
};

inline candidate value_candidate(const expr& h, mpfr_srcptr at_lo, mpfr_srcptr at_hi, int digits,
                                 bool attained) {
    const precisions p{digits};
    candidate c;
    mpfr_evaluator lo(h, p.working()), hi(h, p.check());
    c.lo = make_mpfr(p.working());
    c.hi = make_mpfr(p.check());
    mpfr_set(ptr(c.lo), lo(at_lo), MPFR_RNDN);
    mpfr_set(ptr(c.hi), hi(at_hi), MPFR_RNDN);
    c.arg = agree_digits(at_lo, at_hi, digits);
    c.where = mpfr_get_d(at_hi, MPFR_RNDN);
    c.attained = attained;
    return c;
}

inline candidate value_candidate(const expr& h, double t, int digits, bool attained) {
    const precisions p{digits};
    mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
    mpfr_set_d(ptr(a), t, MPFR_RNDN);
    mpfr_set_d(ptr(b), t, MPFR_RNDN);
    return value_candidate(h, ptr(a), ptr(b), digits, attained);
}

//! An enclosure [lo, hi] of an exact value (a limit, f at a cut) as a candidate; empty when
//! the enclosure is not finite.
inline std::optional<candidate> enclosed_candidate(const interval& v, int digits, approx arg,
                                                   double where, bool attained) {
    if (!finite_interval(v)) return std::nullopt;
    const mpfr_prec_t bits = precisions{digits}.check();
    candidate c;
    c.lo = make_mpfr(bits);
    c.hi = make_mpfr(bits);
    mpfr_set(ptr(c.lo), v.lower(), MPFR_RNDD);
    mpfr_set(ptr(c.hi), v.upper(), MPFR_RNDU);
    c.arg = std::move(arg);
    c.where = where;
    c.attained = attained;
    return c;
}

//! The exact value of a constant expression (f composed with a rational) as a candidate.
inline std::optional<candidate> exact_candidate(const expr& value, int digits, approx arg,
                                                double where, bool attained) {
    return enclosed_candidate(enclose(value, box_interval(0, 0, precisions{digits}.check())),
                              digits, std::move(arg), where, attained);
}

//! The limit of h at +inf (right) or −inf as a candidate: the exact limit of the asymptotic
//! expansion, or an enclosure of h over [2^40, inf) (mirrored) narrow enough to show digits.
//! That enclosure is computed at 8× the check precision, so a limit of 0 shows as an
//! enclosure within 2^(−8·check bits) of 0 and is shown as 0. Empty when not pinned down.
inline std::optional<candidate> tail_limit(const expr& h, bool right, int digits) {
    const auto b = asymptotic::behaviour(h, right);
    if (b.known && b.limit_infinite != 0) return std::nullopt;  // h → ±∞: no finite limit
    const approx end = approx::infinity(right ? 1 : -1);
    if (b.known) {
        auto c = exact_candidate(b.limit, digits, end, right ? HUGE_VAL : -HUGE_VAL, false);
        if (c && agree_digits(ptr(c->lo), ptr(c->hi), digits).known()) return c;
    }
    const double inf = std::numeric_limits<double>::infinity();
    const double big = right ? 0x1p40 : -0x1p40;
    const mpfr_prec_t check = precisions{digits}.check();
    const interval limit = enclose(h, right ? box_interval(big, inf, 8 * check + 64)
                                            : box_interval(-inf, big, 8 * check + 64));
    if (!finite_interval(limit)) return std::nullopt;
    candidate c;
    c.lo = make_mpfr(check);
    c.hi = make_mpfr(check);
    mpfr_set(ptr(c.lo), limit.lower(), MPFR_RNDD);
    mpfr_set(ptr(c.hi), limit.upper(), MPFR_RNDU);
    const long tiny = -static_cast<long>(8 * check);
    if (mpfr_cmp_si_2exp(limit.upper(), 1, tiny) < 0 &&
        mpfr_cmp_si_2exp(limit.lower(), -1, tiny) > 0) {
        mpfr_set_zero(ptr(c.lo), 1);
        mpfr_set_zero(ptr(c.hi), 1);
    }
    if (!agree_digits(ptr(c.lo), ptr(c.hi), digits).known()) return std::nullopt;
    c.arg = end;
    c.attained = false;
    return c;
}

//! The limit of h at ±inf: a finite limit (tail_limit), ±∞ when h′ ≥ c > 0 or ≤ −c < 0 on
//! the tail beyond 64, or unknown.
inline approx limit_value(const expr& h, bool right, int digits) {
    if (const auto b = asymptotic::behaviour(h, right); b.known && b.limit_infinite != 0)
        return approx::infinity(b.limit_infinite);
    if (const auto c = tail_limit(h, right, digits))
        return agree_digits(ptr(c->lo), ptr(c->hi), digits);
    const double inf = std::numeric_limits<double>::infinity();
    const interval slope =
        enclose(d(h), right ? box_interval(64, inf, 128) : box_interval(-inf, -64, 128));
    if (slope.valid() && (slope.positive() || slope.negative()))
        return approx::infinity(slope.positive() == right ? 1 : -1);
    return {};
}

//! The candidates for the extrema of h (f, or f′ when `derivative`) and what bounds them.
struct candidate_set {
    std::vector<candidate> cands;
    bool complete = true;
    std::vector<root_box> undecided;
    argument periodic_note;
    bool grows_up = false, grows_down = false;
    interval tails_hull{64};
    //! Critical points found but not yet refined: the box of a simple root of factors[u], a
    //! critical point of functions[h] (refine_critical_points).
    struct pending_root {
        int h = 0, u = 0;
        double lo = 0, hi = 0;
        std::size_t at = 0;  //!< its place in cands (the order decides ties in best_candidate)
    };
    std::vector<pending_root> pending;
    std::vector<expr> functions, factors;
    //! More critical points than max_refined_roots were left after pruning: none refined.
    long too_many = 0;
};

//! Candidates on one piece: critical points, constant pieces, one-sided values at the cuts,
//! limits on the tails.
inline void piece_candidates(candidate_set& s, const actlab::piece& p, bool derivative,
                             int digits) {
    const expr hp = derivative ? d(p.f) : p.f;
    const expr dh = d(hp);
    const double a = piece_end(p.lo, true), b = piece_end(p.hi, false);
    if (dh == expr(0)) {
        const double t = std::isfinite(a) && std::isfinite(b) ? a + (b - a) / 2
                         : std::isfinite(a)                   ? a + 1
                         : std::isfinite(b)                   ? b - 1
                                                              : 0.0;
        s.cands.push_back(value_candidate(hp, t, digits, true));
        return;
    }
    // The critical points: the roots of h′, or, when h′ = c·u^k·… has a power pulled out,
    // the roots of each factor (zero_factors: together exactly the roots of h′; each box is
    // refined on the factor whose simple root it holds), refined later, all pieces at once.
    std::vector<expr> factors = zero_factors(dh);
    if (factors.empty()) factors.push_back(dh);
    s.functions.push_back(hp);
    std::vector<std::pair<root_box, int>> boxes;  // in increasing order, as isolate_roots gives
    root_search_budget budget;                    // one for all the factors
    for (const expr& u : factors) {
        s.factors.push_back(u);
        for (const root_box& bx : isolate_roots(u, a, b, 64, 1e-9, 128, &budget))
            boxes.emplace_back(bx, static_cast<int>(s.factors.size()) - 1);
    }
    // Several factors: their boxes merged in increasing order (one: as isolate_roots gave).
    if (factors.size() > 1)
        std::sort(boxes.begin(), boxes.end(), [](const auto& l, const auto& r) {
            return std::tie(l.first.lo, l.second, l.first.hi) <
                   std::tie(r.first.lo, r.second, r.first.hi);
        });
    for (const auto& [bx, u] : boxes) {
        if (bx.status == box_status::zero) {
            s.cands.push_back(value_candidate(hp, bx.lo, digits, true));
        } else if (bx.status == box_status::root) {
            s.pending.push_back(
                {static_cast<int>(s.functions.size()) - 1, u, bx.lo, bx.hi, s.cands.size()});
        } else if (std::isfinite(bx.lo) && std::isfinite(bx.hi)) {
            s.complete = false;
            s.undecided.push_back(bx);
        }
    }
    // One-sided values at the cuts, approached from inside the piece: the piece's own
    // formula at the exact cut.
    for (const auto& cut : {p.lo, p.hi}) {
        if (!cut) continue;
        auto c = exact_candidate(compose(hp, expr(*cut)), digits, rational_value(*cut, digits),
                                 to_double(*cut), false);
        if (c)
            s.cands.push_back(std::move(*c));
        else
            s.complete = false;
    }
    // A periodic h (period < 128) takes all its values on [−64, 64]: no tails.
    const auto period = structural_period(hp);
    if (period && *period < 128 && !std::isfinite(a) && !std::isfinite(b)) {
        s.periodic_note =
            "; h is periodic (period <= " + cite(*period) + "), so [-64, 64] holds all its values";
        return;
    }
    // The tails: an enclosure to bound them, and the limit when it is pinned down.
    for (const bool right : {false, true}) {
        if (right ? std::isfinite(b) : std::isfinite(a)) continue;
        const tail_facts t = tail(hp, right, 64, 3, precisions{digits}.check());
        interval h(precisions{digits}.check());
        iv::hull(h, s.tails_hull, t.hull);
        s.tails_hull = h;
        s.grows_up = s.grows_up || (t.limit.known && t.limit.limit_infinite > 0);
        s.grows_down = s.grows_down || (t.limit.known && t.limit.limit_infinite < 0);
        if (auto c = tail_limit(hp, right, digits)) s.cands.push_back(std::move(*c));
    }
}

//! The critical points of s.pending that can still be an extremum, enclosed on their boxes
//! (only when there are more than 64; snake's 82 are pruned, its report unchanged).
//! Box i can be dropped when h there lies below another box's lower bound L by more than δ
//! (and above the least upper bound U by more than δ): each box holds a critical point,
//! so sup ≥ L and inf ≤ U, and with δ ten units of the last digit shown, a dropped value
//! cannot show the same digits as the extremum either (best_candidate's tie rule).
inline std::vector<std::size_t> relevant_critical_points(const candidate_set& s, int digits) {
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < s.pending.size(); ++i) keep.push_back(i);
    if (s.pending.size() <= 64) return keep;
    const mpfr_prec_t bits = 128;
    std::vector<interval> e;
    mpfr_float L = make_mpfr(bits), U = make_mpfr(bits), delta = make_mpfr(bits);
    mpfr_set_inf(ptr(L), -1);
    mpfr_set_inf(ptr(U), 1);
    for (const auto& p : s.pending) {
        e.push_back(enclose(s.functions[p.h], box_interval(p.lo, p.hi, bits)));
        if (!finite_interval(e.back())) continue;
        mpfr_max(ptr(L), ptr(L), e.back().lower(), MPFR_RNDD);
        mpfr_min(ptr(U), ptr(U), e.back().upper(), MPFR_RNDU);
    }
    if (!mpfr_number_p(ptr(L)) || !mpfr_number_p(ptr(U))) return keep;
    mpfr_abs(ptr(delta), ptr(L), MPFR_RNDU);
    if (mpfr_cmpabs(ptr(U), ptr(delta)) > 0) mpfr_abs(ptr(delta), ptr(U), MPFR_RNDU);
    mpfr_float unit = make_mpfr(bits);  // 10^(2 − digits), in MPFR: no underflow at 1000 digits
    mpfr_set_ui(ptr(unit), 10, MPFR_RNDN);
    mpfr_pow_si(ptr(unit), ptr(unit), 2 - digits, MPFR_RNDU);
    mpfr_mul(ptr(delta), ptr(delta), ptr(unit), MPFR_RNDU);
    mpfr_float below = make_mpfr(bits), above = make_mpfr(bits);
    mpfr_sub(ptr(below), ptr(L), ptr(delta), MPFR_RNDD);
    mpfr_add(ptr(above), ptr(U), ptr(delta), MPFR_RNDU);
    keep.clear();
    for (std::size_t i = 0; i < s.pending.size(); ++i)
        if (!finite_interval(e[i]) || mpfr_cmp(e[i].upper(), ptr(below)) >= 0 ||
            mpfr_cmp(e[i].lower(), ptr(above)) <= 0)
            keep.push_back(i);
    return keep;
}

//! Refines the pending critical points into candidates. When a box is undecided the range is
//! unknown whatever the candidates (range_end), so only one is refined, to keep the set as
//! it was; more than max_refined_roots relevant ones: the search budget is exhausted, unknown too.
inline void refine_critical_points(candidate_set& s, int digits) {
    if (s.pending.empty()) return;
    std::vector<std::size_t> keep = {0};
    if (s.complete) keep = relevant_critical_points(s, digits);
    if (static_cast<long>(keep.size()) > max_refined_roots) {
        s.too_many = static_cast<long>(keep.size());
        s.complete = false;
        keep.resize(1);
    }
    std::vector<candidate> merged;
    std::size_t next = 0;  // the next old candidate
    for (const std::size_t i : keep) {
        const auto& p = s.pending[i];
        for (; next < p.at && next < s.cands.size(); ++next)
            merged.push_back(std::move(s.cands[next]));
        const refined_root rr = refine_root(s.factors[p.u], p.lo, p.hi, digits);
        merged.push_back(
            value_candidate(s.functions[p.h], ptr(rr.lo_value), ptr(rr.hi_value), digits, true));
    }
    for (; next < s.cands.size(); ++next) merged.push_back(std::move(s.cands[next]));
    s.cands = std::move(merged);
}

//! Candidates at the switching points: f there (f), or f′ where f is differentiable there.
inline void switching_candidates(candidate_set& s, const expr& f, bool derivative, int digits) {
    try {
        if (derivative) {
            // f′ where the one-sided derivatives agree and f does not jump: attained there.
            for (const kink& k : kinks(f)) {
                const auto same_value = same_constant(k.left_value, k.right_value);
                const auto same_slope = same_constant(k.left_derivative, k.right_derivative);
                if (!same_value.value_or(false) || !same_slope.value_or(false)) continue;
                if (!is_number_expr(k.at)) continue;
                const rational at = k.at.constants[0];
                if (auto c = exact_candidate(k.left_derivative, digits, rational_value(at, digits),
                                             to_double(at), true))
                    s.cands.push_back(std::move(*c));
            }
            return;
        }
        for (const rational& sp : switching_points(f)) {
            // f at the exact switching point (the switch decided exactly), enclosed.
            auto c = exact_candidate(compose(f, expr(sp)), digits, rational_value(sp, digits),
                                     to_double(sp), true);
            if (c)
                s.cands.push_back(std::move(*c));
            else
                s.complete = false;
        }
    } catch (const error&) {
        s.complete = false;
    }
}

//! The best candidate for the sup (want_max: the largest upper end) or the inf (the smallest
//! lower end), so that the extremum over all candidates lies in the best one's enclosure; of
//! several with the same shown value, an attained one, nearest 0. When the best one's digits
//! are unknown it stays: an unknown value matches nothing (snake′, whose inf 0 has no digits,
//! was once shown as its sup 2).
inline const candidate& best_candidate(const std::vector<candidate>& cands, bool want_max,
                                       int digits) {
    const candidate* best = &cands.front();
    for (const candidate& c : cands) {
        const int cmp =
            want_max ? mpfr_cmp(ptr(c.hi), ptr(best->hi)) : mpfr_cmp(ptr(c.lo), ptr(best->lo));
        if (want_max ? cmp > 0 : cmp < 0) best = &c;
    }
    const candidate* hit = nullptr;
    const approx value = agree_digits(ptr(best->lo), ptr(best->hi), digits);
    if (!value.known()) return *best;
    for (const candidate& c : cands)
        if (c.attained && agree_digits(ptr(c.hi), ptr(best->hi), digits) == value &&
            (!hit || std::fabs(c.where) < std::fabs(hit->where)))
            hit = &c;
    return hit ? *hit : *best;
}

//! One end of the range: the value, whether it is proved (every box decided and the tail
//! bound within the candidate, or showing the same digits), and whether attained and where.
inline void range_end(extremum_report& out, const candidate_set& s, const candidate& c, bool sup,
                      int digits, bool& proved) {
    approx& value = sup ? out.sup : out.inf;
    const bool grows = sup ? s.grows_up : s.grows_down;
    mpfr_srcptr bound = sup ? s.tails_hull.upper() : s.tails_hull.lower();
    const int dir = sup ? 1 : -1;
    value = agree_digits(ptr(c.lo), ptr(c.hi), digits);
    // Unbounded tails: ±inf only with a growth witness; an unbounded enclosure alone
    // proves nothing.
    if (grows) value = approx::infinity(dir);
    // A tail bound beyond the best candidate still proves it when both show the same
    // digits: the true extremum lies between them, and rounding is monotone.
    const bool same_digits =
        value.known() && value.digits() > 0 && approx::known_to(bound, value.digits()) == value;
    proved = s.complete &&
             (grows ||
              (mpfr_number_p(bound) && (dir * mpfr_cmp(bound, ptr(c.hi)) <= 0 || same_digits)) ||
              (mpfr_inf_p(bound) && dir * mpfr_sgn(bound) < 0));
    if (!proved && !grows) value = {};
    // Proved by shown digits only, with a tail bound beyond an attained candidate: the tail
    // might go past it by less than the last digit, so where it is attained is open.
    const bool by_digits = !grows && mpfr_number_p(bound) && dir * mpfr_cmp(bound, ptr(c.hi)) > 0;
    std::optional<bool>& attained = sup ? out.sup_attained : out.inf_attained;
    if (value.infinite()) {
        attained = false;
    } else if (proved && !(by_digits && c.attained)) {
        attained = c.attained;
        if (c.attained) (sup ? out.argsup : out.arginf) = c.arg;
    }
}

//! inf and sup over ℝ of h, where h is f (derivative = false) or f′, from: critical points
//! of h on each smooth piece of f (isolated roots of h′), constant pieces, one-sided values
//! at the cuts, the values at the cuts (for f), and the limits at ±∞. Proved when every box
//! was decided and the tail enclosures stay within the candidates.
inline extremum_report extremes(const expr& f, const std::vector<actlab::piece>& ps,
                                bool derivative, int digits) {
    extremum_report out;
    candidate_set s;
    s.complete = !ps.empty();
    s.tails_hull = interval(precisions{digits}.check());
    mpfr_set_inf(s.tails_hull.lower(), 1);
    mpfr_set_inf(s.tails_hull.upper(), -1);
    for (const actlab::piece& p : ps) piece_candidates(s, p, derivative, digits);
    switching_candidates(s, f, derivative, digits);
    refine_critical_points(s, digits);
    if (s.cands.empty()) {
        if (s.grows_up) out.sup = approx::infinity(1), out.sup_attained = false;
        if (s.grows_down) out.inf = approx::infinity(-1), out.inf_attained = false;
        out.reason = s.grows_up && s.grows_down ? "grows without bound at both ends"
                                                : "no critical point, cut or finite limit found";
        return out;
    }
    bool sup_proved = false, inf_proved = false;
    range_end(out, s, best_candidate(s.cands, true, digits), true, digits, sup_proved);
    range_end(out, s, best_candidate(s.cands, false, digits), false, digits, inf_proved);
    out.reason =
        argument(sup_proved ? "sup proved" : "sup numerical (global bound not proved)") + "; " +
        (inf_proved ? "inf proved" : "inf numerical (global bound not proved)") +
        ": candidates are the critical points on every smooth piece (roots of the "
        "derivative isolated by interval arithmetic), the values at the cuts and the "
        "limits at +-inf; tails beyond |x| = 64 bounded by monotone enclosures" +
        (s.undecided.empty() ? argument()
                             : "; critical points: " + undecided_argument(s.undecided)) +
        (s.too_many == 0 ? argument()
                         : "; " + too_many_roots(s.too_many, "critical points could be extrema")) +
        s.periodic_note;
    out.budget_exhausted =
        s.too_many != 0 || std::any_of(s.undecided.begin(), s.undecided.end(),
                                       [](const root_box& b) { return b.out_of_budget; });
    return out;
}

//! Open intervals where f′ ≡ 0: each piece on which f is constant (a cut between two of them
//! is a jump or a kink).
inline void dead_regions(analysis_report& r, const std::vector<actlab::piece>& ps, int digits) {
    for (const actlab::piece& p : ps)
        if (is_zero_form(d(p.f)))
            r.dead_regions.push_back(
                {end_value(p.lo, true, digits), end_value(p.hi, false, digits), false, false});
}

}  // namespace actlab::detail
