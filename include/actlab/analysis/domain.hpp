// actlab: proof that an expression is defined and finite at every real x (an activation), or
// the reason it is not: the offending sub-expression and, where found, a point where it fails
// (needs MPFR).
//
// The proof covers ℝ by boxes, starting from [−inf, +inf] and bisecting (geometrically on the
// unbounded ends) where a box fails. On each box every node is enclosed (eval/enclose.hpp);
// a box is proved when every denominator's enclosure excludes 0, every log argument's lies
// above 0 (log1p: above −1), every even root's is ≥ 0 (> 0 for a negative exponent), every
// power with a non-constant exponent has a base above 0, and — on a finite box — every value
// is finite (so a constant beyond MPFR's exponent range is caught). An unbounded box [R, +inf]
// encloses the values for all x ≥ R at once, limits included, so the cover is a proof.
// A failure on a point box (x exactly a double) that holds for the exact value is a witness;
// a box that can be neither proved nor refuted within the budget makes the answer "could not
// prove" — never a claim.
#pragma once

#include <actlab/eval/enclose.hpp>
#include <actlab/expr/detail/transform.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/print/printer.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace actlab {

enum class domain_status {
    proved,           //!< defined and finite at every real x
    undefined,        //!< a point where f is undefined or not finite was found
    could_not_prove,  //!< neither proved nor refuted within the budget
};

//! The outcome of prove_defined_on_reals.
struct domain_report {
    domain_status status = domain_status::could_not_prove;
    std::string reason;                //!< e.g. "a denominator is 0"; empty when proved
    std::string subexpression;         //!< the offending sub-expression (text form)
    std::optional<std::string> point;  //!< a real x where it fails (undefined), or near which
                                       //!< the proof failed (could_not_prove)
    long boxes = 0;                    //!< boxes examined

    bool proved() const { return status == domain_status::proved; }
    //! One line: "f is not defined on all of R: log of a number <= 0 in log(2 - x) at x = 3".
    std::string message() const;
};

struct domain_options {
    long max_boxes = 20000;  //!< the budget of boxes
    mpfr_prec_t bits = 128;  //!< the working precision of the enclosures
};

namespace detail::domain {

//! How a node fails on a box: not at all, possibly (the enclosure cannot exclude it), or for
//! every x of the box (certain).
enum class failing { no, possibly, certainly };

struct node_failure {
    failing how = failing::no;
    int node = -1;
    const char* reason = "";
};

inline bool finite_iv(const interval& v) {
    return v.valid() && mpfr_number_p(v.lower()) && mpfr_number_p(v.upper());
}

//! Whether an argument interval a satisfies "a > edge" (strict) or "a ≥ edge": no, possibly or
//! certainly violated.
inline failing below_edge(const interval& a, long edge, bool strict) {
    if (!a.valid()) return failing::possibly;
    const int lo = mpfr_cmp_si(a.lower(), edge), hi = mpfr_cmp_si(a.upper(), edge);
    if (strict ? lo > 0 : lo >= 0) return failing::no;
    if (strict ? hi <= 0 : hi < 0) return failing::certainly;
    return failing::possibly;
}

//! A denominator: a must exclude 0.
inline failing zero_in(const interval& a) {
    if (!a.valid()) return failing::possibly;
    if (!a.contains_zero()) return failing::no;
    return a.is_zero() ? failing::certainly : failing::possibly;
}

//! What is known of a node's sign at every real x of the box: from its enclosure, or from its
//! structure (e^u, σ(u), softplus(u), erfc(u) are > 0 for every real u, whatever the
//! enclosure's rounding or a limit at an infinite end of the box makes of them).
struct sign_info {
    bool positive = false, nonnegative = false;
};

inline sign_info sign_of_node(const expr& f, int i, const std::vector<interval>& v,
                              const std::vector<sign_info>& s) {
    const node& n = f.nodes[i];
    const interval& r = v[static_cast<std::size_t>(i)];
    sign_info out;
    if (r.valid()) {
        out.positive = mpfr_sgn(r.lower()) > 0;
        out.nonnegative = mpfr_sgn(r.lower()) >= 0;
    }
    const auto c = [&](int k) { return s[static_cast<std::size_t>(f.child(i, k))]; };
    bool all_pos = n.count > 0, all_nonneg = n.count > 0, any_pos = false;
    for (int k = 0; k < n.count; ++k) {
        all_pos = all_pos && c(k).positive;
        all_nonneg = all_nonneg && c(k).nonnegative;
        any_pos = any_pos || c(k).positive;
    }
    switch (n.kind) {
        case op::exp:
        case op::sigmoid:
        case op::softplus:
        case op::erfc: out.positive = true; break;
        case op::abs: out.nonnegative = true; break;
        case op::add:
            out.positive = out.positive || (all_nonneg && any_pos);
            out.nonnegative = out.nonnegative || all_nonneg;
            break;
        case op::mul:
            out.positive = out.positive || all_pos;
            out.nonnegative = out.nonnegative || all_nonneg;
            break;
        case op::pow: {
            const int ex = f.child(i, 1);
            const bool even = f.nodes[ex].kind == op::number &&
                              f.constants[f.nodes[ex].aux].den == 1 &&
                              f.constants[f.nodes[ex].aux].num % 2 == 0;
            out.positive = out.positive || c(0).positive;
            out.nonnegative = out.nonnegative || c(0).positive || even;
            break;
        }
        default: break;
    }
    out.nonnegative = out.nonnegative || out.positive;
    return out;
}

//! The domain condition of node i on its children's enclosures and signs.
inline node_failure check_node(const expr& f, int i, const std::vector<interval>& v,
                               const std::vector<sign_info>& s) {
    const node& n = f.nodes[i];
    const auto c = [&](int k) -> const interval& {
        return v[static_cast<std::size_t>(f.child(i, k))];
    };
    const auto positive = [&](int k) {
        return s[static_cast<std::size_t>(f.child(i, k))].positive;
    };
    const auto at = [i](failing how, const char* why) { return node_failure{how, i, why}; };
    switch (n.kind) {
        case op::log:
            if (positive(0)) return {};
            return at(below_edge(c(0), 0, true), "log of a number <= 0");
        case op::log1p:
            if (positive(0)) return {};
            return at(below_edge(c(0), -1, true), "log1p of a number <= -1");
        case op::pow: {
            if (positive(0)) return {};
            const int ex = f.child(i, 1);
            if (f.nodes[ex].kind != op::number)
                return at(below_edge(c(0), 0, true),
                          "a power with a non-constant exponent of a base <= 0");
            const rational& e = f.constants[f.nodes[ex].aux];
            if (e.den % 2 == 0)
                return at(below_edge(c(0), 0, e.num < 0),
                          e.num < 0 ? "an even root of a number <= 0 in a denominator"
                                    : "an even root of a negative number");
            if (e.num < 0) return at(zero_in(c(0)), "a denominator is 0");
            return {};
        }
        default: return {};
    }
}

//! Whether an overflow of node i's value on finite arguments is the value's own (e^u, u·v,
//! …): not so for log-like nodes, whose infinite value comes from an argument at its edge.
inline bool overflow_is_certain(op kind) {
    return kind != op::log && kind != op::log1p && kind != op::pow;
}

//! Keeps the more telling of two failures: a certain one beats a possible one; otherwise the
//! first (lowest) node found.
inline void note(node_failure& first, const node_failure& nf) {
    if (nf.how == failing::no) return;
    if (first.how == failing::no || (nf.how == failing::certainly && first.how != nf.how))
        first = nf;
}

//! Encloses node i on the box `at`, with its domain condition and value check noted in
//! `first`.
inline void visit_node(const expr& f, int i, std::vector<interval>& v, std::vector<sign_info>& s,
                       const interval& at, const std::vector<interval>& params, bool finite_box,
                       node_failure& first) {
    note(first, check_node(f, i, v, s));
    interval_node(f, i, v, at, params);
    const auto ui = static_cast<std::size_t>(i);
    s[ui] = sign_of_node(f, i, v, s);
    const interval& r = v[ui];
    const op kind = f.nodes[i].kind;
    if (kind == op::lt || kind == op::le) return;
    if (!r.valid()) {
        note(first, {failing::possibly, i, "undefined"});
    } else if (mpfr_inf_p(r.lower()) && mpfr_inf_p(r.upper()) &&
               mpfr_sgn(r.lower()) == mpfr_sgn(r.upper())) {
        // ±inf at every x of the box: beyond the number format
        note(first, {overflow_is_certain(kind) ? failing::certainly : failing::possibly, i,
                     "a value beyond the number format"});
    } else if (finite_box && !finite_iv(r)) {
        note(first,
             {at.is_point() && overflow_is_certain(kind) ? failing::certainly : failing::possibly,
              i, "a value beyond the number format"});
    }
}

// GCC 12 warns falsely (-Wfree-nonheap-object) about walk()'s vectors when it inlines walk()
// here; the pragma keeps that false positive out of -Werror builds.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#endif
//! The first failing node of f on the box `at` (children before parents, so the lowest one),
//! with the value check (finite) when the box is finite.
inline node_failure check_box(const expr& f, const interval& at, bool finite_box) {
    const mpfr_prec_t bits = at.precision();
    std::vector<interval> params;
    for (int k = 0; k < f.n_parameters; ++k) {
        params.emplace_back(bits);
        iv::set_rational(params.back(), f.parameters[k].default_value);
    }
    std::vector<interval> v(static_cast<std::size_t>(f.n_nodes), interval(bits));
    std::vector<sign_info> s(static_cast<std::size_t>(f.n_nodes));
    node_failure first;
    walk(
        f, v, [&](int i) { visit_node(f, i, v, s, at, params, finite_box, first); },
        [](const interval& cond) {
            if (!cond.valid()) return 0;
            if (mpfr_cmp_ui(cond.lower(), 1) >= 0) return 1;
            if (mpfr_sgn(cond.upper()) <= 0) return 2;
            return 0;
        },
        [bits](const interval& a, const interval& b) {
            interval h(bits);
            iv::hull(h, a, b);
            return h;
        });
    return first;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

inline interval box(double lo, double hi, mpfr_prec_t bits) {
    interval r(bits);
    mpfr_set_d(r.lower(), lo, MPFR_RNDD);
    mpfr_set_d(r.upper(), hi, MPFR_RNDU);
    return r;
}

//! Where a box [lo, hi] is split: the midpoint of a finite box, geometrically on an unbounded
//! side (0, then ±1, ±2, ±4, …).
inline double split_point(double lo, double hi) {
    if (std::isfinite(lo) && std::isfinite(hi)) return lo + (hi - lo) / 2;
    if (!std::isfinite(lo) && !std::isfinite(hi)) return 0;
    if (std::isfinite(lo)) return lo < 0 ? 0 : (lo < 1 ? 1 : 2 * lo);
    return hi > 0 ? 0 : (hi > -1 ? -1 : 2 * hi);
}

//! A short decimal for a double point.
inline std::string point_text(double t) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", t);
    return buffer;
}

//! A point of the box where f certainly fails, if one of a few candidates is such a point.
inline std::optional<std::pair<double, node_failure>> witness_in(const expr& f, double lo,
                                                                 double hi, mpfr_prec_t bits) {
    std::vector<double> candidates;
    if (std::isfinite(lo) && std::isfinite(hi)) candidates.push_back(split_point(lo, hi));
    for (const double t : {lo, hi, std::round(lo), std::round(hi)})
        if (std::isfinite(t)) candidates.push_back(t);
    if (candidates.empty()) candidates.push_back(split_point(lo, hi));
    if (!std::isfinite(hi) && std::isfinite(lo)) candidates.push_back(lo + 1);
    if (!std::isfinite(lo) && std::isfinite(hi)) candidates.push_back(hi - 1);
    for (const double t : candidates) {
        if (!(t >= lo && t <= hi)) continue;
        const node_failure nf = check_box(f, box(t, t, 4 * bits), true);
        if (nf.how == failing::certainly) return std::pair{t, nf};
    }
    return std::nullopt;
}

inline domain_report failed(const expr& f, domain_status s, const node_failure& nf,
                            std::optional<std::string> point, long boxes) {
    domain_report r;
    r.status = s;
    r.reason = nf.reason;
    r.subexpression = nf.node >= 0 ? to_text(actlab::detail::compact(f, nf.node)) : "";
    r.point = std::move(point);
    r.boxes = boxes;
    return r;
}

}  // namespace detail::domain

//! Proves f (parameters at their defaults) defined and finite at every real x, or says why
//! not. Bounded work: at most options.max_boxes boxes.
inline domain_report prove_defined_on_reals(const expr& f, const domain_options& options = {}) {
    namespace dd = detail::domain;
    struct range {
        double lo, hi;
        int depth;
    };
    // x = 0 first: a constant beyond the number format shows there as a point.
    if (const auto w = dd::witness_in(f, 0, 0, options.bits))
        return dd::failed(f, domain_status::undefined, w->second, "0", 1);
    std::vector<range> todo{{-INFINITY, INFINITY, 0}};
    long boxes = 0;
    while (!todo.empty()) {
        const range b = todo.back();
        todo.pop_back();
        if (++boxes > options.max_boxes)
            return dd::failed(
                f, domain_status::could_not_prove,
                {dd::failing::possibly, -1, "the proof did not finish within its box budget"},
                "[" + dd::point_text(b.lo) + ", " + dd::point_text(b.hi) + "]", boxes);
        const bool finite_box = std::isfinite(b.lo) && std::isfinite(b.hi);
        const dd::node_failure nf = dd::check_box(f, dd::box(b.lo, b.hi, options.bits), finite_box);
        if (nf.how == dd::failing::no) continue;
        const double mid = dd::split_point(b.lo, b.hi);
        const bool tiny = finite_box && !(b.lo < mid && mid < b.hi);
        if (nf.how == dd::failing::certainly || tiny || b.depth >= 2200) {
            if (const auto w = dd::witness_in(f, b.lo, b.hi, options.bits))
                return dd::failed(f, domain_status::undefined, w->second, dd::point_text(w->first),
                                  boxes);
            if (tiny || b.depth >= 2200)
                return dd::failed(f, domain_status::could_not_prove, nf,
                                  "[" + dd::point_text(b.lo) + ", " + dd::point_text(b.hi) + "]",
                                  boxes);
        }
        todo.push_back({mid, b.hi, b.depth + 1});
        todo.push_back({b.lo, mid, b.depth + 1});
    }
    domain_report r;
    r.status = domain_status::proved;
    r.boxes = boxes;
    return r;
}

inline std::string domain_report::message() const {
    switch (status) {
        case domain_status::proved: return "f is defined and finite on all of R";
        case domain_status::undefined:
            return "f is not defined and finite on all of R: " + reason +
                   (subexpression.empty() ? "" : " in " + subexpression) +
                   (point ? " at x = " + *point : "");
        case domain_status::could_not_prove: break;
    }
    return "could not prove f defined and finite on all of R (" + reason +
           (subexpression.empty() ? "" : " in " + subexpression) +
           (point ? " on x in " + *point : "") + ")";
}

//! Throws actlab::error "actlab: <what>: <reason>" unless f is proved defined and finite on ℝ.
inline void require_defined_on_reals(const expr& f, const std::string& what) {
    const domain_report r = prove_defined_on_reals(f);
    if (!r.proved()) throw error("actlab: " + what + ": " + r.message());
}

}  // namespace actlab
