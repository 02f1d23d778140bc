// actlab: the interval extension of an expression — an enclosure of f over a box X of the
// extended reals, node by node (children are stored before parents), parameters at their
// defaults. Also says whether a switch that can jump (step, sign, where) is undecided on X:
// there f may be discontinuous and its derivative says nothing about its values.
#pragma once

#include <actlab/eval/scalar.hpp>
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
            r = mul(r, rational_ival({q.num, 1}));
            const ival den = rational_ival({q.den, 1});
            if (den.lo != den.hi) return mul(r, rational_ival(q));
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

//! Enclosures of all nodes of f over X (a point when X.lo == X.hi).
constexpr node_enclosures enclose_nodes(const expr& f, const ival& at) {
    node_enclosures e;
    e.v.resize(static_cast<std::size_t>(f.n_nodes));
    for (int i = 0; i < f.n_nodes; ++i) e.v[static_cast<std::size_t>(i)] = node_ival(f, i, at, e);
    return e;
}

//! An enclosure of f over X.
constexpr ival enclose(const expr& f, const ival& at) { return enclose_nodes(f, at).root(); }

}  // namespace actlab::detail::proof
