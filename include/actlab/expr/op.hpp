// actlab: the node kinds of an expression and their traits — one table that the printer, the
// parser and the evaluators read instead of switches of their own.
#pragma once

#include <cstdint>
#include <string_view>

namespace actlab {

//! Node kinds. The order is the canonical sort order of terms and factors (leaves first,
//! then functions, then powers, products and sums), so do not reorder without care.
enum class op : std::uint8_t {
    number,     //!< exact rational: constants[aux]
    named,      //!< named constant: aux = named_constant
    parameter,  //!< parameters[aux]
    variable,   //!< x
    exp,
    expm1,
    log,
    log1p,
    abs,
    sign,
    step,  //!< Heaviside step: 0 below 0, ½ at 0, 1 above
    tanh,
    sigmoid,
    softplus,
    erf,
    erfc,
    sin,
    cos,
    min,    //!< min(a, b)
    max,    //!< max(a, b)
    lt,     //!< a < b   (a condition, only as the first argument of where)
    le,     //!< a <= b  (a condition)
    where,  //!< where(cond, a, b)
    pow,    //!< base ^ exponent
    mul,    //!< product of 2..255 factors, the numeric coefficient (if any) first
    add,    //!< sum of 2..255 terms, the numeric constant (if any) first
};

//! Named mathematical constants.
enum class named_constant : std::uint8_t { pi, e };

//! How a unary function behaves under u → −u: f(−u) = f(u), f(−u) = −f(u), or neither.
enum class op_parity : std::uint8_t { none, even, odd };

//! How a node is written and called.
enum class op_form : std::uint8_t {
    leaf,      //!< number, named constant, parameter, x
    function,  //!< a named function of its arguments: exp(u), min(a, b)
    relation,  //!< a < b, a <= b (only as the condition of where)
    select,    //!< where(cond, a, b)
    power,     //!< a^b
    nary,      //!< sums and products of 2..255 operands
};

//! What is known of one node kind.
struct op_traits {
    op kind;
    //! The C++ builder and the name `parse` reads (empty for non-functions).
    std::string_view ascii;
    //! The Unicode text dialect's spelling.
    std::string_view text;
    //! The LaTeX command.
    std::string_view latex;
    //! Number of children, or -1 for the n-ary `add` and `mul`.
    int arity;
    op_form form;
    //! Parity of a unary function.
    op_parity parity;
    //! Whether the node switches between formulas (a kink or jump may sit where it switches).
    bool switches;
    //! Whether evaluating it calls a transcendental library kernel (exp, tanh, erf, …).
    bool calls_kernel;
};

namespace detail {

// One row per op, in the enum's order (checked below).
inline constexpr op_traits op_table[] = {
    {op::number, "", "", "", 0, op_form::leaf, op_parity::none, false, false},
    {op::named, "", "", "", 0, op_form::leaf, op_parity::none, false, false},
    {op::parameter, "", "", "", 0, op_form::leaf, op_parity::none, false, false},
    {op::variable, "x", "x", "x", 0, op_form::leaf, op_parity::odd, false, false},
    {op::exp, "exp", "exp", "\\exp", 1, op_form::function, op_parity::none, false,
     true},  // LaTeX prints e^{u}
    {op::expm1, "expm1", "expm1", "\\operatorname{expm1}", 1, op_form::function, op_parity::none,
     false, true},
    {op::log, "log", "log", "\\log", 1, op_form::function, op_parity::none, false, true},
    {op::log1p, "log1p", "log1p", "\\operatorname{log1p}", 1, op_form::function, op_parity::none,
     false, true},
    {op::abs, "abs", "abs", "\\operatorname{abs}", 1, op_form::function, op_parity::even, true,
     false},  // |u|
    {op::sign, "sign", "sign", "\\operatorname{sign}", 1, op_form::function, op_parity::odd, true,
     false},
    {op::step, "step", "step", "H", 1, op_form::function, op_parity::none, true,
     false},  // Heaviside
    {op::tanh, "tanh", "tanh", "\\tanh", 1, op_form::function, op_parity::odd, false, true},
    {op::sigmoid, "sigmoid", "σ", "\\sigma", 1, op_form::function, op_parity::none, false, true},
    {op::softplus, "softplus", "softplus", "\\operatorname{softplus}", 1, op_form::function,
     op_parity::none, false, true},
    {op::erf, "erf", "erf", "\\operatorname{erf}", 1, op_form::function, op_parity::odd, false,
     true},
    {op::erfc, "erfc", "erfc", "\\operatorname{erfc}", 1, op_form::function, op_parity::none, false,
     true},
    {op::sin, "sin", "sin", "\\sin", 1, op_form::function, op_parity::odd, false, true},
    {op::cos, "cos", "cos", "\\cos", 1, op_form::function, op_parity::even, false, true},
    {op::min, "min", "min", "\\min", 2, op_form::function, op_parity::none, true, false},
    {op::max, "max", "max", "\\max", 2, op_form::function, op_parity::none, true, false},
    {op::lt, "", "<", "<", 2, op_form::relation, op_parity::none, false, false},
    {op::le, "", "≤", "\\le", 2, op_form::relation, op_parity::none, false, false},
    {op::where, "where", "where", "", 3, op_form::select, op_parity::none, true, false},
    {op::pow, "pow", "^", "^", 2, op_form::power, op_parity::none, false, false},
    {op::mul, "", "·", "", -1, op_form::nary, op_parity::none, false, false},
    {op::add, "", "+", "+", -1, op_form::nary, op_parity::none, false, false},
};

constexpr bool op_table_in_order() {
    int i = 0;
    for (const op_traits& t : op_table)
        if (static_cast<int>(t.kind) != i++) return false;
    return i == static_cast<int>(op::add) + 1;
}
static_assert(op_table_in_order(), "actlab: op_table must list every op once, in enum order");

}  // namespace detail

//! The traits of a node kind.
constexpr const op_traits& traits(op k) { return detail::op_table[static_cast<int>(k)]; }

//! Number of children a node of kind `k` has, or -1 for the n-ary `add` and `mul`.
constexpr int arity(op k) { return traits(k).arity; }

constexpr bool is_unary_function(op k) {
    return traits(k).form == op_form::function && arity(k) == 1;
}

//! Whether `k` is spelled as a named function call (exp(u), min(a, b)).
constexpr bool is_named_function(op k) { return traits(k).form == op_form::function; }

}  // namespace actlab
