// actlab: the interval extension of an expression — an enclosure of f over a box X of the
// extended reals, node by node (children are stored before parents), parameters at their
// defaults. Also says whether a switch that can jump (step, sign, where) is undecided on X:
// there f may be discontinuous and its derivative says nothing about its values.
#pragma once

#include <actlab/analysis/structure.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/scalar.hpp>
#include <actlab/expr/detail/expand.hpp>
#include <actlab/expr/detail/transform.hpp>
#include <actlab/expr/expression.hpp>
#include <actlab/proofs/detail/interval.hpp>

#include <vector>

namespace actlab::detail::proof {

//! The exact rational q as an interval of doubles (a point when q is a double).
constexpr ival rational_ival(const rational& q) {
    const double v = to_double(q);
    const int128 den = q.den;
    const bool pow2_den = den > 0 && (den & (den - 1)) == 0;
    const int128 mag = q.num < 0 ? -q.num : q.num;
    if (pow2_den && mag <= (int128(1) << 53)) return point(v);
    return {next_down(v), next_up(v), true};
}

constexpr ival named_ival(named_constant c) {
    if (c == named_constant::pi) return {0x1.921fb54442d18p+1, 0x1.921fb54442d19p+1, true};
    return {0x1.5bf0a8b145769p+1, 0x1.5bf0a8b14576ap+1, true};  // e
}

//! Whether a `pow` exponent is the number at node e, as (integer?, value).
constexpr ival power(const expr& f, int i, const ival& base, const ival& ex) {
    const int e = f.child(i, 1);
    if (f.nodes[e].kind == op::number) {
        const rational& q = f.constants[f.nodes[e].aux];
        if (q.den == 1 && q.num <= 1024 && q.num >= -1024)
            return int_power(base, static_cast<long long>(q.num));
        const bool half = q.num == 1 && q.den == 2;
        if (is_finite(ex.lo) && ex.lo == ex.hi) return real_power(base, ex.lo, half);
    }
    // a^b = exp(b·log a) for a > 0
    if (base.lo <= 0) return invalid();
    const ival l = monotone(base, [](double v) { return math::log(v); }, true, 1, -inf, inf, false);
    return monotone(mul(ex, l), [](double v) { return math::exp(v); }, true, 1, 0, inf, true);
}

constexpr ival unary(op kind, const ival& a) {
    switch (kind) {
        case op::exp:
            return monotone(a, [](double v) { return math::exp(v); }, true, 1, 0, inf, true);
        case op::expm1:
            return monotone(a, [](double v) { return math::expm1(v); }, true, 1, -1, inf, true);
        case op::log:
            if (a.hi < 0) return invalid();
            return monotone(
                {a.lo < 0 ? 0 : a.lo, a.hi, a.lo >= 0 && a.ok},
                [](double v) { return math::log(v); }, true, 1, -inf, inf, false);
        case op::log1p:
            if (a.hi < -1) return invalid();
            return monotone(
                {a.lo < -1 ? -1 : a.lo, a.hi, a.lo >= -1 && a.ok},
                [](double v) { return math::log1p(v); }, true, 1, -inf, inf, true);
        case op::tanh:
            return monotone(a, [](double v) { return math::tanh(v); }, true, 1, -1, 1, true);
        case op::sigmoid:
            return monotone(a, [](double v) { return math::sigmoid(v); }, true, 1, 0, 1, true);
        case op::softplus:
            return monotone(a, [](double v) { return math::softplus(v); }, true, 1, 0, inf, false);
        case op::erf:
            return monotone(a, [](double v) { return math::erf(v); }, true, 2, -1, 1, true);
        case op::erfc:
            return monotone(a, [](double v) { return math::erfc(v); }, false, 2, 0, 2, false);
        case op::sin: return trig(a, false);
        case op::cos: return trig(a, true);
        case op::abs: return abs(a);
        case op::sign:
            return {a.lo > 0   ? 1.0
                    : a.lo < 0 ? -1.0
                               : 0.0,
                    a.hi > 0   ? 1.0
                    : a.hi < 0 ? -1.0
                               : 0.0,
                    a.ok};
        case op::step:
            return {a.lo > 0   ? 1.0
                    : a.lo < 0 ? 0.0
                               : 0.5,
                    a.hi > 0   ? 1.0
                    : a.hi < 0 ? 0.0
                               : 0.5,
                    a.ok};
        default: return invalid();
    }
}

//! Enclosures of every node of f over X, and whether a jump may sit inside X.
struct node_enclosures {
    std::vector<ival> v;
    bool may_jump = false;

    constexpr const ival& root() const { return v.back(); }
};

//! The factor before k of product node i that pairs with factor k as sin(u) with cos(u) (or
//! cos(u) with sin(u), the same u), not yet paired; −1 when there is none.
constexpr int sin_cos_partner(const expr& f, int i, int k, int first, const int* partner) {
    const int ck = f.child(i, k);
    const op kk = f.nodes[ck].kind;
    if (kk != op::sin && kk != op::cos) return -1;
    for (int j = first; j < k; ++j) {
        const int cj = f.child(i, j);
        const op kj = f.nodes[cj].kind;
        if (partner[j] < 0 && (kj == op::sin || kj == op::cos) && kj != kk &&
            f.child(cj, 0) == f.child(ck, 0))
            return j;
    }
    return -1;
}

//! The product node i (factors from `first`) with each pair sin(u)·cos(u) enclosed as
//! sin(2u)/2: no dependency (snake′ = 1 + 2·sin(αx)·cos(αx) ≥ 0).
constexpr ival trig_product(const expr& f, int i, int first, const node_enclosures& e);

constexpr ival node_ival(const expr& f, int i, const ival& at, node_enclosures& e) {
    const node& n = f.nodes[i];
    const auto c = [&](int k) -> const ival& { return e.v[f.child(i, k)]; };
    switch (n.kind) {
        case op::number: return rational_ival(f.constants[n.aux]);
        case op::named: return named_ival(static_cast<named_constant>(n.aux));
        case op::parameter: return rational_ival(f.parameters[n.aux].default_value);
        case op::variable: return at;
        case op::min: return {min2(c(0).lo, c(1).lo), min2(c(0).hi, c(1).hi), c(0).ok && c(1).ok};
        case op::max: return {max2(c(0).lo, c(1).lo), max2(c(0).hi, c(1).hi), c(0).ok && c(1).ok};
        case op::lt:
        case op::le: {
            const bool strict = n.kind == op::lt;
            const bool yes = strict ? c(0).hi < c(1).lo : c(0).hi <= c(1).lo;
            const bool no = strict ? c(0).lo >= c(1).hi : c(0).lo > c(1).hi;
            return {yes ? 1.0 : 0.0, no ? 0.0 : 1.0, c(0).ok && c(1).ok};
        }
        case op::where: {
            const ival& cond = c(0);
            if (cond.lo == 1) return c(1);
            if (cond.hi == 0) return c(2);
            e.may_jump = true;
            return hull(c(1), c(2));
        }
        case op::pow: return power(f, i, c(0), c(1));
        case op::mul: {
            // A rational coefficient p/q multiplies by p and divides by q, each rounded
            // outward, so (3 + 3)·(1/6) stays exactly 1.
            const node& c0 = f.nodes[f.child(i, 0)];
            const bool ratio = c0.kind == op::number && f.constants[c0.aux].den != 1;
            const int first = ratio ? 1 : 0;
            ival r = c(first);
            bool trig_factor = false;
            for (int k = first; k < n.count; ++k) {
                const op kind = f.nodes[f.child(i, k)].kind;
                trig_factor = trig_factor || kind == op::sin || kind == op::cos;
            }
            for (int k = first + 1; !trig_factor && k < n.count; ++k) r = mul(r, c(k));
            if (trig_factor) r = trig_product(f, i, first, e);
            if (!ratio) return r;
            const rational& q = f.constants[c0.aux];
            const ival num = rational_ival({q.num, 1}), den = rational_ival({q.den, 1});
            // Not both doubles (the 31-digit SELU scale): one rounded factor q.
            if (num.lo != num.hi || den.lo != den.hi) return mul(r, rational_ival(q));
            r = mul(r, num);
            return {div_dir(r.lo, den.lo, -1), div_dir(r.hi, den.lo, +1), r.ok};
        }
        case op::add: {
            ival r = c(0);
            for (int k = 1; k < n.count; ++k) r = add(r, c(k));
            return r;
        }
        default: {
            const ival r = unary(n.kind, c(0));
            if ((n.kind == op::sign || n.kind == op::step) && r.lo != r.hi) e.may_jump = true;
            return r;
        }
    }
}

constexpr ival trig_product(const expr& f, int i, int first, const node_enclosures& e) {
    const node& n = f.nodes[i];
    const auto c = [&](int k) -> const ival& {
        return e.v[static_cast<std::size_t>(f.child(i, k))];
    };
    int partner[max_terms] = {};
    for (int k = first; k < n.count; ++k) partner[k] = -1;
    for (int k = first + 1; k < n.count; ++k) {
        const int j = sin_cos_partner(f, i, k, first, partner);
        if (j >= 0) partner[j] = k, partner[k] = j;
    }
    ival r = point(1);
    for (int k = first; k < n.count; ++k) {
        if (partner[k] < 0) {
            r = mul(r, c(k));
        } else if (partner[k] < k) {
            const ival both = mul(c(partner[k]), c(k));
            const ival u = e.v[static_cast<std::size_t>(f.child(f.child(i, k), 0))];
            const ival half = mul(trig(mul(point(2), u), false), point(0.5));
            r = mul(r, {max2(both.lo, half.lo), min2(both.hi, half.hi), both.ok});
        }
    }
    return r;
}

constexpr ival decay_bound(const expr& f, int i, const ival& at, const ival& r,
                           const struct node_enclosures& e);

//! A value on a tail |x| = t ≥ T ≥ 1 as t^k·I (k = `none`: not of that form). Rational
//! functions of x and |x| get finite enclosures there where interval arithmetic has ∞/∞:
//! softsign x/(1 + |x|) is t·[1, 1]·(t·[1, 1 + 1/T])^−1 = t^0·[T/(T + 1), 1].
struct scaled {
    static constexpr int none = 1 << 20;
    int k = none;
    ival v{};
};

//! Node i of f on the tail (t ≥ T, x = sign·t), from its children's scaled values and its
//! plain enclosure r (a finite r is t^0·r).
constexpr scaled scaled_node(const expr& f, int i, const ival& r, double T, double sign,
                             const std::vector<scaled>& sc) {
    const node& n = f.nodes[i];
    const auto c = [&](int k) -> const scaled& {
        return sc[static_cast<std::size_t>(f.child(i, k))];
    };
    if (n.kind == op::variable) return {1, point(sign)};
    if (n.kind == op::add || n.kind == op::mul) {
        int top = n.kind == op::mul ? 0 : -scaled::none;
        for (int k = 0; k < n.count; ++k) {
            if (c(k).k == scaled::none)
                return is_finite(r.lo) && is_finite(r.hi) ? scaled{0, r} : scaled{};
            top = n.kind == op::mul ? top + c(k).k : (c(k).k > top ? c(k).k : top);
        }
        if (top < -64 || top > 64) return {};
        ival v = point(n.kind == op::mul ? 1 : 0);
        for (int k = 0; k < n.count; ++k) {
            if (n.kind == op::mul) {
                v = mul(v, c(k).v);
                continue;
            }
            // t^(k_j − top) ∈ (0, T^(k_j − top)] for k_j < top
            const ival shrink =
                c(k).k == top ? point(1)
                              : ival{0, int_power(reciprocal(point(T)), top - c(k).k).hi, true};
            v = add(v, mul(c(k).v, shrink));
        }
        return {top, v};
    }
    if (n.kind == op::abs && c(0).k != scaled::none) return {c(0).k, abs(c(0).v)};
    if (n.kind == op::pow && c(0).k != scaled::none && f.nodes[f.child(i, 1)].kind == op::number) {
        const rational& q = f.constants[f.nodes[f.child(i, 1)].aux];
        if (q.den == 1 && q.num >= -16 && q.num <= 16 && c(0).k * q.num >= -64 &&
            c(0).k * q.num <= 64)
            return {static_cast<int>(c(0).k * q.num),
                    int_power(c(0).v, static_cast<long long>(q.num))};
    }
    if (is_finite(r.lo) && is_finite(r.hi)) return {0, r};
    return {};
}

//! The enclosure t^k·I gives for t ≥ T, intersected with r.
constexpr ival unscaled(const scaled& s, double T, const ival& r) {
    if (s.k == scaled::none || s.k > 0 || !s.v.ok) return r;
    const ival v = s.k == 0 ? s.v : mul(s.v, {0, int_power(reciprocal(point(T)), -s.k).hi, true});
    return {max2(r.lo, v.lo), min2(r.hi, v.hi), r.ok};
}

//! Enclosures of all nodes of f over X (a point when X.lo == X.hi). On a tail [L, ∞] or
//! [−∞, L] (|L| ≥ 1), a node that interval arithmetic leaves unbounded is bounded by its
//! scaled value (`scaled`) and a product (∞·0: x·σ(−x)) by `decay_bound`, unless `plain`.
constexpr node_enclosures enclose_nodes(const expr& f, const ival& at, bool plain = false) {
    node_enclosures e;
    e.v.resize(static_cast<std::size_t>(f.n_nodes));
    const bool tail = !plain && (is_finite(at.lo) != is_finite(at.hi));
    const double L = is_finite(at.lo) ? at.lo : at.hi;
    const bool far = tail && (is_finite(at.lo) ? L >= 1 : L <= -1);
    std::vector<scaled> sc;
    if (far) sc.resize(static_cast<std::size_t>(f.n_nodes));
    for (int i = 0; i < f.n_nodes; ++i) {
        ival r = node_ival(f, i, at, e);
        const bool unbounded = r.ok && !(is_finite(r.lo) && is_finite(r.hi));
        if (far) {
            const double T = L < 0 ? -L : L;
            sc[static_cast<std::size_t>(i)] = scaled_node(f, i, r, T, L < 0 ? -1 : 1, sc);
            if (unbounded) r = unscaled(sc[static_cast<std::size_t>(i)], T, r);
        }
        if (tail && f.nodes[i].kind == op::mul && r.ok && !(is_finite(r.lo) && is_finite(r.hi)))
            r = decay_bound(f, i, at, r, e);
        e.v[static_cast<std::size_t>(i)] = r;
    }
    return e;
}

//! An enclosure of f over X.
constexpr ival enclose(const expr& f, const ival& at, bool plain = false) {
    return enclose_nodes(f, at, plain).root();
}

//! x^n at node t of a polynomial's expanded form (a number, x, x^n or c·x^n): n, with c;
//! −1 for another shape.
constexpr int monomial(const expr& p, int t, ival& c) {
    const node& n = p.nodes[t];
    if (n.kind == op::number) return c = rational_ival(p.constants[n.aux]), 0;
    if (n.kind == op::variable) return c = point(1), 1;
    if (n.kind == op::pow) {
        const node& b = p.nodes[p.child(t, 0)];
        const node& e = p.nodes[p.child(t, 1)];
        if (b.kind != op::variable || e.kind != op::number) return -1;
        const rational& q = p.constants[e.aux];
        if (q.den != 1 || q.num < 1 || q.num > 64) return -1;
        return c = point(1), static_cast<int>(q.num);
    }
    if (n.kind != op::mul || n.count != 2 || p.nodes[p.child(t, 0)].kind != op::number) return -1;
    ival unit{};
    const int j = monomial(p, p.child(t, 1), unit);
    c = rational_ival(p.constants[p.nodes[p.child(t, 0)].aux]);
    return j;
}

//! M with |p(x)| ≤ M·|x|^m for |x| ≥ |L| ≥ 1, p = Σ c_j x^j expanded, of degree m:
//! M = Σ |c_j|·|L|^(j − m). Not ok when p is not in that shape.
constexpr ival polynomial_majorant(const expr& p, int m, double L) {
    const int root = p.root();
    const bool sum = p.nodes[root].kind == op::add;
    const ival inv = reciprocal(point(L < 0 ? -L : L));
    ival M = point(0);
    for (int k = 0; k < (sum ? p.nodes[root].count : 1); ++k) {
        ival c{};
        const int j = monomial(p, sum ? p.child(root, k) : root, c);
        if (j < 0 || j > m) return invalid();
        M = add(M, mul(abs(c), int_power(inv, m - j)));
    }
    return M;
}

//! An exponent u with |node ci| ≤ e^u on the tail: σ(u), softplus(u) ≤ e^u, exp(u);
//! erfc(v) ≤ e^(−v²) where v ≥ 0; tanh(v) ≤ v where v ≥ 0, v itself of one of these forms.
constexpr bool decay_exponent(const expr& f, int ci, const ival& at, expr& u) {
    const op kind = f.nodes[ci].kind;
    if (kind != op::sigmoid && kind != op::exp && kind != op::softplus && kind != op::erfc &&
        kind != op::tanh)
        return false;
    const int vi = f.child(ci, 0);
    if (kind == op::sigmoid || kind == op::exp || kind == op::softplus) {
        u = compact(f, vi);
        return true;
    }
    if (!(enclose(compact(f, vi), at, true).lo >= 0)) return false;
    if (kind == op::tanh) return decay_exponent(f, vi, at, u);
    const expr v = compact(f, vi);
    u = -(v * v);
    return true;
}

//! A product P of node i over the tail `at` (|L| ≥ 1 its finite end) with factors bounded
//! by e^(u_j) (`decay_exponent`) that decay outward (u_j′ < 0 on [L, ∞], > 0 on [−∞, L]), bounded
//! factors (product of magnitudes ≤ C) and polynomials p of degree m (|p(x)| ≤ M·|x|^m,
//! `polynomial_majorant`): |P| ≤ C·|x|^k·e^{E(x)}, E = Σ u_j.
//! When k·log|x| + E(x) falls outward (its derivative k/x + Σ u_j′ has the outward sign),
//! the bound is its value at L. Returns r intersected with [−B, B].
constexpr ival decay_bound(const expr& f, int i, const ival& at, const ival& r,
                           const node_enclosures& e) {
    const bool right = is_finite(at.lo);
    const double L = right ? at.lo : at.hi;
    if (!(right ? L >= 1 : L <= -1)) return r;
    ival C = point(1), slope = point(0), expo = point(0);
    long long k = 0;
    bool decays = false;
    for (int c = 0; c < f.nodes[i].count; ++c) {
        const int ci = f.child(i, c);
        const ival& v = e.v[static_cast<std::size_t>(ci)];
        const op kind = f.nodes[ci].kind;
        expr u{};
        if (kind != op::number && decay_exponent(f, ci, at, u)) {
            const ival du = enclose(d(u), at, true);
            if (du.ok && (right ? du.hi < 0 : du.lo > 0)) {
                slope = add(slope, du);
                expo = add(expo, enclose(u, point(L), true));
                decays = true;
                continue;
            }
        }
        if (is_finite(v.lo) && is_finite(v.hi)) {
            C = mul(C, abs(v));
            continue;
        }
        const expr p = compact(f, ci);
        const auto m = structural_degree(p);
        if (!m || *m < 1) return r;
        const ival M = polynomial_majorant(detail::expand(p), *m, L);
        if (!M.ok) return r;
        C = mul(C, M);
        k += *m;
    }
    if (!decays || !C.ok || !expo.ok || !slope.ok) return r;
    const ival rate = add(mul(point(static_cast<double>(k)), reciprocal(at)), slope);
    if (right ? !(rate.hi <= 0) : !(rate.lo >= 0)) return r;
    const ival B = mul(mul(C, int_power(point(right ? L : -L), k)), unary(op::exp, expo));
    if (!is_finite(B.hi)) return r;
    return {max2(r.lo, -B.hi), min2(r.hi, B.hi), true};
}

}  // namespace actlab::detail::proof
