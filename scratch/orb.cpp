#include <actlab/analysis/orbit.hpp>
#include <actlab/expr/build.hpp>
#include <cstdio>
using namespace actlab;
void show(const char* name, const expr& f, const char* x0) {
    auto r = orbit(f, x0, 1000, {.digits = 50});
    std::printf("%s: underflow %ld subnormal %ld\n", name, r.double_underflow_depth.value_or(-1), r.double_subnormal_depth.value_or(-1));
    for (auto& s : r.steps) std::printf("  %ld %s %s %s\n", s.n, s.x.text.c_str(), s.grad_product.text.c_str(), s.log10_abs_grad_product.text.c_str());
}
int main(){
  show("sigmoid", sigmoid(x), "1");
  show("tanh", tanh(x), "1");
  show("cube", pow(x,3), "0.9");
}
