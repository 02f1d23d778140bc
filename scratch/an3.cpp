#include <actlab/analysis/analyze.hpp>
#include <actlab/expr/build.hpp>
#include <cstdio>
using namespace actlab;
void ex(const char* what, const extremum_report& e) {
  std::printf("  %s inf=%s (%s, at %s) sup=%s (%s, at %s)\n     %s\n", what, e.inf.text.c_str(), e.inf_attained ? (*e.inf_attained ? "attained":"not attained") : "?", e.arginf ? e.arginf->text.c_str() : "-",
     e.sup.text.c_str(), e.sup_attained ? (*e.sup_attained ? "attained":"not attained") : "?", e.argsup ? e.argsup->text.c_str() : "-", e.reason.substr(0, 60).c_str());
}
void show(const char* name, const expr& f) {
    auto r = analyze(f, {.digits = 25});
    std::printf("== %s\n", name); ex("f ", r.range); ex("f'", r.derivative_range);
}
int main(){
  show("relu", max(0, x));
  show("sigmoid", sigmoid(x));
  show("tanh", tanh(x));
  show("gelu", x * (1 + erf(x / sqrt(2))) / 2);
  show("silu", x * sigmoid(x));
  show("mish", x * tanh(softplus(x)));
  show("relu6", min(max(0, x), 6));
  show("sin", sin(x));
  show("cube", pow(x, 3));
  show("softsign", x / (1 + abs(x)));
}
