// Compile-time fixed points (actlab/proofs/fixed_points.hpp): certified enclosures, their
// stability, completeness. The reference values are the run-time MPFR analysis' fixed points
// (docs/reference/analysis.md, 8 significant digits): each enclosure must overlap the printed
// value's rounding interval and be narrow (1e-12 relative).
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;
using actlab::fixed_point;
using actlab::fixed_point_stability;

namespace {

// The enclosure meets [v − tol, v + tol] (the printed value's rounding) and is narrow.
constexpr bool near(const fixed_point& p, double v, double tol) {
    const double mag = v < 0 ? -v : v;
    return p.lo <= v + tol && v - tol <= p.hi && p.hi - p.lo <= 1e-12 * (mag > 1 ? mag : 1);
}
constexpr bool exact(const fixed_point& p, double v) { return p.lo == v && p.hi == v; }

// sigmoid: one fixed point, attracting (σ′ < 1/4 there).
constexpr auto sigmoid_fp = actlab::fixed_points(act::sigmoid);
static_assert(sigmoid_fp.complete && sigmoid_fp.size() == 1 && sigmoid_fp.run_count == 0);
static_assert(near(sigmoid_fp[0], 0.65904607, 5e-9));
static_assert(sigmoid_fp[0].stability == fixed_point_stability::attracting);

// tanh: 0 exactly, with tanh′(0) = 1: reported neutral (the linear test is undecided), and
// proved attracting from both sides (tanh x − x = −x³/3 + …: a Taylor argument on a box).
constexpr auto tanh_fp = actlab::fixed_points(act::tanh);
static_assert(tanh_fp.complete && tanh_fp.size() == 1);
static_assert(exact(tanh_fp[0], 0));
static_assert(tanh_fp[0].stability == fixed_point_stability::neutral);
static_assert(tanh_fp[0].attracts_from_left && tanh_fp[0].attracts_from_right);

// cos: the Dottie number, attracting.
constexpr auto cos_fp = actlab::fixed_points(act::cos);
static_assert(cos_fp.complete && cos_fp.size() == 1);
static_assert(near(cos_fp[0], 0.73908513, 5e-9));
static_assert(cos_fp[0].stability == fixed_point_stability::attracting);

// cube: −1, 0, 1 exactly; ±1 repelling (f′ = 3), 0 attracting (f′ = 0).
constexpr auto cube_fp = actlab::fixed_points(act::cube);
static_assert(cube_fp.complete && cube_fp.size() == 3);
static_assert(exact(cube_fp[0], -1) && exact(cube_fp[1], 0) && exact(cube_fp[2], 1));
static_assert(cube_fp[0].stability == fixed_point_stability::repelling);
static_assert(cube_fp[1].stability == fixed_point_stability::attracting);
static_assert(cube_fp[2].stability == fixed_point_stability::repelling);

// erf: 0 repelling (erf′(0) = 2/√π > 1), ±0.61744688 attracting.
constexpr auto erf_fp = actlab::fixed_points(act::erf);
static_assert(erf_fp.complete && erf_fp.size() == 3);
static_assert(near(erf_fp[0], -0.61744688, 5e-9) && exact(erf_fp[1], 0) &&
              near(erf_fp[2], 0.61744688, 5e-9));
static_assert(erf_fp[0].stability == fixed_point_stability::attracting);
static_assert(erf_fp[1].stability == fixed_point_stability::repelling);
static_assert(erf_fp[2].stability == fixed_point_stability::attracting);

// sin: 0, neutral (sin′(0) = 1), attracting from both sides (sin x − x = −x³/6 + …).
constexpr auto sin_fp = actlab::fixed_points(act::sin);
static_assert(sin_fp.complete && sin_fp.size() == 1 && exact(sin_fp[0], 0));
static_assert(sin_fp[0].stability == fixed_point_stability::neutral);

// Runs of fixed points (f = x on a piece) are no isolated fixed points: relu's [0, ∞),
// hardtanh's [−1, 1], identity's ℝ.
constexpr auto relu_fp = actlab::fixed_points(act::relu);
static_assert(relu_fp.complete && relu_fp.size() == 0 && relu_fp.run_count == 1);
static_assert(relu_fp.runs[0] == actlab::bounds{0, actlab::detail::proof::inf});
constexpr auto hardtanh_fp = actlab::fixed_points(act::hardtanh);
static_assert(hardtanh_fp.complete && hardtanh_fp.size() == 0);
static_assert(hardtanh_fp.run_count == 1 && hardtanh_fp.runs[0] == actlab::bounds{-1, 1});
constexpr auto identity_fp = actlab::fixed_points(act::identity);
static_assert(identity_fp.complete && identity_fp.run_count == 1);
static_assert(identity_fp.runs[0] ==
              actlab::bounds{-actlab::detail::proof::inf, actlab::detail::proof::inf});

// gelu: 0 is found (exact zero of x·Φ(x) − x) and attracting, but the tails x·Φ(−x) are ∞·0
// in interval arithmetic, so the list is honestly not proved complete.
constexpr auto gelu_fp = actlab::fixed_points(act::gelu);
static_assert(!gelu_fp.complete && gelu_fp.size() == 1 && exact(gelu_fp[0], 0));
static_assert(gelu_fp[0].stability == fixed_point_stability::attracting);

// A user formula: x ↦ 2·tanh(x) has fixed points 0 (repelling) and ±1.9150080 (attracting).
constexpr auto user_fp = actlab::fixed_points(2 * actlab::tanh(actlab::x));
static_assert(user_fp.complete && user_fp.size() == 3 && exact(user_fp[1], 0));
static_assert(user_fp[1].stability == fixed_point_stability::repelling);
static_assert(user_fp[0].stability == fixed_point_stability::attracting);
static_assert(near(user_fp[2], 1.9150080, 5e-8) && near(user_fp[0], -1.9150080, 5e-8));

}  // namespace

int main() {}
