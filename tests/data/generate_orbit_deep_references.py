#!/usr/bin/env python3
"""Offline references for orbits far deeper than can be stepped: x_n, P_n = prod_{k<n} f'(x_k)
and log10 |P_n| at n = 10^4 .. 10^8 for orbits that converge geometrically to an attracting
fixed point x* != 0 (0 < |f'(x*)| < 1; gaussian's f'(x*) < 0, so P_n alternates in sign). An
orbit that converges to 0 (gelu, silu) is not here: its x_n ~ c f'(0)^n never repeats.

Regenerate (from the repository root; python3 + mpmath only):

    python3 tests/data/generate_orbit_deep_references.py

It writes tests/data/analysis/orbit_deep.csv: activation,x0,n,x_n,grad_product,
log10_abs_grad_product (50 significant digits; P_n as mantissa e exponent).

Method: iterate N0 = 3000 steps exactly as generate_analysis_references.py does (same f and
f', imported from it), then for n >= N0: x_n = x* to far below the printed digits (|x_N0 -
x*| < |f'(x*)|^N0 times a constant, checked below 10^-(dps - 10)), and log10 |P_n| = log10
|P_N0| + (n - N0) log10 |f'(x*)|, where the factors f'(x_k), k >= N0, differ from f'(x*) by
less than C |x_k - x*| (their sum is below 10^-(dps - 20)). x* is the mpmath root of f(x) = x
near x_N0. Everything is computed at 100 and at 130 digits and must agree to 60 significant
digits (log10 |P_n| to 60 digits after the point, which the 50-digit mantissa of P_n needs).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mpmath as mp  # noqa: E402
from mpmath import mpf  # noqa: E402

import generate_analysis_references as g  # noqa: E402

ORBITS = [("sigmoid", "1"), ("cos", "1"), ("erf", "0.3"), ("gaussian", "1")]
NS = [10 ** 4, 10 ** 5, 10 ** 6, 10 ** 7, 10 ** 8]
N0 = 3000
OUT_DIGITS = 50


def rows_at(dps):
    out = []
    with mp.workdps(dps):
        for name, x0s in ORBITS:
            f, df = g.f_of(name), g.df_of(name)
            x, logp, sign = mpf(x0s), mpf(0), 1
            for _ in range(N0):
                d = df(x)
                sign *= 1 if d > 0 else -1
                logp += mp.log10(abs(d))
                x = f(x)
            star = mp.findroot(lambda t: f(t) - t, x, tol=mpf(10) ** (-2 * dps))
            assert abs(x - star) < mpf(10) ** (-(dps - 10)), (name, x - star)
            lam = df(star)
            assert 0 < abs(lam) < 1, (name, lam)
            for n in NS:
                L = logp + (n - N0) * mp.log10(abs(lam))
                s = sign * (1 if lam > 0 or (n - N0) % 2 == 0 else -1)
                out.append((name, x0s, n, star, s, L))
    return out


def mantissa_text(s, L):
    return ("-" if s < 0 else "") + g.sci_from_log10(L, OUT_DIGITS)


def main():
    a, b = rows_at(100), rows_at(130)
    lines = ["activation,x0,n,x_n,grad_product,log10_abs_grad_product"]
    with mp.workdps(130):
        for ra, rb in zip(a, b):
            assert ra[:3] == rb[:3] and ra[4] == rb[4]
            assert abs(ra[3] - rb[3]) < mpf(10) ** -60 * abs(rb[3]), ra[:3]
            assert abs(ra[5] - rb[5]) < mpf(10) ** -60, ra[:3]
            name, x0s, n, star, s, L = rb
            lines.append("%s,%s,%d,%s,%s,%s" % (name, x0s, n, mp.nstr(star, OUT_DIGITS),
                                                mantissa_text(s, L), mp.nstr(L, OUT_DIGITS)))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis", "orbit_deep.csv")
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
