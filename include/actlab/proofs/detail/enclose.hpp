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
            ival r = ratio ? c(1) : c(0);
            for (int k = ratio ? 2 : 1; k < n.count; ++k) r = mul(r, c(k));
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

constexpr ival decay_bound(const expr& f, int i, const ival& at, const ival& r,
                           const struct node_enclosures& e);

//! Enclosures of all nodes of f over X (a point when X.lo == X.hi). On a tail [L, ∞] or
//! [−∞, L], a product that interval arithmetic leaves unbounded (∞·0: x·σ(−x)) is bounded
//! by `decay_bound`, unless `plain`.
constexpr node_enclosures enclose_nodes(const expr& f, const ival& at, bool plain = false) {
    node_enclosures e;
    e.v.resize(static_cast<std::size_t>(f.n_nodes));
    const bool tail = !plain && (is_finite(at.lo) != is_finite(at.hi));
    for (int i = 0; i < f.n_nodes; ++i) {
        ival r = node_ival(f, i, at, e);
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
