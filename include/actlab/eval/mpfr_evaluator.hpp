// actlab: a typed evaluator for hot loops in MPFR (needs MPFR: link actlab::mpfr) — one
// register per node, allocated once, so evaluating f a million times at 200 bits allocates
// nothing.
#pragma once

#include <actlab/eval/interval.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/expression.hpp>

#include <mpfr.h>

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace actlab {

//! f compiled for evaluation at a fixed MPFR precision, rounding to nearest at every node.
//! Not certified (eval_certified and enclose are): each node rounds once, so the result
//! carries the usual forward error of the formula; the analyses run it at two precisions
//! and show only the digits that agree.
//!
//!     mpfr_evaluator g(d(tanh(x)), 256);
//!     mpfr_set_d(t, 0.5, MPFR_RNDN);
//!     mpfr_srcptr v = g(t);   // valid until the next call
class mpfr_evaluator {
public:
    mpfr_evaluator(const expr& f, mpfr_prec_t bits) : f_(f), bits_(bits) {
        regs_.resize(static_cast<std::size_t>(f.n_nodes));
        for (auto& r : regs_) mpfr_set_prec(detail::ptr(r), bits);
        params_.resize(static_cast<std::size_t>(f.n_parameters));
        for (int k = 0; k < f.n_parameters; ++k) {
            const mpfr_ptr p = detail::ptr(params_[static_cast<std::size_t>(k)]);
            mpfr_set_prec(p, bits);
            detail::set_rational(p, f.parameters[k].default_value, MPFR_RNDN);
        }
        // Constants are computed once, here.
        for (int i = 0; i < f.n_nodes; ++i) {
            const node& n = f.nodes[i];
            if (n.kind == op::number) detail::set_rational(reg(i), f.constants[n.aux], MPFR_RNDN);
            if (n.kind == op::named) {
                if (static_cast<named_constant>(n.aux) == named_constant::pi) {
                    mpfr_const_pi(reg(i), MPFR_RNDN);
                } else {
                    mpfr_set_ui(reg(i), 1, MPFR_RNDN);
                    mpfr_exp(reg(i), reg(i), MPFR_RNDN);
                }
            }
        }
    }
    mpfr_evaluator(const mpfr_evaluator&) = delete;
    mpfr_evaluator& operator=(const mpfr_evaluator&) = delete;

    mpfr_prec_t precision() const { return bits_; }

    //! Sets a parameter (rounded to the working precision); throws if f has no such name.
    void set_parameter(std::string_view name, mpfr_srcptr value) {
        for (int k = 0; k < f_.n_parameters; ++k) {
            if (f_.parameters[k].name_view() == name) {
                mpfr_set(detail::ptr(params_[static_cast<std::size_t>(k)]), value, MPFR_RNDN);
                return;
            }
        }
        detail::fail("actlab: mpfr_evaluator: no parameter of that name in the expression");
    }

    //! f(at); the result lives in the evaluator until the next call.
    mpfr_srcptr operator()(mpfr_srcptr at) {
        const expr& f = f_;
        for (int i = 0; i < f.n_nodes; ++i) compute(i, at);
        return reg(f.root());
    }

private:
    mpfr_ptr reg(int i) { return detail::ptr(regs_[static_cast<std::size_t>(i)]); }

    void compute(int i, mpfr_srcptr at) {
        const expr& f = f_;
        const node& n = f.nodes[i];
        mpfr_ptr r = reg(i);
        const auto c = [&](int k) { return reg(f.child(i, k)); };
        constexpr mpfr_rnd_t rn = MPFR_RNDN;
        switch (n.kind) {
            case op::number:
            case op::named: return;  // set once
            case op::parameter: mpfr_set(r, detail::ptr(params_[n.aux]), rn); return;
            case op::variable: mpfr_set(r, at, rn); return;
            case op::exp: mpfr_exp(r, c(0), rn); return;
            case op::expm1: mpfr_expm1(r, c(0), rn); return;
            case op::log: mpfr_log(r, c(0), rn); return;
            case op::log1p: mpfr_log1p(r, c(0), rn); return;
            case op::abs: mpfr_abs(r, c(0), rn); return;
            case op::sign: mpfr_set_si(r, mpfr_sgn(c(0)), rn); return;
            case op::step: {
                const int s = mpfr_sgn(c(0));
                if (s == 0)
                    mpfr_set_d(r, 0.5, rn);
                else
                    mpfr_set_si(r, s > 0 ? 1 : 0, rn);
                return;
            }
            case op::tanh: mpfr_tanh(r, c(0), rn); return;
            case op::sigmoid: detail::iv::sigmoid(r, c(0), rn); return;
            case op::softplus: detail::iv::softplus(r, c(0), rn); return;
            case op::erf: mpfr_erf(r, c(0), rn); return;
            case op::erfc: mpfr_erfc(r, c(0), rn); return;
            case op::sin: mpfr_sin(r, c(0), rn); return;
            case op::cos: mpfr_cos(r, c(0), rn); return;
            case op::min: mpfr_min(r, c(0), c(1), rn); return;
            case op::max: mpfr_max(r, c(0), c(1), rn); return;
            case op::lt: mpfr_set_si(r, mpfr_less_p(c(0), c(1)) ? 1 : 0, rn); return;
            case op::le: mpfr_set_si(r, mpfr_lessequal_p(c(0), c(1)) ? 1 : 0, rn); return;
            case op::where: mpfr_set(r, mpfr_zero_p(c(0)) ? c(2) : c(1), rn); return;
            case op::pow: {
                const int ex = f.child(i, 1);
                if (f.nodes[ex].kind != op::number) {
                    mpfr_pow(r, c(0), c(1), rn);
                    return;
                }
                const rational& q = f.constants[f.nodes[ex].aux];
                if (q.den == 1) {
                    mpfr_pow_si(r, c(0), static_cast<long>(q.num), rn);
                    return;
                }
                // actlab's real powers: odd roots of negative numbers are real.
                const bool negative = mpfr_sgn(c(0)) < 0;
                if (negative && q.den % 2 == 0) {
                    mpfr_set_nan(r);
                    return;
                }
                mpfr_abs(r, c(0), rn);
                mpfr_rootn_ui(r, r, static_cast<unsigned long>(q.den), rn);
                mpfr_pow_si(r, r, static_cast<long>(q.num), rn);
                if (negative && q.num % 2 != 0) mpfr_neg(r, r, rn);
                return;
            }
            case op::mul:
                mpfr_mul(r, c(0), c(1), rn);
                for (int k = 2; k < n.count; ++k) mpfr_mul(r, r, c(k), rn);
                return;
            case op::add:
                mpfr_add(r, c(0), c(1), rn);
                for (int k = 2; k < n.count; ++k) mpfr_add(r, r, c(k), rn);
                return;
        }
    }

    expr f_;  // a copy: the evaluator outlives temporaries
    mpfr_prec_t bits_;
    std::vector<mpfr_float> regs_;  // one per node, of bits_ bits
    std::vector<mpfr_float> params_;
};

namespace detail {

//! MPFR's widest exponent range (about 2^±4.6e18) for one scope: values like e^(−2·10^10),
//! far below the default range's 2^(−2^30), are then carried instead of flushed to 0.
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

}  // namespace detail

}  // namespace actlab
