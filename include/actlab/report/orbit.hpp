// actlab: an orbit x_{n+1} = f(x_n) and its gradient product as the `actlab orbit` report — a
// table of the checkpoints, what the search for the double-underflow depths found — in terminal
// text, JSON, Markdown, LaTeX and CSV (needs MPFR and fmt). Every string of the orbit is made
// here, from its typed result.
#pragma once

#include <actlab/analysis/orbit.hpp>
#include <actlab/report/json.hpp>
#include <actlab/report/number.hpp>
#include <actlab/report/table.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace actlab::report {

//! "found", "none up to N", "none up to N (proved)", "unknown".
inline std::string text(depth_search s, long searched_depth) {
    const std::string none = "none up to " + std::to_string(searched_depth);
    switch (s) {
        case depth_search::found: return "found";
        case depth_search::none: return none;
        case depth_search::none_proved: return none + " (proved)";
        case depth_search::unknown: break;
    }
    return "unknown";
}

//! "[0, 0.659046] at n = 64, min |f'| there >= 0.224704".
inline std::string text(const orbit_invariant& j) {
    return "[" + text(j.lo) + ", " + text(j.hi) + "] at n = " + std::to_string(j.n) +
           ", min |f'| there >= " + text(j.min_abs_derivative);
}

//! How the underflow search ended: "steps computed: 10000 and 10000; …".
inline std::string search_note(const orbit_report& r) {
    std::string out = "steps computed: " + std::to_string(r.steps_working) + " and " +
                      std::to_string(r.steps_check);
    if (r.invariant)
        out += (r.invariant_at_both ? "; no further underflow: the orbit stays in J = " : "; ") +
               text(*r.invariant);
    if (r.stopped_beyond_range)
        out += "; the search stopped at n = " + std::to_string(*r.stopped_beyond_range) +
               ": x_n is beyond MPFR's exponent range";
    if (r.out_of_range_from)
        out += "; values beyond MPFR's exponent range could not be carried from n = " +
               std::to_string(*r.out_of_range_from);
    if (r.settled_working || r.settled_check) {
        const auto at = [](const std::optional<long>& n, int period) {
            return n ? "from n = " + std::to_string(*n) + " (period " + std::to_string(period) + ")"
                     : std::string("not");
        };
        out += "; the rounded orbit repeats " + at(r.settled_working, r.period_working) +
               " at the working precision, " + at(r.settled_check, r.period_check) +
               " at the check precision: later x_n repeat, later P_n are powers (by squaring)";
    }
    if (r.stopped_by_budget)
        out += "; the search stopped at n = " + std::to_string(*r.stopped_by_budget) +
               ": the step budget (steps x working bits) was spent";
    return out;
}

//! "orbit of NAME from x0 = 1, 50 significant digits (agreeing at two precisions)".
inline std::string orbit_heading(std::string_view name, const orbit_report& r) {
    return "orbit of " + std::string(name) + " from x0 = " + decimal_text(r.x0) + ", " +
           std::to_string(r.digits) + " significant digits (agreeing at two precisions)";
}

//! "IEEE double: |P_n| < 2^-1022 (subnormal) from n = 9, < 2^-1074 … (searched to n = N)".
inline std::string underflow_summary(const orbit_report& r) {
    const auto depth_text = [&](const std::optional<long>& v, depth_search status) {
        return v ? " from n = " + std::to_string(*v) : ": " + text(status, r.searched_depth);
    };
    return "IEEE double: |P_n| < 2^-1022 (subnormal)" +
           depth_text(r.double_subnormal_depth, r.double_subnormal_status) +
           ", < 2^-1074 (underflow to 0)" +
           depth_text(r.double_underflow_depth, r.double_underflow_status) +
           " (searched to n = " + std::to_string(r.searched_depth) + ")";
}

//! The checkpoints: n, x_n, P_n and log10 |P_n|.
inline table orbit_table(const orbit_report& r) {
    table t{{{"n", "n", ""},
             {"x", "x_n", ""},
             {"grad_product", "P_n", ""},
             {"log10_abs_grad_product", "log10 |P_n|", ""}}};
    for (const orbit_step& s : r.steps)
        t.add({static_cast<long long>(s.n), wide_number_cell{s.x}, wide_number_cell{s.grad_product},
               number{s.log10_abs_grad_product}});
    return t;
}

//! The text report of `actlab orbit`: one block per checkpoint, then the underflow depths.
inline void write_text(std::ostream& out, std::string_view name, const orbit_report& r) {
    out << orbit_heading(name, r) << "\nP_n = f'(x_0)·f'(x_1)···f'(x_{n-1})\n\n";
    for (const orbit_step& s : r.steps)
        out << "n = " << s.n << "\n  x_n          = " << text_or(s.x, "unknown")
            << "\n  P_n          = " << text_or(s.grad_product, "unknown")
            << "\n  log10 |P_n|  = " << text_or(s.log10_abs_grad_product, "unknown") << "\n";
    out << "\n" << underflow_summary(r) << "\n(" << search_note(r) << ")\n";
}

//! The JSON report: every real number a decimal string (null when unknown), the depths
//! integers (null when none was found).
inline void write_json(std::ostream& out, std::string_view name, const orbit_report& r) {
    json_writer w(out);
    const auto wide = [&](const wide_approx& v) {
        if (v.known())
            w.value(std::string_view(text(v)));
        else
            w.null();
    };
    const auto depth = [&](const std::optional<long>& v) {
        if (v)
            w.integer(*v);
        else
            w.null();
    };
    w.begin_object();
    w.key("activation").value(name);
    w.key("x0").value(std::string_view(decimal_text(r.x0)));
    w.key("depth").integer(r.depth);
    w.key("digits").integer(r.digits);
    w.key("steps").begin_array();
    for (const orbit_step& s : r.steps) {
        w.begin_object();
        w.key("n").integer(s.n);
        w.key("x");
        wide(s.x);
        w.key("grad_product");
        wide(s.grad_product);
        w.key("log10_abs_grad_product").value(s.log10_abs_grad_product);
        w.end_object();
    }
    w.end_array();
    w.key("double_underflow_depth");
    depth(r.double_underflow_depth);
    w.key("double_subnormal_depth");
    depth(r.double_subnormal_depth);
    w.key("double_underflow_status").value(text(r.double_underflow_status, r.searched_depth));
    w.key("double_subnormal_status").value(text(r.double_subnormal_status, r.searched_depth));
    w.key("searched_depth").integer(r.searched_depth);
    w.key("note").value(search_note(r));
    w.end_object();
}

//! The report in a format: "text", "json", "md" (the table between the heading and the
//! underflow depths), "latex" (the table, the rest as comments), "csv" (the table).
inline void write_orbit(std::ostream& out, std::string_view name, const orbit_report& r,
                        std::string_view format) {
    if (format == "json") return write_json(out, name, r);
    if (format == "md") {
        out << orbit_heading(name, r) << "; $P_n = f'(x_0) f'(x_1) \\cdots f'(x_{n-1})$\n\n"
            << to_markdown(orbit_table(r)) << "\n"
            << underflow_summary(r) << " (" << search_note(r) << ")\n";
    } else if (format == "latex") {
        out << "% " << orbit_heading(name, r) << "\n"
            << to_latex(orbit_table(r)) << "% " << underflow_summary(r) << "\n% (" << search_note(r)
            << ")\n";
    } else if (format == "csv") {
        out << to_csv(orbit_table(r));
    } else {
        write_text(out, name, r);
    }
}

}  // namespace actlab::report
