// actlab: what `analyze` answers, as values — claims, two-precision numbers and enums; never
// text (needs MPFR). The report layer (<actlab/report/analysis.hpp>) renders them.
#pragma once

#include <actlab/analysis/approx.hpp>
#include <actlab/analysis/claim.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actlab {

enum class parity_kind : unsigned char { unknown, even, odd, none };

enum class monotonicity : unsigned char {
    unknown,
    increasing,
    non_decreasing,
    decreasing,
    non_increasing,
    constant,
    none,
};

//! How a search for the first depth n with a property (the orbit's double-underflow
//! depths) ended.
enum class depth_search : unsigned char {
    unknown,      //!< the two precisions disagree, or the orbit left what can be computed
    found,        //!< at the depth given with it
    none,         //!< none up to the searched depth, every step computed
    none_proved,  //!< none up to the searched depth, proved before reaching it
};

//! How often f is differentiable: unknown, discontinuous, C^order (a derivative of order
//! order + 1 jumps), at least C^order (none of the first few derivatives jumps), C^∞.
struct smoothness_class {
    enum class kind : unsigned char { unknown, discontinuous, finite, at_least, infinite };
    kind k = kind::unknown;
    int order = 0;
    friend bool operator==(const smoothness_class&, const smoothness_class&) = default;
};

enum class stability : unsigned char { unknown, attracting, repelling, neutral };

//! For a neutral fixed point (f′(x*) = 1): from which sides nearby iterates approach it.
enum class neutral_approach : unsigned char { both_sides, from_left, from_right, neither };

//! How fₙ(x₀) → x* near an attracting (or one-sided attracting neutral) fixed point.
struct convergence_law {
    enum class kind : unsigned char {
        geometric,    //!< |xₙ − x*| ~ C·rateⁿ (alternating sides when f′(x*) < 0)
        superlinear,  //!< f′(x*) = 0 and no nonzero Taylor coefficient found
        order,        //!< x_(n+1) − x* ~ rate·(xₙ − x*)^order
        algebraic,    //!< f′(x*) = 1: xₙ − x* ~ ±(rate/n)^(1/(order − 1))
    };
    //! Where the law holds: on both sides, or on one side of a switching point.
    enum class side : unsigned char { both, left, right };
    //! For an algebraic law: the sign of xₙ − x*.
    enum class sign : unsigned char { plus_minus, plus, minus };

    kind k = kind::geometric;
    approx rate{};
    int order = 1;
    bool alternating = false;
    sign approach = sign::plus_minus;
    side applies = side::both;
};

struct kink_report {
    approx x{}, left_derivative{}, right_derivative{};
    bool jump = false;  //!< f itself jumps there
};

//! inf and sup over ℝ, whether attained and where.
struct extremum_report {
    approx inf, sup;
    std::optional<approx> arginf, argsup;  //!< empty when not attained or unknown
    std::optional<bool> inf_attained, sup_attained;
    argument reason;
    //! The search for critical points ran out of its budget (roots.hpp): an unknown end is
    //! unknown for that reason (the reason says where).
    bool budget_exhausted = false;
};

struct fixed_point_report {
    approx x, derivative;
    stability kind = stability::unknown;
    //! Neutral points: which sides the iterates come from (when decided).
    std::optional<neutral_approach> approach;
    //! False when the sign change of f − x was not certified at the refined point.
    bool certified = true;
    //! At a switching point: f′(x−) and f′(x+).
    std::optional<std::pair<approx, approx>> one_sided;
    //! How the iterates converge: one law, or one per side of a switching point; empty when
    //! they do not (or it is not known).
    std::vector<convergence_law> convergence;
};

//! An interval of fixed points (or of f′ ≡ 0): its ends (±∞ allowed) and whether each belongs.
struct interval_report {
    approx lo{}, hi{};
    bool lo_closed = false, hi_closed = false;
};

//! Bounds on |∂x_L/∂x_0| for a chain of L layers without weights.
struct depth_bound {
    int depth = 0;
    approx best{}, worst{};  //!< (inf|f′|)^L and (sup|f′|)^L
};

//! Where the variance map of a mean-field network leads (analysis/meanfield.hpp).
enum class mean_field_status : unsigned char {
    unknown,
    fixed_point,  //!< q_n → q* > 0
    zero,         //!< q_n → 0 (σ_b² = 0, f(0) = 0); χ1 is its limit q → 0⁺
    degenerate,   //!< every q is a fixed point (relu at σ_w² = 2, σ_b² = 0)
    diverges,     //!< q_n → ∞
};

//! Why a mean-field value is missing, or how a status was reached: a kind and its values
//! (the report layer words it).
struct mean_field_reason {
    enum class kind : unsigned char {
        none,
        homogeneous_every_q,         //!< f positively homogeneous and σ_w² E[f(z)²] = 1
        homogeneous_diverges,        //!< f positively homogeneous, slope σ_w² E[f(z)²] ≥ 1
        no_fixed_point_below,        //!< no fixed point of the variance map below 2^count
        evaluation_budget,           //!< the quadratures used up `count` evaluations of f
        sums_not_converged,          //!< the Gaussian trapezoidal sums did not converge at q = at
        too_many_nodes,              //!< the correlation map needs too many quadrature nodes
        root_not_converged,          //!< the root search for `root` did not converge (count steps)
        fell_below_sigma_b2,         //!< the variance map fell below σ_b²
        vanishes_although_unstable,  //!< below 2^-count although σ_w² f′(0)² > 1
        no_fixed_point_found,        //!< no fixed point of the variance map found
        no_correlation_point_below_1,
        no_correlation_point_above_minus_1,
        library_failure,      //!< a numerical failure inside Boost (its message)
        precisions_disagree,  //!< the two working precisions reached statuses lo and hi
        // the edge of chaos
        f_vanishes,           //!< χ1 = 0 for every σ_w²
        edge_every_q,         //!< homogeneous f at σ_b² = 0: every q is a fixed point there
        edge_q_diverges,      //!< homogeneous f at σ_b² > 0: there q ↦ q + σ_b²
        edge_at_zero,         //!< q* = 0 (the map contracts to 0), χ1 = σ_w² f′(0)²
        no_edge_in_range,     //!< no q in [2^-24, 2^40] with χ1 = 1 at a fixed point
        edge_not_reached,     //!< the q with χ1 = 1 is not the fixed point the iteration reaches
        edge_q_unstable,      //!< χ1 = 1 at q*, an unstable fixed point of the variance map
        edge_at_zero_repels,  //!< q* = 0, χ1 = σ_w² f′(0)² = 1, but the map rises above q
    };
    //! The quantity a root search was after.
    enum class target : unsigned char { q_star, c_star, edge };

    kind k = kind::none;
    //! Only c* and χ_c are missing (q* and χ1 stand).
    bool correlation_only = false;
    target root = target::q_star;
    long count = 0;
    double at = 0;
    mean_field_status lo = mean_field_status::unknown, hi = mean_field_status::unknown;
    std::string message = {};
};

struct analysis_report {
    std::string formula, latex, derivative_formula, derivative_latex;
    int digits = 0;
    claim linear, affine, polynomial, universal_approximator, even, odd;
    std::optional<int> polynomial_degree;
    parity_kind parity = parity_kind::unknown;
    monotonicity monotone = monotonicity::unknown;
    claim monotone_claim, bounded_above, bounded_below;
    approx f0;
    smoothness_class smoothness;
    std::vector<kink_report> kinks;
    extremum_report range, derivative_range;
    std::vector<fixed_point_report> fixed_points;
    std::vector<interval_report> fixed_intervals;
    claim fixed_points_complete;
    claim idempotent;
    //! Periodicity: proved with the fundamental period, or refuted with a witness.
    claim periodic;
    approx period;
    //! Open intervals where f′ ≡ 0 (ends may be ±∞).
    std::vector<interval_report> dead_regions;
    //! Saturation: the limits of f′ at −∞ and +∞ (unknown when they could not be pinned).
    approx derivative_limit_left, derivative_limit_right;
    //! 2-cycles {p, q} with f(p) = q, f(q) = p, p < q.
    std::vector<std::pair<approx, approx>> two_cycles;
    claim two_cycles_complete;
    //! Gradients across depth: sup |f′| and inf |f′| over ℝ, and what they mean for a chain.
    approx sup_abs_derivative, inf_abs_derivative;
    //! |w| below which a chain must vanish (1/sup|f′|), and from which it cannot (1/inf|f′|).
    approx vanishing_weight, non_vanishing_weight;
    //! L = 10, 100, 1000: the best and worst case of |∂x_L/∂x_0| for a chain without weights.
    std::vector<depth_bound> depth_bounds;
    //! Whether the range of f′ was known (no depth bounds without it).
    bool gradients_known = false;
};

}  // namespace actlab
