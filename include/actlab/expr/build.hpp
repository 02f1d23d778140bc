// actlab: building expressions — the variable, constants, parameters, operators, functions.
#pragma once

#include <actlab/expr/detail/transform.hpp>
#include <actlab/expr/expression.hpp>

#include <concepts>
#include <string_view>

namespace actlab {

namespace detail {

constexpr expr leaf(op kind, int aux) {
    expr w{raw_tag{}};
    intern_leaf(w, kind, aux);
    return w;
}

template <class Build>
constexpr expr unary(const expr& a, Build build) {
    expr w = a;
    return compact(w, build(w, a.root()));
}

template <class Build>
constexpr expr binary(const expr& a, const expr& b, Build build) {
    expr w = a;
    const index ib = import(w, b);
    return compact(w, build(w, a.root(), ib));
}

constexpr expr apply(op kind, const expr& a) {
    return unary(a, [kind](expr& w, index i) { return function(w, kind, i); });
}

}  // namespace detail

//! The variable x.
inline constexpr expr x = detail::leaf(op::variable, 0);
//! π, exact (a named constant).
inline constexpr expr pi = detail::leaf(op::named, static_cast<int>(named_constant::pi));
//! Euler's number e, exact (a named constant; e^u is exp(u)).
inline constexpr expr e = detail::leaf(op::named, static_cast<int>(named_constant::e));

//! An exact decimal constant: `constant("1.6732632423543772848170429916717")`.
constexpr expr constant(std::string_view decimal) {
    rational r{};
    if (detail::parse_decimal(decimal, r) != decimal.size() || decimal.empty())
        detail::fail("actlab: constant(\"...\") needs a decimal number that fits 128 bits");
    return expr(r);
}

//! An exact rational constant num/den.
constexpr expr ratio(long long num, long long den) {
    rational r{};
    if (!detail::normalize(num, den, r)) detail::fail("actlab: ratio(num, den) needs den != 0");
    return expr(r);
}

//! A named parameter with an exact default value (`param("alpha", 0.25)`).
constexpr expr param(std::string_view name, const expr& default_value) {
    if (!detail::is_number_expr(default_value))
        detail::fail("actlab: a parameter default must be a number");
    expr w{detail::raw_tag{}};
    detail::intern_leaf(w, op::parameter,
                        detail::intern_parameter(w, name, default_value.constants[0]));
    return w;
}

constexpr expr operator+(const expr& a, const expr& b) {
    return detail::binary(a, b, [](expr& w, int i, int j) { return detail::add(w, i, j); });
}
constexpr expr operator-(const expr& a, const expr& b) {
    return detail::binary(a, b, [](expr& w, int i, int j) { return detail::sub(w, i, j); });
}
constexpr expr operator*(const expr& a, const expr& b) {
    return detail::binary(a, b, [](expr& w, int i, int j) { return detail::mul(w, i, j); });
}
constexpr expr operator/(const expr& a, const expr& b) {
    return detail::binary(a, b, [](expr& w, int i, int j) {
        return detail::mul(w, i, detail::power(w, j, rational{-1, 1}));
    });
}
constexpr expr operator-(const expr& a) {
    return detail::unary(a, [](expr& w, int i) { return detail::neg(w, i); });
}
constexpr expr operator+(const expr& a) { return a; }

//! f^n for a number n (integer or rational: pow(x, ratio(1, 3))) or any expression.
constexpr expr pow(const expr& f, const expr& n) {
    return detail::binary(f, n, [](expr& w, int i, int j) { return detail::power(w, i, j); });
}
//! √f, which is f^(1/2).
constexpr expr sqrt(const expr& f) { return pow(f, ratio(1, 2)); }

constexpr expr exp(const expr& f) { return detail::apply(op::exp, f); }
constexpr expr expm1(const expr& f) { return detail::apply(op::expm1, f); }
constexpr expr log(const expr& f) { return detail::apply(op::log, f); }
constexpr expr log1p(const expr& f) { return detail::apply(op::log1p, f); }
constexpr expr abs(const expr& f) { return detail::apply(op::abs, f); }
constexpr expr sign(const expr& f) { return detail::apply(op::sign, f); }
//! Heaviside step H(f): 0 for f < 0, ½ at f = 0, 1 for f > 0.
constexpr expr step(const expr& f) { return detail::apply(op::step, f); }
constexpr expr tanh(const expr& f) { return detail::apply(op::tanh, f); }
//! σ(f) = 1/(1 + e^(−f)).
constexpr expr sigmoid(const expr& f) { return detail::apply(op::sigmoid, f); }
//! softplus(f) = log(1 + e^f).
constexpr expr softplus(const expr& f) { return detail::apply(op::softplus, f); }
constexpr expr erf(const expr& f) { return detail::apply(op::erf, f); }
constexpr expr erfc(const expr& f) { return detail::apply(op::erfc, f); }
constexpr expr sin(const expr& f) { return detail::apply(op::sin, f); }
constexpr expr cos(const expr& f) { return detail::apply(op::cos, f); }

// Integer arguments stay exact: with `using namespace actlab`, sqrt(2) is √2, not the
// double ::sqrt(2.0) turned into a decimal.
#define ACTLAB_DETAIL_INTEGER_OVERLOAD(name)          \
    template <std::integral I>                        \
    constexpr expr name(I v) {                        \
        return name(expr(static_cast<long long>(v))); \
    }
ACTLAB_DETAIL_INTEGER_OVERLOAD(sqrt)
ACTLAB_DETAIL_INTEGER_OVERLOAD(exp)
ACTLAB_DETAIL_INTEGER_OVERLOAD(expm1)
ACTLAB_DETAIL_INTEGER_OVERLOAD(log)
ACTLAB_DETAIL_INTEGER_OVERLOAD(log1p)
ACTLAB_DETAIL_INTEGER_OVERLOAD(tanh)
ACTLAB_DETAIL_INTEGER_OVERLOAD(erf)
ACTLAB_DETAIL_INTEGER_OVERLOAD(erfc)
ACTLAB_DETAIL_INTEGER_OVERLOAD(sin)
ACTLAB_DETAIL_INTEGER_OVERLOAD(cos)
#undef ACTLAB_DETAIL_INTEGER_OVERLOAD

constexpr expr min(const expr& a, const expr& b) {
    return detail::binary(a, b,
                          [](expr& w, int i, int j) { return detail::min_max(w, op::min, i, j); });
}
constexpr expr max(const expr& a, const expr& b) {
    return detail::binary(a, b,
                          [](expr& w, int i, int j) { return detail::min_max(w, op::max, i, j); });
}
//! clamp(f, lo, hi) = min(max(f, lo), hi).
constexpr expr clamp(const expr& f, const expr& lo, const expr& hi) { return min(max(f, lo), hi); }

//! A comparison, the first argument of `where`. Not convertible to bool.
struct condition {
    expr value;  //!< an lt/le node, or the number 1 (true) / 0 (false)
};

namespace detail {
constexpr condition compare(op kind, const expr& a, const expr& b) {
    return {binary(a, b, [kind](expr& w, int i, int j) { return comparison(w, kind, i, j); })};
}
}  // namespace detail

constexpr condition operator<(const expr& a, const expr& b) {
    return detail::compare(op::lt, a, b);
}
constexpr condition operator<=(const expr& a, const expr& b) {
    return detail::compare(op::le, a, b);
}
constexpr condition operator>(const expr& a, const expr& b) {
    return detail::compare(op::lt, b, a);
}
constexpr condition operator>=(const expr& a, const expr& b) {
    return detail::compare(op::le, b, a);
}

//! Piecewise definition: a where the condition holds, b elsewhere.
constexpr expr where(const condition& c, const expr& a, const expr& b) {
    expr w = c.value;
    const detail::index ia = detail::import(w, a);
    const detail::index ib = detail::import(w, b);
    return detail::compact(w, detail::where(w, c.value.root(), ia, ib));
}

//! f∘g: f with x replaced by g.
constexpr expr compose(const expr& f, const expr& g) {
    return detail::substitute(f, detail::find_leaf(f, op::variable), g);
}

//! f∘f∘…∘f (n times); nest(f, 0) is x.
constexpr expr nest(const expr& f, int n) {
    if (n < 0) detail::fail("actlab: nest(f, n) needs n >= 0");
    expr r = x;
    for (int k = 0; k < n; ++k) r = compose(f, r);
    return r;
}

//! f with the parameter `name` replaced by g (an expression or a number).
constexpr expr substitute(const expr& f, std::string_view name, const expr& g) {
    return detail::substitute(f, detail::find_leaf(f, op::parameter, name), g);
}

}  // namespace actlab
