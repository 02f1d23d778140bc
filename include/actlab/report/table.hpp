// actlab: one table model — columns (id, title, unit) and rows of typed cells — and its
// renderers: terminal text, JSON, Markdown (with $…$ math), LaTeX (booktabs) and CSV, on {fmt}
// (needs MPFR and fmt).
//
//     report::table t{{{"name", "activation", ""}, {"sup", "sup f", ""}}};
//     t.add({report::text_cell{"sigmoid"}, report::number{r.range.sup, 8}});
//     std::cout << report::to_markdown(t);
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/claim.hpp>
#include <actlab/report/number.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace actlab::report {

//! A column: a stable id (JSON key, CSV header), a title for people, a unit ("" for none).
struct column {
    std::string id, title, unit;
};

//! Plain text.
struct text_cell {
    std::string text;
};
//! A formula: plain text for the terminal, JSON and CSV, LaTeX for Markdown and LaTeX.
struct math_cell {
    std::string plain, latex;
};
//! A two-precision result shown to at most `max_digits` significant digits.
struct number {
    approx value;
    int max_digits = 1000;
};
//! A two-precision result of any magnitude (orbit values beyond MPFR's exponent range).
struct wide_number_cell {
    wide_approx value;
    int max_digits = 1000;
};
//! A measured quantity (a time) with a fixed number of decimals.
struct measured {
    double value = 0;
    int decimals = 2;
};
//! An interval [inf, sup]: each end closed (attained), open, or undecided (empty).
struct interval_cell {
    number lo, hi;
    std::optional<bool> lo_closed, hi_closed;
};

//! One cell: empty, text, math, a number, an integer, a measured value, a yes/no claim, an
//! interval, or a number of any magnitude.
using cell = std::variant<std::monostate, text_cell, math_cell, number, long long, measured, claim,
                          interval_cell, wide_number_cell>;

struct table {
    std::vector<column> columns;
    std::vector<std::vector<cell>> rows = {};

    //! Appends a row; it must have one cell per column.
    void add(std::vector<cell> row) {
        if (row.size() != columns.size())
            throw std::invalid_argument("actlab: report::table: a row needs one cell per column");
        rows.push_back(std::move(row));
    }
};

//! How numbers and markers read in one output format.
struct style {
    std::string minus = "-", infinity = "inf", unknown = "?";
    bool math = false;  //!< numbers and formulas in $…$
    std::string yes = "yes", no = "no";
    std::string open_lo = "(", open_hi = ")", undecided_lo = "<", undecided_hi = ">";
};

namespace detail {

//! The digits of a (finite, nonzero) to at most max_digits: rounded from the digits shown
//! (what `actlab analyze` prints), never from more.
inline decimal_digits shortened(const approx& a, int max_digits) {
    const mpfr_float shown = a.shown_value(precisions{a.digits()}.working() + 64);
    return round_to_digits(shown.backend().data(), std::max(1, std::min(max_digits, a.digits())));
}

//! A decimal text without its sign, in a style: the sign prefixed, math mode's ·10^{…}.
inline std::string styled(bool negative, std::string t, const style& s) {
    if (s.math) {
        if (const auto e = t.find('e'); e != std::string::npos)
            t = t.substr(0, e) + " \\cdot 10^{" + t.substr(e + 1) + "}";
    }
    return (negative ? s.minus : "") + t;
}

//! A number's digits, at most max_digits of them, in a style.
inline std::string number_text(const number& n, const style& s) {
    const approx& a = n.value;
    if (!a.known()) return s.unknown;
    if (a.infinite()) return (a.sign() < 0 ? s.minus : "") + s.infinity;
    if (a.is_zero()) return "0";
    decimal_digits d = shortened(a, n.max_digits);
    const bool negative = d.negative;
    d.negative = false;
    return styled(negative, decimal_text(d), s);
}

//! The same for a number of any magnitude: the significand shortened, the exponent exact.
inline std::string number_text(const wide_number_cell& n, const style& s) {
    if (const auto plain = n.value.narrow()) return number_text(number{*plain, n.max_digits}, s);
    const decimal_digits d = shortened(n.value.significand(), n.max_digits);
    return styled(d.negative,
                  decimal_text(wide_decimal_digits{false, d.mantissa, n.value.exp10() + d.exp10}),
                  s);
}

inline std::string claim_text(const claim& c, const style& s) {
    const auto v = c.value();
    return v ? (*v ? s.yes : s.no) : s.unknown;
}

inline std::string interval_text(const interval_cell& v, const style& s) {
    const auto bracket = [&](const std::optional<bool>& closed, bool lower) {
        if (!closed) return lower ? s.undecided_lo : s.undecided_hi;
        return *closed ? std::string(lower ? "[" : "]") : (lower ? s.open_lo : s.open_hi);
    };
    return bracket(v.lo_closed, true) + number_text(v.lo, s) + ", " + number_text(v.hi, s) +
           bracket(v.hi_closed, false);
}

//! A cell as text in a style; math wraps numbers and formulas in $…$.
inline std::string cell_text(const cell& c, const style& s) {
    const auto wrap = [&](const std::string& t) { return s.math ? "$" + t + "$" : t; };
    return std::visit(
        [&](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "";
            else if constexpr (std::is_same_v<T, text_cell>)
                return v.text;
            else if constexpr (std::is_same_v<T, math_cell>)
                return s.math ? "$" + v.latex + "$" : v.plain;
            else if constexpr (std::is_same_v<T, number>)
                return v.value.known() ? wrap(number_text(v, s)) : s.unknown;
            else if constexpr (std::is_same_v<T, long long>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, measured>)
                return fmt::format("{:.{}f}", v.value, v.decimals);
            else if constexpr (std::is_same_v<T, claim>)
                return claim_text(v, s);
            else if constexpr (std::is_same_v<T, wide_number_cell>)
                return v.value.known() ? wrap(number_text(v, s)) : s.unknown;
            else
                return wrap(interval_text(v, s));
        },
        c);
}

inline std::string title_with_unit(const column& c) {
    return c.unit.empty() ? c.title : c.title + " (" + c.unit + ")";
}

inline std::string json_string(const std::string& t) {
    std::string out = "\"";
    for (const char ch : t) {
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<int>(ch));
                else
                    out += ch;
        }
    }
    return out + "\"";
}

//! A cell as a JSON value: numbers as decimal strings ("0.25", "inf") or null, claims as
//! true/false/null, intervals as objects.
inline std::string json_value(const cell& c) {
    const style plain;
    const auto num = [&](const number& n) {
        return n.value.known() ? json_string(number_text(n, plain)) : std::string("null");
    };
    const auto flag = [](const std::optional<bool>& b) {
        return b ? std::string(*b ? "true" : "false") : std::string("null");
    };
    return std::visit(
        [&](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "null";
            else if constexpr (std::is_same_v<T, text_cell>)
                return json_string(v.text);
            else if constexpr (std::is_same_v<T, math_cell>)
                return json_string(v.plain);
            else if constexpr (std::is_same_v<T, number>)
                return num(v);
            else if constexpr (std::is_same_v<T, long long>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, measured>)
                return fmt::format("{:.{}f}", v.value, v.decimals);
            else if constexpr (std::is_same_v<T, claim>)
                return flag(v.value());
            else if constexpr (std::is_same_v<T, wide_number_cell>)
                return v.value.known() ? json_string(number_text(v, plain)) : std::string("null");
            else
                return fmt::format(
                    "{{\"inf\": {}, \"sup\": {}, \"inf_attained\": {}, \"sup_attained\": {}}}",
                    num(v.lo), num(v.hi), flag(v.lo_closed), flag(v.hi_closed));
        },
        c);
}

inline std::string latex_escape(const std::string& t) {
    std::string out;
    for (const char ch : t) {
        switch (ch) {
            case '&':
            case '%':
            case '$':
            case '#':
            case '_':
            case '{':
            case '}':
                out += '\\';
                out += ch;
                break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '\\': out += "\\textbackslash{}"; break;
            default: out += ch;
        }
    }
    return out;
}

inline std::string csv_field(const std::string& t) {
    if (t.find_first_of(",\"\n") == std::string::npos) return t;
    std::string out = "\"";
    for (const char ch : t) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

//! Display width of UTF-8 text: code points (every character of actlab's output is one
//! column wide).
inline std::size_t width(const std::string& t) {
    return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), [](char ch) {
        return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    }));
}

}  // namespace detail

namespace detail {

//! The display width of each column of `lines`.
inline std::vector<std::size_t> column_widths(const std::vector<std::vector<std::string>>& lines) {
    std::vector<std::size_t> w(lines.empty() ? 0 : lines[0].size(), 0);
    for (const auto& line : lines)
        for (std::size_t k = 0; k < line.size(); ++k) w[k] = std::max(w[k], width(line[k]));
    return w;
}

//! lines[0] as the header, a rule as wide as the table, then the other lines; columns of
//! widths `w` separated by `gap` spaces.
inline std::string aligned(const std::vector<std::vector<std::string>>& lines,
                           const std::vector<std::size_t>& w, std::size_t gap) {
    std::string out;
    const auto emit = [&](const std::vector<std::string>& line) {
        std::string l;
        for (std::size_t k = 0; k < line.size(); ++k) {
            l += line[k];
            if (k + 1 < line.size()) l += std::string(w[k] - width(line[k]) + gap, ' ');
        }
        out += l + "\n";
    };
    emit(lines[0]);
    std::size_t total = 0;
    for (std::size_t k = 0; k < w.size(); ++k) total += w[k] + (k + 1 < w.size() ? gap : 0);
    out += std::string(total, '-') + "\n";
    for (std::size_t k = 1; k < lines.size(); ++k) emit(lines[k]);
    return out;
}

}  // namespace detail

namespace detail {

//! The terminal text of a table's cells: the titles (with units), then one line per row.
inline std::vector<std::vector<std::string>> terminal_lines(const table& t) {
    const style s;
    std::vector<std::vector<std::string>> lines;
    std::vector<std::string> head;
    for (const column& c : t.columns) head.push_back(title_with_unit(c));
    lines.push_back(std::move(head));
    for (const auto& row : t.rows) {
        std::vector<std::string> line;
        for (const cell& c : row) line.push_back(cell_text(c, s));
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace detail

//! Aligned columns for a terminal: a header line, a rule, one line per row.
inline std::string to_terminal(const table& t) {
    const auto lines = detail::terminal_lines(t);
    return detail::aligned(lines, detail::column_widths(lines), 2);
}

//! A JSON array with one object per row, keyed by column id.
inline std::string to_json(const table& t) {
    std::string out = "[";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += r ? ",\n  {" : "\n  {";
        for (std::size_t k = 0; k < t.columns.size(); ++k)
            out += fmt::format("{}{}: {}", k ? ", " : "", detail::json_string(t.columns[k].id),
                               detail::json_value(t.rows[r][k]));
        out += "}";
    }
    return out + (t.rows.empty() ? "]\n" : "\n]\n");
}

//! The Markdown style: Unicode minus and ∞, ⟨/⟩ for an undecided end, numbers plain.
inline style markdown_style() {
    style s;
    s.minus = "−";
    s.infinity = "∞";
    s.undecided_lo = "⟨";
    s.undecided_hi = "⟩";
    return s;
}

//! A GitHub Markdown table; formulas (math cells) as $…$.
inline std::string to_markdown(const table& t, const style& s = markdown_style()) {
    const auto escape = [](std::string v) {
        std::string out;
        for (const char ch : v) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
        return out;
    };
    std::string out = "|";
    for (const column& c : t.columns) out += " " + escape(detail::title_with_unit(c)) + " |";
    out += "\n|";
    for (std::size_t k = 0; k < t.columns.size(); ++k) out += "---|";
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (const cell& c : row) {
            const std::string v = std::holds_alternative<math_cell>(c)
                                      ? "$" + std::get<math_cell>(c).latex + "$"
                                      : detail::cell_text(c, s);
            out += " " + escape(v) + " |";
        }
        out += "\n";
    }
    return out;
}

//! A LaTeX tabular with booktabs rules (\toprule, \midrule, \bottomrule); numbers and
//! formulas in math mode.
inline std::string to_latex(const table& t) {
    style s;
    s.math = true;
    s.infinity = "\\infty";
    s.undecided_lo = "\\langle ";
    s.undecided_hi = "\\rangle";
    std::string out = "\\begin{tabular}{" + std::string(t.columns.size(), 'l') + "}\n\\toprule\n";
    for (std::size_t k = 0; k < t.columns.size(); ++k)
        out += (k ? " & " : "") + detail::latex_escape(detail::title_with_unit(t.columns[k]));
    out += " \\\\\n\\midrule\n";
    for (const auto& row : t.rows) {
        for (std::size_t k = 0; k < row.size(); ++k) {
            const cell& c = row[k];
            const bool verbatim = std::holds_alternative<math_cell>(c) ||
                                  std::holds_alternative<number>(c) ||
                                  std::holds_alternative<interval_cell>(c) ||
                                  std::holds_alternative<wide_number_cell>(c);
            const std::string v = detail::cell_text(c, s);
            out += (k ? " & " : "") + (verbatim ? v : detail::latex_escape(v));
        }
        out += " \\\\\n";
    }
    return out + "\\bottomrule\n\\end{tabular}\n";
}

//! CSV (RFC 4180): a header of column ids, then the rows; fields quoted when needed.
inline std::string to_csv(const table& t) {
    const style s;
    std::string out;
    for (std::size_t k = 0; k < t.columns.size(); ++k)
        out += (k ? "," : "") + detail::csv_field(t.columns[k].id);
    out += "\n";
    for (const auto& row : t.rows) {
        for (std::size_t k = 0; k < row.size(); ++k)
            out += (k ? "," : "") + detail::csv_field(detail::cell_text(row[k], s));
        out += "\n";
    }
    return out;
}

}  // namespace actlab::report
