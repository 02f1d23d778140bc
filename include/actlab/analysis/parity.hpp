// actlab: is f even, odd, or neither? Canonical forms, identities piece by piece, and
// witnesses (needs MPFR).
#pragma once

#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/symmetry.hpp>

namespace actlab::detail {

//! The parity of f (r.parity) with the claims even and odd.
inline void parity_of(analysis_report& r, const expr& f) {
    const expr reflected = reflect(f);
    const auto set = [&](parity_kind p, argument why) {
        r.parity = p;
        (p == parity_kind::odd ? r.odd : r.even) = {proof_status::proved, why,
                                                    basis::canonical_form};
        (p == parity_kind::odd ? r.even : r.odd) = {proof_status::unknown, ""};
    };
    if (reflected == f) {
        set(parity_kind::even, "f(-x) and f(x) have the same canonical form");
    } else if (reflected == -f) {
        set(parity_kind::odd, "f(-x) and -f(x) have the same canonical form");
    } else {
        for (const double t : probe_points()) {
            if (certainly_differ(f, reflected, t) && certainly_differ(-f, reflected, t)) {
                r.parity = parity_kind::none;
                r.even = r.odd = {proof_status::refuted,
                                  "f(-" + cite(t) + ") differs from f(" + cite(t) +
                                      ") and from -f(" + cite(t) + ")",
                                  basis::witness};
                break;
            }
        }
        if (r.parity == parity_kind::unknown && zero_by_pieces(reflected + f))
            set(parity_kind::odd,
                "f(-x) + f(x) is identically 0 on every piece between the switching points");
        else if (r.parity == parity_kind::unknown && zero_by_pieces(reflected - f))
            set(parity_kind::even,
                "f(-x) - f(x) is identically 0 on every piece between the switching points");
        else if (r.parity == parity_kind::unknown)
            r.even = r.odd = {proof_status::unknown, "no canonical proof and no witness"};
    }
    // Odd and even together mean f ≡ 0: one nonzero value refutes the other parity.
    if (r.parity != parity_kind::odd && r.parity != parity_kind::even) return;
    const bool odd = r.parity == parity_kind::odd;
    claim& other = odd ? r.even : r.odd;
    for (const double t : probe_points()) {
        const interval v = enclose(f, box_interval(t, t, 256));
        if (v.positive() || v.negative()) {
            other = {proof_status::refuted,
                     argument("f is ") + (odd ? "odd" : "even") + " and f(" + cite(t) +
                         ") != 0, so f(-x) = " + (odd ? "" : "-") + "f(x) fails at x = " + cite(t),
                     basis::witness};
            break;
        }
    }
    if (other.status == proof_status::unknown && other.reason.empty())
        other.reason = "no nonzero value of f found";
}

}  // namespace actlab::detail
