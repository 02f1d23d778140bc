// actlab: certified enclosures of the isolated real fixed points of f at compile time — the
// roots of g = f − x, isolated by branch and bound (a box where g or g′ keeps one sign has no
// root or exactly one), each with its stability under x ↦ f(x), and whether the list is
// proved complete.
//
// **Example**: `static_assert(actlab::fixed_points(actlab::activations::cube).size() == 3);`
#pragma once

#include <actlab/eval/evaluation_form.hpp>
#include <actlab/proofs/bounds.hpp>
#include <actlab/proofs/detail/extent.hpp>
#include <actlab/proofs/detail/pieces.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace actlab {

//! How x ↦ f(x) behaves near a fixed point x*: |f′(x*)| < 1 attracting, > 1 repelling,
//! = 1 exactly neutral (the linear test is undecided; see fixed_point::attracts_from_left),
//! unknown when the enclosure of f′ over the fixed point's enclosure straddles ±1.
enum class fixed_point_stability : std::uint8_t { unknown, attracting, repelling, neutral };

//! One isolated fixed point: exactly one x* with f(x*) = x* lies in [lo, hi].
struct fixed_point {
    double lo = 0;
    double hi = 0;
    fixed_point_stability stability = fixed_point_stability::unknown;
    //! For a neutral fixed point: proved f(x) > x just left of x* (iterates there move right,
    //! towards x*), and f(x) < x just right of it (a Taylor argument on f − x at x*).
    bool attracts_from_left = false;
    bool attracts_from_right = false;
};

//! The isolated fixed points of f in increasing order, as a constexpr sequence. `complete`
//! is true when every isolated real fixed point of f is proved to lie in exactly one of the
//! listed enclosures; false when some part of ℝ could not be decided (a run of fixed points,
//! a domain error, the box budget, more than `capacity` fixed points): the listed ones are
//! still fixed points, but others may exist.
struct fixed_point_list {
    static constexpr int capacity = 16;
    fixed_point items[capacity] = {};
    int count = 0;
    bool complete = true;
    //! Runs: intervals on which f is the identity (every point a fixed point, none isolated),
    //! proved piece by piece; the isolated fixed points lie outside them.
    bounds runs[4] = {};
    int run_count = 0;

    constexpr std::size_t size() const { return static_cast<std::size_t>(count); }
    constexpr const fixed_point& operator[](std::size_t i) const { return items[i]; }
    constexpr const fixed_point* begin() const { return items; }
    constexpr const fixed_point* end() const { return items + count; }
};

namespace detail::proof {

//! +1 / −1 when the enclosure is strictly positive / negative, 0 for an exact zero, 2 when
//! undecided.
constexpr int sign_of(const ival& v) {
    if (!v.ok) return 2;
    if (v.lo > 0) return 1;
    if (v.hi < 0) return -1;
    if (v.lo == 0 && v.hi == 0) return 0;
    return 2;
}

//! No root of g on the tail [L, ∞] (s = +1) or [−∞, −L] (s = −1): g keeps one sign on it, or
//! g is monotone there and moves away from 0 from its value at ±L.
constexpr bool no_root_on_tail(const expr& g, const expr& dg, double L, int s) {
    const ival tail = s > 0 ? ival{L, inf, true} : ival{-inf, -L, true};
    const node_enclosures e = enclose_nodes(g, tail);
    const int whole = sign_of(e.root());
    if (whole == 1 || whole == -1) return true;
    if (e.may_jump) return false;
    const ival D = enclose(dg, tail);
    const int at = sign_of(enclose(g, point(s * L)));
    if (!D.ok || (at != 1 && at != -1)) return false;
    // Outward (x·s increasing), g changes like s·g′.
    const bool away_up = s > 0 ? D.lo >= 0 : D.hi <= 0;
    const bool away_down = s > 0 ? D.hi <= 0 : D.lo >= 0;
    return (away_up && at == 1) || (away_down && at == -1);
}

struct root_box {
    double lo, hi;
    ival glo, ghi;  // g at the ends
};

//! The root search for g = f − x on a finite interval, and the tails beyond it.
struct fixed_point_search {
    const expr& f;
    expr g;
    expr dg;
    int budget;
    fixed_point_list out{};

    constexpr void add(double lo, double hi) {
        if (out.count == fixed_point_list::capacity) {
            out.complete = false;
            return;
        }
        out.items[out.count++] = {lo, hi};
    }

    //! g at a cut point c; an exact zero there is a fixed point [c, c].
    constexpr ival cut(double c) {
        const ival v = enclose(g, point(c));
        if (sign_of(v) == 0) add(c, c);
        return v;
    }

    //! A root of g strictly inside (a, b), where g(a) and g(b) have strict opposite signs:
    //! bisected while the midpoint's sign is decided (g is monotone on [a, b]).
    constexpr void refine(double a, double b, int sa) {
        for (int k = 0; k < 60; ++k) {
            const double m = a + (b - a) / 2;
            if (!(a < m && m < b)) break;
            const int sm = sign_of(enclose(g, point(m)));
            if (sm == 0) return add(m, m);
            if (sm != 1 && sm != -1) break;
            (sm == sa ? a : b) = m;
        }
        add(a, b);
    }

    //! g(c) = g′(c) = … = g^(m−1)(c) = 0 exactly and g^(m) keeps one sign on the box [c, c + δ]
    //! (or [c − δ, c]): by Taylor's theorem g(x) = g^(m)(ξ)(x − c)^m/m! ≠ 0 for x ≠ c there.
    //! Returns δ > 0 (the box cleared), or 0. `sign` receives the sign of g just beyond c.
    constexpr double clear_contact(double c, double other, int& sign) const {
        expr dk = dg;
        for (int m = 1; m <= 4; ++m) {
            const int at = sign_of(enclose(dk, point(c)));
            if (at == 2) return 0;
            if (at != 0) {
                for (double delta = other - c; math::detail::fabs(delta) > 0x1p-30; delta /= 4) {
                    const double inner = c + delta;
                    const ival X = delta > 0 ? ival{c, inner, true} : ival{inner, c, true};
                    const node_enclosures e = enclose_nodes(dk, X);
                    const int s = sign_of(e.root());
                    if (e.may_jump || (s != 1 && s != -1)) continue;
                    sign = delta > 0 || m % 2 == 0 ? s : -s;
                    return delta;
                }
                return 0;
            }
            dk = d(dk);
        }
        return 0;
    }

    //! Settles one box: true when it holds no root besides the ones recorded.
    constexpr bool settle(const root_box& b, std::vector<root_box>& stack) {
        const node_enclosures e = enclose_nodes(g, {b.lo, b.hi, true});
        if (!e.root().ok) {
            out.complete = false;
            return true;
        }
        const int whole = sign_of(e.root());
        if (whole == 1 || whole == -1) return true;
        if (max2(-e.root().lo, e.root().hi) < 0x1p-900) {  // lost to underflow: undecidable
            out.complete = false;
            return true;
        }
        const int sa = sign_of(b.glo), sb = sign_of(b.ghi);
        if (!e.may_jump) {
            const ival D = enclose(dg, {b.lo, b.hi, true});
            if (D.ok && (D.lo > 0 || D.hi < 0)) {  // strictly monotone: at most one root
                if ((sa == 1 && sb == -1) || (sa == -1 && sb == 1)) refine(b.lo, b.hi, sa);
                if (sa != 2 && sb != 2) return true;  // no other root
            }
            for (const bool left : {true, false}) {  // an exact zero at an end
                if ((left ? sa : sb) != 0) continue;
                int s = 0;
                const double c = left ? b.lo : b.hi;
                const double delta = clear_contact(c, left ? b.hi : b.lo, s);
                if (delta == 0) continue;
                if (c + delta == (left ? b.hi : b.lo)) return true;
                const double m = c + delta;
                const ival gm = cut(m);
                stack.push_back(left ? root_box{m, b.hi, gm, b.ghi} : root_box{b.lo, m, b.glo, gm});
                return true;
            }
        }
        const double w = b.hi - b.lo;
        if (--budget < 0 ||
            w <= 0x1p-24 * max2(1, max2(math::detail::fabs(b.lo), math::detail::fabs(b.hi)))) {
            out.complete = false;  // undecided: a run of fixed points, or a tangency
            return true;
        }
        return false;
    }

    //! A run [lo, hi] of fixed points, merged with the last one when they touch.
    constexpr void add_run(double lo, double hi) {
        bounds* last = out.run_count > 0 ? &out.runs[out.run_count - 1] : nullptr;
        if (last != nullptr && last->hi == lo) {
            last->hi = hi;
        } else if (out.run_count == 4) {
            out.complete = false;
        } else {
            out.runs[out.run_count++] = {lo, hi};
        }
    }

    //! Drops the points recorded at the ends of runs (they are not isolated).
    constexpr void drop_run_ends() {
        int n = 0;
        for (int i = 0; i < out.count; ++i) {
            bool inside = false;
            for (int k = 0; k < out.run_count; ++k)
                inside = inside ||
                         (out.runs[k].lo <= out.items[i].lo && out.items[i].hi <= out.runs[k].hi);
            if (!inside) out.items[n++] = out.items[i];
        }
        out.count = n;
    }

    //! Searches [a, b]; a tail beyond it on which f is x (`left_run`, `right_run`) extends the
    //! run at that end to infinity.
    constexpr void run(double a, double b, bool left_run, bool right_run) {
        std::vector<double> cuts = piece_ends(f, a, b, {0});
        std::vector<ival> at;
        for (const double c : cuts) at.push_back(cut(c));
        std::vector<root_box> stack;
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            if (!(piece_on(f, {cuts[k], cuts[k + 1], true}) == actlab::x)) continue;
            add_run(left_run && k == 0 ? -inf : cuts[k],
                    right_run && k + 2 == cuts.size() ? inf : cuts[k + 1]);
        }
        for (std::size_t k = cuts.size() - 1; k > 0; --k) {
            bool in_run = false;
            for (int r = 0; r < out.run_count; ++r)
                in_run = in_run || (out.runs[r].lo <= cuts[k - 1] && cuts[k] <= out.runs[r].hi);
            if (!in_run) stack.push_back({cuts[k - 1], cuts[k], at[k - 1], at[k]});
        }
        while (!stack.empty()) {
            const root_box box = stack.back();
            stack.pop_back();
            if (settle(box, stack)) continue;
            const double m = box.lo + (box.hi - box.lo) / 2;
            const ival gm = cut(m);
            stack.push_back({m, box.hi, gm, box.ghi});
            stack.push_back({box.lo, m, box.glo, gm});
        }
        drop_run_ends();
    }

    //! The stability of each fixed point from an enclosure of f′ over its enclosure.
    constexpr void classify() {
        const expr df = d(f);
        for (int i = 0; i < out.count; ++i) {
            fixed_point& p = out.items[i];
            const node_enclosures e = enclose_nodes(df, {p.lo, p.hi, true});
            const ival s = abs(e.root());
            if (!s.ok || e.may_jump) continue;
            if (s.hi < 1) p.stability = fixed_point_stability::attracting;
            if (s.lo > 1) p.stability = fixed_point_stability::repelling;
            if (!(s.lo == 1 && s.hi == 1 && p.lo == p.hi)) continue;
            p.stability = fixed_point_stability::neutral;
            int left = 0, right = 0;
            const double c = p.lo;
            if (clear_contact(c, c - 1, left) != 0) p.attracts_from_left = left > 0;
            if (clear_contact(c, c + 1, right) != 0) p.attracts_from_right = right < 0;
        }
    }
};

//! Whether f is the expression x on the tail beyond L on side s.
constexpr bool identity_tail(const expr& f, double L, int s) {
    return piece_on(f, s > 0 ? ival{L, inf, true} : ival{-inf, -L, true}) == actlab::x;
}

//! The half-width of the finite search interval: the first L at which each tail is proved
//! free of roots or a run of fixed points (f = x there), 0 when none is.
constexpr double tail_cut(const expr& f, const expr& g, const expr& dg) {
    for (const double L : {4.0, 64.0, 0x1p20}) {
        bool settled = true;
        for (const int s : {+1, -1})
            settled = settled && (no_root_on_tail(g, dg, L, s) || identity_tail(f, L, s));
        if (settled) return L;
    }
    return 0;
}

}  // namespace detail::proof

//! The isolated real fixed points of f (parameters at their defaults), each in a certified
//! enclosure with its stability; `complete` says whether the list is proved to hold all.
constexpr fixed_point_list fixed_points(const expr& f) {
    using namespace detail::proof;
    // The evaluation forms: x·Φ(x) − x is −x·Φ(−x), with no cancellation on the far boxes.
    const expr g = f - actlab::x;
    fixed_point_search search{f, detail::proof_evaluation_form(g),
                              detail::proof_evaluation_form(d(g)), ACTLAB_PROOF_BUDGET};
    double L = tail_cut(f, search.g, search.dg);
    if (L == 0) {  // a tail is undecided: the list is incomplete, search [−4, 4] only
        search.out.complete = false;
        L = 4;
    }
    search.run(-L, L, identity_tail(f, L, -1), identity_tail(f, L, +1));
    search.classify();
    fixed_point_list& r = search.out;
    std::sort(r.items, r.items + r.count,
              [](const fixed_point& a, const fixed_point& b) { return a.lo < b.lo; });
    return r;
}

}  // namespace actlab
