// actlab: what an activation is — properties with proofs or witnesses, ranges of f and f′,
// fixed points, 2-cycles, idempotence and gradients across depth — at two precisions (needs
// MPFR). Each question has its own header; analyze() asks them in order.
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/claim.hpp>
#include <actlab/analysis/domain.hpp>
#include <actlab/analysis/extrema.hpp>
#include <actlab/analysis/fixed_points.hpp>
#include <actlab/analysis/gradients.hpp>
#include <actlab/analysis/idempotence.hpp>
#include <actlab/analysis/monotonicity.hpp>
#include <actlab/analysis/numeric.hpp>
#include <actlab/analysis/parity.hpp>
#include <actlab/analysis/periodicity.hpp>
#include <actlab/analysis/pieces.hpp>
#include <actlab/analysis/polynomial.hpp>
#include <actlab/analysis/results.hpp>
#include <actlab/analysis/smoothness.hpp>
#include <actlab/analysis/two_cycles.hpp>
#include <actlab/detail/large_stack.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/print/printer.hpp>

#include <string>
#include <vector>

namespace actlab {

struct analysis_options {
    int digits = 50;  //!< significant digits of every number (1..1000)
    //! false: the 2-cycles are not searched (two_cycles empty, two_cycles_complete unknown
    //! "not asked"); for callers that do not show them, such as the catalogue report, which
    //! saves seconds where f(f(x)) − x has double roots (snake).
    bool two_cycles = true;
};

//! analyze() without the range check of digits and without the context added to errors.
inline analysis_report analyze_unchecked(const expr& f0, int digits, bool with_two_cycles = true) {
    const analysis_budget_scope budget(analysis_work);  // every root search below, together
    const expr f = detail::at_defaults(f0);
    const expr df = d(f);
    analysis_report r;
    r.digits = digits;
    r.formula = to_text(f0);
    r.latex = to_latex(f0);
    r.derivative_formula = to_text(d(f0));
    r.derivative_latex = to_latex(d(f0));
    r.f0 = detail::value_at(f, 0.0, digits);

    // ℝ cut at the switching points; enclosures of f and f′ over ℝ (tails on the outermost
    // pieces, where every switch is decided).
    std::vector<piece> ps;
    try {
        ps = pieces(f);
    } catch (const error&) {
    }
    const expr f_left = ps.empty() ? f : ps.front().f, f_right = ps.empty() ? f : ps.back().f;
    const detail::real_line_bounds fb = detail::bounds_over_reals(f, f_left, f_right);
    const detail::real_line_bounds db = detail::bounds_over_reals(df, d(f_left), d(f_right));

    // The questions, in the order in which their answers build on each other.
    const detail::switching_facts sw = detail::kinks_and_smoothness(r, f, digits);
    detail::polynomial_questions(r, sw, f, df, fb, db);
    detail::parity_of(r, f);
    detail::boundedness(r, f, fb, db);
    detail::fixed_points(r, f, sw, ps, digits);
    r.range = detail::extremes(f, ps, false, digits);
    r.derivative_range = detail::extremes(f, ps, true, digits);
    detail::monotonicity_of(r, sw, df, db, ps);
    const expr ff = compose(f, f);
    detail::idempotence(r, f, ff);
    detail::dead_regions(r, ps, digits);
    r.derivative_limit_left = detail::limit_value(df, false, digits);
    r.derivative_limit_right = detail::limit_value(df, true, digits);
    detail::periodicity(r, f);
    if (!with_two_cycles)
        r.two_cycles_complete = {proof_status::unknown, "2-cycles not asked for"};
    else
        try {
            detail::two_cycles(r, f, ff, digits);
        } catch (const error& e2) {
            r.two_cycles.clear();
            r.two_cycles_complete = {proof_status::unknown,
                                     "f(f(x)) - x is beyond reach: " + argument(e2.what())};
        }
    detail::gradient_bounds(r, digits);
    return r;
}

//! Everything `actlab analyze` reports about f (parameters at their defaults). f must be
//! defined and finite on all of ℝ (an activation); otherwise, and for expressions beyond the
//! capacity, an actlab::error says what failed.
inline analysis_report analyze(const expr& f0, const analysis_options& options = {}) {
    if (options.digits < 1 || options.digits > 1000)
        detail::fail("actlab: analyze: digits must be in 1..1000");
    // On a stack of its own: the analysis recurses through ~30 KB expressions, far deeper in
    // bytes than a worker thread's stack (detail/large_stack.hpp).
    return detail::on_large_stack([&] {
        require_defined_on_reals(f0, "analyze");
        // The message of an error inside the analysis, after "actlab: analyze: ".
        const auto context = [](const error& problem) {
            std::string what = problem.what();
            if (what.rfind("actlab: ", 0) == 0) what.erase(0, 8);
            return "actlab: analyze: " + what;
        };
        try {
            return analyze_unchecked(f0, options.digits, options.two_cycles);
        } catch (const capacity_error& problem) {
            throw capacity_error(context(problem));  // the engine's limit, not the input's fault
        } catch (const error& problem) {
            // f itself is proved defined and finite on R (require_defined_on_reals above); what
            // fails later is a derivative as differentiated symbolically: x^(1/3)' and
            // sqrt(x^4 + x^2)' are undefined at 0, where f is not.
            throw error(
                context(problem) +
                " (f is defined and finite on all of R, but f' or f'' as differentiated "
                "is not: a root or fractional power of a quantity that reaches 0, like "
                "x^(1/3) or sqrt(x^4 + x^2) at 0; the analysis needs them defined on R except "
                "at kinks written with abs, max, min or where)");
        }
    });
}

}  // namespace actlab
