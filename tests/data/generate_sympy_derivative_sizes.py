#!/usr/bin/env python3
"""Offline reference: size of SymPy's n-th derivative (n = 1..6) of each activation.

This is a comparison baseline for actlab's own symbolic differentiation. It needs
only python3 + sympy (no network) and writes two files next to this script:

  sympy_derivative_sizes.csv
      columns: activation,order,sympy_count_ops,sympy_tree_nodes,sympy_dag_nodes
      one row per (activation, order), activations in the order of ACTIVATIONS
      below, orders 1..6.
  sympy_derivatives.txt
      str() of SymPy's 1st and 2nd derivative of each activation, for human
      comparison.

What is differentiated
----------------------
``x = sympy.Symbol('x')`` (no assumptions). The n-th derivative is
``sympy.diff(f, x, n)`` called directly on the original expression f for each n,
exactly as SymPy returns it: no simplify/expand/cancel/factor/cse afterwards.
(Note: ``diff(f, x, n)`` is not always structurally identical to n nested
``diff(., x)`` calls in SymPy; we use the former.)

  identity  x
  relu      Max(x, 0)            -> SymPy gives Heaviside(x), DiracDelta(x), ...
  sigmoid   1/(1 + exp(-x))
  tanh      tanh(x)
  softplus  log(1 + exp(x))
  gelu      x*(1 + erf(x/sqrt(2)))/2        (exact erf form)
  silu      x/(1 + exp(-x))
  mish      x*tanh(log(1 + exp(x)))
  prelu     Piecewise((x, x >= 0), (alpha*x, True)) with alpha a free Symbol
            (the Piecewise form, NOT Max(x,0) + alpha*Min(x,0); SymPy
            differentiates the Piecewise branch-wise, so orders >= 2 are 0)
  sin       sin(x)
  square    x**2

What is counted (per derivative expression e)
---------------------------------------------
  sympy_count_ops   sympy.count_ops(e)  (visual=False: an int; SymPy's own
                    operation count, e.g. subtraction/division/negation are
                    counted as single ops)
  sympy_tree_nodes  sum(1 for _ in sympy.preorder_traversal(e)): every node of
                    the expression tree, leaves (symbols, numbers) included;
                    shared subexpressions are counted once per occurrence.
  sympy_dag_nodes   len(set(sympy.preorder_traversal(e))): the number of
                    distinct subexpressions (structural equality), i.e. the
                    size of the maximally shared DAG, leaves included.

Timings (wall-clock seconds of the diff call and of the three measurements)
are printed to stderr only, so the committed files stay deterministic.

Regenerate (from the repository root):

    python3 tests/data/generate_sympy_derivative_sizes.py

Output depends on the SymPy version (recorded in the header of
sympy_derivatives.txt; generated with sympy 1.14.0).
"""

import os
import sys
import time

import sympy

MAX_ORDER = 6

x = sympy.Symbol("x")
alpha = sympy.Symbol("alpha")

# (name, expression) in the required output order.
ACTIVATIONS = [
    ("identity", x),
    ("relu", sympy.Max(x, 0)),
    ("sigmoid", 1 / (1 + sympy.exp(-x))),
    ("tanh", sympy.tanh(x)),
    ("softplus", sympy.log(1 + sympy.exp(x))),
    ("gelu", x * (1 + sympy.erf(x / sympy.sqrt(2))) / 2),
    ("silu", x / (1 + sympy.exp(-x))),
    ("mish", x * sympy.tanh(sympy.log(1 + sympy.exp(x)))),
    ("prelu", sympy.Piecewise((x, x >= 0), (alpha * x, True))),
    ("sin", sympy.sin(x)),
    ("square", x**2),
]


def measure(expr):
    count_ops = int(sympy.count_ops(expr))
    tree_nodes = sum(1 for _ in sympy.preorder_traversal(expr))
    dag_nodes = len(set(sympy.preorder_traversal(expr)))
    return count_ops, tree_nodes, dag_nodes


def main():
    out_dir = os.path.dirname(os.path.abspath(__file__))
    csv_path = os.path.join(out_dir, "sympy_derivative_sizes.csv")
    txt_path = os.path.join(out_dir, "sympy_derivatives.txt")

    rows = []
    text = [
        "# SymPy derivatives (orders 1 and 2), str() of sympy.diff(f, x, n), un-simplified.",
        "# sympy %s; regenerate with: python3 tests/data/generate_sympy_derivative_sizes.py"
        % sympy.__version__,
        "",
    ]

    print("%-9s %5s %12s %12s" % ("activation", "order", "diff_s", "measure_s"),
          file=sys.stderr)
    for name, f in ACTIVATIONS:
        text.append("%s: f = %s" % (name, f))
        for n in range(1, MAX_ORDER + 1):
            t0 = time.perf_counter()
            d = sympy.diff(f, x, n)
            t1 = time.perf_counter()
            count_ops, tree_nodes, dag_nodes = measure(d)
            t2 = time.perf_counter()
            rows.append((name, n, count_ops, tree_nodes, dag_nodes))
            if n <= 2:
                text.append("%s: d%d = %s" % (name, n, d))
            print("%-10s %5d %12.6f %12.6f" % (name, n, t1 - t0, t2 - t1),
                  file=sys.stderr)
        text.append("")

    with open(csv_path, "w", newline="\n") as fh:
        fh.write("activation,order,sympy_count_ops,sympy_tree_nodes,sympy_dag_nodes\n")
        for r in rows:
            fh.write("%s,%d,%d,%d,%d\n" % r)
    with open(txt_path, "w", newline="\n") as fh:
        fh.write("\n".join(text))


if __name__ == "__main__":
    main()
