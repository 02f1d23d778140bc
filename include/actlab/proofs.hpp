// actlab: compile-time proofs — certified bounds (range_bounds, derivative_bounds,
// lipschitz_bound), fixed_points and three-valued predicates (is_polynomial, is_even,
// is_idempotent, ...) usable in static_assert. See docs/design.md, "Compile-time proofs".
#pragma once

#include <actlab/proofs/bounds.hpp>
#include <actlab/proofs/fixed_points.hpp>
#include <actlab/proofs/predicates.hpp>
#include <actlab/proofs/range.hpp>
#include <actlab/proofs/truth.hpp>
