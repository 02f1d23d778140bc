// actlab: the expression value — a DAG of nodes in fixed-capacity arrays.
#pragma once

#include <actlab/expr/decimal.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/op.hpp>
#include <actlab/expr/rational.hpp>

#include <cstdint>
#include <string_view>

#ifndef ACTLAB_MAX_NODES
//! Capacity of one expression (nodes of the DAG). Every translation unit of a program must
//! see the same value.
#define ACTLAB_MAX_NODES 2048
#endif

namespace actlab {

namespace detail {
struct raw_tag {};
}  // namespace detail

//! One node: its kind, and its children args[first .. first+count) in the owning expr.
struct node {
    op kind = op::number;
    std::uint8_t count = 0;
    std::uint16_t first = 0;
    std::uint16_t aux = 0;  //!< constant index, parameter index or named_constant

    friend constexpr bool operator==(const node&, const node&) = default;
};

//! A named parameter with an exact default value.
struct parameter_info {
    static constexpr int max_name = 15;
    char name[max_name + 1] = {};
    rational default_value{};

    constexpr std::string_view name_view() const {
        std::size_t n = 0;
        while (n < sizeof name && name[n] != '\0') ++n;
        return {name, n};
    }

    friend constexpr bool operator==(const parameter_info&, const parameter_info&) = default;
};

//! An expression: a structural literal type usable as a template argument.
//!
//! Nodes are stored children-before-parents; the last node is the root. Expressions built
//! by the library are compact (only nodes reachable from the root, in a canonical order, the
//! unused tail zero), so structural equality of canonical forms is member-wise equality.
struct expr {
    static constexpr int max_nodes = ACTLAB_MAX_NODES;
    static constexpr int max_args = 2 * ACTLAB_MAX_NODES;
    static constexpr int max_constants = ACTLAB_MAX_NODES / 8;
    static constexpr int max_parameters = 8;

    std::uint16_t n_nodes = 0;
    std::uint16_t n_args = 0;
    std::uint16_t n_constants = 0;
    std::uint16_t n_parameters = 0;
    node nodes[max_nodes] = {};
    std::uint16_t args[max_args] = {};
    rational constants[max_constants] = {};
    parameter_info parameters[max_parameters] = {};

    //! An empty expression (no root): storage for the engine's own work.
    constexpr explicit expr(detail::raw_tag) {}
    //! The number 0.
    constexpr expr() : expr(rational{0, 1}) {}
    //! An exact integer.
    constexpr expr(int v) : expr(rational{v, 1}) {}
    constexpr expr(long v) : expr(rational{v, 1}) {}
    constexpr expr(long long v) : expr(rational{v, 1}) {}
    //! The exact decimal that is the shortest round-trip spelling of v (0.1 is 1/10).
    constexpr expr(double v) : expr(from_double(v)) {}
    //! An exact rational.
    constexpr expr(rational v) {
        constants[0] = v;
        n_constants = 1;
        nodes[0] = node{op::number, 0, 0, 0};
        n_nodes = 1;
    }

    constexpr int root() const { return n_nodes - 1; }
    constexpr const node& at(int i) const { return nodes[i]; }
    constexpr int child(int i, int k) const { return args[nodes[i].first + k]; }
    constexpr int size() const { return n_nodes; }

    //! f(v): evaluation in the real type T (defined in <actlab/eval/evaluate.hpp>).
    template <class T>
    constexpr T operator()(const T& v) const;

    friend constexpr bool operator==(const expr&, const expr&) = default;

private:
    static constexpr rational from_double(double v) {
        rational r{};
        if (!detail::shortest_decimal(v, r))
            detail::fail(
                "actlab: a literal must be finite and of magnitude below 1e38; use "
                "actlab::constant(\"...\")");
        return r;
    }
};

}  // namespace actlab
