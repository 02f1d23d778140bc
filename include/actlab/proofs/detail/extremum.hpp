// actlab: branch and bound for sup g over [a, b] ⊆ [−∞, +∞], certified: the result is an
// enclosure [lo, hi] of the supremum. Boxes are cut first at the switching points of g (so
// a rational kink is an endpoint, evaluated exactly), then bisected. On a box where g cannot
// jump and g′ has a sign, g is monotone and its sup is its value at one end (a point
// evaluation: tight); elsewhere the mean-value form g(m) + |g′(X)|·|X − m| bounds it, which
// is second-order tight near a smooth maximum. Unbounded boxes are cut geometrically and,
// where g′ has a sign on a tail, closed by the tail's interval extension.
#pragma once

#include <actlab/proofs/detail/enclose.hpp>
#include <actlab/proofs/detail/piece.hpp>

#include <algorithm>
#include <vector>

namespace actlab::detail::proof {

//! An enclosure of sup g, where it was approached, and how the search ended.
struct sup_enclosure {
    double lo = -inf;        //!< a value g attains (at `at`), so sup g ≥ lo
    double hi = -inf;        //!< sup g ≤ hi
    double at = 0;           //!< where lo was attained
    bool defined = true;     //!< false: g has a domain error somewhere on [a, b]
    bool exhausted = false;  //!< the box budget ran out (hi is still sound, maybe loose)
};

//! The cut or cuts of a switch whose switching function looks affine (its enclosures s0, s1,
//! s2 at x = 0, 1, 2 lie on a line of slope m ≠ 0): its root when that is a double, else two
//! doubles around it (a bracket: the root lies strictly between them, as for a knot −11/5 or
//! a parameter 0.1 that no double is).
constexpr void switch_cuts(const ival& s0, const ival& s1, const ival& s2, std::vector<ival>& out) {
    if (!(s0.ok && s1.ok && s2.ok)) return;
    if (s0.lo == s0.hi && s1.lo == s1.hi && s2.lo == s2.hi) {
        const double m = s1.lo - s0.lo;
        if (m == 0 || s2.lo - s1.lo != m || !is_finite(m)) return;
        const double q = -s0.lo / m;
        const math::detail::dd p = math::detail::two_prod(q, m);
        if (p.hi == -s0.lo && p.lo == 0) return out.push_back(point(q));
        return out.push_back({next_down(q), next_up(q), true});
    }
    const ival m = add(s1, neg(s0)), m2 = add(s2, neg(s1));
    const double wide = 0x1p-40 * (1 + max2(math::detail::fabs(s0.lo), math::detail::fabs(s1.lo)));
    if (!(s0.hi - s0.lo <= wide && s1.hi - s1.lo <= wide && s2.hi - s2.lo <= wide)) return;
    if (!(m.lo > 0 || m.hi < 0) || m2.hi < m.lo || m.hi < m2.lo) return;
    const ival q = mul(neg(s0), reciprocal(m));
    if (!is_finite(q.lo) || !is_finite(q.hi)) return;
    out.push_back({next_down(q.lo), next_up(q.hi), true});
}

//! The root q of switch node i when it compares x with a number or a parameter (bspline's
//! knots, threshold's 0.1): exact, and its bracket is the same for −q (rounding to nearest
//! is odd), so mirrored switches have mirrored cuts.
constexpr bool known_root(const expr& g, int i, rational& q) {
    const op k = g.nodes[i].kind;
    if (k != op::lt && k != op::le && k != op::min && k != op::max) return false;
    const node& l = g.nodes[g.child(i, 0)];
    const node& r = g.nodes[g.child(i, 1)];
    if ((l.kind == op::variable) == (r.kind == op::variable)) return false;
    const node& c = l.kind == op::variable ? r : l;
    if (c.kind != op::number && c.kind != op::parameter) return false;
    q = c.kind == op::number ? g.constants[c.aux] : g.parameters[c.aux].default_value;
    return true;
}

//! Where the switches of g change (x with a − b = 0 for min, max, <, ≤; u = 0 for abs, sign,
//! step), found when the switching function is affine in x (`switch_cuts`): one root or
//! bracket per switch. Only a hint for cutting boxes.
constexpr std::vector<ival> switch_roots(const expr& g) {
    std::vector<ival> out;
    bool any = false;
    for (int i = 0; i < g.n_nodes; ++i) {
        const op k = g.nodes[i].kind;
        any = any || traits(k).switches || k == op::lt || k == op::le;  // a `where`'s condition
    }
    if (!any) return out;
    const node_enclosures e0 = enclose_nodes(g, point(0)), e1 = enclose_nodes(g, point(1)),
                          e2 = enclose_nodes(g, point(2));
    const auto sw = [&](const node_enclosures& e, int i) -> ival {
        const node& n = g.nodes[i];
        const auto c = [&](int k) { return e.v[static_cast<std::size_t>(g.child(i, k))]; };
        if (n.kind == op::min || n.kind == op::max || n.kind == op::lt || n.kind == op::le)
            return add(c(0), neg(c(1)));
        return c(0);
    };
    for (int i = 0; i < g.n_nodes; ++i) {
        const op k = g.nodes[i].kind;
        const bool unary_switch = k == op::abs || k == op::sign || k == op::step;
        if (!unary_switch && k != op::min && k != op::max && k != op::lt && k != op::le) continue;
        rational q{};
        if (known_root(g, i, q)) {  // x against a constant: the bracket of q's nearest double
            const ival at = rational_ival(q);
            out.push_back(at.lo == at.hi ? at : ival{next_down(at.lo), next_up(at.hi), true});
        } else {
            switch_cuts(sw(e0, i), sw(e1, i), sw(e2, i), out);
        }
        // step and sign take a third value at a root: a bracket of theirs is listed twice, so
        // that no proof takes f there for one of its neighbouring pieces.
        if ((k == op::step || k == op::sign) && !out.empty() && out.back().lo != out.back().hi)
            out.push_back(out.back());
    }
    return out;
}

//! The cuts at the switches of g: each root, or both ends of each bracket; sorted, distinct.
constexpr std::vector<double> switch_points(const expr& g) {
    std::vector<double> out;
    for (const ival& q : switch_roots(g)) {
        out.push_back(q.lo);
        if (q.hi != q.lo) out.push_back(q.hi);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

//! Whether the open segment (a, b) holds at least two doubles: then the box of its doubles
//! decides a switch exactly where the switch is decided on (a, b) (a bracket's segment holds
//! one double, on one side of the root it brackets: no piece is taken there).
constexpr bool wide_segment(double a, double b) { return next_up(a) < next_down(b); }

struct search_box {
    double lo, hi;
    double bound = inf;   //!< the parent's upper bound: boxes are examined highest first
    std::size_t seg = 0;  //!< the segment between switching points that holds the box
};

//! How far from 0 a box reaches.
constexpr double reach(const search_box& b) {
    return max2(math::detail::fabs(b.lo), math::detail::fabs(b.hi));
}

//! The next cut of a box: its midpoint, or a geometric step into an unbounded end.
constexpr double cut_point(const search_box& b) {
    if (b.lo == -inf && b.hi == inf) return 0;
    if (b.hi == inf) return b.lo >= 1 ? 4 * b.lo : b.lo + 4;
    if (b.lo == -inf) return b.hi <= -1 ? 4 * b.hi : b.hi - 4;
    return b.lo + (b.hi - b.lo) / 2;
}

//! The state of one search for sup s·g (s = ±1) over a union of boxes.
struct sup_search {
    const expr& g;
    const expr& dg;
    int s;
    int budget;
    sup_enclosure r{};
    int boxes = 0;
    double last_hi = inf;
    //! With a goal, only sup ≤ goal or sup > goal is sought: boxes bounded by the goal are
    //! settled at once, and the search stops when a value above it is attained (hi is then
    //! +∞: no bound was sought).
    bool has_goal = false;
    double goal = 0;
    //! g and g′ on the open segment between two switching points (`piece_on`: bspline's
    //! eight-piece `where` chain is one cubic there), when g has switches.
    std::vector<expr> g_piece{}, dg_piece{};

    constexpr const expr& g_on(const search_box& b) const {
        return g_piece.empty() ? g : g_piece[b.seg];
    }
    constexpr const expr& dg_on(const search_box& b) const {
        return dg_piece.empty() ? dg : dg_piece[b.seg];
    }

    constexpr ival oriented(const ival& v) const { return s > 0 ? v : neg(v); }

    //! g at v (h: g, or g's piece on the segment that holds v inside).
    constexpr ival at_point(double v, const expr* h = nullptr) {
        const ival p = oriented(enclose(h != nullptr ? *h : g, point(v)));
        if (!p.ok) r.defined = false;
        if (p.lo > r.lo) {
            r.lo = p.lo;
            r.at = v;
        }
        return p;
    }

    constexpr void accept(double hi) { r.hi = max2(r.hi, hi); }

    //! g′ in a form that is cheap to differentiate (the textbook one: the evaluation form's
    //! derivative costs the compilers several times more), or null; g″ = d(*dg_text) is
    //! formed once, when a box first needs it, and only when g has no switches.
    const expr* dg_text = nullptr;
    bool smooth = false;
    bool have_ddg = false;
    expr ddg{};

    //! g″ on the box's segment: d(*dg_text) when g has no switches, else the derivative of
    //! g′'s piece when that has none (bspline's cubics); null when there is none.
    std::vector<expr> ddg_piece{};
    std::vector<int> ddg_state{};  // per segment: 0 not formed, 1 formed, −1 none
    constexpr const expr* second_derivative(const search_box& b) {
        if (g_piece.empty()) {
            if (!smooth) return nullptr;
            if (!have_ddg) ddg = d(*dg_text), have_ddg = true;
            return &ddg;
        }
        if (dg_text == nullptr) return nullptr;
        // push_back, not resize: Clang cannot default-construct exprs in a vector
        while (ddg_state.size() < g_piece.size()) ddg_state.push_back(0), ddg_piece.push_back(g);
        int& state = ddg_state[b.seg];
        if (state == 0) {
            state = -1;
            bool plain = true;
            for (int i = 0; i < g_piece[b.seg].n_nodes; ++i)
                plain = plain && !traits(g_piece[b.seg].nodes[i].kind).switches;
            if (plain) ddg_piece[b.seg] = d(dg_piece[b.seg]), state = 1;
        }
        return state > 0 ? &ddg_piece[b.seg] : nullptr;
    }

    //! On a small box where s·g is concave (s·g″ < 0 on it), s·g lies below its tangent at any
    //! m: sup ≤ s·g(m) + |g′(m)|·max|x − m|, tight when m is the critical point, which a few
    //! Newton steps on g′ (with g″, in double: only a choice of m) approach. Lowers `hi`.
    constexpr bool concave_bound(const search_box& b, double& hi) {
        if (b.hi - b.lo > 0.5) return false;
        const expr* h2 = second_derivative(b);
        if (h2 == nullptr) return false;
        const expr& g1 = dg_on(b);
        const ival H = oriented(enclose(*h2, {b.lo, b.hi, true}));
        if (!H.ok || !(H.hi < 0)) return false;
        double m = cut_point(b);
        for (int k = 0; k < 4; ++k) {
            const ival v1 = enclose(g1, point(m)), v2 = enclose(*h2, point(m));
            const double next = m - (v1.lo + v1.hi) / (v2.lo + v2.hi);
            if (!(b.lo <= next && next <= b.hi) || next == m) break;
            m = next;
        }
        const ival G1 = oriented(enclose(g1, point(m)));
        if (!G1.ok) return false;
        const double half = max2(add_dir(b.hi, -m, +1), add_dir(m, -b.lo, +1));
        const double slope = max2(-G1.lo, G1.hi);
        hi = min2(hi, add_dir(at_point(m, &g_on(b)).hi, mul_dir(slope, half, +1), +1));
        return true;
    }

    constexpr bool close_enough(double hi, const search_box& b) const {
        if (r.lo == -inf) return false;
        // relative 2^-43 (1.1e-13: the 1e-12 target with margin), absolute 2^-44 (5.7e-14:
        // near a zero of a sum of terms of order 1, as snake′ = 1 + sin 2αx, the evaluation
        // error of the terms, ~1e-14, keeps the attained values below 0; a finer absolute
        // tolerance bisected each such zero forty times)
        const double tol = 0x1p-43 * math::detail::fabs(r.lo) + 0x1p-44;
        if (hi <= r.lo + tol) return true;
        const double w = b.hi - b.lo;
        return is_finite(w) &&
               w <= 0x1p-42 * max2(1, max2(math::detail::fabs(b.lo), math::detail::fabs(b.hi)));
    }

    //! Bounds sup over b; returns false when b must be cut.
    constexpr bool settle(const search_box& b) {
        const node_enclosures e = enclose_nodes(g_on(b), {b.lo, b.hi, true});
        const ival G = oriented(e.root());
        if (!G.ok) {
            r.defined = false;
            accept(inf);
            return true;
        }
        if (G.hi <= r.lo) return true;
        if (has_goal && G.hi <= goal) {
            accept(G.hi);
            return true;
        }
        ++boxes;
        if (--budget < 0) {
            r.exhausted = true;
            accept(G.hi);
            return true;
        }
        const bool finite = is_finite(b.lo) && is_finite(b.hi);
        double hi = G.hi;
        if (!e.may_jump) {
            const ival D = oriented(enclose(dg_on(b), {b.lo, b.hi, true}));
            const double end = D.lo >= 0 ? b.hi : b.lo;
            // An unbounded end: settled when the box is a tail beyond |x| = 1 (its enclosure
            // has the tail bounds: `scaled`, `decay_bound`) or g is bounded on it.
            const bool tail_bounds =
                is_finite(G.hi) || is_finite(end) || (b.lo == -inf ? b.hi <= -1 : b.lo >= 1);
            if (D.ok && (D.lo >= 0 || D.hi <= 0) && tail_bounds) {  // monotone: sup at one end
                // g's value there (attained), and its piece's (the limit from inside the
                // box, where g may jump at a segment's end).
                // A value g attains inside the box: the end may be a jump (sign(x) at 0).
                if ((!g_piece.empty() || !is_finite(end)) && is_finite(cut_point(b)))
                    at_point(cut_point(b), &g_on(b));
                if (!is_finite(end)) {
                    accept(G.hi);
                } else {
                    const ival limit = oriented(enclose(g_on(b), point(end)));
                    accept(max2(at_point(end).hi, limit.ok ? limit.hi : inf));
                }
                return true;
            }
            if (finite && D.ok && concave_bound(b, hi)) {
                // settled below by close_enough, or cut
            } else if (finite && D.ok) {
                const double m = cut_point(b);
                const double half = max2(add_dir(b.hi, -m, +1), add_dir(m, -b.lo, +1));
                const double slope = max2(-D.lo, D.hi);
                hi = min2(hi, add_dir(at_point(m, &g_on(b)).hi, mul_dir(slope, half, +1), +1));
            }
        } else if (finite) {
            at_point(cut_point(b), &g_on(b));
        }
        const bool far = !finite && (b.lo == -inf ? b.hi < -0x1p40 : b.lo > 0x1p40);
        last_hi = hi;
        if (close_enough(hi, b) || far) {
            accept(hi);
            return true;
        }
        return false;
    }

    //! The cuts of [a, b] at the switching points of g, g's values there, and the pieces:
    //! formed once, for both searches of an extent (`restart`).
    std::vector<double> cuts{};
    std::vector<ival> cut_values{};
    bool prepared = false;
    int initial_budget = 0;

    constexpr void prepare(double a, double b) {
        cuts.push_back(a);
        for (const double p : switch_points(g))
            if (a < p && p < b) cuts.push_back(p);
        cuts.push_back(b);
        for (const double p : cuts)
            cut_values.push_back(is_finite(p) ? enclose(g, point(p)) : invalid());
        for (std::size_t k = 0; cuts.size() > 2 && k + 1 < cuts.size(); ++k) {
            const ival inside{next_up(cuts[k]), next_down(cuts[k + 1]), true};
            const bool open = wide_segment(cuts[k], cuts[k + 1]);
            g_piece.push_back(open ? piece_on(g, inside) : g);
            dg_piece.push_back(open ? piece_on(dg, inside) : dg);
        }
        prepared = true;
        initial_budget = budget;
    }

    //! The search for sup of sign·g, after one for the other sign (same g, a, b).
    constexpr void restart(int sign) {
        s = sign;
        r = {};
        boxes = 0;
        last_hi = inf;
        budget = initial_budget;
    }

    constexpr void run(double a, double b) {
        if (!prepared) prepare(a, b);
        std::vector<search_box> stack;
        for (std::size_t k = 0; k < cuts.size(); ++k) {
            if (!is_finite(cuts[k])) continue;
            const ival p = oriented(cut_values[k]);
            if (!p.ok) r.defined = false;
            if (p.lo > r.lo) r.lo = p.lo, r.at = cuts[k];
        }
        for (std::size_t k = cuts.size() - 1; k > 0; --k)
            stack.push_back({cuts[k - 1], cuts[k], inf, k - 1});
        while (!stack.empty()) {
            if (has_goal && r.lo > goal) {
                r.hi = inf;
                return;
            }
            // Highest bound first; among equal bounds (a periodic g′: every box's bound is
            // the same), the box nearest 0, where a value close to the bound is found first.
            std::size_t top = 0;
            for (std::size_t k = 1; k < stack.size(); ++k)
                if (stack[k].bound > stack[top].bound ||
                    (stack[k].bound == stack[top].bound && reach(stack[k]) < reach(stack[top])))
                    top = k;
            const search_box box = stack[top];
            stack[top] = stack.back();
            stack.pop_back();
            if (settle(box)) continue;
            const double m = cut_point(box);
            if (is_finite(m)) at_point(m, &g_on(box));
            stack.push_back({m, box.hi, last_hi, box.seg});
            stack.push_back({box.lo, m, last_hi, box.seg});
        }
        r.hi = max2(r.hi, r.lo);
    }
};

//! A search for sup s·g (see `supremum`), before its run.
constexpr sup_search search_for(const expr& g, const expr& dg, int s, int budget,
                                const expr* dg_text) {
    sup_search search{g, dg, s, budget};
    search.dg_text = dg_text;
    search.smooth = dg_text != nullptr;
    for (int i = 0; i < g.n_nodes; ++i)
        search.smooth = search.smooth && !traits(g.nodes[i].kind).switches;
    return search;
}

//! An enclosure of sup_{[a, b]} s·g, with dg = g′ (and, optionally, g′ again as dg_text,
//! for the concave bound); at most `budget` boxes are examined. With a goal, see
//! `sup_search::goal`.
constexpr sup_enclosure supremum(const expr& g, const expr& dg, double a, double b, int s,
                                 int budget, const expr* dg_text = nullptr,
                                 const double* goal = nullptr) {
    sup_search search = search_for(g, dg, s, budget, dg_text);
    search.has_goal = goal != nullptr;
    search.goal = goal != nullptr ? *goal : 0;
    search.run(a, b);
    return search.r;
}

}  // namespace actlab::detail::proof
