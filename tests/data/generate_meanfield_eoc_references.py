#!/usr/bin/env python3
"""The edge of chaos of GELU (a smooth f whose edge the library once missed): the rows of
tests/data/analysis/eoc_gelu.csv.

At sigma_b2 > 0 the edge is the q > 0 with H(q) = E[f^2]/E[f'^2] + sigma_b2 - q = 0 (chi1 = 1
at the fixed point q of the variance map, sigma_w2 = 1/E[f'(sqrt(q) z)^2]); for GELU that
fixed point is unstable: the map's slope sigma_w2 d/dq E[f^2] = sigma_w2 E[f'^2 + f f''] is
above 1 (column slope). At sigma_b2 = 0, H(q) < 0 for every q > 0 checked (column note), and
the edge is q* = 0 with sigma_w2 = 1/f'(0)^2 = 4, the limit of the sigma_b2 > 0 edge
(E[f^2] = q/4 + 3q^2/(2 pi) + ..., so at sigma_w2 = 4 the map rises above q near 0).

Expectations by mp.quad over z (split at 0), roots by findroot (Illinois) on a bracket; at
mp.dps = 40 and 50, agreeing to 32 digits; 30 digits printed.

Usage: python3 tests/data/generate_meanfield_eoc_references.py   (about a minute)
"""
import os

from mpmath import mp, mpf


def gelu(x):
    return x * (1 + mp.erf(x / mp.sqrt(2))) / 2


def dgelu(x):
    return (1 + mp.erf(x / mp.sqrt(2))) / 2 + x * mp.npdf(x)


def ddgelu(x):
    return mp.npdf(x) * (2 - x * x)


def E(g, q):
    s = mp.sqrt(q)
    return mp.quad(lambda z: g(s * z) * mp.npdf(z), [-mp.inf, 0, mp.inf])


def row(sb2):
    if sb2 == 0:
        # H < 0 on a grid up to 2^16 (no edge with q* > 0 there)
        for e in range(-24, 17):
            q = mpf(2) ** e
            assert E(lambda u: gelu(u) ** 2, q) / E(lambda u: dgelu(u) ** 2, q) - q < 0, e
        return [mpf(1) / dgelu(mpf(0)) ** 2, mpf(0), "", "q* = 0: H(q) < 0 for q from 2^-24 to 2^16"]
    H = lambda q: E(lambda u: gelu(u) ** 2, q) / E(lambda u: dgelu(u) ** 2, q) + sb2 - q
    lo = mpf(2) ** -24
    while H(2 * lo) > 0:
        lo *= 2
    q = mp.findroot(H, (lo, 2 * lo), solver="illinois")
    w = 1 / E(lambda u: dgelu(u) ** 2, q)
    slope = w * E(lambda u: dgelu(u) ** 2 + gelu(u) * ddgelu(u), q)
    return [w, q, slope, "unstable fixed point" if slope > 1 else ""]


SB2 = ["0", "0.01", "0.04", "0.05", "0.1"]
HEADER = "activation,sigma_b2,sigma_w2,q_star,slope,note"


def main():
    results = []
    for dps in (40, 50):
        mp.dps = dps
        results.append([row(mpf(b)) for b in SB2])
    lines = [HEADER]
    for b, ra, rb in zip(SB2, *results):
        out = ["gelu", b]
        for a, v in zip(ra[:3], rb[:3]):
            if isinstance(a, str):
                out.append(a)
                continue
            assert abs(a - v) <= mpf(10) ** -32 * max(abs(v), mpf(1)), (b, a, v)
            text = mp.nstr(v, 30)
            out.append(text[:-2] if text.endswith(".0") else text)  # 4, not 4.0
        out.append(rb[3])
        lines.append(",".join(out))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis", "eoc_gelu.csv")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
