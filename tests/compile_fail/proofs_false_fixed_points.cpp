// expect: actlab: (silu is not 1-Lipschitz|cos has one fixed point|sigmoid's fixed point attracts)
// False claims about SiLU's slope and about fixed points do not compile: sup SiLU′ = 1.0998…
// (its certified bound is within 1e-12 of that), cos has exactly one fixed point (0.739…,
// proved complete), and sigmoid's fixed point 0.659… attracts (σ′ < 1/4 there).
#include <actlab/actlab.hpp>
#include <actlab/proofs.hpp>

namespace act = actlab::activations;
using actlab::fixed_point_stability;

#ifdef ACTLAB_KO
static_assert(actlab::lipschitz_bound(act::silu) <= 1, "actlab: silu is not 1-Lipschitz");
static_assert(actlab::fixed_points(act::cos).size() == 2, "actlab: cos has one fixed point");
static_assert(actlab::fixed_points(act::sigmoid)[0].stability == fixed_point_stability::repelling,
              "actlab: sigmoid's fixed point attracts");
#else
static_assert(actlab::lipschitz_bound(act::silu) <= 1.1, "actlab: silu is not 1-Lipschitz");
static_assert(actlab::fixed_points(act::cos).complete && actlab::fixed_points(act::cos).size() == 1,
              "actlab: cos has one fixed point");
static_assert(actlab::fixed_points(act::sigmoid)[0].stability == fixed_point_stability::attracting,
              "actlab: sigmoid's fixed point attracts");
#endif

int main() {}
