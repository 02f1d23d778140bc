#!/usr/bin/env python3
"""Offline references for the analysis engine: fixed points, derivative extrema, ranges,
orbits and mean-field signal propagation of the actlab activations.

Regenerate (from the repository root; needs only python3 + mpmath + sympy, no network):

    python3 tests/data/generate_analysis_references.py

It writes, into tests/data/analysis/ (option --out DIR to write elsewhere):

  fixed_points.csv        activation,kind,x,derivative,stability,note
  derivative_extrema.csv  activation,inf,sup,arginf,argsup,inf_attained,sup_attained   (of f')
  range.csv               activation,inf,sup,arginf,argsup,inf_attained,sup_attained   (of f)
  orbits.csv              activation,x0,n,x_n,grad_product,log10_abs_grad_product
  orbit_underflow.csv     activation,x0,n_underflow
  meanfield.csv           activation,sigma_w2,sigma_b2,q_star,chi1,c_star,chi_c,xi_c,xi_grad
  eoc.csv                 activation,sigma_b2,sigma_w2,q_star,note

It uses 2 worker processes (--jobs N to change); the run takes about 4.5 minutes of CPU,
i.e. 3-8 minutes of wall time on 2 cores depending on load, with mpmath's pure-Python backend
(progress and timings go to stderr only).  The output is deterministic: fixed row order, no
timestamps, no machine-dependent data.

Definitions are those of the actlab catalogue (include/actlab/catalog.hpp); every parameter is
built from its exact decimal string (mpf('1.67326...')) at the current working precision,
never from a Python float.

Verification
------------
* fixed_points / derivative_extrema / range / orbits: every number is computed at 90 and
  again at 120 significant digits; the script stops unless the two agree to 55 significant
  digits (absolute 1e-55 for values that are exactly 0), then prints 50 significant digits.
  Each fixed point is also checked by its residual |f(x*) - x*|.
* orbit_underflow: integers, recomputed at 60 and 70 digits and required to be equal; the
  product at the reported step and the step before is printed to stderr with its margin.
* meanfield / eoc: computed at 40 and 50 digits; required to agree to 32 significant digits;
  30 are printed.  Gaussian expectations E_z[g(sqrt(q) z)] are mpmath.quad integrals split at
  0 and at the kinks; the two-dimensional tanh expectations (correlation map in the chaotic
  phase) are tensor trapezoidal sums instead (nested mpmath.quad is ~100x too slow): for an
  integrand analytic in the strip |Im z| < d the error is O(exp(-2 pi d / h)), d is taken as
  0.9 * pi / (2 sqrt(q)) (the first pole of tanh(sqrt(q) z)), h and the cut-off radius are
  chosen for 10^-(dps+8), and the 40- and 50-digit runs use different h, so their agreement
  checks the rule; in each chaotic tanh row the value at c* is also checked against nested
  mpmath.quad at 15 digits.
  erf and relu expectations are also checked against their closed forms
  (E[erf(u1) erf(u2)] = (2/pi) asin(2 q c / (1 + 2q)), the arc-cosine kernel for relu).
* A sign scan of f(x) - x and f(f(x)) - x on [-12, 12] (step 1/64, with refinement of sign
  changes and of near-zero local minima of |g|) must find no root outside the claimed
  fixed-point set: this is the numerical search for 2-cycles and a cross-check of the
  completeness arguments written next to each function in FIXED_POINTS below.
* Hand-written derivatives are checked against SymPy's at several points.

Conventions (judgement calls; see the comments where each is used)
-----------------------------------------------------------------
* interval rows: x = lo..hi (inf allowed); derivative = 1 (f is the identity on the interval),
  stability = neutral, the note says whether an end is open and how nearby points move.
* snake has the infinite family x = k*pi (k integer); rows for k = -3..3 (|x| <= 12) are listed.
* an arg that is a whole interval is written lo..hi; when the extremum is attained on an infinite
  discrete set (sin, snake) the representative of smallest |x| is given (ties: the positive one).
* a derivative that does not exist at a kink is not a candidate for inf/sup of f'
  (selu: sup f' = scale*alpha approached as x -> 0-, not attained).
* n_underflow is the smallest n <= 10^6 with |P_n| < 2^-1074 (strictly), as specified.
"""

import argparse
import math
import os
import sys
import time
from multiprocessing import Pool

import sympy
from mpmath import mp, mpf

HI_DPS = (90, 120)      # fixed points, extrema, ranges, orbits
HI_AGREE = 55
HI_OUT = 50
UF_DPS = (60, 70)       # orbit underflow depth
MF_DPS = (40, 50)       # mean field, edge of chaos
MF_AGREE = 32
MF_OUT = 30

# ---------------------------------------------------------------------------------------------
# Activations (catalogue definitions; parameters as exact decimal strings)
# ---------------------------------------------------------------------------------------------
LEAKY_SLOPE = "0.01"
ELU_ALPHA = "1"
SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"
CELU_ALPHA = "1"
GELU_TANH_C = "0.044715"
SWISH_BETA = "1"
SOFTPLUS_BETA = "1"
HARDTANH_MIN, HARDTANH_MAX = "-1", "1"
SOFTSHRINK_LAMBD = "0.5"
HARDSHRINK_LAMBD = "0.5"
THRESHOLD, THRESHOLD_VALUE = "0.1", "20"
SNAKE_ALPHA = "1"
APL_A1, APL_B1, APL_A2, APL_B2 = "0.5", "0.5", "-0.25", "-1"


def P(s):
    """A catalogue parameter at the current working precision."""
    return mpf(s)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def softplus1(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def bspline_value(x):
    # Cox-de Boor on t_j = -2.2 + 0.4 j (j = 0..11), coefficients c_i = -1.4 + 0.4 i (i = 0..7).
    t = [mpf(-22 + 4 * j) / 10 for j in range(12)]
    c = [mpf(-14 + 4 * i) / 10 for i in range(8)]
    if x < t[0] or x >= t[11]:
        return mpf(0)

    def B(i, k):
        if k == 0:
            return mpf(1) if t[i] <= x < t[i + 1] else mpf(0)
        return ((x - t[i]) / (t[i + k] - t[i]) * B(i, k - 1)
                + (t[i + k + 1] - x) / (t[i + k + 1] - t[i + 1]) * B(i + 1, k - 1))
    return sum(c[i] * B(i, 3) for i in range(8))


def f_of(name):
    """f for one activation, evaluated at the current mp precision."""
    def relu(x): return x if x > 0 else mpf(0)
    F = {
        "identity": lambda x: x,
        "relu": relu,
        "leaky_relu": lambda x: x if x > 0 else P(LEAKY_SLOPE) * x,
        "relu6": lambda x: min(max(mpf(0), x), mpf(6)),
        "elu": lambda x: x if x > 0 else P(ELU_ALPHA) * mp.expm1(x),
        "selu": lambda x: P(SELU_SCALE) * (x if x > 0 else P(SELU_ALPHA) * mp.expm1(x)),
        "celu": lambda x: x if x > 0 else P(CELU_ALPHA) * mp.expm1(x / P(CELU_ALPHA)),
        "gelu": lambda x: x * (1 + mp.erf(x / mp.sqrt(2))) / 2,
        "gelu_tanh": lambda x: x * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + P(GELU_TANH_C) * x ** 3))) / 2,
        "silu": lambda x: x * sig(x),
        "swish": lambda x: x * sig(P(SWISH_BETA) * x),
        "mish": lambda x: x * mp.tanh(softplus1(x)),
        "softplus": lambda x: softplus1(P(SOFTPLUS_BETA) * x) / P(SOFTPLUS_BETA),
        "softsign": lambda x: x / (1 + abs(x)),
        "sigmoid": sig,
        "tanh": mp.tanh,
        "hardtanh": lambda x: min(max(x, P(HARDTANH_MIN)), P(HARDTANH_MAX)),
        "hardsigmoid": lambda x: min(max(mpf(0), x + 3), mpf(6)) / 6,
        "hardswish": lambda x: x * min(max(mpf(0), x + 3), mpf(6)) / 6,
        "logsigmoid": lambda x: -softplus1(-x),
        "tanhshrink": lambda x: x - mp.tanh(x),
        "softshrink": lambda x: (x - P(SOFTSHRINK_LAMBD) if x > P(SOFTSHRINK_LAMBD) else
                                 x + P(SOFTSHRINK_LAMBD) if x < -P(SOFTSHRINK_LAMBD) else mpf(0)),
        "hardshrink": lambda x: x if (x > P(HARDSHRINK_LAMBD) or x < -P(HARDSHRINK_LAMBD)) else mpf(0),
        "threshold": lambda x: x if x > P(THRESHOLD) else P(THRESHOLD_VALUE),
        "heaviside": lambda x: mpf(1) if x > 0 else (mpf(0) if x < 0 else mpf(1) / 2),
        "abs": lambda x: abs(x),
        "sin": mp.sin,
        "cos": mp.cos,
        "square": lambda x: x * x,
        "cube": lambda x: x ** 3,
        "gaussian": lambda x: mp.exp(-x * x),
        "erf": mp.erf,
        "snake": lambda x: x + mp.sin(P(SNAKE_ALPHA) * x) ** 2 / P(SNAKE_ALPHA),
        "apl": lambda x: (relu(x) + P(APL_A1) * relu(-x + P(APL_B1)) + P(APL_A2) * relu(-x + P(APL_B2))),
        "bspline": bspline_value,
    }
    return F[name]


def df_of(name):
    """Hand-written f' (None where f' does not exist), at the current mp precision."""
    def kinked(left, right, k):
        # piecewise: left(x) for x < k, right(x) for x > k, undefined at k unless equal
        def d(x):
            if x < k:
                return left(x)
            if x > k:
                return right(x)
            lv, rv = left(x), right(x)
            return lv if lv == rv else None
        return d
    one = lambda x: mpf(1)
    zero = lambda x: mpf(0)
    D = {
        "sigmoid": lambda x: sig(x) * (1 - sig(x)),
        "tanh": lambda x: 1 - mp.tanh(x) ** 2,
        "sin": mp.cos,
        "cos": lambda x: -mp.sin(x),
        "cube": lambda x: 3 * x * x,
        "square": lambda x: 2 * x,
        "gelu": lambda x: Phi(x) + x * phi(x),
        "silu": lambda x: sig(x) * (1 + x * (1 - sig(x))),
        "swish": lambda x: (sig(P(SWISH_BETA) * x)
                            * (1 + P(SWISH_BETA) * x * (1 - sig(P(SWISH_BETA) * x)))),
        "mish": lambda x: (mp.tanh(softplus1(x))
                           + x * (1 - mp.tanh(softplus1(x)) ** 2) * sig(x)),
        "softplus": lambda x: sig(P(SOFTPLUS_BETA) * x),
        "logsigmoid": lambda x: sig(-x),
        "gaussian": lambda x: -2 * x * mp.exp(-x * x),
        "erf": lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-x * x),
        "snake": lambda x: 1 + mp.sin(2 * P(SNAKE_ALPHA) * x),
        "tanhshrink": lambda x: mp.tanh(x) ** 2,
        "identity": one,
        "softsign": lambda x: 1 / (1 + abs(x)) ** 2,
        "elu": kinked(lambda x: P(ELU_ALPHA) * mp.exp(x), one, 0),
        "selu": kinked(lambda x: P(SELU_SCALE) * P(SELU_ALPHA) * mp.exp(x), lambda x: P(SELU_SCALE), 0),
        "celu": kinked(lambda x: mp.exp(x / P(CELU_ALPHA)), one, 0),
        "relu": kinked(zero, one, 0),
        "leaky_relu": kinked(lambda x: P(LEAKY_SLOPE), one, 0),
        "abs": kinked(lambda x: mpf(-1), one, 0),
        "hardsigmoid": lambda x: (mpf(1) / 6 if -3 < x < 3 else mpf(0) if abs(x) > 3 else None),
        "hardswish": lambda x: ((2 * x + 3) / 6 if -3 < x < 3 else mpf(0) if x < -3
                                else mpf(1) if x > 3 else None),
        "softshrink": lambda x: (mpf(0) if abs(x) < P(SOFTSHRINK_LAMBD) else
                                 mpf(1) if abs(x) > P(SOFTSHRINK_LAMBD) else None),
        "hardshrink": lambda x: (mpf(0) if abs(x) < P(HARDSHRINK_LAMBD) else
                                 mpf(1) if abs(x) > P(HARDSHRINK_LAMBD) else None),
        "heaviside": lambda x: mpf(0) if x != 0 else None,
    }
    if name == "gelu_tanh":
        def d(x):
            k, a = mp.sqrt(2 / mp.pi), P(GELU_TANH_C)
            th = mp.tanh(k * (x + a * x ** 3))
            return (1 + th) / 2 + x * (1 - th * th) * k * (1 + 3 * a * x * x) / 2
        return d
    return D[name]


# SymPy forms of the smooth activations (parameters as exact Rationals), used to check the
# hand-written derivatives and to get f'' for the derivative extrema.
_X = sympy.Symbol("x", real=True)


def sym_of(name):
    x, R = _X, sympy.Rational
    e = {
        "sigmoid": 1 / (1 + sympy.exp(-x)),
        "tanh": sympy.tanh(x),
        "sin": sympy.sin(x),
        "cos": sympy.cos(x),
        "cube": x ** 3,
        "square": x ** 2,
        "gelu": x * (1 + sympy.erf(x / sympy.sqrt(2))) / 2,
        "gelu_tanh": x * (1 + sympy.tanh(sympy.sqrt(2 / sympy.pi) * (x + R(GELU_TANH_C) * x ** 3))) / 2,
        "silu": x / (1 + sympy.exp(-x)),
        "swish": x / (1 + sympy.exp(-R(SWISH_BETA) * x)),
        "mish": x * sympy.tanh(sympy.log(1 + sympy.exp(x))),
        "softplus": sympy.log(1 + sympy.exp(R(SOFTPLUS_BETA) * x)) / R(SOFTPLUS_BETA),
        "logsigmoid": sympy.log(1 / (1 + sympy.exp(-x))),
        "gaussian": sympy.exp(-x ** 2),
        "erf": sympy.erf(x),
        "snake": x + sympy.sin(R(SNAKE_ALPHA) * x) ** 2 / R(SNAKE_ALPHA),
        "tanhshrink": x - sympy.tanh(x),
    }
    return e[name]


_LAMBDA_CACHE = {}


def sym_derivative(name, order):
    key = (name, order)
    if key not in _LAMBDA_CACHE:
        expr = sympy.diff(sym_of(name), _X, order)
        _LAMBDA_CACHE[key] = sympy.lambdify(_X, expr, modules="mpmath")
    return _LAMBDA_CACHE[key]


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------
def root(g, x0, what):
    """findroot (secant from x0) plus a residual check at the current precision."""
    r = mp.findroot(g, mpf(x0), tol=mpf(10) ** (-2 * mp.dps), verify=False, maxsteps=200)
    res = abs(g(r))
    if res > mpf(10) ** (-mp.dps + 6) * max(1, abs(r)):
        raise AssertionError("root %s: residual %s" % (what, mp.nstr(res, 5)))
    return r


class Num:
    """A computed number to be printed to `digits` significant digits and compared across precisions."""
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = mpf(v)


def fmt(v, digits):
    s = mp.nstr(v, digits)
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s in ("0", "-0") else s


def render(row, digits):
    out = []
    for f in row:
        s = fmt(f.v, digits) if isinstance(f, Num) else str(f)
        assert "," not in s and "\n" not in s, s
        out.append(s)
    return ",".join(out)


def agree(a, b, digits):
    if a == b:
        return True
    d = abs(a - b)
    scale = max(abs(a), abs(b))
    return d <= mpf(10) ** (-digits) * scale or (scale < mpf(10) ** (-digits) and d < mpf(10) ** (-digits))


def compare_rows(rows_a, rows_b, digits, what):
    assert len(rows_a) == len(rows_b), what
    for ra, rb in zip(rows_a, rows_b):
        assert len(ra) == len(rb), (what, ra)
        for fa, fb in zip(ra, rb):
            if isinstance(fa, Num):
                assert isinstance(fb, Num) and agree(fa.v, fb.v, digits), \
                    "%s: %s vs %s disagree (%s)" % (what, fa.v, getattr(fb, "v", fb), ra[0])
            else:
                assert fa == fb, "%s: %r vs %r" % (what, fa, fb)


def at_two_precisions(fn, dps_pair, digits, what, *args):
    rows = []
    for dps in dps_pair:
        with mp.workdps(dps):
            rows.append(fn(*args))
    compare_rows(rows[0], rows[1], digits, what)
    return rows[1]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# 1. Fixed points (and 2-cycles)
# ---------------------------------------------------------------------------------------------
# Lemmas used below:
#  (M) A nondecreasing f has no 2-cycle: f(a) = b, f(b) = a with a < b gives b = f(a) <= f(b) = a.
#  (C) If |f(x)| < |x| for x != 0 then f(f(x)) = x forces |x| < |x| unless x = 0: no 2-cycle.
#      (Same if |f(x)| <= |x| with equality only at fixed points: |a| = |b| then forces both fixed.)
#  (K) A contraction (sup |f'| < 1) has exactly one fixed point and f o f is a contraction too,
#      so it has no 2-cycle.

def _point(name, x, note="", stability=None, deriv=None):
    """Row for an isolated fixed point x (an mpf at the current precision)."""
    f, df = f_of(name), df_of(name)
    res = abs(f(x) - x)
    assert res <= mpf(10) ** (-mp.dps + 6) * max(1, abs(x)), (name, x, res)
    d = df(x) if deriv is None else deriv
    if d is None:
        return None  # kink: caller writes the row
    if stability is None:
        assert abs(abs(d) - 1) > mpf(10) ** (-20), (name, "neutral point needs an explicit note")
        stability = "attracting" if abs(d) < 1 else "repelling"
    return [name, "point", Num(x), Num(d), stability, note]


def _interval(name, lo, hi, note):
    return [name, "interval", "%s..%s" % (lo, hi), "1", "neutral", note]


def fixed_point_rows():
    R = []
    pi = mp.pi
    # sigmoid: g(x) = sigma(x) - x has g' = sigma(1-sigma) - 1 <= -3/4 < 0, so g is strictly
    # decreasing with g(0) = 1/2 > 0 > g(1): exactly one fixed point, in (0, 1).
    # 2-cycles: none by (M) (sigma is increasing); also (K) since sigma' <= 1/4.
    R.append(_point("sigmoid", root(lambda x: sig(x) - x, "0.659", "sigmoid")))
    # tanh: |tanh x| < |x| for x != 0 (tanh' = 1 - tanh^2 < 1 away from 0), so 0 is the only
    # fixed point; f'(0) = 1 and |f(x)| < |x| pulls both sides in. 2-cycles: none by (M) or (C).
    R.append(_point("tanh", mpf(0), "attracting from both sides (|tanh x| < |x|)", "neutral"))
    # sin: |sin x| < |x| for x != 0, so 0 is the only fixed point (neutral, both sides attract).
    # 2-cycles: none by (C).
    R.append(_point("sin", mpf(0), "attracting from both sides (|sin x| < |x|)", "neutral"))
    # cos: a fixed point lies in cos(R) = [-1, 1] and then in cos([-1, 1]) = [cos 1, 1] (cos is
    # positive there); on [cos 1, 1] (invariant: cos maps it into [cos 1, cos(cos 1)]) |cos'| =
    # |sin x| <= sin 1 < 1, so by (K) there is exactly one fixed point (the Dottie number); every
    # 2-cycle would also lie in [cos 1, 1] (it is in the image of the image), so none by (K).
    R.append(_point("cos", root(lambda x: mp.cos(x) - x, "0.739", "cos")))
    # cube: x^3 - x = x(x-1)(x+1): exactly -1, 0, 1. 2-cycles: x^9 = x has only the roots
    # 0, +-1 (x^8 = 1), all fixed points; also (M).
    for x in (-1, 0, 1):
        R.append(_point("cube", mpf(x)))
    # square: x^2 - x = x(x-1): 0 and 1. 2-cycles: x^4 = x means x(x-1)(x^2+x+1) = 0 and
    # x^2+x+1 > 0, so only the fixed points 0 and 1.
    for x in (0, 1):
        R.append(_point("square", mpf(x)))
    # elu (alpha = 1): f = id on [0, inf); for x < 0, e^x - 1 > x (strict convexity of exp,
    # tangent line 1 + x at 0), so no fixed point below 0. 2-cycles: none by (M).
    R.append(_interval("elu", "0", "inf",
                       "every x >= 0 is fixed (f = id; f' = 1 also at 0 since alpha = 1); for x < 0 "
                       "e^x - 1 lies in (x; 0) so orbits increase to 0 (attracting from the left)"))
    # selu: for x > 0, f(x) = scale*x > x (scale > 1): no fixed point. For x <= 0 let
    # g(x) = s*a*(e^x - 1) - x (s*a = scale*alpha ~ 1.758): g is strictly convex, g(0) = 0,
    # g'(0) = s*a - 1 > 0 so g < 0 just left of 0, and g(x) -> +inf as x -> -inf; a strictly
    # convex function has at most two zeros, so exactly one more fixed point x_- < 0 (and 0).
    # 2-cycles: none by (M) (selu is increasing).
    sa = P(SELU_SCALE) * P(SELU_ALPHA)
    xm = root(lambda x: sa * mp.expm1(x) - x, "-1.2", "selu")
    R.append(_point("selu", xm))
    left, right = sa, P(SELU_SCALE)
    R.append(["selu", "point", Num(0), "undef", "repelling",
              "kink: f'(0-) = scale*alpha = %s and f'(0+) = scale = %s; both > 1 so repelling from "
              "both sides" % (fmt(left, 25), fmt(right, 25))])
    # celu (alpha = 1): identical to elu with alpha = 1 (exp(x/alpha) - 1 = e^x - 1).
    R.append(_interval("celu", "0", "inf",
                       "every x >= 0 is fixed (f = id; f' = 1 also at 0 since alpha = 1); for x < 0 "
                       "e^x - 1 lies in (x; 0) so orbits increase to 0 (attracting from the left)"))
    # softsign: |x|/(1+|x|) < |x| for x != 0: only 0; f'(0) = 1; (M) and (C) exclude 2-cycles.
    R.append(_point("softsign", mpf(0), "attracting from both sides (|f(x)| < |x|; x_n = x_0/(1 + n x_0))",
                    "neutral"))
    # gelu: f(x) = x*Phi(x) with 0 < Phi < 1, so f(x) = x only at x = 0 and |f(x)| < |x|,
    # f(x) has the sign of x for x != 0: 2-cycles none by (C). f'(0) = Phi(0) = 1/2.
    R.append(_point("gelu", mpf(0)))
    # gelu_tanh: f(x) = x*h(x) with h = (1 + tanh(.))/2 in (0, 1): same argument as gelu.
    R.append(_point("gelu_tanh", mpf(0)))
    # silu: f(x) = x*sigma(x), sigma in (0, 1): same argument; f'(0) = 1/2.
    R.append(_point("silu", mpf(0)))
    # mish: f(x) = x*tanh(softplus(x)) with softplus > 0 so tanh(softplus) in (0, 1): same
    # argument; f'(0) = tanh(log 2) = 3/5.
    R.append(_point("mish", mpf(0)))
    # softplus: log(1 + e^x) > log(e^x) = x for every x: no fixed point; no 2-cycle by (M).
    R.append(["softplus", "none", "", "", "", "softplus(x) > x for all x since log(1 + e^x) > log(e^x)"])
    # logsigmoid: logsigmoid(x) - x = -log(1 + e^-x) - x = -log(e^x + 1) < 0: no fixed point.
    R.append(["logsigmoid", "none", "", "", "",
              "logsigmoid(x) - x = -log(1 + e^x) < 0 for all x"])
    # gaussian: fixed points need x = e^{-x^2} > 0; on [0, inf) g(x) = e^{-x^2} - x has
    # g' = -2x e^{-x^2} - 1 < 0, g(0) = 1 > 0 > g(1): exactly one. |f'(x)| = 2|x| e^{-x^2}
    # <= sqrt(2/e) < 1 on all of R, so by (K) there is no 2-cycle. f'(x*) = -2 x*^2.
    R.append(_point("gaussian", root(lambda x: mp.exp(-x * x) - x, "0.65", "gaussian")))
    # erf: odd; g(x) = erf(x) - x on [0, inf) is strictly concave (erf'' < 0 there), g(0) = 0,
    # g'(0) = 2/sqrt(pi) - 1 > 0 and g(x) -> -inf, so exactly one positive zero a; by oddness
    # the fixed points are exactly -a, 0, a (0 repelling: f'(0) = 2/sqrt(pi) > 1).
    # 2-cycles: none by (M) (erf is increasing).
    a = root(lambda x: mp.erf(x) - x, "0.62", "erf")
    for x in (-a, mpf(0), a):
        R.append(_point("erf", x))
    # snake (alpha = 1): f(x) - x = sin^2(x) >= 0 vanishes exactly at x = k*pi, k in Z; all are
    # fixed with f'(k*pi) = 1 + sin(2k*pi) = 1. f is nondecreasing (f' = 1 + sin 2x >= 0), so for
    # x in ((k-1)pi, k pi) the orbit increases and stays <= f(k pi) = k pi: it converges to k pi
    # (attracting from the left) and points right of k pi leave it (repelling to the right).
    # 2-cycles: none by (M). Infinite family: the rows list |k| <= 3 (the fixed points in [-12, 12]).
    for k in range(-3, 4):
        R.append(_point("snake", k * pi,
                        "k = %d of the family x = k*pi (all integers k); attracting from the left "
                        "and repelling to the right (f(x) - x = sin^2 x >= 0)" % k,
                        "neutral", deriv=mpf(1)))
    # tanhshrink: f(x) = x iff tanh x = 0 iff x = 0; f'(0) = tanh(0)^2 = 0. (M): f' = tanh^2 >= 0.
    R.append(_point("tanhshrink", mpf(0)))
    # swish (beta = 1): identical to silu.
    R.append(_point("swish", mpf(0)))
    # hardtanh: id on [-1, 1]; f(x) = 1 < x for x > 1 and f(x) = -1 > x for x < -1. (M).
    R.append(_interval("hardtanh", "-1", "1",
                       "closed; f' = 1 inside; x > 1 maps to 1 and x < -1 maps to -1 in one step"))
    # relu: id on [0, inf); for x < 0 f(x) = 0 > x. (M).
    R.append(_interval("relu", "0", "inf",
                       "closed at 0 (left/right derivative 0/1 there); x < 0 maps to 0 in one step"))
    # leaky_relu: id on [0, inf); for x < 0, f(x) = 0.01 x > x. (M).
    R.append(_interval("leaky_relu", "0", "inf",
                       "closed at 0 (left/right derivative 0.01/1 there); for x < 0 x_n = 0.01^n x_0 -> 0"))
    # relu6: id on [0, 6]; f(x) = 0 > x for x < 0 and f(x) = 6 < x for x > 6. (M).
    R.append(_interval("relu6", "0", "6",
                       "closed; kinks at both ends; x < 0 maps to 0 and x > 6 to 6 in one step"))
    # hardsigmoid: on [-3, 3] (x + 3)/6 = x iff x = 3/5; for x > 3 f = 1 < x, for x < -3
    # f = 0 > x. (M): nondecreasing.
    R.append(_point("hardsigmoid", mpf(3) / 5))
    # hardswish: f(x) = x*h(x) with h = min(max(0, x+3), 6)/6 in [0, 1] and h = 1 iff x >= 3.
    # So f(x) = x iff x = 0 or x >= 3; for x in (0, 3) 0 < f(x) < x, for x in (-3, 0)
    # x < f(x) < 0, for x <= -3 f = 0. |f(x)| <= |x| with equality only on the fixed set, so
    # no 2-cycle by (C). f'(0) = 1/2.
    R.append(_point("hardswish", mpf(0)))
    R.append(_interval("hardswish", "3", "inf",
                       "closed at 3: f'(3-) = 3/2 and f'(3+) = 1; points in (0; 3) decrease to 0 so 3 "
                       "repels from the left"))
    # softshrink: for x > lambd f(x) = x - lambd != x, for x < -lambd f(x) = x + lambd != x; on
    # [-lambd, lambd] f = 0, fixed only at 0 (f' = 0 there: interior of the flat part). (M).
    R.append(_point("softshrink", mpf(0)))
    # hardshrink: f = id on |x| > lambd (open: f(+-lambd) = 0), f = 0 on [-lambd, lambd] where
    # only x = 0 is fixed (f' = 0). Nondecreasing (jumps are upward), so no 2-cycle by (M).
    R.append(_interval("hardshrink", "-inf", "-0.5",
                       "open at -0.5 (f(-0.5) = 0): the set is x < -0.5"))
    R.append(_point("hardshrink", mpf(0)))
    R.append(_interval("hardshrink", "0.5", "inf",
                       "open at 0.5 (f(0.5) = 0): the set is x > 0.5"))
    # threshold (0.1, 20): f = id on x > 0.1; for x <= 0.1 f(x) = 20 != x. 2-cycles: if a is in a
    # 2-cycle and a > 0.1 then f(a) = a; if a <= 0.1 then f(a) = 20 and f(20) = 20 != a: none.
    R.append(_interval("threshold", "0.1", "inf",
                       "open at 0.1 (f(0.1) = 20): the set is x > 0.1; every x <= 0.1 maps to the "
                       "fixed point 20 in one step"))
    # identity: every x.
    R.append(_interval("identity", "-inf", "inf", "every x is fixed"))
    # abs: |x| = x iff x >= 0. 2-cycle a -> b -> a needs a = |b| >= 0 and b = |a| = a: none.
    R.append(_interval("abs", "0", "inf",
                       "closed at 0 (left/right derivative -1/1 there); x < 0 maps to -x in one step"))
    # heaviside: values are {0, 1/2, 1}; H(0) = 1/2 != 0, H(1/2) = 1 != 1/2, H(1) = 1: only 1.
    # (M): nondecreasing.
    R.append(_point("heaviside", mpf(1), "every x > 0 maps to 1 in one step"))
    # apl: pieces x >= 1/2: f = x (fixed); [0, 1/2]: f = x/2 + 1/4 (fixed only at 1/2);
    # [-1, 0]: f = 1/4 - x/2 (fixed only at 1/6, outside); x <= -1: f = 1/2 - x/4 (fixed only
    # at 2/5, outside). So the fixed set is [1/2, inf). 2-cycles: f(R) is in [1/4, inf) (each
    # piece is >= 1/4), so a 2-cycle lies in [1/4, inf) where f is nondecreasing (slopes 1/2,
    # 1): none by (M).
    R.append(_interval("apl", "0.5", "inf",
                       "closed at 0.5: f'(0.5-) = 0.5 and f'(0.5+) = 1; points in [0; 0.5) increase to "
                       "0.5 (f = x/2 + 1/4) and x <= -1 lands in the set in one step"))
    # bspline: the coefficients are the Greville abscissae, so f = x where the B-splines sum to 1,
    # i.e. on [t_3, t_8] = [-1, 1]. On (1, 2.2) extend the knots uniformly: x = sum over all i of
    # c_i B_i(x), so f(x) = x - sum_{i >= 8} c_i B_i(x) with c_i >= 1.8 > 0 and B_8 > 0 on (1, 2.6):
    # f(x) < x; also f > 0 there (only B_5..B_7 are nonzero there, with c_5..c_7 > 0). For x >= 2.2 f = 0 < x. f is odd,
    # so 0 < |f(x)| < |x| for 1 < |x| < 2.2 on both sides. Fixed set exactly [-1, 1];
    # |f(x)| <= |x| with equality only there, so no 2-cycle by (C).
    R.append(_interval("bspline", "-1", "1",
                       "closed; f is C^2 so f' = 1 at the ends too; 0 < |f(x)| < |x| for 1 < |x| < 2.2"))
    # leaky_relu appears twice in the requested list; its rows are written once (above).
    return R


FIXED_ORDER = ["sigmoid", "tanh", "sin", "cos", "cube", "square", "elu", "selu", "celu", "softsign",
               "gelu", "gelu_tanh", "silu", "mish", "softplus", "logsigmoid", "gaussian", "erf", "snake",
               "tanhshrink", "swish", "hardtanh", "relu", "leaky_relu", "relu6", "hardsigmoid", "hardswish",
               "softshrink", "hardshrink", "threshold", "identity", "abs", "heaviside", "apl", "bspline"]

JUMPS = {"heaviside", "hardshrink", "threshold"}  # functions with a jump discontinuity


def scan_check(rows):
    """Numerical search: roots of f(x) - x and f(f(x)) - x on [-12, 12] must lie in the claimed set."""
    with mp.workdps(80):  # enough that f(x) - x is not rounded to 0 where f saturates to x (|x| <= 12)
        by_name = {}
        for r in rows:
            by_name.setdefault(r[0], []).append(r)
        tol = mpf(10) ** -12
        for name in FIXED_ORDER:
            pts, ivs = [], []
            for r in by_name[name]:
                if r[1] == "point":
                    pts.append(r[2].v)
                elif r[1] == "interval":
                    lo, hi = r[2].split("..")
                    ivs.append((mpf(lo), mpf(hi)))

            def claimed(x):
                return (any(abs(x - p) < 1e-9 for p in pts)
                        or any(lo - 1e-9 <= x <= hi + 1e-9 for lo, hi in ivs))
            f = f_of(name)
            found = 0
            for label, g in (("f", lambda x: f(x) - x), ("f o f", lambda x: f(f(x)) - x)):
                xs = [mpf(i) / 64 for i in range(-768, 769)]
                gs = [g(x) for x in xs]
                for i, (x, v) in enumerate(zip(xs, gs)):
                    if v == 0:
                        assert claimed(x), (name, label, "zero at", x)
                        found += 1
                # transversal roots
                for i in range(len(xs) - 1):
                    if gs[i] * gs[i + 1] < 0:
                        lo, hi, glo = xs[i], xs[i + 1], gs[i]
                        for _ in range(80):
                            mid = (lo + hi) / 2
                            gm = g(mid)
                            if gm == 0:
                                lo = hi = mid
                                break
                            if (gm < 0) == (glo < 0):
                                lo, glo = mid, gm
                            else:
                                hi = mid
                        r = (lo + hi) / 2
                        if abs(g(r)) < tol:
                            assert claimed(r), (name, label, "unclaimed root", r)
                            found += 1
                        else:
                            assert name in JUMPS, (name, label, "sign change without root at", r)
                # tangential roots: near-zero local minima of |g| without a sign change
                for i in range(1, len(xs) - 1):
                    a0, a1, a2 = abs(gs[i - 1]), abs(gs[i]), abs(gs[i + 1])
                    if 0 < a1 < mpf(10) ** -2 and a1 <= a0 and a1 <= a2 and gs[i - 1] * gs[i + 1] > 0:
                        lo, hi = xs[i - 1], xs[i + 1]
                        invphi = (mp.sqrt(5) - 1) / 2
                        for _ in range(120):
                            m1 = hi - invphi * (hi - lo)
                            m2 = lo + invphi * (hi - lo)
                            if abs(g(m1)) < abs(g(m2)):
                                hi = m2
                            else:
                                lo = m1
                        r = (lo + hi) / 2
                        if abs(g(r)) < tol:
                            assert claimed(r), (name, label, "unclaimed tangential root", r)
                            found += 1
            assert found > 0 or name in ("softplus", "logsigmoid"), name


# ---------------------------------------------------------------------------------------------
# 2. Extrema of f' and of f
# ---------------------------------------------------------------------------------------------
INF, NINF, NULL, T, F_ = "inf", "-inf", "null", "true", "false"

DEXT_ORDER = ["gelu", "gelu_tanh", "silu", "swish", "mish", "sigmoid", "tanh", "softplus", "softsign",
              "elu", "selu", "celu", "gaussian", "erf", "logsigmoid", "tanhshrink", "snake", "sin", "cube"]


def crit(name, order, seeds):
    """Roots of the `order`-th derivative (SymPy) near the seeds."""
    g = sym_derivative(name, order)
    return [root(g, s, "%s^(%d)" % (name, order)) for s in seeds]


def derivative_extrema_rows():
    R = []
    pi = mp.pi
    s2 = mp.sqrt(2)
    # gelu: f'' = phi(x)(2 - x^2): f' has its max at sqrt 2 and its min at -sqrt 2; limits 1 (+inf)
    # and 0 (-inf) lie strictly between.
    dg = df_of("gelu")
    R.append(["gelu", Num(dg(-s2)), Num(dg(s2)), Num(-s2), Num(s2), T, T])
    # gelu_tanh, mish: the critical points of f' (roots of f'') found by scan; limits 0 and 1.
    for name, seeds in (("gelu_tanh", ("-1.5", "1.5")), ("mish", ("-2.0", "1.1"))):
        lo, hi = crit(name, 2, seeds)
        d = df_of(name)
        R.append([name, Num(d(lo)), Num(d(hi)), Num(lo), Num(hi), T, T])
    # silu / swish (beta = 1): f'' = sigma(1-sigma)(2 + x(1 - 2 sigma)) = 0 iff x tanh(x/2) = 2.
    for name in ("silu", "swish"):
        b = P(SWISH_BETA) if name == "swish" else mpf(1)
        xp = root(lambda x: x * mp.tanh(b * x / 2) * b - 2, "2.4", name)
        d = df_of(name)
        R.append([name, Num(d(-xp)), Num(d(xp)), Num(-xp), Num(xp), T, T])
    # sigmoid: f' = sigma(1 - sigma) in (0, 1/4], max at 0, -> 0 at +-inf.
    R.append(["sigmoid", Num(0), Num(mpf(1) / 4), NULL, Num(0), F_, T])
    # tanh: f' = sech^2 in (0, 1].
    R.append(["tanh", Num(0), Num(1), NULL, Num(0), F_, T])
    # softplus: f' = sigma(x) in (0, 1).
    R.append(["softplus", Num(0), Num(1), NULL, NULL, F_, F_])
    # softsign: f' = 1/(1 + |x|)^2 in (0, 1] (f' exists at 0).
    R.append(["softsign", Num(0), Num(1), NULL, Num(0), F_, T])
    # elu (alpha = 1): f' = e^x for x < 0, 1 for x >= 0: (0, 1], max on the whole of [0, inf).
    R.append(["elu", Num(0), Num(1), NULL, "0..inf", F_, T])
    # selu: f' = scale*alpha*e^x (x < 0), scale (x > 0), undefined at 0: inf 0 (x -> -inf) and
    # sup scale*alpha (x -> 0-) are both not attained.
    R.append(["selu", Num(0), Num(P(SELU_SCALE) * P(SELU_ALPHA)), NULL, NULL, F_, F_])
    # celu (alpha = 1): as elu.
    R.append(["celu", Num(0), Num(1), NULL, "0..inf", F_, T])
    # gaussian: f' = -2x e^{-x^2}, extrema at -+1/sqrt 2: -+sqrt(2/e).
    R.append(["gaussian", Num(-mp.sqrt(2 / mp.e)), Num(mp.sqrt(2 / mp.e)), Num(1 / s2), Num(-1 / s2), T, T])
    # erf: f' = (2/sqrt pi) e^{-x^2} in (0, 2/sqrt pi].
    R.append(["erf", Num(0), Num(2 / mp.sqrt(pi)), NULL, Num(0), F_, T])
    # logsigmoid: f' = sigma(-x) in (0, 1).
    R.append(["logsigmoid", Num(0), Num(1), NULL, NULL, F_, F_])
    # tanhshrink: f' = tanh^2 in [0, 1).
    R.append(["tanhshrink", Num(0), Num(1), Num(0), NULL, T, F_])
    # snake: f' = 1 + sin 2x in [0, 2]; representatives of smallest |x|: -pi/4 and pi/4.
    R.append(["snake", Num(0), Num(2), Num(-pi / 4), Num(pi / 4), T, T])
    # sin: f' = cos in [-1, 1]: min at +-pi (positive representative), max at 0.
    R.append(["sin", Num(-1), Num(1), Num(pi), Num(0), T, T])
    # cube: f' = 3x^2 in [0, inf).
    R.append(["cube", Num(0), INF, Num(0), NULL, T, F_])
    R.sort(key=lambda r: DEXT_ORDER.index(r[0]))
    return R


def range_rows():
    R = []
    pi = mp.pi
    # gelu, gelu_tanh, silu, swish, mish: one minimum where f' = 0 (f' < 0 left of it and > 0 right
    # of it on the scan), f -> 0- at -inf and f ~ x at +inf.
    for name, seed in (("gelu", "-0.75"), ("gelu_tanh", "-0.75"), ("silu", "-1.28"), ("swish", "-1.28"),
                       ("mish", "-1.19")):
        xm = crit(name, 1, (seed,))[0]
        R.append([name, Num(f_of(name)(xm)), INF, Num(xm), NULL, T, F_])
    R.append(["sigmoid", Num(0), Num(1), NULL, NULL, F_, F_])
    R.append(["tanh", Num(-1), Num(1), NULL, NULL, F_, F_])
    R.append(["softplus", Num(0), INF, NULL, NULL, F_, F_])
    R.append(["softsign", Num(-1), Num(1), NULL, NULL, F_, F_])
    R.append(["elu", Num(-P(ELU_ALPHA)), INF, NULL, NULL, F_, F_])
    R.append(["selu", Num(-P(SELU_SCALE) * P(SELU_ALPHA)), INF, NULL, NULL, F_, F_])
    R.append(["celu", Num(-P(CELU_ALPHA)), INF, NULL, NULL, F_, F_])
    R.append(["gaussian", Num(0), Num(1), NULL, Num(0), F_, T])
    R.append(["erf", Num(-1), Num(1), NULL, NULL, F_, F_])
    R.append(["logsigmoid", NINF, Num(0), NULL, NULL, F_, F_])
    R.append(["tanhshrink", NINF, INF, NULL, NULL, F_, F_])
    R.append(["snake", NINF, INF, NULL, NULL, F_, F_])
    R.append(["sin", Num(-1), Num(1), Num(-pi / 2), Num(pi / 2), T, T])
    R.append(["cube", NINF, INF, NULL, NULL, F_, F_])
    order = DEXT_ORDER
    R.sort(key=lambda r: order.index(r[0]))
    return R


def check_derivatives():
    """Hand-written f' against SymPy's, and the extrema tables against a scan."""
    with mp.workdps(60):
        for name in ["sigmoid", "tanh", "sin", "cos", "cube", "square", "gelu", "gelu_tanh", "silu",
                     "swish", "mish", "softplus", "logsigmoid", "gaussian", "erf", "snake", "tanhshrink"]:
            d1 = sym_derivative(name, 1)
            for xs in ("-3.3", "-0.7", "0.4", "1.9", "6.1"):
                x = mpf(xs)
                a, b = df_of(name)(x), d1(x)
                assert abs(a - b) <= mpf(10) ** -50 * max(1, abs(b)), (name, xs, a, b)
                # f itself against SymPy too
                fa, fb = f_of(name)(x), sympy.lambdify(_X, sym_of(name), "mpmath")(x)
                assert abs(fa - fb) <= mpf(10) ** -50 * max(1, abs(fb)), (name, xs)
        for name in ["elu", "selu", "celu", "softsign", "hardswish", "hardsigmoid", "apl", "bspline"]:
            for xs in ("-2.05", "-1.3", "-0.7", "0.3", "1.7", "3.3"):
                x = mpf(xs)
                if name in ("apl", "bspline"):
                    continue
                a, b = df_of(name)(x), mp.diff(f_of(name), x)
                assert abs(a - b) <= mpf(10) ** -40, (name, xs, a, b)
        # bspline equals x on [-1, 1] and vanishes outside [-2.2, 2.2]
        for xs in ("-1", "-0.55", "0", "0.37", "0.999"):
            assert abs(bspline_value(mpf(xs)) - mpf(xs)) < mpf(10) ** -50
        assert bspline_value(mpf("2.3")) == 0 and bspline_value(mpf("-2.3")) == 0
    with mp.workdps(30):
        xs = [mpf(i) / 32 for i in range(-32 * 30, 32 * 30 + 1)]
        for table, deriv in ((derivative_extrema_rows(), True), (range_rows(), False)):
            for r in table:
                name = r[0]
                g = df_of(name) if deriv else f_of(name)
                vals = [g(x) for x in xs if g(x) is not None]
                lo, hi = min(vals), max(vals)
                if isinstance(r[1], Num):
                    assert lo >= r[1].v - mpf(10) ** -25, (name, deriv, "inf", lo)
                if isinstance(r[2], Num):
                    assert hi <= r[2].v + mpf(10) ** -25, (name, deriv, "sup", hi)
                for k, col in ((3, 1), (4, 2)):
                    if isinstance(r[k], Num):
                        assert abs(g(r[k].v) - r[col].v) < mpf(10) ** -25, (name, deriv, k)
                    elif r[k] == NULL and isinstance(r[col], Num):
                        # not attained: no grid point in [-4, 4] reaches it (further out the
                        # 30-digit values of saturating functions round onto their limits)
                        inner = [g(x) for x in xs if abs(x) <= 4 and g(x) is not None]
                        assert all(v != r[col].v for v in inner), (name, deriv, "attained?")


# ---------------------------------------------------------------------------------------------
# 3. Orbits
# ---------------------------------------------------------------------------------------------
ORBITS = [("sigmoid", "1"), ("sigmoid", "-3"), ("tanh", "1"), ("tanh", "0.5"), ("sin", "1"), ("cos", "1"),
          ("gelu", "1"), ("silu", "2"), ("mish", "1"), ("softsign", "1"), ("elu", "-1"), ("erf", "0.3"),
          ("gaussian", "1"), ("cube", "0.9"), ("snake", "-2"), ("swish", "1"), ("selu", "-0.5")]
ORBIT_NS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]


def sci_from_log10(L, digits):
    """10^L as mpmath-style scientific text, for L far outside mpf-printable exponent ranges."""
    E = int(mp.floor(L))
    m = mp.power(10, L - E)
    s = mp.nstr(m, digits)
    if s.startswith("10"):
        E += 1
        s = mp.nstr(m / 10, digits)
    return "%se%d" % (s, E)


def cube_orbit_rows(x0s):
    # x_n = x0^(3^n), P_n = prod 3 x_k^2 = 3^n x0^(3^n - 1): exact closed form, evaluated via
    # log10 with enough working digits for the huge exponents (direct iteration would lose
    # n*log10(3) digits).  Cross-checked against direct iteration for n <= 20.
    rows = []
    base = mp.dps
    for n in ORBIT_NS:
        N = 3 ** n
        with mp.workdps(base + len(str(N)) + 20):
            l0 = mp.log10(mpf(x0s))
            Lx = N * l0
            Lp = n * mp.log10(3) + (N - 1) * l0
            if abs(Lp) < 10 ** 4:   # ordinary mpf range: print like every other row
                xs, ps = Num(mp.power(10, Lx)), Num(mp.power(10, Lp))
            else:
                xs, ps = sci_from_log10(Lx, HI_OUT), sci_from_log10(Lp, HI_OUT)
            lp = Num(Lp)
            if n <= 20:
                x, p = mpf(x0s), mpf(1)
                for _ in range(n):
                    p *= 3 * x * x
                    x = x ** 3
                assert abs(mp.log10(x) - Lx) < mpf(10) ** (-base + 20), n
                assert abs(mp.log10(p) - Lp) < mpf(10) ** (-base + 20), n
        rows.append(["cube", x0s, str(n), xs, ps, lp])
    return rows


def orbit_rows(name, x0s):
    if name == "cube":
        return cube_orbit_rows(x0s)
    f, df = f_of(name), df_of(name)
    x, p = mpf(x0s), mpf(1)
    rows = []
    for n in range(1, ORBIT_NS[-1] + 1):
        d = df(x)
        assert d is not None and d != 0
        p *= d
        x = f(x)
        if n in ORBIT_NS:
            rows.append([name, x0s, str(n), Num(x), Num(p), Num(mp.log10(abs(p)))])
    if name == "softsign":  # exact: x_n = 1/(n+1), P_n = 1/(n+1)^2
        for r in rows:
            n = int(r[2])
            assert abs(r[3].v - mpf(1) / (n + 1)) < mpf(10) ** (-mp.dps + 5)
            assert abs(r[4].v - mpf(1) / (n + 1) ** 2) < mpf(10) ** (-mp.dps + 5)
    return rows


def compare_orbit_rows(a, b):
    for ra, rb in zip(a, b):
        for fa, fb in zip(ra, rb):
            if isinstance(fa, Num):
                assert agree(fa.v, fb.v, HI_AGREE), (ra[:3], fa.v, fb.v)
            elif fa != fb:
                # cube's scientific strings: compare mantissas as numbers
                ma, ea = fa.split("e")
                mb, eb = fb.split("e")
                assert ea == eb and agree(mpf(ma), mpf(mb), HI_OUT - 1), (ra[:3], fa, fb)


def task_orbit(arg):
    name, x0s = arg
    res = []
    for dps in HI_DPS:
        with mp.workdps(dps):
            res.append(orbit_rows(name, x0s))
    compare_orbit_rows(res[0], res[1])
    with mp.workdps(HI_DPS[1]):
        return [render(r, HI_OUT) for r in res[1]]


# Underflow depth: smallest n <= 10^6 with |P_n| < 2^-1074.
UF_MAX = 10 ** 6


def underflow_depth(name, x0s):
    """(n, log10|P_(n-1)|, log10|P_n|) at the first n with |P_n| < 2^-1074, or
    (None, log10 min_n |P_n|, log10 2^-1074) when there is none up to 10^6."""
    tiny = mpf(2) ** -1074
    if name == "cube":
        # log10 P_n = n log10 3 + (3^n - 1) log10 x0 (see cube_orbit_rows)
        prev = mpf(0)
        for n in range(1, 64):
            N = 3 ** n
            with mp.workdps(mp.dps + len(str(N)) + 10):
                L = n * mp.log10(3) + (N - 1) * mp.log10(mpf(x0s))
                if L < mp.log10(tiny):
                    return n, prev, L
                prev = L
        raise AssertionError(name)
    if name in RAW_STEPS:
        return raw_orbit_min(name, x0s)
    f, df = f_of(name), df_of(name)
    x, p = mpf(x0s), mpf(1)
    prev = mpf(1)
    for n in range(1, UF_MAX + 1):
        p *= df(x)
        x = f(x)
        ap = abs(p)
        if ap < tiny:
            return n, mp.log10(prev), mp.log10(ap)
        prev = ap
    raise AssertionError("%s(%s): geometric orbit expected to underflow" % (name, x0s))


# The orbits that converge to a neutral fixed point (tanh, sin, softsign, elu, snake) need all 10^6
# steps; they use mpmath's low-level routines (same arithmetic, ~3x faster), checked against the
# generic f/f' for the first 1000 steps.  |P_n| is followed exactly; its minimum is reported.
def _raw_steps():
    from mpmath.libmp import (mpf_tanh, mpf_mul, mpf_sub, mpf_add, mpf_div, mpf_cos_sin, mpf_exp,
                              mpf_abs, fone, from_int, round_nearest as rn)
    two = from_int(2)

    def tanh_step(x, prec):
        y = mpf_tanh(x, prec, rn)
        return y, mpf_sub(fone, mpf_mul(y, y, prec, rn), prec, rn)

    def sin_step(x, prec):
        c, s = mpf_cos_sin(x, prec, rn)
        return s, c

    def softsign_step(x, prec):
        den = mpf_add(fone, mpf_abs(x), prec + 20, rn)
        return mpf_div(x, den, prec, rn), mpf_div(fone, mpf_mul(den, den, prec + 20, rn), prec, rn)

    def elu_step(x, prec):   # orbit stays in x < 0: f = e^x - 1 (alpha = 1), f' = e^x
        e = mpf_exp(x, prec + 64, rn)
        return mpf_sub(e, fone, prec, rn), mpf_add(e, (0, 0, 0, 0), prec, rn)

    def snake_step(x, prec):   # alpha = 1: f = x + sin^2 x, f' = 1 + 2 sin x cos x
        c, s = mpf_cos_sin(x, prec + 20, rn)
        return (mpf_add(x, mpf_mul(s, s, prec + 20, rn), prec, rn),
                mpf_add(fone, mpf_mul(two, mpf_mul(s, c, prec + 20, rn), prec + 20, rn), prec, rn))
    return {"tanh": tanh_step, "sin": sin_step, "softsign": softsign_step, "elu": elu_step,
            "snake": snake_step}


RAW_STEPS = _raw_steps()


def raw_orbit_min(name, x0s):
    from mpmath.libmp import mpf_mul, mpf_abs, mpf_lt, fone, round_nearest as rn
    assert P(ELU_ALPHA) == 1 and P(SNAKE_ALPHA) == 1
    prec = mp.prec
    step = RAW_STEPS[name]
    tiny = (mpf(2) ** -1074)._mpf_
    x, p, pmin = mpf(x0s)._mpf_, fone, fone
    f, df = f_of(name), df_of(name)
    xg, pg = mpf(x0s), mpf(1)
    for n in range(1, UF_MAX + 1):
        if n <= 1000:   # cross-check against the generic definitions
            pg *= df(xg)
            xg = f(xg)
        x_new, d = step(x, prec)
        p = mpf_mul(p, d, prec, rn)
        x = x_new
        if n <= 1000:
            assert agree(mpf(x), xg, mp.dps - 8) and agree(mpf(p), pg, mp.dps - 8), (name, n)
        ap = mpf_abs(p)
        assert not mpf_lt(ap, tiny), (name, n)
        if mpf_lt(ap, pmin):
            pmin = ap
    return None, mp.log10(mpf(pmin)), mp.log10(mpf(tiny))


def task_underflow(arg):
    name, x0s = arg
    out = []
    for dps in UF_DPS:
        with mp.workdps(dps):
            t0 = time.time()
            n, a, b = underflow_depth(name, x0s)
            lt = mp.log10(mpf(2) ** -1074)
            if n is None:
                assert a - lt > 10, (name, x0s, a)  # min |P_n| is far above the threshold
            else:
                assert a >= lt > b, (name, x0s, a, b)
            out.append((n, mp.nstr(a, 12), mp.nstr(b, 12)))
            log("  underflow %s(%s) at %d digits: n = %s (log10 %s; %s) %.1fs"
                % (name, x0s, dps, n, out[-1][1], out[-1][2], time.time() - t0))
    assert out[0][0] == out[1][0], (name, x0s, out)
    return "%s,%s,%s" % (name, x0s, "null" if out[1][0] is None else out[1][0])


# ---------------------------------------------------------------------------------------------
# 4. Mean-field signal propagation (Poole et al. 2016; Schoenholz et al. 2017)
# ---------------------------------------------------------------------------------------------
# q map      q -> sw2 E[f(sqrt(q) z)^2] + sb2,           chi1 = sw2 E[f'(sqrt(q*) z)^2]
# c map      c -> (sw2 E[f(u1) f(u2)] + sb2)/q*,  u1 = sqrt(q*) z1, u2 = sqrt(q*)(c z1 + sqrt(1-c^2) z2)
#            its derivative is chi_c(c) = sw2 E[f'(u1) f'(u2)] (Price's theorem), c = 1 is always fixed.
# For odd f (tanh, erf) the c map is convex on [0, 1] (its second derivative is
# sw2 q* E[f''(u1) f''(u2)] = sw2 q* sum_k c^k (Hermite coefficient of f'')^2 / k! >= 0, only odd k),
# increasing (chi_c > 0) and map(0) = sb2/q* > 0.  Hence: chi1 < 1 -> map(c) > c on [0, 1), the
# iteration from 0.5 increases to c* = 1; chi1 > 1 -> exactly one fixed point c* in (0, 1), and the
# iteration from 0.5 converges to it monotonically.  relu's map (arc-cosine kernel) is convex on
# [-1, 1] as well, and relu with a finite q* has chi1 = sw2/2 < 1.
MF_PAIRS = [("1", "0.05"), ("1.5", "0.05"), ("2", "0.1"), ("2.5", "0.3"), ("4", "0.5"), ("0.5", "0.1"),
            ("1.76", "0.05")]
MF_ROWS = ([("tanh", w, b) for w, b in MF_PAIRS] + [("relu", w, b) for w, b in MF_PAIRS]
           + [("relu", "2", "0"), ("relu", "1", "0")] + [("erf", w, b) for w, b in MF_PAIRS])


def gauss_E(g, q, kinks=()):
    """E_z[g(sqrt(q) z)], z ~ N(0, 1), by mpmath.quad split at 0 and at the kinks of g."""
    sq = mp.sqrt(q)
    pts = sorted(set([mpf(0)] + [mpf(k) / sq for k in kinks]))
    v = mp.quad(lambda z: g(sq * z) * mp.exp(-z * z / 2), [-mp.inf] + pts + [mp.inf])
    return v / mp.sqrt(2 * mp.pi)


def sech2(u):
    return 1 / mp.cosh(u) ** 2


# E[f^2], E[f'^2], d/dq E[f^2] = E[f(u) f'(u) u]/q, at the current precision
def mf_Ef2(name, q):
    if name == "tanh":
        return gauss_E(lambda u: mp.tanh(u) ** 2, q)
    if name == "erf":
        return gauss_E(lambda u: mp.erf(u) ** 2, q)
    return gauss_E(lambda u: u * u if u > 0 else mpf(0), q, (0,))


def mf_Edf2(name, q):
    if name == "tanh":
        return gauss_E(lambda u: sech2(u) ** 2, q)
    if name == "erf":
        return gauss_E(lambda u: 4 / mp.pi * mp.exp(-2 * u * u), q)
    return gauss_E(lambda u: mpf(1) if u > 0 else mpf(0), q, (0,))


def mf_dEf2(name, q):
    if name == "tanh":
        return gauss_E(lambda u: mp.tanh(u) * sech2(u) * u, q) / q
    if name == "erf":
        return gauss_E(lambda u: mp.erf(u) * 2 / mp.sqrt(mp.pi) * mp.exp(-u * u) * u, q) / q
    raise ValueError(name)


def erf_closed(q):
    """Closed forms for erf: E[erf(sqrt q z)^2], E[erf'(sqrt q z)^2]."""
    return 2 / mp.pi * mp.asin(2 * q / (1 + 2 * q)), 4 / mp.pi / mp.sqrt(1 + 4 * q)


# -- double-precision first stage (only to find a starting point for the high-precision Newton) --
def _fgrid(h, R):
    n = int(R / h)
    zs = [i * h for i in range(-n, n + 1)]
    return zs, [math.exp(-z * z / 2) for z in zs]


def float_Ef2(name, q):
    if name == "erf":
        return 2 / math.pi * math.asin(2 * q / (1 + 2 * q))
    zs, ws = _fgrid(0.02, 12.0)
    a = math.sqrt(q)
    return sum(w * math.tanh(a * z) ** 2 for z, w in zip(zs, ws)) * 0.02 / math.sqrt(2 * math.pi)


def float_Edf2(name, q):
    if name == "erf":
        return 4 / math.pi / math.sqrt(1 + 4 * q)
    zs, ws = _fgrid(0.02, 12.0)
    a = math.sqrt(q)
    return sum(w / math.cosh(a * z) ** 4 for z, w in zip(zs, ws)) * 0.02 / math.sqrt(2 * math.pi)


def float_cmap(name, q, c):
    """(E[f(u1) f(u2)], E[f'(u1) f'(u2)]) in double precision."""
    if name == "erf":
        return (2 / math.pi * math.asin(2 * q * c / (1 + 2 * q)),
                4 / math.pi / math.sqrt((1 + 2 * q) ** 2 - 4 * q * q * c * c))
    h = 0.1
    zs, ws = _fgrid(h, 9.0)
    a, s = math.sqrt(q), math.sqrt(max(0.0, 1 - c * c))
    S1 = S2 = 0.0
    for z1, w1 in zip(zs, ws):
        t1 = math.tanh(a * z1)
        b = a * c * z1
        i1 = i2 = 0.0
        for z2, w2 in zip(zs, ws):
            t2 = math.tanh(b + a * s * z2)
            i1 += w2 * t2
            i2 += w2 * (1 - t2 * t2)
        S1 += w1 * t1 * i1
        S2 += w1 * (1 - t1 * t1) * i2
    return S1 * h * h / (2 * math.pi), S2 * h * h / (2 * math.pi)


def float_qstar(name, sw2, sb2):
    q = 1.0
    for _ in range(100000):
        qn = sw2 * float_Ef2(name, q) + sb2
        if abs(qn - q) <= 1e-15 * q:
            return qn
        q = qn
    raise AssertionError("q map did not converge")


def float_cstar(name, q, sw2, sb2):
    c = 0.5
    for _ in range(60):  # the iteration that defines c* (monotone), then Newton
        c = (sw2 * float_cmap(name, q, c)[0] + sb2) / q
    for _ in range(50):
        m, d = float_cmap(name, q, c)
        g, gp = (sw2 * m + sb2) / q - c, sw2 * d - 1
        assert gp < 0, (name, q, c, gp)
        dc = -g / gp
        c += dc
        if abs(dc) < 1e-12:   # double-precision noise level near a nearly double root; mp refines
            return c
    raise AssertionError("c Newton")


# -- high precision ---------------------------------------------------------------------------
def tanh_cmap_trap(q, c):
    """(E[tanh(u1) tanh(u2)], E[sech^2(u1) sech^2(u2)]) by a tensor trapezoidal rule (see docstring)."""
    digits = mp.dps + 8
    ln10 = mp.log(10)
    a = mp.sqrt(q)
    b, dd = a * c, a * mp.sqrt(1 - c * c)
    d = mpf("0.9") * mp.pi / (2 * a)
    h = 2 * mp.pi * d / (digits * ln10)
    R = mp.sqrt(2 * digits * ln10)
    n = int(mp.ceil(R / h))
    R2 = R * R
    zs = [i * h for i in range(-n, n + 1)]
    ws = [mp.exp(-z * z / 2) for z in zs]
    E2 = [mp.exp(2 * dd * z) for z in zs]
    S1 = S2 = mpf(0)
    for i in range(n, 2 * n + 1):  # z1 >= 0; the integrands are even in (z1, z2) -> (-z1, -z2)
        z1 = zs[i]
        A = mp.exp(2 * b * z1)
        t1 = mp.tanh(a * z1)
        m = int(mp.floor(mp.sqrt(max(R2 - z1 * z1, 0)) / h))
        sa = sb = sw = mpf(0)
        for j in range(n - m, n + m + 1):
            E = A * E2[j]
            r = 1 / (E + 1)
            wr = ws[j] * r
            sa += wr
            sb += wr * E * r
            sw += ws[j]
        inner_t = sw - 2 * sa        # sum w tanh(y), tanh(y) = 1 - 2/(e^{2y} + 1)
        inner_s = 4 * sb             # sum w sech^2(y), sech^2(y) = 4 e^{2y}/(e^{2y} + 1)^2
        wt = ws[i] * (1 if i == n else 2)
        S1 += wt * t1 * inner_t
        S2 += wt * (1 - t1 * t1) * inner_s
    norm = h * h / (2 * mp.pi)
    return S1 * norm, S2 * norm


def tanh_cmap_quad(q, c):
    """Nested mpmath.quad version (slow; used as a cross-check at low precision)."""
    a = mp.sqrt(q)
    s = mp.sqrt(1 - c * c)
    g1 = lambda z1, z2: mp.tanh(a * z1) * mp.tanh(a * (c * z1 + s * z2)) * mp.exp(-(z1 * z1 + z2 * z2) / 2)
    g2 = lambda z1, z2: (sech2(a * z1) * sech2(a * (c * z1 + s * z2)) * mp.exp(-(z1 * z1 + z2 * z2) / 2))
    L = [-mp.inf, 0, mp.inf]
    return mp.quad(g1, L, L) / (2 * mp.pi), mp.quad(g2, L, L) / (2 * mp.pi)


def erf_cmap_quad(q, c):
    """(E[erf(u1) erf(u2)], E[erf'(u1) erf'(u2)]) by mpmath.quad over z1 with the z2-integral in
    closed form: E_z[erf(m + b z)] = erf(m/sqrt(1 + 2b^2)), E_z[e^{-(m + b z)^2}] = e^{-m^2/(1+2b^2)}/sqrt(1+2b^2)."""
    a = mp.sqrt(q)
    k = 1 + 2 * q * (1 - c * c)
    v1 = gauss_E(lambda u: mp.erf(u) * mp.erf(c * u / mp.sqrt(k)), q)
    v2 = gauss_E(lambda u: 4 / mp.pi * mp.exp(-u * u) * mp.exp(-(c * u) ** 2 / k) / mp.sqrt(k), q)
    return v1, v2


def erf_cmap_closed(q, c):
    return (2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q)),
            4 / mp.pi / mp.sqrt((1 + 2 * q) ** 2 - 4 * q * q * c * c))


def relu_closed(q, c):
    """Arc-cosine kernel: E[relu(u1) relu(u2)] = q k(c), E[H(u1) H(u2)] = (pi - acos c)/(2 pi)."""
    th = mp.acos(c)
    return q * (mp.sqrt(1 - c * c) + (mp.pi - th) * c) / (2 * mp.pi), (mp.pi - th) / (2 * mp.pi)


def relu_cmap_quad(q, c):
    # outer z1 > 0 (relu(u1) = 0 otherwise); inner E_z[relu(m + b z)] = m Phi(m/b) + b phi(m/b)
    a = mp.sqrt(q)
    s = mp.sqrt(1 - c * c)
    def inner(z1):
        m, b = a * c * z1, a * s
        return m * Phi(m / b) + b * phi(m / b)
    v1 = mp.quad(lambda z1: a * z1 * inner(z1) * phi(z1), [0, mp.inf])
    v2 = mp.quad(lambda z1: Phi(c * z1 / s) * phi(z1), [0, mp.inf])
    return v1, v2


def newton(g, dg, x0, what, steps=12):
    """Newton's method; stops one step after |dx| < 10^-(dps/2) (quadratic convergence)."""
    x = mpf(x0)
    for _ in range(steps):
        dx = -g(x) / dg(x)
        x += dx
        if abs(dx) <= mpf(10) ** (-mp.dps // 2) * max(1, abs(x)):
            return x - g(x) / dg(x)
    raise AssertionError("Newton did not converge: %s" % what)


def xi(chi):
    return INF if chi == 1 else Num(-1 / mp.log(chi))


def close(a, b, digits, what):
    assert abs(a - b) <= mpf(10) ** (-digits) * max(abs(a), abs(b), mpf(10) ** -30), \
        "%s: %s vs %s" % (what, mp.nstr(a, 20), mp.nstr(b, 20))


def meanfield_row(name, sw2s, sb2s, fl):
    """One meanfield.csv row at the current precision; fl = double-precision starting values."""
    sw2, sb2 = mpf(sw2s), mpf(sb2s)
    tol = mp.dps - 8
    if name == "relu":
        # q map q -> sw2 q/2 + sb2 (checked against quad below): linear.
        if sw2 * 2 == 4 or sw2 > 2:   # sw2 >= 2
            chi1 = sw2 * mf_Edf2("relu", mpf(1))    # E[H(sqrt(q) z)^2] = 1/2 for every q > 0
            close(chi1, sw2 / 2, tol, "relu chi1")
            if sw2 == 2 and sb2 == 0:  # every q is fixed; normalised c map c -> 2 k(c), c* = 1
                return [name, sw2s, sb2s, "degenerate", Num(chi1), Num(1), Num(chi1), xi(chi1), xi(chi1)]
            # q_n grows without bound (linearly at sw2 = 2, geometrically above)
            return [name, sw2s, sb2s, "diverges", Num(chi1), NULL, NULL, NULL, xi(chi1)]
        qs = sb2 / (1 - sw2 / 2)
        if qs > 0:
            close(sw2 * mf_Ef2("relu", qs) + sb2, qs, tol, "relu q*")
        chi1 = sw2 * mf_Edf2("relu", qs if qs > 0 else mpf(1))   # q* = 0: the limit q -> 0+
        close(chi1, sw2 / 2, tol, "relu chi1")
        # ordered: c* = 1, chi_c = chi1; check the c map at 0.5 against the closed form
        qq = qs if qs > 0 else mpf(1)
        m_quad, d_quad = relu_cmap_quad(qq, mpf("0.5"))
        m_cl, d_cl = relu_closed(qq, mpf("0.5"))
        close(m_quad, m_cl, tol, "relu cmap")
        close(d_quad, d_cl, tol, "relu cmap'")
        cm = (sw2 * m_quad + sb2) / (qs if qs > 0 else sw2 * qq / 2)
        assert cm > mpf("0.5")
        return [name, sw2s, sb2s, Num(qs), Num(chi1), Num(1), Num(chi1), xi(chi1), xi(chi1)]
    q0 = fl["q"]
    if name == "erf":
        # Newton on the closed form, then check against quad
        g = lambda q: sw2 * erf_closed(q)[0] + sb2 - q
        dg = lambda q: sw2 * (2 / mp.pi) * (2 / (1 + 2 * q) ** 2) / mp.sqrt(1 - (2 * q / (1 + 2 * q)) ** 2) - 1
        qs = newton(g, dg, q0, "erf q*")
        e2, ed2 = mf_Ef2(name, qs), mf_Edf2(name, qs)
        c2, cd2 = erf_closed(qs)
        close(e2, c2, tol, "erf E[f^2]")
        close(ed2, cd2, tol, "erf E[f'^2]")
    else:
        g = lambda q: sw2 * mf_Ef2(name, q) + sb2 - q
        dg = lambda q: sw2 * mf_dEf2(name, q) - 1
        qs = newton(g, dg, q0, "tanh q*")
        e2, ed2 = mf_Ef2(name, qs), mf_Edf2(name, qs)
    close(sw2 * e2 + sb2, qs, tol, "q*")
    slope = sw2 * mf_dEf2(name, qs)
    assert 0 < slope < 1, ("unstable q*", name, slope)   # the fixed point the iteration reaches
    chi1 = sw2 * ed2
    if chi1 < 1:
        return [name, sw2s, sb2s, Num(qs), Num(chi1), Num(1), Num(chi1), xi(chi1), xi(chi1)]
    # chaotic: c* in (0, 1)
    if name == "erf":
        gc = lambda c: (sw2 * erf_cmap_closed(qs, c)[0] + sb2) / qs - c
        dgc = lambda c: sw2 * erf_cmap_closed(qs, c)[1] - 1
        cs = newton(gc, dgc, fl["c"], "erf c*")
        m, d = erf_cmap_quad(qs, cs)
        mc, dc = erf_cmap_closed(qs, cs)
        close(m, mc, tol, "erf cmap")
        close(d, dc, tol, "erf cmap'")
    else:
        cs = mpf(fl["c"])
        for it in range(10):
            m, d = tanh_cmap_trap(qs, cs)
            gval, gp = (sw2 * m + sb2) / qs - cs, sw2 * d - 1
            assert gp < 0
            dc = -gval / gp
            if abs(dc) <= mpf(10) ** (-mp.dps + 2):
                break   # m, d were evaluated at cs, which is converged
            cs += dc
        else:
            raise AssertionError("tanh c* Newton")
        if mp.dps == MF_DPS[0]:   # independent check of the trapezoidal sums (nested quad is slow)
            with mp.workdps(15):
                mq, dq = tanh_cmap_quad(qs, cs)
            close(mq, m, 12, "tanh cmap trapezoid vs quad")
            close(dq, d, 12, "tanh cmap' trapezoid vs quad")
    close((sw2 * m + sb2) / qs, cs, tol - 2, "c*")
    assert 0 < cs < 1
    chic = sw2 * d
    assert chic < 1, "c* must be stable"
    return [name, sw2s, sb2s, Num(qs), Num(chi1), Num(cs), Num(chic), xi(chic), xi(chi1)]


def task_meanfield(arg):
    name, sw2s, sb2s = arg
    t0 = time.time()
    fl = {}
    if name != "relu":
        sw2, sb2 = float(sw2s), float(sb2s)   # starting values only
        fl["q"] = float_qstar(name, sw2, sb2)
        if sw2 * float_Edf2(name, fl["q"]) > 1:
            fl["c"] = float_cstar(name, fl["q"], sw2, sb2)
    rows = []
    for dps in MF_DPS:
        with mp.workdps(dps):
            rows.append([meanfield_row(name, sw2s, sb2s, fl)])
    compare_rows(rows[0], rows[1], MF_AGREE, "meanfield")
    log("  meanfield %s (%s, %s): %.1fs" % (name, sw2s, sb2s, time.time() - t0))
    with mp.workdps(MF_DPS[1]):
        return render(rows[1][0], MF_OUT)


# ---------------------------------------------------------------------------------------------
# 5. Edge of chaos: chi1 = 1 with q* the fixed point of the q map at that sigma_w^2
# ---------------------------------------------------------------------------------------------
EOC_SB2 = ["0", "0.01", "0.05", "0.1", "0.3"]
EOC_ROWS = [(a, b) for a in ("tanh", "erf", "relu") for b in EOC_SB2]


def float_eoc_q(name, sb2):
    """Double-precision root of G(q) = E[f^2]/E[f'^2] + sb2 - q (sw2 = 1/E[f'^2]); scan shows it is unique."""
    G = lambda q: float_Ef2(name, q) / float_Edf2(name, q) + sb2 - q
    qs = [1e-3 * 1.05 ** k for k in range(0, 200)]   # 1e-3 .. ~1.7e1
    gs = [G(q) for q in qs]
    roots = [i for i in range(len(qs) - 1) if gs[i] * gs[i + 1] < 0]
    assert len(roots) == 1, (name, sb2, roots)
    lo, hi = qs[roots[0]], qs[roots[0] + 1]
    for _ in range(60):
        mid = (lo + hi) / 2
        if (G(mid) > 0) == (gs[roots[0]] > 0):
            lo = mid
        else:
            hi = mid
    q = (lo + hi) / 2
    # the q map at this sw2, iterated from q = 1, reaches this q*
    sw2 = 1 / float_Edf2(name, q)
    assert abs(float_qstar(name, sw2, sb2) - q) < 1e-9 * q, (name, sb2)
    return q


def eoc_row(name, sb2s, q0):
    sb2 = mpf(sb2s)
    tol = mp.dps - 8
    if name == "relu":
        # chi1 = sw2 E[H^2] = sw2/2 for every q > 0, so chi1 = 1 iff sw2 = 2
        sw2 = 1 / mf_Edf2("relu", mpf(1))
        close(sw2, mpf(2), tol, "relu eoc")
        if sb2 == 0:
            return [name, sb2s, Num(sw2), "degenerate",
                    "chi1 = sigma_w2/2 for every q; at sigma_w2 = 2 and sigma_b2 = 0 every q is a fixed point"]
        return [name, sb2s, Num(sw2), NULL,
                "chi1 = sigma_w2/2 for every q; at sigma_w2 = 2 the q map is q -> q + sigma_b2: "
                "no finite q* (q diverges linearly)"]
    if sb2 == 0:
        # q* = 0: at sw2 = 1/f'(0)^2 the q map contracts to 0 (E[f(sqrt q z)^2] < q f'(0)^2 for q > 0
        # by the concavity of f on [0, inf) with |f(x)| < f'(0)|x|), and chi1 = sw2 f'(0)^2 = 1
        fp0 = df_of(name)(mpf(0))
        return [name, sb2s, Num(1 / fp0 ** 2), Num(0),
                "q* = 0 (the q map contracts to 0); chi1 = sigma_w2 f'(0)^2"]
    if name == "erf":
        # sw2 = 1/E[erf'^2] = pi sqrt(1 + 4q)/4, so q = sqrt(1 + 4q)/2 asin(2q/(1 + 2q)) + sb2
        G = lambda q: mp.sqrt(1 + 4 * q) / 2 * mp.asin(2 * q / (1 + 2 * q)) + sb2 - q
        qs = mp.findroot(G, mpf(q0), tol=mpf(10) ** (-2 * mp.dps), verify=False)
        sw2 = mp.pi * mp.sqrt(1 + 4 * qs) / 4
        close(sw2 * mf_Edf2(name, qs), mpf(1), tol, "erf eoc chi1 (quad)")
        close(sw2 * mf_Ef2(name, qs) + sb2, qs, tol, "erf eoc q* (quad)")
    else:
        G = lambda q: mf_Ef2(name, q) / mf_Edf2(name, q) + sb2 - q
        qs = mp.findroot(G, mpf(q0), tol=mpf(10) ** (-2 * mp.dps), verify=False)
        sw2 = 1 / mf_Edf2(name, qs)
        close(sw2 * mf_Ef2(name, qs) + sb2, qs, tol, "tanh eoc q*")
    assert abs(G(qs)) < mpf(10) ** (-tol)
    return [name, sb2s, Num(sw2), Num(qs), ""]


def task_eoc(arg):
    name, sb2s = arg
    t0 = time.time()
    q0 = None
    if name != "relu" and sb2s != "0":
        q0 = float_eoc_q(name, float(sb2s))
    elif name != "relu":
        # sb2 = 0: E[f^2]/E[f'^2] - q has no positive root on the scan, so q* = 0 is the only candidate
        assert all(float_Ef2(name, q) / float_Edf2(name, q) - q < 0 for q in (1e-3 * 1.05 ** k for k in range(200)))
    rows = []
    for dps in MF_DPS:
        with mp.workdps(dps):
            rows.append([eoc_row(name, sb2s, q0)])
    compare_rows(rows[0], rows[1], MF_AGREE, "eoc")
    log("  eoc %s %s: %.1fs" % (name, sb2s, time.time() - t0))
    with mp.workdps(MF_DPS[1]):
        return render(rows[1][0], MF_OUT)


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------
def task_tables(_):
    t0 = time.time()
    check_derivatives()
    out = {}
    fp = at_two_precisions(fixed_point_rows, HI_DPS, HI_AGREE, "fixed points")
    scan_check(fp)
    with mp.workdps(HI_DPS[1]):
        out["fixed_points"] = [render(r, HI_OUT) for r in fp]
    for key, fn in (("derivative_extrema", derivative_extrema_rows), ("range", range_rows)):
        rows = at_two_precisions(fn, HI_DPS, HI_AGREE, key)
        with mp.workdps(HI_DPS[1]):
            out[key] = [render(r, HI_OUT) for r in rows]
    log("  tables: %.1fs" % (time.time() - t0))
    return out


def run_task(t):
    kind, arg = t
    return {"tables": task_tables, "orbit": task_orbit, "underflow": task_underflow,
            "meanfield": task_meanfield, "eoc": task_eoc}[kind](arg)


HEADERS = {
    "fixed_points": "activation,kind,x,derivative,stability,note",
    "derivative_extrema": "activation,inf,sup,arginf,argsup,inf_attained,sup_attained",
    "range": "activation,inf,sup,arginf,argsup,inf_attained,sup_attained",
    "orbits": "activation,x0,n,x_n,grad_product,log10_abs_grad_product",
    "orbit_underflow": "activation,x0,n_underflow",
    "meanfield": "activation,sigma_w2,sigma_b2,q_star,chi1,c_star,chi_c,xi_c,xi_grad",
    "eoc": "activation,sigma_b2,sigma_w2,q_star,note",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    t0 = time.time()
    # heavy tasks first so that the pool stays balanced
    heavy_uf = {"tanh", "sin", "elu", "snake", "softsign"}
    tasks = ([("meanfield", r) for r in MF_ROWS if r[0] == "tanh"]
             + [("underflow", o) for o in ORBITS if o[0] in heavy_uf]
             + [("tables", None)]
             + [("eoc", r) for r in EOC_ROWS]
             + [("meanfield", r) for r in MF_ROWS if r[0] != "tanh"]
             + [("orbit", o) for o in ORBITS]
             + [("underflow", o) for o in ORBITS if o[0] not in heavy_uf])
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            results = pool.map(run_task, tasks, chunksize=1)
    else:
        results = [run_task(t) for t in tasks]
    res = dict(zip([(k, a if not isinstance(a, list) else tuple(a)) for k, a in tasks], results))
    files = dict(res[("tables", None)])
    files["orbits"] = [line for o in ORBITS for line in res[("orbit", o)]]
    files["orbit_underflow"] = [res[("underflow", o)] for o in ORBITS]
    files["meanfield"] = [res[("meanfield", r)] for r in MF_ROWS]
    files["eoc"] = [res[("eoc", r)] for r in EOC_ROWS]
    os.makedirs(args.out, exist_ok=True)
    for key, header in HEADERS.items():
        with open(os.path.join(args.out, key + ".csv"), "w") as fh:
            fh.write(header + "\n")
            for line in files[key]:
                assert line.count(",") == header.count(","), (key, line)
                fh.write(line + "\n")
        log("%s.csv: %d rows" % (key, len(files[key])))
    log("total %.1fs" % (time.time() - t0))


if __name__ == "__main__":
    main()
