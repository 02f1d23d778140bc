// actlab: the analysis of an activation as words, as the `actlab analyze` text report and as
// JSON (needs MPFR). Every string of the analysis is made here, from its typed results.
#pragma once

#include <actlab/analysis/results.hpp>
#include <actlab/report/claim.hpp>
#include <actlab/report/json.hpp>
#include <actlab/report/number.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::report {

inline const char* text(parity_kind p) {
    switch (p) {
        case parity_kind::even: return "even";
        case parity_kind::odd: return "odd";
        case parity_kind::none: return "none";
        case parity_kind::unknown: break;
    }
    return "unknown";
}

inline const char* text(monotonicity m) {
    switch (m) {
        case monotonicity::increasing: return "increasing";
        case monotonicity::non_decreasing: return "non-decreasing";
        case monotonicity::decreasing: return "decreasing";
        case monotonicity::non_increasing: return "non-increasing";
        case monotonicity::constant: return "constant";
        case monotonicity::none: return "none";
        case monotonicity::unknown: break;
    }
    return "unknown";
}

//! "C-infinity", "C1", "at least C4", "discontinuous", "unknown".
inline std::string text(const smoothness_class& s) {
    using kind = smoothness_class::kind;
    switch (s.k) {
        case kind::infinite: return "C-infinity";
        case kind::finite: return "C" + std::to_string(s.order);
        case kind::at_least: return "at least C" + std::to_string(s.order);
        case kind::discontinuous: return "discontinuous";
        case kind::unknown: break;
    }
    return "unknown";
}

inline const char* text(stability s) {
    switch (s) {
        case stability::attracting: return "attracting";
        case stability::repelling: return "repelling";
        case stability::neutral: return "neutral";
        case stability::unknown: break;
    }
    return "unknown";
}

inline const char* text(neutral_approach a) {
    switch (a) {
        case neutral_approach::both_sides: return "attracting from both sides (algebraically)";
        case neutral_approach::from_left: return "attracting from the left, repelling to the right";
        case neutral_approach::from_right:
            return "attracting from the right, repelling to the left";
        case neutral_approach::neither: break;
    }
    return "repelling on both sides (algebraically)";
}

//! "geometric: |x_n - x*| ~ C*0.5^n", "order 3: …", "algebraic: x_n - x* ~ +-(1.5/n)^(1/2)".
inline std::string text(const convergence_law& law) {
    using kind = convergence_law::kind;
    const std::string k = std::to_string(law.order);
    switch (law.k) {
        case kind::geometric:
            return "geometric: |x_n - x*| ~ C*" + text(law.rate) + "^n" +
                   (law.alternating ? " (alternating sides)" : "");
        case kind::superlinear: return "superlinear (f'(x*) = 0)";
        case kind::order:
            return "order " + k + ": x_(n+1) - x* ~ " + text(law.rate) + "*(x_n - x*)^" + k;
        case kind::algebraic: break;
    }
    using sign = convergence_law::sign;
    const std::string root = law.order == 2 ? "" : "^(1/" + std::to_string(law.order - 1) + ")";
    const char* s =
        law.approach == sign::plus_minus ? "+-" : (law.approach == sign::plus ? "+" : "-");
    const char* side = law.approach == sign::plus    ? " (from the right)"
                       : law.approach == sign::minus ? " (from the left)"
                                                     : "";
    return "algebraic: x_n - x* ~ " + std::string(s) + "(" + text(law.rate) + "/n)" + root + side;
}

//! One law, or "left: …; right: …" at a switching point; "" when there is none.
inline std::string text(const std::vector<convergence_law>& laws) {
    std::string out;
    for (const convergence_law& law : laws) {
        if (!out.empty()) out += "; ";
        if (law.applies == convergence_law::side::left) out += "left: ";
        if (law.applies == convergence_law::side::right) out += "right: ";
        out += text(law);
    }
    return out;
}

//! What else is known about a fixed point: how a neutral point attracts, the one-sided
//! derivatives at a switching point, an uncertified sign change; "" when nothing.
inline std::string note(const fixed_point_report& p) {
    std::string out;
    if (p.approach) out = text(*p.approach);
    if (p.one_sided)
        out += (out.empty() ? "" : "; ") + std::string("a switching point: f'(x-) = ") +
               text(p.one_sided->first) + ", f'(x+) = " + text(p.one_sided->second);
    if (out.empty() && !p.certified) out = "sign change not certified at the refined point";
    return out;
}

//! "(|w|*0.25)^L", or "0" when the factor is 0 (the bound is 0 for every w).
inline std::string chain_power(const approx& factor) {
    if (factor.is_zero()) return "0";
    return "(|w|*" + text(factor) + ")^L";
}

//! What sup|f′| and inf|f′| mean for a chain x_(k+1) = w·f(x_k) of L layers.
inline std::string gradient_note(const analysis_report& r) {
    if (!r.gradients_known) return "the range of f' is not known, so no depth bounds";
    const approx &s = r.sup_abs_derivative, &i = r.inf_abs_derivative;
    std::string out = "for a chain x_(k+1) = w*f(x_k) of L layers, |dx_L/dx_0| lies between " +
                      chain_power(i) + " and " + chain_power(s);
    if (!s.infinite() && !s.is_zero())
        out += "; it must vanish (geometrically) for |w| < 1/" + text(s);
    if (i.is_zero())
        out += "; no weight scale rules out vanishing, since inf|f'| = 0";
    else
        out += "; it cannot vanish for |w| >= 1/" + text(i) + " (every factor |w f'| >= 1)";
    return out;
}

//! "[a, b]", "(a, b)", "[a, b)": closed ends belong to the interval.
inline std::string interval_text(const interval_report& v) {
    return std::string(v.lo_closed ? "[" : "(") + text_or(v.lo, "unknown") + ", " +
           text_or(v.hi, "unknown") + (v.hi_closed ? "]" : ")");
}

//! A claim in JSON: {"value": true|false|null, "status": …, "proof"|"witness"|"reason": …}.
inline void write_claim(json_writer& w, const claim& c) {
    w.begin_object();
    w.key("value").value(c.value());
    w.key("status").value(to_string(c.status));
    w.key(c.status == proof_status::proved    ? "proof"
          : c.status == proof_status::refuted ? "witness"
                                              : "reason")
        .value(text(c.reason));
    w.end_object();
}

inline void write_extremum(json_writer& w, const extremum_report& e) {
    w.begin_object();
    w.key("inf").value(e.inf);
    w.key("sup").value(e.sup);
    w.key("arginf").value(e.arginf);
    w.key("argsup").value(e.argsup);
    w.key("inf_attained").value(e.inf_attained);
    w.key("sup_attained").value(e.sup_attained);
    w.key("reason").value(text(e.reason));
    w.end_object();
}

inline void write_json_properties(json_writer& w, const analysis_report& r) {
    w.key("properties").begin_object();
    for (const auto& [key, c] : {std::pair<const char*, const claim*>{"linear", &r.linear},
                                 {"affine", &r.affine},
                                 {"polynomial", &r.polynomial}}) {
        w.key(key);
        write_claim(w, *c);
    }
    w.key("polynomial_degree");
    if (r.polynomial_degree)
        w.integer(*r.polynomial_degree);
    else
        w.null();
    w.key("universal_approximator");
    write_claim(w, r.universal_approximator);
    w.key("parity");
    if (r.parity == parity_kind::unknown)
        w.null();
    else
        w.value(text(r.parity));
    w.key("even");
    write_claim(w, r.even);
    w.key("odd");
    write_claim(w, r.odd);
    w.key("period").value(r.period);
    w.key("periodic");
    write_claim(w, r.periodic);
    w.key("monotone");
    if (r.monotone == monotonicity::unknown)
        w.null();
    else
        w.value(text(r.monotone));
    for (const auto& [key, c] :
         {std::pair<const char*, const claim*>{"monotone_claim", &r.monotone_claim},
          {"bounded_above", &r.bounded_above},
          {"bounded_below", &r.bounded_below}}) {
        w.key(key);
        write_claim(w, *c);
    }
    w.key("smoothness").value(text(r.smoothness));
    w.key("kinks").begin_array();
    for (const auto& k : r.kinks) {
        w.begin_object();
        w.key("x").value(k.x);
        w.key("left_derivative").value(k.left_derivative);
        w.key("right_derivative").value(k.right_derivative);
        w.key("jump").value(k.jump);
        w.end_object();
    }
    w.end_array();
    w.key("dead_regions").begin_array();
    for (const auto& v : r.dead_regions) {
        w.begin_array();
        w.value(v.lo);
        w.value(v.hi);
        w.end_array();
    }
    w.end_array();
    w.key("saturation").begin_object();
    w.key("derivative_at_minus_inf").value(r.derivative_limit_left);
    w.key("derivative_at_plus_inf").value(r.derivative_limit_right);
    w.end_object();
    w.end_object();
}

inline void write_json_nesting(json_writer& w, const analysis_report& r) {
    w.key("fixed_points").begin_array();
    for (const auto& p : r.fixed_points) {
        w.begin_object();
        w.key("x").value(p.x);
        w.key("derivative").value(p.derivative);
        w.key("stability").value(text(p.kind));
        if (const std::string n = note(p); !n.empty()) w.key("note").value(n);
        w.key("convergence");
        if (p.convergence.empty())
            w.null();
        else
            w.value(text(p.convergence));
        w.end_object();
    }
    w.end_array();
    w.key("fixed_intervals").begin_array();
    for (const auto& v : r.fixed_intervals) {
        w.begin_array();
        w.value(v.lo);
        w.value(v.hi);
        w.end_array();
    }
    w.end_array();
    w.key("fixed_intervals_closed").begin_array();
    for (const auto& v : r.fixed_intervals) {
        w.begin_array();
        w.value(v.lo_closed);
        w.value(v.hi_closed);
        w.end_array();
    }
    w.end_array();
    w.key("fixed_points_complete");
    write_claim(w, r.fixed_points_complete);
    w.key("two_cycles").begin_array();
    for (const auto& [p, q] : r.two_cycles) {
        w.begin_array();
        w.value(p);
        w.value(q);
        w.end_array();
    }
    w.end_array();
    w.key("two_cycles_complete");
    write_claim(w, r.two_cycles_complete);
    w.key("idempotent");
    write_claim(w, r.idempotent);
}

//! The whole analysis as one JSON object (what `actlab analyze NAME --format json` prints).
inline void write_json(std::ostream& out, std::string_view name, const analysis_report& r) {
    json_writer w(out);
    w.begin_object();
    w.key("activation").value(name);
    w.key("formula").value(r.formula);
    w.key("latex").value(r.latex);
    w.key("digits").integer(r.digits);
    w.key("derivative").begin_object();
    w.key("formula").value(r.derivative_formula);
    w.key("latex").value(r.derivative_latex);
    w.end_object();
    w.key("f0").value(r.f0);
    write_json_properties(w, r);
    w.key("range");
    write_extremum(w, r.range);
    w.key("derivative_range");
    write_extremum(w, r.derivative_range);
    write_json_nesting(w, r);
    w.key("gradient_bounds").begin_object();
    w.key("sup_abs_derivative").value(r.sup_abs_derivative);
    w.key("inf_abs_derivative").value(r.inf_abs_derivative);
    w.key("vanishing_weight").value(r.vanishing_weight);
    w.key("non_vanishing_weight").value(r.non_vanishing_weight);
    w.key("depth_bounds").begin_array();
    for (const auto& b : r.depth_bounds) {
        w.begin_object();
        w.key("depth").integer(b.depth);
        w.key("best").value(b.best);
        w.key("worst").value(b.worst);
        w.end_object();
    }
    w.end_array();
    w.key("note").value(gradient_note(r));
    w.end_object();
    w.end_object();
}

//! " (not attained)", " (attained at x = …)", " (attained)", or "" when undecided.
inline std::string attained_text(const std::optional<bool>& attained,
                                 const std::optional<approx>& at) {
    if (!attained) return "";
    if (!*attained) return " (not attained)";
    return at ? " (attained at x = " + text_or(*at, "unknown") + ")" : " (attained)";
}

//! "f  in [a, b]  inf (…), sup (…)": an end that is not attained (only approached) is open,
//! "(0, 1)"; an attained end, or one whose attainment is undecided, has a bracket.
inline std::string range_line(const char* what, const extremum_report& e) {
    const bool lo_open = e.inf_attained && !*e.inf_attained;
    const bool hi_open = e.sup_attained && !*e.sup_attained;
    return std::string("  ") + what + " in " + (lo_open ? "(" : "[") + text_or(e.inf, "unknown") +
           ", " + text_or(e.sup, "unknown") + (hi_open ? ")" : "]") + "  inf" +
           attained_text(e.inf_attained, e.arginf) + ", sup" +
           attained_text(e.sup_attained, e.argsup) +
           // Why an end is unknown, when it is the search's budget (analysis/roots.hpp).
           ((!e.inf.known() || !e.sup.known()) && e.budget_exhausted
                ? "  (unknown: search budget exhausted)"
                : "") +
           "\n";
}

inline void write_text_properties(std::ostream& out, const analysis_report& r) {
    const auto claim_line = [&](const char* what, const claim& c) {
        out << "  " << what << yes_no(c) << "  [" << to_string(c.status)
            << (c.reason.empty() ? "" : ": " + text(c.reason)) << "]\n";
    };
    out << "Properties\n";
    claim_line("linear:                 ", r.linear);
    claim_line("affine:                 ", r.affine);
    claim_line("polynomial:             ", r.polynomial);
    if (r.polynomial_degree) out << "  degree:                 " << *r.polynomial_degree << "\n";
    claim_line("universal approximator: ", r.universal_approximator);
    out << "  parity:                 " << text(r.parity) << "  ["
        << text(r.parity == parity_kind::odd ? r.odd.reason : r.even.reason) << "]\n";
    out << "  periodic:               "
        << (r.period.known() ? "yes, period " + text(r.period) : yes_no(r.periodic)) << "  ["
        << to_string(r.periodic.status) << ": " << text(r.periodic.reason) << "]\n";
    out << "  monotone:               " << text(r.monotone) << "  ["
        << text(r.monotone_claim.reason) << "]\n";
    claim_line("bounded above:          ", r.bounded_above);
    claim_line("bounded below:          ", r.bounded_below);
    out << "  f(0):                   " << text_or(r.f0, "unknown") << "\n"
        << "  smoothness:             " << text(r.smoothness) << "\n";
    for (const auto& k : r.kinks)
        out << "  " << (k.jump ? "jump" : "kink") << " at x = " << text_or(k.x, "unknown")
            << ": f'(x-) = " << text_or(k.left_derivative, "unknown")
            << ", f'(x+) = " << text_or(k.right_derivative, "unknown") << "\n";
    out << "  dead regions (f' = 0):  ";
    if (r.dead_regions.empty()) out << "none";
    for (std::size_t k = 0; k < r.dead_regions.size(); ++k)
        out << (k ? ", " : "") << interval_text(r.dead_regions[k]);
    out << "\n  saturation:             f' -> " << text_or(r.derivative_limit_left, "unknown")
        << " as x -> -inf, f' -> " << text_or(r.derivative_limit_right, "unknown")
        << " as x -> +inf\n";
}

inline void write_text_nesting(std::ostream& out, const analysis_report& r) {
    out << "\nNesting f(f(...f(x)))\n";
    if (r.fixed_points.empty() && r.fixed_intervals.empty()) out << "  no real fixed point\n";
    for (const auto& p : r.fixed_points) {
        const std::string n = note(p), law = text(p.convergence);
        out << "  fixed point x* = " << text_or(p.x, "unknown")
            << ", f'(x*) = " << text_or(p.derivative, "unknown") << ", " << text(p.kind)
            << (n.empty() ? "" : " (" + n + ")") << "\n"
            << (law.empty() ? "" : "    convergence: " + law + "\n");
    }
    for (const auto& v : r.fixed_intervals)
        out << "  every point of " << interval_text(v) << " is fixed\n";
    out << "  complete: " << to_string(r.fixed_points_complete.status) << " ("
        << text(r.fixed_points_complete.reason) << ")\n";
    for (const auto& [p, q] : r.two_cycles)
        out << "  2-cycle: " << text_or(p, "unknown") << " <-> " << text_or(q, "unknown") << "\n";
    out << "  idempotent f(f(x)) = f(x): " << yes_no(r.idempotent) << "  ["
        << to_string(r.idempotent.status)
        << (r.idempotent.reason.empty() ? "" : ": " + text(r.idempotent.reason)) << "]\n";
}

//! The text report of `actlab analyze NAME`.
inline void write_text(std::ostream& out, std::string_view name, const analysis_report& r) {
    out << name << "(x) = " << r.formula << "\n"
        << "f'(x) = " << r.derivative_formula << "\n"
        << "LaTeX: " << r.latex << "\n"
        << "(numbers to " << r.digits
        << " significant digits, shown only where two working precisions agree)\n\n";
    write_text_properties(out, r);
    out << "\nRanges\n" << range_line("f ", r.range) << range_line("f'", r.derivative_range);
    write_text_nesting(out, r);
    out << "\nGradients across depth\n"
        << "  sup |f'| = " << text_or(r.sup_abs_derivative, "unknown")
        << ", inf |f'| = " << text_or(r.inf_abs_derivative, "unknown") << "\n  " << gradient_note(r)
        << "\n";
    for (const auto& b : r.depth_bounds)
        out << "  L = " << b.depth << ": (inf|f'|)^L = " << text_or(b.best, "unknown")
            << ", (sup|f'|)^L = " << text_or(b.worst, "unknown") << "\n";
}

}  // namespace actlab::report
