#include <actlab/analysis/analyze.hpp>
#include <actlab/expr/build.hpp>
#include <cstdio>
using namespace actlab;
void show(const char* name, const expr& f) {
    auto r = analyze(f, {.digits = 20});
    std::printf("== %s: %s | f' = %s | f(0)=%s smooth=%s\n", name, r.formula.c_str(), r.derivative_formula.c_str(), r.f0.text.c_str(), r.smoothness.c_str());
    std::printf("  poly %s (%s) deg=%d\n  UA %s (%s)\n  parity %s (%s)\n  monotone %s (%s)\n  above %s (%s)\n  below %s (%s)\n",
      to_string(r.polynomial.status), r.polynomial.reason.c_str(), r.polynomial_degree.value_or(-1),
      to_string(r.universal_approximator.status), r.universal_approximator.reason.c_str(),
      r.parity.c_str(), r.even.reason.c_str(), r.monotone.c_str(), r.monotone_claim.reason.c_str(),
      to_string(r.bounded_above.status), r.bounded_above.reason.c_str(), to_string(r.bounded_below.status), r.bounded_below.reason.c_str());
    for (auto& k : r.kinks) std::printf("  kink %s %s %s %d\n", k.x.text.c_str(), k.left_derivative.text.c_str(), k.right_derivative.text.c_str(), k.jump);
}
int main(){
  show("relu", max(0, x));
  show("sigmoid", sigmoid(x));
  show("gelu", x * (1 + erf(x / sqrt(2))) / 2);
  show("square", pow(x, 2));
  show("sin", sin(x));
  show("snake", x + pow(sin(x), 2));
  show("silu", x * sigmoid(x));
  show("tanh", tanh(x));
  show("threshold", where(x > 0.1, x, 20));
}
