// actlab: the mean field and the edge of chaos as words — the `actlab meanfield` and `actlab eoc`
// text reports — and as one-row tables for JSON, Markdown, LaTeX and CSV (needs MPFR and fmt).
// Every string of a mean-field result is made here, from its typed values.
#pragma once

#include <actlab/analysis/meanfield.hpp>
#include <actlab/report/number.hpp>
#include <actlab/report/table.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace actlab::report {

inline const char* text(mean_field_status s) {
    switch (s) {
        case mean_field_status::fixed_point: return "fixed point";
        case mean_field_status::zero: return "zero";
        case mean_field_status::degenerate: return "degenerate";
        case mean_field_status::diverges: return "diverges";
        case mean_field_status::unknown: break;
    }
    return "unknown";
}

inline const char* text(mean_field_reason::target t) {
    switch (t) {
        case mean_field_reason::target::q_star: return "q*";
        case mean_field_reason::target::c_star: return "c*";
        case mean_field_reason::target::edge: break;
    }
    return "chi1 = 1";
}

//! Why a mean-field value is missing, or how the status was reached ("" when nothing is said).
inline std::string text(const mean_field_reason& r) {
    using kind = mean_field_reason::kind;
    const std::string prefix = r.correlation_only ? "c*, chi_c: " : "";
    const auto say = [&](const std::string& t) { return prefix + t; };
    switch (r.k) {
        case kind::none: return "";
        case kind::homogeneous_every_q:
            return "f is positively homogeneous and sigma_w2 E[f(z)^2] = 1: every q is a fixed "
                   "point";
        case kind::homogeneous_diverges:
            return "f is positively homogeneous: q -> sigma_w2 E[f(z)^2] q + sigma_b2 with slope "
                   ">= 1, so q diverges; chi1 = sigma_w2 E[f'(z)^2] does not depend on q";
        case kind::no_fixed_point_below:
            return say(
                fmt::format("the variance map has no fixed point below 2^{}: q diverges", r.count));
        case kind::evaluation_budget:
            return say(fmt::format("the quadratures did not converge within {} evaluations of f",
                                   r.count));
        case kind::sums_not_converged:
            return say(
                fmt::format("the Gaussian trapezoidal sums did not converge at q = {:.6g}", r.at));
        case kind::too_many_nodes:
            return say("the correlation map needs too many quadrature nodes at this c");
        case kind::root_not_converged:
            return say(fmt::format("the root search for {} did not converge", text(r.root)) +
                       (r.count > 0 ? fmt::format(" within {} steps", r.count) : ""));
        case kind::fell_below_sigma_b2: return say("the variance map fell below sigma_b2");
        case kind::vanishes_although_unstable:
            return say(fmt::format(
                "the variance map falls below 2^-{} although sigma_w2 f'(0)^2 > 1", r.count));
        case kind::no_fixed_point_found: return say("no fixed point of the variance map found");
        case kind::no_correlation_point_below_1:
            return say("no fixed point of the correlation map below 1 found");
        case kind::no_correlation_point_above_minus_1:
            return say("no fixed point of the correlation map above -1 found");
        case kind::library_failure: return say("numerical failure: " + r.message);
        case kind::precisions_disagree:
            return fmt::format(
                "the two working precisions disagree on the variance map ('{}' vs "
                "'{}')",
                text(r.lo), text(r.hi));
        case kind::f_vanishes: return "f vanishes: chi1 = 0 for every sigma_w2";
        case kind::edge_every_q:
            return "chi1 = sigma_w2 E[f'(z)^2] for every q; at sigma_b2 = 0 every q is a fixed "
                   "point";
        case kind::edge_q_diverges:
            return "chi1 = sigma_w2 E[f'(z)^2] for every q; there the q map is q -> q + sigma_b2: "
                   "no finite q* (q diverges linearly)";
        case kind::edge_at_zero:
            return "q* = 0 (the q map contracts to 0); chi1 = sigma_w2 f'(0)^2";
        case kind::no_edge_in_range:
            return "no q in [2^-24, 2^40] with chi1 = 1 at a fixed point: no edge of chaos found";
        case kind::edge_not_reached:
            return "the q with chi1 = 1 is not the fixed point the variance map reaches";
        case kind::edge_q_unstable:
            return "q* is an unstable fixed point of the variance map (slope > 1): the iteration "
                   "moves away from it";
        case kind::edge_at_zero_repels:
            return "q* = 0 with chi1 = sigma_w2 f'(0)^2 = 1, the limit sigma_b2 -> 0 of the edge; "
                   "the variance map rises above q there, so q = 0 repels from above";
    }
    return "";
}

//! Why an edge of chaos report has no σ_w² ("" when it has one and nothing is said).
inline std::string note(const edge_of_chaos_report& r) {
    const std::string why = text(r.reason);
    if (!r.precisions_disagree) return why;
    return "the two working precisions disagree on whether an edge of chaos exists" +
           (why.empty() ? std::string() : " (" + why + ")");
}

//! The mean field as one row: the variances as given, the status, the six numbers, the note.
inline table mean_field_table(std::string_view name, const mean_field_report& r) {
    table t{{{"activation", "activation", ""},
             {"sigma_w2", "sigma_w^2", ""},
             {"sigma_b2", "sigma_b^2", ""},
             {"digits", "digits", ""},
             {"q_status", "q status", ""},
             {"q_star", "q*", ""},
             {"chi1", "chi1", ""},
             {"c_star", "c*", ""},
             {"chi_c", "chi_c", ""},
             {"xi_c", "xi_c", ""},
             {"xi_grad", "xi_grad", ""},
             {"note", "note", ""}}};
    t.add({text_cell{std::string(name)}, text_cell{r.sigma_w2}, text_cell{r.sigma_b2},
           static_cast<long long>(r.digits), text_cell{text(r.q_status)}, number{r.q_star},
           number{r.chi1}, number{r.c_star}, number{r.chi_c}, number{r.xi_c}, number{r.xi_grad},
           text_cell{text(r.reason)}});
    return t;
}

//! The edge of chaos as one row (σ_w², q* and the status empty when there is no edge).
inline table edge_of_chaos_table(std::string_view name, const edge_of_chaos_report& r) {
    table t{{{"activation", "activation", ""},
             {"sigma_b2", "sigma_b^2", ""},
             {"digits", "digits", ""},
             {"sigma_w2", "sigma_w^2", ""},
             {"q_star", "q*", ""},
             {"q_status", "q status", ""},
             {"note", "note", ""}}};
    t.add({text_cell{std::string(name)}, text_cell{r.sigma_b2}, static_cast<long long>(r.digits),
           r.sigma_w2 ? cell{number{*r.sigma_w2}} : cell{},
           r.sigma_w2 ? cell{number{r.q_star}} : cell{},
           r.sigma_w2 ? cell{text_cell{text(r.q_status)}} : cell{}, text_cell{note(r)}});
    return t;
}

//! A one-row table as one JSON object, a key per line (what `--format json` prints).
inline std::string to_json_object(const table& t) {
    std::string out = "{";
    for (std::size_t k = 0; k < t.columns.size(); ++k)
        out += fmt::format("{}\n  {}: {}", k ? "," : "", detail::json_string(t.columns[k].id),
                           detail::json_value(t.rows.at(0)[k]));
    return out + "\n}\n";
}

//! The `actlab meanfield` text report.
inline std::string mean_field_text(std::string_view name, const mean_field_report& r) {
    const auto shown = [](const approx& a) { return text_or(a, "unknown"); };
    const std::string q = r.q_status == mean_field_status::diverges     ? "inf"
                          : r.q_status == mean_field_status::degenerate ? "any q"
                                                                        : shown(r.q_star);
    std::string out = fmt::format("mean field of {} at sigma_w2 = {}, sigma_b2 = {} ({} digits)\n",
                                  name, r.sigma_w2, r.sigma_b2, r.digits);
    out += fmt::format("  q*       = {}  ({})\n", q, text(r.q_status));
    out += "  chi1     = " + shown(r.chi1) + "\n";
    out += "  c*       = " + shown(r.c_star) + "\n";
    out += "  chi_c    = " + shown(r.chi_c) + "\n";
    out += "  xi_c     = " + shown(r.xi_c) + "\n";
    out += "  xi_grad  = " + shown(r.xi_grad) + "\n";
    if (const std::string why = text(r.reason); !why.empty()) out += "  note: " + why + "\n";
    return out;
}

//! The `actlab eoc` text report.
inline std::string edge_of_chaos_text(std::string_view name, const edge_of_chaos_report& r) {
    std::string out = fmt::format("edge of chaos of {} at sigma_b2 = {}: ", name, r.sigma_b2);
    if (!r.sigma_w2) return out + "none — " + note(r) + "\n";
    const std::string q = r.q_status == mean_field_status::diverges ? "inf"
                          : r.q_status == mean_field_status::degenerate
                              ? "any: every q is a fixed point"
                              : text_or(r.q_star, "unknown");
    out += "sigma_w2 = " + text_or(*r.sigma_w2, "unknown") + " (q* = " + q + ")\n";
    using kind = mean_field_reason::kind;
    if (r.reason.k == kind::edge_q_unstable || r.reason.k == kind::edge_at_zero_repels)
        out += "  note: " + note(r) + "\n";
    return out;
}

}  // namespace actlab::report
