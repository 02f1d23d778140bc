// actlab: table-driven logarithm of a double-double for eval_certified's quick phase, accurate
// to about 2^-74 (the quick phase needs ~75 bits to decide a rounding and declines otherwise;
// math::detail::log_dd's 15-term atanh series gave more than that at twice the cost).
//
// log y = k ln 2 + log c_j + log1p(t), y = 2^k m, m in [0.707, 1.415), c_j = j/256 the grid
// point nearest m, t = (m − c_j)/c_j, |t| <= (1/512)/0.707 < 2^-8.4. The table of log c_j and
// 1/c_j (j = 181..363) is computed once, at first use, with MPFR at 200 bits and rounded to
// nearest double-doubles: each entry errs < 2^-106 relative.
//
// log1p(t) for |t| < 2^-8.4: t − t²/2 + t³/3 in double-double (t² and t³ by mul, 1/3 as a
// double-double: relative errors <= 2^-100 each), t⁴(−1/4 + t/5 − … − t^7/11) in double
// (Horner in t.hi: t.lo shifts it by 2^-53 relative; 9 roundings of 2^-53 relative each, so
// <= 2^-49 of |t⁴|/4·1.01 <= |t| 2^-27.3: < |t| 2^-76); truncation after t^11: <= |t|^12/12
// /(1 − |t|) < |t| 2^-92. Total < |t| 2^-75.5 + 4·2^-100 |t|, and |log1p t| >= 0.998 |t|: the
// error is charged as 2^-74 |result|.
//
// log y: k ln 2 (ln 2 a double-double to 2^-107, times k with mul's 2^-104), plus log c_j
// (2^-106), plus log1p t (2^-74), by two adds (2^-100 of each partial sum). No partial sum
// exceeds 4 |log y|: |k ln 2| >= 0.69 > 2·0.347 >= 2 |log m| when k != 0, and log c_j, log m
// share their sign with |log c_j| <= 4 |log m| unless c_j = 1 (log c_j = 0 exactly). So the
// error is < 4·(2^-100·3 + 2^-104) |log y| + 2^-74 |log1p t| <= 2^-73.9 |log y|; charged
// 2^-72 |result.hi| (|result| <= |result.hi| (1 + 2^-52)).
#pragma once

#include <actlab/math/detail/fp.hpp>

#include <mpfr.h>

namespace actlab::detail::quick {

using math::detail::dd;

struct log_table {
    static constexpr int first = 181, last = 363;  // c_j = j/256 covers [0.705, 1.419]
    dd log_c[last - first + 1];
    dd inv_c[last - first + 1];
};

inline dd nearest_dd(mpfr_t v, mpfr_t scratch) {
    const double hi = mpfr_get_d(v, MPFR_RNDN);
    mpfr_sub_d(scratch, v, hi, MPFR_RNDN);
    return {hi, mpfr_get_d(scratch, MPFR_RNDN)};
}

inline log_table make_log_table() {
    log_table t{};
    mpfr_t v, s;
    mpfr_init2(v, 200);
    mpfr_init2(s, 200);
    for (int j = log_table::first; j <= log_table::last; ++j) {
        mpfr_set_si(v, j, MPFR_RNDN);
        mpfr_div_2ui(v, v, 8, MPFR_RNDN);  // exact
        mpfr_log(v, v, MPFR_RNDN);
        t.log_c[j - log_table::first] = nearest_dd(v, s);
        mpfr_set_si(v, 256, MPFR_RNDN);
        mpfr_div_si(v, v, j, MPFR_RNDN);
        t.inv_c[j - log_table::first] = nearest_dd(v, s);
    }
    mpfr_clear(v);
    mpfr_clear(s);
    return t;
}

inline const log_table& logs() {
    static const log_table table = make_log_table();
    return table;
}

//! log1p(t) for |t| < 2^-8.4, error < 2^-74 |result| (header).
inline dd log1p_small(dd t) {
    namespace m = math::detail;
    const dd t2 = m::mul(t, t);
    const dd t3 = m::mul(t2, t);
    constexpr dd third = {0x1.5555555555555p-2, 0x1.5555555555555p-56};
    const double x = t.hi, t4 = t2.hi * t2.hi;
    const double p =
        t4 * (-0.25 +
              x * (0.2 + x * (-1.0 / 6 +
                              x * (1.0 / 7 + x * (-0.125 + x * (1.0 / 9 + x * (-0.1 + x / 11)))))));
    const dd a = m::add(t, dd{-0.5 * t2.hi, -0.5 * t2.lo});
    return m::add(a, m::add(m::mul(t3, third), p));
}

//! log y for a normalized double-double y with y.hi in [2^-1000, 2^1000] (its error:
//! log_error below). y.lo·2^-k is exact unless it was subnormal-small (< 2^-1074 absolute
//! error then, below 2^-60 of ulp(y.hi) relative to y: inside the 2^-72 charged).
inline dd log_fast(dd y) {
    namespace m = math::detail;
    int k = m::exponent(y.hi);
    double hi = m::mul_pow2(y.hi, -k), lo = m::mul_pow2(y.lo, -k);  // hi in [1, 2)
    if (hi > 1.4142135623730951) {
        hi *= 0.5;
        lo *= 0.5;
        ++k;
    }
    const int j = static_cast<int>(m::round_int(hi * 256));  // 181..363
    const log_table& table = logs();
    // hi − c_j is exact (Sterbenz: both in [0.7, 1.42]); two_sum with lo is error-free.
    const dd u = m::two_sum(hi - j * 0x1p-8, lo);
    const dd t = m::mul(u, table.inv_c[j - log_table::first]);
    const dd s = log1p_small(t);
    constexpr dd ln2 = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56};
    const dd head = m::add(m::mul(ln2, static_cast<double>(k)), table.log_c[j - log_table::first]);
    return m::add(head, s);
}

//! An absolute error bound of log_fast's result v (header: 2^-72 |v.hi|, plus 2^-1022).
inline double log_error(dd v) { return math::detail::fabs(v.hi) * 0x1p-72 + 0x1p-1022; }

}  // namespace actlab::detail::quick
