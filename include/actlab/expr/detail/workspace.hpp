// actlab: hash-consed node storage and canonical term order (internal).
#pragma once

#include <actlab/expr/expression.hpp>

namespace actlab::detail {

using index = int;

// --- interning --------------------------------------------------------------------------

constexpr index intern_constant(expr& w, const rational& r) {
    for (int i = 0; i < w.n_constants; ++i)
        if (w.constants[i] == r) return i;
    if (w.n_constants >= expr::max_constants) {
        fail_capacity("actlab: expression capacity exceeded (too many distinct constants)");
        return 0;
    }
    w.constants[w.n_constants] = r;
    return w.n_constants++;
}

constexpr bool names_equal(const parameter_info& p, std::string_view name) {
    return p.name_view() == name;
}

constexpr index intern_parameter(expr& w, std::string_view name, const rational& def) {
    for (int i = 0; i < w.n_parameters; ++i) {
        if (names_equal(w.parameters[i], name)) {
            if (!(w.parameters[i].default_value == def))
                fail("actlab: one parameter name used with two different default values");
            return i;
        }
    }
    if (name.empty() || name.size() > parameter_info::max_name) {
        fail("actlab: parameter names have 1 to 15 characters");
        return 0;
    }
    if (w.n_parameters >= expr::max_parameters) {
        fail_capacity("actlab: expression capacity exceeded (more than 8 parameters)");
        return 0;
    }
    parameter_info& p = w.parameters[w.n_parameters];
    for (std::size_t k = 0; k < name.size(); ++k) p.name[k] = name[k];
    p.default_value = def;
    return w.n_parameters++;
}

//! Returns the index of the node (kind, aux, children), adding it if it is new.
constexpr index intern(expr& w, op kind, int aux, const index* children, int count) {
    for (int i = w.n_nodes - 1; i >= 0; --i) {
        const node& n = w.nodes[i];
        if (n.kind != kind || n.aux != aux || n.count != count) continue;
        bool same = true;
        for (int k = 0; k < count && same; ++k) same = w.args[n.first + k] == children[k];
        if (same) return i;
    }
    if (w.n_nodes >= expr::max_nodes || w.n_args + count > expr::max_args) {
        fail_capacity("actlab: expression capacity exceeded (more than ACTLAB_MAX_NODES nodes)");
        return 0;
    }
    if (count > 255) {
        fail_capacity(
            "actlab: expression capacity exceeded (a sum or product of more than 255 terms)");
        return 0;
    }
    node& n = w.nodes[w.n_nodes];
    n.kind = kind;
    n.aux = static_cast<std::uint16_t>(aux);
    n.count = static_cast<std::uint8_t>(count);
    n.first = w.n_args;
    for (int k = 0; k < count; ++k) w.args[w.n_args++] = static_cast<std::uint16_t>(children[k]);
    return w.n_nodes++;
}

constexpr index intern_leaf(expr& w, op kind, int aux) { return intern(w, kind, aux, nullptr, 0); }

constexpr index number(expr& w, const rational& r) {
    return intern_leaf(w, op::number, intern_constant(w, r));
}

constexpr index number(expr& w, long long v) { return number(w, rational{v, 1}); }

constexpr bool is_number(const expr& w, index i) { return w.nodes[i].kind == op::number; }

constexpr const rational& value(const expr& w, index i) { return w.constants[w.nodes[i].aux]; }

constexpr bool is_number(const expr& w, index i, long long v) {
    return is_number(w, i) && value(w, i) == rational{v, 1};
}

//! e is a single number (its value is e.constants[0]).
constexpr bool is_number_expr(const expr& e) {
    return e.n_nodes == 1 && e.nodes[0].kind == op::number;
}

constexpr index arg(const expr& w, index i, int k) { return w.args[w.nodes[i].first + k]; }

// --- canonical order ---------------------------------------------------------------------

//! For x^r with a numeric exponent, the base x; otherwise the node itself.
constexpr index power_base(const expr& w, index i) {
    return w.nodes[i].kind == op::pow && is_number(w, arg(w, i, 1)) ? arg(w, i, 0) : i;
}

constexpr int compare(const expr& w, index i, index j);

constexpr int compare_plain(const expr& w, index i, index j) {
    if (i == j) return 0;
    const node& a = w.nodes[i];
    const node& b = w.nodes[j];
    if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
    switch (a.kind) {
        case op::number: return detail::compare(w.constants[a.aux], w.constants[b.aux]);
        case op::named: return a.aux < b.aux ? -1 : (a.aux > b.aux ? 1 : 0);
        case op::parameter: {
            const std::string_view na = w.parameters[a.aux].name_view();
            const std::string_view nb = w.parameters[b.aux].name_view();
            return na < nb ? -1 : (na > nb ? 1 : 0);
        }
        default: break;
    }
    if (a.count != b.count) return a.count < b.count ? -1 : 1;
    for (int k = 0; k < a.count; ++k)
        if (const int c = compare(w, w.args[a.first + k], w.args[b.first + k]); c != 0) return c;
    return 0;
}

//! Total order of canonical nodes: numbers first; a power sorts next to its base (x, x², x³).
constexpr int compare(const expr& w, index i, index j) {
    if (i == j) return 0;
    const index bi = power_base(w, i);
    const index bj = power_base(w, j);
    if (bi != bj) return compare_plain(w, bi, bj);
    if (bi == i) return -1;  // x before x^r
    if (bj == j) return 1;
    return detail::compare(value(w, arg(w, i, 1)), value(w, arg(w, j, 1)));
}

//! Stable insertion sort by `greater(a, b)` (lists are short; the order must be
//! deterministic, and std::sort is not guaranteed stable or constexpr-friendly here).
template <class T, class Greater>
constexpr void insertion_sort(T* v, int n, Greater greater) {
    for (int a = 1; a < n; ++a) {
        const T t = v[a];
        int b = a - 1;
        while (b >= 0 && greater(v[b], t)) {
            v[b + 1] = v[b];
            --b;
        }
        v[b + 1] = t;
    }
}

//! Sorts node indices by canonical order.
constexpr void sort_nodes(const expr& w, index* v, int n) {
    insertion_sort(v, n, [&](index a, index b) { return compare(w, a, b) > 0; });
}

}  // namespace actlab::detail
