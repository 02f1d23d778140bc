#!/usr/bin/env python3
"""Reference values of gelu_tanh (f, f', f'') where a product scales σ(2u) back from below the
normal range of double: x in [-21.26, -21.10] (σ(2u) subnormal, x·σ(2u) normal) and
x in [21.10, 21.26] for f'' (σ(−2u) subnormal), 40 points each from random.Random(20261207),
rounded to doubles. Closed forms, u = √(2/π)(x + 0.044715x³), s = σ(2u), t = σ(−2u):
f = x·s, f' = s + 2x·u'·s·t, f'' = s·t·(4u' + 2x·u'' − 4x·u'²·tanh u), computed with mpmath
at 80 digits (no cancellation at these x), written to 25 significant digits.
Run: python3 tests/data/argument_rounding/generate.py > tests/data/argument_rounding/gelu_tanh.csv
"""
import random

import mpmath

mpmath.mp.dps = 80


def row(xd):
    x = mpmath.mpf(xd)
    c = mpmath.sqrt(2 / mpmath.pi)
    k = mpmath.mpf(44715) / 10**6
    u = c * (x + k * x**3)
    du = c * (1 + 3 * k * x**2)
    ddu = 6 * c * k * x
    s = 1 / (1 + mpmath.exp(-2 * u))
    t = 1 / (1 + mpmath.exp(2 * u))
    f = x * s
    d1 = s + 2 * x * du * s * t
    d2 = s * t * (4 * du + 2 * x * ddu - 4 * x * du**2 * mpmath.tanh(u))
    return [mpmath.nstr(v, 25, min_fixed=1, max_fixed=0) for v in (f, d1, d2)]


def main():
    rng = random.Random(20261207)
    xs = sorted({float(sign * rng.uniform(21.10, 21.26)) for sign in (-1, 1) for _ in range(40)})
    print("# gelu_tanh where σ(±2u) is below the normal range: "
          "tests/data/argument_rounding/generate.py (mpmath, 80 digits)")
    print("x,f,d1,d2")
    for xd in xs:
        print(",".join([repr(xd)] + row(xd)))


if __name__ == "__main__":
    main()
