// actlab: is f a polynomial (and of which degree), linear, affine, a universal approximator
// (Leshno, Lin, Pinkus & Schocken 1993)? (needs MPFR)
#pragma once

#include <actlab/analysis/asymptotic.hpp>
#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/smoothness.hpp>
#include <actlab/analysis/structure.hpp>
#include <actlab/print/printer.hpp>

#include <optional>

namespace actlab::detail {

//! "g → L at ±∞ but g is not constant" (g named `name`): a non-constant polynomial has no
//! finite limit (asymptotic expansion, exact), so g is not one.
inline std::optional<argument> finite_limit_witness(const expr& g, const char* name) {
    const auto t = nonconstant_witness(g);
    if (!t) return std::nullopt;
    for (const bool right : {false, true}) {
        const auto b = asymptotic::behaviour(g, right);
        if (b.known && b.limit_infinite == 0)
            return argument(name) + " has the finite limit " + cite(to_text(b.limit)) + " at " +
                   (right ? "+inf" : "-inf") + " and is not constant (" + name + "(" + cite(*t) +
                   ") != " + name + "(0)); a non-constant polynomial tends to +-inf";
    }
    return std::nullopt;
}

//! Whether f is a polynomial: by structure (proved, with its degree), or refuted by a kink,
//! a jump, a jumping derivative, boundedness, or a finite limit.
inline claim polynomial_claim(const analysis_report& r, const switching_facts& s, const expr& f,
                              const expr& df, const real_line_bounds& fb,
                              const real_line_bounds& db) {
    const auto refuted = [](argument why) { return claim{proof_status::refuted, why}; };
    if (r.polynomial_degree)
        return {proof_status::proved,
                "built from x and numbers by +, * and integer powers: degree " +
                    cite(static_cast<long long>(*r.polynomial_degree)),
                basis::structure};
    if (!r.kinks.empty())
        return refuted(argument(s.has_jump ? "a jump" : "a kink") +
                       " at x = " + cite(r.kinks.front().x) + "; polynomials are smooth");
    if (!s.smoothness_break.empty())
        return refuted(s.smoothness_break + " (f is C" +
                       cite(static_cast<long long>(r.smoothness.order)) +
                       "); polynomials are smooth");
    if (const auto t = nonconstant_witness(f); t && finite_interval(fb.hull))
        return refuted("bounded on R (interval enclosure) and not constant (f(" + cite(*t) +
                       ") != f(0)); a bounded polynomial is constant");
    if (const auto t1 = nonconstant_witness(df); t1 && finite_interval(db.hull))
        return refuted("f' is bounded on R (interval enclosure) and not constant (f'(" + cite(*t1) +
                       ") != f'(0)), so f' is no polynomial and neither is f");
    if (const auto lim = finite_limit_witness(f, "f")) return refuted(*lim);
    // f′ is no polynomial by the same argument, and the derivative of a polynomial is one
    // (√(1 + x²): f′ → ±1).
    if (const auto lim = finite_limit_witness(df, "f'"))
        return refuted(*lim + "; so f' is no polynomial and neither is f");
    return {proof_status::unknown, "no proof and no witness found"};
}

//! Linear, affine and universal approximation, from the polynomial claim.
inline void polynomial_consequences(analysis_report& r, const switching_facts& s,
                                    const real_line_bounds& fb) {
    if (r.polynomial.status == proof_status::proved) {
        const auto deg = static_cast<long long>(*r.polynomial_degree);
        r.affine = deg <= 1 ? claim{proof_status::proved, "a polynomial of degree <= 1"}
                            : claim{proof_status::refuted, "a polynomial of degree " + cite(deg)};
        if (deg > 1)
            r.linear = {proof_status::refuted, "a polynomial of degree " + cite(deg)};
        else if (r.f0.is_zero())
            r.linear = {proof_status::proved, "degree <= 1 and f(0) = 0"};
        else
            r.linear = {proof_status::refuted, "f(0) = " + cite(r.f0)};
        r.universal_approximator = {proof_status::refuted,
                                    "a polynomial: networks of it compute polynomials of bounded "
                                    "degree (Leshno, Lin, Pinkus & Schocken 1993)",
                                    basis::theorem};
        return;
    }
    r.polynomial_degree.reset();
    r.affine = r.linear = {r.polynomial.status, "not a polynomial: " + r.polynomial.reason};
    // Leshno et al.'s theorem covers every locally bounded activation whose points of
    // discontinuity have a closure of measure zero: here finitely many jumps between pieces
    // that are defined on all of R (the enclosures over R are valid).
    const bool defined = fb.hull.valid();
    const bool refuted = r.polynomial.status == proof_status::refuted && s.known;
    if (refuted && !s.has_jump && defined)
        r.universal_approximator = {proof_status::proved,
                                    "continuous and not a polynomial (" + r.polynomial.reason +
                                        "): Leshno, Lin, Pinkus & Schocken 1993",
                                    basis::theorem};
    else if (refuted && s.has_jump && defined)
        r.universal_approximator = {
            proof_status::proved,
            "locally bounded, discontinuous only at finitely many points, and not a.e. a "
            "polynomial (" +
                r.polynomial.reason + "): Leshno, Lin, Pinkus & Schocken 1993, Theorem 1",
            basis::theorem};
    else if (!defined)
        r.universal_approximator = {proof_status::unknown,
                                    "f is not finite on all of R (or its enclosure failed)"};
    else
        r.universal_approximator = {proof_status::unknown, "polynomial or not: undecided"};
}

//! Polynomial (with degree), linear, affine, universal approximator.
inline void polynomial_questions(analysis_report& r, const switching_facts& s, const expr& f,
                                 const expr& df, const real_line_bounds& fb,
                                 const real_line_bounds& db) {
    r.polynomial_degree = structural_degree(f);
    r.polynomial = polynomial_claim(r, s, f, df, fb, db);
    polynomial_consequences(r, s, fb);
    if (r.polynomial.status == proof_status::refuted) r.polynomial_degree.reset();
}

}  // namespace actlab::detail
