// actlab: Gaussian expectations of piecewise exponential-polynomial activations in closed
// form (needs MPFR).
//
// On each piece of ℝ (analysis/pieces.hpp) such an f is P(x) + b·e^(kx) with P a polynomial:
// relu, leaky_relu, prelu, hardtanh, relu6, hardswish, softshrink, the B-spline (b = 0) and
// elu, selu, celu (P constant). A term c·u^n·e^(ku) integrates against the normal density
// N(μ, σ²) over an interval in closed form:
//     ∫ v^n e^(kv) φ(v; μ, σ²) dv = e^(kμ + k²σ²/2) Σ_i C(n, i) m^(n−i) σ^i J_i(a, b),
// m = μ + kσ², a, b the interval's ends in units of σ from m, J_i(a, b) = ∫_a^b t^i φ(t) dt
// (J_0 = Φ(b) − Φ(a), J_i = [−t^(i−1) φ(t)]_a^b + (i − 1) J_(i−2)). So E[f(u)²], E[f′(u)²]
// and E[f(u) f′(u) u] are finite sums, and the correlation map E[f(u1) f(u2)] is a
// one-dimensional quadrature over z1 of f(u1) times a closed-form inner expectation.
#pragma once

#include <actlab/analysis/meanfield/numbers.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/symmetry.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/evaluate.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace actlab::detail {

//! c·u^n·e^(k u) (k = 0: a monomial).
struct mf_term {
    mf_real c, k;
    int n = 0;
};

//! A piece (lo, hi) of ℝ (empty end: ±∞) and the sum of terms f is there.
struct mf_piece {
    std::optional<mf_real> lo, hi;
    std::vector<mf_term> terms;
};

using mf_pieces = std::vector<mf_piece>;

//! Whether g is built only of x, numbers, +, ·, exp and powers with a number exponent (the
//! cheap test before the symbolic one).
inline bool exp_polynomial_ops(const expr& g) {
    for (int i = 0; i < g.n_nodes; ++i) {
        switch (g.nodes[i].kind) {
            case op::number:
            case op::named:
            case op::variable:
            case op::exp:
            case op::expm1:
            case op::add:
            case op::mul: break;
            case op::pow:
                if (g.nodes[g.child(i, 1)].kind != op::number) return false;
                break;
            default: return false;
        }
    }
    return true;
}

inline mf_real mf_value(const expr& g, const mf_real& at) { return eval(g, at); }

//! g = P(x) + b e^(kx), deg P ≤ 6, proved symbolically (g^(D+1) ≡ 0, or h = g^(D+1) with
//! h·h″ − h′² ≡ 0, i.e. (ln h)″ = 0); the coefficients at the current precision. Empty when
//! g has another form.
inline std::optional<std::vector<mf_term>> exp_polynomial_terms(const expr& g) {
    if (!exp_polynomial_ops(g)) return std::nullopt;
    constexpr int max_degree = 6;
    std::vector<expr> derivs{g};  // g, g', g'', …
    const mf_real zero(0);
    for (int D = 0; D <= max_degree; ++D) {
        derivs.push_back(d(derivs.back()));
        const expr& h = derivs.back();
        std::vector<mf_term> out;
        mf_real b = 0, k = 0;
        if (!is_zero_form(h)) {
            const expr dh = d(h);
            if (is_zero_form(dh)) continue;  // h constant: a polynomial of higher degree
            if (!is_zero_form(h * d(dh) - dh * dh)) continue;
            const mf_real h0 = mf_value(h, zero);
            if (h0 == 0) continue;
            k = mf_value(dh, zero) / h0;
            b = h0 / pow(k, D + 1);
            out.push_back({b, k, 0});
        }
        mf_real factorial = 1, kn = 1;
        for (int n = 0; n <= D; ++n) {
            if (n > 0) factorial *= n;
            const mf_real c =
                (mf_value(derivs[static_cast<std::size_t>(n)], zero) - b * kn) / factorial;
            if (c != 0) out.push_back({c, mf_real(0), n});
            kn *= k;
        }
        return out;
    }
    return std::nullopt;
}

//! f's pieces as exponential polynomials, or empty when some piece is not one (or f jumps,
//! where f′ would hold a Dirac mass).
inline std::optional<mf_pieces> exp_polynomial_pieces(const expr& f) {
    mf_pieces out;
    try {
        for (const actlab::piece& p : pieces(f)) {
            std::optional<std::vector<mf_term>> t = exp_polynomial_terms(p.f);
            if (!t) return std::nullopt;
            mf_piece q;
            if (p.lo) q.lo = mf_value(expr(*p.lo), mf_real(0));
            if (p.hi) q.hi = mf_value(expr(*p.hi), mf_real(0));
            q.terms = std::move(*t);
            out.push_back(std::move(q));
        }
    } catch (const error&) {
        return std::nullopt;
    }
    // Continuity at every cut: the pieces agree there.
    for (std::size_t j = 0; j + 1 < out.size(); ++j) {
        const mf_real& x = *out[j].hi;
        const auto value = [&](const mf_piece& p) {
            mf_real s = 0;
            for (const mf_term& t : p.terms) s += t.c * pow(x, t.n) * exp(t.k * x);
            return s;
        };
        const mf_real a = value(out[j]), b = value(out[j + 1]);
        if (abs(a - b) > ldexp(abs(a) + abs(b) + 1, -static_cast<int>(mf_bits()) / 2))
            return std::nullopt;
    }
    return out;
}

//! The derivative of a sum of terms.
inline std::vector<mf_term> derivative(const std::vector<mf_term>& ts) {
    std::vector<mf_term> out;
    for (const mf_term& t : ts) {
        if (t.n > 0) out.push_back({t.c * t.n, t.k, t.n - 1});
        if (t.k != 0) out.push_back({t.c * t.k, t.k, t.n});
    }
    return out;
}

inline mf_pieces derivative(const mf_pieces& ps) {
    mf_pieces out = ps;
    for (mf_piece& p : out) p.terms = derivative(p.terms);
    return out;
}

//! The product of two sums of terms (times u^extra).
inline std::vector<mf_term> product(const std::vector<mf_term>& a, const std::vector<mf_term>& b,
                                    int extra = 0) {
    std::vector<mf_term> out;
    for (const mf_term& s : a)
        for (const mf_term& t : b) out.push_back({s.c * t.c, s.k + t.k, s.n + t.n + extra});
    return out;
}

//! Φ(b) − Φ(a), a ≤ b, each end finite or ±∞ (empty), without cancellation in the tails.
inline mf_real normal_mass(const std::optional<mf_real>& a, const std::optional<mf_real>& b) {
    const mf_real r2 = sqrt(mf_real(2));
    const auto Q = [&](const std::optional<mf_real>& x, int inf_value) {  // 1 − Φ(x)
        return x ? mf_real(erfc(*x / r2) / 2) : mf_real(inf_value);
    };
    const auto P = [&](const std::optional<mf_real>& x, int inf_value) {  // Φ(x)
        return x ? mf_real(erfc(-*x / r2) / 2) : mf_real(inf_value);
    };
    if (a && *a >= 0) return Q(a, 0) - Q(b, 0);
    if (b && *b <= 0) return P(b, 1) - P(a, 0);
    return 1 - P(a, 0) - Q(b, 0);
}

//! J_i(a, b) = ∫_a^b t^i φ(t) dt for i ≤ n (empty end: ±∞), by the recurrence
//! J_i = [−t^(i−1) φ(t)]_a^b + (i − 1) J_(i−2) (t^(i−1) φ(t) → 0 at ±∞).
inline std::vector<mf_real> normal_moments(const std::optional<mf_real>& a,
                                           const std::optional<mf_real>& b, int n) {
    const mf_real norm = 1 / sqrt(2 * boost::math::constants::pi<mf_real>());
    const auto phi = [&](const std::optional<mf_real>& t) {
        return t ? mf_real(exp(-*t * *t / 2) * norm) : mf_real(0);
    };
    std::vector<mf_real> J(static_cast<std::size_t>(n + 1));
    J[0] = normal_mass(a, b);
    const mf_real pa = phi(a), pb = phi(b);
    mf_real ta = 1, tb = 1;  // a^(i−1), b^(i−1)
    for (int i = 1; i <= n; ++i) {
        const auto I = static_cast<std::size_t>(i);
        J[I] = (a ? mf_real(ta * pa) : mf_real(0)) - (b ? mf_real(tb * pb) : mf_real(0));
        if (i >= 2) J[I] += (i - 1) * J[I - 2];
        if (a) ta *= *a;
        if (b) tb *= *b;
    }
    return J;
}

//! ∫ over (lo, hi) of the sum of terms times the density of N(mu, var), var > 0; the terms
//! of one exponent k share the shifted mean m = mu + k·var and so one set of J_i.
inline mf_real gaussian_integral(const std::vector<mf_term>& ts, const std::optional<mf_real>& lo,
                                 const std::optional<mf_real>& hi, const mf_real& mu,
                                 const mf_real& var) {
    const mf_real sigma = sqrt(var);
    mf_real total = 0;
    std::vector<bool> done(ts.size(), false);
    for (std::size_t j = 0; j < ts.size(); ++j) {
        if (done[j]) continue;
        const mf_real k = ts[j].k;
        int n = 0;
        for (std::size_t i = j; i < ts.size(); ++i)
            if (ts[i].k == k) n = std::max(n, ts[i].n);
        const mf_real m = mu + k * var;
        std::optional<mf_real> a, b;
        if (lo) a = (*lo - m) / sigma;
        if (hi) b = (*hi - m) / sigma;
        const std::vector<mf_real> J = normal_moments(a, b, n);
        mf_real sum = 0;
        for (std::size_t i = j; i < ts.size(); ++i) {
            if (ts[i].k != k) continue;
            done[i] = true;
            mf_real binom = 1, sp = 1, t = 0;
            for (int e = 0; e <= ts[i].n; ++e) {
                if (e > 0) {
                    binom = binom * (ts[i].n - e + 1) / e;
                    sp *= sigma;
                }
                t += binom * pow(m, ts[i].n - e) * sp * J[static_cast<std::size_t>(e)];
            }
            sum += ts[i].c * t;
        }
        total += k == 0 ? sum : mf_real(sum * exp(k * mu + k * k * var / 2));
    }
    return total;
}

//! E[g(u)·h(u)·u^extra], u ~ N(mu, var), for g, h given by their pieces (the same cuts).
inline mf_real gaussian_product(const mf_pieces& g, const mf_pieces& h, int extra,
                                const mf_real& mu, const mf_real& var) {
    mf_real sum = 0;
    for (std::size_t j = 0; j < g.size(); ++j)
        sum += gaussian_integral(product(g[j].terms, h[j].terms, extra), g[j].lo, g[j].hi, mu, var);
    return sum;
}

//! E[g(u)], u ~ N(mu, var).
inline mf_real gaussian_mean(const mf_pieces& g, const mf_real& mu, const mf_real& var) {
    mf_real sum = 0;
    for (const mf_piece& p : g) sum += gaussian_integral(p.terms, p.lo, p.hi, mu, var);
    return sum;
}

// ---- two variables: E[g(u1) h(u2)] for (u1, u2) normal, variances q, correlation c --------
//
// On a rectangle of pieces a term pair c1 u1^n1 e^(k1 u1) · c2 u2^n2 e^(k2 u2) integrates against
// the bivariate density in closed form: the exponential shifts the mean by Σk (Σ = q[[1, c],
// [c, 1]]) and contributes e^(kᵀΣk/2); in standard units x, y (correlation c) the rest is a
// polynomial, and I(a, b) = ∫∫ x^a y^b φ2 over the rectangle follows from the rectangle's mass
// by x φ2 = −∂x φ2 − c ∂y φ2 (and the same in y): I(a+1, b) = a I(a−1, b) + c b I(a, b−1) −
// Bx(a, b) − c By(a, b), Bx the edge terms ∫ y^b [x^a φ2]_(x0)^(x1) dy (one-dimensional
// normal moments), I(a, b+1) likewise. The mass is Φ2 at the corners, Φ2(h, k; ρ) =
// Φ(h)Φ(k) + (1/2π) ∫_0^ρ exp(−(h² − 2rhk + k²)/(2(1 − r²)))/√(1 − r²) dr (a tanh-sinh
// quadrature of an analytic integrand).

//! Φ(x), x finite.
inline mf_real normal_cdf(const mf_real& x) { return erfc(-x / sqrt(mf_real(2))) / 2; }

//! Φ2 at the corners of rectangles, at one correlation ρ (|ρ| < 1); values kept per corner.
class bivariate_normal {
public:
    bivariate_normal(const mf_real& rho, const mf_real& tol) : rho_(rho), tol_(tol) {}

    const mf_real& rho() const { return rho_; }

    //! P(X ≤ h, Y ≤ k), an empty end +∞.
    mf_real cdf(const std::optional<mf_real>& h, const std::optional<mf_real>& k) {
        if (!h && !k) return mf_real(1);
        if (!h) return normal_cdf(*k);
        if (!k) return normal_cdf(*h);
        for (const auto& [a, b, v] : cache_)
            if (a == *h && b == *k) return v;
        const mf_real base = normal_cdf(*h) * normal_cdf(*k);
        mf_real v = base;
        if (rho_ != 0) {
            const mf_real hh = *h * *h + *k * *k, hk = *h * *k;
            const auto w = [&](const mf_real& r) {
                const mf_real one_r2 = 1 - r * r;
                return mf_real(exp(-(hh - 2 * r * hk) / (2 * one_r2)) / sqrt(one_r2));
            };
            const mf_real I = rho_ > 0 ? quad_.integrate(w, mf_real(0), rho_, tol_)
                                       : mf_real(-quad_.integrate(w, rho_, mf_real(0), tol_));
            v += I / (2 * boost::math::constants::pi<mf_real>());
        }
        cache_.push_back({*h, *k, v});
        return v;
    }

    //! P(x0 < X < x1, y0 < Y < y1), empty lower ends −∞, empty upper ends +∞.
    mf_real mass(const std::optional<mf_real>& x0, const std::optional<mf_real>& x1,
                 const std::optional<mf_real>& y0, const std::optional<mf_real>& y1) {
        mf_real p = cdf(x1, y1);
        if (x0) p -= cdf(x0, y1);
        if (y0) p -= cdf(x1, y0);
        if (x0 && y0) p += cdf(x0, y0);
        return p;
    }

private:
    struct corner {
        mf_real h, k, value;
    };
    mf_real rho_, tol_;
    boost::math::quadrature::tanh_sinh<mf_real> quad_{12};
    std::vector<corner> cache_;
};

//! I(a, b) = ∫∫ x^a y^b φ2(x, y; ρ) over (x0, x1) × (y0, y1), a ≤ A, b ≤ B, by the
//! recurrences above.
inline std::vector<std::vector<mf_real>> rectangle_moments(
    bivariate_normal& bvn, const std::optional<mf_real>& x0, const std::optional<mf_real>& x1,
    const std::optional<mf_real>& y0, const std::optional<mf_real>& y1, int A, int B) {
    const mf_real& rho = bvn.rho();
    const mf_real s2 = 1 - rho * rho;
    const mf_real norm = 1 / sqrt(2 * boost::math::constants::pi<mf_real>());
    // edge[e][j]: ±e^… φ(e) ∫ t^j N(t; ρe, 1 − ρ²) dt along the edge at the end e (+ upper,
    // − lower), t over the other side's interval; j up to the other side's degree.
    struct edge {
        mf_real at, weight;  //!< the end, ±φ(end)
        std::vector<mf_real> m;
    };
    const auto edges = [&](const std::optional<mf_real>& lo, const std::optional<mf_real>& hi,
                           const std::optional<mf_real>& olo, const std::optional<mf_real>& ohi,
                           int degree) {
        std::vector<edge> out;
        for (const auto& [end, sign] : {std::pair{hi, 1}, std::pair{lo, -1}}) {
            if (!end) continue;
            edge e{*end, sign * exp(-*end * *end / 2) * norm, {}};
            for (int j = 0; j <= degree; ++j)
                e.m.push_back(
                    gaussian_integral({{mf_real(1), mf_real(0), j}}, olo, ohi, rho * *end, s2));
            out.push_back(std::move(e));
        }
        return out;
    };
    const std::vector<edge> ex = edges(x0, x1, y0, y1, B), ey = edges(y0, y1, x0, x1, A);
    const auto Bx = [&](int a, int b) {  // ∫ y^b [x^a φ2]_(x0)^(x1) dy
        mf_real t = 0;
        for (const edge& e : ex) t += pow(e.at, a) * e.weight * e.m[static_cast<std::size_t>(b)];
        return t;
    };
    const auto By = [&](int a, int b) {
        mf_real t = 0;
        for (const edge& e : ey) t += pow(e.at, b) * e.weight * e.m[static_cast<std::size_t>(a)];
        return t;
    };
    std::vector<std::vector<mf_real>> I(static_cast<std::size_t>(A + 1),
                                        std::vector<mf_real>(static_cast<std::size_t>(B + 1)));
    const auto at = [&](int a, int b) -> mf_real& {
        return I[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
    };
    at(0, 0) = bvn.mass(x0, x1, y0, y1);
    for (int a = 0; a < A; ++a)
        at(a + 1, 0) = (a > 0 ? mf_real(a * at(a - 1, 0)) : mf_real(0)) - Bx(a, 0) - rho * By(a, 0);
    for (int b = 0; b < B; ++b)
        for (int a = 0; a <= A; ++a)
            at(a, b + 1) = (b > 0 ? mf_real(b * at(a, b - 1)) : mf_real(0)) +
                           (a > 0 ? mf_real(rho * a * at(a - 1, b)) : mf_real(0)) - By(a, b) -
                           rho * Bx(a, b);
    return I;
}

//! The terms of a piece with exponent k as a polynomial in x, u = m + σx: coefficient of x^i.
inline std::vector<mf_real> shifted_polynomial(const std::vector<mf_term>& ts, const mf_real& k,
                                               const mf_real& m, const mf_real& sigma) {
    int n = 0;
    for (const mf_term& t : ts)
        if (t.k == k) n = std::max(n, t.n);
    std::vector<mf_real> p(static_cast<std::size_t>(n + 1), mf_real(0));
    for (const mf_term& t : ts) {
        if (t.k != k) continue;
        mf_real binom = 1, sp = 1;
        for (int i = 0; i <= t.n; ++i) {
            if (i > 0) {
                binom = binom * (t.n - i + 1) / i;
                sp *= sigma;
            }
            p[static_cast<std::size_t>(i)] += t.c * binom * pow(m, t.n - i) * sp;
        }
    }
    return p;
}

//! The distinct exponents k of a piece's terms.
inline std::vector<mf_real> exponents(const std::vector<mf_term>& ts) {
    std::vector<mf_real> ks;
    for (const mf_term& t : ts)
        if (std::find(ks.begin(), ks.end(), t.k) == ks.end()) ks.push_back(t.k);
    return ks;
}

//! E[g(u1) h(u2)], u1, u2 ~ N(0, q) with correlation c, |c| < 1, in closed form (up to the
//! quadratures of Φ2 at tolerance tol).
inline mf_real gaussian_pair(const mf_pieces& g, const mf_pieces& h, const mf_real& q,
                             const mf_real& c, const mf_real& tol) {
    bivariate_normal bvn(c, tol);
    const mf_real sq = sqrt(q);
    const auto cut = [&](const std::optional<mf_real>& e, const mf_real& m) {
        return e ? std::optional<mf_real>((*e - m) / sq) : std::nullopt;
    };
    mf_real total = 0;
    for (const mf_piece& P : g) {
        if (P.terms.empty()) continue;
        for (const mf_piece& Q : h) {
            if (Q.terms.empty()) continue;
            for (const mf_real& k1 : exponents(P.terms)) {
                for (const mf_real& k2 : exponents(Q.terms)) {
                    const mf_real m1 = q * (k1 + c * k2), m2 = q * (c * k1 + k2);
                    const std::vector<mf_real> px = shifted_polynomial(P.terms, k1, m1, sq),
                                               py = shifted_polynomial(Q.terms, k2, m2, sq);
                    const int A = static_cast<int>(px.size()) - 1,
                              B = static_cast<int>(py.size()) - 1;
                    const auto I = rectangle_moments(bvn, cut(P.lo, m1), cut(P.hi, m1),
                                                     cut(Q.lo, m2), cut(Q.hi, m2), A, B);
                    mf_real sum = 0;
                    for (int i = 0; i <= A; ++i)
                        for (int j = 0; j <= B; ++j)
                            sum += px[static_cast<std::size_t>(i)] *
                                   py[static_cast<std::size_t>(j)] *
                                   I[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
                    const mf_real e =
                        k1 == 0 && k2 == 0
                            ? mf_real(1)
                            : mf_real(exp(q * (k1 * k1 + 2 * c * k1 * k2 + k2 * k2) / 2));
                    total += e * sum;
                }
            }
        }
    }
    return total;
}

//! g(u) from its pieces (at a cut: the piece on the right).
inline mf_real piece_value(const mf_pieces& g, const mf_real& u) {
    for (const mf_piece& p : g) {
        if (p.hi && u >= *p.hi) continue;
        mf_real s = 0;
        for (const mf_term& t : p.terms)
            s += t.c * pow(u, t.n) * (t.k == 0 ? mf_real(1) : mf_real(exp(t.k * u)));
        return s;
    }
    return 0;
}

}  // namespace actlab::detail
