// actlab: the tables for study notes (`actlab table TOPIC`) — why non-linear, why not
// sin/cos/x², stacking only activations, gradients across depth, mean-field initialisation,
// learnable activations — built from the typed analyses (needs MPFR and fmt).
#pragma once

#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/meanfield.hpp>
#include <actlab/analysis/orbit.hpp>
#include <actlab/analysis/roots.hpp>
#include <actlab/catalog.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/report/analysis.hpp>
#include <actlab/report/catalogue.hpp>
#include <actlab/report/orbit.hpp>
#include <actlab/report/table.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

// GCC 12 reports std::variant cells copied into a row as maybe-uninitialized (a known false
// positive of its variant); the rows here are built from fully constructed cells.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace actlab::report {

//! The topics of `actlab table`, in the order of the notes.
inline constexpr std::array<std::string_view, 6> note_topics = {
    "nonlinearity", "nesting", "derivatives", "depth", "meanfield", "learnable"};

//! The rows a topic shows when none are chosen.
inline std::vector<std::string> default_rows(std::string_view topic) {
    if (topic == "derivatives")
        return {"relu", "leaky_relu", "elu", "gelu", "silu", "mish", "softplus", "sigmoid", "tanh"};
    if (topic == "depth") return {"identity", "relu", "sigmoid", "tanh", "gelu", "silu", "sin"};
    if (topic == "meanfield") return {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "selu"};
    if (topic == "learnable") return {"prelu", "swish", "snake", "apl", "bspline"};
    return {"identity", "relu", "sigmoid", "tanh", "sin", "cos", "square", "cube", "gelu"};
}

//! Whether a topic needs analyze() of each row.
inline bool needs_analysis(std::string_view topic) {
    return topic != "meanfield" && topic != "learnable";
}

namespace detail {

inline std::string plain_number(const approx& a, int digits) { return num(a, digits); }

//! A double to `digits` significant digits ("0.5", "-2").
inline std::string double_text(double v, int digits) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return fmt::format("{:.{}g}", v, digits);
}

//! Zeros of f′: intervals where f′ ≡ 0, then the isolated zeros in [−8, 8] (each proved in a
//! box narrower than 1e−9, shown to `digits`); "+ k·p" when f has the period p.
inline std::string derivative_zeros(const analysis_report& r, const expr& f, int digits) {
    std::vector<std::string> items;
    for (const interval_report& v : r.dead_regions) items.push_back(interval_plain(v, digits));
    bool undecided = false;
    if (r.dead_regions.empty()) {
        try {
            const expr df = d(actlab::detail::at_defaults(f));
            for (const root_box& b : actlab::isolate_roots(df, -8, 8)) {
                if (b.status == box_status::undecided || !std::isfinite(b.lo) ||
                    !std::isfinite(b.hi)) {
                    undecided = true;
                    continue;
                }
                // The one root of the box, bisected at 128 bits (far beyond the digits shown).
                const double z =
                    b.lo == b.hi
                        ? b.lo
                        : mpfr_get_d(actlab::detail::ptr(actlab::bisect_root(df, b.lo, b.hi, 128)),
                                     MPFR_RNDN);
                items.push_back(double_text(z, digits));
            }
        } catch (const error&) {
            undecided = true;
        }
    }
    std::string out;
    const std::size_t shown = std::min<std::size_t>(items.size(), 5);
    for (std::size_t k = 0; k < shown; ++k) out += (k ? " " : "") + items[k];
    if (items.size() > shown) out += " …";
    if (out.empty())
        out = undecided ? "?" : "none";
    else if (undecided)
        out += " ?";
    if (r.periodic.value().value_or(false) && r.dead_regions.empty() && !items.empty())
        out += " (period " + num(r.period, digits) + ")";
    return out;
}

inline claim both(const claim& a, const claim& b) {
    if (a.status == proof_status::refuted) return a;
    if (b.status == proof_status::refuted) return b;
    if (a.status == proof_status::proved && b.status == proof_status::proved) return a;
    return {};
}

//! "no", or the period.
inline std::string periodic_text(const analysis_report& r, int digits) {
    const auto v = r.periodic.value();
    if (!v) return "?";
    return *v ? num(r.period, digits) : "no";
}

}  // namespace detail

//! nonlinearity: what makes an activation useful in a network, and what sin, cos, x² lack.
inline table nonlinearity_table(const std::vector<analysed>& rows, int digits) {
    table t{{{"name", "activation", ""},
             {"polynomial", "polynomial", ""},
             {"universal_approximator", "universal approximator", ""},
             {"monotone", "monotone", ""},
             {"periodic", "periodic", ""},
             {"bounded", "bounded", ""},
             {"derivative_zeros", "f' = 0 at", ""},
             {"derivative_bounded", "f' bounded", ""},
             {"even", "even", ""},
             {"lipschitz", "Lipschitz constant", ""}}};
    for (const analysed& a : rows) {
        if (!a.report) continue;
        const analysis_report& r = *a.report;
        const auto& dr = r.derivative_range;
        claim d_bounded;
        if (dr.inf.known() && dr.sup.known()) {
            const bool finite = dr.inf.finite() && dr.sup.finite();
            d_bounded.status = finite ? proof_status::proved : proof_status::refuted;
        }
        t.add({text_cell{a.name}, text_cell{detail::degree_text(r)}, r.universal_approximator,
               text_cell{text(r.monotone)}, text_cell{detail::periodic_text(r, digits)},
               detail::both(r.bounded_above, r.bounded_below),
               text_cell{detail::derivative_zeros(r, *a.f, digits)}, d_bounded, r.even,
               number{r.sup_abs_derivative, digits}});
    }
    return t;
}

namespace detail {

//! Where fⁿ(x₀) goes, by iterating in double to n = 20000: a certified fixed point it
//! approaches (the typed value), a point of an interval of fixed points it reaches, ±inf, a
//! 2-cycle, or "?".
inline std::string orbit_limit(const analysis_report& r, const expr& f, double x0, int digits) {
    constexpr long n = 20000;
    double x = x0, at_tenth = x0, before = x0, before2 = x0;
    for (long k = 1; k <= n; ++k) {
        before2 = before;
        before = x;
        x = eval(f, x);
        if (k == n / 10) at_tenth = x;
        if (!std::isfinite(x) || std::abs(x) > 1e300) return x > 0 ? "inf" : "-inf";
        if (x == before) break;  // reached a fixed point exactly
    }
    for (const fixed_point_report& p : r.fixed_points) {
        if (!p.x.finite()) continue;
        const double xs = p.x.value().convert_to<double>();
        if (std::abs(x - xs) < 0.02 && std::abs(x - xs) <= std::abs(at_tenth - xs))
            return num(p.x, digits);
    }
    if (x == before) return double_text(x, digits);
    if (x == before2 || std::abs(x - before2) < 1e-9 * (1 + std::abs(x)))
        return "2-cycle " + double_text(std::min(x, before), digits) + ", " +
               double_text(std::max(x, before), digits);
    return "?";
}

//! "0.659: geometric: …; 0: algebraic: …" for the attracting and neutral fixed points.
inline std::string convergence_text(const analysis_report& r, int digits) {
    std::string out;
    for (const fixed_point_report& p : r.fixed_points) {
        if (p.convergence.empty()) continue;
        if (!out.empty()) out += "; ";
        out += num(p.x, digits) + ": " + text(p.convergence);
    }
    for (const interval_report& v : r.fixed_intervals)
        out += (out.empty() ? "" : "; ") + interval_plain(v, digits) + ": in one step";
    return out.empty() ? "none" : out;
}

}  // namespace detail

//! The starting points of the nesting table.
inline constexpr std::array<double, 4> nesting_starts = {-2.0, -0.5, 0.5, 2.0};

//! nesting: fⁿ = f∘…∘f, the network made of activations only.
inline table nesting_table(const std::vector<analysed>& rows, int digits) {
    table t{{{"name", "activation", ""},
             {"limit_from_minus_2", "lim f^n(-2)", ""},
             {"limit_from_minus_0_5", "lim f^n(-0.5)", ""},
             {"limit_from_0_5", "lim f^n(0.5)", ""},
             {"limit_from_2", "lim f^n(2)", ""},
             {"fixed_points", "fixed points", ""},
             {"idempotent", "idempotent", ""},
             {"convergence", "convergence", ""}}};
    for (const analysed& a : rows) {
        if (!a.report) continue;
        const analysis_report& r = *a.report;
        std::vector<cell> row{text_cell{a.name}};
        for (const double x0 : nesting_starts)
            row.push_back(text_cell{detail::orbit_limit(r, *a.f, x0, digits)});
        row.push_back(text_cell{detail::fixed_points_text(r, digits, 100)});
        row.push_back(r.idempotent);
        row.push_back(text_cell{detail::convergence_text(r, digits)});
        t.add(std::move(row));
    }
    return t;
}

//! derivatives: the range of f′ with where it is attained, f′(0) and the tails.
inline table derivatives_table(const std::vector<analysed>& rows, int digits) {
    table t{{{"name", "activation", ""},
             {"derivative_formula", "f'(x)", ""},
             {"derivative_range", "range of f'", ""},
             {"arginf", "inf at x", ""},
             {"argsup", "sup at x", ""},
             {"derivative_at_0", "f'(0)", ""},
             {"limit_minus_inf", "f'(-inf)", ""},
             {"limit_plus_inf", "f'(+inf)", ""}}};
    for (const analysed& a : rows) {
        if (!a.report) continue;
        const analysis_report& r = *a.report;
        const auto& e = r.derivative_range;
        const auto where = [&](const std::optional<approx>& x, const std::optional<bool>& att) {
            if (x) return cell{number{*x, digits}};
            return cell{text_cell{att && !*att ? "not attained" : "?"}};
        };
        const approx d0 = actlab::detail::on_large_stack([&] {
            return actlab::detail::value_at(d(actlab::detail::at_defaults(*a.f)), 0.0, digits);
        });
        t.add({text_cell{a.name}, math_cell{r.derivative_formula, r.derivative_latex},
               detail::range_cell(e, digits), where(e.arginf, e.inf_attained),
               where(e.argsup, e.sup_attained), number{d0, digits},
               number{r.derivative_limit_left, digits}, number{r.derivative_limit_right, digits}});
    }
    return t;
}

//! depth: |∏ f′(x_k)| along the orbit from x₀ = 1, the bounds (inf|f′|)^L and (sup|f′|)^L,
//! and the depth at which the product underflows a double.
inline table depth_table(const std::vector<analysed>& rows, int digits) {
    table t{{{"name", "activation", ""},
             {"p_10", "|P_10|", ""},
             {"p_100", "|P_100|", ""},
             {"p_1000", "|P_1000|", ""},
             {"lower_bound_1000", "(inf|f'|)^1000", ""},
             {"upper_bound_1000", "(sup|f'|)^1000", ""},
             {"double_underflow_depth", "double underflow at L", ""}}};
    for (const analysed& a : rows) {
        if (!a.report) continue;
        const analysis_report& r = *a.report;
        const orbit_report o = actlab::detail::on_large_stack(
            [&] { return orbit(*a.f, "1", 1000, {.digits = digits}); });
        std::vector<cell> row{text_cell{a.name}};
        for (const long L : {10L, 100L, 1000L}) {
            cell v = text_cell{"?"};
            for (const orbit_step& s : o.steps)
                if (s.n == L && s.grad_product.known())
                    v = wide_number_cell{abs(s.grad_product), digits};
            row.push_back(v);
        }
        cell lo = text_cell{"?"}, hi = text_cell{"?"};
        for (const depth_bound& b : r.depth_bounds)
            if (b.depth == 1000) {
                lo = number{b.best, digits};
                hi = number{b.worst, digits};
            }
        row.push_back(lo);
        row.push_back(hi);
        if (o.double_underflow_depth)
            row.push_back(static_cast<long long>(*o.double_underflow_depth));
        else
            row.push_back(text_cell{text(o.double_underflow_status, o.searched_depth)});
        t.add(std::move(row));
    }
    return t;
}

//! PyTorch's recommended gain (torch.nn.init.calculate_gain) for an activation: its text,
//! and σ_w² = gain² as a decimal (60 digits when it is not a finite decimal). Empty text when
//! PyTorch has none.
struct pytorch_gain {
    std::string gain, sigma_w2;
};

inline pytorch_gain calculate_gain(std::string_view name) {
    if (name == "identity" || name == "sigmoid") return {"1", "1"};
    if (name == "tanh")
        return {"5/3", "2.77777777777777777777777777777777777777777777777777777777778"};
    if (name == "relu") return {"√2", "2"};
    // leaky_relu's default slope 0.01: √(2/(1 + 0.01²)); σ_w² = 2/1.0001.
    if (name == "leaky_relu")
        return {"√(2/(1+0.01²))", "1.99980001999800019998000199980001999800019998000199980002"};
    if (name == "selu") return {"3/4", "0.5625"};
    return {};
}

namespace detail {

//! The phase χ1 puts a network in, read from the digits shown: 1 the edge of chaos.
inline std::string phase_of(const approx& chi1) {
    if (!chi1.finite()) return "?";
    const mpfr_float v = chi1.shown_value(precisions{chi1.digits()}.working());
    return v == 1 ? "edge of chaos" : (v < 1 ? "ordered" : "chaotic");
}

}  // namespace detail

//! meanfield: the edge of chaos at σ_b² = 0 and 0.05, and where PyTorch's default gain puts a
//! network (σ_w² = gain², σ_b² = 0): q*, χ₁ and the phase.
inline table meanfield_table(const std::vector<named_expr>& rows, int digits) {
    table t{{{"name", "activation", ""},
             {"eoc_sigma_w2_b0", "EOC sigma_w^2 (sigma_b^2=0)", ""},
             {"eoc_sigma_w2_b005", "EOC sigma_w^2 (sigma_b^2=0.05)", ""},
             {"pytorch_gain", "PyTorch gain", ""},
             {"q_star", "q* at gain", ""},
             {"chi1", "chi1 at gain", ""},
             {"phase", "phase at gain", ""}}};
    const mean_field_options o{.digits = digits};
    for (const named_expr& a : rows) {
        const pytorch_gain g = calculate_gain(a.name);
        if (g.gain.empty())
            throw error("actlab: table meanfield: PyTorch's calculate_gain has no value for '" +
                        a.name + "' (rows: identity, sigmoid, tanh, relu, leaky_relu, selu)");
        const auto eoc = [&](const char* b2) -> cell {
            const edge_of_chaos_report e = actlab::detail::on_large_stack(
                [&] { return edge_of_chaos(*a.f, b2, {.digits = std::min(digits, 100)}); });
            return e.sigma_w2 ? cell{number{*e.sigma_w2}} : cell{text_cell{"none"}};
        };
        const mean_field_report m =
            actlab::detail::on_large_stack([&] { return mean_field(*a.f, g.sigma_w2, "0", o); });
        t.add({text_cell{a.name}, eoc("0"), eoc("0.05"), text_cell{g.gain}, number{m.q_star},
               number{m.chi1}, text_cell{detail::phase_of(m.chi1)}});
    }
    return t;
}

//! learnable: the trained parameters of an activation, their defaults and ∂f/∂θ.
inline table learnable_table(const std::vector<std::string>& names) {
    table t{{{"name", "activation", ""},
             {"parameters", "parameters (default)", ""},
             {"learnable", "learnable", ""},
             {"gradients", "df/dtheta", ""}}};
    for (const std::string& n : names) {
        const activation& a = at(n);
        const expr& f = *a.definition;
        std::string params, learn, plain, latex;
        for (std::size_t k = 0; k < a.parameters.size(); ++k) {
            const parameter_doc& p = a.parameters[k];
            const rational v = f.parameters[k].default_value;
            const std::string value =
                v.den == 1 ? fmt::format("{}", static_cast<long long>(v.num))
                           : detail::double_text(
                                 static_cast<double>(v.num) / static_cast<double>(v.den), 6);
            params += (params.empty() ? "" : ", ") + std::string(p.name) + " = " + value;
            if (!p.learnable) continue;
            learn += (learn.empty() ? "" : ", ") + std::string(p.name);
            const expr g = d(f, p.name);
            if (to_text(g).size() > 120) {  // the spline's pieces: too long for a table
                plain += (plain.empty() ? "" : "; ") + std::string("∂f/∂") + std::string(p.name) +
                         ": piecewise polynomial (actlab diff " + std::string(a.name) + " --wrt " +
                         std::string(p.name) + ")";
                latex += (latex.empty() ? "" : ",\\; ") + std::string("\\partial f/\\partial ") +
                         std::string(p.name) + ": \\text{piecewise polynomial}";
                continue;
            }
            plain +=
                (plain.empty() ? "" : "; ") + ("∂f/∂" + std::string(p.name) + " = ") + to_text(g);
            latex += (latex.empty() ? "" : ",\\; ") +
                     ("\\partial f/\\partial \\mathrm{" + std::string(p.name) + "} = ") +
                     to_latex(g);
        }
        t.add({text_cell{std::string(a.name)}, text_cell{params.empty() ? "none" : params},
               text_cell{learn.empty() ? "none" : learn},
               plain.empty() ? cell{text_cell{"none"}} : cell{math_cell{plain, latex}}});
    }
    return t;
}

}  // namespace actlab::report

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
