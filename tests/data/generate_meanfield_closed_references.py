#!/usr/bin/env python3
"""Mean field of piecewise linear and piecewise exponential activations (the closed forms of
include/actlab/analysis/meanfield/closed_form.hpp): the rows of
tests/data/analysis/meanfield_closed.csv (the columns of meanfield.csv; "any" marks a value the
table does not pin).

Independent of the library's closed forms: every expectation is mpmath.quad of the activation
itself, split at its kinks; the correlation map is a nested mpmath.quad (inner integral split
where u2 crosses a kink). q* by findroot on sigma_w2 E[f(sqrt(q) z)^2] + sigma_b2 = q, c* by
findroot on the correlation map. Computed at two working precisions (DPS below), required to
agree to AGREE digits, printed to 20 significant digits.

selu at (1, 0) is SELU's defining setting: q* = 1 (with PyTorch's decimal constants to ~32
digits); its c* sits at ~0 (E[selu(z)] ~ 0), so only q*, chi1 and xi_grad are pinned.

Usage: python3 tests/data/generate_meanfield_closed_references.py   (a few minutes)
"""
import os

from mpmath import mp, mpf

LAM = mpf("1.0507009873554804934193349852946")
ALPHA = mpf("1.6732632423543772848170429916717")

ACTS = {
    "selu": (lambda x: LAM * x if x > 0 else LAM * ALPHA * (mp.exp(x) - 1),
             lambda x: LAM if x > 0 else LAM * ALPHA * mp.exp(x), [0]),
    "elu": (lambda x: x if x > 0 else mp.exp(x) - 1,
            lambda x: mpf(1) if x > 0 else mp.exp(x), [0]),
    "hardtanh": (lambda x: max(mpf(-1), min(mpf(1), x)),
                 lambda x: mpf(1) if -1 < x < 1 else mpf(0), [-1, 1]),
}
# (name, sigma_w2, sigma_b2, with the correlation map)
ROWS = [("selu", "1", "0", False), ("selu", "1.5", "0.05", True),
        ("hardtanh", "1.5", "0.05", True), ("elu", "1.5", "0.05", True)]
HEADER = "activation,sigma_w2,sigma_b2,q_star,chi1,c_star,chi_c,xi_c,xi_grad"
DPS = (30, 36)
AGREE = 24


def gauss(g, q, kinks):
    s = mp.sqrt(q)
    pts = [-mp.inf] + [mpf(k) / s for k in kinks] + [mp.inf]
    return mp.quad(lambda z: g(s * z) * mp.exp(-z * z / 2), pts) / mp.sqrt(2 * mp.pi)


def pair(g, q, c, kinks):
    s, r = mp.sqrt(q), mp.sqrt(1 - c * c)

    def inner(z1):
        pts = [-mp.inf] + sorted((mpf(k) / s - c * z1) / r for k in kinks) + [mp.inf]
        return mp.quad(lambda z2: g(s * (c * z1 + r * z2)) * mp.exp(-z2 * z2 / 2), pts)

    pts = [-mp.inf] + [mpf(k) / s for k in kinks] + [mp.inf]
    return mp.quad(lambda z1: g(s * z1) * inner(z1) * mp.exp(-z1 * z1 / 2), pts) / (2 * mp.pi)


def bracketed_root(F, lo, hi):
    """A root of F between lo and hi (F(lo), F(hi) of opposite signs; hi doubled until so)."""
    while F(lo) * F(hi) > 0:
        lo, hi = hi, 2 * hi
    return mp.findroot(F, (lo, hi), solver="anderson")


def row(name, sw2s, sb2s, corr):
    f, df, kinks = ACTS[name]
    sw2, sb2 = mpf(sw2s), mpf(sb2s)
    q = bracketed_root(lambda q: sw2 * gauss(lambda u: f(u) ** 2, q, kinks) + sb2 - q,
                       mpf("0.5"), mpf(2))
    chi1 = sw2 * gauss(lambda u: df(u) ** 2, q, kinks)
    xi = lambda chi: -1 / mp.log(chi)
    if not corr:
        return [name, sw2s, sb2s, q, chi1, "any", "any", "any", xi(chi1)]
    if chi1 <= 1:  # ordered: the correlations converge to c* = 1, chi_c = chi1
        return [name, sw2s, sb2s, q, chi1, mpf(1), chi1, xi(chi1), xi(chi1)]
    c = mp.findroot(lambda c: (sw2 * pair(f, q, c, kinks) + sb2) / q - c,
                    (mpf("0.3"), mpf("0.8")), solver="anderson")
    chic = sw2 * pair(df, q, c, kinks)
    return [name, sw2s, sb2s, q, chi1, c, chic, xi(chic), xi(chi1)]


def main():
    results = []
    for dps in DPS:
        mp.dps = dps
        results.append([row(*r) for r in ROWS])
    lines = [HEADER]
    for ra, rb in zip(*results):
        out = []
        for a, b in zip(ra, rb):
            if isinstance(a, str):
                out.append(a)
                continue
            assert abs(a - b) <= mpf(10) ** -AGREE * max(abs(a), abs(b), mpf(1)), (ra[0], a, b)
            out.append(mp.nstr(b, 20))
        lines.append(",".join(out))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis",
                        "meanfield_closed.csv")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
