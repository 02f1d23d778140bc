// orbit: gradients across depth.
#include "commands.hpp"
#include "json.hpp"

#include <actlab/analysis/orbit.hpp>

#include <algorithm>
#include <iomanip>

namespace actlab_cli {

namespace {

std::string text_of(const actlab::decimal& d) { return d.known() ? d.text : "unknown"; }

template <class T>
std::string text_of(const std::optional<T>& v) {
    if (!v) return "none";
    if constexpr (std::is_same_v<T, long>)
        return std::to_string(*v);
    else
        return text_of(*v);
}

}  // namespace

int orbit(std::ostream& out, const activation& a, const std::string& x0, long depth, bool every,
          int digits, bool json) {
    // The underflow search goes past depth only as far as the depth asks for: to 100·depth,
    // at least 10^4, at most 10^6 steps (the output says how far it searched).
    const long horizon = std::clamp(100 * depth, 10000L, 1000000L);
    const actlab::orbit_report r =
        actlab::orbit(a.f, x0, depth, {.digits = digits, .every = every, .horizon = horizon});
    if (json) {
        json_writer w(out);
        w.begin_object();
        w.key("activation").value(a.name);
        w.key("x0").value(r.x0);
        w.key("depth").integer(r.depth);
        w.key("digits").integer(r.digits);
        w.key("steps").begin_array();
        for (const auto& s : r.steps) {
            w.begin_object();
            w.key("n").integer(s.n);
            w.key("x").value(s.x);
            w.key("grad_product").value(s.grad_product);
            w.key("log10_abs_grad_product").value(s.log10_abs_grad_product);
            w.end_object();
        }
        w.end_array();
        w.key("double_underflow_depth");
        if (r.double_underflow_depth)
            w.integer(*r.double_underflow_depth);
        else
            w.null();
        w.key("double_subnormal_depth");
        if (r.double_subnormal_depth)
            w.integer(*r.double_subnormal_depth);
        else
            w.null();
        w.key("double_underflow_status").value(r.double_underflow_status);
        w.key("double_subnormal_status").value(r.double_subnormal_status);
        w.key("searched_depth").integer(r.searched_depth);
        w.key("note").value(r.note);
        w.end_object();
        return 0;
    }
    out << "orbit of " << a.name << " from x0 = " << r.x0 << ", " << r.digits
        << " significant digits (agreeing at two precisions)\n"
        << "P_n = f'(x_0)·f'(x_1)···f'(x_{n-1})\n\n";
    for (const auto& s : r.steps) {
        out << "n = " << s.n << "\n  x_n          = " << text_of(s.x)
            << "\n  P_n          = " << text_of(s.grad_product)
            << "\n  log10 |P_n|  = " << text_of(s.log10_abs_grad_product) << "\n";
    }
    const auto depth_text = [](const std::optional<long>& v, const std::string& status) {
        return v ? " from n = " + std::to_string(*v) : ": " + status;
    };
    out << "\nIEEE double: |P_n| < 2^-1022 (subnormal)"
        << depth_text(r.double_subnormal_depth, r.double_subnormal_status)
        << ", < 2^-1074 (underflow to 0)"
        << depth_text(r.double_underflow_depth, r.double_underflow_status)
        << " (searched to n = " << r.searched_depth << ")\n"
        << "(" << r.note << ")\n";
    return 0;
}

}  // namespace actlab_cli
