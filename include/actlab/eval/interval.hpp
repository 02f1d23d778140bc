// actlab: closed intervals with MPFR endpoints and outward rounding (needs MPFR: link
// actlab::mpfr). The arithmetic behind eval_certified and the analyses' proofs.
#pragma once

#include <actlab/eval/multiprecision.hpp>
#include <actlab/expr/rational.hpp>

#include <utility>

namespace actlab {

//! A closed interval [lower, upper] of reals with MPFR endpoints of one precision. Every
//! operation rounds outward, so the exact result of the real operation at any points of the
//! operands lies inside the result. Endpoints may be ±inf; a NaN endpoint means the
//! operation was undefined somewhere on the operands (a domain error).
class interval {
public:
    //! [0, 0] with endpoints of `bits` bits.
    explicit interval(mpfr_prec_t bits) : lo_(make_mpfr(bits)), hi_(make_mpfr(bits)) {
        mpfr_set_zero(lower(), 1);
        mpfr_set_zero(upper(), 1);
    }
    //! The point v (exact when `bits` ≥ 53).
    interval(mpfr_prec_t bits, double v) : interval(bits) {
        mpfr_set_d(lower(), v, MPFR_RNDD);
        mpfr_set_d(upper(), v, MPFR_RNDU);
    }
    // Copies and moves keep the endpoints' precision and round outward whatever Boost's
    // variable_precision_options of the thread say.
    interval(const interval& o) : interval(o.precision()) { *this = o; }
    interval(interval&& o) noexcept : interval(MPFR_PREC_MIN) { swap(o); }
    interval& operator=(const interval& o) {
        if (this != &o) {
            mpfr_set_prec(lower(), o.precision());
            mpfr_set_prec(upper(), o.precision());
            mpfr_set(lower(), o.lower(), MPFR_RNDD);
            mpfr_set(upper(), o.upper(), MPFR_RNDU);
        }
        return *this;
    }
    interval& operator=(interval&& o) noexcept {
        swap(o);
        return *this;
    }
    ~interval() = default;
    void swap(interval& o) noexcept {
        mpfr_swap(lower(), o.lower());
        mpfr_swap(upper(), o.upper());
    }

    mpfr_srcptr lower() const { return lo_.backend().data(); }
    mpfr_srcptr upper() const { return hi_.backend().data(); }
    mpfr_ptr lower() { return lo_.backend().data(); }
    mpfr_ptr upper() { return hi_.backend().data(); }
    mpfr_prec_t precision() const { return mpfr_get_prec(lower()); }

    //! False after a domain error (log of a negative number, 0^-1, ...).
    bool valid() const { return !mpfr_nan_p(lower()) && !mpfr_nan_p(upper()); }
    bool is_point() const { return valid() && mpfr_equal_p(lower(), upper()); }
    //! The interval lies in (0, inf] (resp. [-inf, 0)).
    bool positive() const { return mpfr_sgn(lower()) > 0; }
    bool negative() const { return mpfr_sgn(upper()) < 0; }
    bool contains_zero() const { return mpfr_sgn(lower()) <= 0 && mpfr_sgn(upper()) >= 0; }
    bool is_zero() const { return mpfr_zero_p(lower()) && mpfr_zero_p(upper()); }
    //! [v, v] for a small integer.
    void set_integer(long v) {
        mpfr_set_si(lower(), v, MPFR_RNDD);
        mpfr_set_si(upper(), v, MPFR_RNDU);
    }
    void set_invalid() {
        mpfr_set_nan(lower());
        mpfr_set_nan(upper());
    }

private:
    mpfr_float lo_;
    mpfr_float hi_;
};

namespace detail {

//! out = q rounded by rnd (one rounding: the numerator is exact in 130 bits).
inline void set_rational(mpfr_ptr out, const rational& q, mpfr_rnd_t rnd) {
    const mpz_int num(q.num), den(q.den);
    mpfr_float exact = make_mpfr(130);
    mpfr_set_z(ptr(exact), ptr(num), MPFR_RNDN);
    mpfr_div_z(out, ptr(exact), ptr(den), rnd);
}

namespace iv {

constexpr mpfr_rnd_t down = MPFR_RNDD;
constexpr mpfr_rnd_t up = MPFR_RNDU;

//! r = [q, q] rounded outward (one rounding per endpoint).
inline void set_rational(interval& r, const rational& q) {
    detail::set_rational(r.lower(), q, down);
    detail::set_rational(r.upper(), q, up);
}

inline void hull(interval& r, const interval& a, const interval& b) {
    mpfr_min(r.lower(), a.lower(), b.lower(), down);
    mpfr_max(r.upper(), a.upper(), b.upper(), up);
    if (!a.valid() || !b.valid()) r.set_invalid();
}

using mpfr_unary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);

//! r = g(a) for a non-decreasing g: [g(lo)↓, g(hi)↑].
template <class G>
void increasing(interval& r, const interval& a, G g) {
    g(r.lower(), a.lower(), down);
    g(r.upper(), a.upper(), up);
}

//! r = g(a) for a non-increasing g: [g(hi)↓, g(lo)↑].
template <class G>
void decreasing(interval& r, const interval& a, G g) {
    mpfr_float lo = make_mpfr(r.precision());
    g(ptr(lo), a.upper(), down);
    g(r.upper(), a.lower(), up);
    mpfr_set(r.lower(), ptr(lo), down);
}

inline void add(interval& r, const interval& a, const interval& b) {
    mpfr_add(r.lower(), a.lower(), b.lower(), down);
    mpfr_add(r.upper(), a.upper(), b.upper(), up);
}

//! a·b with the interval convention 0·inf = 0.
inline void mul_endpoint(mpfr_ptr r, mpfr_srcptr a, mpfr_srcptr b, mpfr_rnd_t rnd) {
    if (mpfr_zero_p(a) || mpfr_zero_p(b))
        mpfr_set_zero(r, 1);
    else
        mpfr_mul(r, a, b, rnd);
}

inline void mul(interval& r, const interval& a, const interval& b) {
    if (!a.valid() || !b.valid()) return r.set_invalid();
    if (mpfr_sgn(a.lower()) >= 0 && mpfr_sgn(b.lower()) >= 0) {
        mul_endpoint(r.lower(), a.lower(), b.lower(), down);
        mul_endpoint(r.upper(), a.upper(), b.upper(), up);
        return;
    }
    mpfr_srcptr ends_a[2] = {a.lower(), a.upper()};
    mpfr_srcptr ends_b[2] = {b.lower(), b.upper()};
    mpfr_float lo = make_mpfr(r.precision()), hi = make_mpfr(r.precision()),
               t = make_mpfr(r.precision());
    mpfr_set_inf(ptr(lo), 1);
    mpfr_set_inf(ptr(hi), -1);
    for (mpfr_srcptr p : ends_a) {
        for (mpfr_srcptr q : ends_b) {
            mul_endpoint(ptr(t), p, q, down);
            mpfr_min(ptr(lo), ptr(lo), ptr(t), down);
            mul_endpoint(ptr(t), p, q, up);
            mpfr_max(ptr(hi), ptr(hi), ptr(t), up);
        }
    }
    mpfr_set(r.lower(), ptr(lo), down);
    mpfr_set(r.upper(), ptr(hi), up);
}

//! [|a|]: the range of |t| for t in a.
inline void abs(interval& r, const interval& a) {
    if (mpfr_sgn(a.lower()) >= 0) {
        r = a;
    } else if (mpfr_sgn(a.upper()) <= 0) {
        decreasing(r, a,
                   [](mpfr_ptr o, mpfr_srcptr v, mpfr_rnd_t rnd) { return mpfr_neg(o, v, rnd); });
    } else {
        mpfr_float m = make_mpfr(r.precision());
        mpfr_neg(ptr(m), a.lower(), up);
        mpfr_max(r.upper(), ptr(m), a.upper(), up);
        mpfr_set_zero(r.lower(), 1);
    }
}

//! a^n for an integer n (n < 0: 1/a^|n|, undefined where a is 0).
inline void integer_power(interval& r, const interval& a, long n) {
    if (n == 0) return r.set_integer(1);
    const bool odd = (n % 2) != 0;
    const auto pw = [n](mpfr_ptr o, mpfr_srcptr v, mpfr_rnd_t rnd) {
        return mpfr_pow_si(o, v, n, rnd);
    };
    if (n < 0 && a.contains_zero()) {
        if (a.is_zero()) return r.set_invalid();
        if (mpfr_sgn(a.lower()) < 0 && mpfr_sgn(a.upper()) > 0) {  // a pole inside
            mpfr_set_inf(r.lower(), -1);
            mpfr_set_inf(r.upper(), 1);
            return;
        }
    }
    if (mpfr_sgn(a.lower()) >= 0) {  // t ≥ 0: t^n increases for n > 0, decreases for n < 0
        return n > 0 ? increasing(r, a, pw) : decreasing(r, a, pw);
    }
    if (mpfr_sgn(a.upper()) <= 0) {  // t ≤ 0
        if (odd) return n > 0 ? increasing(r, a, pw) : decreasing(r, a, pw);
        return n > 0 ? decreasing(r, a, pw) : increasing(r, a, pw);
    }
    // 0 strictly inside, n > 0.
    if (odd) return increasing(r, a, pw);
    mpfr_float m = make_mpfr(r.precision()), t = make_mpfr(r.precision());
    pw(ptr(m), a.lower(), up);
    pw(ptr(t), a.upper(), up);
    mpfr_max(r.upper(), ptr(m), ptr(t), up);
    mpfr_set_zero(r.lower(), 1);
}

//! t^(p/q), q ≥ 2, for t ≥ 0 (a is clipped to [0, inf): the caller has ruled out negatives).
inline void root_power(interval& r, const interval& a, long p, unsigned long q) {
    const auto f = [p, q](mpfr_ptr o, mpfr_srcptr v, mpfr_rnd_t rnd) {
        // root rounded in the direction that makes t^p go the way of rnd
        const mpfr_rnd_t root_rnd = (p > 0) == (rnd == MPFR_RNDU) ? MPFR_RNDU : MPFR_RNDD;
        mpfr_float root = make_mpfr(mpfr_get_prec(o) + 8);
        if (mpfr_sgn(v) <= 0)
            mpfr_set_zero(ptr(root), 1);
        else
            mpfr_rootn_ui(ptr(root), v, q, root_rnd);
        if (mpfr_zero_p(ptr(root)) && p < 0) return mpfr_set_inf(o, 1), 0;
        return mpfr_pow_si(o, ptr(root), p, rnd);
    };
    if (p > 0)
        increasing(r, a, f);
    else
        decreasing(r, a, f);
}

//! a^(p/q) with actlab's real semantics: odd roots of negative numbers are real
//! (∛−8 = −2), even roots of negative numbers are undefined.
inline void rational_power(interval& r, const interval& a, const rational& e) {
    if (!a.valid()) return r.set_invalid();
    if (e.den == 1) return integer_power(r, a, static_cast<long>(e.num));
    const long p = static_cast<long>(e.num);
    const auto q = static_cast<unsigned long>(e.den);
    if (mpfr_sgn(a.upper()) < 0 && q % 2 == 0) return r.set_invalid();
    if (mpfr_sgn(a.lower()) >= 0 || q % 2 == 0) {
        // An even root of an interval that reaches below 0 only by rounding: the exact
        // argument is ≥ 0 wherever the expression is defined, so clip.
        return root_power(r, a, p, q);
    }
    // Odd root, some t < 0: |t|^(p/q) on the negative part, signed by (−1)^p.
    interval neg(a.precision()), pos(a.precision()), part(r.precision());
    mpfr_neg(neg.lower(), a.upper(), down);
    mpfr_neg(neg.upper(), a.lower(), up);
    if (mpfr_sgn(neg.lower()) < 0) mpfr_set_zero(neg.lower(), 1);
    root_power(part, neg, p, q);
    if (p % 2 != 0) {  // odd p: negate
        interval flipped(r.precision());
        mpfr_neg(flipped.lower(), part.upper(), down);
        mpfr_neg(flipped.upper(), part.lower(), up);
        part = flipped;
    }
    if (mpfr_sgn(a.upper()) <= 0) {
        r = part;
        return;
    }
    mpfr_set_zero(pos.lower(), 1);
    mpfr_set(pos.upper(), a.upper(), up);
    interval right(r.precision());
    root_power(right, pos, p, q);
    hull(r, part, right);
}

//! σ(t) = 1/(1 + e^−t), rounded in direction rnd (σ is increasing).
inline int sigmoid(mpfr_ptr o, mpfr_srcptr v, mpfr_rnd_t rnd) {
    const mpfr_rnd_t opposite = rnd == MPFR_RNDU ? MPFR_RNDD : MPFR_RNDU;
    mpfr_float t = make_mpfr(mpfr_get_prec(o) + 8);
    mpfr_neg(ptr(t), v, MPFR_RNDN);
    mpfr_exp(ptr(t), ptr(t), opposite);
    mpfr_add_ui(ptr(t), ptr(t), 1, opposite);
    return mpfr_ui_div(o, 1, ptr(t), rnd);
}

//! softplus(t) = log(1 + e^t), rounded in direction rnd (increasing).
inline int softplus(mpfr_ptr o, mpfr_srcptr v, mpfr_rnd_t rnd) {
    mpfr_float t = make_mpfr(mpfr_get_prec(o) + 8);
    mpfr_exp(ptr(t), v, rnd);
    return mpfr_log1p(o, ptr(t), rnd);
}

//! r = sin(a) (is_cos = false) or cos(a): endpoint values, widened to ±1 where the interval
//! may contain a maximum or minimum.
inline void periodic(interval& r, const interval& a, bool is_cos) {
    if (!a.valid()) return r.set_invalid();
    const mpfr_unary g = is_cos ? mpfr_cos : mpfr_sin;
    const mpfr_prec_t bits = r.precision();
    mpfr_float lo = make_mpfr(bits), hi = make_mpfr(bits), t = make_mpfr(bits);
    g(ptr(lo), a.lower(), down);
    g(ptr(t), a.upper(), down);
    mpfr_min(ptr(lo), ptr(lo), ptr(t), down);
    g(ptr(hi), a.lower(), up);
    g(ptr(t), a.upper(), up);
    mpfr_max(ptr(hi), ptr(hi), ptr(t), up);
    if (!a.is_point()) {
        // Extrema of sin at π(k + ½), of cos at πk; the value there is (−1)^k.
        mpfr_float width = make_mpfr(bits), pi_lo = make_mpfr(bits), pi_hi = make_mpfr(bits),
                   k_lo = make_mpfr(bits), k_hi = make_mpfr(bits);
        mpfr_sub(ptr(width), a.upper(), a.lower(), up);
        if (!mpfr_number_p(ptr(width)) || mpfr_cmp_ui(ptr(width), 7) >= 0) {
            mpfr_set_si(ptr(lo), -1, down);
            mpfr_set_si(ptr(hi), 1, up);
        } else {
            mpfr_const_pi(ptr(pi_lo), down);
            mpfr_const_pi(ptr(pi_hi), up);
            // k ranges over [a.lo/π − s, a.hi/π − s] widened for the rounding of π.
            mpfr_div(ptr(k_lo), a.lower(), mpfr_sgn(a.lower()) >= 0 ? ptr(pi_hi) : ptr(pi_lo),
                     down);
            mpfr_div(ptr(k_hi), a.upper(), mpfr_sgn(a.upper()) >= 0 ? ptr(pi_lo) : ptr(pi_hi), up);
            if (!is_cos) {
                mpfr_sub_d(ptr(k_lo), ptr(k_lo), 0.5, down);
                mpfr_sub_d(ptr(k_hi), ptr(k_hi), 0.5, up);
            }
            mpfr_ceil(ptr(k_lo), ptr(k_lo));
            mpfr_floor(ptr(k_hi), ptr(k_hi));
            for (long k = mpfr_get_si(ptr(k_lo), MPFR_RNDN),
                      last = mpfr_get_si(ptr(k_hi), MPFR_RNDN);
                 k <= last; ++k) {
                if (k % 2 == 0)
                    mpfr_set_si(ptr(hi), 1, up);
                else
                    mpfr_set_si(ptr(lo), -1, down);
            }
        }
    }
    mpfr_set(r.lower(), ptr(lo), down);
    mpfr_set(r.upper(), ptr(hi), up);
}

//! r = [c(a)] for a three-valued step: `below` for t < 0, `at` for t = 0, `above` for t > 0.
inline void step_like(interval& r, const interval& a, long below, double at, long above) {
    if (!a.valid()) return r.set_invalid();
    const int s_lo = mpfr_sgn(a.lower()), s_hi = mpfr_sgn(a.upper());
    const double values[3] = {static_cast<double>(below), at, static_cast<double>(above)};
    const int first = s_lo < 0 ? 0 : (s_lo == 0 ? 1 : 2);
    const int last = s_hi < 0 ? 0 : (s_hi == 0 ? 1 : 2);
    double lo = values[first], hi = values[first];
    for (int k = first; k <= last; ++k) {
        lo = values[k] < lo ? values[k] : lo;
        hi = values[k] > hi ? values[k] : hi;
    }
    mpfr_set_d(r.lower(), lo, down);
    mpfr_set_d(r.upper(), hi, up);
}

//! [a < b] (strict) or [a ≤ b]: [1, 1] when it holds for all points, [0, 0] when for none,
//! [0, 1] when undecided.
inline void compare(interval& r, const interval& a, const interval& b, bool strict) {
    if (!a.valid() || !b.valid()) return r.set_invalid();
    const bool always = strict ? mpfr_less_p(a.upper(), b.lower()) != 0
                               : mpfr_lessequal_p(a.upper(), b.lower()) != 0;
    const bool never = strict ? mpfr_greaterequal_p(a.lower(), b.upper()) != 0
                              : mpfr_greater_p(a.lower(), b.upper()) != 0;
    mpfr_set_ui(r.lower(), always ? 1 : 0, down);
    mpfr_set_ui(r.upper(), never ? 0 : 1, up);
}

}  // namespace iv
}  // namespace detail
}  // namespace actlab
