// actlab: the evaluation form of an expression — an equivalent expression that evaluates
// stably in floating point.
//
// An expression has two forms. The printed form (`to_text(f)`) is the textbook formula, the
// one `d` produces and a reader expects. The evaluation form (`evaluation_form(f)`) is the
// same function on all of ℝ, rewritten where the textbook formula cancels or where an
// intermediate overflows or underflows while the result does not. `eval`, `compiled<f>` and
// `eval_certified` evaluate the evaluation form.
//
// The pass rebuilds the DAG bottom-up through the canonical constructors and applies rules
// that hold on all of ℝ (no truncated series, no case split):
//
// - A sum that, read as a polynomial P(g) in a saturating function g = σ(u), tanh(u), erf(u),
//   eᵘ or cos(u), vanishes at a value r that g approaches (σ → 1, σ = ½ at 0, tanh → ±1,
//   erf → ±1, eᵘ = 1 at 0, cos u = 1 at 0) — over all of its terms or over the terms that
//   hold g plus the constants they cancel against — is divided by (g − r) (synthetic
//   division with expression coefficients, the remainder checked to be exactly 0), and g − r
//   is replaced by a form without cancellation: σ(u) − 1 = −σ(−u), σ(u) − ½ = ½·tanh(u/2),
//   tanh(u) ∓ 1 = ∓2σ(∓2u), erf(u) ∓ 1 = ∓erfc(±u), eᵘ − 1 = expm1(u),
//   cos(u) − 1 = −2·sin²(u/2). So σ(1 − σ) is σ(u)σ(−u), 1 − tanh² is 4σ(2u)σ(−2u),
//   σ(1 − 3σ + 2σ²) is σ(u)σ(−u)·(−tanh(u/2)), and ½ + erf(u)/2 + T is ½·erfc(−u) + T.
// - Where no division applies to the whole sum, term by term (complement_groups): σ(−u) as
//   1 − σ(u), products multiplied out, the monomials grouped by their factor free of σ(u), and
//   each group that takes monomials from two or more terms divided as above.
// - c ± max(a, b) = max/min(c ± a, c ± b) (and min) for a number c: the difference is taken
//   before the comparison, where it is often exact (distribute_extremum).
// - log(σ(u)) = −softplus(−u), log(1 + v) = log1p(v), log(eᵘ) = u.
// - In a product, powers of the same everywhere-positive function (σ, exp, erfc, softplus)
//   are merged (σ·σ⁻¹ = 1: no 0/0 where σ underflows), and u·sign(u) = |u|. Exponentials of
//   different arguments are not merged: e^a·e^b = e^(a+b) avoids an overflowing factor but
//   rounds a + b, whose absolute error becomes a relative error of the result (60 ulp for
//   e^x·e^(e^x) at x = −29); which of the two matters depends on the point.
// - Terms of a sum over powers of a common sum B are brought over B^K when the numerator
//   then cancels to a single term: −|x|/(1 + |x|)² + 1/(1 + |x|) = 1/(1 + |x|)².
//
// Three patterns are left to the evaluators, which compute them with a kernel (scalar.hpp):
// u − tanh(u) (tanh_shrink_of: Lambert's continued fraction near 0, where the sum cancels to
// u³/3), e^(c·r²) for c = ±2^k (exp_scaled_square: r² split exactly into two doubles), and
// e^u, σ(u), erfc(u) of a rounded arithmetic argument u (argument_correction: u recomputed in
// double-double, the value corrected to first order).
//
// What it does not remove — a cancellation between terms of different shapes, like
// ½·erfc(−u) + u·e^(−u²)/√π as u → −∞ — is reported by `unstabilised`.
#pragma once

#include <actlab/expr/detail/expand.hpp>
#include <actlab/expr/expression.hpp>

#include <vector>

namespace actlab {

namespace detail {

inline constexpr int max_stable_degree = 12;

//! The factor of kind g (with positive integer exponent) in term t: t = rest·g^degree.
constexpr int degree_in(expr& w, index t, index g, index& rest) {
    power_term f[max_terms];
    const int n = factors_of(w, t, f);
    int degree = 0;
    term_list others;
    for (int k = 0; k < n; ++k) {
        const bool integral = f[k].exponent.den == 1 && f[k].exponent.num >= 1 &&
                              f[k].exponent.num <= max_stable_degree;
        if (degree == 0 && f[k].base == g && integral) {
            degree = static_cast<int>(f[k].exponent.num);
            continue;
        }
        others.push(power(w, f[k].base, f[k].exponent));
    }
    rest = degree == 0 ? t : (others.n == 0 ? number(w, 1) : mul(w, others));
    return degree;
}

//! g − r without cancellation, for the saturation values r of g; -1 if there is no such form.
constexpr index saturation_difference(expr& w, index g, const rational& r) {
    const op k = w.nodes[g].kind;
    const index u = arg(w, g, 0);
    const auto is = [&](long long num, long long den) { return r == rational{num, den}; };
    if (k == op::sigmoid && is(1, 1)) return neg(w, function(w, op::sigmoid, neg(w, u)));
    if (k == op::sigmoid && is(1, 2))
        return mul_number(w, rational{1, 2},
                          function(w, op::tanh, mul_number(w, rational{1, 2}, u)));
    if (k == op::tanh && (is(1, 1) || is(-1, 1))) {
        const long long s = is(1, 1) ? -1 : 1;
        return mul_number(w, rational{2 * s, 1},
                          function(w, op::sigmoid, mul_number(w, rational{2 * s, 1}, u)));
    }
    if (k == op::erf && (is(1, 1) || is(-1, 1))) {
        const long long s = is(1, 1) ? 1 : -1;
        return mul_number(w, rational{-s, 1},
                          function(w, op::erfc, mul_number(w, rational{s, 1}, u)));
    }
    if (k == op::exp && is(1, 1)) return function(w, op::expm1, u);
    if (k == op::cos && is(1, 1)) {
        const index half = function(w, op::sin, mul_number(w, rational{1, 2}, u));
        return mul_number(w, rational{-2, 1}, power(w, half, rational{2, 1}));
    }
    return -1;
}

//! The values a saturating function g approaches or takes at 0, where g − r cancels.
constexpr int saturation_values(op k, rational* out) {
    switch (k) {
        case op::sigmoid: out[0] = {1, 1}, out[1] = {1, 2}; return 2;
        case op::tanh:
        case op::erf: out[0] = {1, 1}, out[1] = {-1, 1}; return 2;
        case op::exp:
        case op::cos: out[0] = {1, 1}; return 1;
        default: return 0;
    }
}

constexpr void push_terms(const expr& w, index s, term_list& out) {
    if (w.nodes[s].kind == op::add) {
        for (int k = 0; k < w.nodes[s].count; ++k) out.push(arg(w, s, k));
    } else if (!is_number(w, s, 0)) {
        out.push(s);
    }
}

//! A depth of this or more marks a pass without the term-by-term rule (complement_groups):
//! the form the compile-time proofs enclose, which must stay within the compilers' default
//! constant-evaluation budgets in a user's build (docs/examples/static_checks.cpp).
inline constexpr int without_term_by_term = 1000;

constexpr index stabilise_sum(expr& w, index s, int depth);

//! Sum s = P(g) + rest with P(r) = 0: returns (g − r)·Q(g) + rest, or -1.
constexpr index divide_at(expr& w, index s, index g, const rational& r, int depth) {
    const index diff = saturation_difference(w, g, r);
    if (diff < 0) return -1;
    term_list coeff[max_stable_degree + 1];
    term_list constants;
    int top = 0;
    for (int k = 0; k < w.nodes[s].count; ++k) {
        index rest = 0;
        const int deg = degree_in(w, arg(w, s, k), g, rest);
        if (deg == 0) {
            constants.push(rest);
            continue;
        }
        coeff[deg].push(rest);
        if (deg > top) top = deg;
    }
    if (top == 0) return -1;
    index a[max_stable_degree + 1] = {};
    for (int k = 1; k <= top; ++k) a[k] = add(w, coeff[k]);
    // a₀: the constants that cancel P(r), −Σ aₖ rᵏ; each of its terms must be a term of s.
    term_list minus_value;
    for (int k = 1; k <= top; ++k) {
        rational rk{};
        if (!pow_int(r, k, rk) || !negate(rk, rk)) return -1;
        minus_value.push(mul_number(w, rk, a[k]));
    }
    a[0] = add(w, minus_value);
    term_list needed, rest;
    push_terms(w, a[0], needed);
    bool used[max_terms] = {};
    for (int j = 0; j < needed.n; ++j) {
        bool found = false;
        for (int k = 0; k < constants.n && !found; ++k) {
            if (used[k] || constants.v[k] != needed.v[j]) continue;
            used[k] = found = true;
        }
        if (!found) return -1;
    }
    for (int k = 0; k < constants.n; ++k)
        if (!used[k]) rest.push(constants.v[k]);
    // Synthetic division: q_{k-1} = a_k + r·q_k, remainder a_0 + r·q_0 = 0.
    index q[max_stable_degree + 1] = {};
    q[top - 1] = a[top];
    for (int k = top - 1; k >= 1; --k) q[k - 1] = add(w, a[k], mul_number(w, r, q[k]));
    if (!is_number(w, add(w, a[0], mul_number(w, r, q[0])), 0)) return -1;
    term_list qt;
    for (int k = 0; k < top; ++k) qt.push(mul(w, q[k], power(w, g, rational{k, 1})));
    index quotient = add(w, qt);
    if (w.nodes[quotient].kind == op::add) quotient = stabilise_sum(w, quotient, depth + 1);
    rest.push(mul(w, diff, quotient));
    return add(w, rest);
}

//! The saturating functions that are factors (positive integer powers) of terms of s.
constexpr int saturating_atoms(const expr& w, index s, index* out) {
    int n = 0;
    for (int k = 0; k < w.nodes[s].count; ++k) {
        power_term f[max_terms];
        const int nf = factors_of(w, arg(w, s, k), f);
        for (int j = 0; j < nf; ++j) {
            rational roots[2];
            if (saturation_values(w.nodes[f[j].base].kind, roots) == 0) continue;
            bool seen = false;
            for (int m = 0; m < n; ++m) seen = seen || out[m] == f[j].base;
            if (!seen && n < max_terms) out[n++] = f[j].base;
        }
    }
    return n;
}

//! Brings terms with negative integer powers of a common sum B over B^K, when the expanded
//! numerator is a single term; returns -1 otherwise.
constexpr index together(expr& w, index s) {
    const int n = w.nodes[s].count;
    for (int k = 0; k < n; ++k) {
        power_term f[max_terms];
        const int nf = factors_of(w, arg(w, s, k), f);
        for (int j = 0; j < nf; ++j) {
            const index b = f[j].base;
            const rational e = f[j].exponent;
            if (w.nodes[b].kind != op::add || e.den != 1 || e.num >= 0 || e.num < -12) continue;
            long long big = 0;
            for (int t = 0; t < n; ++t) {
                power_term g[max_terms];
                const int ng = factors_of(w, arg(w, s, t), g);
                for (int i = 0; i < ng; ++i)
                    if (g[i].base == b && g[i].exponent.den == 1 && -g[i].exponent.num > big)
                        big = static_cast<long long>(-g[i].exponent.num);
            }
            term_list numerator;
            bool ok = true;
            for (int t = 0; t < n && ok; ++t) {
                power_term g[max_terms];
                const int ng = factors_of(w, arg(w, s, t), g);
                index parts[max_terms + 1] = {};
                int np = 0;
                long long have = 0;
                for (int i = 0; i < ng; ++i) {
                    if (g[i].base == b && g[i].exponent.den == 1) {
                        have = static_cast<long long>(-g[i].exponent.num);
                        continue;
                    }
                    parts[np++] = power(w, g[i].base, g[i].exponent);
                }
                for (long long m = 0; m < big - have; ++m) parts[np++] = b;
                const index d = distribute(w, parts, np);
                ok = d >= 0;
                if (ok) push_terms(w, d, numerator);
            }
            if (!ok) continue;
            // Only a numerator that cancels to a single term: a longer expanded numerator may
            // cancel more than the sum did.
            const index num = add(w, numerator);
            if (w.nodes[num].kind == op::add) continue;
            return mul(w, num, power(w, b, rational{-big, 1}));
        }
    }
    return -1;
}

//! t without its numeric coefficient (1 for a number).
constexpr index cofactor(expr& w, index t) {
    if (w.nodes[t].kind == op::number) return number(w, 1);
    if (w.nodes[t].kind != op::mul || !is_number(w, arg(w, t, 0))) return t;
    term_list rest;
    for (int k = 1; k < w.nodes[t].count; ++k) rest.push(arg(w, t, k));
    return mul(w, rest);
}

//! Term t as a sum of monomials in g = σ(u): every σ(−u)^k written (1 − σ(u))^k and every
//! product with a sum multiplied out; -1 when a product would exceed max_terms.
constexpr index complement_monomials(expr& w, index t, index g, index h) {
    const index one_minus_g = add(w, number(w, 1), neg(w, g));
    power_term f[max_terms];
    const int nf = factors_of(w, t, f);
    index parts[max_terms] = {};
    int np = 0;
    for (int j = 0; j < nf; ++j) {
        const rational e = f[j].exponent;
        const bool small = e.den == 1 && e.num >= 1 && e.num <= 4;
        const bool expand = small && (f[j].base == h || w.nodes[f[j].base].kind == op::add);
        const long long copies = expand ? static_cast<long long>(e.num) : 1;
        for (long long m = 0; m < copies; ++m) {
            if (np >= max_terms) return -1;
            parts[np++] =
                !expand ? power(w, f[j].base, e) : (f[j].base == h ? one_minus_g : f[j].base);
        }
    }
    return distribute(w, parts, np);
}

//! A sum in g = σ(u) (and σ(−u)) whose cancellation shows only between the monomials of
//! different terms: with σ(−u) written 1 − σ(u) and products multiplied out, the monomials
//! are grouped by their factor m free of g, Σ_m m·P_m(g). Where a P_m takes monomials from
//! two or more terms, the terms that contribute to it are replaced by their monomials and each
//! of their groups P_m is divided by stabilise_sum (so 3 + x + 6x·σ² − (6 + 6x)·σ is
//! −3·tanh(x/2) + x − 6x·σ(x)·σ(−x), and −σ(x)·σ(−x)² + σ(x)²·σ(−x) is
//! σ(x)·σ(−x)·tanh(x/2)). -1 unless every such group was rewritten (a group left alone could
//! hold a 1 − σ(u) that cancels where σ(−u) did not) and the result has fewer terms than s.
//! The number of monomials of e multiplied out (sums add, products and integer powers
//! multiply), capped at 2^20: a measure of how much a rewritten sum can still cancel.
constexpr long long monomial_count(const expr& w, index e) {
    constexpr long long cap = 1LL << 20;
    const node& n = w.nodes[e];
    if (n.kind == op::add || n.kind == op::mul) {
        long long r = n.kind == op::add ? 0 : 1;
        for (int k = 0; k < n.count; ++k) {
            const long long c = monomial_count(w, arg(w, e, k));
            r = n.kind == op::add ? r + c : r * c;
            if (r > cap) return cap;
        }
        return r;
    }
    if (n.kind == op::pow && is_number(w, arg(w, e, 1))) {
        const rational p = value(w, arg(w, e, 1));
        const long long b = monomial_count(w, arg(w, e, 0));
        if (p.den != 1 || p.num < 1 || p.num > 12 || b == 1) return b;
        long long r = 1;
        for (int k = 0; k < static_cast<int>(p.num) && r <= cap; ++k) r *= b;
        return r > cap ? cap : r;
    }
    return 1;
}

//! The largest degree in σ(u) that complement_groups multiplies out: the polynomials of
//! silu‴ and logsigmoid‴ have degree 2 and 3; one of degree 9 with coefficients like −608
//! rounds more than the cancellation it removes (found by the property test).
inline constexpr int max_complement_degree = 4;

constexpr index complement_groups(expr& w, index s, int depth) {
    index atoms[max_terms] = {};
    const int na = saturating_atoms(w, s, atoms);
    const int nt = w.nodes[s].count;
    for (int a = 0; a < na; ++a) {
        const index g = atoms[a];
        if (w.nodes[g].kind != op::sigmoid) continue;
        const index h = function(w, op::sigmoid, neg(w, arg(w, g, 0)));
        index keys[max_terms] = {};
        term_list groups[max_terms];
        int first_origin[max_terms] = {}, group_of[max_terms] = {}, origin_of[max_terms] = {};
        bool multi[max_terms] = {}, holds_g[max_terms] = {};
        index monomial[max_terms] = {};
        int ng = 0, nm = 0;
        bool ok = true;
        for (int k = 0; k < nt && ok; ++k) {
            const index e = complement_monomials(w, arg(w, s, k), g, h);
            term_list m;
            ok = e >= 0;
            if (ok) push_terms(w, e, m);
            for (int i = 0; i < m.n && ok; ++i) {
                index rest = 0;
                const int deg = degree_in(w, m.v[i], g, rest);
                ok = deg <= max_complement_degree;
                const index key = cofactor(w, rest);
                int j = 0;
                while (j < ng && keys[j] != key) ++j;
                if (j == ng) {
                    keys[ng++] = key;
                    first_origin[j] = k;
                }
                multi[j] = multi[j] || first_origin[j] != k;
                holds_g[j] = holds_g[j] || deg > 0;
                ok = ok && nm < max_terms;
                if (ok) {
                    monomial[nm] = m.v[i];
                    group_of[nm] = j;
                    origin_of[nm++] = k;
                }
            }
        }
        bool any_multi = false;
        for (int j = 0; j < ng; ++j) any_multi = any_multi || (multi[j] && holds_g[j]);
        if (!ok || !any_multi) continue;
        // The terms that contribute to a group of two or more terms are multiplied out.
        bool needed[max_terms] = {};
        for (int i = 0; i < nm; ++i)
            needed[origin_of[i]] = needed[origin_of[i]] || multi[group_of[i]];
        term_list out;
        for (int k = 0; k < nt; ++k)
            if (!needed[k]) out.push(arg(w, s, k));
        for (int i = 0; i < nm; ++i)
            if (needed[origin_of[i]]) groups[group_of[i]].push(monomial[i]);
        for (int j = 0; j < ng && ok; ++j) {
            if (groups[j].n == 0) continue;
            const index part = add(w, groups[j]);
            if (!holds_g[j] || w.nodes[part].kind != op::add) {
                out.push(part);
                continue;
            }
            // Each group divided, into fewer monomials than it had and at most two: a
            // quotient that is itself a polynomial in σ(−u), like σ(−u)/88 − 3σ(−u)²/11 +
            // σ(−u)³/4, cancels as σ(−u) → 1 where the terms of s did not (found by the
            // property test).
            const index r = stabilise_sum(w, part, depth + 1);
            const long long count = monomial_count(w, r);
            ok = r != part && count < monomial_count(w, part) && count <= 2;
            out.push(r);
        }
        if (!ok) continue;
        // Kept only if it has fewer terms than s: a longer multiplied-out polynomial (σ⁷ with a
        // coefficient of −608) rounds more than the cancellation it removes.
        const index r = add(w, out);
        const int terms = w.nodes[r].kind == op::add ? w.nodes[r].count : 1;
        if (r != s && terms < nt) return r;
    }
    return -1;
}

constexpr index stabilise_sum(expr& w, index s, int depth) {
    for (int round = 0; round < 6 && depth % without_term_by_term < 8 && w.nodes[s].kind == op::add;
         ++round) {
        index atoms[max_terms] = {};
        const int na = saturating_atoms(w, s, atoms);
        index next = -1;
        for (int k = 0; k < na && next < 0; ++k) {
            rational roots[2];
            const int nr = saturation_values(w.nodes[atoms[k]].kind, roots);
            for (int j = 0; j < nr && next < 0; ++j)
                next = divide_at(w, s, atoms[k], roots[j], depth);
        }
        if (next < 0) next = together(w, s);
        if (next < 0 && depth < without_term_by_term) next = complement_groups(w, s, depth);
        if (next < 0) break;
        s = next;
    }
    return s;
}

//! Everywhere-positive functions: their powers may be merged (σ·σ⁻¹ = 1) on all of ℝ.
constexpr bool positive_function(op k) {
    return k == op::sigmoid || k == op::exp || k == op::erfc || k == op::softplus;
}

constexpr index stable_product(expr& w, const index* c, int count, int base) {
    power_term f[max_terms];
    int n = 0;
    for (int k = 0; k < count; ++k) {
        power_term g[max_terms];
        const int ng = factors_of(w, c[k], g);
        for (int j = 0; j < ng && n < max_terms; ++j) f[n++] = g[j];
    }
    // u·sign(u) = |u| (also at 0).
    for (int a = 0; a < n; ++a) {
        if (w.nodes[f[a].base].kind != op::sign || !(f[a].exponent == rational{1, 1})) continue;
        for (int b = 0; b < n; ++b) {
            if (f[b].base != arg(w, f[a].base, 0) || !(f[b].exponent == rational{1, 1})) continue;
            f[a].base = function(w, op::abs, f[b].base);
            f[b].exponent = rational{0, 1};
            break;
        }
    }
    // Merge powers of the same positive function.
    term_list out;
    for (int a = 0; a < n; ++a) {
        if (f[a].exponent.num == 0) continue;
        if (positive_function(w.nodes[f[a].base].kind)) {
            for (int b = a + 1; b < n; ++b) {
                rational sum{};
                if (f[b].base == f[a].base && detail::add(f[a].exponent, f[b].exponent, sum)) {
                    f[a].exponent = sum;
                    f[b].exponent = rational{0, 1};
                }
            }
            if (f[a].exponent.num == 0) continue;
        }
        out.push(power(w, f[a].base, f[a].exponent));
    }
    if (out.n == 0) return number(w, 1);
    const index r = mul(w, out);
    return w.nodes[r].kind == op::add ? stabilise_sum(w, r, base) : r;
}

constexpr index stable_log(expr& w, index u) {
    const node& n = w.nodes[u];
    if (n.kind == op::sigmoid) return neg(w, function(w, op::softplus, neg(w, arg(w, u, 0))));
    if (n.kind == op::exp) return arg(w, u, 0);
    if (n.kind == op::add && is_number(w, arg(w, u, 0), 1)) {
        term_list rest;
        for (int k = 1; k < n.count; ++k) rest.push(arg(w, u, k));
        return function(w, op::log1p, add(w, rest));
    }
    return function(w, op::log, u);
}

//! c ± max(a, b) = max/min(c ± a, c ± b), c ± min(a, b) likewise, for a number c: the
//! difference is then taken before the comparison, where it is often exact (6 − max(0, 3 + x)
//! is min(6, 3 − x): 3 − x is exact near the kink x = 3, where 6 − (3 + x) rounds 3 + x to
//! 6 for x just below 3 and the step of hardsigmoid′ takes its value at the kink). s itself
//! when s has another shape.
constexpr index distribute_extremum(expr& w, index s) {
    if (w.nodes[s].kind != op::add || w.nodes[s].count != 2) return s;
    const index c = arg(w, s, 0), t = arg(w, s, 1);
    if (!is_number(w, c)) return s;
    index mm = t;
    long long sign = 1;
    if (w.nodes[t].kind == op::mul && w.nodes[t].count == 2 && is_number(w, arg(w, t, 0), -1)) {
        mm = arg(w, t, 1);
        sign = -1;
    }
    const op k = w.nodes[mm].kind;
    if (k != op::min && k != op::max) return s;
    const auto side = [&](int j) {
        return add(w, c, mul_number(w, rational{sign, 1}, arg(w, mm, j)));
    };
    const op kind = sign > 0 ? k : (k == op::min ? op::max : op::min);
    return min_max(w, kind, side(0), side(1));
}

//! One node of the pass; Base is 0, or without_term_by_term for the proofs' form.
template <int Base>
constexpr index stable_node_at(expr& w, const expr& e, int i, const index* m) {
    const node& n = e.nodes[i];
    index c[max_terms] = {};
    for (int k = 0; k < n.count; ++k) c[k] = m[arg(e, i, k)];
    switch (n.kind) {
        case op::add: {
            const index s = distribute_extremum(w, rebuild(w, n, c));
            return w.nodes[s].kind == op::add ? stabilise_sum(w, s, Base) : s;
        }
        case op::mul: return stable_product(w, c, n.count, Base);
        case op::log: return stable_log(w, c[0]);
        case op::number:
        case op::named:
        case op::parameter:
        case op::variable: return import_node(w, e, i, c);
        default: {
            const index r = rebuild(w, n, c);
            return w.nodes[r].kind == op::add ? stabilise_sum(w, r, Base) : r;
        }
    }
}

constexpr index stable_node(expr& w, const expr& e, int i, const index* m) {
    return stable_node_at<0>(w, e, i, m);
}

//! The evaluation form without the term-by-term rule: what include/actlab/proofs encloses (the
//! rule's polynomial expansions cost more constant-evaluation steps than a user's build allows).
constexpr expr proof_evaluation_form(const expr& f) {
    try {
        return apply_pass(f, stable_node_at<without_term_by_term>);
    } catch (const error&) {
        return f;
    }
}

}  // namespace detail

//! The evaluation form of f: the same function on all of ℝ, rewritten so that it evaluates
//! without cancellation and without overflowing or underflowing intermediates where the
//! rules of the pass apply (see the top of this header). Printable like any expression;
//! a constant expression. When the rewritten expression would exceed the capacity of an
//! expression (ACTLAB_MAX_NODES, counting the intermediate nodes of the pass), f itself is
//! returned at run time (in constant evaluation, the capacity error stops compilation).
//!
//! **Example**: `to_text(evaluation_form(d(sigmoid(x))))` is `σ(x)·σ(−x)`.
constexpr expr evaluation_form(const expr& f) {
    try {
        return detail::apply_pass(f, detail::stable_node);
    } catch (const error&) {
        return f;
    }
}

namespace detail {

//! Equal expressions (compared over their used storage only: faster than operator==).
inline bool same_storage(const expr& a, const expr& b) {
    // Bytewise over the used prefix of each array: the element types have no padding
    // (checked), so equal bytes is member-wise equality, and memcmp is faster per call than
    // the element loops (eval_certified compares its argument here on every call).
    static_assert(std::has_unique_object_representations_v<node> &&
                  std::has_unique_object_representations_v<std::uint16_t> &&
                  std::has_unique_object_representations_v<rational> &&
                  std::has_unique_object_representations_v<parameter_info>);
    if (a.n_nodes != b.n_nodes || a.n_args != b.n_args || a.n_constants != b.n_constants ||
        a.n_parameters != b.n_parameters)
        return false;
    const auto same = [](const auto* x, const auto* y, int n) {
        return __builtin_memcmp(x, y, sizeof(*x) * static_cast<std::size_t>(n)) == 0;
    };
    return same(a.nodes, b.nodes, a.n_nodes) && same(a.args, b.args, a.n_args) &&
           same(a.constants, b.constants, a.n_constants) &&
           same(a.parameters, b.parameters, a.n_parameters);
}

//! evaluation_form(f) at run time, remembered for the last few expressions of this thread
//! (eval and eval_certified in a loop over points would otherwise run the pass per call).
//! The reference stays valid until the next call on this thread.
inline const expr& cached_evaluation_form(const expr& f) {
    struct entry {
        expr key{raw_tag{}};
        expr form{raw_tag{}};
    };
    constexpr std::size_t slots = 4;
    thread_local std::vector<entry> cache;
    thread_local std::size_t next = 0;
    for (const entry& e : cache)
        if (same_storage(e.key, f)) return e.form;
    if (cache.size() < slots) {
        cache.push_back({f, evaluation_form(f)});
        return cache.back().form;
    }
    entry& e = cache[next];
    next = (next + 1) % slots;
    e.key = f;
    e.form = evaluation_form(f);
    return e.form;
}

//! u when node i of f is the sum u − tanh(u) (two terms: u and (−1)·tanh(u)), which the
//! evaluators compute with the kernel tanh_shrink_of (no cancellation near 0); -1 otherwise.
constexpr int tanh_shrink_argument(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (n.kind != op::add || n.count != 2) return -1;
    for (int k = 0; k < 2; ++k) {
        const int u = f.child(i, k), t = f.child(i, 1 - k);
        const node& m = f.nodes[t];
        if (m.kind != op::mul || m.count != 2) continue;
        const node& c = f.nodes[f.child(t, 0)];
        const int th = f.child(t, 1);
        if (c.kind == op::number && f.constants[c.aux] == rational{-1, 1} &&
            f.nodes[th].kind == op::tanh && f.child(th, 0) == u)
            return u;
    }
    return -1;
}

//! r when node i of f is e^(c·r²) with c = ±2^k (c·r² exact given r²), which the evaluators
//! compute with exp_scaled_square (r² rounded would cost |c·r²|/2 ulp); -1 otherwise.
constexpr int square_exponent(const expr& f, int i, rational& c) {
    if (f.nodes[i].kind != op::exp) return -1;
    int a = f.child(i, 0);
    c = rational{1, 1};
    if (f.nodes[a].kind == op::mul && f.nodes[a].count == 2 &&
        f.nodes[f.child(a, 0)].kind == op::number) {
        c = f.constants[f.nodes[f.child(a, 0)].aux];
        a = f.child(a, 1);
    }
    const auto power_of_two = [](int128 v) { return v > 0 && (v & (v - 1)) == 0; };
    const int128 num = c.num < 0 ? -c.num : c.num;
    if (!((num == 1 && power_of_two(c.den)) || (c.den == 1 && power_of_two(num)))) return -1;
    if (f.nodes[a].kind != op::pow) return -1;
    const node& e = f.nodes[f.child(a, 1)];
    if (e.kind != op::number || !(f.constants[e.aux] == rational{2, 1})) return -1;
    return f.child(a, 0);
}

//! +1 or −1 when node i is positive (or ≥ 0) or negative (≤ 0) for every x, 0 if unknown.
constexpr int known_sign(const expr& f, int i) {
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::number: return f.constants[n.aux].num < 0 ? -1 : 1;
        case op::named:
        case op::exp:
        case op::sigmoid:
        case op::softplus:
        case op::erfc:
        case op::abs:
        case op::step: return 1;
        case op::pow: {
            const node& e = f.nodes[f.child(i, 1)];
            if (e.kind != op::number) return 0;
            const rational r = f.constants[e.aux];
            if (r.num % 2 == 0 || r.den % 2 == 0) return 1;
            return known_sign(f, f.child(i, 0));
        }
        case op::mul: {
            int s = 1;
            for (int k = 0; k < n.count && s != 0; ++k) s *= known_sign(f, f.child(i, k));
            return s;
        }
        default: return 0;
    }
}

constexpr bool is_transcendental(op k) {
    return is_unary_function(k) && k != op::abs && k != op::sign && k != op::step;
}

}  // namespace detail

//! The sub-expressions of `evaluation_form(f)` that may still cancel: sums holding a
//! transcendental function whose terms are not all of one sign for every x (like
//! ½·erfc(−u) + u·e^(−u²)/√π as u → −∞), except u − tanh(u), which the evaluators compute
//! without cancellation. Conservative: a listed sum may be harmless (its
//! terms may differ in sign only where neither dominates), but a sum that is not listed has
//! terms of one sign, or is a polynomial or rational expression (which cancels only at its
//! roots).
inline std::vector<expr> unstabilised(const expr& f) {
    const expr g = evaluation_form(f);
    std::vector<expr> out;
    std::vector<char> transcendental(static_cast<std::size_t>(g.n_nodes), 0);
    for (int i = 0; i < g.n_nodes; ++i) {
        char t = detail::is_transcendental(g.nodes[i].kind) ? 1 : 0;
        for (int k = 0; k < g.nodes[i].count; ++k)
            t = static_cast<char>(t | transcendental[static_cast<std::size_t>(g.child(i, k))]);
        transcendental[static_cast<std::size_t>(i)] = t;
        if (g.nodes[i].kind != op::add || !t || detail::tanh_shrink_argument(g, i) >= 0) continue;
        int first = 0;
        bool mixed = false;
        for (int k = 0; k < g.nodes[i].count && !mixed; ++k) {
            const int s = detail::known_sign(g, g.child(i, k));
            if (k == 0) first = s;
            mixed = s == 0 || s != first;
        }
        if (mixed) out.push_back(detail::compact(g, i));
    }
    return out;
}

}  // namespace actlab
