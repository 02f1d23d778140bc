// actlab: kinks, jumps and smoothness — where f or a derivative switches, decided exactly by
// diff/kinks.hpp, and which way f jumps (needs MPFR).
#pragma once

#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/diff/kinks.hpp>

#include <optional>
#include <vector>

namespace actlab::detail {

//! What the switching points of f decide, for the other questions.
struct switching_facts {
    std::vector<kink> ks;
    bool known = true;        //!< every switch of f decided
    bool has_jump = false;    //!< f itself jumps somewhere
    bool jumps_up = false;    //!< f jumps up (or a jump is undecided): no decreasing claim
    bool jumps_down = false;  //!< likewise down
    std::optional<approx> jump_up_at, jump_down_at;
    //! "the derivative of order k jumps at x = …" when the smoothness is finite.
    argument smoothness_break;
};

//! Which way f jumps at the switching point k (up, down, or both when f(s) is not between
//! the one-sided values or the direction is undecided).
inline void jump_direction(switching_facts& s, const expr& f, const kink& k, const approx& at) {
    const interval up = enclose(k.right_value - k.left_value, box_interval(0, 0, 256));
    const expr fs = compose(f, expr(k.at.constants[0]));
    const interval mid_lo = enclose(fs - k.left_value, box_interval(0, 0, 256));
    const interval mid_hi = enclose(k.right_value - fs, box_interval(0, 0, 256));
    const auto nonneg = [](const interval& v) { return v.valid() && mpfr_sgn(v.lower()) >= 0; };
    const auto nonpos = [](const interval& v) { return v.valid() && mpfr_sgn(v.upper()) <= 0; };
    if (up.positive() && nonneg(mid_lo) && nonneg(mid_hi))
        s.jumps_up = true;
    else if (up.negative() && nonpos(mid_lo) && nonpos(mid_hi))
        s.jumps_down = true;
    else
        s.jumps_up = s.jumps_down = true;  // undecided or f(s) outside: no monotone claim
    if (up.positive()) s.jump_up_at = at;
    if (up.negative()) s.jump_down_at = at;
}

//! The first derivative (order ≤ 5) that jumps when f is C¹ at every switching point.
inline smoothness_class higher_smoothness(switching_facts& s, const expr& f) {
    if (s.ks.empty()) return {smoothness_class::kind::infinite, 0};
    expr g = f;
    for (int k = 1; k <= 4; ++k) {
        g = d(g);
        for (const kink& kk : kinks(g)) {
            const auto same_value = same_constant(kk.left_value, kk.right_value);
            const auto same_slope = same_constant(kk.left_derivative, kk.right_derivative);
            if (!same_value || !same_slope) continue;  // undecided: no claim
            if (*same_value && *same_slope) continue;
            s.smoothness_break = "the derivative of order " +
                                 cite(static_cast<long long>(*same_value ? k + 1 : k)) +
                                 " jumps at x = " + cite(rational_value(kk.at.constants[0], 17));
            return {smoothness_class::kind::finite, *same_value ? k : k - 1};
        }
    }
    return {smoothness_class::kind::at_least, 4};
}

//! The kinks and jumps of f (r.kinks) and its smoothness (r.smoothness).
inline switching_facts kinks_and_smoothness(analysis_report& r, const expr& f, int digits) {
    switching_facts s;
    try {
        s.ks = kinks(f);
    } catch (const error&) {
        s.known = false;
    }
    for (const kink& k : s.ks) {
        const auto same_value = same_constant(k.left_value, k.right_value);
        const auto same_slope = same_constant(k.left_derivative, k.right_derivative);
        if (!same_value || (*same_value && !same_slope)) s.known = false;
        if (same_value.value_or(false) && same_slope.value_or(false)) continue;
        kink_report kr;
        kr.x = rational_value(k.at.constants[0], digits);
        kr.left_derivative = constant_value(k.left_derivative, digits);
        kr.right_derivative = constant_value(k.right_derivative, digits);
        kr.jump = !same_value.value_or(true);
        if (kr.jump) jump_direction(s, f, k, kr.x);
        s.has_jump = s.has_jump || kr.jump;
        r.kinks.push_back(std::move(kr));
    }
    using kind = smoothness_class::kind;
    if (!s.known)
        r.smoothness = {kind::unknown, 0};
    else if (s.has_jump)
        r.smoothness = {kind::discontinuous, 0};
    else if (!r.kinks.empty())
        r.smoothness = {kind::finite, 0};
    else
        r.smoothness = higher_smoothness(s, f);
    return s;
}

}  // namespace actlab::detail
