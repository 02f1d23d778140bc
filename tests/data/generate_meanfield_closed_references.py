#!/usr/bin/env python3
"""Mean field of the activations with closed-form Gaussian expectations (the kinds of
include/actlab/analysis/meanfield/closed_form.hpp and the homogeneous and erf cases of
meanfield.hpp): the rows of tests/data/analysis/meanfield_closed.csv.

Independent of the library's method. Every one-variable expectation E[g(u)], u ~ N(mu, v), of a
piece a0 + a1 u + b e^(k u) over an interval is written with mpmath's ncdf/npdf (the truncated
normal moments); E[f(u)^2], E[f'(u)^2] are sums of such pieces squared (polynomial and
exponential terms multiply out below); the correlation map E[f(u1) f(u2)] is ONE mp.quad over
z1 (split at the kinks) of f(u1) times the closed-form inner expectation E[f(u2) | z1]
(u2 | z1 ~ N(c u1, q (1 - c^2))); the library instead sums bivariate-normal rectangle moments.
erf uses Williams' arcsine kernel. q* and c* by bisection on a sign-changing bracket, then secant steps, each at mp.dps = 40 and 50;
the two must agree to 32 digits; the table prints 30 significant digits.

Conventions: those of meanfield.csv (tests/runtime/analysis_meanfield.cpp): q_star a number,
"0" (the map contracts to 0), "diverges"; "null" a quantity that does not exist; "any" a value
the table does not pin. In the ordered phase (chi1 <= 1) c* = 1 and chi_c = chi1.

selu at (1, 0) is SELU's defining setting: with PyTorch's 32-digit constants q* = 1 +
1.4e-32 (so 1 to 30 digits) and E[selu(z)] = -1.2e-32, so c* ~ 1e-64; c* is found here by
the exact expansion c* = A0 + A1 c* + O(c*^2) (A0 = (sigma_w2 E[f]^2 + sigma_b2)/q,
A1 = sigma_w2 E[f']^2), at 120 digits.

Usage: python3 tests/data/generate_meanfield_closed_references.py   (about 11 CPU minutes: selu at (1, 0) at 120 and 130 digits)
"""
import os

from mpmath import mp, mpf

LAM = "1.0507009873554804934193349852946"
ALPHA = "1.6732632423543772848170429916717"


def pieces(name):
    """f as pieces (lo, hi, [a0, a1], [(b, k)]): f = a0 + a1 u + sum b e^(k u) on (lo, hi)."""
    inf = mp.inf
    if name == "hardtanh":
        return [(-inf, -1, [-1, 0], []), (-1, 1, [0, 1], []), (1, inf, [1, 0], [])]
    if name == "relu6":
        return [(-inf, 0, [0, 0], []), (0, 6, [0, 1], []), (6, inf, [6, 0], [])]
    if name == "softshrink":  # lambd = 0.5
        h = mpf("0.5")
        return [(-inf, -h, [h, 1], []), (-h, h, [0, 0], []), (h, inf, [-h, 1], [])]
    if name == "elu":  # alpha = 1
        return [(-inf, 0, [-1, 0], [(1, 1)]), (0, inf, [0, 1], [])]
    if name == "celu":  # alpha = 1: the same as elu
        return [(-inf, 0, [-1, 0], [(1, 1)]), (0, inf, [0, 1], [])]
    if name == "selu":
        lam, al = mpf(LAM), mpf(ALPHA)
        return [(-inf, 0, [-lam * al, 0], [(lam * al, 1)]), (0, inf, [0, lam], [])]
    if name == "relu":
        return [(-inf, 0, [0, 0], []), (0, inf, [0, 1], [])]
    if name == "leaky_relu":  # negative_slope = 0.01
        return [(-inf, 0, [0, mpf("0.01")], []), (0, inf, [0, 1], [])]
    if name == "identity":
        return [(-inf, inf, [0, 1], [])]
    raise KeyError(name)


def derivative(ps):
    return [(lo, hi, [a[1], 0], [(b * k, k) for b, k in e]) for lo, hi, a, e in ps]


def value(ps, u):
    for lo, hi, a, e in ps:
        if u < hi:
            return a[0] + a[1] * u + sum(b * mp.exp(k * u) for b, k in e)
    lo, hi, a, e = ps[-1]
    return a[0] + a[1] * u + sum(b * mp.exp(k * u) for b, k in e)


def moment(n, k, lo, hi, mu, v):
    """E[u^n e^(k u); lo < u < hi], u ~ N(mu, v), n <= 2."""
    s = mp.sqrt(v)
    m = mu + k * v
    scale = mp.exp(k * mu + k * k * v / 2)
    a, b = (lo - m) / s, (hi - m) / s
    J0 = mp.ncdf(b) - mp.ncdf(a)
    pa = mp.npdf(a) if a != -mp.inf else 0
    pb = mp.npdf(b) if b != mp.inf else 0
    J1 = pa - pb
    J2 = (a * pa if a != -mp.inf else 0) - (b * pb if b != mp.inf else 0) + J0
    J = [J0, J1, J2]
    # u = m + s t
    t = [J[0], m * J[0] + s * J[1], m * m * J[0] + 2 * m * s * J[1] + s * s * J[2]][n]
    return scale * t


def mean(ps, mu, v):
    """E[f(u)], u ~ N(mu, v)."""
    total = 0
    for lo, hi, a, e in ps:
        total += a[0] * moment(0, 0, lo, hi, mu, v) + a[1] * moment(1, 0, lo, hi, mu, v)
        total += sum(b * moment(0, k, lo, hi, mu, v) for b, k in e)
    return total


def square_mean(ps, v):
    """E[f(u)^2], u ~ N(0, v): the square multiplied out piece by piece."""
    total = 0
    for lo, hi, a, e in ps:
        M = lambda n, k: moment(n, k, lo, hi, 0, v)
        total += a[0] ** 2 * M(0, 0) + 2 * a[0] * a[1] * M(1, 0) + a[1] ** 2 * M(2, 0)
        for b, k in e:
            total += 2 * b * (a[0] * M(0, k) + a[1] * M(1, k))
            for b2, k2 in e:
                total += b * b2 * M(0, k + k2)
    return total


def pair(ps, q, c):
    """E[f(u1) f(u2)]: one quadrature over z1 of f(u1) E[f(u2) | z1]."""
    if c == 1:
        return square_mean(ps, q)
    s, v = mp.sqrt(q), q * (1 - c * c)
    cuts = sorted({p[0] for p in ps[1:]})
    pts = [-mp.inf] + [x / s for x in cuts] + [mp.inf]
    g = lambda z: value(ps, s * z) * mean(ps, c * s * z, v) * mp.npdf(z)
    return mp.quad(g, pts)


def erf_pair(q, c):
    return 2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q))


def erf_dpair(q, c):
    return 4 / (mp.pi * mp.sqrt((1 + 2 * q) ** 2 - 4 * q * q * c * c))


def bracketed_root(F, lo, hi):
    """A root of F in [lo, hi] (a sign change): bisection to a width of 1e-12, then secant
    steps from the two ends (mpmath's bracketing solvers can leave the bracket)."""
    flo = F(lo)
    while hi - lo > mpf(10) ** -12 * max(abs(hi), 1):
        mid = (lo + hi) / 2
        fm = F(mid)
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return mp.findroot(F, (lo, hi), solver="secant")


def solve(name, sw2, sb2, pin_c):
    """[q*, chi1, c*, chi_c, xi_c, xi_grad] (or the status words) at the current precision."""
    xi = lambda chi: mp.inf if chi == 1 else -1 / mp.log(chi)
    if name == "erf":
        F2 = lambda q: erf_pair(q, 1)
        D2 = lambda q: erf_dpair(q, 1)
        P = lambda q, c: (erf_pair(q, c), erf_dpair(q, c))
    else:
        ps = pieces(name)
        dps_ = derivative(ps)
        F2 = lambda q: square_mean(ps, q)
        D2 = lambda q: square_mean(dps_, q)
        P = lambda q, c: (pair(ps, q, c), pair(dps_, q, c))
    G = lambda q: sw2 * F2(q) + sb2 - q
    lo, hi = mpf("0.25"), mpf(1)
    while G(lo) * G(hi) > 0:  # the fixed point the iteration from q0 = 1 reaches
        if G(hi) > 0:
            lo, hi = hi, 2 * hi
        else:
            lo, hi = lo / 2, lo
    q = bracketed_root(G, lo, hi)
    chi1 = sw2 * D2(q)
    if chi1 <= 1:
        return [q, chi1, mpf(1), chi1, xi(chi1), xi(chi1)]
    if not pin_c:
        return [q, chi1, "any", "any", "any", xi(chi1)]
    if name == "selu" and sb2 == 0:
        ps = pieces(name)
        A0 = sw2 * mean(ps, 0, q) ** 2 / q
        A1 = sw2 * mean(derivative(ps), 0, q) ** 2
        c = A0 / (1 - A1)
    else:
        H = lambda c: (sw2 * P(q, c)[0] + sb2) / q - c
        # the fixed point the iteration from c0 = 1/2 reaches, bracketed on a grid of 1/20
        # that stays inside (-1, 1): c = +-1 itself is a fixed point (or the map's edge), and
        # past it the conditional variance q (1 - c^2) is negative
        edge = 1 - mpf(10) ** -25
        up = H(mpf("0.5")) > 0
        step = mpf(1) / 20 if up else -mpf(1) / 20
        lo = mpf("0.5")
        while True:
            nxt = min(lo + step, edge) if up else max(lo + step, -edge)
            if H(nxt) * H(lo) <= 0:
                break
            assert nxt != lo, ("no correlation fixed point inside (-1, 1)", name, sw2, sb2)
            lo = nxt
        c = bracketed_root(H, min(lo, nxt), max(lo, nxt))
    chic = sw2 * P(q, c)[1]
    return [q, chi1, c, chic, xi(chic), xi(chi1)]


# (activation, sigma_w2, sigma_b2, whether c* and chi_c are pinned)
ROWS = [
    ("hardtanh", "1.5", "0.05", True),
    ("selu", "1", "0", True),
    ("selu", "1.5", "0.05", True),
    ("elu", "1.5", "0.05", True),
    ("relu6", "2.5", "0.1", True),
    ("leaky_relu", "1.5", "0.05", True),
    ("identity", "0.5", "0.1", True),
    ("erf", "2", "0.1", True),
]
HEADER = "activation,sigma_w2,sigma_b2,q_star,chi1,c_star,chi_c,xi_c,xi_grad"
DPS = (40, 50)
AGREE = 32


def main():
    results = []
    for dps in DPS:
        mp.dps = dps
        results.append([solve(n, mpf(w), mpf(b), pin) for n, w, b, pin in ROWS])
    # selu at (1, 0): c* ~ 1e-64 needs q* and E[f] past the cancellation: 120 digits
    mp.dps = 120
    k = [r[0] for r in ROWS].index("selu")
    hi = solve("selu", mpf(1), mpf(0), True)
    mp.dps = 130
    hi2 = solve("selu", mpf(1), mpf(0), True)
    results[0][k], results[1][k] = hi, hi2
    lines = [HEADER]
    for row, ra, rb in zip(ROWS, *results):
        out = list(row[:3])
        for a, b in zip(ra, rb):
            if isinstance(a, str):
                out.append(a)
                continue
            if mp.isinf(a):
                out.append("inf")
                continue
            assert abs(a - b) <= mpf(10) ** -AGREE * abs(b), (row, a, b)
            text = mp.nstr(b, 30)
            out.append(text[:-2] if text.endswith(".0") else text)  # 1, not 1.0
        lines.append(",".join(out))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis",
                        "meanfield_closed.csv")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
