// analyze and list: what an activation is, and what the catalogue holds.
#include "commands.hpp"
#include "json.hpp"

#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/report/claim.hpp>

namespace actlab_cli {

namespace {

std::string text_of(const actlab::decimal& d) { return d.known() ? d.text : "unknown"; }

std::string yes_no(const actlab::claim& c) {
    const auto v = c.value();
    return v ? (*v ? "yes" : "no") : "unknown";
}

//! A claim in JSON: {"value": true|false|null, "status": …, "proof"|"witness"|"reason": …}.
void write_claim(json_writer& w, const actlab::claim& c) {
    w.begin_object();
    w.key("value").value(c.value());
    w.key("status").value(actlab::to_string(c.status));
    w.key(c.status == actlab::proof_status::proved    ? "proof"
          : c.status == actlab::proof_status::refuted ? "witness"
                                                      : "reason")
        .value(actlab::report::text(c.reason));
    w.end_object();
}

void write_extremum(json_writer& w, const actlab::extremum_report& e, bool with_args) {
    w.begin_object();
    w.key("inf").value(e.inf);
    w.key("sup").value(e.sup);
    if (with_args) {
        w.key("arginf").value(e.arginf);
        w.key("argsup").value(e.argsup);
    }
    w.key("inf_attained").value(e.inf_attained);
    w.key("sup_attained").value(e.sup_attained);
    w.key("reason").value(e.reason);
    w.end_object();
}

std::string attained_text(const std::optional<bool>& attained,
                          const std::optional<actlab::decimal>& at) {
    if (!attained) return "";
    if (!*attained) return " (not attained)";
    return at ? " (attained at x = " + text_of(*at) + ")" : " (attained)";
}

std::string interval_text(const actlab::analysis_report& r, std::size_t k) {
    const auto& [lo, hi] = r.fixed_intervals[k];
    const auto& [lo_in, hi_in] = r.fixed_interval_closed[k];
    return std::string(lo_in ? "[" : "(") + text_of(lo) + ", " + text_of(hi) + (hi_in ? "]" : ")");
}

void write_json(std::ostream& out, const activation& a, const actlab::analysis_report& r) {
    json_writer w(out);
    w.begin_object();
    w.key("activation").value(a.name);
    w.key("formula").value(r.formula);
    w.key("latex").value(r.latex);
    w.key("digits").integer(r.digits);
    w.key("derivative").begin_object();
    w.key("formula").value(r.derivative_formula);
    w.key("latex").value(r.derivative_latex);
    w.end_object();
    w.key("f0").value(r.f0);

    w.key("properties").begin_object();
    w.key("linear");
    write_claim(w, r.linear);
    w.key("affine");
    write_claim(w, r.affine);
    w.key("polynomial");
    write_claim(w, r.polynomial);
    w.key("polynomial_degree");
    if (r.polynomial_degree)
        w.integer(*r.polynomial_degree);
    else
        w.null();
    w.key("universal_approximator");
    write_claim(w, r.universal_approximator);
    w.key("parity");
    if (r.parity.empty())
        w.null();
    else
        w.value(r.parity);
    w.key("even");
    write_claim(w, r.even);
    w.key("odd");
    write_claim(w, r.odd);
    w.key("period").value(r.period);
    w.key("periodic");
    write_claim(w, r.periodic);
    w.key("monotone");
    if (r.monotone.empty())
        w.null();
    else
        w.value(r.monotone);
    w.key("monotone_claim");
    write_claim(w, r.monotone_claim);
    w.key("bounded_above");
    write_claim(w, r.bounded_above);
    w.key("bounded_below");
    write_claim(w, r.bounded_below);
    w.key("smoothness").value(r.smoothness);
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
    for (const auto& [lo, hi] : r.dead_regions) {
        w.begin_array();
        w.value(lo);
        w.value(hi);
        w.end_array();
    }
    w.end_array();
    w.key("saturation").begin_object();
    w.key("derivative_at_minus_inf").value(r.derivative_limit_left);
    w.key("derivative_at_plus_inf").value(r.derivative_limit_right);
    w.end_object();
    w.end_object();

    w.key("range");
    write_extremum(w, r.range, true);
    w.key("derivative_range");
    write_extremum(w, r.derivative_range, true);

    w.key("fixed_points").begin_array();
    for (const auto& p : r.fixed_points) {
        w.begin_object();
        w.key("x").value(p.x);
        w.key("derivative").value(p.derivative);
        w.key("stability").value(p.stability);
        if (!p.note.empty()) w.key("note").value(p.note);
        w.key("convergence");
        if (p.convergence.empty())
            w.null();
        else
            w.value(p.convergence);
        w.end_object();
    }
    w.end_array();
    w.key("fixed_intervals").begin_array();
    for (std::size_t k = 0; k < r.fixed_intervals.size(); ++k) {
        w.begin_array();
        w.value(r.fixed_intervals[k].first);
        w.value(r.fixed_intervals[k].second);
        w.end_array();
    }
    w.end_array();
    w.key("fixed_intervals_closed").begin_array();
    for (const auto& [lo_in, hi_in] : r.fixed_interval_closed) {
        w.begin_array();
        w.value(lo_in);
        w.value(hi_in);
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
    w.key("note").value(r.gradient_note);
    w.end_object();
    w.end_object();
}

void write_text(std::ostream& out, const activation& a, const actlab::analysis_report& r) {
    const auto claim_line = [&](const char* what, const actlab::claim& c) {
        out << "  " << what << yes_no(c) << "  [" << actlab::to_string(c.status)
            << (c.reason.empty() ? "" : ": " + actlab::report::text(c.reason)) << "]\n";
    };
    out << a.name << "(x) = " << r.formula << "\n"
        << "f'(x) = " << r.derivative_formula << "\n"
        << "LaTeX: " << r.latex << "\n"
        << "(numbers to " << r.digits
        << " significant digits, shown only where two working precisions agree)\n\n"
        << "Properties\n";
    claim_line("linear:                 ", r.linear);
    claim_line("affine:                 ", r.affine);
    claim_line("polynomial:             ", r.polynomial);
    if (r.polynomial_degree) out << "  degree:                 " << *r.polynomial_degree << "\n";
    claim_line("universal approximator: ", r.universal_approximator);
    out << "  parity:                 " << (r.parity.empty() ? "unknown" : r.parity) << "  ["
        << actlab::report::text(r.parity == "odd" ? r.odd.reason : r.even.reason) << "]\n";
    out << "  periodic:               "
        << (r.period.known() ? "yes, period " + r.period.text : yes_no(r.periodic)) << "  ["
        << actlab::to_string(r.periodic.status) << ": " << actlab::report::text(r.periodic.reason)
        << "]\n";
    out << "  monotone:               " << (r.monotone.empty() ? "unknown" : r.monotone) << "  ["
        << actlab::report::text(r.monotone_claim.reason) << "]\n";
    claim_line("bounded above:          ", r.bounded_above);
    claim_line("bounded below:          ", r.bounded_below);
    out << "  f(0):                   " << text_of(r.f0) << "\n"
        << "  smoothness:             " << r.smoothness << "\n";
    for (const auto& k : r.kinks)
        out << "  " << (k.jump ? "jump" : "kink") << " at x = " << text_of(k.x)
            << ": f'(x-) = " << text_of(k.left_derivative)
            << ", f'(x+) = " << text_of(k.right_derivative) << "\n";
    out << "  dead regions (f' = 0):  ";
    if (r.dead_regions.empty()) out << "none";
    for (std::size_t k = 0; k < r.dead_regions.size(); ++k)
        out << (k ? ", " : "") << "(" << text_of(r.dead_regions[k].first) << ", "
            << text_of(r.dead_regions[k].second) << ")";
    out << "\n  saturation:             f' -> " << text_of(r.derivative_limit_left)
        << " as x -> -inf, f' -> " << text_of(r.derivative_limit_right) << " as x -> +inf\n";

    out << "\nRanges\n"
        << "  f  in [" << text_of(r.range.inf) << ", " << text_of(r.range.sup) << "]"
        << "  inf" << attained_text(r.range.inf_attained, r.range.arginf) << ", sup"
        << attained_text(r.range.sup_attained, r.range.argsup) << "\n"
        << "  f' in [" << text_of(r.derivative_range.inf) << ", " << text_of(r.derivative_range.sup)
        << "]"
        << "  inf" << attained_text(r.derivative_range.inf_attained, r.derivative_range.arginf)
        << ", sup" << attained_text(r.derivative_range.sup_attained, r.derivative_range.argsup)
        << "\n";

    out << "\nNesting f(f(...f(x)))\n";
    if (r.fixed_points.empty() && r.fixed_intervals.empty()) out << "  no real fixed point\n";
    for (const auto& p : r.fixed_points)
        out << "  fixed point x* = " << text_of(p.x) << ", f'(x*) = " << text_of(p.derivative)
            << ", " << p.stability << (p.note.empty() ? "" : " (" + p.note + ")") << "\n"
            << (p.convergence.empty() ? "" : "    convergence: " + p.convergence + "\n");
    for (std::size_t k = 0; k < r.fixed_intervals.size(); ++k)
        out << "  every point of " << interval_text(r, k) << " is fixed\n";
    out << "  complete: " << actlab::to_string(r.fixed_points_complete.status) << " ("
        << actlab::report::text(r.fixed_points_complete.reason) << ")\n";
    for (const auto& [p, q] : r.two_cycles)
        out << "  2-cycle: " << text_of(p) << " <-> " << text_of(q) << "\n";
    claim_line("idempotent f(f(x)) = f(x): ", r.idempotent);

    out << "\nGradients across depth\n"
        << "  sup |f'| = " << text_of(r.sup_abs_derivative)
        << ", inf |f'| = " << text_of(r.inf_abs_derivative) << "\n  " << r.gradient_note << "\n";
    for (const auto& b : r.depth_bounds)
        out << "  L = " << b.depth << ": (inf|f'|)^L = " << text_of(b.best)
            << ", (sup|f'|)^L = " << text_of(b.worst) << "\n";
}

}  // namespace

int analyze(std::ostream& out, const activation& a, int digits, bool json) {
    const actlab::analysis_report r = actlab::analyze(a.f, {.digits = digits});
    if (json)
        write_json(out, a, r);
    else
        write_text(out, a, r);
    return 0;
}

int list(std::ostream& out) {
    for (const actlab::activation& a : actlab::catalog()) {
        out << a.name;
        for (std::size_t k = 0; k < a.aliases.size(); ++k)
            out << (k ? ", " : " (") << a.aliases[k] << (k + 1 == a.aliases.size() ? ")" : "");
        out << "\n    " << actlab::to_text(*a.definition) << "\n";
    }
    return 0;
}

}  // namespace actlab_cli
