// Reference tables written by tests/data/generate_activation_references.py, and the error of
// a computed value against them in ulps. Shared by tests/runtime/activation_accuracy.cpp and
// tools/accuracy (which writes docs/reference/accuracy.md).
#pragma once

#include <actlab/diff/derivative.hpp>

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace actlab_test {

//! One table: a column of doubles x and, per row, the exact values of f, f', f'', ∂f/∂p
//! written as decimal strings ("undef" where the derivative does not exist).
struct reference_table {
    std::vector<std::string> columns;  //!< the value columns: "f", "d1", "d2", "d_alpha", ...
    std::vector<double> x;
    std::vector<std::vector<std::string>> values;  //!< values[row][column]
};

inline std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ',')) out.push_back(cell);
    return out;
}

//! Reads a table; throws std::runtime_error on a missing or malformed file.
inline reference_table read_reference_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open reference table " + path);
    reference_table t;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells = split_csv(line);
        if (header) {
            if (cells.empty() || cells[0] != "x") throw std::runtime_error("bad header in " + path);
            t.columns.assign(cells.begin() + 1, cells.end());
            header = false;
            continue;
        }
        if (cells.size() != t.columns.size() + 1)
            throw std::runtime_error("bad row in " + path + ": " + line);
        char* end = nullptr;
        t.x.push_back(std::strtod(cells[0].c_str(), &end));
        if (*end != '\0') throw std::runtime_error("bad x in " + path + ": " + cells[0]);
        t.values.emplace_back(cells.begin() + 1, cells.end());
    }
    return t;
}

//! A value read from a table into MPFR (`bits` bits), or false for "undef".
inline bool read_value(mpfr_ptr out, const std::string& text) {
    if (text == "undef") return false;
    if (mpfr_set_str(out, text.c_str(), 10, MPFR_RNDN) != 0)
        throw std::runtime_error("bad reference value " + text);
    return true;
}

//! The distance of v from the exact reference r in units of the last place, for a binary
//! format with `digits` significand bits whose normal numbers start at 2^(min_exponent − 1)
//! (below that, the subnormal spacing). Infinite if r is 0 and v is not; NaN if v is NaN.
inline double ulps(mpfr_srcptr v, mpfr_srcptr r, long digits, long min_exponent) {
    if (mpfr_nan_p(v)) return std::numeric_limits<double>::quiet_NaN();
    if (mpfr_zero_p(r)) return mpfr_zero_p(v) ? 0.0 : std::numeric_limits<double>::infinity();
    if (mpfr_inf_p(v)) return std::numeric_limits<double>::infinity();
    const long e = mpfr_get_exp(r);  // |r| in [2^(e-1), 2^e)
    const long scale = std::max(e, min_exponent) - digits;
    mpfr_t diff;
    mpfr_init2(diff, std::max(mpfr_get_prec(v), mpfr_get_prec(r)) + 64);
    mpfr_sub(diff, v, r, MPFR_RNDN);
    mpfr_mul_2si(diff, diff, -scale, MPFR_RNDN);
    const double out = std::fabs(mpfr_get_d(diff, MPFR_RNDN));
    mpfr_clear(diff);
    return out;
}

// The expression a table column holds: f, f', f'' or ∂f/∂p.
inline actlab::expr column_expression(const actlab::expr& f, const std::string& column) {
    if (column == "f") return f;
    if (column == "d1") return actlab::d(f);
    if (column == "d2") return actlab::d(actlab::d(f));
    if (column.rfind("d_", 0) == 0) return actlab::d(f, column.substr(2));
    throw std::runtime_error("unknown reference column " + column);
}

}  // namespace actlab_test
