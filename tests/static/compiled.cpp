// compiled<f> in constant expressions: it uses actlab's kernels there, so it equals eval bit
// for bit, and of a `where` it computes only the selected arm (an unselected arm that
// overflows or divides by zero does not stop the constant evaluation).
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>
#include <actlab/eval/evaluate.hpp>
#include <actlab/expr/build.hpp>

#include <array>
#include <span>

namespace {

using namespace actlab;

constexpr expr gelu = x * (1 + erf(x / sqrt(2))) / 2;
constexpr expr mish = x * tanh(softplus(x));
constexpr expr prelu = where(x < 0, param("alpha", 0.25) * x, x);

static_assert(compiled<sigmoid(x)>{}(0.0) == 0.5);
static_assert(compiled<d(sigmoid(x))>{}(0.0) == 0.25);
static_assert(compiled<tanh(x)>{}(0.5) == eval(tanh(x), 0.5));
static_assert(compiled<d(tanh(x))>{}(0.5) == eval(d(tanh(x)), 0.5));
static_assert(compiled<gelu>{}(1.25) == eval(gelu, 1.25));
static_assert(compiled<d(gelu)>{}(-0.75) == eval(d(gelu), -0.75));
static_assert(compiled<mish>{}(-1.5) == eval(mish, -1.5));
static_assert(compiled<d(mish)>{}(2.0) == eval(d(mish), 2.0));
static_assert(compiled<pow(x, 3) - pow(x, -2)>{}(2.0) == 7.75);
static_assert(compiled<sqrt(2) * x>{}(1.0) == eval(sqrt(2) * x, 1.0));

// Unselected arms that would not be constant expressions.
static_assert(compiled<where(x <= 1, x, 1 / (x - 1))>{}(1.0) == 1.0);
static_assert(compiled<where(x < 0, x, exp(-1000 * x))>{}(-1.0) == -1.0);

// Parameters: defaults, or values in the expression's parameter order.
static_assert(compiled<prelu>::parameter_count == 1);
static_assert(compiled<prelu>{}(-2.0) == -0.5);
constexpr std::array<double, 1> alpha{0.5};
static_assert(compiled<prelu>{}(-2.0, std::span<const double>(alpha)) == -1.0);

// Stateless.
static_assert(sizeof(compiled<mish>) == 1);
static_assert(std::is_empty_v<compiled<d(mish)>>);

}  // namespace

int main() {}
