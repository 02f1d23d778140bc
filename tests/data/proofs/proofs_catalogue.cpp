// Every catalogue activation at compile time: its main properties (parity, monotonicity,
// idempotence, universal approximation) and certified bounds (range of f and of f′ over ℝ,
// Lipschitz constant) proved by actlab/proofs.hpp, checked against the run-time MPFR analysis
// (tests/data/proofs/catalogue_facts.hpp, generated from docs/reference/analysis.md): the same
// facts, two independent ways.
//
// Compiled once per group of activations (tests/static/CMakeLists.txt: targets
// static_proofs_catalogue_<first>_<last>[_<part>], with -DACTLAB_PROOF_FIRST=<first>
// -DACTLAB_PROOF_LAST=<last> [-DACTLAB_PROOF_PART=<part>], catalogue indices [first, last),
// the part as below), so that each translation unit
// stays within 20 s and 2 GB (docs/reference/compile_time_cost.md). The groups cover the whole
// catalogue (the static_assert on ACTLAB_PROOF_GROUPS_END below checks the count).
// The expected gaps below were measured by evaluating check(i) at run time (the same constexpr
// code, executed), not typed in.
//
// Checked for each activation, in one constant evaluation:
//  - never wrong: a proved or refuted predicate agrees with the analysis, and each bound
//    contains the analysis' value (within the printed value's rounding);
//  - the gaps, exactly: which predicates are still unknown and which bound ends are not tight
//    (farther than the printed rounding + 1e-12 relative from the analysis' value). The
//    expected gaps are listed below; closing one (or opening one) fails the test, so that the
//    list stays the true account of what the compile-time proofs cannot yet decide.
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

#include <data/proofs/catalogue_facts.hpp>

#include <cstddef>
#include <utility>

namespace {

using actlab_test::proofs::catalogue_fact;
using actlab_test::proofs::catalogue_facts;
using actlab_test::proofs::printed;

// One bit per checked item.
enum gap : unsigned {
    odd = 1U << 0,
    even = 1U << 1,
    monotone = 1U << 2,
    idempotent = 1U << 3,
    universal = 1U << 4,
    range_lo = 1U << 5,
    range_hi = 1U << 6,
    derivative_lo = 1U << 7,
    derivative_hi = 1U << 8,
    lipschitz = 1U << 9,  // never a gap: only checked (ACTLAB_PROOF_PART)
};

struct outcome {
    unsigned gaps = 0;   // unknown predicates, loose bound ends
    unsigned wrong = 0;  // contradictions with the analysis: must stay 0
};

constexpr double fabs(double v) { return v < 0 ? -v : v; }

constexpr void predicate(outcome& r, gap bit, actlab::truth t, bool fact) {
    if (t.unknown())
        r.gaps |= bit;
    else if (t.proved() != fact)
        r.wrong |= bit;
}

// A lower (s = -1) or upper (s = +1) end of a certified enclosure against the analysis' value.
constexpr void end(outcome& r, gap bit, double bound, printed fact, int s) {
    const double v = fact.value;
    const bool sound = s < 0 ? bound <= v + fact.tolerance : bound >= v - fact.tolerance;
    const bool tight = bound == v || fabs(bound - v) <= fact.tolerance + 1e-12 * fabs(v);
    if (!sound)
        r.wrong |= bit;
    else if (!tight)
        r.gaps |= bit;
}

// ACTLAB_PROOF_PART: 0 checks everything; 1 the predicates, 2 the range, 3 the derivative
// bounds, 4 the Lipschitz bound (a group too costly for one translation unit is compiled once
// per part: bspline).
#ifndef ACTLAB_PROOF_PART
#define ACTLAB_PROOF_PART 0
#endif
inline constexpr unsigned part_items = ACTLAB_PROOF_PART == 1
                                           ? (odd | even | monotone | idempotent | universal)
                                       : ACTLAB_PROOF_PART == 2 ? (range_lo | range_hi)
                                       : ACTLAB_PROOF_PART == 3 ? (derivative_lo | derivative_hi)
                                       : ACTLAB_PROOF_PART == 4 ? lipschitz
                                                                : ~0U;

constexpr outcome check(std::size_t i) {
    const actlab::expr& f = *actlab::catalog()[i].definition;
    const catalogue_fact& fact = catalogue_facts[i];
    outcome r;
    if (actlab::catalog()[i].name != fact.name) r.wrong = ~0U;
    if (part_items & odd) {
        predicate(r, odd, actlab::is_odd(f), fact.parity == -1);
        predicate(r, even, actlab::is_even(f), fact.parity == 1);
        predicate(r, monotone, actlab::is_monotone_increasing(f), fact.monotone == 1);
        predicate(r, idempotent, actlab::is_idempotent(f), fact.idempotent);
        predicate(r, universal, actlab::universal_approximator(f), fact.universal_approximator);
    }
    if (part_items & range_lo) {
        const actlab::bounds range = actlab::range_bounds(f);
        end(r, range_lo, range.lo, fact.range_lo, -1);
        end(r, range_hi, range.hi, fact.range_hi, +1);
    }
    if (part_items & derivative_lo) {
        const actlab::bounds derivative = actlab::derivative_bounds(f);
        end(r, derivative_lo, derivative.lo, fact.derivative_lo, -1);
        end(r, derivative_hi, derivative.hi, fact.derivative_hi, +1);
    }
    if (!(part_items & lipschitz)) return r;
    // sup |f′| ≤ lipschitz_bound(f): never below the analysis' sup |f′|.
    const double sup_slope = actlab::lipschitz_bound(f);
    const printed& big = fabs(fact.derivative_lo.value) > fabs(fact.derivative_hi.value)
                             ? fact.derivative_lo
                             : fact.derivative_hi;
    if (!(sup_slope >= fabs(big.value) - big.tolerance)) r.wrong |= lipschitz;
    return r;
}

// What the compile-time proofs cannot decide yet (unknown) or bound tightly, per activation,
// in catalogue order; measured, and kept exact by the static_assert below.
constexpr unsigned expected_gaps[] = {
    /* identity */ 0,
    /* relu */ 0,
    /* leaky_relu */ 0,
    /* prelu */ 0,
    /* relu6 */ 0,
    /* elu */ 0,
    /* selu */ 0,
    /* celu */ 0,
    /* gelu */ 0,
    /* gelu_tanh */ 0,
    /* silu */ 0,
    /* swish */ 0,
    /* mish */ 0,
    /* softplus */ 0,
    /* softsign */ 0,
    /* sigmoid */ 0,
    /* tanh */ 0,
    /* hardtanh */ 0,
    /* hardsigmoid */ 0,
    /* hardswish */ 0,
    /* logsigmoid */ 0,
    /* tanhshrink */ 0,
    /* softshrink */ 0,
    /* hardshrink */ 0,
    /* threshold */ 0,
    /* heaviside */ 0,
    /* abs */ 0,
    /* sin */ 0,
    /* cos */ 0,
    /* square */ 0,
    /* cube */ 0,
    /* gaussian */ 0,
    /* erf */ 0,
    /* snake */ 0,
    /* apl */ 0,
    /* bspline */ 0,
};

template <std::size_t I>
struct verified {
    static constexpr outcome value = check(I);
    static_assert(value.wrong == 0,
                  "actlab: a compile-time proof contradicts the run-time analysis");
    static_assert(value.gaps == (expected_gaps[I] & part_items),
                  "actlab: the compile-time proofs' gaps changed: update expected_gaps");
};

#ifndef ACTLAB_PROOF_FIRST
#define ACTLAB_PROOF_FIRST 0
#endif
#ifndef ACTLAB_PROOF_LAST
#define ACTLAB_PROOF_LAST 1
#endif

template <std::size_t... I>
constexpr bool all_verified(std::index_sequence<I...>) {
    return ((verified<ACTLAB_PROOF_FIRST + I>::value.wrong == 0) && ...);
}

static_assert(std::size(catalogue_facts) == actlab::catalog().size(),
              "actlab: regenerate tests/data/proofs/catalogue_facts.hpp");
static_assert(std::size(expected_gaps) == std::size(catalogue_facts));
static_assert(ACTLAB_PROOF_FIRST < ACTLAB_PROOF_LAST &&
              ACTLAB_PROOF_LAST <= std::size(catalogue_facts));
#ifdef ACTLAB_PROOF_GROUPS_END
// The groups of the build cover every activation.
static_assert(ACTLAB_PROOF_GROUPS_END == std::size(catalogue_facts),
              "actlab: a catalogue activation is not in tests/static's proofs_catalogue_groups");
#endif
static_assert(all_verified(std::make_index_sequence<ACTLAB_PROOF_LAST - ACTLAB_PROOF_FIRST>{}));

}  // namespace

int main() {}
