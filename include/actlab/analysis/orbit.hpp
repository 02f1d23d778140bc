// actlab: iterates x_{n+1} = f(x_n) and the gradient product P_n = ∏_{k<n} f'(x_k) across
// depth, at two precisions (needs MPFR).
#pragma once

#include <actlab/analysis/decimal.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>
#include <actlab/expr/error.hpp>

#include <mpfr.h>

#include <optional>
#include <string>
#include <vector>

namespace actlab {

struct orbit_options {
    int digits = 50;         //!< significant digits wanted (1..1000)
    bool every = false;      //!< a step for every n, not only n = 1, 2, 5, 10, 20, 50, …
    long horizon = 1000000;  //!< how deep to look for the double-underflow depths
};

struct orbit_step {
    long n = 0;
    decimal x;                       //!< x_n
    decimal grad_product;            //!< P_n
    decimal log10_abs_grad_product;  //!< log10 |P_n|
};

struct orbit_report {
    std::string x0;
    long depth = 0;
    int digits = 0;
    std::vector<orbit_step> steps;
    //! First n with |P_n| < 2^−1074, the smallest positive double: a product carried in
    //! double is 0 (or at best one subnormal step) from there on. Empty if none up to
    //! max(depth, horizon), or unknown when the two precisions disagree.
    std::optional<long> double_underflow_depth;
    //! First n with |P_n| < 2^−1022: the product leaves the normal doubles and loses
    //! relative precision from there on.
    std::optional<long> double_subnormal_depth;
    long searched_depth = 0;  //!< the depth up to which the underflow depths were searched
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

struct orbit_run {
    std::vector<mpfr_number> x, p;  // at the checkpoints
    std::optional<long> underflow, subnormal;
    long out_of_range = 0;  // first n whose values left MPFR's exponent range (0: none)
};

//! MPFR's widest exponent range (about 2^±4.6e18) for one scope.
class wide_exponents {
public:
    wide_exponents() : emin_(mpfr_get_emin()), emax_(mpfr_get_emax()) {
        mpfr_set_emin(mpfr_get_emin_min());
        mpfr_set_emax(mpfr_get_emax_max());
        mpfr_clear_flags();
    }
    wide_exponents(const wide_exponents&) = delete;
    wide_exponents& operator=(const wide_exponents&) = delete;
    ~wide_exponents() {
        mpfr_set_emin(emin_);
        mpfr_set_emax(emax_);
    }

private:
    mpfr_exp_t emin_, emax_;
};

//! One precision: follows the orbit to `depth`, recording the checkpoints, and on to
//! `horizon` for the underflow depths. Once f'(x_n) no longer changes at this precision
//! (the orbit has converged to an attracting fixed point), the remaining factors are that
//! constant: P_m = P_n·g^(m−n) and the underflow depths follow from logarithms.
inline void run_orbit(const expr& f, const expr& df, const std::string& x0, long depth,
                      long horizon, const std::vector<long>& checkpoints, mpfr_prec_t bits,
                      orbit_run& out) {
    mpfr_evaluator F(f, bits), G(df, bits);
    mpfr_number xv(bits), next(bits), prod(bits), g(bits), last_g(bits), t(bits);
    mpfr_number subnormal_limit(64), underflow_limit(64);
    mpfr_set_si_2exp(subnormal_limit, 1, -1022, MPFR_RNDN);
    mpfr_set_si_2exp(underflow_limit, 1, -1074, MPFR_RNDN);
    if (mpfr_set_str(xv, x0.c_str(), 10, MPFR_RNDN) != 0)
        fail("actlab: orbit: x0 is not a decimal number");
    mpfr_set_ui(prod, 1, MPFR_RNDN);
    mpfr_set_nan(last_g);
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
        out.x.emplace_back(bits);
        out.p.emplace_back(bits);
    }
    const long end = std::max(depth, horizon);
    const wide_exponents range;
    std::size_t next_checkpoint = 0;
    bool stable = false;  // f'(x_n) no longer changes at this precision
    for (long n = 1; n <= end; ++n) {
        if (!stable) {
            mpfr_set(g, G(xv), MPFR_RNDN);
            if (!mpfr_number_p(g)) fail("actlab: orbit: f' is not finite along the orbit");
            stable = mpfr_equal_p(g, last_g) != 0;
            mpfr_set(last_g, g, MPFR_RNDN);
        }
        mpfr_mul(prod, prod, g, MPFR_RNDN);
        if (n <= depth || !stable) {
            mpfr_set(next, F(xv), MPFR_RNDN);
            if (!mpfr_number_p(next))
                fail("actlab: orbit: the orbit leaves the reals (f(x_n) is not finite)");
            mpfr_swap(xv, next);
        }
        if (out.out_of_range == 0 && (mpfr_underflow_p() || mpfr_overflow_p())) {
            out.out_of_range = n;  // from here on x_n or P_n is a flushed 0 or ±inf
        }
        if (!out.subnormal && mpfr_cmpabs(prod, subnormal_limit) < 0) out.subnormal = n;
        if (!out.underflow && mpfr_cmpabs(prod, underflow_limit) < 0) out.underflow = n;
        if (next_checkpoint < checkpoints.size() && checkpoints[next_checkpoint] == n) {
            mpfr_set(out.x[next_checkpoint], xv, MPFR_RNDN);
            mpfr_set(out.p[next_checkpoint], prod, MPFR_RNDN);
            ++next_checkpoint;
        }
        if (out.out_of_range != 0 && out.underflow) break;
        if (n < depth) continue;
        if (out.underflow) break;
        if (!stable) continue;
        // |P_m| = |P_n|·|g|^(m−n) from here on: the first m below each limit, by logarithms.
        mpfr_abs(t, g, MPFR_RNDN);
        if (mpfr_cmp_ui(t, 1) >= 0) break;  // never shrinks
        mpfr_number lp(bits), lg(bits), q(bits);
        mpfr_abs(lp, prod, MPFR_RNDN);
        mpfr_log2(lp, lp, MPFR_RNDN);
        mpfr_log2(lg, t, MPFR_RNDN);
        for (const long limit : {-1022L, -1074L}) {
            std::optional<long>& slot = limit == -1022 ? out.subnormal : out.underflow;
            if (slot) continue;
            // the smallest m > n with lp + (m − n)·lg < limit
            mpfr_set_si(q, limit, MPFR_RNDN);
            mpfr_sub(q, q, lp, MPFR_RNDN);
            mpfr_div(q, q, lg, MPFR_RNDN);
            mpfr_floor(q, q);
            const long m = n + mpfr_get_si(q, MPFR_RNDN) + 1;
            if (m <= end) slot = m;
        }
        break;
    }
}

}  // namespace detail

//! The orbit of x0 under f to `depth` (x0 a decimal string, taken at each working
//! precision), with P_n and log10 |P_n| at n = 1, 2, 5, 10, 20, 50, … and depth; P_n has
//! MPFR's exponent range (about 10^±3e8), so nothing underflows.
inline orbit_report orbit(const expr& f, const std::string& x0, long depth,
                          const orbit_options& options = {}) {
    if (depth < 1 || depth > 100000000) detail::fail("actlab: orbit: depth must be in 1..10^8");
    if (options.digits < 1 || options.digits > 1000)
        detail::fail("actlab: orbit: digits must be in 1..1000");
    const expr df = d(f);
    const std::vector<long> checkpoints = detail::orbit_checkpoints(depth, options.every);
    detail::orbit_run lo, hi;
    detail::run_orbit(f, df, x0, depth, options.horizon, checkpoints, working_bits(options.digits),
                      lo);
    detail::run_orbit(f, df, x0, depth, options.horizon, checkpoints, check_bits(options.digits),
                      hi);
    orbit_report r;
    r.x0 = x0;
    r.depth = depth;
    r.digits = options.digits;
    r.searched_depth = std::max(depth, options.horizon);
    mpfr_t la, lb;
    mpfr_init2(la, check_bits(options.digits));
    mpfr_init2(lb, check_bits(options.digits));
    const auto in_range = [&](long n) {
        return (lo.out_of_range == 0 || n < lo.out_of_range) &&
               (hi.out_of_range == 0 || n < hi.out_of_range);
    };
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
        orbit_step s;
        s.n = checkpoints[k];
        if (!in_range(s.n)) {  // beyond 2^±4.6e18: unknown, not a flushed 0
            r.steps.push_back(std::move(s));
            continue;
        }
        s.x = agree(lo.x[k], hi.x[k], options.digits);
        s.grad_product = agree(lo.p[k], hi.p[k], options.digits);
        mpfr_abs(la, lo.p[k], MPFR_RNDN);
        mpfr_log10(la, la, MPFR_RNDN);
        mpfr_abs(lb, hi.p[k], MPFR_RNDN);
        mpfr_log10(lb, lb, MPFR_RNDN);
        s.log10_abs_grad_product = agree(la, lb, options.digits);
        r.steps.push_back(std::move(s));
    }
    mpfr_clear(la);
    mpfr_clear(lb);
    if (lo.underflow == hi.underflow) r.double_underflow_depth = hi.underflow;
    if (lo.subnormal == hi.subnormal) r.double_subnormal_depth = hi.subnormal;
    return r;
}

}  // namespace actlab
