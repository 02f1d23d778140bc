// actlab: gradients across depth — sup |f′| and inf |f′| over ℝ and the bounds they put on
// |∂x_L/∂x_0| for a chain of L layers (needs MPFR).
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/results.hpp>

#include <algorithm>
#include <cmath>

namespace actlab::detail {

//! 1/v (invert) or v^power from the shown digits of v: relative error ≈ L·10^−d, so
//! d − ⌈log10 L⌉ − 1 digits of the power are right.
inline approx from_shown(const approx& v, bool invert, int power, int digits) {
    if (!v.known() || v.infinite()) return {};
    mpfr_float m = v.shown_value(precisions{digits}.working() + 64);
    mpfr_ptr p = m.backend().data();
    if (mpfr_zero_p(p)) return invert ? approx{} : approx::zero();
    if (invert) mpfr_ui_div(p, 1, p, MPFR_RNDN);
    if (power > 1) mpfr_pow_ui(p, p, static_cast<unsigned long>(power), MPFR_RNDN);
    const int shown = std::min(v.digits(), digits) -
                      (power > 1 ? static_cast<int>(std::ceil(std::log10(power))) + 1 : 0);
    if (shown < 1) return {};
    return approx::known_to(p, shown);
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
