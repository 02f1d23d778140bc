// actlab: canonical constructors — every node is built through these (internal).
//
// The rules hold on all of R, including where a side is undefined: x^p * x^q is merged
// only when both sides have the same domain (so x * x^-1 stays, sqrt(x)^2 stays), integer
// powers are distributed over products, 0 * f = 0 and f^0 = 1 follow the usual conventions
// of computer algebra (documented in docs/design.md).
#pragma once

#include <actlab/expr/detail/workspace.hpp>

namespace actlab::detail {

inline constexpr int max_terms = 255;

struct term_list {
    index v[max_terms] = {};
    int n = 0;
    constexpr void push(index i) {
        if (n >= max_terms) {
            fail_capacity(
                "actlab: expression capacity exceeded (a sum or product of more than 255 terms)");
            return;
        }
        v[n++] = i;
    }
};

constexpr index add(expr& w, term_list terms);
constexpr index mul(expr& w, term_list factors);
constexpr index power(expr& w, index base, index exponent);
constexpr index function(expr& w, op kind, index a);
constexpr int leading_sign(const expr& w, index s);
constexpr index positive_number_power(expr& w, const rational& v, const rational& r);

constexpr index add(expr& w, index a, index b) {
    term_list t;
    t.push(a);
    t.push(b);
    return add(w, t);
}

constexpr index mul(expr& w, index a, index b) {
    term_list t;
    t.push(a);
    t.push(b);
    return mul(w, t);
}

constexpr index mul_number(expr& w, const rational& c, index a) { return mul(w, number(w, c), a); }

constexpr index neg(expr& w, index a) { return mul_number(w, rational{-1, 1}, a); }

constexpr index sub(expr& w, index a, index b) { return add(w, a, neg(w, b)); }

constexpr index power(expr& w, index base, const rational& r) {
    return power(w, base, number(w, r));
}

// --- domain bookkeeping for merging powers --------------------------------------------

//! Where x^r is defined: x >= 0 only (even denominator) and/or x != 0 (negative exponent).
struct power_domain {
    bool nonnegative_only = false;
    bool excludes_zero = false;
    friend constexpr bool operator==(const power_domain&, const power_domain&) = default;
};

constexpr power_domain domain_of(const rational& r) { return {r.den % 2 == 0, r.num < 0}; }

constexpr power_domain intersect(power_domain a, power_domain b) {
    return {a.nonnegative_only || b.nonnegative_only, a.excludes_zero || b.excludes_zero};
}

constexpr bool is_positive_number(const expr& w, index i) {
    return is_number(w, i) && value(w, i).num > 0;
}

// --- products -----------------------------------------------------------------------------

struct power_term {
    index base = 0;
    rational exponent{1, 1};
};

constexpr void split_power(const expr& w, index f, power_term& out) {
    if (w.nodes[f].kind == op::pow && is_number(w, arg(w, f, 1)))
        out = {arg(w, f, 0), value(w, arg(w, f, 1))};
    else
        out = {f, rational{1, 1}};
}

//! Merges x^p * x^q into x^(p+q) when that keeps the domain (always for a positive number x).
constexpr bool merge_exponents(const expr& w, index base, const rational& p, const rational& q,
                               rational& out) {
    if (!detail::add(p, q, out)) return false;
    if (is_positive_number(w, base)) return true;
    return intersect(domain_of(p), domain_of(q)) == domain_of(out);
}

//! f = kind(u)^k for a positive integer k (k = 1 for kind(u) itself): u and k.
constexpr bool trig_power(const expr& w, index f, op kind, index& u, rational& k) {
    index base = f;
    k = rational{1, 1};
    if (w.nodes[f].kind == op::pow && is_number(w, arg(w, f, 1))) {
        base = arg(w, f, 0);
        k = value(w, arg(w, f, 1));
    }
    if (w.nodes[base].kind != kind || k.den != 1 || k.num < 1 || k.num > 62) return false;
    u = arg(w, base, 0);
    return true;
}

constexpr index mul(expr& w, term_list in);

//! sin(u)^k·cos(u)^k = sin(2u)^k/2^k among the factors (on all of R): the product rebuilt, or
//! −1 when there is no such pair. Snake's derivative 1 + 2·sin(αx)·cos(αx) is so 1 + sin(2αx),
//! whose range [0, 2] an interval enclosure proves (the product's encloses as [−1, 3]).
constexpr index double_angle(expr& w, const term_list& factors, const rational& coeff,
                             const term_list& extra_numbers) {
    for (int a = 0; a < factors.n; ++a) {
        index u = 0;
        rational k{};
        if (!trig_power(w, factors.v[a], op::sin, u, k)) continue;
        for (int b = 0; b < factors.n; ++b) {
            index v = 0;
            rational j{};
            if (!trig_power(w, factors.v[b], op::cos, v, j) || v != u || !(j == k)) continue;
            rational c{};
            if (!detail::mul(coeff, rational{1, int128(1) << k.num}, c)) return -1;
            term_list rest;
            rest.push(number(w, c));
            for (int m = 0; m < extra_numbers.n; ++m) rest.push(extra_numbers.v[m]);
            for (int m = 0; m < factors.n; ++m)
                if (m != a && m != b) rest.push(factors.v[m]);
            const index twice = mul_number(w, rational{2, 1}, u);
            rest.push(power(w, function(w, op::sin, twice), number(w, k)));
            return mul(w, rest);
        }
    }
    return -1;
}

constexpr index mul(expr& w, term_list in) {
    rational coeff{1, 1};
    term_list extra_numbers;  // numbers whose product overflows 128 bits stay as factors
    power_term pw[max_terms];
    int np = 0;
    auto take = [&](index f) {
        if (is_number(w, f)) {
            rational c{};
            if (detail::mul(coeff, value(w, f), c))
                coeff = c;
            else
                extra_numbers.push(f);
            return;
        }
        if (np >= max_terms) {
            fail_capacity(
                "actlab: expression capacity exceeded (a product of more than 255 factors)");
            return;
        }
        split_power(w, f, pw[np++]);
    };
    for (int k = 0; k < in.n; ++k) {
        const index f = in.v[k];
        if (w.nodes[f].kind == op::mul) {
            for (int j = 0; j < w.nodes[f].count; ++j) take(arg(w, f, j));
        } else {
            take(f);
        }
    }
    if (coeff.num == 0) return number(w, 0);
    // Group equal bases (stable order by base), merging exponents where allowed.
    insertion_sort(pw, np, [&](const power_term& a, const power_term& b) {
        return compare_plain(w, a.base, b.base) > 0;
    });
    term_list factors;
    for (int a = 0; a < np;) {
        rational e = pw[a].exponent;
        int b = a + 1;
        rational merged{};
        while (b < np && pw[b].base == pw[a].base &&
               merge_exponents(w, pw[a].base, e, pw[b].exponent, merged)) {
            e = merged;
            ++b;
        }
        const index f = power(w, pw[a].base, e);
        auto keep = [&](index g) {
            rational c{};
            if (!is_number(w, g))
                factors.push(g);
            else if (detail::mul(coeff, value(w, g), c))
                coeff = c;
            else
                extra_numbers.push(g);
        };
        if (w.nodes[f].kind == op::mul) {
            for (int j = 0; j < w.nodes[f].count; ++j) keep(arg(w, f, j));
        } else {
            keep(f);
        }
        a = b;
    }
    if (coeff.num == 0) return number(w, 0);
    if (const index merged = double_angle(w, factors, coeff, extra_numbers); merged >= 0)
        return merged;
    // A number times a single sum is distributed: 2(1 + x) is 2 + 2x, -(1 - t) is t - 1.
    if (factors.n == 1 && extra_numbers.n == 0 && w.nodes[factors.v[0]].kind == op::add &&
        !(coeff == rational{1, 1})) {
        const index s = factors.v[0];
        term_list terms;
        for (int j = 0; j < w.nodes[s].count; ++j) terms.push(mul_number(w, coeff, arg(w, s, j)));
        return add(w, terms);
    }
    // A sum factor leads with a positive term: σ(1 − σ) is stored as −σ(σ − 1), which the
    // printers show as σ(x)·(1 − σ(x)); the stored form is the smaller one, as in SymPy.
    // A tie leaves the sum alone unless flipping it makes the coefficient positive.
    bool tie_used = false;
    for (int k = 0; k < factors.n && factors.n + extra_numbers.n >= 2; ++k) {
        const index f = factors.v[k];
        const int sign = leading_sign(w, f);
        const bool tie = sign == 0 && w.nodes[f].kind == op::add && coeff.num < 0 && !tie_used;
        rational c{};
        if ((sign < 0 || tie) && negate(coeff, c)) {
            factors.v[k] = neg(w, f);
            coeff = c;
            tie_used = tie_used || tie;
        }
    }
    sort_nodes(w, factors.v, factors.n);
    term_list all;
    if (!(coeff == rational{1, 1}) || (factors.n == 0 && extra_numbers.n == 0))
        all.push(number(w, coeff));
    sort_nodes(w, extra_numbers.v, extra_numbers.n);
    for (int k = 0; k < extra_numbers.n; ++k) all.push(extra_numbers.v[k]);
    for (int k = 0; k < factors.n; ++k) all.push(factors.v[k]);
    if (all.n == 1) return all.v[0];
    return intern(w, op::mul, 0, all.v, all.n);
}

// --- sums -----------------------------------------------------------------------------

//! Splits a term into numeric coefficient and the rest (a node, or -1 for a pure number).
constexpr index split_coefficient(expr& w, index t, rational& c) {
    const node n = w.nodes[t];
    if (n.kind == op::number) {
        c = value(w, t);
        return -1;
    }
    if (n.kind == op::mul && is_number(w, arg(w, t, 0))) {
        c = value(w, arg(w, t, 0));
        if (n.count == 2) return arg(w, t, 1);
        term_list rest;
        for (int k = 1; k < n.count; ++k) rest.push(arg(w, t, k));
        return intern(w, op::mul, 0, rest.v, rest.n);
    }
    c = rational{1, 1};
    return t;
}

constexpr index add(expr& w, term_list in) {
    rational constant{0, 1};
    term_list extra_numbers;
    struct item {
        index rest;
        rational c;
    };
    item items[max_terms];
    int ni = 0;
    auto take = [&](index t) {
        rational c{};
        const index rest = split_coefficient(w, t, c);
        if (rest < 0) {
            rational s{};
            if (detail::add(constant, c, s))
                constant = s;
            else
                extra_numbers.push(t);
            return;
        }
        for (int k = 0; k < ni; ++k) {
            rational s{};
            if (items[k].rest == rest && detail::add(items[k].c, c, s)) {
                items[k].c = s;
                return;
            }
        }
        if (ni >= max_terms) {
            fail_capacity("actlab: expression capacity exceeded (a sum of more than 255 terms)");
            return;
        }
        items[ni++] = {rest, c};
    };
    for (int k = 0; k < in.n; ++k) {
        const index t = in.v[k];
        if (w.nodes[t].kind == op::add) {
            for (int j = 0; j < w.nodes[t].count; ++j) take(arg(w, t, j));
        } else {
            take(t);
        }
    }
    // Sort by the non-numeric part, so the order does not depend on the coefficients.
    insertion_sort(items, ni,
                   [&](const item& a, const item& b) { return compare(w, a.rest, b.rest) > 0; });
    term_list terms;
    if (constant.num != 0 || (ni == 0 && extra_numbers.n == 0)) terms.push(number(w, constant));
    for (int k = 0; k < extra_numbers.n; ++k) terms.push(extra_numbers.v[k]);
    for (int k = 0; k < ni; ++k) {
        if (items[k].c.num == 0) continue;
        terms.push(items[k].c == rational{1, 1} ? items[k].rest
                                                : mul_number(w, items[k].c, items[k].rest));
    }
    if (terms.n == 0) return number(w, 0);
    if (terms.n == 1) return terms.v[0];
    return intern(w, op::add, 0, terms.v, terms.n);
}

// --- powers -------------------------------------------------------------------------------

//! (p/q)^r for a positive rational and a non-integer r, as c·p^f·q^g with exponents in (0, 1)
//! (so 1/√2 is ½·√2, as in SymPy): one spelling for every product of number powers.
constexpr index positive_number_power(expr& w, const rational& v, const rational& r) {
    term_list t;
    const auto integer_power = [&](int128 b, const rational& e) {
        if (b == 1) return;
        // floor(e) and the fractional part f = e - floor(e) in (0, 1)
        int128 fl = e.num / e.den;
        if (e.num < 0 && e.num % e.den != 0) --fl;
        const rational f{e.num - fl * e.den, e.den};
        rational c{};
        if (fl >= -1000 && fl <= 1000 && pow_int(rational{b, 1}, static_cast<long long>(fl), c)) {
            if (!(c == rational{1, 1})) t.push(number(w, c));
            const index ch[2] = {number(w, rational{b, 1}), number(w, f)};
            t.push(intern(w, op::pow, 0, ch, 2));
        } else {
            const index ch[2] = {number(w, rational{b, 1}), number(w, e)};
            t.push(intern(w, op::pow, 0, ch, 2));
        }
    };
    integer_power(v.num, r);
    integer_power(v.den, rational{-r.num, r.den});
    if (t.n == 0) return number(w, 1);
    if (t.n == 1) return t.v[0];
    return mul(w, t);
}

//! The sign of a sum: −1 when flipping every sign leaves fewer terms with coefficient −1
//! than with +1 (each −1 costs a node: −x is (−1)·x), +1 in the opposite case, 0 for a tie
//! or a non-sum. So 1 − σ is negative (stored as −(σ − 1)) and 18 − 11x² + x⁴ positive.
constexpr int leading_sign(const expr& w, index s) {
    if (w.nodes[s].kind != op::add) return 0;
    int minus_one = 0, plus_one = 0;
    for (int k = 0; k < w.nodes[s].count; ++k) {
        const index t = arg(w, s, k);
        if (is_number(w, t)) continue;
        const bool scaled = w.nodes[t].kind == op::mul && is_number(w, arg(w, t, 0));
        if (!scaled)
            ++plus_one;
        else if (value(w, arg(w, t, 0)) == rational{-1, 1})
            ++minus_one;
    }
    return minus_one > plus_one ? -1 : (minus_one < plus_one ? 1 : 0);
}

constexpr index power(expr& w, index base, index exponent) {
    if (!is_number(w, exponent)) {
        if (w.nodes[base].kind == op::named &&
            w.nodes[base].aux == static_cast<int>(named_constant::e)) {
            const index c[1] = {exponent};
            return intern(w, op::exp, 0, c, 1);
        }
        const index c[2] = {base, exponent};
        return intern(w, op::pow, 0, c, 2);
    }
    const rational r = value(w, exponent);
    if (r.num == 0) return number(w, 1);
    if (r == rational{1, 1}) return base;
    const node b = w.nodes[base];
    if (b.kind == op::number) {
        const rational v = value(w, base);
        if (v.num == 0 && r.num < 0) {
            fail("actlab: division by zero");
            return base;
        }
        if (v.num < 0 && r.den % 2 == 0) {
            fail(
                "actlab: a negative number raised to a power with an even denominator is not real");
            return base;
        }
        rational out{};
        if (r.den == 1 && r.num <= 1000 && r.num >= -1000 &&
            pow_int(v, static_cast<long long>(r.num), out))
            return number(w, out);
        if (r.den != 1 && v.num > 0) return positive_number_power(w, v, r);
    }
    if (b.kind == op::pow && is_number(w, arg(w, base, 1)) && r.den == 1) {
        // (x^p)^q = x^(pq) for integer q when both sides have the same domain.
        const rational p = value(w, arg(w, base, 1));
        rational pq{};
        if (detail::mul(p, r, pq)) {
            const power_domain lhs{p.den % 2 == 0, p.num < 0 || r.num < 0};
            if (lhs == domain_of(pq) || is_positive_number(w, arg(w, base, 0)))
                return power(w, arg(w, base, 0), number(w, pq));
        }
    }
    if (b.kind == op::pow && is_number(w, arg(w, base, 1)) && r.den % 2 == 0) {
        // (u^p)^r = |u|^(pr) for an even integer p (u^p = |u|^p >= 0) and an even denominator
        // of r: both sides are defined at the same u (p·r < 0 excludes u = 0 on both), so
        // √(x²) is |x| and (x⁴)^(1/4) is |x|.
        const rational p = value(w, arg(w, base, 1));
        rational pr{};
        if (p.den == 1 && p.num % 2 == 0 && detail::mul(p, r, pr))
            return power(w, function(w, op::abs, arg(w, base, 0)), number(w, pr));
    }
    if (b.kind == op::add && r.den == 1 && leading_sign(w, base) < 0) {
        // (−A)^k = (−1)^k A^k: the base of a power of a sum leads with a positive term.
        const index p = power(w, neg(w, base), exponent);
        return r.num % 2 == 0 ? p : neg(w, p);
    }
    if (b.kind == op::mul && r.den == 1) {
        term_list f;
        for (int k = 0; k < b.count; ++k) f.push(power(w, arg(w, base, k), exponent));
        return mul(w, f);
    }
    const index c[2] = {base, exponent};
    return intern(w, op::pow, 0, c, 2);
}

// --- functions, min/max, conditions, where ----------------------------------------------

constexpr index function(expr& w, op kind, index a) {
    if (is_number(w, a)) {
        const rational v = value(w, a);
        const bool zero = v.num == 0;
        switch (kind) {
            case op::exp:
                if (zero) return number(w, 1);
                break;
            case op::log:
                if (v == rational{1, 1}) return number(w, 0);
                break;
            case op::cos:
            case op::erfc:
                if (zero) return number(w, 1);
                break;
            case op::sigmoid:
                if (zero) return number(w, rational{1, 2});
                break;
            case op::expm1:
            case op::log1p:
            case op::tanh:
            case op::sin:
            case op::erf:
                if (zero) return number(w, 0);
                break;
            case op::abs: return number(w, rational{v.num < 0 ? -v.num : v.num, v.den});
            case op::sign: return number(w, v.num < 0 ? -1 : (v.num > 0 ? 1 : 0));
            case op::step:
                return v.num == 0 ? number(w, rational{1, 2}) : number(w, v.num < 0 ? 0 : 1);
            default: break;
        }
    }
    // |(|u|)| = |u| and sign(sign u) = sign u; not step: H(H(u)) = ½ for u < 0 (H(0) = ½).
    if ((kind == op::abs || kind == op::sign) && w.nodes[a].kind == kind) return a;
    const index c[1] = {a};
    return intern(w, kind, 0, c, 1);
}

constexpr index min_max(expr& w, op kind, index a, index b) {
    if (a == b) return a;
    if (is_number(w, a) && is_number(w, b)) {
        const int c = detail::compare(value(w, a), value(w, b));
        return (kind == op::min) == (c <= 0) ? a : b;
    }
    index c[2] = {a, b};
    sort_nodes(w, c, 2);
    return intern(w, kind, 0, c, 2);
}

//! a < b (kind lt) or a <= b (kind le); folds to the number 1 or 0 when both are numbers.
constexpr index comparison(expr& w, op kind, index a, index b) {
    if (is_number(w, a) && is_number(w, b)) {
        const int c = detail::compare(value(w, a), value(w, b));
        return number(w, (kind == op::lt ? c < 0 : c <= 0) ? 1 : 0);
    }
    if (a == b) return number(w, kind == op::le ? 1 : 0);
    const index c[2] = {a, b};
    return intern(w, kind, 0, c, 2);
}

constexpr index where(expr& w, index cond, index a, index b) {
    if (is_number(w, cond)) return value(w, cond).num != 0 ? a : b;
    if (a == b) return a;
    const index c[3] = {cond, a, b};
    return intern(w, op::where, 0, c, 3);
}

//! Rebuilds node `i` of `w` through the canonical constructors, with children `c`.
constexpr index rebuild(expr& w, const node& n, const index* c) {
    switch (n.kind) {
        case op::number:
        case op::named:
        case op::parameter:
        case op::variable: return -1;  // leaves are handled by the caller
        case op::add:
        case op::mul: {
            term_list t;
            for (int k = 0; k < n.count; ++k) t.push(c[k]);
            return n.kind == op::add ? add(w, t) : mul(w, t);
        }
        case op::pow: return power(w, c[0], c[1]);
        case op::min:
        case op::max: return min_max(w, n.kind, c[0], c[1]);
        case op::lt:
        case op::le: return comparison(w, n.kind, c[0], c[1]);
        case op::where: return where(w, c[0], c[1], c[2]);
        default: return function(w, n.kind, c[0]);
    }
}

}  // namespace actlab::detail
