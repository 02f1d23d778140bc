// actlab: is f periodic, and with which fundamental period? Proved from the sin/cos that hold
// every x; refuted by monotonicity, kinks, growth or a limit (needs MPFR).
#pragma once

#include <actlab/analysis/extrema.hpp>
#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/structure.hpp>

#include <algorithm>

namespace actlab::detail {

//! A refutation (or the trivial proof for a constant f) from what is already known: strict
//! monotonicity, switching points, unboundedness, a limit at ±∞. False when none applies.
inline bool periodicity_from_known(analysis_report& r, const expr& f) {
    if (r.monotone == monotonicity::increasing || r.monotone == monotonicity::decreasing) {
        r.periodic = {proof_status::refuted, "strictly monotone", basis::monotonicity};
        return true;
    }
    if (r.monotone == monotonicity::constant) {
        r.periodic = {proof_status::proved,
                      "constant: every T > 0 is a period, none is fundamental"};
        return true;
    }
    if (!r.kinks.empty()) {
        r.periodic = {proof_status::refuted,
                      "finitely many switching points (the first at x = " +
                          cite(r.kinks.front().x) + "); a periodic f would repeat them",
                      basis::structure};
        return true;
    }
    if (r.bounded_above.status == proof_status::refuted ||
        r.bounded_below.status == proof_status::refuted) {
        r.periodic = {proof_status::refuted, "unbounded (" +
                                                 (r.bounded_above.status == proof_status::refuted
                                                      ? r.bounded_above.reason
                                                      : r.bounded_below.reason) +
                                                 "); a continuous periodic function is bounded"};
        return true;
    }
    for (const bool right : {false, true}) {
        const auto lim = tail_limit(f, right, 20);
        if (!lim) continue;
        for (const double t : probe_points()) {
            const interval v = enclose(f, box_interval(t, t, 256));
            if (!v.valid()) continue;
            if (mpfr_less_p(v.upper(), ptr(lim->lo)) || mpfr_greater_p(v.lower(), ptr(lim->hi))) {
                r.periodic = {proof_status::refuted,
                              "f has the limit " + cite(agree_digits(lim->lo, lim->hi, 20)) +
                                  " at " + (right ? "+inf" : "-inf") + " but f(" + cite(t) +
                                  ") differs from it; a periodic f with a limit is constant",
                              basis::witness};
                return true;
            }
        }
    }
    return false;
}

//! Whether T/k (T = 2π/g) is excluded as a period by a witness, for every k = 2..8.
inline bool divisors_excluded(const expr& f, const rational& g) {
    for (int k = 2; k <= 8; ++k) {
        interval shift(256), step(256), pi(256);
        iv::set_rational(step, rational{2 * g.den, g.num * k});
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
        if (!excluded) return false;
    }
    return true;
}

//! k beyond 8: over a period f must rise from inf to sup and come back, so period ≥
//! 2·(sup − inf)/sup|f′|; true when that leaves no k ≥ 9 for the period Tc (an upper end).
inline bool larger_divisors_excluded(const analysis_report& r, mpfr_srcptr Tc) {
    const extremum_report &e = r.range, &de = r.derivative_range;
    if (!e.sup.known() || !e.inf.known() || !de.sup.known() || !de.inf.known()) return false;
    mpfr_float hi = e.sup.shown_value(64, MPFR_RNDD), lo = e.inf.shown_value(64, MPFR_RNDU);
    mpfr_float dhi = de.sup.shown_value(64, MPFR_RNDU), dlo = de.inf.shown_value(64, MPFR_RNDD);
    mpfr_float m = make_mpfr(64), k = make_mpfr(64);
    mpfr_abs(dlo.backend().data(), dlo.backend().data(), MPFR_RNDU);
    mpfr_max(m.backend().data(), dhi.backend().data(), dlo.backend().data(), MPFR_RNDU);
    // sup − inf, rounded down; the shown digits are rounded: shave a relative 1e-15 for safety
    mpfr_sub(hi.backend().data(), hi.backend().data(), lo.backend().data(), MPFR_RNDD);
    mpfr_mul_d(hi.backend().data(), hi.backend().data(), 1 - 1e-15, MPFR_RNDD);
    if (mpfr_sgn(hi.backend().data()) <= 0) return false;
    mpfr_mul(k.backend().data(), Tc, m.backend().data(), MPFR_RNDU);
    mpfr_div(k.backend().data(), k.backend().data(), hi.backend().data(), MPFR_RNDU);
    mpfr_div_ui(k.backend().data(), k.backend().data(), 2, MPFR_RNDU);
    return mpfr_cmp_ui(k.backend().data(), 9) < 0;
}

//! Periodicity. Proved when every x sits in sin/cos arguments a·x + b with rational a: then
//! T = 2π/gcd(a) is a period, and the fundamental one is T/k for the one k ≥ 1 not excluded
//! by a witness (k ≤ T·sup|f′|/(2·(sup f − inf f))). Refuted by a finite limit at ±inf with
//! f ≠ that limit somewhere, by unbounded growth of a continuous f, by strict monotonicity,
//! or by a finite, nonzero number of kinks. Needs the ranges, monotonicity and boundedness.
inline void periodicity(analysis_report& r, const expr& f) {
    r.periodic = {proof_status::unknown, "no proof and no witness"};
    if (periodicity_from_known(r, f)) return;
    const std::optional<rational> frequency = trig_frequency(f);
    if (!frequency) return;
    const rational g = *frequency;
    // T = 2π/g at two precisions; the fundamental period divides it.
    const precisions p{std::max(r.digits, 1)};
    interval T(p.working() + 64), Tc(p.check());
    for (interval* v : {&T, &Tc}) {
        interval q(v->precision()), pi2(v->precision());
        iv::set_rational(q, rational{2 * g.den, g.num});
        mpfr_const_pi(pi2.lower(), MPFR_RNDD);
        mpfr_const_pi(pi2.upper(), MPFR_RNDU);
        iv::mul(*v, q, pi2);
    }
    if (divisors_excluded(f, g) && larger_divisors_excluded(r, Tc.upper())) {
        const auto num = static_cast<long long>(g.num), den = static_cast<long long>(g.den);
        r.period = agree_digits(T.upper(), Tc.upper(), r.digits);
        r.periodic = {proof_status::proved,
                      "x occurs only in sin/cos arguments a*x + b with a in (" + cite(num) + "/" +
                          cite(den) + ")Z, so 2*pi/" + cite(num) +
                          (den == 1 ? argument() : "*" + cite(den)) +
                          " is a period; T/k for k = 2..8 refuted by witnesses, larger k by "
                          "period >= 2*(sup f - inf f)/sup|f'|",
                      basis::structure};
    } else {
        r.periodic = {proof_status::proved,
                      "x occurs only in sin/cos arguments a*x + b with rational a; the "
                      "fundamental period (a divisor of the one found) is undecided",
                      basis::structure};
        r.period = {};
    }
}

}  // namespace actlab::detail
