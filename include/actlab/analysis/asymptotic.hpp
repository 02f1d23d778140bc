// actlab: behaviour of an expression as x → +∞ or −∞ — its limit, its eventual sign and
// the leading term of how it approaches the limit — from a small asymptotic expansion over
// the scale c·x^a·e^(p₁x + p₂x² + p₃x³) (needs MPFR).
//
// Every expression of the catalogue is built from exp, log, σ, tanh, erf, softplus, powers,
// +, · and switches; these are Hardy-field functions away from sin/cos, so they have
// limits and eventually a constant sign, and the expansions below are exact statements
// about x → ∞ (the rules are the textbook ones: σ(u) = 1 − e^(−u) + …, erf(u) = 1 −
// e^(−u²)/(u√π) + …). Whatever the scale cannot express (log x, oscillation, a
// cancellation that would need the next term) makes the result unknown, never wrong.
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/diff/kinks.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/expr/boxed.hpp>
#include <actlab/expr/build.hpp>

#include <optional>
#include <stdexcept>
#include <vector>

namespace actlab {

namespace asymptotic {

//! c·x^a·e^(p[1]x + p[2]x² + p[3]x³); every coefficient a constant expression.
//! The coefficients live on the heap (boxed_expr): expansions are copied and combined in
//! deep recursion, where seven inline 30 KB expressions per term would exhaust the stack.
struct term {
    boxed_expr c{1}, a{0};
    boxed_expr p[4] = {0, 0, 0, 0};
};

//! v = G + K + D·(1 + o(1)) as x → +∞, where G is a sum of growing terms, K a constant and
//! D a decaying term. `exact`: G + K is v up to o(1) (else only G's leading term is known).
//! `rest_known`: D is v − G − K to relative o(1) (no D: that difference is exactly 0).
struct expansion {
    std::vector<term> grow;
    bool exact = true;
    boxed_expr K{0};
    std::optional<term> D;
    bool rest_known = true;
    //! Plus a bounded term of unknown form (sin x): only growth survives it.
    bool bounded = false;
};

//! Thrown when the scale cannot decide; caught by the public entry points.
struct undecided : std::runtime_error {
    undecided() : std::runtime_error("asymptotic: undecided") {}
};

namespace detail {

//! The point interval [t, t] at `bits`.
inline interval at_point(double t, mpfr_prec_t bits) {
    interval r(bits);
    mpfr_set_d(r.lower(), t, MPFR_RNDD);
    mpfr_set_d(r.upper(), t, MPFR_RNDU);
    return r;
}

//! The sign of a constant expression: exact when it folds to a number, else from an
//! enclosure; throws when the enclosure straddles 0.
inline int sign_of(const expr& c) {
    if (actlab::detail::is_number_expr(c)) {
        const rational& q = c.constants[0];
        return q.num > 0 ? 1 : (q.num < 0 ? -1 : 0);
    }
    for (const mpfr_prec_t bits : {128, 1024}) {
        const interval v = enclose(c, at_point(0, bits));
        if (!v.valid()) throw undecided();
        if (v.positive()) return 1;
        if (v.negative()) return -1;
        if (v.is_zero()) return 0;
    }
    throw undecided();
}

inline bool is_zero(const expr& c) { return sign_of(c) == 0; }

//! The growth class: +1 growing, 0 constant, −1 decaying.
inline int growth(const term& t) {
    for (int k = 3; k >= 1; --k)
        if (const int s = sign_of(t.p[k]); s != 0) return s;
    return sign_of(t.a);
}

//! Compares the orders of two terms (ignoring c): −1, 0, +1.
inline int compare_order(const term& s, const term& t) {
    for (int k = 3; k >= 1; --k)
        if (const int d = sign_of(s.p[k] - t.p[k]); d != 0) return d;
    return sign_of(s.a - t.a);
}

inline term times(const term& s, const term& t) {
    term r;
    r.c = s.c * t.c;
    r.a = s.a + t.a;
    for (int k = 1; k <= 3; ++k) r.p[k] = s.p[k] + t.p[k];
    return r;
}

inline term scaled(const term& t, const expr& c) {
    term r = t;
    r.c = t.c * c;
    return r;
}

inline term constant_term(const expr& c) {
    term t;
    t.c = c;
    return t;
}

//! Adds t to a list of growing terms, merging equal orders.
inline void add_growing(std::vector<term>& g, const term& t) {
    for (auto it = g.begin(); it != g.end(); ++it) {
        if (compare_order(*it, t) == 0) {
            it->c = it->c + t.c;
            if (is_zero(it->c)) g.erase(it);
            return;
        }
    }
    g.push_back(t);
}

inline const term& leading(const std::vector<term>& g) {
    const term* best = &g.front();
    for (const term& t : g)
        if (compare_order(t, *best) > 0) best = &t;
    return *best;
}

inline expansion constant(const expr& c) {
    expansion e;
    e.K = c;
    return e;
}

//! O(1) of unknown form.
inline expansion bounded_term() {
    expansion e;
    e.bounded = true;
    e.rest_known = false;
    return e;
}

//! The leading behaviour as one term: the leading growing term, else K, else D.
inline std::optional<term> lead(const expansion& v) {
    if (!v.grow.empty()) return leading(v.grow);
    if (v.bounded) throw undecided();
    if (!is_zero(v.K)) return constant_term(v.K);
    if (v.D && v.rest_known) return v.D;
    if (!v.D && v.rest_known) return std::nullopt;  // exactly 0
    throw undecided();
}

//! An expansion that is just t·(1 + o(1)).
inline expansion from_term(const term& t, bool rest_exact) {
    expansion e;
    const int g = growth(t);
    if (g > 0) {
        e.grow.push_back(t);
        e.exact = rest_exact;
    } else if (g == 0) {
        e.K = t.c;
        e.rest_known = rest_exact;
    } else {
        e.D = t;
    }
    return e;
}

inline expansion add(const expansion& u, const expansion& v) {
    expansion r;
    r.grow = u.grow;
    for (const term& t : v.grow) add_growing(r.grow, t);
    r.exact = u.exact && v.exact;
    if (u.bounded || v.bounded) {
        // growth + O(1): the leading growth stays; without growth only boundedness
        if (r.grow.empty()) return bounded_term();
        r.exact = false;
        r.bounded = false;
    }
    if (!r.exact) {
        // Only the leading growth is known: it must survive the sum.
        if (u.grow.empty() || v.grow.empty()) {
            r.grow = {leading(u.grow.empty() ? v.grow : u.grow)};
            return r;
        }
        const int c = compare_order(leading(u.grow), leading(v.grow));
        if (c == 0) throw undecided();
        r.grow = {c > 0 ? leading(u.grow) : leading(v.grow)};
        return r;
    }
    r.K = u.K + v.K;
    r.rest_known = u.rest_known && v.rest_known;
    if (u.D && v.D) {
        const int c = compare_order(*u.D, *v.D);
        if (c == 0) {
            term t = *u.D;
            t.c = u.D->c + v.D->c;
            if (is_zero(t.c)) {
                r.D.reset();
                r.rest_known = false;  // the next term is needed
            } else {
                r.D = t;
            }
        } else {
            r.D = c > 0 ? u.D : v.D;
        }
    } else {
        r.D = u.D ? u.D : v.D;
    }
    return r;
}

inline expansion negate(const expansion& v) {
    expansion r = v;
    for (term& t : r.grow) t.c = -t.c;
    r.K = -v.K;
    if (r.D) r.D->c = -r.D->c;
    return r;
}

//! The terms of v: growing ones, K (if nonzero), D; and whether v is exactly their sum
//! up to a relative o(1) of D.
inline std::vector<std::pair<term, bool>> terms(const expansion& v) {
    std::vector<std::pair<term, bool>> out;  // (term, carries a relative o(1) error)
    for (const term& t : v.grow) out.push_back({t, false});
    if (!is_zero(v.K)) out.push_back({constant_term(v.K), false});
    if (v.D) out.push_back({*v.D, true});
    return out;
}

inline expansion mul(const expansion& u, const expansion& v) {
    if (u.bounded || v.bounded) {
        // O(1)·O(1) = O(1); O(1) times growth or decay is not decided here
        if (!u.grow.empty() || !v.grow.empty() || u.D || v.D) throw undecided();
        return bounded_term();
    }
    if (!u.exact || !v.exact) {
        // Only leading terms are known.
        const auto a = lead(u), b = lead(v);
        if (!a || !b) return constant(expr(0));
        return from_term(times(*a, *b), false);
    }
    expansion r;
    std::vector<term> grown;
    std::optional<term> decay;
    for (const auto& [s, s_err] : terms(u)) {
        for (const auto& [t, t_err] : terms(v)) {
            const term p = times(s, t);
            const int g = growth(p);
            // A product with a relative o(1) error that does not decay carries an error
            // that is not o(1): growth becomes inexact, a constant loses its rest.
            if ((s_err || t_err) && g > 0) r.exact = false;
            if ((s_err || t_err) && g == 0) r.rest_known = false;
            if (g > 0) {
                add_growing(grown, p);
            } else if (g == 0) {
                r.K = r.K + p.c;
            } else if (!decay) {
                decay = p;
            } else if (const int c = compare_order(p, *decay); c > 0) {
                decay = p;
            } else if (c == 0) {
                decay->c = decay->c + p.c;
                if (is_zero(decay->c)) {
                    decay.reset();
                    r.rest_known = false;
                }
            }
        }
    }
    // An unknown o(1) part of one side times the other side's growth is not o(1).
    if ((!u.rest_known && !v.grow.empty()) || (!v.rest_known && !u.grow.empty())) r.exact = false;
    if (!u.rest_known || !v.rest_known) r.rest_known = false;
    r.grow = grown;
    if (r.rest_known) r.D = decay;
    if (!r.exact && !r.grow.empty()) r.grow = {leading(r.grow)};
    if (!r.exact && r.grow.empty()) r.exact = true, r.rest_known = false;
    return r;
}

//! e^v.
inline expansion exp_of(const expansion& v) {
    if (v.bounded) return bounded_term();  // e^(O(1)) = O(1)
    if (!v.exact) throw undecided();
    if (v.grow.empty()) {
        // e^(K + D) = e^K + e^K·D
        expansion r;
        r.K = exp(v.K);
        r.rest_known = v.rest_known;
        if (v.D) r.D = scaled(*v.D, exp(v.K));
        return r;
    }
    term t;
    t.c = exp(v.K);
    for (const term& g : v.grow) {
        if (!actlab::detail::is_number_expr(g.a) || !is_zero(g.p[1]) || !is_zero(g.p[2]) ||
            !is_zero(g.p[3]))
            throw undecided();
        const rational& q = g.a.get().constants[0];
        if (q.den != 1 || q.num < 1 || q.num > 3) throw undecided();
        const int k = static_cast<int>(q.num);
        t.p[k] = t.p[k] + g.c;
    }
    // e^(G + K + D) = e^(G + K)·(1 + o(1)): exact up to o(1) only when D is exactly 0.
    return from_term(t, !v.D && v.rest_known);
}

//! log v for v → K > 0, or v = c·e^(P)·(1 + o(1)) with no power of x.
inline expansion log_of(const expansion& v) {
    if (v.grow.empty() && sign_of(v.K) > 0) {
        expansion r;
        r.K = log(v.K);
        r.rest_known = v.rest_known;
        if (v.D) r.D = scaled(*v.D, pow(v.K, expr(-1)));
        return r;
    }
    const auto l = lead(v);
    if (!l || sign_of(l->c) <= 0 || !is_zero(l->a)) throw undecided();
    expansion r;
    r.K = log(l->c);
    for (int k = 1; k <= 3; ++k) {
        if (is_zero(l->p[k])) continue;
        term t;
        t.c = l->p[k];
        t.a = expr(k);
        add_growing(r.grow, t);  // may be "growing" with a negative coefficient (→ −∞)
    }
    r.rest_known = false;  // log(1 + o(1)) = o(1) of unknown form
    return r;
}

//! φ(K + D) for a smooth φ at a finite K: φ(K) + φ′(K)·D (+ φ″(K)/2·D² when φ′(K) = 0).
inline expansion smooth_at(op kind, const expansion& v) {
    if (v.bounded) {
        // continuous images of a bounded set are bounded (log may not be: excluded)
        if (kind == op::log || kind == op::log1p) throw undecided();
        return bounded_term();
    }
    const expr phi = actlab::detail::apply(kind, x);
    expansion r;
    r.K = compose(phi, v.K);
    r.rest_known = v.rest_known;
    if (!v.D) return r;
    const expr d1 = compose(d(phi), v.K);
    if (!is_zero(d1)) {
        r.D = scaled(*v.D, d1);
        return r;
    }
    const expr d2 = compose(d(d(phi)), v.K);
    if (is_zero(d2)) throw undecided();
    r.D = scaled(times(*v.D, *v.D), d2 * ratio(1, 2));
    return r;
}

//! A term of a finite sum, with whether it carries a relative o(1) error.
struct flagged_term {
    term t;
    bool approx = false;
};

//! Adds t to a sum of flagged terms, merging equal orders (a cancelled approximate term
//! leaves an error of unknown order: reported through `lost`).
inline void add_flagged(std::vector<flagged_term>& s, const flagged_term& t, bool& lost) {
    for (auto it = s.begin(); it != s.end(); ++it) {
        if (compare_order(it->t, t.t) != 0) continue;
        it->t.c = it->t.c + t.t.c;
        it->approx = it->approx || t.approx;
        if (is_zero(it->t.c)) {
            lost = lost || it->approx;
            s.erase(it);
        }
        return;
    }
    s.push_back(t);
}

//! v^q for an exact v whose leading term L grows (L's coefficient > 0), by the binomial
//! series: v = L·(1 + w) with w = (v − L)/L → 0, so v^q = L^q·Σ_(j ≤ J) C(q, j)·w^j +
//! O(L^q·w^(J+1)) (|w| < 1 eventually); J is the first j at which L^q·w^j decays. Every
//! term of the sum is kept (√(x² + b) = x + (b/2)·x⁻¹ + …, so x + √(x² + b) at −∞ cancels
//! symbolically); the remainder must be of smaller order than the largest decaying term.
//! Empty when the series needs more than 6 terms or v's rest is unknown.
inline std::optional<expansion> binomial_power(const expansion& v, const expr& q) {
    if (!v.exact || v.bounded || v.grow.empty() || !v.rest_known) return std::nullopt;
    const term L = leading(v.grow);
    if (sign_of(L.c) <= 0) return std::nullopt;
    term inv;  // 1/L
    inv.c = pow(L.c.get(), expr(-1));
    inv.a = -L.a.get();
    for (int k = 1; k <= 3; ++k) inv.p[k] = -L.p[k].get();
    std::vector<flagged_term> w;  // w = (v − L)/L, every term decaying
    bool lost = false;
    for (const term& g : v.grow)
        if (compare_order(g, L) != 0) add_flagged(w, {times(g, inv), false}, lost);
    if (!is_zero(v.K)) add_flagged(w, {times(constant_term(v.K), inv), false}, lost);
    if (v.D) add_flagged(w, {times(*v.D, inv), true}, lost);
    term Lq;
    Lq.c = pow(L.c.get(), q);
    Lq.a = L.a.get() * q;
    for (int k = 1; k <= 3; ++k) Lq.p[k] = L.p[k].get() * q;
    if (lost) return std::nullopt;
    if (w.empty()) return from_term(Lq, true);  // v = L exactly
    term w_lead = w.front().t;
    for (const flagged_term& t : w)
        if (compare_order(t.t, w_lead) > 0) w_lead = t.t;
    std::vector<flagged_term> sum{{Lq, false}}, wj{{Lq, false}};  // wj = L^q·w^j
    expr binom{1};
    term edge = Lq;  // the order of L^q·w_lead^j
    int j = 0;
    while (growth(edge) >= 0) {
        if (++j > 6) return std::nullopt;
        binom = binom * (q - expr(j - 1)) * ratio(1, j);
        std::vector<flagged_term> next;
        for (const flagged_term& a : wj)
            for (const flagged_term& b : w)
                add_flagged(next, {times(a.t, b.t), a.approx || b.approx}, lost);
        wj = next;
        for (const flagged_term& a : wj)
            if (!is_zero(binom)) add_flagged(sum, {scaled(a.t, binom), a.approx}, lost);
        edge = times(edge, w_lead);
    }
    const term remainder = times(edge, w_lead);
    expansion r;
    r.grow.clear();
    const flagged_term* decay = nullptr;
    for (const flagged_term& t : sum) {
        const int g = growth(t.t);
        if (g > 0) {
            r.grow.push_back(t.t);
            if (t.approx) r.exact = false;
        } else if (g == 0) {
            r.K = r.K.get() + t.t.c.get();
            if (t.approx) r.rest_known = false;
        } else if (!decay || compare_order(t.t, decay->t) > 0) {
            decay = &t;
        }
    }
    if (lost) return std::nullopt;  // an approximate term cancelled: its error's order is open
    if (!decay || compare_order(remainder, decay->t) >= 0) r.rest_known = false;
    if (r.rest_known) r.D = decay->t;  // else v^q − G − K is o(1) of unknown form
    if (!r.exact) r.grow = {leading(r.grow)};
    return r;
}

inline expansion power(const expansion& v, const expr& q) {
    const rational* n = actlab::detail::is_number_expr(q) ? &q.constants[0] : nullptr;
    if (v.bounded && !(n && n->den == 1 && n->num >= 1 && n->num <= 6)) throw undecided();
    if (n && n->den == 1 && n->num >= 1 && n->num <= 6) {
        expansion r = v;
        for (int k = 1; k < n->num; ++k) r = mul(r, v);
        return r;
    }
    if (v.grow.empty() && !is_zero(v.K)) {
        if (sign_of(v.K) < 0 && !(n && n->den == 1)) throw undecided();
        expansion r;
        r.K = pow(v.K, q);
        r.rest_known = v.rest_known;
        if (v.D) r.D = scaled(*v.D, q * pow(v.K, q - expr(1)));
        return r;
    }
    if (const auto b = binomial_power(v, q)) return *b;
    const auto l = lead(v);
    if (!l) throw undecided();  // 0^q
    if (sign_of(l->c) < 0 && !(n && n->den == 1)) throw undecided();
    term t;
    t.c = pow(l->c, q);
    t.a = l->a * q;
    for (int k = 1; k <= 3; ++k) t.p[k] = l->p[k] * q;
    // (L(1 + o(1)))^q = L^q(1 + o(1)): a decaying result keeps a relative o(1).
    return from_term(t, false);
}

//! The eventual sign of v (0: v is exactly 0 eventually).
inline int eventual_sign(const expansion& v) {
    const auto l = lead(v);
    return l ? sign_of(l->c) : 0;
}

inline expansion expand_node(const expr& f, int i, const std::vector<expansion>& m);

inline expansion of(const expr& f) {
    std::vector<expansion> m;
    m.reserve(static_cast<std::size_t>(f.n_nodes));
    for (int i = 0; i < f.n_nodes; ++i) m.push_back(expand_node(f, i, m));
    return m[static_cast<std::size_t>(f.root())];
}

inline expansion expand_node(const expr& f, int i, const std::vector<expansion>& m) {
    const node& n = f.nodes[i];
    const auto child = [&](int k) -> const expansion& {
        return m[static_cast<std::size_t>(f.child(i, k))];
    };
    const auto sub = [&](int k) { return actlab::detail::compact(f, f.child(i, k)); };
    switch (n.kind) {
        case op::number:
        case op::named:
        case op::parameter: return constant(actlab::detail::compact(f, i));
        case op::variable: {
            expansion e;
            term t;
            t.a = expr(1);
            e.grow.push_back(t);
            return e;
        }
        case op::add: {
            expansion r = child(0);
            for (int k = 1; k < n.count; ++k) r = add(r, child(k));
            return r;
        }
        case op::mul: {
            expansion r = child(0);
            for (int k = 1; k < n.count; ++k) r = mul(r, child(k));
            return r;
        }
        case op::pow: {
            const expr q = sub(1);
            if (actlab::detail::find_leaf(q, op::variable) >= 0) {
                // b^u = e^(u·log b) for a constant b > 0
                const expr b = sub(0);
                if (actlab::detail::find_leaf(b, op::variable) >= 0) throw undecided();
                if (sign_of(b) <= 0) throw undecided();
                return exp_of(mul(child(1), constant(log(b))));
            }
            return power(child(0), q);
        }
        case op::exp: return exp_of(child(0));
        case op::expm1: return add(exp_of(child(0)), constant(expr(-1)));
        case op::log: return log_of(child(0));
        case op::log1p: return log_of(add(child(0), constant(expr(1))));
        case op::abs: return eventual_sign(child(0)) >= 0 ? child(0) : negate(child(0));
        case op::sign: return constant(expr(eventual_sign(child(0))));
        case op::step: {
            const int s = eventual_sign(child(0));
            return constant(s > 0 ? expr(1) : (s < 0 ? expr(0) : ratio(1, 2)));
        }
        case op::min:
        case op::max: {
            const int s = eventual_sign(add(child(0), negate(child(1))));
            const bool first = n.kind == op::min ? s <= 0 : s >= 0;
            return first ? child(0) : child(1);
        }
        case op::lt:
        case op::le: {
            const int s = eventual_sign(add(child(0), negate(child(1))));
            const bool holds = n.kind == op::lt ? s < 0 : s <= 0;
            return constant(expr(holds ? 1 : 0));
        }
        case op::where: {
            const expansion& c = child(0);
            if (!c.grow.empty() || c.D) throw undecided();
            return is_zero(c.K) ? child(2) : child(1);
        }
        case op::sin:
        case op::cos: {
            if (!child(0).grow.empty()) return bounded_term();  // oscillates within [−1, 1]
            return smooth_at(n.kind, child(0));
        }
        case op::tanh:
        case op::sigmoid:
        case op::erf:
        case op::erfc:
        case op::softplus: {
            const expansion& u = child(0);
            if (u.grow.empty()) return smooth_at(n.kind, u);
            const int s = eventual_sign(u);
            // The exponentially small correction e^(∓u) (or e^(−u²)), when computable.
            const auto small = [&](const expansion& exponent) -> std::optional<expansion> {
                try {
                    return exp_of(exponent);
                } catch (const undecided&) {
                    return std::nullopt;
                }
            };
            const auto plus_small = [&](const expr& k, std::optional<expansion> e,
                                        const expr& factor) {
                expansion r = constant(k);
                if (!e) {
                    r.rest_known = false;
                    return r;
                }
                return add(r, mul(*e, constant(factor)));
            };
            switch (n.kind) {
                case op::sigmoid:  // σ(u) = 1 − e^(−u) + …, or e^u + …
                    return s > 0 ? plus_small(expr(1), small(negate(u)), expr(-1))
                                 : plus_small(expr(0), small(u), expr(1));
                case op::tanh:  // tanh u = ±(1 − 2e^(∓2u) + …)
                    return s > 0 ? plus_small(expr(1), small(mul(u, constant(expr(-2)))), expr(-2))
                                 : plus_small(expr(-1), small(mul(u, constant(expr(2)))), expr(2));
                case op::softplus: {  // u + e^(−u) + …, or e^u + …
                    if (s < 0) return plus_small(expr(0), small(u), expr(1));
                    const auto e = small(negate(u));
                    expansion r = u;
                    if (!e) {
                        r.rest_known = false;
                        r.D.reset();
                        return r;
                    }
                    return add(u, *e);
                }
                default: {
                    // erfc(u) = e^(−u²)/(u√π)·(1 + o(1)) for u → +∞; erf = 1 − erfc;
                    // erf(u) = −1 + erfc(−u) for u → −∞; erfc(u) = 2 − erfc(−u).
                    const expansion au = s > 0 ? u : negate(u);
                    std::optional<expansion> tail;
                    try {
                        const expansion e = exp_of(negate(mul(au, au)));
                        tail = mul(e, power(mul(au, constant(sqrt(pi))), expr(-1)));
                    } catch (const undecided&) {
                        tail.reset();
                    }
                    const auto with = [&](const expr& k, const expr& sgn) {
                        expansion r = constant(k);
                        if (!tail) {
                            r.rest_known = false;
                            return r;
                        }
                        return add(r, mul(*tail, constant(sgn)));
                    };
                    if (n.kind == op::erf)
                        return s > 0 ? with(expr(1), expr(-1)) : with(expr(-1), expr(1));
                    return s > 0 ? with(expr(0), expr(1)) : with(expr(2), expr(-1));
                }
            }
        }
        default: throw undecided();
    }
}

}  // namespace detail

//! What is known of g as x → +∞ (right) or −∞.
struct tail_behaviour {
    bool known = false;
    int limit_infinite = 0;  //!< +1: g → +∞, −1: g → −∞, 0: finite limit
    expr limit{0};           //!< the finite limit (a constant expression)
    int approach = 0;        //!< sign of g − limit eventually (0: equal or unknown)
    bool approach_known = false;
    int eventual_sign = 0;  //!< sign of g eventually (0: g is eventually 0)
};

inline tail_behaviour behaviour(const expr& g0, bool right) {
    tail_behaviour b;
    try {
        const expr g = actlab::detail::at_defaults(right ? g0 : compose(g0, -x));
        const expansion e = detail::of(g);
        if (e.grow.empty() && e.bounded) return b;  // bounded, no limit known
        if (!e.grow.empty()) {
            b.limit_infinite = detail::sign_of(detail::leading(e.grow).c);
            b.eventual_sign = b.limit_infinite;
            b.known = true;
            return b;
        }
        b.limit = e.K;
        b.known = true;
        if (e.rest_known) {
            b.approach = e.D ? detail::sign_of(e.D->c) : 0;
            b.approach_known = true;
        }
        const int k = detail::sign_of(e.K);
        b.eventual_sign = k != 0 ? k : b.approach;
    } catch (const undecided&) {
        b.known = false;
    } catch (const error&) {
        b.known = false;
    }
    return b;
}

}  // namespace asymptotic

}  // namespace actlab
