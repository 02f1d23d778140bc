// actlab: is f idempotent, f(f(x)) = f(x)? Canonical forms, identities piece by piece, and
// witnesses (needs MPFR).
#pragma once

#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/symmetry.hpp>

namespace actlab::detail {

//! f∘f = f: proved by canonical forms or piece by piece, refuted by a witness (the probe
//! points first, then a finer search on [−4, 4]).
inline void idempotence(analysis_report& r, const expr& f, const expr& ff) {
    if (ff == f) {
        r.idempotent = {proof_status::proved, "f(f(x)) and f(x) have the same canonical form",
                        basis::canonical_form};
        return;
    }
    const auto refute_at = [&](double t) {
        if (r.idempotent.status != proof_status::unknown || !certainly_differ(ff, f, t)) return;
        r.idempotent = {proof_status::refuted,
                        "f(f(" + cite(t) + ")) = " + cite(value_at(ff, t, 12)) +
                            " differs from f(" + cite(t) + ") = " + cite(value_at(f, t, 12)),
                        basis::witness};
    };
    for (const double t0 : probe_points()) {
        refute_at(t0);
        refute_at(-t0);
    }
    if (r.idempotent.status == proof_status::unknown && zero_by_pieces(ff - f))
        r.idempotent = {proof_status::proved,
                        "f(f(x)) - f(x) is identically 0 on every piece between its switching "
                        "points",
                        basis::structure};
    for (int k = -64; k <= 64; ++k) refute_at(k / 16.0);
}

}  // namespace actlab::detail
