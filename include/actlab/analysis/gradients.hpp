// actlab: gradients across depth — sup |f′| and inf |f′| over ℝ and the bounds they put on
// |∂x_L/∂x_0| for a chain of L layers (needs MPFR).
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/results.hpp>

#include <algorithm>
#include <cmath>

namespace actlab::detail {

//! 1/v (invert) or v^power for v ≥ 0 known to its shown digits, by an enclosure: the true
//! value t and v's more precise value both round to the digits shown, so t lies within one
//! unit of the last shown digit of v; the power (or inverse) of both ends of that interval,
//! rounded outwards, encloses t^power (1/t), and only the digits to which both ends round
//! alike are shown. Never a power of an already rounded number (issue 12: (sup|f′|)^1000 of gelu).
inline approx from_shown(const approx& v, bool invert, int power, int digits) {
    if (!v.known() || v.infinite()) return {};
    if (v.is_zero()) return invert ? approx{} : approx::zero();
    const mpfr_prec_t bits = precisions{digits}.working() + 64 +
                             static_cast<mpfr_prec_t>(std::ceil(std::log2(power + 1.0)));
    mpfr_float lo = make_mpfr(bits), hi = make_mpfr(bits), unit = make_mpfr(bits);
    mpfr_ptr l = lo.backend().data(), h = hi.backend().data(), u = unit.backend().data();
    // unit = 10^(exp10 − digits): one in the last shown digit of 0.mantissa × 10^exp10.
    mpfr_set_si(u, 10, MPFR_RNDN);
    mpfr_pow_si(u, u, v.shown().exp10 - v.digits(), MPFR_RNDU);
    mpfr_abs(l, v.value().backend().data(), MPFR_RNDD);
    mpfr_abs(h, v.value().backend().data(), MPFR_RNDU);
    mpfr_sub(l, l, u, MPFR_RNDD);
    mpfr_add(h, h, u, MPFR_RNDU);
    if (mpfr_sgn(l) <= 0) return {};  // the digits shown do not bound v away from 0
    if (invert) {
        mpfr_ui_div(l, 1, l, MPFR_RNDU);
        mpfr_ui_div(h, 1, h, MPFR_RNDD);
        mpfr_swap(l, h);
    }
    if (power > 1) {
        mpfr_pow_ui(l, l, static_cast<unsigned long>(power), MPFR_RNDD);
        mpfr_pow_ui(h, h, static_cast<unsigned long>(power), MPFR_RNDU);
    }
    // The most digits to which both ends round alike (the rule of agree_digits): then so
    // does every number between them, the truth included (rounding is monotone).
    return agree_digits(l, h, std::min(v.digits(), digits));
}

//! sup|f′| and inf|f′| over ℝ from the range of f′, and what they mean for a chain of L
//! layers (needs r.derivative_range).
inline void gradient_bounds(analysis_report& r, int digits) {
    const extremum_report& e = r.derivative_range;
    r.gradients_known = e.inf.known() && e.sup.known();
    if (!r.gradients_known) return;
    const bool lo_neg = e.inf.sign() < 0, hi_neg = e.sup.sign() < 0;
    const approx a_lo = abs(e.inf), a_hi = abs(e.sup);
    // sup|f′| = max(|inf f′|, |sup f′|), compared as shown.
    if (e.inf.infinite() || e.sup.infinite()) {
        r.sup_abs_derivative = approx::infinity(1);
    } else {
        const mpfr_prec_t bits = precisions{digits}.working() + 64;
        r.sup_abs_derivative = a_lo.shown_value(bits) > a_hi.shown_value(bits) ? a_lo : a_hi;
    }
    // inf|f′|: 0 when f′ takes both signs or reaches 0; else the end nearer 0.
    if (lo_neg != hi_neg || e.inf.is_zero() || e.sup.is_zero())
        r.inf_abs_derivative = approx::zero();
    else
        r.inf_abs_derivative = lo_neg ? a_hi : a_lo;
    r.vanishing_weight = from_shown(r.sup_abs_derivative, true, 1, digits);
    r.non_vanishing_weight = from_shown(r.inf_abs_derivative, true, 1, digits);
    for (const int L : {10, 100, 1000})
        r.depth_bounds.push_back({L, from_shown(r.inf_abs_derivative, false, L, digits),
                                  r.sup_abs_derivative.infinite()
                                      ? approx::infinity(1)
                                      : from_shown(r.sup_abs_derivative, false, L, digits)});
}

}  // namespace actlab::detail
