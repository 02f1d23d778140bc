// actlab: printing expressions as Unicode text, LaTeX and C++ source.
#pragma once

#include <actlab/expr/expression.hpp>
#include <actlab/print/detail/writer.hpp>

#include <string>

namespace actlab {

//! Unicode text, the spelling `parse` reads back: products with `·`, subtraction and
//! negation with `−` (U+2212), superscript integer exponents, `√`, `π`, `σ`, `|u|`,
//! Greek parameter names as letters, exact decimals, other rationals as p/q.
//!
//! **Example**: `to_text(d(sigmoid(x)))` is `σ(x)·(1 − σ(x))`;
//! `to_text(x * (1 + erf(x / sqrt(2))) / 2)` is `x·(1 + erf(x/√2))/2`.
inline std::string to_text(const expr& f) {
    return detail::formula_printer(f, detail::dialect::text).print();
}

//! LaTeX (math mode): `\frac`, `\sqrt`, `e^{u}` for exp, `\tanh^{2}(x)` for powers of
//! functions, `\operatorname{erf}`, `\left|x\right|`, `cases` for where.
//!
//! **Example**: `to_latex(d(tanh(x)))` is `1-\tanh^{2}(x)`.
inline std::string to_latex(const expr& f) {
    return detail::formula_printer(f, detail::dialect::latex).print();
}

//! C++ source that, compiled with `using namespace actlab;`, builds an expression equal to f.
//!
//! **Example**: `to_cpp(x * tanh(softplus(x)))` is `x * tanh(softplus(x))`;
//! `to_cpp(pow(x, ratio(1, 3)))` is `pow(x, ratio(1, 3))`.
inline std::string to_cpp(const expr& f) {
    return detail::formula_printer(f, detail::dialect::cpp).print();
}

}  // namespace actlab
