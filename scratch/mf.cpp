#include <actlab/analysis/meanfield.hpp>
#include <actlab/expr/build.hpp>
#include <cstdio>
#include <chrono>
using namespace actlab;
void show(const char* name, const expr& f, const char* w, const char* b, int digits) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = mean_field(f, w, b, {.digits = digits});
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s (%s,%s) %.2fs: %s q*=%s chi1=%s c*=%s chic=%s xic=%s xig=%s\n", name, w, b, s, r.q_status.c_str(), r.q_star.text.c_str(), r.chi1.text.c_str(), r.c_star.text.c_str(), r.chi_c.text.c_str(), r.xi_c.text.c_str(), r.xi_grad.text.c_str());
    std::fflush(stdout);
}
int main(int argc, char** argv){
  int digits = argc > 1 ? std::atoi(argv[1]) : 10;
  show("tanh", tanh(x), "1", "0.05", digits);
  show("relu", max(0, x), "2", "0", digits);
  show("relu", max(0, x), "1", "0.1", digits);
  show("tanh", tanh(x), "2.5", "0.3", digits);
}
