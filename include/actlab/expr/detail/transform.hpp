// actlab: compaction, import and substitution of expressions (internal).
#pragma once

#include <actlab/expr/detail/canonical.hpp>

namespace actlab::detail {

//! Copies the nodes reachable from `root` into a fresh expression in canonical post-order,
//! so that equal canonical forms have identical storage.
constexpr expr compact(const expr& w, index root) {
    expr out{raw_tag{}};
    int map[expr::max_nodes] = {};
    for (int i = 0; i < w.n_nodes; ++i) map[i] = -1;
    int stack[expr::max_nodes] = {};
    int next_child[expr::max_nodes] = {};
    int sp = 0;
    stack[sp] = root;
    next_child[sp++] = 0;
    while (sp > 0) {
        const int i = stack[sp - 1];
        const node& n = w.nodes[i];
        if (next_child[sp - 1] < n.count) {
            const int c = w.args[n.first + next_child[sp - 1]++];
            if (map[c] < 0) {
                stack[sp] = c;
                next_child[sp++] = 0;
            }
            continue;
        }
        --sp;
        if (map[i] >= 0) continue;
        int aux = n.aux;
        if (n.kind == op::number) aux = intern_constant(out, w.constants[n.aux]);
        if (n.kind == op::parameter)
            aux = intern_parameter(out, w.parameters[n.aux].name_view(),
                                   w.parameters[n.aux].default_value);
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = map[w.args[n.first + k]];
        map[i] = intern(out, n.kind, aux, c, n.count);
    }
    return out;
}

//! Adds node i of e to the workspace w with children c (already in w), as it is.
constexpr index import_node(expr& w, const expr& e, int i, const index* c) {
    const node& n = e.nodes[i];
    int aux = n.aux;
    if (n.kind == op::number) aux = intern_constant(w, e.constants[n.aux]);
    if (n.kind == op::parameter)
        aux =
            intern_parameter(w, e.parameters[n.aux].name_view(), e.parameters[n.aux].default_value);
    return intern(w, n.kind, aux, c, n.count);
}

//! Adds the nodes of `e` to the workspace `w`; returns the index of e's root in `w`.
//! With `replace_leaf` >= 0, e's leaf node of that index is replaced by node `replacement`
//! of `w`, and every node above it is rebuilt through the canonical constructors.
constexpr index import(expr& w, const expr& e, int replace_leaf = -1, index replacement = -1) {
    int map[expr::max_nodes] = {};
    for (int i = 0; i < e.n_nodes; ++i) {
        const node& n = e.nodes[i];
        if (i == replace_leaf) {
            map[i] = replacement;
            continue;
        }
        if (n.count == 0) {
            int aux = n.aux;
            if (n.kind == op::number) aux = intern_constant(w, e.constants[n.aux]);
            if (n.kind == op::parameter)
                aux = intern_parameter(w, e.parameters[n.aux].name_view(),
                                       e.parameters[n.aux].default_value);
            map[i] = intern_leaf(w, n.kind, aux);
            continue;
        }
        index c[max_terms] = {};
        for (int k = 0; k < n.count; ++k) c[k] = map[e.args[n.first + k]];
        map[i] = replace_leaf >= 0 ? rebuild(w, n, c) : intern(w, n.kind, n.aux, c, n.count);
    }
    return map[e.root()];
}

//! Index of the leaf of `e` with the given kind (and parameter name), or -1.
constexpr int find_leaf(const expr& e, op kind, std::string_view name = {}) {
    for (int i = 0; i < e.n_nodes; ++i) {
        const node& n = e.nodes[i];
        if (n.kind != kind) continue;
        if (kind == op::parameter && e.parameters[n.aux].name_view() != name) continue;
        return i;
    }
    return -1;
}

//! f with the leaf `leaf` (variable or parameter) replaced by g, re-simplified.
constexpr expr substitute(const expr& f, int leaf, const expr& g) {
    if (leaf < 0) return f;
    expr w = g;
    const index r = import(w, f, leaf, g.root());
    return compact(w, r);
}

}  // namespace actlab::detail
