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

#include <actlab/analysis/decimal.hpp>
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
#include <optional>
#include <string>
#include <vector>

namespace actlab {

struct mean_field_options {
    int digits = 30;  //!< significant digits wanted (1..200)
};

struct mean_field_report {
    std::string sigma_w2, sigma_b2;
    int digits = 0;
    //! "fixed point"; "zero" (q_n → 0: σ_b² = 0 and f(0) = 0, χ1 is its limit q → 0⁺);
    //! "degenerate" (every q is a fixed point, e.g. relu at σ_w² = 2, σ_b² = 0); "diverges".
    std::string q_status;
    decimal q_star, chi1, c_star, chi_c, xi_c, xi_grad;
};

struct edge_of_chaos_report {
    std::string sigma_b2;
    int digits = 0;
    std::optional<decimal> sigma_w2;  //!< empty: no edge of chaos (note says why)
    decimal q_star;
    std::string q_status;
    std::string note;
};

namespace detail {

using mf_real = boost::multiprecision::mpfr_float;

//! mpfr_float's default precision for one scope.
class mf_precision {
public:
    explicit mf_precision(unsigned digits10) : saved_(mf_real::default_precision()) {
        mf_real::default_precision(digits10);
    }
    mf_precision(const mf_precision&) = delete;
    mf_precision& operator=(const mf_precision&) = delete;
    ~mf_precision() { mf_real::default_precision(saved_); }

private:
    unsigned saved_;
};

//! f as an mpfr_float function at the current default precision.
class mf_function {
public:
    explicit mf_function(const expr& f) : eval_(f, mpfr_get_prec(mf_real(0).backend().data())) {}
    mf_real operator()(const mf_real& t) {
        mf_real r;
        mpfr_set(r.backend().data(), eval_(t.backend().data()), MPFR_RNDN);
        return r;
    }

private:
    mpfr_evaluator eval_;
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

struct mf_values {
    std::string q_status;
    mf_real q, chi1, c, chi_c;
};

//! One precision of the mean-field quantities.
class mean_field_engine {
public:
    mean_field_engine(const expr& f, int digits10)
        : precision_(static_cast<unsigned>(digits10) + 10),
          digits_(digits10 + 10),
          f_(f),
          df_(d(f)),
          E_(digits10 + 10),
          switches_(switch_points(f)) {}

    //! q ↦ σ_w² E[f(√q z)²] + σ_b²
    mf_real q_map(const mf_real& q, const mf_real& sw2, const mf_real& sb2) {
        const mf_real s = sqrt(q);
        return sw2 * E_(
                         [&](const mf_real& z) {
                             const mf_real v = f_(s * z);
                             return mf_real(v * v);
                         },
                         scaled(s)) +
               sb2;
    }

    mf_real chi1_at(const mf_real& q, const mf_real& sw2) {
        const mf_real s = sqrt(q);
        return sw2 * E_(
                         [&](const mf_real& z) {
                             const mf_real v = df_(s * z);
                             return mf_real(v * v);
                         },
                         scaled(s));
    }

    //! σ_w² E[g(u1) g(u2)] at correlation c (g = f or f').
    mf_real pair(mf_function& g1, mf_function& g2, const mf_real& q, const mf_real& c,
                 const mf_real& sw2) {
        const mf_real s = sqrt(q), r = sqrt(1 - c * c);
        const auto outer = [&](const mf_real& z1) {
            const mf_real a = g1(s * z1);
            if (a == 0) return mf_real(0);
            std::vector<mf_real> inner_breaks;
            if (r > 0)
                for (const mf_real& k : switches_) inner_breaks.push_back((k / s - c * z1) / r);
            const mf_real inner =
                r == 0 ? g2(s * z1)
                       : inner_E_([&](const mf_real& z2) { return g2(s * (c * z1 + r * z2)); },
                                  inner_breaks);
            return mf_real(a * inner);
        };
        return sw2 * E_(outer, scaled(s));
    }

    mf_values solve(const mf_real& sw2, const mf_real& sb2) {
        mf_values v;
        v.q_status = "fixed point";
        v.q = fixed_q(sw2, sb2, v.q_status);
        if (v.q_status == "diverges") return v;
        const mf_real q_eval = v.q_status == "zero" ? tiny_q() : v.q;
        v.chi1 = chi1_at(q_eval, sw2);
        if (v.chi1 <= 1 || v.q_status != "fixed point") {
            v.c = 1;
            v.chi_c = v.chi1;
            return v;
        }
        // Chaotic phase: c* < 1, by iterating the correlation map from 0.5 (Aitken-accelerated).
        const auto C = [&](const mf_real& c) { return (pair(f_, f_, v.q, c, sw2) + sb2) / v.q; };
        v.c = iterate(C, mf_real(0.5), mf_real(-1), mf_real(1));
        v.chi_c = pair(df_, df_, v.q, v.c, sw2);
        return v;
    }

    mf_real tiny_q() const { return pow(mf_real(10), -2 * digits_); }

private:
    std::vector<mf_real> scaled(const mf_real& s) const {
        std::vector<mf_real> out;
        for (const mf_real& k : switches_) out.push_back(k / s);
        return out;
    }

    //! x_{n+1} = F(x_n) from x0, accelerated by Aitken's Δ² every third step, kept in [lo, hi].
    template <class F>
    mf_real iterate(F map, mf_real x, const mf_real& lo, const mf_real& hi) {
        const mf_real eps = pow(mf_real(10), -digits_);
        for (int n = 0; n < 400; ++n) {
            const mf_real x1 = map(x), x2 = map(x1);
            const mf_real denom = x2 - 2 * x1 + x;
            mf_real next = denom == 0 ? x2 : mf_real(x - (x1 - x) * (x1 - x) / denom);
            if (next < lo || next > hi || isnan(next)) next = x2;
            if (abs(next - x) <= eps * abs(next)) return next;
            x = next;
        }
        fail("actlab: mean field: the correlation map did not converge");
        return x;
    }

    mf_real fixed_q(const mf_real& sw2, const mf_real& sb2, std::string& status) {
        const mf_real eps = pow(mf_real(10), -digits_);
        // Every q fixed (a homogeneous f on a critical line, e.g. relu at σ_w² = 2, σ_b² = 0)?
        const mf_real q1 = q_map(mf_real(1), sw2, sb2);
        if (abs(q1 - 1) <= eps && abs(q_map(mf_real(4), sw2, sb2) - 4) <= 4 * eps &&
            abs(q_map(mf_real(0.25), sw2, sb2) - mf_real(0.25)) <= eps) {
            status = "degenerate";
            return mf_real(1);
        }
        mf_real q = 1;
        for (int n = 0; n < 2000; ++n) {
            const mf_real a = q_map(q, sw2, sb2), b = q_map(a, sw2, sb2);
            if (b > pow(mf_real(10), 60)) {
                status = "diverges";
                return b;
            }
            if (sb2 == 0 && b < tiny_q()) {
                status = "zero";
                return mf_real(0);
            }
            const mf_real denom = b - 2 * a + q;
            mf_real next = denom == 0 ? b : mf_real(q - (a - q) * (a - q) / denom);
            if (!(next > 0) || isnan(next)) next = b;
            if (abs(next - q) <= eps * abs(next)) return next;
            q = next;
        }
        fail("actlab: mean field: the variance map did not converge in 2000 steps");
        return q;
    }

    mf_precision precision_;
    int digits_;
    mf_function f_, df_;
    gaussian_expectation E_;
    gaussian_expectation inner_E_{digits_};
    std::vector<mf_real> switches_;
};

inline mf_real parse_real(const std::string& text, const char* what) {
    mf_real v;
    if (mpfr_set_str(v.backend().data(), text.c_str(), 10, MPFR_RNDN) != 0) fail(what);
    return v;
}

//! v in a plain MPFR number of its own precision (safe from mpfr_float's precision rules).
inline mpfr_number raw(const mf_real& v) {
    mpfr_number out(mpfr_get_prec(v.backend().data()));
    mpfr_set(out, v.backend().data(), MPFR_RNDN);
    return out;
}

inline mf_real depth_scale(const mf_real& chi) {
    return chi == 1 ? std::numeric_limits<mf_real>::infinity() : mf_real(-1 / log(chi));
}

//! The mean-field values of one precision: q*, χ1, c*, χ_c, ξ_c, ξ_∇.
struct mf_raw {
    std::string q_status;
    std::vector<mpfr_number> values;
};

inline mf_raw mean_field_once(const expr& f, const std::string& sigma_w2,
                              const std::string& sigma_b2, int digits10) {
    mean_field_engine engine(f, digits10);
    const mf_real w = parse_real(sigma_w2, "actlab: mean field: sigma_w2 is not a decimal number");
    const mf_real b = parse_real(sigma_b2, "actlab: mean field: sigma_b2 is not a decimal number");
    if (!(w > 0) || b < 0) fail("actlab: mean field: needs sigma_w2 > 0 and sigma_b2 >= 0");
    const mf_values v = engine.solve(w, b);
    mf_raw out;
    out.q_status = v.q_status;
    if (v.q_status == "diverges") return out;
    for (const mf_real& m : {v.q, v.chi1, v.c, v.chi_c, depth_scale(v.chi_c), depth_scale(v.chi1)})
        out.values.push_back(raw(m));
    return out;
}

//! The σ_w² where χ1 = 1 at one precision, by TOMS 748 on σ_w² ↦ χ1(σ_w², q*(σ_w²)) − 1.
//! Empty when χ1 stays below 1 wherever q* is finite.
inline std::optional<std::pair<mpfr_number, mf_raw>> edge_once(const expr& f,
                                                               const std::string& sigma_b2,
                                                               int digits10) {
    mean_field_engine engine(f, digits10);
    const mf_real b =
        parse_real(sigma_b2, "actlab: edge of chaos: sigma_b2 is not a decimal number");
    if (b < 0) fail("actlab: edge of chaos: needs sigma_b2 >= 0");
    // χ1 − 1, or +1 where q* diverges (beyond the ordered phase).
    const auto h = [&](const mf_real& w) {
        const mf_values v = engine.solve(w, b);
        return v.q_status == "diverges" ? mf_real(1) : mf_real(v.chi1 - 1);
    };
    mf_real lo = mf_real(1) / 64, hi = 2;
    if (h(lo) >= 0) return std::nullopt;
    while (h(hi) < 0) {
        lo = hi;
        hi *= 2;
        if (hi > 1 << 16) return std::nullopt;
    }
    const int bits = static_cast<int>(mpfr_get_prec(mf_real(0).backend().data()));
    std::uintmax_t iterations = 200;
    const auto root = boost::math::tools::toms748_solve(
        h, lo, hi, boost::math::tools::eps_tolerance<mf_real>(bits - 8), iterations);
    const mf_real w = (root.first + root.second) / 2;
    const mf_values v = engine.solve(w, b);
    if (v.q_status == "diverges" || abs(v.chi1 - 1) > pow(mf_real(10), -digits10 / 2))
        return std::nullopt;  // χ1 jumps past 1 where q* diverges: no edge with finite q*
    mf_raw out;
    out.q_status = v.q_status;
    out.values.push_back(raw(v.q));
    return std::make_pair(raw(w), std::move(out));
}

}  // namespace detail

//! q*, χ1, c*, χ_c and the depth scales ξ_c = −1/ln χ_c, ξ_∇ = −1/ln χ1 for weight and
//! bias variances given as decimal strings; each at two precisions, agreeing digits shown.
inline mean_field_report mean_field(const expr& f, const std::string& sigma_w2,
                                    const std::string& sigma_b2,
                                    const mean_field_options& options = {}) {
    if (options.digits < 1 || options.digits > 200)
        detail::fail("actlab: mean field: digits must be in 1..200");
    mean_field_report r;
    r.sigma_w2 = sigma_w2;
    r.sigma_b2 = sigma_b2;
    r.digits = options.digits;
    const detail::mf_raw lo = detail::mean_field_once(f, sigma_w2, sigma_b2, options.digits + 5);
    const detail::mf_raw hi =
        detail::mean_field_once(f, sigma_w2, sigma_b2, 2 * options.digits + 15);
    r.q_status = lo.q_status == hi.q_status ? hi.q_status : "unknown";
    if (r.q_status == "diverges" || r.q_status == "unknown") return r;
    decimal* slots[] = {&r.q_star, &r.chi1, &r.c_star, &r.chi_c, &r.xi_c, &r.xi_grad};
    for (std::size_t k = 0; k < 6; ++k)
        *slots[k] = agree(lo.values[k], hi.values[k], options.digits);
    if (r.q_status == "degenerate") r.q_star = {};
    return r;
}

//! The edge of chaos at bias variance σ_b²: the weight variance σ_w² with χ1 = 1, at two
//! precisions; empty with a note when there is none with a finite q*.
inline edge_of_chaos_report edge_of_chaos(const expr& f, const std::string& sigma_b2,
                                          const mean_field_options& options = {}) {
    if (options.digits < 1 || options.digits > 100)
        detail::fail("actlab: edge of chaos: digits must be in 1..100");
    edge_of_chaos_report r;
    r.sigma_b2 = sigma_b2;
    r.digits = options.digits;
    const auto lo = detail::edge_once(f, sigma_b2, options.digits + 5);
    const auto hi = detail::edge_once(f, sigma_b2, 2 * options.digits + 15);
    if (!lo || !hi) {
        if (lo || hi) {
            r.note = "the two working precisions disagree on whether an edge of chaos exists";
        } else {
            r.note = "chi1 < 1 wherever q* is finite: no edge of chaos";
        }
        return r;
    }
    r.sigma_w2 = agree(lo->first, hi->first, options.digits);
    r.q_status = lo->second.q_status == hi->second.q_status ? hi->second.q_status : "unknown";
    if (r.q_status == "fixed point")
        r.q_star = agree(lo->second.values[0], hi->second.values[0], options.digits);
    else if (r.q_status == "zero")
        r.q_star = {"0", 0};
    return r;
}

}  // namespace actlab
