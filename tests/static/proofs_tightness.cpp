// Tightness of the compile-time bounds for the smooth catalogue activations (issue 15, item
// 4): each bound contains the true extremum and lies within 1e-12 (relative) of it. The true
// values are mpmath's (tests/data/proofs/generate_smooth_extrema.py -> smooth_extrema.hpp).
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

#include <data/proofs/smooth_extrema.hpp>

namespace act = actlab::activations;
namespace ex = actlab_test::proofs::extrema;
using actlab::bounds;

namespace {

constexpr double mag(double v) { return v < 0 ? -v : v; }
// A reference double is the true value rounded to nearest: within 2^-53 relative of it.
constexpr double half_ulp(double v) { return mag(v) * 0x1p-53; }

// hi is an upper bound of the true value v, and within 1e-12 relative of it.
constexpr bool tight_above(double hi, double v) {
    return hi >= v - half_ulp(v) && hi - v <= 1e-12 * mag(v);
}
constexpr bool tight_below(double lo, double v) {
    return lo <= v + half_ulp(v) && v - lo <= 1e-12 * mag(v);
}
constexpr bool tight(const bounds& b, double lo, double hi) {
    return tight_below(b.lo, lo) && tight_above(b.hi, hi);
}

// Derivatives: the textbook forms hit ∞·0 on the tails (x·σ(x)·(1 − σ(x))); the bounds
// go through the evaluation forms and the decay bound of products on tails.
static_assert(tight(actlab::derivative_bounds(act::silu), ex::silu_d_min, ex::silu_d_max));
static_assert(tight(actlab::derivative_bounds(act::swish), ex::silu_d_min, ex::silu_d_max));
static_assert(tight(actlab::derivative_bounds(act::gelu), ex::gelu_d_min, ex::gelu_d_max));
static_assert(tight(actlab::derivative_bounds(act::gelu_tanh), ex::gelu_tanh_d_min,
                    ex::gelu_tanh_d_max));
static_assert(tight(actlab::derivative_bounds(act::mish), ex::mish_d_min, ex::mish_d_max));
static_assert(tight_above(actlab::lipschitz_bound(act::silu), ex::silu_d_max));
static_assert(tight_above(actlab::lipschitz_bound(act::gelu), ex::gelu_d_max));

// Exact where the truth is a simple number: sigmoid′ ≤ 1/4 (at 0), tanh′ ≤ 1, softplus′ < 1.
static_assert(actlab::derivative_bounds(act::sigmoid) == bounds{0, 0.25});
static_assert(actlab::derivative_bounds(act::tanh) == bounds{0, 1});
static_assert(actlab::derivative_bounds(act::softplus) == bounds{0, 1});

// Ranges: the minimum of the non-monotone smooth activations.
static_assert(tight_below(actlab::range_bounds(act::silu).lo, ex::silu_min));
static_assert(tight_below(actlab::range_bounds(act::gelu).lo, ex::gelu_min));
static_assert(tight_below(actlab::range_bounds(act::gelu_tanh).lo, ex::gelu_tanh_min));
static_assert(tight_below(actlab::range_bounds(act::mish).lo, ex::mish_min));
static_assert(actlab::range_bounds(act::mish).hi == actlab::detail::proof::inf);

}  // namespace

int main() {}
