// actlab: enclosures of a smooth expression over the tails (−∞, −X] and [X, ∞), where
// plain interval arithmetic meets ∞·0 and ∞ − ∞ (x·σ(x), x/(1 + |x|)): the direct
// enclosure is intersected with what monotonicity and the limit give — if g′ keeps one
// sign on the tail (decided the same way, recursively), g lies between g(±X) and its
// limit at ±∞ (from the asymptotic expansion, exact) (needs MPFR).
#pragma once

#include <actlab/analysis/asymptotic.hpp>
#include <actlab/analysis/structure.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/expr/detail/expand.hpp>

#include <limits>
#include <vector>

namespace actlab {

namespace detail {

inline interval box_interval(double a, double b, mpfr_prec_t bits) {
    interval r(bits);
    mpfr_set_d(r.lower(), a, MPFR_RNDD);
    mpfr_set_d(r.upper(), b, MPFR_RNDU);
    return r;
}

//! a ∩ b (a if they are disjoint, which cannot happen for sound enclosures of one value).
inline interval intersect(const interval& a, const interval& b) {
    if (!a.valid()) return b;
    if (!b.valid()) return a;
    interval r = a;
    if (mpfr_cmp(b.lower(), r.lower()) > 0) mpfr_set(r.lower(), b.lower(), MPFR_RNDD);
    if (mpfr_cmp(b.upper(), r.upper()) < 0) mpfr_set(r.upper(), b.upper(), MPFR_RNDU);
    if (mpfr_cmp(r.lower(), r.upper()) > 0) return a;
    return r;
}

//! A sum as (terms without x) + x·(the rest), the rest again in this form: Horner's rule
//! in x, which keeps ∞·0 apart on a tail (1 + x − x·σ(x) is 1 + x·(1 − σ(x))).
inline index horner_sum(expr& w, index s) {
    if (w.nodes[s].kind != op::add) return s;
    term_list with, without;
    rational coeffs[max_terms];
    for (int k = 0; k < w.nodes[s].count; ++k) {
        const index t = arg(w, s, k);
        power_term fs[max_terms];
        const int n = factors_of(w, t, fs);
        bool has_x = false;
        for (int j = 0; j < n; ++j)
            has_x = has_x ||
                    (w.nodes[fs[j].base].kind == op::variable && positive_integer(fs[j].exponent));
        if (!has_x) {
            without.push(t);
            continue;
        }
        rational c{};
        const index r = split_coefficient(w, t, c);
        coeffs[with.n] = c;
        with.push(r);
    }
    if (with.n < 2 && without.n == 0) return s;
    if (with.n == 0) return factor_sum(w, s);
    index inner = with.n == 1 ? -1 : factor_common(w, with, coeffs);
    if (inner < 0) return s;
    if (w.nodes[inner].kind == op::mul) {
        term_list parts;
        for (int k = 0; k < w.nodes[inner].count; ++k) parts.push(horner_sum(w, arg(w, inner, k)));
        inner = mul(w, parts);
    }
    without.push(inner);
    return add(w, without);
}

constexpr index horner_node(expr& w, const expr& e, int i, const index* m) {
    const node& n = e.nodes[i];
    index c[max_terms] = {};
    for (int k = 0; k < n.count; ++k) c[k] = m[arg(e, i, k)];
    if (n.kind == op::add) return horner_sum(w, factor_sum(w, rebuild(w, n, c)));
    if (n.kind == op::mul || n.kind == op::pow) return rebuild(w, n, c);
    return import_node(w, e, i, c);
}

inline expr horner(const expr& g) { return apply_pass(g, horner_node); }

//! A sum over the common denominator of its terms' negative powers of one sum u:
//! Σ tₖ = (Σ tₖ·u^K)·u^(−K), the numerator expanded — x/(1 + x)′ = (1 + x)⁻¹ − x(1 + x)⁻²
//! becomes 1·(1 + x)⁻², whose enclosure on a tail is tight.
inline expr together(const expr& g) {
    const int root = g.root();
    if (g.nodes[root].kind != op::add) return g;
    const int n = g.nodes[root].count;
    // The sum-base with the most negative integer exponent.
    index u = -1;
    rational K{0, 1};
    for (int k = 0; k < n; ++k) {
        power_term fs[max_terms];
        const int m = factors_of(g, g.child(root, k), fs);
        for (int j = 0; j < m; ++j) {
            const rational& q = fs[j].exponent;
            if (g.nodes[fs[j].base].kind != op::add || q.den != 1 || q.num >= 0) continue;
            if (u < 0 || (fs[j].base == u && -q.num > K.num) ||
                (fs[j].base != u && -q.num > K.num)) {
                u = fs[j].base;
                K = rational{-q.num, 1};
            }
        }
    }
    if (u < 0 || K.num > 8) return g;
    const expr base = compact(g, u);
    expr numerator{0};
    for (int k = 0; k < n; ++k) {
        power_term fs[max_terms];
        const int m = factors_of(g, g.child(root, k), fs);
        expr t{1};
        bool has_u = false;
        for (int j = 0; j < m; ++j) {
            rational q = fs[j].exponent;
            if (fs[j].base == u) {
                has_u = true;
                q = rational{q.num + K.num * q.den, q.den};
            }
            if (q.num == 0) continue;
            t = t * pow(compact(g, fs[j].base), expr(q));
        }
        if (!has_u) t = t * pow(base, expr(K));
        numerator = numerator + t;
    }
    return expand(numerator) * pow(base, expr(rational{-K.num, 1}));
}

//! g rebuilt node by node, children first; hook(w, i, out, m) may replace the image `out` of
//! node i in the workspace w (m: the images of the nodes before i).
template <class Hook>
expr rewrite_nodes(const expr& g, Hook hook) {
    expr w{raw_tag{}};
    std::vector<index> m(static_cast<std::size_t>(g.n_nodes));
    for (int i = 0; i < g.n_nodes; ++i) {
        const node& n = g.nodes[i];
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = m[static_cast<std::size_t>(g.child(i, k))];
        index& out = m[static_cast<std::size_t>(i)];
        out = n.count == 0 ? import_node(w, g, i, c) : rebuild(w, n, c);
        hook(w, i, out, m);
    }
    return compact(w, m[static_cast<std::size_t>(g.root())]);
}

//! g with every σ, tanh, erf, softplus whose argument tends to ±∞ on the tail written
//! through its small complement: σ(a) = 1 − σ(−a), tanh(a) = ±(1 − 2σ(∓2a)), erf(a) =
//! ±(1 − erfc(±a)), softplus(a) = a + softplus(−a) for a → +∞ — so that, expanded, the
//! cancellations near the limit happen symbolically (1 − 3σ + 2σ² near σ = 1).
inline expr complement_form(const expr& g, bool right) {
    return rewrite_nodes(g, [&](expr& w, int i, index& out, const std::vector<index>& m) {
        const auto sum2 = [&](index a, index b) {
            term_list t;
            t.push(a);
            t.push(b);
            return add(w, t);
        };
        const auto times = [&](long long k, index a) {
            term_list t;
            t.push(number(w, rational{k, 1}));
            t.push(a);
            return mul(w, t);
        };
        const node& n = g.nodes[i];
        if (n.kind == op::log && g.nodes[g.child(i, 0)].kind == op::sigmoid) {
            // log σ(a) = −softplus(−a): no cancellation against a for a → −∞
            const index a = m[static_cast<std::size_t>(g.child(g.child(i, 0), 0))];
            out = neg(w, function(w, op::softplus, neg(w, a)));
            return;
        }
        if (n.kind != op::sigmoid && n.kind != op::tanh && n.kind != op::erf &&
            n.kind != op::softplus)
            return;
        const asymptotic::tail_behaviour b =
            asymptotic::behaviour(compact(g, g.child(i, 0)), right);
        if (!b.known || b.limit_infinite == 0) return;
        const bool up = b.limit_infinite > 0;
        const index a = m[static_cast<std::size_t>(g.child(i, 0))];
        switch (n.kind) {
            case op::sigmoid:  // 1 − σ(−a)
                if (up)
                    out = sum2(number(w, rational{1, 1}),
                               neg(w, function(w, op::sigmoid, neg(w, a))));
                break;
            case op::tanh:  // ±(1 − 2σ(∓2a))
                out = up ? sum2(number(w, rational{1, 1}),
                                times(-2, function(w, op::sigmoid, times(-2, a))))
                         : sum2(number(w, rational{-1, 1}),
                                times(2, function(w, op::sigmoid, times(2, a))));
                break;
            case op::erf:  // ±(1 − erfc(±a))
                out = up ? sum2(number(w, rational{1, 1}), neg(w, function(w, op::erfc, a)))
                         : sum2(number(w, rational{-1, 1}), function(w, op::erfc, neg(w, a)));
                break;
            default:  // softplus(a) = a + softplus(−a)
                if (up) out = sum2(a, function(w, op::softplus, neg(w, a)));
                break;
        }
    });
}

//! g with the powers of x in every product merged (x·x⁻¹ = 1): valid for x > 0 only, which
//! the canonical form cannot assume (it keeps x·x⁻¹, undefined at 0).
inline expr positive_merge(const expr& g) {
    return rewrite_nodes(g, [](expr& w, int, index& out, const std::vector<index>&) {
        if (w.nodes[out].kind != op::mul) return;
        power_term fs[max_terms];
        const int nf = factors_of(w, out, fs);
        term_list rest;
        rational e{0, 1};
        index base = -1;
        int powers = 0;
        for (int k = 0; k < nf; ++k) {
            if (w.nodes[fs[k].base].kind != op::variable) {
                rest.push(arg(w, out, k));
                continue;
            }
            rational sum{};
            if (!detail::add(e, fs[k].exponent, sum)) return;  // overflow: left unmerged
            e = sum;
            base = fs[k].base;
            ++powers;
        }
        if (powers < 2) return;
        if (e.num != 0) rest.push(power(w, base, e));
        out = rest.n == 0 ? number(w, 1) : rest.n == 1 ? rest.v[0] : mul(w, rest);
    });
}

//! u^q for a non-integer q and a polynomial u of degree k ≥ 1 with u → +∞ as x → +∞,
//! written for x > 0 only as c^q·x^(kq)·(u/(c·x^k))^q, c the leading coefficient of u: the
//! last base expands to 1 + (terms in x⁻¹), whose enclosure on [64, ∞] is tight, and x^(kq)
//! merges with the other powers of x (positive_merge), where the enclosure of u^q itself is
//! [64^(kq), ∞] and ∞/∞ follows (x/√(x² + b) = (1 + b·x⁻²)^(−1/2)). Empty when u is no such
//! polynomial.
inline std::optional<expr> tail_power(const expr& u, const rational& q) {
    const auto k = structural_degree(u);
    if (!k || *k < 1 || *k > 12) return std::nullopt;
    // c = lim t^k·u(1/t) as t → 0: the constant term of that polynomial in t.
    const expr c =
        compose(positive_merge(expand(compose(u, pow(x, expr(-1))) * pow(x, expr(*k)))), expr(0));
    if (!is_number_expr(c) || c.constants[0].num <= 0) return std::nullopt;
    const expr rest = positive_merge(expand(u * pow(x, expr(-*k)) * pow(c, expr(-1))));
    return pow(c, expr(q)) * pow(x, expr(*k) * expr(q)) * pow(rest, expr(q));
}

//! g for x > 0 with every u^q rewritten by tail_power and the powers of x merged; g itself
//! when no power applies.
inline expr tail_form(const expr& g) {
    bool changed = false;
    const expr h = rewrite_nodes(g, [&](expr& w, int i, index& out, const std::vector<index>&) {
        if (g.nodes[i].kind != op::pow || g.nodes[g.child(i, 1)].kind != op::number) return;
        const rational q = g.constants[g.nodes[g.child(i, 1)].aux];
        if (q.den == 1) return;
        if (const auto r = tail_power(compact(g, g.child(i, 0)), q)) {
            out = import(w, *r);
            changed = true;
        }
    });
    return changed ? positive_merge(h) : g;
}

//! A + t, t a term of g's root sum with a factor B^(1/2) (B depending on x), as
//! (A² − t²)/(A − t) when A² − t² expands to a nonzero number N: then A − t ≠ 0 wherever g
//! is defined (A = t would give N = 0), so the two agree on all of ℝ — and the cancellation
//! in x + √(x² + b) as x → −∞ is gone: it is −b/(x − √(x² + b)). Empty when none applies.
inline std::optional<expr> conjugate_form(const expr& g) {
    const int root = g.root();
    if (g.nodes[root].kind != op::add) return std::nullopt;
    for (int k = 0; k < g.nodes[root].count; ++k) {
        const index t = g.child(root, k);
        power_term fs[max_terms];
        const int m = factors_of(g, t, fs);
        bool has_root = false;
        expr square{1};  // t², factor by factor: the canonical form keeps (√B)² (B ≥ 0 only)
        for (int j = 0; j < m; ++j) {
            const expr base = compact(g, fs[j].base);
            has_root = has_root ||
                       (fs[j].exponent == rational{1, 2} && find_leaf(base, op::variable) >= 0);
            square = square * pow(base, expr(2) * expr(fs[j].exponent));
        }
        if (!has_root) continue;
        const expr tk = compact(g, t), a = g - tk;
        const expr N = expand(a * a - square);
        if (!is_number_expr(N) || N.constants[0].num == 0) continue;
        return N * pow(a - tk, expr(-1));
    }
    return std::nullopt;
}

}  // namespace detail

//! Several spellings of one function — as built, expanded, factored, Horner in x, and with
//! σ/tanh/erf/softplus written through their small complements for large |x| — whose
//! enclosures are intersected: each is sound, and each fails on different dependencies.
class enclosure_forms {
public:
    explicit enclosure_forms(const expr& g) {
        forms_.push_back(g);
        for (int side = -1; side <= 1; ++side) {
            try {
                // Twice: a rewrite can expose a new candidate (log σ(x) → −softplus(−x)).
                const expr h = side == 0 ? g
                                         : detail::complement_form(
                                               detail::complement_form(g, side > 0), side > 0);
                if (side != 0 && h == g) continue;
                const expr ex = detail::expand(h);
                const expr fa = detail::factor(ex);
                for (const expr& form : {h, ex, fa, detail::horner(fa)}) add(form);
                const expr tg = detail::together(ex);
                if (!(tg == ex)) add(detail::factor(tg));
            } catch (const error&) {
            }
        }
        try {
            if (const auto c = detail::conjugate_form(g)) add(*c);
        } catch (const error&) {
        }
        // For x > 0: g; for x < 0: g(−x), enclosed over the mirrored box.
        for (const bool right : {false, true}) {
            try {
                const expr g_side = right ? g : compose(g, -x);
                const expr h = detail::tail_form(g_side);
                if (h == g_side) continue;
                const expr ex = detail::positive_merge(detail::expand(h));
                for (const expr& form : {h, ex, detail::positive_merge(detail::factor(ex))})
                    add_to(tail_forms_[right ? 1 : 0], form);
            } catch (const error&) {
            }
        }
    }
    //! The first spelling's enclosure, refined by the others while it contains 0.
    interval operator()(const interval& box) const {
        interval v = enclose(forms_.front(), box);
        const auto decided = [&] {
            return v.valid() && (v.positive() || v.negative() || v.is_point());
        };
        for (std::size_t k = 1; k < forms_.size() && !decided(); ++k)
            v = detail::intersect(v, enclose(forms_[k], box));
        const interval side = side_box(box);
        for (const expr& f : tail_forms(box)) {
            if (decided()) break;
            v = detail::intersect(v, enclose(f, side));
        }
        return v;
    }
    //! The nodes of every spelling: what one undecided evaluation walks (a work measure).
    long nodes() const {
        long n = 0;
        for (const expr& f : forms_) n += f.size();
        for (const auto& side : tail_forms_)
            for (const expr& f : side) n += f.size();
        return n;
    }
    //! Every spelling's enclosure intersected.
    interval all(const interval& box) const {
        interval v = enclose(forms_.front(), box);
        for (std::size_t k = 1; k < forms_.size(); ++k)
            v = detail::intersect(v, enclose(forms_[k], box));
        const interval side = side_box(box);
        for (const expr& f : tail_forms(box)) v = detail::intersect(v, enclose(f, side));
        return v;
    }

private:
    static void add_to(std::vector<expr>& forms, const expr& f) {
        for (const expr& known : forms)
            if (known == f) return;
        forms.push_back(f);
    }
    void add(const expr& f) { add_to(forms_, f); }
    //! The spellings valid only for x > 0, of g (box ≥ 1) or of g(−x) (box ≤ −1, mirrored).
    const std::vector<expr>& tail_forms(const interval& box) const {
        static const std::vector<expr> none;
        if (!box.valid()) return none;
        if (mpfr_cmp_si(box.lower(), 1) >= 0) return tail_forms_[1];
        if (mpfr_cmp_si(box.upper(), -1) <= 0) return tail_forms_[0];
        return none;
    }
    //! The box for tail_forms: itself on the right, −box on the left (negation is exact).
    static interval side_box(const interval& box) {
        if (!box.valid() || mpfr_sgn(box.upper()) > 0) return box;
        interval m(box.precision());
        mpfr_neg(m.lower(), box.upper(), MPFR_RNDD);
        mpfr_neg(m.upper(), box.lower(), MPFR_RNDU);
        return m;
    }
    std::vector<expr> forms_;
    std::vector<expr> tail_forms_[2];  //!< of g(−x) for x < 0, of g for x > 0
};

//! What is proved about g on a tail.
struct tail_facts {
    interval hull{128};  //!< g over the tail
    int monotone = 0;    //!< +1: g′ ≥ 0 on the tail, −1: g′ ≤ 0, 0: undecided
    asymptotic::tail_behaviour limit;
};

//! g over [X, ∞) (right) or (−∞, −X]: the direct enclosure of g in its built, expanded and
//! factored spellings, intersected with [g(±X), lim g] when g is monotone there.
inline tail_facts tail(const expr& g, bool right, double X = 64, int depth = 3,
                       mpfr_prec_t bits = 128) {
    const double inf = std::numeric_limits<double>::infinity();
    const interval box =
        right ? detail::box_interval(X, inf, bits) : detail::box_interval(-inf, -X, bits);
    tail_facts t;
    t.hull = enclosure_forms(g).all(box);
    t.limit = asymptotic::behaviour(g, right);
    if (depth == 0) return t;
    expr dg;
    try {
        dg = d(g);
    } catch (const error&) {
        return t;  // g′ exceeds the expression capacity: no monotonicity argument
    }
    if (dg == expr(0)) {
        t.monotone = 1;
        return t;
    }
    const tail_facts slope = tail(dg, right, X, depth - 1, bits);
    if (slope.hull.valid() && mpfr_sgn(slope.hull.lower()) >= 0) t.monotone = 1;
    if (slope.hull.valid() && mpfr_sgn(slope.hull.upper()) <= 0) t.monotone = t.monotone ? 0 : -1;
    if (t.monotone == 0 || !t.limit.known) return t;
    // Between g at the finite end and the limit: going outwards g rises when (right and
    // g′ ≥ 0) or (left and g′ ≤ 0).
    const interval end = enclose(g, detail::box_interval(right ? X : -X, right ? X : -X, bits));
    if (!end.valid()) return t;
    const bool outward_up = (t.monotone > 0) == right;
    interval lim(bits);
    if (t.limit.limit_infinite != 0) {
        mpfr_set_inf(lim.lower(), t.limit.limit_infinite);
        mpfr_set_inf(lim.upper(), t.limit.limit_infinite);
    } else {
        lim = enclose(t.limit.limit, detail::box_interval(0, 0, bits));
        if (!lim.valid()) return t;
    }
    interval m(bits);
    if (outward_up) {
        mpfr_set(m.lower(), end.lower(), MPFR_RNDD);
        mpfr_set(m.upper(), lim.upper(), MPFR_RNDU);
    } else {
        mpfr_set(m.lower(), lim.lower(), MPFR_RNDD);
        mpfr_set(m.upper(), end.upper(), MPFR_RNDU);
    }
    t.hull = detail::intersect(t.hull, m);
    return t;
}

//! g has no root on the tail: its enclosure excludes 0, or g is monotone there, nonzero at
//! the finite end and tends to 0 from that side (an analytic g that reached its monotone
//! limit at a finite point would be constant).
inline bool tail_root_free(const expr& g, bool right, double X = 64) {
    const tail_facts t = tail(g, right, X);
    if (t.hull.valid() && (t.hull.positive() || t.hull.negative())) return true;
    if (t.monotone == 0 || !t.limit.known || t.limit.limit_infinite != 0) return false;
    const interval lim = enclose(t.limit.limit, detail::box_interval(0, 0, 256));
    if (!lim.is_zero()) return false;
    const interval end =
        enclosure_forms(g)(detail::box_interval(right ? X : -X, right ? X : -X, 256));
    const bool outward_up = (t.monotone > 0) == right;
    // Tending to 0 going outwards: from below when rising, from above when falling.
    return outward_up ? end.negative() : end.positive();
}

}  // namespace actlab
