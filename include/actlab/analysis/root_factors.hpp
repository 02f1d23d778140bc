// actlab: the zeros of g as the zeros of simpler functions — g = c·u₁^k₁·…·uₘ^kₘ·r, a common
// power pulled out of a sum — so that a root of high multiplicity (sin(x)²⁰′′ at 0, of
// multiplicity 18, which no enclosure can separate from 0 nearby) is found as a simple root
// of u. Purely symbolic (needs nothing but the expression engine).
#pragma once

#include <actlab/expr/build.hpp>
#include <actlab/expr/detail/transform.hpp>

#include <vector>

namespace actlab::detail {

//! One factor u^k of a product, k a positive integer (k = 1: u itself, any expression).
struct power_factor {
    expr base;
    long long k = 1;
};

inline bool mentions_x(const expr& e) { return find_leaf(e, op::variable) >= 0; }

//! The factors of the term t (t itself when it is not a product), as u^k with k a positive
//! integer where the factor is such a power, else as the factor to the first power.
inline std::vector<power_factor> term_factors(const expr& t) {
    std::vector<power_factor> out;
    const auto one = [&](int i) {
        const node& n = t.at(i);
        if (n.kind == op::pow && t.at(t.child(i, 1)).kind == op::number) {
            const rational& q = t.constants[t.at(t.child(i, 1)).aux];
            if (q.den == 1 && q.num >= 1 && q.num <= 1 << 20) {
                out.push_back({compact(t, t.child(i, 0)), static_cast<long long>(q.num)});
                return;
            }
        }
        out.push_back({compact(t, i), 1});
    };
    const int r = t.root();
    if (t.at(r).kind == op::mul)
        for (int k = 0; k < t.at(r).count; ++k) one(t.child(r, k));
    else
        one(r);
    return out;
}

//! The exponent of `base` among the factors of a term (0 when absent).
inline long long exponent_of(const std::vector<power_factor>& fs, const expr& base) {
    for (const power_factor& f : fs)
        if (f.base == base) return f.k;
    return 0;
}

//! ∏ u^k over the factors (1 for none).
inline expr product_of(const std::vector<power_factor>& fs) {
    expr p(1);
    for (const power_factor& f : fs)
        if (f.k > 0) p = p * (f.k == 1 ? f.base : pow(f.base, expr(f.k)));
    return p;
}

//! A sum Σⱼ tⱼ as the common powers ∏ u^m (m = the least exponent of u over the terms, for
//! every u with x that divides every term) and the cofactor Σⱼ tⱼ / ∏ u^m, each term's
//! exponents lowered by m (so the cofactor is a polynomial in the same factors, defined
//! wherever g is). No common power: `common` is empty.
struct common_powers {
    std::vector<power_factor> common;
    expr cofactor;
};

inline common_powers split_common_powers(const expr& g) {
    common_powers out;
    const int r = g.root();
    if (g.at(r).kind != op::add) return out;
    std::vector<std::vector<power_factor>> terms;
    for (int k = 0; k < g.at(r).count; ++k)
        terms.push_back(term_factors(compact(g, g.child(r, k))));
    for (const power_factor& f : terms.front()) {
        if (!mentions_x(f.base)) continue;
        long long m = f.k;
        for (const auto& t : terms) m = std::min(m, exponent_of(t, f.base));
        if (m >= 1) out.common.push_back({f.base, m});
    }
    if (out.common.empty()) return out;
    expr sum(0);
    for (auto& t : terms) {
        for (power_factor& f : t) f.k -= exponent_of(out.common, f.base);
        sum = sum + product_of(t);
    }
    out.cofactor = sum;
    return out;
}

//! Whether a factor list found something to gain: a power u^k with k ≥ 2 pulled out.
inline void zero_factors_into(const expr& g, std::vector<expr>& out, bool& gained, int depth) {
    const auto push = [&](const expr& u) {
        for (const expr& v : out)
            if (v == u) return;
        out.push_back(u);
    };
    const int r = g.root();
    const node& n = g.at(r);
    if (!mentions_x(g)) {
        // A nonzero number has no zero; any other constant is kept (decided by enclosures).
        if (!(n.kind == op::number && g.constants[n.aux].num != 0)) push(g);
        return;
    }
    if (depth > 6) {
        push(g);
        return;
    }
    if (n.kind == op::mul || n.kind == op::pow) {
        const std::vector<power_factor> fs = term_factors(g);
        if (fs.size() == 1 && fs.front().k == 1) {  // a pow with another exponent: g itself
            push(g);
            return;
        }
        for (const power_factor& f : fs) {
            gained = gained || (f.k >= 2 && mentions_x(f.base));
            zero_factors_into(f.base, out, gained, depth + 1);
        }
        return;
    }
    if (n.kind == op::add) {
        const common_powers c = split_common_powers(g);
        if (!c.common.empty()) {
            for (const power_factor& f : c.common) {
                gained = true;  // the common power leaves the cofactor a simpler function
                zero_factors_into(f.base, out, gained, depth + 1);
            }
            zero_factors_into(c.cofactor, out, gained, depth + 1);
            return;
        }
    }
    push(g);
}

//! Functions whose zeros together are exactly the zeros of g, wherever g is defined — or
//! empty when the split gains nothing (no power u^k, k ≥ 2, with x in it).
//!
//! Proof. A product is 0 exactly where one of its factors is (ℝ has no zero divisors); for a
//! positive integer k, u^k = 0 exactly where u = 0; a nonzero number factor is never 0. A sum
//! Σⱼ cⱼ∏ᵢ uᵢ^eᵢⱼ whose every term holds uᵢ^mᵢ (mᵢ ≥ 1 the least eᵢⱼ) equals
//! ∏ᵢ uᵢ^mᵢ · Σⱼ cⱼ∏ᵢ uᵢ^(eᵢⱼ − mᵢ), an identity of polynomials in the uᵢ (exponents stay
//! ≥ 0, so the cofactor is defined wherever g is); its zeros are those of the uᵢ and of the
//! cofactor by the product rule. Applied recursively, each step keeps the zero set exact.
//! Capacity errors while building a cofactor give up the split (empty).
inline std::vector<expr> zero_factors(const expr& g) {
    std::vector<expr> out;
    bool gained = false;
    try {
        zero_factors_into(g, out, gained, 0);
    } catch (const error&) {
        return {};
    }
    if (!gained || out.size() > 16) return {};
    return out;
}

}  // namespace actlab::detail
