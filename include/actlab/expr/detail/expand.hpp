// actlab: expansion and factoring passes over canonical expressions (internal).
//
// The derivative of a product is a sum of products; written out naively its size grows
// fast with the order. `d` therefore offers three spellings of each result — as built,
// expanded (products of sums multiplied out, functions kept as atoms) and factored (common
// factors of the expanded sums pulled out) — and keeps the smallest tree.
#pragma once

#include <actlab/expr/detail/transform.hpp>
#include <actlab/expr/size.hpp>

namespace actlab::detail {

constexpr int factors_of(const expr& w, index t, power_term* out) {
    if (w.nodes[t].kind != op::mul) {
        split_power(w, t, out[0]);
        return 1;
    }
    for (int k = 0; k < w.nodes[t].count; ++k) split_power(w, arg(w, t, k), out[k]);
    return w.nodes[t].count;
}

constexpr bool positive_integer(const rational& r) { return r.den == 1 && r.num >= 1; }

//! Σ cₖ·tₖ with a factor common to every tₖ (with positive integer exponents) is stored as
//! that factor times the remaining sum: σ + x·σ·(1 − σ) is σ·(1 + x·(1 − σ)). Returns -1
//! when the terms share no factor.
constexpr index factor_common(expr& w, const term_list& rest, const rational* coeffs) {
    power_term first[max_terms];
    const int nf = factors_of(w, rest.v[0], first);
    power_term common[max_terms];
    int nc = 0;
    for (int a = 0; a < nf; ++a) {
        // A base the first term holds twice (σ·σ⁻¹, √x·√x: not merged) is left in the terms.
        bool repeated = false;
        for (int b = 0; b < nf; ++b)
            repeated = repeated || (b != a && first[b].base == first[a].base);
        if (repeated) continue;
        // A base is common with its lowest exponent when every exponent is a positive
        // integer, or with its exponent when that is the same in every term (√2, 1/√π).
        const bool integral = positive_integer(first[a].exponent);
        rational lowest = first[a].exponent;
        bool everywhere = true;
        for (int k = 1; k < rest.n && everywhere; ++k) {
            power_term fk[max_terms];
            const int n = factors_of(w, rest.v[k], fk);
            bool found = false;
            for (int j = 0; j < n && !found; ++j) {
                if (fk[j].base != first[a].base) continue;
                if (integral ? !positive_integer(fk[j].exponent) : !(fk[j].exponent == lowest))
                    continue;
                found = true;
                if (detail::compare(fk[j].exponent, lowest) < 0) lowest = fk[j].exponent;
            }
            everywhere = found;
        }
        if (everywhere) common[nc++] = {first[a].base, lowest};
    }
    if (nc == 0) return -1;
    // The numeric content (gcd of the coefficients) goes out too: 2t³ − 2t is 2t(t² − 1).
    rational content{coeffs[0].num < 0 ? -coeffs[0].num : coeffs[0].num, coeffs[0].den};
    for (int k = 1; k < rest.n; ++k) {
        const int128 g = gcd128(content.num, coeffs[k].num);
        const int128 l = content.den / gcd128(content.den, coeffs[k].den);
        int128 den = 0;
        if (!mul_checked(l, coeffs[k].den, den)) {
            content = rational{1, 1};
            break;
        }
        content = rational{g, den};
    }
    term_list reduced;
    for (int k = 0; k < rest.n; ++k) {
        power_term fk[max_terms];
        const int n = factors_of(w, rest.v[k], fk);
        term_list t;
        rational ck{};
        if (!detail::div(coeffs[k], content, ck)) return -1;
        t.push(number(w, ck));
        // A common factor comes out of the one factor it was matched with above, even when
        // the term holds its base twice (σ²·σ⁻¹): taking it out of both would change the value.
        bool taken[max_terms] = {};
        for (int j = 0; j < n; ++j) {
            rational e = fk[j].exponent;
            for (int c = 0; c < nc; ++c) {
                if (taken[c] || common[c].base != fk[j].base) continue;
                if (positive_integer(common[c].exponent) ? !positive_integer(e)
                                                         : !(e == common[c].exponent))
                    continue;
                rational minus{};
                negate(common[c].exponent, minus);
                detail::add(e, minus, e);
                taken[c] = true;
                break;
            }
            if (e.num != 0) t.push(power(w, fk[j].base, e));
        }
        reduced.push(mul(w, t));
    }
    term_list product;
    product.push(number(w, content));
    for (int c = 0; c < nc; ++c) product.push(power(w, common[c].base, common[c].exponent));
    product.push(add(w, reduced));
    return mul(w, product);
}

//! Multiplies out products of sums and small integer powers of sums. Gives up (returns -1)
//! when a product would exceed 255 terms.
constexpr index distribute(expr& w, const index* factors, int n) {
    term_list acc;
    acc.push(number(w, 1));
    for (int k = 0; k < n; ++k) {
        const index f = factors[k];
        const bool sum = w.nodes[f].kind == op::add;
        const int nt = sum ? w.nodes[f].count : 1;
        if (acc.n * nt > max_terms) return -1;
        term_list next;
        for (int a = 0; a < acc.n; ++a)
            for (int t = 0; t < nt; ++t) next.push(mul(w, acc.v[a], sum ? arg(w, f, t) : f));
        acc = next;
    }
    return add(w, acc);
}

constexpr index expand_node(expr& w, const expr& e, int i, const index* m) {
    const node& n = e.nodes[i];
    index c[max_terms] = {};
    for (int k = 0; k < n.count; ++k) c[k] = m[arg(e, i, k)];
    if (n.kind == op::mul) {
        const index r = distribute(w, c, n.count);
        return r >= 0 ? r : rebuild(w, n, c);
    }
    if (n.kind == op::pow && is_number(w, c[1]) && w.nodes[c[0]].kind == op::add) {
        const rational r = value(w, c[1]);
        if (r.den == 1 && r.num >= 2 && r.num <= 12) {
            index f[12] = {};
            for (int k = 0; k < static_cast<int>(r.num); ++k) f[k] = c[0];
            const index d = distribute(w, f, static_cast<int>(r.num));
            if (d >= 0) return d;
        }
    }
    if (n.kind == op::add || n.kind == op::pow) return rebuild(w, n, c);
    return import_node(w, e, i, c);
}

//! The terms of a canonical sum with a common factor pulled out, recursively.
constexpr index factor_sum(expr& w, index s) {
    if (w.nodes[s].kind != op::add || is_number(w, arg(w, s, 0))) return s;
    term_list rest;
    rational coeffs[max_terms];
    for (int k = 0; k < w.nodes[s].count; ++k) {
        rational c{};
        const index r = split_coefficient(w, arg(w, s, k), c);
        coeffs[rest.n] = c;
        rest.push(r);
    }
    const index f = factor_common(w, rest, coeffs);
    if (f < 0) return s;
    // Factor the remaining sum as well: t(2 + 2t²) has no further factor, but σ²(σ − σ²) does.
    if (w.nodes[f].kind != op::mul) return f;
    term_list parts;
    for (int k = 0; k < w.nodes[f].count; ++k) parts.push(factor_sum(w, arg(w, f, k)));
    return mul(w, parts);
}

constexpr index factor_node(expr& w, const expr& e, int i, const index* m) {
    const node& n = e.nodes[i];
    index c[max_terms] = {};
    for (int k = 0; k < n.count; ++k) c[k] = m[arg(e, i, k)];
    if (n.kind == op::add) return factor_sum(w, rebuild(w, n, c));
    if (n.kind == op::mul || n.kind == op::pow) return rebuild(w, n, c);
    return import_node(w, e, i, c);
}

//! Applies a bottom-up pass to the polynomial structure of e (sums, products, powers);
//! function arguments are kept as they are.
template <class Pass>
constexpr expr apply_pass(const expr& e, Pass pass) {
    expr w{raw_tag{}};
    index m[expr::max_nodes] = {};
    for (int i = 0; i < e.n_nodes; ++i) m[i] = pass(w, e, i, m);
    return compact(w, m[e.root()]);
}

constexpr expr expand(const expr& e) { return apply_pass(e, expand_node); }

constexpr expr factor(const expr& e) { return apply_pass(e, factor_node); }

//! The smallest of f, expand(f) and factor(expand(f)) by tree size (ties: factored first).
constexpr expr tidy(const expr& f) {
    const expr ex = expand(f);
    const expr fa = factor(ex);
    const auto sf = tree_size(f), se = tree_size(ex), sa = tree_size(fa);
    if (sa <= sf && sa <= se) return fa;
    return sf <= se ? f : ex;
}

}  // namespace actlab::detail
