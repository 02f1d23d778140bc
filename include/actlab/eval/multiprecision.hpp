// actlab: the library's multiprecision numbers — Boost.Multiprecision's mpfr_float (MPFR) and
// mpz_int (GMP) — with the two helpers every MPFR user needs: a number of an exact precision
// in bits, and its mpfr_t for the MPFR calls with directed rounding (needs MPFR: link
// actlab::mpfr).
#pragma once

#include <mpfr.h>
#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfr.hpp>

namespace actlab {

//! Boost.Multiprecision's MPFR number with a precision chosen per value. Boost copies and
//! moves keep the source's precision (its default variable_precision_options); a precision
//! is given in bits with make_mpfr, never through Boost's process-wide default_precision.
using mpfr_float = boost::multiprecision::mpfr_float;
//! Boost.Multiprecision's GMP integer (exact, any size; constructible from int128).
using mpz_int = boost::multiprecision::mpz_int;

//! A number of exactly `bits` bits, NaN until set (as mpfr_init2 leaves it).
inline mpfr_float make_mpfr(mpfr_prec_t bits) {
    mpfr_float v;
    mpfr_set_prec(v.backend().data(), bits);
    return v;
}

//! `value` rounded to nearest at `bits` bits.
inline mpfr_float make_mpfr(mpfr_srcptr value, mpfr_prec_t bits) {
    mpfr_float v = make_mpfr(bits);
    mpfr_set(v.backend().data(), value, MPFR_RNDN);
    return v;
}

namespace detail {

//! The GMP/MPFR object of a Boost number, for the calls Boost does not wrap.
inline mpfr_ptr ptr(mpfr_float& v) { return v.backend().data(); }
inline mpfr_srcptr ptr(const mpfr_float& v) { return v.backend().data(); }
inline mpz_ptr ptr(mpz_int& v) { return v.backend().data(); }
inline mpz_srcptr ptr(const mpz_int& v) { return v.backend().data(); }

}  // namespace detail
}  // namespace actlab
