// actlab: kinks — the points where a piecewise definition switches, with one-sided values.
#pragma once

#include <actlab/diff/derivative.hpp>
#include <actlab/expr/boxed.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace actlab {

//! A point where `where`, `abs`, `sign`, `step`, `min`, `max` or `clamp` switches.
//!
//! Values are exact expressions (numbers, or formulas of the parameters: prelu's left
//! derivative at 0 is α). Convention for the derivative AT the kink (`derivative_at`, the
//! value of d(f) there): `where(c, a, b)` takes the branch c selects at that point (PyTorch's
//! relu as where(x > 0, x, 0) has derivative 0 at 0); `abs`, `min`, `max` take the mean of
//! the one-sided derivatives (|x|' = sign(x) is 0 at 0, max(0, x)' = H(x) is ½ at 0).
struct kink {
    expr at;                //!< the location x₀ (exact)
    expr left_value;        //!< f(x₀⁻)
    expr right_value;       //!< f(x₀⁺)
    expr left_derivative;   //!< f′(x₀⁻)
    expr right_derivative;  //!< f′(x₀⁺)
    expr derivative_at;     //!< f′(x₀) by the convention above

    //! f′ is continuous at x₀ (a switch that is not a kink, e.g. ELU with α = 1).
    bool smooth() const { return left_derivative == right_derivative && left_value == right_value; }
    //! f itself jumps at x₀ (sign, step, threshold).
    bool jump() const { return !(left_value == right_value); }
};

namespace detail {

//! The switching function of node i (zero where it switches), or a negative result.
constexpr bool switching_function(const expr& f, int i, expr& g) {
    const node& n = f.nodes[i];
    switch (n.kind) {
        case op::lt:
        case op::le:
        case op::min:
        case op::max: g = compact(f, f.child(i, 0)) - compact(f, f.child(i, 1)); return true;
        case op::abs:
        case op::sign:
        case op::step: g = compact(f, f.child(i, 0)); return true;
        default: return false;
    }
}

//! f with every parameter at its default value.
constexpr expr at_defaults(expr f) {
    while (f.n_parameters > 0)
        f = substitute(f, f.parameters[0].name_view(), expr(f.parameters[0].default_value));
    return f;
}

//! The one-sided value of h at x₀ from the side s (−1 left, +1 right): switches whose
//! argument vanishes at x₀ take the value they have just beside x₀.
inline expr one_sided(const expr& h, const expr& x0, int s) {
    expr w{raw_tag{}};
    index m[expr::max_nodes] = {};
    for (int i = 0; i < h.n_nodes; ++i) {
        const node& n = h.nodes[i];
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = m[h.child(i, k)];
        expr g{};
        const bool switches = n.kind != op::min && n.kind != op::max && n.kind != op::abs &&
                              switching_function(h, i, g);
        if (switches && compose(g, x0) == expr(0)) {
            const expr slope = compose(d(g), x0);
            if (!is_number_expr(slope) || slope.constants[0].num == 0)
                throw error(
                    "actlab: kinks: cannot tell the side of a switch (its slope at the point is "
                    "not a nonzero number)");
            // g has the sign of s·slope just beside x₀.
            const bool g_positive = (slope.constants[0].num > 0) == (s > 0);
            long long v = 0;
            if (n.kind == op::lt || n.kind == op::le)
                v = g_positive ? 0 : 1;  // g = a − b; a < b ⇔ g < 0
            if (n.kind == op::step) v = g_positive ? 1 : 0;
            if (n.kind == op::sign) v = g_positive ? 1 : -1;
            m[i] = number(w, v);
            continue;
        }
        m[i] = n.count == 0 ? import_node(w, h, i, c) : rebuild(w, n, c);
    }
    return compose(compact(w, m[h.root()]), x0);
}

inline void sort_unique(std::vector<rational>& v) {
    const auto less = [](const rational& a, const rational& b) { return compare(a, b) < 0; };
    std::sort(v.begin(), v.end(), less);
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

inline std::vector<rational> switching_points(const expr& f);

// switching_points and zeros recurse into one another once per level of nested switches
// (the KAN spline nests twelve), so their own frames hold no expression: the ~30 KB values
// live in the frames of the non-inlined helpers below, which return before the recursion
// goes deeper, or on the heap.

//! The switching function of node i with parameters at their defaults, or nothing.
[[gnu::noinline]] inline std::optional<boxed_expr> switch_at_defaults(const expr& f, int i) {
    expr g{};
    if (!switching_function(f, i, g)) return std::nullopt;
    return boxed_expr(at_defaults(g));
}

//! The zeros of g, a piecewise affine function of x with numeric coefficients and the
//! switching points `breaks`: on each piece, g(b) + m·(x − b) = 0.
[[gnu::noinline]] inline std::vector<rational> zeros_between(const expr& g,
                                                             const std::vector<rational>& breaks) {
    const boxed_expr dg = d(g);
    // Piecewise affine ⇔ g'' ≡ 0: the derivatives of step, sign and of a where of constants
    // vanish, so a nonlinear piece anywhere leaves a non-zero g''.
    if (!(d(dg) == expr(0)))
        throw error(
            "actlab: kinks: a switching condition is not piecewise affine in x with numeric "
            "coefficients");
    std::vector<rational> out;
    const auto root_of_piece = [&](const rational& b, int side, const rational* lo,
                                   const rational* hi) {
        const expr at(b);
        const expr v = compose(g, at), m = one_sided(dg, at, side);
        if (!is_number_expr(v) || !is_number_expr(m))
            throw error(
                "actlab: kinks: a switching condition is not piecewise affine in x with numeric "
                "coefficients");
        if (v.constants[0].num == 0) {
            out.push_back(b);
            return;
        }
        if (m.constants[0].num == 0) return;
        rational q{}, r{};
        if (!div(v.constants[0], m.constants[0], q) || !negate(q, q) || !add(b, q, r))
            throw error("actlab: kinks: location overflows");
        if ((lo && compare(r, *lo) < 0) || (hi && compare(r, *hi) > 0)) return;
        out.push_back(r);
    };
    if (breaks.empty()) {
        root_of_piece(rational{0, 1}, 1, nullptr, nullptr);
    } else {
        root_of_piece(breaks.front(), -1, nullptr, &breaks.front());
        for (std::size_t k = 0; k < breaks.size(); ++k)
            root_of_piece(breaks[k], +1, &breaks[k],
                          k + 1 < breaks.size() ? &breaks[k + 1] : nullptr);
    }
    sort_unique(out);
    return out;
}

//! The zeros of g, a piecewise affine function of x with numeric coefficients.
inline std::vector<rational> zeros(const expr& g) { return zeros_between(g, switching_points(g)); }

//! Every point where some switch of f changes, parameters at their defaults.
inline std::vector<rational> switching_points(const expr& f) {
    std::vector<rational> points;
    for (int i = 0; i < f.n_nodes; ++i) {
        const std::optional<boxed_expr> g = switch_at_defaults(f, i);
        if (!g) continue;
        for (const rational& p : zeros(*g)) points.push_back(p);
    }
    sort_unique(points);
    return points;
}

}  // namespace detail

//! The switching points of f in increasing order, with one-sided values and derivatives.
//! Locations are computed with parameters at their defaults; each switch must be a zero of
//! a piecewise affine function of x (as in every catalogue activation), else actlab::error.
inline std::vector<kink> kinks(const expr& f) {
    const boxed_expr df = d(f);
    std::vector<kink> out;
    for (const rational& p : detail::switching_points(f)) {
        // Field by field: a kink is six expressions, too many to build as temporaries at once.
        kink& k = out.emplace_back();
        k.at = expr(p);
        k.left_value = detail::one_sided(f, k.at, -1);
        k.right_value = detail::one_sided(f, k.at, +1);
        k.left_derivative = detail::one_sided(df, k.at, -1);
        k.right_derivative = detail::one_sided(df, k.at, +1);
        k.derivative_at = compose(df, k.at);
    }
    return out;
}

}  // namespace actlab
