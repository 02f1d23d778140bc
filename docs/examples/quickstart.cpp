// Quick start: write an activation as a C++ expression, differentiate it, print it, and
// check values at compile time.
#include <actlab/actlab.hpp>
#include <actlab/print/printer.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cstdio>
#include <iostream>
#include <string>

using namespace actlab;

// Mish (Misra 2019): x·tanh(softplus(x)), an ordinary C++ expression.
constexpr expr mish = x * tanh(softplus(x));
constexpr expr sigma = sigmoid(x);

// Checked by the compiler: derivative identities and values in double.
static_assert(d(sigma) == sigma * (1 - sigma));
static_assert(d(tanh(x)) == 1 - pow(tanh(x), 2));
static_assert(eval(d(sigma), 0.0) == 0.25);
// mish'(0) = tanh(log 2) = 3/5; the constexpr kernels give the double nearest 0.6.
static_assert(eval(d(mish), 0.0) == 0.6);

int main() {
    std::cout << "f(x)    = " << to_text(mish) << "\n";
    std::cout << "f'(x)   = " << to_text(d(mish)) << "\n";
    std::cout << "f''(x)  = " << to_text(d<2>(mish)) << "\n";
    std::cout << "LaTeX   : " << to_latex(d(mish)) << "\n";
    std::cout << "σ'(x)   = " << to_text(d(sigma)) << "   (LaTeX " << to_latex(d(sigma)) << ")\n";
    std::printf("f'(0) in double, computed at compile time: %.17g\n", eval(d(mish), 0.0));
    using boost::multiprecision::cpp_bin_float_50;
    std::cout << "f(1) to 50 digits: " << eval(mish, cpp_bin_float_50(1)).str(50) << "\n";
}
