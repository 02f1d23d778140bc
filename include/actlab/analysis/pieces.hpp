// actlab: ℝ cut at the switching points of f, and f restricted to each piece (a smooth
// expression). Purely symbolic: no MPFR.
#pragma once

#include <actlab/diff/kinks.hpp>

#include <optional>
#include <vector>

namespace actlab {

//! One piece of ℝ between consecutive switching points of f: the open interval (lo, hi)
//! (an empty bound is ±∞) and f there with every switch decided, parameters at defaults.
struct piece {
    std::optional<rational> lo, hi;
    expr f;
};

namespace detail {

//! h with every switch decided as it is at the exact point `at` (which must not be a
//! switching point): where → the chosen branch, min/max → the smaller/larger argument,
//! abs → ±argument, sign/step → a number. Parameters at their defaults.
inline expr specialize(const expr& h0, const rational& at) {
    const expr h = at_defaults(h0);
    const expr x0(at);
    expr w{raw_tag{}};
    std::vector<index> m(static_cast<std::size_t>(h.n_nodes));
    for (int i = 0; i < h.n_nodes; ++i) {
        const node& n = h.nodes[i];
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = m[static_cast<std::size_t>(h.child(i, k))];
        expr g{};
        const bool switches = switching_function(h, i, g);
        if (!switches || n.kind == op::lt || n.kind == op::le) {
            if (n.kind == op::lt || n.kind == op::le) {
                const int s = [&] {
                    const expr v = compose(g, x0);
                    if (!is_number_expr(v)) throw error("actlab: specialize: undecided condition");
                    return v.constants[0].num > 0 ? 1 : (v.constants[0].num < 0 ? -1 : 0);
                }();
                const bool holds = n.kind == op::lt ? s < 0 : s <= 0;  // g = a − b
                m[static_cast<std::size_t>(i)] = number(w, holds ? 1 : 0);
            } else if (n.kind == op::where) {
                const expr cond = compose(compact(h, h.child(i, 0)), x0);
                const bool holds = !(cond == expr(0));
                // the condition node was replaced by a number already; pick the branch
                m[static_cast<std::size_t>(i)] = holds ? c[1] : c[2];
            } else {
                m[static_cast<std::size_t>(i)] =
                    n.count == 0 ? import_node(w, h, i, c) : rebuild(w, n, c);
            }
            continue;
        }
        const expr v = compose(g, x0);
        if (!is_number_expr(v)) throw error("actlab: specialize: undecided switch");
        const int sg = v.constants[0].num > 0 ? 1 : (v.constants[0].num < 0 ? -1 : 0);
        // A switching function that is 0 inside a piece is 0 on all of it (it is piecewise
        // affine and its isolated zeros are the cuts): then min/max/abs have equal branches.
        switch (n.kind) {
            case op::min: m[static_cast<std::size_t>(i)] = sg <= 0 ? c[0] : c[1]; break;
            case op::max: m[static_cast<std::size_t>(i)] = sg >= 0 ? c[0] : c[1]; break;
            case op::abs: m[static_cast<std::size_t>(i)] = sg >= 0 ? c[0] : neg(w, c[0]); break;
            case op::sign: m[static_cast<std::size_t>(i)] = number(w, sg); break;
            case op::step:
                m[static_cast<std::size_t>(i)] =
                    sg == 0 ? number(w, rational{1, 2}) : number(w, sg > 0 ? 1 : 0);
                break;
            default: break;
        }
    }
    return compact(w, m[static_cast<std::size_t>(h.root())]);
}

}  // namespace detail

//! ℝ cut at every switching point of f (exact, parameters at defaults) into open pieces,
//! with f specialised on each.
inline std::vector<piece> pieces(const expr& f) {
    const std::vector<rational> cuts = detail::switching_points(f);
    std::vector<piece> out;
    const auto inside = [](const std::optional<rational>& lo, const std::optional<rational>& hi) {
        rational r{};
        if (lo && hi) {
            rational s{};
            detail::add(*lo, *hi, s);
            detail::div(s, rational{2, 1}, r);
        } else if (lo) {
            detail::add(*lo, rational{1, 1}, r);
        } else if (hi) {
            detail::add(*hi, rational{-1, 1}, r);
        }
        return r;
    };
    for (std::size_t k = 0; k <= cuts.size(); ++k) {
        piece p;
        if (k > 0) p.lo = cuts[k - 1];
        if (k < cuts.size()) p.hi = cuts[k];
        p.f = detail::specialize(f, inside(p.lo, p.hi));
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace actlab
