// actlab: the quick phase of eval_certified — the evaluation form enclosed in double-double
// ball arithmetic with rigorous error bounds (detail/quick_ball.hpp), no MPFR per call.
// Declines (std::nullopt) whenever it cannot decide: an op it does not support, a branch
// the ball does not decide, a magnitude outside [2^-960, 2^960], a straddled rounding
// boundary. eval_certified then runs its MPFR loop, so the quick phase only changes speed.
#pragma once

#include <actlab/eval/detail/quick_ball.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/evaluation_form.hpp>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

namespace actlab::detail::quick {

//! Per-node preparation of one evaluation form: the subexpressions that do not depend on
//! x, enclosed once with MPFR at 256 bits and turned into balls.
struct prepared_form {
    enum class kind : std::uint8_t { depends_on_x, constant, unsupported };
    expr key{raw_tag{}};
    std::vector<kind> kinds;
    std::vector<ball> constants;
};

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

inline prepared_form prepare(const expr& g) {
    using kind = prepared_form::kind;
    prepared_form p;
    p.key = g;
    const auto n = static_cast<std::size_t>(g.n_nodes);
    p.kinds.assign(n, kind::depends_on_x);
    p.constants.assign(n, point(0.0));
    constexpr mpfr_prec_t bits = 256;
    std::vector<interval> params;
    for (int k = 0; k < g.n_parameters; ++k) {
        params.emplace_back(bits);
        iv::set_rational(params.back(), g.parameters[k].default_value);
    }
    std::vector<interval> v(n, interval(bits));
    const interval at(bits);
    // Children precede their parents in an expression's node array (checked below).
    for (int i = 0; i < g.n_nodes; ++i) {
        const node& nd = g.nodes[i];
        bool constant = nd.kind != op::variable && nd.kind != op::where;
        for (int k = 0; k < nd.count; ++k) {
            const int c = g.child(i, k);
            if (c >= i) return p.kinds.assign(n, kind::unsupported), p;
            constant = constant && p.kinds[static_cast<std::size_t>(c)] == kind::constant;
        }
        if (!constant) continue;
        interval_node(g, i, v, at, params);
        const auto b = to_ball(v[static_cast<std::size_t>(i)]);
        p.kinds[static_cast<std::size_t>(i)] = b ? kind::constant : kind::unsupported;
        if (b) p.constants[static_cast<std::size_t>(i)] = *b;
    }
    return p;
}

//! The preparation of g, remembered for the last few forms of this thread.
inline const prepared_form& prepared(const expr& g) {
    constexpr std::size_t slots = 4;
    thread_local std::vector<prepared_form> cache;
    thread_local std::size_t next = 0;
    for (const prepared_form& e : cache)
        if (same_storage(e.key, g)) return e;
    if (cache.size() < slots) {
        cache.push_back(prepare(g));
        return cache.back();
    }
    prepared_form& e = cache[next];
    next = (next + 1) % slots;
    e = prepare(g);
    return e;
}

//! b, or nullopt when its midpoint or radius exceed 2^960, or {0, |m| + r} when its
//! midpoint is below 2^-960 (so no later product underflows in its high words).
inline std::optional<ball> settle(const ball& b) {
    const double mag = math::detail::fabs(b.m.hi);
    if (!(b.r <= 0x1p960) || !(mag <= 0x1p960)) return std::nullopt;
    if (mag >= 0x1p-960 || mag == 0) return b;
    return ball{{0.0, 0.0}, up(up(mag * (1 + 0x1p-50)) + b.r)};
}

//! Sign of every point of the ball: 1, −1, 0 (the ball is the point 0), or nullopt.
inline std::optional<int> sign_of(const ball& b) {
    if (b.m.hi == 0 && b.r == 0) return 0;
    const double margin = up(b.r + math::detail::fabs(b.m.lo));
    if (b.m.hi > margin) return 1;
    if (-b.m.hi > margin) return -1;
    return std::nullopt;
}

class walker {
public:
    walker(const expr& g, const prepared_form& p, double x, std::vector<ball>& values,
           std::vector<std::uint8_t>& done)
        : g_(g), p_(p), x_(x), v_(values), done_(done) {}

    std::optional<ball> value(int i) {
        const auto s = static_cast<std::size_t>(i);
        if (done_[s]) return v_[s];
        // The recursion follows the expression's depth: deep forms go to the MPFR loop (its
        // walker keeps an explicit stack) rather than risk a small thread stack.
        if (depth_ >= max_depth) return std::nullopt;
        ++depth_;
        const auto c = compute(i);
        --depth_;
        if (!c) return std::nullopt;
        const auto b = settle(*c);
        if (!b) return std::nullopt;
        v_[s] = *b;
        done_[s] = 1;
        return b;
    }

private:
    using kind = prepared_form::kind;

    std::optional<ball> compute(int i) {
        const auto s = static_cast<std::size_t>(i);
        if (p_.kinds[s] == kind::constant) return p_.constants[s];
        if (p_.kinds[s] == kind::unsupported) return std::nullopt;
        const node& n = g_.nodes[i];
        if (n.kind == op::variable) return settle(point(x_));
        if (n.kind == op::where) return select(i);
        if (n.kind == op::pow) return power(i);
        if (n.kind == op::add || n.kind == op::mul) return fold(i, n.kind == op::add);
        auto a = value(g_.child(i, 0));
        if (!a) return std::nullopt;
        switch (n.kind) {
            case op::exp: return exp(*a);
            case op::expm1: return expm1(*a);
            case op::log: return log(*a);
            case op::log1p: return log1p(*a);
            case op::tanh: return tanh(*a);
            case op::sigmoid: return sigmoid(*a);
            case op::softplus: return softplus(*a);
            case op::abs: return absolute(*a);
            case op::sign: return step_like(*a, -1, 0.0, 1);
            case op::step: return step_like(*a, 0, 0.5, 1);
            case op::min:
            case op::max:
            case op::lt:
            case op::le: return binary(i, n.kind, *a);
            default: return std::nullopt;  // erf, erfc, sin, cos: the MPFR loop
        }
    }

    std::optional<ball> fold(int i, bool sum) {
        auto r = value(g_.child(i, 0));
        for (int k = 1; r && k < g_.nodes[i].count; ++k) {
            const auto c = value(g_.child(i, k));
            if (!c) return std::nullopt;
            r = settle(sum ? add(*r, *c) : mul(*r, *c));
        }
        return r;
    }

    std::optional<ball> power(int i) {
        const node& e = g_.nodes[g_.child(i, 1)];
        if (e.kind != op::number) return std::nullopt;
        const rational& q = g_.constants[e.aux];
        if (q.den != 1 || q.num > 64 || q.num < -64) return std::nullopt;
        const auto a = value(g_.child(i, 0));
        if (!a) return std::nullopt;
        return integer_power(*a, static_cast<long>(q.num));
    }

    static std::optional<ball> absolute(const ball& a) {
        const auto s = sign_of(a);
        if (!s) return std::nullopt;
        return *s < 0 ? neg(a) : a;
    }

    static std::optional<ball> step_like(const ball& a, int below, double at, int above) {
        const auto s = sign_of(a);
        if (!s) return std::nullopt;
        return point(*s < 0 ? below : (*s == 0 ? at : above));
    }

    //! min, max, a < b, a <= b: decided only where the sign of b − a is.
    std::optional<ball> binary(int i, op k, const ball& a) {
        const auto b = value(g_.child(i, 1));
        if (!b) return std::nullopt;
        const auto s = sign_of(add(*b, neg(a)));  // sign of b − a
        if (!s) return std::nullopt;
        switch (k) {
            case op::min: return *s >= 0 ? a : *b;
            case op::max: return *s >= 0 ? *b : a;
            case op::lt: return point(*s > 0 ? 1.0 : 0.0);
            default: return point(*s >= 0 ? 1.0 : 0.0);  // le
        }
    }

    //! where(c, a, b): the branch the condition decides (>= 1: a, <= 0: b), as enclose does.
    std::optional<ball> select(int i) {
        const auto c = value(g_.child(i, 0));
        if (!c) return std::nullopt;
        if (c->r == 0 && c->m.lo == 0) {  // a decided comparison: exactly 0 or 1
            if (c->m.hi >= 1) return value(g_.child(i, 1));
            if (c->m.hi <= 0) return value(g_.child(i, 2));
            return std::nullopt;
        }
        const auto above_one = sign_of(add(*c, point(-1.0)));
        if (above_one && *above_one > 0) return value(g_.child(i, 1));
        const auto s = sign_of(*c);
        if (s && *s < 0) return value(g_.child(i, 2));
        return std::nullopt;
    }

    const expr& g_;
    const prepared_form& p_;
    double x_;
    std::vector<ball>& v_;
    std::vector<std::uint8_t>& done_;
    static constexpr int max_depth = 200;
    int depth_ = 0;
};

//! RN(v) for every v in the ball, if that is one nonzero double: |m.lo| + r must stay
//! below half the gap from m.hi = RN(m) to either neighbour.
inline std::optional<double> round_ball(const ball& b) {
    const double c = b.m.hi, mag = math::detail::fabs(c);
    if (!(mag >= 0x1p-960 && mag <= 0x1p960)) return std::nullopt;
    const int e = math::detail::exponent(c);
    const bool power_of_two = (math::detail::to_bits(c) & 0x000f'ffff'ffff'ffffULL) == 0;
    // Half the spacing above |c| is 2^(e−53); below a power of two it is 2^(e−54).
    const double half_gap = math::detail::pow2(power_of_two ? e - 54 : e - 53);
    if (!(up(math::detail::fabs(b.m.lo) + b.r) < half_gap)) return std::nullopt;
    return c;
}

//! The same for float: c = RN_float(m.hi); m.hi − c is exact (both lie on the double grid
//! of c's binade and differ by less than a float ulp), so |v − c| <= |m.hi − c| + |m.lo| + r.
inline std::optional<float> round_ball_float(const ball& b) {
    const float c = static_cast<float>(b.m.hi);
    const double cd = c, mag = math::detail::fabs(cd);
    if (!(mag >= 0x1p-120 && mag <= 0x1p120)) return std::nullopt;
    const int e = math::detail::exponent(cd);
    const bool power_of_two = (math::detail::to_bits(cd) & 0x000f'ffff'ffff'ffffULL) == 0;
    const double half_gap = math::detail::pow2(power_of_two ? e - 25 : e - 24);
    const double distance =
        up(up(math::detail::fabs(b.m.hi - cd) + math::detail::fabs(b.m.lo)) + b.r);
    if (!(distance < half_gap)) return std::nullopt;
    return c;
}

}  // namespace actlab::detail::quick

namespace actlab::detail {

//! A ball that contains g(x) (g an evaluation form, parameters at their defaults), or
//! nullopt where the quick phase declines.
inline std::optional<quick::ball> quick_enclose(const expr& g, double x) {
    if (!math::detail::is_finite(x) || g.n_nodes == 0) return std::nullopt;
    const quick::prepared_form& p = quick::prepared(g);
    thread_local std::vector<quick::ball> values;
    thread_local std::vector<std::uint8_t> done;
    values.resize(static_cast<std::size_t>(g.n_nodes));
    done.assign(static_cast<std::size_t>(g.n_nodes), 0);
    quick::walker w(g, p, x, values, done);
    return w.value(g.root());
}

//! The quick phase of eval_certified<T>, T = double or float: g(x) correctly rounded to T,
//! or nullopt when the ball does not decide the rounding.
template <class T = double>
std::optional<T> quick_certified(const expr& g, T x) {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
    const auto r = quick_enclose(g, static_cast<double>(x));
    if (!r) return std::nullopt;
    if constexpr (std::is_same_v<T, float>)
        return quick::round_ball_float(*r);
    else
        return quick::round_ball(*r);
}

}  // namespace actlab::detail
