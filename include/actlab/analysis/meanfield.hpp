// actlab: mean-field signal propagation through a deep random network (Poole et al. 2016;
// Schoenholz et al. 2017) at two precisions (needs MPFR).
//
// Pre-activations of width-∞ layers with weights N(0, σ_w²/N) and biases N(0, σ_b²):
//   variance map     q ↦ σ_w²·E[f(√q z)²] + σ_b²,                      fixed point q*
//   χ1             = σ_w²·E[f'(√q* z)²]        (gradients grow like χ1^L, ξ_∇ = −1/ln χ1)
//   correlation map  c ↦ (σ_w²·E[f(u1) f(u2)] + σ_b²)/q*,  u1 = √q* z1,
//                    u2 = √q*(c z1 + √(1 − c²) z2),                       fixed point c*
//   χ_c            = σ_w²·E[f'(u1) f'(u2)] at c*                      (ξ_c = −1/ln χ_c)
// z, z1, z2 independent N(0, 1). The edge of chaos is the σ_w² where χ1 = 1.
#pragma once

#include <actlab/activations/elementary.hpp>
#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/analysis/meanfield/closed_form.hpp>
#include <actlab/analysis/meanfield/numbers.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/symmetry.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/diff/kinks.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>
#include <actlab/expr/error.hpp>

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace actlab {

struct mean_field_options {
    int digits = 30;  //!< significant digits wanted (1..200)
};

//! The mean field at (σ_w², σ_b²): each number at two precisions, the digits they agree on.
struct mean_field_report {
    std::string sigma_w2, sigma_b2;  //!< the variances as given
    int digits = 0;
    mean_field_status q_status = mean_field_status::unknown;
    approx q_star, chi1, c_star, chi_c, xi_c, xi_grad;
    //! Why a value is missing or how the status was reached (kind none: nothing to say).
    mean_field_reason reason;
};

//! The edge of chaos at σ_b²: σ_w² with χ1 = 1 and q* there.
struct edge_of_chaos_report {
    std::string sigma_b2;  //!< as given
    int digits = 0;
    std::optional<approx> sigma_w2;  //!< empty: no edge of chaos (reason says why)
    approx q_star;
    mean_field_status q_status = mean_field_status::unknown;
    mean_field_reason reason;
    //! One precision found an edge and the other did not (reason: the one that did not).
    bool precisions_disagree = false;
};

namespace detail {

//! f as an mpfr_float function at the current default precision.
class mf_function {
public:
    //! The evaluations one engine may spend (each of f and f'): the quadratures' budget.
    static constexpr long budget = 400000;

    explicit mf_function(const expr& f) : eval_(f, mpfr_get_prec(mf_real(0).backend().data())) {}
    mf_real operator()(const mf_real& t) {
        spend();
        mf_real r;
        mpfr_set(r.backend().data(), eval_(t.backend().data()), MPFR_RNDN);
        return r;
    }
    //! f(t) in the evaluator's register (valid until the next call).
    mpfr_srcptr raw(mpfr_srcptr t) {
        spend();
        return eval_(t);
    }

private:
    void spend();

    mpfr_evaluator eval_;
    long used_ = 0;
};

//! Gaussian expectations by double-exponential quadrature, split at given points (the
//! kinks of the integrand) so every piece is analytic.
class gaussian_expectation {
public:
    explicit gaussian_expectation(int digits10) : tol_(pow(mf_real(10), -(digits10 + 5))) {}

    //! ∫ g(z) φ(z) dz over ℝ, φ the standard normal density.
    template <class G>
    mf_real operator()(G g, std::vector<mf_real> breaks) {
        std::sort(breaks.begin(), breaks.end());
        breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
        const mf_real norm = 1 / sqrt(2 * boost::math::constants::pi<mf_real>());
        const auto w = [&](const mf_real& z) { return mf_real(g(z) * exp(-z * z / 2) * norm); };
        if (breaks.empty()) breaks.push_back(mf_real(0));
        const mf_real inf = std::numeric_limits<mf_real>::infinity();
        mf_real sum = tail_.integrate(w, -inf, breaks.front(), tol_);
        for (std::size_t k = 0; k + 1 < breaks.size(); ++k)
            sum += finite_.integrate(w, breaks[k], breaks[k + 1], tol_);
        sum += tail_.integrate(w, breaks.back(), inf, tol_);
        return sum;
    }

    //! The same over [−R, R] only, R > 0 (the caller bounds the integrand's mass beyond):
    //! tanh-sinh on every finite piece. Far cheaper than exp-sinh on the Gaussian tails,
    //! which refines to thousands of nodes there at high precision.
    template <class G>
    mf_real truncated(G g, std::vector<mf_real> breaks, const mf_real& R) {
        std::erase_if(breaks, [&](const mf_real& b) { return !(abs(b) < R); });
        breaks.push_back(-R);
        breaks.push_back(R);
        std::sort(breaks.begin(), breaks.end());
        breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
        const mf_real norm = 1 / sqrt(2 * boost::math::constants::pi<mf_real>());
        const auto w = [&](const mf_real& z) { return mf_real(g(z) * exp(-z * z / 2) * norm); };
        mf_real sum = 0;
        for (std::size_t k = 0; k + 1 < breaks.size(); ++k)
            sum += finite_.integrate(w, breaks[k], breaks[k + 1], tol_);
        return sum;
    }

private:
    mf_real tol_;
    boost::math::quadrature::exp_sinh<mf_real> tail_{12};
    boost::math::quadrature::tanh_sinh<mf_real> finite_{12};
};

//! The places where f or f' switches (where the integrands have kinks).
inline std::vector<mf_real> switch_points(const expr& f) {
    std::vector<mf_real> out;
    for (const expr& g : {f, d(f)}) {
        for (const kink& k : kinks(g)) out.push_back(eval(k.at, mf_real(0)));
    }
    return out;
}

inline void mf_function::spend() {
    if (++used_ > budget)
        throw mf_unknown({.k = mean_field_reason::kind::evaluation_budget, .count = budget});
}

struct mf_values {
    mean_field_status q_status = mean_field_status::fixed_point;
    mean_field_reason reason;
    mf_real q, chi1, c, chi_c;  //!< NaN where the quantity does not exist
};

//! How the Gaussian expectations of f are obtained.
enum class mf_kind {
    homogeneous,  //!< f(λx) = λ f(x) for λ > 0: f is linear on each half-line, all in closed form
    erf,          //!< f = erf: Williams' arcsine kernels (closed forms)
    closed,       //!< piecewise exponential polynomial: closed forms (meanfield/closed_form.hpp)
    smooth,       //!< no kinks in f or f': trapezoidal sums with the Gaussian weight
    kinked,       //!< anything else: double-exponential quadrature split at the kinks
};

//! E[f(u)²], E[f'(u)²] and d/dq E[f(u)²] at u = √q z.
struct mf_moments {
    mf_real f2, df2, dq_f2;
};

//! One precision of the mean-field quantities: arithmetic at `bits`, quadratures and root
//! searches to about 2^-target relative accuracy.
class mean_field_engine {
public:
    mean_field_engine(const expr& f, mpfr_prec_t bits, mpfr_prec_t target)
        : precision_(static_cast<unsigned>(std::ceil(static_cast<double>(bits) * 0.30103)) + 1),
          bits_(bits),
          target_(target),
          f_expr_(f),
          f_(f),
          df_(d(f)),
          E_(static_cast<int>(static_cast<double>(target) * 0.30103)),
          inner_E_(static_cast<int>(static_cast<double>(target) * 0.30103)),
          // 2^-target: the integrand is rounded to 2^-bits = 2^-(target + 16), and a tolerance
          // at that level is never met (the quadrature would refine to its last level)
          closed_E_(static_cast<int>(static_cast<double>(target) * 0.30103) - 5),
          switches_(switch_points(f)) {
        eps_ = ldexp(mf_real(1), -static_cast<int>(target_));
        f0_ = f_(mf_real(0));
        if (f == activations::erf) {
            kind_ = mf_kind::erf;
        } else if (is_homogeneous()) {
            kind_ = mf_kind::homogeneous;
        } else if (find_closed_form()) {
            kind_ = mf_kind::closed;
        } else {
            kind_ = switches_.empty() ? mf_kind::smooth : mf_kind::kinked;
        }
        symmetric_ = kind_ == mf_kind::smooth && is_odd_or_even();
        odd_ = actlab::detail::proved_parity(f_expr_) == -1;
        // Trapezoidal sums: truncated where the Gaussian density is below 2^-(target + 20).
        R_ = sqrt(mf_real(2 * (static_cast<double>(target_) + 20)) * log(mf_real(2)));
    }

    mf_kind kind() const { return kind_; }

    mf_moments moments(const mf_real& q) {
        switch (kind_) {
            case mf_kind::erf: {
                const mf_real pi = boost::math::constants::pi<mf_real>();
                const mf_real t = 1 + 2 * q, s = sqrt(1 + 4 * q);
                return {2 / pi * asin(2 * q / t), 4 / (pi * s), 4 / (pi * t * s)};
            }
            case mf_kind::homogeneous: return {A_ * q, A_, A_};
            case mf_kind::smooth: return trapezoid_moments(q);
            case mf_kind::kinked: return quadrature_moments(q);
            case mf_kind::closed: return closed_moments(q);
        }
        return {};
    }

    //! (E[f(u1) f(u2)], E[f'(u1) f'(u2)]) at variance q and correlation c.
    std::pair<mf_real, mf_real> pair(const mf_real& q, const mf_real& c) {
        if (kind_ == mf_kind::erf) {
            const mf_real pi = boost::math::constants::pi<mf_real>();
            const mf_real t = 1 + 2 * q;
            return {2 / pi * asin(2 * q * c / t), 4 / (pi * sqrt(t * t - 4 * q * q * c * c))};
        }
        if (kind_ == mf_kind::smooth) return lattice_pair(q, c);
        if (kind_ == mf_kind::closed) return closed_pair(q, c);
        return {nested_pair(f_, q, c), nested_pair(df_, q, c)};
    }

    //! q*, χ1 and (with_correlation) c*, χ_c. `hint`: the values of a lower precision, a
    //! starting point for Newton's method (the brackets are searched again if it fails).
    mf_values solve(const mf_real& sw2, const mf_real& sb2, bool with_correlation = true,
                    const mf_values* hint = nullptr) {
        mf_values v;
        const mf_real nan = std::numeric_limits<mf_real>::quiet_NaN();
        v.q = v.chi1 = v.c = v.chi_c = nan;
        if (kind_ == mf_kind::homogeneous) return solve_homogeneous(sw2, sb2);
        v.q_status = mean_field_status::fixed_point;
        std::optional<mf_real> seeded;
        if (hint && hint->q_status == mean_field_status::fixed_point && hint->q > 0)
            seeded = newton_from(at_default(hint->q),
                                 [&](const mf_real& q) { return q_equation(sw2, sb2, q); });
        v.q = seeded ? *seeded : fixed_q(sw2, sb2, v);
        if (v.q_status == mean_field_status::diverges) return v;
        const mf_real q_eval = v.q_status == mean_field_status::zero ? tiny_q() : v.q;
        const mf_moments m = moments(q_eval);
        v.chi1 = sw2 * m.df2;
        if (v.chi1 <= 1 || v.q_status != mean_field_status::fixed_point) {
            v.c = 1;
            v.chi_c = v.chi1;
            return v;
        }
        if (!with_correlation) return v;
        try {
            correlation(sw2, sb2, hint, v);
        } catch (const mf_unknown& err) {  // q* and chi1 stand; c*, chi_c are unknown
            v.c = v.chi_c = nan;
            v.reason = err.reason;
            v.reason.correlation_only = true;
        }
        return v;
    }

private:
    //! c* and χ_c: Newton's method from a lower precision's c*, else the bracketing search.
    void correlation(const mf_real& sw2, const mf_real& sb2, const mf_values* hint, mf_values& v) {
        if (hint && hint->q_status == mean_field_status::fixed_point && hint->c > -1 &&
            hint->c < 1 && !(kind_ == mf_kind::closed && abs(hint->c) < ldexp(mf_real(1), -20))) {
            const std::optional<mf_real> c =
                newton_from(at_default(hint->c),
                            [&](const mf_real& c0) { return c_equation(sw2, sb2, v.q, c0); });
            if (c && *c > -1 && *c < 1) {
                v.c = *c;
                v.chi_c = sw2 * pair(v.q, v.c).second;
                return;
            }
        }
        solve_c(sw2, sb2, v);
    }

public:
    mf_real tiny_q() const { return ldexp(mf_real(1), -2 * static_cast<int>(bits_)); }
    const mf_real& f_at_0() const { return f0_; }
    mf_real df_at_0_squared() { return moments(tiny_q()).df2; }

    //! For homogeneous f: E[f(z)²] = E[f'(z)²].
    const mf_real& homogeneous_A() const { return A_; }

private:
    //! f(λx) = λ f(x) for λ > 0, proved: every piece of f is c·x (affine through 0) and the
    //! only switching point is 0. Then f is linear on each half-line.
    bool is_homogeneous() {
        if (f0_ != 0) return false;
        try {
            for (const rational& sp : actlab::detail::switching_points(f_expr_))
                if (sp.num != 0) return false;
            for (const actlab::piece& p : pieces(f_expr_)) {
                if (!(d(d(p.f)) == expr(0))) return false;
                if (!actlab::detail::is_zero_form(compose(p.f, expr(0)))) return false;
            }
        } catch (const error&) {
            return false;
        }
        const mf_real p = f_(mf_real(1)), m = f_(mf_real(-1));
        A_ = (p * p + m * m) / 2;
        return true;
    }

    //! f odd or even, proved symbolically (analysis/symmetry.hpp): then the integrands of the
    //! correlation map are even under (z1, z2) → (−z1, −z2).
    bool is_odd_or_even() const { return actlab::detail::proved_parity(f_expr_) != 0; }

    mf_values solve_homogeneous(const mf_real& sw2, const mf_real& sb2) {
        // q ↦ σ_w² A q + σ_b² exactly, and χ1 = σ_w² E[f'(√q z)²] = σ_w² A for every q > 0.
        mf_values v;
        const mf_real nan = std::numeric_limits<mf_real>::quiet_NaN();
        v.q = v.c = v.chi_c = nan;
        const mf_real a = sw2 * A_;
        v.chi1 = a;
        if (a < 1) {
            v.q_status = sb2 == 0 ? mean_field_status::zero : mean_field_status::fixed_point;
            v.q = sb2 / (1 - a);
            v.c = 1;  // the correlation map of the ordered phase: c* = 1, χ_c = χ1
            v.chi_c = a;
        } else if (a == 1 && sb2 == 0) {
            v.q_status = mean_field_status::degenerate;
            v.reason.k = mean_field_reason::kind::homogeneous_every_q;
            v.c = 1;
            v.chi_c = a;
        } else {
            v.q_status = mean_field_status::diverges;
            v.reason.k = mean_field_reason::kind::homogeneous_diverges;
        }
        return v;
    }

    // ---- closed forms for piecewise exponential polynomials ----------------------------------

    //! The closed forms run 64 bits above the engine's precision and more where a piece's
    //! terms cancel: selu's λα(e^u − 1) squared is O(q) from O(1) terms as q → 0 (the same
    //! for a conditional variance v → 0), so 4·log2(1/v) bits more, at most 2·bits.
    unsigned closed_digits10(const mf_real& var = mf_real(1)) const {
        long extra = 64;
        if (var > 0 && var < 1) {
            const long lost = -4 * static_cast<long>(mpfr_get_exp(ptr(var)) - 1);
            extra += std::min(lost, 2L * static_cast<long>(bits_));
        }
        return static_cast<unsigned>(std::ceil(static_cast<double>(bits_ + extra) * 0.30103)) + 1;
    }

    bool find_closed_form() {
        // the coefficients at the lowest precision the closed forms run at (an operation's
        // result takes the larger of its operands' and the default precision)
        mf_precision high(closed_digits10());
        std::optional<mf_pieces> p = exp_polynomial_pieces(f_expr_);
        if (!p) return false;
        pieces_ = std::move(*p);
        dpieces_ = derivative(pieces_);
        return true;
    }

    //! fn() at the closed forms' precision, rounded to the engine's.
    template <class F>
    mf_real at_closed_precision(const mf_real& var, F fn) {
        std::optional<mf_real> r;
        {
            mf_precision high(closed_digits10(var));
            r.emplace(fn());
        }
        return at_default(*r);
    }

    //! The closed-form piece evaluations one engine may spend (an outer node of the
    //! correlation map costs one per piece, each a few erfc): seconds, not the minutes of
    //! mf_function::budget.
    static constexpr long closed_budget = 80000;

    void spend_closed(long n = 0) {
        closed_calls_ += n > 0 ? n : static_cast<long>(pieces_.size());
        if (closed_calls_ > closed_budget)
            throw mf_unknown(
                {.k = mean_field_reason::kind::evaluation_budget, .count = closed_budget});
    }

    mf_moments closed_moments(const mf_real& q) {
        spend_closed();
        const auto at = [&](const mf_pieces& g, const mf_pieces& h, int extra, bool per_q) {
            return at_closed_precision(q, [&] {
                const mf_real qq = at_default(q), zero = 0;
                const mf_real v = gaussian_product(g, h, extra, zero, qq);
                return per_q ? mf_real(v / qq) : v;
            });
        };
        // d/dq E[f(√q z)²] = E[f(u) f'(u) z]/√q = E[f(u) f'(u) u]/q
        return {at(pieces_, pieces_, 0, false), at(dpieces_, dpieces_, 0, false),
                at(pieces_, dpieces_, 1, true)};
    }

    //! Where the outer integral of closed_pair is cut: the Gaussian weight is below
    //! 2^-(target + 20) at R_ and e^-(4 R_ + 8) times that 4 further out, which outweighs
    //! the growth of g(u1) E[g(u2) | z1] (degree ≤ 12 at |z| ≈ R_); an exponential term
    //! e^(k u) moves the mass by |k|·s, so twice that more.
    mf_real closed_reach(const mf_real& s) const {
        mf_real kmax = 0;
        for (const mf_pieces* ps : {&pieces_, &dpieces_})
            for (const mf_piece& p : *ps)
                for (const mf_term& t : p.terms) kmax = std::max(kmax, mf_real(abs(t.k)));
        return R_ + 4 + 2 * kmax * s;
    }

    //! E[g(u1) g(u2)] for g = f and f': for |c| < 1 in closed form over the rectangles of
    //! pieces (meanfield/closed_form.hpp, gaussian_pair); at c = −1 a quadrature over z1 of
    //! g(u1) g(−u1).
    std::pair<mf_real, mf_real> closed_pair(const mf_real& q, const mf_real& c) {
        if (c == 1) {
            const mf_moments m = closed_moments(q);
            return {m.f2, m.df2};
        }
        const mf_real s = sqrt(q), v = q * (1 - c * c);
        if (c == -1) {
            const auto one = [&](const mf_pieces& g) {
                const auto outer = [&](const mf_real& z1) {
                    spend_closed();
                    return at_closed_precision(v, [&] {
                        const mf_real u1 = sqrt(at_default(q)) * at_default(z1);
                        return mf_real(piece_value(g, u1) * piece_value(g, -u1));
                    });
                };
                std::vector<mf_real> breaks = scaled(s);
                for (const mf_real& b : scaled(s)) breaks.push_back(-b);
                return closed_E_.truncated(outer, breaks, closed_reach(s));
            };
            return {one(pieces_), one(dpieces_)};
        }
        // a rectangle per pair of pieces
        spend_closed(static_cast<long>(pieces_.size() * pieces_.size()));
        const auto one = [&](const mf_pieces& g) {
            return at_closed_precision(v, [&] {
                // Φ2's increments are below 1/4: this tolerance keeps them to 2^-(bits + 24)
                const mf_real tol = ldexp(mf_real(1), -static_cast<int>(bits_) - 24);
                return gaussian_pair(g, g, at_default(q), at_default(c), tol);
            });
        };
        return {one(pieces_), one(dpieces_)};
    }

    // ---- trapezoidal sums for smooth f -------------------------------------------------------

    struct level {
        std::vector<mf_real> z, w;  //!< the nodes new at this level, w = φ(z)
    };

    const level& get_level(std::size_t l) {
        while (levels_.size() <= l) {
            const std::size_t k = levels_.size();
            const mf_real h = ldexp(mf_real(h0_), -static_cast<int>(k));
            const mf_real norm = 1 / sqrt(2 * boost::math::constants::pi<mf_real>());
            level lv;
            // level 0: every multiple of h; level k > 0: the odd multiples of h
            const long step = k == 0 ? 1 : 2, first = k == 0 ? 0 : 1;
            for (long j = first;; j += step) {
                const mf_real z = h * j;
                if (z > R_) break;
                const mf_real w = exp(-z * z / 2) * norm;
                lv.z.push_back(z);
                lv.w.push_back(w);
                if (j != 0) {
                    lv.z.push_back(-z);
                    lv.w.push_back(w);
                }
            }
            levels_.push_back(std::move(lv));
        }
        return levels_[l];
    }

    mf_moments trapezoid_moments(const mf_real& q) {
        const mf_real s = sqrt(q);
        mf_real S[3] = {0, 0, 0}, prev[3];
        mf_real u, fv, dv, t;
        // The error of a trapezoidal sum of an analytic integrand with the Gaussian weight falls
        // like exp(−2π·d/h): halving h squares it, so the difference of two successive sums
        // (≈ the error of the coarser one) below 2^-(target/2 + 8) puts the finer one below
        // 2^-(target + 16). The second precision checks this.
        const mf_real conv = ldexp(mf_real(1), -static_cast<int>(target_ / 2) - 8);
        for (std::size_t l = 0; l < max_levels; ++l) {
            const level& lv = get_level(l);
            for (std::size_t k = 0; k < lv.z.size(); ++k) {
                mpfr_mul(ptr(u), ptr(s), ptr(lv.z[k]), MPFR_RNDN);
                mpfr_set(ptr(fv), f_.raw(ptr(u)), MPFR_RNDN);
                mpfr_set(ptr(dv), df_.raw(ptr(u)), MPFR_RNDN);
                mpfr_mul(ptr(t), ptr(fv), ptr(lv.w[k]), MPFR_RNDN);  // w f
                mpfr_fma(ptr(S[0]), ptr(t), ptr(fv), ptr(S[0]), MPFR_RNDN);
                mpfr_mul(ptr(t), ptr(t), ptr(lv.z[k]), MPFR_RNDN);  // w f z
                mpfr_fma(ptr(S[2]), ptr(t), ptr(dv), ptr(S[2]), MPFR_RNDN);
                mpfr_mul(ptr(t), ptr(dv), ptr(lv.w[k]), MPFR_RNDN);
                mpfr_fma(ptr(S[1]), ptr(t), ptr(dv), ptr(S[1]), MPFR_RNDN);
            }
            const mf_real h = ldexp(mf_real(h0_), -static_cast<int>(l));
            mf_real T[3];
            bool done = l >= 2;
            for (int i = 0; i < 3; ++i) {
                T[i] = S[i] * h;
                if (l >= 1 && abs(T[i] - prev[i]) > conv * (abs(T[i]) + eps_ * eps_)) done = false;
                prev[i] = T[i];
            }
            if (done) {
                h_final_ = h;
                return {T[0], T[1], T[2] / s};
            }
        }
        throw mf_unknown(
            {.k = mean_field_reason::kind::sums_not_converged, .at = q.convert_to<double>()});
    }

    //! (E[f(√q z)], E[f'(√q z)]) by the trapezoidal sums of trapezoid_moments (same nodes and
    //! convergence test).
    std::pair<mf_real, mf_real> trapezoid_means(const mf_real& q) {
        const mf_real s = sqrt(q);
        mf_real S[2] = {0, 0}, prev[2], u;
        const mf_real conv = ldexp(mf_real(1), -static_cast<int>(target_ / 2) - 8);
        for (std::size_t l = 0; l < max_levels; ++l) {
            const level& lv = get_level(l);
            for (std::size_t k = 0; k < lv.z.size(); ++k) {
                mpfr_mul(ptr(u), ptr(s), ptr(lv.z[k]), MPFR_RNDN);
                mpfr_fma(ptr(S[0]), f_.raw(ptr(u)), ptr(lv.w[k]), ptr(S[0]), MPFR_RNDN);
                mpfr_fma(ptr(S[1]), df_.raw(ptr(u)), ptr(lv.w[k]), ptr(S[1]), MPFR_RNDN);
            }
            const mf_real h = ldexp(mf_real(h0_), -static_cast<int>(l));
            bool done = l >= 2;
            mf_real T[2];
            for (int i = 0; i < 2; ++i) {
                T[i] = S[i] * h;
                // an absolute test: an odd f has mean 0
                if (l >= 1 && abs(T[i] - prev[i]) > conv * (abs(T[i]) + 1)) done = false;
                prev[i] = T[i];
            }
            if (done) return {T[0], T[1]};
        }
        throw mf_unknown(
            {.k = mean_field_reason::kind::sums_not_converged, .at = q.convert_to<double>()});
    }

    //! The 2-D trapezoidal sum over (z1, z2) with u2 on a lattice: with steps h1 in z1 and
    //! h2 in z2 chosen so that √q c h1 and √q r h2 are integer multiples of δ, f and f' are
    //! evaluated once per lattice point.
    std::pair<mf_real, mf_real> lattice_pair(const mf_real& q, const mf_real& c) {
        const mf_real s = sqrt(q), r = sqrt(1 - c * c);
        if (q != q_of_h_) {  // the step at which the 1-D sums of f at this q converged
            trapezoid_moments(q);
            h_at_q_ = h_final_;
            q_of_h_ = q;
        }
        const mf_real h1 = h_at_q_;
        if (r == 0) {  // u2 = u1
            const mf_moments m = trapezoid_moments(q);
            return {m.f2, m.df2};
        }
        if (c == 0) {  // u1, u2 independent: products of the means (E f = 0 for an odd f)
            const auto [mf, mdf] = trapezoid_means(q);
            return {odd_ ? mf_real(0) : mf_real(mf * mf), mdf * mdf};
        }
        const mf_real ac = abs(c);
        const mf_real delta = s * ac * h1;
        // inner step: the z2-integrand is analytic in a strip 1/r times wider
        const long n2mult = std::max(1L, static_cast<long>(floor(1 / ac).convert_to<double>()));
        const mf_real h2 = n2mult * delta / (s * r);
        const long sgn = c > 0 ? 1 : -1;
        const long n1 = static_cast<long>(floor(R_ / h1).convert_to<double>());
        const long n2 = static_cast<long>(floor(R_ / h2).convert_to<double>());
        if (n1 > 200000 || static_cast<double>(n1) * static_cast<double>(n2) > 4e7)
            throw mf_unknown({.k = mean_field_reason::kind::too_many_nodes});
        const long lmax = n1 + n2mult * n2;
        std::vector<mf_real> F(static_cast<std::size_t>(2 * lmax + 1)),
            D(static_cast<std::size_t>(2 * lmax + 1));
        mf_real u;
        for (long L = -lmax; L <= lmax; ++L) {
            u = delta * L;
            mpfr_set(ptr(F[static_cast<std::size_t>(L + lmax)]), f_.raw(ptr(u)), MPFR_RNDN);
            mpfr_set(ptr(D[static_cast<std::size_t>(L + lmax)]), df_.raw(ptr(u)), MPFR_RNDN);
        }
        std::vector<mf_real> w2(static_cast<std::size_t>(n2 + 1));
        for (long j = 0; j <= n2; ++j) {
            const mf_real z = h2 * j;
            w2[static_cast<std::size_t>(j)] = exp(-z * z / 2);
        }
        const mf_real R2 = R_ * R_;
        mf_real ff = 0, dd = 0, inf_ = 0, ind = 0, a, b;
        for (long i = symmetric_ ? 0 : -n1; i <= n1; ++i) {
            const mf_real z1 = h1 * i;
            const mf_real rest = R2 - z1 * z1;
            if (rest < 0) continue;
            const long m =
                std::min(n2, static_cast<long>(floor(sqrt(rest) / h2).convert_to<double>()));
            mpfr_set_ui(ptr(inf_), 0, MPFR_RNDN);
            mpfr_set_ui(ptr(ind), 0, MPFR_RNDN);
            for (long j = -m; j <= m; ++j) {
                const std::size_t L = static_cast<std::size_t>(sgn * i + n2mult * j + lmax);
                const mf_real& w = w2[static_cast<std::size_t>(j < 0 ? -j : j)];
                mpfr_fma(ptr(inf_), ptr(w), ptr(F[L]), ptr(inf_), MPFR_RNDN);
                mpfr_fma(ptr(ind), ptr(w), ptr(D[L]), ptr(ind), MPFR_RNDN);
            }
            u = s * z1;
            const mf_real w1 = exp(-z1 * z1 / 2);
            mpfr_set(ptr(a), f_.raw(ptr(u)), MPFR_RNDN);
            mpfr_set(ptr(b), df_.raw(ptr(u)), MPFR_RNDN);
            const int twice = symmetric_ && i > 0 ? 2 : 1;
            ff += twice * w1 * a * inf_;
            dd += twice * w1 * b * ind;
        }
        const mf_real norm = h1 * h2 / (2 * boost::math::constants::pi<mf_real>());
        return {ff * norm, dd * norm};
    }

    // ---- double-exponential quadrature for kinked f -------------------------------------------

    mf_moments quadrature_moments(const mf_real& q) {
        const mf_real s = sqrt(q);
        const auto sq = [](mf_function& g, const mf_real& sc) {
            return [&g, sc](const mf_real& z) {
                const mf_real v = g(sc * z);
                return mf_real(v * v);
            };
        };
        const mf_real f2 = E_(sq(f_, s), scaled(s));
        const mf_real df2 = E_(sq(df_, s), scaled(s));
        const mf_real cross =
            E_([&](const mf_real& z) { return mf_real(f_(s * z) * df_(s * z) * z); }, scaled(s));
        return {f2, df2, cross / s};
    }

    mf_real nested_pair(mf_function& g, const mf_real& q, const mf_real& c) {
        const mf_real s = sqrt(q), r = sqrt(1 - c * c);
        const auto outer = [&](const mf_real& z1) {
            const mf_real a = g(s * z1);
            if (a == 0) return mf_real(0);
            std::vector<mf_real> inner_breaks;
            if (r > 0)
                for (const mf_real& k : switches_) inner_breaks.push_back((k / s - c * z1) / r);
            const mf_real inner =
                r == 0 ? g(s * z1)
                       : inner_E_([&](const mf_real& z2) { return g(s * (c * z1 + r * z2)); },
                                  inner_breaks);
            return mf_real(a * inner);
        };
        return E_(outer, scaled(s));
    }

    std::vector<mf_real> scaled(const mf_real& s) const {
        std::vector<mf_real> out;
        for (const mf_real& k : switches_) out.push_back(k / s);
        return out;
    }

    // ---- fixed points ----------------------------------------------------------------------

    //! A root of g in [a, b] (g(a), g(b) of opposite signs) by Newton's method safeguarded
    //! by bisection; g returns (value, derivative).
    template <class G>
    mf_real bracketed_newton(G g, mf_real a, mf_real b, mean_field_reason::target what) {
        auto [ga, da] = g(a);
        (void)da;
        if (ga == 0) return a;
        const bool rising = ga < 0;
        mf_real x = (a + b) / 2;
        const mf_real tol = ldexp(mf_real(1), -static_cast<int>(target_) + 2);
        // q* is sought to a relative accuracy; c* to a relative one above 2^-16 and an absolute
        // one below, as the correlation map is computed (a relative test at a root near 0 is
        // never met: the bisection ran until the budget ended).
        const mf_real floor =
            what == mean_field_reason::target::c_star ? ldexp(mf_real(1), -16) : tol;
        bool close = false;
        for (int n = 0; n < 400; ++n) {
            auto [gx, dx] = g(x);
            if (gx == 0) return x;
            if ((gx < 0) == rising)
                a = x;
            else
                b = x;
            mf_real next = x - gx / dx;
            const bool newton_ok = dx != 0 && !isnan(next) && next > a && next < b;
            if (!newton_ok) next = (a + b) / 2;
            const mf_real step = abs(next - x);
            if (newton_ok && close && step <= tol * (abs(next) + floor)) return next;
            // converging quadratically: one more Newton step reaches the target
            close = newton_ok && step * step <= tol * (abs(next) + floor) * (abs(next) + 1) / 16;
            if (abs(b - a) <= tol * (abs(next) + floor) / 4) return next;
            x = next;
        }
        throw mf_unknown({.k = mean_field_reason::kind::root_not_converged, .root = what});
    }

    std::pair<mf_real, mf_real> q_equation(const mf_real& sw2, const mf_real& sb2,
                                           const mf_real& q) {
        const mf_moments m = moments(q);
        return {sw2 * m.f2 + sb2 - q, sw2 * m.dq_f2 - 1};
    }

    std::pair<mf_real, mf_real> c_equation(const mf_real& sw2, const mf_real& sb2, const mf_real& q,
                                           const mf_real& c) {
        const auto [m, dd] = pair(q, c);
        return {(sw2 * m + sb2) / q - c, sw2 * dd - 1};
    }

    //! Newton's method from a good starting point x0 (a lower precision's root); empty unless
    //! the steps shrink superlinearly to the target accuracy within a few iterations.
    template <class G>
    std::optional<mf_real> newton_from(mf_real x, G g) {
        const mf_real tol = ldexp(mf_real(1), -static_cast<int>(target_));
        const mf_real half = ldexp(mf_real(1), -static_cast<int>(target_ / 2) - 8);
        mf_real last = -1;
        for (int n = 0; n < 6; ++n) {
            const auto [gx, dx] = g(x);
            if (gx == 0) return x;
            if (dx == 0 || isnan(dx)) return std::nullopt;
            const mf_real step = gx / dx;
            x -= step;
            const mf_real size = abs(step), scale = abs(x) + tol;
            if (size <= tol * scale) return x;
            if (last >= 0) {
                if (size > last / 4) return std::nullopt;  // not converging quadratically
                if (size <= half * scale && size <= pow(last, mf_real(1.5))) return x;
            }
            last = size;
        }
        return std::nullopt;
    }

    mf_real fixed_q(const mf_real& sw2, const mf_real& sb2, mf_values& v) {
        const auto G = [&](const mf_real& q) { return q_equation(sw2, sb2, q); };
        // The iteration from q0 = 1 moves towards the nearest fixed point in the direction of
        // G(1) = map(1) − 1; bracket that one by doubling or halving.
        const mf_real g1 = G(mf_real(1)).first;
        if (g1 == 0) return mf_real(1);
        if (g1 > 0) {
            mf_real lo = 1, hi = 2;
            for (int k = 0; k < 64; ++k, lo = hi, hi *= 2)
                if (G(hi).first <= 0)
                    return bracketed_newton(G, lo, hi, mean_field_reason::target::q_star);
            v.q_status = mean_field_status::diverges;
            v.reason = {.k = mean_field_reason::kind::no_fixed_point_below, .count = 64};
            return std::numeric_limits<mf_real>::quiet_NaN();
        }
        mf_real hi = 1, lo = mf_real(1) / 2;
        const bool can_vanish = sb2 == 0 && f0_ == 0;
        const int steps = can_vanish ? 40 : 4 * static_cast<int>(bits_);
        for (int k = 0; k < steps; ++k, hi = lo, lo /= 2) {
            if (G(lo).first >= 0)
                return bracketed_newton(G, lo, hi, mean_field_reason::target::q_star);
            if (!can_vanish && lo < sb2 / 2)
                throw mf_unknown({.k = mean_field_reason::kind::fell_below_sigma_b2});
        }
        if (can_vanish) {
            const mf_real slope0 = sw2 * df_at_0_squared();
            if (slope0 <= 1) {
                v.q_status = mean_field_status::zero;
                return mf_real(0);
            }
            throw mf_unknown(
                {.k = mean_field_reason::kind::vanishes_although_unstable, .count = 40});
        }
        throw mf_unknown({.k = mean_field_reason::kind::no_fixed_point_found});
    }

    void solve_c(const mf_real& sw2, const mf_real& sb2, mf_values& v) {
        const mf_real q = v.q;
        const auto G = [&](const mf_real& c) { return c_equation(sw2, sb2, q, c); };
        // The iteration from c0 = 1/2 (the map is increasing): bracket the fixed point it reaches.
        const mf_real g0 = G(mf_real(0.5)).first;
        if (g0 == 0) {
            v.c = 0.5;
        } else if (g0 > 0) {
            mf_real lo = 0.5, hi = 0.75;
            for (int k = 3;; ++k, hi = 1 - ldexp(mf_real(1), -k)) {
                if (k > static_cast<int>(target_) / 2)
                    throw mf_unknown({.k = mean_field_reason::kind::no_correlation_point_below_1});
                if (G(hi).first <= 0) break;
                lo = hi;
            }
            v.c = bracketed_newton(G, lo, hi, mean_field_reason::target::c_star);
        } else if (const std::optional<mf_real> small = small_correlation(sw2, sb2, q)) {
            v.c = *small;
        } else if (odd_ && sb2 == 0 && G(mf_real(0.25)).first < 0) {
            // For an odd f at sigma_b2 = 0 the correlation map is odd in c, so c = 0 is a
            // fixed point; the iteration from c0 = 1/2 decreases towards it (Poole et al.
            // 2016: c* = 0 in the chaotic phase of tanh at sigma_b2 = 0).
            v.c = 0;
        } else {
            mf_real hi = 0.5, lo = 0.25;
            for (int k = 0;; ++k) {
                if (G(lo).first >= 0) break;
                hi = lo;
                lo = lo > 0 ? mf_real(lo - mf_real(0.25)) : mf_real((lo - 1) / 2);
                if (k > 60)
                    throw mf_unknown(
                        {.k = mean_field_reason::kind::no_correlation_point_above_minus_1});
            }
            v.c = bracketed_newton(G, lo, hi, mean_field_reason::target::c_star);
        }
        v.chi_c = sw2 * pair(q, v.c).second;
    }

    //! c* when it is tiny (closed forms only), where the correlation map's absolute accuracy
    //! says nothing of its digits: SELU at (1, 0) has E[f] = −1.2e-32 and c* ≈ 1.4e-64. With
    //! a_n the Hermite coefficients of f(√q z), the map is m(c) = Σ A_n c^n, A_0 =
    //! (σ_w² a_0² + σ_b²)/q, A_n = σ_w² a_n²/q ≥ 0 (Mehler), so m is convex on [0, 1] and,
    //! as m(1/2) < 1/2 here, has one fixed point in [0, 1/2): c = A0 + A1 c + A2 c² + r,
    //! 0 ≤ r ≤ c³ (Σ A_n = m(1) = 1). a_0 = E f, a_1 = √q E f′, a_2 = (E[f u²]/q − a_0)/√2,
    //! u = √q z. They cancel (a_0 is a difference of O(1) terms) and depend on q* beyond the
    //! engine's precision, so q* is refined by Newton's method and the a_n computed at
    //! precisions 64, 128, … bits above the engine's until two agree to 2^-(target + 4).
    //! Empty when f has no closed form or c* is not below 2^-(target/2) (then r/c ≥ 2^-target).
    std::optional<mf_real> small_correlation(const mf_real& sw2, const mf_real& sb2,
                                             const mf_real& q_star) {
        if (kind_ != mf_kind::closed) return std::nullopt;
        std::optional<mf_real> last;
        for (long extra = 64; extra <= 4 * static_cast<long>(bits_) + 256; extra *= 2) {
            std::optional<mf_real> c;
            {
                const auto bits = static_cast<double>(bits_ + extra);
                mf_precision high(static_cast<unsigned>(std::ceil(bits * 0.30103)) + 1);
                c = series_correlation(at_default(sw2), at_default(sb2), at_default(q_star),
                                       bits_ + extra);
            }
            if (!c) return std::nullopt;
            if (*c == 0 ||
                (last && abs(*c - *last) <= ldexp(abs(*c), -static_cast<int>(target_) - 4)))
                return at_default(*c);
            last = std::move(c);
        }
        throw mf_unknown({.k = mean_field_reason::kind::root_not_converged,
                          .root = mean_field_reason::target::c_star});
    }

    //! small_correlation at the current precision (`bits`): q* refined, then the series.
    std::optional<mf_real> series_correlation(const mf_real& sw2, const mf_real& sb2, mf_real q,
                                              mpfr_prec_t bits) {
        std::optional<mf_pieces> p = exp_polynomial_pieces(f_expr_);
        if (!p) return std::nullopt;
        const mf_pieces dp = derivative(*p);
        const mf_real zero = 0;
        for (int n = 0;; ++n) {  // Newton's method on σ_w² E[f²] + σ_b² − q from q*
            if (n == 12)
                throw mf_unknown({.k = mean_field_reason::kind::root_not_converged,
                                  .root = mean_field_reason::target::q_star,
                                  .count = 12});
            const mf_real g = sw2 * gaussian_product(*p, *p, 0, zero, q) + sb2 - q;
            const mf_real dg = sw2 * gaussian_product(*p, dp, 1, zero, q) / q - 1;
            const mf_real step = g / dg;
            q -= step;
            if (abs(step) <= ldexp(q, -static_cast<int>(bits) + 8)) break;
        }
        mf_real a0 = 0, fu2 = 0;
        for (const mf_piece& pc : *p) {
            a0 += gaussian_integral(pc.terms, pc.lo, pc.hi, zero, q);
            fu2 += gaussian_integral(product(pc.terms, {{mf_real(1), mf_real(0), 0}}, 2), pc.lo,
                                     pc.hi, zero, q);
        }
        const mf_real a1 = sqrt(q) * gaussian_mean(dp, zero, q);
        const mf_real a2 = (fu2 / q - a0) / sqrt(mf_real(2));
        const mf_real A0 = (sw2 * a0 * a0 + sb2) / q, A1 = sw2 * a1 * a1 / q,
                      A2 = sw2 * a2 * a2 / q;
        if (!(A1 < 1)) return std::nullopt;
        mf_real c = A0 / (1 - A1);
        if (c > ldexp(mf_real(1), -static_cast<int>(target_) / 2)) return std::nullopt;
        for (int n = 0; n < 3; ++n) c = A0 / (1 - A1 - A2 * c);
        return c;
    }

    static constexpr std::size_t max_levels = 12;

    mf_precision precision_;
    mpfr_prec_t bits_, target_;
    expr f_expr_;
    mf_function f_, df_;
    gaussian_expectation E_, inner_E_, closed_E_;
    std::vector<mf_real> switches_;
    mf_kind kind_ = mf_kind::kinked;
    mf_real eps_, f0_, A_, R_, h_final_, h_at_q_, q_of_h_ = -1;
    bool symmetric_ = false, odd_ = false;
    double h0_ = 0.5;
    std::vector<level> levels_;
    mf_pieces pieces_, dpieces_;
    long closed_calls_ = 0;
};

inline mf_real parse_real(const std::string& text, const char* what) {
    mf_real v;
    if (mpfr_set_str(v.backend().data(), text.c_str(), 10, MPFR_RNDN) != 0 ||
        !mpfr_number_p(v.backend().data()))
        fail(what);
    return v;
}

//! v in a number of its own precision (safe from mpfr_float's precision rules).
inline mpfr_float keep(const mf_real& v) { return make_mpfr(ptr(v), mpfr_get_prec(ptr(v))); }

inline mf_real depth_scale(const mf_real& chi) {
    if (isnan(chi)) return chi;
    return chi == 1 ? std::numeric_limits<mf_real>::infinity() : mf_real(-1 / log(chi));
}

//! The mean-field values of one precision: q*, χ1, c*, χ_c, ξ_c, ξ_∇ (NaN: none or unknown).
struct mf_raw {
    mean_field_status q_status = mean_field_status::unknown;
    mean_field_reason reason;
    std::vector<mpfr_float> values;
};

//! The two precisions of a result of `digits` digits: (arithmetic bits, accuracy target bits).
inline std::pair<mpfr_prec_t, mpfr_prec_t> mf_precisions(int digits, bool check) {
    const precisions p{digits};
    return check ? std::make_pair(p.check(), p.check() - 16)
                 : std::make_pair(p.working(), p.working() - 16);
}

//! What a failure inside a computation makes of one precision's result: the typed reason
//! (mf_unknown) or a numerical failure inside Boost; actlab's own errors pass.
template <class Out, class Run>
Out mf_guarded(Run run) {
    Out out;
    try {
        run(out);
    } catch (const mf_unknown& err) {
        out = Out{};
        out.reason = err.reason;
    } catch (const error&) {
        throw;
    } catch (const std::exception& err) {  // a numerical failure inside Boost: unknown
        out = Out{};
        out.reason = {.k = mean_field_reason::kind::library_failure, .message = err.what()};
    }
    return out;
}

inline mf_raw mean_field_once(const expr& f, const std::string& sigma_w2,
                              const std::string& sigma_b2, int digits, bool check,
                              std::optional<mf_values>* seed = nullptr,
                              const mf_values* hint = nullptr) {
    const auto [bits, target] = mf_precisions(digits, check);
    mean_field_engine engine(f, bits, target);
    const mf_real w =
        parse_real(sigma_w2, "actlab: mean field: sigma_w2 is not a finite decimal number");
    const mf_real b =
        parse_real(sigma_b2, "actlab: mean field: sigma_b2 is not a finite decimal number");
    if (!(w > 0) || b < 0) fail("actlab: mean field: needs sigma_w2 > 0 and sigma_b2 >= 0");
    return mf_guarded<mf_raw>([&](mf_raw& out) {
        const mf_values v = engine.solve(w, b, true, hint);
        if (seed) *seed = v;
        out.q_status = v.q_status;
        out.reason = v.reason;
        for (const mf_real& m :
             {v.q, v.chi1, v.c, v.chi_c, depth_scale(v.chi_c), depth_scale(v.chi1)})
            out.values.push_back(keep(m));
    });
}

//! The σ_w² where χ1 = 1 at one precision, and q* there. Empty (with the reason) when there
//! is none or it could not be established.
struct eoc_raw {
    std::optional<mpfr_float> sigma_w2;
    mean_field_status q_status = mean_field_status::unknown;
    mean_field_reason reason;
    std::optional<mpfr_float> q;
};

//! For a positively homogeneous f: χ1 = σ_w² E[f'(z)²] for every q, E[f'(z)²] = E[f(z)²] = A.
inline void homogeneous_edge(mean_field_engine& engine, const mf_real& b, eoc_raw& out) {
    using kind = mean_field_reason::kind;
    const mf_real A = engine.homogeneous_A();
    if (A == 0) {
        out.reason.k = kind::f_vanishes;
        return;
    }
    out.sigma_w2 = keep(mf_real(1 / A));
    out.q_status = b == 0 ? mean_field_status::degenerate : mean_field_status::diverges;
    out.reason.k = b == 0 ? kind::edge_every_q : kind::edge_q_diverges;
}

//! At σ_b² = 0 with f(0) = 0: the edge where q* = 0 and χ1 = σ_w² f'(0)² = 1, when the
//! variance map contracts to 0 there. False when it does not.
inline bool zero_edge(mean_field_engine& engine, eoc_raw& out) {
    const mf_real d0 = engine.df_at_0_squared();
    if (!(d0 > 0)) return false;
    const mf_real w = 1 / d0;
    if (engine.solve(w, mf_real(0), false).q_status != mean_field_status::zero) return false;
    out.sigma_w2 = keep(w);
    out.q_status = mean_field_status::zero;
    out.q = keep(mf_real(0));
    out.reason.k = mean_field_reason::kind::edge_at_zero;
    return true;
}

//! At σ_b² = 0, f(0) = 0 and σ_w² = 1/f′(0)²: whether the variance map rises above q just
//! above 0 (then q = 0 repels from above: GELU, whose E[f²] = q/4 + 3q²/(2π) + …), tested at
//! q = 2^-16 and 2^-12 (both must rise).
inline bool zero_edge_repels(mean_field_engine& engine) {
    const mf_real d0 = engine.df_at_0_squared();
    if (!(d0 > 0)) return false;
    for (const int e : {-16, -12}) {
        const mf_real q = ldexp(mf_real(1), e);
        if (!(engine.moments(q).f2 / d0 > q)) return false;
    }
    return true;
}

//! At the edge σ_w² = 1/E[f'²] and q = σ_w² E[f²] + σ_b²: a root of
//! H(q) = E[f²]/E[f'²] + σ_b² − q, the first sign change on a geometric scan.
inline void interior_edge(mean_field_engine& engine, const mf_real& b, mpfr_prec_t target,
                          eoc_raw& out, int top = 40) {
    using kind = mean_field_reason::kind;
    const auto H = [&](const mf_real& q) {
        const mf_moments m = engine.moments(q);
        return mf_real(m.f2 / m.df2 + b - q);
    };
    mf_real lo = ldexp(mf_real(1), -24), hi;
    mf_real hlo = H(lo);
    bool found = false;
    for (int k = -23; k <= top; ++k) {
        hi = ldexp(mf_real(1), k);
        const mf_real hhi = H(hi);
        if ((hlo > 0) != (hhi > 0) || hhi == 0) {
            found = true;
            break;
        }
        lo = hi;
        hlo = hhi;
    }
    if (!found) {
        out.reason.k = kind::no_edge_in_range;
        return;
    }
    constexpr std::uintmax_t max_steps = 300;
    std::uintmax_t iterations = max_steps;
    std::pair<mf_real, mf_real> root;
    try {
        root = boost::math::tools::toms748_solve(
            H, lo, hi, boost::math::tools::eps_tolerance<mf_real>(static_cast<unsigned>(target)),
            iterations);
    } catch (const std::exception& e) {  // a non-bracket (H not finite at an end), …
        throw mf_unknown({.k = kind::library_failure, .message = e.what()});
    }
    if (iterations >= max_steps)
        throw mf_unknown(
            {.k = kind::root_not_converged, .root = mean_field_reason::target::edge, .count = 300});
    const mf_real q = (root.first + root.second) / 2;
    const mf_moments m = engine.moments(q);
    const mf_real w = 1 / m.df2;
    // The variance map's slope there, σ_w² d/dq E[f²]: above 1 the fixed point repels (GELU:
    // χ1 = 1 at q* = 0.5756 for σ_b² = 0.04 with slope 1.095). It is the edge all the same,
    // said so; the iteration from q0 = 1 would leave it (and doubles q to 2^64 for GELU).
    if (w * m.dq_f2 > 1) {
        out.sigma_w2 = keep(w);
        out.q_status = mean_field_status::fixed_point;
        out.q = keep(q);
        out.reason.k = kind::edge_q_unstable;
        return;
    }
    // The fixed point the variance iteration reaches at this σ_w² must be this q.
    const mf_values v = engine.solve(w, b, false);
    if (v.q_status != mean_field_status::fixed_point ||
        abs(v.q - q) > ldexp(mf_real(1), -static_cast<int>(target) / 2) * q) {
        out.reason.k = kind::edge_not_reached;
        return;
    }
    out.sigma_w2 = keep(w);
    out.q_status = mean_field_status::fixed_point;
    out.q = keep(v.q);
}

inline eoc_raw edge_once(const expr& f, const std::string& sigma_b2, int digits, bool check) {
    const auto [bits, target] = mf_precisions(digits, check);
    mean_field_engine engine(f, bits, target);
    const mf_real b =
        parse_real(sigma_b2, "actlab: edge of chaos: sigma_b2 is not a finite decimal number");
    if (b < 0) fail("actlab: edge of chaos: needs sigma_b2 >= 0");
    return mf_guarded<eoc_raw>([&](eoc_raw& out) {
        if (engine.kind() == mf_kind::homogeneous) return homogeneous_edge(engine, b, out);
        if (b == 0 && engine.f_at_0() == 0) {
            if (zero_edge_repels(engine)) {
                // q = 0 repels from above at σ_w² = 1/f′(0)²: an edge with q* > 0 if there is
                // one, else q* = 0 as the limit σ_b² → 0 (GELU: σ_w² = 4).
                // (the scan may end in an unknown far out, where GELU's sums need more nodes
                // than the budget: q* = 0 is an edge whatever lies there)
                const mf_real w = 1 / engine.df_at_0_squared();
                try {  // up to q = 2^16: GELU's sums grow costly beyond, and q* = 0 stands
                    interior_edge(engine, b, target, out, 16);
                } catch (const mf_unknown&) {
                    out = eoc_raw{};
                }
                if (!out.sigma_w2) {
                    out = eoc_raw{};
                    out.sigma_w2 = keep(w);
                    out.q_status = mean_field_status::zero;
                    out.q = keep(mf_real(0));
                    out.reason.k = mean_field_reason::kind::edge_at_zero_repels;
                }
                return;
            }
            if (zero_edge(engine, out)) return;
        }
        interior_edge(engine, b, target, out);
    });
}

}  // namespace detail

//! q*, χ1, c*, χ_c and the depth scales ξ_c = −1/ln χ_c, ξ_∇ = −1/ln χ1 for weight and
//! bias variances given as decimal strings; each at two precisions, agreeing digits shown.
inline mean_field_report mean_field(const expr& f, const std::string& sigma_w2,
                                    const std::string& sigma_b2,
                                    const mean_field_options& options = {}) {
    if (options.digits < 1 || options.digits > 200)
        detail::fail("actlab: mean field: digits must be in 1..200");
    // On a stack of its own (detail/large_stack.hpp).
    return detail::on_large_stack([&] {
        require_defined_on_reals(f, "mean field");
        mean_field_report r;
        r.sigma_w2 = sigma_w2;
        r.sigma_b2 = sigma_b2;
        r.digits = options.digits;
        std::optional<detail::mf_values> seed;
        const detail::mf_raw lo =
            detail::mean_field_once(f, sigma_w2, sigma_b2, options.digits, false, &seed);
        const detail::mf_raw hi = detail::mean_field_once(f, sigma_w2, sigma_b2, options.digits,
                                                          true, nullptr, seed ? &*seed : nullptr);
        r.reason = hi.reason.k != mean_field_reason::kind::none ? hi.reason : lo.reason;
        if (lo.q_status != hi.q_status) {
            r.q_status = mean_field_status::unknown;
            if (r.reason.k == mean_field_reason::kind::none)
                r.reason = {.k = mean_field_reason::kind::precisions_disagree,
                            .lo = lo.q_status,
                            .hi = hi.q_status};
            return r;
        }
        r.q_status = hi.q_status;
        if (r.q_status == mean_field_status::unknown) return r;
        approx* slots[] = {&r.q_star, &r.chi1, &r.c_star, &r.chi_c, &r.xi_c, &r.xi_grad};
        for (std::size_t k = 0; k < 6; ++k)
            *slots[k] = agree_digits(lo.values[k], hi.values[k], options.digits);
        return r;
    });
}

//! The edge of chaos at bias variance σ_b²: the weight variance σ_w² with χ1 = 1, at two
//! precisions; empty with the reason when there is none with a finite q*.
inline edge_of_chaos_report edge_of_chaos(const expr& f, const std::string& sigma_b2,
                                          const mean_field_options& options = {}) {
    if (options.digits < 1 || options.digits > 100)
        detail::fail("actlab: edge of chaos: digits must be in 1..100");
    // On a stack of its own (detail/large_stack.hpp).
    return detail::on_large_stack([&] {
        require_defined_on_reals(f, "edge of chaos");
        edge_of_chaos_report r;
        r.sigma_b2 = sigma_b2;
        r.digits = options.digits;
        const detail::eoc_raw lo = detail::edge_once(f, sigma_b2, options.digits, false);
        const detail::eoc_raw hi = detail::edge_once(f, sigma_b2, options.digits, true);
        r.reason = hi.reason.k != mean_field_reason::kind::none ? hi.reason : lo.reason;
        if (!lo.sigma_w2 || !hi.sigma_w2) {
            r.precisions_disagree = lo.sigma_w2.has_value() || hi.sigma_w2.has_value();
            return r;
        }
        r.sigma_w2 = agree_digits(*lo.sigma_w2, *hi.sigma_w2, options.digits);
        r.q_status = lo.q_status == hi.q_status ? hi.q_status : mean_field_status::unknown;
        if (r.q_status == mean_field_status::fixed_point && lo.q && hi.q)
            r.q_star = agree_digits(*lo.q, *hi.q, options.digits);
        else if (r.q_status == mean_field_status::zero)
            r.q_star = approx::zero();
        return r;
    });
}

}  // namespace actlab
