#!/usr/bin/env python3
"""Mean field of tanh at sigma_b2 = 0 in the chaotic phase (Poole et al. 2016): the rows of
tests/data/analysis/meanfield_odd.csv (same columns as meanfield.csv).

For an odd f at sigma_b2 = 0 the correlation map c -> sigma_w2 E[f(u1) f(u2)] / q* is odd in
c, so c* = 0 is a fixed point; there u1, u2 are independent and chi_c = sigma_w2 E[f'(u)]^2.
The script checks that the map at c = 1/2 lies below 1/2 (the iteration from 1/2 decreases)
and that chi_c < 1 (c* = 0 attracts). q* by Newton on sigma_w2 E[tanh(sqrt(q) z)^2] = q,
every expectation by mpmath.quad; computed at 40 and 50 digits, required to agree to 32,
printed to 30 significant digits.

Usage: python3 tests/data/generate_meanfield_odd_references.py   (about a minute)
"""
import os

from mpmath import mp, mpf

ROWS = [("tanh", "2", "0"), ("tanh", "1.5", "0")]
HEADER = "activation,sigma_w2,sigma_b2,q_star,chi1,c_star,chi_c,xi_c,xi_grad"


def gauss_E(g, q):
    s = mp.sqrt(q)
    return mp.quad(lambda z: g(s * z) * mp.exp(-z * z / 2), [-mp.inf, 0, mp.inf]) / mp.sqrt(2 * mp.pi)


def sech2(u):
    return 1 / mp.cosh(u) ** 2


def cmap_half(sw2, q):
    """sigma_w2 E[tanh(u1) tanh(u2)] / q at c = 1/2 (nested quad, 20 digits suffice)."""
    with mp.workdps(20):
        s, c = mp.sqrt(q), mpf(1) / 2
        r = mp.sqrt(1 - c * c)
        inner = lambda z1: mp.quad(lambda z2: mp.tanh(s * (c * z1 + r * z2)) * mp.exp(-z2 * z2 / 2),
                                   [-mp.inf, 0, mp.inf])
        v = mp.quad(lambda z1: mp.tanh(s * z1) * inner(z1) * mp.exp(-z1 * z1 / 2),
                    [-mp.inf, 0, mp.inf]) / (2 * mp.pi)
        return sw2 * v / q


def row(name, sw2s, sb2s):
    sw2 = mpf(sw2s)
    q = mp.findroot(lambda q: sw2 * gauss_E(lambda u: mp.tanh(u) ** 2, q) - q, mpf("0.5"))
    chi1 = sw2 * gauss_E(lambda u: sech2(u) ** 2, q)
    assert chi1 > 1, "chaotic phase expected"
    chic = sw2 * gauss_E(sech2, q) ** 2
    assert chic < 1, "c* = 0 must attract"
    assert cmap_half(sw2, q) < mpf(1) / 2, "the iteration from c = 1/2 must decrease"
    xi = lambda chi: -1 / mp.log(chi)
    return [name, sw2s, sb2s, q, chi1, mpf(0), chic, xi(chic), xi(chi1)]


def main():
    results = []
    for dps in (40, 50):
        mp.dps = dps
        results.append([row(*r) for r in ROWS])
    lines = [HEADER]
    for ra, rb in zip(*results):
        out = []
        for a, b in zip(ra, rb):
            if isinstance(a, str):
                out.append(a)
                continue
            assert abs(a - b) <= mpf(10) ** -32 * max(abs(a), abs(b), mpf(1)), (ra[0], a, b)
            s = mp.nstr(b, 30)
            out.append("0" if s in ("0.0", "0", "-0.0") else s)
        lines.append(",".join(out))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis", "meanfield_odd.csv")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
