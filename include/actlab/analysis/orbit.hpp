// actlab: iterates x_{n+1} = f(x_n) and the gradient product P_n = ∏_{k<n} f'(x_k) across
// depth, at two precisions (needs MPFR).
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/interval.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>
#include <actlab/expr/error.hpp>

#include <gmp.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actlab {

struct orbit_options {
    int digits = 50;         //!< significant digits wanted (1..1000)
    bool every = false;      //!< a step for every n, not only n = 1, 2, 5, 10, 20, 50, …
    long horizon = 1000000;  //!< how deep to look for the double-underflow depths
    //! The work allowed per run, in steps × working bits (each step evaluates f and f′ at
    //! the working and at the check precision): 10^8 is 485 436 steps at 50 digits (~4 s
    //! for tanh on one core) and 29 744 at 1000 digits (~13 s). An orbit whose rounded values
    //! repeat (x_n = f(x_n) at the precision, or x_n = x_(n−2)) costs no more steps from there
    //! on, whatever the depth. Beyond the budget, a depth is refused (an error, nothing
    //! printed) and the underflow search past depth stops ("unknown" from there).
    double step_budget = 1e8;
};

//! One checkpoint of an orbit. x_n and P_n may lie beyond MPFR's exponent range (carried
//! with an exact exponent); log10 |P_n| is −inf when P_n is 0.
struct orbit_step {
    long n = 0;
    wide_approx x;                  //!< x_n
    wide_approx grad_product;       //!< P_n
    approx log10_abs_grad_product;  //!< log10 |P_n|
};

//! Why the underflow search could stop early: from step n on the orbit stays in
//! J = [lo, hi] (f(J) ⊂ J), where |f'| ≥ min_abs_derivative, so |P_N| ≥ |P_n|·m^(N−n) stays
//! above the limit to the searched depth. The ends and m are shown to 6 digits.
struct orbit_invariant {
    approx lo, hi;
    long n = 0;
    approx min_abs_derivative;
};

struct orbit_report {
    decimal_digits x0;  //!< exactly as given
    long depth = 0;
    int digits = 0;
    std::vector<orbit_step> steps;
    //! First n with |P_n| < 2^−1074, the smallest positive double: a product carried in
    //! double is 0 (or at best one subnormal step) from there on. Set when
    //! double_underflow_status is found.
    std::optional<long> double_underflow_depth;
    //! First n with |P_n| < 2^−1022: the product leaves the normal doubles and loses
    //! relative precision from there on.
    std::optional<long> double_subnormal_depth;
    //! found; none (every step to searched_depth computed); none_proved (the search stopped
    //! early: see invariant); unknown (the two precisions disagree, or the orbit left what
    //! can be computed).
    depth_search double_underflow_status = depth_search::unknown;
    depth_search double_subnormal_status = depth_search::unknown;
    long searched_depth = 0;  //!< the depth up to which the underflow depths were searched
    //! How the search ended: the steps computed at each precision; the invariant interval
    //! of the more precise run (proved at both precisions when invariant_at_both; shown
    //! otherwise only when the other run stopped without one); the step at which the search
    //! stopped because x_n left MPFR's exponent range; the first step whose values could not
    //! be carried at all.
    long steps_working = 0, steps_check = 0;
    std::optional<orbit_invariant> invariant;
    bool invariant_at_both = false;
    std::optional<long> stopped_beyond_range;
    std::optional<long> out_of_range_from;
    //! The n from which the orbit repeats at the working and at the check precision, with
    //! its period (1: x_n = f(x_n), a fixed point of the rounded map; 2: x_n = x_(n−2), as
    //! around a fixed point where f' < 0): later x_n repeat and later P_n are P_n times
    //! powers of the period's product of f' (computed by squaring), when it does.
    std::optional<long> settled_working, settled_check;
    int period_working = 0, period_check = 0;
    //! The underflow search past depth stopped at this n: the step budget was spent.
    std::optional<long> stopped_by_budget;
};

namespace detail {

//! The checkpoints 1, 2, 5, 10, 20, 50, … ≤ depth, and depth itself.
inline std::vector<long> orbit_checkpoints(long depth, bool every) {
    std::vector<long> out;
    if (every) {
        for (long n = 1; n <= depth; ++n) out.push_back(n);
        return out;
    }
    for (long scale = 1; scale <= depth; scale *= 10) {
        for (const long m : {1L, 2L, 5L})
            if (m * scale <= depth) out.push_back(m * scale);
        if (scale > depth / 10) break;
    }
    if (out.empty() || out.back() != depth) out.push_back(depth);
    return out;
}

//! m·2^e with an exact integer e of any size: values far outside MPFR's exponent range
//! (the orbit of x³ from 0.9 reaches 10^(−3.3e22) at n = 50). Normalized: m is 0, ±inf,
//! NaN (e = 0 then) or 1/2 ≤ |m| < 1.
struct wide_number {
    mpfr_float m;
    mpz_int e;
    explicit wide_number(mpfr_prec_t bits) : m(make_mpfr(bits)) { mpfr_set_zero(ptr(m), 1); }
    mpfr_prec_t precision() const { return mpfr_get_prec(ptr(m)); }
    bool regular() const { return mpfr_regular_p(ptr(m)) != 0; }
};

//! Moves the exponent of w.m into w.e.
inline void normalize(wide_number& w) {
    if (!w.regular()) {
        mpz_set_ui(ptr(w.e), 0);
        return;
    }
    const mpfr_exp_t ex = mpfr_get_exp(ptr(w.m));
    if (ex == 0) return;
    mpfr_set_exp(ptr(w.m), 0);
    if (ex > 0)
        mpz_add_ui(ptr(w.e), ptr(w.e), static_cast<unsigned long>(ex));
    else
        mpz_sub_ui(ptr(w.e), ptr(w.e), static_cast<unsigned long>(-ex));
}

inline void wide_set(wide_number& w, mpfr_srcptr v) {
    mpfr_set(ptr(w.m), v, MPFR_RNDN);
    mpz_set_ui(ptr(w.e), 0);
    normalize(w);
}

inline void wide_copy(wide_number& to, const wide_number& from) {
    mpfr_set(ptr(to.m), ptr(from.m), MPFR_RNDN);
    mpz_set(ptr(to.e), ptr(from.e));
    normalize(to);
}

//! log10 |w| (−inf for 0), with enough bits that the integer part of a huge value is exact
//! and the fraction keeps the precision of w.m.
inline mpfr_float wide_log10(const wide_number& w) {
    const mpfr_prec_t bits =
        w.precision() + static_cast<mpfr_prec_t>(mpz_sizeinbase(ptr(w.e), 2)) + 64;
    mpfr_float out = make_mpfr(bits), t = make_mpfr(bits);
    mpfr_abs(ptr(t), ptr(w.m), MPFR_RNDN);
    mpfr_log10(ptr(out), ptr(t), MPFR_RNDN);
    if (mpz_sgn(ptr(w.e)) != 0 && mpfr_number_p(ptr(out))) {
        mpfr_set_ui(ptr(t), 2, MPFR_RNDN);
        mpfr_log10(ptr(t), ptr(t), MPFR_RNDN);
        mpfr_mul_z(ptr(t), ptr(t), ptr(w.e), MPFR_RNDN);
        mpfr_add(ptr(out), ptr(out), ptr(t), MPFR_RNDN);
    }
    return out;
}

//! An exponent that no longer fits MPFR's plain range comfortably: the orbit switches to
//! wide numbers once |x_n| or |P_n| passes 2^±2^40.
inline constexpr mpfr_exp_t wide_threshold = mpfr_exp_t{1} << 40;

//! f evaluated on wide numbers, for the expressions made of +, ×, integer powers and |·|
//! (polynomials such as x³ and 3x²). `supported()` is false for anything else: the orbit
//! is then unknown once it leaves MPFR's exponent range.
class wide_evaluator {
public:
    wide_evaluator(const expr& f, mpfr_prec_t bits) : f_(f) {
        regs_.reserve(static_cast<std::size_t>(f.n_nodes));
        for (int i = 0; i < f.n_nodes; ++i) regs_.emplace_back(bits);
        for (int i = 0; i < f.n_nodes && supported_; ++i) {
            const node& n = f.nodes[i];
            switch (n.kind) {
                case op::number:
                    set_rational(regs_[static_cast<std::size_t>(i)], f.constants[n.aux]);
                    break;
                case op::parameter:
                    set_rational(regs_[static_cast<std::size_t>(i)],
                                 f.parameters[n.aux].default_value);
                    break;
                case op::named: {
                    mpfr_float c = make_mpfr(bits);
                    if (static_cast<named_constant>(n.aux) == named_constant::pi) {
                        mpfr_const_pi(ptr(c), MPFR_RNDN);
                    } else {
                        mpfr_set_ui(ptr(c), 1, MPFR_RNDN);
                        mpfr_exp(ptr(c), ptr(c), MPFR_RNDN);
                    }
                    wide_set(regs_[static_cast<std::size_t>(i)], ptr(c));
                    break;
                }
                case op::variable:
                case op::mul:
                case op::add:
                case op::abs: break;
                case op::pow: {
                    const node& ex = f.nodes[f.child(i, 1)];
                    supported_ = ex.kind == op::number && f.constants[ex.aux].den == 1 &&
                                 f.constants[ex.aux].num > -(int128{1} << 40) &&
                                 f.constants[ex.aux].num < (int128{1} << 40);
                    break;
                }
                default: supported_ = false;
            }
        }
    }

    bool supported() const { return supported_; }

    //! f(at) in `out`; false if the value cannot be carried (a cancellation in a sum of
    //! terms of too different sizes).
    bool operator()(const wide_number& at, wide_number& out) {
        const expr& f = f_;
        for (int i = 0; i < f.n_nodes; ++i)
            if (!compute(i, at)) return false;
        wide_copy(out, regs_[static_cast<std::size_t>(f.root())]);
        return true;
    }

private:
    static void set_rational(wide_number& w, const rational& q) {
        detail::set_rational(ptr(w.m), q, MPFR_RNDN);
        mpz_set_ui(ptr(w.e), 0);
        normalize(w);
    }

    bool compute(int i, const wide_number& at) {
        const expr& f = f_;
        const node& n = f.nodes[i];
        wide_number& r = regs_[static_cast<std::size_t>(i)];
        const auto c = [&](int k) -> wide_number& {
            return regs_[static_cast<std::size_t>(f.child(i, k))];
        };
        switch (n.kind) {
            case op::variable: wide_copy(r, at); return true;
            case op::abs:
                wide_copy(r, c(0));
                mpfr_abs(ptr(r.m), ptr(r.m), MPFR_RNDN);
                return true;
            case op::pow: {
                const long k = static_cast<long>(f.constants[f.nodes[f.child(i, 1)].aux].num);
                const wide_number& b = c(0);
                mpfr_pow_si(ptr(r.m), ptr(b.m), k, MPFR_RNDN);
                mpz_mul_si(ptr(r.e), ptr(b.e), k);
                normalize(r);
                return true;
            }
            case op::mul: {
                mpfr_set(ptr(r.m), ptr(c(0).m), MPFR_RNDN);
                mpz_set(ptr(r.e), ptr(c(0).e));
                for (int k = 1; k < n.count; ++k) {
                    mpfr_mul(ptr(r.m), ptr(r.m), ptr(c(k).m), MPFR_RNDN);
                    mpz_add(ptr(r.e), ptr(r.e), ptr(c(k).e));
                    if (!mpfr_regular_p(ptr(r.m))) mpz_set_ui(ptr(r.e), 0);
                    normalize(r);
                }
                return true;
            }
            case op::add: {
                // Terms within 2^(2^30) of the largest are summed exactly scaled; smaller
                // ones are below any working precision, provided the sum does not cancel.
                int top = -1;
                for (int k = 0; k < n.count; ++k) {
                    const wide_number& t = c(k);
                    if (!mpfr_number_p(ptr(t.m))) {
                        mpfr_set_nan(ptr(r.m));
                        mpz_set_ui(ptr(r.e), 0);
                        return true;
                    }
                    if (!t.regular()) continue;
                    if (top < 0 || mpz_cmp(ptr(t.e), ptr(c(top).e)) > 0) top = k;
                }
                if (top < 0) {
                    mpfr_set_zero(ptr(r.m), 1);
                    mpz_set_ui(ptr(r.e), 0);
                    return true;
                }
                mpz_int base, gap;
                mpz_set(ptr(base), ptr(c(top).e));
                mpfr_float term = make_mpfr(mpfr_get_prec(ptr(r.m)));
                mpfr_set_zero(ptr(r.m), 1);
                bool dropped = false;
                constexpr long window = 1L << 30;
                for (int k = 0; k < n.count; ++k) {
                    const wide_number& t = c(k);
                    if (!t.regular()) continue;
                    mpz_sub(ptr(gap), ptr(base), ptr(t.e));
                    if (mpz_cmp_si(ptr(gap), window) > 0) {
                        dropped = true;
                        continue;
                    }
                    mpfr_mul_2si(ptr(term), ptr(t.m), -mpz_get_si(ptr(gap)), MPFR_RNDN);
                    mpfr_add(ptr(r.m), ptr(r.m), ptr(term), MPFR_RNDN);
                }
                if (dropped &&
                    (!mpfr_regular_p(ptr(r.m)) || mpfr_get_exp(ptr(r.m)) < -(window / 2)))
                    return false;
                mpz_set(ptr(r.e), ptr(base));
                if (!mpfr_regular_p(ptr(r.m))) mpz_set_ui(ptr(r.e), 0);
                normalize(r);
                return true;
            }
            default: return true;  // constants: set once
        }
    }

    expr f_;
    std::vector<wide_number> regs_;
    bool supported_ = true;
};

struct orbit_run {
    std::vector<wide_number> x, p;  // at the checkpoints
    std::optional<long> underflow, subnormal;
    bool proved = false;                   // none of the missing depths occurs up to `end` (proof)
    bool cut = false;                      // the run stopped before `end` without a proof: unknown
    long out_of_range = 0;                 // first n whose values could not be carried (0: none)
    long steps = 0;                        // steps computed
    std::optional<orbit_invariant> proof;  // the interval J of the proof
    long stopped_wide = 0;  // the search stopped here: x_n beyond MPFR's exponent range
    long settled = 0;       // the rounded orbit repeats from this n (0: not seen)
    int period = 0;         // with this period (1 or 2)
    long budget_stop = 0;   // the search stopped here: the step budget was spent (0: not)
};

//! a·b for wide numbers (one rounding, at a's precision).
inline void wide_mul(wide_number& a, const wide_number& b) {
    mpfr_mul(ptr(a.m), ptr(a.m), ptr(b.m), MPFR_RNDN);
    mpz_add(ptr(a.e), ptr(a.e), ptr(b.e));
    normalize(a);
}

//! out = p·g^k (k >= 0) by binary powering: at most 2·log2(k) + 1 roundings, against k for
//! stepping the product, so never less accurate than the step-by-step P_n it stands for.
inline void wide_power_times(const wide_number& p, const wide_number& g, long k, wide_number& out) {
    wide_copy(out, p);
    wide_number base(out.precision());
    wide_copy(base, g);
    for (; k > 0; k >>= 1) {
        if (k & 1) wide_mul(out, base);
        if (k > 1) wide_mul(base, base);
    }
}

//! |v| < 2^limit, for v = m·2^e with 1/2 <= |m| < 1 (0 counts as below).
inline bool wide_below(const wide_number& v, long limit) {
    if (!v.regular()) return mpfr_zero_p(ptr(v.m)) != 0;
    return mpz_cmp_si(ptr(v.e), limit) <= 0;  // 2^(e−1) <= |v| < 2^e
}

//! The rest of a run whose rounded orbit repeats from step n with period p = xs.size() (1: x_n
//! = f(x_n) at this precision; 2: x_n = x_(n−2), as around a fixed point with f' < 0): x_(n+m)
//! = xs[m mod p], and step n + 1 + j multiplies factors[j mod p], so P_(n+m) = P_n·C^⌊m/p⌋
//! times the first m mod p factors, C their product. The remaining checkpoints follow; the
//! first m with |P_(n+m)| below 2^-1022 or 2^-1074 (up to end) is, for each residue r of m,
//! r itself or (|C| < 1: |P| shrinks along the residue class) found by bisection on k in
//! m = r + p·k; the smallest over the residues.
inline void finish_settled(orbit_run& out, const std::vector<long>& checkpoints,
                           std::size_t next_checkpoint, const std::vector<mpfr_srcptr>& xs,
                           const std::vector<mpfr_srcptr>& factors, const wide_number& prod, long n,
                           long end) {
    const long p = static_cast<long>(xs.size());
    out.settled = n;
    out.period = static_cast<int>(p);
    wide_number cycle(prod.precision()), v(prod.precision()), f(prod.precision());
    mpfr_set_ui(ptr(cycle.m), 1, MPFR_RNDN);
    normalize(cycle);
    for (mpfr_srcptr c : factors) {
        wide_set(f, c);
        wide_mul(cycle, f);
    }
    // v = P_(n+m)
    const auto at = [&](long m) {
        wide_power_times(prod, cycle, m / p, v);
        for (long j = 0; j < m % p; ++j) {
            wide_set(f, factors[static_cast<std::size_t>(j)]);
            wide_mul(v, f);
        }
    };
    for (std::size_t k = next_checkpoint; k < checkpoints.size(); ++k) {
        const long m = checkpoints[k] - n;
        wide_set(out.x[k], xs[static_cast<std::size_t>(m % p)]);
        at(m);
        wide_copy(out.p[k], v);
    }
    // |C| < 1: C = m·2^e with 1/2 <= |m| < 1 and e <= 0, or C = 0
    const bool shrinks =
        cycle.regular() ? mpz_sgn(ptr(cycle.e)) <= 0 : mpfr_zero_p(ptr(cycle.m)) != 0;
    for (auto [found, limit] : {std::pair{&out.subnormal, -1022L}, {&out.underflow, -1074L}}) {
        if (*found) continue;
        std::optional<long> first;
        for (long r = 1; r <= p && n + r <= end; ++r) {
            at(r);
            if (wide_below(v, limit)) {
                first = first ? std::min(*first, n + r) : n + r;
                continue;
            }
            const long kmax = (end - n - r) / p;  // m = r + p·k <= end − n
            if (!shrinks || kmax < 1) continue;
            at(r + p * kmax);
            if (!wide_below(v, limit)) continue;  // none in this class up to end
            long lo = 0, hi = kmax;               // |P| >= 2^limit at k = lo, below at hi
            while (hi - lo > 1) {
                const long mid = lo + (hi - lo) / 2;
                at(r + p * mid);
                (wide_below(v, limit) ? hi : lo) = mid;
            }
            first = first ? std::min(*first, n + r + p * hi) : n + r + p * hi;
        }
        if (first) *found = *first;
    }
    out.steps = n;
}

//! An interval [a, b] (a ≤ b) at `bits` bits.
inline interval make_interval(mpfr_prec_t bits, mpfr_srcptr a, mpfr_srcptr b) {
    interval r(bits);
    mpfr_set(r.lower(), a, MPFR_RNDD);
    mpfr_set(r.upper(), b, MPFR_RNDU);
    return r;
}

//! A lower bound of log2 |P_N| for every N in (n, end] when the orbit from x_n stays in
//! J = [min(x_n, c), max(x_n, c)]: f(J) ⊂ J is checked with interval enclosures (of f on
//! J directly, or at the ends when f' has one sign on J), and then
//!     log2 |P_N| ≥ log2 |P_n| + (N − n)·log2 m,  m = min_J |f'| (an enclosure).
//! Returns true (and J in `where`) if that bound is ≥ limit + 8 at N = end (8 bits cover
//! the roundings of the computed product).
inline bool prove_above(const expr& f, const expr& df, mpfr_srcptr xn, mpfr_srcptr c,
                        const wide_number& prod, long n, long end, long limit,
                        std::optional<orbit_invariant>& where) {
    if (mpfr_nan_p(c) || !mpfr_number_p(xn) || !prod.regular()) return false;
    const mpfr_prec_t bits = std::max<mpfr_prec_t>(mpfr_get_prec(xn), 64);
    const bool x_low = mpfr_lessequal_p(xn, c) != 0;
    const interval J = make_interval(bits, x_low ? xn : c, x_low ? c : xn);
    const interval dJ = enclose(df, J);
    if (!dJ.valid()) return false;
    // f(J) ⊂ J
    const auto inside = [&](const interval& v) {
        return v.valid() && mpfr_greaterequal_p(v.lower(), J.lower()) &&
               mpfr_lessequal_p(v.upper(), J.upper());
    };
    bool maps_into = inside(enclose(f, J));
    if (!maps_into && (mpfr_sgn(dJ.lower()) >= 0 || mpfr_sgn(dJ.upper()) <= 0)) {
        const interval a = make_interval(bits, J.lower(), J.lower());
        const interval b = make_interval(bits, J.upper(), J.upper());
        maps_into = inside(enclose(f, a)) && inside(enclose(f, b));  // f monotone on J
    }
    if (!maps_into) return false;
    // m = min_J |f'|
    mpfr_float m = make_mpfr(bits), t = make_mpfr(bits), bound = make_mpfr(bits);
    if (mpfr_sgn(dJ.lower()) > 0)
        mpfr_set(ptr(m), dJ.lower(), MPFR_RNDD);
    else if (mpfr_sgn(dJ.upper()) < 0)
        mpfr_neg(ptr(m), dJ.upper(), MPFR_RNDD);
    else
        return false;
    // log2 |P_n| = log2 |prod.m| + ptr(prod.e), rounded down
    mpfr_abs(ptr(bound), ptr(prod.m), MPFR_RNDN);
    mpfr_log2(ptr(bound), ptr(bound), MPFR_RNDD);
    mpfr_add_z(ptr(bound), ptr(bound), ptr(prod.e), MPFR_RNDD);
    if (mpfr_cmp_ui(ptr(m), 1) < 0) {
        mpfr_log2(ptr(t), ptr(m), MPFR_RNDD);  // < 0
        mpfr_mul_si(ptr(t), ptr(t), end - n, MPFR_RNDD);
        mpfr_add(ptr(bound), ptr(bound), ptr(t), MPFR_RNDD);
    }
    if (!mpfr_number_p(ptr(bound)) || mpfr_cmp_si(ptr(bound), limit + 8) < 0) return false;
    where = orbit_invariant{approx::known_to(J.lower(), 6), approx::known_to(J.upper(), 6), n,
                            approx::known_to(ptr(m), 6)};
    return true;
}

//! A fixed point of f near v, by Newton's method on f(x) − x (linear convergence at a
//! neutral fixed point, so up to 200 steps); NaN if it does not settle.
inline void fixed_point_near(mpfr_evaluator& F, mpfr_evaluator& G, mpfr_srcptr v, mpfr_ptr out) {
    const mpfr_prec_t bits = mpfr_get_prec(out);
    mpfr_float num = make_mpfr(bits), den = make_mpfr(bits), step = make_mpfr(bits);
    mpfr_set(out, v, MPFR_RNDN);
    for (int k = 0; k < 200; ++k) {
        mpfr_sub(ptr(num), F(out), out, MPFR_RNDN);
        if (mpfr_zero_p(ptr(num))) return;
        mpfr_sub_ui(ptr(den), G(out), 1, MPFR_RNDN);
        if (!mpfr_regular_p(ptr(den))) break;
        mpfr_div(ptr(step), ptr(num), ptr(den), MPFR_RNDN);
        mpfr_sub(out, out, ptr(step), MPFR_RNDN);
        if (!mpfr_number_p(out)) break;
        if (mpfr_zero_p(ptr(step))) return;
        // At out = 0 the exponent is MPFR's sentinel (UBSan: overflow below): iterate on.
        if (!mpfr_zero_p(out) && mpfr_get_exp(ptr(step)) < mpfr_get_exp(out) - bits + 4) return;
    }
    mpfr_set_nan(out);
}

//! Cancellation: h(x) evaluated to exactly 0 at x ≠ 0 (x − tanh x for a tiny x: tanh x
//! rounds to x) is either exact or a difference of nearly equal numbers. An enclosure of h at
//! x decides: [0, 0] is exact; otherwise the precision rises (doubling, to 2^17 bits) until
//! the enclosure excludes 0 and is narrow to `bits`, and v becomes its midpoint. False when
//! that fails: the value is unknown, never a wrong 0.
inline bool settle_cancellation(const expr& h, mpfr_srcptr x, mpfr_ptr v) {
    if (!mpfr_zero_p(v) || mpfr_zero_p(x)) return true;
    const mpfr_prec_t bits = mpfr_get_prec(v);
    for (mpfr_prec_t p = std::max<mpfr_prec_t>(2 * bits, mpfr_get_prec(x));
         p <= (mpfr_prec_t{1} << 17); p *= 2) {
        interval at(p);
        mpfr_set(at.lower(), x, MPFR_RNDD);
        mpfr_set(at.upper(), x, MPFR_RNDU);
        const interval e = enclose(h, at);
        if (!e.valid()) return false;
        if (e.is_zero()) return true;
        if (e.contains_zero()) continue;
        mpfr_float width = make_mpfr(p), mid = make_mpfr(p);
        mpfr_sub(ptr(width), e.upper(), e.lower(), MPFR_RNDU);
        mpfr_add(ptr(mid), e.upper(), e.lower(), MPFR_RNDN);
        mpfr_div_2ui(ptr(mid), ptr(mid), 1, MPFR_RNDN);
        mpfr_abs(ptr(mid), ptr(mid), MPFR_RNDN);
        mpfr_mul_2si(ptr(mid), ptr(mid), -static_cast<long>(bits) - 8, MPFR_RNDN);
        if (mpfr_greater_p(ptr(width), ptr(mid))) continue;  // not yet narrow enough
        mpfr_add(v, e.upper(), e.lower(), MPFR_RNDN);
        mpfr_div_2ui(v, v, 1, MPFR_RNDN);
        return true;
    }
    return false;
}

//! Tries to prove that the depths still missing do not occur up to `end`: an interval J from
//! x_n to 0, to ±inf or to the fixed point near x_n (and a hair beyond) with f(J) ⊂ J and
//! |f'| on J large enough (prove_above). Sets out.proved and out.proof on success.
inline bool attempt_proof(const expr& f, const expr& df, mpfr_evaluator& F, mpfr_evaluator& G,
                          mpfr_srcptr xv, const wide_number& prod, long n, long end,
                          orbit_run& out) {
    // Proof attempts: J from x_n to 0 or to the nearby fixed point (and a hair beyond).
    const long limit = out.subnormal ? -1074 : -1022;
    const mpfr_prec_t bits = mpfr_get_prec(xv);
    mpfr_float c = make_mpfr(bits), t = make_mpfr(bits);
    std::vector<mpfr_float> ends;
    for (const int sign : {0, 1, -1}) {  // J = [x_n, 0], [x_n, +inf] or [-inf, x_n]
        ends.push_back(make_mpfr(bits));
        if (sign == 0)
            mpfr_set_zero(ptr(ends.back()), 1);
        else
            mpfr_set_inf(ptr(ends.back()), sign);
    }
    fixed_point_near(F, G, xv, ptr(c));
    if (mpfr_number_p(ptr(c))) {
        for (const int shift : {0, 1, -1}) {
            ends.push_back(make_mpfr(bits));
            if (shift == 0 || mpfr_zero_p(ptr(c))) {
                mpfr_set(ptr(ends.back()), ptr(c), MPFR_RNDN);
                if (shift != 0) ends.pop_back();
                continue;
            }
            // c moved by 2^-(bits/2)·max(1, |c|) away from x_n (shift 1) or towards it
            mpfr_set_ui(ptr(t), 1, MPFR_RNDN);
            mpfr_mul_2si(ptr(t), ptr(t), -static_cast<long>(bits / 2), MPFR_RNDN);
            if (mpfr_cmpabs_ui(ptr(c), 1) > 0)
                mpfr_mul(ptr(t), ptr(t), ptr(c), MPFR_RNDN), mpfr_abs(ptr(t), ptr(t), MPFR_RNDN);
            const bool away_is_up = mpfr_greaterequal_p(ptr(c), xv) != 0;
            if ((shift > 0) == away_is_up)
                mpfr_add(ptr(ends.back()), ptr(c), ptr(t), MPFR_RNDN);
            else
                mpfr_sub(ptr(ends.back()), ptr(c), ptr(t), MPFR_RNDN);
        }
    }
    for (const auto& cand : ends) {
        if (prove_above(f, df, xv, ptr(cand), prod, n, end, limit, out.proof)) {
            out.proved = true;
            break;
        }
    }
    mpfr_clear_flags();  // the attempts are not steps of the orbit
    return out.proved;
}

//! The error for a depth beyond the step budget.
inline std::string budget_message(long depth, long max_steps, mpfr_prec_t bits) {
    char text[400];
    std::snprintf(text, sizeof text,
                  "actlab: orbit: depth %ld needs more than %ld steps that evaluate f at %ld bits, "
                  "the step budget at this precision (the rounded orbit does not repeat): use a "
                  "smaller depth or fewer digits",
                  depth, max_steps, static_cast<long>(bits));
    return text;
}

//! One precision: follows the orbit to `depth`, recording the checkpoints, and on to
//! `horizon` for the underflow depths. Once f'(x_n) no longer changes at this precision
//! (the orbit has converged to an attracting fixed point), the remaining factors are that
//! constant and only the product is stepped. Otherwise, past depth, the search tries at
//! n = depth, 2·depth, 4·depth, … to prove that the missing depths do not occur up to
//! `horizon` (prove_above) and stops there. Once the rounded orbit repeats (x_n = f(x_n), or
//! x_n = x_(n−2)), the rest follows in closed form (finish_settled). At most `max_steps` steps
//! evaluate f: more are refused before depth (an error) and end the search after it (budget_stop).
inline void run_orbit(const expr& f, const expr& df, const std::string& x0, long depth,
                      long horizon, const std::vector<long>& checkpoints, mpfr_prec_t bits,
                      long max_steps, orbit_run& out) {
    const wide_exponents range;
    mpfr_evaluator F(f, bits), G(df, bits);
    std::optional<wide_evaluator> WF, WG;  // built on the first wide step
    mpfr_float xv = make_mpfr(bits), next = make_mpfr(bits), g = make_mpfr(bits),
               last_g = make_mpfr(bits), t = make_mpfr(bits), before = make_mpfr(bits);
    wide_number prod(bits), xw(bits), gw(bits), nextw(bits);
    bool wide = false;  // x_n is carried in xw (its exponent is beyond ±2^40)
    if (mpfr_set_str(ptr(xv), x0.c_str(), 10, MPFR_RNDN) != 0)
        fail("actlab: orbit: x0 is not a decimal number");
    mpfr_set_ui(ptr(prod.m), 1, MPFR_RNDN);
    normalize(prod);
    mpfr_set_nan(ptr(last_g));
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
        out.x.emplace_back(bits);
        out.p.emplace_back(bits);
    }
    const long end = std::max(depth, horizon);
    std::size_t next_checkpoint = 0;
    bool stable = false;  // f'(x_n) no longer changes at this precision
    long next_proof = std::max(depth, 64L);
    int period = 0;  // the rounded orbit repeats: x_n = x_(n−1) (1) or x_n = x_(n−2) (2)
    mpfr_set_nan(ptr(before));
    for (long n = 1; n <= end; ++n) {
        if (!stable && n > max_steps) {
            if (n <= depth) fail(budget_message(depth, max_steps, bits).c_str());
            out.cut = true;
            out.budget_stop = n;
            break;
        }
        if (!stable) {
            if (!wide && mpfr_regular_p(ptr(xv)) &&
                std::abs(mpfr_get_exp(ptr(xv))) > wide_threshold) {
                wide = true;
                wide_set(xw, ptr(xv));
            }
            if (wide) {
                if (!WF) WF.emplace(f, bits), WG.emplace(df, bits);
                if (!WF->supported() || !WG->supported() || !(*WG)(xw, gw) || !(*WF)(xw, nextw)) {
                    out.out_of_range = n;
                    out.cut = true;
                    break;
                }
                if (!mpfr_number_p(ptr(gw.m)) || !mpfr_number_p(ptr(nextw.m))) {
                    out.out_of_range = n;
                    out.cut = true;
                    break;
                }
                mpfr_mul(ptr(prod.m), ptr(prod.m), ptr(gw.m), MPFR_RNDN);
                mpz_add(ptr(prod.e), ptr(prod.e), ptr(gw.e));
                normalize(prod);
                wide_copy(xw, nextw);
            } else {
                mpfr_set(ptr(g), G(ptr(xv)), MPFR_RNDN);
                mpfr_set(ptr(next), F(ptr(xv)), MPFR_RNDN);
                // f is proved finite on R: a value that is not is beyond the number format.
                // The flags of F and G are dropped: a branch not taken (e^x of a huge x
                // beside a linear piece) may overflow without touching the values.
                mpfr_clear_flags();
                if (!mpfr_number_p(ptr(g)) || !mpfr_number_p(ptr(next)) ||
                    !settle_cancellation(df, ptr(xv), ptr(g)) ||
                    !settle_cancellation(f, ptr(xv), ptr(next))) {
                    out.out_of_range = n;
                    out.cut = true;
                    break;
                }
                stable = n > depth && mpfr_equal_p(ptr(g), ptr(last_g)) != 0;
                period = mpfr_equal_p(ptr(next), ptr(xv))       ? 1
                         : mpfr_equal_p(ptr(next), ptr(before)) ? 2
                                                                : 0;
                if (period == 2) mpfr_swap(ptr(t), ptr(last_g));  // f'(x_(n−2)) = f'(x_n)
                mpfr_set(ptr(before), ptr(xv), MPFR_RNDN);
                mpfr_set(ptr(last_g), ptr(g), MPFR_RNDN);
                mpfr_swap(ptr(xv), ptr(next));
                mpfr_mul(ptr(prod.m), ptr(prod.m), ptr(g), MPFR_RNDN);
                normalize(prod);
                if (mpfr_underflow_p() || mpfr_overflow_p()) {  // a flushed 0 or ±inf
                    out.out_of_range = n;
                    out.cut = true;
                    break;
                }
            }
        } else {
            mpfr_mul(ptr(prod.m), ptr(prod.m), ptr(g), MPFR_RNDN);
            normalize(prod);
        }
        out.steps = n;
        if (!out.subnormal && wide_below(prod, -1022)) out.subnormal = n;
        if (!out.underflow && wide_below(prod, -1074)) out.underflow = n;
        if (next_checkpoint < checkpoints.size() && checkpoints[next_checkpoint] == n) {
            if (wide) {
                wide_copy(out.x[next_checkpoint], xw);
            } else {
                wide_set(out.x[next_checkpoint], ptr(xv));
            }
            wide_copy(out.p[next_checkpoint], prod);
            ++next_checkpoint;
        }
        if (period != 0) {  // period 2: x_(n+1) = x_(n−1) (now `before`), whose factor is g
            if (period == 1)
                finish_settled(out, checkpoints, next_checkpoint, {ptr(xv)}, {ptr(g)}, prod, n,
                               end);
            else
                finish_settled(out, checkpoints, next_checkpoint, {ptr(xv), ptr(before)},
                               {ptr(t), ptr(g)}, prod, n, end);
            // A depth still missing: none up to end, and proved so when J is found.
            if (!out.underflow) attempt_proof(f, df, F, G, ptr(xv), prod, n, end, out);
            break;
        }
        if (n < depth) continue;
        if (out.underflow) break;  // (then the subnormal depth is found too)
        if (stable) {
            mpfr_abs(ptr(t), ptr(g), MPFR_RNDN);
            if (mpfr_cmp_ui(ptr(t), 1) >= 0) break;  // |P_n| never shrinks: none up to end
            continue;                                // step the product: P_{m+1} = P_m·g
        }
        if (wide) {  // no proofs on wide numbers, and stepping them to `end` is unaffordable
            out.cut = true;
            out.stopped_wide = n;
            break;
        }
        if (n != next_proof || n == end) continue;
        next_proof = n <= end / 2 ? 2 * n : end;
        if (attempt_proof(f, df, F, G, ptr(xv), prod, n, end, out)) break;
    }
    mpfr_clear_flags();
}

//! w as a plain MPFR number in `out` (of w's precision), if it fits the current
//! exponent range.
inline bool wide_to_plain(const wide_number& w, mpfr_float& out) {
    mpfr_set_prec(ptr(out), w.precision());
    mpfr_set(ptr(out), ptr(w.m), MPFR_RNDN);
    if (!w.regular()) return true;
    if (!mpz_fits_slong_p(ptr(w.e))) return false;
    const long ex = mpz_get_si(ptr(w.e));
    if (ex > mpfr_get_emax() - 2 || ex < mpfr_get_emin() + 2) return false;
    mpfr_set_exp(ptr(out), static_cast<mpfr_exp_t>(ex));  // m in [1/2, 1): m·2^e exactly
    return true;
}

//! w (regular) as s·10^e with 1 ≤ |s| < 10 and an exact integer e: e = ⌊log10 |w|⌋ from
//! wide_log10 (exact integer part), s = ±10^(log10 |w| − e) with the precision of w and more.
inline void wide_to_decimal(const wide_number& w, mpfr_float& s, mpz_int& e) {
    const mpfr_float l = wide_log10(w);
    mpz_int ip;
    mpfr_get_z(ptr(ip), ptr(l), MPFR_RNDD);
    mpfr_float frac = make_mpfr(mpfr_get_prec(ptr(l)));
    mpfr_sub_z(ptr(frac), ptr(l), ptr(ip), MPFR_RNDN);
    s = make_mpfr(w.precision() + 16);
    mpfr_exp10(s.backend().data(), ptr(frac), MPFR_RNDN);  // in [1, 10]
    if (mpfr_sgn(ptr(w.m)) < 0) mpfr_neg(s.backend().data(), s.backend().data(), MPFR_RNDN);
    mpz_set(e.backend().data(), ptr(ip));
}

//! x_n or P_n of both runs, to the digits on which they round alike (agree_digits): as plain
//! MPFR values when both fit, else as s·10^e with exact integer exponents.
inline wide_approx agree_wide(const wide_number& a, const wide_number& b, int max_digits) {
    {
        mpfr_float pa = make_mpfr(a.precision()), pb = make_mpfr(b.precision());
        if (wide_to_plain(a, pa) && wide_to_plain(b, pb))
            return wide_approx(agree_digits(ptr(pa), ptr(pb), max_digits));
    }
    if (!a.regular() || !b.regular()) return {};  // one of them is 0/inf/NaN, the other not
    mpfr_float sa, sb;
    mpz_int ea, eb;
    wide_to_decimal(a, sa, ea);
    wide_to_decimal(b, sb, eb);
    return agree_digits(sa.backend().data(), ea, sb.backend().data(), eb, max_digits);
}

//! log10 |P| of both runs, to the digits on which they agree.
inline approx agree_log10(const wide_number& a, const wide_number& b, int max_digits) {
    if (mpfr_nan_p(ptr(a.m)) || mpfr_nan_p(ptr(b.m))) return {};
    const mpfr_float la = wide_log10(a), lb = wide_log10(b);
    return agree_digits(la, lb, max_digits);
}

//! Extra bits that could make a short decimal of the checkpoint values whole: the digits
//! missing, or (none agreeing) log2 of the condition number |P_n·x_0/x_n| of x_n in x_0
//! and of log2 |log10 |v||, the digits that a huge exponent takes from the mantissa.
inline long missing_bits(const wide_approx& shown, const wide_number& v, const wide_number& p,
                         const wide_number& x, mpfr_srcptr x0, int digits) {
    if (shown.known() && shown.digits() >= digits) return 0;
    if (shown.is_zero() || shown.infinite()) return 0;
    if (!v.regular()) return 0;
    if (shown.known()) return static_cast<long>(std::ceil((digits - shown.digits()) * 3.33)) + 32;
    double need = 32;
    const mpfr_float l = wide_log10(v);
    if (mpfr_number_p(ptr(l)) && !mpfr_zero_p(ptr(l))) {
        mpfr_float a = make_mpfr(64);
        mpfr_abs(ptr(a), ptr(l), MPFR_RNDN);
        mpfr_log2(ptr(a), ptr(a), MPFR_RNDN);
        need = std::max(need, mpfr_get_d(ptr(a), MPFR_RNDN) + 32);
    }
    if (p.regular() && x.regular() && mpfr_regular_p(x0)) {
        // log2 |P·x0/x| = log2|p.m| + p.e + log2|x0| − log2|x.m| − x.e
        mpfr_float k = make_mpfr(128), t = make_mpfr(128);
        mpz_int gap;  // p.e − x.e exactly: the two exponents may be huge and close
        mpz_sub(ptr(gap), ptr(p.e), ptr(x.e));
        mpfr_abs(ptr(t), ptr(p.m), MPFR_RNDN);
        mpfr_log2(ptr(k), ptr(t), MPFR_RNDN);
        mpfr_abs(ptr(t), ptr(x.m), MPFR_RNDN);
        mpfr_log2(ptr(t), ptr(t), MPFR_RNDN);
        mpfr_sub(ptr(k), ptr(k), ptr(t), MPFR_RNDN);
        mpfr_add_z(ptr(k), ptr(k), ptr(gap), MPFR_RNDN);
        mpfr_abs(ptr(t), x0, MPFR_RNDN);
        mpfr_log2(ptr(t), ptr(t), MPFR_RNDN);
        mpfr_add(ptr(k), ptr(k), ptr(t), MPFR_RNDN);
        if (mpfr_number_p(ptr(k))) need = std::max(need, mpfr_get_d(ptr(k), MPFR_RNDN) + 32);
    }
    return static_cast<long>(std::ceil(std::min(need, 1e9)));
}

//! x0 as typed: [+-]digits[.digits][(e|E)[+-]digits], exactly, as 0.mantissa × 10^exp10;
//! empty if it is not such a decimal (or its exponent has more than 15 digits).
inline std::optional<decimal_digits> parse_decimal(const std::string& text) {
    std::size_t i = 0;
    decimal_digits out;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) out.negative = text[i++] == '-';
    std::string digits;
    long point = 0;  // digits before the decimal point
    bool seen_point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            if (!seen_point) ++point;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (digits.empty()) return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        const std::size_t from = ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        const std::size_t first_digit = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == first_digit || i - first_digit > 15) return std::nullopt;
        point += std::stol(text.substr(from, i - from));
    }
    if (i != text.size()) return std::nullopt;
    const std::size_t lead = digits.find_first_not_of('0');
    if (lead == std::string::npos) return decimal_digits{};  // 0
    digits.erase(0, lead);
    point -= static_cast<long>(lead);
    digits.erase(digits.find_last_not_of('0') + 1);
    out.mantissa = digits;
    out.exp10 = point;
    return out;
}

//! The checkpoint values of one pair of runs into r.steps; a value already there is replaced
//! only by one with more digits. Returns the extra bits that could still complete a value.
inline long collect_steps(orbit_report& r, const orbit_run& a, const orbit_run& b,
                          const std::string& x0, const std::vector<long>& checkpoints) {
    long want = 0;
    mpfr_float x0v = make_mpfr(64);
    mpfr_set_str(ptr(x0v), x0.c_str(), 10, MPFR_RNDN);
    const auto in_range = [&](long n) {
        return (a.out_of_range == 0 || n < a.out_of_range) &&
               (b.out_of_range == 0 || n < b.out_of_range);
    };
    const auto better = [](auto& slot, auto v) {
        if (v.known() && (!slot.known() || v.digits() > slot.digits())) slot = std::move(v);
    };
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
        orbit_step& s = r.steps[k];
        s.n = checkpoints[k];
        if (!in_range(s.n)) continue;  // could not be carried: unknown, not a flushed 0
        better(s.x, agree_wide(a.x[k], b.x[k], r.digits));
        better(s.grad_product, agree_wide(a.p[k], b.p[k], r.digits));
        better(s.log10_abs_grad_product, agree_log10(a.p[k], b.p[k], r.digits));
        want = std::max({want, missing_bits(s.x, b.x[k], b.p[k], b.x[k], ptr(x0v), r.digits),
                         missing_bits(s.grad_product, b.p[k], b.p[k], b.x[k], ptr(x0v), r.digits)});
    }
    return want;
}

//! The underflow depths and how the search ended, from the runs at the two precisions: a
//! depth counts when both found it; "none" when neither did and neither was cut short.
inline void settle_search(orbit_report& r, const orbit_run& lo, const orbit_run& hi) {
    r.invariant_at_both = lo.proved && hi.proved;
    const auto settle = [&](const std::optional<long>& a, const std::optional<long>& b,
                            std::optional<long>& depth, depth_search& status) {
        if (a && b && *a == *b) {
            depth = *a;
            status = depth_search::found;
        } else if (!a && !b && !lo.cut && !hi.cut) {
            status = r.invariant_at_both ? depth_search::none_proved : depth_search::none;
        } else {
            status = depth_search::unknown;
        }
    };
    settle(lo.underflow, hi.underflow, r.double_underflow_depth, r.double_underflow_status);
    settle(lo.subnormal, hi.subnormal, r.double_subnormal_depth, r.double_subnormal_status);
    r.steps_working = lo.steps;
    r.steps_check = hi.steps;
    // The more precise run's proof or stop, when both proved, or when the other run was
    // cut short without one.
    if (r.invariant_at_both || (!lo.proved && (lo.cut || hi.cut))) {
        r.invariant = hi.proof;
        if (hi.stopped_wide && !r.invariant_at_both) r.stopped_beyond_range = hi.stopped_wide;
    }
    if (lo.out_of_range || hi.out_of_range)
        r.out_of_range_from = std::min(lo.out_of_range ? lo.out_of_range : hi.out_of_range,
                                       hi.out_of_range ? hi.out_of_range : lo.out_of_range);
    if (lo.settled) r.settled_working = lo.settled, r.period_working = lo.period;
    if (hi.settled) r.settled_check = hi.settled, r.period_check = hi.period;
    if (lo.budget_stop || hi.budget_stop) {
        // Both runs share the budget's step count; the earlier stop bounds the search.
        const long stop = std::min(lo.budget_stop ? lo.budget_stop : hi.budget_stop,
                                   hi.budget_stop ? hi.budget_stop : lo.budget_stop);
        r.stopped_by_budget = stop;
        r.searched_depth = std::min(r.searched_depth, stop - 1);
    }
}

}  // namespace detail

//! The orbit of x0 under f to `depth` (x0 a decimal string, taken at each working
//! precision), with P_n and log10 |P_n| at n = 1, 2, 5, 10, 20, 50, … and depth. Values
//! beyond MPFR's exponent range are carried as m·2^e with an exact integer e (for f made
//! of +, ×, integer powers and |·|; otherwise unknown from there on) and shown as
//! mantissa·10^exponent. When the digits of x_n or P_n fall short (an orbit that amplifies
//! the rounding of x0, like x³), the checkpoints are recomputed at higher precisions, as
//! long as depth × bits stays below 2·10^7.
inline orbit_report orbit(const expr& f, const std::string& x0, long depth,
                          const orbit_options& options = {}) {
    if (depth < 1 || depth > 100000000) detail::fail("actlab: orbit: depth must be in 1..10^8");
    if (options.digits < 1 || options.digits > 1000)
        detail::fail("actlab: orbit: digits must be in 1..1000");
    if (options.horizon < 0) detail::fail("actlab: orbit: horizon must be >= 0");
    if (options.every && depth > 100000)
        detail::fail("actlab: orbit: a row for every n only up to depth 10^5");
    if (!(options.step_budget >= 1000 && options.step_budget <= 1e15))
        detail::fail("actlab: orbit: step_budget must be in 10^3..10^15");
    // On a stack of its own (detail/large_stack.hpp).
    return detail::on_large_stack([&] {
        require_defined_on_reals(f, "orbit");
        orbit_report r;
        {
            const auto exact = detail::parse_decimal(x0);
            mpfr_float v = make_mpfr(64);
            if (!exact || mpfr_set_str(detail::ptr(v), x0.c_str(), 10, MPFR_RNDN) != 0 ||
                !mpfr_number_p(detail::ptr(v)))
                detail::fail("actlab: orbit: x0 is not a finite decimal number");
            r.x0 = *exact;
        }
        const expr df = d(f);
        const std::vector<long> checkpoints = detail::orbit_checkpoints(depth, options.every);
        const precisions p{options.digits};
        mpfr_prec_t lo_bits = p.working();
        // The same step count for both runs, from the working precision.
        const long max_steps =
            std::max(1L, static_cast<long>(options.step_budget / static_cast<double>(lo_bits)));
        detail::orbit_run lo, hi;
        detail::run_orbit(f, df, x0, depth, options.horizon, checkpoints, lo_bits, max_steps, lo);
        detail::run_orbit(f, df, x0, depth, options.horizon, checkpoints, p.check(), max_steps, hi);
        r.depth = depth;
        r.digits = options.digits;
        r.searched_depth = std::max(depth, options.horizon);
        r.steps.resize(checkpoints.size());
        long want = detail::collect_steps(r, lo, hi, x0, checkpoints);
        for (int round = 0; round < 4 && want > 0; ++round) {
            const mpfr_prec_t bits = lo_bits + static_cast<mpfr_prec_t>(want);
            if (static_cast<double>(bits) * static_cast<double>(depth) > 2e7) break;
            lo_bits = bits;
            detail::orbit_run a, b;  // to depth only: the underflow search is done
            // depth × bits <= 2·10^7 here: below any step budget of the first runs
            constexpr long unlimited = std::numeric_limits<long>::max();
            detail::run_orbit(f, df, x0, depth, 0, checkpoints, lo_bits, unlimited, a);
            detail::run_orbit(f, df, x0, depth, 0, checkpoints, 2 * lo_bits + 32, unlimited, b);
            const long again = detail::collect_steps(r, a, b, x0, checkpoints);
            if (again >= want) break;  // no progress
            want = again;
        }
        detail::settle_search(r, lo, hi);
        return r;
    });
}

}  // namespace actlab
