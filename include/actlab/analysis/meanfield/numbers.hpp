// actlab: the numbers of the mean-field computations — mpfr_float at a precision chosen per
// scope — and the failure that makes a value unknown (needs MPFR).
#pragma once

#include <actlab/analysis/results.hpp>

#include <boost/multiprecision/mpfr.hpp>

#include <stdexcept>

namespace actlab::detail {

using mf_real = boost::multiprecision::mpfr_float;

//! mpfr_float's default precision for one scope, on this thread: Boost's default_precision(v)
//! sets a global that a thread reads only at its first mpfr_float, so setting it neither
//! changes the precision of a thread that has computed nor is safe beside other threads.
class mf_precision {
public:
    explicit mf_precision(unsigned digits10) : saved_(mf_real::thread_default_precision()) {
        mf_real::thread_default_precision(digits10);
    }
    mf_precision(const mf_precision&) = delete;
    mf_precision& operator=(const mf_precision&) = delete;
    ~mf_precision() { mf_real::thread_default_precision(saved_); }

private:
    unsigned saved_;
};

//! The current default precision in bits.
inline mpfr_prec_t mf_bits() { return mpfr_get_prec(mf_real(0).backend().data()); }

//! A mean-field quantity could not be established at one precision: the typed reason.
struct mf_unknown : std::runtime_error {
    explicit mf_unknown(mean_field_reason r)
        : std::runtime_error("actlab: mean field: a value could not be established"),
          reason(std::move(r)) {}
    mean_field_reason reason;
};

//! v rounded to the current default precision (values of another precision stay apart).
inline mf_real at_default(const mf_real& v) {
    mf_real out;
    mpfr_set(ptr(out), ptr(v), MPFR_RNDN);
    return out;
}

}  // namespace actlab::detail
