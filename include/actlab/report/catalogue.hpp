// actlab: the catalogue report — one row per activation with its key facts (formula, ranges of
// f and f′, monotone, parity, polynomial, universal approximator, kinks, fixed points with
// their stability, idempotent, depth behaviour), what `actlab` prints with no arguments
// (needs MPFR and fmt).
//
//     auto results = report::analyze_all(report::catalogue_entries(), 3, 0, {}, false);
//     std::cout << report::to_fitted_terminal(report::catalogue_table(results, true), 100);
#pragma once

#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/report/analysis.hpp>
#include <actlab/report/table.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace actlab::report {

//! An activation to analyse: its display name and its expression (on the heap: an expr is
//! large).
struct named_expr {
    std::string name;
    std::shared_ptr<const expr> f;
};

//! The analysis of one activation, or the error that stopped it.
struct analysed {
    std::string name;
    std::shared_ptr<const expr> f;
    std::optional<analysis_report> report;
    std::string error;
};

//! Every catalogue activation, in catalogue order.
inline std::vector<named_expr> catalogue_entries() {
    std::vector<named_expr> out;
    for (const activation& a : catalog())
        out.push_back({std::string(a.name), std::make_shared<const expr>(*a.definition)});
    return out;
}

//! Called after each analysis: how many are done, how many in all, the name just done.
using progress_fn = std::function<void(std::size_t, std::size_t, std::string_view)>;

namespace detail {

//! The CPU time in ms of the report's analysis of the catalogue's slowest entries (3 digits,
//! no 2-cycles; docs/reference/report_benchmark.md); every other entry took under 100 ms. Only
//! the order of the work depends on it, never a result.
inline double measured_cost(std::string_view name) {
    struct entry {
        std::string_view name;
        double ms;
    };
    static constexpr entry slow[] = {{"gelu_tanh", 700}, {"mish", 390},      {"gelu", 290},
                                     {"snake", 220},     {"bspline", 140},   {"silu", 130},
                                     {"swish", 130},     {"cos", 120},       {"sin", 120},
                                     {"tanh", 100},      {"logsigmoid", 100}};
    for (const entry& e : slow)
        if (e.name == name) return e.ms;
    return 0;
}

//! The order in which to start the analyses: longest first (longest-processing-time
//! scheduling, so that no worker is left with a long analysis at the end); entries not of
//! the catalogue (--expr, a custom tool's own) first of all, their cost being unknown.
inline std::vector<std::size_t> longest_first(const std::vector<named_expr>& entries) {
    std::vector<std::size_t> order(entries.size());
    std::vector<double> cost(entries.size());
    for (std::size_t k = 0; k < entries.size(); ++k) {
        order[k] = k;
        const activation* a = actlab::find(entries[k].name);
        const bool catalogue = a && a->name == entries[k].name && *a->definition == *entries[k].f;
        cost[k] = catalogue ? measured_cost(entries[k].name) : 1e9;
    }
    // std::sort with the index as tie-break, not std::stable_sort (whose temporary buffer
    // Clang flags as deprecated in libstdc++ 12).
    std::sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) {
        return cost[l] != cost[r] ? cost[l] > cost[r] : l < r;
    });
    return order;
}

}  // namespace detail

//! analyze() of every entry at `digits` on `threads` workers, longest first (each analysis
//! on a stack of its own, detail::on_large_stack); the results in the order of the entries.
//! two_cycles = false skips the 2-cycles (catalogue_table shows none).
inline std::vector<analysed> analyze_all(const std::vector<named_expr>& entries, int digits,
                                         unsigned threads = 0, const progress_fn& progress = {},
                                         bool two_cycles = true) {
    std::vector<analysed> out(entries.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads,
                                 static_cast<unsigned>(std::max<std::size_t>(1, entries.size())));
    const std::vector<std::size_t> order = detail::longest_first(entries);
    std::atomic<std::size_t> next{0};
    std::size_t done = 0;
    std::mutex m;
    const auto work = [&] {
        for (std::size_t j = next++; j < entries.size(); j = next++) {
            const std::size_t k = order[j];
            analysed a{entries[k].name, entries[k].f, std::nullopt, {}};
            try {
                a.report = actlab::detail::on_large_stack([&] {
                    return analyze(*entries[k].f, {.digits = digits, .two_cycles = two_cycles});
                });
            } catch (const std::exception& e) {
                a.error = e.what();
            }
            const std::lock_guard<std::mutex> lock(m);
            out[k] = std::move(a);
            ++done;
            if (progress) progress(done, entries.size(), entries[k].name);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    return out;
}

namespace detail {

inline const char* short_text(monotonicity m) {
    switch (m) {
        case monotonicity::increasing: return "inc";
        case monotonicity::non_decreasing: return "ndec";
        case monotonicity::decreasing: return "dec";
        case monotonicity::non_increasing: return "ninc";
        case monotonicity::constant: return "const";
        case monotonicity::none: return "no";
        case monotonicity::unknown: break;
    }
    return "?";
}

inline const char* parity_text(parity_kind p) {
    switch (p) {
        case parity_kind::even: return "even";
        case parity_kind::odd: return "odd";
        case parity_kind::none: return "-";
        case parity_kind::unknown: break;
    }
    return "?";
}

//! A number in plain text to at most max_digits.
inline std::string num(const approx& a, int max_digits) {
    return number_text(number{a, max_digits}, style{});
}

//! Whether a result reads as exactly `v` to the digits known (1 for an exactly known 1).
inline bool reads_as(const approx& a, long v) {
    if (!a.finite()) return false;
    if (v == 0) return a.is_zero();
    const decimal_digits d = a.shown();
    const decimal_digits w = round_to_digits(approx::integer(v, 1).value().backend().data(), 1);
    return d == w;
}

//! Where a known value lies relative to 1: −1 below, 0 at (to the digits known), 1 above.
inline int against_one(const approx& a) {
    if (reads_as(a, 1)) return 0;
    if (a.infinite()) return a.sign() > 0 ? 1 : -1;
    return abs(a).value() < 1 ? -1 : 1;
}

//! The gradient product's fate along a chain without weights, from the bounds
//! (inf|f′|)^L ≤ |∏ f′(x_k)| ≤ (sup|f′|)^L: compact ("↓0.25^L") or in words.
inline std::string depth_fate(const analysis_report& r, int max_digits, bool compact) {
    if (!r.gradients_known || !r.sup_abs_derivative.known() || !r.inf_abs_derivative.known())
        return compact ? "?" : "unknown";
    const approx &s = r.sup_abs_derivative, &i = r.inf_abs_derivative;
    const int hi = against_one(s), lo = against_one(i);
    if (hi < 0)
        return compact ? "↓" + num(s, max_digits) + "^L"
                       : "vanishes: |P_L| <= " + num(s, max_digits) + "^L";
    if (lo > 0)
        return compact ? "↑" + num(i, max_digits) + "^L"
                       : "explodes: |P_L| >= " + num(i, max_digits) + "^L";
    if (hi == 0 && lo == 0) return compact ? "=1" : "neutral: |P_L| = 1";
    if (hi == 0) return compact ? "≤1" : "cannot explode: |P_L| <= 1";
    return compact
               ? num(i, max_digits) + ".." + num(s, max_digits)
               : "either: " + num(i, max_digits) + "^L <= |P_L| <= " + num(s, max_digits) + "^L";
}

inline char stability_letter(stability s) {
    switch (s) {
        case stability::attracting: return 'a';
        case stability::repelling: return 'r';
        case stability::neutral: return 'n';
        case stability::unknown: break;
    }
    return '?';
}

inline std::string interval_plain(const interval_report& v, int max_digits) {
    return std::string(v.lo_closed ? "[" : "(") + num(v.lo, max_digits) + "," +
           num(v.hi, max_digits) + (v.hi_closed ? "]" : ")");
}

//! "0.659a", "-1r 0a 1r", "[0,inf)": fixed points with a stability letter, then intervals of
//! fixed points; at most `max_items` of them in compact form ("+2" for the rest), "none".
inline std::string fixed_points_text(const analysis_report& r, int max_digits,
                                     std::size_t max_items) {
    std::vector<std::string> items;
    for (const interval_report& v : r.fixed_intervals)
        items.push_back(interval_plain(v, max_digits));
    for (const fixed_point_report& p : r.fixed_points)
        items.push_back(num(p.x, max_digits) + stability_letter(p.kind));
    std::string out;
    for (std::size_t k = 0; k < items.size() && k < max_items; ++k)
        out += (k ? " " : "") + items[k];
    if (items.size() > max_items) out += " +" + std::to_string(items.size() - max_items);
    if (items.empty())
        out = r.fixed_points_complete.value().value_or(false) ? "none" : "?";
    else if (!r.fixed_points_complete.value().value_or(false))
        out += " ?";
    return out;
}

inline interval_cell range_cell(const extremum_report& e, int max_digits) {
    return {number{e.inf, max_digits}, number{e.sup, max_digits}, e.inf_attained, e.sup_attained};
}

//! The range as a cell; compact: "[0,inf)" without the space after the comma.
inline cell range_of(const extremum_report& e, int max_digits, bool compact) {
    const interval_cell v = range_cell(e, max_digits);
    if (!compact) return v;
    std::string t = interval_text(v, style{});
    if (const auto at = t.find(", "); at != std::string::npos) t.erase(at + 1, 1);
    return text_cell{t};
}

//! `t` cut to `n` display columns with an ellipsis.
inline std::string cut(const std::string& t, std::size_t n) {
    if (width(t) <= n) return t;
    std::string out;
    std::size_t w = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const bool starts = (static_cast<unsigned char>(t[k]) & 0xC0) != 0x80;
        if (starts && ++w > n - 1) break;
        out += t[k];
    }
    return out + "…";
}

inline std::string degree_text(const analysis_report& r) {
    const auto v = r.polynomial.value();
    if (!v) return "?";
    if (!*v) return "no";
    return r.polynomial_degree ? std::to_string(*r.polynomial_degree) : "yes";
}

}  // namespace detail

//! The legend of the compact (terminal) catalogue table.
inline std::string catalogue_legend() {
    return "f(R), f'(R)  ranges over the reals: [ ] attained, ( ) not attained, < > undecided\n"
           "mono  inc increasing, ndec non-decreasing, dec, ninc, const; no: not monotone\n"
           "par   odd, even, - neither     deg  polynomial degree; no: not a polynomial\n"
           "UA    universal approximator (a continuous non-polynomial; Leshno et al. 1993)\n"
           "kinks points where f' jumps    idem  f(f(x)) = f(x) for all x\n"
           "fixed points  f(x*) = x*: a attracting, r repelling, n neutral; [a,b] an interval "
           "of them;\n"
           "              ? the list is not proved complete; +k more (actlab show NAME)\n"
           "depth  the gradient product P_L of L stacked activations: ↓s^L vanishes, |P_L| <= "
           "s^L;\n"
           "       ↑i^L explodes, |P_L| >= i^L; =1 neutral; ≤1 cannot explode; i..s between "
           "i^L and s^L\n"
           "Numbers show only the digits on which two working precisions agree; ? unknown.\n";
}

//! One row per analysed activation. Compact: short titles and words, numbers to at most
//! `digits`, for a terminal; otherwise full titles for Markdown, LaTeX, CSV and JSON.
inline table catalogue_table(const std::vector<analysed>& rows, int digits, bool compact) {
    const auto col = [&](const char* id, const char* brief, const char* full) {
        return column{id, compact ? brief : full, ""};
    };
    table t{{col("name", "act", "activation"), col("formula", "f(x)", "f(x)"),
             col("range", "f(R)", "range of f"), col("derivative_range", "f'(R)", "range of f'"),
             col("monotone", "mono", "monotone"), col("parity", "par", "parity"),
             col("polynomial", "deg", "polynomial"),
             col("universal_approximator", "UA", "universal approximator"),
             col("kinks", "kink", "kinks"), col("fixed_points", "fixed points", "fixed points"),
             col("idempotent", "idem", "idempotent"), col("depth", "depth", "depth")}};
    for (const analysed& a : rows) {
        if (!a.report) {
            std::vector<cell> row(t.columns.size());
            row[0] = text_cell{a.name};
            row[1] = text_cell{"analysis failed: " + a.error};
            t.add(std::move(row));
            continue;
        }
        const analysis_report& r = *a.report;
        t.add({text_cell{a.name}, math_cell{r.formula, r.latex},
               detail::range_of(r.range, digits, compact),
               detail::range_of(r.derivative_range, digits, compact),
               text_cell{compact ? detail::short_text(r.monotone) : text(r.monotone)},
               text_cell{detail::parity_text(r.parity)}, text_cell{detail::degree_text(r)},
               r.universal_approximator, static_cast<long long>(r.kinks.size()),
               text_cell{compact ? detail::cut(detail::fixed_points_text(r, digits, 3), 14)
                                 : detail::fixed_points_text(r, digits, 100)},
               r.idempotent, text_cell{detail::depth_fate(r, digits, compact)}});
    }
    if (compact)
        for (auto& row : t.rows)
            if (auto* f = std::get_if<math_cell>(&row[1])) row[1] = text_cell{f->plain};
    return t;
}

//! Aligned columns with one space between them, fitted to `max_width` display columns by
//! cutting column `flexible` (with an ellipsis, never narrower than its title).
inline std::string to_fitted_terminal(const table& t, std::size_t max_width,
                                      std::size_t flexible = 1) {
    std::vector<std::vector<std::string>> lines = detail::terminal_lines(t);
    std::vector<std::size_t> w = detail::column_widths(lines);
    std::size_t total = w.empty() ? 0 : w.size() - 1;
    for (const std::size_t v : w) total += v;
    if (total > max_width && flexible < w.size()) {
        const std::size_t floor = std::max<std::size_t>(detail::width(lines[0][flexible]), 4);
        const std::size_t excess = total - max_width;
        w[flexible] = std::max(floor, w[flexible] > excess ? w[flexible] - excess : 0);
        for (auto& line : lines) line[flexible] = detail::cut(line[flexible], w[flexible]);
    }
    return detail::aligned(lines, w, 1);
}

//! The table in a format: "text" (fitted to `width` columns), "md", "latex", "csv", "json".
inline std::string render(const table& t, std::string_view format, std::size_t width = 100) {
    if (format == "md") return to_markdown(t);
    if (format == "latex") return to_latex(t);
    if (format == "csv") return to_csv(t);
    if (format == "json") return to_json(t);
    return to_fitted_terminal(t, width);
}

}  // namespace actlab::report
