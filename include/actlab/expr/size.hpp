// actlab: size measures of an expression (DAG nodes and tree nodes).
#pragma once

#include <actlab/expr/expression.hpp>

#include <cstdint>

namespace actlab {

//! Number of distinct nodes (the size of the DAG, shared subexpressions counted once).
constexpr int dag_size(const expr& f) { return f.n_nodes; }

//! Number of nodes of the expression written out as a tree (every occurrence counted, leaves
//! included) — the measure SymPy's `preorder_traversal` counts. Saturates at 2^62.
constexpr std::int64_t tree_size(const expr& f) {
    constexpr std::int64_t cap = std::int64_t{1} << 62;
    std::int64_t size[expr::max_nodes] = {};
    for (int i = 0; i < f.n_nodes; ++i) {
        std::int64_t s = 1;
        for (int k = 0; k < f.nodes[i].count; ++k) {
            s += size[f.child(i, k)];
            if (s > cap) s = cap;
        }
        size[i] = s;
    }
    return f.n_nodes ? size[f.root()] : 0;
}

}  // namespace actlab
