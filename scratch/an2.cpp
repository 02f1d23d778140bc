#include <actlab/analysis/analyze.hpp>
#include <actlab/expr/build.hpp>
#include <cstdio>
using namespace actlab;
void show(const char* name, const expr& f) {
    auto r = analyze(f, {.digits = 30});
    std::printf("== %s: complete %s (%s)\n", name, to_string(r.fixed_points_complete.status), r.fixed_points_complete.reason.c_str());
    for (auto& p : r.fixed_points) std::printf("  fp %s f'=%s %s %s\n", p.x.text.c_str(), p.derivative.text.c_str(), p.stability.c_str(), p.note.c_str());
    for (auto& p : r.fixed_intervals) std::printf("  interval [%s, %s]\n", p.first.text.c_str(), p.second.text.c_str());
    std::printf("  idempotent %s (%s)\n", to_string(r.idempotent.status), r.idempotent.reason.c_str());
}
int main(){
  show("relu", max(0, x));
  show("sigmoid", sigmoid(x));
  show("tanh", tanh(x));
  show("cos", cos(x));
  show("cube", pow(x, 3));
  show("erf", erf(x));
  show("hardtanh", min(max(x, -1), 1));
  show("selu", constant("1.0507009873554804934193349852946") * where(x > 0, x, constant("1.6732632423543772848170429916717") * (exp(x) - 1)));
  show("softplus", softplus(x));
  show("gaussian", exp(-pow(x,2)));
  show("threshold", where(x > 0.1, x, 20));
  show("heaviside", step(x));
}
