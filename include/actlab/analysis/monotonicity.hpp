// actlab: is f monotone (and strictly), bounded above, bounded below? Enclosures of f′ over ℝ,
// the direction of every jump, the proved range of f′, growth on the tails (needs MPFR).
#pragma once

#include <actlab/analysis/asymptotic.hpp>
#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/smoothness.hpp>

#include <optional>
#include <vector>

namespace actlab::detail {

//! Increasing / non-decreasing (or the decreasing pair) from the direction; strict when f′
//! vanishes nowhere on an interval.
inline monotonicity monotone_kind(bool up, bool down, bool strict) {
    if (up && down) return monotonicity::constant;
    if (up) return strict ? monotonicity::increasing : monotonicity::non_decreasing;
    return strict ? monotonicity::decreasing : monotonicity::non_increasing;
}

inline const char* isolated_zeros =
    "; f' is analytic and not identically 0 on each smooth piece, so its zeros are isolated";

//! Monotonicity, decided once: by the sign of an enclosure of f′ over ℝ with every jump in
//! the same direction, refuted by jumps both ways or by witnesses, else by the proved range
//! of f′ (r.derivative_range must be computed).
inline void monotonicity_of(analysis_report& r, const switching_facts& s, const expr& df,
                            const real_line_bounds& db, const std::vector<actlab::piece>& ps) {
    const bool nonneg = mpfr_sgn(db.hull.lower()) >= 0 && db.hull.valid();
    const bool nonpos = mpfr_sgn(db.hull.upper()) <= 0 && db.hull.valid();
    bool constant_piece = false;
    for (const actlab::piece& p : ps)
        if (is_zero_form(d(p.f))) constant_piece = true;
    const bool strict = !ps.empty() && !constant_piece;
    // With jumps, f' alone does not decide: every jump must go the same way as f'.
    const bool up_ok = nonneg && !s.jumps_down, down_ok = nonpos && !s.jumps_up;
    const auto refuted = [&](argument why) {
        r.monotone = monotonicity::none;
        r.monotone_claim = {proof_status::refuted, why, basis::witness};
    };
    if (s.has_jump && s.jump_up_at && s.jump_down_at)
        return refuted("f jumps up at x = " + cite(*s.jump_up_at) +
                       " and down at x = " + cite(*s.jump_down_at));
    if (s.has_jump && !up_ok && !down_ok &&
        ((nonneg && s.jump_down_at) || (nonpos && s.jump_up_at)))
        return refuted(
            nonneg ? "f' >= 0 on every piece but f jumps down at x = " + cite(*s.jump_down_at)
                   : "f' <= 0 on every piece but f jumps up at x = " + cite(*s.jump_up_at));
    if (up_ok || down_ok) {
        r.monotone = monotone_kind(up_ok, down_ok, strict);
        r.monotone_claim = {
            proof_status::proved,
            argument("f' ") + (up_ok ? ">= 0" : "<= 0") + " on an interval enclosure over R" +
                (s.has_jump ? argument(", and every jump goes ") + (up_ok ? "up" : "down")
                            : argument()) +
                (strict ? isolated_zeros : ""),
            basis::interval_enclosure};
        return;
    }
    std::optional<double> up, down;
    for (double t = -8; t <= 8 && !(up && down); t += 0.125) {
        const interval v = enclose(df, box_interval(t, t, 128));
        if (!v.valid()) continue;
        if (v.positive() && !up) up = t;
        if (v.negative() && !down) down = t;
    }
    if (up && down) return refuted("f'(" + cite(*up) + ") > 0 and f'(" + cite(*down) + ") < 0");
    r.monotone_claim = {proof_status::unknown, "the sign of f' is undecided"};
    // The proved range of f′ can decide where the enclosure of f′ could not.
    const extremum_report& e = r.derivative_range;
    if (s.has_jump || !e.inf.known() || !e.sup.known()) return;
    const bool rising = e.inf.sign() >= 0, falling = e.sup.sign() <= 0;
    if (!rising && !falling) return;
    r.monotone = monotone_kind(rising, false, strict);
    if (!rising) r.monotone = monotone_kind(false, true, strict);
    r.monotone_claim = {proof_status::proved,
                        "inf f' = " + cite(e.inf) + ", sup f' = " + cite(e.sup) + " (proved)" +
                            (strict ? isolated_zeros : ""),
                        basis::monotonicity};
}

//! f → ±∞ on a tail: by the asymptotic expansion, or by f′ ≥ c > 0 (≤ −c) beyond ±64.
inline std::optional<argument> growth_witness(const expr& f, const real_line_bounds& db, bool up) {
    const bool right_up = mpfr_sgn(db.upper_tail.lower()) > 0;    // f' ≥ c > 0 on [64, ∞)
    const bool right_down = mpfr_sgn(db.upper_tail.upper()) < 0;  // f' ≤ −c < 0 on [64, ∞)
    const bool left_down = mpfr_sgn(db.lower_tail.upper()) < 0;   // f' ≤ −c < 0 on (−∞, −64]
    const bool left_up = mpfr_sgn(db.lower_tail.lower()) > 0;     // f' ≥ c > 0 on (−∞, −64]
    for (const bool right : {true, false}) {
        const auto b = asymptotic::behaviour(f, right);
        if (b.known && b.limit_infinite == (up ? 1 : -1))
            return argument("f -> ") + (up ? "+inf" : "-inf") + " as x -> " +
                   (right ? "+inf" : "-inf") + " (asymptotic expansion)";
    }
    if (up && right_up) return argument("f' >= c > 0 on [64, inf), so f -> +inf as x -> +inf");
    if (up && left_down) return argument("f' <= -c < 0 on (-inf, -64], so f -> +inf as x -> -inf");
    if (!up && right_down) return argument("f' <= -c < 0 on [64, inf), so f -> -inf as x -> +inf");
    if (!up && left_up) return argument("f' >= c > 0 on (-inf, -64], so f -> -inf as x -> -inf");
    return std::nullopt;
}

//! Bounded above and below: an enclosure of f over ℝ, or growth on a tail.
inline void boundedness(analysis_report& r, const expr& f, const real_line_bounds& fb,
                        const real_line_bounds& db) {
    const auto bound = [](mpfr_srcptr v, mpfr_rnd_t rnd) {
        mpfr_float b = make_mpfr(64);
        mpfr_set(ptr(b), v, rnd);
        return cite(approx::known_to(ptr(b), 6));
    };
    for (const bool up : {true, false}) {
        claim& c = up ? r.bounded_above : r.bounded_below;
        mpfr_srcptr end = up ? fb.hull.upper() : fb.hull.lower();
        if (fb.hull.valid() && mpfr_number_p(end))
            c = {proof_status::proved,
                 argument(up ? "f <= " : "f >= ") + bound(end, up ? MPFR_RNDU : MPFR_RNDD) +
                     " on R (interval enclosure)",
                 basis::interval_enclosure};
        else if (const auto why = growth_witness(f, db, up))
            c = {proof_status::refuted, *why, basis::asymptotic_expansion};
        else
            c = {proof_status::unknown, "no bound and no growth witness"};
    }
}

}  // namespace actlab::detail
