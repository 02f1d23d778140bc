// actlab: the quick phase of eval_certified — the evaluation form enclosed in double-double
// ball arithmetic with rigorous error bounds (detail/quick_ball.hpp), no MPFR per call.
// Values are scaled balls (detail/quick_scaled.hpp: an exponent beside each ball), so tails
// that round to a subnormal or to ±0 are decided too. The form is evaluated as a flat tape
// (children precede parents in the node array), prepared once per form. Declines
// (std::nullopt) whenever it cannot decide: an op it does not support, a branch the ball does
// not decide, a value above 2^2000, a straddled rounding boundary, a ±0 of unknown sign.
// eval_certified then runs its MPFR loop, so the quick phase only changes speed.
#pragma once

#include <actlab/eval/detail/quick_ball.hpp>
#include <actlab/eval/detail/quick_erf.hpp>
#include <actlab/eval/detail/quick_scaled.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/evaluation_form.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <type_traits>
#include <vector>

namespace actlab::detail::quick {

//! The ball that contains the MPFR interval a (nullopt if a is invalid, infinite or its
//! midpoint outside the quick phase's magnitudes).
inline std::optional<ball> to_ball(const interval& a) {
    if (!a.valid() || !mpfr_number_p(a.lower()) || !mpfr_number_p(a.upper())) return std::nullopt;
    // c = hi + lo, the double-double nearest the midpoint, held exactly at 2200 bits; the
    // radius is the larger distance from c to an end, rounded up.
    mpfr_float mid = make_mpfr(a.precision() + 1), c = make_mpfr(2200), d = make_mpfr(64),
               e = make_mpfr(64);
    mpfr_add(ptr(mid), a.lower(), a.upper(), MPFR_RNDN);
    mpfr_div_2ui(ptr(mid), ptr(mid), 1, MPFR_RNDN);
    const double hi = mpfr_get_d(ptr(mid), MPFR_RNDN);
    mpfr_sub_d(ptr(mid), ptr(mid), hi, MPFR_RNDN);
    const double lo = mpfr_get_d(ptr(mid), MPFR_RNDN);
    mpfr_set_d(ptr(c), hi, MPFR_RNDN);
    mpfr_add_d(ptr(c), ptr(c), lo, MPFR_RNDN);  // exact
    mpfr_sub(ptr(d), a.upper(), ptr(c), MPFR_RNDU);
    mpfr_sub(ptr(e), ptr(c), a.lower(), MPFR_RNDU);
    mpfr_max(ptr(d), ptr(d), ptr(e), MPFR_RNDU);
    const double r = mpfr_get_d(ptr(d), MPFR_RNDU);
    const double mag = math::detail::fabs(hi);
    if (hi != 0 && !(mag >= 0x1p-960 && mag <= 0x1p960)) return std::nullopt;
    if (!(r >= 0) || math::detail::fast_two_sum(hi, lo).hi != hi) return std::nullopt;
    return ball{{hi, lo}, r};
}

//! One x-dependent node of the tape: its op, its children (indices into prepared_form::args)
//! and, for pow, the integer exponent.
struct step {
    op kind;
    std::uint8_t count;
    int node;
    int first;
    long power;
    int inner = -1;
    //! A product's constant factor ±2^k, −64 <= k <= 64, taken out of `first`/`count` and
    //! applied by exact scaling (0: none).
    double power_of_two = 0;
    //! tanh(softplus(y)) as a rational function of e^-|y| (tanh_e: fused_softplus), or
    //! tanh(softplus(y)), σ(2 softplus(y)), σ(−2 softplus(y)) from σ(±y) (softplus_family),
    //! y's node in `inner`: the softplus and the products by ±2 then leave the tape.
    enum class family : std::uint8_t { none, tanh_e, tanh, sigmoid_plus2, sigmoid_minus2 };
    family sp_family = family::none;
};

//! Per-form preparation: the subexpressions that do not depend on x, enclosed once with MPFR at
//! 256 bits, stored in `values` (whose other slots are each call's scratch), and the tape of
//! the x-dependent nodes the root needs, in node order. A form with `where` evaluates both
//! branches and marks a failed node instead of declining at once (`lazy`).
struct prepared_form {
    expr key{raw_tag{}};
    bool usable = false;
    bool lazy = false;
    std::vector<step> tape;
    std::vector<int> args;
    std::vector<sball> values;
    std::size_t root = 0;
};

inline constexpr int failed_e = std::numeric_limits<int>::min();  // a node that failed (lazy)

inline bool supported(op k) {
    switch (k) {
        case op::variable:
        case op::add:
        case op::mul:
        case op::pow:
        case op::exp:
        case op::expm1:
        case op::log:
        case op::log1p:
        case op::tanh:
        case op::sigmoid:
        case op::softplus:
        case op::erf:
        case op::erfc:
        case op::abs:
        case op::sign:
        case op::step:
        case op::min:
        case op::max:
        case op::lt:
        case op::le:
        case op::where: return true;
        default: return false;  // sin, cos: the MPFR loop
    }
}

//! pow's exponent when it is a constant integer in [−64, 64] (else the step declines).
inline long integer_exponent(const expr& g, int i) {
    const node& e = g.nodes[g.child(i, 1)];
    if (e.kind != op::number) return 1000;
    const rational& q = g.constants[e.aux];
    if (q.den != 1 || q.num > 64 || q.num < -64) return 1000;
    return static_cast<long>(q.num);
}

//! Marks tanh(softplus(y)) for fused_softplus, in forms without σ: with σ(±2 softplus(y))
//! beside it (mish′, mish″), exp_memo already shares e^-2softplus(y) and σ(2 softplus(y)) with
//! tanh, which is cheaper (measured).
inline void fuse(const expr& g, prepared_form& p) {
    for (const step& st : p.tape)
        if (st.kind == op::sigmoid) return;
    for (step& st : p.tape) {
        const int c = g.child(st.node, 0);
        if (st.kind != op::tanh || g.nodes[c].kind != op::softplus) continue;
        st.sp_family = step::family::tanh_e;
        st.inner = g.child(c, 0);
    }
}

//! The constant factors (terms) of each x-dependent product (sum) multiplied (added) once
//! here, with MPFR at 256 bits, into one ball appended to p.values: the real product is
//! associative, so the step encloses the same value with fewer operations per call.
inline void fold_constants(const expr& g, prepared_form& p, const std::vector<interval>& v,
                           const std::vector<std::uint8_t>& constant) {
    for (step& st : p.tape) {
        if (st.kind != op::add && st.kind != op::mul) continue;
        std::vector<int> constants, rest;
        for (int k = 0; k < st.count; ++k) {
            const int c = g.child(st.node, k);
            (constant[static_cast<std::size_t>(c)] ? constants : rest).push_back(c);
        }
        if (constants.size() < 2) continue;
        interval acc = v[static_cast<std::size_t>(constants[0])];
        for (std::size_t k = 1; k < constants.size(); ++k) {
            interval next(acc.precision());
            const interval& c = v[static_cast<std::size_t>(constants[k])];
            st.kind == op::add ? iv::add(next, acc, c) : iv::mul(next, acc, c);
            acc = next;
        }
        const auto b = to_ball(acc);
        const auto folded = b ? settle(scaled(*b)) : std::nullopt;
        if (!folded) continue;
        st.first = static_cast<int>(p.args.size());
        st.count = static_cast<std::uint8_t>(rest.size() + 1);
        p.args.push_back(static_cast<int>(p.values.size()));
        p.values.push_back(*folded);
        for (int c : rest) p.args.push_back(c);
    }
}

//! Marks tanh(softplus(y)) and σ(±2·softplus(y)) for the softplus family (tape_runner's
//! softplus_family), step_of[i] being node i's step (or -1).
inline void mark_softplus_family(const expr& g, prepared_form& p, const std::vector<int>& step_of) {
    // The y of softplus(y) at node i, if node i is one on the tape (else -1).
    const auto softplus_arg = [&](int i) {
        const int k = i < g.n_nodes ? step_of[static_cast<std::size_t>(i)] : -1;
        if (k < 0 || p.tape[static_cast<std::size_t>(k)].kind != op::softplus) return -1;
        return g.child(i, 0);
    };
    using family = step::family;
    for (step& st : p.tape) {
        const int c = g.child(st.node, 0);
        if (st.kind == op::tanh && softplus_arg(c) >= 0) {
            st.sp_family = family::tanh;
            st.inner = softplus_arg(c);
        }
        const int k = step_of[static_cast<std::size_t>(c)];
        if (st.kind != op::sigmoid || k < 0) continue;
        const step& m = p.tape[static_cast<std::size_t>(k)];
        if (m.kind != op::mul || m.count != 1 || math::detail::fabs(m.power_of_two) != 2) continue;
        const int y = softplus_arg(p.args[static_cast<std::size_t>(m.first)]);
        if (y < 0) continue;
        st.sp_family = m.power_of_two > 0 ? family::sigmoid_plus2 : family::sigmoid_minus2;
        st.inner = y;
    }
}

//! Drops the steps no kept step reads (a family step reads only its y, from which
//! tape_runner::family_fallback recomputes what it replaced).
inline void drop_unread(const expr& g, prepared_form& p) {
    std::vector<std::uint8_t> read(static_cast<std::size_t>(g.n_nodes), 0);
    read[p.root] = 1;
    std::vector<step> kept;
    for (auto it = p.tape.rbegin(); it != p.tape.rend(); ++it) {
        if (!read[static_cast<std::size_t>(it->node)]) continue;
        kept.push_back(*it);
        if (it->sp_family != step::family::none) {
            read[static_cast<std::size_t>(it->inner)] = 1;
            continue;
        }
        for (int a = 0; a < it->count; ++a) {
            const int n = p.args[static_cast<std::size_t>(it->first + a)];
            if (n < g.n_nodes) read[static_cast<std::size_t>(n)] = 1;
        }
    }
    p.tape.assign(kept.rbegin(), kept.rend());
}

//! The softplus family in forms with σ (mish′, mish″; without σ, fuse's tanh(softplus(y)) is
//! cheaper), then drop_unread.
inline void fuse_softplus_family(const expr& g, prepared_form& p) {
    std::vector<int> step_of(static_cast<std::size_t>(g.n_nodes), -1);
    bool has_sigmoid = false;
    for (std::size_t k = 0; k < p.tape.size(); ++k) {
        step_of[static_cast<std::size_t>(p.tape[k].node)] = static_cast<int>(k);
        has_sigmoid = has_sigmoid || p.tape[k].kind == op::sigmoid;
    }
    if (has_sigmoid) mark_softplus_family(g, p, step_of);
    drop_unread(g, p);
}

inline prepared_form prepare(const expr& g) {
    prepared_form p;
    p.key = g;
    const auto n = static_cast<std::size_t>(g.n_nodes);
    p.values.assign(n, sball{{0.0, 0.0}, 0.0, failed_e});
    std::vector<std::uint8_t> constant(n, 0), needed(n, 0);
    constexpr mpfr_prec_t bits = 256;
    std::vector<interval> params;
    for (int k = 0; k < g.n_parameters; ++k) {
        params.emplace_back(bits);
        iv::set_rational(params.back(), g.parameters[k].default_value);
    }
    std::vector<interval> v(n, interval(bits));
    const interval at(bits);
    // Children precede their parents in an expression's node array (checked here).
    for (int i = 0; i < g.n_nodes; ++i) {
        const node& nd = g.nodes[i];
        bool c = nd.kind != op::variable && nd.kind != op::where;
        for (int k = 0; k < nd.count; ++k) {
            const int ch = g.child(i, k);
            if (ch >= i) return p;  // not usable
            c = c && constant[static_cast<std::size_t>(ch)];
        }
        if (!c) continue;
        interval_node(g, i, v, at, params);
        const auto b = to_ball(v[static_cast<std::size_t>(i)]);
        if (!b) continue;  // stays failed: a step that needs it declines
        const auto s = settle(scaled(*b));
        if (!s) continue;
        constant[static_cast<std::size_t>(i)] = 1;
        p.values[static_cast<std::size_t>(i)] = *s;
    }
    needed[n - 1] = 1;
    p.root = n - 1;
    for (int i = g.n_nodes - 1; i >= 0; --i) {
        const auto s = static_cast<std::size_t>(i);
        if (!needed[s] || constant[s]) continue;
        for (int k = 0; k < g.nodes[i].count; ++k)
            needed[static_cast<std::size_t>(g.child(i, k))] = 1;
    }
    for (int i = 0; i < g.n_nodes; ++i) {
        const auto s = static_cast<std::size_t>(i);
        if (!needed[s] || constant[s]) continue;
        const node& nd = g.nodes[i];
        p.lazy = p.lazy || nd.kind == op::where;
        const long power = nd.kind == op::pow ? integer_exponent(g, i) : 0;
        p.tape.push_back({nd.kind, nd.count, i, static_cast<int>(p.args.size()), power});
        for (int k = 0; k < nd.count; ++k) p.args.push_back(g.child(i, k));
    }
    fuse(g, p);
    fold_constants(g, p, v, constant);
    for (step& st : p.tape) {
        if (st.kind != op::mul || st.count < 2) continue;
        const int c = p.args[static_cast<std::size_t>(st.first)];
        const bool is_constant =
            static_cast<std::size_t>(c) >= n || constant[static_cast<std::size_t>(c)];
        const sball& f = p.values[static_cast<std::size_t>(c)];
        const double a = math::detail::fabs(f.m.hi);
        if (!is_constant || f.e != 0 || f.r != 0 || f.m.lo != 0 || !(a >= 0x1p-64 && a <= 0x1p64) ||
            (math::detail::to_bits(a) & 0x000f'ffff'ffff'ffffULL) != 0)
            continue;
        st.power_of_two = f.m.hi;
        ++st.first;
        --st.count;
    }
    fuse_softplus_family(g, p);
    p.usable = true;
    for (const step& st : p.tape) p.usable = p.usable && (p.lazy || supported(st.kind));
    return p;
}

//! The preparation of g, remembered for the last few forms of this thread (the last one used
//! is compared first).
inline prepared_form& prepared(const expr& g) {
    constexpr std::size_t slots = 4;
    thread_local std::vector<prepared_form> cache;
    thread_local std::size_t last = 0, next = 0;
    if (last < cache.size() && same_storage(cache[last].key, g)) return cache[last];
    for (std::size_t k = 0; k < cache.size(); ++k)
        if (same_storage(cache[k].key, g)) return cache[last = k];
    if (cache.size() < slots) {
        cache.push_back(prepare(g));
        return cache[last = cache.size() - 1];
    }
    last = next;
    next = (next + 1) % slots;
    cache[last] = prepare(g);
    return cache[last];
}

//! Sign of every point of the ball: 1, −1, 0 (the ball is the point 0), or nullopt.
inline std::optional<int> sign_of(const sball& b) {
    if (b.m.hi == 0 && b.r == 0) return 0;
    const double margin = up(b.r + math::detail::fabs(b.m.lo));
    if (b.m.hi > margin) return 1;
    if (-b.m.hi > margin) return -1;
    return std::nullopt;
}

inline sball constant_point(double v) { return {{v, 0.0}, 0.0, 0}; }

//! erf on a scaled ball. Tiny (e < 0, |t| < 2^-898): erf(t) = (2/√π)·t·(1 − t²/3 + …), the
//! relative remainder below 2^-1790, charged as 2^-1000 of the magnitude. Huge (e > 0, sign
//! certain, |t| > 2^795): ±1 within erfc(|t|) < e^(−t²), far below 2^-1000.
inline std::optional<sball> serf(const sball& a) {
    if (a.e == 0) return on_unscaled(a, [](const ball& b) { return erf(b); });
    if (a.e > 0) return sball{{a.m.hi > 0 ? 1.0 : -1.0, 0.0}, 0x1p-1000, 0};
    sball p = smul(scaled(erf_detail::two_over_sqrt_pi_ball), a);
    p.r = up(p.r + up(magnitude(p.m) + p.r) * 0x1p-1000);
    return settle(p);
}

//! erfc on a scaled ball: exp(E)·F from quick_erf.hpp's split (a scaled result below
//! 2^-1022 too); 1 − erf(t) for tiny t; 2 within e^(−t²) for a huge negative t.
inline std::optional<sball> serfc(const sball& a) {
    if (a.e == 0) {
        const auto parts = erfc_split(unscaled(a));
        if (!parts) return std::nullopt;
        return exp_times(parts->e, parts->f);
    }
    if (a.e > 0) {
        if (a.m.hi < 0) return sball{{2.0, 0.0}, 0x1p-1000, 0};
        return std::nullopt;  // below 2^-(2^1590): outside even the scaled range
    }
    const auto v = serf(a);
    if (!v) return std::nullopt;
    return settle(sadd(one, sneg(*v)));
}

//! The tape's evaluation at one x.
class tape_runner {
public:
    tape_runner(prepared_form& p, double x) : p_(p), x_(x) {}

    [[gnu::flatten]] std::optional<sball> run() {
        std::vector<sball>& v = p_.values;
        for (const step& s : p_.tape) {
            std::optional<sball> r = compute(s);
            if (r && settle_in_place(*r)) {
                store(v[static_cast<std::size_t>(s.node)], *r);
            } else {
                if (!p_.lazy) return std::nullopt;
                v[static_cast<std::size_t>(s.node)].e = failed_e;
            }
        }
        const sball& root = v[p_.root];
        if (root.e == failed_e) return std::nullopt;
        return root;
    }

private:
    //! Field by field: a whole-struct copy reads 16-byte halves of a value just written as
    //! 8-byte words, which stalls store forwarding (measured: ~10 % of the loop).
    static void store(sball& to, const sball& from) {
        to.m.hi = from.m.hi;
        to.m.lo = from.m.lo;
        to.r = from.r;
        to.e = from.e;
    }

    const sball& arg(const step& s, int k) const {
        return p_.values[static_cast<std::size_t>(p_.args[static_cast<std::size_t>(s.first + k)])];
    }

    //! tanh(softplus(y)) from E = e^-|y| (exp_memo, shared with softplus(y) itself), u = e^y:
    //! tanh(log(1 + u)) = w/(w + 2), w = u(u + 2), which for y > 0 (u = 1/E) is
    //! (1 + 2E)/(1 + 2E + 2E²). No subtraction: every step is a ball operation on an
    //! enclosure of E, so the result encloses the exact value. nullopt: not served here (the
    //! caller falls back to the plain kernel).
    std::optional<sball> fused_softplus(const step& s) {
        const sball& y = p_.values[static_cast<std::size_t>(s.inner)];
        if (y.e == failed_e || !memo_serves(y)) return std::nullopt;
        exp_memo::entry* entry = memo_.find(y, false);
        if (!entry) return std::nullopt;
        const sball E = widened(entry->E, y.r);
        bool ok = true;
        const auto fix = [&ok](sball v) {
            ok = ok && settle_in_place(v);
            return v;
        };
        const sball two = constant_point(2.0);
        const bool positive = y.m.hi > 0;
        const sball num = positive ? fix(sadd(one, doubled(E))) : fix(smul(E, fix(sadd(E, two))));
        const sball den = fix(sadd(num, positive ? fix(doubled(fix(smul(E, E)))) : two));
        if (!ok) return std::nullopt;
        const auto q = sreciprocal(den);
        if (!q) return std::nullopt;
        return smul(num, *q);
    }

    //! softplus(y) = −log σ(−y), so with a = σ(−y), b = σ(y) (exp_memo's E = e^-|y| and q =
    //! 1/(1 + E): a = E·q, b = q for y > 0, swapped for y < 0; a + b = 1):
    //! e^(−2 softplus(y)) = a², σ(2 softplus(y)) = 1/(1 + a²) = D, σ(−2 softplus(y)) = a²·D,
    //! tanh(softplus(y)) = (1 − a²)/(1 + a²) = b(1 + a)·D (1 − a = b: no cancellation). Ball
    //! operations on enclosures of a and b (widened for y's radius, exp_memo's header), so the
    //! results enclose the exact values. nullopt: not served here (fallback recomputes the
    //! steps the family replaced).
    std::optional<sball> softplus_family(const step& s) {
        if (family_y_ != s.inner) {
            family_y_ = s.inner;
            family_ok_ = false;
            const sball& y = p_.values[static_cast<std::size_t>(s.inner)];
            if (y.e == failed_e || !memo_serves(y)) return std::nullopt;
            exp_memo::entry* entry = memo_.find(y, true);
            if (!entry || !entry->q) return std::nullopt;
            const sball q = widened(*entry->q, y.r);
            sball Eq = smul(widened(entry->E, y.r), q);
            if (!settle_in_place(Eq)) return std::nullopt;
            const bool positive = y.m.hi > 0;
            const sball a = positive ? Eq : q;
            family_b_ = positive ? q : Eq;
            family_a2_ = smul(a, a);
            family_1a_ = sadd(one, a);
            if (!settle_in_place(family_a2_) || !settle_in_place(family_1a_)) return std::nullopt;
            const auto d = settle(sadd(one, family_a2_));
            const auto D = d ? sreciprocal(*d) : std::nullopt;
            if (!D) return std::nullopt;
            family_D_ = *D;
            family_ok_ = settle_in_place(family_D_);
        }
        if (!family_ok_) return std::nullopt;
        switch (s.sp_family) {
            case step::family::sigmoid_plus2: return family_D_;
            case step::family::sigmoid_minus2: return smul(family_a2_, family_D_);
            default: {
                sball t = smul(family_b_, family_1a_);
                if (!settle_in_place(t)) return std::nullopt;
                return smul(t, family_D_);
            }
        }
    }

    //! The steps softplus_family replaced, from y: softplus(y), then ±2 times it and σ, or tanh.
    std::optional<sball> family_fallback(const step& s) {
        const sball& y = p_.values[static_cast<std::size_t>(s.inner)];
        if (y.e == failed_e) return std::nullopt;
        const auto sp = ssoftplus(y, memo_);
        const auto v = sp ? settle(*sp) : std::nullopt;
        if (!v) return std::nullopt;
        if (s.sp_family == step::family::tanh || s.sp_family == step::family::tanh_e)
            return stanh(*v, memo_);
        const double c = s.sp_family == step::family::sigmoid_plus2 ? 2.0 : -2.0;
        const auto t = settle(smul(constant_point(c), *v));
        if (!t) return std::nullopt;
        return ssigmoid(*t, memo_);
    }

    std::optional<sball> compute(const step& s) {
        if (s.kind == op::variable) return constant_point(x_);
        if (s.sp_family != step::family::none) {
            const auto f =
                s.sp_family == step::family::tanh_e ? fused_softplus(s) : softplus_family(s);
            if (f) return f;
            return family_fallback(s);
        }
        if (s.kind == op::where) return select(s);
        if (p_.lazy)
            for (int k = 0; k < s.count; ++k)
                if (arg(s, k).e == failed_e) return std::nullopt;
        if (s.kind == op::add || s.kind == op::mul) return fold(s, s.kind == op::add);
        const sball& a = arg(s, 0);
        switch (s.kind) {
            case op::exp: return sexp(a);
            case op::expm1: return sexpm1(a);
            case op::log: return slog(a);
            case op::log1p: return slog1p(a);
            case op::tanh: return stanh(a, memo_);
            case op::sigmoid: return ssigmoid(a, memo_);
            case op::softplus: return ssoftplus(a, memo_);
            case op::pow: return sinteger_power(a, s.power);
            case op::erf: return serf(a);
            case op::erfc: return serfc(a);
            case op::abs: return absolute(a);
            case op::sign: return step_like(a, -1, 0.0, 1);
            case op::step: return step_like(a, 0, 0.5, 1);
            case op::min:
            case op::max:
            case op::lt:
            case op::le: return binary(s, a);
            default: return std::nullopt;  // sin, cos: the MPFR loop
        }
    }

    std::optional<sball> fold(const step& s, bool sum) {
        sball r = arg(s, 0);
        for (int k = 1; k < s.count; ++k) {
            r = sum ? sadd(r, arg(s, k)) : smul(r, arg(s, k));
            if (!settle_in_place(r)) return std::nullopt;
        }
        if (s.power_of_two == 0) return r;
        // Times ±2^k, 0 <= k <= 64: exact on every word while the result stays below 2^900
        // (no word underflows when scaled up); otherwise the general product.
        const double c = s.power_of_two, ac = math::detail::fabs(c);
        if (r.e == 0 && ac >= 1 && top(r) * ac <= canonical_high) {
            r.m.hi *= c;
            r.m.lo *= c;
            r.r *= ac;
            return r;
        }
        // Times ±2^-k, 0 < k <= 64: each word's product is exact unless it lands below 2^-1022,
        // where it errs by < 2^-1075 (subnormal spacing 2^-1074); up's 2^-1022 covers those
        // (<= 3·2^-1075 with the radius' own rounding). fast_two_sum renormalizes (|hi| >= |lo|
        // survives scaling and rounding). settle (run) handles a result below 2^-900.
        if (exact_zero(r)) return r;  // 0·c = 0 (the 2^-1022 below would blur it)
        if (r.e == 0 && ac < 1) {
            r.m = math::detail::fast_two_sum(r.m.hi * c, r.m.lo * c);
            r.r = up(r.r * ac);
            return r;
        }
        return smul(constant_point(c), r);
    }

    static std::optional<sball> absolute(const sball& a) {
        const auto s = sign_of(a);
        if (!s) return std::nullopt;
        return *s < 0 ? sneg(a) : a;
    }

    static std::optional<sball> step_like(const sball& a, int below, double at, int above) {
        const auto s = sign_of(a);
        if (!s) return std::nullopt;
        return constant_point(*s < 0 ? below : (*s == 0 ? at : above));
    }

    //! min, max, a < b, a <= b: decided only where the sign of b − a is.
    std::optional<sball> binary(const step& st, const sball& a) {
        const sball& b = arg(st, 1);
        const auto d = settle(sadd(b, sneg(a)));
        if (!d) return std::nullopt;
        const auto s = sign_of(*d);  // sign of b − a
        if (!s) return std::nullopt;
        switch (st.kind) {
            case op::min: return *s >= 0 ? a : b;
            case op::max: return *s >= 0 ? b : a;
            case op::lt: return constant_point(*s > 0 ? 1.0 : 0.0);
            default: return constant_point(*s >= 0 ? 1.0 : 0.0);  // le
        }
    }

    //! where(c, a, b): the branch the condition decides (>= 1: a, <= 0: b), as enclose does.
    std::optional<sball> select(const step& s) {
        const sball& c = arg(s, 0);
        if (c.e == failed_e) return std::nullopt;
        const auto pick = [&](int k) -> std::optional<sball> {
            const sball& b = arg(s, k);
            if (b.e == failed_e) return std::nullopt;
            return b;
        };
        if (c.r == 0 && c.m.lo == 0 && c.e == 0) {  // a decided comparison: exactly 0 or 1
            if (c.m.hi >= 1) return pick(1);
            if (c.m.hi <= 0) return pick(2);
            return std::nullopt;
        }
        const auto d = settle(sadd(c, constant_point(-1.0)));
        if (!d) return std::nullopt;
        const auto above_one = sign_of(*d);
        if (above_one && *above_one > 0) return pick(1);
        const auto sc = sign_of(c);
        if (sc && *sc < 0) return pick(2);
        return std::nullopt;
    }

    prepared_form& p_;
    double x_;
    exp_memo memo_;
    int family_y_ = -1;  // softplus_family's y (node), and its a², 1 + a, b, D
    bool family_ok_ = false;
    sball family_a2_, family_1a_, family_b_, family_D_;  // set before family_ok_
};

//! RN(v) in the format of `digits` significant bits, smallest normal exponent `emin`, largest
//! exponent `emax`, for every v in the ball, returned as a double (exact), if that is one
//! value: ±0 (sign of the value, when known) and subnormals included, overflow declined.
//! The target's grid spacing at v's binade is 2^q, q = max(E, emin) − digits + 1 (E the
//! binade of m.hi·2^e), 2^k in the ball's units (k = q − e); c = m.hi rounded to that grid.
//! m.hi − c is exact (both multiples of ulp(m.hi), |m.hi − c| <= 2^(k−1)), so every v is
//! within |m.hi − c| + |m.lo| + r of c; below 2^(k−1) (2^(k−2) when c is a power of two,
//! where the gap below halves) they all round to c.
inline std::optional<double> round_scaled(const sball& b, int digits, int emin, int emax) {
    const double h = b.m.hi;
    // An exact 0 (only from exact operands: every rounded operation adds to the radius) is +0,
    // as the MPFR loop returns for an enclosure [0, 0] (mpfr_sgn(±0) = 0).
    if (h == 0 && b.r == 0 && b.m.lo == 0) return 0.0;
    if (h == 0) return std::nullopt;  // a ball around 0
    const long big = static_cast<long>(math::detail::exponent(h)) + b.e;
    if (big > emax) return std::nullopt;
    const long q = std::max(big, static_cast<long>(emin)) - digits + 1;
    const long k = q - b.e;
    if (k < -1000) return std::nullopt;  // m.hi far below the radius: a ball around 0
    // k > 1000: the grid's spacing exceeds 2^1000 in the ball's units, where settled balls
    // have |m| + r < 2^902: all of it rounds to ±0.
    double c = 0;
    if (k <= 1000) {
        const double scale = math::detail::pow2(static_cast<int>(-k));
        // y = h·scale (exact, |y| < 2^53) to the nearest integer: from 2^52 on it is one;
        // below, y ± 2^52 lies in [2^52, 2^53), where doubles are the integers.
        const double y = h * scale, shift = math::detail::copysign(0x1p52, y);
        c = (math::detail::fabs(y) < 0x1p52 ? (y + shift) - shift : y) / scale;
        // h itself on a tie (h − c = ±2^(k−1), exact): m.lo decides the side, when it points
        // away from c the nearer grid point is c + 2(h − c) (exact: a grid neighbour of c).
        const double t = h - c;
        if (math::detail::fabs(t) == math::detail::pow2(static_cast<int>(k) - 1) &&
            (t > 0) == (b.m.lo > 0) && b.m.lo != 0)
            c += 2 * t;
        // |v − c| <= |(h − c) + m.lo| + r; the sum of the two doubles rounds once.
        const double distance = up(up(math::detail::fabs((h - c) + b.m.lo)) + b.r);
        // Below a power of two c the gap halves, unless c·2^e is the smallest normal's
        // binade or below (the subnormal grid is uniform).
        const bool power_of_two = c != 0 &&
                                  (math::detail::to_bits(c) & 0x000f'ffff'ffff'ffffULL) == 0 &&
                                  math::detail::exponent(c) + b.e > emin;
        const double half_gap = math::detail::pow2(static_cast<int>(k) - (power_of_two ? 2 : 1));
        if (!(distance < half_gap)) return std::nullopt;
    }
    if (c == 0) {
        // All of the ball rounds to ±0: the sign of the value, if the ball does not hold 0
        // (as the MPFR loop: +0 for a value >= 0 ... it returns the sign of the value).
        if (!(math::detail::fabs(h) > up(math::detail::fabs(b.m.lo) + b.r))) return std::nullopt;
        return h > 0 ? 0.0 : -0.0;
    }
    const long out = math::detail::exponent(c) + static_cast<long>(b.e);
    if (out > emax) return std::nullopt;
    return math::detail::mul_pow2(c, b.e);
}

}  // namespace actlab::detail::quick

namespace actlab::detail {

//! A scaled ball that contains g(x) (g an evaluation form, parameters at their defaults), or
//! nullopt where the quick phase declines.
inline std::optional<quick::sball> quick_enclose_scaled(const expr& g, double x) {
    if (!math::detail::is_finite(x) || g.n_nodes == 0) return std::nullopt;
    quick::prepared_form& p = quick::prepared(g);
    if (!p.usable) return std::nullopt;
    return quick::tape_runner(p, x).run();
}

//! The same as an unscaled ball (nullopt also where the value needs a scale).
inline std::optional<quick::ball> quick_enclose(const expr& g, double x) {
    const auto s = quick_enclose_scaled(g, x);
    if (!s || s->e != 0) return std::nullopt;
    return quick::unscaled(*s);
}

//! The quick phase of eval_certified<T>, T = double or float: g(x) correctly rounded to T,
//! or nullopt when the ball does not decide the rounding.
template <class T = double>
std::optional<T> quick_certified(const expr& g, T x) {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
    const auto r = quick_enclose_scaled(g, static_cast<double>(x));
    if (!r) return std::nullopt;
    if constexpr (std::is_same_v<T, float>) {
        const auto v = quick::round_scaled(*r, 24, -126, 127);
        if (!v) return std::nullopt;
        return static_cast<float>(*v);
    } else {
        return quick::round_scaled(*r, 53, -1022, 1023);
    }
}

}  // namespace actlab::detail
