// actlab: the MLP's tables — checkpoints and accuracy statistics as text, Markdown, LaTeX,
// CSV or JSON. A small renderer of its own (header + rows of cells); every real number is
// written as the shortest decimal that reads back to the same double.
#pragma once

#include <actlab/expr/error.hpp>
#include <actlab/mlp/train.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::mlp {

//! The shortest decimal that reads back to v ("nan", "inf", "-inf" for the others).
inline std::string shortest(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return {buffer, r.ptr};
}

//! A table: a header and rows of text cells.
struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

namespace detail {

inline std::string latex_escape(std::string_view s) {
    std::string r;
    for (const char c : s) {
        if (c == '_' || c == '#' || c == '%' || c == '&') r += '\\';
        r += c;
    }
    return r;
}

inline std::string csv_cell(std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
    std::string r = "\"";
    for (const char c : s) r += c == '"' ? std::string("\"\"") : std::string(1, c);
    return r + "\"";
}

}  // namespace detail

//! Writes t as "text" (aligned columns), "md", "latex" or "csv".
inline void render(std::ostream& out, const table& t, std::string_view format) {
    if (format == "csv") {
        for (std::size_t k = 0; k < t.header.size(); ++k)
            out << (k ? "," : "") << detail::csv_cell(t.header[k]);
        out << '\n';
        for (const auto& row : t.rows) {
            for (std::size_t k = 0; k < row.size(); ++k)
                out << (k ? "," : "") << detail::csv_cell(row[k]);
            out << '\n';
        }
    } else if (format == "md") {
        const auto line = [&](const std::vector<std::string>& cells) {
            out << '|';
            for (const auto& c : cells) out << ' ' << c << " |";
            out << '\n';
        };
        line(t.header);
        out << '|';
        for (std::size_t k = 0; k < t.header.size(); ++k) out << (k ? "---:|" : "---|");
        out << '\n';
        for (const auto& row : t.rows) line(row);
    } else if (format == "latex") {
        out << "\\begin{tabular}{l" << std::string(t.header.size() - 1, 'r') << "}\n\\hline\n";
        const auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t k = 0; k < cells.size(); ++k)
                out << (k ? " & " : "") << detail::latex_escape(cells[k]);
            out << " \\\\\n";
        };
        line(t.header);
        out << "\\hline\n";
        for (const auto& row : t.rows) line(row);
        out << "\\hline\n\\end{tabular}\n";
    } else {
        std::vector<std::size_t> width(t.header.size(), 0);
        for (std::size_t k = 0; k < t.header.size(); ++k) width[k] = t.header[k].size();
        for (const auto& row : t.rows)
            for (std::size_t k = 0; k < row.size() && k < width.size(); ++k)
                width[k] = std::max(width[k], row[k].size());
        const auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t k = 0; k < cells.size(); ++k) {
                const std::string pad(width[k] - cells[k].size(), ' ');
                out << (k ? "  " : "") << (k ? pad + cells[k] : cells[k] + pad);
            }
            out << '\n';
        };
        line(t.header);
        for (const auto& row : t.rows) line(row);
    }
}

//! The checkpoints of runs as one table (activation and seed columns when there are several).
inline table checkpoint_table(const std::vector<run_result>& runs, bool diagnostics) {
    table t;
    const bool several = runs.size() > 1;
    if (several) t.header = {"activation", "seed"};
    for (const char* h : {"epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"})
        t.header.emplace_back(h);
    std::size_t layers = 0;
    if (diagnostics && !runs.empty()) layers = runs[0].net.layers.size();
    for (std::size_t l = 0; l < layers; ++l)
        for (const char* h : {"grad_norm_", "saturated_", "dead_"})
            t.header.push_back(h + std::to_string(l + 1));
    for (const run_result& r : runs)
        for (const checkpoint& c : r.checkpoints) {
            std::vector<std::string> row;
            if (several) row = {r.activation, r.seed};
            row.push_back(std::to_string(c.epoch));
            for (const double v : {c.train_loss, c.test_loss, c.train_accuracy, c.test_accuracy})
                row.push_back(shortest(v));
            for (std::size_t l = 0; l < layers; ++l) {
                const layer_diagnostics& d =
                    l < c.layers.size() ? c.layers[l] : layer_diagnostics{};
                for (const double v : {d.gradient_norm, d.saturated, d.dead})
                    row.push_back(shortest(v));
            }
            t.rows.push_back(std::move(row));
        }
    return t;
}

//! One summary per activation setting (runs grouped by consecutive equal activation).
struct setting_summary {
    std::string activation;
    mlp::summary stats;
};

inline std::vector<setting_summary> summaries(const std::vector<run_result>& runs,
                                              double target_accuracy) {
    std::vector<setting_summary> r;
    std::size_t k = 0;
    while (k < runs.size()) {
        std::vector<const run_result*> group;
        std::size_t j = k;
        while (j < runs.size() && runs[j].activation == runs[k].activation)
            group.push_back(&runs[j++]);
        r.push_back({runs[k].activation, summarize(group, target_accuracy)});
        k = j;
    }
    return r;
}

inline table summary_table(const std::vector<setting_summary>& s, double target_accuracy) {
    table t;
    t.header = {"activation",
                "runs",
                "mean_test_accuracy",
                "min_test_accuracy",
                "max_test_accuracy",
                "reached_" + shortest(target_accuracy),
                "diverged"};
    const auto fixed = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, "%.4f", v);
        return std::string(b);
    };
    for (const setting_summary& e : s)
        t.rows.push_back(
            {e.activation, std::to_string(e.stats.runs), fixed(e.stats.mean_test_accuracy),
             fixed(e.stats.min_test_accuracy), fixed(e.stats.max_test_accuracy),
             std::to_string(e.stats.reached_target) + "/" + std::to_string(e.stats.runs),
             std::to_string(e.stats.diverged)});
    return t;
}

namespace detail {

inline void json_string(std::ostream& out, std::string_view s) {
    out << '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') out << '\\';
        out << c;
    }
    out << '"';
}

}  // namespace detail

//! {"runs": [{"activation", "seed", "diverged_at", "checkpoints": [{"epoch", "train_loss",
//! "test_loss", "train_accuracy", "test_accuracy", ["layers"]}]}], "summary": {"target",
//! "by_activation": [{"activation", "runs", "mean_test_accuracy", ...}]}}. Real
//! numbers are decimal strings (as everywhere in actlab's JSON), integers are numbers.
inline void write_json(std::ostream& out, const std::vector<run_result>& runs,
                       const std::vector<setting_summary>& s, double target_accuracy) {
    const auto num = [&](double v) { detail::json_string(out, shortest(v)); };
    out << "{\n  \"runs\": [";
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const run_result& run = runs[r];
        out << (r ? ",\n" : "\n") << "    {\"activation\": ";
        detail::json_string(out, run.activation);
        out << ", \"seed\": ";
        detail::json_string(out, run.seed);
        out << ", \"diverged_at\": ";
        if (run.diverged_at)
            out << *run.diverged_at;
        else
            out << "null";
        out << ", \"checkpoints\": [";
        for (std::size_t k = 0; k < run.checkpoints.size(); ++k) {
            const checkpoint& c = run.checkpoints[k];
            out << (k ? ",\n" : "\n") << "      {\"epoch\": " << c.epoch << ", \"train_loss\": ";
            num(c.train_loss);
            out << ", \"test_loss\": ";
            num(c.test_loss);
            out << ", \"train_accuracy\": ";
            num(c.train_accuracy);
            out << ", \"test_accuracy\": ";
            num(c.test_accuracy);
            if (!c.layers.empty()) {
                out << ", \"layers\": [";
                for (std::size_t l = 0; l < c.layers.size(); ++l) {
                    out << (l ? ", " : "") << "{\"gradient_norm\": ";
                    num(c.layers[l].gradient_norm);
                    out << ", \"saturated\": ";
                    num(c.layers[l].saturated);
                    out << ", \"dead\": ";
                    num(c.layers[l].dead);
                    out << '}';
                }
                out << ']';
            }
            out << '}';
        }
        out << "]}";
    }
    out << "\n  ],\n  \"summary\": {\"target\": ";
    num(target_accuracy);
    out << ", \"by_activation\": [";
    for (std::size_t k = 0; k < s.size(); ++k) {
        out << (k ? ",\n" : "\n") << "    {\"activation\": ";
        detail::json_string(out, s[k].activation);
        out << ", \"runs\": " << s[k].stats.runs << ", \"mean_test_accuracy\": ";
        num(s[k].stats.mean_test_accuracy);
        out << ", \"min_test_accuracy\": ";
        num(s[k].stats.min_test_accuracy);
        out << ", \"max_test_accuracy\": ";
        num(s[k].stats.max_test_accuracy);
        out << ", \"reached_target\": " << s[k].stats.reached_target
            << ", \"diverged\": " << s[k].stats.diverged << '}';
    }
    out << "\n  ]}\n}\n";
}

}  // namespace actlab::mlp
